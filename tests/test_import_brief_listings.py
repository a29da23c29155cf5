"""A service listed without its parts (an API's brief listing, a CSV package without a table)
keeps its stored ones; a list present, even empty, is the service's whole set."""

import json

import pytest
from django.core.management import call_command

from resources.hsds.importer import import_hsds
from resources.models import (
    Contact,
    CostOption,
    Funding,
    Language,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from tests.api.conftest import make_rich_service
from tests.test_harvest import FAST, HOST, JSON, Feed, _free_port, a_service, page, serving_feeds

pytestmark = pytest.mark.django_db

PARTS = [Phone, Schedule, ServiceAtLocation, Contact, Language, ServiceArea]
PARTS += [Funding, CostOption, RequiredDocument]


@pytest.fixture
def rich_service(db):
    return make_rich_service(name="Evening listening line")


def parts_of(service):
    counts = {model.__name__: model.objects.filter(service=service).count() for model in PARTS}
    counts["terms"] = set(service.terms.values_list("pk", flat=True))
    return counts


def body(response):
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    return path


def brief_page(client, **changes):
    data = json.loads(body(client.get("/api/services")))
    [service] = data["contents"]
    assert "phones" not in service  # The API's listing is brief.
    service.update(changes)
    return data


def test_a_brief_listing_keeps_every_part_and_changes_the_service(tmp_path, client, rich_service):
    before = parts_of(rich_service)
    assert all(before.values())
    report = import_hsds(write(tmp_path, "page.json", brief_page(client, name="Night line")))
    assert report.ok, [str(p) for p in report.errors]
    assert not report.warnings
    assert "1 service is listed without its phones, hours, places, contacts" in report.shape
    assert report.shape.endswith("its stored ones are kept.")
    rich_service.refresh_from_db()
    assert rich_service.name == "Night line"
    assert parts_of(rich_service) == before


def test_an_empty_list_empties_that_part_alone(tmp_path, client, rich_service):
    before = parts_of(rich_service)
    report = import_hsds(write(tmp_path, "page.json", brief_page(client, phones=[])))
    assert report.ok, [str(p) for p in report.errors]
    assert parts_of(rich_service) == {**before, "Phone": 0}
    assert "phones" not in report.shape.partition("without")[2].split(":")[0]


def test_a_null_list_says_no_more_than_a_missing_one(tmp_path, client, rich_service):
    before = parts_of(rich_service)
    report = import_hsds(write(tmp_path, "page.json", brief_page(client, phones=None)))
    assert report.ok, [str(p) for p in report.errors]
    assert parts_of(rich_service) == before


def test_brief_ndjson_lines_keep_every_part(tmp_path, client, rich_service):
    before = parts_of(rich_service)
    content = body(client.get("/api/services?format=ndjson"))
    report = import_hsds(write(tmp_path, "dump.ndjson", content))
    assert report.ok, [str(p) for p in report.errors]
    assert "Read 1 line of NDJSON with 1 service." in report.shape
    assert "its stored ones are kept" in report.shape
    assert parts_of(rich_service) == before


def test_an_organisation_without_its_services_in_full_keeps_their_parts(
    tmp_path, client, rich_service
):
    before = parts_of(rich_service)
    content = body(client.get(f"/api/organizations/{rich_service.organization_id}"))
    report = import_hsds(write(tmp_path, "org.json", content))
    assert report.ok, [str(p) for p in report.errors]
    assert parts_of(rich_service) == before


def test_the_full_record_still_brings_its_whole_self(tmp_path, client, rich_service):
    data = json.loads(body(client.get(f"/api/services/{rich_service.pk}")))
    data["phones"] = []
    data["schedules"] = []
    report = import_hsds(write(tmp_path, "full.json", data))
    assert report.ok, [str(p) for p in report.errors]
    assert "stored ones are kept" not in report.shape
    counts = parts_of(rich_service)
    assert (counts["Phone"], counts["Schedule"], counts["Language"]) == (0, 0, 1)


def write_package(folder, rich_service, **tables):
    folder.mkdir()
    organization = rich_service.organization
    files = {
        "organizations.csv": f"id,name,description\n{organization.pk},{organization.name},Helps.\n",
        "services.csv": "id,organization_id,name,status\n"
        f"{rich_service.pk},{organization.pk},Night line,active\n",
        **tables,
    }
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def test_a_package_without_a_table_keeps_those_parts(tmp_path, rich_service):
    before = parts_of(rich_service)
    report = import_hsds(write_package(tmp_path / "package", rich_service))
    assert report.ok, [str(p) for p in report.errors]
    assert "1 service is listed without its phones, hours" in report.shape
    rich_service.refresh_from_db()
    assert rich_service.name == "Night line"
    assert parts_of(rich_service) == before


def test_a_table_with_its_header_alone_empties_those_parts(tmp_path, rich_service):
    before = parts_of(rich_service)
    header = "id,service_id,location_id,organization_id,contact_id,number\n"
    folder = write_package(tmp_path / "package", rich_service, **{"phones.csv": header})
    report = import_hsds(folder)
    assert report.ok, [str(p) for p in report.errors]
    assert parts_of(rich_service) == {**before, "Phone": 0}
    # The location's phone stays: the location is not in the package.
    assert Phone.objects.filter(location__isnull=False).count() == 1


# A feed that lists brief services, with full=true too, and answers each one briefly as well.
BRIEF = a_service(1, "Grief group")
del BRIEF["phones"]


def brief_everywhere(handler, path, query):
    return 200, JSON, BRIEF if path.startswith("services/") else page([BRIEF])


Feed.cases["brief-everywhere"] = brief_everywhere


@pytest.fixture
def feed():
    with serving_feeds(_free_port(range(8290, 8300))) as port:
        yield f"http://{HOST}:{port}/brief-everywhere"


def test_a_harvest_of_brief_services_keeps_their_parts(feed, tmp_path):
    report = import_hsds(write(tmp_path, "first.json", a_service(1, "Grief circle")))
    assert report.ok, [str(p) for p in report.errors]
    service = Service.objects.get()
    assert service.phones.count() == 1
    call_command("harvest_hsds", feed, *FAST)
    service.refresh_from_db()
    assert service.name == "Grief group"
    assert service.phones.count() == 1


def test_services_listed_without_different_parts_are_told_apart(tmp_path, client):
    first, second = make_rich_service(), make_rich_service()
    data = json.loads(body(client.get("/api/services")))
    for service in data["contents"]:
        if service["id"] == str(first.pk):
            service["schedules"] = []
    report = import_hsds(write(tmp_path, "page.json", data))
    assert report.ok, [str(p) for p in report.errors]
    assert "2 services are listed without some of their phones, hours, places" in report.shape
    assert (first.schedules.count(), second.schedules.count()) == (0, 1)
