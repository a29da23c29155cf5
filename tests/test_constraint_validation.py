"""A record's check constraints are validated in one query, with the errors and messages Django
gives when it asks about each on its own."""

import uuid
from datetime import date, time
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from resources.models import (
    Address,
    Contact,
    CostOption,
    CrisisPhrase,
    Funding,
    Language,
    Location,
    Organization,
    OrganizationIdentifier,
    Phone,
    Program,
    Provenance,
    RequiredDocument,
    Schedule,
    SearchSynonym,
    Service,
    ServiceArea,
    TaxonomyTerm,
)
from resources.models.base import HSDSRecord

pytestmark = pytest.mark.django_db

ORG_ID = uuid.uuid4()


def valid(model, **overrides):
    """An unsaved record that breaks none of its check constraints."""
    fields = {
        Service: {"name": "Warmline", "slug": "warmline", "description": "Listens."},
        ServiceArea: {"name": "Wisconsin", "service_id": uuid.uuid4()},
        Language: {"code": "es", "service_id": uuid.uuid4()},
        Phone: {"number": "988", "service_id": uuid.uuid4()},
        Schedule: {"byday": "MO", "service_id": uuid.uuid4()},
        Location: {"name": "Hall", "latitude": Decimal(43), "longitude": Decimal(-89)},
        TaxonomyTerm: {"code": "peer", "name": "Peer", "taxonomy_id": uuid.uuid4()},
        SearchSynonym: {"word": "sad", "means": "depression"},
        CrisisPhrase: {"phrase": "not on the starting list"},
        Provenance: {"kind": "service", "record_id": uuid.uuid4(), "source": "curator"},
        Address: {"address_1": "PO Box 99", "location_id": uuid.uuid4()},
        Organization: {"name": "Hope", "description": "Helps.", "id": ORG_ID},
        Contact: {"service_id": uuid.uuid4()},
        Program: {"name": "Peer", "description": "Groups.", "organization_id": uuid.uuid4()},
        Funding: {"source": "Grant", "service_id": uuid.uuid4()},
        CostOption: {"currency": "USD", "amount": Decimal(5), "service_id": uuid.uuid4()},
        RequiredDocument: {"document": "Photo ID", "service_id": uuid.uuid4()},
        OrganizationIdentifier: {
            "identifier_type": "EIN",
            "identifier": "39-0000001",
            "organization_id": uuid.uuid4(),
        },
    }[model]
    return model(**{**fields, **overrides})


VIOLATIONS = {
    "service_status_valid": (Service, {"status": "archived"}),
    "service_has_slug": (Service, {"slug": ""}),
    "service_has_name": (Service, {"name": ""}),
    "service_minimum_age_not_above_maximum": (Service, {"minimum_age": 30, "maximum_age": 12}),
    "service_area_has_name": (ServiceArea, {"name": ""}),
    "language_code_iso_639": (Language, {"code": "e5"}),
    "phone_type_valid": (Phone, {"type": "modem"}),
    "phone_has_number": (Phone, {"number": ""}),
    "phone_belongs_to_something": (Phone, {"service_id": None}),
    "schedule_freq_valid": (Schedule, {"freq": "DAILY"}),
    "schedule_interval_positive": (Schedule, {"interval": 0}),
    "schedule_byday_rfc5545": (Schedule, {"byday": "Mondays"}),
    "schedule_bymonthday_rfc5545": (Schedule, {"bymonthday": "first"}),
    "schedule_times_together": (Schedule, {"opens_at": time(9)}),
    "schedule_until_not_before_start": (
        Schedule,
        {"dtstart": date(2026, 5, 2), "until": date(2026, 5, 1)},
    ),
    "schedule_belongs_to_service_or_location": (Schedule, {"service_id": None}),
    "schedule_valid_to_not_before_valid_from": (
        Schedule,
        {"valid_from": date(2026, 5, 2), "valid_to": date(2026, 5, 1)},
    ),
    "schedule_wkst_valid": (Schedule, {"wkst": "XX"}),
    "address_type_valid": (Address, {"address_type": "home"}),
    "location_type_valid": (Location, {"location_type": "moon"}),
    "organization_not_its_own_parent": (Organization, {"parent_organization_id": ORG_ID}),
    "location_latitude_in_range": (Location, {"latitude": Decimal(91)}),
    "location_longitude_in_range": (Location, {"longitude": Decimal(-181)}),
    "location_coordinates_together": (Location, {"longitude": None}),
    "location_approximate_has_coordinates": (
        Location,
        {"coordinates_approximate": True, "latitude": None, "longitude": None},
    ),
    "taxonomy_term_has_code": (TaxonomyTerm, {"code": ""}),
    "search_synonym_word_is_lower_case_words": (SearchSynonym, {"word": "Two Words"}),
    "search_synonym_has_meaning": (SearchSynonym, {"means": ""}),
    "crisis_phrase_is_not_empty": (CrisisPhrase, {"phrase": ""}),
    "provenance_kind_and_source_given": (Provenance, {"source": ""}),
    "contact_belongs_to_something": (Contact, {"service_id": None}),
    "program_has_name": (Program, {"name": ""}),
    "program_has_description": (Program, {"description": ""}),
    "funding_has_source": (Funding, {"source": ""}),
    "funding_belongs_to_something": (Funding, {"service_id": None}),
    "cost_option_valid_from_not_after_valid_to": (
        CostOption,
        {"valid_from": date(2026, 5, 2), "valid_to": date(2026, 5, 1)},
    ),
    "cost_option_amount_not_negative": (CostOption, {"amount": Decimal(-1)}),
    "cost_option_currency_iso_4217": (CostOption, {"currency": "usd"}),
    "required_document_has_document": (RequiredDocument, {"document": ""}),
    "organization_identifier_has_type": (OrganizationIdentifier, {"identifier_type": ""}),
    "organization_identifier_has_identifier": (OrganizationIdentifier, {"identifier": ""}),
}


def check_constraints_of_records():
    return {
        constraint.name: model
        for model in apps.get_app_config("resources").get_models()
        if issubclass(model, HSDSRecord)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.CheckConstraint)
    }


def errors_of(validate):
    try:
        validate()
    except ValidationError as error:
        return error.message_dict
    return {}


def check_queries(queries):
    return [query for query in queries.captured_queries if '"_check"' in query["sql"]]


def test_every_check_constraint_of_a_record_is_tried_here():
    assert {name: model for name, (model, _fields) in VIOLATIONS.items()} == (
        check_constraints_of_records()
    )


@pytest.mark.parametrize("name", VIOLATIONS)
def test_a_broken_check_constraint_gives_djangos_own_error(name):
    model, fields = VIOLATIONS[name]
    record = valid(model, **fields)
    constraint = next(c for c in model._meta.constraints if c.name == name)

    ours = errors_of(record.validate_constraints)
    djangos = errors_of(lambda: models.Model.validate_constraints(record))

    assert ours == djangos
    assert constraint.get_violation_error_message() in ours["__all__"]


@pytest.mark.parametrize("model", sorted(set(check_constraints_of_records().values()), key=str))
def test_the_check_constraints_of_a_valid_record_take_one_query(model):
    record = valid(model)

    with CaptureQueriesContext(connection) as queries:
        record.validate_constraints()

    assert len(check_queries(queries)) == 1


def test_checks_on_excluded_fields_are_skipped_as_django_skips_them():
    record = valid(Service, minimum_age=30, maximum_age=12, name="")

    ours = errors_of(lambda: record.validate_constraints(exclude={"maximum_age"}))
    djangos = errors_of(lambda: models.Model.validate_constraints(record, exclude={"maximum_age"}))

    assert ours == djangos == {"__all__": ["Constraint “service_has_name” is violated."]}


def test_two_broken_checks_give_both_errors():
    record = valid(Schedule, interval=0, service_id=None)

    assert errors_of(record.validate_constraints) == errors_of(
        lambda: models.Model.validate_constraints(record)
    )
    assert len(errors_of(record.validate_constraints)["__all__"]) == 2
