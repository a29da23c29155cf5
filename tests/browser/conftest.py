import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

PASSWORD = "a-long-test-password"


@pytest.fixture
def signed_in_page(browser_page, sample_directory):
    """The sample directory's admin, signed in as a curator, at desktop width."""
    get_user_model().objects.create_superuser("curator", "curator@example.org", PASSWORD)
    browser_page.set_viewport_size({"width": 1280, "height": 900})
    browser_page.goto(reverse("admin:index"))
    browser_page.get_by_label("Username").fill("curator")
    browser_page.get_by_label("Password").fill(PASSWORD)
    browser_page.get_by_role("button", name="Log in").click()
    return browser_page
