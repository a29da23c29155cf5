"""Organisations, taxonomies, terms, services at locations, the meta and the documentation."""

import re
import uuid

import pytest

from resources import vocabulary
from resources.models import Service, ServiceAtLocation
from tests.factories import make_organization, make_service, make_service_at_location

pytestmark = pytest.mark.django_db


def test_meta_names_the_version_and_the_description(client):
    data = client.get("/api/").json()
    assert data["version"] == "3.0"
    assert data["openapi_url"] == "http://testserver/api/openapi.json"
    assert data["profile"] == "http://testserver/api/docs/"


def test_the_openapi_description_is_ours_and_filled_in(client):
    document = client.get("/api/openapi.json").json()
    assert document["info"]["title"] == "supportdir HSDS API"
    assert document["servers"][0]["url"] == "http://testserver/api"
    assert document["info"]["license"] == {
        "name": "Creative Commons Attribution 4.0 International",
        "identifier": "CC-BY-4.0",
    }
    assert "/services/{id}" in document["paths"]


def test_a_deployment_chooses_its_data_licence_and_the_documents_name_it(client, settings):
    settings.DATA_LICENSE = "LicenseRef-County-Open-Data"
    settings.DATA_LICENSE_URL = "https://data.example.org/licence"
    document = client.get("/api/openapi.json").json()
    assert document["info"]["license"] == {
        "name": "LicenseRef-County-Open-Data",
        "identifier": "LicenseRef-County-Open-Data",
    }
    page = client.get("/api/docs/").content.decode()
    assert "LicenseRef-County-Open-Data" in page
    assert 'href="https://data.example.org/licence"' in page


def test_the_documentation_page_explains_the_api(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert b"format=ndjson" in response.content
    assert not re.search(rb"<style|<script(?![^>]*\bsrc=)|\sstyle=", response.content)


def test_organizations_without_published_services_are_not_listed(client):
    shown = make_service().organization
    make_service(status=Service.Status.DRAFT)
    make_organization()
    ids = [item["id"] for item in client.get("/api/organizations").json()["contents"]]
    assert ids == [str(shown.id)]
    assert client.get(f"/api/organizations/{uuid.uuid4()}").status_code == 404


def test_an_organization_lists_only_its_published_services(client):
    organization = make_organization()
    shown = make_service(organization=organization)
    make_service(organization=organization, status=Service.Status.DRAFT)
    data = client.get(f"/api/organizations/{organization.id}").json()
    assert [item["id"] for item in data["services"]] == [str(shown.id)]


def test_terms_filter_by_taxonomy(client):
    taxonomy_id = vocabulary.taxonomy_id(vocabulary.COST)
    data = client.get(f"/api/taxonomy_terms?taxonomy_id={taxonomy_id}").json()
    assert {item["code"] for item in data["contents"]} == {
        "free",
        "sliding-scale",
        "insurance",
        "fee",
    }
    assert client.get("/api/taxonomy_terms?taxonomy_id=x").status_code == 400
    assert client.get(f"/api/taxonomies/{taxonomy_id}").json()["name"] == vocabulary.COST


def test_services_at_locations_of_drafts_are_hidden(client):
    shown = make_service_at_location()
    hidden = make_service_at_location(service=make_service(status=Service.Status.DRAFT))
    ids = [item["id"] for item in client.get("/api/service_at_locations").json()["contents"]]
    assert ids == [str(shown.id)]
    assert client.get(f"/api/service_at_locations/{hidden.id}").status_code == 404
    assert client.get(f"/api/service_at_locations/{shown.id}").status_code == 200
    assert ServiceAtLocation.objects.count() == 2


def test_services_at_locations_take_the_service_filters(client):
    link = make_service_at_location(service=make_service(name="Grief circle"))
    make_service_at_location()
    response = client.get("/api/service_at_locations?search=grief")
    assert [item["id"] for item in response.json()["contents"]] == [str(link.id)]
    assert client.get("/api/service_at_locations?postcode=nowhere-at-all").status_code == 400


def test_an_unknown_api_address_is_a_json_404(client):
    response = client.get("/api/servicez")
    assert response.status_code == 404
    assert response.json()["status"] == 404
