"""Every endpoint's answers validate against the HSDS 3.0 compiled schemas (offline)."""

import json

import pytest

from resources.models import ServiceAtLocation, TaxonomyTerm
from tests.hsds_spec import assert_valid

pytestmark = pytest.mark.django_db


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def assert_page_of(hsds_spec, data, item_schema):
    for key in ("total_items", "total_pages", "page_number", "size"):
        assert isinstance(data[key], int)
    for key in ("first_page", "last_page", "empty"):
        assert isinstance(data[key], bool)
    assert data["contents"], "the page should not be empty"
    for item in data["contents"]:
        assert_valid(hsds_spec, item_schema, item)


@pytest.mark.parametrize(
    ("query", "schema"),
    [
        ("", "compiled/service_list.json"),
        ("?full=true", "compiled/service.json"),
        ("?minimal=true", "compiled/service_list.json"),
    ],
)
def test_service_pages_validate(client, hsds_spec, rich_service, query, schema):
    assert_page_of(hsds_spec, get_json(client, f"/api/services{query}"), schema)


def test_a_service_validates(client, hsds_spec, rich_service):
    data = get_json(client, f"/api/services/{rich_service.id}")
    assert_valid(hsds_spec, "compiled/service.json", data)
    assert {a["taxonomy_term"]["code"] for a in data["attributes"]} == {"emotional", "free"}
    assert data["service_at_locations"][0]["location"]["addresses"]


@pytest.mark.parametrize(
    ("query", "schema"),
    [
        ("", "compiled/organization_list.json"),
        ("?full=true", "compiled/organization.json"),
        ("?full=true&full_service=true", "compiled/organization.json"),
    ],
)
def test_organization_pages_validate(client, hsds_spec, rich_service, query, schema):
    assert_page_of(hsds_spec, get_json(client, f"/api/organizations{query}"), schema)


def test_an_organization_validates(client, hsds_spec, rich_service):
    for query in ("", "?full_service=true"):
        data = get_json(client, f"/api/organizations/{rich_service.organization_id}{query}")
        assert_valid(hsds_spec, "compiled/organization.json", data)
        assert [s["id"] for s in data["services"]] == [str(rich_service.id)]


def test_taxonomies_and_terms_validate(client, hsds_spec, rich_service):
    assert_page_of(hsds_spec, get_json(client, "/api/taxonomies"), "taxonomy.json")
    assert_page_of(hsds_spec, get_json(client, "/api/taxonomy_terms"), "taxonomy_term.json")
    term = TaxonomyTerm.objects.first()
    data = get_json(client, f"/api/taxonomy_terms/{term.id}")
    assert_valid(hsds_spec, "taxonomy_term.json", data)
    data = get_json(client, f"/api/taxonomies/{term.taxonomy_id}")
    assert_valid(hsds_spec, "taxonomy.json", data)


@pytest.mark.parametrize(
    ("query", "schema"),
    [
        ("", "compiled/service_at_location_list.json"),
        ("?full=true", "compiled/service_at_location.json"),
    ],
)
def test_service_at_location_pages_validate(client, hsds_spec, rich_service, query, schema):
    assert_page_of(hsds_spec, get_json(client, f"/api/service_at_locations{query}"), schema)


def test_a_service_at_location_validates(client, hsds_spec, rich_service):
    link = ServiceAtLocation.objects.get()
    data = get_json(client, f"/api/service_at_locations/{link.id}")
    assert_valid(hsds_spec, "compiled/service_at_location.json", data)


def test_ndjson_lines_validate(client, hsds_spec, rich_service):
    response = client.get("/api/services?format=ndjson&full=true")
    assert response["Content-Type"] == "application/x-ndjson"
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 1
    assert_valid(hsds_spec, "compiled/service.json", json.loads(lines[0]))


def test_the_sample_directory_validates(client, hsds_spec, django_db_setup):
    from django.core.management import call_command

    call_command("load_sample_data", verbosity=0)
    data = get_json(client, "/api/services?full=true&per_page=200")
    assert data["total_items"] > 40
    for item in data["contents"]:
        assert_valid(hsds_spec, "compiled/service.json", item)
