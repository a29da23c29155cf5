"""The public forms refuse spam and abuse, say why, and keep nothing of a refused post."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from resources.models import ProblemReport, Suggestion
from resources.public import spam
from tests.curation.conftest import post_one_suggestion_too_many, report_data, suggestion_data
from tests.factories import make_service

pytestmark = pytest.mark.django_db

URL = reverse("resources:suggest")


def assert_nothing_stored():
    assert not Suggestion.objects.exists()
    assert not Suggestion.history.exists()
    assert not ProblemReport.objects.exists()
    assert not ProblemReport.history.exists()


def test_the_trap_field_is_hidden_from_people(client):
    content = client.get(URL).content.decode()

    assert '<div class="form-trap" aria-hidden="true">' in content
    assert 'name="leave_empty"' in content


def test_a_filled_trap_field_is_refused(client):
    response = client.post(URL, suggestion_data(leave_empty="http://spam.example"))

    assert response.status_code == 200
    assert "A field that people cannot see was filled in" in response.content.decode()
    assert_nothing_stored()


def test_a_post_faster_than_a_person_can_type_is_refused(client):
    response = client.post(URL, suggestion_data(started=spam.started_token()))

    assert "faster than a person can fill in the form" in response.content.decode()
    assert_nothing_stored()


def test_the_refused_form_starts_the_clock_again_and_then_goes_through(client):
    refused = client.post(URL, suggestion_data(started=spam.started_token()))
    new_token = refused.context["form"]["started"].value()

    assert spam.check_fill_time(new_token, now=time.time() + 10)


@pytest.mark.parametrize("started", ["", "12345", "forged:token"])
def test_a_missing_or_forged_start_time_is_refused(client, started):
    response = client.post(URL, suggestion_data(started=started))

    assert "could not be checked" in response.content.decode()
    assert_nothing_stored()


def test_a_form_open_for_more_than_a_day_is_refused():
    token = spam.started_token()

    with pytest.raises(spam.Refusal) as refusal:
        spam.check_fill_time(token, now=time.time() + 2 * 24 * 3600)
    assert refusal.value.code == "form_expired"


def test_too_many_posts_from_one_client_are_refused(client, settings):
    settings.SUBMISSION_RATE_LIMIT = 3
    response = post_one_suggestion_too_many(client, URL, limit=3)

    assert response.status_code == 429
    assert "several messages in a short time" in response.content.decode()
    assert Suggestion.objects.count() == 3
    assert not Suggestion.objects.filter(name="One too many").exists()


def test_the_limit_counts_both_forms_and_is_per_client(client, settings):
    settings.SUBMISSION_RATE_LIMIT = 2
    service = make_service()
    report_url = reverse("resources:report_problem", args=[service.slug])
    client.post(URL, suggestion_data())
    client.post(report_url, report_data())

    assert client.post(report_url, report_data()).status_code == 429
    other_client = Client(REMOTE_ADDR="192.0.2.99")
    assert other_client.post(report_url, report_data()).status_code == 302


def test_the_rate_limit_keeps_no_address_only_a_keyed_hash(rf):
    request = rf.post(URL, REMOTE_ADDR="198.51.100.7")

    key = spam.client_key(request)

    assert "198.51.100.7" not in key
    assert len(key) >= 40
    assert key == spam.client_key(rf.post(URL, REMOTE_ADDR="198.51.100.7"))
    assert key != spam.client_key(rf.post(URL, REMOTE_ADDR="198.51.100.8"))


def test_link_stuffed_text_is_refused(client):
    links = " ".join(f"https://cheap{number}.example.com" for number in range(5))

    response = client.post(URL, suggestion_data(description=f"Great offers {links}"))

    assert "at most 2 web addresses" in response.content.decode()
    assert_nothing_stored()


def test_a_link_or_two_is_fine(client):
    response = client.post(
        URL, suggestion_data(description="Listed at https://a.example.org and www.b.example.org")
    )

    assert response.status_code == 302


@pytest.mark.parametrize(
    "text",
    [
        "play 99 exch now and win big",
        "Best 99exch cricket betting id, call now",
        "Get your online betting ID on Lotus365",
        "online casino bonus free spins",
        # Letters from Unicode's mathematical alphabets, a common way around word filters.
        "\U0001d5fd\U0001d5f9\U0001d5ee\U0001d606 \U0001d7f5\U0001d7f5 exch",
    ],
)
def test_betting_spam_is_refused(client, text):
    response = client.post(URL, suggestion_data(name="Win big", description=text))

    assert "betting or casino sites" in response.content.decode()
    assert_nothing_stored()


def test_betting_spam_in_a_problem_report_is_refused(client):
    service = make_service()

    response = client.post(
        reverse("resources:report_problem", args=[service.slug]),
        report_data(kind="other", details="play 99 exch for instant withdrawal"),
    )

    assert "betting or casino sites" in response.content.decode()
    assert_nothing_stored()


@pytest.mark.parametrize(
    "text",
    [
        "Gamblers Anonymous meeting for people with a gambling problem.",
        "Support for families affected by problem gambling and betting debts.",
        "Help with money exchange and budgeting.",
    ],
)
def test_support_for_gambling_problems_is_welcome(client, text):
    response = client.post(URL, suggestion_data(description=text))

    assert response.status_code == 302


def test_a_post_without_the_csrf_token_is_refused_with_an_explanation():
    client = Client(enforce_csrf_checks=True)

    response = client.post(URL, suggestion_data())

    assert response.status_code == 403
    content = response.content.decode()
    assert "security check failed" in content
    assert "988" in content
    assert_nothing_stored()


def test_the_form_page_sets_only_the_csrf_cookie(client):
    response = client.get(URL)

    assert set(response.cookies) == {"csrftoken"}
