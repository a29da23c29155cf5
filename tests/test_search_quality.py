"""The search-quality set (benchmarks/search_quality.csv) on the sample directory: each query,
typed as people type it, finds the kind of service it asks for among the first three results,
on SQLite and on PostgreSQL alike."""

import pytest
from django.core.management import call_command

from benchmarks.search_quality import cases, misses
from resources.languages import language_choices
from resources.models import SearchSynonym, Taxonomy, TaxonomyTerm
from resources.search.filters import FACET_PARAMETERS
from resources.search.index import refresh_search_index
from resources.search.synonyms import STARTING_PHRASES, STARTING_SYNONYMS, forget_synonyms
from resources.vocabulary import seed_vocabulary

pytestmark = pytest.mark.django_db


def test_the_set_has_sixty_queries_or_more_each_asking_for_a_kind_that_exists():
    all_cases = cases()
    assert len(all_cases) >= 60
    assert len({case.query for case in all_cases}) == len(all_cases)
    languages = {code for code, _name in language_choices()}
    for case in all_cases:
        if case.facet == "language":
            assert case.value in languages, case
        else:
            assert TaxonomyTerm.objects.filter(
                taxonomy__name=FACET_PARAMETERS[case.facet], code=case.value
            ).exists(), case


def test_the_set_has_twenty_queries_or_more_typed_on_spanish_pages():
    spanish = [case for case in cases() if case.language == "es"]
    assert len(spanish) >= 20
    assert {case.language for case in cases()} == {"", "es"}


def test_every_query_finds_the_kind_of_service_it_asks_for():
    # A transactional test run earlier empties the tables the migrations filled.
    seed_vocabulary(Taxonomy, TaxonomyTerm)
    for word, means in {**STARTING_SYNONYMS, **STARTING_PHRASES}.items():
        SearchSynonym.objects.get_or_create(word=word, defaults={"means": means})
    forget_synonyms()
    call_command("load_sample_data", verbosity=0)
    refresh_search_index()

    missed = [f"{case.query} wants {case.facet}={case.value}" for case in misses()]

    assert missed == []
