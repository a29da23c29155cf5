"""A change reviewed before it goes live, in a real Chromium: an editor proposes, a publisher
reads what it changes and publishes it, and visitors see it only then."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from resources.models import Service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

PASSWORD = "a-long-test-password"


def make_editor():
    # The role groups come from a migration, which a transactional test's flush removes: an
    # editor is given the same kind of permissions directly (everything but publish and verify).
    editor = get_user_model().objects.create_user("edith", password=PASSWORD, is_staff=True)
    editor.user_permissions.set(
        Permission.objects.filter(content_type__app_label="resources").exclude(
            codename__in=["publish_service", "verify_service"]
        )
    )
    return editor


def sign_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_an_editor_proposes_a_publisher_reviews_and_publishes_and_visitors_see_it(
    browser_page, sample_directory
):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    make_editor()
    get_user_model().objects.create_superuser("paul", "paul@example.org", PASSWORD)
    service = Service.objects.published().first()
    old_description = service.description

    sign_in(page, "edith")
    page.goto(f"/admin/resources/service/{service.pk}/change/")
    assert "your save will wait for a publisher" in page.inner_text("main")
    page.get_by_label("Description:").fill("Open every evening, no referral needed.")
    page.get_by_role("button", name="Save", exact=True).first.click()
    assert "waits for a publisher's review" in page.locator(".messagelist").inner_text()

    page.goto(service.get_absolute_url())
    assert "Open every evening" not in page.inner_text("main")

    page.goto("/admin/")
    page.get_by_role("button", name="Log out").click()
    sign_in(page, "paul")
    page.get_by_role("link", name="proposed changes waiting for review").click()
    page.get_by_role("link", name=service.name).click()
    comparison = page.locator(".review-comparison").inner_text()
    assert old_description.split("\n")[0][:40] in comparison
    assert "Open every evening, no referral needed." in comparison
    page.get_by_role("button", name="Publish").click()
    assert "was published as proposed" in page.locator(".messagelist").inner_text()

    page.goto(service.get_absolute_url())
    assert "Open every evening, no referral needed." in page.inner_text("main")
    assert page.console_errors == []
