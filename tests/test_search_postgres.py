"""PostgreSQL's ranking and spelling help."""

import pytest

from resources.models import Service
from resources.search import MARK_END, MARK_START, search
from tests.factories import make_service

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def ranked_names(query):
    return [service.name for service in search(Service.objects.published(), query).services]


def test_a_match_in_the_name_outranks_a_match_in_the_description():
    make_service(name="Drop-in centre", description="Support for anxiety, depression and more.")
    make_service(name="Anxiety support group", description="We meet on Tuesdays.")
    assert ranked_names("anxiety") == ["Anxiety support group", "Drop-in centre"]


def test_a_match_in_the_kinds_of_support_outranks_one_in_the_description():
    make_service(name="Art club", description="Emotional expression through painting.")
    make_service(
        name="Listening line",
        description="Call us.",
        terms=[("supportdir:support", "emotional")],
    )
    assert ranked_names("emotional") == ["Listening line", "Art club"]


def test_web_search_syntax_phrase_and_exclusion():
    make_service(name="Peer support group", description="Peer support for veterans.")
    make_service(name="Support for peers", description="Support from a peer mentor, online.")
    assert ranked_names('"peer support"') == ["Peer support group"]
    assert ranked_names("peer -online") == ["Peer support group"]


@pytest.mark.parametrize(("typed", "meant"), [("depresion", "depression"), ("anxeity", "anxiety")])
def test_pg_trgm_finds_the_word_a_visitor_misspelt(typed, meant):
    make_service(name=f"Living with {meant}", description=f"A group about {meant}.")
    result = search(Service.objects.published(), typed)
    assert [service.name for service in result.services] == [f"Living with {meant}"]
    assert result.corrections == {typed: meant}


def test_snippets_mark_the_matched_words():
    make_service(name="Walk and talk", description="Gentle walks for people living with grief.")
    service = search(Service.objects.published(), "grief", snippets=True).services.get()
    assert f"{MARK_START}grief{MARK_END}" in service.search_snippet
