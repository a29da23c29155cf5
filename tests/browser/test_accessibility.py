"""Issue 12: axe finds no accessibility violation on any public page, on a phone or a laptop.

axe-core comes from the copy inside the pytest-playwright-axe package (tests/browser/conftest.py):
nothing is fetched from another host.
"""

import pytest

from tests.browser.conftest import violations, with_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, databases="__all__"),
]

SERVICE = "/services/988-suicide-and-crisis-lifeline/"
PUBLIC_PAGES = [
    "/",
    "/search/",
    "/search/?q=support",
    "/search/?q=group&near=Madison%2C+WI&support=emotional",
    "/search/?q=zzzz-nothing-matches",
    "/support/emotional/",
    "/support/emotional/?q=group",
    "/topics/anxiety/",
    "/choose/",
    "/search/?support=emotional&kind=hotline&delivery=phone&chose=listen&chose=not-safe",
    "/guides/",
    "/guides/building-your-support-network/",
    "/guides/when-it-feels-like-you-have-no-one/",
    "/guides/supporting-someone-you-care-about/",
    SERVICE,
    f"{SERVICE}report/",
    f"{SERVICE}report/thanks/",
    "/suggest/",
    "/suggest/thanks/",
    "/api/docs/",
    "/no-such-page/",
]


def described(violations):
    return "\n".join(
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in violations
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violation_on_any_public_page(browser_page, sample_directory, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    with_axe(page)
    found = {}
    # Chromium warns about any feature of the Permissions-Policy header that it does not know.
    policy_warnings = []
    page.on(
        "console",
        lambda message: (
            policy_warnings.append(message.text) if "Permissions-Policy" in message.text else None
        ),
    )
    for path in PUBLIC_PAGES:
        page.goto(path)
        if wrong := violations(page):
            found[path] = described(wrong)
    assert found == {}, "\n\n".join(f"{path}:\n{text}" for path, text in found.items())
    assert policy_warnings == []
