"""The quick exit in a real browser: the button, or Escape twice, leaves for an ordinary site and
takes the page left out of the tab's history, so Back does not show it again."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, databases="__all__"),
]

SERVICE = "/services/988-suicide-and-crisis-lifeline/"


@pytest.fixture
def exit_url(settings, live_server):
    """A page of the test server stands in for the neutral site: no test reaches another host."""
    settings.QUICK_EXIT_URL = f"{live_server.url}/healthz"
    return settings.QUICK_EXIT_URL


def test_the_button_leaves_and_back_does_not_return(
    browser_page, live_server, sample_directory, exit_url
):
    page = browser_page
    page.goto("/")
    page.goto(SERVICE)
    page.get_by_role("navigation", name="Quick exit").get_by_role("link").click()
    page.wait_for_url(exit_url)

    page.go_back()
    assert page.url == f"{live_server.url}/"
    assert page.console_errors == []


def test_escape_twice_leaves_from_anywhere_on_the_page(
    browser_page, live_server, sample_directory, exit_url
):
    page = browser_page
    page.goto("/")
    page.goto("/search/?q=support")
    page.get_by_label("What are you looking for?").focus()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(exit_url)

    page.go_back()
    assert page.url == f"{live_server.url}/"


def test_the_button_is_the_second_tab_stop_with_a_visible_focus(
    browser_page, sample_directory, exit_url
):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(SERVICE)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    box = page.locator("#quick-exit").bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 320
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.keyboard.press("Enter")
    page.wait_for_url(exit_url)


def test_the_button_stays_in_view_when_the_page_is_scrolled(
    browser_page, sample_directory, exit_url
):
    page = browser_page
    page.goto("/search/?q=support")
    page.mouse.wheel(0, 2000)
    # Polled from here: wait_for_function's string predicate is eval'ed in the page, which the
    # site's Content Security Policy refuses (no 'unsafe-eval') whenever it has to poll twice.
    for _ in range(100):
        if page.evaluate("window.scrollY") > 1000:
            break
        page.wait_for_timeout(50)
    assert page.evaluate("window.scrollY") > 1000
    box = page.locator("#quick-exit").bounding_box()
    assert 0 <= box["y"] <= 50


def test_without_javascript_it_is_a_link_that_sends_no_referrer(
    chromium, live_server, sample_directory, exit_url
):
    context = chromium.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/search/?q=support")
    with page.expect_request(exit_url) as request:
        page.get_by_role("link", name="Quick exit").click()
    assert "referer" not in request.value.headers
    page.wait_for_url(exit_url)
    context.close()
