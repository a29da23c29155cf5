"""export_hsds: CSV with datapackage.json or JSON, conformant, and a faithful round trip."""

import csv
import json

import frictionless
import pytest
from django.core.management import call_command

from resources.hsds.importer import import_hsds
from resources.hsds.tables import EXPORTED, TABLES
from resources.models import Location, Organization, Phone, Service, Taxonomy, TaxonomyTerm
from tests.api.conftest import make_rich_service
from tests.factories import make_service
from tests.hsds_spec import assert_valid, require_spec_dir

pytestmark = pytest.mark.django_db


@pytest.fixture
def hsds_spec():
    return require_spec_dir()


def files_of(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def empty_the_directory():
    """What a fresh, migrated database holds: the seeded vocabulary and nothing else."""
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organization.objects.all().delete()
    TaxonomyTerm.objects.exclude(taxonomy__name__startswith="supportdir:").delete()
    Taxonomy.objects.exclude(name__startswith="supportdir:").delete()


@pytest.mark.parametrize("export_format", ["csv", "json"])
def test_export_import_export_gives_identical_files(tmp_path, export_format):
    call_command("load_sample_data", verbosity=0)
    make_rich_service()
    first, second = tmp_path / "first", tmp_path / "second"
    call_command("export_hsds", str(first), format=export_format)
    empty_the_directory()
    source = first if export_format == "csv" else first / "services.json"
    report = import_hsds(source)
    assert report.ok, [str(p) for p in report.problems]
    assert not report.warnings, [str(p) for p in report.warnings]
    call_command("export_hsds", str(second), format=export_format)
    assert files_of(first) == files_of(second)


def test_csv_tables_follow_the_hsds_data_package(tmp_path, hsds_spec):
    make_rich_service()
    call_command("export_hsds", str(tmp_path))
    spec = json.loads((hsds_spec / "datapackage.json").read_text())
    spec_fields = {
        resource["path"]: [(f["name"], f["type"]) for f in resource["schema"]["fields"]]
        for resource in spec["resources"]
    }
    ours = json.loads((tmp_path / "datapackage.json").read_text())
    assert [resource["name"] for resource in ours["resources"]] == list(TABLES)
    assert {resource["path"] for resource in ours["resources"]} == set(spec_fields)
    for resource in ours["resources"]:
        fields = [(f["name"], f["type"]) for f in resource["schema"]["fields"]]
        assert fields == spec_fields[resource["path"]], resource["path"]
        with (tmp_path / resource["path"]).open(newline="") as table:
            rows = list(csv.reader(table))
        assert rows[0] == [name for name, _type in fields]
        ids = [row[0] for row in rows[1:]]
        if resource["name"] != "phone":  # by position: the order carries each owner's first
            assert ids == sorted(ids), f"{resource['path']} is sorted by id"


def test_importing_an_export_into_the_directory_it_came_from_changes_nothing(tmp_path):
    call_command("load_sample_data", verbosity=0)
    versions = dict(Service.objects.values_list("pk", "version"))
    phone_order = list(Phone.objects.order_by("service_id", "position").values_list("pk"))
    # The sample data is itself imported; nothing may be added to its history now.
    history = Service.history.count()
    call_command("export_hsds", str(tmp_path))

    report = import_hsds(tmp_path)

    assert report.ok, [str(problem) for problem in report.errors]
    assert dict(Service.objects.values_list("pk", "version")) == versions
    assert list(Phone.objects.order_by("service_id", "position").values_list("pk")) == phone_order
    assert Service.history.count() == history


def test_csv_export_passes_frictionless_validate_with_hsds_own_datapackage(tmp_path, hsds_spec):
    call_command("load_sample_data", verbosity=0)
    make_rich_service()
    call_command("export_hsds", str(tmp_path))
    # What `frictionless validate` does with the spec's datapackage.json beside our files.
    descriptor = json.loads((hsds_spec / "datapackage.json").read_text())

    report = frictionless.Package(descriptor, basepath=str(tmp_path)).validate()

    problems = report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
    assert report.valid, problems[:20]
    assert {task.name for task in report.tasks} == set(TABLES)


def test_tables_we_keep_nothing_for_are_written_as_a_header(tmp_path):
    make_rich_service()
    call_command("export_hsds", str(tmp_path))
    for table in set(TABLES) - set(EXPORTED):
        filename, fields = TABLES[table]
        with (tmp_path / filename).open(newline="") as file:
            assert list(csv.reader(file)) == [[name for name, _type in fields]]


def test_csv_foreign_keys_all_resolve(tmp_path):
    make_rich_service()
    call_command("export_hsds", str(tmp_path))
    package = json.loads((tmp_path / "datapackage.json").read_text())
    ids = {}
    for resource in package["resources"]:
        with (tmp_path / resource["path"]).open(newline="") as table:
            ids[resource["name"]] = list(csv.DictReader(table))
    for resource in package["resources"]:
        for key in resource["schema"]["foreignKeys"]:
            targets = {row["id"] for row in ids[key["reference"]["resource"]]}
            for row in ids[resource["name"]]:
                value = row[key["fields"]]
                assert not value or value in targets, (resource["name"], key["fields"], value)


def test_json_is_a_list_of_full_services(tmp_path, hsds_spec):
    make_rich_service()
    call_command("export_hsds", str(tmp_path), format="json")
    services = json.loads((tmp_path / "services.json").read_text())
    assert len(services) == 1
    for service in services:
        assert_valid(hsds_spec, "compiled/service.json", service)


def test_drafts_are_not_exported(tmp_path):
    make_service(name="Draft", status=Service.Status.DRAFT)
    published = make_service(name="Published")
    call_command("export_hsds", str(tmp_path))
    with (tmp_path / "services.csv").open(newline="") as table:
        assert [row["id"] for row in csv.DictReader(table)] == [str(published.id)]


def test_every_hsds_table_we_export_is_known():
    assert set(EXPORTED) <= set(TABLES)


def test_the_datapackage_names_the_deployments_data_licence(tmp_path, settings):
    settings.DATA_LICENSE = "ODbL-1.0"
    call_command("export_hsds", str(tmp_path))
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] == [
        {
            "name": "ODbL-1.0",
            "title": "Open Data Commons Open Database License v1.0",
            "path": "https://opendatacommons.org/licenses/odbl/1-0/",
        }
    ]
