"""The search index follows edits once they are committed: each changed service once a
transaction, nothing for a rollback, and big changes through a queue outside the request."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from resources import vocabulary
from resources.models import Language, PendingSearchRefresh, Service
from resources.search import index, search_services
from tests.factories import (
    get_term,
    make_location,
    make_organization,
    make_service,
    make_service_at_location,
)

pytestmark = pytest.mark.django_db


def names(query):
    return {service.name for service in search_services(Service.objects.all(), query)}


def save_committed(record, capture_on_commit_callbacks, **changes):
    """Save `record` with `changes` as the application would, running what waits for the
    commit (the search index's refresh)."""
    for field, value in changes.items():
        setattr(record, field, value)
    with capture_on_commit_callbacks(execute=True):
        record.save()


@pytest.fixture
def small_request_limit(monkeypatch):
    monkeypatch.setattr(index, "REFRESH_IN_REQUEST", 2)


def test_a_transaction_refreshes_its_services_once_when_it_commits(
    refreshes, django_capture_on_commit_callbacks
):
    service = make_service(name="Quiet line")
    other = make_service(name="Other line")
    refreshes.clear()

    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            service.name = "Evening line"
            service.save()
            Language.objects.create(service=service, code="es")
            service.terms.add(get_term(vocabulary.TOPIC, "grief"))
            other.save()
        assert refreshes == []
        assert names("evening") == set()

    for callback in callbacks:
        callback()
    assert refreshes == [{service.pk, other.pk}]
    assert names("evening spanish grief") == {"Evening line"}


def test_a_rolled_back_transaction_refreshes_nothing(refreshes, django_capture_on_commit_callbacks):
    service = make_service(name="Quiet line")
    refreshes.clear()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        service.name = "Evening line"
        service.save()
        raise RuntimeError

    assert callbacks == []
    assert refreshes == []


def test_a_savepoint_rolled_back_takes_only_its_own_changes_out(
    refreshes, django_capture_on_commit_callbacks
):
    kept, undone = make_service(name="Kept"), make_service(name="Undone")
    refreshes.clear()

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        kept.save()
        with pytest.raises(RuntimeError), transaction.atomic():
            undone.save()
            raise RuntimeError
        kept.description = "Still here."
        kept.save()

    assert refreshes == [{kept.pk}]


def test_a_bulk_write_refreshes_each_service_once_at_the_end(
    refreshes, django_capture_on_commit_callbacks
):
    services = [make_service() for _ in range(3)]
    refreshes.clear()

    with django_capture_on_commit_callbacks(execute=True), index.indexing_deferred():
        for service in services:
            service.save()
            Language.objects.create(service=service, code="fr")
        assert refreshes == []

    assert refreshes == [{service.pk for service in services}]


def test_renaming_a_term_refreshes_its_services(refreshes, django_capture_on_commit_callbacks):
    grief = get_term(vocabulary.TOPIC, "grief")
    service = make_service(name="Circle", terms=[grief])
    make_service(name="Unrelated")
    refreshes.clear()

    save_committed(grief, django_capture_on_commit_callbacks, name="Heliotrope")

    assert refreshes == [{service.pk}]
    assert names("heliotrope") == {"Circle"}


@pytest.mark.parametrize(
    ("field", "value"),
    [("description", "Any loss."), ("position", 99), ("code", "loss")],
)
def test_a_term_change_its_documents_do_not_show_refreshes_nothing(
    refreshes, django_capture_on_commit_callbacks, field, value
):
    grief = get_term(vocabulary.TOPIC, "grief")
    make_service(terms=[grief])
    refreshes.clear()

    save_committed(grief, django_capture_on_commit_callbacks, **{field: value})

    assert refreshes == []


def test_renaming_a_place_refreshes_the_services_given_there(
    refreshes, django_capture_on_commit_callbacks
):
    place = make_location(name="Old Mill")
    service = make_service_at_location(location=place).service
    refreshes.clear()

    save_committed(place, django_capture_on_commit_callbacks, postal_code="53704")
    assert refreshes == []

    save_committed(place, django_capture_on_commit_callbacks, name="Riverside Hall")
    assert refreshes == [{service.pk}]
    assert service.name in names("riverside")


def test_an_organisation_edit_refreshes_only_for_its_names(
    refreshes, django_capture_on_commit_callbacks
):
    organization = make_organization(name="Lakeside")
    service = make_service(organization=organization)
    refreshes.clear()

    save_committed(
        organization, django_capture_on_commit_callbacks, website="https://lakeside.example.org"
    )
    assert refreshes == []

    save_committed(
        organization, django_capture_on_commit_callbacks, alternate_name="Lakeside Peer Network"
    )
    assert refreshes == [{service.pk}]


def test_a_change_reaching_many_services_queues_them_in_its_transaction(
    small_request_limit, refreshes, django_capture_on_commit_callbacks
):
    grief = get_term(vocabulary.TOPIC, "grief")
    services = {make_service(terms=[grief]).pk for _ in range(3)}
    refreshes.clear()

    grief.name = "Heliotrope"
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        grief.save()
        queued = PendingSearchRefresh.objects.values_list("service_id", flat=True)
        assert set(queued) == services

    assert refreshes == []
    assert names("heliotrope") == set()


def test_a_change_reaching_few_services_refreshes_them_after_commit(
    small_request_limit, refreshes, django_capture_on_commit_callbacks
):
    grief = get_term(vocabulary.TOPIC, "grief")
    services = {make_service(terms=[grief]).pk for _ in range(2)}
    refreshes.clear()

    save_committed(grief, django_capture_on_commit_callbacks, name="Heliotrope")

    assert refreshes == [services]
    assert not PendingSearchRefresh.objects.exists()


def test_many_small_changes_in_one_transaction_are_queued_together(
    small_request_limit, refreshes, django_capture_on_commit_callbacks
):
    services = [make_service() for _ in range(3)]
    refreshes.clear()

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for service in services:
            service.save()

    assert refreshes == []
    queued = PendingSearchRefresh.objects.values_list("service_id", flat=True)
    assert set(queued) == {service.pk for service in services}


def test_the_command_refreshes_the_queued_services(
    small_request_limit, django_capture_on_commit_callbacks
):
    grief = get_term(vocabulary.TOPIC, "grief")
    for _ in range(5):
        make_service(terms=[grief])
    save_committed(grief, django_capture_on_commit_callbacks, name="Heliotrope")
    out = StringIO()

    call_command("rebuild_search_index", "--pending", stdout=out)

    assert "Search index rebuilt for 5 queued services." in out.getvalue()
    assert not PendingSearchRefresh.objects.exists()
    assert len(names("heliotrope")) == 5


def test_the_command_refreshes_the_first_queued_first(refreshes):
    first, second = make_service(), make_service()
    index.queue_refresh([second.pk])
    index.queue_refresh([first.pk])
    refreshes.clear()

    assert index.refresh_pending(limit=1) == 1

    assert refreshes == [{second.pk}]
    assert list(PendingSearchRefresh.objects.values_list("service_id", flat=True)) == [first.pk]


def test_a_service_queued_twice_is_refreshed_once_a_batch(refreshes):
    service = make_service()
    index.queue_refresh([service.pk])
    index.queue_refresh(Service.objects.filter(pk=service.pk).values_list("pk", flat=True))
    refreshes.clear()

    assert index.refresh_pending() == 1

    assert refreshes == [{service.pk}]
    assert not PendingSearchRefresh.objects.exists()


def test_a_full_rebuild_empties_the_queue():
    index.queue_refresh([make_service().pk])

    call_command("rebuild_search_index", stdout=StringIO())

    assert not PendingSearchRefresh.objects.exists()


def test_a_service_deleted_once_queued_is_skipped():
    service = make_service()
    index.queue_refresh([service.pk])
    service.delete()

    assert index.refresh_pending() == 1
    assert not PendingSearchRefresh.objects.exists()
