"""Near a place: the offline gazetteer, distances, radius edges and who is reachable from where."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from resources.models import Location, Place, Service
from resources.places.geo import great_circle_km, great_circle_km_expression
from resources.places.resolve import PlaceNotFound, resolve_place
from tests.factories import (
    make_location,
    make_service,
    make_service_area,
    make_service_at_location,
)

pytestmark = pytest.mark.django_db

KM_PER_DEGREE = 111.19493  # of latitude, on the sphere great_circle_km uses
CAPITOL = (43.0747, -89.3841)


@pytest.mark.parametrize(
    ("a", "b", "known_km"),
    [
        ((51.5074, -0.1278), (48.8566, 2.3522), 343.5),  # London - Paris
        ((40.7128, -74.0060), (34.0522, -118.2437), 3935.7),  # New York - Los Angeles
        ((-33.8688, 151.2093), (-37.8136, 144.9631), 713.4),  # Sydney - Melbourne
    ],
)
def test_great_circle_distances_are_within_half_a_percent_of_known_ones(a, b, known_km):
    assert great_circle_km(*a, *b) == pytest.approx(known_km, rel=0.005)
    location = make_location(latitude=Decimal(str(b[0])), longitude=Decimal(str(b[1])))
    in_sql = (
        Location.objects.filter(pk=location.pk)
        .annotate(km=great_circle_km_expression(*a, "latitude", "longitude"))
        .values_list("km", flat=True)
        .get()
    )
    assert in_sql == pytest.approx(known_km, rel=0.005)


def service_north_of_capitol(name, km, **extra):
    location = make_location(
        latitude=Decimal(str(round(CAPITOL[0] + km / KM_PER_DEGREE, 6))),
        longitude=Decimal(str(CAPITOL[1])),
    )
    service = make_service(name=name, **extra)
    make_service_at_location(service=service, location=location)
    return service


def test_the_radius_includes_what_is_just_inside_and_leaves_out_what_is_just_outside(
    madison_zip_codes,
):
    service_north_of_capitol("Inside", 15.9)
    service_north_of_capitol("Outside", 16.2)
    point = resolve_place(f"{CAPITOL[0]},{CAPITOL[1]}")
    found = Service.objects.published().near(point, 16.0934)  # ten miles
    assert [service.name for service in found] == ["Inside"]
    assert found.get().distance_km == pytest.approx(15.9, abs=0.01)


def test_results_come_nearest_first_with_the_distance_shown(client, madison_zip_codes):
    service_north_of_capitol("Three miles", 4.83)
    service_north_of_capitol("One mile", 1.61)
    page = client.get("/search/?near=43.0747,-89.3841").content.decode()
    assert page.index("One mile") < page.index("Three miles")
    assert "(1.0 mi)" in page and "(3.0 mi)" in page
    assert "2 services to visit within 10 mi of your location" in page


def test_the_nearest_of_several_locations_is_the_one_shown(client, madison_zip_codes):
    service = service_north_of_capitol("Two places", 30)
    near = make_location(
        name="Near branch", address_1="2 Near Road", latitude=43.08, longitude=-89.38
    )
    make_service_at_location(service=service, location=near)
    page = client.get("/search/?near=53703").content.decode()
    assert "2 Near Road" in page


def test_a_location_without_coordinates_is_never_near_anything(client, madison_zip_codes):
    service = make_service(name="No map pin")
    make_service_at_location(service=service, location=make_location(latitude=None, longitude=None))
    assert not Service.objects.published().near(resolve_place("53703"), 100).exists()
    assert "No map pin" in client.get("/search/?q=pin").content.decode()


@pytest.mark.parametrize(
    ("area", "reaches_madison"),
    [
        ("Wisconsin", True),
        ("WI", True),
        ("Dane County", True),
        ("United States", True),
        (None, True),
        ("Illinois", False),
        ("Cook County", False),
    ],
)
def test_a_phone_line_is_available_where_its_service_area_reaches(
    client, madison_zip_codes, area, reaches_madison
):
    line = make_service(name="State warmline", terms=[("supportdir:delivery", "phone")])
    if area:
        make_service_area(service=line, name=area)
    page = client.get("/search/?near=53703").content.decode()
    section = page[page.index("Available to you by phone or online") :]
    assert ("State warmline" in section) is reaches_madison


def test_a_service_to_visit_is_not_repeated_among_those_reachable_remotely(
    client, madison_zip_codes
):
    service_north_of_capitol("Both ways", 1, terms=[("supportdir:delivery", "phone")])
    page = client.get("/search/?near=53703").content.decode()
    assert page.count(">Both ways</a>") == 1


@pytest.mark.parametrize(
    ("typed", "latitude"),
    [
        ("53703", 43.0775),
        ("Madison, WI", 43.05635),
        ("madison, wisconsin", 43.05635),
        ("Madison", 43.05635),
    ],
)
def test_places_are_found_by_zip_code_or_town(madison_zip_codes, typed, latitude):
    assert resolve_place(typed).latitude == pytest.approx(latitude)


def test_a_town_in_another_state_is_found_by_naming_the_state(madison_zip_codes):
    assert resolve_place("Madison, AL").region == "AL"


def test_an_unknown_place_says_so_and_offers_close_matches(client, madison_zip_codes):
    with pytest.raises(PlaceNotFound) as error:
        resolve_place("Madisn")
    assert error.value.suggestions[0] == "Madison, WI"
    page = client.get("/search/?near=Madisn").content.decode()
    assert "We could not find “Madisn”." in page
    assert 'Did you mean\n          <a href="/search/?near=Madison%2C%20WI">Madison, WI</a>' in page


@pytest.mark.parametrize("coordinates", ["91,0", "-91,0", "0,181", "0,-180.5", "999,999"])
def test_coordinates_off_the_map_are_refused_with_a_message(client, coordinates):
    response = client.get(f"/search/?near={coordinates}")
    assert response.status_code == 200
    assert "outside the map" in response.content.decode()


@pytest.mark.parametrize("distance", ["abc", "-5", "0", "1e309", "nan", "9999"])
def test_an_unusable_distance_falls_back_to_the_default(client, madison_zip_codes, distance):
    response = client.get(f"/search/?near=53703&distance={distance}")
    assert response.status_code == 200
    assert "searching within 10 mi" in response.content.decode()


def test_load_places_us_loads_every_zip_code_once_and_near_53703_then_works(client):
    out = StringIO()
    call_command("load_places", "--us", stdout=out)
    count = Place.objects.count()
    assert count > 40_000
    assert Place.objects.filter(postcode="53703", name="Madison", region="WI").exists()
    call_command("load_places", "--us", stdout=StringIO())
    assert Place.objects.count() == count
    assert "new" in out.getvalue()
    service_north_of_capitol("Capitol group", 0.5)
    assert "Capitol group" in client.get("/search/?near=53703").content.decode()


def test_load_places_reads_a_geonames_file(tmp_path):
    geonames = tmp_path / "DE.txt"
    geonames.write_text(
        "DE\t10115\tBerlin\tBerlin\tBE\t\t\t\t\t52.5323\t13.3846\t4\n"
        "DE\t80331\tMünchen\tBayern\tBY\tOberbayern\t091\t\t\t48.1372\t11.5755\t4\n",
        encoding="utf-8",
    )
    call_command("load_places", str(geonames), stdout=StringIO())
    munich = Place.objects.get(postcode="80331")
    assert (munich.name, munich.region, munich.country) == ("München", "BY", "DE")
    assert resolve_place("München").latitude == pytest.approx(48.1372)


def test_load_places_refuses_a_file_that_is_not_geonames(tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_text("zip,city\n53703,Madison\n", encoding="utf-8")
    with pytest.raises(CommandError, match="expected 12 tab-separated columns"):
        call_command("load_places", str(broken), stdout=StringIO())
    assert not Place.objects.exists()


def test_the_sample_data_brings_its_region_s_places(client):
    call_command("load_sample_data", stdout=StringIO())
    assert Place.objects.filter(county="Dane County", region="WI").count() > 40
    page = client.get("/search/?near=Middleton").content.decode()
    assert "within 10 mi of Middleton, WI" in page
