"""One filtering path: the search pages and the HSDS API narrow services by the same rules
(resources/search/filters.py), the pages reading their parameters leniently and the API strictly."""

import pytest
from django.http import QueryDict

from resources.search import filters
from resources.search.page import find
from tests.api.test_near_and_open_now import service_north_of
from tests.factories import get_support, make_schedule, make_service

pytestmark = pytest.mark.django_db


def page_names(query_string):
    return sorted(service.name for service in find(QueryDict(query_string)).services)


def api_names(client, query_string):
    response = client.get(f"/api/services?{query_string}")
    assert response.status_code == 200, response.content
    return sorted(service["name"] for service in response.json()["contents"])


@pytest.fixture
def directory(madison):
    always_open = make_service(name="Always open", terms=[get_support("emotional")])
    make_schedule(service=always_open, byday="MO,TU,WE,TH,FR,SA,SU")
    make_service(name="No hours", terms=[get_support("coping")])
    service_north_of(madison, "Three km north", 3)
    service_north_of(madison, "Forty km north", 40)


# What the page asks, and what the API asks, for the same filter.
SAME_FILTER = {
    "open now": (filters.OpenNowFilter, "open_now=1", "open_now=true"),
    "a term": (filters.TermsFilter, "support=emotional", "taxonomy_term_id={emotional}"),
    "near a place": (filters.NearFilter, "near=53703", "postcode=53703"),
}


@pytest.mark.parametrize("name", SAME_FILTER)
def test_a_filter_keeps_the_same_services_on_the_pages_and_in_the_api(client, directory, name):
    _rule, page_query, api_query = SAME_FILTER[name]
    api_query = api_query.format(emotional=get_support("emotional").pk)

    kept = page_names(page_query)

    assert kept and len(kept) < len(page_names(""))
    assert api_names(client, api_query) == kept


@pytest.mark.parametrize("name", SAME_FILTER)
def test_a_change_to_a_filter_s_rule_reaches_the_pages_and_the_api(
    client, directory, monkeypatch, name
):
    rule, page_query, api_query = SAME_FILTER[name]
    api_query = api_query.format(emotional=get_support("emotional").pk)
    rule_as_it_is = rule.filter
    monkeypatch.setattr(rule, "filter", lambda *args: rule_as_it_is(*args).none())

    assert page_names(page_query) == []
    assert api_names(client, api_query) == []


@pytest.mark.parametrize(
    ("unit", "inside_km", "outside_km"), [("mi", 16, 16.3), ("km", 14.8, 15.2)]
)
def test_the_pages_default_distance_is_the_api_s_default_radius(
    client, madison, settings, unit, inside_km, outside_km
):
    settings.DISTANCE_UNIT = unit
    service_north_of(madison, "Just inside", inside_km)
    service_north_of(madison, "Just outside", outside_km)

    results = find(QueryDict("near=53703"))

    assert results.form.distance == filters.DEFAULT_DISTANCE[unit]
    assert [service.name for service in results.services] == ["Just inside"]
    assert api_names(client, "postcode=53703") == ["Just inside"]


def test_a_radius_in_metres_and_one_in_miles_keep_the_same_services(client, madison, settings):
    settings.DISTANCE_UNIT = "mi"
    service_north_of(madison, "Seven km north", 7)
    service_north_of(madison, "Nine km north", 9)

    assert page_names("near=53703&distance=5") == ["Seven km north"]
    assert api_names(client, "postcode=53703&proximity=8047") == ["Seven km north"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("open_now=maybe", "open_now must be true or false."),
        ("taxonomy_term_id=nope", "taxonomy_term_id must be an HSDS id (a UUID), not “nope”."),
        ("taxonomy_id=12", "taxonomy_id must be an HSDS id (a UUID), not “12”."),
        (
            "modified_after=yesterday",
            "modified_after must be a date or date and time, e.g. 2026-01-31T12:00:00Z.",
        ),
        ("postcode=nowhere", "We could not find “nowhere”."),
        ("postcode=Madisn", "We could not find “Madisn”. Did you mean: Madison, WI?"),
        ("postcode=53703&proximity=1.5", "proximity must be a whole number from 1 to 500000."),
        ("proximity=1000", "proximity needs a postcode to measure from."),
    ],
)
@pytest.mark.parametrize("endpoint", ["services", "service_at_locations"])
def test_a_bad_api_filter_value_is_a_json_400_with_a_message(
    client, madison, endpoint, query, message
):
    response = client.get(f"/api/{endpoint}?{query}")

    assert response.status_code == 400
    assert response.json() == {"status": 400, "message": message}


def test_the_pages_read_the_same_bad_values_leniently(client, directory):
    results = find(QueryDict("near=nowhere&distance=far&support=nope"))

    assert results.form.place_error.message == "We could not find “nowhere”."
    assert results.form.distance == filters.DEFAULT_DISTANCE["mi"]
    assert len(results.notices) == 2
    assert results.total == 4


def test_the_api_ignores_parameters_it_does_not_know(client, directory):
    assert len(api_names(client, "colour=blue&near=53703")) == 4
