"""Screenshots of a running supportdir for the README, at phone and desktop widths.

    make run            # in one terminal
    .venv/bin/python docs/screenshots/take.py [http://127.0.0.1:8000] [--login curator:PASSWORD]

Drives Debian's `chromium` (on the PATH) through Playwright and writes PNGs beside this file.
"""

import argparse
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# (file name, path, whole page or just the first screen)
PAGES = [
    ("home", "/", True),
    ("search-filtered", "/search/?q=group&support=emotional&delivery=in-person", False),
    ("search-empty", "/search/?q=grief&cost=insurance&topic=eating-disorders", True),
    ("search-crisis", "/search/?q=i+want+to+die", False),
    ("search-near", "/search/?q=group&near=53703", False),
    ("kind-of-support", "/support/emotional/", False),
    ("choose", "/choose/", True),
    ("choose-results", "/choose/results/?need=listen&need=company&how=in-person", False),
    ("guide", "/guides/when-it-feels-like-you-have-no-one/", False),
    ("service-detail", "/services/988-suicide-and-crisis-lifeline/", True),
    ("sample-service-detail", "/services/willow-grief-support-group/", True),
    ("es-home", "/es/", True),
    ("es-search", "/es/search/?q=ansiedad&delivery=online", False),
    ("es-service-detail", "/es/services/nuestra-voz-mujeres-fuertes/", True),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base_url", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--login", help="curator:password, to capture the admin too")
    args = parser.parse_args()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        for size_name, viewport in [("phone", PHONE), ("desktop", DESKTOP)]:
            page = browser.new_page(viewport=viewport, base_url=args.base_url)
            for name, path, full_page in PAGES:
                page.goto(path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=HERE / f"{name}-{size_name}.png", full_page=full_page)
            page.close()
        if args.login:
            username, password = args.login.split(":", 1)
            page = browser.new_page(viewport=DESKTOP, base_url=args.base_url)
            page.goto("/admin/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", password)
            page.click("input[type=submit]")
            page.goto("/admin/resources/service/")
            page.screenshot(path=HERE / "admin-services.png")
            page.get_by_role("link", name="Capitol Clubhouse").first.click()
            page.screenshot(path=HERE / "admin-service-edit.png", full_page=True)
            for size_name, viewport in [("phone", PHONE), ("desktop", DESKTOP)]:
                page.set_viewport_size(viewport)
                page.goto("/admin/")
                page.screenshot(path=HERE / f"admin-home-{size_name}.png", full_page=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
