"""A curator at work in the admin, in a real Chromium: sign in, fix an entry, publish it."""

import pytest
from django.urls import reverse

from resources.models import Service
from tests.factories import make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def test_a_curator_edits_a_draft_publishes_it_and_a_visitor_can_open_it(signed_in_page):
    page = signed_in_page
    draft = make_service(
        name="Night Owls Peer Group",
        slug="night-owls-peer-group",
        status=Service.Status.DRAFT,
        organization=Service.objects.first().organization,
    )
    assert page.request.get("/services/night-owls-peer-group/").status == 404

    page.goto(reverse("admin:resources_service_change", args=[draft.pk]))
    page.get_by_label("Description:").fill("Late-evening peer group for people who can't sleep.")
    page.get_by_label("Emotional support").check()
    page.get_by_role("button", name="Save", exact=True).first.click()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()

    page.locator("#searchbar").fill("Night Owls")
    page.keyboard.press("Enter")
    page.locator("input.action-select").first.check()
    page.get_by_label("Action:").select_option(label="Publish")
    page.get_by_role("button", name="Run").click()
    assert "1 service was published" in page.locator(".messagelist").inner_text()

    page.goto("/services/night-owls-peer-group/")
    assert page.get_by_role("heading", level=1).inner_text() == "Night Owls Peer Group"
    assert "can't sleep" in page.inner_text("main")
    assert page.console_errors == []
