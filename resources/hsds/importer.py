"""Import HSDS data: check every record and upsert by HSDS id, all in one transaction.

`import_hsds(path, dry_run=False, rights=FULL_RIGHTS)` returns a Report. Rules (issue 6):
- An invalid optional value is dropped with a warning; a reference to a missing record is
  dropped with a warning where the link is optional (a location's or contact's organisation, a
  term's taxonomy or parent) and is an error where it is required (a service's organisation, a
  service-at-location's service or location); a record without a required field is an error.
- Any error: nothing is written.
- References may point at records in the file or already in the database.
- The supportdir:* taxonomies are our facets, matched by name; their terms by code. Other
  taxonomies are matched by id, then by name; their terms by id, then by taxonomy and code.
- A service whose HSDS status is `active` is published; `inactive`, `defunct` and
  `temporarily closed` are kept as such (none is shown to the public).
- An import needs the permissions of the changes it makes (issue 10), as the admin's forms do:
  without `publish_service` a service's status is not the file's (a new service is a draft, a
  stored one keeps its status), without `verify_service` neither is its `assured_date` (a new
  service has none, a stored one keeps its own). The report says so for each service, in a dry
  run as in the import. The command runs with full rights; the admin passes the curator's.
- Without the permissions to add and change taxonomies and terms (only superusers have them;
  Editors and Publishers may only view them) no taxonomy or term is written. A service keeps its
  link to a term the directory has (by taxonomy and code), even if the file describes that term
  otherwise; a link to a term the directory lacks is dropped. The report names each taxonomy and
  term once, with the number of services that lost their link to it.
- A service in the file brings its whole self: its phones, schedules, languages, service areas,
  locations, contacts, funding, cost options, required documents and terms become exactly those
  of the file; a location's phones, schedules and contacts too, and a contact's phones. But a
  service record without one of these lists (JSON without the key, or null: an API's brief
  listing; a CSV package without that table's file) keeps its stored ones of that kind, said in
  a line of the report; a list present, even [] or a header alone, is the whole set. Fields
  HSDS does not carry (a service's web address name, the sample-data flag) are kept, or made up
  for new records. Who verified a service changes with its verification date: the curator who
  confirmed the upload, or nobody (from the command, or when the file has no date); services
  whose date the import leaves as it is keep theirs.
- Our own keys `<field>_es` (not HSDS: the Spanish twins of a service's, an organisation's and a
  schedule's text, issue 17; the sample data gives them) are read where a JSON record has them;
  a record without them keeps the stored Spanish.
- Contacts, programmes, funding, cost options, required documents and organisation identifiers
  are kept, with every HSDS field. A programme needs its organisation, a name and a description,
  an organisation identifier its organisation, type and identifier (else an error, as for a
  service); a contact, funding, cost option or required document that belongs to nothing we
  keep is dropped with a warning, and so is funding without a source or a required document
  without a name. A phone may belong to a contact alone. Records HSDS has and we do not keep
  (metadata, meta table descriptions) are read only to check their links.
- A location holds the address visitors go to: its first `physical` address. Its other
  addresses (postal, virtual, further physical ones) are Address records, in the file's order.
  A location keeps one accessibility record (with its id); the text of any further one is added
  to it, with a warning.
- Phones and schedules keep every link the file gives them (service, location, organisation,
  service at location); a schedule outside its `valid_from`..`valid_to` is never current.
- Attribute ids are not kept: ours are derived (see resources.hsds.serialize.attribute_id).
- Each record written remembers its source (`source`, e.g. a file upload or a feed's name) and
  what that source set; fields and statuses curators changed since are kept unless
  `overwrite_curated` (see provenance.py). The report lists, record by record, what is added,
  changed (field, old, new) and kept.
- Services the import creates or changes (their own row, phones, hours, places, languages,
  areas or terms) get a new version and a history row, as a curator's save would.

Records the ORM would delete with a record the import deletes in SQL (a service-at-location's
contacts, a contact's phones) are deleted with it, history rows included.

Tables are read a batch of rows at a time (CSV files are streamed, see reading.py), checked and
written in dependency order inside one transaction; after the first error nothing more is
written and the transaction is rolled back at the end, as it is after a dry run. What the
import must remember about the whole file (ids of each table's rows, of the records written,
the terms each service gets) is kept in temporary tables (scratch.py), and the last steps are
done there in SQL, so memory does not grow with the file.
"""

import functools
import json
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from itertools import batched, chain

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import connection, transaction
from django.db.models import CharField, TextField
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from resources import vocabulary
from resources.hsds import reading
from resources.hsds.history import record_history
from resources.hsds.provenance import CURATOR, FILE_UPLOAD, Sources, kind_of
from resources.hsds.report import Report
from resources.hsds.scratch import IDS, TERMS, Scratch, json_array, uuid_array
from resources.hsds.tables import FOREIGN_KEYS
from resources.languages import kept_language_code
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
    Provenance,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from resources.models.schedules import BYDAY_PATTERN, BYMONTHDAY_PATTERN
from resources.operations.progress import report as report_progress
from resources.places.placing import place_records
from resources.schedules.open_now import refresh_schedules
from resources.search.index import refresh_search_index

CHUNK = 1000
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# A phone's links, in the order that picks the owner whose numbers it is ordered among.
PHONE_OWNERS = (
    "service_id",
    "location_id",
    "organization_id",
    "service_at_location_id",
    "contact_id",
)
IMPORT_NAMESPACE = uuid.UUID("0f8d5f7e-2f4e-4d0a-9a51-7a3c2b1e6d40")
UNCLASSIFIED = "unclassified"
# HSDS's phone types, as ours (Phone.HSDS_TYPES is the way back).
PHONE_TYPES = {hsds: ours for ours, hsds in Phone.HSDS_TYPES.items()}
STATUSES = {
    "active": Service.Status.PUBLISHED,
    "inactive": Service.Status.INACTIVE,
    "defunct": Service.Status.DEFUNCT,
    "temporarily closed": Service.Status.TEMPORARILY_CLOSED,
}
# What the report counts, in this order.
COUNTED = [
    "organization",
    "organization_identifier",
    "program",
    "service",
    "location",
    "address",
    "service_at_location",
    "taxonomy",
    "taxonomy_term",
    "contact",
    "phone",
    "schedule",
    "service_area",
    "language",
    "funding",
    "cost_option",
    "required_document",
]
MODELS = {
    "organization": Organization,
    "service": Service,
    "location": Location,
    "service_at_location": ServiceAtLocation,
    "taxonomy": Taxonomy,
    "taxonomy_term": TaxonomyTerm,
    "program": Program,
    "contact": Contact,
}


# An import adds and changes taxonomies and terms in the same step (an upsert), and a term may
# bring its taxonomy: one right needs all four.
TAXONOMY_PERMISSIONS = (
    "resources.add_taxonomy",
    "resources.change_taxonomy",
    "resources.add_taxonomyterm",
    "resources.change_taxonomyterm",
)


@dataclass(frozen=True)
class ImportRights:
    """What the importing curator may change besides what any curator edits: a service's status
    (publish), its verification date (verify), taxonomies and their terms (taxonomies).
    `of(user)` reads them from the permissions the admin asks for."""

    publish: bool
    verify: bool
    taxonomies: bool

    @classmethod
    def of(cls, user):
        return cls(
            publish=user.has_perm("resources.publish_service"),
            verify=user.has_perm("resources.verify_service"),
            taxonomies=user.has_perms(TAXONOMY_PERMISSIONS),
        )


# Operators run the command on the server: they may change anything.
FULL_RIGHTS = ImportRights(publish=True, verify=True, taxonomies=True)

# Why a status the file gives was not taken, by (status kept, status the file gives).
STATUS_KEPT = {
    (Service.Status.DRAFT, Service.Status.PUBLISHED): gettext_lazy(
        "Service “%(name)s”: kept as a draft, not published: publishing needs the Publisher role."
    ),
    (Service.Status.DRAFT, Service.Status.INACTIVE): gettext_lazy(
        "Service “%(name)s”: kept as a draft, not inactive: setting a status needs the "
        "Publisher role."
    ),
    (Service.Status.PUBLISHED, Service.Status.INACTIVE): gettext_lazy(
        "Service “%(name)s”: kept published, not made inactive: unpublishing needs the "
        "Publisher role."
    ),
    (Service.Status.INACTIVE, Service.Status.PUBLISHED): gettext_lazy(
        "Service “%(name)s”: kept inactive, not published: publishing needs the Publisher role."
    ),
}
STATUS_KEPT_OTHERWISE = gettext_lazy(
    "Service “%(name)s”: its status is kept as it is, not set as in the file: setting a status "
    "needs the Publisher role."
)
UNDESCRIBED_TAXONOMY = gettext_lazy(
    "Terms filed under “%(name)s” by an HSDS import; the file did not describe this taxonomy."
)


TAXONOMY_NOT_ADDED = gettext_lazy(
    "Taxonomy “%(name)s”: not added: adding taxonomies is left to superusers."
)
TAXONOMY_KEPT = gettext_lazy(
    "Taxonomy “%(name)s”: kept as the directory has it, not as the file describes it: changing "
    "taxonomies is left to superusers."
)
TERM_NOT_RENAMED = gettext_lazy(
    "Term “%(kept)s” of “%(taxonomy)s”: not renamed to “%(name)s”; services are linked to it as it "
    "is: changing taxonomy terms is left to superusers."
)
TERM_KEPT = gettext_lazy(
    "Term “%(kept)s” of “%(taxonomy)s”: kept as the directory has it, not as the file describes "
    "it; services are linked to it as it is: changing taxonomy terms is left to superusers."
)
TERM_NOT_ADDED = gettext_lazy(
    "Term “%(name)s” of “%(taxonomy)s”: not added: adding taxonomy terms is left to superusers."
)


def _term_not_added_message(name, taxonomy, services):
    """Why the term the file names is not added, and how many services lost their link to it."""
    if not services:
        return TERM_NOT_ADDED % {"name": name, "taxonomy": taxonomy}
    message = ngettext(
        "Term “%(name)s” of “%(taxonomy)s”: not added, so %(count)d service is not linked to "
        "it: adding taxonomy terms is left to superusers.",
        "Term “%(name)s” of “%(taxonomy)s”: not added, so %(count)d services are not linked to "
        "it: adding taxonomy terms is left to superusers.",
        services,
    )
    return message % {"name": name, "taxonomy": taxonomy, "count": services}


def import_hsds(
    path,
    *,
    dry_run=False,
    max_bytes=reading.MAX_FILE_BYTES,
    user=None,
    rights=FULL_RIGHTS,
    source=FILE_UPLOAD,
    overwrite_curated=False,
    progress=None,
):
    """Check the HSDS data at `path` and write it unless `dry_run` or anything is wrong.

    `source` names where the data comes from (provenance.py): the values curators changed since
    that source last set them are kept, unless `overwrite_curated`.

    `user` (the curator who confirmed an upload) is recorded in the history rows, and as the
    curator who verified the services whose verification date the import changes (without a
    user, as from the command, nobody is); `rights` (an ImportRights) says whether the import
    may set statuses and verification dates, and add and change taxonomies and terms.
    `progress` (see resources.operations.progress) hears of each table's rows as they are checked.
    """
    report = Report(source=source, overwrite_curated=overwrite_curated)
    with transaction.atomic():
        scratch = Scratch()
        report_progress(progress, "reading", 0)
        with reading.open_tables(path, report, scratch, max_bytes) as tables:
            # Even after a reading error the rows that were read are checked: one report says
            # it all.
            sources = Sources(source, overwrite_curated=overwrite_curated, changes=report.changes)
            plan = Plan(
                tables,
                report,
                scratch,
                write=not dry_run,
                user=user,
                rights=rights,
                sources=sources,
                progress=progress,
            )
            plan.run()
        report.counts = plan.counts
        report.written = plan.writing
        scratch.drop()
        if not report.written:
            transaction.set_rollback(True)
    return report


# The fields whose Spanish twins a record may give (see Row.spanish_twins), and their lengths.
SERVICE_TWINS = {
    "name": 200,
    "description": None,
    "eligibility_description": None,
    "application_process": None,
    "fees_description": None,
    "alert": None,
}
ORGANIZATION_TWINS = {"name": 200, "description": None}
SCHEDULE_TWINS = {"description": 300}

# Made once: a validator builds its patterns when it is made.
VALIDATE_URL, VALIDATE_EMAIL = URLValidator(), EmailValidator()


def _chunks(items, size=CHUNK):
    for chunk in batched(items, size):
        yield list(chunk)


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

    def spanish_twins(self, lengths):
        """The Spanish twins (`<field>_es`, issue 17: not HSDS, our own keys, as the sample data
        gives them) of these {field: maximum length} that the record has. One it leaves out is
        not in the result, so a stored one is kept: an HSDS file has none."""
        return {
            f"{field}_es": self.text(f"{field}_es", max_length)
            for field, max_length in lengths.items()
            if f"{field}_es" in self.row
        }

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
        parsed = _parsed_uuid(str(value))
        if parsed is None:
            self.warn(field, _("“%(value)s” is not a UUID; dropped.") % {"value": value})
        return parsed

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
        return self._validated(field, VALIDATE_URL, max_length)

    def email(self, field, max_length=254):
        return self._validated(field, VALIDATE_EMAIL, max_length)

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
        return self._parsed(field, date.fromisoformat, gettext_lazy("date"))

    def time(self, field):
        return self._parsed(field, time.fromisoformat, gettext_lazy("time"))

    def moment(self, field):
        def parse(value):
            moment = datetime.fromisoformat(value)
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

        return self._parsed(field, parse, gettext_lazy("date and time"))


class Plan:
    """Checks the tables a batch of rows at a time and, while nothing is wrong, writes them."""

    def __init__(
        self,
        tables,
        report,
        scratch,
        *,
        write=True,
        user=None,
        rights=FULL_RIGHTS,
        progress=None,
        sources=None,
    ):
        self.tables = tables
        self.progress = progress
        self.report = report
        # Ids kept for the steps that need the whole file, by kind: "service", "location" and
        # "contact" (the file's), "created <table>" (services, locations, services at locations
        # and contacts: OWNER_MODELS), "changed service", "changed parts" (services whose
        # phones, hours, places, … changed), "changed organization", "changed location",
        # "changed taxonomy_term", "changed schedule", "deleted schedule", "kept <table>" (parts
        # written), "silent <table>" (services listed without their parts of that table: see
        # _note_silent).
        self.scratch = scratch
        self.write_requested = write
        self.user = user
        self.rights = rights
        # Service columns the import may not change: new rows get the value the record brings
        # (a draft, no date), stored rows keep theirs, whatever they hold by the time of the
        # write (see _Upsert).
        self.kept_columns = tuple(
            column
            for column, allowed in [("status", rights.publish), ("assured_date", rights.verify)]
            if not allowed
        )
        self.counts = dict.fromkeys(COUNTED, 0)
        self.taxonomies = {}  # Taxonomies and terms are few: checked whole, then written.
        self.terms = {}
        # The file's rows of them, by our id, for what the report says of them.
        self.taxonomy_rows = {}
        self.term_rows = {}
        # Terms the import may not add: {our id: (row, name, taxonomy name)}.
        self.terms_not_added = {}
        self.remap = {"taxonomy": {}, "taxonomy_term": {}}
        self.found = {}  # target table -> (ids in the file, ids in the database), per batch
        self.approximate_in_file = {}  # see _locations
        # Where the records come from, and the curators' values they keep (provenance.py).
        self.sources = sources or Sources(FILE_UPLOAD, changes=report.changes)
        # Rows of the file dropped with a warning that other rows may name: {table: {id}}. Few,
        # so kept here; a link to one of them is dropped as a link to a missing record is.
        self.dropped = {}
        # Services the file lists without some of their parts (reading.SERVICE_PARTS): how
        # many, and which tables they leave out. Their stored parts of those kinds stay.
        self.scratch.unspoken = frozenset(tables.absent_parts)
        self.silent_services, self.silent_parts, self.silent_sets = 0, set(), set()

    @property
    def writing(self):
        return self.write_requested and self.report.ok

    def run(self):
        self._taxonomies()
        self._terms()
        self._organizations()
        self._organization_identifiers()
        self._programs()
        self._locations()
        self._services()
        self._service_at_locations()
        self._contacts()
        self._phones()
        self._schedules()
        self._service_areas()
        self._languages()
        self._funding()
        self._cost_options()
        self._required_documents()
        self._attributes()
        self.sources.keep_curators_terms(self.scratch)
        self._drop_terms_not_added()
        if self.report.ok and not self.sources.overwrite:
            self._report_curators_parts()
        if self.writing:
            report_progress(self.progress, "saving", 0)
            self._finish()

    # -- references --

    def _batches(self, table):
        """The rows of `table` as Rows, a batch at a time, with the links they need looked up."""
        done = 0
        report_progress(self.progress, table, done)
        for rows in batched(self.tables.records(table), CHUNK):
            self._look_up(table, rows)
            yield [Row(row, self.report) for row in rows]
            done += len(rows)
            report_progress(self.progress, table, done)

    def _look_up(self, table, rows):
        """Which of the records these rows name are in the file, and which are in the database."""
        links = [
            (column, target) for (source, column), target in FOREIGN_KEYS.items() if source == table
        ]
        if table == "attribute":
            links.append(("link_id", "service"))
        self.found = {}
        for column, target in links:
            named = {str(row[column]) for row in rows if row.get(column)}
            in_file = self.tables.present(target, named)
            wanted = {_parsed_uuid(value) for value in named - in_file if _is_uuid(value)}
            in_db = set()
            if wanted and target in MODELS:
                in_db.update(
                    MODELS[target].objects.filter(pk__in=wanted).values_list("pk", flat=True)
                )
            found_file, found_db = self.found.setdefault(target, (set(), set()))
            found_file |= in_file
            found_db |= in_db

    def ref(self, row, field, target, *, required, what=""):
        """The id `row.field` names, if that record exists; reports a dangling link."""
        value = row.raw(field)
        if value in (None, ""):
            if required:
                row.fail(field, _("This field is required."))
            return None
        target_id = _parsed_uuid(str(value))
        in_file, in_db = self.found[target]
        dropped = target_id in self.dropped.get(target, ())
        if target_id and (str(value) in in_file or target_id in in_db) and not dropped:
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
        parsed = _parsed_uuid(str(row.raw("id")))
        if parsed is None:
            row.fail("id", _("“%(value)s” is not a UUID.") % {"value": row.raw("id")})
        return parsed

    # -- taxonomies and terms --

    def _taxonomies(self):
        existing_by_name = dict(Taxonomy.objects.values_list("name", "id"))
        for row in (Row(row, self.report) for row in self.tables.records("taxonomy")):
            record_id = self._id(row)
            name = row.text("name", 200, required=True)
            if not record_id or not name:
                continue
            if name in vocabulary.FACETS:
                self.remap["taxonomy"][record_id] = vocabulary.taxonomy_id(name)
                continue  # Our facets are seeded and described by us.
            our_id = existing_by_name.get(name, record_id)
            self.remap["taxonomy"][record_id] = our_id
            self.taxonomy_rows[our_id] = row
            self.taxonomies[our_id] = {
                "id": our_id,
                "name": name,
                "description": _description(row, name),
                "uri": row.url("uri"),
                "version": row.text("version", 50),
            }

    def _taxonomy_named(self, name):
        if name in vocabulary.FACETS:
            return vocabulary.taxonomy_id(name)
        for taxonomy in self.taxonomies.values():
            if taxonomy["name"] == name:
                return taxonomy["id"]
        existing = Taxonomy.objects.filter(name=name).values_list("id", flat=True).first()
        if existing:
            return existing
        taxonomy_id = uuid.uuid5(IMPORT_NAMESPACE, name)
        self.taxonomies[taxonomy_id] = {
            "id": taxonomy_id,
            "name": name[:200],
            # HSDS requires a description: the export must not give an empty one.
            "description": str(UNDESCRIBED_TAXONOMY % {"name": name[:150]}),
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
        for rows in self._batches("taxonomy_term"):
            for row in rows:
                record_id = self._id(row)
                name = row.text("name", 200, required=True)
                if not record_id or not name:
                    continue
                taxonomy_id = self.ref(
                    row,
                    "taxonomy_id",
                    "taxonomy",
                    required=False,
                    what=gettext_lazy("The term is filed under its taxonomy's name."),
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
                    if (taxonomy_id, code) in existing:
                        continue  # Our own terms are named and described by us.
                    if self.rights.taxonomies:  # Otherwise it is reported as not added.
                        row.warn(
                            "code",
                            _("“%(code)s” is a new term of our facet; it is added.")
                            % {"code": code},
                        )
                self.terms[our_id] = {
                    "id": our_id,
                    "taxonomy_id": taxonomy_id,
                    "code": code,
                    "name": name,
                    "description": _description(row, name),
                    "language": row.text("language", 20),
                    "term_uri": row.url("term_uri", 500),
                }
                self.term_rows[our_id] = row
                pending_parents.append((row, our_id))
        self._look_up("taxonomy_term", [row.row for row, _our_id in pending_parents])
        for row, our_id in pending_parents:
            parent_id = self.ref(row, "parent_id", "taxonomy_term", required=False)
            self.terms[our_id]["parent_id"] = (
                self.remap["taxonomy_term"].get(parent_id, parent_id) if parent_id else None
            )
        if not self.rights.taxonomies:
            self._hold_back_taxonomies()
        self.counts["taxonomy"] = len(self.taxonomies)
        self.counts["taxonomy_term"] = len(self.terms)
        if self.writing:
            # Foreign keys are checked at commit (Django creates them deferred), so terms may
            # name parents written later in the same import.
            _upsert(Taxonomy, self.taxonomies.values())
            created, changed = _upsert(TaxonomyTerm, self.terms.values())
            self.scratch.add_ids("changed taxonomy_term", created | changed)

    def _hold_back_taxonomies(self):
        """Write no taxonomy or term: report each one the file would add or change, and keep
        those the directory lacks in `terms_not_added`, so that no service is linked to them."""
        names = dict(Taxonomy.objects.values_list("id", "name"))
        stored = {
            values["id"]: values
            for chunk in _chunks(self.taxonomies)
            for values in Taxonomy.objects.filter(pk__in=chunk).values(
                "id", "name", "description", "uri", "version"
            )
        }
        for our_id, record in self.taxonomies.items():
            names[our_id] = record["name"]
            row = self.taxonomy_rows.get(our_id)
            if row is None:
                continue  # Only named by its terms, which are reported.
            if our_id not in stored:
                row.warn("name", TAXONOMY_NOT_ADDED % {"name": record["name"]})
            elif field := _differs(record, stored[our_id]):
                row.warn(field, TAXONOMY_KEPT % {"name": record["name"]})
            else:
                continue
            self.report.taxonomy_held_back += 1
        stored = {
            values["id"]: values
            for chunk in _chunks(self.terms)
            for values in TaxonomyTerm.objects.filter(pk__in=chunk).values(
                "id",
                "taxonomy_id",
                "code",
                "name",
                "description",
                "parent_id",
                "language",
                "term_uri",
            )
        }
        for our_id, record in self.terms.items():
            kept, row = stored.get(our_id), self.term_rows[our_id]
            taxonomy = names.get(record["taxonomy_id"], "")
            if kept is None or _differs(record, kept, ["taxonomy_id", "code"]):
                # Matched by id only, a term of another taxonomy or code is not this one.
                self.terms_not_added[our_id] = (row, record["name"], taxonomy)
            elif field := _differs(record, kept):
                message = TERM_NOT_RENAMED if field == "name" else TERM_KEPT
                names_of = {"kept": kept["name"], "name": record["name"], "taxonomy": taxonomy}
                row.warn(field, message % names_of)
            else:
                continue
            self.report.taxonomy_held_back += 1
        self.taxonomies, self.terms = {}, {}

    def _drop_terms_not_added(self):
        """Unlink the file's services from the terms the import may not add, and say so once per
        term, with the number of services concerned."""
        services = self.scratch.take_terms(self.terms_not_added)
        for our_id, (row, name, taxonomy) in self.terms_not_added.items():
            row.warn("id", _term_not_added_message(name, taxonomy, services.get(our_id, 0)))

    # -- records, a batch at a time --

    def _write(self, model, records):
        """Upsert `records`; returns the ids of those created or changed."""
        self.counts[TABLE_OF[model]] += len(records)
        provenance = self.sources.check(
            model, records, skip=self.kept_columns if model is Service else ()
        )
        if not self.writing or not records:
            return set()
        _write_provenance(provenance)
        if model is Location:
            # After the curators' values are given back: their exact coordinates stay.
            place_records(records, approximate_in_file=self.approximate_in_file)
        created, changed = _upsert(
            model,
            records,
            bump_version=model is Service,
            keep=self.kept_columns if model is Service else (),
        )
        if model in OWNER_MODELS.values():
            self.scratch.add_ids(f"created {TABLE_OF[model]}", created)
        if model is Service:
            self.scratch.add_ids("changed service", changed)
        if model is not Service and hasattr(model, "history"):
            self._record_history(model, created, update=False)
            self._record_history(model, changed, update=True)
        return created | changed

    def _record_history(self, model, ids, *, update=False, deleted=False):
        """History rows for the records with `ids` (given, or kept in the scratch tables under
        that kind), as they are now: created, updated, or about to be deleted."""
        pk = f"{_quote(model._meta.db_table)}.{_quote(model._meta.pk.column)}"
        if isinstance(ids, str):
            conditions = [self.scratch.subquery(ids, pk)]
        else:
            conditions = (self.scratch.id_condition(pk, chunk) for chunk in _chunks(ids))
        for where, params in conditions:
            record_history(
                model,
                where,
                params,
                history_type="-" if deleted else "~" if update else "+",
                user=self.user,
                reason=str(_("Imported from HSDS")),
            )

    def _write_parts(self, model, records):
        """Upsert a service's or location's parts; the services whose parts changed are noted.
        Returns the ids of the parts created or changed."""
        self.scratch.add_ids(f"kept {TABLE_OF[model]}", (record["id"] for record in records))
        written = self._write(model, records)
        if written:
            owners = {record["id"]: record.get("service_id") for record in records}
            self.scratch.add_ids("changed parts", (owners[pk] for pk in written if owners[pk]))
        return written

    def _organizations(self):
        for rows in self._batches("organization"):
            records = []
            for row in rows:
                record_id = self._id(row)
                name = row.text("name", 200, required=True)
                if not record_id:
                    continue
                parent_id = self.ref(row, "parent_organization_id", "organization", required=False)
                if parent_id == record_id:
                    row.warn(
                        "parent_organization_id",
                        _("An organisation cannot be its own parent; the link is dropped."),
                    )
                    parent_id = None
                records.append(
                    {
                        "id": record_id,
                        "name": name,
                        "alternate_name": row.text("alternate_name", 200),
                        "description": row.text("description"),
                        "email": row.email("email"),
                        "website": row.url("website"),
                        "legal_status": row.text("legal_status", 200),
                        "tax_status": row.text("tax_status", 200),
                        "tax_id": row.text("tax_id", 100),
                        "year_incorporated": row.whole_number("year_incorporated", low=1),
                        "logo": row.url("logo", 500),
                        "uri": row.url("uri", 500),
                        "parent_organization_id": parent_id,
                        **row.spanish_twins(ORGANIZATION_TWINS),
                    }
                )
            self.scratch.add_ids("changed organization", self._write(Organization, records))

    def _locations(self):
        # A location's addresses and accessibility notes are rows of other tables: they wait in
        # the scratch tables ("address", "accessibility"), in short, until their location is
        # read. The address held on the location is its first physical one, the address
        # visitors go to; its other addresses are written after it (_addresses).
        for rows in self._batches("address"):
            addresses = self.scratch.values("address", _location_keys(rows))
            before = set(addresses)
            for row in rows:
                location_id = self._location_part(row, gettext_lazy("The address is dropped."))
                if location_id is None:
                    continue
                address = self._address(row)
                if address.pop("address_type") != "physical" or str(location_id) in addresses:
                    continue  # Kept as an Address of the location.
                addresses[str(location_id)] = json.dumps(address, default=str)
            self.scratch.set_values(
                "address", {key: value for key, value in addresses.items() if key not in before}
            )
        for rows in self._batches("accessibility"):
            notes = self.scratch.values("accessibility", _location_keys(rows))
            before = dict(notes)
            for row in rows:
                location_id = self._location_part(
                    row, gettext_lazy("The accessibility note is dropped.")
                )
                if location_id is None:
                    continue
                key = str(location_id)
                if key in notes:
                    first = json.loads(notes[key])
                    text = "\n".join(filter(None, [row.text("description"), row.text("details")]))
                    first["accessibility"] = "\n\n".join(
                        filter(None, [first["accessibility"], text])
                    )
                    notes[key] = json.dumps(first)
                    row.warn(
                        "id",
                        _(
                            "We keep one accessibility record per location: this one's text is "
                            "added to the first's, its id is not kept."
                        ),
                    )
                    continue
                notes[key] = json.dumps(
                    {
                        "accessibility_id": str(self._id(row) or ""),
                        "accessibility": row.text("description"),
                        "accessibility_details": row.text("details"),
                        "accessibility_url": row.url("url", 500),
                    }
                )
            self.scratch.set_values(
                "accessibility",
                {key: value for key, value in notes.items() if before.get(key) != value},
            )
        for rows in self._batches("location"):
            keys = _location_keys(rows, "id")
            addresses = {
                key: _address_record(value)
                for key, value in self.scratch.values("address", keys).items()
            }
            accessibility = {
                key: json.loads(value)
                for key, value in self.scratch.values("accessibility", keys).items()
            }
            records = []
            # The points the file says are approximate (our own export's extension key), by id.
            self.approximate_in_file = {}
            for row in rows:
                record = self._location(row, addresses, accessibility)
                if record:
                    records.append(record)
            self.scratch.add_ids("location", (record["id"] for record in records))
            self.scratch.add_ids("changed location", self._write(Location, records))
        self._addresses()

    def _addresses(self):
        """The addresses of the file's locations other than the one each location holds."""
        position = 0
        for rows in self._batches("address"):
            held = {
                key: json.loads(value)["address_id"]
                for key, value in self.scratch.values("address", _location_keys(rows)).items()
            }
            records = []
            for row in rows:
                # Read a second time: its problems were reported the first.
                row = Row(row.row, Report())
                location_id = self.ref(row, "location_id", "location", required=False)
                record_id = _parsed_uuid(str(row.raw("id")))
                if location_id is None or record_id is None:
                    continue
                if held.get(str(location_id)) == str(record_id):
                    continue
                record = self._address(row, quiet=True)
                del record["address_id"]
                record.update(id=record_id, location_id=location_id, position=position)
                position += 1
                records.append(record)
            self._write_parts(Address, records)

    def _location(self, row, addresses, accessibility):
        record_id = self._id(row)
        if not record_id:
            return None
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
        fields = {
            "id": record_id,
            "location_type": location_type,
            "organization_id": self.ref(row, "organization_id", "organization", required=False),
            "name": row.text("name", 200),
            "alternate_name": row.text("alternate_name", 200),
            "description": row.text("description"),
            "url": row.url("url"),
            "external_identifier": row.text("external_identifier", 200),
            "external_identifier_type": row.text("external_identifier_type", 100),
            "transportation": row.text("transportation"),
            "latitude": latitude.quantize(Decimal("0.000001")) if latitude is not None else None,
            "longitude": longitude.quantize(Decimal("0.000001")) if longitude is not None else None,
        }
        if latitude is not None and row.raw("coordinates_approximate") in (True, "true"):
            self.approximate_in_file[record_id] = (fields["latitude"], fields["longitude"])
        note = accessibility.pop(str(record_id), None) or NO_ACCESSIBILITY
        fields.update(note, accessibility_id=_parsed_uuid(note["accessibility_id"]))
        fields.update(addresses.pop(str(record_id), None) or NO_ADDRESS)
        if not fields["name"]:
            fields["name"] = fields["address_1"] or fields["city"] or _("Unnamed location")
            row.warn("name", _("No name; “%(name)s” is used.") % {"name": fields["name"]})
        return fields

    def _address(self, row, *, quiet=False):
        """The address fields of `row`; `quiet` on the second reading of a row, whose problems
        were reported on the first."""
        if quiet:
            row = Row(row.row, Report())
        address = {field: row.text(field, length) for field, length in ADDRESS_FIELDS.items()}
        address["address_id"] = self._id(row)
        country = row.text("country").upper()
        if country and (len(country) != 2 or not country.isalpha()):
            row.warn(
                "country",
                _("“%(value)s” is not a two-letter country code; dropped.") % {"value": country},
            )
            country = ""
        address["country"] = country or "US"
        address_type = row.text("address_type") or "physical"
        if address_type not in Address.Type.values:
            row.warn(
                "address_type",
                _("“%(value)s” is not an address type; physical is used.")
                % {"value": address_type},
            )
            address_type = "physical"
        address["address_type"] = address_type
        return address

    def _services(self):
        for rows in self._batches("service"):
            ids = [row.raw("id") for row in rows if _is_uuid(row.raw("id"))]
            stored = {
                values["id"]: values
                for values in Service.objects.filter(pk__in=ids).values(
                    "id", "slug", "status", "assured_date"
                )
            }
            names = {
                slug
                for row in rows
                if _is_uuid(row.raw("id"))
                for slug in _slug_choices(str(row.raw("name") or ""), _parsed_uuid(row.raw("id")))
            }
            # Taken: the names the directory has, and those this import gave (kept as "slug").
            taken = set(Service.objects.filter(slug__in=names).values_list("slug", flat=True))
            taken |= self.scratch.present("slug", names)
            before = set(taken)
            records = []
            for row in rows:
                record = self._service(row, stored, taken)
                if record:
                    records.append(record)
            self.scratch.add_keys("slug", taken - before)
            self.scratch.add_ids("service", (record["id"] for record in records))
            self._note_silent(rows, stored)
            self._write(Service, records)
        self._report_silent()

    def _note_silent(self, rows, stored):
        """Keep, per part table, the services of `rows` listed without their rows of it (those
        of a table no service speaks for are not kept one by one: see Scratch.speaking_for);
        count the stored ones, for the report."""
        silent = {}
        for row in rows:
            tables = set(row.raw("_silent") or ()) | self.scratch.unspoken
            record_id = _parsed_uuid(str(row.raw("id")))
            if tables and record_id:
                if record_id in stored:
                    self.silent_services += 1
                    self.silent_parts |= tables
                    self.silent_sets.add(frozenset(tables))
                for table in tables - self.scratch.unspoken:
                    silent.setdefault(table, []).append(record_id)
        for table, ids in silent.items():
            self.scratch.add_ids(f"silent {table}", ids)

    def _report_silent(self):
        if not self.silent_services:
            return
        *names, last = (
            str(name) for table, name in PART_NAMES.items() if table in self.silent_parts
        )
        parts = (
            _("%(first)s and %(last)s") % {"first": ", ".join(names), "last": last}
            if names
            else last
        )
        if len(self.silent_sets) > 1:
            # Services listed without different parts: each kept its own, named in the union.
            sentence = _(
                "%(count)s services are listed without some of their %(parts)s: their stored "
                "ones are kept."
            )
        else:
            sentence = ngettext(
                "%(count)s service is listed without its %(parts)s: its stored ones are kept.",
                "%(count)s services are listed without their %(parts)s: their stored ones are "
                "kept.",
                self.silent_services,
            )
        sentence %= {"count": f"{self.silent_services:,}", "parts": parts}
        self.report.shape = f"{self.report.shape} {sentence}".strip()

    def _service(self, row, stored, taken):
        record_id = self._id(row)
        name = row.text("name", 200, required=True)
        organization_id = self.ref(row, "organization_id", "organization", required=True)
        program_id = self.ref(row, "program_id", "program", required=False)
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
            return None
        minimum_age, maximum_age = (
            row.whole_number("minimum_age"),
            row.whole_number("maximum_age"),
        )
        if minimum_age is not None and maximum_age is not None and minimum_age > maximum_age:
            row.warn("minimum_age", _("The minimum age is above the maximum; both dropped."))
            minimum_age = maximum_age = None
        slug = stored[record_id]["slug"] if record_id in stored else None
        if slug is None:
            slug = _new_slug(name, record_id, taken)
        record = {
            "id": record_id,
            "organization_id": organization_id,
            "program_id": program_id,
            "name": name,
            "slug": slug,
            "alternate_name": row.text("alternate_name", 200),
            "description": row.text("description"),
            "url": row.url("url"),
            "email": row.email("email"),
            "status": STATUSES.get(status, Service.Status.INACTIVE),
            "application_process": row.text("application_process"),
            "fees_description": row.text("fees_description"),
            "eligibility_description": row.text("eligibility_description"),
            "alert": row.text("alert"),
            "minimum_age": minimum_age,
            "maximum_age": maximum_age,
            "assured_date": row.date("assured_date"),
            "fees": row.text("fees"),
            "interpretation_services": row.text("interpretation_services"),
            "wait_time": row.text("wait_time"),
            "accreditations": row.text("accreditations"),
            "licenses": row.text("licenses"),
            "assurer_email": row.email("assurer_email"),
            **row.spanish_twins(SERVICE_TWINS),
        }
        modified = row.moment("last_modified")
        if modified:
            record["modified"] = modified  # The file's time, not the time of the import.
        self._hold_back(row, record, stored.get(record_id))
        self._verified_by(record, stored.get(record_id))
        return record

    def _verified_by(self, record, stored):
        """A verification date the import changes was set by the curator who confirmed the
        upload, as "Mark verified" records it; from the command by nobody of ours: the date is
        the file's. A service the import leaves unverified has nobody either."""
        if not self.rights.verify:
            return  # The date is kept, and who set it with it.
        kept = stored["assured_date"] if stored else None
        if record["assured_date"] != kept:
            verified = record["assured_date"] and self.user
            record["assured_by_id"] = self.user.pk if verified else None

    def _hold_back(self, row, record, stored):
        """Leave the status and verification date the import may not change as they are (a new
        service: a draft, never verified), and report each one the file would have changed."""
        name = record["name"]
        held_back = False
        if not self.rights.publish:
            kept = stored["status"] if stored else Service.Status.DRAFT
            if kept != record["status"]:
                message = STATUS_KEPT.get((kept, record["status"]), STATUS_KEPT_OTHERWISE)
                row.warn("status", message % {"name": name})
                held_back = True
            record["status"] = Service.Status.DRAFT  # A stored service keeps its own.
        if not self.rights.verify:
            kept = stored["assured_date"] if stored else None
            wanted = record["assured_date"]
            if kept != wanted:
                row.warn("assured_date", _date_kept_message(name, kept, wanted))
                held_back = True
            record["assured_date"] = None  # A stored service keeps its own.
        if held_back:
            self.report.held_back += 1

    def _service_at_locations(self):
        for rows in self._batches("service_at_location"):
            # The (service, location) pairs of earlier batches are kept as "place".
            pairs = self.scratch.present("place", _pair_keys(rows, "service_id", "location_id"))
            before = set(pairs)
            records = []
            for row in rows:
                record_id = self._id(row)
                service_id = self.ref(row, "service_id", "service", required=True)
                location_id = self.ref(row, "location_id", "location", required=True)
                if not (record_id and service_id and location_id):
                    continue
                if f"{service_id} {location_id}" in pairs:
                    row.warn(
                        "location_id",
                        _("This service is already linked to this location; dropped."),
                    )
                    self.dropped.setdefault("service_at_location", set()).add(record_id)
                    continue
                pairs.add(f"{service_id} {location_id}")
                records.append(
                    {
                        "id": record_id,
                        "service_id": service_id,
                        "location_id": location_id,
                        "description": row.text("description"),
                    }
                )
            self.scratch.add_keys("place", pairs - before)
            if self.writing:
                self._make_room(ServiceAtLocation, records, ("service_id", "location_id"))
            self._write_parts(ServiceAtLocation, records)

    def _make_room(self, model, records, unique):
        """Delete rows holding the unique values `records` bring under other ids: they are
        replaced, and would otherwise stop the new rows being written."""
        owner_ids = {record[unique[0]] for record in records}
        # Rows that others hang off (a service-at-location's contacts) go through the ORM,
        # which deletes those with them.
        if connection.vendor == "postgresql" and model not in DEPENDENTS:
            # One statement: nothing read into Python, where a re-import finds nothing to do.
            if _delete_taken(model, records, unique):
                self.scratch.add_ids("changed parts", owner_ids)
            return
        wanted = {tuple(record[field] for field in unique): record["id"] for record in records}
        rows = model.objects.filter(**{f"{unique[0]}__in": owner_ids}).values_list("pk", *unique)
        doomed = [pk for pk, *values in rows if wanted.get(tuple(values), pk) != pk]
        if doomed:
            self.scratch.add_ids("changed parts", owner_ids)
            model.objects.filter(pk__in=doomed).delete()

    def _owner(self, row, fields, what):
        """The first of `fields` naming a record we keep: phones and schedules have one owner."""
        owners = {}
        for field, target in fields:
            if row.raw(field) not in (None, ""):
                owners[field] = self.ref(row, field, target, required=False, what=what)
        return owners

    def _phones(self):
        for rows in self._batches("phone"):
            # How many phones each owner had in earlier batches, kept as "phones of".
            owners = [
                f"{field} {_parsed_uuid(str(row.raw(field)))}"
                for row in rows
                for field in PHONE_OWNERS
                if _is_uuid(row.raw(field))
            ]
            positions = self.scratch.counts("phones of", owners)
            before = dict(positions)
            records = []
            for row in rows:
                record = self._phone(row, positions)
                if record:
                    records.append(record)
            self.scratch.set_counts(
                "phones of",
                {owner: n for owner, n in positions.items() if before.get(owner) != n},
            )
            self._write_parts(Phone, records)

    def _phone(self, row, positions):
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
            gettext_lazy("That link is dropped."),
        )
        links = {field: owners.get(field) for field in PHONE_OWNERS}
        # The first link orders the owner's numbers; every link is kept as the file gives it.
        owner = next(((field, value) for field, value in links.items() if value), None)
        if not record_id or not number:
            return None
        if owner is None:
            return None  # Its only link was dropped.
        if len(number) > 1 and number[0] == number[-1] and number[0] in "\"'":
            row.warn("number", _("The number was in quotes; they are removed."))
            number = number[1:-1].strip()
        phone_type = row.text("type") or "voice"
        if phone_type not in PHONE_TYPES:
            row.warn(
                "type",
                _("“%(value)s” is not an HSDS phone type; kept as a voice number.")
                % {"value": phone_type},
            )
        extension = row.number("extension")
        owner_key = f"{owner[0]} {owner[1]}"
        position = positions.get(owner_key, 0)
        positions[owner_key] = position + 1
        return {
            "id": record_id,
            **links,
            "number": number,
            "extension": str(int(extension))
            if extension is not None and extension == extension.to_integral_value()
            else "",
            "type": PHONE_TYPES.get(phone_type, "voice"),
            "description": row.text("description", 200),
            "position": position,
        }

    def _schedules(self):
        for rows in self._batches("schedule"):
            records = [record for record in map(self._schedule, rows) if record]
            self.scratch.add_ids("changed schedule", self._write_parts(Schedule, records))

    def _schedule(self, row):
        record_id = self._id(row)
        owners = self._owner(
            row,
            [
                ("service_id", "service"),
                ("location_id", "location"),
                ("service_at_location_id", "service_at_location"),
            ],
            gettext_lazy("That link is dropped."),
        )
        if not record_id:
            return None
        service_id, location_id = owners.get("service_id"), owners.get("location_id")
        place_id = owners.get("service_at_location_id")
        if not (service_id or location_id or place_id):
            return None
        freq = row.text("freq") or "WEEKLY"
        byday = row.text("byday").replace(" ", "")
        bymonthday = row.text("bymonthday").replace(" ", "")
        if freq not in ("WEEKLY", "MONTHLY"):
            row.warn("freq", _("We keep weekly and monthly schedules; this one is dropped."))
            return None
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
            return None
        opens_at, closes_at = row.time("opens_at"), row.time("closes_at")
        if (opens_at is None) != (closes_at is None):
            row.warn("opens_at", _("Opening and closing times come together; both dropped."))
            opens_at = closes_at = None
        dtstart, until = row.date("dtstart"), row.date("until")
        if dtstart and until and until < dtstart:
            row.warn("until", _("The last date is before the first; dropped."))
            until = None
        valid_from, valid_to = row.date("valid_from"), row.date("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            row.warn("valid_to", _("“Valid to” is before “valid from”; dropped."))
            valid_to = None
        wkst = row.text("wkst").upper()
        if wkst and wkst not in WEEKDAY_CODES:
            row.warn("wkst", _("“%(value)s” is not a day code; dropped.") % {"value": wkst})
            wkst = ""
        timezone_offset = row.number("timezone")
        if timezone_offset is not None and not (
            -14 <= timezone_offset <= 14 and timezone_offset == round(timezone_offset, 2)
        ):
            row.warn(
                "timezone",
                _("%(value)s is not a UTC offset in hours; dropped.") % {"value": timezone_offset},
            )
            timezone_offset = None
        return {
            "id": record_id,
            "service_id": service_id,
            "location_id": location_id,
            "service_at_location_id": place_id,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "wkst": wkst,
            "timezone": timezone_offset,
            "count": row.whole_number("count", low=1, high=2147483647),
            "byweekno": row.text("byweekno", 200),
            "byyearday": row.text("byyearday", 200),
            "schedule_link": row.url("schedule_link", 500),
            "attending_type": row.text("attending_type", 200),
            "notes": row.text("notes"),
            "freq": freq,
            "interval": row.whole_number("interval", low=1) or 1,
            "byday": byday,
            "bymonthday": bymonthday,
            "dtstart": dtstart,
            "until": until,
            "opens_at": opens_at,
            "closes_at": closes_at,
            "description": row.text("description", 300),
            **row.spanish_twins(SCHEDULE_TWINS),
        }

    def _service_areas(self):
        self._write_rows("service_area", ServiceArea, self._service_area, parts=True)

    def _service_area(self, row):
        record = self._named_service_part(
            row,
            "name",
            200,
            dropped=gettext_lazy("The service area is dropped."),
            unnamed=gettext_lazy("A service area needs a name; dropped."),
        )
        if record:
            record.update(
                description=row.text("description"),
                extent=row.text("extent"),
                extent_type=row.text("extent_type", 50),
                uri=row.text("uri", 500),
            )
        return record

    def _languages(self):
        for rows in self._batches("language"):
            # The (service, language) pairs of earlier batches are kept as "language".
            seen = self.scratch.present("language", _pair_keys(rows, "service_id", "code"))
            before = set(seen)
            records = []
            for row in rows:
                record_id = self._id(row)
                if row.raw("service_id") in (None, ""):
                    row.warn(
                        "service_id",
                        _("A language of a location or phone alone is not kept; dropped."),
                    )
                    continue
                service_id = self._service_part(row, gettext_lazy("The language is dropped."))
                given = row.text("code")
                if not (record_id and service_id):
                    continue
                # ISO 639-1, or ISO 639-3 where a language has no two-letter code (issue 17).
                code = kept_language_code(given)
                if code is None:
                    row.warn(
                        "code",
                        _("“%(value)s” is not an ISO 639-1 or ISO 639-3 language code; dropped.")
                        % {"value": given},
                    )
                    continue
                if f"{service_id} {code}" in seen:
                    continue
                seen.add(f"{service_id} {code}")
                records.append(
                    {
                        "id": record_id,
                        "service_id": service_id,
                        "code": code,
                        "note": row.text("note", 200),
                        "location_id": self.ref(row, "location_id", "location", required=False),
                        "phone_id": self.ref(row, "phone_id", "phone", required=False),
                    }
                )
            self.scratch.add_keys("language", seen - before)
            if self.writing:
                self._make_room(Language, records, ("service_id", "code"))
            self._write_parts(Language, records)

    def _attributes(self):
        for rows in self._batches("attribute"):
            pairs = set()
            for row in rows:
                link_entity = row.text("link_entity")
                link_id = self.ref(
                    row,
                    "link_id",
                    "service",
                    required=False,
                    what=gettext_lazy("The attribute is dropped."),
                )
                term_id = self.ref(
                    row,
                    "taxonomy_term_id",
                    "taxonomy_term",
                    required=False,
                    what=gettext_lazy("The attribute is dropped."),
                )
                if link_id is None or term_id is None:
                    continue
                if link_entity not in ("", "service"):
                    row.warn("link_entity", _("We keep attributes of services only; dropped."))
                    continue
                if row.text("value"):
                    row.warn(
                        "value",
                        _(
                            "An attribute's value is not kept: we keep that the service has "
                            "the term, not a value with it."
                        ),
                    )
                pairs.add((link_id, self.remap["taxonomy_term"].get(term_id, term_id)))
            self.scratch.add_terms(pairs)

    def _organization_identifiers(self):
        self._write_rows(
            "organization_identifier", OrganizationIdentifier, self._organization_identifier
        )

    def _organization_identifier(self, row):
        record_id = self._id(row)
        organization_id = self.ref(row, "organization_id", "organization", required=True)
        identifier_type = row.text("identifier_type", 200, required=True)
        identifier = row.text("identifier", 200, required=True)
        if not (record_id and organization_id and identifier_type and identifier):
            return None
        return {
            "id": record_id,
            "organization_id": organization_id,
            "identifier_scheme": row.text("identifier_scheme", 100),
            "identifier_type": identifier_type,
            "identifier": identifier,
        }

    def _programs(self):
        self._write_rows("program", Program, self._program)

    def _program(self, row):
        record_id = self._id(row)
        organization_id = self.ref(row, "organization_id", "organization", required=True)
        name = row.text("name", 200, required=True)
        description = row.text("description", required=True)
        if not (record_id and organization_id and name and description):
            return None
        return {
            "id": record_id,
            "organization_id": organization_id,
            "name": name,
            "alternate_name": row.text("alternate_name", 200),
            "description": description,
        }

    def _contacts(self):
        for rows in self._batches("contact"):
            records = []
            for row in rows:
                record_id = self._id(row)
                links = self._owner(
                    row,
                    [
                        ("organization_id", "organization"),
                        ("service_id", "service"),
                        ("service_at_location_id", "service_at_location"),
                        ("location_id", "location"),
                    ],
                    gettext_lazy("That link is dropped."),
                )
                if not record_id:
                    continue
                if not any(links.values()):
                    row.warn(
                        "id",
                        _(
                            "A contact belongs to a service, a location or an organisation; "
                            "dropped."
                        ),
                    )
                    self.dropped.setdefault("contact", set()).add(record_id)
                    continue
                records.append(
                    {
                        "id": record_id,
                        "organization_id": links.get("organization_id"),
                        "service_id": links.get("service_id"),
                        "service_at_location_id": links.get("service_at_location_id"),
                        "location_id": links.get("location_id"),
                        "name": row.text("name", 200),
                        "title": row.text("title", 200),
                        "department": row.text("department", 200),
                        "email": row.email("email"),
                    }
                )
            # A contact in the file brings its phones, as a service does.
            self.scratch.add_ids("contact", (record["id"] for record in records))
            self._write_parts(Contact, records)

    def _write_rows(self, table, model, record_of, *, parts=False):
        """Write the records `record_of` makes of the rows of `table`, a batch at a time; it
        returns None for a row it drops. Parts of a service note the services they change."""
        for rows in self._batches(table):
            records = [record for row in rows if (record := record_of(row)) is not None]
            if parts:
                self._write_parts(model, records)
            else:
                self._write(model, records)

    def _service_part(self, row, what):
        """The service a part (a language, a cost option, a required document) belongs to, or
        None; `what` says what becomes of the row without it."""
        return self.ref(row, "service_id", "service", required=False, what=what)

    def _location_part(self, row, what):
        """The location a part (an address, an accessibility note) belongs to, or None."""
        return self.ref(row, "location_id", "location", required=False, what=what)

    def _named_service_part(self, row, field, max_length=None, *, dropped, unnamed):
        """The record of a part of a service that `field` names (a service area, a required
        document), or None where the id, the service or the name is missing."""
        record_id = self._id(row)
        service_id = self._service_part(row, dropped)
        name = row.text(field, max_length)
        if not (record_id and service_id):
            return None
        if not name:
            row.warn(field, str(unnamed))
            return None
        return {"id": record_id, "service_id": service_id, field: name}

    def _funding(self):
        self._write_rows("funding", Funding, self._one_funding, parts=True)

    def _one_funding(self, row):
        record_id = self._id(row)
        links = self._owner(
            row,
            [("organization_id", "organization"), ("service_id", "service")],
            gettext_lazy("That link is dropped."),
        )
        source = row.text("source")
        if not record_id:
            return None
        if not any(links.values()):
            row.warn("id", _("Funding belongs to a service or an organisation; dropped."))
            return None
        if not source:
            row.warn("source", _("Funding without a source says nothing; dropped."))
            return None
        return {
            "id": record_id,
            "organization_id": links.get("organization_id"),
            "service_id": links.get("service_id"),
            "source": source,
        }

    def _cost_options(self):
        self._write_rows("cost_option", CostOption, self._cost_option, parts=True)

    def _cost_option(self, row):
        record_id = self._id(row)
        service_id = self._service_part(row, gettext_lazy("The cost option is dropped."))
        if not (record_id and service_id):
            return None
        valid_from, valid_to = row.date("valid_from"), row.date("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            row.warn("valid_to", _("The last valid day is before the first; dropped."))
            valid_to = None
        currency = row.text("currency")
        if currency and not re.fullmatch(r"[A-Za-z]{3}", currency):
            row.warn(
                "currency",
                _("“%(value)s” is not a three-letter currency code; dropped.")
                % {"value": currency},
            )
            currency = ""
        return {
            "id": record_id,
            "service_id": service_id,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "option": row.text("option"),
            "currency": currency.upper(),
            "amount": _amount(row),
            "amount_description": row.text("amount_description"),
        }

    def _required_documents(self):
        self._write_rows("required_document", RequiredDocument, self._required_document, parts=True)

    def _required_document(self, row):
        record = self._named_service_part(
            row,
            "document",
            dropped=gettext_lazy("The required document is dropped."),
            unnamed=gettext_lazy("A required document needs a name; dropped."),
        )
        if record:
            record["uri"] = row.url("uri", 500)
        return record

    # -- the steps that need the whole file --

    def _finish(self):
        self.scratch.analyze()
        for model in REPLACED:
            self._delete_stale(model)
        # Schedules were written and deleted in SQL, past the signal that keeps these rows:
        # those the import created, changed or deleted get theirs anew; the others keep theirs.
        refresh_schedules(
            chain.from_iterable(
                chain(self.scratch.ids("changed schedule"), self.scratch.ids("deleted schedule"))
            )
        )
        self._set_terms()
        self._record_service_changes()
        self._refresh_search()

    def _note_changed_parts(self, service_column, source, where, params):
        """Note as "changed parts" the services `service_column` names in the rows of `source`
        matching `where`."""
        self._note("changed parts", service_column, source, where, params)

    def _note(self, kind, column, source, where, params):
        """Keep under `kind` the ids `column` holds in the rows of `source` matching `where`."""
        self.scratch.execute(
            f"INSERT INTO {IDS} (kind, id) SELECT DISTINCT CAST(%s AS text), {column} "  # noqa: S608
            f"FROM {source} WHERE {where} ON CONFLICT DO NOTHING",
            [kind, *params],
        )

    def _stale_parts(self, model, *, curators=False):
        """(owner field, SQL condition, params) for the parts of the file's services and
        locations that the file leaves out: those no curator added or edited, unless
        overwriting (or, with `curators`, only those a curator did)."""
        table = _quote(model._meta.db_table)
        pk = f"{table}.{_quote(model._meta.pk.column)}"
        # Records this import created have no parts but those it wrote.
        owners = PART_OWNERS.get(model, [("service_id", "service")])
        for field, kind in owners:
            if kind not in self._kinds_of_stored_owners:
                continue
            owner = f"{table}.{_quote(model._meta.get_field(field).column)}"
            in_file = (
                self.scratch.speaking_for(TABLE_OF[model], owner)
                if kind == "service"
                else self.scratch.subquery(kind, owner)
            )
            owner_table = TABLE_OF[model._meta.get_field(field).related_model]
            conditions = [
                in_file,
                self.scratch.subquery(f"created {owner_table}", owner),
                self.scratch.subquery(f"kept {TABLE_OF[model]}", pk),
            ]
            if not self.sources.overwrite and not curators:
                conditions.append(_curators_part(model, pk))
            where = " AND NOT ".join(sql for sql, _params in conditions)
            params = [param for _sql, params in conditions for param in params]
            if curators:
                sql, curator_params = _curators_part(model, pk)
                where, params = f"{where} AND {sql}", params + curator_params
            yield field, where, params

    @functools.cached_property
    def _kinds_of_stored_owners(self):
        """The kinds of owner (PART_OWNERS) of which the file names one stored before the import:
        only theirs can have parts the file leaves out. Asked once, after the last write; a file
        of new services skips the per-table steps of _delete_stale and _report_curators_parts."""
        checks, params = [], []
        for kind, model in OWNER_MODELS.items():
            table, pk = _quote(model._meta.db_table), _quote(model._meta.pk.column)
            stored = f"EXISTS (SELECT 1 FROM {table} WHERE {table}.{pk} = named.id)"  # noqa: S608
            created, created_params = self.scratch.subquery(
                f"created {TABLE_OF[model]}", "named.id"
            )
            checks.append(
                f"EXISTS (SELECT 1 FROM {IDS} AS named WHERE named.kind = %s "  # noqa: S608
                f"AND {stored} AND NOT {created})"
            )
            params += [kind, *created_params]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(checks)}", params)
            found = cursor.fetchone()
        return {kind for kind, named in zip(OWNER_MODELS, found, strict=True) if named}

    def _report_curators_parts(self):
        """Report the parts a curator added or edited that the file leaves out: they stay."""
        for model in REPLACED:
            table = _quote(model._meta.db_table)
            pk = _quote(model._meta.pk.column)
            for _field, where, params in self._stale_parts(model, curators=True):
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT {table}.{pk} FROM {table} WHERE {where}", params)  # noqa: S608
                    ids = [_as_uuid(value) for (value,) in cursor.fetchall()]
                shown = model.objects.in_bulk(ids[: self.sources.changes.listed])
                for pk_value in ids:
                    self.sources.changes.note_part_kept(model, pk_value, shown.get(pk_value))

    def _delete_stale(self, model):
        """Delete the parts of the file's services and locations that the file leaves out."""
        table = _quote(model._meta.db_table)
        pk = f"{table}.{_quote(model._meta.pk.column)}"
        stale = []
        for field, where, params in self._stale_parts(model):
            if field == "service_id":
                owner = f"{table}.{_quote(model._meta.get_field(field).column)}"
                self._note_changed_parts(owner, table, where, params)
            stale.append((where, params))
        if not stale:
            return
        if hasattr(model, "history"):
            # Deleted in SQL, they send no signal: their history rows are written here.
            deleted = f"deleted {TABLE_OF[model]}"
            for where, params in stale:
                self._note(deleted, pk, table, where, params)
            self._record_history(model, deleted, deleted=True)
        for where, params in stale:
            self._delete_dependents(model, where, params)
            self.scratch.execute(f"DELETE FROM {table} WHERE {where}", params)  # noqa: S608

    def _delete_dependents(self, model, where, params):
        """Delete the records that hang off the rows of `model` matching `where`, as the ORM's
        CASCADE would: a service-at-location's contacts, a contact's phones. Deleted in SQL,
        their history rows are written here."""
        table = _quote(model._meta.db_table)
        doomed = f"SELECT {table}.{_quote(model._meta.pk.column)} FROM {table} WHERE {where}"  # noqa: S608
        for dependent, field in DEPENDENTS.get(model, ()):
            column = _quote(dependent._meta.get_field(field).column)
            condition = f"{_quote(dependent._meta.db_table)}.{column} IN ({doomed})"
            self._delete_dependents(dependent, condition, params)
            if dependent is Schedule:
                # Their opening hours rows go too (refresh_schedules).
                dependent_pk = f"{_quote(dependent._meta.db_table)}.{_quote('id')}"
                self._note(
                    "deleted schedule",
                    dependent_pk,
                    _quote(dependent._meta.db_table),
                    condition,
                    params,
                )
            record_history(
                dependent,
                condition,
                params,
                history_type="-",
                user=self.user,
                reason=str(_("Imported from HSDS")),
            )
            self.scratch.execute(
                f"DELETE FROM {_quote(dependent._meta.db_table)} WHERE {condition}",  # noqa: S608
                params,
            )

    def _set_terms(self):
        """Give the file's services exactly the terms its attributes name."""
        through = Service.terms.through
        table = _quote(through._meta.db_table)
        service_column, term_column = (
            _quote(through._meta.get_field(name).column) for name in ("service", "taxonomyterm")
        )
        service, term = f"{table}.{service_column}", f"{table}.{term_column}"
        in_file, in_file_params = self.scratch.speaking_for("attribute", service)
        unwanted = (
            f"{in_file} AND NOT EXISTS (SELECT 1 FROM {TERMS} WHERE "  # noqa: S608
            f"{TERMS}.service_id = {service} AND {TERMS}.term_id = {term})"
        )
        self._note_changed_parts(service, table, unwanted, in_file_params)
        self.scratch.execute(f"DELETE FROM {table} WHERE {unwanted}", in_file_params)  # noqa: S608
        in_file, in_file_params = self.scratch.subquery("service", f"{TERMS}.service_id")
        missing = (
            f"{in_file} AND NOT EXISTS (SELECT 1 FROM {table} WHERE "  # noqa: S608
            f"{service} = {TERMS}.service_id AND {term} = {TERMS}.term_id)"
        )
        self._note_changed_parts(f"{TERMS}.service_id", TERMS, missing, in_file_params)
        self.scratch.execute(
            f"INSERT INTO {table} ({service_column}, {term_column}) "  # noqa: S608
            f"SELECT {TERMS}.service_id, {TERMS}.term_id FROM {TERMS} WHERE {missing}",
            in_file_params,
        )

    def _record_service_changes(self):
        """New versions and history rows for the services created or changed, parts and terms
        included (so a curator's form opened before the import is refused, as after a save)."""
        # "parts only": services changed in their parts and not otherwise.
        created, created_params = self.scratch.subquery("created service", "part.id")
        changed, changed_params = self.scratch.subquery("changed service", "part.id")
        self.scratch.execute(
            f"INSERT INTO {IDS} (kind, id) SELECT CAST(%s AS text), part.id FROM {IDS} AS part "  # noqa: S608
            f"WHERE part.kind = %s AND NOT {created} AND NOT {changed}",
            ["parts only", "changed parts", *created_params, *changed_params],
        )
        table = _quote(Service._meta.db_table)
        bumped, bumped_params = self.scratch.subquery(
            "parts only", f"{table}.{_quote(Service._meta.pk.column)}"
        )
        version = _quote(Service._meta.get_field("version").column)
        self.scratch.execute(
            f"UPDATE {table} SET {version} = {version} + 1 WHERE {bumped}",  # noqa: S608
            bumped_params,
        )
        self._copy_ids("parts only", "changed service")
        self._record_history(Service, "created service", update=False)
        self._record_history(Service, "changed service", update=True)

    def _copy_ids(self, kind, to_kind):
        self.scratch.execute(
            f"INSERT INTO {IDS} (kind, id) SELECT CAST(%s AS text), id FROM {IDS} "  # noqa: S608
            "WHERE kind = %s ON CONFLICT DO NOTHING",
            [to_kind, kind],
        )

    def _refresh_search(self):
        """The services to refresh in the search index: those created or changed, and those of
        the organisations, locations and terms that changed."""
        self._copy_ids("created service", "refresh")
        self._copy_ids("changed service", "refresh")
        for kind, model, field, column in [
            ("changed organization", Service, "organization", "id"),
            ("changed location", ServiceAtLocation, "location", "service"),
            ("changed taxonomy_term", Service.terms.through, "taxonomyterm", "service"),
        ]:
            table = _quote(model._meta.db_table)
            link = f"{table}.{_quote(model._meta.get_field(field).column)}"
            service = f"{table}.{_quote(model._meta.get_field(column).column)}"
            changed, params = self.scratch.subquery(kind, link)
            self.scratch.execute(
                f"INSERT INTO {IDS} (kind, id) SELECT DISTINCT CAST(%s AS text), {service} "  # noqa: S608
                f"FROM {table} WHERE {changed} ON CONFLICT DO NOTHING",
                ["refresh", *params],
            )
        _refresh_search(chain.from_iterable(self.scratch.ids("refresh")))


# The parts a service (or location) in the file brings in full.
REPLACED = [
    ServiceAtLocation,
    Contact,
    Phone,
    Schedule,
    ServiceArea,
    Language,
    Funding,
    CostOption,
    RequiredDocument,
    Address,
]
# The parts a service may be listed without (reading.SERVICE_PARTS), as the report names them.
PART_NAMES = {
    "phone": gettext_lazy("phones"),
    "schedule": gettext_lazy("hours"),
    "service_at_location": gettext_lazy("places"),
    "contact": gettext_lazy("contacts"),
    "language": gettext_lazy("languages"),
    "service_area": gettext_lazy("service areas"),
    "attribute": gettext_lazy("categories (attributes)"),
    "funding": gettext_lazy("funding"),
    "cost_option": gettext_lazy("costs"),
    "required_document": gettext_lazy("required documents"),
}
# What the ORM would delete with a record (on_delete=CASCADE) that the import deletes in SQL.
DEPENDENTS = {
    ServiceAtLocation: [
        (Contact, "service_at_location"),
        (Phone, "service_at_location"),
        (Schedule, "service_at_location"),
    ],
    Contact: [(Phone, "contact")],
}
# An amount of a cost option as the database keeps it (DecimalField(14, 4)).
AMOUNT_PLACES, AMOUNT_WHOLE_DIGITS = 4, 10
ADDRESS_FIELDS = {
    "attention": 200,
    "address_1": 200,
    "address_2": 200,
    "city": 100,
    "region": 100,
    "state_province": 100,
    "postal_code": 20,
}
# Whose parts these are: the file's services' (the default), locations', or both.
PHONE_AND_SCHEDULE_OWNERS = [
    ("service_id", "service"),
    ("location_id", "location"),
    # Those of the file's services at locations.
    ("service_at_location_id", "kept service_at_location"),
]
PART_OWNERS = {
    Phone: [*PHONE_AND_SCHEDULE_OWNERS, ("contact_id", "contact")],
    Schedule: PHONE_AND_SCHEDULE_OWNERS,
    Contact: [("service_id", "service"), ("location_id", "location")],
    Address: [("location_id", "location")],
}
# The owners' models by the kind of ids that names them in the file (see PART_OWNERS): the
# import notes those it creates as "created <table>".
OWNER_MODELS = {
    "service": Service,
    "location": Location,
    "kept service_at_location": ServiceAtLocation,
    "contact": Contact,
}
NO_ADDRESS = dict.fromkeys(ADDRESS_FIELDS, "")
NO_ACCESSIBILITY = {
    "accessibility_id": "",
    "accessibility": "",
    "accessibility_details": "",
    "accessibility_url": "",
}


TABLE_OF = {model: table for table, model in MODELS.items()} | {
    Phone: "phone",
    Schedule: "schedule",
    ServiceArea: "service_area",
    Language: "language",
    Address: "address",
    Contact: "contact",
    Funding: "funding",
    CostOption: "cost_option",
    RequiredDocument: "required_document",
    OrganizationIdentifier: "organization_identifier",
}


def _description(row, name):
    """A taxonomy's or term's description. One that only repeats the name is how the export
    fills the description HSDS requires (serialize.described): it is kept empty, so that an
    export imported where it came from changes nothing."""
    description = row.text("description")
    return "" if description == name else description


def _quote(name):
    return connection.ops.quote_name(name)


def _delete_taken(model, records, unique):
    """Delete the rows (PostgreSQL) holding the `unique` values of `records` under other ids;
    returns how many there were. Deleted in SQL, they send no signal: the import refreshes the
    search documents of the services whose parts changed."""
    if not records:
        return 0
    table, pk = _quote(model._meta.db_table), _quote(model._meta.pk.column)
    fields = [model._meta.get_field(name) for name in unique]
    matches = " AND ".join(
        f"{table}.{_quote(field.column)} = CAST(wanted ->> {number} AS {field.db_type(connection)})"
        for number, field in enumerate(fields)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} USING json_array_elements(CAST(%s AS json)) AS wanted "  # noqa: S608
            f"WHERE {matches} AND {table}.{pk} <> CAST(wanted ->> {len(fields)} AS uuid)",
            [json_array([*(record[name] for name in unique), record["id"]] for record in records)],
        )
        return cursor.rowcount


def _write_provenance(rows):
    """Upsert provenance rows (all of the same fields): as _upsert, without asking which exist."""
    if rows:
        statement = _Upsert(Provenance, tuple(rows[0]), bump_version=False)
        for chunk in _chunks(rows, statement.rows_per_query):
            statement.execute(chunk)


def _curators_part(model, pk):
    """A condition on parts (`pk`: their id column) that a curator added or changed in the
    admin: the file leaving them out does not delete them, unless overwriting."""
    provenance = _quote(Provenance._meta.db_table)
    sql = (
        f"EXISTS (SELECT 1 FROM {provenance} WHERE {provenance}.{_quote('kind')} = %s "  # noqa: S608
        f"AND {provenance}.{_quote('source')} = %s AND {provenance}.{_quote('record_id')} = {pk})"
    )
    return sql, [kind_of(model), CURATOR]


def _amount(row):
    """A cost option's amount, if it is one we can keep: not negative, at most four decimal
    places and ten digits before the point."""
    amount = row.number("amount")
    if amount is None:
        return None
    if (
        not amount.is_finite()
        or amount < 0
        or amount.as_tuple().exponent < -AMOUNT_PLACES
        or amount.adjusted() >= AMOUNT_WHOLE_DIGITS
    ):
        row.warn(
            "amount", _("%(value)s is not an amount we can keep; dropped.") % {"value": amount}
        )
        return None
    return amount


def _location_keys(rows, field="location_id"):
    """The location ids (as text) that `rows` may name."""
    return {str(_parsed_uuid(str(row.raw(field)))) for row in rows if _is_uuid(row.raw(field))}


def _address_record(text):
    address = json.loads(text)
    if address["address_id"] is not None:
        address["address_id"] = uuid.UUID(address["address_id"])
    return address


def _pair_keys(rows, service_field, other_field):
    """The "service other" keys that `rows` may name (as the checks write them, and more)."""
    keys = set()
    for row in rows:
        service, other = row.raw(service_field), row.raw(other_field)
        if not _is_uuid(service) or other in (None, ""):
            continue
        if other_field == "code":
            other = str(other).lower()
        elif _is_uuid(other):
            other = _parsed_uuid(str(other))
        keys.add(f"{_parsed_uuid(str(service))} {other}")
    return keys


def _refresh_search(service_ids):
    """Bulk writes send no signals, so the search index is told about the services here, a
    batch at a time."""
    for chunk in _chunks(service_ids):
        refresh_search_index(chunk)


def _date_kept_message(name, kept, wanted):
    """Why the verification date the file gives (`wanted`, or None) was not taken."""
    if kept is None:
        message = _(
            "Service “%(name)s”: verification date not set to %(date)s: marking services "
            "verified needs the Publisher role."
        )
    elif wanted is None:
        message = _(
            "Service “%(name)s”: verification date %(kept)s kept, though the file has none: "
            "marking services verified needs the Publisher role."
        )
    else:
        message = _(
            "Service “%(name)s”: verification date kept as %(kept)s, not %(date)s: marking "
            "services verified needs the Publisher role."
        )
    return message % {"name": name, "kept": kept, "date": wanted}  # dates print as ISO 8601


def _differs(record, stored, fields=None):
    """The first of `fields` (those of `record` but its id) whose value `stored` does not hold."""
    fields = fields or [field for field in record if field != "id"]
    return next((field for field in fields if record[field] != stored[field]), None)


def _is_uuid(value):
    return _parsed_uuid(str(value)) is not None


@functools.lru_cache(maxsize=1 << 14)
def _parsed_uuid(text):
    """The UUID `text` spells, or None. A service's id recurs in each of its phones, schedules,
    languages, … and terms' ids in every service: parsed once, not in each row (issue 11)."""
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def _slug_choices(name, record_id):
    """Web address names for a new service, in order of preference: its name, then its name
    with the start of its id, then with the whole id (unique, as ids are)."""
    base = slugify(name)[:180] or "service"
    return [base, f"{base}-{record_id.hex[:8]}", f"{base[:160]}-{record_id.hex}"]


def _new_slug(name, record_id, taken):
    choices = _slug_choices(name, record_id)
    slug = next((choice for choice in choices if choice not in taken), choices[-1])
    taken.add(slug)
    return slug


def _upsert(model, records, *, bump_version=False, keep=()):
    """Create or update `records` (dicts of field values) by id; returns the ids (created,
    changed).

    Unchanged rows are not touched: the database compares each row with what it holds
    (ON CONFLICT … DO UPDATE … WHERE). A field a record leaves out is not HSDS's (a service's
    slug, a term's position): existing rows keep theirs, new rows get the model's default.
    The fields in `keep` are written in new rows only: existing rows keep theirs.
    `modified` is now for rows written, unless the record brings its own.
    """
    created, changed = set(), set()
    by_fields = {}
    for record in records:
        by_fields.setdefault(tuple(record), {})[record["id"]] = record
    for fields, group in by_fields.items():
        statement = _Upsert(model, fields, bump_version, keep)
        for chunk in _chunks(group.values(), statement.rows_per_query):
            ids = [record["id"] for record in chunk]
            existing = statement.existing(ids)
            written = statement.execute(chunk)
            created.update(pk for pk in ids if pk in written and pk not in existing)
            changed.update(pk for pk in ids if pk in written and pk in existing)
    return created, changed


class _Upsert:
    """One INSERT … ON CONFLICT (id) DO UPDATE … WHERE a value differs … RETURNING id, for
    records with the same fields. PostgreSQL and SQLite (3.35+) both take it.

    PostgreSQL gets the rows as one JSON text (an array of arrays, its values cast to the
    columns' types), so the statement stays short however many rows it carries: psycopg
    rewrites the placeholders of every statement in Python, which took a good part of a large
    import's time with one placeholder per value, and adapts lists (one array per column) a
    value at a time in Python, which took most of what was left (issue 11); `json.dumps` is C.
    """

    def __init__(self, model, fields, bump_version, keep=()):
        meta = model._meta
        quote = connection.ops.quote_name
        table = quote(meta.db_table)
        given = [meta.get_field(name) for name in fields]
        stamps = [meta.get_field("created"), meta.get_field("modified")]
        stamps = [field for field in stamps if field.attname not in fields]
        # Left out, a nullable column without a default is NULL in new rows.
        defaults = [
            field
            for field in meta.concrete_fields
            if field.attname not in fields
            and field not in stamps
            and not (field.null and not field.has_default())
        ]
        self.stamps = [_prepare(field) for field in stamps]
        self.defaults = [(field, _prepare(field)) for field in defaults]
        self.given = [(field.attname, _prepare(field)) for field in given]
        columns = given + stamps + defaults
        # What the importing curator may not change is neither compared nor updated: the
        # stored row keeps it, even if it changed since the import read it.
        compared = [
            field.column for field in given if not field.primary_key and field.name not in keep
        ]
        updated = compared + ([] if "modified" in fields else ["modified"])
        assignments = [f"{quote(column)} = EXCLUDED.{quote(column)}" for column in updated]
        if bump_version:
            assignments.append(f"{quote('version')} = {table}.{quote('version')} + 1")
        self.by_column = connection.vendor == "postgresql"
        if self.by_column:
            values = ", ".join(
                f"CAST(row ->> {number} AS {field.db_type(connection)})"
                for number, field in enumerate(columns)
            )
            source = f"SELECT {values} FROM json_array_elements(CAST(%s AS json)) AS row"  # noqa: S608
            differs = " OR ".join(
                f"{table}.{quote(column)} IS DISTINCT FROM EXCLUDED.{quote(column)}"
                for column in compared
            )
            self.rows_per_query = CHUNK
        else:
            source = "VALUES {rows}"
            differs = " OR ".join(
                f"{table}.{quote(column)} IS NOT EXCLUDED.{quote(column)}" for column in compared
            )
            max_params = connection.features.max_query_params or CHUNK * len(columns)
            self.rows_per_query = max(1, min(CHUNK, max_params // len(columns)))
            self.row = "(" + ", ".join(["%s"] * len(columns)) + ")"
        pk = quote(meta.pk.column)
        self.table, self.pk = table, pk
        # Only quoted model names, column types and placeholders go into the SQL; values are
        # parameters.
        self.sql = (
            f"INSERT INTO {table} ({', '.join(quote(field.column) for field in columns)}) "
            f"{source} ON CONFLICT ({pk}) DO UPDATE SET {', '.join(assignments)} "
            f"WHERE {differs} RETURNING {pk}"
        )

    def existing(self, ids):
        """Those of `ids` the table has."""
        if self.by_column:
            sql = f"SELECT {self.pk} FROM {self.table} WHERE {self.pk} = ANY(CAST(%s AS uuid[]))"  # noqa: S608
            params = [uuid_array(ids)]
        else:
            marks = ", ".join(["%s"] * len(ids))
            sql = f"SELECT {self.pk} FROM {self.table} WHERE {self.pk} IN ({marks})"  # noqa: S608
            params = [value.hex for value in ids]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {_as_uuid(value) for (value,) in cursor.fetchall()}

    def execute(self, records):
        now = timezone.now()
        rows = [
            [prepare(record[name]) for name, prepare in self.given]
            + [prepare(now) for prepare in self.stamps]
            + [prepare(field.get_default()) for field, prepare in self.defaults]
            for record in records
        ]
        if self.by_column:
            sql, params = self.sql, [json.dumps(rows, default=str)]
        else:
            sql = self.sql.format(rows=", ".join([self.row] * len(rows)))
            params = [value for row in rows for value in row]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {_as_uuid(value) for (value,) in cursor.fetchall()}


def _prepare(field):
    """How a field's values go to the database: as they are where the driver takes them (text;
    anything for PostgreSQL), otherwise as Django sends them."""
    if connection.vendor == "postgresql" or (
        isinstance(field, CharField | TextField) and not field.null
    ):
        return _same
    return lambda value: field.get_db_prep_save(value, connection)


def _same(value):
    return value


def _as_uuid(value):
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)
