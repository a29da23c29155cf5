"""The curators' pages at 1280 px, the navigation sidebar open: nothing hides off to the side and
no column heading is cut inside a word."""

import pytest

from resources.models import Service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


WORDS_BROKEN_IN_HEADINGS = """() => {
  const broken = [];
  for (const heading of document.querySelectorAll("thead th")) {
    if (!heading.offsetParent) continue;
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (lines.size > 1) broken.push(word[0]);
      }
    }
  }
  return broken;
}"""


def fits(page, selector):
    return page.locator(selector).evaluate("box => box.scrollWidth <= box.clientWidth")


def test_the_dashboard_list_and_change_form_fit_at_1280px(signed_in_page):
    page = signed_in_page
    page.goto("/admin/")
    assert page.evaluate(WORDS_BROKEN_IN_HEADINGS) == []

    page.goto("/admin/resources/service/")
    assert page.evaluate(WORDS_BROKEN_IN_HEADINGS) == []
    assert fits(page, "#changelist .results")
    last_verified = page.get_by_role("columnheader", name="Last verified")
    assert last_verified.is_visible()
    assert last_verified.bounding_box()["x"] + last_verified.bounding_box()["width"] <= 1280

    service = Service.objects.filter(phones__isnull=False, service_at_locations__isnull=False)[0]
    page.goto(f"/admin/resources/service/{service.pk}/change/")
    assert page.evaluate(WORDS_BROKEN_IN_HEADINGS) == []
    for group in ("#service_at_locations-group", "#phones-group"):
        assert fits(page, f"{group} .tabular"), group
        delete_heading = page.locator(f"{group} thead th").last
        assert delete_heading.bounding_box()["x"] + delete_heading.bounding_box()["width"] <= 1280
    assert page.console_errors == []


@pytest.mark.parametrize("width", [390, 1280])
def test_the_directory_in_numbers_fits_and_its_bars_lead_to_their_services(signed_in_page, width):
    page = signed_in_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/admin/")

    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    charts = page.get_by_role("img", name="Published services by kind of support")
    assert charts.is_visible()
    box = charts.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    page.get_by_role("img", name="Published services by when they were last verified").locator(
        "a"
    ).last.click()
    assert "verified=never" in page.url and "status__exact=published" in page.url
    assert page.console_errors == []
