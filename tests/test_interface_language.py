"""Issue 17: a page is labelled with the language it is written in, never with one asked for
whose translation is not there (English text read aloud with Spanish pronunciation)."""

import re

import pytest
from django.conf import settings

from supportdir.interface_languages import offered_languages
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
