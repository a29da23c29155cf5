"""Editors add and edit; Publishers also publish, unpublish, verify and moderate. No more."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from resources.models import ProblemReport, Service, Suggestion
from tests.conftest import assert_saved, service_form_data
from tests.curation.conftest import make_report, make_suggestion
from tests.factories import make_organization, make_service

pytestmark = pytest.mark.django_db

SERVICES = reverse("admin:resources_service_changelist")


def change_url(service):
    return reverse("admin:resources_service_change", args=[service.pk])


def run_action(client, action, services):
    return client.post(
        SERVICES, {"action": action, "_selected_action": [s.pk for s in services], "index": 0}
    )


def test_the_data_migration_made_both_roles():
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    publishers = set(
        Group.objects.get(name="Publishers").permissions.values_list("codename", flat=True)
    )

    assert {"add_service", "change_service", "view_service", "change_phone"} <= editors
    assert not {"publish_service", "verify_service", "delete_service"} & editors
    assert not {"change_suggestion", "change_problemreport"} & editors
    assert publishers - editors == {
        "publish_service",
        "verify_service",
        "change_suggestion",
        "change_problemreport",
        # They may see who is paused after wrong passwords, and unlock them.
        "view_failedsignin",
        "delete_failedsignin",
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("editor_client", set()),
        ("publisher_client", {"publish", "unpublish", "mark_verified"}),
    ],
)
def test_the_service_actions_are_shown_only_with_permission(request, role, expected):
    client = request.getfixturevalue(role)
    make_service()

    action_form = client.get(SERVICES).context["action_form"]
    choices = action_form.fields["action"].choices if action_form else []
    actions = {name for name, _label in choices if name}

    assert actions & {"publish", "unpublish", "mark_verified"} == expected


def test_an_editor_cannot_run_publish_by_posting_it(editor_client):
    draft = make_service(status=Service.Status.DRAFT)

    run_action(editor_client, "publish", [draft])

    draft.refresh_from_db()
    assert draft.status == Service.Status.DRAFT


def test_a_publisher_publishes_unpublishes_and_verifies(publisher_client, publisher):
    draft = make_service(status=Service.Status.DRAFT)

    run_action(publisher_client, "publish", [draft])
    draft.refresh_from_db()
    assert draft.status == Service.Status.PUBLISHED
    run_action(publisher_client, "mark_verified", [draft])
    draft.refresh_from_db()
    assert (draft.assured_date, draft.assured_by) == (timezone.localdate(), publisher)
    run_action(publisher_client, "unpublish", [draft])
    draft.refresh_from_db()
    assert draft.status == Service.Status.DRAFT


def test_an_editor_edits_a_service_but_its_status_is_read_only(editor_client):
    service = make_service(status=Service.Status.DRAFT)

    page = editor_client.get(change_url(service))
    assert "status" not in page.context["adminform"].form.fields
    assert "verified_today" not in page.context["adminform"].form.fields
    response = editor_client.post(
        change_url(service),
        service_form_data(service, name="Renamed", status="published", verified_today="on"),
    )

    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.name, service.status, service.assured_date) == ("Renamed", "draft", None)


def test_an_editor_adds_a_service_only_as_a_draft(editor_client):
    organization = make_organization()
    service = Service(
        organization=organization, name="New group", slug="new-group", description="Listens."
    )
    data = service_form_data(service, status="published")
    data.pop("loaded_version")

    response = editor_client.post(reverse("admin:resources_service_add"), data)

    assert_saved(response)
    assert Service.objects.get(slug="new-group").status == Service.Status.DRAFT


def test_an_editor_cannot_publish_by_reverting_to_a_published_version(editor_client):
    service = make_service(status=Service.Status.PUBLISHED)
    published = service.history.latest()
    Service.objects.filter(pk=service.pk).unpublish()
    service.refresh_from_db()
    url = reverse("admin:resources_service_simple_history", args=[service.pk, published.pk])

    editor_client.post(url, service_form_data(service, status="published"))

    service.refresh_from_db()
    assert service.status == Service.Status.DRAFT


def test_a_publisher_sets_the_status_in_the_form(publisher_client):
    service = make_service(status=Service.Status.DRAFT)

    publisher_client.post(change_url(service), service_form_data(service, status="published"))

    service.refresh_from_db()
    assert service.status == Service.Status.PUBLISHED


def test_an_editor_cannot_delete_a_service(editor_client):
    service = make_service()

    response = editor_client.post(
        reverse("admin:resources_service_delete", args=[service.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Service.objects.filter(pk=service.pk).exists()


def test_an_editor_reads_the_queue_but_cannot_moderate(editor_client):
    suggestion = make_suggestion()
    report = make_report(make_service())

    assert editor_client.get(reverse("admin:resources_suggestion_changelist")).status_code == 200
    page = editor_client.get(reverse("admin:resources_suggestion_change", args=[suggestion.pk]))
    assert "Accept: make a draft service" not in page.content.decode()
    for model, obj in [("suggestion", suggestion), ("problemreport", report)]:
        accept = editor_client.post(reverse(f"admin:resources_{model}_accept", args=[obj.pk]))
        reject = editor_client.post(
            reverse(f"admin:resources_{model}_reject", args=[obj.pk]), {"reason": "No."}
        )
        assert (accept.status_code, reject.status_code) == (403, 403)
    assert Suggestion.objects.get().status == Suggestion.Status.NEW
    assert ProblemReport.objects.get().status == ProblemReport.Status.NEW
    assert not Service.objects.filter(name=suggestion.name).exists()


def test_a_publisher_moderates(publisher_client):
    suggestion = make_suggestion()
    report = make_report(make_service())

    publisher_client.post(reverse("admin:resources_suggestion_accept", args=[suggestion.pk]))
    publisher_client.post(
        reverse("admin:resources_problemreport_reject", args=[report.pk]), {"reason": "Fine."}
    )

    assert Suggestion.objects.get().status == Suggestion.Status.ACCEPTED
    assert ProblemReport.objects.get().status == ProblemReport.Status.REJECTED


def test_staff_without_a_role_sees_no_queue(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("x", password="x", is_staff=True))

    assert client.get(reverse("admin:resources_suggestion_changelist")).status_code == 403
