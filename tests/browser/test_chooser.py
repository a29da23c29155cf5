"""Issue 16 in a real browser, on a phone: from the home page through the chooser to the search
that fits, with JavaScript and without; and the way there on the first screen."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from playwright.sync_api import expect

from resources import vocabulary
from resources.models import Service

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, databases="__all__"),
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def phone(request, chromium, live_server):
    """A phone-sized page, with JavaScript on or off."""
    context = chromium.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=request.param
    )
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.javascript = request.param
    yield page
    context.close()


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def published_with(*filters):
    """Published services with any of the codes of each (taxonomy name, codes) given."""
    services = Service.objects.published()
    for taxonomy_name, codes in filters:
        services = services.with_terms_of(taxonomy_name, codes)
    return services


def within_first_screen(locator):
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_the_chooser_leads_to_the_search_that_fits_and_each_answer_comes_off(
    phone, sample_directory
):
    before = row_counts()
    phone.goto("/")
    phone.get_by_role("link", name="Not sure what you need? Answer a few questions").click()
    assert phone.get_by_role("heading", level=1).inner_text() == "What would help right now?"

    needs = phone.get_by_role("group", name="What would help most right now?")
    needs.get_by_label("Someone to listen").check()
    phone.get_by_role("group", name="How would you like to get it?").get_by_label(
        "By phone or text"
    ).check()
    # The other questions are skipped.
    phone.get_by_role("button", name="Show me support that fits").click()

    url = urlsplit(phone.url)
    assert url.path == "/search/"
    assert parse_qs(url.query) == {
        "support": ["emotional"],
        "delivery": ["phone", "text-chat"],
        "chose": ["listen", "phone-text"],
    }
    expected = published_with(
        (vocabulary.SUPPORT, ["emotional"]), (vocabulary.DELIVERY, ["phone", "text-chat"])
    )
    total = expected.count()
    assert total > 0
    assert phone.locator("#results-heading").inner_text() == f"{total} services"
    reasons = phone.locator(".reasons__list")
    assert "You said you would like someone to listen: Emotional support." in reasons.inner_text()
    assert "You said by phone or text: Phone, Text or chat." in reasons.inner_text()
    first = phone.locator(".service-card__name").first.inner_text()
    assert expected.filter(name=first).exists()

    if phone.javascript:
        # A filter changed in place keeps the answers: the line says what is left of them.
        phone.locator("#search-filters > summary").click()
        phone.locator("#f-delivery-phone").uncheck()
        expect(reasons).to_contain_text("You said by phone or text: Text or chat.")
        assert parse_qs(urlsplit(phone.url).query)["chose"] == ["listen", "phone-text"]

    # Removing an answer removes its filters, like any chip.
    reasons.get_by_role("link", name="Remove this answer").first.click()
    phone.wait_for_url(lambda url: "support=emotional" not in url)
    assert "someone to listen" not in phone.locator("#search-results").inner_text()
    assert "support=emotional" not in phone.url

    assert phone.context.cookies() == []
    assert row_counts() == before
    assert phone.console_errors == []


def test_not_safe_opens_the_results_with_the_crisis_panel(phone, sample_directory):
    phone.goto("/choose/")
    phone.get_by_label("I am not safe right now").check()
    phone.get_by_label("Someone to listen").check()
    phone.get_by_role("button", name="Show me support that fits").click()

    panel = phone.get_by_role("region", name="You do not have to face this alone")
    assert within_first_screen(panel.get_by_role("link", name="Call 988"))
    assert within_first_screen(panel.get_by_role("link", name="Text 988"))
    first_result = phone.locator(".service-card__name").first.inner_text()
    crisis_support = published_with((vocabulary.RESOURCE, vocabulary.CRISIS_RESOURCES))
    assert crisis_support.filter(name=first_result).exists()
    assert phone.context.cookies() == []


def test_the_home_page_shows_the_chooser_and_the_guides_on_a_phones_first_screen(
    browser_page, sample_directory
):
    browser_page.set_viewport_size(PHONE)
    browser_page.goto("/")
    assert browser_page.evaluate("window.scrollY") == 0
    chooser = browser_page.get_by_role(
        "link", name="Not sure what you need? Answer a few questions"
    )
    guides = browser_page.get_by_role("link", name="Read our short guides")
    assert within_first_screen(chooser)
    assert within_first_screen(guides)
    guides.click()
    browser_page.get_by_role("link", name="When it feels like you have no one").click()
    link = browser_page.get_by_role("link", name="Warm lines")
    count = published_with((vocabulary.RESOURCE, ["warmline"])).count()
    assert f"{count} services in this directory" in link.inner_text()
    link.click()
    assert browser_page.locator("#results-heading").inner_text() == f"{count} services"
    assert browser_page.console_errors == []
