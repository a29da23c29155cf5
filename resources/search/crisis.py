"""Searches that say someone may be in danger: `I want to die` shows the crisis line first.

A curated list of phrases, in the words people type (CrisisPhrase, kept by curators in the
admin), matched after folding case, accents and punctuation, and forgiving one slip of the
finger in each longer word: someone in distress on a phone types `suicdal` and `quiero
matarme` as readily as `suicidal` and `matarme`.
"""

import unicodedata
import uuid

from django.core.cache import cache

from resources.vocabulary import VOCABULARY_NAMESPACE

CACHE_KEY = "crisis-phrases"
# Curators' edits clear the cache in this process at once; other processes see them within this.
CACHE_SECONDS = 60

# Words shorter than this must be typed exactly: with one slip allowed, `die` would match `dye`
# and `diet`, and `me` nearly anything.
TYPO_MIN_LENGTH = 4

APOSTROPHES = {"'", "\N{RIGHT SINGLE QUOTATION MARK}", "`"}

# The starting list; curators keep it up in the admin. New databases are seeded by the data
# migrations (0013, 0031), each from a frozen copy of the phrases it added: a phrase added here
# reaches databases only through a new data migration. Tests seed emptied tables from here.
STARTING_CRISIS_PHRASES = [
    # English
    "suicide",
    "suicidal",
    "kill myself",
    "killing myself",
    "end my life",
    "ending my life",
    "take my own life",
    "end it all",
    "want to die",
    "wanna die",
    "wish i was dead",
    "wish i were dead",
    "better off dead",
    "dont want to live",
    "dont want to be alive",
    "no reason to live",
    "cant go on",
    "hurt myself",
    "hurting myself",
    "harm myself",
    "self harm",
    "selfharm",
    "cutting myself",
    "overdose",
    "overdosing",
    "hang myself",
    "shoot myself",
    # Spanish
    "suicidio",
    "suicida",
    "suicidarme",
    "quiero morir",
    "quiero morirme",
    "me quiero morir",
    "matarme",
    "me quiero matar",
    "no quiero estar vivo",
    "no quiero estar viva",
    "me voy a matar",
    "no quiero vivir",
    "no quiero seguir viviendo",
    "quitarme la vida",
    "acabar con mi vida",
    "hacerme daño",
    "autolesion",
    "cortarme las venas",
    "sobredosis",
]


# Spanish phrases added with Spanish search (issue 17, migration 0031): the ways people
# say in Spanish that they want to die or kill themselves, to hurt themselves, that they cannot
# go on, or that they are in danger. Accents, case and one slip in a longer word do not matter.
ADDED_WITH_SPANISH_SEARCH = [
    "quiero suicidarme",
    "me quiero suicidar",
    "me voy a suicidar",
    "pienso en suicidarme",
    "pensamientos suicidas",
    "ideas suicidas",
    "quiero matarme",
    "me voy a quitar la vida",
    "quiero quitarme la vida",
    "terminar con mi vida",
    "acabar con todo",
    "terminar con todo",
    "quisiera morir",
    "quisiera morirme",
    "quiero estar muerto",
    "quiero estar muerta",
    "quisiera estar muerto",
    "quisiera estar muerta",
    "ojala estuviera muerto",
    "ojala estuviera muerta",
    "mejor estaria muerto",
    "mejor estaria muerta",
    "estaria mejor muerto",
    "estaria mejor muerta",
    "no quiero despertar",
    "no quiero despertarme",
    "no vale la pena vivir",
    "no tengo razon para vivir",
    "no tengo razones para vivir",
    "no tengo por que vivir",
    "quiero desaparecer",
    "no aguanto mas",
    "ya no aguanto",
    "no puedo mas",
    "no puedo seguir",
    "ya no puedo seguir",
    "me quiero hacer daño",
    "quiero hacerme daño",
    "me hago daño",
    "lastimarme",
    "autolesionarme",
    "me estoy cortando",
    "me corto los brazos",
    "cortarme las muñecas",
    "ahorcarme",
    "dispararme",
    "tirarme de un puente",
    "tomarme todas las pastillas",
    "estoy en peligro",
    "mi vida corre peligro",
    "me quiere matar",
    "me va a matar",
    "me quieren matar",
]
STARTING_CRISIS_PHRASES += [
    phrase for phrase in ADDED_WITH_SPANISH_SEARCH if phrase not in STARTING_CRISIS_PHRASES
]


def crisis_phrase_id(phrase):
    """The id a starting phrase is seeded with: the same in every database, so a dump of one
    loads into another that migrations seeded (see migration 0027)."""
    return uuid.uuid5(VOCABULARY_NAMESPACE, f"crisis-phrase:{phrase.lower()}")


def seed_crisis_phrases(phrase_model):
    """The starting list, for tests whose database was emptied."""
    for phrase in STARTING_CRISIS_PHRASES:
        phrase_model.objects.get_or_create(phrase=phrase, defaults={"id": crisis_phrase_id(phrase)})


def fold(text):
    """`text` as words to compare: lower case, without accents, punctuation or apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = []
    for char in decomposed:
        if unicodedata.combining(char) or char in APOSTROPHES:
            # `don't` is typed `dont` as often as not: the apostrophe joins, it does not split.
            continue
        letters.append(char if char.isalnum() else " ")
    return tuple("".join(letters).split())


def _within_one_edit(typed, known):
    """One letter added, dropped, changed, or two neighbours swapped (Damerau-Levenshtein ≤ 1)."""
    if typed == known:
        return True
    if abs(len(typed) - len(known)) > 1:
        return False
    if len(typed) == len(known):
        pairs = enumerate(zip(typed, known, strict=True))
        differences = [index for index, (a, b) in pairs if a != b]
        if len(differences) == 1:
            return True
        first, *rest = differences
        return (
            len(differences) == 2
            and rest[0] == first + 1
            and typed[first] == known[first + 1]
            and typed[first + 1] == known[first]
        )
    shorter, longer = sorted((typed, known), key=len)
    for index, char in enumerate(shorter):
        if char != longer[index]:
            return shorter[index:] == longer[index + 1 :]
    return True


def _same_word(typed, known):
    if len(known) < TYPO_MIN_LENGTH:
        return typed == known
    return _within_one_edit(typed, known)


def _contains(words, phrase):
    size = len(phrase)
    in_order = any(
        all(map(_same_word, words[start : start + size], phrase))
        for start in range(len(words) - size + 1)
    )
    # On a phone the space is easily missed: `killmyself`, `wanttodie`.
    run_together = size > 1 and any(_same_word(word, "".join(phrase)) for word in words)
    return in_order or run_together


def crisis_phrases():
    """The curated phrases, folded, read from the database at most once a minute."""
    phrases = cache.get(CACHE_KEY)
    if phrases is None:
        from resources.models import CrisisPhrase

        folded = (fold(phrase) for phrase in CrisisPhrase.objects.values_list("phrase", flat=True))
        phrases = [phrase for phrase in folded if phrase]
        cache.set(CACHE_KEY, phrases, CACHE_SECONDS)
    return phrases


def forget_crisis_phrases(**kwargs):
    cache.delete(CACHE_KEY)


def crisis_phrase_in(text):
    """The curated phrase `text` says (folded, as words), or None."""
    # Search text is cut at 200 characters anyway; this keeps a pasted essay cheap.
    words = fold((text or "")[:500])
    if not words:
        return None
    return next((phrase for phrase in crisis_phrases() if _contains(words, phrase)), None)


def is_crisis_search(text):
    return crisis_phrase_in(text) is not None
