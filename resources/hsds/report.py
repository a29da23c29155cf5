"""What an import found: per record, the file, the row or JSON path, the field and the problem.

A broken file can have the same problem in every row: each kind of problem (its level, file,
field and message, ids and numbers aside) is listed MAX_PER_KIND times, then one line says how
many more there were. The counts stay exact.
"""

import re
from dataclasses import asdict, dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

ERROR = "error"
WARNING = "warning"
MAX_PER_KIND = 20

# What varies between two problems of one kind: ids, numbers and quoted values.
_VARYING = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}|\d+|“[^”]*”|\"[^\"]*\"")


@dataclass(frozen=True)
class Problem:
    level: str
    file: str
    where: str
    field: str
    message: str

    def __str__(self):
        place = ", ".join(part for part in [self.file, self.where, self.field] if part)
        return f"{self.level.upper()} {place}: {self.message}"


# Records listed per kind in the changes an import makes; the rest are counted.
LISTED = 20
SHOWN_CHARACTERS = 80


def shown(value):
    """A value as the report prints it: short, and "(empty)" for nothing."""
    if value is None or value == "":
        return _("(empty)")
    text = str(value)
    return text if len(text) <= SHOWN_CHARACTERS else text[: SHOWN_CHARACTERS - 1] + "…"


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class RecordChange:
    """One record the import adds or changes, or in which it keeps a curator's values."""

    record_id: str
    name: str
    added: bool = False
    changed: list = field(default_factory=list)  # FieldChanges: the stored and the file's value
    kept: list = field(default_factory=list)  # FieldChanges: the curator's and the file's value


@dataclass
class KindChanges:
    """What the import does to the records of one kind: counts, and the first LISTED records."""

    kind: str
    label: str
    added: int = 0
    changed: int = 0
    kept: int = 0
    unchanged: int = 0
    records: list = field(default_factory=list)

    noted: int = 0  # Records added, changed or keeping a curator's values: listed or not.

    @property
    def not_listed(self):
        return self.noted - len(self.records)

    @property
    def changes_not_listed(self):
        """Records changed or keeping a curator's values that are not listed."""
        listed = sum(1 for record in self.records if not record.added)
        return self.noted - self.added - listed

    def summary(self):
        return _(
            "%(label)s: %(added)d added, %(changed)d changed, %(kept)d keeping curators' "
            "changes, %(unchanged)d unchanged"
        ) % {
            "label": self.label,
            "added": self.added,
            "changed": self.changed,
            "kept": self.kept,
            "unchanged": self.unchanged,
        }


class Changes:
    """What an import adds, changes and keeps, per kind of record (resources.hsds.provenance)."""

    def __init__(self, listed=None):
        self.listed = LISTED if listed is None else listed
        self.by_kind = {}

    @property
    def kinds(self):
        return list(self.by_kind.values())

    def kept_records(self):
        return sum(kind.kept for kind in self.by_kind.values())

    def note(self, model, record, *, added=False, changed=(), kept=()):
        kind = self._kind(model)
        kind.added += added
        kind.changed += bool(changed)
        kind.kept += bool(kept)
        if not (added or changed or kept):
            kind.unchanged += 1
            return
        kind.noted += 1
        if len(kind.records) < self.listed:
            kind.records.append(
                RecordChange(
                    str(record["id"]),
                    shown(
                        record.get("name")
                        or record.get("number")
                        or record.get("code")
                        or model._meta.verbose_name
                    ),
                    added,
                    [_field_change(model, *change) for change in changed],
                    [_field_change(model, *change) for change in kept],
                )
            )

    def note_terms(self, service_id, name, kept):
        """A service keeps terms a curator added or stays without terms they removed: `kept`
        holds (what it has, what the file has) for each term."""
        kind = self.by_kind.get("terms")
        if kind is None:
            kind = self.by_kind["terms"] = KindChanges("ServiceTerms", _("terms of services"))
        kind.kept += 1
        kind.noted += 1
        if len(kind.records) < self.listed:
            changes = [FieldChange(_("term"), shown(old), shown(new)) for old, new in kept]
            kind.records.append(RecordChange(str(service_id), shown(name), kept=changes))

    def to_json(self):
        """The changes as JSON data, for a report kept on an import job."""
        return {"listed": self.listed, "kinds": [asdict(kind) for kind in self.kinds]}

    @classmethod
    def from_json(cls, data):
        changes = cls(listed=(data or {}).get("listed"))
        for kind in (data or {}).get("kinds", []):
            records = [
                RecordChange(
                    **{
                        **record,
                        "changed": [FieldChange(**change) for change in record["changed"]],
                        "kept": [FieldChange(**change) for change in record["kept"]],
                    }
                )
                for record in kind.pop("records")
            ]
            changes.by_kind[kind["kind"]] = KindChanges(**kind, records=records)
        return changes

    def note_part_kept(self, model, record_id, record):
        """A part (a phone, an hour, …) a curator added or edited that the file leaves out: it
        stays. `record` is the part, or None when it is not listed."""
        kind = self._kind(model)
        kind.kept += 1
        kind.noted += 1
        if record is not None and len(kind.records) < self.listed:
            change = FieldChange(
                _("the whole record"), _("added or edited by a curator"), _("(not in the file)")
            )
            kind.records.append(RecordChange(str(record_id), shown(str(record)), kept=[change]))

    def _kind(self, model):
        kind = self.by_kind.get(model)
        if kind is None:
            kind = self.by_kind[model] = KindChanges(
                model.__name__, str(model._meta.verbose_name_plural)
            )
        return kind

    def lines(self, *, with_added=True):
        """The changes as plain text lines, for the command. Without `with_added`, the records
        added are only counted (a first load of the sample data adds everything)."""
        for kind in self.kinds:
            yield kind.summary()
            for record in kind.records:
                if record.added and not with_added:
                    continue
                if record.added:
                    yield "  + " + _("added %(name)s (%(id)s)") % _names(record)
                    continue
                yield "  ~ " + _("%(name)s (%(id)s)") % _names(record)
                for change in record.changed:
                    yield "      " + _("%(field)s: “%(old)s” → “%(new)s”") % vars(change)
                for change in record.kept:
                    yield "      " + _(
                        "%(field)s: kept “%(old)s” as a curator changed it; the file has “%(new)s”"
                    ) % vars(change)
            not_listed = kind.not_listed if with_added else kind.changes_not_listed
            if not_listed > 0:
                yield "  " + ngettext(
                    "… and %(count)d more record not listed",
                    "… and %(count)d more records not listed",
                    not_listed,
                ) % {"count": not_listed}


def _names(record):
    return {"name": record.name, "id": record.record_id}


def _field_change(model, field_name, old, new):
    """A change as curators read it: the field's label, and a choice's label for its value."""
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        return FieldChange(field_name, shown(old), shown(new))
    choices = dict(field.flatchoices)
    return FieldChange(
        str(field.verbose_name),
        shown(choices.get(old, old)),
        shown(choices.get(new, new)),
    )


@dataclass
class More:
    """The line that stands for the problems of a kind left out of the list."""

    level: str
    file: str
    field: str
    count: int = 0
    where: str = ""

    @property
    def message(self):
        return ngettext(
            "… and %(count)s more like this.", "… and %(count)s more like this.", self.count
        ) % {"count": f"{self.count:,}"}

    def __str__(self):
        place = ", ".join(part for part in [self.file, self.field] if part)
        return f"{self.level.upper()} {place}: {self.message}"


@dataclass
class Report:
    problems: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    written: bool = False
    # Services whose status or verification date the file would change and the importing
    # curator may not: each has a warning too.
    held_back: int = 0
    # Taxonomies and terms the file would add or change and the importing curator may not: each
    # has a warning too.
    taxonomy_held_back: int = 0
    # What the import adds, changes and keeps, record by record (resources.hsds.provenance).
    changes: Changes = field(default_factory=Changes)
    # Where the data comes from, and whether curators' changes are overwritten (the import's
    # arguments, kept so that a confirmation repeats them).
    source: str = ""
    overwrite_curated: bool = False
    # What the file was found to be ("Read 1 page of an HSDS API response with 50 services."):
    # set by reading.py once the file is read.
    shape: str = ""
    error_count: int = 0
    warning_count: int = 0
    _kinds: dict = field(default_factory=dict, repr=False)  # kind -> how many so far
    _more: dict = field(default_factory=dict, repr=False)  # kind -> its More line

    def error(self, where, field_name, message):
        self.error_count += 1
        self._add(Problem(ERROR, where[0], where[1], field_name, str(message)))

    def warning(self, where, field_name, message):
        self.warning_count += 1
        self._add(Problem(WARNING, where[0], where[1], field_name, str(message)))

    def _add(self, problem):
        kind = (problem.level, problem.file, problem.field, _VARYING.sub("#", problem.message))
        seen = self._kinds.get(kind, 0)
        self._kinds[kind] = seen + 1
        if seen < MAX_PER_KIND:
            self.problems.append(problem)
            return
        if seen == MAX_PER_KIND:
            self._more[kind] = More(problem.level, problem.file, problem.field)
            self.problems.append(self._more[kind])
        self._more[kind].count += 1

    @property
    def errors(self):
        """The errors listed (at most MAX_PER_KIND of a kind); error_count counts them all."""
        return [p for p in self.problems if p.level == ERROR and isinstance(p, Problem)]

    @property
    def warnings(self):
        """The warnings listed; warning_count counts them all."""
        return [p for p in self.problems if p.level == WARNING and isinstance(p, Problem)]

    @property
    def ok(self):
        return not self.error_count

    def summary(self):
        """The counts in words: "2 errors, 1 warning"."""
        errors = ngettext("%(count)s error", "%(count)s errors", self.error_count) % {
            "count": f"{self.error_count:,}"
        }
        warnings = ngettext("%(count)s warning", "%(count)s warnings", self.warning_count) % {
            "count": f"{self.warning_count:,}"
        }
        return _("%(errors)s, %(warnings)s") % {"errors": errors, "warnings": warnings}
