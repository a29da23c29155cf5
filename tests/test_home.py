import pytest
from django.urls import reverse

from resources.models import Service
from tests.factories import make_service

pytestmark = pytest.mark.django_db

DOMAIN_ORDER = [
    "emotional", "practical", "informational", "social-connection", "validation", "coping",
    "advocacy",
]  # fmt: skip


def test_the_home_page_offers_the_seven_kinds_of_support_with_their_explanations(client):
    page = client.get(reverse("resources:home")).content.decode()
    for slug, name, explanation in [
        ("emotional", "Emotional support", "Someone who listens, understands and does not judge."),
        ("practical", "Practical help", "Hands-on help with daily tasks"),
        ("informational", "Information and advice", "Reliable information, guidance"),
        ("social-connection", "Social connection", "Company and community"),
        ("validation", "Validation and feedback", "Encouragement and honest feedback"),
        ("coping", "Coping strategies", "Skills and techniques for managing symptoms"),
        ("advocacy", "Advocacy and empowerment", "Help to speak up for your needs"),
    ]:
        assert f'href="/support/{slug}/"' in page
        assert name in page
        assert explanation in page
    positions = [page.index(f'href="/support/{slug}/"') for slug in DOMAIN_ORDER]
    assert positions == sorted(positions), "the kinds appear in the order DOMAIN.md gives"


def test_the_home_page_counts_only_published_services(client):
    make_service(terms=[("supportdir:support", "coping")])
    make_service(terms=[("supportdir:support", "coping")], status=Service.Status.DRAFT)
    page = client.get(reverse("resources:home")).content.decode()
    assert "1 service<" in page


def test_every_page_shows_the_crisis_line_at_the_top(client):
    page = client.get(reverse("resources:home")).content.decode()
    crisis = page.index('class="crisis-line"')
    assert crisis < page.index("<header") < page.index("<main")
    assert 'href="tel:988"' in page
    assert 'href="sms:988"' in page
    assert "988 Suicide &amp; Crisis Lifeline" in page


def test_the_crisis_line_follows_the_deployment_setting(client, settings):
    settings.CRISIS_LINE_NAME = "Samaritans"
    settings.CRISIS_LINE_PHONE = "116 123"
    settings.CRISIS_LINE_TEXT = ""
    page = client.get(reverse("resources:home")).content.decode()
    assert '<a class="crisis-button" href="tel:116123">Call 116 123</a>' in page
    assert "sms:" not in page
    assert "Samaritans" in page


def test_a_kind_of_support_page_lists_its_published_services(client):
    listed = make_service(name="Coping Skills Class", terms=[("supportdir:support", "coping")])
    make_service(name="Hidden Draft", status="draft", terms=[("supportdir:support", "coping")])
    make_service(name="Other Kind", terms=[("supportdir:support", "practical")])
    page = client.get(reverse("resources:kind_of_support", args=["coping"])).content.decode()
    assert '<h1 class="browse-title">Coping strategies</h1>' in page
    assert listed.name in page
    assert "Hidden Draft" not in page
    assert "Other Kind" not in page


def test_an_unknown_kind_of_support_is_not_found(client):
    assert client.get("/support/telepathy/").status_code == 404


def test_the_favicon_address_browsers_ask_for_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.svg"


def test_the_health_check_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def test_the_home_page_counts_follow_a_curators_changes(client):
    """The counts are kept between visits, and a change to a service shows at once."""
    first = make_service(terms=[("supportdir:support", "coping")])
    assert "1 service<" in client.get(reverse("resources:home")).content.decode()

    second = make_service(terms=[("supportdir:support", "coping")])
    assert "2 services<" in client.get(reverse("resources:home")).content.decode()

    Service.objects.filter(pk=second.pk).unpublish()
    assert "1 service<" in client.get(reverse("resources:home")).content.decode()

    first.terms.clear()
    assert "0 services<" in client.get(reverse("resources:home")).content.decode()
