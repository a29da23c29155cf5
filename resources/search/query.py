"""What a visitor typed, parsed once into a structure every search backend can render.

The syntax is the web-search one people know: words must all match, "a quoted phrase" matches
as a phrase, -word excludes, and `or` between two terms accepts either.
"""

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

# Words too common to tell services apart, in English and Spanish. PostgreSQL's english
# configuration drops its own stop words from a query while SQLite's FTS5 keeps every word:
# dropped here, before either sees them, they mean the same on both (this list holds every
# word PostgreSQL's english configuration drops, checked with ts_lexize).
_STOP_WORDS = """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing don down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own s same she should so some such t than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    al con de del el en la las lo los mi mis o para pero por que se su sus te tu un una unos y
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD_CHARACTERS = re.compile("[\\w'\u2019-]+")


@dataclass(frozen=True)
class Term:
    text: str
    is_phrase: bool = False

    @property
    def words(self):
        return self.text.split()


@dataclass
class Clause:
    """Terms of which any one may match; `alternatives` were added by synonyms or corrections."""

    terms: list
    alternatives: list = field(default_factory=list)

    @property
    def all_terms(self):
        return [*self.terms, *self.alternatives]


@dataclass
class ParsedQuery:
    clauses: list = field(default_factory=list)
    excluded: list = field(default_factory=list)

    # Stop words left out of the query (see STOP_WORDS), for a note when nothing else is left.
    ignored: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.clauses or self.excluded)

    def drop_stop_words(self):
        """Leave out the terms made of stop words only. A query of `the` alone is then no
        search at all, the same on every backend, where FTS5 found every service (all use the
        word) and PostgreSQL none (its query of stop words alone is empty)."""

        def meaningful(term):
            if any(word not in STOP_WORDS for word in term.words):
                return True
            self.ignored.append(term.text)
            return False

        for clause in self.clauses:
            clause.terms = [term for term in clause.terms if meaningful(term)]
        self.clauses = [clause for clause in self.clauses if clause.all_terms]
        self.excluded = [term for term in self.excluded if meaningful(term)]
        return self

    @property
    def plain_words(self):
        """Single words typed without quotes: the ones synonyms and spelling help can replace."""
        return [term.text for clause in self.clauses for term in clause.terms if not term.is_phrase]


def clean_query_text(raw):
    """Printable text only, at most MAX_QUERY_LENGTH characters: control characters (NUL
    among them, which PostgreSQL refuses) become spaces."""
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in (raw or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _normalise(text):
    return " ".join(WORD_CHARACTERS.findall(text.lower()))


def parse_query(raw):
    parsed = ParsedQuery()
    pending_or = False
    for match in TOKEN.finditer(clean_query_text(raw)):
        negated_phrase, phrase, bare = match.groups()
        if bare is not None and bare.lower() == "or":
            pending_or = bool(parsed.clauses)
            continue
        negated = bool(negated_phrase) or (bare is not None and bare.startswith("-"))
        text = _normalise(phrase if phrase is not None else bare.lstrip("-"))
        if not text:
            continue
        term = Term(text, is_phrase=phrase is not None)
        if negated:
            parsed.excluded.append(term)
        elif pending_or:
            parsed.clauses[-1].terms.append(term)
        else:
            parsed.clauses.append(Clause([term]))
        pending_or = False
        if len(parsed.clauses) + len(parsed.excluded) >= MAX_TERMS:
            break
    return parsed
