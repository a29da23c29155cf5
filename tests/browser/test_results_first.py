"""The results come first: on a phone within the first screen, from the keyboard within ten
Tabs, with focus kept where it was after an in-place update; and pages print as a plain list."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

RESULT_PAGES = [
    # The kind of support with the longest name and description, the tightest first screen.
    "/support/advocacy/",
    "/support/emotional/",
    "/topics/anxiety/",
    "/search/?q=group&topic=grief",
]


def first_result(page):
    return page.locator("#search-results .service-card").first


@pytest.mark.parametrize("path", RESULT_PAGES)
def test_on_a_phone_the_first_result_starts_within_the_first_screen(
    browser_page, sample_directory, path
):
    page = browser_page  # 390 x 844
    page.goto(path)
    filters = page.locator("#search-filters")
    expect(filters.locator("summary")).to_have_text("Filters (1 in use)")
    assert filters.evaluate("details => details.open") is False
    assert first_result(page).bounding_box()["y"] < 844
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.console_errors == []


def test_on_a_desktop_the_filters_are_an_open_sidebar_beside_the_results(
    browser_page, sample_directory
):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/support/emotional/")
    filters = page.locator("#search-filters")
    assert filters.evaluate("details => details.open") is True
    results, sidebar = page.locator("#search-results").bounding_box(), filters.bounding_box()
    assert sidebar["x"] >= results["x"] + results["width"]
    assert sidebar["y"] < results["y"] + results["height"]


def focus_is_in_a_result(page):
    return page.evaluate("Boolean(document.activeElement.closest('.service-card'))")


def tabs_to_the_first_result(page):
    """Tabs pressed from the top of the page to a result, taking the Skip to results link."""
    tabs = 0
    while tabs < 60:
        page.keyboard.press("Tab")
        tabs += 1
        if page.evaluate("document.activeElement.textContent.trim()") == "Skip to results":
            page.keyboard.press("Enter")
            # The next Tab starts from the results once the browser has followed the link.
            expect(page.locator("#search-results")).to_be_focused()
            break
    while tabs < 60 and not focus_is_in_a_result(page):
        page.keyboard.press("Tab")
        tabs += 1
    return tabs


@pytest.mark.parametrize("path", RESULT_PAGES)
def test_on_a_desktop_the_first_result_is_ten_tabs_away_at_most(
    browser_page, sample_directory, path
):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(path)
    assert tabs_to_the_first_result(page) <= 10
    assert page.evaluate("document.activeElement.closest('.service-card h3')") is not None


def test_ticking_a_filter_keeps_focus_on_it_and_announces_the_new_count(
    browser_page, sample_directory
):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/search/?q=group")
    status = page.locator("#search-status")
    before = page.locator("#results-heading").inner_text()

    page.get_by_role("checkbox", name="Grief and loss").focus()
    page.keyboard.press("Space")
    page.wait_for_url("**/search/?q=group&topic=grief")
    expect(page.locator("#results-heading")).not_to_have_text(before)

    assert page.evaluate("document.activeElement.id") == "f-topic-grief"
    assert page.get_by_role("checkbox", name="Grief and loss").is_checked()
    expect(status).to_have_text(page.locator("#results-heading").inner_text().strip())
    assert status.get_attribute("aria-live") == "polite"
    page.keyboard.press("Tab")
    assert page.evaluate("Boolean(document.activeElement.closest('#search-filters'))")
    assert page.console_errors == []


def test_removing_a_filter_chip_moves_focus_to_the_results(browser_page, sample_directory):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/search/?q=group&topic=grief")
    page.locator(".chip", has_text="Grief and loss").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=group")
    assert page.evaluate("document.activeElement.id") == "search-results"


def visible(page, selector):
    return page.locator(selector).first.is_visible()


def test_a_service_page_prints_its_phones_address_and_hours_without_navigation(
    browser_page, sample_directory
):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.emulate_media(media="print")
    page.goto("/services/988-suicide-and-crisis-lifeline/")
    assert visible(page, ".phone-link")
    assert not visible(page, ".site-header nav")
    assert not visible(page, ".similar")
    assert not visible(page, ".skip-link")

    page.goto("/services/yahara-walk-in-crisis-center/")
    for selector in (".phone-list", "address", "#hours-heading"):
        assert visible(page, selector), selector


def test_a_results_list_prints_on_one_column_with_hours_and_no_filters(
    browser_page, sample_directory
):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.emulate_media(media="print")
    page.goto("/support/social-connection/")
    for selector in ("#search-filters", ".search-box", ".site-header nav", ".breadcrumbs"):
        assert not visible(page, selector), selector
    cards = page.locator("#search-results .service-card")
    lefts = {round(cards.nth(index).bounding_box()["x"]) for index in range(cards.count())}
    assert len(lefts) == 1, "one column"
    main = page.locator("main").bounding_box()
    assert cards.first.bounding_box()["width"] > main["width"] * 0.9
    assert visible(page, "#search-results .service-card .schedule-list")
    assert visible(page, "#search-results .service-card__phone")


@pytest.mark.parametrize("width", [700, 1280])
def test_the_home_pages_kinds_of_support_leave_no_card_alone_on_the_last_row(
    browser_page, sample_directory, width
):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/")
    boxes = [item.bounding_box() for item in page.locator(".kind-grid > li").all()]
    last_row = [box for box in boxes if abs(box["y"] - boxes[-1]["y"]) < 1]
    grid = page.locator(".kind-grid").bounding_box()
    assert len(last_row) > 1 or last_row[0]["width"] > grid["width"] * 0.9
