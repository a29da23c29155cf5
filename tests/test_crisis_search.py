"""Searches saying someone may be in danger lead with the crisis line (SQLite and PostgreSQL)."""

import re

import pytest
from django.urls import reverse

from resources.models import CrisisPhrase
from resources.search.crisis import crisis_phrase_in, is_crisis_search
from tests.factories import make_service

pytestmark = pytest.mark.django_db

CRISIS_SEARCHES = [
    "I want to die",
    "i wanna die",
    "kill myself",
    "how to kill myself",
    "KILL MYSELF!!!",
    "kil myself",
    "killmyself",
    "iwanttodie",
    "suicide",
    "suicidal",
    "Suicidal thoughts",
    "sucidal",
    "suicde",
    "I don't want to live anymore",
    "i dont wnat to live",
    "self-harm",
    "self harm",
    "selfharm",
    "hurting myself",
    "overdose",
    "overdoes",
    "end my life",
    "quiero morir",
    "Me quiero morir.",
    "quiero morirme",
    "no quiero vivir",
    "No quiero vivir más",
    "suicidio",
    "sucidio",
    "matarme",
    "voy a matarme",
    "me quiero matar",
    "quitarme la vida",
    "autolesión",
    "autolesion",
    "hacerme daño",
    "hacerme dano",
    "sobredosis",
]

ORDINARY_SEARCHES = [
    "",
    "depression group",
    "I want to dye my hair",
    "diet",
    "overdue bills",
    "kill time",
    "want to diet",
    "cortarme el pelo",
    "grief",
    "!!!",
]


@pytest.mark.parametrize("typed", CRISIS_SEARCHES)
def test_crisis_phrases_are_recognised_whatever_the_case_accents_punctuation_or_typo(typed):
    assert is_crisis_search(typed), crisis_phrase_in(typed)


@pytest.mark.parametrize("typed", ORDINARY_SEARCHES)
def test_ordinary_searches_are_not_taken_for_a_crisis(typed):
    assert crisis_phrase_in(typed) is None


@pytest.fixture
def directory():
    return {
        "lifeline": make_service(
            name="988 Lifeline",
            description="Support any time for anyone in a suicidal crisis or emotional distress.",
            terms=[("supportdir:resource", "hotline"), ("supportdir:topic", "suicide-prevention")],
        ),
        "walk_in": make_service(
            name="Walk-in crisis center",
            description="A crisis worker sits with you and helps you make a plan to stay safe.",
            terms=[("supportdir:resource", "crisis-service")],
        ),
        "circle": make_service(
            name="Suicide bereavement circle",
            description="Suicide loss survivors meet to talk about suicide, grief and suicide.",
            terms=[
                ("supportdir:resource", "support-group"),
                ("supportdir:topic", "grief"),
                ("supportdir:topic", "suicide-prevention"),
            ],
        ),
        "knitting": make_service(
            name="Knitting circle", description="Company and yarn on Tuesdays."
        ),
    }


def search_page(client, query):
    response = client.get(reverse("resources:search"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def result_names(page):
    return re.findall(r'class="service-card__name"><a href="[^"]+">([^<]+)</a>', page)


def crisis_panel(page):
    match = re.search(r'<section class="crisis-panel".*?</section>', page, re.DOTALL)
    return match.group() if match else None


@pytest.mark.parametrize("typed", CRISIS_SEARCHES)
def test_a_crisis_search_leads_with_call_text_and_the_emergency_number(client, directory, typed):
    page = search_page(client, typed)
    panel = crisis_panel(page)

    assert panel is not None
    assert 'aria-labelledby="crisis-panel-heading"' in panel
    assert 'href="tel:988">Call 988</a>' in panel
    assert 'href="sms:988">Text 988</a>' in panel
    assert 'href="https://988lifeline.org/chat/"' in panel
    assert 'href="tel:911">call 911</a>' in panel
    assert page.index("crisis-panel") < page.index('id="search-form"')
    assert page.index("<h1") < page.index('id="crisis-panel-heading"')
    assert result_names(page), "never an empty list under a crisis phrase"
    assert result_names(page)[0] in {
        "988 Lifeline",
        "Walk-in crisis center",
    }
    assert "0 services" not in page
    assert "No service matches all of that." not in page


@pytest.mark.parametrize("typed", ["suicide", "Suicidal", "suicide support"])
def test_crisis_lines_come_before_other_services_that_match_better(client, directory, typed):
    names = result_names(search_page(client, typed))

    assert names.index("988 Lifeline") < names.index("Suicide bereavement circle")


def test_words_that_match_nothing_list_the_crisis_lines_and_services(client, directory):
    page = search_page(client, "I want to die")

    assert result_names(page) == ["988 Lifeline", "Walk-in crisis center"]
    assert "2 crisis lines and services, ready to help now" in page


def test_a_filter_keeps_working_under_a_crisis_search(client, directory):
    response = client.get(
        reverse("resources:search"), {"q": "quiero morir", "kind": "crisis-service"}
    )
    page = response.content.decode()

    assert crisis_panel(page) is not None
    assert result_names(page) == ["Walk-in crisis center"]


@pytest.mark.parametrize("typed", ["depression group", "knitting", "I want to dye my hair"])
def test_an_ordinary_search_shows_no_crisis_panel(client, directory, typed):
    page = search_page(client, typed)

    assert crisis_panel(page) is None
    assert 'href="tel:988"' in page, "the crisis bar is on every page"


def test_the_panel_follows_the_deployment_settings(client, directory, settings):
    settings.CRISIS_LINE_NAME = "Samaritans"
    settings.CRISIS_LINE_PHONE = "116 123"
    settings.CRISIS_LINE_TEXT = ""
    settings.CRISIS_LINE_CHAT_URL = ""
    settings.EMERGENCY_NUMBER = "999"

    panel = crisis_panel(search_page(client, "suicide"))

    assert "The Samaritans is free and confidential" in panel
    assert 'href="tel:116123">Call 116 123</a>' in panel
    assert "sms:" not in panel
    assert "Chat" not in panel
    assert 'href="tel:999">call 999</a>' in panel


def add_phrase(curator_client, phrase):
    return curator_client.post(
        reverse("admin:resources_crisisphrase_add"), {"phrase": phrase}, follow=True
    )


def test_a_phrase_a_curator_adds_works_at_once(curator_client, directory):
    assert crisis_panel(search_page(curator_client, "ready to give up")) is None

    add_phrase(curator_client, "Ready to give up")

    assert CrisisPhrase.objects.filter(phrase="Ready to give up").exists()
    assert crisis_panel(search_page(curator_client, "im ready to giv up")) is not None


def test_a_phrase_a_curator_edits_or_deletes_changes_at_once(curator_client, directory):
    assert crisis_panel(search_page(curator_client, "suicidio")) is not None
    phrase = CrisisPhrase.objects.get(phrase="suicidio")

    curator_client.post(
        reverse("admin:resources_crisisphrase_change", args=[phrase.pk]),
        {"phrase": "desaparecer para siempre"},
    )
    assert crisis_panel(search_page(curator_client, "desaparecer para siempre")) is not None

    curator_client.post(
        reverse("admin:resources_crisisphrase_delete", args=[phrase.pk]), {"post": "yes"}
    )
    assert crisis_panel(search_page(curator_client, "desaparecer para siempre")) is None


@pytest.mark.parametrize(
    ("phrase", "error"),
    [("SUICIDE", "This phrase is already on the list."), ("?!", "Give at least one word.")],
)
def test_the_admin_refuses_a_phrase_already_listed_or_without_words(curator_client, phrase, error):
    count = CrisisPhrase.objects.count()

    response = add_phrase(curator_client, phrase)

    assert error in response.content.decode()
    assert CrisisPhrase.objects.count() == count


def test_the_starting_list_covers_english_and_spanish():
    phrases = set(CrisisPhrase.objects.values_list("phrase", flat=True))

    assert {"suicide", "kill myself", "want to die", "self harm", "overdose"} <= phrases
    assert {"suicidio", "quiero morir", "matarme", "no quiero vivir"} <= phrases
