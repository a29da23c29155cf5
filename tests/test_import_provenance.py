"""Provenance: a re-import keeps what curators changed since the source last set it (issue 13)."""

import io
import json
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from resources import vocabulary
from resources.admin.forms.services import FACET_FIELDS_BY_TAXONOMY
from resources.hsds import report as report_module
from resources.hsds.importer import import_hsds
from resources.hsds.provenance import curator_values, record_curator_edits
from resources.models import Phone, Provenance, Service
from tests import fixtures_hsds
from tests.factories import get_support
from tests.fixtures_hsds import OPEN_DATA, SERVICE_ID
from tests.hsds_spec import require_spec_dir
from tests.test_admin_save import rendered_form_data

pytestmark = pytest.mark.django_db

PHONE_ID = "3c9d2f4e-6e7f-4a8b-9c0d-1e2f3a4b5c6d"


def a_service(**overrides):
    return fixtures_hsds.a_service(phones=[{"id": PHONE_ID, "number": "608-555-0100"}]) | overrides


@pytest.fixture
def write(tmp_path):
    def write(data):
        path = tmp_path / "services.json"
        path.write_text(json.dumps(data))
        return path

    return write


def curator_saves(client, **changes):
    """A curator opens the service in the admin, changes these fields and saves."""
    url = reverse("admin:resources_service_change", args=[SERVICE_ID])
    data = {**rendered_form_data(client.get(url)), **changes}
    response = client.post(url, data)
    assert response.status_code == 302, [
        inline.formset.errors for inline in response.context["inline_admin_formsets"]
    ]


def service_changes(report):
    (kind,) = [kind for kind in report.changes.kinds if kind.kind == "Service"]
    return kind


def test_a_curators_new_name_and_draft_status_survive_a_reimport_and_the_report_says_so(
    curator_client, write
):
    import_hsds(write(a_service()))
    curator_saves(curator_client, name="Grief circle (Tuesdays)", status="draft")

    report = import_hsds(write(a_service(description="Now on Wednesdays.")))

    service = Service.objects.get()
    assert (service.name, service.status) == ("Grief circle (Tuesdays)", "draft")
    kept = {
        (change.field, change.old, change.new) for change in service_changes(report).records[0].kept
    }
    assert kept == {
        ("name", "Grief circle (Tuesdays)", "Grief circle"),
        ("status", "Draft", "Published"),
    }


def test_a_field_the_curator_did_not_touch_is_updated_from_the_file(curator_client, write):
    import_hsds(write(a_service()))
    curator_saves(curator_client, name="Grief circle (Tuesdays)")

    report = import_hsds(write(a_service(description="Now on Wednesdays.")))

    assert Service.objects.get().description == "Now on Wednesdays."
    (record,) = service_changes(report).records
    assert [(change.field, change.new) for change in record.changed] == [
        ("description", "Now on Wednesdays.")
    ]


def test_the_curator_keeps_the_field_at_the_next_reimport_too(curator_client, write):
    import_hsds(write(a_service()))
    curator_saves(curator_client, name="Grief circle (Tuesdays)")
    import_hsds(write(a_service()))

    import_hsds(write(a_service(name="Grief group")))

    assert Service.objects.get().name == "Grief circle (Tuesdays)"


def test_with_overwrite_curated_the_file_wins(curator_client, write):
    import_hsds(write(a_service()))
    curator_saves(curator_client, name="Grief circle (Tuesdays)", status="draft")

    report = import_hsds(write(a_service()), overwrite_curated=True)

    service = Service.objects.get()
    assert (service.name, service.status) == ("Grief circle", "published")
    (record,) = service_changes(report).records
    assert {change.field for change in record.changed} == {"name", "status"}
    assert not record.kept


def test_unpublishing_by_the_admin_action_is_a_curators_status(curator_client, write):
    import_hsds(write(a_service()))
    curator_client.post(
        reverse("admin:resources_service_changelist"),
        {"action": "unpublish", "_selected_action": [SERVICE_ID]},
    )

    import_hsds(write(a_service()))

    assert Service.objects.get().status == "draft"


def test_a_service_a_curator_created_keeps_the_curators_fields_when_a_file_brings_it(write):
    import_hsds(write(a_service()))
    service = Service.objects.get()
    Provenance.objects.all().delete()  # As if the curator had added it in the admin.
    record_curator_edits([(Service, service.pk, curator_values(service, ["description"]))])
    Service.objects.filter(pk=SERVICE_ID).update(name="Curators' name")
    record_curator_edits([(Service, service.pk, {"name": "Curators' name"})])

    import_hsds(write(a_service(name="Feed name", alert="Closed in August")), source="A feed")

    service = Service.objects.get()
    assert (service.name, service.alert) == ("Curators' name", "Closed in August")


def test_a_phone_a_curator_added_is_not_deleted_by_a_reimport(curator_client, write):
    import_hsds(write(a_service()))
    curator_saves(
        curator_client,
        **{
            "phones-TOTAL_FORMS": "2",
            "phones-1-number": "608-555-0199",
            "phones-1-type": "voice",
            "phones-1-position": "1",
        },
    )
    assert Phone.objects.count() == 2

    report = import_hsds(write(a_service()))
    assert set(Phone.objects.values_list("number", flat=True)) == {"608-555-0100", "608-555-0199"}
    (phones,) = [kind for kind in report.changes.kinds if kind.kind == "Phone"]
    assert (phones.kept, phones.unchanged) == (1, 1)
    assert "608-555-0199" in phones.records[0].name
    assert phones.records[0].kept[0].new == "(not in the file)"

    import_hsds(write(a_service()), overwrite_curated=True)
    assert list(Phone.objects.values_list("number", flat=True)) == ["608-555-0100"]


def test_each_source_is_remembered_with_what_it_set(write):
    import_hsds(write(a_service()), source="Lakeshore feed")

    row = Provenance.objects.get(kind="service", record_id=SERVICE_ID)
    assert (row.source, row.set_values["name"], row.set_values["status"]) == (
        "Lakeshore feed",
        "Grief circle",
        "published",
    )
    assert Provenance.objects.filter(kind="organization").exists()
    assert Provenance.objects.filter(kind="phone").exists()


def test_an_unchanged_reimport_writes_no_provenance(write):
    import_hsds(write(a_service()))
    before = list(Provenance.objects.values_list("id", "modified"))

    import_hsds(write(a_service()))

    assert list(Provenance.objects.values_list("id", "modified")) == before


def test_the_dry_run_on_the_command_line_lists_added_changed_and_kept(curator_client, write):
    import_hsds(write(a_service()))
    curator_saves(curator_client, status="draft")
    path = write(
        [
            a_service(description="Now on Wednesdays."),
            a_service(id="9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a", name="Walking group", phones=[]),
        ]
    )
    out = io.StringIO()

    call_command("import_hsds", str(path), "--dry-run", stdout=out, stderr=io.StringIO())

    text = out.getvalue()
    assert "services: 1 added, 1 changed, 1 keeping curators' changes, 0 unchanged" in text
    assert "+ added Walking group (9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a)" in text
    assert (
        "description: “People who have lost someone meet on Tuesdays.” → “Now on Wednesdays.”"
        in text
    )
    assert "status: kept “Draft” as a curator changed it; the file has “Published”" in text
    assert Service.objects.count() == 1


def test_the_command_overwrites_curated_values_when_asked(curator_client, write):
    import_hsds(write(a_service()), source="command line file")
    curator_saves(curator_client, status="draft")

    call_command(
        "import_hsds",
        str(write(a_service())),
        "--overwrite-curated",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )

    assert Service.objects.get().status == "published"


def test_a_long_list_is_cut_and_counted(monkeypatch, write):
    monkeypatch.setattr(report_module, "LISTED", 2)
    services = [
        a_service(id=f"00000000-0000-4000-8000-{number:012d}", name=f"Service {number}", phones=[])
        for number in range(5)
    ]

    report = import_hsds(write(services), dry_run=True)

    kind = service_changes(report)
    assert (kind.added, len(kind.records), kind.not_listed) == (5, 2, 3)
    assert "  … and 3 more records not listed" in list(report.changes.lines())


def test_the_admin_upload_preview_lists_what_is_kept_and_changed(
    curator_client, write, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    import_hsds(write(a_service()), source="file upload")
    curator_saves(curator_client, name="Grief circle (Tuesdays)")
    content = json.dumps(a_service(description="Now on Wednesdays.")).encode()

    response = curator_client.post(
        OPEN_DATA,
        {"file": SimpleUploadedFile("services.json", content, "application/json")},
        follow=True,
    )

    page = response.content.decode()
    assert "Kept: a curator changed it" in page
    assert "Grief circle (Tuesdays)" in page
    assert "Now on Wednesdays." in page
    assert Service.objects.get().description != "Now on Wednesdays."

    curator_client.post(OPEN_DATA, {"token": response.context["token"]})
    service = Service.objects.get()
    assert (service.name, service.description) == ("Grief circle (Tuesdays)", "Now on Wednesdays.")


def test_the_admin_upload_can_overwrite_curated_values(curator_client, write, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    import_hsds(write(a_service()))
    curator_saves(curator_client, name="Grief circle (Tuesdays)")
    content = json.dumps(a_service()).encode()

    response = curator_client.post(
        OPEN_DATA,
        {
            "file": SimpleUploadedFile("services.json", content, "application/json"),
            "overwrite_curated": "on",
        },
        follow=True,
    )
    assert "overwritten with the file's values" in response.content.decode()
    curator_client.post(OPEN_DATA, {"token": response.context["token"]})

    assert Service.objects.get().name == "Grief circle"


@pytest.mark.parametrize("example", ["service_full.json", "csv"])
def test_a_reimport_of_the_specs_examples_reports_every_record_unchanged(example):
    path = require_spec_dir() / "examples" / example
    import_hsds(path)

    report = import_hsds(path, dry_run=True)

    assert report.changes.kinds
    assert [(kind.kind, kind.noted) for kind in report.changes.kinds if kind.noted] == []


def support_attribute(code, name):
    term = {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, code)),
        "code": code,
        "name": name,
        "description": "",
        "taxonomy_detail": {"id": str(uuid.uuid4()), "name": vocabulary.SUPPORT, "description": ""},
    }
    return {"id": str(uuid.uuid5(uuid.NAMESPACE_DNS, code)), "taxonomy_term": term}


def supports():
    return {term.code for term in Service.objects.get().kinds_of_support}


def tick_supports(client, *codes):
    field = FACET_FIELDS_BY_TAXONOMY[vocabulary.SUPPORT]
    curator_saves(client, **{field: [str(get_support(code).pk) for code in codes]})


def test_terms_a_curator_added_or_removed_stay_so_and_the_report_says_so(curator_client, write):
    file = a_service(attributes=[support_attribute("emotional", "Emotional support")])
    import_hsds(write(file))
    assert supports() == {"emotional"}
    tick_supports(curator_client, "practical")  # emotional unticked, practical ticked

    report = import_hsds(write(file))

    assert supports() == {"practical"}
    (kind,) = [kind for kind in report.changes.kinds if kind.kind == "ServiceTerms"]
    kept = {(change.old, change.new) for change in kind.records[0].kept}
    assert kept == {
        (get_support("practical").name, "(not in the file)"),
        ("(removed by a curator)", get_support("emotional").name),
    }


def test_with_overwrite_curated_the_files_terms_win(curator_client, write):
    file = a_service(attributes=[support_attribute("emotional", "Emotional support")])
    import_hsds(write(file))
    tick_supports(curator_client, "practical")

    import_hsds(write(file), overwrite_curated=True)

    assert supports() == {"emotional"}


def test_curators_see_where_records_came_from_read_only(curator_client, write):
    import_hsds(write(a_service()), source="Lakeshore feed")

    response = curator_client.get(
        reverse("admin:resources_provenance_changelist"), {"q": SERVICE_ID}
    )

    assert response.status_code == 200
    assert b"Lakeshore feed" in response.content
    row = Provenance.objects.get(kind="service")
    page = curator_client.get(reverse("admin:resources_provenance_change", args=[row.pk]))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content


def test_a_phone_edited_on_its_own_admin_page_is_the_curators(curator_client, write):
    import_hsds(write(a_service()))
    url = reverse("admin:resources_phone_change", args=[PHONE_ID])
    response = curator_client.get(url)
    data = {**rendered_form_data(response), "number": "608-555-0123"}
    assert curator_client.post(url, data).status_code == 302

    import_hsds(write(a_service()))

    assert Phone.objects.get().number == "608-555-0123"


def test_a_field_the_file_leaves_empty_keeps_what_a_curator_filled_in(curator_client, write):
    import_hsds(write(a_service()))
    curator_saves(curator_client, alternate_name="Tuesday group")

    import_hsds(write(a_service(alternate_name="")))

    assert Service.objects.get().alternate_name == "Tuesday group"


def test_a_harvest_imports_as_its_feed(curator_client):
    from resources.hsds import harvest

    harvest._import([a_service()], False, harvest.Limits(), source="Lakeshore feed")
    curator_saves(curator_client, name="Grief circle (Tuesdays)")

    report = harvest._import([a_service()], False, harvest.Limits(), source="Lakeshore feed")

    assert Service.objects.get().name == "Grief circle (Tuesdays)"
    assert service_changes(report).kept == 1
    assert set(Provenance.objects.values_list("source", flat=True)) == {"Lakeshore feed", "curator"}


def test_a_records_admin_page_says_which_sources_set_it(curator_client, write):
    import_hsds(write(a_service()), source="Lakeside 211 feed")
    url = reverse("admin:resources_service_change", args=[SERVICE_ID])
    page = curator_client.get(url).content.decode()
    assert "Where this record came from" in page
    assert "Lakeside 211 feed" in page
    assert "curator" not in page.split("Where this record came from")[1].split("</fieldset>")[0]

    curator_saves(curator_client, name="Grief circle (Tuesdays)")
    sources = curator_client.get(url).content.decode().split("Where this record came from")[1]
    assert "Lakeside 211 feed" in sources
    assert "curator" in sources.split("</fieldset>")[0]
