"""HSDS files as rows of tables: a folder or zip of CSV tables, or JSON (one compiled service, a
list of them, or a service_list page). Nested JSON is flattened into the same tables as CSV, each
row remembering where it came from (file and row, or JSON path) for the report.

CSV tables are streamed: a first pass puts the ids of each table in the import's scratch tables
(see scratch.py; so references may point at any row of any file) and reports bad rows and
repeated ids; the importer then reads each table again, row by row. A JSON file is parsed whole
(the standard library has no streaming parser) and its rows are kept in memory.
"""

import csv
import io
import json
import zipfile
from contextlib import contextmanager
from itertools import batched
from pathlib import Path

from django.utils.translation import gettext as _

from resources.hsds.tables import FILES, FOREIGN_KEYS, TABLES, columns

MAX_FILE_BYTES = 20 * 1024 * 1024
# Unquoted CSV fields of the spec's size are small; a runaway quote swallows the rest of a file.
csv.field_size_limit(1024 * 1024)


class Tables:
    """Rows per HSDS table, keyed by id; each row carries `_where` = (file, row or path)."""

    def __init__(self, report, max_bytes=MAX_FILE_BYTES):
        self.report = report
        self.max_bytes = max_bytes
        self.rows = {table: {} for table in TABLES}

    def present(self, table, ids):
        """Those of `ids` (strings) that rows of `table` have."""
        return {record_id for record_id in ids if record_id in self.rows[table]}

    def records(self, table):
        return iter(self.rows[table].values())

    def add(self, table, row, where, *, repeat_ok=False):
        record_id = row.get("id")
        if not isinstance(record_id, str) or not record_id.strip():
            self.report.error(where, "id", _("Every record needs an id."))
            return
        row["id"] = record_id = record_id.strip()
        existing = self.rows[table].get(record_id)
        if existing is not None:
            # Compiled JSON repeats a record wherever it is linked (a phone under its service
            # and again under its location): the first one is kept. Two rows of a table with
            # one id are a mistake.
            if not repeat_ok:
                self.report.error(
                    where,
                    "id",
                    _("The id %(id)s is used twice (also at %(other)s).")
                    % {"id": record_id, "other": ", ".join(existing["_where"])},
                )
            return
        row["_where"] = where
        self.rows[table][record_id] = row


@contextmanager
def open_tables(path, report, scratch, max_bytes=MAX_FILE_BYTES):
    """The tables held at `path` (a folder, a .zip of CSV files, or a .json file).

    Each file may hold at most `max_bytes`. CSV tables keep their ids in `scratch`.
    """
    path = Path(path)
    if path.is_dir():
        files = {p.name: p for p in sorted(path.iterdir()) if p.is_file()}
        sizes, opener = (lambda p: p.stat().st_size), (lambda p: p.open("rb"))
        yield CsvTables(report, scratch, max_bytes, files, sizes, opener)
        return
    tables = Tables(report, max_bytes)
    if not path.is_file():
        report.error((str(path), ""), "", _("There is no file or folder here."))
    elif path.stat().st_size > max_bytes:
        report.error((path.name, ""), "", _too_big(max_bytes))
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            files = {Path(i.filename).name: i for i in archive.infolist() if not i.is_dir()}
            yield CsvTables(report, scratch, max_bytes, files, lambda i: i.file_size, archive.open)
            return
    else:
        read_json(path.name, path.read_bytes(), tables)
    yield tables


def _too_big(max_bytes):
    return _("The file is larger than %(megabytes)s MB; split it into smaller files.") % {
        "megabytes": max_bytes // (1024 * 1024)
    }


class CsvTables:
    """CSV tables read twice: once for the ids (kept in the scratch tables) and problems, then
    row by row (not kept)."""

    def __init__(self, report, scratch, max_bytes, files, size_of, open_file):
        self.report = report
        self.scratch = scratch
        self.max_bytes = max_bytes
        self._open = open_file
        self._files = {}  # table -> (file name, handle)
        self._repeated = {table: set() for table in TABLES}
        if not any(name.endswith(".csv") for name in files):
            report.error(("", ""), "", _("No HSDS CSV tables (services.csv, …) were found."))
            return
        for name, handle in files.items():
            if not name.endswith(".csv"):
                continue  # datapackage.json and the like describe the tables; the rows are enough.
            table = FILES.get(name)
            if table is None:
                report.warning((name, ""), "", _("Not an HSDS table; ignored."))
            elif size_of(handle) > max_bytes:
                report.error((name, ""), "", _too_big(max_bytes))
            else:
                self._files[table] = (name, handle)
                self._scan(table)

    def present(self, table, ids):
        """Those of `ids` (strings) that rows of `table` have."""
        if table not in REFERENCED or table not in self._files:
            return set()  # Nothing links to these rows: their ids are not asked for.
        return self.scratch.present(_kind(table), ids)

    def records(self, table):
        """The rows of `table` as dicts, repeats and rows without an id left out."""
        if table not in self._files:
            return
        name, handle = self._files[table]
        repeated, met = self._repeated[table], set()
        with self._open(handle) as stream:
            for where, row in _csv_rows(name, table, stream, None):
                record_id = row.get("id", "").strip()
                if not record_id:
                    continue
                if record_id in repeated:
                    if record_id in met:
                        continue
                    met.add(record_id)
                row["id"] = record_id
                row["_where"] = where
                yield row

    def _scan(self, table):
        name, handle = self._files[table]
        repeats = []
        with self._open(handle) as stream:
            for rows in batched(self._ids_of(name, table, stream), CHUNK):
                added = self.scratch.add_keys(_kind(table), (record_id for _, record_id in rows))
                for where, record_id in rows:
                    if record_id in added:
                        added.remove(record_id)  # Its first row; any other is a repeat.
                    else:
                        repeats.append((where, record_id))
        if repeats:
            self._report_repeats(table, repeats)

    def _ids_of(self, name, table, stream):
        for where, row in _csv_rows(name, table, stream, self.report, only="id"):
            record_id = row.get("id", "").strip()
            if record_id:
                yield where, record_id
            else:
                self.report.error(where, "id", _("Every record needs an id."))

    def _report_repeats(self, table, repeats):
        """Two rows of a table with one id are a mistake: each later one is reported."""
        name, handle = self._files[table]
        self._repeated[table] = wanted = {record_id for _where, record_id in repeats}
        first = {}
        with self._open(handle) as stream:
            for where, row in _csv_rows(name, table, stream, None):
                record_id = row.get("id", "").strip()
                if record_id in wanted and record_id not in first:
                    first[record_id] = where
        for where, record_id in repeats:
            self.report.error(
                where,
                "id",
                _("The id %(id)s is used twice (also at %(other)s).")
                % {"id": record_id, "other": ", ".join(first[record_id])},
            )


# The tables other rows link to: the only ones whose ids are asked for.
REFERENCED = set(FOREIGN_KEYS.values()) | {"service"}
CHUNK = 1000


def _kind(table):
    return f"{table} id"


def _csv_rows(name, table, stream, report, only=None):
    """(where, row) for each well-formed row; problems go to `report` unless it is None. With
    `only` (a column the header has), a row holds that field alone: the first reading wants
    the ids."""
    report = report or _Unreported()
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(text, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            return
        known = set(columns(table))
        unknown = [column for column in header if column not in known]
        for column in unknown:
            report.error((name, _("header")), column, _("Not a column of this HSDS table."))
        if len(set(header)) != len(header):
            report.error((name, _("header")), "", _("A column appears twice."))
        if unknown or "id" not in header:
            if "id" not in header:
                report.error((name, _("header")), "id", _("The id column is missing."))
            return
        row_label = _("row %(number)s")
        width = len(header)
        pick = header.index(only) if only in header else None
        for row in reader:
            where = (name, row_label % {"number": reader.line_num})
            if len(row) != width:
                report.error(
                    where,
                    "",
                    _("The row has %(found)s fields; the header has %(expected)s.")
                    % {"found": len(row), "expected": width},
                )
                continue
            if pick is not None:
                yield where, {only: row[pick]}
                continue
            yield where, {key: value for key, value in zip(header, row, strict=True) if value != ""}
    except csv.Error as error:
        report.error(
            (name, _("line %(number)s") % {"number": reader.line_num}),
            "",
            _("This is not valid CSV (%(error)s); check the quotes.") % {"error": error},
        )
    except UnicodeDecodeError:
        report.error((name, ""), "", _("The file is not UTF-8 text."))


class _Unreported:
    """The second reading of a file: its problems were reported by the first."""

    def error(self, *args):
        pass


def read_json(name, content, tables):
    report = tables.report
    try:
        data = json.loads(content)
    except UnicodeDecodeError:
        report.error((name, ""), "", _("The file is not UTF-8 text."))
        return
    except json.JSONDecodeError as error:
        report.error(
            (
                name,
                _("line %(line)s, column %(column)s")
                % {"line": error.lineno, "column": error.colno},
            ),
            "",
            _("This is not valid JSON: %(error)s.") % {"error": error.msg},
        )
        return
    path = "$"
    if isinstance(data, dict) and "contents" in data:
        data, path = data["contents"], "$.contents"
    if isinstance(data, dict):
        services = [(path, data)]
    elif isinstance(data, list):
        services = [(f"{path}[{index}]", item) for index, item in enumerate(data)]
    else:
        report.error((name, path), "", _("Expected a service, a list of services or a page."))
        return
    for service_path, service in services:
        if not isinstance(service, dict):
            report.error((name, service_path), "", _("Expected a service (a JSON object)."))
            continue
        _flatten_service(name, service_path, service, tables)


def _scalars(record):
    return {key: value for key, value in record.items() if not isinstance(value, dict | list)}


def _children(record, key, name, path, report):
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        report.error((name, f"{path}.{key}"), key, _("Expected a list."))
        return []
    children = []
    for index, child in enumerate(value):
        child_path = f"{path}.{key}[{index}]"
        if isinstance(child, dict):
            children.append((child_path, child))
        else:
            report.error((name, child_path), key, _("Expected an object."))
    return children


def _child(record, key, name, path, report):
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        report.error((name, f"{path}.{key}"), key, _("Expected an object."))
        return None
    return (f"{path}.{key}", value)


def _flatten_service(name, path, service, tables):
    report = tables.report
    row = _scalars(service)
    organization = _child(service, "organization", name, path, report)
    if organization and "organization_id" not in row:
        row["organization_id"] = organization[1].get("id")
    tables.add("service", row, (name, path))
    service_id = row.get("id")
    for child_path, phone in _children(service, "phones", name, path, report):
        _add(tables, "phone", phone, name, child_path, service_id=service_id)
    for child_path, schedule in _children(service, "schedules", name, path, report):
        _add(tables, "schedule", schedule, name, child_path, service_id=service_id)
    for child_path, area in _children(service, "service_areas", name, path, report):
        _add(tables, "service_area", area, name, child_path, service_id=service_id)
    for child_path, language in _children(service, "languages", name, path, report):
        _add(tables, "language", language, name, child_path, service_id=service_id)
    for child_path, contact in _children(service, "contacts", name, path, report):
        _add(tables, "contact", contact, name, child_path, service_id=service_id)
    for child_path, link in _children(service, "service_at_locations", name, path, report):
        location = _child(link, "location", name, child_path, report)
        location_id = link.get("location_id") or (location and location[1].get("id"))
        _add(
            tables,
            "service_at_location",
            link,
            name,
            child_path,
            service_id=service_id,
            location_id=location_id,
        )
        if location:
            _flatten_location(name, *location, tables)
        for part in ("phones", "schedules"):
            for part_path, record in _children(link, part, name, child_path, report):
                _add(
                    tables,
                    part.removesuffix("s"),
                    record,
                    name,
                    part_path,
                    service_at_location_id=link.get("id"),
                )
        for contact_path, contact in _children(link, "contacts", name, child_path, report):
            _add(
                tables,
                "contact",
                contact,
                name,
                contact_path,
                service_at_location_id=link.get("id"),
            )
    for child_path, attribute in _children(service, "attributes", name, path, report):
        term = _child(attribute, "taxonomy_term", name, child_path, report)
        term_id = attribute.get("taxonomy_term_id") or (term and term[1].get("id"))
        # Nested in a service, an attribute is that service's, whatever its link fields say.
        attribute = {**attribute, "link_id": service_id, "link_entity": "service"}
        _add(tables, "attribute", attribute, name, child_path, taxonomy_term_id=term_id)
        if term:
            _flatten_term(name, *term, tables)
    # Last: a phone or location met first under the service keeps the service as its owner.
    if organization:
        _flatten_organization(name, *organization, tables)


def _add(tables, table, record, name, path, **links):
    row = _scalars(record)
    for key, value in links.items():
        if value and not row.get(key):
            row[key] = value
    tables.add(table, row, (name, path), repeat_ok=True)


def _flatten_organization(name, path, organization, tables):
    report = tables.report
    org_id = organization.get("id")
    _add(tables, "organization", organization, name, path)
    for child_path, phone in _children(organization, "phones", name, path, report):
        _add(tables, "phone", phone, name, child_path, organization_id=org_id)
    for child_path, contact in _children(organization, "contacts", name, path, report):
        _add(tables, "contact", contact, name, child_path, organization_id=org_id)
    for child_path, location in _children(organization, "locations", name, path, report):
        _flatten_location(name, child_path, {**location, "organization_id": org_id}, tables)


def _flatten_location(name, path, location, tables):
    report = tables.report
    location_id = location.get("id")
    _add(tables, "location", location, name, path)
    for child_path, address in _children(location, "addresses", name, path, report):
        _add(tables, "address", address, name, child_path, location_id=location_id)
    for child_path, item in _children(location, "accessibility", name, path, report):
        _add(tables, "accessibility", item, name, child_path, location_id=location_id)
    for child_path, phone in _children(location, "phones", name, path, report):
        _add(tables, "phone", phone, name, child_path, location_id=location_id)
    for child_path, schedule in _children(location, "schedules", name, path, report):
        _add(tables, "schedule", schedule, name, child_path, location_id=location_id)
    for child_path, contact in _children(location, "contacts", name, path, report):
        _add(tables, "contact", contact, name, child_path, location_id=location_id)


def _flatten_term(name, path, term, tables):
    taxonomy = _child(term, "taxonomy_detail", name, path, tables.report)
    taxonomy_id = term.get("taxonomy_id") or (taxonomy and taxonomy[1].get("id"))
    _add(tables, "taxonomy_term", term, name, path, taxonomy_id=taxonomy_id)
    if taxonomy:
        _add(tables, "taxonomy", taxonomy[1], name, taxonomy[0])
