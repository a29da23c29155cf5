"""Browsing: the kinds of support and topics as pages, and similar services on a detail page."""

from datetime import date

import pytest

from resources.models import Service
from tests.factories import make_location, make_service, make_service_at_location

pytestmark = pytest.mark.django_db


def test_a_kind_of_support_page_explains_it_and_lists_where_to_find_it(client):
    make_service(
        name="Listening group",
        terms=[("supportdir:support", "emotional"), ("supportdir:resource", "support-group")],
    )
    make_service(
        name="Night line",
        terms=[("supportdir:support", "emotional"), ("supportdir:resource", "warmline")],
    )
    make_service(name="Forms clinic", terms=[("supportdir:support", "practical")])
    page = client.get("/support/emotional/").content.decode()
    assert '<h1 class="browse-title">Emotional support</h1>' in page
    assert "Someone who listens, understands and does not judge." in page
    assert 'href="/search/?support=emotional&amp;kind=support-group"' in page
    assert 'href="/search/?support=emotional&amp;kind=warmline"' in page
    assert "Listening group" in page and "Night line" in page
    assert "Forms clinic" not in page
    assert "2 services" in page


def test_a_kind_of_support_page_narrows_further_with_the_same_filters(client):
    make_service(
        name="Free line", terms=[("supportdir:support", "coping"), ("supportdir:cost", "free")]
    )
    make_service(
        name="Paid class", terms=[("supportdir:support", "coping"), ("supportdir:cost", "fee")]
    )
    page = client.get("/support/coping/?cost=free").content.decode()
    assert "Free line" in page
    assert "Paid class" not in page


def test_a_topic_page_lists_its_services(client):
    make_service(name="Carers' circle", terms=[("supportdir:topic", "caring")])
    make_service(name="Mood group", terms=[("supportdir:topic", "depression")])
    page = client.get("/topics/caring/").content.decode()
    assert '<h1 class="browse-title">Caring for someone</h1>' in page
    assert "Carers&#x27; circle" in page
    assert "Mood group" not in page


def test_unknown_kinds_and_topics_are_not_found(client):
    assert client.get("/support/telepathy/").status_code == 404
    assert client.get("/topics/astrology/").status_code == 404


def test_the_home_page_has_a_search_box_carers_link_and_recently_verified(client):
    make_service(name="Checked last week", assured_date=date(2026, 11, 18))
    page = client.get("/").content.decode()
    assert 'action="/search/"' in page and 'name="q"' in page
    assert "Helping someone else?" in page
    assert 'href="/topics/caring/"' in page
    assert "Checked last week" in page


def test_similar_services_share_a_kind_and_topic_and_the_nearest_come_first(client):
    terms = [("supportdir:support", "emotional"), ("supportdir:topic", "grief")]
    here = make_location(latitude=43.0731, longitude=-89.4012)
    service = make_service(name="Grief circle", terms=terms)
    make_service_at_location(service=service, location=here)
    far = make_service(name="Far grief group", terms=terms)
    make_service_at_location(service=far, location=make_location(latitude=43.5, longitude=-89.9))
    near = make_service(name="Near grief group", terms=terms)
    make_service_at_location(service=near, location=make_location(latitude=43.08, longitude=-89.40))
    make_service(
        name="Other topic",
        terms=[("supportdir:support", "emotional"), ("supportdir:topic", "anxiety")],
    )
    make_service(name="Hidden", terms=terms, status=Service.Status.DRAFT)

    page = client.get(service.get_absolute_url()).content.decode()
    similar = page[page.index("Similar services") :]
    assert similar.index("Near grief group") < similar.index("Far grief group")
    assert "Other topic" not in similar
    assert "Hidden" not in similar
