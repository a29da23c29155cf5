"""What pages work out alike for every visitor (a search's results and counts, spelling help,
the recently verified, a kind's places to find it, similar services) is kept in the cache for the
next visitor, and a curator's change shows at once."""

import re
from datetime import date

import pytest

from resources.models import SearchSynonym, Service
from tests.factories import (
    make_location,
    make_schedule,
    make_service,
    make_service_at_location,
)

pytestmark = pytest.mark.django_db

EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"


def result_names(client, query_string):
    response = client.get(f"/search/?{query_string}")
    assert response.status_code == 200
    return re.findall(
        r'<h3 id="service-[^"]+" class="service-card__name"><a href="[^"]+">([^<]+)</a>',
        response.content.decode(),
    )


def test_a_renamed_service_shows_its_new_name_in_the_next_search(
    client, django_capture_on_commit_callbacks
):
    service = make_service(name="Grief walk", description="Walking together after a loss.")
    assert result_names(client, "q=walking") == ["Grief walk"]

    with django_capture_on_commit_callbacks(execute=True):
        service.name = "Grief walking group"
        service.save()

    assert result_names(client, "q=walking") == ["Grief walking group"]


def test_an_unpublished_service_leaves_the_search_and_its_counts_at_once(client):
    make_service(name="Listening line", terms=[("supportdir:support", "emotional")])
    service = make_service(name="Talking line", terms=[("supportdir:support", "emotional")])
    assert result_names(client, "support=emotional") == ["Listening line", "Talking line"]

    Service.objects.filter(pk=service.pk).unpublish()

    assert result_names(client, "support=emotional") == ["Listening line"]
    assert "1 service" in client.get("/search/?support=emotional").content.decode()


def test_a_place_moved_nearer_shows_in_the_next_near_search(client, madison):
    far = make_location(city="Denver", state_province="CO", latitude=39.74, longitude=-104.99)
    make_service_at_location(service=make_service(name="Peer circle"), location=far)
    assert "Peer circle" not in result_names(client, "near=53703")

    far.latitude, far.longitude = 43.0731, -89.4012
    far.save()

    assert "Peer circle" in result_names(client, "near=53703")


def test_new_hours_show_in_the_next_open_now_search(client):
    service = make_service(name="Warm line")
    assert result_names(client, "open_now=1") == []

    make_schedule(service=service, byday=EVERY_DAY)

    assert result_names(client, "open_now=1") == ["Warm line"]


def test_spelling_help_knows_the_words_of_a_service_added_since(client):
    make_service(name="Breathing class", description="Calm breathing.")
    assert "Showing results for" not in client.get("/search/?q=mindfullness").content.decode()

    make_service(name="Mindfulness group", description="Mindfulness practice.")

    page = client.get("/search/?q=mindfullness").content.decode()
    assert "Showing results for <strong>mindfulness</strong>" in page
    assert "Mindfulness group" in page


def test_a_synonym_added_by_a_curator_works_in_the_next_search(client):
    make_service(name="Grief circle", description="For adults grieving a death.")
    assert result_names(client, "q=heartbreak") == []

    SearchSynonym.objects.create(word="heartbreak", means="grief")

    assert result_names(client, "q=heartbreak") == ["Grief circle"]


def test_the_api_lists_a_service_added_since(client):
    make_service(name="Listening line")
    assert client.get("/api/services").json()["total_items"] == 1

    make_service(name="Talking line")
    listed = client.get("/api/services").json()

    assert listed["total_items"] == 2
    assert [service["name"] for service in listed["contents"]] == ["Listening line", "Talking line"]


def test_a_service_verified_since_shows_on_the_home_page_at_once(client):
    make_service(name="Checked last month", assured_date=date(2026, 10, 30))
    assert "Checked last month" in client.get("/").content.decode()

    service = make_service(name="Checked today")
    Service.objects.filter(pk=service.pk).mark_verified(None, today=date(2026, 11, 30))

    assert "Checked today" in client.get("/").content.decode()


def test_a_kind_of_support_page_lists_a_place_to_find_it_added_since(client):
    make_service(
        terms=[("supportdir:support", "emotional"), ("supportdir:resource", "support-group")]
    )
    assert "kind=warmline" not in client.get("/support/emotional/").content.decode()

    make_service(terms=[("supportdir:support", "emotional"), ("supportdir:resource", "warmline")])

    assert "kind=warmline" in client.get("/support/emotional/").content.decode()


def test_a_service_page_shows_a_similar_service_added_since_and_its_new_name(client):
    terms = [("supportdir:support", "emotional"), ("supportdir:topic", "grief")]
    service = make_service(name="Grief line", terms=terms)
    make_service(name="Grief circle", terms=terms)
    assert "Grief circle" in client.get(service.get_absolute_url()).content.decode()

    make_service(name="Grief walk", terms=terms)
    Service.objects.filter(name="Grief circle").update(name="Grief circle (Tuesdays)")
    page = client.get(service.get_absolute_url()).content.decode()

    assert "Grief walk" in page
    assert "Grief circle (Tuesdays)" in page
