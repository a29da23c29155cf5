"""The curators' open data page: upload, dry-run report, confirm; and the export download.

The upload and the import run as background jobs; here they run at once (tests/conftest.py), and
a POST is followed to the job's page, which shows the report. tests/test_admin_import_jobs.py
tests the jobs themselves."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from resources.models import Service
from tests.factories import make_service
from tests.fixtures_hsds import (
    OPEN_DATA,
    SERVICE,
    upload,
    upload_a_file_with_errors,
    uploads_in_tmp,  # noqa: F401 (an autouse fixture)
)

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(OPEN_DATA)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_page_offers_export_and_import(curator_client):
    response = curator_client.get(OPEN_DATA)
    assert response.status_code == 200
    assert b"hsds/export/csv.zip" in response.content
    assert b'enctype="multipart/form-data"' in response.content


def test_an_upload_shows_a_dry_run_and_confirming_imports(curator_client):
    response = curator_client.post(OPEN_DATA, {"file": upload(SERVICE)}, follow=True)
    assert response.status_code == 200
    assert response.context["report"].ok
    assert not Service.objects.exists()
    token = response.context["token"]
    confirmed = curator_client.post(OPEN_DATA, {"token": token})
    assert confirmed.status_code == 302
    assert Service.objects.get().name == "Grief circle"


def test_the_confirmed_import_shows_in_the_service_history_as_the_curators(curator_client, curator):
    response = curator_client.post(OPEN_DATA, {"file": upload(SERVICE)}, follow=True)
    curator_client.post(OPEN_DATA, {"token": response.context["token"]})
    record = Service.history.get()
    assert (record.history_user, record.history_change_reason) == (curator, "Imported from HSDS")


def test_a_bad_file_is_reported_and_cannot_be_confirmed(curator_client):
    upload_a_file_with_errors(curator_client)
    assert not Service.objects.exists()


def test_a_50_mb_upload_gets_a_clear_error(curator_client):
    big = SimpleUploadedFile("big.json", b" " * (50 * 1024 * 1024), "application/json")
    response = curator_client.post(OPEN_DATA, {"file": big})
    assert response.status_code == 200
    assert "the limit is 20 MB" in response.context["form"].errors["file"][0]
    assert not Service.objects.exists()


def test_only_json_and_zip_files_are_taken(curator_client):
    response = curator_client.post(OPEN_DATA, {"file": upload(SERVICE, "services.xml")})
    assert response.context["form"].errors["file"]


def test_a_made_up_token_imports_nothing(curator_client):
    response = curator_client.post(OPEN_DATA, {"token": "../../etc/passwd"})
    assert response.status_code == 302
    assert not Service.objects.exists()


def test_staff_without_permission_cannot_import(client):
    staff = get_user_model().objects.create_user("helper", password="x", is_staff=True)
    client.force_login(staff)
    assert client.post(OPEN_DATA, {"file": upload(SERVICE)}).status_code == 403


@pytest.mark.parametrize("export_format", ["csv", "json"])
def test_curators_download_the_export_as_a_zip(curator_client, export_format):
    make_service()
    response = curator_client.get(f"/admin/hsds/export/{export_format}.zip")
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    expected = "services.csv" if export_format == "csv" else "services.json"
    assert expected in names


def test_a_downloaded_csv_zip_imports_back(curator_client):
    make_service(name="Walking group")
    content = curator_client.get("/admin/hsds/export/csv.zip").content
    response = curator_client.post(
        OPEN_DATA, {"file": SimpleUploadedFile("hsds.zip", content, "application/zip")}, follow=True
    )
    assert response.context["report"].ok, response.context["report"].problems
