"""Issue 16: "What would help right now?", a few questions that lead to the right search."""

import logging
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.apps import apps
from django.http import QueryDict
from django.urls import reverse

from resources import vocabulary
from resources.public import chooser
from resources.search.filters import FACET_PARAMETERS
from supportdir.log_filters import DropQueryStrings
from tests.factories import make_language, make_service

pytestmark = pytest.mark.django_db

CHOOSE = reverse("resources:choose")
RESULTS = reverse("resources:chooser_results")


def answers(query):
    return QueryDict(query)


def redirect_of(client, query):
    response = client.get(f"{RESULTS}?{query}")
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert url.path == reverse("resources:search")
    return parse_qsl(url.query)


@pytest.fixture
def directory():
    listening = make_service(
        name="Evening Listening Line",
        terms=[(vocabulary.SUPPORT, "emotional"), (vocabulary.DELIVERY, "phone")],
    )
    make_language(service=listening, code="es")
    make_service(
        name="Thursday Walking Group",
        terms=[(vocabulary.SUPPORT, "social-connection"), (vocabulary.DELIVERY, "in-person")],
    )
    make_service(
        name="County Crisis Line",
        terms=[(vocabulary.RESOURCE, "hotline"), (vocabulary.DELIVERY, "phone")],
    )


# The mapping


def test_every_choice_stands_for_terms_of_our_vocabularies_on_the_search_pages_parameters():
    for choice in chooser.CHOICES.values():
        assert choice.filters, choice.value
        for parameter, code in choice.filters:
            taxonomy_name = FACET_PARAMETERS[parameter]
            codes = [term[0] for term in vocabulary.FACETS[taxonomy_name]["terms"]]
            assert code in codes, (choice.value, parameter, code)


def test_the_seven_kinds_of_support_each_have_a_choice_in_plain_words():
    kinds = {
        code
        for choice in chooser.QUESTIONS[0].choices
        for parameter, code in choice.filters
        if parameter == "support"
    }
    assert kinds == {code for code, _name, _text in vocabulary.FACETS[vocabulary.SUPPORT]["terms"]}


def test_a_term_our_vocabulary_does_not_have_is_refused_when_the_mapping_is_written():
    with pytest.raises(LookupError):
        chooser.terms(vocabulary.SUPPORT, "hugs")


def test_answers_become_the_search_pages_own_filters_and_say_which_answers():
    parameters = chooser.search_parameters(
        answers("need=listen&need=company&how=phone-text&about=young")
    )
    assert parameters == [
        ("support", "emotional"),
        ("support", "social-connection"),
        ("delivery", "phone"),
        ("delivery", "text-chat"),
        ("audience", "young-people"),
        ("chose", "listen"),
        ("chose", "company"),
        ("chose", "phone-text"),
        ("chose", "young"),
    ]


def test_unknown_answers_and_answers_to_the_wrong_question_are_left_out():
    assert chooser.search_parameters(answers("need=in-person&need=hugs&how=listen&x=1")) == []


def test_skipping_every_question_leads_to_the_whole_directory():
    assert chooser.search_query(answers("")) == ""


def test_the_language_question_offers_the_languages_published_services_speak(directory):
    draft = make_service(status="draft")
    make_language(service=draft, code="fr")
    assert chooser.languages_offered() == [("es", "Spanish")]
    assert chooser.search_parameters(answers("language=es")) == [
        ("language", "es"),
        ("chose", "language"),
    ]
    assert chooser.search_parameters(answers("language=fr")) == []


def test_only_the_not_safe_answer_points_at_crisis():
    assert chooser.points_at_crisis(["not-safe", "listen"])
    assert not chooser.points_at_crisis(["listen", "company", "language"])


# The page


def test_the_chooser_asks_in_fieldsets_with_legends_and_labelled_choices(client, directory):
    response = client.get(CHOOSE)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<fieldset") == 4
    assert page.count("<legend") == 4
    for legend in [
        "What would help most right now?",
        "How would you like to get it?",
        "Is there anything about you that matters?",
        "Would you like help in another language?",
    ]:
        assert legend in page
    for label in ["Someone to listen", "People who have been there", "By phone or text"]:
        assert f">{label}</label>" in page
    assert 'type="checkbox" name="need" value="listen" id="chooser-listen"' in page
    assert '<label for="chooser-listen">' in page
    assert 'type="radio" name="language" value="es"' in page
    assert f'method="get" action="{RESULTS}"' in page
    # Every question can be skipped.
    assert "required" not in page.split('class="chooser"')[1].split("</form>")[0]


def test_the_chooser_refuses_a_post(client):
    assert client.post(CHOOSE).status_code == 405
    assert client.post(RESULTS, {"need": "listen"}).status_code == 405


def test_the_answers_lead_to_the_search_with_the_filters_applied(client, directory):
    assert redirect_of(client, "need=listen&how=phone-text") == [
        ("support", "emotional"),
        ("delivery", "phone"),
        ("delivery", "text-chat"),
        ("chose", "listen"),
        ("chose", "phone-text"),
    ]
    page = client.get(
        reverse("resources:search")
        + "?support=emotional&delivery=phone&delivery=text-chat&chose=listen&chose=phone-text"
    ).content.decode()
    assert "Evening Listening Line" in page
    assert "Thursday Walking Group" not in page
    assert "You said you would like someone to listen: Emotional support." in page
    assert "You said by phone or text: Phone, Text or chat." in page


def test_each_answer_is_removable_and_its_line_goes_with_its_filters(client, directory):
    search = reverse("resources:search")
    page = client.get(f"{search}?support=emotional&delivery=phone&chose=listen").content.decode()
    # The line's own link, and the chip's, like any other filter.
    assert f'href="{search}?delivery=phone">Remove' in page
    assert f'href="{search}?delivery=phone&amp;chose=listen"' in page
    page = client.get(f"{search}?delivery=phone&chose=listen").content.decode()
    assert "You said you would like someone to listen" not in page
    assert "Thursday Walking Group" not in page
    assert "County Crisis Line" in page


def test_the_answers_stay_with_the_search_as_its_filters_change(client, directory):
    page = client.get(
        reverse("resources:search") + "?support=emotional&chose=listen&chose=nonsense"
    ).content.decode()
    assert '<input type="hidden" form="search-form" name="chose" value="listen">' in page
    assert 'value="nonsense"' not in page


def test_not_safe_leads_with_the_crisis_panel_and_the_crisis_lines(client, directory):
    parameters = redirect_of(client, "need=not-safe&need=listen")
    assert ("kind", "hotline") in parameters
    assert ("kind", "crisis-service") in parameters
    response = client.get(reverse("resources:search") + "?kind=hotline&chose=not-safe")
    page = response.content.decode()
    assert page.index('class="crisis-panel"') < page.index('id="search-results"')
    assert "County Crisis Line" in page
    assert "You said you are not safe right now: Crisis line." in page


def test_a_search_without_answers_says_nothing_about_them(client, directory):
    page = client.get(reverse("resources:search") + "?support=emotional").content.decode()
    assert "You said" not in page
    assert 'class="crisis-panel"' not in page


def test_the_chooser_stores_nothing_and_sets_no_cookie(client, directory):
    models = apps.get_models()

    def rows():
        return {model._meta.label: model._default_manager.count() for model in models}

    before = rows()
    visits = [
        client.get(CHOOSE),
        client.get(f"{RESULTS}?need=not-safe&need=listen&how=online&about=lgbtq&language=es"),
        client.get(
            reverse("resources:search")
            + "?kind=hotline&support=emotional&language=es&chose=not-safe&chose=listen"
        ),
    ]
    assert rows() == before
    for response in visits:
        assert response.cookies == {}
        assert not response.has_header("Set-Cookie")
    assert client.cookies == {}


def test_the_answers_never_reach_a_log_line(client, directory, caplog):
    caplog.set_level(logging.DEBUG)
    client.get(f"{RESULTS}?need=not-safe&about=veteran&language=es")
    client.get(reverse("resources:search") + "?audience=veterans&chose=veteran&chose=not-safe")
    for record in caplog.records:
        message = record.getMessage()
        for answer in ["not-safe", "veteran", "language=es"]:
            assert answer not in message
    # The server's access log (gunicorn's and the development server's) keeps the path only.
    for request_line in [
        f"GET {RESULTS}?need=not-safe&about=veteran HTTP/1.1",
        "GET /search/?audience=veterans&chose=veteran&chose=not-safe HTTP/1.1",
    ]:
        record = logging.LogRecord(
            "django.server",
            logging.INFO,
            __file__,
            1,
            '"%s" %s %s',
            (request_line, "302", "0"),
            None,
        )
        DropQueryStrings().filter(record)
        assert "veteran" not in record.getMessage()
        assert "not-safe" not in record.getMessage()


def test_the_home_page_and_every_kind_of_support_page_lead_to_the_chooser(client):
    assert f'href="{CHOOSE}"' in client.get(reverse("resources:home")).content.decode()
    for code, _name, _text in vocabulary.FACETS[vocabulary.SUPPORT]["terms"]:
        page = client.get(reverse("resources:kind_of_support", args=[code])).content.decode()
        assert f'href="{CHOOSE}"' in page, code
