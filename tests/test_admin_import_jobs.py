"""The admin's HSDS uploads run as background jobs: the page of a job, its progress, its report,
and the saved upload removed when no confirmation can follow.

Tasks run at once here (tests/conftest.py); the tests marked "worker" hand the job to the
database backend and run the real worker command, as `make run` and production do.
"""

import json
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone

from resources.hsds import jobs, uploads
from resources.models import ImportJob, Service
from tests.fixtures_hsds import (
    OPEN_DATA,
    SERVICE,
    upload,
    upload_a_file_with_errors,
    uploads_in_tmp,  # noqa: F401 (an autouse fixture)
)

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def saved_uploads():
    return [path for path in uploads.upload_dir().iterdir() if path.is_file()]


def test_an_upload_sends_the_curator_to_the_job_page(curator_client):
    response = curator_client.post(OPEN_DATA, {"file": upload(SERVICE)})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/hsds/jobs/{job.pk}/"
    assert (job.dry_run, job.state, job.filename) == (True, "finished", "services.json")


def test_the_finished_dry_run_shows_the_report_and_the_button_that_imports(curator_client):
    response = curator_client.post(OPEN_DATA, {"file": upload(SERVICE)}, follow=True)
    assert b"Dry run: ready to import" in response.content
    assert b"Import these records" in response.content
    assert not Service.objects.exists()
    assert len(saved_uploads()) == 1  # Kept for the confirmation.


def test_confirming_imports_in_a_second_job_and_removes_the_upload(curator_client):
    response = curator_client.post(OPEN_DATA, {"file": upload(SERVICE)}, follow=True)
    confirmed = curator_client.post(OPEN_DATA, {"token": response.context["token"]}, follow=True)
    assert Service.objects.get().name == "Grief circle"
    assert b"Imported 1 services with 0 warnings." in confirmed.content
    assert [job.dry_run for job in ImportJob.objects.order_by("created")] == [True, False]
    assert saved_uploads() == []
    # The upload is gone: the same dry run cannot be confirmed twice.
    again = curator_client.post(OPEN_DATA, {"token": response.context["token"]}, follow=True)
    assert b"That upload has expired" in again.content
    assert ImportJob.objects.count() == 2


def test_a_file_with_errors_is_reported_and_its_upload_removed(curator_client):
    upload_a_file_with_errors(curator_client)
    assert saved_uploads() == []


def test_an_unexpected_error_fails_the_job_without_a_traceback_and_removes_the_upload(
    curator_client,
):
    with mock.patch.object(jobs, "import_hsds", side_effect=RuntimeError("boom")):
        response = curator_client.post(OPEN_DATA, {"file": upload(SERVICE)}, follow=True)
    assert response.status_code == 200
    assert ImportJob.objects.get().state == "failed"
    assert b"stopped on an unexpected error" in response.content
    assert b"boom" not in response.content
    assert saved_uploads() == []
    assert not Service.objects.exists()


def test_a_worker_stopped_at_once_fails_the_job_and_removes_the_upload(curator_client):
    job = _queued_job(curator_client)
    with (
        mock.patch.object(jobs, "import_hsds", side_effect=SystemExit(1)),
        pytest.raises(SystemExit),
    ):
        jobs.run_import_job.call(str(job.pk))
    assert ImportJob.objects.get(dry_run=False).state == "failed"
    assert saved_uploads() == []


def _queued_job(curator_client):
    """An import job of a checked upload, waiting for the worker."""
    response = curator_client.post(OPEN_DATA, {"file": upload(SERVICE)}, follow=True)
    checked = ImportJob.objects.get()
    return ImportJob.objects.create(
        user=checked.user, token=response.context["token"], filename="x.json", dry_run=False
    )


def test_a_busy_database_gives_a_message_not_a_server_error(curator_client):
    with mock.patch.object(jobs.ImportJob.objects, "create", side_effect=OperationalError):
        response = curator_client.post(OPEN_DATA, {"file": upload(SERVICE)}, follow=True)
    assert response.status_code == 200
    assert b"busy with another import" in response.content
    assert saved_uploads() == []


def test_a_job_not_heard_of_for_long_says_its_worker_has_probably_stopped(curator_client, curator):
    job = ImportJob.objects.create(
        user=curator,
        token="x" * 32 + ".json",
        filename="big.json",
        dry_run=True,
        state="running",
        started=timezone.now() - timedelta(hours=1),
    )
    response = curator_client.get(f"/admin/hsds/jobs/{job.pk}/")
    assert b"its worker has probably stopped" in response.content


def test_the_importer_reports_its_progress_through_the_callback(curator, tmp_path):
    path = tmp_path / "services.json"
    path.write_text(json.dumps([SERVICE]))
    heard = []
    from resources.hsds.importer import import_hsds

    import_hsds(path, dry_run=True, progress=lambda *args: heard.append(args))
    assert heard[0] == ("reading", 0, None)
    assert ("service", 1, None) in heard
    import_hsds(path, progress=lambda *args: heard.append(args))
    assert heard[-1] == ("saving", 0, None)


def test_a_running_job_shows_its_progress_and_a_plain_refresh_link(curator_client, curator):
    job = ImportJob.objects.create(
        user=curator, token="x" * 32 + ".json", filename="big.json", dry_run=True, state="running"
    )
    progress = jobs.SavedProgress(job.pk)
    progress("service", 0)
    progress("service", 12000)  # Too soon after the first: not saved.
    progress("phone", 3000)
    response = curator_client.get(f"/admin/hsds/jobs/{job.pk}/")
    text = response.content.decode()
    assert "Step 2: 3,000 rows of the phone table checked." in text
    assert f'href="/admin/hsds/jobs/{job.pk}/"' in text  # Works without JavaScript.
    assert "js/import-progress.js" in text
    assert "<script>" not in text and "http-equiv" not in text
    status = curator_client.get(f"/admin/hsds/jobs/{job.pk}/progress.json").json()
    assert status == {"done": False, "text": "Step 2: 3,000 rows of the phone table checked."}


def test_a_queued_job_says_the_worker_may_not_be_running(curator_client, curator):
    job = ImportJob.objects.create(
        user=curator, token="x" * 32 + ".json", filename="big.json", dry_run=True
    )
    response = curator_client.get(f"/admin/hsds/jobs/{job.pk}/")
    assert b"manage.py db_worker" in response.content


def test_a_curator_cannot_see_another_curators_job(client, curator):
    job = ImportJob.objects.create(
        user=curator, token="x" * 32 + ".json", filename="private.json", dry_run=True
    )
    other = get_user_model().objects.create_superuser("other", password="a-long-password-2")
    client.force_login(other)
    assert client.get(f"/admin/hsds/jobs/{job.pk}/").status_code == 404
    assert client.get(f"/admin/hsds/jobs/{job.pk}/progress.json").status_code == 404
    response = client.post(OPEN_DATA, {"token": job.token})
    assert response.status_code == 302
    assert ImportJob.objects.count() == 1


def test_anonymous_visitors_and_staff_without_permission_see_no_job(client, curator):
    job = ImportJob.objects.create(
        user=curator, token="x" * 32 + ".json", filename="private.json", dry_run=True
    )
    assert "/admin/login/" in client.get(f"/admin/hsds/jobs/{job.pk}/")["Location"]
    staff = get_user_model().objects.create_user("helper", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(f"/admin/hsds/jobs/{job.pk}/").status_code == 403
    assert client.post(f"/admin/hsds/jobs/{job.pk}/").status_code == 405


def test_the_open_data_page_lists_the_curators_recent_uploads(curator_client):
    curator_client.post(OPEN_DATA, {"file": upload(SERVICE, "mine.json")})
    response = curator_client.get(OPEN_DATA)
    job = ImportJob.objects.get()
    assert f'href="/admin/hsds/jobs/{job.pk}/"'.encode() in response.content


def test_a_job_handed_over_twice_runs_once(curator_client):
    curator_client.post(OPEN_DATA, {"file": upload(SERVICE)})
    job = ImportJob.objects.get()
    with mock.patch.object(jobs, "import_hsds") as importer:
        jobs.run_import_job.call(str(job.pk))
    importer.assert_not_called()


# -- the real worker --


def test_with_the_database_backend_the_job_waits_for_the_worker(
    committed_vocabulary, curator_client, settings
):
    # Committed: the worker closes connections it finds inside a transaction, as a test's is.
    settings.TASKS = DATABASE_TASKS
    response = curator_client.post(OPEN_DATA, {"file": upload(SERVICE)}, follow=True)
    job = ImportJob.objects.get()
    assert job.state == "queued"
    assert b"Waiting for the worker" in response.content
    assert curator_client.get(f"/admin/hsds/jobs/{job.pk}/progress.json").json()["done"] is False

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    job.refresh_from_db()
    assert job.state == "finished"
    page = curator_client.get(f"/admin/hsds/jobs/{job.pk}/")
    assert b"Dry run: ready to import" in page.content
    curator_client.post(OPEN_DATA, {"token": page.context["token"]})
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert Service.objects.get().name == "Grief circle"
    assert saved_uploads() == []
