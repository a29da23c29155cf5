"""The queue in the admin: filter, accept, reject with a reason; every decision on record."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from resources.curation import decisions
from resources.models import ProblemReport, Service, Suggestion
from tests.curation.conftest import make_report, make_suggestion
from tests.factories import get_support, make_organization, make_service

pytestmark = pytest.mark.django_db

SUGGESTIONS = reverse("admin:resources_suggestion_changelist")
REPORTS = reverse("admin:resources_problemreport_changelist")


def listed(response):
    return {str(obj) for obj in response.context["cl"].result_list}


def test_the_queue_filters_suggestions_by_status_and_age(publisher_client):
    make_suggestion(name="Fresh")
    old = make_suggestion(name="Old")
    Suggestion.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=40))
    rejected = make_suggestion(name="Rejected")
    decisions.reject(rejected, None, "Not in our region.")

    assert listed(publisher_client.get(SUGGESTIONS, {"status__exact": "new"})) == {"Fresh", "Old"}
    assert listed(publisher_client.get(SUGGESTIONS, {"status__exact": "rejected"})) == {"Rejected"}
    assert listed(publisher_client.get(SUGGESTIONS, {"age": "month"})) == {"Old"}
    assert listed(publisher_client.get(SUGGESTIONS, {"age": "week"})) == {"Fresh", "Rejected"}


def test_the_queue_filters_reports_by_type(publisher_client):
    service = make_service(name="Warmline")
    make_report(service, kind=ProblemReport.Kind.CLOSED)
    make_report(service, kind=ProblemReport.Kind.MOVED)

    response = publisher_client.get(REPORTS, {"kind__exact": "moved"})

    assert [report.kind for report in response.context["cl"].result_list] == ["moved"]


def test_nobody_adds_to_the_queue_in_the_admin(curator_client):
    assert curator_client.get(reverse("admin:resources_suggestion_add")).status_code == 403
    assert curator_client.get(reverse("admin:resources_problemreport_add")).status_code == 403


def test_accepting_a_suggestion_makes_a_prefilled_draft(publisher):
    organization = make_organization(name="Lakeside Peer Network")
    suggestion = make_suggestion(
        name="Grief Walkers",
        organization_name="lakeside peer network",
        website="https://walkers.example.org",
        email="hello@walkers.example.org",
        address="1 Park Road",
        postal_code="53704",
        kinds=[get_support("emotional"), get_support("social-connection")],
    )

    service = decisions.accept_suggestion(suggestion, publisher)

    assert service.status == Service.Status.DRAFT
    assert (service.name, service.slug, service.organization) == (
        "Grief Walkers",
        "grief-walkers",
        organization,
    )
    assert service.description == suggestion.description
    assert (service.url, service.email) == (suggestion.website, suggestion.email)
    assert {term.code for term in service.terms.all()} == {"emotional", "social-connection"}
    assert [phone.number for phone in service.phones.all()] == ["608-555-0110"]
    location = service.locations[0]
    assert (location.address_1, location.city, location.postal_code) == (
        "1 Park Road",
        "Madison",
        "53704",
    )
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.service, suggestion.handled_by) == (
        "accepted",
        service,
        publisher,
    )
    assert suggestion.handled_at is not None
    assert service.history.get().history_user == publisher


def test_accepting_is_all_or_nothing(publisher, monkeypatch):
    suggestion = make_suggestion()

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("resources.models.Phone.save", broken_save)
    with pytest.raises(RuntimeError):
        decisions.accept_suggestion(suggestion, publisher)

    assert not Service.objects.filter(name=suggestion.name).exists()
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.NEW


def test_a_suggestion_is_accepted_only_once(publisher):
    suggestion = make_suggestion()
    decisions.accept_suggestion(suggestion, publisher)

    with pytest.raises(decisions.AlreadyHandled):
        decisions.accept_suggestion(suggestion, publisher)
    assert Service.objects.filter(name=suggestion.name).count() == 1


def test_the_draft_gets_a_slug_of_its_own(publisher):
    make_service(slug="grief-walkers")

    service = decisions.accept_suggestion(make_suggestion(name="Grief Walkers"), publisher)

    assert service.slug == "grief-walkers-2"


def test_accept_on_the_suggestion_page_opens_the_draft(publisher_client):
    suggestion = make_suggestion()
    page = publisher_client.get(reverse("admin:resources_suggestion_change", args=[suggestion.pk]))
    assert "Accept: make a draft service" in page.content.decode()

    response = publisher_client.post(
        reverse("admin:resources_suggestion_accept", args=[suggestion.pk])
    )

    service = Service.objects.get(name=suggestion.name)
    assert response.url == reverse("admin:resources_service_change", args=[service.pk])
    draft_page = publisher_client.get(response.url).content.decode()
    assert "Suggested by a visitor" in draft_page
    assert "has no description yet" in draft_page  # its organisation is new


def test_accepting_into_a_described_organisation_asks_for_nothing_more(publisher_client):
    make_organization(name="Lakeshore Peer Network", description="Peer-run groups.")
    suggestion = make_suggestion(organization_name="Lakeshore Peer Network")

    response = publisher_client.post(
        reverse("admin:resources_suggestion_accept", args=[suggestion.pk]), follow=True
    )

    assert "has no description yet" not in response.content.decode()


def test_accept_needs_a_post(publisher_client):
    suggestion = make_suggestion()

    response = publisher_client.get(
        reverse("admin:resources_suggestion_accept", args=[suggestion.pk])
    )

    assert response.status_code == 405


def test_the_bulk_action_accepts_several_suggestions(publisher_client):
    first, second = make_suggestion(name="One"), make_suggestion(name="Two")

    publisher_client.post(
        SUGGESTIONS,
        {"action": "accept_selected", "_selected_action": [first.pk, second.pk], "index": 0},
    )

    assert set(Service.objects.drafts().values_list("name", flat=True)) == {"One", "Two"}


def test_rejecting_asks_for_a_reason_first(publisher_client):
    suggestion = make_suggestion()
    url = reverse("admin:resources_suggestion_reject", args=[suggestion.pk])

    form = publisher_client.get(url)
    assert form.status_code == 200
    assert "Reason for rejecting" in form.content.decode()
    without_reason = publisher_client.post(url, {"reason": "  "})
    assert without_reason.status_code == 200
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.NEW

    response = publisher_client.post(url, {"reason": "A commercial clinic, not support."})

    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.REJECTED
    assert suggestion.rejection_reason == "A commercial clinic, not support."
    assert suggestion.history.count() == 2


def test_the_reject_action_shows_an_intermediate_page_then_rejects(publisher_client):
    service = make_service()
    first, second = make_report(service), make_report(service)
    selected = {"_selected_action": [first.pk, second.pk], "action": "reject_selected"}

    page = publisher_client.post(REPORTS, {**selected, "index": 0})
    assert page.status_code == 200
    assert "Reject, with a reason" in page.content.decode()

    publisher_client.post(REPORTS, {**selected, "reason": "Checked: the number is right."})

    assert set(ProblemReport.objects.values_list("status", flat=True)) == {"rejected"}


def test_the_database_refuses_a_rejection_without_a_reason():
    from django.db import IntegrityError

    suggestion = make_suggestion()
    suggestion.status = Suggestion.Status.REJECTED
    suggestion.handled_at = timezone.now()
    with pytest.raises(IntegrityError):
        suggestion.save()


def test_accepting_a_report_opens_the_service_with_the_report_beside_it(publisher_client):
    service = make_service(name="Lakeshore Warmline")
    report = make_report(service, details="The number goes to a fax machine.")

    response = publisher_client.post(
        reverse("admin:resources_problemreport_accept", args=[report.pk])
    )

    change_url = reverse("admin:resources_service_change", args=[service.pk])
    assert response.url == f"{change_url}?report={report.pk}"
    page = publisher_client.get(response.url).content.decode()
    assert "The report you are fixing" in page
    assert "The number goes to a fax machine." in page
    report.refresh_from_db()
    assert report.status == ProblemReport.Status.ACCEPTED


def test_the_service_page_lists_open_reports(publisher_client):
    service = make_service()
    make_report(service, details="They moved to Main Street.")

    page = publisher_client.get(reverse("admin:resources_service_change", args=[service.pk]))

    assert "They moved to Main Street." in page.content.decode()


def test_a_garbled_report_parameter_is_ignored(publisher_client):
    service = make_service()

    response = publisher_client.get(
        reverse("admin:resources_service_change", args=[service.pk]), {"report": "nonsense"}
    )

    assert response.status_code == 200


def test_each_decision_has_an_audit_trail(publisher_client):
    suggestion = make_suggestion()
    publisher_client.post(reverse("admin:resources_suggestion_accept", args=[suggestion.pk]))

    history = publisher_client.get(
        reverse("admin:resources_suggestion_history", args=[suggestion.pk])
    )

    assert history.status_code == 200
    content = history.content.decode()
    assert "paul" in content
    assert "Accepted" in content


def test_a_submission_page_offers_decisions_not_a_save_button(publisher_client):
    suggestion = make_suggestion()

    page = publisher_client.get(reverse("admin:resources_suggestion_change", args=[suggestion.pk]))

    content = page.content.decode()
    assert 'name="_save"' not in content
    assert "Reject…" in content
