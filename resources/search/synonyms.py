"""Words visitors use for what entries call otherwise: `sad` finds depression services."""

from django.core.cache import cache

from resources.search.query import Term

CACHE_KEY = "search-synonyms"
# Curators' edits clear the cache in this process at once; other processes see them within this.
CACHE_SECONDS = 60

# The starting list, seeded by a data migration; curators keep it up in the admin.
STARTING_SYNONYMS = {
    "suicidal": "suicide prevention, suicide",
    "sad": "depression, low mood",
    "low": "depression",
    "depressed": "depression",
    "addiction": "substance use, recovery",
    "addicted": "substance use, recovery",
    "alcohol": "substance use",
    "drinking": "substance use",
    "drugs": "substance use",
    "bereavement": "grief",
    "bereaved": "grief",
    "loss": "grief",
    "carer": "caring, carers",
    "caregiver": "caring, carers",
    "worry": "anxiety",
    "worried": "anxiety",
    "panic": "anxiety",
    "stress": "anxiety, coping",
    "trauma": "ptsd",
    "lonely": "loneliness",
    "alone": "loneliness",
    "cutting": "self-harm",
    "gay": "lgbtq",
    "trans": "lgbtq, transgender",
    "teen": "young people",
    "teenager": "young people",
    "youth": "young people",
    "elderly": "older adults",
    "vet": "veterans",
    "anorexia": "eating disorders",
    "bulimia": "eating disorders",
    "postpartum": "perinatal",
    "therapy": "counselling, counseling",
    "therapist": "counselling, counseling",
    "counseling": "counselling",
    "counselling": "counseling",
}


def synonym_map():
    mapping = cache.get(CACHE_KEY)
    if mapping is None:
        from resources.models import SearchSynonym

        mapping = {synonym.word: synonym.alternatives for synonym in SearchSynonym.objects.all()}
        cache.set(CACHE_KEY, mapping, CACHE_SECONDS)
    return mapping


def forget_synonyms(**kwargs):
    cache.delete(CACHE_KEY)


def expand_synonyms(parsed):
    """Let each plain word also match what it stands for."""
    if not parsed.plain_words:
        return parsed
    mapping = synonym_map()
    for clause in parsed.clauses:
        for term in clause.terms:
            if term.is_phrase:
                continue
            for alternative in mapping.get(term.text, ()):
                clause.alternatives.append(Term(alternative, is_phrase=" " in alternative))
    return parsed
