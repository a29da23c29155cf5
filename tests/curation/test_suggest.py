"""/suggest/: a visitor suggests a service; it waits in the curators' queue."""

import re

import pytest
from django.urls import reverse

from resources.models import Suggestion
from tests.curation.conftest import suggestion_data

pytestmark = pytest.mark.django_db

URL = reverse("resources:suggest")


def test_the_form_opens_for_an_anonymous_visitor(client):
    response = client.get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Suggest a service</h1>" in content
    assert 'name="csrfmiddlewaretoken"' in content
    assert 'name="started"' in content
    assert "Emotional support" in content


def test_each_field_has_a_label_and_its_help_is_linked(client):
    content = client.get(URL).content.decode()

    for field in ["name", "description", "phone", "website", "city", "when", "suggester_email"]:
        assert f'<label for="id_{field}"' in content, field
    assert 'aria-describedby="id_description_helptext"' in content
    assert "<legend>The service</legend>" in content


def test_a_suggestion_is_stored_as_new_and_the_visitor_is_thanked(client):
    response = client.post(URL, suggestion_data())

    assert response.status_code == 302
    assert response.url == reverse("resources:suggestion_thanks")
    suggestion = Suggestion.objects.get()
    assert suggestion.status == Suggestion.Status.NEW
    assert suggestion.name == "Thursday Hearing Voices Group"
    assert {term.code for term in suggestion.kinds_of_support.all()} == {"emotional", "coping"}
    assert suggestion.history.count() == 1


def test_the_thank_you_page_says_what_happens_next_and_sets_no_cookie(client):
    response = client.get(reverse("resources:suggestion_thanks"))

    assert response.status_code == 200
    assert "What happens next" in response.content.decode()
    assert response.cookies == {}


def test_errors_are_listed_at_the_top_and_linked_to_their_fields(client):
    response = client.post(URL, suggestion_data(name="", description=""))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'role="alert"' in content
    assert 'href="#id_name"' in content
    assert 'aria-describedby="id_name_error"' in content
    assert 'aria-invalid="true"' in content
    assert content.count("<title>Error:") == 1
    assert not Suggestion.objects.exists()


def test_a_suggestion_needs_a_way_to_reach_the_service(client):
    response = client.post(
        URL, suggestion_data(phone="", website="", email="", address="", city="", postal_code="")
    )

    assert "at least one way to reach it" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_bad_kind_of_support_is_an_error_not_a_crash(client):
    response = client.post(URL, suggestion_data(kinds_of_support=["not-a-uuid"]))

    assert response.status_code == 200
    assert not Suggestion.objects.exists()


def test_other_methods_are_refused(client):
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


def test_the_footer_of_every_page_links_to_the_form(client):
    assert f'href="{URL}"' in client.get(reverse("resources:home")).content.decode()


def test_an_overlong_description_is_an_error_not_stored(client):
    response = client.post(URL, suggestion_data(description="word " * 2000))

    assert response.status_code == 200
    assert "at most 4000 characters" in response.content.decode()
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize("with_errors", [False, True])
def test_the_pages_have_no_inline_scripts_styles_or_handlers(client, with_errors):
    from tests.factories import make_service

    service = make_service()
    pages = [
        client.get(URL),
        client.get(reverse("resources:report_problem", args=[service.slug])),
        client.get(reverse("resources:suggestion_thanks")),
        client.get(reverse("resources:report_thanks", args=[service.slug])),
    ]
    if with_errors:
        pages.append(client.post(URL, suggestion_data(name="")))
    for response in pages:
        page = response.content.decode()
        assert response.status_code == 200
        assert not re.search(r"<script(?![^>]*\bsrc=)", page)
        assert "<style" not in page
        assert not re.search(r"\sstyle=", page)
        assert not re.search(r"\son[a-z]+=", page)
