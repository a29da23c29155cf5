"""Every change to services, organisations, locations, phones and schedules is recorded."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from resources.models import Location, Organization, Phone, Schedule, Service
from tests.factories import make_location, make_phone, make_schedule, make_service
from tests.test_admin import assert_saved, service_form_data

pytestmark = pytest.mark.django_db

HISTORY_URLS = {
    Service: lambda: make_service(),
    Organization: lambda: make_service().organization,
    Location: make_location,
    Phone: make_phone,
    Schedule: make_schedule,
}


@pytest.mark.parametrize("model", HISTORY_URLS, ids=lambda model: model.__name__)
def test_each_record_keeps_a_history_shown_in_the_admin(curator_client, model):
    obj = HISTORY_URLS[model]()
    name = f"admin:resources_{model._meta.model_name}_history"

    response = curator_client.get(reverse(name, args=[obj.pk]))

    assert response.status_code == 200
    assert obj.history.count() >= 1
    content = response.content.decode()
    assert 'id="change-history"' in content
    assert "style=" not in content


def test_a_saved_change_is_recorded_with_who_and_a_field_by_field_diff(curator_client, curator):
    service = make_service(name="Old name")

    assert_saved(
        curator_client.post(
            reverse("admin:resources_service_change", args=[service.pk]),
            service_form_data(service, name="New name"),
        )
    )

    latest = service.history.latest()
    assert latest.history_user == curator
    changed = {change.field for change in latest.diff_against(latest.prev_record).changes}
    assert "name" in changed
    page = curator_client.get(reverse("admin:resources_service_history", args=[service.pk]))
    content = page.content.decode()
    assert "Old name" in content
    assert "New name" in content


def test_a_curator_reverts_to_an_earlier_version(curator_client):
    service = make_service(name="Original")
    original = service.history.latest()
    service.name = "Vandalised"
    service.save()
    url = reverse("admin:resources_service_simple_history", args=[service.pk, original.pk])

    form = curator_client.get(url)
    assert form.status_code == 200
    assert form.context["adminform"].form["name"].value() == "Original"
    response = curator_client.post(url, service_form_data(service, name="Original"))

    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name == "Original"
    assert service.history.count() == 3


def test_the_admin_actions_write_history_rows_too(curator_client, curator):
    draft = make_service(status=Service.Status.DRAFT)

    curator_client.post(
        reverse("admin:resources_service_changelist"),
        {"action": "publish", "_selected_action": [draft.pk], "index": 0},
    )

    latest = draft.history.latest()
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        "published",
        curator,
        "Published",
    )


def test_the_sample_loader_still_loads_and_a_rerun_adds_no_history():
    call_command("load_sample_data", verbosity=0)
    counts = [Service.history.count(), Phone.history.count(), Schedule.history.count()]

    call_command("load_sample_data", verbosity=0)

    assert Service.objects.count() == 50
    assert [Service.history.count(), Phone.history.count(), Schedule.history.count()] == counts
