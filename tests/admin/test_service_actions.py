"""The actions on selected services: publish, unpublish, mark verified."""

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from resources.models import Service
from tests.admin.conftest import SERVICES_URL, days_ago
from tests.factories import get_support, make_service

pytestmark = pytest.mark.django_db


def post_action(client, action, services):
    return client.post(
        SERVICES_URL,
        {"action": action, "_selected_action": [service.pk for service in services]},
        follow=True,
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_publishing_publishes_the_selected_drafts(curator_client):
    first = make_service(status=Service.Status.DRAFT)
    already = make_service(status=Service.Status.PUBLISHED)
    untouched = make_service(status=Service.Status.DRAFT)

    response = post_action(curator_client, "publish", [first, already])

    assert messages_of(response) == ["1 service was published."]
    assert Service.objects.get(pk=first.pk).status == Service.Status.PUBLISHED
    assert Service.objects.get(pk=untouched.pk).status == Service.Status.DRAFT


def test_unpublishing_takes_published_services_back_to_draft(curator_client):
    first = make_service()
    second = make_service()
    inactive = make_service(status=Service.Status.INACTIVE)
    untouched = make_service()

    response = post_action(curator_client, "unpublish", [first, second, inactive])

    assert messages_of(response) == ["2 services were unpublished and are drafts again."]
    assert set(Service.objects.drafts()) == {first, second}
    assert Service.objects.get(pk=inactive.pk).status == Service.Status.INACTIVE
    assert Service.objects.get(pk=untouched.pk).status == Service.Status.PUBLISHED


def test_marking_verified_records_the_curator_and_today(curator_client, curator):
    first = make_service(assured_date=None)
    second = make_service(assured_date=days_ago(500))
    untouched = make_service(assured_date=days_ago(500))

    response = post_action(curator_client, "mark_verified", [first, second])

    assert messages_of(response) == ["2 services were marked as verified today."]
    for service in (first, second):
        service.refresh_from_db()
        assert service.assured_date == timezone.localdate()
        assert service.assured_by == curator
    untouched.refresh_from_db()
    assert untouched.assured_date == days_ago(500)


def test_actions_are_recorded_in_each_services_history(curator_client, curator):
    service = make_service(status=Service.Status.DRAFT)

    post_action(curator_client, "publish", [service])

    entry = LogEntry.objects.get(object_id=str(service.pk))
    assert entry.user == curator
    assert entry.get_change_message() == "Changed Status."


def test_actions_work_on_a_filtered_list(curator_client):
    service = make_service(status=Service.Status.DRAFT, terms=[get_support("emotional")])

    response = curator_client.post(
        f"{SERVICES_URL}?support=emotional",
        {"action": "publish", "_selected_action": [service.pk]},
        follow=True,
    )

    assert messages_of(response) == ["1 service was published."]
