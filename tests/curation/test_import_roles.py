"""An HSDS upload needs the permissions of the changes it makes: an Editor's import leaves
statuses and verification dates alone and the report says so; a Publisher's takes the file's,
and the Publisher becomes who verified the services whose date it changes. Neither role adds
or changes taxonomies and terms; a superuser's import does."""

import csv
import datetime
import io
import json
import uuid
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resources import vocabulary
from resources.models import Service, Taxonomy, TaxonomyTerm
from tests.curation.conftest import make_curator
from tests.factories import get_support, make_organization, make_service
from tests.fixtures_hsds import (
    OPEN_DATA,
    SERVICE,
    uploads_in_tmp,  # noqa: F401 (an autouse fixture)
)

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED, INACTIVE = Service.Status.DRAFT, Service.Status.PUBLISHED, Service.Status.INACTIVE
FORMATS = ["json", "zip"]  # JSON is flattened into the tables CSV files are read as.


def hsds_file(file_format, terms=(), **fields):
    """SERVICE, with `fields` changed and linked to `terms` (HSDS terms, each with its
    taxonomy_detail), as a JSON file or a zip of CSV tables."""
    service = {**SERVICE, "description": "People who have lost someone meet.", **fields}
    organization = {**service.pop("organization"), "description": "Helps."}
    attributes = [
        {"id": f"0a6f4c1e-0000-4000-8000-0000000001{n:02d}", "taxonomy_term": term}
        for n, term in enumerate(terms)
    ]
    if file_format == "json":
        content = json.dumps({**service, "organization": organization, "attributes": attributes})
        return SimpleUploadedFile("services.json", content.encode(), "application/json")
    service["organization_id"] = organization["id"]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as files:
        files.writestr("organizations.csv", csv_text([organization]))
        files.writestr("services.csv", csv_text([service]))
        if terms:
            taxonomies = {term["taxonomy_detail"]["id"]: term["taxonomy_detail"] for term in terms}
            files.writestr("taxonomies.csv", csv_text(list(taxonomies.values())))
            rows = [{**term, "taxonomy_id": term["taxonomy_detail"]["id"]} for term in terms]
            for row in rows:
                del row["taxonomy_detail"]
            files.writestr("taxonomy_terms.csv", csv_text(rows))
            links = [
                {
                    "id": attribute["id"],
                    "link_id": service["id"],
                    "link_entity": "service",
                    "taxonomy_term_id": attribute["taxonomy_term"]["id"],
                }
                for attribute in attributes
            ]
            files.writestr("attributes.csv", csv_text(links))
    return SimpleUploadedFile("hsds.zip", archive.getvalue(), "application/zip")


def csv_text(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def stored_service(**fields):
    """The file's service, already in the directory under another name."""
    organization = make_organization(id=SERVICE["organization"]["id"])
    return make_service(id=SERVICE["id"], name="Old name", organization=organization, **fields)


def upload_and_confirm(client, upload):
    """The dry run's report, its page, and the messages after confirming."""
    checked = client.post(OPEN_DATA, {"file": upload}, follow=True)
    report = checked.context["report"]
    assert report.ok, [str(problem) for problem in report.problems]
    confirmed = client.post(OPEN_DATA, {"token": checked.context["token"]}, follow=True)
    assert confirmed.redirect_chain[-1][1] == 302
    return report, checked.content.decode(), confirmed.context["summary"]


def rights_notes(report):
    return [p.message for p in report.warnings if p.field in ("status", "assured_date")]


STATUS_CASES = [
    # (stored status or None for a new service, HSDS status in the file, Publisher's result,
    #  the Editor's report line)
    (None, "active", PUBLISHED, "kept as a draft, not published: publishing needs"),
    (None, "inactive", INACTIVE, "kept as a draft, not inactive: setting a status needs"),
    (
        None,
        "defunct",
        "defunct",
        "its status is kept as it is, not set as in the file: setting a status needs",
    ),
    (DRAFT, "active", PUBLISHED, "kept as a draft, not published: publishing needs"),
    (PUBLISHED, "inactive", INACTIVE, "kept published, not made inactive: unpublishing needs"),
    (INACTIVE, "active", PUBLISHED, "kept inactive, not published: publishing needs"),
]


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize(("stored", "hsds_status", "_published_as", "note"), STATUS_CASES)
def test_an_editors_import_keeps_the_status_and_the_report_says_so(
    editor_client, file_format, stored, hsds_status, _published_as, note
):
    if stored:
        stored_service(status=stored)

    report, page, messages = upload_and_confirm(
        editor_client, hsds_file(file_format, status=hsds_status)
    )

    service = Service.objects.get()
    assert (service.name, service.status) == ("Grief circle", stored or DRAFT)
    expected = f"Service “Grief circle”: {note} the Publisher role."
    assert rights_notes(report) == [expected]
    assert expected in page
    assert any(
        "1 service did not take the status or verification date" in message for message in messages
    )


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("role", ["publisher_client", "curator_client"])
@pytest.mark.parametrize(("stored", "hsds_status", "published_as", "_note"), STATUS_CASES)
def test_a_publishers_import_sets_the_status(
    request, role, file_format, stored, hsds_status, published_as, _note
):
    client = request.getfixturevalue(role)
    if stored:
        stored_service(status=stored)

    report, _page, messages = upload_and_confirm(client, hsds_file(file_format, status=hsds_status))

    assert Service.objects.get().status == published_as
    assert rights_notes(report) == []
    assert not any("did not take the status" in message for message in messages)


def test_an_editors_import_of_the_stored_status_says_nothing(editor_client):
    stored_service(status=PUBLISHED)

    report, _page, messages = upload_and_confirm(editor_client, hsds_file("json"))

    assert Service.objects.get().status == PUBLISHED
    assert rights_notes(report) == []
    assert not any("did not take the status" in message for message in messages)


JUNE_1, JULY_1 = datetime.date(2025, 6, 1), datetime.date(2025, 7, 1)
DATE_CASES = [
    # (stored service's assured_date, or "new"; assured_date in the file; the Editor's line)
    ("new", JULY_1, "verification date not set to 2025-07-01: marking services verified needs"),
    (None, JULY_1, "verification date not set to 2025-07-01: marking services verified needs"),
    (JUNE_1, JULY_1, "verification date kept as 2025-06-01, not 2025-07-01: marking services"),
    (JUNE_1, None, "verification date 2025-06-01 kept, though the file has none: marking"),
]


def import_dates(client, file_format, stored, in_file):
    """A service stored verified on `stored` (none where "new"), then a file that says
    `in_file`, uploaded and confirmed by `client`."""
    if stored != "new":
        stored_service(assured_date=stored)
    fields = {"assured_date": in_file.isoformat()} if in_file else {}
    return upload_and_confirm(client, hsds_file(file_format, **fields))


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize(("stored", "in_file", "note"), DATE_CASES)
def test_an_editors_import_keeps_the_verification_date_and_the_report_says_so(
    editor_client, file_format, stored, in_file, note
):
    report, page, _messages = import_dates(editor_client, file_format, stored, in_file)

    service = Service.objects.get()
    assert service.name == "Grief circle"
    assert service.assured_date == (None if stored == "new" else stored)
    [line] = [line for line in rights_notes(report) if "verification date" in line]
    assert line.startswith(f"Service “Grief circle”: {note}")
    assert line.endswith("needs the Publisher role.")
    assert line in page


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize(("stored", "in_file", "_note"), DATE_CASES)
def test_a_publishers_import_sets_the_verification_date(
    publisher_client, file_format, stored, in_file, _note
):
    report, _page, _messages = import_dates(publisher_client, file_format, stored, in_file)

    assert Service.objects.get().assured_date == in_file
    assert rights_notes(report) == []


def test_an_editors_confirmed_import_records_what_the_database_holds(editor_client, editor):
    stored_service(status=DRAFT, assured_date=JUNE_1)

    upload_and_confirm(
        editor_client, hsds_file("json", status="active", assured_date=JULY_1.isoformat())
    )

    record = Service.history.first()
    assert (record.name, record.status, record.assured_date) == ("Grief circle", DRAFT, JUNE_1)
    assert record.history_user == editor


# -- Taxonomies and terms: no role may add or change them (only superusers have the permissions)

LOCAL = {
    "id": "0a6f4c1e-0000-4000-8000-000000000201",
    "name": "Local groups",
    "description": "The county's list of groups.",
}
PEER_LED = {
    "id": "0a6f4c1e-0000-4000-8000-000000000202",
    "code": "peer-led",
    "name": "Peer led",
    "description": "",
    "taxonomy_detail": LOCAL,
}
EMOTIONAL = {
    "id": "0a6f4c1e-0000-4000-8000-000000000203",
    "code": "emotional",
    "name": "Emotional support",
    "description": "",
    "taxonomy_detail": {
        "id": "0a6f4c1e-0000-4000-8000-000000000204",
        "name": vocabulary.SUPPORT,
        "description": "",
    },
}
ROLES = ["editor_client", "publisher_client"]


def taxonomy_notes(report):
    return [p.message for p in report.warnings if p.message.endswith("left to superusers.")]


def stored_peer_run_term():
    """PEER_LED, already in the directory under another name."""
    taxonomy = Taxonomy.objects.create(**{**LOCAL, "id": uuid.UUID(LOCAL["id"])})
    return TaxonomyTerm.objects.create(
        id=uuid.UUID(PEER_LED["id"]), taxonomy=taxonomy, code="peer-led", name="Peer-run"
    )


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("role", ROLES)
def test_a_curators_import_adds_no_taxonomy_or_term_and_the_report_says_so(
    request, role, file_format
):
    client = request.getfixturevalue(role)

    report, page, messages = upload_and_confirm(
        client, hsds_file(file_format, terms=[EMOTIONAL, PEER_LED])
    )

    assert not Taxonomy.objects.filter(name="Local groups").exists()
    assert not TaxonomyTerm.objects.filter(code="peer-led").exists()
    assert list(Service.objects.get().terms.all()) == [get_support("emotional")]
    assert taxonomy_notes(report) == [
        "Taxonomy “Local groups”: not added: adding taxonomies is left to superusers.",
        "Term “Peer led” of “Local groups”: not added, so 1 service is not linked to it: "
        "adding taxonomy terms is left to superusers.",
    ]
    assert all(note in page for note in taxonomy_notes(report))
    assert any("2 taxonomies or terms were not added or changed" in m for m in messages)


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("role", ROLES)
def test_a_curators_import_renames_no_term_and_keeps_the_services_link_to_it(
    request, role, file_format
):
    client = request.getfixturevalue(role)
    term = stored_peer_run_term()

    report, page, messages = upload_and_confirm(client, hsds_file(file_format, terms=[PEER_LED]))

    assert TaxonomyTerm.objects.get(pk=term.pk).name == "Peer-run"
    assert list(Service.objects.get().terms.all()) == [term]
    expected = (
        "Term “Peer-run” of “Local groups”: not renamed to “Peer led”; services are linked to "
        "it as it is: changing taxonomy terms is left to superusers."
    )
    assert taxonomy_notes(report) == [expected]
    assert expected in page
    assert any("1 taxonomy or term was not added or changed" in m for m in messages)


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_superusers_import_adds_and_renames_taxonomies_and_terms(curator_client, file_format):
    report, _page, messages = upload_and_confirm(
        curator_client, hsds_file(file_format, terms=[PEER_LED])
    )
    TaxonomyTerm.objects.filter(code="peer-led").update(name="Peer-run")
    renamed, _page, _messages = upload_and_confirm(
        curator_client, hsds_file(file_format, terms=[PEER_LED])
    )

    term = TaxonomyTerm.objects.get(code="peer-led", taxonomy__name="Local groups")
    assert term.name == "Peer led"
    assert list(Service.objects.get().terms.all()) == [term]
    assert taxonomy_notes(report) == taxonomy_notes(renamed) == []
    assert not any("taxonomies or terms" in message for message in messages)


# -- Who verified a service: the curator whose import changed its verification date


@pytest.fixture
def verifier(db):
    return make_curator("Publishers", "vera")


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("stored", [None, JUNE_1, "new"])
def test_a_publishers_import_of_a_verification_date_records_who_verified(
    publisher_client, publisher, verifier, file_format, stored
):
    if stored != "new":
        stored_service(assured_date=stored, assured_by=stored and verifier)

    upload_and_confirm(publisher_client, hsds_file(file_format, assured_date=JULY_1.isoformat()))

    service = Service.objects.get()
    assert (service.assured_date, service.assured_by) == (JULY_1, publisher)
    assert Service.history.first().assured_by == publisher


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_publishers_import_of_the_stored_date_keeps_who_verified(
    publisher_client, verifier, file_format
):
    stored_service(assured_date=JUNE_1, assured_by=verifier)

    upload_and_confirm(publisher_client, hsds_file(file_format, assured_date=JUNE_1.isoformat()))

    service = Service.objects.get()
    assert (service.name, service.assured_date, service.assured_by) == (
        "Grief circle",
        JUNE_1,
        verifier,
    )


def test_a_publishers_import_without_a_date_leaves_nobody_as_who_verified(
    publisher_client, verifier
):
    stored_service(assured_date=JUNE_1, assured_by=verifier)

    upload_and_confirm(publisher_client, hsds_file("json"))

    service = Service.objects.get()
    assert (service.assured_date, service.assured_by) == (None, None)


def test_an_editors_import_keeps_who_verified(editor_client, verifier):
    stored_service(assured_date=JUNE_1, assured_by=verifier)

    upload_and_confirm(editor_client, hsds_file("json", assured_date=JULY_1.isoformat()))

    service = Service.objects.get()
    assert (service.assured_date, service.assured_by) == (JUNE_1, verifier)
