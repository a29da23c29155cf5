"""Search in Spanish: on Spanish pages the Spanish text of services is searched, stemmed as
Spanish and whatever the accents, together with the English text (SQLite and PostgreSQL)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from resources.models import Service
from resources.search import MARK_END, MARK_START, search
from resources.search.crisis import is_crisis_search
from tests.factories import make_organization, make_service

pytestmark = pytest.mark.django_db


def found(query, language="es"):
    with translation.override(language):
        return [s.name for s in search(Service.objects.published(), query).services]


@pytest.fixture
def directory():
    make_service(
        name="Mood support group",
        name_es="Grupo de apoyo para el estado de ánimo",
        description="Peer support for people living with depression.",
        description_es="Acompañamiento entre pares para personas que viven con depresión.",
        terms=[("supportdir:topic", "depression")],
    )
    make_service(
        name="Online anxiety forum",
        description="A moderated online forum for people with anxiety and panic.",
        terms=[("supportdir:topic", "anxiety"), ("supportdir:delivery", "online")],
    )
    make_service(
        name="Information desk",
        description="Advice on benefits and housing.",
        eligibility_description_es="Para familias con niños pequeños.",
        application_process_es="Llame para pedir una cita de orientación.",
        fees_description_es="Las consultas no tienen costo.",
        terms=[("supportdir:support", "informational")],
    )


@pytest.mark.parametrize(
    "typed",
    ["depresión", "depresion", "DEPRESIÓN", "Depresiones", "acompañamiento", "acompanamiento"],
)
def test_spanish_words_find_the_spanish_text_whatever_the_accents(directory, typed):
    assert found(typed) == ["Mood support group"]


@pytest.mark.parametrize(
    "typed", ["niños", "ninos", "familia", "cita", "orientacion", "orientaciones", "consultas"]
)
def test_every_spanish_field_is_searched(directory, typed):
    assert "Information desk" in found(typed)


def test_english_words_keep_working_on_spanish_pages(directory):
    assert found("anxiety") == ["Online anxiety forum"]
    assert found("forums") == ["Online anxiety forum"]


def test_a_query_may_mix_english_and_spanish_words(directory):
    assert found("peer acompañamiento") == ["Mood support group"]


def test_english_pages_search_the_english_text_only(directory):
    assert found("acompañamiento", language="en") == []
    assert found("anxiety", language="en") == ["Online anxiety forum"]


def test_a_match_in_the_spanish_name_ranks_first():
    make_service(name="Drop-in", description_es="Un espacio para hablar de la soledad.")
    make_service(name="Circle", name_es="Círculo de la soledad", description_es="Los martes.")
    assert found("soledad")[:2] == ["Circle", "Drop-in"]


def test_the_organisation_in_spanish_is_searched(django_capture_on_commit_callbacks):
    organization = make_organization(name="Lakeside Collective")
    make_service(name="Tuesday drop-in", organization=organization)
    organization.name_es = "Colectivo del Lago"
    organization.description_es = "Bienestar comunitario junto al lago."
    with django_capture_on_commit_callbacks(execute=True):
        organization.save()
    assert found("colectivo") == ["Tuesday drop-in"]
    assert found("bienestar") == ["Tuesday drop-in"]


def test_an_edit_of_the_spanish_text_is_found_once_saved(
    directory, django_capture_on_commit_callbacks
):
    service = Service.objects.get(name="Online anxiety forum")
    service.description_es = "Un foro en línea moderado para la ansiedad y el pánico."
    with django_capture_on_commit_callbacks(execute=True):
        service.save()
    assert found("moderado") == ["Online anxiety forum"]


def test_a_deleted_service_leaves_the_spanish_index(directory):
    Service.objects.get(name="Mood support group").delete()
    assert found("acompañamiento") == []


def test_the_rebuild_command_rebuilds_the_spanish_documents(directory):
    Service.objects.filter(name="Online anxiety forum").update(description_es="Tigres.")
    assert found("tigres") == []
    call_command("rebuild_search_index", verbosity=0)
    assert found("tigres") == ["Online anxiety forum"]


def test_the_vocabulary_is_searched_by_its_spanish_names(monkeypatch, directory):
    # The catalogue gives the names; this stands in for one that says so.
    monkeypatch.setattr(
        "resources.search.index._spanish_labels",
        lambda names: {name: "Línea cálida" for name in names if name == "Online (video)"},
    )
    call_command("rebuild_search_index", verbosity=0)
    assert found("calida") == ["Online anxiety forum"]
    assert found("calida", language="en") == []


def test_minus_excludes_a_spanish_word_too(directory):
    assert "Information desk" not in found("para -niños")
    assert "Mood support group" in found("para -niños")


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("ansiedad", "Online anxiety forum"),
        ("ANSIEDAD", "Online anxiety forum"),
        ("pánico", "Online anxiety forum"),
        ("panico", "Online anxiety forum"),
        ("en línea", "Online anxiety forum"),
        ("en linea", "Online anxiety forum"),
        ("tristeza", "Mood support group"),
        ("deprimida", "Mood support group"),
        ("información", "Information desk"),
    ],
)
def test_spanish_synonyms_find_what_the_vocabulary_calls_otherwise(directory, typed, name):
    assert name in found(typed)
    assert name in found(typed, language="en")


@pytest.mark.parametrize(
    "typed",
    [
        "quiero morir",
        "Quiero suicidarme",
        "me quiero suicidar",
        "quiero matarme",
        "kiero matarme",
        "pienso en suicidarme",
        "quisiera estar muerta",
        "ya no aguanto más",
        "no puedo mas",
        "no puedo seguir así",
        "me quiero hacer daño",
        "me quiero hacer dano",
        "me estoy cortando",
        "estoy en peligro",
        "mi pareja me va a matar",
        "no vale la pena vivir",
        "quiero desaparecer",
    ],
)
def test_spanish_crisis_phrases_are_recognised(typed):
    assert is_crisis_search(typed)


@pytest.mark.parametrize("typed", ["grupo de apoyo", "ansiedad en línea", "duelo", "terapia"])
def test_ordinary_spanish_searches_are_not_taken_for_a_crisis(typed):
    assert not is_crisis_search(typed)


def test_a_spanish_snippet_marks_the_matched_words(directory):
    with translation.override("es"):
        service = search(Service.objects.published(), "depresion", snippets=True).services.get()
    if connection.vendor == "postgresql":
        assert f"{MARK_START}depresión{MARK_END}" in service.search_snippet
    else:
        # SQLite's Spanish index holds stems: the card shows the description instead.
        assert getattr(service, "search_snippet", None) is None


@pytest.mark.parametrize(("typed", "meant"), [("ansiedaad", "ansiedad"), ("soldead", "soledad")])
def test_a_misspelt_spanish_synonym_is_offered_as_spelling_help(typed, meant):
    make_service(name="Worry clinic", terms=[("supportdir:topic", "anxiety")])
    make_service(name="Friendship circle", terms=[("supportdir:topic", "loneliness")])
    with translation.override("es"):
        result = search(Service.objects.published(), typed)
    assert result.corrections == {typed: meant}
    assert len(list(result.services)) == 1
