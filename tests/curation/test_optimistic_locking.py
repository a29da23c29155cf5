"""Two curators editing one service: the second save is refused and told what changed."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from resources.models import Service
from tests.conftest import assert_saved, service_form_data
from tests.curation.conftest import make_curator
from tests.factories import get_support, make_phone, make_service

pytestmark = pytest.mark.django_db


def change_url(service):
    return reverse("admin:resources_service_change", args=[service.pk])


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def opened_version(client, service):
    """What the change form carries when a curator opens it."""
    return client.get(change_url(service)).context["adminform"].form["loaded_version"].value()


@pytest.fixture
def service():
    return make_service(name="Lakeshore Warmline", description="Peer-run line, evenings.")


def test_the_form_carries_the_version_it_was_opened_at(curator_client, service):
    content = curator_client.get(change_url(service)).content.decode()

    assert f'type="hidden" name="loaded_version" value="{service.version}"' in content


def test_every_save_counts_up_the_version(service):
    first = service.version

    service.save()

    assert service.version == first + 1
    assert Service.objects.get(pk=service.pk).version == first + 1


def test_the_second_of_two_overlapping_saves_is_refused_with_what_changed(service):
    alice, bob = make_curator("Publishers", "alice"), make_curator("Publishers", "bob")
    alice_client, bob_client = client_for(alice), client_for(bob)
    alice_started = opened_version(alice_client, service)
    bob_started = opened_version(bob_client, service)

    assert_saved(
        alice_client.post(
            change_url(service),
            service_form_data(
                service, description="Peer-run line, every day.", loaded_version=alice_started
            ),
        )
    )
    response = bob_client.post(
        change_url(service),
        service_form_data(service, name="Lakeshore Line", loaded_version=bob_started),
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "changed by alice" in content
    assert "your changes were not saved" in content
    assert "Description was “Peer-run line, evenings.” and is now “Peer-run line, every day.”" in (
        content
    )
    service.refresh_from_db()
    assert (service.name, service.description) == (
        "Lakeshore Warmline",
        "Peer-run line, every day.",
    )


def test_after_opening_the_page_again_the_save_goes_through(curator_client, service):
    stale = opened_version(curator_client, service)
    Service.objects.get(pk=service.pk).save()

    refused = curator_client.post(
        change_url(service), service_form_data(service, name="Renamed", loaded_version=stale)
    )
    assert refused.status_code == 200

    fresh = opened_version(curator_client, service)
    assert_saved(
        curator_client.post(
            change_url(service), service_form_data(service, name="Renamed", loaded_version=fresh)
        )
    )
    service.refresh_from_db()
    assert service.name == "Renamed"


def test_a_bulk_action_in_between_also_counts(curator_client, service):
    started = opened_version(curator_client, service)
    Service.objects.filter(pk=service.pk).mark_verified(None)

    response = curator_client.post(
        change_url(service), service_form_data(service, name="Renamed", loaded_version=started)
    )

    assert response.status_code == 200
    assert "Last verified was" in response.content.decode()


def test_a_phone_changed_in_between_is_mentioned(curator_client, service):
    started = opened_version(curator_client, service)
    make_phone(service=service, number="608-555-0100")
    Service.objects.get(pk=service.pk).save()

    response = curator_client.post(
        change_url(service), service_form_data(service, name="Renamed", loaded_version=started)
    )

    assert "phone numbers or hours were changed too" in response.content.decode()


def test_a_form_without_its_version_is_refused(curator_client, service):
    data = service_form_data(service, name="Renamed")
    data.pop("loaded_version")

    response = curator_client.post(change_url(service), data)

    assert response.status_code == 200
    service.refresh_from_db()
    assert service.name == "Lakeshore Warmline"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_never_both_win():
    # SQLite takes the database's write lock for each save anyway; the row lock is PostgreSQL's.
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://...")
    service = make_service(name="Race", description="Before.")
    users = [
        get_user_model().objects.create_superuser(f"racer{n}", f"r{n}@example.org", "x")
        for n in range(2)
    ]
    started = service.version
    barrier = threading.Barrier(2)
    statuses = []

    def save_as(user, description):
        try:
            client = client_for(user)
            barrier.wait()
            response = client.post(
                change_url(service),
                service_form_data(service, description=description, loaded_version=started),
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save_as, args=(user, f"By {user.username}.")) for user in users
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [200, 302]
    service.refresh_from_db()
    assert service.version == started + 1
    assert service.description in {"By racer0.", "By racer1."}


def test_terms_changed_in_between_are_named_with_their_labels(curator_client, service):
    service.terms.set([get_support("emotional")])
    started = opened_version(curator_client, service)
    other = Service.objects.get(pk=service.pk)
    with transaction.atomic():
        other.save()
        other.terms.set([get_support("practical")])

    response = curator_client.post(
        change_url(service), service_form_data(service, name="Renamed", loaded_version=started)
    )

    content = response.content.decode()
    emotional, practical = str(get_support("emotional")), str(get_support("practical"))
    assert f"was “{emotional}” and is now “{practical}”" in content
