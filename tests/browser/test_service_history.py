"""A curator fixes a phone number, reads the change in the service's history and takes it back,
in a real Chromium."""

import pytest

from resources.models import Service
from tests.browser.conftest import violations, with_axe
from tests.factories import make_phone, make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def test_a_phone_edited_on_the_form_is_one_history_entry_and_its_old_number_comes_back(
    signed_in_page,
):
    page = signed_in_page
    with_axe(page)
    service = make_service(
        name="Night Owls Peer Line", organization=Service.objects.first().organization
    )
    phone = make_phone(service=service, number="608-555-0100")

    page.goto(f"/admin/resources/service/{service.pk}/change/")
    page.locator("#id_phones-0-number").fill("608-555-0199")
    page.get_by_role("button", name="Save", exact=True).first.click()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()

    page.goto(f"/admin/resources/service/{service.pk}/history/")
    rows = page.locator("#change-history tbody tr")
    newest = rows.first.inner_text()
    assert "Phone changed: Call: 608-555-0199" in newest
    assert "608-555-0100" in newest
    assert "Service changed" not in page.inner_text("#change-history")
    # The phone as it was when added, in the entry before.
    added = rows.filter(has_text="Phone added: Call: 608-555-0100")
    added.get_by_role("button", name="Restore this version").click()

    assert "is back as it was" in page.locator(".messagelist").inner_text()
    assert "Restored the version of" in page.locator("#change-history tbody tr").first.inner_text()
    phone.refresh_from_db()
    assert phone.number == "608-555-0100"
    # The timeline's own markup (the admin's frame around it is Django's).
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        wrong = violations(page, context="#content-main")
        assert [violation["id"] for violation in wrong] == []
    assert page.console_errors == []
