"""Someone in distress on a phone: the crisis line's buttons are big and on the first screen."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, databases="__all__"),
]

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 640}
# WCAG 2.5.5: a target at least 44 by 44 CSS pixels.
TARGET = 44


def assert_big_enough_and_on_first_screen(button, screen_height):
    box = button.bounding_box()
    assert box["width"] >= TARGET and box["height"] >= TARGET, box
    assert box["y"] >= 0 and box["y"] + box["height"] <= screen_height, box


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=["390px", "320px"])
def test_the_crisis_bar_calls_and_texts_with_real_buttons(browser_page, sample_directory, viewport):
    browser_page.set_viewport_size(viewport)
    browser_page.goto("/")
    crisis_bar = browser_page.get_by_role("complementary", name="Crisis support")

    for name in ["Call 988", "Text 988"]:
        assert_big_enough_and_on_first_screen(
            crisis_bar.get_by_role("link", name=name), viewport["height"]
        )
    assert browser_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("query", ["I want to die", "quiero morir", "sucidal"])
def test_a_crisis_search_shows_call_and_text_first(browser_page, sample_directory, query):
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(f"/search/?q={query}")
    panel = browser_page.get_by_role("region", name="You do not have to face this alone")

    assert panel.is_visible()
    for name in ["Call 988", "Text 988"]:
        assert_big_enough_and_on_first_screen(panel.get_by_role("link", name=name), PHONE["height"])
    first_result = browser_page.locator(".service-card__name").first.inner_text()
    assert first_result in {
        "988 Suicide & Crisis Lifeline",
        "Crisis Text Line",
        "Yahara crisis line",
        "Walk-in crisis center",
        "Mobile crisis team",
        "Veterans Crisis Line",
        "The Trevor Project",
        "Trans Lifeline",
        "SAMHSA National Helpline",
    }
    assert browser_page.console_errors == []


def test_the_crisis_lines_page_opens_with_its_call_and_text_buttons(browser_page, sample_directory):
    browser_page.set_viewport_size(PHONE)
    browser_page.goto("/services/988-suicide-and-crisis-lifeline/")
    buttons = browser_page.get_by_role("list", name="Call or text")

    for name in ["Call 988", "Text 988"]:
        assert_big_enough_and_on_first_screen(
            buttons.get_by_role("link", name=name), PHONE["height"]
        )
    footer = browser_page.locator(".service__footer").inner_text()
    assert "Last verified by our curators" in footer
    assert "Not yet verified" not in footer
