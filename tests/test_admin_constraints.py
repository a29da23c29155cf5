"""The admin's forms still show each constraint's message, and ask the database only about the
rows a curator changed."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resources.models import Location, Phone, Schedule, SearchSynonym, Service
from tests.conftest import assert_saved, service_form_data
from tests.factories import make_language, make_location, make_service, make_service_at_location
from tests.test_admin_save import rendered_form_data

pytestmark = pytest.mark.django_db


def check_queries(queries):
    return [query for query in queries.captured_queries if '"_check"' in query["sql"]]


def admin_post(client, model, data_overrides, obj=None):
    page = "change" if obj else "add"
    name = f"admin:resources_{model._meta.model_name}_{page}"
    url = reverse(name, args=[obj.pk] if obj else [])
    data = rendered_form_data(client.get(url))
    data.update(data_overrides)
    return client.post(url, data)


def form_errors(response):
    assert response.status_code == 200, "the form was saved"
    return str(response.context["errors"])


def test_the_service_form_shows_the_age_constraint(curator_client):
    service = make_service()

    response = curator_client.post(
        reverse("admin:resources_service_change", args=[service.pk]),
        service_form_data(service, minimum_age=30, maximum_age=12),
    )

    assert "The minimum age cannot be above the maximum age." in form_errors(response)


def test_the_location_form_shows_the_latitude_constraint(curator_client):
    response = admin_post(
        curator_client, Location, {"name": "Hall", "latitude": "91", "longitude": "0"}
    )

    assert "Latitude must be between -90 and 90." in form_errors(response)


def test_the_phone_form_shows_the_owner_constraint(curator_client):
    response = admin_post(curator_client, Phone, {"number": "988"})

    assert (
        "A phone number belongs to a service, a location, an organisation, a service at a "
        "location or a contact." in form_errors(response)
    )


def test_the_schedule_form_shows_the_owner_constraint(curator_client):
    response = admin_post(curator_client, Schedule, {"byday": "MO"})

    assert "A schedule belongs to a service, a location or a service at a location." in (
        form_errors(response)
    )


def test_the_synonym_form_shows_the_lower_case_words_constraint(curator_client):
    response = admin_post(curator_client, SearchSynonym, {"word": "Two Words", "means": "x"})

    assert "Give one word or a phrase in lower case, with single spaces." in form_errors(response)


def test_a_changed_service_is_still_checked(curator_client):
    service = make_service()
    other = make_service(name="Other group")

    response = admin_post(curator_client, Service, {"slug": other.slug}, obj=service)

    assert "Service with this Web address name already exists." in form_errors(response)


def test_a_changed_inline_row_is_still_checked(curator_client):
    service = make_service()
    make_language(service=service, code="en")
    make_language(service=service, code="es")

    response = admin_post(curator_client, Service, {"languages-1-code": "en"}, obj=service)

    assert "Language with this Service and Language already exists." in form_errors(response)


def test_unchanged_inline_rows_are_not_checked_again(curator_client):
    service = make_service()
    for code in ["en", "es", "fr"]:
        make_language(service=service, code=code)
    url = reverse("admin:resources_service_change", args=[service.pk])
    data = rendered_form_data(curator_client.get(url))

    with CaptureQueriesContext(connection) as queries:
        assert_saved(curator_client.post(url, data))

    # The languages are read once, for the formset; no row is asked about again, nor the
    # service, unchanged too.
    assert len([q for q in queries.captured_queries if "resources_language" in q["sql"]]) == 1
    assert check_queries(queries) == []


def test_a_location_row_pointing_elsewhere_is_checked_against_the_locations(curator_client):
    service = make_service()
    make_service_at_location(service=service, location=make_location(name="Lakeshore House"))
    moved = make_location(name="Elm Street Hall")
    url = reverse("admin:resources_service_change", args=[service.pk])
    data = rendered_form_data(curator_client.get(url))
    prefix = next(key for key in data if key.endswith("-0-location")).removesuffix("-location")

    refused = curator_client.post(url, {**data, f"{prefix}-location": str(uuid.uuid4())})
    assert refused.status_code == 200
    assert "Select a valid choice." in refused.content.decode()

    assert_saved(curator_client.post(url, {**data, f"{prefix}-location": str(moved.pk)}))
    assert [link.location for link in service.service_at_locations.all()] == [moved]
