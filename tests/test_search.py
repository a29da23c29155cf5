"""Full-text search finds what a visitor means, the same on SQLite and on PostgreSQL."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from resources.models import SearchSynonym, SearchWord, Service
from resources.search import search, search_services
from tests.factories import make_language, make_organization, make_service

pytestmark = pytest.mark.django_db


def names(query, queryset=None):
    queryset = Service.objects.published() if queryset is None else queryset
    return {service.name for service in search_services(queryset, query)}


@pytest.fixture
def directory():
    make_service(
        name="Mood support group",
        description="Peer support for people living with depression or bipolar disorder.",
        terms=[("supportdir:topic", "depression"), ("supportdir:support", "emotional")],
    )
    make_service(
        name="Grief circle",
        description="A gentle group for adults grieving the death of someone close.",
        terms=[("supportdir:topic", "grief")],
    )
    make_service(
        name="Online anxiety forum",
        description="A moderated online forum for people with anxiety and panic.",
        terms=[("supportdir:topic", "anxiety"), ("supportdir:delivery", "online")],
    )
    make_service(
        name="Recovery coaching",
        description="One-to-one peer support for people in recovery from substance use.",
        terms=[("supportdir:topic", "substance-use")],
    )
    make_service(
        name="Carers' café",
        description="Tea and company for people caring for a relative with mental illness.",
        terms=[("supportdir:topic", "caring")],
    )
    make_service(
        name="Hidden draft group",
        description="A depression group not yet checked.",
        status=Service.Status.DRAFT,
    )


def test_a_word_finds_services_that_use_it(directory):
    assert names("depression") == {"Mood support group"}


def test_drafts_are_not_found_in_published_services(directory):
    assert "Hidden draft group" not in names("depression group")


def test_every_word_must_match(directory):
    assert names("support depression") == {"Mood support group"}
    assert names("grief anxiety") == set()


def test_or_accepts_either_word(directory):
    assert names("grief or anxiety") == {"Grief circle", "Online anxiety forum"}


def test_a_quoted_phrase_matches_only_as_a_phrase(directory):
    assert names('"peer support"') == {"Mood support group", "Recovery coaching"}
    assert names('"support peer"') == set()


def test_a_quoted_phrase_does_not_run_from_a_kind_of_support_into_the_description():
    make_service(
        name="Walk and talk",
        description="Peer volunteers walk with you.",
        terms=[("supportdir:support", "emotional")],
    )

    assert names('"emotional support"') == {"Walk and talk"}
    assert names('"peer volunteers"') == {"Walk and talk"}
    assert names('"support peer"') == set()


@pytest.mark.postgres
def test_a_quoted_phrase_does_not_run_from_one_topic_into_the_next():
    # SQLite's FTS5 keeps a service's topics in one column, where nothing can mark where one
    # ends; PostgreSQL's document marks it (resources.search.index._phrase_bounded).
    make_service(
        name="Mood clinic",
        terms=[("supportdir:topic", "depression"), ("supportdir:topic", "anxiety")],
    )

    assert names("depression anxiety") == {"Mood clinic"}
    assert names('"depression anxiety"') == set()
    assert names('"anxiety depression"') == set()


def test_a_minus_word_excludes(directory):
    assert names("peer -recovery") == {"Mood support group"}
    assert "Online anxiety forum" not in names("-online")


def test_words_are_stemmed(directory):
    assert names("grieving") == {"Grief circle"}
    assert names("forums") == {"Online anxiety forum"}


def test_the_organisation_and_facet_names_are_searched(directory):
    organization = make_organization(name="Lakeside Wellness Collective")
    make_service(name="Tuesday drop-in", description="Come along.", organization=organization)
    assert names("lakeside") == {"Tuesday drop-in"}
    assert names("emotional support") == {"Mood support group"}


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("sad", "Mood support group"),
        ("bereavement", "Grief circle"),
        ("addiction", "Recovery coaching"),
        ("carer", "Carers' café"),
        ("worried", "Online anxiety forum"),
    ],
)
def test_everyday_words_find_what_entries_call_otherwise(directory, typed, found):
    assert found in names(typed)


def test_a_synonym_added_by_a_curator_works_at_once(directory):
    assert names("heartbreak") == set()
    SearchSynonym.objects.create(word="heartbreak", means="grief")
    assert names("heartbreak") == {"Grief circle"}


def test_a_misspelt_word_still_finds_what_was_meant(directory):
    result = search(Service.objects.published(), "depresion")
    assert {service.name for service in result.services} == {"Mood support group"}
    assert result.corrections == {"depresion": "depression"}
    assert result.corrected_query == "depression"


def test_spelling_help_knows_the_words_of_a_service_once_it_is_saved(directory):
    assert search(Service.objects.published(), "mindfullness").corrections != {
        "mindfullness": "mindfulness"
    }
    make_service(name="Mindfulness walks", description="Walking in the park together.")
    result = search(Service.objects.published(), "mindfullness")
    assert result.corrections == {"mindfullness": "mindfulness"}
    assert {service.name for service in result.services} == {"Mindfulness walks"}


def test_spelling_help_suggests_no_word_only_a_draft_uses(directory):
    make_service(name="Hypnotherapy", description="Soon.", status=Service.Status.DRAFT)
    assert search(Service.objects.published(), "hypnotherapi").corrections == {}


def test_a_rebuild_counts_the_words_anew(directory):
    Service.objects.filter(name="Grief circle").update(description="About tigers.")
    assert search(Service.objects.published(), "tigars").corrections == {}
    call_command("rebuild_search_index", stdout=StringIO())
    assert search(Service.objects.published(), "tigars").corrections == {"tigars": "tigers"}
    assert SearchWord.objects.get(word="group").service_count == 1


def test_an_edit_is_found_once_saved(directory, django_capture_on_commit_callbacks):
    service = Service.objects.get(name="Grief circle")
    service.description = "Also for people who lost a pet."
    with django_capture_on_commit_callbacks(execute=True):
        service.save()
    assert names("pet") == {"Grief circle"}
    make_language(service=service, code="es")
    assert "Grief circle" in names("spanish")


def test_renaming_an_organisation_updates_its_services(
    directory, django_capture_on_commit_callbacks
):
    service = Service.objects.get(name="Recovery coaching")
    service.organization.name = "Northern Lights Recovery"
    with django_capture_on_commit_callbacks(execute=True):
        service.organization.save()
    assert names("northern lights") == {"Recovery coaching"}


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE resources_service; --",
        "<script>alert(1)</script>",
        '"unclosed phrase',
        "\x00\x01 depression",
        "a" * 10_000,
        "or",
        "-",
        "NEAR(a b) AND * ^ {} : col:depression",
        "%_\\",
    ],
)
def test_odd_queries_never_fail(directory, query):
    list(search(Service.objects.published(), query, snippets=True).services)


def test_an_empty_query_leaves_the_services_as_they_are(directory):
    queryset = Service.objects.published()
    assert search_services(queryset, "   ") is queryset


def test_rebuilding_the_index_finds_changes_made_behind_its_back(directory):
    Service.objects.filter(name="Grief circle").update(description="Now also about tigers.")
    assert names("tigers") == set()
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert names("tigers") == {"Grief circle"}
    assert "Search index rebuilt for 6 services" in out.getvalue()


@pytest.mark.parametrize("query", ["the", "the of and", '"the"', "-the", "de la", "the or a"])
def test_stop_words_alone_search_for_nothing_and_list_every_service(directory, query):
    result = search(Service.objects.published(), query)
    assert not result.parsed
    assert names(query) == names("")


def test_stop_words_among_other_words_are_left_out(directory):
    assert names("the grief of a group") == {"Grief circle"}
    assert names("grupo para el duelo") == {"Grief circle"}


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("anxious", "Online anxiety forum"),
        ("panic attacks", "Online anxiety forum"),
        ("lost my husband", "Grief circle"),
        ("feeling down", "Mood support group"),
        ("sober", "Recovery coaching"),
        ("ansiedad", "Online anxiety forum"),
        ("duelo", "Grief circle"),
        ("carers", "Carers' café"),
        ("caregivers", "Carers' café"),
    ],
)
def test_phrases_plurals_and_spanish_words_find_what_they_mean(directory, typed, found):
    assert found in names(typed)


def test_a_phrase_a_curator_adds_is_searched_for_what_it_means(directory):
    assert names("broken heart") == set()
    SearchSynonym.objects.create(word="broken heart", means="grief")
    assert names("broken heart") == {"Grief circle"}
    assert names("a broken heart") == {"Grief circle"}
    # Quoted, the words are searched as they are.
    assert names('"broken heart"') == set()


def test_a_phrase_the_table_knows_still_finds_services_that_say_it(directory):
    Service.objects.filter(name="Grief circle").update(description="For a broken heart.")
    call_command("rebuild_search_index", stdout=StringIO())
    SearchSynonym.objects.create(word="broken heart", means="anxiety")
    assert names("broken heart") == {"Grief circle", "Online anxiety forum"}


def test_a_synonym_phrase_needs_lower_case_words_with_single_spaces():
    for word in ("Broken heart", "broken  heart", " broken", "broken heart "):
        with pytest.raises(ValidationError):
            SearchSynonym(word=word, means="grief").full_clean()
    SearchSynonym(word="broken heart", means="grief").full_clean()
