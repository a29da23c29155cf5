"""What an import found: per record, the file, the row or JSON path, the field and the problem.

A broken file can have the same problem in every row: each kind of problem (its level, file,
field and message, ids and numbers aside) is listed MAX_PER_KIND times, then one line says how
many more there were. The counts stay exact.
"""

import re
from dataclasses import dataclass, field

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
