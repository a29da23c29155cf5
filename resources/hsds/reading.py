"""HSDS files as rows of tables: a folder or zip of CSV tables (packages.py), or JSON or NDJSON
in any of the shapes shapes.py recognises (services, organisations, lists, pages). Nested JSON
is flattened into the same tables as CSV, each row remembering where it came from (file and
row, or JSON path) for the report.

CSV tables are streamed: a first pass puts the ids of each table in the import's scratch tables
(see scratch.py; so references may point at any row of any file) and reports bad rows and
repeated ids; the importer then reads each table again, row by row. A JSON file is parsed whole
(the standard library has no streaming parser) and its rows are kept in memory.
"""

import csv
import functools
import io
import zipfile
from contextlib import contextmanager
from itertools import batched
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from resources.hsds import packages, shapes
from resources.hsds.tables import FOREIGN_KEYS, TABLES, columns

MAX_FILE_BYTES = 20 * 1024 * 1024
# Unquoted CSV fields of the spec's size are small; a runaway quote swallows the rest of a file.
csv.field_size_limit(1024 * 1024)


# The lists a service in full carries, by key, and the table of their rows. A service record
# without one of these keys (an API's brief service_list) says nothing of those parts: the
# importer keeps the stored ones. Present, even as [], the list is the service's whole set.
SERVICE_PARTS = {
    "service_at_locations": "service_at_location",
    "contacts": "contact",
    "phones": "phone",
    "schedules": "schedule",
    "service_areas": "service_area",
    "languages": "language",
    "funding": "funding",
    "cost_options": "cost_option",
    "required_documents": "required_document",
    "attributes": "attribute",
}


class Tables:
    """Rows per HSDS table, keyed by id; each row carries `_where` = (file, row or path), and a
    service row `_silent`: the tables of SERVICE_PARTS its record left out."""

    def __init__(self, report, max_bytes=MAX_FILE_BYTES):
        self.report = report
        self.max_bytes = max_bytes
        self.rows = {table: {} for table in TABLES}

    def present(self, table, ids):
        """Those of `ids` (strings) that rows of `table` have."""
        return {record_id for record_id in ids if record_id in self.rows[table]}

    def records(self, table):
        return iter(self.rows[table].values())

    @property
    def absent_parts(self):
        """The tables of SERVICE_PARTS that no service of the file speaks for."""
        silent = set(SERVICE_PARTS.values())
        for row in self.rows["service"].values():
            silent &= row.get("_silent", frozenset())
            if not silent:
                break
        return silent

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
    """The tables held at `path` (a folder, a .zip of CSV files, or a JSON or NDJSON file).

    Each file may hold at most `max_bytes`. CSV tables keep their ids in `scratch`.
    """
    path = Path(path)
    if path.is_dir():
        members = packages.folder_members(path)
        package = packages.arrange(path.name, members, packages.read_file, report)
        sizes, opener = (lambda p: p.stat().st_size), (lambda p: p.open("rb"))
        yield CsvTables(report, scratch, max_bytes, package, sizes, opener)
        return
    tables = Tables(report, max_bytes)
    if not path.is_file():
        report.error((str(path), ""), "", _("There is no file or folder here."))
    elif path.stat().st_size > max_bytes:
        report.error((path.name, ""), "", _too_big(max_bytes))
    elif zipfile.is_zipfile(path):
        with packages.open_zip(path, report) as archive:
            members = archive and packages.zip_members(archive, path.name, report)
            json_files = members and packages.json_members(members)
            if json_files:
                _read_zipped_json(archive, json_files, tables)
                yield tables
                return
            read = functools.partial(packages.read_member, archive)
            package = members and packages.arrange(path.name, members, read, report)
            opener = archive and archive.open
            yield CsvTables(report, scratch, max_bytes, package, packages.size_of, opener)
            return
    elif path.suffix.lower() == ".csv":
        report.error(
            (path.name, ""),
            "",
            _("Give the folder or a .zip holding the CSV tables, not one of them alone."),
        )
    else:
        read_json(path.name, path.read_bytes(), tables)
    yield tables


def _read_zipped_json(archive, members, tables):
    """A zip of JSON files (as our JSON export is): each read as if uploaded alone."""
    report, sentences = tables.report, []
    for name, info in members:
        if info.file_size > tables.max_bytes:
            report.error((name, ""), "", _too_big(tables.max_bytes))
            continue
        try:
            with archive.open(info) as stream:
                content = stream.read(tables.max_bytes + 1)
        except packages.READ_ERRORS as error:
            report.error((name, ""), "", packages.damaged_zip_message(error))
            continue
        report.shape = ""
        read_json(name, content, tables)
        if report.shape:
            sentences.append(f"{name}: {report.shape}" if len(members) > 1 else report.shape)
    report.shape = " ".join(sentences)


def _too_big(max_bytes):
    return _("The file is larger than %(megabytes)s MB; split it into smaller files.") % {
        "megabytes": max_bytes // (1024 * 1024)
    }


class CsvTables:
    """CSV tables read twice: once for the ids (kept in the scratch tables) and problems, then
    row by row (not kept)."""

    def __init__(self, report, scratch, max_bytes, package, size_of, open_file):
        self.report = report
        self.scratch = scratch
        self.max_bytes = max_bytes
        self._open = open_file
        self._files = {}  # table -> (file name, handle)
        self._extra = {}  # table -> the columns datapackage.json adds, ignored
        self._repeated = {table: set() for table in TABLES}
        if package is None:
            return  # Refused as a whole; the report says why.
        if not package.tables:
            if not report.error_count:
                report.error(("", ""), "", _("No HSDS CSV tables (services.csv, …) were found."))
            return
        for table, (name, handle) in package.tables.items():
            if size_of(handle) > max_bytes:
                report.error((name, ""), "", _too_big(max_bytes))
                continue
            header = self._header(name, handle)
            old = header and _old_columns(table, header)
            if old:
                report.error((name, ""), "", shapes.old_version_message(*old))
                self._files = {}
                return
            self._files[table] = (name, handle)
            self._extra[table] = package.extra_columns.get(table, [])
        for table in TABLES:
            if table in self._files:
                self._scan(table)
        report.shape = _csv_sentence(len(self._files), package.followed_datapackage)

    @property
    def absent_parts(self):
        """The tables of SERVICE_PARTS the package has no file of: the services' stored rows of
        them are kept. A table present, even with its header alone, is the services' whole set."""
        return {table for table in SERVICE_PARTS.values() if table not in self._files}

    def _header(self, name, handle):
        try:
            with self._open(handle) as stream:
                line = stream.readline(64 * 1024)
        except packages.READ_ERRORS:
            return None  # Reported when the table is read.
        text = io.StringIO(line.decode("utf-8-sig", errors="replace"), newline="")
        try:
            return next(csv.reader(text), None)
        except csv.Error:
            return None  # Reported when the table is read.

    def present(self, table, ids):
        """Those of `ids` (strings) that rows of `table` have."""
        if table not in REFERENCED or table not in self._files:
            return set()  # Nothing links to these rows: their ids are not asked for.
        return self.scratch.present(_kind(table), ids)

    def records(self, table):
        """The rows of `table` as dicts, repeats and rows without an id left out."""
        if table not in self._files:
            return
        repeated, met = self._repeated[table], set()
        for where, row in self._rows(table, None):
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

    def _rows(self, table, report, only=None):
        """_csv_rows of the table's file; a damaged zip member ends it, reported."""
        name, handle = self._files[table]
        report = report or _Unreported()
        try:
            with self._open(handle) as stream:
                yield from _csv_rows(name, table, stream, report, self._extra[table], only=only)
        except packages.READ_ERRORS as error:
            report.error((name, ""), "", packages.damaged_zip_message(error))

    def _scan(self, table):
        repeats = []
        for rows in batched(self._ids_of(table), CHUNK):
            added = self.scratch.add_keys(_kind(table), (record_id for _, record_id in rows))
            for where, record_id in rows:
                if record_id in added:
                    added.remove(record_id)  # Its first row; any other is a repeat.
                else:
                    repeats.append((where, record_id))
        if repeats:
            self._report_repeats(table, repeats)

    def _ids_of(self, table):
        for where, row in self._rows(table, self.report, only="id"):
            record_id = row.get("id", "").strip()
            if record_id:
                yield where, record_id
            else:
                self.report.error(where, "id", _("Every record needs an id."))

    def _report_repeats(self, table, repeats):
        """Two rows of a table with one id are a mistake: each later one is reported."""
        self._repeated[table] = wanted = {record_id for _where, record_id in repeats}
        first = {}
        for where, row in self._rows(table, None):
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


def _old_columns(table, header):
    """(version, evidence) if `header` has a column only an older HSDS gave `table`."""
    for column, version in shapes.OLD_COLUMNS.get(table, {}).items():
        if column in header and column not in columns(table):
            return version, f"{TABLES[table][0]}: {column}"
    return None


def _csv_sentence(count, followed):
    if followed:
        message = ngettext(
            "Read %(count)s HSDS CSV table, as the package's datapackage.json lists it.",
            "Read %(count)s HSDS CSV tables, as the package's datapackage.json lists them.",
            count,
        )
    else:
        message = ngettext(
            "Read %(count)s HSDS CSV table.", "Read %(count)s HSDS CSV tables.", count
        )
    return message % {"count": count}


def _csv_rows(name, table, stream, report, extra=(), only=None):
    """(where, row) for each well-formed row; problems go to `report`. With `only` (a column
    the header has), a row holds that field alone: the first reading wants the ids. Columns in
    `extra` (a datapackage.json declares them beyond HSDS) are left out, and said so once."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(text, strict=True)
    number = 1
    try:
        header = next(reader, None)
        if header is None:
            return
        known = set(columns(table))
        unknown = [column for column in header if column not in known and column not in extra]
        for column in unknown:
            report.error((name, _("header")), column, _("Not a column of this HSDS table."))
        ignored = [column for column in header if column not in known and column in extra]
        if ignored:
            report.warning(
                (name, _("header")),
                ", ".join(ignored),
                _(
                    "Columns the publisher's datapackage.json adds to HSDS 3.0; their values are "
                    "not imported."
                ),
            )
        if len(set(header)) != len(header):
            report.error((name, _("header")), "", _("A column appears twice."))
        if "\x00" in "".join(header):
            report.error((name, _("header")), "", _nul_message())
            return
        if unknown or "id" not in header:
            if "id" not in header:
                report.error((name, _("header")), "id", _("The id column is missing."))
            return
        row_label = _("row %(number)s")
        width = len(header)
        pick = header.index(only) if only in header else None
        wanted = [(index, column) for index, column in enumerate(header) if column in known]
        for row in reader:
            if not row:
                continue  # A blank line, or the second line end of "\r\r\n".
            number += 1
            where = (name, row_label % {"number": number})
            if len(row) != width:
                report.error(
                    where,
                    "",
                    _("The row has %(found)s fields; the header has %(expected)s.")
                    % {"found": len(row), "expected": width},
                )
                continue
            if "\x00" in "".join(row):
                report.error(where, "", _nul_message())
                continue
            if pick is not None:
                yield where, {only: row[pick]}
                continue
            yield where, {column: row[index] for index, column in wanted if row[index] != ""}
    except csv.Error as error:
        report.error(
            (name, _("line %(number)s") % {"number": reader.line_num}),
            "",
            _("This is not valid CSV (%(error)s); check the quotes.") % {"error": error},
        )
    except UnicodeDecodeError:
        report.error(
            (name, _("after row %(number)s") % {"number": number}),
            "",
            _("The file is not UTF-8 text; save it as UTF-8 and upload it again."),
        )


def _nul_message():
    return _("The row holds a NUL character: this is not a text table (a damaged file?).")


class _Unreported:
    """The second reading of a file: its problems were reported by the first."""

    def error(self, *args):
        pass

    def warning(self, *args):
        pass


def read_json(name, content, tables):
    """Flatten the services and organisations of a JSON or NDJSON file into `tables`."""
    report = tables.report
    shape = shapes.parse(name, content, report)
    if shape is None:
        return
    for kind, path, record in shape.records:
        if kind == "organization":
            _flatten_organization(name, path, record, tables, with_services=True)
        else:
            _flatten_service(name, path, record, tables)
    report.shape = shape.sentence


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
    program = _child(service, "program", name, path, report)
    if program and "program_id" not in row:
        row["program_id"] = program[1].get("id")
    # A list given as null says no more than one left out.
    row["_silent"] = frozenset(
        table for key, table in SERVICE_PARTS.items() if service.get(key) is None
    )
    tables.add("service", row, (name, path))
    service_id = row.get("id")
    for child_path, phone in _children(service, "phones", name, path, report):
        _add_phone(tables, phone, name, child_path, service_id=service_id)
    for child_path, schedule in _children(service, "schedules", name, path, report):
        _add(tables, "schedule", schedule, name, child_path, service_id=service_id)
    for child_path, area in _children(service, "service_areas", name, path, report):
        _add(tables, "service_area", area, name, child_path, service_id=service_id)
    for child_path, language in _children(service, "languages", name, path, report):
        _add_language(tables, language, name, child_path, service_id=service_id)
    for child_path, contact in _children(service, "contacts", name, path, report):
        _flatten_contact(name, child_path, contact, tables, service_id=service_id)
    for key, table in [
        ("funding", "funding"),
        ("cost_options", "cost_option"),
        ("required_documents", "required_document"),
    ]:
        for child_path, record in _children(service, key, name, path, report):
            _add(tables, table, record, name, child_path, service_id=service_id)
    if program:
        organization_id = row.get("organization_id")
        _add(tables, "program", program[1], name, program[0], organization_id=organization_id)
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
        for part_path, phone in _children(link, "phones", name, child_path, report):
            _add_phone(tables, phone, name, part_path, service_at_location_id=link.get("id"))
        for part_path, schedule in _children(link, "schedules", name, child_path, report):
            _add(
                tables, "schedule", schedule, name, part_path, service_at_location_id=link.get("id")
            )
        for contact_path, contact in _children(link, "contacts", name, child_path, report):
            _flatten_contact(
                name, contact_path, contact, tables, service_at_location_id=link.get("id")
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


def _add_language(tables, record, name, path, **links):
    """A language, which compiled JSON repeats under its service, location and phone: each
    place it is met in gives its link."""
    existing = tables.rows["language"].get(str(record.get("id", "")).strip())
    if existing is None:
        _add(tables, "language", record, name, path, **links)
        return
    for key, value in links.items():
        if value and not existing.get(key):
            existing[key] = value


def _add_phone(tables, phone, name, path, **links):
    _add(tables, "phone", phone, name, path, **links)
    for child_path, language in _children(phone, "languages", name, path, tables.report):
        _add_language(tables, language, name, child_path, phone_id=phone.get("id"))


def _flatten_organization(name, path, organization, tables, *, with_services=False):
    """An organisation and what hangs from it; at the root of a file (organization_full), its
    services too."""
    report = tables.report
    org_id = organization.get("id")
    _add(tables, "organization", organization, name, path)
    for child_path, phone in _children(organization, "phones", name, path, report):
        _add_phone(tables, phone, name, child_path, organization_id=org_id)
    for child_path, contact in _children(organization, "contacts", name, path, report):
        _flatten_contact(name, child_path, contact, tables, organization_id=org_id)
    for key, table in [
        ("programs", "program"),
        ("funding", "funding"),
        ("organization_identifiers", "organization_identifier"),
    ]:
        for child_path, record in _children(organization, key, name, path, report):
            _add(tables, table, record, name, child_path, organization_id=org_id)
    for child_path, location in _children(organization, "locations", name, path, report):
        _flatten_location(name, child_path, {**location, "organization_id": org_id}, tables)
    if with_services:
        for child_path, service in _children(organization, "services", name, path, report):
            if not service.get("organization_id") and "organization" not in service:
                service = {**service, "organization_id": org_id}
            _flatten_service(name, child_path, service, tables)


def _flatten_location(name, path, location, tables):
    report = tables.report
    location_id = location.get("id")
    _add(tables, "location", location, name, path)
    for child_path, address in _children(location, "addresses", name, path, report):
        _add(tables, "address", address, name, child_path, location_id=location_id)
    for child_path, item in _children(location, "accessibility", name, path, report):
        _add(tables, "accessibility", item, name, child_path, location_id=location_id)
    for child_path, phone in _children(location, "phones", name, path, report):
        _add_phone(tables, phone, name, child_path, location_id=location_id)
    for child_path, language in _children(location, "languages", name, path, report):
        _add_language(tables, language, name, child_path, location_id=location_id)
    for child_path, schedule in _children(location, "schedules", name, path, report):
        _add(tables, "schedule", schedule, name, child_path, location_id=location_id)
    for child_path, contact in _children(location, "contacts", name, path, report):
        _flatten_contact(name, child_path, contact, tables, location_id=location_id)


def _flatten_contact(name, path, contact, tables, **links):
    _add(tables, "contact", contact, name, path, **links)
    contact_id = contact.get("id")
    for child_path, phone in _children(contact, "phones", name, path, tables.report):
        _add_phone(tables, phone, name, child_path, contact_id=contact_id)


def _flatten_term(name, path, term, tables):
    taxonomy = _child(term, "taxonomy_detail", name, path, tables.report)
    taxonomy_id = term.get("taxonomy_id") or (taxonomy and taxonomy[1].get("id"))
    _add(tables, "taxonomy_term", term, name, path, taxonomy_id=taxonomy_id)
    if taxonomy:
        _add(tables, "taxonomy", taxonomy[1], name, taxonomy[0])
