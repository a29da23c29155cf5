"""Reading a service's recorded history back to a curator (django-simple-history rows)."""

from dataclasses import dataclass, field
from itertools import pairwise

from django.utils.formats import date_format
from django.utils.text import Truncator, capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from resources.models import Phone, Schedule, Service, TaxonomyTerm
from resources.models.services import SERVICE_HISTORY

# Bookkeeping, not content: every save changes them.
IGNORED_FIELDS = ["version", "modified", "created"]


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
            messages.append(
                _("%(field)s was “%(old)s” and is now “%(new)s”.")
                % {"field": label, "old": _shorten(old), "new": _shorten(new)}
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


def term_changes(records):
    """For a service's history rows, newest first: the terms each row removed and added, as
    labels, compared with the row after it. Two queries, however many rows."""
    snapshot = SERVICE_HISTORY.m2m_models[Service._meta.get_field("terms")]
    term_ids = {record.history_id: set() for record in records}
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
    for newer, older in pairwise(records):
        now, before = term_ids[newer.history_id], term_ids[older.history_id]
        changes[newer.history_id] = (named(before - now), named(now - before))
    return changes


def _display(value):
    if value is None:
        return ""
    if isinstance(value, list):  # the terms: rows of the service-term table
        return ", ".join(sorted(str(row["taxonomyterm"]) for row in value))
    return str(value)


def _shorten(text):
    return Truncator(text).chars(80)
