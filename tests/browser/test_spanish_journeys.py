"""Issue 17: a visitor who reads Spanish walks the main journeys in Spanish, in a real Chromium,
and axe finds no accessibility violation on the Spanish pages.

The words looked for are the catalogue's own (`in_spanish`), so a better translation does not
break these tests; tests/test_spanish_pages.py checks that nothing is left in English.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from resources.models import Suggestion
from tests.browser.conftest import violations, with_axe
from tests.browser.test_accessibility import PUBLIC_PAGES, described

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, databases="__all__"),
]


def in_spanish(text):
    with translation.override("es"):
        return translation.gettext(text)


@pytest.fixture(autouse=True)
def _spanish_is_offered():
    if "es" not in dict(settings.LANGUAGES):
        pytest.fail(
            "Spanish is not offered: its compiled catalogue, locale/es/LC_MESSAGES/django.mo, "
            "is missing (tests/test_interface_language.py tests the site without it)."
        )


@pytest.fixture(autouse=True)
def _no_waiting_and_no_counts(settings):
    # A test types faster than a person; the minimum fill time has tests of its own.
    settings.SUBMISSION_MIN_SECONDS = 0
    cache.clear()


def language_of(page):
    return page.evaluate("document.documentElement.lang")


def test_a_visitor_walks_from_the_home_page_to_suggesting_a_service_in_spanish(
    browser_page, sample_directory
):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/")
    switch = page.locator("header a[hreflang='es']")
    assert switch.is_visible(), "the link to Spanish shows on a 320 px phone"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # On a laptop from here: its filters are open.
    page.set_viewport_size({"width": 1280, "height": 900})
    switch.click()
    page.wait_for_url("**/es/")
    assert language_of(page) == "es"

    emotional = in_spanish("Emotional support")
    page.get_by_role("link", name=emotional).first.click()
    page.wait_for_url("**/es/support/emotional/")
    assert page.get_by_role("heading", level=1).inner_text() == emotional

    page.get_by_role("checkbox", name=in_spanish("Support group")).check()
    # The kind's page hands over to the search page, in Spanish still.
    page.wait_for_url("**/es/search/?support=emotional&kind=support-group")
    # The search changed in place: the link to English follows it.
    english = page.locator("header a[hreflang='en']")
    assert english.get_attribute("href") == "/search/?support=emotional&kind=support-group"
    alternate = page.locator("link[rel='alternate'][hreflang='en']")
    assert alternate.get_attribute("href").endswith("/search/?support=emotional&kind=support-group")

    page.locator("#search-results article").first.get_by_role("link").first.click()
    page.wait_for_url("**/es/services/*/")
    assert language_of(page) == "es"
    assert page.get_by_role("complementary", name=in_spanish("Crisis support")).is_visible()
    service_path = page.evaluate("location.pathname")

    # Over to English and back, on the same service.
    page.locator("header a[hreflang='en']").click()
    page.wait_for_url(f"**{service_path.removeprefix('/es')}")
    assert language_of(page) == "en"
    page.locator("header a[hreflang='es']").click()
    page.wait_for_url(f"**{service_path}")

    page.get_by_role("link", name=in_spanish("Suggest a service for the directory")).click()
    page.wait_for_url("**/es/suggest/")
    page.get_by_label(in_spanish("Name of the service or group")).fill("Grupo de duelo del martes")
    page.get_by_label(in_spanish("What it offers")).fill(
        "Un grupo de apoyo para personas que perdieron a alguien. Sin cita."
    )
    page.get_by_label(emotional).check()
    page.get_by_label(in_spanish("City or town")).fill("Madison")
    page.get_by_role("button", name=in_spanish("Send the suggestion")).click()

    page.wait_for_url("**/es/suggest/thanks/")
    assert language_of(page) == "es"
    assert Suggestion.objects.get().name == "Grupo de duelo del martes"
    assert page.console_errors == []


@pytest.mark.parametrize(
    "path", ["/es/", "/es/support/emotional/", "/es/services/988-suicide-and-crisis-lifeline/"]
)
def test_spanish_pages_fit_a_320px_phone_with_the_crisis_line_and_english_in_view(
    browser_page, sample_directory, path
):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    crisis_line = page.get_by_role("complementary", name=in_spanish("Crisis support"))
    box = crisis_line.bounding_box()
    assert box["y"] + box["height"] <= 640
    english = page.locator("header a[hreflang='en']")
    assert english.is_visible()
    assert english.get_attribute("href") == path.removeprefix("/es")
    assert page.console_errors == []


def test_a_suggestion_with_a_mistake_is_explained_in_spanish(browser_page, sample_directory):
    page = browser_page
    page.goto("/es/suggest/")
    page.get_by_role("button", name=in_spanish("Send the suggestion")).click()
    alert = page.get_by_role("alert")
    assert in_spanish("This field is required.") in alert.inner_text()
    assert page.evaluate("location.pathname") == "/es/suggest/"
    assert not Suggestion.objects.exists()


def test_the_quick_exit_leaves_a_spanish_page(browser_page, sample_directory):
    page = browser_page
    page.route("https://weather.com/**", lambda route: route.fulfill(body="weather"))
    page.goto("/es/")
    page.get_by_role("link", name=in_spanish("Quick exit")).click()
    page.wait_for_url("https://weather.com/**")


SPANISH_PAGES = [f"/es{path}" for path in PUBLIC_PAGES if not path.startswith("/api/")]


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violation_on_any_spanish_page(browser_page, sample_directory, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    with_axe(page)
    found = {}
    for path in SPANISH_PAGES:
        page.goto(path)
        assert language_of(page) == "es", path
        if wrong := violations(page):
            found[path] = described(wrong)
    assert found == {}, "\n\n".join(f"{path}:\n{text}" for path, text in found.items())


def test_axe_finds_no_violation_on_an_english_page_suggesting_spanish(
    chromium, live_server, sample_directory
):
    context = with_axe(chromium.new_context(base_url=live_server.url, locale="es-MX"))
    page = context.new_page()
    page.goto("/")
    assert language_of(page) == "en"
    suggestion = page.locator(".language-suggestion")
    assert suggestion.get_attribute("lang") == "es"
    assert suggestion.get_by_role("link").get_attribute("href") == "/es/"
    assert violations(page) == []
    context.close()
