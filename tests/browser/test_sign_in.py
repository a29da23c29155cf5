"""A curator's first sign-in in a real Chromium: password, then setting up the authenticator
app from the page's QR code and key, then the recovery codes, then the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD
from tests.test_sign_in import code_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def test_a_curators_first_sign_in_sets_up_two_factor_sign_in(browser_page, settings):
    settings.REQUIRE_TWO_FACTOR = True
    get_user_model().objects.create_superuser("curator", "curator@example.org", PASSWORD)
    page = browser_page

    page.goto(reverse("admin:index"))
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Set up two-factor sign-in"
    qr_code = page.get_by_role("img", name="QR code for your authenticator app")
    assert qr_code.evaluate("image => image.complete && image.naturalWidth > 0")
    page.get_by_label("Code").fill(code_for(page.locator("#two-factor-secret").inner_text()))
    page.get_by_role("button", name="Confirm").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Recovery codes"
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have kept them: continue").click()
    assert page.url.endswith(reverse("admin:index"))
    assert page.console_errors == []
