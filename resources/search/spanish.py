"""Spanish words as both indexes see them: stemmed, and found however the accents are typed.

People type `depresion` for `depresión` and `informacion` for `información`, and Spanish
stemmers treat an accentless word differently (PostgreSQL's `spanish` configuration keeps
`informacion` whole but cuts `información` and `informaciones` to `inform`). So a document
carries each accented word twice, as written and without its accents (`extra_words`, kept
after the text so that phrases still match as written), and a query asks for each term as
typed or without its accents (`query_forms`). No database extension is needed for this.
"""

import re
import unicodedata
from functools import lru_cache

PG_CONFIG_ES = "spanish"
WORD = re.compile(r"\w+", re.UNICODE)


def strip_accents(text):
    """`text` without its accents and diaeresis (ñ becomes n, as people type it on a phone)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
    )


def extra_words(text):
    """The accented words of `text` without their accents, once each, in the order met."""
    seen = {}
    for word in WORD.findall(text.lower()):
        folded = strip_accents(word)
        if folded != word:
            seen.setdefault(folded, None)
    return " ".join(seen)


def query_forms(text):
    """The forms of a query term to ask for: as typed, and without accents when it has some."""
    folded = strip_accents(text)
    return [text] if folded == text else [text, folded]


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("spanish")


@lru_cache(maxsize=20000)
def stem(word):
    """The Snowball Spanish stem of one word, lower case and without accents (SQLite's index)."""
    return strip_accents(_stemmer().stemWord(word.lower()))


def stemmed(text):
    """`text` as the words of SQLite's Spanish index: each word its stem, in order."""
    return " ".join(stem(word) for word in WORD.findall(text))


def stemmed_with_extras(text):
    """What SQLite's Spanish index stores for `text`: the stems in order, then the stems of
    the accented words read without their accents where those differ."""
    stems = stemmed(text)
    known = set(stems.split())
    extras = {stem(word) for word in extra_words(text).split()} - known
    return " ".join([stems, *sorted(extras)]) if extras else stems
