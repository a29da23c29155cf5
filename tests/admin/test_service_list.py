"""The services list: search, the facet, verification, status and sample filters, its columns."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources import vocabulary
from resources.models import Service, Taxonomy, TaxonomyTerm
from tests.admin.conftest import SERVICES_URL, days_ago
from tests.conftest import admin_url
from tests.factories import get_support, get_term, make_organization, make_service

pytestmark = pytest.mark.django_db


def changelist_names(response):
    return {service.name for service in response.context["cl"].result_list}


def test_search_finds_services_by_name_description_and_organisation(curator_client):
    make_service(name="Grief circle")
    make_service(name="Walk and talk", description="A weekly grief walk.")
    make_service(name="Hearing voices", organization=make_organization(name="Grief Network"))
    make_service(name="Parents group")

    response = curator_client.get(SERVICES_URL, {"q": "grief"})

    assert response.status_code == 200
    assert changelist_names(response) == {"Grief circle", "Walk and talk", "Hearing voices"}


@pytest.mark.parametrize(
    ("taxonomy_name", "parameter"),
    [(taxonomy_name, taxonomy_name.split(":")[1]) for taxonomy_name in vocabulary.FACETS],
)
def test_each_facet_has_a_list_filter_of_its_terms(curator_client, taxonomy_name, parameter):
    first, second = TaxonomyTerm.objects.of(taxonomy_name)[:2]
    make_service(name="Has first", terms=[first])
    make_service(name="Has both", terms=[first, second])
    make_service(name="Has second", terms=[second])

    response = curator_client.get(SERVICES_URL, {parameter: first.code})

    assert response.status_code == 200
    assert changelist_names(response) == {"Has first", "Has both"}
    filter_titles = [str(spec.title) for spec in response.context["cl"].filter_specs]
    assert Taxonomy.objects.get(name=taxonomy_name).label in filter_titles


def test_facet_filters_combine(curator_client):
    make_service(
        name="Emotional and free",
        terms=[get_support("emotional"), get_term(vocabulary.COST, "free")],
    )
    make_service(name="Emotional only", terms=[get_support("emotional")])

    response = curator_client.get(SERVICES_URL, {"support": "emotional", "cost": "free"})

    assert changelist_names(response) == {"Emotional and free"}


def test_the_facet_filters_show_counts_when_asked(curator_client):
    make_service(terms=[get_support("emotional")])

    response = curator_client.get(SERVICES_URL, {"_facets": "True", "support": "emotional"})

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("due", {"Never", "Two years ago"}),
        ("never", {"Never"}),
        ("recent", {"Last week"}),
        ("middle", {"Nine months ago"}),
        ("overdue", {"Two years ago"}),
    ],
)
def test_the_last_verified_filter_picks_services_by_age(curator_client, value, expected):
    make_service(name="Never", assured_date=None)
    make_service(name="Last week", assured_date=days_ago(7))
    make_service(name="Nine months ago", assured_date=days_ago(270))
    make_service(name="Two years ago", assured_date=days_ago(730))

    response = curator_client.get(SERVICES_URL, {"verified": value})

    assert response.status_code == 200
    assert changelist_names(response) == expected


def test_the_overdue_limit_is_a_setting(curator_client, settings):
    settings.VERIFICATION_OVERDUE_DAYS = 30
    make_service(name="Last week", assured_date=days_ago(7))
    make_service(name="Two months ago", assured_date=days_ago(60))

    response = curator_client.get(SERVICES_URL, {"verified": "overdue"})

    assert changelist_names(response) == {"Two months ago"}


@pytest.mark.parametrize(
    ("parameters", "expected"),
    [
        ({"status__exact": "draft"}, {"Draft"}),
        ({"status__exact": "published"}, {"Published sample"}),
        ({"is_sample__exact": "1"}, {"Published sample"}),
    ],
)
def test_status_and_sample_filters(curator_client, parameters, expected):
    make_service(name="Draft", status=Service.Status.DRAFT)
    make_service(name="Published sample", is_sample=True)

    response = curator_client.get(SERVICES_URL, parameters)

    assert changelist_names(response) == expected


def test_the_list_flags_services_never_or_long_ago_verified(curator_client):
    make_service(name="Never", assured_date=None)
    make_service(name="Long ago", assured_date=days_ago(400))
    make_service(name="Recent", assured_date=days_ago(3))

    content = curator_client.get(SERVICES_URL).content.decode()

    assert content.count('class="verification-overdue"') == 2
    assert "never" in content
    assert "(overdue)" in content


def test_the_services_list_takes_the_same_queries_for_more_services(curator_client):
    make_service(terms=[get_support("emotional")])
    with CaptureQueriesContext(connection) as one_service:
        curator_client.get(SERVICES_URL)
    for _ in range(3):
        make_service(terms=[get_support("emotional")])

    with CaptureQueriesContext(connection) as four_services:
        curator_client.get(SERVICES_URL)

    assert len(four_services) == len(one_service)


def test_a_draft_is_visible_to_the_curator_but_not_to_the_public(curator_client, client):
    draft = make_service(name="Quiet draft", slug="quiet-draft", status=Service.Status.DRAFT)

    assert "Quiet draft" in changelist_names(curator_client.get(SERVICES_URL))
    assert curator_client.get(admin_url(Service, "change", draft)).status_code == 200
    client.logout()
    assert client.get("/services/quiet-draft/").status_code == 404
