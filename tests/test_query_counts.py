"""Every public page reads the database in a few queries, however many services it shows."""

from datetime import time

import pytest
from django.db import transaction

from tests.factories import (
    make_language,
    make_location,
    make_madison,
    make_phone,
    make_schedule,
    make_service,
    make_service_area,
    make_service_at_location,
)

# One worker runs the whole module, so that `directory` is made once, not once a worker.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(__name__)]

MAX_QUERIES = 10
TERMS = [
    ("supportdir:support", "emotional"),
    ("supportdir:support", "coping"),
    ("supportdir:topic", "grief"),
    ("supportdir:topic", "anxiety"),
    ("supportdir:cost", "free"),
]


@pytest.fixture(scope="module")
def directory(django_db_setup, django_db_blocker):
    """Thirty services, more than a page, each with places, hours, phones and terms: made once
    for the module's tests, which only read pages, and rolled back at its end, so other modules
    start from an empty database."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield make_directory()
        transaction.set_rollback(True)


def make_directory():
    make_madison()
    for number in range(30):
        in_person = number % 3 != 0
        delivery = ("supportdir:delivery", "in-person" if in_person else "phone")
        service = make_service(
            name=f"Anxiety support group {number}",
            description="A peer support group for depression, anxiety and grief.",
            terms=[*TERMS, delivery],
        )
        make_phone(service=service)
        make_schedule(service=service, opens_at=time(9), closes_at=time(17))
        make_schedule(service=service, byday="SA", opens_at=time(10), closes_at=time(12))
        if number % 2:
            make_language(service=service, code="es")
        if not in_person:
            make_service_area(service=service, name="Wisconsin")
            continue
        for offset in range(2):
            location = make_location(latitude=43.07 + offset / 100, longitude=-89.39)
            make_service_at_location(service=service, location=location)
            make_schedule(location=location, opens_at=time(8), closes_at=time(20))
            make_phone(location=location)
    return service


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/search/",
        "/search/?q=anxiety",
        "/search/?q=depresion",
        "/search/?support=emotional&topic=grief",
        "/search/?near=53703&distance=10",
        "/search/?open_now=1",
        "/search/?this_week=1&support=emotional",
        "/search/?q=group&support=coping&near=53703&open_now=1",
        "/search/?q=support&page=2",
        "/search/?q=nothing-like-it&support=coping&topic=grief",
        "/support/emotional/",
        "/topics/grief/",
        "/choose/",
        "/search/?support=emotional&delivery=phone&chose=listen&chose=phone-text",
        "/guides/",
        "/guides/building-your-support-network/",
    ],
)
def test_a_public_page_takes_at_most_ten_queries(
    client, directory, url, django_assert_max_num_queries
):
    client.get(url)  # what the cache keeps (terms, counts, synonyms) is kept from here on
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


def test_a_service_page_takes_at_most_ten_queries(client, directory, django_assert_max_num_queries):
    client.get(directory.get_absolute_url())
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(directory.get_absolute_url())
    assert response.status_code == 200
