"""The HSDS API's postcode, proximity and open_now use the site's own place and schedule code."""

from decimal import Decimal

import pytest

from tests.factories import (
    make_location,
    make_schedule,
    make_service,
    make_service_at_location,
)

pytestmark = pytest.mark.django_db

KM_PER_DEGREE = 111.19493


def service_north_of(place, name, km):
    service = make_service(name=name)
    location = make_location(
        latitude=Decimal(str(round(float(place.latitude) + km / KM_PER_DEGREE, 6))),
        longitude=place.longitude,
    )
    make_service_at_location(service=service, location=location)
    return service


def names(response):
    assert response.status_code == 200, response.content
    return [service["name"] for service in response.json()["contents"]]


def test_postcode_and_proximity_in_metres_list_the_nearest_first(client, madison):
    service_north_of(madison, "Three km", 3)
    service_north_of(madison, "One km", 1)
    service_north_of(madison, "Twenty km", 20)
    assert names(client.get("/api/services?postcode=53703&proximity=5000")) == [
        "One km",
        "Three km",
    ]
    assert names(client.get("/api/services?postcode=53703&proximity=2500")) == ["One km"]


def test_postcode_alone_uses_the_directory_s_default_radius(client, madison):
    service_north_of(madison, "Fifteen km", 15)
    service_north_of(madison, "Twenty km", 20)
    assert names(client.get("/api/services?postcode=53703")) == ["Fifteen km"]


def test_services_at_locations_follow_the_same_filter(client, madison):
    service_north_of(madison, "Near", 1)
    service_north_of(madison, "Far", 50)
    response = client.get("/api/service_at_locations?postcode=53703&proximity=10000")
    assert response.status_code == 200
    assert response.json()["total_items"] == 1


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("postcode=nowhere", "We could not find “nowhere”."),
        ("postcode=53703&proximity=0", "proximity must be a whole number from 1 to 500000."),
        ("postcode=53703&proximity=far", "proximity must be a whole number from 1 to 500000."),
        ("proximity=1000", "proximity needs a postcode to measure from."),
    ],
)
def test_bad_places_and_distances_are_a_json_400(client, madison, query, message):
    response = client.get(f"/api/services?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"] == message


def test_open_now_keeps_what_is_open_at_this_moment(client):
    always = make_service(name="Always open")
    make_schedule(service=always, byday="MO,TU,WE,TH,FR,SA,SU")
    make_service(name="No hours")
    assert names(client.get("/api/services?open_now=true")) == ["Always open"]
    assert sorted(names(client.get("/api/services?open_now=false"))) == ["Always open", "No hours"]
