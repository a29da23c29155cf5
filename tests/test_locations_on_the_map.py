"""On the map, always: approximate coordinates from the gazetteer, and how a curator sets exact
ones (issue 14)."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from resources.curation import decisions
from resources.hsds.importer import import_hsds
from resources.models import Location, Service
from resources.places.placing import place_records
from tests.conftest import assert_saved
from tests.curation.conftest import make_suggestion
from tests.factories import make_location, make_service, make_service_at_location
from tests.test_admin_constraints import admin_post, form_errors
from tests.test_import_hsds import SERVICE_ID, a_service, write_json

pytestmark = pytest.mark.django_db

ZIP_53703 = (Decimal("43.077500"), Decimal("-89.383100"))


def coordinates(location):
    location.refresh_from_db()
    return (location.latitude, location.longitude)


def test_a_new_location_without_coordinates_is_placed_at_its_zip_centre(
    curator_client, madison_zip_codes
):
    response = admin_post(
        curator_client,
        Location,
        {"name": "Hope Hall", "address_1": "1 Main St", "city": "Madison", "postal_code": "53703"},
    )
    assert_saved(response)
    location = Location.objects.get(name="Hope Hall")
    assert coordinates(location) == ZIP_53703
    assert location.coordinates_approximate

    make_service_at_location(service=make_service(name="Grief circle"), location=location)
    page = curator_client.get("/search/?near=53703").content.decode()
    assert "Grief circle" in page
    changelist = curator_client.get(
        reverse("admin:resources_location_changelist") + "?map=approximate"
    )
    assert "Hope Hall" in changelist.content.decode()


def test_the_town_centre_when_the_zip_is_unknown(madison_zip_codes):
    records = [
        {"id": 1, "postal_code": "99999", "city": "Madison", "state_province": "WI"},
        {"id": 2, "postal_code": "", "city": " madison ", "state_province": "Alabama"},
        {"id": 3, "postal_code": "", "city": "Nowhere", "state_province": ""},
        {"id": 4, "postal_code": "53703", "city": "", "latitude": Decimal(1), "longitude": 2},
    ]
    place_records(records)
    assert (records[0]["latitude"], records[0]["longitude"]) == (
        Decimal("43.056350"),
        Decimal("-89.417600"),
    )
    assert records[0]["coordinates_approximate"]
    assert records[1]["latitude"] == Decimal("34.699300")
    assert records[2]["latitude"] is None and not records[2]["coordinates_approximate"]
    assert records[3]["latitude"] == 1 and not records[3]["coordinates_approximate"]


def test_exact_coordinates_typed_by_a_curator_clear_the_mark(curator_client, madison_zip_codes):
    location = make_location(latitude=None, longitude=None)
    assert_saved(admin_post(curator_client, Location, {}, obj=location))
    location.refresh_from_db()
    assert location.coordinates_approximate

    assert_saved(
        admin_post(
            curator_client, Location, {"latitude": "43.0731", "longitude": "-89.4012"}, obj=location
        )
    )
    assert coordinates(location) == (Decimal("43.073100"), Decimal("-89.401200"))
    assert not location.coordinates_approximate


def test_an_untouched_approximate_location_stays_approximate(curator_client, madison_zip_codes):
    location = make_location(latitude=None, longitude=None)
    assert_saved(admin_post(curator_client, Location, {}, obj=location))
    assert_saved(admin_post(curator_client, Location, {"name": "Renamed"}, obj=location))
    location.refresh_from_db()
    assert location.coordinates_approximate
    assert coordinates(location) == ZIP_53703


def test_the_paste_field_fills_both_coordinates(curator_client, madison_zip_codes):
    location = make_location(latitude=None, longitude=None)
    assert_saved(
        admin_post(curator_client, Location, {"coordinates": " 43.0731,  -89.4012 "}, obj=location)
    )
    assert coordinates(location) == (Decimal("43.073100"), Decimal("-89.401200"))
    assert not location.coordinates_approximate


@pytest.mark.parametrize("pasted", ["43.0731", "north", "91, 10", "10, 181", "1,2,3"])
def test_a_bad_paste_is_refused_with_a_hint(curator_client, pasted):
    location = make_location()
    response = admin_post(curator_client, Location, {"coordinates": pasted}, obj=location)
    assert "Give latitude, then longitude" in form_errors(response)


def test_the_form_says_what_missing_coordinates_cost(curator_client):
    location = make_location(latitude=None, longitude=None, postal_code="", city="")
    url = reverse("admin:resources_location_change", args=[location.pk])
    assert "missing from “near” searches" in curator_client.get(url).content.decode()
    response = admin_post(curator_client, Location, {}, obj=location)
    messages = [str(message) for message in response.wsgi_request._messages]
    assert any("missing from “near” searches" in message for message in messages)


def test_the_zip_centre_action(curator_client, madison_zip_codes):
    placed = make_location(name="Exact", postal_code="53703-1234")
    unknown = make_location(name="Unknown ZIP", postal_code="00000")
    response = curator_client.post(
        reverse("admin:resources_location_changelist"),
        {"action": "use_zip_centre", "_selected_action": [placed.pk, unknown.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert coordinates(placed) == ZIP_53703
    assert placed.coordinates_approximate
    assert coordinates(unknown) == (Decimal("43.073100"), Decimal("-89.401200"))
    page = response.content.decode()
    assert "1 location placed at its ZIP code" in page
    assert "1 location has no ZIP code we know" in page


def test_a_suggestions_location_is_placed_approximately(madison_zip_codes, curator):
    suggestion = make_suggestion(postal_code="53703", address="2 Lake St")
    service = decisions.accept_suggestion(suggestion, curator)
    location = service.service_at_locations.get().location
    assert coordinates(location) == ZIP_53703
    assert location.coordinates_approximate


LOCATION_ID = "6b3e8f0a-1c2d-4e5f-8a9b-0c1d2e3f4a5b"
IN_53703 = {
    "id": "8d5a0b2c-3e4f-4a5b-8c0d-2e3f4a5b6c7d",
    "location_id": LOCATION_ID,
    "address_1": "1 Main St",
    "city": "Madison",
    "state_province": "WI",
    "postal_code": "53703",
    "country": "US",
    "address_type": "physical",
}


def a_service_at(location):
    return a_service(
        service_at_locations=[
            {
                "id": "7c4f9a1b-2d3e-4f5a-9b0c-1d2e3f4a5b6c",
                "service_id": SERVICE_ID,
                "location": {"id": LOCATION_ID, **location},
            }
        ]
    )


def test_an_imported_location_with_an_address_is_placed_approximately(
    tmp_path, madison_zip_codes, client
):
    service = a_service_at(
        {"name": "Hope Hall", "location_type": "physical", "addresses": [IN_53703]}
    )
    report = import_hsds(write_json(tmp_path, [service]))
    assert report.ok, report.errors
    location = Location.objects.get()
    assert coordinates(location) == ZIP_53703
    assert location.coordinates_approximate
    data = client.get(f"/api/services/{SERVICE_ID}").json()
    assert data["service_at_locations"][0]["location"]["coordinates_approximate"] is True


def test_only_coordinates_can_be_approximate():
    location = make_location(latitude=None, longitude=None)
    location.coordinates_approximate = True
    with pytest.raises(IntegrityError), transaction.atomic():
        location.save()


def test_the_dashboard_lists_published_services_off_the_map(curator_client):
    missing = make_location(name="Nowhere Hall", latitude=None, longitude=None)
    make_service_at_location(service=make_service(), location=missing)
    make_service_at_location(
        service=make_service(status=Service.Status.DRAFT),
        location=make_location(latitude=None, longitude=None),
    )
    approximate = make_location(name="Somewhere Hall", coordinates_approximate=True)
    make_service_at_location(service=make_service(), location=approximate)
    make_service_at_location(service=make_service(), location=make_location())

    page = curator_client.get(reverse("admin:index")).content.decode()
    assert "1</span> published in-person service not on the map" in page
    assert "1</span> published in-person service only approximately placed" in page

    listed = curator_client.get(
        reverse("admin:resources_location_changelist")
        + "?map=missing&published=yes&location_type__exact=physical"
    ).content.decode()
    assert "Nowhere Hall" in listed and "Somewhere Hall" not in listed


def test_an_import_replaces_approximate_coordinates_with_exact_ones(
    tmp_path, madison_zip_codes, curator_client
):
    assert_saved(
        admin_post(
            curator_client,
            Location,
            {"name": "Hope Hall", "city": "Madison", "postal_code": "53703"},
        )
    )
    location = Location.objects.get()
    assert location.coordinates_approximate
    service = a_service(
        service_at_locations=[
            {
                "id": "7c4f9a1b-2d3e-4f5a-9b0c-1d2e3f4a5b6c",
                "service_id": SERVICE_ID,
                "location": {
                    "id": str(location.pk),
                    "name": "Hope Hall",
                    "latitude": 43.0731,
                    "longitude": -89.4012,
                },
            }
        ]
    )
    report = import_hsds(write_json(tmp_path, [service]))
    assert report.ok, report.errors
    assert coordinates(location) == (Decimal("43.073100"), Decimal("-89.401200"))
    assert not location.coordinates_approximate


def test_importing_our_own_export_again_keeps_the_approximate_mark(
    tmp_path, madison_zip_codes, client
):
    first = a_service_at({"name": "Hope Hall", "addresses": [IN_53703]})
    assert import_hsds(write_json(tmp_path, [first])).ok
    exported = client.get(f"/api/services/{SERVICE_ID}").json()
    assert exported["service_at_locations"][0]["location"]["coordinates_approximate"] is True

    report = import_hsds(write_json(tmp_path, [exported], name="again.json"))

    assert report.ok, report.errors
    location = Location.objects.get()
    assert coordinates(location) == ZIP_53703
    assert location.coordinates_approximate


def test_the_stored_approximate_point_stays_approximate_without_the_mark(
    tmp_path, madison_zip_codes
):
    place = {"name": "Hope Hall", "addresses": [IN_53703]}
    assert import_hsds(write_json(tmp_path, [a_service_at(place)])).ok
    latitude, longitude = (float(value) for value in ZIP_53703)

    # Another publisher's copy of our data, without our extension key.
    again = a_service_at({**place, "latitude": latitude, "longitude": longitude})
    assert import_hsds(write_json(tmp_path, [again], name="again.json")).ok

    assert Location.objects.get().coordinates_approximate


def test_a_new_location_the_file_marks_approximate_is_approximate(tmp_path):
    marked = {"name": "Hope Hall", "latitude": 43.0775, "longitude": -89.3831}

    assert import_hsds(
        write_json(tmp_path, [a_service_at({**marked, "coordinates_approximate": True})])
    ).ok

    location = Location.objects.get()
    assert coordinates(location) == ZIP_53703
    assert location.coordinates_approximate


def test_a_location_the_file_does_not_mark_is_exact(tmp_path):
    exact = {"name": "Hope Hall", "latitude": 43.0775, "longitude": -89.3831}

    assert import_hsds(write_json(tmp_path, [a_service_at(exact)])).ok

    assert not Location.objects.get().coordinates_approximate
