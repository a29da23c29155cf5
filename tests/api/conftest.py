import datetime

import pytest

from resources import vocabulary
from resources.models import (
    Contact,
    CostOption,
    Funding,
    OrganizationIdentifier,
    Program,
    RequiredDocument,
)
from tests.factories import (
    committed,
    make_language,
    make_location,
    make_organization,
    make_phone,
    make_schedule,
    make_service,
    make_service_area,
    make_service_at_location,
)
from tests.hsds_spec import require_spec_dir


@committed
def make_rich_service(**overrides):
    """A published service with one of everything the API nests, written and committed as one
    save: its search document is made once, from the whole of it."""
    organization = make_organization(email="hello@example.org", website="https://example.org")
    program = Program.objects.create(
        organization=organization, name="Peer programme", description="Groups led by peers."
    )
    service = make_service(
        organization=organization,
        program=program,
        terms=[(vocabulary.SUPPORT, "emotional"), (vocabulary.COST, "free")],
        url="https://example.org/group",
        email="group@example.org",
        minimum_age=16,
        assured_date=datetime.date(2026, 1, 15),
        **overrides,
    )
    location = make_location(organization=organization, accessibility="Step-free entrance.")
    link = make_service_at_location(
        service=service, location=location, description="Upstairs room."
    )
    make_phone(service=service, number="608-555-0101", extension="12", type="sms")
    make_phone(location=location, number="608-555-0102")
    make_phone(organization=organization, number="608-555-0103", type="tty")
    make_schedule(service=service, opens_at="18:00", closes_at="19:30")
    make_schedule(location=location, freq="MONTHLY", byday="2TU")
    make_language(service=service, code="es", note="Interpreter on request.")
    make_service_area(service=service, name="Wisconsin")
    _give_the_smaller_tables(service, organization, location, link)
    return service


def _give_the_smaller_tables(service, organization, location, link):
    """One of each of HSDS's smaller records, at every place HSDS nests them."""
    for owner in [
        {"service": service},
        {"organization": organization},
        {"location": location},
        {"service_at_location": link},
    ]:
        contact = Contact.objects.create(name="Dana Reyes", title="Coordinator", **owner)
        make_phone(contact=contact, number="608-555-0110")
    Funding.objects.create(service=service, source="County grant")
    Funding.objects.create(organization=organization, source="Donations")
    CostOption.objects.create(service=service, option="Per session", currency="USD", amount="12.50")
    RequiredDocument.objects.create(service=service, document="Photo ID")
    OrganizationIdentifier.objects.create(
        organization=organization, identifier_type="EIN", identifier="39-0000001"
    )


@pytest.fixture
def hsds_spec():
    return require_spec_dir()


@pytest.fixture
def rich_service(db):
    return make_rich_service()
