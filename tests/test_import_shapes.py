"""import_hsds reads what other publishers publish, names the shape it read, and fails clearly.

Shapes: service_full, lists, organisation-rooted JSON, pages of an API response, NDJSON; CSV
packages with other line endings and a datapackage.json that adds columns. Older HSDS gets one
sentence; problems are capped per kind; malformed files give a clear error from the command and
from the admin upload, and leave no upload behind.
"""

import io
import json
import threading
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from resources.hsds import exporter, shapes
from resources.hsds.importer import import_hsds
from resources.hsds.report import MAX_PER_KIND, Report
from resources.models import Location, Organization, Phone, Service
from tests.api.conftest import make_rich_service
from tests.test_harvest import page

pytestmark = pytest.mark.django_db

ADMIN_URL = "/admin/hsds/"


def uid(kind, number=0):
    """A stable UUID per record: kind 1 organisations, 2 services, 3 phones, 4 locations, …"""
    return f"5a1e{kind:04d}-0c1d-4e2f-8a3b-{number:012d}"


def an_organisation(number=0, **fields):
    return {
        "id": uid(1, number),
        "name": f"Riverside Wellbeing Trust {number}",
        "description": "A local charity running peer support and talking groups.",
        **fields,
    }


def a_service(number=0, org=0, **fields):
    return {
        "id": uid(2, number),
        "organization_id": uid(1, org),
        "name": f"Tuesday peer support group {number}",
        "description": "An informal group for adults living with anxiety or low mood.",
        "status": "active",
        "phones": [{"id": uid(3, number), "number": "0161 496 0101", "type": "voice"}],
        **fields,
    }


def a_service_full(number=0, org=0):
    return {**a_service(number, org), "organization": an_organisation(org)}


def an_organisation_full(number=0, services=(0,)):
    """As /api/organizations/{id} gives it: its services nested, without organization_id."""
    nested = []
    for service_number in services:
        service = a_service(service_number)
        del service["organization_id"]
        nested.append(service)
    location = {
        "id": uid(4, number),
        "location_type": "physical",
        "name": "Riverside Community Hall",
        "addresses": [
            {
                "id": uid(5, number),
                "address_1": "12 Mill Lane",
                "city": "Stockport",
                "state_province": "Greater Manchester",
                "postal_code": "SK1 3AA",
                "country": "GB",
                "address_type": "physical",
            }
        ],
    }
    return {**an_organisation(number), "services": nested, "locations": [location]}


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    return path


def ndjson(*records):
    return "".join(json.dumps(record) + "\n" for record in records).encode()


SHAPES = [
    ("service.json", a_service_full(), 1, "Read one service (service_full)."),
    (
        "services.json",
        [a_service_full(0), a_service_full(1)],
        2,
        "Read a list of 2 services.",
    ),
    (
        "organisation.json",
        an_organisation_full(services=(0, 1, 2)),
        3,
        "Read one organisation (organization_full) with 3 services.",
    ),
    (
        "organisations.json",
        [an_organisation_full(0, services=(0, 1)), an_organisation_full(1, services=(2,))],
        3,
        "Read a list of 2 organisations with 3 services.",
    ),
    (
        "page.json",
        page([a_service_full(n) for n in range(3)]),
        3,
        "Read 1 page of an HSDS API response with 3 services.",
    ),
    (
        "pages.json",
        [page([a_service_full(n)], number=n + 1, total=2) for n in range(2)],
        2,
        "Read 2 pages of an HSDS API response with 2 services.",
    ),
    (
        "organisation-page.json",
        page([an_organisation_full(services=(0, 1))]),
        2,
        "Read 1 page of an HSDS API response with 1 organisation and 2 services.",
    ),
    (
        "services.ndjson",
        ndjson(a_service_full(0), a_service_full(1)),
        2,
        "Read 2 lines of NDJSON with 2 services.",
    ),
    (
        "separators.ndjson",
        ndjson(a_service_full(0) | {"description": "One\u2028two\u2029three"}).replace(
            b"\\u2028", "\u2028".encode()
        ),
        1,
        "Read 1 line of NDJSON with 1 service.",
    ),
    (
        "organisations.jsonl",
        ndjson(an_organisation_full(0, services=(0,)), an_organisation_full(1, services=(1,))),
        2,
        "Read 2 lines of NDJSON with 2 organisations and 2 services.",
    ),
    # NDJSON saved with a .json name is still told apart from JSON.
    (
        "export.json",
        ndjson(a_service_full(0), a_service_full(1), a_service_full(2)),
        3,
        "Read 3 lines of NDJSON with 3 services.",
    ),
]


@pytest.mark.parametrize(("name", "content", "services", "sentence"), SHAPES)
def test_each_shape_imports_and_is_named(tmp_path, name, content, services, sentence):
    report = import_hsds(write(tmp_path, name, content))
    assert report.ok, [str(p) for p in report.errors]
    assert report.shape == sentence
    assert Service.objects.count() == services
    assert Phone.objects.filter(service__isnull=False).count() == services


def test_an_organisations_services_and_locations_are_its_own(tmp_path):
    report = import_hsds(write(tmp_path, "org.json", an_organisation_full(services=(0, 1))))
    assert report.ok
    organisation = Organization.objects.get()
    assert set(organisation.services.values_list("name", flat=True)) == {
        "Tuesday peer support group 0",
        "Tuesday peer support group 1",
    }
    assert Location.objects.get().organization == organisation


def test_the_command_names_the_shape(tmp_path, capsys):
    path = write(tmp_path, "page.json", page([a_service_full(n) for n in range(2)]))
    call_command("import_hsds", str(path), dry_run=True)
    assert "Read 1 page of an HSDS API response with 2 services." in capsys.readouterr().out


@pytest.fixture
def rich_service(db):
    return make_rich_service(name="Evening listening line")


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize(
    ("url", "sentence"),
    [
        ("/api/services", "Read 1 page of an HSDS API response with 1 service."),
        ("/api/services?format=ndjson", "Read 1 line of NDJSON with 1 service."),
        (
            "/api/organizations?full=true&full_service=true&format=ndjson",
            "Read 1 line of NDJSON with 1 organisation and 1 service.",
        ),
        (
            "/api/organizations/{org}?full_service=true",
            "Read one organisation (organization_full) with 1 service.",
        ),
    ],
)
def test_our_own_api_output_imports_back(tmp_path, client, rich_service, url, sentence):
    response = client.get(url.format(org=rich_service.organization_id))
    assert response.status_code == 200
    name = "dump.ndjson" if "ndjson" in url else "response.json"
    report = import_hsds(write(tmp_path, name, body(response)))
    assert report.ok, [str(p) for p in report.errors]
    # A brief listing's services keep their stored parts, in a sentence of their own.
    assert report.shape.startswith(sentence)
    assert Service.objects.get().name == "Evening listening line"


@pytest.mark.parametrize("export_format", ["json", "csv"])
def test_our_own_export_zips_import_back(tmp_path, rich_service, export_format):
    report = import_hsds(write(tmp_path, "export.zip", exporter.zip_bytes(export_format)))
    assert report.ok, [str(p) for p in report.errors]
    expected = {
        "json": "Read a list of 1 service.",
        "csv": "as the package's datapackage.json lists them.",
    }[export_format]
    assert expected in report.shape


def test_one_csv_table_alone_is_explained(tmp_path):
    report = import_hsds(write(tmp_path, "services.csv", services_csv_bytes()))
    assert [p.message for p in report.errors] == [
        "Give the folder or a .zip holding the CSV tables, not one of them alone."
    ]


# -- An older HSDS: one sentence, not thousands of errors --


def write_tables(folder, tables, line_end="\n", bom=False):
    """`tables`: file name -> list of rows (the first is the header)."""
    folder.mkdir(exist_ok=True)
    for name, rows in tables.items():
        text = line_end.join(",".join(row) for row in rows) + line_end
        (folder / name).write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
    return folder


def hsds_2_tables(rows=500):
    services = [["id", "organization_id", "program_id", "name", "status"]] + [
        [str(n), "1", "", f"Drop-in {n}", "active"] for n in range(rows)
    ]
    schedules = [["id", "service_id", "weekday", "opens_at", "closes_at"]] + [
        [str(n), str(n), "Monday", "09:00", "17:00"] for n in range(rows)
    ]
    return {
        "organizations.csv": [["id", "name", "description"], ["1", "Old Town Mind", "Support."]],
        "services.csv": services,
        "regular_schedules.csv": schedules,
        "holiday_schedules.csv": [["id", "service_id", "closed", "start_date", "end_date"]],
    }


def assert_one_sentence(report, evidence):
    assert [p.message for p in report.problems] == [report.errors[0].message]
    message = report.errors[0].message
    assert "convert it to HSDS 3.0 first" in message
    assert evidence in message
    assert not Service.objects.exists()


def test_an_hsds_1_csv_package_gets_one_sentence(tmp_path):
    report = import_hsds(write_tables(tmp_path / "old", hsds_2_tables()))
    assert_one_sentence(report, "schedules.csv")
    assert report.errors[0].message.startswith("This looks like HSDS 1.x (")


def test_an_hsds_2_csv_package_gets_one_sentence(tmp_path):
    tables = {
        "organizations.csv": [["id", "name", "description"], ["1", "Old Town Mind", "Help."]],
        "services.csv": [["id", "organization_id", "name", "status"], ["2", "1", "Drop-in", "x"]],
        "physical_addresses.csv": [["id", "location_id", "address_1"], ["3", "4", "1 High St"]],
    }
    report = import_hsds(write_tables(tmp_path / "old", tables))
    assert_one_sentence(report, "physical_addresses.csv")


def test_a_1x_column_in_a_3_0_named_table_gets_one_sentence(tmp_path):
    tables = {
        "services.csv": [["id", "name", "status"], [uid(2), "Drop-in", "active"]],
        "schedules.csv": [["id", "service_id", "weekday"], [uid(6), uid(2), "Tuesday"]],
    }
    report = import_hsds(write_tables(tmp_path / "old", tables))
    assert_one_sentence(report, "schedules.csv: weekday")


def test_hsds_2_json_gets_one_sentence(tmp_path):
    services = [
        {
            "id": str(n),
            "name": f"Drop-in {n}",
            "regular_schedule": [{"weekday": 1, "opens_at": "09:00"}],
        }
        for n in range(300)
    ]
    report = import_hsds(write(tmp_path, "old.json", services))
    assert_one_sentence(report, "regular_schedule")


def test_the_command_gives_the_one_sentence(tmp_path, capsys):
    folder = write_tables(tmp_path / "old", hsds_2_tables())
    with pytest.raises(CommandError, match="1 error, 0 warnings"):
        call_command("import_hsds", str(folder))
    err = capsys.readouterr().err
    assert err.count("ERROR") == 1
    assert "convert it to HSDS 3.0 first" in err


# -- Problems capped per kind --


def short_rows_package(tmp_path, rows):
    tables = {
        "services.csv": [["id", "name", "status"]]
        + [[uid(2, n), f"Group {n}"] for n in range(rows)],
    }
    return write_tables(tmp_path / "short", tables)


def test_problems_of_one_kind_are_listed_twenty_times_then_counted(tmp_path):
    report = import_hsds(short_rows_package(tmp_path, 1_030))
    assert report.error_count == 1_030
    assert len(report.errors) == MAX_PER_KIND == 20
    last = report.problems[-1]
    assert last.message == "… and 1,010 more like this."
    assert (last.level, last.file) == ("error", "services.csv")
    assert report.summary() == "1,030 errors, 0 warnings"


def test_the_command_caps_problems_per_kind(tmp_path, capsys):
    with pytest.raises(CommandError, match="1,030 errors"):
        call_command("import_hsds", str(short_rows_package(tmp_path, 1_030)))
    err = capsys.readouterr().err
    assert err.count("The row has 2 fields") == 20
    assert "… and 1,010 more like this." in err


def test_the_admin_caps_problems_per_kind(curator_client, tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    archive = zip_of({"services.csv": services_csv_bytes(rows=1_030, short=True)})
    response = curator_client.post(
        ADMIN_URL, {"file": SimpleUploadedFile("bad.zip", archive)}, follow=True
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("The row has 3 fields") == 20
    assert "… and 1,010 more like this." in content
    assert "1030 errors" in content
    assert not leftover_uploads(settings)


# -- Publishers' CSV packages --


def services_csv_bytes(rows=2, short=False, line_end="\n"):
    lines = ["id,organization_id,name,status"]
    for n in range(rows):
        lines.append(f"{uid(2, n)},{uid(1)},Group {n}" + ("" if short else ",active"))
    return (line_end.join(lines) + line_end).encode()


def package_tables():
    return {
        "organizations.csv": [
            ["id", "name", "description"],
            [uid(1), "Riverside Wellbeing Trust", '"Peer support, talking groups."'],
        ],
        "services.csv": [
            ["id", "organization_id", "name", "status", "description"],
            [uid(2, 0), uid(1), "Tuesday group", "active", '"Meets weekly,\nupstairs."'],
            [uid(2, 1), uid(1), "Carers' café", "active", "Fortnightly."],
        ],
        "phones.csv": [
            ["id", "service_id", "number"],
            [uid(3, 0), uid(2, 0), "0161 496 0101"],
            [uid(3, 1), uid(2, 1), "0161 496 0102"],
        ],
    }


@pytest.mark.parametrize(
    ("line_end", "bom"),
    [("\r\r\n", False), ("\r\n", False), ("\n", False), ("\r", False), ("\r\n", True)],
    ids=["CR-CR-LF", "CRLF", "LF", "CR", "BOM-CRLF"],
)
def test_csv_tables_with_any_line_ending_import(tmp_path, line_end, bom):
    folder = write_tables(tmp_path / "csv", package_tables(), line_end=line_end, bom=bom)
    report = import_hsds(folder)
    assert report.ok, [str(p) for p in report.errors]
    assert report.shape == "Read 3 HSDS CSV tables."
    assert set(Phone.objects.values_list("number", flat=True)) == {
        "0161 496 0101",
        "0161 496 0102",
    }
    assert "Meets weekly," in Service.objects.get(id=uid(2, 0)).description


def test_rows_are_counted_as_records_whatever_the_line_ending(tmp_path):
    tables = package_tables()
    tables["phones.csv"][2][2] = ""  # The second phone, row 3, has no number.
    report = import_hsds(write_tables(tmp_path / "csv", tables, line_end="\r\r\n"))
    assert [(p.file, p.where, p.field) for p in report.errors] == [
        ("phones.csv", "row 3", "number")
    ]


def datapackage(resources):
    return json.dumps(
        {
            "name": "riverside-directory",
            "profile": "tabular-data-package",
            "resources": [
                {
                    "name": name,
                    "path": path,
                    "profile": "tabular-data-resource",
                    "schema": {"fields": [{"name": field, "type": "string"} for field in fields]},
                }
                for name, path, fields in resources
            ],
        }
    )


def zip_of(members, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


EXTRA = ["referral_route", "funding_body"]


def profile_package():
    """A profile's package: tables in a subfolder, services with two columns HSDS lacks."""
    tables = package_tables()
    tables["services.csv"][0] += EXTRA
    tables["services.csv"][1] += ["self-referral", "NHS"]
    tables["services.csv"][2] += ["GP", ""]
    members = {
        f"riverside/data/{name}": "\r\r\n".join(",".join(row) for row in rows) + "\r\r\n"
        for name, rows in tables.items()
    }
    members["riverside/datapackage.json"] = datapackage(
        [
            ("organization", "data/organizations.csv", ["id", "name", "description"]),
            (
                "service",
                "data/services.csv",
                [*("id", "organization_id", "name", "status", "description"), *EXTRA],
            ),
            ("phone", "data/phones.csv", ["id", "service_id", "number"]),
        ]
    )
    return zip_of(members)


def test_a_profile_package_follows_its_datapackage_and_reports_added_columns_once(tmp_path):
    report = import_hsds(write(tmp_path, "profile.zip", profile_package()))
    assert report.ok, [str(p) for p in report.errors]
    assert report.shape == "Read 3 HSDS CSV tables, as the package's datapackage.json lists them."
    assert [(p.file, p.where, p.field) for p in report.warnings] == [
        ("riverside/data/services.csv", "header", "referral_route, funding_body")
    ]
    assert Service.objects.count() == 2


def test_a_schema_in_a_file_of_its_own_is_followed(tmp_path):
    archive = zipfile.ZipFile(io.BytesIO(profile_package()))
    members = {info.filename: archive.read(info) for info in archive.infolist()}
    descriptor = json.loads(members["riverside/datapackage.json"])
    services = descriptor["resources"][1]
    members["riverside/schemas/services.json"] = json.dumps(services["schema"])
    services["schema"] = "schemas/services.json"
    descriptor["resources"].append({"name": "notes", "path": "data/notes.csv"})
    members["riverside/data/notes.csv"] = "id,text\r\n1,Curators' notes\r\n"
    members["riverside/datapackage.json"] = json.dumps(descriptor)
    report = import_hsds(write(tmp_path, "profile.zip", zip_of(members)))
    assert report.ok, [str(p) for p in report.errors]
    assert [(p.file, p.field, p.message) for p in report.warnings] == [
        (
            "riverside/datapackage.json",
            "",
            "The resource data/notes.csv is not an HSDS table; ignored.",
        ),
        (
            "riverside/data/services.csv",
            "referral_route, funding_body",
            "Columns the publisher's datapackage.json adds to HSDS 3.0; their values are not "
            "imported.",
        ),
    ]


def test_a_datapackage_that_cannot_be_followed_leaves_the_tables_found_by_name(tmp_path):
    members = {
        name: "\n".join(",".join(row) for row in rows) + "\n"
        for name, rows in package_tables().items()
    }
    members["datapackage.json"] = "[" * 100_000
    report = import_hsds(write(tmp_path, "deep-descriptor.zip", zip_of(members)))
    assert report.ok, [str(p) for p in report.errors]
    assert report.shape == "Read 3 HSDS CSV tables."


def test_a_column_nobody_declared_is_still_refused(tmp_path):
    tables = package_tables()
    tables["services.csv"][0].append("favourite_colour")
    for row in tables["services.csv"][1:]:
        row.append("green")
    report = import_hsds(write_tables(tmp_path / "csv", tables))
    assert [(p.file, p.field) for p in report.errors] == [("services.csv", "favourite_colour")]


# -- Malformed files: a clear error, from the command and the admin, and nothing left behind --


def crc_broken_zip():
    content = zip_of({"services.csv": services_csv_bytes()}, compression=zipfile.ZIP_STORED)
    at = content.index(b"Group 1")
    return content[:at] + b"Grouq" + content[at + 5 :]


def bomb_zip():
    """One member that inflates to 60 MB from about 60 KB."""
    buffer = io.BytesIO()
    block = b"\n" * (1024 * 1024)
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("services.csv", "w", force_zip64=True) as member,
    ):
        member.write(b"id,name,status\n")
        for _ in range(60):
            member.write(block)
    return buffer.getvalue()


def lying_bomb_zip():
    """A member whose headers claim 1,000 bytes and which inflates to 5 MB: it is read only as
    far as it claims, and then its checksum does not match."""
    content = bytearray(zip_of({"services.csv": b"id,name,status\n" + b"\n" * (5 * 1024 * 1024)}))
    claimed = (1000).to_bytes(4, "little")
    local, central = content.index(b"PK\x03\x04"), content.index(b"PK\x01\x02")
    content[local + 22 : local + 26] = claimed
    content[central + 24 : central + 28] = claimed
    return bytes(content)


def nested_json():
    return b"[" * 100_000 + b"]" * 100_000


def junk():
    return bytes((n * 7919 + 13) % 256 for n in range(4096))


MALFORMED = {
    "deep.json": (nested_json, "nested more than 64 levels deep"),
    "deep-in-a-string.json": (
        lambda: json.dumps([a_service_full(0, org=0) | {"description": "[" * 5000}]).encode(),
        None,  # Brackets in a string are text: this one imports.
    ),
    "bad-crc.zip": (crc_broken_zip, "The zip is damaged"),
    "bomb.zip": (bomb_zip, "larger than 20 MB"),
    "lying-bomb.zip": (lying_bomb_zip, "The zip is damaged"),
    "latin1.json": (
        lambda: (
            json.dumps(a_service_full(), ensure_ascii=False)
            .replace("Tuesday", "Café")
            .encode("latin-1")
        ),
        "not UTF-8 text",
    ),
    "latin1.zip": (
        lambda: zip_of({"services.csv": "id,name,status\n1,Café,active\n".encode("latin-1")}),
        "not UTF-8 text",
    ),
    "utf16.json": (lambda: json.dumps(a_service_full()).encode("utf-16"), "UTF-16 text"),
    "empty.json": (lambda: b"", "The file is empty."),
    "empty.zip": (lambda: b"", "The file is empty."),
    "junk.json": (junk, "looks like binary data"),
    "junk.zip": (junk, "looks like binary data"),
    "nul.zip": (
        lambda: zip_of({"services.csv": f"id,name,status\n{uid(2)},Dro\x00p-in,active\n"}),
        "NUL character",
    ),
    "nul.json": (
        lambda: json.dumps(a_service_full() | {"name": "Drop\u0000in"}).encode(),
        "NUL character",
    ),
    "traversal.zip": (
        lambda: zip_of({"../../x/services.csv": services_csv_bytes()}),
        "outside its own folder",
    ),
    "broken.ndjson": (lambda: ndjson(a_service_full()) + b'{"id": "cut\n', "not valid JSON"),
    "nul.ndjson": (
        lambda: ndjson(a_service_full(0), a_service_full(1) | {"name": "Drop\u0000in"}),
        "NUL character",
    ),
    "not-json.json": (lambda: b"<html><body>Bad gateway</body></html>", "not valid JSON"),
    "scalar.json": (lambda: b'"just a string"', "Expected a service, an organisation"),
}


def malformed(tmp_path, name):
    make, message = MALFORMED[name]
    return write(tmp_path, name, make()), message


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_a_malformed_file_gets_a_clear_error_from_the_command(tmp_path, capsys, name):
    path, message = malformed(tmp_path, name)
    if message is None:
        call_command("import_hsds", str(path))
        assert Service.objects.count() == 1
        return
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_hsds", str(path))
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not Service.objects.exists()


def test_a_problem_in_ndjson_names_its_line(tmp_path):
    report = import_hsds(malformed(tmp_path, "nul.ndjson")[0])
    assert [(p.where, p.message) for p in report.errors] == [
        ("line 2.name", "The text holds a NUL character (\\u0000).")
    ]
    report = import_hsds(malformed(tmp_path, "broken.ndjson")[0])
    assert [p.where for p in report.errors] == ["line 2, column 8"]


def test_deep_json_is_refused_before_parsing_even_on_a_small_thread_stack():
    # A server thread may have a small stack (musl's default is 128 KB): parsing 100,000 levels
    # there would crash the process, so the depth is counted first, without recursion.
    found = []
    report = Report()

    def parse():
        found.append(shapes.parse("deep.json", nested_json(), report))

    previous = threading.stack_size(256 * 1024)
    try:
        thread = threading.Thread(target=parse)
        thread.start()
        thread.join()
    finally:
        threading.stack_size(previous)
    assert found == [None]
    assert "nested more than 64 levels deep" in report.errors[0].message


def leftover_uploads(settings):
    folder = settings.DATA_DIR / "hsds-uploads"
    return list(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("name", sorted(n for n, (_m, message) in MALFORMED.items() if message))
def test_a_malformed_upload_gets_a_clear_error_and_is_not_kept(
    curator_client, tmp_path, settings, name
):
    settings.DATA_DIR = tmp_path / "data"
    path, message = malformed(tmp_path, name)
    upload = SimpleUploadedFile(name, path.read_bytes())
    response = curator_client.post(ADMIN_URL, {"file": upload}, follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    if name.startswith("empty"):
        message = "The submitted file is empty."  # Django's own form check comes first.
    else:
        assert "This file cannot be imported" in content
    assert message in content
    assert 'name="token"' not in content
    assert not leftover_uploads(settings)
    assert not Service.objects.exists()


def test_an_upload_that_passes_the_dry_run_is_kept_until_confirmed(
    curator_client, tmp_path, settings
):
    settings.DATA_DIR = tmp_path / "data"
    upload = SimpleUploadedFile("org.json", json.dumps(an_organisation_full()).encode())
    response = curator_client.post(ADMIN_URL, {"file": upload}, follow=True)
    assert "Read one organisation (organization_full) with 1 service." in response.content.decode()
    assert len(leftover_uploads(settings)) == 1
    curator_client.post(ADMIN_URL, {"token": response.context["token"]})
    assert Service.objects.count() == 1
    assert not leftover_uploads(settings)


def test_an_upload_whose_import_fails_is_not_kept(curator_client, tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    upload = SimpleUploadedFile("one.json", json.dumps(a_service_full()).encode())
    token = curator_client.post(ADMIN_URL, {"file": upload}, follow=True).context["token"]
    (settings.DATA_DIR / "hsds-uploads" / token).write_bytes(b"")  # Spoilt since the dry run.
    response = curator_client.post(ADMIN_URL, {"token": token}, follow=True)
    assert response.status_code == 200
    assert "The file is empty." in response.content.decode()
    assert not leftover_uploads(settings)
