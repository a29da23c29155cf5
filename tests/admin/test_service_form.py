"""A service's page: what it shows, and its form (facets as checkboxes combined into
Service.terms, verified today, the autocompletes)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from resources import vocabulary
from resources.admin.forms.services import FACET_FIELDS
from resources.models import Schedule, Service, Taxonomy, TaxonomyTerm
from tests.admin.conftest import days_ago, make_other_term
from tests.conftest import admin_url, assert_saved, service_form_data
from tests.factories import (
    get_support,
    get_term,
    make_location,
    make_organization,
    make_phone,
    make_schedule,
    make_service,
)

pytestmark = pytest.mark.django_db


def test_the_change_page_links_to_the_public_page_of_a_published_service(curator_client):
    service = make_service(slug="open-door")

    response = curator_client.get(admin_url(Service, "change", service))

    assert 'href="/services/open-door/"' in response.content.decode()


def test_the_change_page_of_a_draft_has_no_link_to_a_public_page(curator_client):
    service = make_service(slug="not-yet", status=Service.Status.DRAFT)

    response = curator_client.get(admin_url(Service, "change", service))

    # The web address help names the address it will have; nothing links to it.
    assert 'href="/services/not-yet/"' not in response.content.decode()
    assert 'href="http://testserver/services/not-yet/"' not in response.content.decode()


def test_the_change_page_reads_a_schedule_back_in_words(curator_client):
    schedule = make_schedule(byday="TU", freq=Schedule.Frequency.WEEKLY)

    response = curator_client.get(admin_url(Service, "change", schedule.service))

    assert schedule.in_words in response.content.decode()


def test_admin_pages_have_no_inline_styles_or_scripts(curator_client):
    service = make_service(terms=[get_support("emotional")])
    make_schedule(service=service)
    make_phone(service=service)

    content = curator_client.get(admin_url(Service, "change", service)).content.decode()

    assert "style=" not in content
    assert "<script>" not in content
    assert "admin_extra/admin.css" in content


def test_the_form_has_one_checkbox_group_per_facet(curator_client):
    response = curator_client.get(admin_url(Service, "add"))

    form = response.context["adminform"].form
    assert set(FACET_FIELDS.values()) == set(vocabulary.FACETS)
    for field_name, taxonomy_name in FACET_FIELDS.items():
        field = form.fields[field_name]
        assert field.label == Taxonomy.objects.get(name=taxonomy_name).label
        assert {term.pk for term in field.queryset} == set(
            TaxonomyTerm.objects.of(taxonomy_name).values_list("pk", flat=True)
        )
    assert 'type="checkbox" name="facet_support"' in response.content.decode()


def test_saving_the_form_combines_the_checked_facets_into_the_terms(curator_client):
    service = make_service(terms=[get_support("practical")])
    other_term = make_other_term()
    emotional, coping = get_support("emotional"), get_support("coping")
    free = get_term(vocabulary.COST, "free")

    response = curator_client.post(
        admin_url(Service, "change", service),
        service_form_data(
            service,
            facet_support=[emotional.pk, coping.pk],
            facet_cost=[free.pk],
            other_terms=[other_term.pk],
        ),
    )

    assert_saved(response)
    assert set(service.terms.all()) == {emotional, coping, free, other_term}


def test_the_form_shows_the_terms_a_service_has(curator_client):
    other_term = make_other_term()
    service = make_service(terms=[get_support("emotional"), other_term])

    response = curator_client.get(admin_url(Service, "change", service))

    form = response.context["adminform"].form
    assert form.initial["facet_support"] == [get_support("emotional").pk]
    assert form.initial["facet_topic"] == []
    assert form.initial["other_terms"] == [other_term.pk]


def test_saving_with_nothing_checked_clears_the_terms(curator_client):
    service = make_service(terms=[get_support("emotional"), make_other_term()])

    response = curator_client.post(
        admin_url(Service, "change", service), service_form_data(service)
    )

    assert_saved(response)
    assert not service.terms.exists()


def test_a_facet_term_cannot_be_given_as_another_taxonomy_term(curator_client):
    service = make_service()

    response = curator_client.post(
        admin_url(Service, "change", service),
        service_form_data(service, other_terms=[get_support("emotional").pk]),
    )

    assert response.status_code == 200
    assert "other_terms" in response.context["adminform"].form.errors


def test_adding_a_service_with_a_location_and_facets(curator_client):
    organization = make_organization()
    location = make_location()
    emotional = get_support("emotional")
    unsaved = Service(name="New group", slug="new-group", organization=organization)
    data = service_form_data(
        unsaved,
        description="We meet on Tuesdays.",
        facet_support=[emotional.pk],
        **{
            "service_at_locations-TOTAL_FORMS": 1,
            "service_at_locations-0-location": location.pk,
            "service_at_locations-0-description": "Back entrance.",
        },
    )

    response = curator_client.post(admin_url(Service, "add"), data)

    assert_saved(response)
    service = Service.objects.get(slug="new-group")
    assert service.status == Service.Status.DRAFT
    assert list(service.terms.all()) == [emotional]
    assert service.locations == [location]


def test_saving_without_ticking_verified_leaves_the_verification_alone(curator_client):
    someone = get_user_model().objects.create_user("someone")
    service = make_service(assured_date=days_ago(30), assured_by=someone)

    response = curator_client.post(
        admin_url(Service, "change", service), service_form_data(service)
    )

    assert_saved(response)
    service.refresh_from_db()
    assert service.assured_date == days_ago(30)
    assert service.assured_by == someone


def test_ticking_verified_today_records_the_curator_and_the_date(curator_client, curator):
    service = make_service(assured_date=None)

    response = curator_client.post(
        admin_url(Service, "change", service), service_form_data(service, verified_today="on")
    )

    assert_saved(response)
    service.refresh_from_db()
    assert service.assured_date == timezone.localdate()
    assert service.assured_by == curator


def test_the_other_terms_autocomplete_offers_only_other_taxonomies(curator_client):
    other_term = make_other_term(name="Peer Support")

    response = curator_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "support",
            "app_label": "resources",
            "model_name": "service",
            "field_name": "terms",
        },
    )

    assert response.status_code == 200
    assert [result["id"] for result in response.json()["results"]] == [str(other_term.pk)]


def test_the_location_autocomplete_finds_locations_by_name(curator_client):
    location = make_location(name="Drop-in Centre")
    make_location(name="Library")

    response = curator_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "drop",
            "app_label": "resources",
            "model_name": "serviceatlocation",
            "field_name": "location",
        },
    )

    assert [result["id"] for result in response.json()["results"]] == [str(location.pk)]
