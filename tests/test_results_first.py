"""The result pages' markup for phones and keyboards: results before filters, a Filters button
that counts the filters in use, a Skip to results link, a lasting live region; and what the
cards and the service page say (who a service is for, its cost once)."""

import re
from datetime import time

import pytest

from tests.factories import make_schedule, make_service

pytestmark = pytest.mark.django_db

YOUNG = ("supportdir:audience", "young-people")
FAMILIES = ("supportdir:audience", "families-carers")
FREE = ("supportdir:cost", "free")
EMOTIONAL = ("supportdir:support", "emotional")


def page_at(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def position(page, marker):
    found = page.find(marker)
    assert found >= 0, marker
    return found


@pytest.mark.parametrize("url", ["/search/?topic=anxiety", "/support/emotional/"])
def test_results_come_before_the_filters_which_fold_behind_a_filters_button(client, url):
    make_service(terms=[EMOTIONAL, ("supportdir:topic", "anxiety")])
    page = page_at(client, url)

    assert position(page, 'id="search-results"') < position(page, 'id="search-filters"')
    summary = re.search(r'<summary class="filters__toggle">(.*?)</summary>', page, re.S)
    assert re.sub(r"<[^>]+>", "", summary.group(1)) == "Filters (1 in use)"
    # Folded by default: the script opens it on wide screens only.
    assert '<details class="filters" id="search-filters" data-open-on-wide>' in page


def test_without_filters_the_button_says_filters_alone(client):
    page = page_at(client, "/search/?q=listens")
    summary = re.search(r'<summary class="filters__toggle">(.*?)</summary>', page, re.S)
    assert summary.group(1) == "Filters"


@pytest.mark.parametrize("url", ["/search/", "/support/emotional/", "/topics/anxiety/"])
def test_result_pages_have_a_skip_to_results_link_and_a_live_region_outside_the_results(
    client, url
):
    page = page_at(client, url)
    assert '<a class="skip-link" href="#search-results">Skip to results</a>' in page
    status = position(page, '<p class="visually-hidden" id="search-status" role="status"')
    assert status < position(page, 'id="search-region"'), "not replaced with the results"
    assert 'id="search-results" aria-labelledby="results-heading" tabindex="-1"' in page


def test_other_pages_have_no_skip_to_results_link(client):
    assert "Skip to results" not in page_at(client, "/")


def test_the_browse_pages_search_box_stays_open_once_used(client):
    folded = page_at(client, "/support/emotional/")
    assert '<details class="browse-search" data-open-on-wide>' in folded
    used = page_at(client, "/support/emotional/?q=listens")
    assert '<details class="browse-search" data-open-on-wide open>' in used


def test_the_open_now_box_is_a_facet_option_like_the_others(client):
    page = page_at(client, "/search/?open_now=1")
    when = re.search(r'<fieldset class="facet facet--when">.*?</fieldset>', page, re.S).group(0)
    assert when.count('<li class="facet__option">') == 2
    assert 'id="f-open-now" checked' in when
    assert 'id="f-this-week">' in when


def test_a_card_says_who_the_service_is_for(client):
    make_service(name="Family circle", terms=[EMOTIONAL, YOUNG, FAMILIES])
    page = page_at(client, "/search/")
    assert "<dt>For</dt><dd>Young people, Families and carers</dd>" in page


def cost_entries(page):
    return re.search(r"<dt>Cost</dt>(.*?)(?:<dt>|</dl>)", page, re.S).group(1).count("<dd>")


def test_the_cost_is_said_once_when_the_fees_only_repeat_it(client):
    service = make_service(terms=[FREE], fees_description="Free.")
    page = page_at(client, service.get_absolute_url())
    assert cost_entries(page) == 1


def test_fees_that_add_something_are_kept_beside_the_cost(client):
    service = make_service(terms=[FREE], fees_description="Free. Lunch costs $2.")
    page = page_at(client, service.get_absolute_url())
    assert cost_entries(page) == 2
    assert "<dd>Free. Lunch costs $2.</dd>" in page


def test_a_card_carries_its_hours_in_words_for_print(client):
    service = make_service(name="Evening group")
    make_schedule(service=service, byday="TU", opens_at=time(18), closes_at=time(19))
    page = page_at(client, "/search/")
    hours = re.search(r'<ul class="schedule-list print-only"[^>]*>(.*?)</ul>', page, re.S)
    assert "Tuesday" in hours.group(1)
