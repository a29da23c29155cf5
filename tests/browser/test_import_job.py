"""A curator's HSDS upload in a real Chromium: the job page follows the job by itself
(static/js/import-progress.js) and then shows the report, with no inline script (CSP)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from resources.hsds import jobs
from resources.hsds.report import Report
from resources.models import ImportJob, Service
from tests.fixtures_hsds import a_service, uploads_in_tmp  # noqa: F401 (an autouse fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

SERVICE = a_service(name="Grief circle of the browser test")


def test_a_curator_uploads_checks_and_imports_a_file(signed_in_page, tmp_path):
    page = signed_in_page
    path = tmp_path / "grief.json"
    path.write_text(json.dumps(SERVICE))
    page.goto("/admin/hsds/")
    page.get_by_label("HSDS file").set_input_files(str(path))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Dry run: ready to import")).to_be_visible()
    page.get_by_role("button", name="Import these records").click()
    expect(page.get_by_role("heading", name="Imported", exact=True)).to_be_visible()
    assert Service.objects.filter(name=SERVICE["name"]).exists()
    assert page.console_errors == []


def test_the_job_page_follows_a_running_job_and_shows_its_report(signed_in_page):
    page = signed_in_page
    curator = get_user_model().objects.get(username="curator")
    job = ImportJob.objects.create(
        user=curator,
        token="0" * 32 + ".json",
        filename="big.json",
        dry_run=True,
        state=ImportJob.State.RUNNING,
    )
    progress = jobs.SavedProgress(job.pk)
    progress("service", 1000)
    page.goto(f"/admin/hsds/jobs/{job.pk}/")
    status = page.get_by_role("status")
    assert "1,000 rows of the service table" in status.inner_text()

    progress("phone", 2000)
    expect(status).to_contain_text("2,000 rows of the phone table", timeout=10000)

    report = Report(counts={"service": 3})
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.FINISHED, report=jobs.report_to_json(report), finished=timezone.now()
    )
    page.get_by_role("heading", name="Dry run: ready to import").wait_for(timeout=10000)
    assert page.console_errors == []
