"""Search in a real browser: filters update the results in place, and all works without JS."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def result_count_heading(page):
    return page.locator("#results-heading").inner_text()


def test_changing_a_filter_updates_the_results_without_reloading(browser_page, sample_directory):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/search/?q=group")
    page.evaluate("window.notReloaded = true")
    before = result_count_heading(page)

    page.get_by_role("checkbox", name="Grief and loss").check()
    page.wait_for_url("**/search/?q=group&topic=grief")
    expect(page.locator("#results-heading")).not_to_have_text(before)
    assert page.evaluate("window.notReloaded") is True
    expect(page.locator(".chip", has_text="Grief and loss")).to_have_count(1)

    page.go_back()
    page.wait_for_url("**/search/?q=group")
    expect(page.locator("#results-heading")).to_have_text(before)
    assert page.console_errors == []


def test_search_and_filters_work_with_javascript_off(chromium, live_server, sample_directory):
    context = chromium.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/")
    page.get_by_label("What are you looking for?").fill("grief")
    page.get_by_role("button", name="Search").click()
    assert "for “grief”" in result_count_heading(page)

    page.locator("summary", has_text="Filters").click()
    page.get_by_role("checkbox", name="Support group").check()
    page.get_by_role("button", name="Apply filters").click()
    assert "kind=support-group" in page.url
    expect(page.locator(".chip", has_text="Support group")).to_have_count(1)
    page.locator(".chip", has_text="Support group").click()
    assert "kind=" not in page.url
    context.close()


def test_a_phone_sized_search_page_fits_and_keeps_the_crisis_line(browser_page, sample_directory):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/search/?q=zzzz-nothing")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.get_by_role("complementary", name="Crisis support").is_visible()
    assert "Available to you by phone or online" in page.inner_text("main")


def test_use_my_location_asks_only_on_click_and_searches_near_there(
    chromium, live_server, sample_directory
):
    context = chromium.new_context(
        base_url=live_server.url,
        geolocation={"latitude": 43.07467, "longitude": -89.38412},
        permissions=["geolocation"],
    )
    context.add_init_script(
        """
        window.positionRequests = 0;
        const ask = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
        navigator.geolocation.getCurrentPosition = (...args) => {
          window.positionRequests += 1;
          return ask(...args);
        };
        """
    )
    page = context.new_page()
    page.goto("/")
    assert page.evaluate("window.positionRequests") == 0, "nothing asked before the click"
    page.get_by_role("button", name="Use my location").click()
    page.wait_for_url("**/search/?*near=43.075%2C-89.384*")
    assert "to visit within 10 mi of your location" in result_count_heading(page)
    context.close()


def test_use_my_location_is_not_offered_without_javascript(chromium, live_server, sample_directory):
    context = chromium.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/")
    assert not page.get_by_role("button", name="Use my location").is_visible()
    context.close()
