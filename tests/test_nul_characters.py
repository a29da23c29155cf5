"""No visitor's input reaches the database with a NUL character (PostgreSQL refuses them in text).

Every parameter of every public page and of the API gets one, in its value and in its name; every
field of the public forms gets one. Nothing may answer 500, and a refused post stores nothing.
"""

import pytest
from django.core.cache import cache

from resources.api.views import LIST_PARAMS
from resources.hsds.params import PARSERS
from resources.models import ProblemReport, Suggestion
from resources.public.forms import ProblemReportForm, SuggestionForm
from resources.search.filters import ApiServiceFilterSet, ServiceFilterSet
from tests.api.conftest import make_rich_service
from tests.curation.conftest import report_data, suggestion_data

pytestmark = pytest.mark.django_db

NUL_VALUES = ["%00", "a%00b%00"]
PAGE_PARAMETERS = sorted({*ServiceFilterSet.base_filters, "q", "near", "distance", "sort", "page"})
API_PARAMETERS = sorted({*PARSERS, *ApiServiceFilterSet.base_filters, "proximity"})


@pytest.fixture(autouse=True)
def _empty_rate_limit_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def service():
    return make_rich_service(name="Grief circle", slug="grief-circle")


def public_pages(service):
    location = service.service_at_locations.get()
    return [
        "/",
        "/search/",
        "/support/emotional/",
        "/topics/grief/",
        f"/services/{service.slug}/",
        f"/services/{service.slug}/meetings.ics",
        f"/services/{service.slug}/report/",
        "/suggest/",
        "/suggest/thanks/",
        f"/services/{service.slug}/report/thanks/",
        "/api/",
        "/api/services",
        f"/api/services/{service.pk}",
        "/api/organizations",
        f"/api/organizations/{service.organization_id}",
        "/api/taxonomies",
        "/api/taxonomy_terms",
        "/api/service_at_locations",
        f"/api/service_at_locations/{location.pk}",
        "/api/docs/",
    ]


def test_the_lists_cover_every_parameter_the_code_reads():
    assert {*LIST_PARAMS, "taxonomy_term_id", "open_now", "postcode"} <= set(API_PARAMETERS)
    assert {"support", "topic", "language", "open_now", "near"} <= set(PAGE_PARAMETERS)


def test_a_nul_in_any_parameter_of_any_public_address_is_never_a_500(client, service):
    failures = []
    for url in public_pages(service):
        if url.startswith("/api/"):
            # The API stops at the first bad parameter: one at a time.
            queries = [
                f"{name}{nul}={value}"
                for name in API_PARAMETERS
                for nul in ("", "%00")
                for value in NUL_VALUES
            ]
        else:
            # The pages read every parameter leniently: all at once.
            queries = [
                "&".join(f"{name}{nul}={value}" for name in PAGE_PARAMETERS)
                for nul in ("", "%00")
                for value in NUL_VALUES
            ]
        for query in queries:
            status = client.get(f"{url}?{query}").status_code
            if status >= 500:
                failures.append(f"{url}?{query} → {status}")
    assert failures == []


def test_a_nul_is_dropped_so_the_search_still_finds_what_was_meant(client, service):
    page = client.get("/search/?q=gr%00ief").content.decode()
    api = client.get("/api/services?search=gr%00ief").json()

    assert "Grief circle" in page
    assert [item["name"] for item in api["contents"]] == ["Grief circle"]


def test_a_nul_in_a_place_is_read_as_the_place(client, service):
    response = client.get("/search/?near=537%0003")

    assert response.status_code == 200
    assert 'value="53703"' in response.content.decode()


@pytest.mark.parametrize("field", sorted(SuggestionForm.base_fields))
def test_a_suggestion_with_a_nul_in_any_field_is_refused_calmly(client, field):
    data = suggestion_data()
    data.setdefault(field, "")
    data[field] = (
        [f"{value}\x00" for value in data[field]]
        if isinstance(data[field], list)
        else f"{data[field]}\x00"
    )

    response = client.post("/suggest/", data)

    assert response.status_code in {200, 400}
    assert Suggestion.objects.count() == 0


@pytest.mark.parametrize("field", sorted(ProblemReportForm.base_fields))
def test_a_problem_report_with_a_nul_in_any_field_is_refused_calmly(client, service, field):
    data = report_data()
    data.setdefault(field, "")
    data[field] = f"{data[field]}\x00"

    response = client.post(f"/services/{service.slug}/report/", data)

    assert response.status_code in {200, 400}
    assert ProblemReport.objects.count() == 0
