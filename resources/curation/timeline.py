"""A service's history as one timeline: its own rows and its phones', hours', places',
languages' and other records' rows, one entry a change set (one save), newest first."""

from dataclasses import dataclass, field
from itertools import groupby, pairwise

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, router, transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from resources.curation import history
from resources.models import (
    Address,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)

# The records whose history is the service's, in the order an entry lists them: the service,
# then its form's sections.
RECORDS = [
    Service,
    ServiceAtLocation,
    Location,
    Address,
    Schedule,
    ServiceArea,
    Phone,
    Contact,
    Language,
    CostOption,
    RequiredDocument,
    Funding,
]

# The records a curator restores a version of from the service's history; the service itself
# is reverted with django-simple-history's form.
RESTORABLE = {model._meta.model_name: model for model in RECORDS if model is not Service}

ENTRIES_PER_PAGE = 50

ADDED, CHANGED, DELETED = "+", "~", "-"


@dataclass
class Item:
    """One record's change within an entry."""

    record: object  # the history row
    model: type
    heading: str
    changes: list = field(default_factory=list)  # [history.FieldChange]
    restorable: bool = False

    @property
    def model_name(self):
        return self.model._meta.model_name

    @property
    def is_service(self):
        return self.model is Service


@dataclass
class Entry:
    """One change: the rows one save wrote, with who made it, when and why."""

    date: object
    user: object
    reasons: list
    items: list


def _rows_of(service_pk):
    """For each record of RECORDS, its history rows that are the service's: a query a kind of
    record, the service's places first (the locations and their addresses are theirs)."""
    places = list(
        ServiceAtLocation.history.filter(service_id=service_pk).values_list("id", "location_id")
    )
    place_ids = {place_id for place_id, _location_id in places}
    location_ids = {location_id for _place_id, location_id in places}
    own_or_at_its_places = Q(service_id=service_pk) | Q(service_at_location_id__in=place_ids)
    where = {
        Service: Q(id=service_pk),
        ServiceAtLocation: Q(service_id=service_pk),
        Location: Q(id__in=location_ids),
        Address: Q(location_id__in=location_ids),
        Schedule: own_or_at_its_places,
        Phone: own_or_at_its_places,
        Contact: own_or_at_its_places,
    }
    return {
        model: model.history.filter(where.get(model, Q(service_id=service_pk))) for model in RECORDS
    }


@dataclass(frozen=True)
class _Row:
    model: type
    history_id: int
    record_id: object
    date: object
    change_set: object
    kind: str
    user_id: object
    reason: object


def _index(rows_by_model):
    """Every row's identity and date, without its values: a query a kind of record."""
    index = []
    for model, rows in rows_by_model.items():
        index += [
            _Row(model, *values)
            for values in rows.values_list(
                "history_id",
                "id",
                "history_date",
                "history_change_set",
                "history_type",
                "history_user_id",
                "history_change_reason",
            )
        ]
    return index


def _group_key(row):
    if row.change_set:
        return ("set", row.change_set)
    # Rows written outside a request: a loader's or an import's, which give a reason, are one
    # change when written in the same second; others, and rows from before there were change
    # sets, stand alone.
    if row.reason:
        return ("batch", row.user_id, row.reason, row.date.replace(microsecond=0))
    return (row.model, row.history_id)


class Timeline:
    """A service's change sets, newest first, a page at a time."""

    def __init__(self, service_pk, per_page=ENTRIES_PER_PAGE):
        self.service_pk = service_pk
        index = _index(_rows_of(service_pk))
        # Each row's previous version and whether it is the record as it is now.
        self.previous, self.latest = {}, set()
        by_record = sorted(index, key=lambda row: (row.model._meta.label, str(row.record_id)))
        for _key, versions in groupby(by_record, key=lambda row: (row.model, row.record_id)):
            versions = sorted(versions, key=lambda row: (row.date, row.history_id))
            for older, newer in pairwise(versions):
                self.previous[newer] = older
            if versions[-1].kind != DELETED:
                self.latest.add(versions[-1])
        groups = {}
        for row in index:
            groups.setdefault(_group_key(row), []).append(row)
        ordered = sorted(
            groups.values(),
            key=lambda rows: max((row.date, row.history_id) for row in rows),
            reverse=True,
        )
        self.paginator = Paginator(ordered, per_page)

    def page(self, number):
        """The page of entries, read with a query a kind of record on it and a few more for the
        names of linked records and the terms, however many entries and rows."""
        page = self.paginator.get_page(number)
        wanted = {}
        for rows in page.object_list:
            for row in rows:
                wanted.setdefault(row.model, set()).add(row.history_id)
                if row in self.previous:
                    wanted[row.model].add(self.previous[row].history_id)
        records = {}
        for model, history_ids in wanted.items():
            for record in model.history.filter(history_id__in=history_ids).select_related(
                "history_user"
            ):
                records[model, record.history_id] = record
        page.object_list = self._entries(page.object_list, records)
        return page

    def _entries(self, groups, records):
        pairs = []  # (row, history row, previous history row or None)
        for rows in groups:
            for row in rows:
                before = self.previous.get(row)
                pairs.append(
                    (
                        row,
                        records[row.model, row.history_id],
                        records[row.model, before.history_id] if before else None,
                    )
                )
        labels = history.RelatedLabels()
        for row, record, before in pairs:
            if row.model is ServiceAtLocation:
                labels.want(ServiceAtLocation._meta.get_field("location"), record.location_id)
            if before is not None and row.kind == CHANGED:
                for model_field, old, new in history.changed_fields(
                    row.model, before, record, exclude=["terms"]
                ):
                    labels.want(model_field, old)
                    labels.want(model_field, new)
        labels.load()
        terms = history.term_changes_between(
            (record, before)
            for row, record, before in pairs
            if row.model is Service and before is not None
        )
        items_of = {}
        for row, record, before in pairs:
            items_of.setdefault(_group_key(row), []).append(
                self._item(row, record, before, labels, terms)
            )
        entries = []
        for rows in groups:
            items = sorted(
                items_of[_group_key(rows[0])], key=lambda item: RECORDS.index(item.model)
            )
            # A save of the form writes the service's row even when only a phone changed:
            # an unchanged row says nothing beside the others.
            said = [item for item in items if item.changes or item.record.history_type != CHANGED]
            records_of_entry = [item.record for item in items]
            newest = max(records_of_entry, key=lambda record: record.history_date)
            entries.append(
                Entry(
                    date=newest.history_date,
                    user=next(
                        (record.history_user for record in records_of_entry if record.history_user),
                        None,
                    ),
                    reasons=sorted(
                        {
                            record.history_change_reason
                            for record in records_of_entry
                            if record.history_change_reason
                        }
                    ),
                    items=said or items[:1],
                )
            )
        return entries

    def _item(self, row, record, before, labels, terms):
        model = row.model
        if model is ServiceAtLocation:
            name = labels.label(Location, record.location_id)
        elif model is Service:
            name = record.name
        else:
            name = str(record.instance)
        noun = capfirst(model._meta.verbose_name)
        headings = {
            ADDED: _("%(record)s added: %(name)s"),
            CHANGED: _("%(record)s changed: %(name)s"),
            DELETED: _("%(record)s deleted: %(name)s"),
        }
        if model is ServiceAtLocation:
            # The link, not the location's own record, which has entries of its own.
            headings = {
                ADDED: _("Now offered at: %(name)s"),
                CHANGED: _("Notes on where it is offered changed: %(name)s"),
                DELETED: _("No longer offered at: %(name)s"),
            }
        changes = []
        if before is not None and row.kind == CHANGED:
            changes = history.field_changes(model, before, record, exclude=["terms"], labels=labels)
        if model is Service and record.history_id in terms:
            removed, added = terms[record.history_id]
            if removed or added:
                changes.append(
                    history.FieldChange(
                        "terms",
                        str(capfirst(Service._meta.get_field("terms").verbose_name)),
                        _("removed: %s") % (", ".join(removed) or history.NO_VALUE),
                        _("added: %s") % (", ".join(added) or history.NO_VALUE),
                    )
                )
        return Item(
            record=record,
            model=model,
            heading=headings[row.kind] % {"record": noun, "name": name or history.NO_VALUE},
            changes=changes,
            restorable=model is not Service and row not in self.latest,
        )


class RestoreRefused(Exception):
    """A version that cannot be restored, with the reason a curator reads."""


def restore_version(service_pk, model, history_id):
    """Make the record of `model` (one of RESTORABLE) as it was in its history row
    `history_id`, one of the service's, re-creating it if it was deleted since. The new
    history row's reason names the version. Returns the record."""
    rows = _rows_of(service_pk)[model]
    version = rows.filter(history_id=history_id).first()
    if version is None:
        raise RestoreRefused(_("That version is not in this service's history."))
    record = version.instance
    when = date_format(localtime(version.history_date), "j F Y H:i")
    record._change_reason = _("Restored the version of %(date)s") % {"date": when}
    using = router.db_for_write(model)
    try:
        with transaction.atomic(using=using):
            record._state.adding = not model._default_manager.filter(pk=record.pk).exists()
            record.full_clean(validate_unique=False)
            record.save(using=using)
    except ValidationError as error:
        raise RestoreRefused(" ".join(error.messages)) from error
    except IntegrityError as error:
        # A record it belongs to was deleted, or another record now holds its place.
        raise RestoreRefused(
            _("That version no longer fits: a record it belongs to has been deleted or changed.")
        ) from error
    return record
