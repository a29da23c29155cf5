from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from resources import vocabulary
from resources.forms import FACET_FIELDS
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
from tests.factories import (
    get_support,
    get_term,
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

SERVICES_URL = reverse("admin:resources_service_changelist")


def make_taxonomy(**overrides):
    fields = {"name": "open-eligibility", "description": "Open Eligibility taxonomy."}
    fields.update(overrides)
    return Taxonomy.objects.create(**fields)


def make_other_term(**overrides):
    """A term of a taxonomy that is not one of our facets."""
    fields = {"code": "peer-support", "name": "Peer Support"}
    fields.update(overrides)
    if "taxonomy" not in fields:
        fields["taxonomy"] = make_taxonomy()
    return TaxonomyTerm.objects.create(**fields)


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


def admin_url(model, page, obj=None):
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}"
    return reverse(name, args=[obj.pk] if obj is not None else [])


def days_ago(days):
    return timezone.localdate() - timedelta(days=days)


def changelist_names(response):
    return {service.name for service in response.context["cl"].result_list}


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


# The changelist: search, filters, columns.


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


# The change form: facets as checkboxes, combined into Service.terms.

INLINE_PREFIXES = [
    "service_at_locations",
    "phones",
    "schedules",
    "languages",
    "service_areas",
    "contacts",
    "cost_options",
    "required_documents",
    "funding",
]


def service_form_data(service, **overrides):
    """Everything the service change form posts, with no inline rows."""
    data = {
        "name": service.name,
        "alternate_name": service.alternate_name,
        "slug": service.slug,
        "organization": service.organization_id,
        "status": service.status,
        "description": service.description,
        "alert": "",
        "eligibility_description": "",
        "minimum_age": "",
        "maximum_age": "",
        "fees_description": "",
        "application_process": "",
        "url": "",
        "email": "",
        "loaded_version": service.version,
        "_save": "Save",
    }
    for prefix in INLINE_PREFIXES:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    data.update(overrides)
    return data


def assert_saved(response):
    if response.status_code != 302:
        form = response.context["adminform"].form
        pytest.fail(f"The form did not save: {form.errors} {response.context['errors']}")


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


# Actions.


def post_action(client, action, services):
    return client.post(
        SERVICES_URL,
        {"action": action, "_selected_action": [service.pk for service in services]},
        follow=True,
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_publishing_publishes_the_selected_drafts(curator_client):
    first = make_service(status=Service.Status.DRAFT)
    already = make_service(status=Service.Status.PUBLISHED)
    untouched = make_service(status=Service.Status.DRAFT)

    response = post_action(curator_client, "publish", [first, already])

    assert messages_of(response) == ["1 service was published."]
    assert Service.objects.get(pk=first.pk).status == Service.Status.PUBLISHED
    assert Service.objects.get(pk=untouched.pk).status == Service.Status.DRAFT


def test_unpublishing_takes_published_services_back_to_draft(curator_client):
    first = make_service()
    second = make_service()
    inactive = make_service(status=Service.Status.INACTIVE)
    untouched = make_service()

    response = post_action(curator_client, "unpublish", [first, second, inactive])

    assert messages_of(response) == ["2 services were unpublished and are drafts again."]
    assert set(Service.objects.drafts()) == {first, second}
    assert Service.objects.get(pk=inactive.pk).status == Service.Status.INACTIVE
    assert Service.objects.get(pk=untouched.pk).status == Service.Status.PUBLISHED


def test_marking_verified_records_the_curator_and_today(curator_client, curator):
    first = make_service(assured_date=None)
    second = make_service(assured_date=days_ago(500))
    untouched = make_service(assured_date=days_ago(500))

    response = post_action(curator_client, "mark_verified", [first, second])

    assert messages_of(response) == ["2 services were marked as verified today."]
    for service in (first, second):
        service.refresh_from_db()
        assert service.assured_date == timezone.localdate()
        assert service.assured_by == curator
    untouched.refresh_from_db()
    assert untouched.assured_date == days_ago(500)


def test_actions_are_recorded_in_each_services_history(curator_client, curator):
    service = make_service(status=Service.Status.DRAFT)

    post_action(curator_client, "publish", [service])

    entry = LogEntry.objects.get(object_id=str(service.pk))
    assert entry.user == curator
    assert entry.get_change_message() == "Changed Status."


def test_actions_work_on_a_filtered_list(curator_client):
    service = make_service(status=Service.Status.DRAFT, terms=[get_support("emotional")])

    response = curator_client.post(
        f"{SERVICES_URL}?support=emotional",
        {"action": "publish", "_selected_action": [service.pk]},
        follow=True,
    )

    assert messages_of(response) == ["1 service was published."]


# The other admins.


def test_the_organisations_list_counts_services_without_a_query_per_row(curator_client):
    organization = make_organization(name="Busy")
    make_service(organization=organization)
    make_service(organization=organization)
    with CaptureQueriesContext(connection) as one_organization:
        response = curator_client.get(admin_url(Organization, "changelist"))
    for _ in range(3):
        make_service(organization=make_organization())

    with CaptureQueriesContext(connection) as four_organizations:
        curator_client.get(admin_url(Organization, "changelist"))

    busy = next(row for row in response.context["cl"].result_list if row.name == "Busy")
    assert busy.service_count == 2
    assert len(four_organizations) == len(one_organization)


def test_an_organisation_page_links_to_its_services(curator_client):
    service = make_service(name="Peer group")

    response = curator_client.get(admin_url(Organization, "change", service.organization))

    assert f'href="{admin_url(Service, "change", service)}"' in response.content.decode()


def test_locations_can_be_searched_by_postcode_and_filtered_by_state(curator_client):
    make_location(name="Madison", postal_code="53703", state_province="WI")
    make_location(name="Chicago", postal_code="60601", state_province="IL")

    by_postcode = curator_client.get(admin_url(Location, "changelist"), {"q": "60601"})
    by_state = curator_client.get(admin_url(Location, "changelist"), {"state_province": "WI"})

    assert [location.name for location in by_postcode.context["cl"].result_list] == ["Chicago"]
    assert [location.name for location in by_state.context["cl"].result_list] == ["Madison"]


def test_terms_can_be_filtered_by_taxonomy(curator_client):
    cost = Taxonomy.objects.get(name=vocabulary.COST)

    response = curator_client.get(
        admin_url(TaxonomyTerm, "changelist"), {"taxonomy__id__exact": cost.pk}
    )

    assert {term.code for term in response.context["cl"].result_list} == {
        "free",
        "sliding-scale",
        "insurance",
        "fee",
    }


def test_a_phone_needs_exactly_one_owner(curator_client):
    response = curator_client.post(
        admin_url(Phone, "add"), {"number": "988", "type": "voice", "position": 0}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()


def test_an_organisation_needs_the_description_open_referral_requires(curator_client):
    url = admin_url(Organization, "add")
    data = {"name": "Lakeshore Peer Network", "email": "", "website": ""}
    # The organisation page has inlines (its phones, say): posted with no rows.
    for formset in curator_client.get(url).context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )

    refused = curator_client.post(url, {**data, "description": ""})
    assert refused.status_code == 200
    assert "description" in refused.context["adminform"].form.errors
    assert not Organization.objects.filter(name="Lakeshore Peer Network").exists()

    saved = curator_client.post(url, {**data, "description": "Peer-run groups by the lake."})
    assert saved.status_code == 302
    assert Organization.objects.get(name="Lakeshore Peer Network").description
