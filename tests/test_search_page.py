"""The search page: results, facets with counts, chips, paging, and any query string at all."""

import re
from datetime import date, time
from functools import cache

import pytest
from django.http import QueryDict

from resources.models import Service
from resources.search.filters import ServiceFilterSet
from resources.search.page import find
from tests.factories import (
    make_language,
    make_location,
    make_organization,
    make_phone,
    make_schedule,
    make_service,
    make_service_at_location,
)

pytestmark = pytest.mark.django_db


def page_of(client, query_string=""):
    response = client.get(f"/search/?{query_string}")
    assert response.status_code == 200
    return response.content.decode()


def result_names(page):
    return re.findall(
        r'<h3 id="service-[^"]+" class="service-card__name"><a href="[^"]+">([^<]+)</a>', page
    )


@pytest.fixture
def directory():
    """Four services over two facets, to check OR within a facet and AND across them."""
    return {
        "listening": make_service(
            name="Listening line",
            terms=[("supportdir:support", "emotional"), ("supportdir:cost", "free")],
        ),
        "coping": make_service(
            name="Coping class",
            terms=[("supportdir:support", "coping"), ("supportdir:cost", "fee")],
        ),
        "both": make_service(
            name="Skills and company",
            terms=[
                ("supportdir:support", "coping"),
                ("supportdir:support", "emotional"),
                ("supportdir:cost", "free"),
            ],
        ),
        "forms": make_service(
            name="Help with forms",
            terms=[("supportdir:support", "practical"), ("supportdir:cost", "free")],
        ),
    }


def test_without_a_query_every_published_service_is_listed_by_name(client, directory):
    make_service(name="A draft", status=Service.Status.DRAFT)
    page = page_of(client)
    assert result_names(page) == [
        "Coping class",
        "Help with forms",
        "Listening line",
        "Skills and company",
    ]
    assert "4 services" in page


def test_values_of_one_facet_are_or_and_facets_are_and(client, directory):
    either = result_names(page_of(client, "support=emotional&support=coping"))
    assert sorted(either) == ["Coping class", "Listening line", "Skills and company"]
    both_facets = result_names(page_of(client, "support=emotional&support=coping&cost=free"))
    assert sorted(both_facets) == ["Listening line", "Skills and company"]


def test_each_facet_count_is_the_number_of_results_that_value_would_give(directory):
    # Counted once per query string: many recur (no value chosen yet in the facet, other states).
    @cache
    def total(query_string):
        """How many results the page for this query string lists."""
        return ServiceFilterSet(
            QueryDict(query_string), queryset=Service.objects.published()
        ).qs.count()

    assert total("support=coping&cost=free") == find(QueryDict("support=coping&cost=free")).total

    for state in ["", "cost=free", "support=coping", "support=coping&cost=fee"]:
        results = find(QueryDict(state))
        for facet in results.facets:
            for option in facet.options:
                if option.selected:
                    continue
                others = "&".join(
                    part
                    for part in state.split("&")
                    if part and not part.startswith(facet.parameter)
                )
                same_facet = [
                    f"{facet.parameter}={other.value}" for other in facet.options if other.selected
                ]
                # What choosing this value would show: OR with its facet's chosen values...
                with_option = "&".join(
                    filter(None, [others, *same_facet, f"{facet.parameter}={option.value}"])
                )
                # ...so its own count is what it adds on its own with the other facets.
                alone = "&".join(filter(None, [others, f"{facet.parameter}={option.value}"]))
                assert option.count == total(alone), (state, facet.parameter, option.value)
                assert total(with_option) >= option.count


def test_values_that_would_give_nothing_are_greyed_out(client, directory):
    page = page_of(client, "cost=fee")
    assert re.search(r'facet__option--empty">\s*<input[^>]+value="practical"[^>]+disabled', page)


def test_active_filters_are_chips_that_remove_themselves(client, directory):
    page = page_of(client, "q=help&support=practical&cost=free")
    assert 'href="/search/?q=help&amp;cost=free"' in page
    assert 'href="/search/?q=help&amp;support=practical"' in page
    assert '<a class="chip chip--clear" href="/search/?q=help">Clear all</a>' in page


def test_one_filter_has_no_clear_all_beside_its_own_chip(client, directory):
    page = page_of(client, "q=help&support=practical")
    assert 'href="/search/?q=help"' in page
    assert "Clear all" not in page


def test_matched_words_are_highlighted_and_the_rest_escaped(client):
    make_service(name="Art group", description="Painting <b>for</b> people with anxiety & stress.")
    page = page_of(client, "q=anxiety")
    assert "<mark>anxiety</mark>" in page
    assert "<b>for</b>" not in page, "a curator's markup is shown as text or dropped, never run"
    assert "&amp; stress" in page


def test_a_misspelling_says_what_was_searched_instead(client):
    make_service(name="Mood group", description="For people with depression.")
    page = page_of(client, "q=depresion")
    assert "Showing results for <strong>depression</strong>" in page
    assert result_names(page) == ["Mood group"]


def test_sorting_by_most_recently_verified(client):
    make_service(name="Old check", assured_date=date(2025, 1, 1))
    make_service(name="Never checked")
    make_service(name="New check", assured_date=date(2026, 10, 1))
    assert result_names(page_of(client, "sort=verified")) == [
        "New check",
        "Old check",
        "Never checked",
    ]


def test_languages_are_a_facet_named_in_words(client, directory):
    make_language(service=directory["forms"], code="es")
    page = page_of(client, "language=es")
    assert result_names(page) == ["Help with forms"]
    assert "Spanish" in page


def test_results_come_twenty_to_a_page_with_prev_and_next_links(client):
    for number in range(45):
        make_service(name=f"Group {number:02d}")
    first = page_of(client)
    assert len(result_names(first)) == 20
    assert 'rel="next" href="?page=2"' in first
    assert 'rel="prev"' not in first
    third = page_of(client, "page=3")
    assert result_names(third) == [f"Group {number:02d}" for number in range(40, 45)]
    assert 'rel="prev" href="?page=2"' in third


def card_ids(page):
    return re.findall(r'<h3 id="service-([^"]+)" class="service-card__name">', page)


def test_paging_through_services_of_one_name_shows_each_once(client):
    # A directory has many services of one name ("Peer support group"), equal in every sort
    # key but their id: page after page must neither repeat one nor leave one out, in each order.
    organization = make_organization()
    made = {
        str(make_service(name="Peer support group", organization=organization).pk)
        for _number in range(130)
    }
    for query_string in ("", "q=peer+support", "sort=verified"):
        shown = []
        for number in range(1, 8):
            shown += card_ids(page_of(client, f"{query_string}&page={number}"))
        assert len(shown) == len(made), query_string
        assert set(shown) == made, query_string


def test_no_results_offers_the_filter_to_drop_the_crisis_line_and_phone_services(client, directory):
    make_service(name="Phone befriending", terms=[("supportdir:delivery", "phone")])
    page = page_of(client, "support=practical&cost=fee")
    assert "No service matches all of that." in page
    assert (
        "Remove “Fee”</a> to see 1 service." in page
        or "Remove “Practical help”</a> to see 1 service." in page
    )
    assert 'href="tel:988"' in page
    assert "Available to you by phone or online" in page
    assert "Phone befriending" in page


@pytest.mark.parametrize(
    ("query_string", "explanation"),
    [
        ("support=telepathy&support=emotional", "Ignored an unknown Kind of support: telepathy."),
        ("cost=free&cost=free&cost=free", None),
        ("q=" + "a" * 10_000, "Your search was shortened to its first 200 characters."),
        ("q=%ff%fe%00depression", None),
        ("q=%27%3B+DROP+TABLE+resources_service%3B--", None),
        ("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", None),
        ("page=-1", "There is no page -1; showing page 1 of 1."),
        ("page=99999", "There is no page 99999; showing page 1 of 1."),
        ("page=abc", "That page number could not be read, so here is the first page."),
        ("sort=drop", "Unknown sort order; sorted by name."),
        ("language=xx&language=es", "Ignored an unknown Language: xx."),
        ("&".join(f"topic=t{number}" for number in range(500)), "Ignored unknown Topic values"),
    ],
)
def test_any_query_string_gives_a_normal_page(client, directory, query_string, explanation):
    response = client.get(f"/search/?{query_string}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert" not in page
    if explanation:
        assert explanation in page


def test_the_number_of_queries_does_not_grow_with_the_page(client, django_assert_max_num_queries):
    for number in range(25):
        service = make_service(
            name=f"Depression group {number}",
            terms=[
                ("supportdir:support", "emotional"),
                ("supportdir:topic", "depression"),
                ("supportdir:cost", "free" if number % 2 else "fee"),
            ],
        )
        make_language(service=service, code="es")
        location = make_location()
        make_service_at_location(service=service, location=location)
        make_schedule(
            service=None, location=location, byday="TU", opens_at=time(19), closes_at=time(20)
        )
        make_phone(service=service)
    # The synonyms are cached between requests, as in production.
    page_of(client, "q=warm+the+cache")
    with django_assert_max_num_queries(10):
        page_of(client, "q=depression&support=emotional&topic=depression&cost=free&cost=fee")
    with django_assert_max_num_queries(10):
        page_of(client, "q=depression&support=emotional&language=es")


def test_the_search_page_sets_no_cookie(client, directory):
    assert client.get("/search/?q=help").cookies == {}


def test_open_now_keeps_the_services_open_at_this_moment(client):
    around_the_clock = make_service(name="Always open line")
    make_schedule(service=around_the_clock, byday="MO,TU,WE,TH,FR,SA,SU")
    ended = make_service(name="Closed for good")
    make_schedule(
        service=ended,
        byday="MO,TU,WE,TH,FR,SA,SU",
        dtstart=date(2020, 1, 1),
        until=date(2020, 2, 1),
    )
    make_service(name="No hours given")
    page = page_of(client, "open_now=1")
    assert result_names(page) == ["Always open line"]
    chip = '<a class="chip" href="/search/?"><span class="visually-hidden">Remove filter:</span>'
    assert f"{chip} Open now" in page


def facet_count(client, query_string, parameter, value):
    results = client.get(f"/search/?{query_string}").context["results"]
    facet = next(facet for facet in results.facets if facet.parameter == parameter)
    return next(option.count for option in facet.options if option.value == value)


def test_facet_counts_kept_between_visits_follow_a_curators_changes(client, directory):
    assert facet_count(client, "", "support", "emotional") == 2
    assert facet_count(client, "cost=free", "support", "emotional") == 2

    added = make_service(terms=[("supportdir:support", "emotional"), ("supportdir:cost", "fee")])
    assert facet_count(client, "", "support", "emotional") == 3
    assert facet_count(client, "cost=free", "support", "emotional") == 2

    make_language(service=added, code="es")
    results = client.get("/search/?support=emotional").context["results"]
    languages = next(facet for facet in results.facets if facet.parameter == "language")
    assert [(option.value, option.count) for option in languages.options] == [("es", 1)]

    added.status = Service.Status.DRAFT
    added.save()
    assert facet_count(client, "", "support", "emotional") == 2

    directory["listening"].delete()
    assert facet_count(client, "", "support", "emotional") == 1


def offered_filters(page):
    return re.findall(r'<a class="chip chip--offer" href="/search/\?([^"]+)">', page)


def test_a_word_that_names_a_filter_offers_it_in_place_of_the_word(client, directory):
    page = page_of(client, "q=free+coping")
    assert offered_filters(page) == ["q=coping&amp;cost=free"]
    assert result_names(page_of(client, "q=coping&cost=free")) == ["Skills and company"]


def test_spanish_words_and_language_names_offer_their_filters(client, directory):
    make_language(service=directory["listening"], code="es")
    assert offered_filters(page_of(client, "q=gratis")) == ["cost=free"]
    assert offered_filters(page_of(client, "q=spanish")) == ["language=es"]


def test_no_filter_is_offered_that_is_in_force_or_would_find_nothing(client, directory):
    assert offered_filters(page_of(client, "q=free&cost=free")) == []
    assert offered_filters(page_of(client, "q=online")) == []


def test_a_search_of_common_words_alone_lists_every_service_with_a_note(client, directory):
    page = page_of(client, "q=the")
    assert "Words as common as “the” are left out of a search" in page
    assert result_names(page) == result_names(page_of(client))
