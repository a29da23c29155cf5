"""The /api/services endpoints: what they show, their parameters, their errors."""

import uuid
from urllib.parse import quote

import pytest

from resources import vocabulary
from resources.models import Service
from tests.api.conftest import make_rich_service
from tests.factories import get_support, make_organization, make_service

pytestmark = pytest.mark.django_db


def ids(response):
    return [item["id"] for item in response.json()["contents"]]


def test_it_lists_published_services_only(client):
    shown = make_service(name="Shown")
    make_service(name="Draft", status=Service.Status.DRAFT)
    make_service(name="Closed", status=Service.Status.INACTIVE)
    assert ids(client.get("/api/services")) == [str(shown.id)]


def test_it_hides_a_draft_service_by_id(client):
    draft = make_service(status=Service.Status.DRAFT)
    response = client.get(f"/api/services/{draft.id}")
    assert response.status_code == 404
    assert response.json()["message"]


def test_an_unknown_id_is_a_json_404(client):
    response = client.get(f"/api/services/{uuid.uuid4()}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_a_bad_uuid_is_a_json_400(client):
    response = client.get("/api/services/not-a-uuid")
    assert response.status_code == 400
    assert "UUID" in response.json()["message"]


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=two",
        "per_page=201",
        "per_page=0",
        "full=maybe",
        "minimal=2",
        "taxonomy_term_id=nope",
        "organization_id=123",
        "modified_after=yesterday",
        "format=xml",
    ],
)
def test_bad_parameter_values_are_json_400s(client, query):
    response = client.get(f"/api/services?{query}")
    assert response.status_code == 400
    assert response.json() == {"status": 400, "message": response.json()["message"]}


@pytest.mark.parametrize("path", ["/api/services", "/api/organizations", "/api/taxonomies"])
def test_a_page_number_too_big_to_send_back_is_a_json_400(client, path):
    response = client.get(f"{path}?page=104292026281612525568")
    assert response.status_code == 400
    assert response.json()["message"] == "page must be a whole number from 1 to 1000000000."


def test_postcode_is_not_needed_but_proximity_needs_one(client):
    response = client.get("/api/services?proximity=1000")
    assert response.status_code == 400
    assert response.json()["message"] == "proximity needs a postcode to measure from."


def test_pages_carry_the_hsds_envelope(client):
    for number in range(5):
        make_service(name=f"Group {number}")
    data = client.get("/api/services?per_page=2&page=2").json()
    assert {key: value for key, value in data.items() if key != "contents"} == {
        "total_items": 5,
        "total_pages": 3,
        "page_number": 2,
        "size": 2,
        "first_page": False,
        "last_page": False,
        "empty": False,
    }
    assert [item["name"] for item in data["contents"]] == ["Group 2", "Group 3"]


def test_a_page_past_the_last_is_empty(client):
    make_service()
    data = client.get("/api/services?page=99").json()
    assert data["size"] == 0
    assert data["contents"] == []
    assert data["last_page"] is True


def test_per_page_defaults_to_50(client):
    for _ in range(51):
        make_service()
    assert client.get("/api/services").json()["size"] == 50


def test_paging_through_a_search_returns_each_service_once(client):
    # Services alike in name and relevance, told apart by their id alone.
    organization = make_organization()
    made = {
        str(make_service(name="Peer support group", organization=organization).id)
        for _number in range(130)
    }
    returned = []
    for page in range(1, 8):
        returned += ids(client.get(f"/api/services?search=peer+support&per_page=20&page={page}"))
    assert len(returned) == len(made)
    assert set(returned) == made


def test_it_filters_by_term_taxonomy_and_organization(client):
    organization = make_organization()
    emotional = make_service(organization=organization, terms=[get_support("emotional")])
    free = make_service(terms=[(vocabulary.COST, "free"), (vocabulary.COST, "fee")])
    term_id = get_support("emotional").id
    taxonomy_id = vocabulary.taxonomy_id(vocabulary.COST)
    assert ids(client.get(f"/api/services?taxonomy_term_id={term_id}")) == [str(emotional.id)]
    assert ids(client.get(f"/api/services?taxonomy_id={taxonomy_id}")) == [str(free.id)]
    assert ids(client.get(f"/api/services?organization_id={organization.id}")) == [
        str(emotional.id)
    ]


def test_it_filters_by_modification_time(client):
    # Named so that their order (the API's, by name) does not hang on the factory's counter.
    old = make_service(name="A service changed in 2020")
    Service.objects.filter(pk=old.pk).update(modified="2020-01-01T00:00:00Z")
    recent = make_service(name="B service changed today")
    response = client.get("/api/services?modified_after=2025-01-01T00:00:00Z")
    assert ids(response) == [str(recent.id)]
    assert ids(client.get("/api/services?modified_after=2019-12-31")) == [
        str(old.id),
        str(recent.id),
    ]


def test_search_uses_the_sites_search(client):
    make_service(name="Grief circle")
    make_service(name="Walking group")
    names = [item["name"] for item in client.get("/api/services?search=grief").json()["contents"]]
    assert names == ["Grief circle"]


def test_minimal_gives_ids_and_modification_times(client):
    make_service()
    item = client.get("/api/services?minimal=true").json()["contents"][0]
    assert set(item) == {"id", "name", "status", "last_modified"}


def test_ndjson_streams_every_service_without_pages(client):
    for _ in range(3):
        make_service()
    response = client.get("/api/services?format=ndjson&per_page=1")
    assert response.streaming
    assert len(b"".join(response.streaming_content).splitlines()) == 3


def test_it_answers_304_to_a_matching_etag(client):
    service = make_service()
    first = client.get(f"/api/services/{service.id}")
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(f"/api/services/{service.id}", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get(f"/api/services/{service.id}", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    page = client.get("/api/services")
    assert client.get("/api/services", HTTP_IF_NONE_MATCH=page["ETag"]).status_code == 304


def test_a_change_changes_the_etag(client):
    service = make_service()
    first = client.get(f"/api/services/{service.id}")
    service.name = "Renamed"
    service.save()
    again = client.get(f"/api/services/{service.id}", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200


def test_cors_is_open_for_get(client):
    make_service()
    assert client.get("/api/services")["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/services/nope")["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/services")
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_it_refuses_to_write(client):
    response = client.post("/api/services", {})
    assert response.status_code == 405
    assert response.json()["status"] == 405


@pytest.mark.parametrize(
    "url",
    [
        "/api/services?full=true",
        "/api/services",
        "/api/organizations?full=true&full_service=true",
        "/api/service_at_locations?full=true",
        "/api/taxonomy_terms",
    ],
)
def test_queries_stay_constant_per_page(client, django_assert_max_num_queries, url):
    # One query per kind of record HSDS nests, whatever the page holds: an organisation with its
    # services in full nests some thirty kinds (contacts and their phones at four levels).
    for _ in range(3):
        make_rich_service()
    # Constant: one query a kind of record (a location's other addresses, the phones and hours
    # of a service at a location included).
    with django_assert_max_num_queries(40):
        client.get(url)
    for _ in range(10):
        make_rich_service()
    with django_assert_max_num_queries(40):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        ("5267-08-07T18:40:20.4+20:50", 200),
        ("0001-01-01T00:00:00+01:00", 400),
        ("9999-12-31T23:00:00-05:00", 400),
    ],
)
def test_modified_after_takes_any_offset(client, moment, status):
    response = client.get(f"/api/services?modified_after={quote(moment)}")
    assert response.status_code == status
