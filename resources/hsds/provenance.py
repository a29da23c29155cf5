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
The provenance row keeps what the source gave, taken or not: a kept field stays kept at the next
import until the curator's value and the source's agree again.
"""

import functools
import re
import uuid

from django.core.exceptions import FieldDoesNotExist
from django.db import connection

from resources.hsds.report import Changes
from resources.hsds.scratch import uuid_array
from resources.models import Provenance

CURATOR = "curator"
FILE_UPLOAD = "file upload"
COMMAND_LINE = "command line file"
# Not the source's to set: derived by the import (a web address name, a phone's position, who
# verified), or the record's own clock.
NOT_COMPARED = frozenset({"id", "modified", "slug", "assured_by_id", "position"})


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


def record_curator_edits(edits):
    """Note that curators gave these values to these records: `edits` holds (model, record id,
    {attname: value}). One read and one write, whatever the number of records."""
    wanted = {}
    for model, record_id, values in edits:
        if values:
            kind = kind_of(model)
            key = Provenance.id_for(kind, record_id, CURATOR)
            earlier = wanted.get(key, (kind, record_id, {}))[2]
            wanted[key] = (kind, record_id, {**earlier, **values})
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
                set_values={**stored.get(key, {}), **values},
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
        stored = {
            values["id"]: values
            for values in _with_ids(model, [record["id"] for record in records]).values(
                "id", *fields
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
                kept.append((field, now, value))
            else:
                changed.append((field, now, value))
        self.changes.note(model, record, changed=changed, kept=kept)
