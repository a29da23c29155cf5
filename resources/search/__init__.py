"""Full-text search over services: the one entry point that views, filters and the API call.

    search(Service.objects.published(), "depression group")  ->  Search
    search_services(queryset, query)                         ->  QuerySet, best first

The backend follows the database: PostgreSQL full text with a weighted, stored vector and
pg_trgm spelling help; SQLite FTS5 where the build has it; else every word must appear. On
Spanish pages it searches the Spanish documents as well as the English ones.

Beside it: `page.find` (what the search and browse pages show, read from the request by a form),
`filters` (the FilterSet shared by those pages and the API), `facet_cache` (term counts kept
between requests, forgotten when services change), `index` (the stored documents, refreshed by
`signals`), `backends`, `query`, `synonyms`, `spanish` and `crisis` (the words a visitor types).
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import translation

from resources.search.backends import MARK_END, MARK_START, SPELLING_MIN_LENGTH, backend_for
from resources.search.facet_cache import cached_result
from resources.search.query import (
    STOP_WORDS,
    ParsedQuery,
    Term,
    clean_query_text,
    parse_query,
)
from resources.search.synonyms import alternatives, expand_synonyms, misspelt_synonym

__all__ = ["FEW_RESULTS", "MARK_END", "MARK_START", "Search", "search", "search_services"]

# Fewer matches than this and we look for misspelt words.
FEW_RESULTS = 3


@dataclass
class Search:
    """`matching`: the services that match, unordered, for filtering and counting;
    `services`: the same, ranked best first (and with snippets when asked)."""

    query: str
    matching: QuerySet
    services: QuerySet
    parsed: ParsedQuery = field(default_factory=ParsedQuery)
    corrections: dict = field(default_factory=dict)

    @property
    def corrected_query(self):
        words = self.query.split()
        return " ".join(self.corrections.get(word.lower(), word) for word in words)


def _apply_corrections(parsed, corrections, meanings):
    for clause in parsed.clauses:
        for term in clause.terms:
            if term.text in corrections:
                clause.alternatives.append(Term(corrections[term.text]))
                clause.alternatives += alternatives(meanings.get(term.text, ()))


def _has_few(queryset):
    # Unordered: any three will do, where the default order sorted every match first.
    return len(queryset.order_by().values_list("pk", flat=True)[:FEW_RESULTS]) < FEW_RESULTS


def _closest_word(backend, word, queryset):
    """The index's word nearest to `word`; the same for every visitor until the index changes."""
    return cached_result(
        "closest-word",
        (backend.name, queryset.db, word),
        lambda: backend.closest_word(word, queryset),
    )


def is_spanish_page():
    """Spanish pages search the Spanish documents as well as the English ones."""
    return (translation.get_language() or "").split("-")[0] == "es"


def search(queryset, raw_query, *, snippets=False, spelling=True, few=False):
    """`spelling=False` skips the look for misspelt words, for a caller that counts its own
    results first and asks again when they are few, saying so with `few=True`."""
    query = clean_query_text(raw_query)
    parsed = expand_synonyms(parse_query(query))
    if not parsed:
        return Search(query=query, matching=queryset, services=queryset, parsed=parsed)
    backend = backend_for(spanish=is_spanish_page())
    matching = backend.matching(queryset, parsed)
    corrections, meanings = {}, {}
    if spelling and (few or _has_few(matching)):
        for word in parsed.plain_words:
            if len(word) >= SPELLING_MIN_LENGTH:
                # A word people type, misspelt, before the services' nearest word: `ansiedaad`
                # means ansiedad (anxiety), whatever word of the index is nearest.
                synonym = misspelt_synonym(word)
                closest = synonym[0] if synonym else _closest_word(backend, word, queryset)
                # `thier` is no search for `their`, a stop word, which finds everything or nothing.
                if closest and closest not in STOP_WORDS:
                    corrections[word] = closest
                if synonym:
                    meanings[word] = synonym[1]
        if corrections:
            _apply_corrections(parsed, corrections, meanings)
            matching = backend.matching(queryset, parsed)
    services = backend.ranked(matching, parsed)
    if snippets:
        services = backend.with_snippets(services, parsed)
    return Search(
        query=query,
        matching=matching,
        services=services.order_by("-search_rank", "name", "id"),
        parsed=parsed,
        corrections=corrections,
    )


def search_services(queryset, raw_query):
    """The services of `queryset` that match, most relevant first (unchanged for no query)."""
    return search(queryset, raw_query).services
