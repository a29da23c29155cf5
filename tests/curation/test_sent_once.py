"""A public form, shown once, stores what it carries once, however often it is sent."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from resources.models import ProblemReport, Suggestion, UsedFormToken
from resources.public import spam
from tests.curation.conftest import report_data, suggestion_data
from tests.factories import make_service

URL = reverse("resources:suggest")


@pytest.mark.django_db
def test_a_suggestion_sent_twice_is_stored_once_and_the_second_send_is_told_so(client):
    data = suggestion_data()

    first = client.post(URL, data)
    second = client.post(URL, data)

    assert first.status_code == 302
    assert second.status_code == 200
    content = second.content.decode()
    assert "We already have this" in content
    assert "did not store it again" in content
    assert "not sent" not in content
    assert "camera=()" in second["Permissions-Policy"]
    assert Suggestion.objects.count() == 1
    assert Suggestion.history.count() == 1


@pytest.mark.django_db
def test_a_report_sent_twice_is_stored_once_and_leads_back_to_the_service(client):
    service = make_service(name="Lakeshore Warmline")
    url = reverse("resources:report_problem", args=[service.slug])
    data = report_data()

    assert client.post(url, data).status_code == 302
    second = client.post(url, data)

    assert second.status_code == 200
    assert "We already have this" in second.content.decode()
    assert service.get_absolute_url() in second.content.decode()
    assert ProblemReport.objects.count() == 1


@pytest.mark.django_db
def test_five_sends_of_one_form_store_one_suggestion(client):
    data = suggestion_data()

    statuses = [client.post(URL, data).status_code for _ in range(5)]

    assert statuses == [302, 200, 200, 200, 200]
    assert Suggestion.objects.count() == 1


@pytest.mark.django_db
def test_a_form_sent_with_a_mistake_can_be_corrected_and_sent(client):
    data = suggestion_data()

    refused = client.post(URL, {**data, "name": ""})
    corrected = client.post(URL, data)

    assert refused.status_code == 200
    assert "This field is required" in refused.content.decode()
    assert corrected.status_code == 302
    assert Suggestion.objects.count() == 1


@pytest.mark.django_db
def test_two_showings_of_the_form_are_two_suggestions(client):
    assert client.post(URL, suggestion_data()).status_code == 302
    assert client.post(URL, suggestion_data()).status_code == 302

    assert Suggestion.objects.count() == 2


@pytest.mark.django_db
def test_every_showing_of_the_form_carries_its_own_token(client):
    first = client.get(URL).context["form"]["started"].value()
    second = client.get(URL).context["form"]["started"].value()

    assert first != second


@pytest.mark.django_db
def test_tokens_older_than_a_form_may_be_open_are_forgotten(client):
    old = UsedFormToken.objects.create(token="sent-three-days-ago")
    UsedFormToken.objects.filter(pk=old.pk).update(used_at=timezone.now() - timedelta(days=3))
    recent = UsedFormToken.objects.create(token="sent-an-hour-ago")
    UsedFormToken.objects.filter(pk=recent.pk).update(used_at=timezone.now() - timedelta(hours=1))

    client.post(URL, suggestion_data())

    tokens = set(UsedFormToken.objects.values_list("token", flat=True))
    assert "sent-three-days-ago" not in tokens
    assert "sent-an-hour-ago" in tokens
    assert len(tokens) == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sends_of_one_form_at_the_same_moment_store_one_suggestion(
    monkeypatch, committed_vocabulary
):
    # On SQLite each post takes the database's write lock first, so the two never overlap.
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://...")
    data = suggestion_data()
    first_holds = threading.Event()
    release = threading.Event()
    use_once = spam.use_once

    def use_once_and_hold(showing):
        # The post that records the token first keeps its transaction open until the other
        # post is waiting for the same row: the two overlap for certain.
        use_once(showing)
        first_holds.set()
        release.wait(timeout=60)

    monkeypatch.setattr(spam, "use_once", use_once_and_hold)
    statuses = []

    def send():
        try:
            statuses.append(Client().post(URL, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    assert first_holds.wait(timeout=60)
    wait_for_a_post_blocked_on_a_lock()
    release.set()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [200, 302]
    assert Suggestion.objects.count() == 1
    assert UsedFormToken.objects.count() == 1


def wait_for_a_post_blocked_on_a_lock():
    with connection.cursor() as cursor:
        for _ in range(6000):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            threading.Event().wait(0.01)
    pytest.fail("the second post never waited for the first")
