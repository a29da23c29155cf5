"""The curators' spreadsheet download: the columns they work through, every cell safe to open in
a spreadsheet (OWASP's CSV-injection advice), while the HSDS export keeps values exactly."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from resources import vocabulary
from resources.curation.spreadsheet import safe_cell
from resources.hsds.exporter import export_hsds
from resources.models import Service
from tests.factories import (
    make_location,
    make_organization,
    make_phone,
    make_service,
    make_service_at_location,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/resources/service/"
DOWNLOAD = "/admin/resources/service/spreadsheet.csv"


def read(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="services-')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel then reads it as UTF-8.
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1 608 555 0100", "'+1 608 555 0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Grief circle", "Grief circle"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
    ],
)
def test_a_cell_a_spreadsheet_would_evaluate_gets_a_quote_in_front(value, cell):
    assert safe_cell(value) == cell


def test_the_download_has_the_columns_a_curator_wants(curator_client):
    service = make_service(
        name="Grief circle",
        organization=make_organization(name="Hope Centre"),
        url="https://hope.example.org/",
        email="hello@hope.example.org",
        terms=[(vocabulary.SUPPORT, "emotional"), (vocabulary.TOPIC, "grief")],
    )
    make_phone(service=service, number="608-555-0100", extension="12")
    make_service_at_location(service=service, location=make_location(address_1="1 Main Street"))
    (row,) = read(curator_client.get(DOWNLOAD))
    assert row["Name"] == "Grief circle"
    assert row["Organisation"] == "Hope Centre"
    assert row["Status"] == "Published"
    assert row["Phones"] == "608-555-0100 ext. 12"
    assert row["Website"] == "https://hope.example.org/"
    assert row["Email"] == "hello@hope.example.org"
    assert row["Addresses"].startswith("1 Main Street, Madison")
    assert row["Kind of support"] == "Emotional support"
    assert row["Topic"] == "Grief and loss"
    assert row["HSDS id"] == str(service.pk)
    assert row["Last modified"]


def test_dangerous_cells_are_neutralised_in_the_download(curator_client):
    make_service(name="=cmd|' /C calc'!A0", organization=make_organization(name="@Hope"))
    (row,) = read(curator_client.get(DOWNLOAD))
    assert row["Name"] == "'=cmd|' /C calc'!A0"
    assert row["Organisation"] == "'@Hope"


def test_the_download_follows_the_lists_filters_and_search(curator_client):
    make_service(name="Walking group")
    make_service(name="Draft group", status=Service.Status.DRAFT)
    rows = read(curator_client.get(DOWNLOAD + "?status__exact=draft"))
    assert [row["Name"] for row in rows] == ["Draft group"]
    rows = read(curator_client.get(DOWNLOAD + "?q=walking"))
    assert [row["Name"] for row in rows] == ["Walking group"]
    assert len(read(curator_client.get(DOWNLOAD))) == 2


def test_a_bad_filter_sends_the_curator_back_to_the_list(curator_client):
    response = curator_client.get(DOWNLOAD + "?nonsense__field=1")
    assert response.status_code == 302


def test_the_list_links_to_the_download_with_its_filters(curator_client):
    make_service()
    response = curator_client.get(CHANGELIST + "?status__exact=published")
    assert f'href="{DOWNLOAD}?status__exact=published"'.encode() in response.content


def test_the_action_downloads_the_selected_services(curator_client):
    chosen = make_service(name="Chosen")
    make_service(name="Not chosen")
    response = curator_client.post(
        CHANGELIST, {"action": "download_spreadsheet", "_selected_action": [chosen.pk]}
    )
    assert [row["Name"] for row in read(response)] == ["Chosen"]


def test_a_curator_who_may_only_view_services_may_download(client):
    viewer = get_user_model().objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_service"))
    client.force_login(viewer)
    make_service(name="Seen")
    assert [row["Name"] for row in read(client.get(DOWNLOAD))] == ["Seen"]


def test_staff_without_permission_and_anonymous_visitors_get_nothing(client):
    assert "/admin/login/" in client.get(DOWNLOAD)["Location"]
    staff = get_user_model().objects.create_user("helper", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(DOWNLOAD).status_code == 403


def test_only_get_is_taken(curator_client):
    assert curator_client.post(DOWNLOAD).status_code == 405


def test_the_hsds_csv_export_keeps_a_leading_equals_sign_exactly(tmp_path):
    """The HSDS export is data for programs: nothing is changed, a leading `=` included."""
    make_service(name="=1+2 Group", organization=make_organization(name="+Plus"))
    export_hsds(tmp_path, "csv")
    with (tmp_path / "services.csv").open(newline="", encoding="utf-8") as table:
        (service,) = csv.DictReader(table)
    with (tmp_path / "organizations.csv").open(newline="", encoding="utf-8") as table:
        (organization,) = csv.DictReader(table)
    assert service["name"] == "=1+2 Group"
    assert organization["name"] == "+Plus"
