"""Who may open the admin's pages: every model has one, a curator opens them all, an
anonymous visitor is sent to sign in, staff without permission are refused or read only."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from resources.models import (
    Address,
    Contact,
    CostOption,
    CrisisPhrase,
    FailedSignIn,
    Funding,
    HarvestSource,
    ImportJob,
    Language,
    Location,
    OpeningOccurrence,
    OpeningSpan,
    Organization,
    OrganizationIdentifier,
    PendingSearchRefresh,
    Phone,
    Place,
    ProblemReport,
    Program,
    ProposedChange,
    Provenance,
    RequiredDocument,
    Schedule,
    SearchSynonym,
    SearchWord,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Suggestion,
    Taxonomy,
    TaxonomyTerm,
    UsedFormToken,
)
from tests.admin.conftest import SERVICES_URL, make_other_term, make_taxonomy
from tests.conftest import admin_url
from tests.factories import (
    get_support,
    make_address,
    make_language,
    make_location,
    make_organization,
    make_phone,
    make_schedule,
    make_service,
    make_service_area,
    make_service_at_location,
)

pytestmark = pytest.mark.django_db


MAKERS = {
    Organization: make_organization,
    Service: make_service,
    Location: make_location,
    Address: make_address,
    ServiceAtLocation: make_service_at_location,
    Phone: make_phone,
    Schedule: make_schedule,
    Language: make_language,
    ServiceArea: make_service_area,
    Taxonomy: make_taxonomy,
    TaxonomyTerm: make_other_term,
    SearchSynonym: lambda: SearchSynonym.objects.create(word="glum", means="depression"),
    CrisisPhrase: lambda: CrisisPhrase.objects.create(phrase="ready to give up"),
    HarvestSource: lambda: HarvestSource.objects.create(
        name="County helplines", base_url="https://county.example/api"
    ),
    Place: lambda: Place.objects.create(
        country="US", postcode="53703", name="Madison", latitude=43.07, longitude=-89.38
    ),
    Contact: lambda: Contact.objects.create(name="Dana Reyes", service=make_service()),
    Program: lambda: Program.objects.create(
        organization=make_organization(), name="Peer bridges", description="Peer-led groups."
    ),
    Funding: lambda: Funding.objects.create(source="County grant", service=make_service()),
    CostOption: lambda: CostOption.objects.create(
        service=make_service(), option="Per session", amount=20, currency="USD"
    ),
    RequiredDocument: lambda: RequiredDocument.objects.create(
        service=make_service(), document="Photo ID"
    ),
    OrganizationIdentifier: lambda: OrganizationIdentifier.objects.create(
        organization=make_organization(), identifier_type="EIN", identifier="39-0000001"
    ),
}


def test_every_model_of_the_directory_has_an_admin():
    # django-simple-history's records are read through their own model's admin; the queue of
    # search refreshes, the index's words for spelling help and the opening hours written from
    # schedules and where each record came from (provenance) are bookkeeping, not the directory;
    # curators follow their import jobs at /admin/hsds/; the public forms' used tokens only
    # guard against a form sent twice. Failed sign-ins have their own admin, tested in
    # tests/test_sign_in.py.
    bookkeeping = {
        FailedSignIn,
        PendingSearchRefresh,
        SearchWord,
        OpeningSpan,
        OpeningOccurrence,
        ImportJob,
        Provenance,
        UsedFormToken,
    }
    models = {
        model
        for model in apps.get_app_config("resources").get_models()
        if not hasattr(model, "instance_type") and model not in bookkeeping
    }

    assert models == set(MAKERS) | {Suggestion, ProblemReport, ProposedChange}
    assert all(admin.site.is_registered(model) for model in models)


@pytest.mark.parametrize("model", MAKERS, ids=lambda model: model.__name__)
@pytest.mark.parametrize("page", ["changelist", "add"])
def test_the_list_and_add_pages_open_for_a_curator(curator_client, model, page):
    MAKERS[model]()

    response = curator_client.get(admin_url(model, page))

    assert response.status_code == 200


@pytest.mark.parametrize("model", MAKERS, ids=lambda model: model.__name__)
@pytest.mark.parametrize("page", ["change", "delete", "history"])
def test_the_pages_of_one_record_open_for_a_curator(curator_client, model, page):
    obj = MAKERS[model]()

    response = curator_client.get(admin_url(model, page, obj))

    assert response.status_code == 200


@pytest.mark.parametrize("model", MAKERS, ids=lambda model: model.__name__)
@pytest.mark.parametrize("page", ["changelist", "add", "change", "delete", "history"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, model, page):
    obj = MAKERS[model]()
    url = admin_url(model, page, None if page in ("changelist", "add") else obj)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_staff_without_permission_cannot_see_the_services(client):
    staff = get_user_model().objects.create_user("helper", password="x", is_staff=True)
    client.force_login(staff)

    response = client.get(SERVICES_URL)

    assert response.status_code == 403


@pytest.fixture
def reader_client(client):
    """A staff member who may look at services but not change them."""
    reader = get_user_model().objects.create_user("reader", password="x", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_service"))
    client.force_login(reader)
    return client


def test_staff_with_view_permission_sees_a_read_only_service(reader_client):
    service = make_service()

    response = reader_client.get(admin_url(Service, "change", service))

    assert response.status_code == 200
    assert not response.context["has_change_permission"]


def test_a_read_only_service_page_lists_its_terms_by_facet(reader_client):
    service = make_service(terms=[get_support("coping"), make_other_term(name="Peer Support")])

    content = reader_client.get(admin_url(Service, "change", service)).content.decode()

    assert "Kind of support: Coping strategies" in content
    assert "open-eligibility: Peer Support" in content
    assert 'name="facet_support"' not in content
