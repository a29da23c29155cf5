"""What an HSDS JSON file holds, recognised from its shape, and files that cannot be HSDS 3.0.

Publishers and APIs hand out the same records in several shapes: one service (`service_full`),
a list of them, one organisation with its services (`organization_full`, as
`/api/organizations/{id}` gives), a list of those, a page of an API response (HSDS's `Page`:
`total_items`, …, `contents`), a list of pages, and NDJSON (one record or page a line, as the
API's `format=ndjson` gives). `parse` turns each into records (service or organisation, with
their JSON path) and a sentence naming the shape, or reports why the file cannot be read:
binary data, not UTF-8, nested too deep, not JSON, a NUL character, or an older HSDS.
"""

import json
import re
from dataclasses import dataclass, field
from itertools import accumulate

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# HSDS is never nested this deep (a page of organisations, their services, locations and
# addresses is about 12): deeper files are refused before parsing, which would recurse.
MAX_DEPTH = 64
NDJSON_SUFFIXES = (".ndjson", ".jsonl")
PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page"}

# Names that HSDS 3.0 dropped or renamed: a file using them was made for an older version.
OLD_TABLES = {
    # HSDS 1.x; 2.0 renamed them (regular_schedule to schedule, service_taxonomy to
    # service_attribute, taxonomy to taxonomy_term).
    "regular_schedule": "1.x",
    "regular_schedules": "1.x",
    "holiday_schedule": "1.x",
    "holiday_schedules": "1.x",
    "service_taxonomy": "1.x",
    # HSDS 1.x and 2.0; 3.0 renamed or removed them.
    "physical_address": "2.0",
    "physical_addresses": "2.0",
    "postal_address": "2.0",
    "postal_addresses": "2.0",
    "accessibility_for_disabilities": "2.0",
    "service_attribute": "2.0",
    "service_attributes": "2.0",
    "other_attribute": "2.0",
    "other_attributes": "2.0",
    "eligibility": "2.0",
    "payment_accepted": "2.0",
}
# Columns of a 3.0 table's name that an older version had and 3.0 does not.
OLD_COLUMNS = {"schedule": {"weekday": "1.x"}, "language": {"language": "2.0"}}
VERSION_NAMES = {"1.x": "1.x", "2.0": "2.0 (or 1.x)"}


def old_version_message(version, evidence):
    return _("This looks like HSDS %(version)s (%(evidence)s); convert it to HSDS 3.0 first.") % {
        "version": VERSION_NAMES[version],
        "evidence": evidence,
    }


@dataclass
class Shape:
    records: list = field(default_factory=list)  # (kind, JSON path, object)
    sentence: str = ""


def parse(name, content, report):
    """The records of the JSON or NDJSON file `name` holding `content` (bytes), with its shape,
    or None after reporting why it cannot be read."""
    text = _text(name, content, report)
    if text is None:
        return None
    if too_deep(text):
        report.error((name, ""), "", _too_deep_message())
        return None
    ndjson = name.lower().endswith(NDJSON_SUFFIXES)
    if not ndjson:
        try:
            data = json.loads(text)
        except RecursionError:
            report.error((name, ""), "", _too_deep_message())
            return None
        except json.JSONDecodeError as error:
            if error.msg != "Extra data" or "\n" not in text.strip():
                _not_json(name, error, report)
                return None
            ndjson = True  # Several JSON values, one a line.
    if ndjson:
        lines = _ndjson(name, text, report)
        if lines is None:
            return None
        data = lines
    if "\\u0000" in text:
        roots = [(_line(number), value) for number, value in data] if ndjson else [("$", data)]
        if any(_nul_path(name, value, path, report) for path, value in roots):
            return None
    old = _old_version(data)
    if old:
        report.error((name, ""), "", old_version_message(*old))
        return None
    return _from_ndjson(name, data, report) if ndjson else _from_json(name, data, report)


def _line(number):
    return _("line %(number)s") % {"number": number}


def _text(name, content, report):
    if not content.strip():
        report.error((name, ""), "", _("The file is empty."))
        return None
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        report.error(
            (name, ""), "", _("The file is UTF-16 text; save it as UTF-8 and upload it again.")
        )
        return None
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        if _binary(content):
            report.error((name, ""), "", _binary_message())
        else:
            line = content.count(b"\n", 0, error.start) + 1
            report.error(
                (name, _("line %(number)s") % {"number": line}),
                "",
                _("The file is not UTF-8 text; save it as UTF-8 and upload it again."),
            )
        return None
    if "\x00" in text[:4096]:
        report.error((name, ""), "", _binary_message())
        return None
    return text


def _binary(content):
    sample = content[:4096]
    controls = sum(byte < 9 or 13 < byte < 32 for byte in sample)
    return b"\x00" in sample or controls > len(sample) // 20


def _binary_message():
    return _(
        "This is not a JSON file or a zip of CSV tables: it looks like binary data (an image, a "
        "spreadsheet or a damaged file?)."
    )


# Strings may hold brackets: they are taken out before counting.
_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def too_deep(text):
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    if len(brackets) < MAX_DEPTH:
        return False
    return max(accumulate(map(_STEP.__getitem__, map(ord, brackets)))) > MAX_DEPTH


def _too_deep_message():
    return _(
        "The JSON is nested more than %(depth)s levels deep; HSDS data never is, so this is not "
        "an HSDS file."
    ) % {"depth": MAX_DEPTH}


def _not_json(name, error, report, line=None):
    """`line`: the NDJSON line the error's text was, where its own line number is 1."""
    report.error(
        (
            name,
            _("line %(line)s, column %(column)s")
            % {"line": line or error.lineno, "column": error.colno},
        ),
        "",
        _("This is not valid JSON: %(error)s.") % {"error": error.msg},
    )


def _ndjson(name, text, report):
    """Each line's value, with its line number; None if any line is not JSON."""
    values, failed = [], False
    # Lines end at "\n" alone (a trailing "\r" is JSON whitespace): splitlines() would also cut
    # at the U+2028 a JSON string may hold.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = _line(number)
        try:
            values.append((number, json.loads(line)))
        except RecursionError:
            report.error((name, where), "", _too_deep_message())
            failed = True
        except json.JSONDecodeError as error:
            _not_json(name, error, report, line=number)
            failed = True
    return None if failed else values


def _nul_path(name, data, path, report):
    """Report the first string holding a NUL character (PostgreSQL cannot store one)."""
    if isinstance(data, str):
        if "\x00" in data:
            report.error((name, path), "", _("The text holds a NUL character (\\u0000)."))
            return True
        return False
    if isinstance(data, dict):
        items = ((f"{path}.{key}", key, value) for key, value in data.items())
    elif isinstance(data, list | tuple):
        items = ((f"{path}[{index}]", "", value) for index, value in enumerate(data))
    else:
        return False
    for child_path, key, value in items:
        if _nul_path(name, key, child_path, report) or _nul_path(name, value, child_path, report):
            return True
    return False


def _old_version(data, depth=0):
    """(version, name) of the first name only an older HSDS uses, looking through the records."""
    if depth > 8:
        return None
    if isinstance(data, dict):
        for key, value in data.items():
            if key in OLD_TABLES and value not in (None, [], {}):
                return OLD_TABLES[key], key
        children = data.values()
    elif isinstance(data, list | tuple):
        children = data[:200]  # The first records say which version the file follows.
    else:
        return None
    for child in children:
        found = _old_version(child, depth + 1)
        if found:
            return found
    return None


def is_organization(record):
    """An organisation carries its services (organization_full) or fields only organisations
    have; a service has a status or its organisation."""
    if "services" in record:
        return True
    if {"status", "organization", "organization_id"} & record.keys():
        return False
    return bool(
        {"legal_status", "tax_status", "tax_id", "year_incorporated", "website", "logo"}
        & record.keys()
    )


def _is_page(value):
    return isinstance(value, dict) and "contents" in value and bool(PAGE_KEYS & value.keys())


def _from_json(name, data, report):
    shape = Shape()
    if _is_page(data) or (isinstance(data, dict) and "contents" in data):
        _records(name, data["contents"], "$.contents", shape, report)
        shape.sentence = _pages_sentence(1, shape)
    elif isinstance(data, list) and data and all(_is_page(item) for item in data):
        for index, page in enumerate(data):
            _records(name, page["contents"], f"$[{index}].contents", shape, report)
        shape.sentence = _pages_sentence(len(data), shape)
    elif isinstance(data, dict):
        _records(name, [data], "$", shape, report, single=True)
        shape.sentence = _one_sentence(shape)
    elif isinstance(data, list):
        _records(name, data, "$", shape, report)
        shape.sentence = _list_sentence(shape)
    else:
        report.error(
            (name, "$"),
            "",
            _(
                "Expected a service, an organisation, a list of them or a page of an HSDS API "
                "response."
            ),
        )
        return None
    return shape


def _from_ndjson(name, lines, report):
    shape = Shape()
    for number, value in lines:
        path = _line(number)
        if _is_page(value):
            _records(name, value["contents"], f"{path} $.contents", shape, report)
        else:
            _records(name, [value], path, shape, report, single=True)
    contents = _contents(shape)
    shape.sentence = ngettext(
        "Read %(count)s line of NDJSON with %(contents)s.",
        "Read %(count)s lines of NDJSON with %(contents)s.",
        len(lines),
    ) % {"count": f"{len(lines):,}", "contents": contents}
    return shape


def _records(name, items, path, shape, report, single=False):
    if not isinstance(items, list):
        report.error((name, path), "", _("Expected a list of services or organisations."))
        return
    for index, item in enumerate(items):
        item_path = path if single else f"{path}[{index}]"
        if not isinstance(item, dict):
            report.error((name, item_path), "", _("Expected a service (a JSON object)."))
            continue
        kind = "organization" if is_organization(item) else "service"
        shape.records.append((kind, item_path, item))


def _counts(shape):
    organizations = sum(kind == "organization" for kind, _path, _record in shape.records)
    services = len(shape.records) - organizations
    for kind, _path, record in shape.records:
        if kind == "organization" and isinstance(record.get("services"), list):
            services += len(record["services"])
    return organizations, services


def _services_phrase(count):
    return ngettext("%(count)s service", "%(count)s services", count) % {"count": f"{count:,}"}


def _contents(shape):
    organizations, services = _counts(shape)
    if not organizations:
        return _services_phrase(services)
    return ngettext(
        "%(count)s organisation and %(services)s",
        "%(count)s organisations and %(services)s",
        organizations,
    ) % {"count": f"{organizations:,}", "services": _services_phrase(services)}


def _pages_sentence(pages, shape):
    return ngettext(
        "Read %(count)s page of an HSDS API response with %(contents)s.",
        "Read %(count)s pages of an HSDS API response with %(contents)s.",
        pages,
    ) % {"count": f"{pages:,}", "contents": _contents(shape)}


def _one_sentence(shape):
    organizations, services = _counts(shape)
    if organizations:
        return _("Read one organisation (organization_full) with %(services)s.") % {
            "services": _services_phrase(services)
        }
    return _("Read one service (service_full).")


def _list_sentence(shape):
    organizations, services = _counts(shape)
    if organizations:
        return ngettext(
            "Read a list of %(count)s organisation with %(services)s.",
            "Read a list of %(count)s organisations with %(services)s.",
            organizations,
        ) % {"count": f"{organizations:,}", "services": _services_phrase(services)}
    return ngettext(
        "Read a list of %(count)s service.", "Read a list of %(count)s services.", services
    ) % {"count": f"{services:,}"}
