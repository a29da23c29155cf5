from pathlib import Path

import axe_playwright_python
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

PASSWORD = "a-long-test-password"

# axe-core from the copy inside the axe-playwright-python package (pinned in the test extras):
# nothing is fetched from another host.
AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")


def with_axe(context):
    """Every page the context opens from now on has axe-core, put there by the browser as the
    page starts (the site's Content Security Policy does not apply to it), instead of its 572 KB
    going through Playwright's driver to each page audited."""
    context.add_init_script(path=AXE_SCRIPT)
    return context


def violations(page, context=None):
    """What axe-core finds wrong on the page (or within `context`, a selector), as axe reports
    it; the page's context was given axe by `with_axe`."""
    return page.evaluate(
        """([context, options]) =>
            axe.run(context ?? document, options).then((results) => results.violations)""",
        [context, {"resultTypes": ["violations"]}],
    )


@pytest.fixture
def signed_in_page(browser_page, sample_directory):
    """The sample directory's admin, signed in as a curator, at desktop width."""
    get_user_model().objects.create_superuser("curator", "curator@example.org", PASSWORD)
    browser_page.set_viewport_size({"width": 1280, "height": 900})
    browser_page.goto(reverse("admin:index"))
    browser_page.get_by_label("Username").fill("curator")
    browser_page.get_by_label("Password").fill(PASSWORD)
    browser_page.get_by_role("button", name="Log in").click()
    return browser_page
