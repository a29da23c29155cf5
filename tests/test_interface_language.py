"""Issue 17: a page is labelled with the language it is written in, never with one asked for
whose translation is not there (English text read aloud with Spanish pronunciation)."""

import re

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import translation

from resources.public.views import server_error
from supportdir.interface_languages import offered_languages
from tests.curation.conftest import report_data, suggestion_data
from tests.factories import make_service

pytestmark = pytest.mark.django_db

ASKING_FOR_SPANISH = ["es", "es-MX,es;q=0.9", "es-ES,es;q=0.9,en;q=0.5"]


@pytest.fixture
def public_pages():
    service = make_service(name="Night line", terms=[("supportdir:support", "emotional")])
    return [
        "/",
        "/search/?q=night",
        service.get_absolute_url(),
        "/suggest/",
        "/support/emotional/",
    ]


def _label(response):
    return re.search(r'<html lang="([^"]*)"', response.content.decode()).group(1)


@pytest.mark.parametrize("accept_language", ASKING_FOR_SPANISH)
def test_asking_for_spanish_gets_english_pages_labelled_as_english(
    client, public_pages, accept_language
):
    for url in public_pages:
        response = client.get(url, headers={"Accept-Language": accept_language})
        assert response.status_code == 200, url
        assert _label(response) == "en", url
        assert response["Content-Language"] == "en", url


def test_the_api_answers_in_english_to_a_browser_asking_for_spanish(client):
    make_service(name="Night line")
    response = client.get("/api/services?search=night", headers={"Accept-Language": "es"})
    assert response.status_code == 200
    assert response["Content-Language"] == "en"


def test_no_page_is_labelled_with_a_language_whose_catalogue_is_absent(client, public_pages):
    offered = {code for code, _name in settings.LANGUAGES}
    for code, _name in settings.INTERFACE_LANGUAGES:
        catalogue = settings.BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.mo"
        assert (code in offered) == (code == settings.LANGUAGE_CODE or catalogue.is_file())
        for url in public_pages:
            response = client.get(url, headers={"Accept-Language": code})
            label = _label(response)
            assert label == response["Content-Language"]
            assert label in offered
            assert (
                label == settings.LANGUAGE_CODE
                or (settings.BASE_DIR / "locale" / label / "LC_MESSAGES" / "django.mo").is_file()
            )


def test_a_language_is_offered_by_itself_once_its_catalogue_is_compiled(tmp_path):
    candidates = [("en", "English"), ("es", "Spanish")]
    assert offered_languages(candidates, tmp_path, "en") == [("en", "English")]

    (tmp_path / "es" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "es" / "LC_MESSAGES" / "django.po").write_text("")
    # An uncompiled catalogue is not enough: the interface would still show English.
    assert offered_languages(candidates, tmp_path, "en") == [("en", "English")]

    (tmp_path / "es" / "LC_MESSAGES" / "django.mo").write_bytes(b"")
    assert offered_languages(candidates, tmp_path, "en") == candidates


# The language is in the address (issue 17): English at /..., Spanish at /es/... while Spanish is
# offered. These tests offer it whatever the catalogue's state (`spanish_offered`): they are about
# addresses and labels; tests/test_spanish_pages.py checks that the labelled pages are Spanish.


@pytest.fixture
def spanish_offered(settings):
    settings.LANGUAGES = [("en", "English"), ("es", "Spanish")]


@pytest.fixture
def spanish_not_offered(settings):
    settings.LANGUAGES = [("en", "English")]


def _links_to(response, path):
    return f'href="{path}"' in response.content.decode().replace("&amp;", "&")


def _alternates(response):
    """{hreflang: href} of the page's <link rel="alternate">s."""
    html = response.content.decode().replace("&amp;", "&")
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.mark.parametrize("accept_language", ASKING_FOR_SPANISH)
def test_an_unprefixed_address_is_english_whatever_the_browser_asks(
    client, spanish_offered, public_pages, accept_language
):
    client.cookies["django_language"] = "es"
    for url in public_pages:
        response = client.get(url, headers={"Accept-Language": accept_language})
        assert response.status_code == 200, url
        assert _label(response) == "en", url
        assert response["Content-Language"] == "en", url
        assert "Accept-Language" in response["Vary"], url


def test_browsing_sets_no_cookie_in_either_language(client, spanish_offered, public_pages):
    for url in public_pages:
        if url == "/suggest/":
            continue  # its form's CSRF cookie, as in English (tests/test_privacy_and_security.py)
        for address in (url, f"/es{url}"):
            response = client.get(address, headers={"Accept-Language": "es"})
            assert response.status_code == 200, address
            assert "Set-Cookie" not in str(response.serialize_headers()), address
    response = client.get("/es/suggest/", headers={"Accept-Language": "es"})
    assert "django_language" not in response.cookies


def test_an_address_under_es_is_spanish_whatever_the_browser_asks(
    client, spanish_offered, public_pages
):
    for url in public_pages:
        response = client.get(f"/es{url}", headers={"Accept-Language": "en-US,en;q=0.9"})
        assert response.status_code == 200, url
        assert _label(response) == "es", url
        assert response["Content-Language"] == "es", url
        assert "Accept-Language" not in response.get("Vary", ""), url


def test_every_page_links_to_itself_in_the_other_language_with_its_query(client, spanish_offered):
    service = make_service(name="Night line", slug="night-line")
    query = "?q=night+line&support=emotional&sort=name"
    english = client.get(f"/search/{query}")
    spanish = client.get(f"/es/search/{query}")
    assert _links_to(english, f"/es/search/{query}")
    assert _links_to(spanish, f"/search/{query}")

    content = client.get("/services/night-line/").content.decode()
    assert re.search(
        r'<a href="/es/services/night-line/" hreflang="es" lang="es">Español</a>', content
    )
    content = client.get("/es/services/night-line/").content.decode()
    assert service.slug == "night-line"
    assert re.search(
        r'<a href="/services/night-line/" hreflang="en" lang="en">English</a>', content
    )


def test_the_link_to_the_other_language_is_in_the_header(client, spanish_offered):
    content = client.get("/").content.decode()
    header = content[content.index('<header class="site-header">') : content.index("</header>")]
    assert 'hreflang="es"' in header


def test_every_page_names_its_versions_as_absolute_alternates(client, spanish_offered):
    for url in ["/", "/search/?q=night", "/es/search/?q=night", "/guides/"]:
        english = url.removeprefix("/es")
        assert _alternates(client.get(url)) == {
            "en": f"http://testserver{english}",
            "es": f"http://testserver/es{english}",
            "x-default": f"http://testserver{english}",
        }, url


def test_a_page_not_found_links_to_the_page_not_found_in_the_other_language(
    client, spanish_offered
):
    english = client.get("/no-such-page/?q=x")
    spanish = client.get("/es/no-such-page/?q=x")
    assert english.status_code == spanish.status_code == 404
    assert _label(english) == "en" and _label(spanish) == "es"
    assert _links_to(english, "/es/no-such-page/?q=x")
    assert _links_to(spanish, "/no-such-page/?q=x")
    assert _links_to(client.get("/es/services/gone/"), "/services/gone/")


def test_the_server_error_page_is_labelled_and_linked_in_its_language(spanish_offered):
    # As the middleware leaves it for the handler: the address's language active.
    with translation.override("es"):
        response = server_error(RequestFactory().get("/es/guides/?x=1"))
    assert response.status_code == 500
    assert _label(response) == "es"
    assert _links_to(response, "/guides/?x=1")
    with translation.override("en"):
        response = server_error(RequestFactory().get("/guides/"))
    assert _label(response) == "en"
    assert _links_to(response, "/es/guides/")


def test_the_admin_api_and_health_checks_stay_unprefixed_and_english(client, spanish_offered):
    make_service(name="Night line")
    for url in ["/admin/login/", "/api/services", "/healthz", "/favicon.ico", "/api/docs/"]:
        response = client.get(url, headers={"Accept-Language": "es"})
        assert response.status_code in {200, 302}, url  # the favicon: to the static one
        assert response.get("Content-Language", "en") == "en", url
        assert client.get(f"/es{url}").status_code == 404, url
    docs = client.get("/api/docs/", headers={"Accept-Language": "es"})
    assert "/es/api/" not in docs.content.decode()
    assert _alternates(docs) == {}


def test_the_forms_under_es_post_and_thank_within_es(client, spanish_offered):
    make_service(name="Night line", slug="night-line")
    response = client.post("/es/suggest/", suggestion_data())
    assert response.status_code == 302
    assert response.url == "/es/suggest/thanks/"
    assert _label(client.get(response.url)) == "es"

    response = client.post("/es/services/night-line/report/", report_data())
    assert response.status_code == 302
    assert response.url == "/es/services/night-line/report/thanks/"

    assert client.get("/es/choose/results/?need=listen").url.startswith("/es/search/?")
    content = client.get("/es/").content.decode()
    assert 'action="/es/search/"' in content


def test_the_forms_csrf_check_works_under_es(spanish_offered):
    client = Client(enforce_csrf_checks=True)
    client.get("/es/suggest/")
    token = client.cookies["csrftoken"].value
    response = client.post("/es/suggest/", {**suggestion_data(), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert response.url == "/es/suggest/thanks/"

    refused = Client(enforce_csrf_checks=True).post("/es/suggest/", suggestion_data())
    assert refused.status_code == 403
    assert _label(refused) == "es"


def test_the_crisis_line_and_quick_exit_are_on_the_spanish_pages(client, spanish_offered):
    service = make_service(name="Night line", terms=[("supportdir:support", "emotional")])
    for url in ["/es/", f"/es{service.get_absolute_url()}", "/es/search/?q=suicide"]:
        content = client.get(url).content.decode()
        assert 'class="crisis-line"' in content, url
        assert 'href="tel:988"' in content, url
        assert 'id="quick-exit"' in content, url


def test_when_spanish_is_not_offered_nothing_is_under_es_or_links_there(
    client, spanish_not_offered, public_pages
):
    for url in public_pages:
        assert client.get(f"/es{url}").status_code == 404, url
        response = client.get(url, headers={"Accept-Language": "es"})
        assert _label(response) == "en", url
        assert "/es/" not in response.content.decode(), url
        assert 'hreflang="es"' not in response.content.decode(), url
        assert _alternates(response) == {}, url


# Accept-Language may suggest, never decide.


def _suggestion(response):
    found = re.search(
        r'<p class="language-suggestion" lang="([^"]+)">(.*?)</p>', response.content.decode(), re.S
    )
    return found and (found.group(1), found.group(2))


@pytest.mark.parametrize("accept_language", ASKING_FOR_SPANISH)
def test_an_english_page_suggests_its_spanish_version_to_a_browser_preferring_spanish(
    client, spanish_offered, accept_language
):
    response = client.get("/search/?q=night", headers={"Accept-Language": accept_language})
    language, notice = _suggestion(response)
    assert language == "es"
    assert 'href="/es/search/?q=night" hreflang="es"' in notice
    assert _label(response) == "en"
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(
    "accept_language", ["", "en", "en-US,en;q=0.9,es;q=0.8", "fr,de;q=0.5", "es;q=0,en", "*"]
)
def test_no_suggestion_unless_the_browser_prefers_spanish(client, spanish_offered, accept_language):
    response = client.get("/", headers={"Accept-Language": accept_language})
    assert _suggestion(response) is None


def test_a_spanish_page_suggests_nothing(client, spanish_offered):
    response = client.get("/es/", headers={"Accept-Language": "en"})
    assert _suggestion(response) is None
    response = client.get("/es/", headers={"Accept-Language": "es"})
    assert _suggestion(response) is None


def test_no_suggestion_when_spanish_is_not_offered(client, spanish_not_offered):
    assert _suggestion(client.get("/", headers={"Accept-Language": "es"})) is None


def test_a_request_for_another_host_gets_the_calm_400_page_without_alternates(
    client, spanish_offered
):
    response = client.get("/es/search/", headers={"Host": "elsewhere.example"})
    assert response.status_code == 400
    assert _label(response) == "es"
    assert _alternates(response) == {}
    assert _links_to(response, "/search/")
