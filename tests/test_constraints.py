"""The database itself refuses data that breaks the directory's invariants."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from resources.models import Language, Location, Phone, Schedule, Service, TaxonomyTerm
from tests.factories import (
    make_location,
    make_organization,
    make_phone,
    make_schedule,
    make_service,
    make_service_area,
    make_service_at_location,
)

pytestmark = pytest.mark.django_db


def assert_refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.mark.parametrize("latitude", [Decimal("90.000001"), Decimal("-90.5"), Decimal("100")])
def test_latitude_outside_minus_90_to_90_is_refused(latitude):
    assert_refused(lambda: make_location(latitude=latitude, longitude=0))


@pytest.mark.parametrize("longitude", [Decimal("180.000001"), Decimal("-181"), Decimal("500")])
def test_longitude_outside_minus_180_to_180_is_refused(longitude):
    assert_refused(lambda: make_location(latitude=0, longitude=longitude))


@pytest.mark.parametrize(("latitude", "longitude"), [(90, 180), (-90, -180), (0, 0)])
def test_coordinates_on_the_edges_are_accepted(latitude, longitude):
    location = make_location(latitude=latitude, longitude=longitude)
    assert Location.objects.filter(pk=location.pk).exists()


def test_a_latitude_without_longitude_is_refused():
    assert_refused(lambda: make_location(latitude=43, longitude=None))


def test_a_location_type_outside_the_choices_is_refused():
    assert_refused(lambda: make_location(location_type="moon"))


def test_two_services_cannot_share_a_slug():
    make_service(slug="peer-group")
    assert_refused(lambda: make_service(slug="peer-group"))


def test_a_service_without_slug_is_refused():
    assert_refused(lambda: make_service(slug=""))


def test_a_status_outside_draft_published_inactive_is_refused():
    assert_refused(lambda: make_service(status="archived"))


@pytest.mark.parametrize("field", ["minimum_age", "maximum_age"])
def test_a_negative_age_is_refused(field):
    assert_refused(lambda: make_service(**{field: -1}))


def test_a_minimum_age_above_the_maximum_is_refused():
    assert_refused(lambda: make_service(minimum_age=26, maximum_age=12))


def test_equal_minimum_and_maximum_ages_are_accepted():
    service = make_service(minimum_age=18, maximum_age=18)
    assert Service.objects.get(pk=service.pk).ages_in_words == "Ages 18 to 18"


def test_a_phone_type_outside_the_choices_is_refused():
    assert_refused(lambda: make_phone(type="modem"))


def test_a_phone_without_an_owner_is_refused():
    assert_refused(lambda: Phone.objects.create(number="608-555-0100"))


def test_a_phone_keeps_both_links_hsds_gives_it():
    service = make_service()
    phone = make_phone(service=service, organization=service.organization)
    assert (phone.service, phone.organization) == (service, service.organization)


@pytest.mark.parametrize("byday", ["Monday", "MO;TU", "8TU", "MO,", "mo"])
def test_a_byday_that_is_not_rfc_5545_is_refused(byday):
    assert_refused(lambda: make_schedule(byday=byday))


@pytest.mark.parametrize("byday", ["MO", "MO,TU,WE,TH,FR", "2TU", "-1FR", "1SA,3SA"])
def test_rfc_5545_byday_values_are_accepted(byday):
    assert make_schedule(byday=byday, freq="MONTHLY" if byday[0] in "-123" else "WEEKLY").pk


def test_a_schedule_interval_of_zero_is_refused():
    assert_refused(lambda: make_schedule(interval=0))


def test_a_schedule_frequency_outside_weekly_and_monthly_is_refused():
    assert_refused(lambda: make_schedule(freq="HOURLY"))


def test_an_opening_time_without_closing_time_is_refused():
    assert_refused(lambda: make_schedule(opens_at=time(9), closes_at=None))


def test_a_schedule_ending_before_it_starts_is_refused():
    assert_refused(lambda: make_schedule(dtstart=date(2026, 5, 1), until=date(2026, 4, 1)))


def test_a_schedule_belonging_to_nothing_is_refused():
    assert_refused(lambda: Schedule.objects.create(freq="WEEKLY", byday="MO"))


def test_a_language_code_that_is_not_iso_639_1_is_refused():
    service = make_service()
    assert_refused(lambda: Language.objects.create(service=service, code="EN"))


def test_the_same_language_twice_on_a_service_is_refused():
    service = make_service()
    Language.objects.create(service=service, code="es")
    assert_refused(lambda: Language.objects.create(service=service, code="es"))


def test_a_service_area_without_a_name_is_refused():
    assert_refused(lambda: make_service_area(name=""))


def test_a_service_cannot_be_linked_to_the_same_location_twice():
    link = make_service_at_location()
    assert_refused(lambda: make_service_at_location(service=link.service, location=link.location))


def test_two_terms_of_one_taxonomy_cannot_share_a_code():
    emotional = TaxonomyTerm.objects.get(code="emotional")
    assert_refused(
        lambda: TaxonomyTerm.objects.create(
            taxonomy=emotional.taxonomy, code="emotional", name="Duplicate"
        )
    )


def test_an_organisation_with_services_cannot_be_deleted_from_under_them():
    organization = make_organization()
    make_service(organization=organization)
    with pytest.raises(ProtectedError):
        organization.delete()
