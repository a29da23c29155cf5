"""A curator team's working day, walked in a real browser as the issue's curators walked it: a
new Editor signs in after one step, a new group's place is found "near" its ZIP code before anyone
types coordinates, and a schedule is entered as people say it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from playwright.sync_api import expect

from resources.curation.roles import EDITORS, PUBLISHERS
from resources.models import Location, Service
from tests.browser.conftest import sign_in_by_cookie
from tests.factories import make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

PASSWORD = "a-long-test-password"
NEW_PASSWORD = "another-long-password-41"


@pytest.fixture
def roles(sample_directory):
    """The Editors and Publishers groups, as migration 0004 makes them (a browser test's database
    is emptied between tests, migration data included)."""
    editors, _created = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(
        *Permission.objects.filter(
            codename__regex=r"^(add|change|view)_", content_type__app_label="resources"
        )
    )
    publishers, _created = Group.objects.get_or_create(name=PUBLISHERS)
    publishers.permissions.add(
        *Permission.objects.filter(
            Q(codename__regex=r"^(add|change|view)_")
            | Q(codename__in=["publish_service", "verify_service"]),
            content_type__app_label="resources",
        )
    )


def sign_in(page, username, password):
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


@pytest.fixture
def curator_page(browser_page, live_server, roles):
    curator = get_user_model().objects.create_superuser("curator", "curator@example.org", PASSWORD)
    browser_page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_by_cookie(browser_page, curator, live_server.url)
    return browser_page


def test_adding_someone_to_editors_is_all_it_takes_to_sign_in(curator_page):
    page = curator_page
    page.goto("/admin/auth/user/add/")
    page.get_by_label("Username").fill("erin")
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save", exact=True).click()
    # The user's own page: choose the role, nothing else.
    page.locator("#id_groups_from").select_option(label=EDITORS)
    page.locator("#id_groups_add").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("ul.messagelist")).to_contain_text("was changed successfully")

    page.get_by_role("button", name="Log out").click()
    sign_in(page, "erin", NEW_PASSWORD)

    expect(page.get_by_role("heading", name="What needs a curator")).to_be_visible()
    # The sidebar speaks the curators' words: the kinds of support are one click away.
    page.goto("/admin/resources/service/")
    page.locator("#nav-sidebar").get_by_role("link", name="Kinds of support").click()
    expect(page.get_by_role("heading", name="Kinds of support")).to_be_visible()
    expect(page.locator("#result_list tbody tr")).to_have_count(7)
    page.goto("/admin/")
    # The way to the open-data page is on the admin's home and on the services list.
    expect(page.get_by_role("link", name=re.compile("HSDS", re.IGNORECASE)).first).to_be_visible()
    page.get_by_role("link", name="Services", exact=True).first.click()
    expect(page.get_by_role("link", name=re.compile("HSDS", re.IGNORECASE)).first).to_be_visible()
    # An Editor's form has no status to change: a Publisher decides what goes live.
    page.goto(f"/admin/resources/service/{Service.objects.published().first().pk}/change/")
    expect(page.locator("#id_status")).to_have_count(0)


def test_a_new_group_is_found_near_its_zip_code_before_anyone_types_coordinates(curator_page):
    page = curator_page
    service = make_service(name="Tuesday evening circle")
    page.goto("/admin/resources/location/add/")
    page.locator("#id_name").fill("Hope Hall")
    page.locator("#id_address_1").fill("1 Main St")
    page.locator("#id_city").fill("Madison")
    page.locator("#id_postal_code").fill("53703")
    expect(page.get_by_text("missing from “near” searches").first).to_be_visible()
    # The service is given here: chosen in the inline's search box.
    page.get_by_role(
        "button", name=re.compile("Add another service given here", re.IGNORECASE)
    ).click()
    page.locator(
        "#service_at_locations-group tr.dynamic-service_at_locations .select2-selection"
    ).click()
    page.locator(".select2-search__field").fill("Tuesday evening")
    page.locator(".select2-results__option", has_text="Tuesday evening circle").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("ul.messagelist")).to_contain_text("was added successfully")

    location = Location.objects.get(name="Hope Hall")
    assert location.coordinates_approximate and location.latitude is not None

    visitor = page.context.browser.new_page(base_url=page.url.split("/admin/")[0])
    visitor.goto("/search/?near=53703")
    expect(visitor.get_by_role("link", name="Tuesday evening circle")).to_be_visible()

    # The curator comes back with the exact place, pasted from a map.
    page.goto(f"/admin/resources/location/{location.pk}/change/")
    expect(page.get_by_text("Approximate position")).to_be_visible()
    page.get_by_label("Paste latitude, longitude").fill("43.0747, -89.3841")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("ul.messagelist")).to_contain_text("was changed successfully")
    location.refresh_from_db()
    assert not location.coordinates_approximate
    assert (float(location.latitude), float(location.longitude)) == (43.0747, -89.3841)
    visitor.goto("/search/?near=53703")
    expect(visitor.get_by_role("link", name="Tuesday evening circle")).to_be_visible()
    visitor.close()
    assert service in Service.objects.published()


def test_a_schedule_is_entered_as_people_say_it(curator_page):
    page = curator_page
    service = make_service(name="Second and fourth Tuesday group")
    page.goto(f"/admin/resources/service/{service.pk}/change/")
    page.get_by_role("button", name=re.compile("Add another schedule", re.IGNORECASE)).click()
    row = "#id_schedules-0-"
    page.locator(f"{row}freq").select_option(label="Monthly")
    page.locator(f"{row}month_week_1").check()
    page.locator(f"{row}month_week_3").check()
    page.locator(f"{row}month_weekday").select_option(label="Tuesday")
    page.locator(f"{row}opens_at").fill("6:30 pm")
    page.locator(f"{row}closes_at").fill("8pm")
    page.get_by_role("button", name="Save and continue editing").last.click()
    expect(page.locator("ul.messagelist")).to_contain_text("was changed successfully")

    # A combination that would be saved as another rule is refused, with the reason.
    page.locator(f"{row}freq").select_option(label="Weekly")
    page.get_by_role("button", name="Save and continue editing").last.click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert service.schedules.get().byday == "2TU,4TU"

    page.goto(service.get_absolute_url())
    expect(
        page.get_by_text("The second and fourth Tuesday of every month, 6:30 p.m. to 8 p.m.")
    ).to_be_visible()
