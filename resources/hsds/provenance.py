"""Where records came from, and the curators' edits an import keeps (issue 13).

Each source that sets a record (a file, a harvested feed, the curators in the admin) has one
Provenance row for it: the values it last set, and when. An import from a source compares, a
batch at a time, each record's stored values with what that source set last time:
- a field whose value is no longer what the source set was changed since by someone else (a
  curator): it is kept, and the report says so; the status is a field like the others, so a
  service a curator set to draft stays a draft;
- a field the source never set (a record a curator created, or one this source has not set
  before) is kept where it still holds what a curator set in the admin;
- `overwrite_curated` gives every field the file's value.
The provenance row keeps what the source gave, taken or not (empty values left out): a kept field
stays kept at the next import until the curator's value and the source's agree again. Parts of a
service or location (phones, schedules, …) follow the same rules; those a curator added or edited
in the admin are not deleted when the file leaves them out, and the terms a curator ticked or
unticked on a service stay so (`keep_curators_terms`).
"""

import functools
import re
import uuid
from itertools import batched, chain

from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.utils.translation import gettext as _

from resources.hsds.report import Changes
from resources.hsds.scratch import TERMS as SCRATCH_TERMS
from resources.hsds.scratch import uuid_array
from resources.models import Provenance, Service, TaxonomyTerm

CURATOR = "curator"
FILE_UPLOAD = "file upload"
COMMAND_LINE = "command line file"
# A service's terms, in the curators' provenance: those they added and those they removed.
TERMS = "terms"
# Not the source's to set: derived by the import (a web address name, a phone's position, who
# verified), or the record's own clock.
NOT_COMPARED = frozenset({"id", "modified", "slug", "assured_by_id", "position"})
# A field kept as a curator set it keeps these with it: who verified goes with the date.
KEPT_WITH = {"assured_date": "assured_by_id"}


def kind_of(model):
    """The HSDS table a model's records belong to: ServiceAtLocation -> service_at_location."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower()


def plain(value):
    """A value as provenance keeps it (JSON) and compares it."""
    kind = type(value)
    if kind in AS_IS:
        return value
    if kind is uuid.UUID:
        return _uuid_text(value)
    return str(value)  # decimals, dates and times: their canonical or ISO text


EMPTY = ("", None)
AS_IS = frozenset({str, int, bool, type(None)})


@functools.lru_cache(maxsize=1 << 14)
def _uuid_text(value):
    """A UUID's text. The same organisation, service or location ids recur in many records of a
    batch; formatting them took a good part of the check's time."""
    return str(value)


def curator_values(instance, field_names):
    """The values of these fields of `instance` ({attname: plain value}), as provenance keeps
    them; fields that are not its own columns (its terms, a form's extra fields) are left out."""
    model = type(instance)
    values = {}
    for name in field_names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.concrete and not field.many_to_many and field.attname not in NOT_COMPARED:
            values[field.attname] = plain(getattr(instance, field.attname))
    return values


def terms_values(added, removed):
    """A service's terms a curator added and removed, as provenance keeps them."""
    if not (added or removed):
        return {}
    return {TERMS: {"added": sorted(map(str, added)), "removed": sorted(map(str, removed))}}


def _merged(earlier, values):
    """Earlier curator values with newer ones: the newer win; terms added and removed add up."""
    merged = {**earlier, **values}
    if TERMS in earlier and TERMS in values:
        old, new = earlier[TERMS], values[TERMS]
        added = (set(old["added"]) - set(new["removed"])) | set(new["added"])
        removed = (set(old["removed"]) - set(new["added"])) | set(new["removed"])
        merged[TERMS] = {"added": sorted(added), "removed": sorted(removed)}
    return merged


def record_curator_edits(edits):
    """Note that curators gave these values to these records: `edits` holds (model, record id,
    {attname: value}). One read and one write, whatever the number of records."""
    wanted = {}
    for model, record_id, values in edits:
        if values:
            kind = kind_of(model)
            key = Provenance.id_for(kind, record_id, CURATOR)
            earlier = wanted.get(key, (kind, record_id, {}))[2]
            wanted[key] = (kind, record_id, _merged(earlier, values))
    if not wanted:
        return
    stored = dict(Provenance.objects.filter(pk__in=list(wanted)).values_list("id", "set_values"))
    Provenance.objects.bulk_create(
        [
            Provenance(
                id=key,
                kind=kind,
                record_id=record_id,
                source=CURATOR,
                set_values=_merged(stored.get(key, {}), values),
            )
            for key, (kind, record_id, values) in wanted.items()
        ],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["set_values", "modified"],
    )


def _with_ids(model, ids, field="id"):
    """The records of `model` whose `field` holds one of these ids (a batch). PostgreSQL gets
    them as one array: psycopg rewrites a statement's placeholders in Python, slow with a
    thousand of them (issue 11)."""
    if connection.vendor != "postgresql":
        return model.objects.filter(**{f"{field}__in": ids})
    quote = connection.ops.quote_name
    column = f"{quote(model._meta.db_table)}.{quote(model._meta.get_field(field).column)}"
    # Only quoted model names go into the SQL; the ids are a parameter.
    return model.objects.extra(  # noqa: S610
        where=[f"{column} = ANY(CAST(%s AS uuid[]))"], params=[uuid_array(ids)]
    )


def _as_uuid(value):
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


def _curated(field, value, prior, curated):
    """Whether a curator changed `field` (now holding `value`) since the source set it."""
    if prior is not None and field in prior:
        return value != prior[field]
    return field in curated and curated[field] == value


class Sources:
    """What an import from `source` takes from the file, record by record (see the module)."""

    def __init__(self, source, *, overwrite_curated=False, changes=None):
        self.source = source
        self.overwrite = overwrite_curated
        self.changes = changes if changes is not None else Changes()

    def check(self, model, records, skip=()):
        """Give back to `records` the values curators changed (unless overwriting), note each
        record's changes for the report, and return the provenance rows to write with them."""
        if not records:
            return []
        kind = kind_of(model)
        skipped = NOT_COMPARED | set(skip)
        fields = {field for record in records for field in record} - skipped
        partners = {KEPT_WITH[field] for field in fields if field in KEPT_WITH}
        stored = {
            values["id"]: values
            for values in _with_ids(model, [record["id"] for record in records]).values(
                "id", *fields, *partners
            )
        }
        priors = {
            (record_id, source): values
            for record_id, source, values in _with_ids(Provenance, list(stored), "record_id")
            .filter(kind=kind, source__in=[self.source, CURATOR])
            .values_list("record_id", "source", "set_values")
        }
        rows = []
        for record in records:
            pk = record["id"]
            given = {field: plain(value) for field, value in record.items() if field not in skipped}
            prior = priors.get((pk, self.source))
            current = stored.get(pk)
            if current is None:
                self.changes.note(model, record, added=True)
            else:
                self._compare(model, record, given, current, prior, priors.get((pk, CURATOR), {}))
            # What the source left empty is not kept: a curator who fills it in is known by
            # their own provenance (see _curated), and a large import writes half as much.
            given = {field: value for field, value in given.items() if value not in EMPTY}
            if prior != given:
                rows.append(
                    {
                        "id": Provenance.id_for(kind, pk, self.source),
                        "kind": kind,
                        "record_id": pk,
                        "source": self.source,
                        "set_values": given,
                    }
                )
        return rows

    def keep_curators_terms(self, scratch):
        """The terms a curator added to the file's services stay and those they removed stay
        away, unless overwriting: the file's links (in the import's scratch tables) are changed
        before they are set. Only services a curator changed the terms of are read."""
        if self.overwrite:
            return
        quote = connection.ops.quote_name
        table = quote(Provenance._meta.db_table)
        in_file, params = scratch.speaking_for("attribute", f"{table}.{quote('record_id')}")
        curated = list(
            Provenance.objects.filter(kind="service", source=CURATOR, set_values__has_key=TERMS)
            .extra(where=[in_file], params=params)  # noqa: S610 - quoted names only
            .values_list("record_id", "set_values")
        )
        for rows in batched(curated, 1000):
            service_ids = [service_id for service_id, _values in rows]
            where, params = scratch.id_condition("service_id", service_ids)
            with connection.cursor() as cursor:
                sql = f"SELECT service_id, term_id FROM {SCRATCH_TERMS} WHERE {where}"  # noqa: S608
                cursor.execute(sql, params)
                pairs = {(_as_uuid(service), _as_uuid(term)) for service, term in cursor}
            named = {term for _id, values in rows for term in chain(*values[TERMS].values())}
            terms = dict(TaxonomyTerm.objects.filter(pk__in=named).values_list("id", "name"))
            services = dict(Service.objects.filter(pk__in=service_ids).values_list("id", "name"))
            add, drop = self._curators_terms(rows, pairs, terms, services)
            scratch.add_terms(add)
            if drop:
                with connection.cursor() as cursor:
                    cursor.executemany(
                        f"DELETE FROM {SCRATCH_TERMS} WHERE service_id = %s AND term_id = %s",  # noqa: S608
                        [(scratch.uuid(service), scratch.uuid(term)) for service, term in drop],
                    )

    def _curators_terms(self, rows, in_file, terms, services):
        """Which links the file's terms need for curators' choices to stay: `rows` are (service
        id, curators' values) of the file's services with terms a curator added or removed,
        `in_file` the file's (service, term) pairs for them, `terms` {id: name} of the terms
        they name that the directory has, `services` {id: name}. Returns the pairs to add and
        those to drop; the report says so for each service."""
        add, drop = [], []
        for service_id, values in rows:
            kept = []
            for term_id in map(uuid.UUID, values[TERMS]["added"]):
                if term_id in terms and (service_id, term_id) not in in_file:
                    add.append((service_id, term_id))
                    kept.append((terms[term_id], _("(not in the file)")))
            for term_id in map(uuid.UUID, values[TERMS]["removed"]):
                if (service_id, term_id) in in_file:
                    drop.append((service_id, term_id))
                    kept.append((_("(removed by a curator)"), terms.get(term_id, str(term_id))))
            if kept:
                self.changes.note_terms(service_id, services.get(service_id, ""), kept)
        return add, drop

    def _compare(self, model, record, given, current, prior, curated):
        changed, kept = [], []
        for field, value in given.items():
            if record[field] == current[field]:
                continue
            now = plain(current[field])
            if value == now:
                continue
            if not self.overwrite and _curated(field, now, prior, curated):
                record[field] = current[field]
                if field in KEPT_WITH and KEPT_WITH[field] in record:
                    record[KEPT_WITH[field]] = current[KEPT_WITH[field]]
                kept.append((field, now, value))
            else:
                changed.append((field, now, value))
        self.changes.note(model, record, changed=changed, kept=kept)
