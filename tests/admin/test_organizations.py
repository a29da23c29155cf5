"""The organisations' pages: the list, an organisation's page, adding one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.models import Organization, Service
from tests.conftest import admin_url
from tests.factories import make_organization, make_service

pytestmark = pytest.mark.django_db


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
