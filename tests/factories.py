"""Small make_<model>(**overrides) helpers: the least data each model needs, and nothing more.

Each writes its record as a save in the application would: in a transaction of its own, then
committed, so what waits for the commit (the search index) follows as it would there. A test
runs in a transaction that never commits: the commit's callbacks are run by hand.
"""

import functools
import operator
from decimal import Decimal
from itertools import count

from django.db import transaction
from django.db.models import Q
from django.test import TestCase

from resources import vocabulary
from resources.models import (
    Address,
    Language,
    Location,
    Organization,
    Phone,
    Place,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)

_numbers = count(1)
_committing = False


def committed(make):
    @functools.wraps(make)
    def make_and_commit(*args, **kwargs):
        global _committing
        if _committing:  # within another factory, which commits the lot
            return make(*args, **kwargs)
        _committing = True
        try:
            with TestCase.captureOnCommitCallbacks(execute=True), transaction.atomic():
                return make(*args, **kwargs)
        finally:
            _committing = False

    return make_and_commit


@committed
def make_organization(**overrides):
    fields = {"name": f"Organisation {next(_numbers)}", "description": "Helps people."}
    fields.update(overrides)
    return Organization.objects.create(**fields)


@committed
def make_service(*, terms=(), **overrides):
    """A published service; `terms` takes (taxonomy name, code) pairs or TaxonomyTerm objects."""
    number = next(_numbers)
    fields = {
        "name": f"Service {number}",
        "slug": f"service-{number}",
        "description": "Somebody listens.",
        "status": Service.Status.PUBLISHED,
    }
    fields.update(overrides)
    if "organization" not in fields:
        fields["organization"] = make_organization()
    service = Service.objects.create(**fields)
    if terms:
        service.terms.set(get_terms(terms))
    return service


def get_term(taxonomy_name, code):
    return TaxonomyTerm.objects.get(taxonomy__name=taxonomy_name, code=code)


def get_terms(terms):
    """The terms `terms` names, as make_service takes them, read in one query."""
    pairs = [term for term in terms if isinstance(term, tuple)]
    found = {}
    if pairs:
        named = functools.reduce(
            operator.or_, (Q(taxonomy__name=name, code=code) for name, code in pairs)
        )
        found = {
            (term.taxonomy.name, term.code): term
            for term in TaxonomyTerm.objects.filter(named).select_related("taxonomy")
        }
    missing = [pair for pair in pairs if pair not in found]
    if missing:
        raise TaxonomyTerm.DoesNotExist(f"No such terms: {missing}")
    return [found[term] if isinstance(term, tuple) else term for term in terms]


def get_support(code):
    return get_term(vocabulary.SUPPORT, code)


@committed
def make_location(**overrides):
    fields = {
        "name": f"Location {next(_numbers)}",
        "address_1": "1 Main Street",
        "city": "Madison",
        "state_province": "WI",
        "postal_code": "53703",
        "latitude": 43.0731,
        "longitude": -89.4012,
    }
    fields.update(overrides)
    return Location.objects.create(**fields)


@committed
def make_address(**overrides):
    fields = {"address_1": "PO Box 12", "city": "Madison", "state_province": "WI"}
    fields.update(overrides)
    fields.setdefault("location", make_location())
    return Address.objects.create(**fields)


@committed
def make_service_at_location(service=None, location=None, **overrides):
    return ServiceAtLocation.objects.create(
        service=service or make_service(), location=location or make_location(), **overrides
    )


@committed
def make_phone(**overrides):
    fields = {"number": "608-555-0100"}
    fields.update(overrides)
    if not any(fields.get(owner) for owner in ("service", "location", "organization", "contact")):
        fields["service"] = make_service()
    return Phone.objects.create(**fields)


@committed
def make_schedule(**overrides):
    fields = {"freq": Schedule.Frequency.WEEKLY, "byday": "MO,TU,WE,TH,FR"}
    fields.update(overrides)
    if not fields.get("service") and not fields.get("location"):
        fields["service"] = make_service()
    return Schedule.objects.create(**fields)


@committed
def make_language(**overrides):
    fields = {"code": "es"}
    fields.update(overrides)
    if "service" not in fields:
        fields["service"] = make_service()
    return Language.objects.create(**fields)


@committed
def make_madison():
    """Madison, Wisconsin (53703), the place the "near" tests measure from."""
    return Place.objects.create(
        country="US", postcode="53703", name="Madison", region="WI", county="Dane County",
        latitude=Decimal("43.0775"), longitude=Decimal("-89.3831"),
    )  # fmt: skip


def make_service_area(**overrides):
    fields = {"name": "Wisconsin"}
    fields.update(overrides)
    if "service" not in fields:
        fields["service"] = make_service()
    return ServiceArea.objects.create(**fields)
