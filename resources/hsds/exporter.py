"""Export the directory as HSDS 3.0: CSV tables with a datapackage.json, or JSON full services.

Published services are exported (it is the public data), and those HSDS calls temporarily closed
or defunct (so that readers learn of the closure), with the organisations, locations, addresses,
phones, schedules, contacts, programmes, funding, cost options, required documents and
organisation identifiers they bring, and every taxonomy and term. A contact, phone or funding
record is exported when every record it links to is: no row names one the files lack. The CSV
export holds every HSDS table, those we keep nothing for (metadata, …) as a header alone. Rows are
sorted by id (phones by position, then id, as the importer reads their order from the file) and
nothing depends on the time of export, so export -> import into an empty database -> export gives
the same files, and importing an export into the directory it came from changes nothing.
"""

import csv
import heapq
import io
import json
import tempfile
import zipfile
from pathlib import Path

from django.db.models import Exists, OuterRef, Prefetch, Q

from resources.hsds import serialize
from resources.hsds.licence import data_licence
from resources.hsds.tables import FOREIGN_KEYS, TABLES, columns
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
    Taxonomy,
    TaxonomyTerm,
)
from resources.operations.progress import counted

CHUNK = 500
JSON_FILE = "services.json"


def _flat(record):
    return {key: value for key, value in record.items() if not isinstance(value, dict | list)}


def _rows(queryset, serializer, order=("id",)):
    for record in queryset.order_by(*order).iterator(chunk_size=CHUNK):
        yield _flat(serializer(record))


def table_rows():
    """Each exported table's rows, as dicts of HSDS columns, in id order."""
    services = Service.objects.exported()
    locations = Location.objects.filter(service_at_locations__service__in=services).distinct()
    organizations = Organization.objects.filter(
        id__in=_with_parents(
            Organization.objects.filter(
                Q(id__in=services.values("organization_id"))
                | Q(id__in=locations.exclude(organization=None).values("organization_id"))
                | Q(id__in=services.exclude(program=None).values("program__organization_id"))
            )
        )
    )
    links = ServiceAtLocation.objects.filter(service__in=services)
    contacts = Contact.objects.filter(
        _linked_within(
            service=services,
            location=locations,
            organization=organizations,
            service_at_location=links,
        )
    )
    phones = Phone.objects.filter(
        _linked_within(
            service=services,
            location=locations,
            organization=organizations,
            contact=contacts,
            service_at_location=links,
        )
    )
    terms = Service.terms.through.objects.filter(service__in=services).select_related(
        "service", "taxonomyterm__taxonomy"
    )
    return {
        "organization": _rows(organizations, serialize.organization),
        "service": _rows(services.select_related("organization"), serialize.service_brief),
        "location": _rows(locations, serialize.location_brief),
        # The addresses locations hold and their other ones, two streams in id order merged.
        "address": heapq.merge(
            (
                serialize.address(location)
                for location in locations.order_by("address_id").iterator(chunk_size=CHUNK)
                if serialize.has_address(location)
            ),
            _rows(Address.objects.filter(location__in=locations), serialize.other_address),
            key=lambda row: row["id"],
        ),
        "accessibility": sorted(
            (
                serialize.accessibility(location)
                for location in locations
                if serialize.has_accessibility(location)
            ),
            key=lambda row: row["id"],
        ),
        "service_at_location": _rows(
            links,
            lambda link: {
                "id": str(link.id),
                "service_id": str(link.service_id),
                "location_id": str(link.location_id),
                "description": link.description,
            },
        ),
        "phone": _rows(
            phones,
            serialize.phone,
            # HSDS has no position: the order of the rows carries each owner's first phone.
            order=("position", "id"),
        ),
        "schedule": _rows(
            Schedule.objects.filter(
                Q(service__in=services)
                | Q(location__in=locations)
                | Q(service_at_location__in=links)
            ),
            serialize.schedule,
        ),
        "service_area": _rows(
            ServiceArea.objects.filter(service__in=services), serialize.service_area
        ),
        "language": _rows(
            Language.objects.filter(service__in=services).annotate(
                location_exported=Exists(locations.filter(pk=OuterRef("location_id"))),
                phone_exported=Exists(phones.filter(pk=OuterRef("phone_id"))),
            ),
            _language,
        ),
        "contact": _rows(contacts, serialize.contact_brief),
        "program": _rows(Program.objects.filter(organization__in=organizations), serialize.program),
        "funding": _rows(
            Funding.objects.filter(_linked_within(service=services, organization=organizations)),
            serialize.funding,
        ),
        "cost_option": _rows(
            CostOption.objects.filter(service__in=services), serialize.cost_option
        ),
        "required_document": _rows(
            RequiredDocument.objects.filter(service__in=services), serialize.required_document
        ),
        "organization_identifier": _rows(
            OrganizationIdentifier.objects.filter(organization__in=organizations),
            serialize.organization_identifier,
        ),
        "taxonomy": _rows(Taxonomy.objects.all(), serialize.taxonomy),
        "taxonomy_term": _rows(
            TaxonomyTerm.objects.select_related("taxonomy"), serialize.taxonomy_term
        ),
        "attribute": sorted(
            (
                _flat(serialize.attribute(link.service, link.taxonomyterm))
                for link in terms.iterator(chunk_size=CHUNK)
            ),
            key=lambda row: row["id"],
        ),
    }


def _language(lang):
    """A service's language, its links to a location or phone kept if the files hold them."""
    row = serialize.language(lang)
    if not lang.location_exported:
        row.pop("location_id", None)
    if not lang.phone_exported:
        row.pop("phone_id", None)
    return row


def _with_parents(organizations):
    """The ids of `organizations` and of their parents, grandparents, …: a parent_organization_id
    the export gives names an organisation it holds."""
    ids, wanted = set(), set(organizations.values_list("id", flat=True))
    while wanted:
        ids |= wanted
        wanted = (
            set(
                Organization.objects.filter(
                    id__in=wanted, parent_organization__isnull=False
                ).values_list("parent_organization_id", flat=True)
            )
            - ids
        )
    return ids


def _linked_within(**exported):
    """Records linked to at least one of the `exported` querysets (by field name), and to nothing
    outside them: their rows name no record the files lack."""
    some = Q()
    for field, queryset in exported.items():
        some |= Q(**{f"{field}__in": queryset})
    condition = some
    for field, queryset in exported.items():
        condition &= Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__in": queryset})
    return condition


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write_csv(directory, progress=None):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    produced = table_rows()
    # Every HSDS table, the ones we hold nothing for as a header: the files then validate
    # against HSDS's own datapackage.json, which lists (and links to) all of them.
    for table, (filename, _fields) in TABLES.items():
        rows = produced.get(table, ())
        with (directory / filename).open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(columns(table))
            for row in counted(rows, progress, table):
                writer.writerow([_cell(row.get(column)) for column in columns(table)])
    (directory / "datapackage.json").write_text(_dumps(datapackage()), encoding="utf-8")
    return directory


def datapackage():
    """The Frictionless description of our CSV tables, in HSDS's terms."""
    resources = []
    for table, (filename, fields) in TABLES.items():
        foreign_keys = [
            {"fields": column, "reference": {"resource": target, "fields": "id"}}
            for (source, column), target in FOREIGN_KEYS.items()
            if source == table
        ]
        resources.append(
            {
                "name": table,
                "path": filename,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [{"name": name, "type": kind} for name, kind in fields],
                    "primaryKey": "id",
                    "foreignKeys": foreign_keys,
                },
            }
        )
    return {
        "name": "supportdir-hsds",
        "title": "supportdir: published services in Open Referral HSDS 3.0",
        "profile": "tabular-data-package",
        "version": "3.0",
        "licenses": [data_licence().as_datapackage()],
        "resources": resources,
    }


def services_json(progress=None):
    services = serialize.services_for_hsds(Service.objects.exported()).prefetch_related(
        "organization__phones",
        Prefetch("organization__contacts", queryset=Contact.objects.prefetch_related("phones")),
        "organization__programs",
        "organization__funding",
        "organization__organization_identifiers",
    )
    return [
        _service_in_full(service)
        for service in counted(services.order_by("id").iterator(CHUNK), progress, "service")
    ]


def _service_in_full(service):
    """A full service, its organisation with everything but its services and places: what
    the organisation has reaches the JSON export too."""
    data = serialize.service_full(service)
    data["organization"] = serialize.organization_with_details(service.organization)
    return data


def write_json(directory, progress=None):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / JSON_FILE).write_text(_dumps(services_json(progress)), encoding="utf-8")
    return directory


def _dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_hsds(directory, export_format="csv", progress=None):
    """Write the export to `directory`; `progress` (see resources.operations.progress) hears of
    each table's rows as they are written."""
    return (write_json if export_format == "json" else write_csv)(directory, progress)


def zip_bytes(export_format="csv"):
    """The export as a zip file's bytes, for the curators' download."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder:
        export_hsds(folder, export_format)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(folder).iterdir()):
                archive.write(path, path.name)
    return buffer.getvalue()
