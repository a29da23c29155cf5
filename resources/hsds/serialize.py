"""Our records as HSDS 3.0 objects: plain functions shared by the API and the export.

Empty values are left out rather than sent as "" or null: the HSDS schemas type every field as a
plain string or number, and an empty web address or email is not a valid one. Fields the schemas
require (a taxonomy's description, say) are always present.

Our facets travel as `attribute` records linking a service to a taxonomy term. We keep the link as
a plain many-to-many row without an id of its own, so the attribute's id is derived:
`attribute_id(service_id, term_id)` is the same on every export and every deployment.
"""

import hashlib
import uuid
from datetime import UTC
from functools import lru_cache

from django.db.models import Prefetch

from resources.models import (
    Contact,
    Location,
    Phone,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)

# Our service statuses as HSDS's: a draft is not served, but exports say what it is.
HSDS_STATUS = {
    Service.Status.PUBLISHED: "active",
    Service.Status.INACTIVE: "inactive",
    Service.Status.DRAFT: "inactive",
    Service.Status.TEMPORARILY_CLOSED: "temporarily closed",
    Service.Status.DEFUNCT: "defunct",
}


def attribute_id(service_id, term_id):
    """uuid5(service id, term id as text), as text: what uuid.uuid5 gives, without building the
    UUID objects, which took a tenth of a full dump's time (100,000 services, 7 terms each)."""
    name = _uuid(service_id).bytes + str(term_id).encode()
    digest = bytearray(hashlib.sha1(name, usedforsecurity=False).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def accessibility_id(location_id):
    return uuid.uuid5(_uuid(location_id), "accessibility")


@lru_cache(maxsize=4096)
def _uuid(value):
    # A stream's rows carry ids as text (resources.hsds.rows), a service's once a term.
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


def compact(record, required=()):
    """Drop empty values, except those the schema requires."""
    return {
        key: value
        for key, value in record.items()
        if key in required or (value is not None and value != "" and value != [])
    }


def described(text, name):
    """A description HSDS requires (taxonomies, terms, organisations): never empty, as the
    tabular form reads an empty cell as a missing value. A record without one is described by
    its name."""
    return text or name


def _id(value):
    return str(value) if value else None


def timestamp(moment):
    if moment is None:
        return None
    moment = moment.astimezone(UTC)
    # Milliseconds when nothing finer is held, as publishers write them ("…10:30:45.123Z").
    timespec = "milliseconds" if moment.microsecond % 1000 == 0 else "auto"
    if moment.microsecond == 0:
        timespec = "seconds"
    return moment.isoformat(timespec=timespec).replace("+00:00", "Z")


def _date(value):
    return value.isoformat() if value else None


def _time(value):
    return value.isoformat() if value else None


def _number(value):
    return float(value) if value is not None else None


def _amount(value):
    # A DecimalField of four places: 25.5000 travels as 25.5, a whole 40.0000 as 40.
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _extension(value):
    # HSDS types an extension as a number; ours is text, so only plain digits travel.
    return int(value) if value and value.isdigit() else None


# -- QuerySets that load everything a serializer below touches, in a fixed number of queries --


def _contacts():
    return Prefetch("contacts", queryset=Contact.objects.prefetch_related("phones"))


def _locations_in_full():
    return Location.objects.prefetch_related("phones", "schedules", "addresses", _contacts())


def services_for_hsds(queryset, *, full=True):
    queryset = queryset.select_related("organization")
    if not full:
        return queryset
    return queryset.select_related("program").prefetch_related(
        "phones",
        "schedules",
        "languages",
        "service_areas",
        _contacts(),
        "funding",
        "cost_options",
        "required_documents",
        Prefetch("terms", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.prefetch_related(
                _contacts(),
                "phones",
                "schedules",
                Prefetch("location", queryset=_locations_in_full()),
            ),
        ),
    )


def service_at_locations_for_hsds(queryset, *, full=False):
    queryset = queryset.select_related("service__organization", "location")
    if not full:
        return queryset
    return queryset.prefetch_related(
        _contacts(),
        "phones",
        "schedules",
        "location__phones",
        "location__schedules",
        "location__addresses",
        "location__contacts__phones",
    )


def organizations_for_hsds(queryset, *, full=True, services=None):
    if not full:
        return queryset
    return queryset.prefetch_related(
        "phones",
        _contacts(),
        "programs",
        "funding",
        "organization_identifiers",
        Prefetch("locations", queryset=_locations_in_full()),
        Prefetch("services", queryset=services, to_attr="hsds_services"),
    )


# -- One function per HSDS object --


def organization(org):
    return compact(
        {
            "id": str(org.id),
            "name": org.name,
            "alternate_name": org.alternate_name,
            "description": org.description,
            "email": org.email,
            "website": org.website,
            "tax_status": org.tax_status,
            "tax_id": org.tax_id,
            "year_incorporated": org.year_incorporated,
            "legal_status": org.legal_status,
            "logo": org.logo,
            "uri": org.uri,
            "parent_organization_id": _id(org.parent_organization_id),
        },
        required=("description",),
    ) | {"description": described(org.description, org.name)}


def organization_full(org, *, service_serializer=None):
    data = organization_with_details(org)
    service_serializer = service_serializer or service_brief
    data["services"] = [service_serializer(s) for s in getattr(org, "hsds_services", [])]
    data["locations"] = [location(loc) for loc in _by_id(_related(org, "locations"))]
    return data


def organization_with_details(org):
    """An organisation with what hangs off it but its services and places: how a service in
    the JSON export carries it, so that nothing of the organisation is left behind."""
    data = organization(org)
    data["phones"] = [phone(p) for p in _phones(_related(org, "phones"))]
    data["contacts"] = [contact(c) for c in _by_id(_related(org, "contacts"))]
    data["programs"] = [program(p) for p in _by_id(_related(org, "programs"))]
    data["funding"] = [funding(f) for f in _by_id(_related(org, "funding"))]
    data["organization_identifiers"] = [
        organization_identifier(i) for i in _by_id(_related(org, "organization_identifiers"))
    ]
    return data


def organization_identifier(identifier):
    return compact(
        {
            "id": str(identifier.id),
            "organization_id": str(identifier.organization_id),
            "identifier_scheme": identifier.identifier_scheme,
            "identifier_type": identifier.identifier_type,
            "identifier": identifier.identifier,
        },
        required=("identifier_type", "identifier"),
    )


def program(prog):
    return compact(
        {
            "id": str(prog.id),
            "organization_id": str(prog.organization_id),
            "name": prog.name,
            "alternate_name": prog.alternate_name,
            "description": prog.description,
        },
        required=("name", "description"),
    )


def funding(fund):
    return compact(
        {
            "id": str(fund.id),
            "organization_id": _id(fund.organization_id),
            "service_id": _id(fund.service_id),
            "source": fund.source,
        }
    )


def cost_option(option):
    return compact(
        {
            "id": str(option.id),
            "service_id": str(option.service_id),
            "valid_from": _date(option.valid_from),
            "valid_to": _date(option.valid_to),
            "option": option.option,
            "currency": option.currency,
            "amount": _amount(option.amount),
            "amount_description": option.amount_description,
        }
    )


def required_document(document):
    return compact(
        {
            "id": str(document.id),
            "service_id": str(document.service_id),
            "document": document.document,
            "uri": document.uri,
        }
    )


def contact_brief(c):
    return compact(
        {
            "id": str(c.id),
            "organization_id": _id(c.organization_id),
            "service_id": _id(c.service_id),
            "service_at_location_id": _id(c.service_at_location_id),
            "location_id": _id(c.location_id),
            "name": c.name,
            "title": c.title,
            "department": c.department,
            "email": c.email,
        }
    )


def contact(c):
    data = contact_brief(c)
    data["phones"] = [phone(p) for p in _phones(_related(c, "phones"))]
    return data


def taxonomy(tax):
    return compact(
        {
            "id": str(tax.id),
            "name": tax.name,
            "description": tax.description,
            "uri": tax.uri,
            "version": tax.version,
        },
        required=("description",),
    ) | {"description": described(tax.description, tax.name)}


def taxonomy_term(term):
    return compact(
        {
            "id": str(term.id),
            "code": term.code,
            "name": term.name,
            "description": term.description,
            "parent_id": _id(term.parent_id),
            "taxonomy": term.taxonomy.name,
            "language": term.language,
            "taxonomy_id": str(term.taxonomy_id),
            "term_uri": term.term_uri,
            "taxonomy_detail": taxonomy(term.taxonomy),
        },
        required=("description",),
    ) | {"description": described(term.description, term.name)}


def attribute(service, term):
    return {
        "id": attribute_id(service.id, term.id),
        "link_id": str(service.id),
        "link_entity": "service",
        "taxonomy_term_id": str(term.id),
        # A stream's terms come serialized once for all their services (resources.hsds.rows).
        "taxonomy_term": getattr(term, "hsds", None) or taxonomy_term(term),
    }


def phone(p):
    return compact(
        {
            "id": str(p.id),
            "service_id": _id(p.service_id),
            "location_id": _id(p.location_id),
            "organization_id": _id(p.organization_id),
            "service_at_location_id": _id(p.service_at_location_id),
            "contact_id": _id(p.contact_id),
            "number": p.number,
            "extension": _extension(p.extension),
            "type": Phone.HSDS_TYPES.get(p.type, p.type),
            "description": p.description,
        }
    )


def schedule(s):
    return compact(
        {
            "id": str(s.id),
            "service_id": _id(s.service_id),
            "location_id": _id(s.location_id),
            "service_at_location_id": _id(s.service_at_location_id),
            "valid_from": _date(s.valid_from),
            "valid_to": _date(s.valid_to),
            "dtstart": _date(s.dtstart),
            "timezone": _amount(s.timezone),
            "until": _date(s.until),
            "count": s.count,
            "wkst": s.wkst,
            "freq": s.freq,
            "interval": s.interval,
            "byday": s.byday,
            "byweekno": s.byweekno,
            "bymonthday": s.bymonthday,
            "byyearday": s.byyearday,
            "opens_at": _time(s.opens_at),
            "closes_at": _time(s.closes_at),
            "description": s.description,
            "schedule_link": s.schedule_link,
            "attending_type": s.attending_type,
            "notes": s.notes,
        }
    )


def has_address(loc):
    return any([loc.address_1, loc.address_2, loc.city, loc.state_province, loc.postal_code])


ADDRESS_REQUIRED = ("address_1", "city", "state_province", "postal_code", "country")


def _address(record_id, location_id, source, address_type):
    return compact(
        {
            "id": str(record_id),
            "location_id": str(location_id),
            "attention": source.attention,
            "address_1": source.address_1,
            "address_2": source.address_2,
            "city": source.city,
            "region": source.region,
            "state_province": source.state_province,
            "postal_code": source.postal_code,
            "country": source.country,
            "address_type": address_type,
        },
        required=(*ADDRESS_REQUIRED, "address_type"),
    )


def address(loc):
    """The address a location holds: the one visitors go to (postal for a postal location)."""
    address_type = "postal" if loc.location_type == Location.Type.POSTAL else "physical"
    return _address(loc.address_id, loc.id, loc, address_type)


def other_address(addr):
    """One of a location's other addresses (an Address record)."""
    return _address(addr.id, addr.location_id, addr, addr.address_type)


def addresses(loc):
    """All a location's addresses, the one visitors go to first."""
    held = [address(loc)] if has_address(loc) else []
    return held + [other_address(addr) for addr in _related(loc, "addresses")]


def accessibility(loc):
    return compact(
        {
            "id": str(loc.accessibility_id or accessibility_id(loc.id)),
            "location_id": str(loc.id),
            "description": loc.accessibility,
            "details": loc.accessibility_details,
            "url": loc.accessibility_url,
        }
    )


def has_accessibility(loc):
    return bool(loc.accessibility or loc.accessibility_details or loc.accessibility_url)


def location_brief(loc):
    return compact(
        {
            "id": str(loc.id),
            "location_type": loc.location_type,
            "url": loc.url,
            "organization_id": _id(loc.organization_id),
            "name": loc.name,
            "alternate_name": loc.alternate_name,
            "description": loc.description,
            "transportation": loc.transportation,
            "latitude": _number(loc.latitude),
            "longitude": _number(loc.longitude),
            # Not HSDS's: an extension key (HSDS's schemas allow them), there only when the
            # coordinates are the ZIP code's or the town's centre, not the address's own.
            "coordinates_approximate": True if loc.coordinates_approximate else None,
            "external_identifier": loc.external_identifier,
            "external_identifier_type": loc.external_identifier_type,
        }
    )


def location(loc):
    data = location_brief(loc)
    data["addresses"] = addresses(loc)
    data["accessibility"] = [accessibility(loc)] if has_accessibility(loc) else []
    data["phones"] = [phone(p) for p in _phones(_related(loc, "phones"))]
    data["schedules"] = [schedule(s) for s in _related(loc, "schedules")]
    data["contacts"] = [contact(c) for c in _by_id(_related(loc, "contacts"))]
    return data


def language(lang):
    return compact(
        {
            "id": str(lang.id),
            "service_id": str(lang.service_id),
            "name": lang.name,
            "code": lang.code,
            "note": lang.note,
            "location_id": _id(lang.location_id),
            "phone_id": _id(lang.phone_id),
        }
    )


def service_area(area):
    return compact(
        {
            "id": str(area.id),
            "service_id": str(area.service_id),
            "name": area.name,
            "description": area.description,
            "extent": area.extent,
            "extent_type": area.extent_type,
            "uri": area.uri,
        }
    )


def service_brief(service):
    """The one-to-one fields of a service, with its organisation: HSDS's service_list shape."""
    data = compact(
        {
            "id": str(service.id),
            "organization_id": str(service.organization_id),
            "program_id": _id(service.program_id),
            "name": service.name,
            "alternate_name": service.alternate_name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": HSDS_STATUS[service.status],
            "application_process": service.application_process,
            "fees_description": service.fees_description,
            "eligibility_description": service.eligibility_description,
            "interpretation_services": service.interpretation_services,
            "wait_time": service.wait_time,
            "fees": service.fees,
            "accreditations": service.accreditations,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": _date(service.assured_date),
            "assurer_email": service.assurer_email,
            "licenses": service.licenses,
            "alert": service.alert,
            "last_modified": timestamp(service.modified),
        }
    )
    data["organization"] = organization(service.organization)
    return data


def service_minimal(service):
    return {
        "id": str(service.id),
        "name": service.name,
        "status": HSDS_STATUS[service.status],
        "last_modified": timestamp(service.modified),
    }


def service_at_location_brief(link, *, with_service=True, location_serializer=location_brief):
    data = compact(
        {
            "id": str(link.id),
            "service_id": str(link.service_id),
            "location_id": str(link.location_id),
            "description": link.description,
        }
    )
    data["location"] = location_serializer(link.location)
    if with_service:
        data["service"] = service_brief(link.service)
    return data


def service_at_location(link, *, with_service=True):
    data = service_at_location_brief(link, with_service=with_service, location_serializer=location)
    data["phones"] = [phone(p) for p in _phones(_related(link, "phones"))]
    data["schedules"] = [schedule(s) for s in _related(link, "schedules")]
    data["contacts"] = [contact(c) for c in _by_id(_related(link, "contacts"))]
    return data


def service_full(service):
    """A service with everything we hold about it: HSDS's compiled service shape."""
    data = service_brief(service)
    terms = sorted(_related(service, "terms"), key=lambda term: (term.taxonomy.name, term.code))
    data.update(
        {
            "phones": [phone(p) for p in _phones(_related(service, "phones"))],
            "schedules": [schedule(s) for s in _related(service, "schedules")],
            "service_areas": [
                service_area(a)
                for a in sorted(_related(service, "service_areas"), key=_name_and_id)
            ],
            "service_at_locations": [
                service_at_location(link, with_service=False)
                for link in sorted(
                    _related(service, "service_at_locations"),
                    key=lambda link: (link.location.name, str(link.id)),
                )
            ],
            "languages": [language(lang) for lang in _related(service, "languages")],
            "contacts": [contact(c) for c in _by_id(_related(service, "contacts"))],
            "funding": [funding(f) for f in _by_id(_related(service, "funding"))],
            "cost_options": [cost_option(c) for c in _by_id(_related(service, "cost_options"))],
            "required_documents": [
                required_document(d) for d in _by_id(_related(service, "required_documents"))
            ],
            "attributes": [attribute(service, term) for term in terms],
        }
    )
    # A stream's row carries None for a programme deleted since its service was read.
    if service.program_id and service.program is not None:
        data["program"] = program(service.program)
    return data


def _related(record, name):
    """What `record` holds of a relation: a model instance's (prefetched) related records, or the
    list a stream's row carries (resources.hsds.rows)."""
    related = getattr(record, name)
    return related if isinstance(related, list) else related.all()


def _phones(phones):
    return sorted(phones, key=lambda p: (p.position, str(p.id)))


def _by_id(records):
    return sorted(records, key=lambda record: str(record.id))


def _name_and_id(record):
    return (record.name, str(record.id))
