"""What an import found: per record, the file, the row or JSON path, the field and the problem."""

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


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

    def error(self, where, field_name, message):
        self.problems.append(Problem(ERROR, where[0], where[1], field_name, str(message)))

    def warning(self, where, field_name, message):
        self.problems.append(Problem(WARNING, where[0], where[1], field_name, str(message)))

    @property
    def errors(self):
        return [problem for problem in self.problems if problem.level == ERROR]

    @property
    def warnings(self):
        return [problem for problem in self.problems if problem.level == WARNING]

    @property
    def ok(self):
        return not self.errors
