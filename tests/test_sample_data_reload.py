"""Loading the sample data again (`make run` does, every time) never undoes a curator's work."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.forms import CheckboxInput
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from resources.management.commands.load_sample_data import Command
from resources.models import (
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from resources.sample_data import loader
from resources.sample_data.loader import load_sample_data
from tests.conftest import admin_url, assert_saved
from tests.test_sample_data import LOCAL, NATIONAL, SLUGS, by_slug, ship

# One worker runs the whole module, so that `sample_directory` is made once, not once a worker.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(__name__)]

LIFELINE = "988-suicide-and-crisis-lifeline"
WARMLINE = "lakeshore-warmline"
# Bookkeeping a save changes whatever it writes.
BOOKKEEPING = {"created", "modified", "version"}


@pytest.fixture(scope="module")
def sample_directory(django_db_setup, django_db_blocker):
    """Loaded once for the module, as in test_sample_data: each test runs in a savepoint within
    this transaction, rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_sample_data()
        transaction.set_rollback(True)


@pytest.fixture
def loaded(sample_directory, db):
    return sample_directory


def load(**options):
    """Run the command as `make run` does; returns what it printed."""
    out = StringIO()
    call_command("load_sample_data", stdout=out, **options)
    return out.getvalue()


def service_id(slug):
    # By the id the file gives it: a curator may change the slug.
    return by_slug(slug)["id"] if slug in SLUGS.values() and slug != LIFELINE else _national(slug)


def _national(slug):
    return next(record["id"] for record in NATIONAL if SLUGS[record["id"]] == slug)


def entry(slug):
    """A service's row and every record that belongs to it, as stored."""
    pk = service_id(slug)
    rows = {
        "service": list(Service.objects.filter(pk=pk).values()),
        "terms": set(Service.terms.through.objects.filter(service_id=pk).values_list("pk")),
    }
    for model in [Phone, Schedule, Language, ServiceArea]:
        rows[model.__name__] = list(model.objects.filter(service_id=pk).values().order_by("pk"))
    rows["links"] = list(ServiceAtLocation.objects.filter(service_id=pk).values().order_by("pk"))
    return rows


def without_bookkeeping(rows):
    return {
        name: [
            {field: value for field, value in row.items() if field not in BOOKKEEPING}
            for row in table
        ]
        if isinstance(table, list)
        else table
        for name, table in rows.items()
    }


def as_posted(response, **changes):
    """What the browser posts back from the admin change form in `response`: every field as
    the page shows it, then `changes` (field name: value; None unticks or leaves out)."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {"_save": "Save"}
    for form in forms:
        for bound in form:
            value = bound.value()
            if isinstance(bound.field.widget, CheckboxInput):
                if value:
                    data[bound.html_name] = "on"
            else:
                data[bound.html_name] = "" if value is None else value
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def edit_in_the_admin(client, obj, **changes):
    url = admin_url(type(obj), "change", obj)
    assert_saved(client.post(url, as_posted(client.get(url), **changes)))


def inline_prefix(response, model, obj):
    """The form prefix of `obj` among the change form's inline rows of `model`."""
    for inline in response.context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            if isinstance(form.instance, model) and form.instance.pk == obj.pk:
                return form.prefix
    raise AssertionError(f"{obj} is not on the page")


def test_a_service_a_curator_edited_in_the_admin_is_kept_as_they_left_it(loaded, curator_client):
    service = Service.objects.get(slug=LIFELINE)
    phone = service.phones.get(type="voice")
    url = admin_url(Service, "change", service)
    page = curator_client.get(url)
    phone_row = inline_prefix(page, Phone, phone)
    hours_row = inline_prefix(page, Schedule, service.schedules.get())
    spanish_row = inline_prefix(page, Language, service.languages.get(code="es"))
    assert_saved(
        curator_client.post(
            url,
            as_posted(
                page,
                name="988 Lifeline",
                status=Service.Status.DRAFT,
                facet_topic=[],
                **{
                    f"{phone_row}-description": "Press 1 for veterans",
                    f"{hours_row}-description": "Around the clock, holidays too",
                    f"{spanish_row}-DELETE": "on",
                },
            ),
        )
    )
    left = entry(LIFELINE)

    load()
    load()

    assert entry(LIFELINE) == left
    service.refresh_from_db()
    assert (service.name, service.status) == ("988 Lifeline", Service.Status.DRAFT)
    assert not service.topics
    assert Phone.objects.get(pk=phone.pk).description == "Press 1 for veterans"
    assert service.schedules.get().description == "Around the clock, holidays too"
    assert list(service.languages.values_list("code", flat=True)) == ["en"]


def test_hours_a_curator_changed_on_their_own_page_keep_their_service_as_it_is(
    loaded, curator_client
):
    schedule = Schedule.objects.get(service_id=service_id(WARMLINE))
    edit_in_the_admin(curator_client, schedule, opens_at="17:00:00", closes_at="23:00:00")
    left = entry(WARMLINE)

    load()
    load()

    assert entry(WARMLINE) == left
    schedule.refresh_from_db()
    assert (schedule.opens_at.hour, schedule.closes_at.hour) == (17, 23)


def test_a_phone_a_curator_deleted_stays_deleted(loaded, curator_client):
    phone = Phone.objects.get(service_id=service_id(LIFELINE), type="tty")
    response = curator_client.post(admin_url(Phone, "delete", phone), {"post": "yes"})
    assert response.status_code == 302
    left = entry(LIFELINE)

    load()
    load()

    assert not Phone.objects.filter(pk=phone.pk).exists()
    assert entry(LIFELINE) == left


def test_a_language_a_curator_added_on_its_own_page_is_kept(loaded, curator_client):
    warmline = Service.objects.get(slug=WARMLINE)
    response = curator_client.post(
        admin_url(Language, "add"),
        {"service": warmline.pk, "code": "es", "note": "Tuesdays", "_save": "Save"},
    )
    assert response.status_code == 302
    left = entry(WARMLINE)

    load()

    assert entry(WARMLINE) == left
    assert set(warmline.languages.values_list("code", flat=True)) == {"en", "es"}


def test_a_service_a_curator_took_off_a_location_page_is_not_put_back_there(loaded, curator_client):
    link = ServiceAtLocation.objects.filter(service__is_sample=True).select_related("location")[0]
    url = admin_url(Location, "change", link.location)
    page = curator_client.get(url)
    assert_saved(
        curator_client.post(
            url, as_posted(page, **{f"{inline_prefix(page, ServiceAtLocation, link)}-DELETE": "on"})
        )
    )

    load()

    assert not ServiceAtLocation.objects.filter(pk=link.pk).exists()


def test_a_sample_organisation_a_curator_renamed_keeps_its_name(loaded, curator_client):
    organization = Organization.objects.get(pk=by_slug(WARMLINE)["organization"]["id"])
    edit_in_the_admin(curator_client, organization, name="Lakeshore Peers")

    load()

    organization.refresh_from_db()
    assert organization.name == "Lakeshore Peers"


def test_a_sample_service_a_curator_deleted_is_not_loaded_again(loaded, curator_client):
    service = Service.objects.get(slug=WARMLINE)
    response = curator_client.post(admin_url(Service, "delete", service), {"post": "yes"})
    assert response.status_code == 302

    output = load()

    assert not Service.objects.filter(pk=service.pk).exists()
    assert not Phone.objects.filter(service_id=service.pk).exists()
    assert (
        f"Deleted by a curator, not loaded again: service {service.name} (by curator on " in output
    )

    load(reset=True)

    assert Service.objects.filter(pk=service.pk).exists()


def test_an_entry_only_the_loader_wrote_gets_a_new_releases_corrections(
    loaded, monkeypatch, tmp_path
):
    shipped = by_slug(WARMLINE)
    phone = {**shipped["phones"][0], "number": "608-555-0111", "description": "Evenings"}
    corrected = {**shipped, "name": "Lakeshore evening warmline", "phones": [phone]}
    ship(monkeypatch, tmp_path, [corrected if r is shipped else r for r in LOCAL])

    output = load()

    warmline = Service.objects.get(pk=service_id(WARMLINE))
    assert warmline.name == "Lakeshore evening warmline"
    assert list(warmline.phones.values_list("number", "description")) == [
        ("608-555-0111", "Evenings")
    ]
    assert warmline.history.latest().history_user is None
    assert "kept" not in output


def test_reset_puts_back_the_shipped_entry_status_and_verification_included(loaded, curator_client):
    shipped = without_bookkeeping(entry(WARMLINE))
    warmline = Service.objects.get(slug=WARMLINE)
    page = curator_client.get(admin_url(Service, "change", warmline))
    edit_in_the_admin(
        curator_client,
        warmline,
        name="Evening line",
        status=Service.Status.DRAFT,
        verified_today="on",
        **{f"{inline_prefix(page, Phone, warmline.phones.get())}-DELETE": "on"},
    )
    Schedule.objects.create(service=warmline, byday="MO", description="A curator's own")
    assert without_bookkeeping(entry(WARMLINE)) != shipped

    output = load(reset=True)

    assert without_bookkeeping(entry(WARMLINE)) == shipped
    warmline.refresh_from_db()
    assert (warmline.status, warmline.assured_by) == (Service.Status.PUBLISHED, None)
    assert warmline.assured_date == timezone.localdate() - timedelta(days=45)
    assert "kept" not in output


def test_after_a_reset_the_loader_refreshes_the_entry_again(
    loaded, curator_client, monkeypatch, tmp_path
):
    warmline = Service.objects.get(slug=WARMLINE)
    english = warmline.languages.get()
    # On its own page: the curator's change saves nothing of the service itself.
    edit_in_the_admin(curator_client, english, note="Interpreters on request")
    load(reset=True)
    assert Language.objects.get(pk=english.pk).note == ""
    shipped = by_slug(WARMLINE)
    corrected = {**shipped, "name": "Lakeshore evening warmline"}
    ship(monkeypatch, tmp_path, [corrected if r is shipped else r for r in LOCAL])

    output = load()

    warmline.refresh_from_db()
    assert warmline.name == "Lakeshore evening warmline"
    assert "kept" not in output


def test_the_command_names_each_entry_it_kept_and_counts_them(loaded, curator_client, curator):
    edit_in_the_admin(curator_client, Service.objects.get(slug=LIFELINE), name="988")
    Service.objects.filter(slug=WARMLINE).mark_verified(curator)

    output = load()

    assert "      name: kept “988” as a curator changed it; the file has “988 Suicide" in output
    assert "      last verified: kept “" in output
    assert (
        "2 entries kept as curators left them; "
        "load_sample_data --reset puts the samples back as shipped."
    ) in output.splitlines()


def test_the_reset_option_says_it_puts_the_samples_back_as_shipped():
    help_text = " ".join(
        Command().create_parser("manage.py", "load_sample_data").format_help().split()
    )

    assert "--reset Put every national line and sample entry back as shipped" in help_text


def test_finding_what_curators_deleted_takes_the_same_queries_however_many(loaded):
    files = [NATIONAL, LOCAL]

    def queries_to_find_deletions():
        with CaptureQueriesContext(connection) as queries:
            deleted = loader._deleted_by_curators(files)
        return len(queries), sum(record.kind == "service" for record in deleted.values())

    Service.objects.get(slug=WARMLINE).delete()
    one = queries_to_find_deletions()
    for service in Service.objects.filter(is_sample=True):
        service.delete()

    assert queries_to_find_deletions() == (one[0], len(LOCAL))
    assert one[1] == 1
