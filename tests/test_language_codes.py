"""Issue 17: languages without a two-letter code (Hmong `hmn`, American Sign Language `ase`,
Cantonese `yue`, Mandarin `cmn`) are kept by their ISO 639-3 code, as HSDS allows; a language
that has a two-letter code is kept by it whichever code it came with."""

import json

import pytest
from django.core.management import call_command

from resources.hsds.importer import import_hsds
from resources.models import Language, Service
from tests.factories import make_language, make_service
from tests.test_admin_save import change_url, realistic_service, rendered_form_data
from tests.test_import_hsds import a_service, write_json

pytestmark = pytest.mark.django_db


def language(number, code):
    return {"id": f"1b8f2c4d-6e7f-4a8b-9c0d-0000000000a{number}", "code": code}


def test_importing_iso_639_3_codes_keeps_the_languages(tmp_path, client):
    codes = ["hmn", "ase", "yue", "cmn", "SPA", "ger", "en", "xx"]
    report = import_hsds(
        write_json(
            tmp_path,
            a_service(languages=[language(n, code) for n, code in enumerate(codes)]),
        )
    )

    assert report.ok, report.errors
    service = Service.objects.get()
    # spa and ger have two-letter codes, kept as es and de; xx is no language.
    assert set(service.languages.values_list("code", flat=True)) == {
        "hmn",
        "ase",
        "yue",
        "cmn",
        "es",
        "de",
        "en",
    }
    assert [problem.message for problem in report.warnings if problem.field == "code"] == [
        "“xx” is not an ISO 639-1 or ISO 639-3 language code; dropped."
    ]
    page = client.get(service.get_absolute_url()).content.decode()
    for name in ["Hmong", "American Sign Language", "Yue Chinese", "Mandarin Chinese", "German"]:
        assert name in page


def test_the_export_writes_iso_639_3_codes_back_unchanged(tmp_path):
    service = make_service(name="Hmong line")
    for code in ["hmn", "ase", "es"]:
        make_language(service=service, code=code)

    call_command("export_hsds", str(tmp_path), format="json")

    [exported] = json.loads((tmp_path / "services.json").read_text())
    assert sorted(lang["code"] for lang in exported["languages"]) == ["ase", "es", "hmn"]
    assert {lang["name"] for lang in exported["languages"]} >= {"Hmong", "American Sign Language"}


def test_the_search_filter_finds_services_in_a_three_letter_language(client):
    make_language(service=make_service(name="Evening line"), code="hmn")
    make_language(service=make_service(name="Morning line"), code="es")

    page = client.get("/search/?language=hmn").content.decode()

    assert "Evening line" in page
    assert "Morning line" not in page
    assert "Hmong" in page  # the language's name, in the facet and the chip


def curator_adds_language(curator_client, code):
    """A curator types `code` as a new language of a service in the admin and saves."""
    service = realistic_service()
    data = rendered_form_data(curator_client.get(change_url(service)))
    data["languages-1-code"] = code
    return service, curator_client.post(change_url(service), data)


def test_a_curator_adds_a_language_by_its_iso_639_3_code(curator_client):
    service, response = curator_adds_language(curator_client, "hmn")

    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(service.languages.values_list("code", flat=True)) == {"en", "hmn"}
    language = service.languages.get(code="hmn")
    assert str(language) == "Hmong"


def test_a_three_letter_code_of_a_two_letter_language_is_kept_as_two_letters(curator_client):
    service, response = curator_adds_language(curator_client, "fra")

    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(service.languages.values_list("code", flat=True)) == {"en", "fr"}


def test_the_admin_says_plainly_when_a_code_is_no_language(curator_client):
    service, response = curator_adds_language(curator_client, "qqq")

    assert response.status_code == 200
    assert "“qqq” is not an ISO 639-1 or ISO 639-3 language code." in response.content.decode()
    assert set(Language.objects.filter(service=service).values_list("code", flat=True)) == {
        "en",
        "es",
    }
