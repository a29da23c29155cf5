"""A service's history page: its changes and its records' as one timeline, one entry a save."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resources.curation import history
from resources.curation.change_sets import change_set
from resources.curation.timeline import Timeline
from resources.models import Language, Phone, Schedule, Service
from tests.conftest import assert_saved
from tests.factories import (
    make_language,
    make_location,
    make_phone,
    make_schedule,
    make_service,
    make_service_area,
    make_service_at_location,
)
from tests.test_admin_save import change_url, realistic_service, rendered_form_data

pytestmark = pytest.mark.django_db


def history_url(service):
    return reverse("admin:resources_service_history", args=[service.pk])


def restore_url(service, record):
    return reverse(
        "admin:resources_service_restore_version",
        args=[service.pk, record._meta.model_name.removeprefix("historical"), record.history_id],
    )


def entries(client, service, page=1):
    response = client.get(history_url(service), {"p": page})
    assert response.status_code == 200
    return list(response.context["page_obj"])


def headings(entry):
    return [item.heading for item in entry.items]


def changes(entry):
    return {
        (change.label, change.old, change.new) for item in entry.items for change in item.changes
    }


def edit_first_phone(client, service, number):
    data = rendered_form_data(client.get(change_url(service)))
    data["phones-0-number"] = number
    assert_saved(client.post(change_url(service), data))


def test_a_phone_edited_on_the_service_form_is_one_entry_holding_the_change(curator_client):
    service = realistic_service()

    edit_first_phone(curator_client, service, "608-555-0199")

    newest = entries(curator_client, service)[0]
    assert headings(newest) == ["Phone changed: Call: 608-555-0199"]
    assert changes(newest) == {("Number", "608-555-0100", "608-555-0199")}
    assert newest.user.username == "curator"
    content = curator_client.get(history_url(service)).content.decode()
    assert "None" not in content
    assert "style=" not in content


def test_the_timeline_shows_the_changes_to_hours_places_and_languages(curator_client):
    service = make_service(name="Lakeshore Warmline")
    schedule = make_schedule(service=service, byday="MO")
    place = make_service_at_location(service=service, location=make_location(name="Old House"))
    language = make_language(service=service, code="es")

    schedule.byday = "TU"
    schedule.save()
    place.location.name = "Lake House"
    place.location.save()
    language.delete()
    make_service_area(service=service, name="Dane County")

    shown = entries(curator_client, service)
    assert [headings(entry) for entry in shown[:4]] == [
        ["Service area added: Dane County"],
        ["Language deleted: Spanish"],
        ["Location changed: Lake House, Madison"],
        [f"Schedule changed: {schedule.in_words}"],
    ]
    assert ("Name", "Old House", "Lake House") in changes(shown[2])
    assert ["Location added: Old House, Madison"] in [headings(entry) for entry in shown]
    assert ["Now offered at: Lake House, Madison"] in [headings(entry) for entry in shown]


def test_an_empty_value_reads_as_a_dash_and_an_unknown_user_as_a_dash(curator_client):
    service = make_service(name="Lakeshore Warmline", alternate_name="")
    service.alternate_name = "Warmline"
    service.save()

    newest = entries(curator_client, service)[0]
    assert changes(newest) == {("Alternate name", "—", "Warmline")}
    row = curator_client.get(history_url(service)).content.decode().split("<tbody>")[1]
    assert "None" not in row.split("</tr>")[0]
    assert "Changed by:</span> —</td>" in row.split("</tr>")[0]
    assert "Why:</span> —</td>" in row.split("</tr>")[0]


def test_rows_written_in_one_change_set_outside_a_request_are_one_entry(curator_client):
    service = make_service()
    with change_set():
        make_phone(service=service, number="608-555-0111")
        make_language(service=service, code="fr")

    newest = entries(curator_client, service)[0]
    assert headings(newest) == ["Phone added: Call: 608-555-0111", "Language added: French"]


def test_an_imports_rows_of_one_second_with_one_reason_are_one_entry(curator_client):
    service = make_service()
    phone = make_phone(service=service, number="608-555-0111")
    language = make_language(service=service, code="fr")
    # Written by an import a little later, within one second.
    later = language.history.get().history_date.replace(microsecond=0) + timedelta(seconds=5)
    for microsecond, row in enumerate([phone.history.get(), language.history.get()]):
        row.history_change_reason = "Imported from HSDS"
        row.history_date = later.replace(microsecond=microsecond)
        row.save()

    newest = entries(curator_client, service)[0]
    assert headings(newest) == ["Phone added: Call: 608-555-0111", "Language added: French"]
    assert newest.reasons == ["Imported from HSDS"]


def test_a_curator_restores_an_older_phone_number(curator_client):
    service = realistic_service()
    phone = Phone.objects.get(service=service, number="608-555-0100")
    old_version = phone.history.get()
    edit_first_phone(curator_client, service, "608-555-0199")

    response = curator_client.post(restore_url(service, old_version), follow=True)

    phone.refresh_from_db()
    assert phone.number == "608-555-0100"
    assert "is back as it was" in response.content.decode()
    newest = response.context["page_obj"][0]
    assert changes(newest) == {("Number", "608-555-0199", "608-555-0100")}
    assert newest.reasons[0].startswith("Restored the version of ")


def test_a_curator_restores_a_deleted_phone(curator_client):
    service = make_service()
    phone = make_phone(service=service, number="608-555-0123")
    phone_id = phone.pk
    phone.delete()
    deleted = Phone.history.get(id=phone_id, history_type="-")

    curator_client.post(restore_url(service, deleted))

    assert Phone.objects.get(pk=phone_id).number == "608-555-0123"
    assert headings(entries(curator_client, service)[0]) == ["Phone added: Call: 608-555-0123"]


def test_a_schedule_version_is_restored_with_its_hours(curator_client):
    service = make_service()
    schedule = make_schedule(service=service, byday="MO")
    first = schedule.history.get()
    schedule.byday = "FR"
    schedule.save()

    curator_client.post(restore_url(service, first))

    assert Schedule.objects.get(pk=schedule.pk).byday == "MO"


def test_a_version_of_another_services_record_is_refused_with_a_message(curator_client):
    service = make_service()
    other_phone = make_phone(number="608-555-0177")
    other_phone.number = "608-555-0178"
    other_phone.save()
    version = other_phone.history.earliest()

    response = curator_client.post(restore_url(service, version), follow=True)

    assert response.status_code == 200
    assert "not in this service" in response.content.decode()
    other_phone.refresh_from_db()
    assert other_phone.number == "608-555-0178"


def test_an_unknown_version_or_kind_of_record_is_not_a_server_error(curator_client):
    service = make_service()
    url = reverse("admin:resources_service_restore_version", args=[service.pk, "phone", 999999])
    assert curator_client.post(url, follow=True).status_code == 200
    url = reverse("admin:resources_service_restore_version", args=[service.pk, "user", 1])
    assert curator_client.post(url).status_code == 403


def test_a_restore_that_no_longer_fits_is_refused_with_a_message(curator_client):
    service = make_service()
    spanish = make_language(service=service, code="es")
    first = spanish.history.get()
    spanish.delete()
    make_language(service=service, code="es")  # Spanish again, a new record

    response = curator_client.post(restore_url(service, first), follow=True)

    assert "was not restored" in response.content.decode()
    assert Language.objects.filter(service=service).count() == 1


def test_restoring_takes_a_post(curator_client):
    service = make_service()
    phone = make_phone(service=service)

    assert curator_client.get(restore_url(service, phone.history.get())).status_code == 405


def test_a_curator_who_may_only_view_cannot_restore(client):
    viewer = get_user_model().objects.create_user("vera", is_staff=True)
    viewer.user_permissions.set(
        Permission.objects.filter(codename__in=["view_service", "view_phone"])
    )
    client.force_login(viewer)
    service = make_service()
    phone = make_phone(service=service, number="608-555-0100")
    first = phone.history.get()
    phone.number = "608-555-0111"
    phone.save()

    page = client.get(history_url(service))
    response = client.post(restore_url(service, first))

    assert page.status_code == 200
    assert "Restore this version" not in page.content.decode()
    assert "Revert the service" not in page.content.decode()
    assert response.status_code == 403
    phone.refresh_from_db()
    assert phone.number == "608-555-0111"


def test_an_editor_restores_a_phone(editor_client):
    service = make_service()
    phone = make_phone(service=service, number="608-555-0100")
    first = phone.history.get()
    phone.number = "608-555-0111"
    phone.save()

    editor_client.post(restore_url(service, first))

    phone.refresh_from_db()
    assert phone.number == "608-555-0100"


def test_the_page_reads_a_fixed_number_of_queries_however_long_the_history(curator_client):
    service = make_service()
    phone = make_phone(service=service)
    schedule = make_schedule(service=service)
    make_service_at_location(service=service)
    make_language(service=service)
    curator_client.get(history_url(service))  # what the first page of a session reads once

    def queries_after_changes(count):
        for number in range(count):
            phone.number = f"608-555-{number:04}"
            phone.save()
            schedule.description = f"Version {number}"
            schedule.save()
            service.description = f"Version {number}"
            service.save()
        with CaptureQueriesContext(connection) as queries:
            response = curator_client.get(history_url(service))
        assert response.status_code == 200
        return len(queries), response.context["page_obj"].paginator.count

    # A full first page of each, the same kinds of change on it.
    few, total = queries_after_changes(20)
    assert total > 50
    many, total = queries_after_changes(150)
    assert total > 500
    assert few == many


def test_the_timeline_pages_fifty_entries_at_a_time(curator_client):
    service = make_service()
    for number in range(60):
        service.description = f"Version {number}"
        service.save()

    timeline = Timeline(service.pk)
    assert timeline.paginator.count == 61
    assert len(timeline.page(1).object_list) == 50
    assert len(timeline.page(2).object_list) == 11
    assert len(entries(curator_client, service, page=2)) == 11


def test_two_long_versions_are_quoted_where_they_differ():
    start = "A peer-run warmline for anyone who wants to talk, open every evening. " * 2
    old, new = history.excerpts(start + "Closed on Sundays.", start + "Open on Sundays.")

    assert old != new
    assert old.startswith("…")
    assert "Closed on Sundays" in old
    assert "Open on Sundays" in new
    assert history.excerpts("short", "shorter") == ("short", "shorter")


def test_the_conflict_message_quotes_the_two_versions_where_they_differ():
    start = "A peer-run warmline for anyone who wants to talk, open every evening. " * 2
    conflict = history.ChangesSince(
        editors=["paul"],
        fields=[("Description", start + "Closed on Sundays.", start + "Open on Sundays.")],
    )

    (message,) = [line for line in conflict.as_messages() if line.startswith("Description")]
    assert "Closed on Sundays" in message
    assert "Open on Sundays" in message


def test_field_changes_names_choices_and_linked_records():
    service = make_service(status=Service.Status.DRAFT)
    before = service.history.get()
    service.status = Service.Status.PUBLISHED
    service.save()

    (change,) = history.field_changes(Service, before, service.history.latest())
    assert (change.label, change.old, change.new) == ("Status", "Draft", "Published")
