import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from pytest_playwright_axe.axe import MIN_AXE_PATH

PASSWORD = "a-long-test-password"

# axe-core from the copy inside the pytest-playwright-axe package (pinned in the test extras,
# its version is axe-core's): nothing is fetched from another host. Only its file is used; its
# pytest plugins are off (pyproject.toml's addopts).
AXE_SCRIPT = MIN_AXE_PATH


def with_axe(page_or_context):
    """Every document the page (or the context's pages) loads from now on has axe-core, put
    there by the browser as the document starts (the site's Content Security Policy does not
    apply to it), instead of its 650 KB going through Playwright's driver to each page audited.
    A page of browser_page gets it alone: their context serves the next tests too."""
    page_or_context.add_init_script(path=AXE_SCRIPT)
    return page_or_context


def violations(page, context=None):
    """What axe-core finds wrong on the page (or within `context`, a selector), as axe reports
    it; the page (or its context) was given axe by `with_axe`."""
    return page.evaluate(
        """([context, options]) =>
            axe.run(context ?? document, options).then((results) => results.violations)""",
        [context, {"resultTypes": ["violations"]}],
    )


def sign_in_by_cookie(page, user, server_url):
    """The page's browser signed in as `user`, with the session cookie the sign-in form would
    have left, for tests about what comes after. The form itself is walked in test_sign_in.py,
    test_review.py and test_curator_working_day.py; going through it here cost two pages (the
    form, then the admin's dashboard), about a second of Chromium's CPU for each test."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": server_url}]
    )


@pytest.fixture
def signed_in_page(browser_page, live_server, sample_directory):
    """The sample directory's admin, signed in as a curator, at desktop width."""
    curator = get_user_model().objects.create_superuser("curator", "curator@example.org", PASSWORD)
    browser_page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_by_cookie(browser_page, curator, live_server.url)
    return browser_page
