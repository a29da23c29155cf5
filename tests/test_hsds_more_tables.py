"""HSDS's smaller tables (contacts, programmes, funding, cost options, required documents,
organisation identifiers) come in, are kept, and go out again as they came (issue 13)."""

import csv
import json
from decimal import Decimal

import frictionless
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from resources.hsds.importer import import_hsds
from resources.hsds.tables import TABLES, columns
from resources.models import (
    Contact,
    CostOption,
    Funding,
    Location,
    Organization,
    OrganizationIdentifier,
    Phone,
    Program,
    RequiredDocument,
    Service,
)
from tests.conftest import assert_saved
from tests.curation.conftest import make_curator
from tests.hsds_spec import assert_valid, require_spec_dir
from tests.test_admin_save import rendered_form_data

pytestmark = pytest.mark.django_db

ORG = "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f01"
SERVICE = "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f02"
LOCATION = "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f03"
LINK = "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f04"
PROGRAM = "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f05"
GROUP_COST = "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f32"

# A made-up peer-support organisation, written as a publisher would send it: every one of the
# six tables filled, contacts at each of the four places HSDS puts them, a contact's own phone
# and one shared with its organisation. Values as HSDS types them (numbers as numbers).
TABLE_ROWS = {
    "organization": [
        {
            "id": ORG,
            "name": "Lakeside Peer Network",
            "description": "People with lived experience of mental illness supporting others.",
            "email": "hello@lakeside-peer.example.org",
            "website": "https://lakeside-peer.example.org",
        }
    ],
    "organization_identifier": [
        {
            "id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f41",
            "organization_id": ORG,
            "identifier_scheme": "US-EIN",
            "identifier_type": "Employer Identification Number",
            "identifier": "39-1234567",
        }
    ],
    "program": [
        {
            "id": PROGRAM,
            "organization_id": ORG,
            "name": "Peer Bridges",
            "alternate_name": "PB",
            "description": "Peer-run lines and groups for people leaving hospital care.",
        }
    ],
    "service": [
        {
            "id": SERVICE,
            "organization_id": ORG,
            "program_id": PROGRAM,
            "name": "Peer Bridges warmline",
            "description": "A peer listens, evenings, when things feel heavy.",
            "status": "active",
        }
    ],
    "location": [
        {
            "id": LOCATION,
            "location_type": "physical",
            "organization_id": ORG,
            "name": "Willow Street house",
        }
    ],
    "address": [
        {
            "id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f06",
            "location_id": LOCATION,
            "address_1": "212 Willow Street",
            "city": "Madison",
            "state_province": "WI",
            "postal_code": "53703",
            "country": "US",
            "address_type": "physical",
        }
    ],
    "service_at_location": [{"id": LINK, "service_id": SERVICE, "location_id": LOCATION}],
    "contact": [
        {
            "id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f11",
            "service_id": SERVICE,
            "name": "Ruth Alvarez",
            "title": "Intake coordinator",
            "department": "Intake",
            "email": "intake@lakeside-peer.example.org",
        },
        {
            "id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f12",
            "organization_id": ORG,
            "name": "Maya Okafor",
            "title": "Executive director",
        },
        {
            "id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f13",
            "location_id": LOCATION,
            "title": "Building manager",
            "department": "Facilities",
        },
        {
            "id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f14",
            "service_at_location_id": LINK,
            "name": "Jo Park",
            "title": "Group host",
        },
    ],
    "phone": [
        {
            "id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f21",
            "service_id": SERVICE,
            "number": "608-555-0140",
            "type": "voice",
        },
        {
            "id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f22",
            "contact_id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f11",
            "number": "608-555-0141",
            "extension": 22,
            "type": "voice",
            "description": "Ruth's desk, weekdays.",
        },
        {
            "id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f23",
            "organization_id": ORG,
            "contact_id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f12",
            "number": "608-555-0142",
            "type": "voice",
        },
    ],
    "funding": [
        {
            "id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f51",
            "organization_id": ORG,
            "source": "Dane County Human Services grant",
        },
        {
            "id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f52",
            "service_id": SERVICE,
            "source": "Private donations",
        },
    ],
    "cost_option": [
        {
            "id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f31",
            "service_id": SERVICE,
            "valid_from": "2026-01-01",
            "valid_to": "2026-12-31",
            "option": "One-to-one peer session",
            "currency": "USD",
            "amount": 12.5,
            "amount_description": "Sliding scale; nobody is turned away.",
        },
        {
            "id": GROUP_COST,
            "service_id": SERVICE,
            "option": "Drop-in group",
            "currency": "USD",
            "amount": 0,
        },
    ],
    "required_document": [
        {
            "id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f61",
            "service_id": SERVICE,
            "document": "Photo ID or student card",
            "uri": "https://lakeside-peer.example.org/what-to-bring",
        }
    ],
}
SIX_TABLES = [
    "contact",
    "program",
    "funding",
    "cost_option",
    "required_document",
    "organization_identifier",
]


@pytest.fixture
def hsds_spec():
    return require_spec_dir()


def _cell(value):
    return "" if value is None else str(value)


def write_csv_package(folder, tables=TABLE_ROWS):
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in tables.items():
        filename = TABLES[table][0]
        with (folder / filename).open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(columns(table))
            for row in rows:
                writer.writerow([_cell(row.get(column)) for column in columns(table)])
    return folder


def _of(table, **link):
    ((field, value),) = link.items()
    return [dict(row) for row in TABLE_ROWS[table] if row.get(field) == value]


def _contacts(**link):
    return [
        {**contact, "phones": _of("phone", contact_id=contact["id"])}
        for contact in _of("contact", **link)
    ]


def compiled_service():
    """The same records as one compiled HSDS service, nested where HSDS 3.0 puts them."""
    organization = {
        **TABLE_ROWS["organization"][0],
        "organization_identifiers": _of("organization_identifier", organization_id=ORG),
        "programs": _of("program", organization_id=ORG),
        "funding": _of("funding", organization_id=ORG),
        "contacts": _contacts(organization_id=ORG),
    }
    location = {
        **TABLE_ROWS["location"][0],
        "addresses": TABLE_ROWS["address"],
        "contacts": _contacts(location_id=LOCATION),
    }
    return {
        **TABLE_ROWS["service"][0],
        "organization": organization,
        "program": TABLE_ROWS["program"][0],
        "phones": _of("phone", service_id=SERVICE),
        "contacts": _contacts(service_id=SERVICE),
        "funding": _of("funding", service_id=SERVICE),
        "cost_options": _of("cost_option", service_id=SERVICE),
        "required_documents": _of("required_document", service_id=SERVICE),
        "service_at_locations": [
            {**TABLE_ROWS["service_at_location"][0], "location": location}
            | {"contacts": _contacts(service_at_location_id=LINK)}
        ],
    }


def write_json(folder, data=None):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "service.json"
    path.write_text(json.dumps(data or compiled_service()), encoding="utf-8")
    return path


@pytest.fixture(params=["csv", "json"])
def imported(request, tmp_path):
    """The file imported, in each of its forms."""
    source = (
        write_csv_package(tmp_path / "in")
        if request.param == "csv"
        else write_json(tmp_path / "in")
    )
    report = import_hsds(source)
    assert report.ok, [str(problem) for problem in report.errors]
    assert not report.warnings, [str(problem) for problem in report.warnings]
    return request.param


def exported_rows(folder, table):
    with (folder / TABLES[table][0]).open(newline="", encoding="utf-8") as file:
        return [
            {key: value for key, value in row.items() if value != ""}
            for row in csv.DictReader(file)
        ]


def as_csv(rows):
    return sorted(
        ({key: _cell(value) for key, value in row.items()} for row in rows),
        key=lambda row: row["id"],
    )


def flat(record):
    return {key: value for key, value in record.items() if not isinstance(value, dict | list)}


def by_id(records):
    return sorted(records, key=lambda record: record["id"])


def test_every_record_of_the_six_tables_is_kept(imported):
    assert Contact.objects.count() == 4
    assert Program.objects.get().services.get().name == "Peer Bridges warmline"
    assert Funding.objects.count() == 2
    assert OrganizationIdentifier.objects.get().identifier == "39-1234567"
    assert RequiredDocument.objects.get().service_id is not None
    session = CostOption.objects.get(option="One-to-one peer session")
    assert (session.amount, session.currency) == (Decimal("12.5"), "USD")
    assert str(session.valid_to) == "2026-12-31"
    assert Phone.objects.get(number="608-555-0141").contact.name == "Ruth Alvarez"


def test_the_csv_export_gives_the_same_records_field_by_field(imported, tmp_path, hsds_spec):
    out = tmp_path / "out"
    call_command("export_hsds", str(out))

    for table in [*SIX_TABLES, "phone", "organization"]:
        assert by_id(exported_rows(out, table)) == as_csv(TABLE_ROWS[table]), table
    assert exported_rows(out, "service")[0]["program_id"] == PROGRAM
    # The files still pass `frictionless validate` with HSDS's own datapackage.json.
    descriptor = json.loads((hsds_spec / "datapackage.json").read_text())
    report = frictionless.Package(descriptor, basepath=str(out)).validate()
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "note"])[:20]


def test_the_api_gives_the_same_records_where_hsds_nests_them(imported, client, hsds_spec):
    service = client.get(f"/api/services/{SERVICE}").json()
    organization = client.get(f"/api/organizations/{ORG}").json()

    assert_valid(hsds_spec, "compiled/service.json", service)
    assert_valid(hsds_spec, "compiled/organization.json", organization)
    expected = compiled_service()
    assert service["program"] == expected["program"]
    for key in ["funding", "cost_options", "required_documents"]:
        assert by_id(service[key]) == by_id(expected[key]), key
    for got, want in [
        (service["contacts"], expected["contacts"]),
        (service["service_at_locations"][0]["contacts"], _contacts(service_at_location_id=LINK)),
        (
            service["service_at_locations"][0]["location"]["contacts"],
            _contacts(location_id=LOCATION),
        ),
        (organization["contacts"], _contacts(organization_id=ORG)),
    ]:
        assert by_id(got) == by_id(want)
    for key in ["programs", "funding", "organization_identifiers"]:
        assert by_id(organization[key]) == by_id(expected["organization"][key]), key
    assert service["program_id"] == PROGRAM


def test_the_json_export_imports_back_to_the_same_records(imported, tmp_path):
    call_command("export_hsds", str(tmp_path / "json"), format="json")
    call_command("export_hsds", str(tmp_path / "first"))
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organization.objects.all().delete()
    assert not Contact.objects.exists()

    report = import_hsds(tmp_path / "json" / "services.json")

    assert report.ok, [str(problem) for problem in report.errors]
    call_command("export_hsds", str(tmp_path / "second"))
    for table in [*SIX_TABLES, "phone"]:
        assert exported_rows(tmp_path / "second", table) == exported_rows(
            tmp_path / "first", table
        ), table


def test_a_service_imported_again_without_a_cost_option_loses_it(tmp_path):
    assert import_hsds(write_csv_package(tmp_path / "first")).ok
    tables = {
        **TABLE_ROWS,
        "cost_option": [row for row in TABLE_ROWS["cost_option"] if row["id"] != GROUP_COST],
        "contact": [row for row in TABLE_ROWS["contact"] if row.get("service_id") != SERVICE],
    }
    tables["phone"] = [
        row
        for row in TABLE_ROWS["phone"]
        if row.get("contact_id") != TABLE_ROWS["contact"][0]["id"]
    ]

    report = import_hsds(write_csv_package(tmp_path / "second", tables))

    assert report.ok, [str(problem) for problem in report.errors]
    assert list(CostOption.objects.values_list("option", flat=True)) == ["One-to-one peer session"]
    # The service's contact went, and its phone with it; the other contacts stay.
    assert Contact.objects.count() == 3
    assert not Phone.objects.filter(number="608-555-0141").exists()
    deleted = CostOption.history.filter(history_type="-").get()
    assert deleted.option == "Drop-in group"
    assert Service.objects.get().version > 1


def test_a_programme_of_a_missing_organisation_is_reported_and_nothing_is_written(tmp_path):
    missing = "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f99"
    tables = {
        **TABLE_ROWS,
        "program": [{**TABLE_ROWS["program"][0], "organization_id": missing}],
    }

    report = import_hsds(write_csv_package(tmp_path / "in", tables))

    assert not report.ok
    [error] = report.errors
    assert (error.file, error.field) == ("programs.csv", "organization_id")
    assert missing in error.message
    assert "names no organization in the file or the directory" in error.message
    assert not Organization.objects.exists()
    assert not Program.objects.exists()
    assert not Contact.objects.exists()


def test_values_we_cannot_keep_are_dropped_with_a_warning(tmp_path):
    data = compiled_service()
    data["cost_options"] = [{"id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f39", "amount": -3}]
    data["funding"] = [{"id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f59"}]

    report = import_hsds(write_json(tmp_path, data))

    assert report.ok
    assert {(problem.where, problem.field) for problem in report.warnings} == {
        ("$.cost_options[0]", "amount"),
        ("$.funding[0]", "source"),
    }
    assert CostOption.objects.get(pk="5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f39").amount is None
    assert Funding.objects.count() == 1  # the organisation's


@pytest.fixture
def editor_client(client, django_user_model):
    editor = django_user_model.objects.create_user(
        username="editor", password="a-long-test-password", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def test_an_editor_sees_and_saves_the_service_inlines(editor_client, tmp_path):
    assert import_hsds(write_csv_package(tmp_path / "in")).ok
    url = reverse("admin:resources_service_change", args=[SERVICE])
    page = editor_client.get(url)
    content = page.content.decode()
    for text in ["Ruth Alvarez", "One-to-one peer session", "Photo ID or student card"]:
        assert text in content
    data = rendered_form_data(page)
    assert data["cost_options-TOTAL_FORMS"] == "2"
    data.update(
        {
            "cost_options-TOTAL_FORMS": "3",
            "cost_options-2-option": "Family session",
            "cost_options-2-amount": "30",
            "cost_options-2-currency": "USD",
            "cost_options-2-valid_from": "",
            "cost_options-2-valid_to": "",
            "cost_options-2-amount_description": "",
            "required_documents-0-document": "Any photo ID",
        }
    )

    assert_saved(editor_client.post(url, data))
    # The service is published: the editor's save waits for a publisher's review.
    assert not CostOption.objects.filter(option="Family session").exists()
    publisher = Client()
    publisher.force_login(make_curator("Publishers", "paul"))
    publisher.post(reverse("admin:resources_service_review", args=[SERVICE]), {"_publish": "1"})

    assert CostOption.objects.get(option="Family session").amount == 30
    assert RequiredDocument.objects.get().document == "Any photo ID"
    assert CostOption.history.filter(option="Family session", history_type="+").exists()


def test_the_cost_option_inline_shows_the_dates_constraint(curator_client, tmp_path):
    assert import_hsds(write_csv_package(tmp_path / "in")).ok
    url = reverse("admin:resources_service_change", args=[SERVICE])
    data = rendered_form_data(curator_client.get(url))
    [row] = [
        key[: -len("-option")] for key, value in data.items() if value == "One-to-one peer session"
    ]
    data[f"{row}-valid_from"] = "2027-01-01"

    response = curator_client.post(url, data)

    assert response.status_code == 200
    assert "The first valid day cannot be after the last." in response.content.decode()


def test_an_organisation_page_lists_its_programmes_identifiers_funding_and_contacts(
    curator_client, tmp_path
):
    assert import_hsds(write_csv_package(tmp_path / "in")).ok
    page = curator_client.get(reverse("admin:resources_organization_change", args=[ORG]))

    content = page.content.decode()
    for text in ["Peer Bridges", "39-1234567", "Dane County Human Services grant", "Maya Okafor"]:
        assert text in content
    assert_saved(
        curator_client.post(
            reverse("admin:resources_organization_change", args=[ORG]), rendered_form_data(page)
        )
    )


def test_a_contact_belonging_to_nothing_is_dropped_and_so_is_the_link_to_it(tmp_path):
    orphan = "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f19"
    tables = {
        **TABLE_ROWS,
        "contact": [*TABLE_ROWS["contact"], {"id": orphan, "name": "Nobody's contact"}],
        "phone": [
            *TABLE_ROWS["phone"],
            {
                "id": "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f29",
                "service_id": SERVICE,
                "contact_id": orphan,
                "number": "608-555-0149",
            },
        ],
    }

    report = import_hsds(write_csv_package(tmp_path / "in", tables))

    assert report.ok, [str(problem) for problem in report.errors]
    assert {(problem.file, problem.field) for problem in report.warnings} == {
        ("contacts.csv", "id"),
        ("phones.csv", "contact_id"),
    }
    assert not Contact.objects.filter(pk=orphan).exists()
    assert Phone.objects.get(number="608-555-0149").contact is None


def test_a_place_given_a_new_id_takes_its_contacts_with_the_old_one(tmp_path):
    assert import_hsds(write_csv_package(tmp_path / "first")).ok
    new_link = "5c1e7a20-4b8d-4f0e-9a31-2d6b8c0e1f09"
    tables = {
        **TABLE_ROWS,
        "service_at_location": [{"id": new_link, "service_id": SERVICE, "location_id": LOCATION}],
        "contact": [row for row in TABLE_ROWS["contact"] if not row.get("service_at_location_id")],
    }

    report = import_hsds(write_csv_package(tmp_path / "second", tables))

    assert report.ok, [str(problem) for problem in report.errors]
    assert not Contact.objects.filter(name="Jo Park").exists()
    assert Contact.objects.count() == 3


def test_a_contacts_numbers_are_edited_on_its_own_page(editor_client, tmp_path):
    assert import_hsds(write_csv_package(tmp_path / "in")).ok
    contact = Contact.objects.get(name="Ruth Alvarez")
    url = reverse("admin:resources_contact_change", args=[contact.pk])
    page = editor_client.get(url)
    assert "608-555-0141" in page.content.decode()
    data = rendered_form_data(page)
    data.update(
        {
            "phones-TOTAL_FORMS": "2",
            "phones-1-number": "608-555-0148",
            "phones-1-type": "sms",
            "phones-1-position": "1",
        }
    )

    assert_saved(editor_client.post(url, data))

    assert list(contact.phones.values_list("number", flat=True)) == [
        "608-555-0141",
        "608-555-0148",
    ]
