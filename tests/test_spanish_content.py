"""Issue 17: curators give a service's text in Spanish beside the English; Spanish pages show it,
and the English one, said to be English, where there is none; English pages are as they were.

Spanish pages are asked for by rendering the view in Spanish (translation.override), so these
tests hold whichever way the site puts the language in the address. "(en inglés)" comes from the
Spanish catalogue."""

import re
from datetime import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from resources.content_language import shown_text
from resources.models import Organization, Schedule, Service
from resources.public import views
from tests.conftest import assert_saved
from tests.factories import (
    make_organization,
    make_phone,
    make_schedule,
    make_service,
)
from tests.test_admin_save import change_url, realistic_service, rendered_form_data

pytestmark = pytest.mark.django_db

IN_ENGLISH = "(en inglés)"
SPANISH = {
    "name_es": "Línea de apoyo del lago",
    "description_es": "Una línea atendida por pares, por las tardes.",
    "eligibility_description_es": "Personas adultas de Wisconsin.",
    "application_process_es": "Llame cuando quiera; no necesita una referencia.",
    "fees_description_es": "Sin costo; acepta donaciones.",
    "alert_es": "Cerrado el Día de Acción de Gracias.",
}
ENGLISH = {
    "name": "Lakeshore Warmline",
    "description": "A peer-run line, evenings.",
    "eligibility_description": "Adults in Wisconsin.",
    "application_process": "Call any time; no referral needed.",
    "fees_description": "No cost; donations welcome.",
    "alert": "Closed on Thanksgiving Day.",
}


def _get(view, path="/", data=None, **kwargs):
    request = RequestFactory().get(path, data)
    request.user = AnonymousUser()
    response = view(request, **kwargs)
    return response.content.decode()


def spanish_page(view, path="/", data=None, **kwargs):
    with translation.override("es"):
        return _get(view, path, data, **kwargs)


def english_page(view, path="/", data=None, **kwargs):
    with translation.override("en"):
        return _get(view, path, data, **kwargs)


def _service_in_both_languages():
    organization = make_organization(
        name="Lakeshore Peers", name_es="Pares del lago", description="Peers.", description_es="."
    )
    service = make_service(organization=organization, **ENGLISH, **SPANISH)
    make_schedule(
        service=service,
        byday="MO",
        opens_at=time(18),
        closes_at=time(20),
        description="Not on holidays",
        description_es="No abre los días festivos",
    )
    return service


def _english_only_service():
    organization = make_organization(name="Hope Centre")
    service = make_service(organization=organization, **{**ENGLISH, "name": "Grief circle"})
    make_schedule(
        service=service, byday="TU", opens_at=time(18), closes_at=time(19), description="Upstairs"
    )
    make_phone(service=service, description="Ask for Ana")
    return service


# -- the admin --


def test_a_curator_gives_a_service_and_its_hours_spanish_text_in_the_form(curator_client):
    service = realistic_service()
    response = curator_client.get(change_url(service))
    sections = {str(fieldset.name): fieldset for fieldset in response.context["adminform"]}
    assert "In Spanish" in sections
    page = response.content.decode()
    assert re.search(
        r'<textarea[^>]*name="description_es"[^>]*lang="es"|<textarea[^>]*lang="es"[^>]*name="description_es"',
        page,
    )
    schedule = service.schedules.order_by("pk").first()
    data = rendered_form_data(response)
    prefix = next(key for key, value in data.items() if value == str(schedule.pk))[: -len("id")]

    data.update(SPANISH)
    data[f"{prefix}description_es"] = "Por la noche"
    assert_saved(curator_client.post(change_url(service), data))

    service.refresh_from_db()
    for field, value in SPANISH.items():
        assert getattr(service, field) == value
    assert Schedule.objects.get(pk=schedule.pk).description_es == "Por la noche"
    history = curator_client.get(reverse("admin:resources_service_history", args=[service.pk]))
    assert "Description in Spanish" in history.content.decode()


def test_a_curator_gives_an_organisation_its_spanish_text(curator_client):
    organization = make_organization(name="Hope Centre")
    url = reverse("admin:resources_organization_change", args=[organization.pk])
    response = curator_client.get(url)
    assert "In Spanish" in {str(fieldset.name) for fieldset in response.context["adminform"]}
    data = rendered_form_data(response)
    data.update(name_es="Centro Esperanza", description_es="Ayuda a las personas.")

    assert_saved(curator_client.post(url, data))

    organization = Organization.objects.get(pk=organization.pk)
    assert (organization.name_es, organization.description_es) == (
        "Centro Esperanza",
        "Ayuda a las personas.",
    )


def test_the_preview_shows_the_page_as_spanish_pages_will(curator_client, settings):
    settings.LANGUAGES = [("en", "English"), ("es", "Spanish")]
    service = _service_in_both_languages()
    url = reverse("admin:resources_service_preview", args=[service.pk])

    english = curator_client.get(url).content.decode()
    spanish = curator_client.get(url, {"language": "es"}).content.decode()

    assert 'href="?language=es"' in english
    assert ENGLISH["description"] in english and SPANISH["description_es"] not in english
    assert '<html lang="es">' in spanish
    assert SPANISH["description_es"] in spanish and ENGLISH["description"] not in spanish


# -- the service's page --


def test_a_spanish_page_shows_the_spanish_text(client):
    service = _service_in_both_languages()
    page = spanish_page(views.service_detail, slug=service.slug)

    assert f"<title>{SPANISH['name_es']} — " in page
    assert f'<meta name="description" content="{SPANISH["description_es"]}' in page
    assert f'<h1 id="service-name">{SPANISH["name_es"]}</h1>' in page
    assert "Pares del lago" in page
    for field, value in SPANISH.items():
        assert value in page, field
    assert "No abre los días festivos" in page
    for value in ENGLISH.values():
        assert value not in page
    assert "in-english" not in page


def test_english_text_on_a_spanish_page_is_marked_as_english(client):
    service = _english_only_service()
    page = spanish_page(views.service_detail, slug=service.slug)

    assert f'<div class="prose" lang="en"><p>{ENGLISH["description"]}</p></div>' in page
    assert f'<dd lang="en">{ENGLISH["eligibility_description"]} <span class="in-english"' in page
    assert f'<span lang="en">{ENGLISH["alert"]}</span> <span class="in-english" lang="es">' in page
    assert '(<span lang="en">Upstairs</span> <span class="in-english" lang="es">' in page
    # A phone's note has no Spanish twin: it is said to be English too.
    assert '<span lang="en">Ask for Ana</span> <span class="in-english" lang="es">' in page
    assert IN_ENGLISH in page
    # The site's own description, not English text in a Spanish page's description.
    assert ENGLISH["description"] not in page.split('<meta name="description"')[1].split(">")[0]


def test_a_name_without_a_spanish_one_is_shown_as_it_is(client):
    service = _english_only_service()
    page = spanish_page(views.service_detail, slug=service.slug)

    assert '<h1 id="service-name">Grief circle</h1>' in page
    assert "<title>Grief circle — " in page
    assert "Run by Hope Centre" in page or "Hope Centre" in page
    assert '<span lang="en">Hope Centre' not in page


def test_an_english_page_never_shows_the_spanish_text_or_the_marker(client):
    services = [_service_in_both_languages(), _english_only_service()]
    for service in services:
        page = client.get(service.get_absolute_url()).content.decode()
        for value in SPANISH.values():
            assert value not in page
        assert "No abre los días festivos" not in page
        assert "in-english" not in page
        assert 'lang="en">' not in page.split("<html", 1)[1].split(">", 1)[1]
    assert ENGLISH["description"] in page


def test_the_meetings_calendar_is_named_in_the_pages_language(client):
    service = _service_in_both_languages()
    calendar = spanish_page(views.meetings_calendar, slug=service.slug)
    assert f"SUMMARY:{SPANISH['name_es']}" in calendar
    assert "No abre los días festivos" in calendar


# -- cards --


def test_result_cards_on_a_spanish_page_show_spanish_or_marked_english(client):
    both, english_only = _service_in_both_languages(), _english_only_service()
    for data in [None, {"q": "line"}]:
        page = spanish_page(views.search_page, "/search/", data)

        assert SPANISH["name_es"] in page
        if data is None:
            assert SPANISH["description_es"] in page
            assert 'class="service-card__summary" lang="en">' in page
        assert "Grief circle" in page
    page = english_page(views.search_page, "/search/")
    assert SPANISH["name_es"] not in page and "in-english" not in page
    assert both.name in page and english_only.name in page


def test_spanish_pages_take_as_few_queries_as_english_ones(client):
    for number in range(12):
        service = _service_in_both_languages() if number % 2 else _english_only_service()
        service.slug = f"service-{number}-x"
        service.save()
    detail = Service.objects.first()

    def queries(language, view, path="/", data=None, **kwargs):
        with translation.override(language):
            _get(view, path, data, **kwargs)  # what the cache keeps, as for any later visitor
            with CaptureQueriesContext(connection) as captured:
                _get(view, path, data, **kwargs)
        return len(captured)

    for view, path, data, kwargs in [
        (views.search_page, "/search/", None, {}),
        (views.search_page, "/search/", {"q": "line"}, {}),
        (views.service_detail, "/", None, {"slug": detail.slug}),
    ]:
        assert queries("es", view, path, data, **kwargs) == queries(
            "en", view, path, data, **kwargs
        )


# -- the rule itself --


def test_shown_text_falls_back_to_english_and_says_so():
    service = Service(name="Grief circle", description="Meets weekly.", description_es="")
    assert shown_text(service, "description", "en").text == "Meets weekly."
    fallback = shown_text(service, "description", "es-mx")
    assert (fallback.text, fallback.fell_back, fallback.marked) == ("Meets weekly.", True, True)
    name = shown_text(service, "name", "es")
    assert (name.text, name.fell_back, name.marked) == ("Grief circle", True, False)
    service.description_es = "Se reúne cada semana."
    assert shown_text(service, "description", "es").text == "Se reúne cada semana."
    assert not shown_text(Service(description=""), "description", "es").marked
