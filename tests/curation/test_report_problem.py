"""/services/<slug>/report/: a visitor reports a problem with a published entry."""

import pytest
from django.urls import reverse

from resources.models import ProblemReport, Service
from tests.curation.conftest import report_data
from tests.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    return make_service(name="Lakeshore Warmline", slug="lakeshore-warmline")


def report_url(service):
    return reverse("resources:report_problem", args=[service.slug])


def test_every_detail_page_links_to_the_report_form(client, service):
    content = client.get(service.get_absolute_url()).content.decode()

    assert f'href="{report_url(service)}"' in content


def test_the_form_names_the_service_and_offers_the_four_problems(client, service):
    response = client.get(report_url(service))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Report a problem with Lakeshore Warmline" in content
    for kind in ProblemReport.Kind:
        assert f'value="{kind.value}"' in content
    assert "<legend>What is wrong?</legend>" in content


def test_a_report_is_stored_as_new_and_the_visitor_is_thanked(client, service):
    response = client.post(report_url(service), report_data())

    assert response.status_code == 302
    assert response.url == reverse("resources:report_thanks", args=[service.slug])
    report = ProblemReport.objects.get()
    assert (report.service, report.kind, report.status) == (service, "wrong-phone", "new")
    thanks = client.get(response.url)
    assert "What happens next" in thanks.content.decode()
    assert thanks.cookies == {}


def test_something_else_needs_details(client, service):
    response = client.post(report_url(service), report_data(kind="other", details=""))

    assert "Please tell us what is wrong." in response.content.decode()
    assert not ProblemReport.objects.exists()


def test_an_unknown_problem_is_an_error_not_a_crash(client, service):
    response = client.post(report_url(service), report_data(kind="bogus"))

    assert response.status_code == 200
    assert not ProblemReport.objects.exists()


@pytest.mark.parametrize("status", [Service.Status.DRAFT, Service.Status.INACTIVE])
def test_unpublished_services_cannot_be_reported(client, status):
    hidden = make_service(status=status)

    assert client.get(report_url(hidden)).status_code == 404
    assert client.post(report_url(hidden), report_data()).status_code == 404


def test_other_methods_are_refused(client, service):
    assert client.put(report_url(service)).status_code == 405


def test_a_missing_problem_links_to_the_first_choice(client, service):
    response = client.post(report_url(service), report_data(kind=""))

    content = response.content.decode()
    assert 'href="#id_kind_0"' in content
    assert 'id="id_kind_0"' in content
    assert not ProblemReport.objects.exists()
