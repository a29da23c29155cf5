"""Issue 12, "Leave no trace": what a visitor's browser, or the next person at it, can learn.

A quick exit on every page, page titles that keep no search in the history, no cookie while
browsing and searching, a Permissions-Policy, and search results that are never stored.
"""

import re

import pytest
from django.urls import reverse

from tests.factories import get_support, make_service
from tests.test_settings import run_with_settings

pytestmark = pytest.mark.django_db

SEARCH = "suicidal thoughts"
PLACE = "53703"


@pytest.fixture
def service():
    return make_service(name="Night Listening Line", terms=[get_support("emotional")])


@pytest.fixture
def anonymous_get_pages(service):
    """Every kind of page a visitor reads, those with search forms (GET) included."""
    return [
        reverse("resources:home"),
        reverse("resources:search"),
        f"{reverse('resources:search')}?q=listening&near={PLACE}",
        reverse("resources:kind_of_support", args=["emotional"]),
        f"{reverse('resources:kind_of_support', args=['emotional'])}?q=night",
        reverse("resources:choose"),
        f"{reverse('resources:search')}?support=emotional&chose=listen&chose=not-safe",
        reverse("resources:guides"),
        reverse("resources:guide", args=["supporting-someone-you-care-about"]),
        service.get_absolute_url(),
        reverse("resources:suggestion_thanks"),
        reverse("resources:report_thanks", args=[service.slug]),
        reverse("api:docs"),
        "/services/missing/",
    ]


def title_of(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


# The quick exit


def test_every_page_has_a_quick_exit_link_to_the_configured_site(client, settings, service):
    settings.QUICK_EXIT_URL = "https://weather.example/"
    for url in [reverse("resources:home"), service.get_absolute_url(), "/services/missing/"]:
        page = client.get(url).content.decode()
        link = re.search(r'<a class="quick-exit__link"[^>]*>', page).group(0)
        assert 'href="https://weather.example/"' in link, url
        # Without JavaScript it is a plain link, which tells the next site nothing.
        assert 'rel="noreferrer"' in link, url
        assert "js/quick-exit.js" in page, url


def test_the_quick_exit_comes_right_after_the_skip_link(client):
    page = client.get(reverse("resources:home")).content.decode()
    assert page.index('class="skip-link"') < page.index('class="quick-exit"')
    assert page.index('class="quick-exit"') < page.index('class="crisis-line"')


def test_the_error_page_has_the_quick_exit_too(client, settings):
    from resources.public.views import server_error

    settings.QUICK_EXIT_URL = "https://weather.example/"
    request = client.get("/").wsgi_request
    page = server_error(request).content.decode()
    assert 'href="https://weather.example/" rel="noreferrer"' in page


def test_quick_exit_url_comes_from_the_environment_and_must_be_a_web_address():
    configured = run_with_settings(
        "from django.conf import settings; print(settings.QUICK_EXIT_URL)",
        SECRET_KEY="x" * 50,
        QUICK_EXIT_URL="https://news.example/",
    )
    assert configured.stdout.strip() == "https://news.example/"
    refused = run_with_settings(
        "from django.conf import settings; settings.QUICK_EXIT_URL",
        SECRET_KEY="x" * 50,
        QUICK_EXIT_URL="javascript:alert(1)",
    )
    assert refused.returncode != 0
    assert "QUICK_EXIT_URL" in refused.stderr


# Page titles, which browsers keep in their history


def test_a_search_page_title_holds_neither_the_words_nor_the_place(client, service):
    response = client.get(reverse("resources:search"), {"q": SEARCH, "near": PLACE})
    title = title_of(response)
    assert title == "Search results — supportdir"
    assert "suicidal" not in title
    assert PLACE not in title


def test_a_place_alone_or_a_filter_is_not_in_the_title_either(client, service):
    for params in ({"near": "Madison, WI"}, {"support": "emotional"}):
        title = title_of(client.get(reverse("resources:search"), params))
        assert title == "Search results — supportdir", params


def test_the_empty_search_page_is_titled_find_support(client):
    assert title_of(client.get(reverse("resources:search"))) == "Find support — supportdir"


def test_a_browse_page_title_does_not_echo_its_search(client, service):
    url = reverse("resources:kind_of_support", args=["emotional"])
    title = title_of(client.get(url, {"q": SEARCH, "near": PLACE}))
    assert "suicidal" not in title
    assert PLACE not in title


# Cookies


def test_no_anonymous_get_page_sets_a_cookie(client, anonymous_get_pages):
    for url in anonymous_get_pages:
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        assert response.cookies == {}, url


def test_the_footer_promises_no_cookies_while_browsing_and_searching(client):
    page = client.get(reverse("resources:home")).content.decode()
    assert "no cookies while you browse and search" in page


def test_a_form_that_posts_sets_only_a_csrf_cookie_that_ends_with_the_browser(client, service):
    for url in [
        reverse("resources:suggest"),
        reverse("resources:report_problem", args=[service.slug]),
    ]:
        response = client.get(url)
        assert set(response.cookies) == {"csrftoken"}, url
        cookie = response.cookies["csrftoken"]
        assert cookie["max-age"] == "", url
        assert cookie["expires"] == "", url


# Headers


def test_every_response_limits_the_browsers_powerful_features(client, service):
    for url in [
        reverse("resources:home"),
        service.get_absolute_url(),
        reverse("api:services"),
        "/services/missing/",
        reverse("admin:login"),
    ]:
        policy = client.get(url)["Permissions-Policy"]
        features = dict(item.split("=") for item in policy.split(", "))
        assert features["geolocation"] == "(self)", url
        assert features["browsing-topics"] == "()", url
        for feature in ("camera", "microphone", "payment", "usb", "interest-cohort"):
            assert features[feature] == "()", (url, feature)


def test_search_results_are_never_stored(client, service):
    search_url = reverse("resources:search")
    browse_url = reverse("resources:kind_of_support", args=["emotional"])
    for url, params in [
        (search_url, {}),
        (search_url, {"q": SEARCH}),
        (search_url, {"near": PLACE, "support": "emotional"}),
        (browse_url, {"q": "night"}),
        (browse_url, {"near": PLACE}),
        (reverse("api:services"), {"search": SEARCH}),
        (reverse("api:services"), {"postcode": PLACE}),
        (reverse("api:service_at_locations"), {"postcode": PLACE, "proximity": "16000"}),
    ]:
        response = client.get(url, params)
        # A place the API cannot find is a 400 that names it: not stored either.
        assert response.status_code in {200, 400}, (url, params)
        assert response["Cache-Control"] == "no-store", (url, params)


def test_pages_without_a_search_may_be_cached(client, service):
    for url in [
        reverse("resources:home"),
        reverse("resources:kind_of_support", args=["emotional"]),
        service.get_absolute_url(),
        reverse("api:services"),
    ]:
        assert "no-store" not in client.get(url).get("Cache-Control", ""), url
