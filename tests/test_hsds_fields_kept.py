"""HSDS fields of the tables we model are kept: import, then export (CSV package and JSON), gives
them back field by field; addresses keep their types; schedules outside their valid dates are not
current; HSDS's service statuses and phone types come back as they went in."""

import csv
import json
from datetime import date
from decimal import Decimal

import frictionless
import pytest
from django.core.management import call_command
from django.utils import timezone

from resources.hsds.importer import import_hsds
from resources.hsds.tables import TABLES, columns
from resources.models import Address, Location, Organization, Phone, Schedule, Service, Taxonomy
from resources.schedules.opening import opening_status
from tests.hsds_spec import assert_valid, require_spec_dir

pytestmark = pytest.mark.django_db


@pytest.fixture
def hsds_spec():
    return require_spec_dir()


def rid(kind, number):
    """A record id of our own: the kind of record in the first group, its number in the second."""
    return f"a2{kind:06d}-{number:04d}-4c1e-8f3a-5d6b7c8e9f01"


TRUST, CLINIC = rid(1, 1), rid(1, 2)
COUNSELLING, NIGHT_LINE, DROP_IN, OLD_GROUP = (rid(2, n) for n in range(1, 5))
HARBOR, MAILROOM = rid(3, 1), rid(3, 2)
PO_BOX, HARBOR_STREET, MAILROOM_BOX = rid(4, 1), rid(4, 2), rid(4, 3)
COUNSELLING_AT_HARBOR, NIGHT_LINE_AT_MAILROOM = rid(5, 1), rid(5, 2)
RAMP = rid(6, 1)
WEEKDAYS, ENDED, HARBOR_HOURS, AT_HARBOR_HOURS = (rid(7, n) for n in range(1, 5))
CELL, DESK, TEXTPHONE, VIDEO, PAGER = (rid(8, n) for n in range(1, 6))
TERM = rid(9, 1)

# The fixture: a small regional provider, its clinic, and every field of the tables we model.
FIXTURE = {
    "organization": [
        {
            "id": TRUST,
            "name": "Lakeshore Community Health Trust",
            "alternate_name": "LCHT",
            "description": "Runs community mental-health clinics along the lakeshore.",
            "email": "office@lakeshore-trust.example.org",
            "website": "https://lakeshore-trust.example.org",
            "tax_status": "501(c)(3)",
            "tax_id": "39-4172630",
            "year_incorporated": "1987",
            "legal_status": "Nonprofit corporation",
            "logo": "https://lakeshore-trust.example.org/logo.png",
            "uri": "https://lakeshore-trust.example.org/about",
        },
        {
            "id": CLINIC,
            "name": "Harbor Street Clinic",
            "description": "Counselling and a night line for the harbor district.",
            "tax_status": "Part of the trust's exemption",
            "tax_id": "39-4172630-02",
            "year_incorporated": "2011",
            "legal_status": "Program of a nonprofit",
            "logo": "https://harbor-clinic.example.org/mark.svg",
            "uri": "https://harbor-clinic.example.org/",
            "parent_organization_id": TRUST,
        },
    ],
    "service": [
        {
            "id": COUNSELLING,
            "organization_id": CLINIC,
            "name": "Walk-in counselling",
            "description": "Short counselling sessions without an appointment.",
            "status": "active",
            "interpretation_services": "Phone interpreters for any language, free of charge.",
            "wait_time": "Usually under an hour on weekdays.",
            "fees": "Sliding scale from $0.",
            "accreditations": "CARF behavioral health accreditation, 2023",
            "assurer_email": "records@harbor-clinic.example.org",
            "licenses": "Wisconsin DHS 35 outpatient mental health clinic",
            "assured_date": "2026-03-02",
        },
        {
            "id": NIGHT_LINE,
            "organization_id": CLINIC,
            "name": "Harbor night line",
            "description": "A listening line that closed when its grant ended.",
            "status": "defunct",
        },
        {
            "id": DROP_IN,
            "organization_id": TRUST,
            "name": "Saturday drop-in",
            "description": "Closed while the hall is rebuilt.",
            "status": "temporarily closed",
        },
        {
            "id": OLD_GROUP,
            "organization_id": TRUST,
            "name": "Evening peer group",
            "description": "A peer group that used to meet every day.",
            "status": "active",
        },
    ],
    "location": [
        {
            "id": HARBOR,
            "location_type": "physical",
            "organization_id": CLINIC,
            "name": "Harbor Street Clinic",
            "alternate_name": "The Harbor",
            "description": "Second floor, above the pharmacy.",
            "latitude": "43.0389",
            "longitude": "-87.9065",
            "external_identifier": "WI-FAC-00321",
            "external_identifier_type": "State facility register",
        },
        {
            "id": MAILROOM,
            "location_type": "physical",
            "organization_id": TRUST,
            "name": "Trust mailroom",
        },
    ],
    "address": [
        # The postal address first: the physical one is still the one visitors are sent to.
        {
            "id": PO_BOX,
            "location_id": HARBOR,
            "attention": "Intake team",
            "address_1": "PO Box 99",
            "city": "Milwaukee",
            "state_province": "WI",
            "postal_code": "53201",
            "country": "US",
            "address_type": "postal",
        },
        {
            "id": HARBOR_STREET,
            "location_id": HARBOR,
            "attention": "Front desk",
            "address_1": "415 Harbor Street",
            "address_2": "Suite 2",
            "city": "Milwaukee",
            "region": "Milwaukee County",
            "state_province": "WI",
            "postal_code": "53207",
            "country": "US",
            "address_type": "physical",
        },
        {
            "id": MAILROOM_BOX,
            "location_id": MAILROOM,
            "address_1": "PO Box 4410",
            "city": "Racine",
            "state_province": "WI",
            "postal_code": "53404",
            "country": "US",
            "address_type": "postal",
        },
    ],
    "accessibility": [
        {
            "id": RAMP,
            "location_id": HARBOR,
            "description": "Step-free entrance from the Harbor Street side.",
            "details": "Lift to the second floor; accessible restroom by the waiting room.",
            "url": "https://harbor-clinic.example.org/access",
        }
    ],
    "service_at_location": [
        {"id": COUNSELLING_AT_HARBOR, "service_id": COUNSELLING, "location_id": HARBOR},
        {"id": NIGHT_LINE_AT_MAILROOM, "service_id": NIGHT_LINE, "location_id": MAILROOM},
    ],
    "phone": [
        {"id": CELL, "service_id": COUNSELLING, "number": "414-555-0143", "type": "cell"},
        {
            "id": DESK,
            "service_id": COUNSELLING,
            "location_id": HARBOR,
            "number": "414-555-0100",
            "extension": "12",
            "type": "voice",
            "description": "Front desk",
        },
        {
            "id": TEXTPHONE,
            "service_at_location_id": COUNSELLING_AT_HARBOR,
            "number": "414-555-0109",
            "type": "textphone",
        },
        {"id": VIDEO, "location_id": HARBOR, "number": "414-555-0177", "type": "video"},
        {"id": PAGER, "organization_id": CLINIC, "number": "414-555-0190", "type": "pager"},
    ],
    "schedule": [
        {
            "id": WEEKDAYS,
            "service_id": COUNSELLING,
            "valid_from": "2025-09-01",
            "dtstart": "2025-09-01",
            "timezone": "-6",
            "wkst": "MO",
            "freq": "WEEKLY",
            "interval": "1",
            "byday": "MO,TU,WE,TH,FR",
            "opens_at": "09:00:00",
            "closes_at": "17:00:00",
            "description": "Last walk-in at 16:00.",
            "schedule_link": "https://harbor-clinic.example.org/hours",
            "attending_type": "in person",
            "notes": "Closed on state holidays.",
        },
        {
            "id": ENDED,
            "service_id": OLD_GROUP,
            "valid_from": "2004-01-05",
            "valid_to": "2005-01-01",
            "dtstart": "2004-01-05",
            "count": "52",
            "freq": "WEEKLY",
            "interval": "1",
            "byweekno": "1,2,3",
            "byyearday": "5,12,19",
            "attending_type": "in person",
        },
        {
            "id": HARBOR_HOURS,
            "location_id": HARBOR,
            "freq": "WEEKLY",
            "interval": "1",
            "byday": "MO,WE",
            "opens_at": "08:30:00",
            "closes_at": "18:00:00",
        },
        {
            "id": AT_HARBOR_HOURS,
            "service_at_location_id": COUNSELLING_AT_HARBOR,
            "freq": "MONTHLY",
            "interval": "1",
            "byday": "1SA",
            "opens_at": "10:00:00",
            "closes_at": "12:00:00",
            "attending_type": "online",
            "notes": "First Saturday: video sessions only.",
        },
    ],
    "taxonomy_term": [
        # Its taxonomy is named, not given: the import files the term under a new taxonomy.
        {
            "id": TERM,
            "code": "walk-in",
            "name": "Walk-in",
            "description": "No appointment needed.",
            "taxonomy": "Lakeshore service types",
        }
    ],
    "attribute": [
        {
            "id": rid(10, 1),
            "link_id": COUNSELLING,
            "link_entity": "service",
            "taxonomy_term_id": TERM,
        }
    ],
}
# The tables whose records we keep with their ids (attribute ids are derived, see serialize).
COMPARED = [
    "organization",
    "service",
    "location",
    "address",
    "accessibility",
    "service_at_location",
    "phone",
    "schedule",
]


def write_csv_package(folder):
    folder.mkdir()
    for table, rows in FIXTURE.items():
        filename, _fields = TABLES[table]
        with (folder / filename).open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=columns(table))
            writer.writeheader()
            writer.writerows(rows)
    return folder


def _of(table, **where):
    return [
        row for row in FIXTURE[table] if all(row.get(key) == value for key, value in where.items())
    ]


def _typed(table, record):
    """The fixture's text as the JSON form types it."""
    kinds = dict(TABLES[table][1])
    typed = {}
    for key, value in record.items():
        if kinds.get(key) == "number":
            number = Decimal(value)
            typed[key] = int(number) if number == number.to_integral_value() else float(number)
        else:
            typed[key] = value
    return typed


def _location_json(location):
    return {
        **_typed("location", location),
        "addresses": [_typed("address", a) for a in _of("address", location_id=location["id"])],
        "accessibility": _of("accessibility", location_id=location["id"]),
        "phones": [_typed("phone", p) for p in _of("phone", location_id=location["id"])],
        "schedules": [_typed("schedule", s) for s in _of("schedule", location_id=location["id"])],
    }


def fixture_as_json():
    """The same records as HSDS's compiled services."""
    organizations = {
        org["id"]: {
            **_typed("organization", org),
            "phones": [_typed("phone", p) for p in _of("phone", organization_id=org["id"])],
        }
        for org in FIXTURE["organization"]
    }
    locations = {location["id"]: location for location in FIXTURE["location"]}
    services = []
    for service in FIXTURE["service"]:
        links = _of("service_at_location", service_id=service["id"])
        services.append(
            {
                **service,
                "organization": organizations[service["organization_id"]],
                "phones": [_typed("phone", p) for p in _of("phone", service_id=service["id"])],
                "schedules": [
                    _typed("schedule", s) for s in _of("schedule", service_id=service["id"])
                ],
                "service_at_locations": [
                    {
                        **link,
                        "location": _location_json(locations[link["location_id"]]),
                        "phones": [
                            _typed("phone", p)
                            for p in _of("phone", service_at_location_id=link["id"])
                        ],
                        "schedules": [
                            _typed("schedule", s)
                            for s in _of("schedule", service_at_location_id=link["id"])
                        ],
                    }
                    for link in links
                ],
                "attributes": [
                    {
                        **attribute,
                        "taxonomy_term": FIXTURE["taxonomy_term"][0],
                    }
                    for attribute in _of("attribute", link_id=service["id"])
                ],
            }
        )
    return services


def _same(table, column, given, exported):
    if TABLES[table][1] and dict(TABLES[table][1]).get(column) == "number":
        return exported not in (None, "") and Decimal(str(exported)) == Decimal(str(given))
    return exported == given


def assert_kept(table, records_by_id):
    for record in FIXTURE[table]:
        exported = records_by_id.get(record["id"])
        assert exported is not None, (table, record["id"])
        for column, value in record.items():
            assert _same(table, column, value, exported.get(column)), (
                table,
                record["id"],
                column,
                value,
                exported.get(column),
            )


def exported_csv(folder):
    tables = {}
    for table in COMPARED:
        filename, _fields = TABLES[table]
        with (folder / filename).open(newline="", encoding="utf-8") as file:
            tables[table] = {
                row["id"]: {key: value for key, value in row.items() if value != ""}
                for row in csv.DictReader(file)
            }
    return tables


def records_in(data, found=None):
    """Every object with an id in nested JSON, by table as HSDS nests them."""
    found = {} if found is None else found
    nested = {
        "organization": "organization",
        "phones": "phone",
        "schedules": "schedule",
        "service_at_locations": "service_at_location",
        "location": "location",
        "addresses": "address",
        "accessibility": "accessibility",
    }
    for key, value in data.items():
        table = nested.get(key)
        for child in value if isinstance(value, list) else [value]:
            if table and isinstance(child, dict):
                found.setdefault(table, {}).setdefault(child["id"], child)
                records_in(child, found)
    return found


def test_a_csv_package_comes_back_field_by_field(tmp_path, hsds_spec):
    report = import_hsds(write_csv_package(tmp_path / "in"))
    assert report.ok, [str(problem) for problem in report.errors]
    assert not report.warnings, [str(problem) for problem in report.warnings]

    call_command("export_hsds", str(tmp_path / "out"))

    exported = exported_csv(tmp_path / "out")
    for table in COMPARED:
        assert_kept(table, exported[table])
    descriptor = json.loads((hsds_spec / "datapackage.json").read_text())
    validation = frictionless.Package(descriptor, basepath=str(tmp_path / "out")).validate()
    assert validation.valid, validation.flatten(["taskName", "rowNumber", "fieldName", "note"])


def test_a_json_file_comes_back_field_by_field(tmp_path, hsds_spec):
    source = tmp_path / "services.json"
    source.write_text(json.dumps(fixture_as_json()))
    report = import_hsds(source)
    assert report.ok, [str(problem) for problem in report.errors]
    assert not report.warnings, [str(problem) for problem in report.warnings]

    call_command("export_hsds", str(tmp_path / "out"), format="json")

    services = json.loads((tmp_path / "out" / "services.json").read_text())
    for service in services:
        assert_valid(hsds_spec, "compiled/service.json", service)
    found = {"service": {service["id"]: service for service in services}}
    for service in services:
        records_in(service, found)
    for table in COMPARED:
        assert_kept(table, found[table])


def test_the_physical_address_is_the_one_visitors_see_and_the_postal_one_is_kept(tmp_path, client):
    assert import_hsds(write_csv_package(tmp_path / "in")).ok
    harbor = Location.objects.get(pk=HARBOR)
    assert (harbor.address_id.hex, harbor.address_1, harbor.attention) == (
        HARBOR_STREET.replace("-", ""),
        "415 Harbor Street",
        "Front desk",
    )
    assert [(a.address_1, a.address_type) for a in harbor.addresses.all()] == [
        ("PO Box 99", "postal")
    ]
    mailroom = Location.objects.get(pk=MAILROOM)
    assert mailroom.address_lines == []  # No place to visit.
    service = Service.objects.get(pk=COUNSELLING)

    page = client.get(service.get_absolute_url()).content.decode()

    assert "415 Harbor Street" in page
    label = page.index("Postal address, not a place to visit")
    assert label < page.index("PO Box 99")
    assert "PO Box 99" not in page[:label]

    call_command("export_hsds", str(tmp_path / "out"))
    addresses = exported_csv(tmp_path / "out")["address"]
    assert {key: row["address_type"] for key, row in addresses.items()} == {
        PO_BOX: "postal",
        HARBOR_STREET: "physical",
        MAILROOM_BOX: "postal",
    }


def test_a_schedule_past_its_valid_to_is_not_current(tmp_path):
    assert import_hsds(write_csv_package(tmp_path / "in")).ok
    ended = Schedule.objects.get(pk=ENDED)
    now = timezone.now()
    group = Service.objects.get(pk=OLD_GROUP)

    assert not ended.is_current(timezone.localdate())
    assert ended.in_words.startswith("No longer current (ended 1 January 2005)")
    assert not Service.objects.open_at(now).filter(pk=group.pk).exists()
    assert not Service.objects.open_this_week(now).filter(pk=group.pk).exists()
    assert opening_status(Service.objects.for_cards().get(pk=group.pk), now) is None

    ended.valid_from = ended.valid_to = None
    ended.save()  # The same rule, every day all day, without its dates: open.
    assert Service.objects.open_at(now).filter(pk=group.pk).exists()


def test_a_schedule_not_yet_valid_is_not_current():
    from tests.factories import make_schedule, make_service

    service = make_service()
    starts = date(timezone.localdate().year + 1, 1, 1)
    make_schedule(service=service, byday="", valid_from=starts)
    now = timezone.now()
    assert not Service.objects.open_this_week(now).filter(pk=service.pk).exists()
    assert Schedule.objects.get().in_words.startswith("Not yet current (from 1 January")


def test_hsds_statuses_and_phone_types_come_back_as_they_went(tmp_path):
    assert import_hsds(write_csv_package(tmp_path / "in")).ok
    assert dict(Service.objects.values_list("pk", "status")) == {
        Service.objects.get(pk=COUNSELLING).pk: "published",
        Service.objects.get(pk=NIGHT_LINE).pk: "defunct",
        Service.objects.get(pk=DROP_IN).pk: "temporarily_closed",
        Service.objects.get(pk=OLD_GROUP).pk: "published",
    }
    assert not Service.objects.published().filter(pk__in=[NIGHT_LINE, DROP_IN]).exists()
    assert Phone.objects.get(pk=CELL).type == "cell"

    call_command("export_hsds", str(tmp_path / "out"))
    exported = exported_csv(tmp_path / "out")
    assert exported["service"][NIGHT_LINE]["status"] == "defunct"
    assert exported["service"][DROP_IN]["status"] == "temporarily closed"
    assert {key: row["type"] for key, row in exported["phone"].items()} == {
        CELL: "cell",
        DESK: "voice",
        TEXTPHONE: "textphone",
        VIDEO: "video",
        PAGER: "pager",
    }


def test_a_taxonomy_the_file_only_names_gets_a_description(tmp_path):
    assert import_hsds(write_csv_package(tmp_path / "in")).ok
    taxonomy = Taxonomy.objects.get(name="Lakeshore service types")
    assert taxonomy.description
    call_command("export_hsds", str(tmp_path / "out"))
    with (tmp_path / "out" / "taxonomies.csv").open(newline="") as file:
        assert all(row["description"] for row in csv.DictReader(file))


def test_a_re_import_without_the_other_addresses_drops_them(tmp_path):
    assert import_hsds(write_csv_package(tmp_path / "in")).ok
    FIXTURE_ADDRESSES = FIXTURE["address"]
    try:
        FIXTURE["address"] = [a for a in FIXTURE_ADDRESSES if a["address_type"] == "physical"]
        assert import_hsds(write_csv_package(tmp_path / "again")).ok
    finally:
        FIXTURE["address"] = FIXTURE_ADDRESSES
    assert not Address.objects.exists()
    assert Location.objects.get(pk=HARBOR).address_1 == "415 Harbor Street"


def test_an_organisation_keeps_its_parent(tmp_path):
    assert import_hsds(write_csv_package(tmp_path / "in")).ok
    clinic = Organization.objects.get(pk=CLINIC)
    assert clinic.parent_organization_id == Organization.objects.get(pk=TRUST).pk
    assert clinic.year_incorporated == 2011


def test_the_api_streams_the_kept_fields_as_its_pages_give_them(tmp_path, client, hsds_spec):
    from tests.api.test_ndjson import LISTINGS, page_lines, stream_lines

    assert import_hsds(write_csv_package(tmp_path / "in")).ok
    for url in (url for url in LISTINGS if "postcode" not in url):  # no places loaded here
        separator = "&" if "?" in url else "?"
        expected = page_lines(client, url)
        assert stream_lines(client.get(f"{url}{separator}format=ndjson")) == expected, url

    service = client.get(f"/api/services/{COUNSELLING}").json()
    assert_valid(hsds_spec, "compiled/service.json", service)
    (place,) = service["service_at_locations"]
    assert [phone["id"] for phone in place["phones"]] == [TEXTPHONE]
    assert [schedule["id"] for schedule in place["schedules"]] == [AT_HARBOR_HOURS]
    assert [address["address_type"] for address in place["location"]["addresses"]] == [
        "physical",
        "postal",
    ]
    link = client.get(f"/api/service_at_locations/{COUNSELLING_AT_HARBOR}").json()
    assert_valid(hsds_spec, "compiled/service_at_location.json", link)
    assert link["phones"] == place["phones"]
