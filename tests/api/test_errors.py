"""Every answer under /api/ is JSON, errors included, whichever part of the stack refused."""

import json

import pytest
from django.test import Client

from resources.api import errors, views
from tests.factories import make_service
from tests.outages import database_down

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_client():
    # A browser or script: CSRF checked as in production, and the response, never an exception.
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


def assert_json_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body["status"] == status
    assert body["message"]
    return body


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/", "/api/services", "/api/services/{id}", "/api/docs/"])
def test_other_methods_get_a_json_405_not_the_csrf_page(api_client, method, path):
    service = make_service()

    response = getattr(api_client, method)(path.format(id=service.pk))

    assert_json_error(response, 405)
    assert "GET" in response["Allow"]


def test_an_unknown_address_is_a_json_404(api_client):
    assert_json_error(api_client.get("/api/no/such/thing"), 404)


def test_a_bad_parameter_is_a_json_400_saying_which(api_client):
    body = assert_json_error(api_client.get("/api/services?per_page=many"), 400)

    assert "per_page" in body["message"]


def test_a_query_django_refuses_to_read_is_a_json_400(api_client):
    # More fields than Django reads (DATA_UPLOAD_MAX_NUMBER_FIELDS), in under 8,000 bytes.
    response = api_client.get("/api/services?" + "&".join(["a=1"] * 1500))

    assert_json_error(response, 400)


def test_a_host_the_site_does_not_serve_is_a_json_400(api_client):
    assert_json_error(api_client.get("/api/services", headers={"Host": "evil.example"}), 400)


def test_an_over_long_address_is_a_json_414(api_client):
    response = api_client.get("/api/services?search=" + "%C3%A9" * 1400)

    body = assert_json_error(response, 414)
    assert "8000 bytes" in body["message"]


def test_the_longest_search_fits_well_within_the_limit(api_client):
    # 500 characters of four bytes each, every byte percent-encoded.
    response = api_client.get("/api/services?per_page=200&search=" + "%F0%9F%98%80" * 500)

    assert response.status_code == 200


def test_an_error_on_our_side_is_a_json_500(api_client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.listing, "page", broken)

    body = assert_json_error(api_client.get("/api/services"), 500)

    assert "a bug" not in body["message"]


def test_a_database_that_cannot_be_reached_is_a_json_503_to_retry(api_client):
    with database_down():
        response = api_client.get("/api/taxonomies")

    assert_json_error(response, 503)
    assert response["Retry-After"] == "30"


def test_a_dump_asked_for_while_the_database_is_down_is_a_503_not_a_cut_200(api_client):
    with database_down():
        response = api_client.get("/api/services?format=ndjson")

    assert_json_error(response, 503)


def test_the_openapi_description_lists_the_error_responses():
    document = json.loads(views.OPENAPI_PATH.read_text())

    for operations in document["paths"].values():
        responses = operations["get"]["responses"]
        assert {"400", "414", "500", "503"} <= set(responses)
    assert "405" in document["info"]["description"]
    assert f"{errors.MAX_URL_BYTES:,}" in document["info"]["description"]
