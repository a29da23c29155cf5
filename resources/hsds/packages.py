"""The CSV tables of a folder or zip, as a publisher packs them.

A package may carry a Frictionless `datapackage.json`: its resources say which file holds which
table (perhaps in a subfolder), and their fields may add columns to HSDS's, as profiles do (the
spec allows it). Those columns are reported once per table as ignored; a column nobody declared
is still an error. Without a datapackage.json, tables are found by their HSDS file names.

A zip is read without extracting it: a member whose path leaves the zip's folder, or that is
encrypted, refuses the whole file; so do the file names of an older HSDS. A member is read no
further than the size its headers give (zipfile's own bound), and that size must be within the
import's limit: a zip bomb is refused by its size, or by its checksum if it lies about it.
"""

import json
import posixpath
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from resources.hsds.shapes import OLD_TABLES, old_version_message, too_deep
from resources.hsds.tables import FILES, TABLES, columns

DATAPACKAGE = "datapackage.json"
MAX_DATAPACKAGE_BYTES = 2 * 1024 * 1024
MAX_MEMBERS = 1000

# A zip member that cannot be read: a bad CRC, a damaged stream, an unsupported method, …
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError)


@dataclass
class Package:
    """Which member holds each table, and the columns a datapackage.json adds to it."""

    members: dict  # path in the package -> handle
    tables: dict = field(default_factory=dict)  # table -> (path, handle)
    extra_columns: dict = field(default_factory=dict)  # table -> [column, …]
    followed_datapackage: bool = False
    listed: set = field(default_factory=set)  # The CSV files datapackage.json lists.


def folder_members(folder):
    """The folder's files; those of its subfolders too if a datapackage.json may point there."""
    folder = Path(folder)
    files = folder.rglob("*") if (folder / DATAPACKAGE).is_file() else folder.iterdir()
    return {path.relative_to(folder).as_posix(): path for path in sorted(files) if path.is_file()}


def zip_members(archive, name, report):
    """The zip's files by path, or None after reporting why the zip is refused."""
    infos = [info for info in archive.infolist() if not info.is_dir()]
    if len(infos) > MAX_MEMBERS:
        report.error(
            (name, ""),
            "",
            _("The zip holds %(count)s files; an HSDS package has a few dozen at most.")
            % {"count": f"{len(infos):,}"},
        )
        return None
    members = {}
    for info in infos:
        path = info.filename.replace("\\", "/")
        parts = PurePosixPath(path).parts
        if path.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
            report.error(
                (name, path),
                "",
                _("The zip holds a path outside its own folder; it is refused as unsafe."),
            )
            return None
        if info.flag_bits & 0x1:
            report.error(
                (name, path), "", _("The zip is password-protected; upload it without a password.")
            )
            return None
        members[posixpath.normpath(path)] = info
    return members


def json_members(members):
    """The JSON and NDJSON files of a zip that holds no CSV table, in order."""
    if any(path.endswith(".csv") for path in members):
        return []
    return [
        (path, handle)
        for path, handle in sorted(members.items())
        if path.lower().endswith((".json", ".ndjson", ".jsonl"))
        and PurePosixPath(path).name != DATAPACKAGE
    ]


def arrange(name, members, read, report):
    """The Package of `members` (path -> handle; `read(handle)` gives a member's bytes), or
    None after reporting why it cannot be HSDS 3.0."""
    package = Package(members)
    old = _old_version_name(members)
    if old:
        report.error((name, ""), "", old_version_message(*old))
        return None
    datapackages = sorted((p for p in members if PurePosixPath(p).name == DATAPACKAGE), key=_depth)
    if datapackages:
        _follow(package, datapackages[0], read, report)
    base = posixpath.dirname(datapackages[0]) if datapackages else None
    _by_file_name(package, base, report)
    return package


def _depth(path):
    return (path.count("/"), path)


def _old_version_name(members):
    for path in members:
        stem = PurePosixPath(path).name.removesuffix(".csv")
        if path.endswith(".csv") and stem in OLD_TABLES:
            return OLD_TABLES[stem], PurePosixPath(path).name
    return None


def _follow(package, path, read, report):
    """Take the tables and extra columns `path` (a datapackage.json) declares."""
    where = (path, "")
    descriptor = _load(package, path, read)
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        # Not a data package we can follow (the spec's own example holds a link's text): the
        # tables' file names are enough, as they were before data packages were followed.
        return
    base = posixpath.dirname(path)
    package.followed_datapackage = True
    for resource in resources:
        if isinstance(resource, dict):
            _take_resource(package, base, resource, where, read, report)


def _load(package, member, read):
    """The JSON `member` holds, or None if it cannot be read."""
    try:
        text = read(package.members[member], MAX_DATAPACKAGE_BYTES).decode("utf-8-sig")
        return None if too_deep(text) else json.loads(text)
    except (ValueError, RecursionError):
        return None


def _inside(path):
    parts = PurePosixPath(path).parts
    return "://" not in path and not path.startswith("/") and ".." not in parts


def _take_resource(package, base, resource, where, read, report):
    resource_path = resource.get("path")
    if not isinstance(resource_path, str) or not resource_path.endswith(".csv"):
        return  # Not a CSV table (or split over several files): nothing HSDS reads.
    member = posixpath.normpath(posixpath.join(base, resource_path))
    package.listed.add(member)
    if not _inside(resource_path):
        report.warning(
            where,
            "",
            _("The resource %(path)s is outside the package; not followed.")
            % {"path": resource_path},
        )
        return
    table = FILES.get(PurePosixPath(resource_path).name)
    if table is None and resource.get("name") in TABLES:
        table = resource["name"]
    if table is None:
        report.warning(
            where,
            "",
            _("The resource %(path)s is not an HSDS table; ignored.") % {"path": resource_path},
        )
        return
    if member not in package.members:
        report.warning(
            where,
            "",
            _("The resource %(path)s is not in the package.") % {"path": resource_path},
        )
        return
    if table in package.tables:
        report.warning(
            where,
            "",
            _("The table %(table)s is listed twice; the first, %(path)s, is read.")
            % {"table": table, "path": package.tables[table][0]},
        )
        return
    package.tables[table] = (member, package.members[member])
    schema = resource.get("schema")
    if isinstance(schema, str) and _inside(schema):
        # A schema in a file of its own; one on the web is not fetched.
        schema_path = posixpath.normpath(posixpath.join(base, schema))
        schema = _load(package, schema_path, read) if schema_path in package.members else None
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if isinstance(fields, list):
        known = set(columns(table))
        package.extra_columns[table] = [
            item["name"]
            for item in fields
            if isinstance(item, dict) and isinstance(item.get("name"), str)
            if item["name"] not in known
        ]


def _by_file_name(package, base, report):
    """Tables a datapackage.json does not list, by their HSDS file names."""
    taken = {path for path, _handle in package.tables.values()} | package.listed
    found = {}
    for path, handle in package.members.items():
        name = PurePosixPath(path).name
        if not name.endswith(".csv") or path in taken:
            continue
        table = FILES.get(name)
        if base is not None and posixpath.dirname(path) != base:
            continue  # Beside a datapackage.json, only its own folder holds tables.
        if table is None:
            report.warning((path, ""), "", _("Not an HSDS table; ignored."))
        elif table in package.tables:
            continue
        elif table in found:
            report.error(
                (path, ""),
                "",
                _("Two files hold the table %(table)s (also %(other)s); keep one.")
                % {"table": name, "other": found[table][0]},
            )
        else:
            found[table] = (path, handle)
    package.tables.update(found)


@contextmanager
def open_zip(path, report):
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        report.error((path.name, ""), "", damaged_zip_message(error))
        yield None
        return
    with archive:
        yield archive


def damaged_zip_message(error):
    return _("The zip is damaged and cannot be read (%(error)s); make it again.") % {"error": error}


def read_file(path, limit):
    try:
        with path.open("rb") as stream:
            return stream.read(limit)
    except OSError:
        return b""


def read_member(archive, info, limit):
    try:
        with archive.open(info) as stream:
            return stream.read(limit)
    except READ_ERRORS:
        return b""  # Not a readable datapackage.json: the tables are found by name.


def size_of(info):
    return info.file_size
