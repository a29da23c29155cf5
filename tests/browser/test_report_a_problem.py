"""A visitor on a phone reports a wrong number, in a real Chromium."""

import pytest
from django.core.cache import cache

from resources.models import ProblemReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

SERVICE_PATH = "/services/988-suicide-and-crisis-lifeline/"


@pytest.fixture(autouse=True)
def _no_waiting_and_no_counts(settings):
    # A test types faster than a person; the minimum fill time has tests of its own.
    settings.SUBMISSION_MIN_SECONDS = 0
    cache.clear()


def test_a_visitor_reports_a_wrong_number_and_is_told_what_happens_next(
    browser_page, sample_directory
):
    page = browser_page
    page.goto(SERVICE_PATH)
    page.get_by_role("link", name="Something wrong or out of date? Report a problem").click()

    assert "Report a problem with 988" in page.get_by_role("heading", level=1).inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not page.get_by_label("Leave this field empty").is_visible()
    page.get_by_label("The phone number is wrong").check()
    page.get_by_label("Tell us more").fill("The text line answered with a different number.")
    page.get_by_role("button", name="Send the report").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Thank you for your report"
    assert "What happens next" in page.inner_text("main")
    report = ProblemReport.objects.get()
    assert (report.service.slug, report.kind) == ("988-suicide-and-crisis-lifeline", "wrong-phone")
    assert page.console_errors == []


def test_a_missing_answer_is_announced_and_linked_to_its_field(browser_page, sample_directory):
    page = browser_page
    page.goto(f"{SERVICE_PATH}report/")
    page.get_by_label("Something else").check()
    page.get_by_role("button", name="Send the report").click()

    alert = page.get_by_role("alert")
    assert "Please tell us what is wrong." in alert.inner_text()
    alert.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "id_details"
    assert page.get_by_label("Tell us more").get_attribute("aria-invalid") == "true"
    assert not ProblemReport.objects.exists()
