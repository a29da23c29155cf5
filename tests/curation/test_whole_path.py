"""From a visitor's message to a true entry, through the curators' hands."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from resources.models import ProblemReport, Service, Suggestion
from tests.conftest import assert_saved, service_form_data
from tests.curation.conftest import make_curator, report_data, suggestion_data
from tests.factories import make_phone, make_service

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_suggestion_becomes_a_published_service(client, django_capture_on_commit_callbacks):
    # A visitor suggests a group.
    assert client.post(reverse("resources:suggest"), suggestion_data()).status_code == 302

    # It waits in the publisher's queue.
    publisher = signed_in(make_curator("Publishers", "paul"))
    queue = publisher.get(
        reverse("admin:resources_suggestion_changelist"), {"status__exact": "new"}
    )
    suggestion = queue.context["cl"].result_list[0]
    assert suggestion.name == "Thursday Hearing Voices Group"

    # The publisher accepts it: a draft, not yet public.
    # Each request's transaction commits (the search index follows at the commit).
    with django_capture_on_commit_callbacks(execute=True):
        accepted = publisher.post(
            reverse("admin:resources_suggestion_accept", args=[suggestion.pk])
        )
    draft = Service.objects.get(suggestions=suggestion)
    assert accepted.url == reverse("admin:resources_service_change", args=[draft.pk])
    assert draft.status == Service.Status.DRAFT
    assert client.get(draft.get_absolute_url()).status_code == 404

    # An editor completes it.
    editor = signed_in(make_curator("Editors", "edith"))
    with django_capture_on_commit_callbacks(execute=True):
        saved = editor.post(
            reverse("admin:resources_service_change", args=[draft.pk]),
            service_form_data(
                draft,
                description="Peer group for people who hear voices; drop in, no referral.",
                facet_support=[term.pk for term in draft.terms.all()],
            ),
        )
    assert_saved(saved)

    # The publisher publishes it, and visitors find it.
    publisher.post(
        reverse("admin:resources_service_changelist"),
        {"action": "publish", "_selected_action": [draft.pk], "index": 0},
    )
    page = client.get(draft.get_absolute_url())
    assert page.status_code == 200
    assert "drop in, no referral" in page.content.decode()
    kind_page = client.get(reverse("resources:kind_of_support", args=["emotional"]))
    assert "Thursday Hearing Voices Group" in kind_page.content.decode()
    found = client.get(reverse("resources:search"), {"q": "hearing voices drop in"})
    assert "Thursday Hearing Voices Group" in found.content.decode()
    assert Suggestion.objects.get().status == Suggestion.Status.ACCEPTED
    assert [record.history_user.username for record in draft.history.order_by("history_date")] == [
        "paul",
        "edith",
        "paul",
    ]


def test_a_report_leads_to_a_fixed_and_verified_entry(client):
    service = make_service(name="Lakeshore Warmline", slug="lakeshore-warmline")
    phone = make_phone(service=service, number="608-555-0100")

    # A visitor reports the wrong number.
    client.post(reverse("resources:report_problem", args=[service.slug]), report_data())
    report = ProblemReport.objects.get()

    # A publisher takes it on and lands on the service, the report beside the form.
    publisher_user = make_curator("Publishers", "paul")
    publisher = signed_in(publisher_user)
    response = publisher.post(reverse("admin:resources_problemreport_accept", args=[report.pk]))
    page = publisher.get(response.url)
    assert "608-555-0177" in page.content.decode()

    # They fix the number, having called the provider, and tick "verified today".
    data = service_form_data(
        service,
        loaded_version=page.context["adminform"].form["loaded_version"].value(),
        verified_today="on",
    )
    data.update(
        {
            "phones-TOTAL_FORMS": 1,
            "phones-INITIAL_FORMS": 1,
            "phones-0-id": phone.pk,
            "phones-0-service": service.pk,
            "phones-0-number": "608-555-0177",
            "phones-0-type": "voice",
            "phones-0-position": 0,
        }
    )
    assert_saved(publisher.post(reverse("admin:resources_service_change", args=[service.pk]), data))

    service.refresh_from_db()
    assert [phone.number for phone in service.phones.all()] == ["608-555-0177"]
    assert (service.assured_date, service.assured_by) == (timezone.localdate(), publisher_user)
    assert ProblemReport.objects.get().status == ProblemReport.Status.ACCEPTED
    assert "608-555-0177" in client.get(service.get_absolute_url()).content.decode()
    assert (
        "Last verified by our curators" in client.get(service.get_absolute_url()).content.decode()
    )
