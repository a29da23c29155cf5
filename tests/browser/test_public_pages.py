"""The public pages as a visitor on a small phone sees and uses them, in a real Chromium."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, databases="__all__"),
]


def page_has_no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize(
    "path", ["/", "/support/emotional/", "/services/988-suicide-and-crisis-lifeline/"]
)
def test_pages_fit_a_320px_phone_with_the_crisis_line_in_view(browser_page, sample_directory, path):
    browser_page.set_viewport_size({"width": 320, "height": 640})
    browser_page.goto(path)
    assert page_has_no_horizontal_scroll(browser_page)
    crisis_line = browser_page.get_by_role("complementary", name="Crisis support")
    assert crisis_line.is_visible()
    box = crisis_line.bounding_box()
    assert box["y"] + box["height"] <= 640
    assert browser_page.console_errors == []


def test_the_content_security_policy_blocks_nothing_the_pages_need(browser_page, sample_directory):
    for path in [
        "/",
        "/support/coping/",
        "/services/988-suicide-and-crisis-lifeline/",
        "/admin/login/",
    ]:
        browser_page.goto(path)
        assert browser_page.evaluate("getComputedStyle(document.body).fontFamily"), (
            "the stylesheet loaded"
        )
    assert browser_page.console_errors == []


def test_the_skip_link_is_the_first_tab_stop_and_focus_is_visible(browser_page, sample_directory):
    browser_page.goto("/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    outline = browser_page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main"


def test_a_visitor_goes_from_a_kind_of_support_to_a_service_and_its_phone(
    browser_page, sample_directory
):
    browser_page.goto("/")
    browser_page.get_by_role("link", name="Emotional support").first.click()
    assert browser_page.get_by_role("heading", level=1).inner_text() == "Emotional support"
    browser_page.get_by_role("article").first.get_by_role("link").first.click()
    assert browser_page.url.split("/")[-3] == "services"
    assert browser_page.locator("a[href^='tel:'], a[href^='sms:']").count() >= 1
