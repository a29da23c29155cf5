"""Records for the API's NDJSON streams: a batch at a time, as plain rows, not model instances.

A stream reads the ids of its listing, in order, with `.iterator(chunk_size=BATCH)` (a
server-side cursor on PostgreSQL); for each batch it reads the records and what hangs off them
with one query per table. The rows carry the same attribute names as the models, and their
related records as lists, so the functions of resources.hsds.serialize turn them into exactly
what they make of model instances. Building model instances and prefetching through the ORM took
five times the CPU time (2.5 ms a full service against 0.5 ms; issue 11).
"""

from collections import defaultdict
from itertools import batched, chain, islice
from types import SimpleNamespace

from django.db import connection
from django.db.models import Q, TextField, UUIDField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from resources.hsds import serialize
from resources.languages import language_name
from resources.models import (
    Address,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    Organization,
    OrganizationIdentifier,
    Phone,
    Program,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)

# Records read and completed together: enough to keep the queries per record low, few enough
# that a batch's rows stay a few megabytes.
BATCH = 2000
FIRST_BATCH = 100
# An organisation brings its services along (in full with full_service): fewer at a time.
ORGANIZATION_BATCH = 200


class Row(SimpleNamespace):
    """One record's columns as attributes, read by the serializers like a model instance."""


def _columns(model, exclude=()):
    return [field for field in model._meta.concrete_fields if field.name not in exclude]


def _is_uuid(field):
    return isinstance(field.target_field if field.is_relation else field, UUIDField)


def _select(columns):
    """What to select for `columns`. PostgreSQL sends ids as text, written as str(uuid) writes
    them: the serializers then turn no UUIDs into strings, some sixty for a full service."""
    if connection.vendor != "postgresql":
        return [field.attname for field in columns]
    return [
        Cast(field.attname, TextField()) if _is_uuid(field) else field.attname for field in columns
    ]


# What no serializer reads stays in the database: the stored search columns, and the times of
# everything but services (HSDS has a last_modified for services only).
UNREAD = ("created", "modified")
SERVICE_COLUMNS = _columns(Service, exclude=("search_text", "search_vector", "search_vector_es"))
ORGANIZATION_COLUMNS = _columns(Organization, exclude=UNREAD)
LOCATION_COLUMNS = _columns(Location, exclude=UNREAD)
LINK_COLUMNS = _columns(ServiceAtLocation, exclude=UNREAD)
PHONE_COLUMNS = _columns(Phone, exclude=UNREAD)
SCHEDULE_COLUMNS = _columns(Schedule, exclude=UNREAD)
LANGUAGE_COLUMNS = _columns(Language, exclude=UNREAD)
AREA_COLUMNS = _columns(ServiceArea, exclude=UNREAD)
ADDRESS_COLUMNS = _columns(Address, exclude=UNREAD)
TERM_LINK_COLUMNS = _columns(Service.terms.through, exclude=("id",))
CONTACT_COLUMNS = _columns(Contact, exclude=UNREAD)
PROGRAM_COLUMNS = _columns(Program, exclude=UNREAD)
FUNDING_COLUMNS = _columns(Funding, exclude=UNREAD)
COST_OPTION_COLUMNS = _columns(CostOption, exclude=UNREAD)
DOCUMENT_COLUMNS = _columns(RequiredDocument, exclude=UNREAD)
IDENTIFIER_COLUMNS = _columns(OrganizationIdentifier, exclude=UNREAD)


def _batches(queryset, columns, size=None):
    """`queryset`'s records as rows, in its own order, a list of `size` (BATCH) at a time.

    The cursor reads ids alone, in order: sorting narrow rows is quick, so the first batch comes
    at once (sorting whole rows of 100,000 services spilled to disk for over a second). Each batch
    then reads its rows by id.
    """
    size = size or BATCH
    ids = queryset.values_list(*_select([queryset.model._meta.pk]), flat=True)
    ids = iter(ids.iterator(chunk_size=size))
    # A small first batch: the first lines go out before a whole batch is read and written.
    first = tuple(islice(ids, min(FIRST_BATCH, size)))
    for batch in chain([first] if first else [], batched(ids, size)):
        found = _related(queryset.model.objects.all(), columns, "id", batch)
        by_id = {row.id: row for row in found}
        # Without PostgreSQL's snapshot (resources.api.responses) a record may go meanwhile.
        yield [by_id[record_id] for record_id in batch if record_id in by_id]


def _rows(queryset, columns):
    names = [field.attname for field in columns]
    values = queryset.values_list(*_select(columns))
    return [Row(**dict(zip(names, record, strict=True))) for record in values]


def _in(name, ids):
    """`name__in=ids`; on PostgreSQL as one parameter, not one an id, each prepared by Django
    and psycopg: that took a third of the time of a batch's queries."""
    if connection.vendor != "postgresql":
        return Q(**{f"{name}__in": ids})
    ids = ",".join(str(record_id) for record_id in ids)
    return Q(**{f"{name}__in": RawSQL("SELECT unnest(string_to_array(%s, ',')::uuid[])", [ids])})


def _by(rows, key):
    groups = defaultdict(list)
    for row in rows:
        groups[getattr(row, key)].append(row)
    return groups


def _ids(rows, key="id"):
    return {getattr(row, key) for row in rows}


# Each query below keeps its model's default ordering (Meta.ordering), as the ORM's prefetches do:
# schedules and languages are listed in that order.


def _related(queryset, columns, name, ids):
    """Rows of `queryset` whose `name` is one of `ids`."""
    return _rows(queryset.filter(_in(name, ids)), columns)


def _organizations(ids):
    organizations = _related(Organization.objects.all(), ORGANIZATION_COLUMNS, "id", ids)
    return {row.id: row for row in organizations}


def _contacts(name, ids):
    """The contacts whose `name` is one of `ids`, each with its phones, grouped by `name`."""
    contacts = _related(Contact.objects.all(), CONTACT_COLUMNS, name, ids)
    if contacts:
        phones = _by(
            _related(Phone.objects.all(), PHONE_COLUMNS, "contact_id", _ids(contacts)), "contact_id"
        )
        for contact in contacts:
            contact.phones = phones[contact.id]
    return _by(contacts, name)


def _with_locations_in_full(locations):
    """Give each location row its phones, schedules and contacts."""
    ids = _ids(locations)
    phones = _by(_related(Phone.objects.all(), PHONE_COLUMNS, "location_id", ids), "location_id")
    schedules = _by(
        _related(Schedule.objects.all(), SCHEDULE_COLUMNS, "location_id", ids), "location_id"
    )
    addresses = _by(
        _related(Address.objects.all(), ADDRESS_COLUMNS, "location_id", ids), "location_id"
    )
    contacts = _contacts("location_id", ids)
    for location in locations:
        location.phones = phones[location.id]
        location.schedules = schedules[location.id]
        location.addresses = addresses[location.id]
        location.contacts = contacts[location.id]
    return locations


def _with_place_parts(links):
    """Give each service-at-location row its own phones and schedules."""
    ids = _ids(links)
    phones = _by(
        _related(Phone.objects.all(), PHONE_COLUMNS, "service_at_location_id", ids),
        "service_at_location_id",
    )
    schedules = _by(
        _related(Schedule.objects.all(), SCHEDULE_COLUMNS, "service_at_location_id", ids),
        "service_at_location_id",
    )
    for link in links:
        link.phones = phones[link.id]
        link.schedules = schedules[link.id]
    return links


def _locations(ids, *, full):
    locations = _related(Location.objects.all(), LOCATION_COLUMNS, "id", ids)
    if full:
        _with_locations_in_full(locations)
    return {row.id: row for row in locations}


class _Terms:
    """Taxonomy terms with their taxonomies, each read once in a stream (there are few)."""

    def __init__(self):
        self.known = {}

    def __call__(self, ids):
        missing = set(ids) - self.known.keys()
        if missing:
            terms = TaxonomyTerm.objects.filter(_in("id", missing)).select_related("taxonomy")
            for term in terms:
                # Every attribute of the term carries the same object: serialize it once.
                term.hsds = serialize.taxonomy_term(term)
                # Keyed as the links name them: as text on PostgreSQL (_select).
                self.known[str(term.id) if connection.vendor == "postgresql" else term.id] = term
        return self.known


def _with_organizations(services):
    organizations = _organizations(_ids(services, "organization_id"))
    for service in services:
        service.organization = organizations[service.organization_id]
    return services


def _with_everything(services, terms):
    """Give each service row what serialize.service_full reads."""
    ids = _ids(services)

    def of_services(queryset, columns):
        return _by(_related(queryset, columns, "service_id", ids), "service_id")

    phones = of_services(Phone.objects.all(), PHONE_COLUMNS)
    schedules = of_services(Schedule.objects.all(), SCHEDULE_COLUMNS)
    languages = of_services(Language.objects.all(), LANGUAGE_COLUMNS)
    areas = of_services(ServiceArea.objects.all(), AREA_COLUMNS)
    contacts = _contacts("service_id", ids)
    funding = of_services(Funding.objects.all(), FUNDING_COLUMNS)
    cost_options = of_services(CostOption.objects.all(), COST_OPTION_COLUMNS)
    documents = of_services(RequiredDocument.objects.all(), DOCUMENT_COLUMNS)
    program_ids = {service.program_id for service in services if service.program_id}
    programs = _by(
        _related(Program.objects.all(), PROGRAM_COLUMNS, "id", program_ids) if program_ids else [],
        "id",
    )
    links = _with_place_parts(
        _related(ServiceAtLocation.objects.all(), LINK_COLUMNS, "service_id", ids)
    )
    locations = _locations(_ids(links, "location_id"), full=True)
    link_contacts = _contacts("service_at_location_id", _ids(links)) if links else {}
    for link in links:
        link.location = locations[link.location_id]
        link.contacts = link_contacts.get(link.id, [])
    links = _by(links, "service_id")
    term_ids = defaultdict(list)
    for link in _related(Service.terms.through.objects.all(), TERM_LINK_COLUMNS, "service_id", ids):
        term_ids[link.service_id].append(link.taxonomyterm_id)
    known_terms = terms({term_id for found in term_ids.values() for term_id in found})
    for found in languages.values():
        for language in found:
            language.name = language_name(language.code)
    for service in services:
        service.phones = phones[service.id]
        service.schedules = schedules[service.id]
        service.languages = languages[service.id]
        service.service_areas = areas[service.id]
        service.service_at_locations = links[service.id]
        service.terms = [known_terms[term_id] for term_id in term_ids[service.id]]
        service.contacts = contacts[service.id]
        service.funding = funding[service.id]
        service.cost_options = cost_options[service.id]
        service.required_documents = documents[service.id]
        service.program = next(iter(programs[service.program_id]), None)
    return services


def services(queryset, *, full=True):
    """The services of `queryset`, in its order, ready for serialize.service_brief (with their
    organisation) or, when `full`, for serialize.service_full."""
    terms = _Terms()
    for batch in _batches(queryset, SERVICE_COLUMNS):
        _with_organizations(batch)
        if full:
            _with_everything(batch, terms)
        yield from batch


def service_at_locations(queryset, *, full=False):
    """Links of `queryset`, in its order, ready for serialize.service_at_location(_brief)."""
    for batch in _batches(queryset, LINK_COLUMNS):
        if full:
            _with_place_parts(batch)
        locations = _locations(_ids(batch, "location_id"), full=full)
        services = _related(Service.objects.all(), SERVICE_COLUMNS, "id", _ids(batch, "service_id"))
        services = {service.id: service for service in _with_organizations(services)}
        contacts = _contacts("service_at_location_id", _ids(batch)) if full else {}
        for link in batch:
            link.location = locations[link.location_id]
            link.service = services[link.service_id]
            link.contacts = contacts.get(link.id, [])
        yield from batch


def organizations(queryset, *, services_queryset, full_service=False):
    """Organisations of `queryset`, in its order, ready for serialize.organization_full: each
    with its services of `services_queryset` (in that queryset's order), phones and locations."""
    terms = _Terms()
    for batch in _batches(queryset, ORGANIZATION_COLUMNS, size=ORGANIZATION_BATCH):
        ids = _ids(batch)
        services = _related(services_queryset, SERVICE_COLUMNS, "organization_id", ids)
        _with_organizations(services)
        if full_service:
            _with_everything(services, terms)
        services = _by(services, "organization_id")
        phones = _by(
            _related(Phone.objects.all(), PHONE_COLUMNS, "organization_id", ids), "organization_id"
        )
        locations = _related(Location.objects.all(), LOCATION_COLUMNS, "organization_id", ids)
        locations = _by(_with_locations_in_full(locations), "organization_id")
        contacts = _contacts("organization_id", ids)

        programs, funding, identifiers = (
            _by(_related(model.objects.all(), columns, "organization_id", ids), "organization_id")
            for model, columns in [
                (Program, PROGRAM_COLUMNS),
                (Funding, FUNDING_COLUMNS),
                (OrganizationIdentifier, IDENTIFIER_COLUMNS),
            ]
        )
        for organization in batch:
            organization.hsds_services = services[organization.id]
            organization.phones = phones[organization.id]
            organization.locations = locations[organization.id]
            organization.contacts = contacts[organization.id]
            organization.programs = programs[organization.id]
            organization.funding = funding[organization.id]
            organization.organization_identifiers = identifiers[organization.id]
        yield from batch


def records(queryset):
    """Model instances, for the short listings (taxonomies, terms): a server-side cursor too."""
    return queryset.iterator(chunk_size=BATCH)
