"""Reading a service's recorded history back to a curator (django-simple-history rows)."""

import datetime
from dataclasses import dataclass, field

from django.utils.formats import date_format, localize
from django.utils.text import capfirst
from django.utils.timezone import is_aware, localtime
from django.utils.translation import gettext as _
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from resources.models import Phone, Schedule, Service, TaxonomyTerm
from resources.models.services import SERVICE_HISTORY

# Bookkeeping, not content: every save changes them.
IGNORED_FIELDS = ["version", "modified", "created"]

# How an empty or unknown value reads in a list of changes.
NO_VALUE = "—"

# The longest excerpt of a long value a message quotes.
EXCERPT_LENGTH = 80


@dataclass
class ChangesSince:
    """What other curators changed in a service after a given version of it."""

    editors: list = field(default_factory=list)
    last_saved_at: object = None
    fields: list = field(default_factory=list)  # (label, old, new)
    related_changes: int = 0

    def as_messages(self):
        """Plain sentences for the refused form, most important first."""
        when = (
            date_format(localtime(self.last_saved_at), "DATETIME_FORMAT")
            if self.last_saved_at
            else ""
        )
        who = ", ".join(self.editors) or _("someone")
        messages = [
            _(
                "This service was changed by %(who)s (last saved %(when)s) after you opened it, "
                "so your changes were not saved."
            )
            % {"who": who, "when": when}
        ]
        for label, old, new in self.fields:
            old, new = excerpts(old, new)
            messages.append(
                _("%(field)s was “%(old)s” and is now “%(new)s”.")
                % {"field": label, "old": old, "new": new}
            )
        if self.related_changes:
            messages.append(_("Its phone numbers or hours were changed too."))
        messages.append(
            _("Open the service again to see the current entry, then make your changes again.")
        )
        return messages


def changes_since(service_pk, version):
    """Compare the version a curator started from with the newest recorded one."""
    records = Service.history.filter(id=service_pk).order_by("history_date", "history_id")
    later = list(records.filter(version__gt=version).select_related("history_user"))
    result = ChangesSince()
    if not later:
        return result
    newest = later[-1]
    result.last_saved_at = newest.history_date
    result.editors = sorted({str(record.history_user) for record in later if record.history_user})
    start = records.filter(version__lte=version).last()
    if start is not None:
        delta = newest.diff_against(
            start, excluded_fields=IGNORED_FIELDS, foreign_keys_are_objs=True
        )
        result.fields = [
            (
                str(capfirst(Service._meta.get_field(change.field).verbose_name)),
                _display(change.old),
                _display(change.new),
            )
            for change in delta.changes
        ]
        since = start.history_date
        result.related_changes = sum(
            model.history.filter(service_id=service_pk, history_date__gt=since).count()
            for model in (Phone, Schedule)
        )
    return result


def is_reverted_version(service):
    """Whether `service` is an old version of it, read back from its history to revert to."""
    return getattr(service, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) is not None


def terms_at_version(service):
    """A service's terms; for a version of it from its history (a revert), the terms it had."""
    record = getattr(service, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
    terms = TaxonomyTerm.objects.select_related("taxonomy")
    if record is None:
        return terms.filter(services=service)
    return terms.filter(pk__in=record.terms.values("taxonomyterm_id"))


def term_changes_between(pairs):
    """For pairs of a service's history rows (newer, older): the terms the newer removed and
    added, as labels, by the newer's history id. Two queries, however many pairs."""
    pairs = list(pairs)
    snapshot = SERVICE_HISTORY.m2m_models[Service._meta.get_field("terms")]
    term_ids = {record.history_id: set() for pair in pairs for record in pair}
    for history_id, term_id in snapshot.objects.filter(history_id__in=term_ids).values_list(
        "history_id", "taxonomyterm_id"
    ):
        term_ids[history_id].add(term_id)
    labels = {
        term.pk: str(term)
        for term in TaxonomyTerm.objects.filter(
            pk__in=set().union(*term_ids.values())
        ).select_related("taxonomy")
    }

    def named(ids):
        # A term deleted since is shown by its id.
        return sorted(labels.get(term_id, str(term_id)) for term_id in ids)

    changes = {}
    for newer, older in pairs:
        now, before = term_ids[newer.history_id], term_ids[older.history_id]
        changes[newer.history_id] = (named(before - now), named(now - before))
    return changes


def _display(value):
    if value is None:
        return ""
    if isinstance(value, list):  # the terms: rows of the service-term table
        return ", ".join(sorted(str(row["taxonomyterm"]) for row in value))
    return str(value)


def excerpts(old, new, length=EXCERPT_LENGTH):
    """Two long values cut to the same stretch around where they first differ, with an
    ellipsis where text was left out: cut at their start, two versions of a description that
    differ near the end would read the same."""
    old, new = str(old), str(new)
    if len(old) <= length and len(new) <= length:
        return old, new
    differs_at = next(
        (at for at, (was, now) in enumerate(zip(old, new, strict=False)) if was != now),
        min(len(old), len(new)),
    )
    # A little of what comes before the difference, for the reader to find it.
    start = max(0, differs_at - length // 4)

    def cut(text):
        excerpt = text[start : start + length]
        if start > 0:
            excerpt = "…" + excerpt
        if start + length < len(text):
            excerpt += "…"
        return excerpt

    return cut(old), cut(new)


@dataclass(frozen=True)
class FieldChange:
    """One field of a record changed between two versions, as a curator reads it."""

    field: str
    label: str
    old: str
    new: str


class RelatedLabels:
    """The names of the records foreign keys point to, read one query a kind of record: ask
    for them with want(), then load() once, then label()."""

    # Records whose name is read from others they point to.
    NAMED_FROM = {"serviceatlocation": ["service", "location"]}

    def __init__(self):
        self._wanted = {}
        self._labels = {}

    def want(self, model_field, value):
        if model_field.many_to_one and value is not None:
            self._wanted.setdefault(model_field.related_model, set()).add(value)

    def load(self):
        for model, pks in self._wanted.items():
            records = model._default_manager.filter(pk__in=pks - set(self._labels.get(model, ())))
            records = records.select_related(*self.NAMED_FROM.get(model._meta.model_name, ()))
            self._labels.setdefault(model, {}).update(
                (record.pk, str(record)) for record in records
            )
        self._wanted = {}
        return self

    def label(self, model, pk):
        if pk is None:
            return NO_VALUE
        # A record deleted since is named as such.
        return self._labels.get(model, {}).get(pk) or _("a deleted record")


def changed_fields(model, before, after, exclude=()):
    """The fields of a record of `model` that differ between two versions of it (two history
    rows, or a record and its edited copy): (model field, old value, new value)."""
    for model_field in model._meta.concrete_fields:
        name = model_field.name
        if model_field.primary_key or name in IGNORED_FIELDS or name in exclude:
            continue
        if not (hasattr(before, model_field.attname) and hasattr(after, model_field.attname)):
            continue  # left out of the history (the search columns)
        old, new = getattr(before, model_field.attname), getattr(after, model_field.attname)
        if old != new:
            yield model_field, old, new


def field_changes(model, before, after, exclude=(), labels=None):
    """What changed between two versions of a record of `model`, field by field, labelled as
    the forms label them: [FieldChange]. Pass `labels` (a RelatedLabels already loaded with
    what these need) to read the names of linked records with other changes'."""
    changes = list(changed_fields(model, before, after, exclude))
    if labels is None:
        labels = RelatedLabels()
        for model_field, old, new in changes:
            labels.want(model_field, old)
            labels.want(model_field, new)
        labels.load()
    return [
        FieldChange(
            model_field.name,
            str(capfirst(model_field.verbose_name)),
            display_value(model_field, old, labels),
            display_value(model_field, new, labels),
        )
        for model_field, old, new in changes
    ]


def display_value(model_field, value, labels=None):
    """A field's value as a curator reads it: a choice's label, a linked record's name, a date
    as dates are written here; NO_VALUE for nothing."""
    if value is None or value == "" or value == []:
        return NO_VALUE
    if model_field.many_to_one:
        return labels.label(model_field.related_model, value) if labels else str(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return date_format(localtime(value) if is_aware(value) else value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date | datetime.time):
        return str(localize(value))
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or NO_VALUE
    return str(value)
