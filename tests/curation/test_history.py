"""Every change to services, organisations, locations, phones and schedules is recorded."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resources.models import Location, Organization, Phone, Schedule, Service
from tests.conftest import assert_saved, service_form_data
from tests.factories import (
    get_support,
    make_location,
    make_organization,
    make_phone,
    make_schedule,
    make_service,
)

pytestmark = pytest.mark.django_db

HISTORY_URLS = {
    Service: lambda: make_service(),
    Organization: lambda: make_service().organization,
    Location: make_location,
    Phone: make_phone,
    Schedule: make_schedule,
}


@pytest.mark.parametrize("model", HISTORY_URLS, ids=lambda model: model.__name__)
def test_each_record_keeps_a_history_shown_in_the_admin(curator_client, model):
    obj = HISTORY_URLS[model]()
    name = f"admin:resources_{model._meta.model_name}_history"

    response = curator_client.get(reverse(name, args=[obj.pk]))

    assert response.status_code == 200
    assert obj.history.count() >= 1
    content = response.content.decode()
    assert 'id="change-history"' in content
    assert "style=" not in content
    # Written outside a request: no one changed it, for no reason given.
    assert "None" not in content.split('id="change-history"')[1]


def test_a_saved_change_is_recorded_with_who_and_a_field_by_field_diff(curator_client, curator):
    service = make_service(name="Old name")

    assert_saved(
        curator_client.post(
            reverse("admin:resources_service_change", args=[service.pk]),
            service_form_data(service, name="New name"),
        )
    )

    latest = service.history.latest()
    assert latest.history_user == curator
    assert "name" in changed_fields(latest)
    page = curator_client.get(reverse("admin:resources_service_history", args=[service.pk]))
    content = page.content.decode()
    assert "Old name" in content
    assert "New name" in content


def test_a_curator_reverts_to_an_earlier_version(curator_client):
    service = make_service(name="Original")
    original = service.history.latest()
    service.name = "Vandalised"
    service.save()
    url = reverse("admin:resources_service_simple_history", args=[service.pk, original.pk])

    form = curator_client.get(url)
    assert form.status_code == 200
    assert form.context["adminform"].form["name"].value() == "Original"
    response = curator_client.post(url, service_form_data(service, name="Original"))

    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name == "Original"
    assert service.history.count() == 3


def test_the_admin_actions_write_history_rows_too(curator_client, curator):
    draft = make_service(status=Service.Status.DRAFT)

    curator_client.post(
        reverse("admin:resources_service_changelist"),
        {"action": "publish", "_selected_action": [draft.pk], "index": 0},
    )

    latest = draft.history.latest()
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        "published",
        curator,
        "Published",
    )


def test_the_sample_loader_still_loads_and_a_rerun_adds_no_history():
    call_command("load_sample_data", verbosity=0)
    counts = [Service.history.count(), Phone.history.count(), Schedule.history.count()]

    call_command("load_sample_data", verbosity=0)

    assert Service.objects.count() == 50
    assert [Service.history.count(), Phone.history.count(), Schedule.history.count()] == counts


def changed_fields(row):
    """The fields a history row changed, compared with the row before it."""
    return [change.field for change in row.diff_against(row.prev_record).changes]


def support_form_data(service, *codes, **overrides):
    """The change form with these kinds of support ticked (and no other facet term)."""
    return service_form_data(
        service, facet_support=[get_support(code).pk for code in codes], **overrides
    )


def test_a_change_of_kinds_of_support_is_one_history_row_showing_the_terms(curator_client):
    service = make_service(name="Lakeshore Warmline", terms=[get_support("emotional")])
    rows_before = service.history.count()

    assert_saved(
        curator_client.post(
            reverse("admin:resources_service_change", args=[service.pk]),
            support_form_data(service, "emotional", "practical"),
        )
    )

    service.refresh_from_db()
    assert service.history.count() == rows_before + 1
    latest = service.history.latest()
    assert latest.version == service.version
    changes = {change.field: change for change in latest.diff_against(latest.prev_record).changes}
    assert set(changes) == {"terms"}
    assert len(changes["terms"].old) == 1
    assert len(changes["terms"].new) == 2
    page = curator_client.get(reverse("admin:resources_service_history", args=[service.pk]))
    row = page.content.decode().split("<tbody>")[1].split("</tr>")[0]
    assert f"added: {get_support('practical')}" in row
    assert "removed: —" in row


def test_a_service_added_with_its_terms_is_one_row_holding_them(curator_client):
    organization = make_organization()
    data = service_form_data(
        make_service(),  # only to fill the form; the new service is another one
        name="Campus peer line",
        slug="campus-peer-line",
        organization=organization.pk,
        facet_support=[get_support("emotional").pk],
    )
    del data["loaded_version"]

    assert_saved(curator_client.post(reverse("admin:resources_service_add"), data))

    service = Service.objects.get(slug="campus-peer-line")
    (row,) = service.history.all()
    assert row.history_type == "+"
    assert list(row.terms.values_list("taxonomyterm_id", flat=True)) == [
        get_support("emotional").pk
    ]


def test_a_revert_brings_back_the_terms_of_that_version(curator_client):
    service = make_service(terms=[get_support("emotional")])
    original = service.history.latest()
    assert_saved(
        curator_client.post(
            reverse("admin:resources_service_change", args=[service.pk]),
            support_form_data(service, "practical"),
        )
    )
    service.refresh_from_db()
    url = reverse("admin:resources_service_simple_history", args=[service.pk, original.pk])

    form = curator_client.get(url).context["adminform"].form
    assert form["facet_support"].value() == [get_support("emotional").pk]
    response = curator_client.post(url, support_form_data(service, "emotional"))

    assert response.status_code == 302
    assert list(service.terms.all()) == [get_support("emotional")]
    latest = service.history.latest()
    assert list(latest.terms.values_list("taxonomyterm_id", flat=True)) == [
        get_support("emotional").pk
    ]
    assert service.history.count() == 3


def test_terms_changed_outside_a_save_get_a_row_of_their_own():
    service = make_service(terms=[get_support("emotional")])
    rows_before = service.history.count()

    Service.objects.get(pk=service.pk).terms.set([get_support("practical")])

    assert service.history.count() == rows_before + 1
    latest = service.history.latest()
    assert changed_fields(latest) == ["terms"]


def test_a_bulk_action_keeps_the_terms_in_its_row(curator_client):
    draft = make_service(status=Service.Status.DRAFT, terms=[get_support("emotional")])

    curator_client.post(
        reverse("admin:resources_service_changelist"),
        {"action": "publish", "_selected_action": [draft.pk], "index": 0},
    )

    latest = draft.history.latest()
    assert changed_fields(latest) == ["status"]
    assert list(latest.terms.values_list("taxonomyterm_id", flat=True)) == [
        get_support("emotional").pk
    ]


def test_the_history_page_reads_the_terms_of_all_its_rows_at_once(curator_client):
    service = make_service(terms=[get_support("emotional")])
    url = reverse("admin:resources_service_history", args=[service.pk])
    kinds = ["practical", "informational", "coping", "advocacy"]

    def queries_with_rows_changing_terms(count):
        for number in range(count):
            Service.objects.get(pk=service.pk).terms.set([get_support(kinds[number % 4])])
        with CaptureQueriesContext(connection) as queries:
            assert curator_client.get(url).status_code == 200
        return len(queries)

    curator_client.get(url)  # what the first page of a session reads once
    assert queries_with_rows_changing_terms(2) == queries_with_rows_changing_terms(10)
