"""Import HSDS data: validate every record, then upsert by HSDS id in one transaction.

`import_hsds(path, dry_run=False)` returns a Report. Rules (issue 6):
- An invalid optional value is dropped with a warning; a reference to a missing record is
  dropped with a warning where the link is optional (a location's or contact's organisation, a
  term's taxonomy or parent) and is an error where it is required (a service's organisation, a
  service-at-location's service or location); a record without a required field is an error.
- Any error: nothing is written.
- References may point at records in the file or already in the database.
- The supportdir:* taxonomies are our facets, matched by name; their terms by code. Other
  taxonomies are matched by id, then by name; their terms by id, then by taxonomy and code.
- A service whose HSDS status is `active` is published; any other status makes it inactive.
- A service in the file brings its whole self: its phones, schedules, languages, service areas,
  locations and terms become exactly those of the file. Fields HSDS does not carry (a service's
  web address name, the sample-data flag, who verified it) are kept, or made up for new records.
- Records HSDS has and we do not keep (contacts, programmes, funding, cost options, metadata, …)
  are read only to check their links.
- Attribute ids are not kept: ours are derived (see resources.hsds.serialize.attribute_id).
"""

import re
import uuid
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import connection, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from resources import vocabulary
from resources.hsds import reading
from resources.hsds.report import Report
from resources.hsds.tables import FOREIGN_KEYS
from resources.languages import language_choices
from resources.models import (
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from resources.models.schedules import BYDAY_PATTERN, BYMONTHDAY_PATTERN

CHUNK = 1000
IMPORT_NAMESPACE = uuid.UUID("0f8d5f7e-2f4e-4d0a-9a51-7a3c2b1e6d40")
UNCLASSIFIED = "unclassified"
PHONE_TYPES = {"voice": "voice", "cell": "voice", "text": "sms", "textphone": "tty", "fax": "fax"}
STATUSES = {"active": "published", "inactive": "inactive", "defunct": "inactive"}
STATUSES["temporarily closed"] = "inactive"
MODELS = {
    "organization": Organization,
    "service": Service,
    "location": Location,
    "service_at_location": ServiceAtLocation,
    "taxonomy": Taxonomy,
    "taxonomy_term": TaxonomyTerm,
}


def import_hsds(path, *, dry_run=False, max_bytes=reading.MAX_FILE_BYTES):
    report = Report()
    tables = reading.read(path, report, max_bytes)
    # Even after a reading error the rows that were read are checked: one report says it all.
    plan = Plan(tables, report)
    plan.build()
    report.counts = plan.counts()
    if report.ok and not dry_run:
        with transaction.atomic():
            plan.write()
        report.written = True
    return report


def _chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Row:
    """One record of the file, read field by field into our types, reporting what is wrong."""

    def __init__(self, row, report):
        self.row = row
        self.where = row["_where"]
        self.report = report

    def warn(self, field, message):
        self.report.warning(self.where, field, message)

    def fail(self, field, message):
        self.report.error(self.where, field, message)

    def raw(self, field):
        return self.row.get(field)

    def text(self, field, max_length=None, *, required=False):
        value = self.row.get(field)
        if value is None or value == "":
            if required:
                self.fail(field, _("This field is required."))
            return ""
        if not isinstance(value, str):
            message = _("Expected text, found %(type)s.") % {"type": type(value).__name__}
            if required:
                self.fail(field, message)
            else:
                self.warn(field, message + " " + _("Dropped."))
            return ""
        if max_length and len(value) > max_length:
            message = _("Longer than %(max)s characters.") % {"max": max_length}
            if required:
                self.fail(field, message)
            else:
                self.warn(field, message + " " + _("Dropped."))
            return ""
        return value

    def uuid(self, field):
        value = self.row.get(field)
        if value in (None, ""):
            return None
        try:
            return uuid.UUID(str(value))
        except ValueError:
            self.warn(field, _("“%(value)s” is not a UUID; dropped.") % {"value": value})
            return None

    def _validated(self, field, validator, max_length):
        value = self.text(field, max_length)
        if value:
            try:
                validator(value)
            except ValidationError:
                self.warn(field, _("“%(value)s” is not valid; dropped.") % {"value": value})
                return ""
        return value

    def url(self, field, max_length=200):
        return self._validated(field, URLValidator(), max_length)

    def email(self, field, max_length=254):
        return self._validated(field, EmailValidator(), max_length)

    def number(self, field):
        value = self.row.get(field)
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            value = None
        try:
            return Decimal(str(value)) if value is not None else None
        except InvalidOperation:
            pass
        self.warn(field, _("“%(value)s” is not a number; dropped.") % {"value": value})
        return None

    def whole_number(self, field, low=0, high=32767):
        value = self.number(field)
        if value is None:
            return None
        if value != value.to_integral_value() or not low <= value <= high:
            self.warn(
                field, _("%(value)s is not a whole number we can keep; dropped.") % {"value": value}
            )
            return None
        return int(value)

    def _parsed(self, field, parse, kind):
        value = self.row.get(field)
        if value in (None, ""):
            return None
        try:
            return parse(str(value))
        except ValueError:
            self.warn(
                field, _("“%(value)s” is not a %(kind)s; dropped.") % {"value": value, "kind": kind}
            )
            return None

    def date(self, field):
        return self._parsed(field, date.fromisoformat, _lazy("date"))

    def time(self, field):
        return self._parsed(field, time.fromisoformat, _lazy("time"))

    def moment(self, field):
        def parse(value):
            moment = datetime.fromisoformat(value)
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

        return self._parsed(field, parse, _lazy("date and time"))


class Plan:
    """The records to write, built from the tables and checked against each other and the DB."""

    def __init__(self, tables, report):
        self.rows = tables.rows
        self.report = report
        self.objects = {name: {} for name in MODELS}
        self.objects.update({"phone": [], "schedule": [], "service_area": [], "language": []})
        self.remap = {"taxonomy": {}, "taxonomy_term": {}}
        self.service_terms = {}
        self.service_timestamps = {}
        self.in_db = {}

    # -- references --

    def _load_known(self):
        """Which referenced ids that the file lacks are already in the database."""
        wanted = {table: set() for table in MODELS}
        for (table, column), target in FOREIGN_KEYS.items():
            if target not in wanted:
                continue
            for row in self.rows[table].values():
                value = row.get(column)
                if value and value not in self.rows[target] and _is_uuid(value):
                    wanted[target].add(uuid.UUID(str(value)))
        for row in self.rows["attribute"].values():
            if _is_uuid(row.get("link_id")):
                wanted["service"].add(uuid.UUID(str(row.get("link_id"))))
        for table, ids in wanted.items():
            found = set()
            for chunk in _chunks(ids):
                found.update(
                    MODELS[table].objects.filter(pk__in=chunk).values_list("pk", flat=True)
                )
            self.in_db[table] = found

    def ref(self, row, field, target, *, required, what=""):
        """The id `row.field` names, if that record exists; reports a dangling link."""
        value = row.raw(field)
        if value in (None, ""):
            if required:
                row.fail(field, _("This field is required."))
            return None
        try:
            target_id = uuid.UUID(str(value))
        except ValueError:
            target_id = None
        if target_id and (
            str(value) in self.rows[target] or target_id in self.in_db.get(target, ())
        ):
            return target_id
        message = _("%(value)s names no %(target)s in the file or the directory.") % {
            "value": value,
            "target": target.replace("_", " "),
        }
        if required:
            row.fail(field, message)
        else:
            row.warn(field, message + " " + str(what or _("The link is dropped.")))
        return None

    def _id(self, row):
        try:
            return uuid.UUID(str(row.raw("id")))
        except ValueError:
            row.fail("id", _("“%(value)s” is not a UUID.") % {"value": row.raw("id")})
            return None

    def _rows(self, table):
        for row in self.rows[table].values():
            yield Row(row, self.report)

    # -- building --

    def build(self):
        self._load_known()
        self._taxonomies()
        self._terms()
        self._organizations()
        self._locations()
        self._services()
        self._service_at_locations()
        self._phones()
        self._schedules()
        self._service_areas()
        self._languages()
        self._attributes()
        self._contacts()

    def _taxonomies(self):
        existing_by_name = dict(Taxonomy.objects.values_list("name", "id"))
        for row in self._rows("taxonomy"):
            record_id = self._id(row)
            name = row.text("name", 200, required=True)
            if not record_id or not name:
                continue
            if name in vocabulary.FACETS:
                self.remap["taxonomy"][record_id] = vocabulary.taxonomy_id(name)
                continue  # Our facets are seeded and described by us.
            our_id = existing_by_name.get(name, record_id)
            self.remap["taxonomy"][record_id] = our_id
            self.objects["taxonomy"][our_id] = {
                "id": our_id,
                "name": name,
                "description": row.text("description"),
                "uri": row.url("uri"),
                "version": row.text("version", 50),
            }

    def _taxonomy_named(self, name):
        if name in vocabulary.FACETS:
            return vocabulary.taxonomy_id(name)
        for taxonomy in self.objects["taxonomy"].values():
            if taxonomy["name"] == name:
                return taxonomy["id"]
        existing = Taxonomy.objects.filter(name=name).values_list("id", flat=True).first()
        if existing:
            return existing
        taxonomy_id = uuid.uuid5(IMPORT_NAMESPACE, name)
        self.objects["taxonomy"][taxonomy_id] = {
            "id": taxonomy_id,
            "name": name[:200],
            "description": "",
            "uri": "",
            "version": "",
        }
        return taxonomy_id

    def _terms(self):
        existing = {
            (taxonomy_id, code): term_id
            for term_id, taxonomy_id, code in TaxonomyTerm.objects.values_list(
                "id", "taxonomy_id", "code"
            )
        }
        facet_ids = {vocabulary.taxonomy_id(name) for name in vocabulary.FACETS}
        pending_parents = []
        for row in self._rows("taxonomy_term"):
            record_id = self._id(row)
            name = row.text("name", 200, required=True)
            if not record_id or not name:
                continue
            taxonomy_id = self.ref(
                row,
                "taxonomy_id",
                "taxonomy",
                required=False,
                what=_lazy("The term is filed under its taxonomy's name."),
            )
            if taxonomy_id:
                taxonomy_id = self.remap["taxonomy"].get(taxonomy_id, taxonomy_id)
            else:
                taxonomy_id = self._taxonomy_named(row.text("taxonomy", 200) or UNCLASSIFIED)
            code = row.text("code", 100)
            if not code:
                code = slugify(name)[:100] or str(record_id)
                row.warn("code", _("No code; “%(code)s” is used.") % {"code": code})
            our_id = existing.get((taxonomy_id, code), record_id)
            self.remap["taxonomy_term"][record_id] = our_id
            if taxonomy_id in facet_ids:
                if (taxonomy_id, code) not in existing:
                    row.warn(
                        "code",
                        _("“%(code)s” is a new term of our facet; it is added.") % {"code": code},
                    )
                else:
                    continue  # Our own terms are named and described by us.
            self.objects["taxonomy_term"][our_id] = {
                "id": our_id,
                "taxonomy_id": taxonomy_id,
                "code": code,
                "name": name,
                "description": row.text("description"),
            }
            pending_parents.append((row, our_id))
        for row, our_id in pending_parents:
            parent_id = self.ref(row, "parent_id", "taxonomy_term", required=False)
            self.objects["taxonomy_term"][our_id]["parent_id"] = (
                self.remap["taxonomy_term"].get(parent_id, parent_id) if parent_id else None
            )

    def _organizations(self):
        for row in self._rows("organization"):
            record_id = self._id(row)
            name = row.text("name", 200, required=True)
            if not record_id:
                continue
            self.objects["organization"][record_id] = {
                "id": record_id,
                "name": name,
                "alternate_name": row.text("alternate_name", 200),
                "description": row.text("description"),
                "email": row.email("email"),
                "website": row.url("website"),
            }

    def _locations(self):
        addresses = {}
        for row in self._rows("address"):
            location_id = self.ref(
                row,
                "location_id",
                "location",
                required=False,
                what=_lazy("The address is dropped."),
            )
            if location_id is None:
                continue
            if location_id in addresses:
                row.warn("id", _("We keep one address per location; this one is dropped."))
                continue
            addresses[location_id] = row
        accessibility = {}
        for row in self._rows("accessibility"):
            location_id = self.ref(
                row,
                "location_id",
                "location",
                required=False,
                what=_lazy("The accessibility note is dropped."),
            )
            if location_id is not None:
                text = "\n".join(filter(None, [row.text("description"), row.text("details")]))
                accessibility.setdefault(location_id, []).append(text)
        for row in self._rows("location"):
            record_id = self._id(row)
            if not record_id:
                continue
            location_type = row.text("location_type") or "physical"
            if location_type not in Location.Type.values:
                row.warn(
                    "location_type",
                    _("“%(value)s” is not a location type; physical is used.")
                    % {"value": location_type},
                )
                location_type = "physical"
            latitude, longitude = row.number("latitude"), row.number("longitude")
            if (latitude is None) != (longitude is None):
                row.warn("latitude", _("Latitude and longitude come together; both dropped."))
                latitude = longitude = None
            elif latitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                row.warn(
                    "latitude",
                    _("%(latitude)s, %(longitude)s is not a place on Earth; both dropped.")
                    % {"latitude": latitude, "longitude": longitude},
                )
                latitude = longitude = None
            address = addresses.get(record_id)
            fields = {
                "id": record_id,
                "location_type": location_type,
                "organization_id": self.ref(row, "organization_id", "organization", required=False),
                "name": row.text("name", 200),
                "description": row.text("description"),
                "url": row.url("url"),
                "transportation": row.text("transportation"),
                "latitude": latitude.quantize(Decimal("0.000001"))
                if latitude is not None
                else None,
                "longitude": longitude.quantize(Decimal("0.000001"))
                if longitude is not None
                else None,
                "accessibility": "\n\n".join(accessibility.get(record_id, [])),
            }
            fields.update(self._address(address))
            if not fields["name"]:
                fields["name"] = fields["address_1"] or fields["city"] or _("Unnamed location")
                row.warn("name", _("No name; “%(name)s” is used.") % {"name": fields["name"]})
            self.objects["location"][record_id] = fields

    def _address(self, row):
        fields = ["address_1", "address_2", "city", "region", "state_province", "postal_code"]
        if row is None:
            return dict.fromkeys(fields, "")
        lengths = {
            "address_1": 200,
            "address_2": 200,
            "city": 100,
            "region": 100,
            "state_province": 100,
            "postal_code": 20,
        }
        address = {field: row.text(field, lengths[field]) for field in fields}
        address["address_id"] = self._id(row)
        country = row.text("country").upper()
        if country and (len(country) != 2 or not country.isalpha()):
            row.warn(
                "country",
                _("“%(value)s” is not a two-letter country code; dropped.") % {"value": country},
            )
            country = ""
        address["country"] = country or "US"
        return address

    def _services(self):
        taken = set(Service.objects.values_list("slug", flat=True))
        existing_slugs = {}
        for chunk in _chunks(self.rows["service"]):
            ids = [value for value in chunk if _is_uuid(value)]
            existing_slugs.update(Service.objects.filter(pk__in=ids).values_list("pk", "slug"))
        for row in self._rows("service"):
            record_id = self._id(row)
            name = row.text("name", 200, required=True)
            organization_id = self.ref(row, "organization_id", "organization", required=True)
            status = row.text("status", required=True)
            if status and status not in STATUSES:
                row.fail(
                    "status",
                    _(
                        "“%(value)s” is not an HSDS status (active, inactive, "
                        "defunct, temporarily closed)."
                    )
                    % {"value": status},
                )
            if not record_id:
                continue
            minimum_age, maximum_age = (
                row.whole_number("minimum_age"),
                row.whole_number("maximum_age"),
            )
            if minimum_age is not None and maximum_age is not None and minimum_age > maximum_age:
                row.warn("minimum_age", _("The minimum age is above the maximum; both dropped."))
                minimum_age = maximum_age = None
            slug = existing_slugs.get(record_id)
            if slug is None:
                slug = _new_slug(name, record_id, taken)
            self.objects["service"][record_id] = {
                "id": record_id,
                "organization_id": organization_id,
                "name": name,
                "slug": slug,
                "alternate_name": row.text("alternate_name", 200),
                "description": row.text("description"),
                "url": row.url("url"),
                "email": row.email("email"),
                "status": STATUSES.get(status, "inactive"),
                "application_process": row.text("application_process"),
                "fees_description": row.text("fees_description"),
                "eligibility_description": row.text("eligibility_description"),
                "alert": row.text("alert"),
                "minimum_age": minimum_age,
                "maximum_age": maximum_age,
                "assured_date": row.date("assured_date"),
            }
            modified = row.moment("last_modified")
            if modified:
                self.service_timestamps[record_id] = modified

    def _service_at_locations(self):
        pairs = set()
        for row in self._rows("service_at_location"):
            record_id = self._id(row)
            service_id = self.ref(row, "service_id", "service", required=True)
            location_id = self.ref(row, "location_id", "location", required=True)
            if not (record_id and service_id and location_id):
                continue
            if (service_id, location_id) in pairs:
                row.warn(
                    "location_id", _("This service is already linked to this location; dropped.")
                )
                continue
            pairs.add((service_id, location_id))
            self.objects["service_at_location"][record_id] = {
                "id": record_id,
                "service_id": service_id,
                "location_id": location_id,
                "description": row.text("description"),
            }

    def _owner(self, row, fields, what):
        """The first of `fields` naming a record we keep: phones and schedules have one owner."""
        owners = {}
        for field, target in fields:
            if row.raw(field) not in (None, ""):
                owners[field] = self.ref(row, field, target, required=False, what=what)
        return owners

    def _phones(self):
        positions = {}
        for row in self._rows("phone"):
            record_id = self._id(row)
            number = row.text("number", 50, required=True)
            owners = self._owner(
                row,
                [
                    ("service_id", "service"),
                    ("location_id", "location"),
                    ("organization_id", "organization"),
                    ("contact_id", "contact"),
                    ("service_at_location_id", "service_at_location"),
                ],
                _lazy("That link is dropped."),
            )
            owner = next(
                (
                    (field, value)
                    for field, value in owners.items()
                    if value and field in ("service_id", "location_id", "organization_id")
                ),
                None,
            )
            if not record_id or not number:
                continue
            if owner is None:
                continue  # A contact's or service-at-location's phone: we keep neither.
            if len(number) > 1 and number[0] == number[-1] and number[0] in "\"'":
                row.warn("number", _("The number was in quotes; they are removed."))
                number = number[1:-1].strip()
            phone_type = row.text("type") or "voice"
            if phone_type not in PHONE_TYPES:
                row.warn(
                    "type", _("“%(value)s” is kept as a voice number.") % {"value": phone_type}
                )
            extension = row.number("extension")
            position = positions.get(owner, 0)
            positions[owner] = position + 1
            self.objects["phone"].append(
                {
                    "id": record_id,
                    owner[0]: owner[1],
                    "number": number,
                    "extension": str(int(extension))
                    if extension is not None and extension == extension.to_integral_value()
                    else "",
                    "type": PHONE_TYPES.get(phone_type, "voice"),
                    "description": row.text("description", 200),
                    "position": position,
                }
            )

    def _schedules(self):
        for row in self._rows("schedule"):
            record_id = self._id(row)
            owners = self._owner(
                row,
                [
                    ("service_id", "service"),
                    ("location_id", "location"),
                    ("service_at_location_id", "service_at_location"),
                ],
                _lazy("That link is dropped."),
            )
            if not record_id:
                continue
            service_id, location_id = owners.get("service_id"), owners.get("location_id")
            if not (service_id or location_id):
                continue  # A service-at-location's schedule: we keep hours per service or place.
            freq = row.text("freq") or "WEEKLY"
            byday = row.text("byday").replace(" ", "")
            bymonthday = row.text("bymonthday").replace(" ", "")
            if freq not in ("WEEKLY", "MONTHLY"):
                row.warn("freq", _("We keep weekly and monthly schedules; this one is dropped."))
                continue
            if byday and not re.match(BYDAY_PATTERN, byday):
                row.warn(
                    "byday",
                    _("“%(value)s” is not an RFC 5545 day list; dropped.") % {"value": byday},
                )
                byday = ""
            if bymonthday and (freq == "WEEKLY" or not re.match(BYMONTHDAY_PATTERN, bymonthday)):
                row.warn(
                    "bymonthday",
                    _("Days of the month only go with monthly schedules of numbers; dropped."),
                )
                bymonthday = ""
            if freq == "MONTHLY" and not (byday or bymonthday):
                row.warn("freq", _("A monthly schedule needs a day; this one is dropped."))
                continue
            opens_at, closes_at = row.time("opens_at"), row.time("closes_at")
            if (opens_at is None) != (closes_at is None):
                row.warn("opens_at", _("Opening and closing times come together; both dropped."))
                opens_at = closes_at = None
            dtstart, until = row.date("dtstart"), row.date("until")
            if dtstart and until and until < dtstart:
                row.warn("until", _("The last date is before the first; dropped."))
                until = None
            interval = row.whole_number("interval", low=1) or 1
            self.objects["schedule"].append(
                {
                    "id": record_id,
                    "service_id": service_id,
                    "location_id": location_id,
                    "freq": freq,
                    "interval": interval,
                    "byday": byday,
                    "bymonthday": bymonthday,
                    "dtstart": dtstart,
                    "until": until,
                    "opens_at": opens_at,
                    "closes_at": closes_at,
                    "description": row.text("description", 300),
                }
            )

    def _service_areas(self):
        for row in self._rows("service_area"):
            record_id = self._id(row)
            service_id = self.ref(
                row,
                "service_id",
                "service",
                required=False,
                what=_lazy("The service area is dropped."),
            )
            name = row.text("name", 200)
            if not (record_id and service_id):
                continue
            if not name:
                row.warn("name", _("A service area needs a name; dropped."))
                continue
            self.objects["service_area"].append(
                {
                    "id": record_id,
                    "service_id": service_id,
                    "name": name,
                    "description": row.text("description"),
                }
            )

    def _languages(self):
        codes = {code for code, _name in language_choices()}
        seen = set()
        for row in self._rows("language"):
            record_id = self._id(row)
            if row.raw("service_id") in (None, ""):
                continue  # A location's or phone's language: we keep languages per service.
            service_id = self.ref(
                row, "service_id", "service", required=False, what=_lazy("The language is dropped.")
            )
            code = row.text("code").lower()
            if not (record_id and service_id):
                continue
            if code not in codes:
                row.warn(
                    "code",
                    _("“%(value)s” is not an ISO 639-1 language code; dropped.") % {"value": code},
                )
                continue
            if (service_id, code) in seen:
                continue
            seen.add((service_id, code))
            self.objects["language"].append(
                {
                    "id": record_id,
                    "service_id": service_id,
                    "code": code,
                    "note": row.text("note", 200),
                }
            )

    def _attributes(self):
        for row in self._rows("attribute"):
            link_entity = row.text("link_entity")
            link_id = self.ref(
                row, "link_id", "service", required=False, what=_lazy("The attribute is dropped.")
            )
            term_id = self.ref(
                row,
                "taxonomy_term_id",
                "taxonomy_term",
                required=False,
                what=_lazy("The attribute is dropped."),
            )
            if link_id is None or term_id is None:
                continue
            if link_entity not in ("", "service"):
                row.warn("link_entity", _("We keep attributes of services only; dropped."))
                continue
            term_id = self.remap["taxonomy_term"].get(term_id, term_id)
            self.service_terms.setdefault(link_id, set()).add(term_id)

    def _contacts(self):
        for row in self._rows("contact"):
            for field, target in [
                ("organization_id", "organization"),
                ("service_id", "service"),
                ("location_id", "location"),
                ("service_at_location_id", "service_at_location"),
            ]:
                if row.raw(field) not in (None, ""):
                    self.ref(row, field, target, required=False)

    def counts(self):
        return {name: len(objects) for name, objects in self.objects.items()}

    # -- writing --

    def write(self):
        # Foreign keys are checked at commit (Django creates them deferred), so terms may name
        # parents written later in the same import.
        _upsert(Taxonomy, self.objects["taxonomy"].values())
        terms = _upsert(TaxonomyTerm, self.objects["taxonomy_term"].values())
        organizations = _upsert(Organization, self.objects["organization"].values())
        locations = _upsert(Location, self.objects["location"].values())
        services = self.objects["service"]
        # Services whose search document may read differently now.
        touched = _upsert(Service, services.values())
        self._keep_timestamps()
        service_ids = list(services)
        location_ids = list(self.objects["location"])
        touched |= self._replace(
            ServiceAtLocation, self.objects["service_at_location"].values(), service_id=service_ids
        )
        touched |= self._replace(
            Phone, self.objects["phone"], service_id=service_ids, location_id=location_ids
        )
        touched |= self._replace(
            Schedule, self.objects["schedule"], service_id=service_ids, location_id=location_ids
        )
        touched |= self._replace(ServiceArea, self.objects["service_area"], service_id=service_ids)
        touched |= self._replace(Language, self.objects["language"], service_id=service_ids)
        touched |= self._set_terms(service_ids)
        touched |= _services_of(organizations, locations, terms)
        _refresh_search(touched)

    def _keep_timestamps(self):
        """Give services the last_modified of the file: saving stamped them with the time now."""
        for chunk in _chunks(self.service_timestamps.items()):
            current = dict(
                Service.objects.filter(pk__in=[pk for pk, _m in chunk]).values_list(
                    "pk", "modified"
                )
            )
            _set_modified([(pk, moment) for pk, moment in chunk if current.get(pk) != moment])

    def _replace(self, model, records, **owners):
        """Upsert `records`; delete the other records of the owners the file brings in full."""
        records = list(records)
        keep = {record["id"] for record in records}
        services = set()
        for field, ids in owners.items():
            for chunk in _chunks(ids):
                stale = model.objects.filter(**{f"{field}__in": chunk}).values_list("pk", field)
                doomed = [(pk, owner) for pk, owner in stale if pk not in keep]
                if field == "service_id":
                    services.update(owner for _pk, owner in doomed)
                for doomed_chunk in _chunks(doomed):
                    model.objects.filter(pk__in=[pk for pk, _owner in doomed_chunk]).delete()
        changed = _upsert(model, records)
        by_id = {record["id"]: record for record in records}
        services.update(by_id[pk].get("service_id") for pk in changed)
        services.discard(None)
        return services

    def _set_terms(self, service_ids):
        through = Service.terms.through
        changed = set()
        for chunk in _chunks(service_ids):
            current = set(
                through.objects.filter(service_id__in=chunk).values_list(
                    "service_id", "taxonomyterm_id"
                )
            )
            wanted = {
                (service_id, term_id)
                for service_id in chunk
                for term_id in self.service_terms.get(service_id, ())
            }
            for service_id, term_id in current - wanted:
                through.objects.filter(service_id=service_id, taxonomyterm_id=term_id).delete()
            through.objects.bulk_create(
                [through(service_id=s, taxonomyterm_id=t) for s, t in wanted - current],
                ignore_conflicts=True,
            )
            changed.update(service_id for service_id, _term in current ^ wanted)
        return changed


def _services_of(organizations, locations, terms):
    """Services (in the file or not) of organisations, locations and terms that changed."""
    found = set()
    lookups = [
        (organizations, Service.objects, "organization_id__in", "pk"),
        (locations, ServiceAtLocation.objects, "location_id__in", "service_id"),
        (terms, Service.terms.through.objects, "taxonomyterm_id__in", "service_id"),
    ]
    for ids, manager, lookup, column in lookups:
        for chunk in _chunks(ids):
            found.update(manager.filter(**{lookup: chunk}).values_list(column, flat=True))
    return found


def _refresh_search(service_ids):
    """Bulk writes send no signals, so the search index is told about the services here."""
    try:
        from resources.search.index import refresh_search_index
    except ImportError:
        return  # The word-matching search reads the tables directly and keeps no index.
    refresh_search_index(service_ids)


def _set_modified(pairs):
    """One UPDATE … CASE for many (pk, moment) pairs: bulk_update builds one expression per row
    in Python, which took most of a large import's time."""
    if not pairs:
        return
    table = connection.ops.quote_name(Service._meta.db_table)
    pk = Service._meta.pk
    column = Service._meta.get_field("modified")
    cases = " ".join(["WHEN %s THEN %s"] * len(pairs))
    marks = ", ".join(["%s"] * len(pairs))
    params = []
    for record_id, moment in pairs:
        params += [
            pk.get_db_prep_value(record_id, connection),
            column.get_db_prep_value(moment, connection),
        ]
    params += [pk.get_db_prep_value(record_id, connection) for record_id, _moment in pairs]
    # Only quoted model names and placeholders go into the SQL; values are parameters.
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {table} SET {quote(column.column)} = CASE {quote(pk.column)} {cases} END "  # noqa: S608
        f"WHERE {quote(pk.column)} IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _is_uuid(value):
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _new_slug(name, record_id, taken):
    base = slugify(name)[:180] or "service"
    slug = base if base not in taken else f"{base}-{record_id.hex[:8]}"
    taken.add(slug)
    return slug


def _upsert(model, records):
    """Create or update `records` (dicts of field values) by id; returns the ids written.

    Unchanged rows are not touched. A field a record leaves out is not HSDS's (a service's
    slug, a term's position): existing rows keep theirs, new rows get the model's default.
    """
    concrete = [f for f in model._meta.concrete_fields if not f.primary_key]
    compared = [f.attname for f in concrete if f.attname not in ("created", "modified")]
    updated = [f.name for f in concrete if f.attname != "created"]
    written = set()
    for chunk in _chunks(records):
        existing = model.objects.in_bulk([record["id"] for record in chunk])
        changed = []
        for record in chunk:
            old = existing.get(record["id"])
            if old is not None and all(
                getattr(old, name) == record.get(name, getattr(old, name)) for name in compared
            ):
                continue
            obj = model(**record)
            if old is not None:
                for name in compared:
                    if name not in record:
                        setattr(obj, name, getattr(old, name))
            changed.append(obj)
        if changed:
            model.objects.bulk_create(
                changed, update_conflicts=True, unique_fields=["id"], update_fields=updated
            )
        written.update(obj.pk for obj in changed)
    return written
