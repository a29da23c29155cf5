"""Backups of the whole database, and restoring one (`make backup`, `make restore FROM=...`).

A backup is one folder, named for the moment it was made (UTC):

- the database: on PostgreSQL `database.pgdump`, pg_dump's custom format; on SQLite
  `database.sqlite3`, a copy made through SQLite's online backup API, whole and consistent while
  the site runs and writes;
- `hsds/`: the published services as Open Referral HSDS CSV, for other systems to read (a
  restore does not read it);
- `manifest.json`, written last: the database's vendor, the migrations it had, and each file's
  size and SHA-256. The folder is written under a temporary name and renamed when complete, and
  a restore refuses a folder whose manifest is missing or whose files differ from it.

A restore is all or nothing. On PostgreSQL pg_restore runs as one transaction
(--single-transaction): a failure anywhere rolls everything back and leaves the database as it
was. (Restoring into a second database and swapping names would need every connection to the
live one closed and the right to create databases; one transaction needs neither.) On SQLite the
backup API copies the file into the configured database in one step, which is one write
transaction: readers see the old data or the new, never a mixture, and a failure changes nothing.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.postgresql.client import DatabaseClient as PostgresClient
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

BACKUP_FORMAT = 1
MANIFEST = "manifest.json"
POSTGRES_FILE = "database.pgdump"
SQLITE_FILE = "database.sqlite3"
HSDS_FOLDER = "hsds"


class BackupError(Exception):
    """Something a person running a backup or a restore must see and can act on."""


def default_backup_dir():
    """BACKUP_DIR, or backups/ in the project (git-ignored)."""
    return Path(os.environ.get("BACKUP_DIR") or Path(settings.BASE_DIR) / "backups")


def vendor_of(database):
    engine = database["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        return "sqlite"
    if engine.startswith("django.db.backends.postgresql"):
        return "postgresql"
    raise BackupError(
        _("Backups cover PostgreSQL and SQLite databases, not %(engine)s.") % {"engine": engine}
    )


def back_up(destination=None, *, alias=DEFAULT_DB_ALIAS):
    """Write a backup of the database `alias` into a new folder under `destination` (by default
    default_backup_dir()) and return the folder."""
    connection = connections[alias]
    vendor = vendor_of(connection.settings_dict)
    destination = Path(destination or default_backup_dir())
    destination.mkdir(parents=True, exist_ok=True)
    made = datetime.now(UTC)
    folder = destination / f"supportdir-{made:%Y%m%d-%H%M%S}Z"
    if folder.exists():
        raise BackupError(
            _("%(folder)s already exists; wait a second and try again.") % {"folder": folder}
        )
    partial = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", suffix=".partial", dir=destination))
    try:
        if vendor == "postgresql":
            database_file = POSTGRES_FILE
            _pg_dump(connection.settings_dict, partial / database_file)
        else:
            database_file = SQLITE_FILE
            _sqlite_copy(connection, partial / database_file)
        from resources.hsds.exporter import export_hsds

        export_hsds(partial / HSDS_FOLDER, "csv")
        manifest = {
            "format": BACKUP_FORMAT,
            "made": made.isoformat(),
            "vendor": vendor,
            "database_file": database_file,
            "migrations": sorted(
                f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
            ),
            "files": _describe_files(partial),
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        partial.rename(folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return folder


def restore(folder, database=None):
    """Replace the contents of `database` (a DATABASES entry; by default the site's) with the
    backup in `folder`, all or nothing. Refuses, changing nothing, a folder that is not a
    complete backup of a database of the same kind, or one made by a newer supportdir."""
    folder = Path(folder)
    default = connections[DEFAULT_DB_ALIAS]
    database = database or default.settings_dict
    vendor = vendor_of(database)
    manifest = read_manifest(folder)
    if manifest["vendor"] != vendor:
        raise BackupError(
            _(
                "%(folder)s is a backup of %(backup_vendor)s, and this database is %(vendor)s. "
                "Restore it into a database of the same kind. Nothing was restored."
            )
            % {
                "folder": folder,
                "backup_vendor": _vendor_name(manifest["vendor"]),
                "vendor": _vendor_name(vendor),
            }
        )
    unknown = _migrations_unknown_here(manifest["migrations"])
    if unknown:
        raise BackupError(
            _(
                "%(folder)s was made by a newer supportdir: its database has migrations this "
                "code does not have (%(migrations)s). Restore it with the version that made it. "
                "Nothing was restored."
            )
            % {"folder": folder, "migrations": ", ".join(unknown)}
        )
    database_file = folder / manifest["database_file"]
    if database is default.settings_dict:
        # Our own connection must hold no lock the restore would wait for.
        default.close()
    if vendor == "postgresql":
        _pg_restore(database, database_file)
    else:
        _sqlite_restore(database_file, database)
    _forget_cached()
    return manifest


def read_manifest(folder):
    """The manifest of the complete backup in `folder`; BackupError if it is not one."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BackupError(_("%(folder)s is not a folder.") % {"folder": folder})
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(
            _(
                "%(folder)s is not a complete backup: it has no %(manifest)s, which a backup "
                "writes last. Nothing was restored."
            )
            % {"folder": folder, "manifest": MANIFEST}
        ) from None
    except (OSError, ValueError) as error:
        raise BackupError(
            _("%(path)s cannot be read (%(error)s). Nothing was restored.")
            % {"path": folder / MANIFEST, "error": error}
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != BACKUP_FORMAT:
        raise BackupError(
            _("%(path)s is not the manifest of a supportdir backup. Nothing was restored.")
            % {"path": folder / MANIFEST}
        )
    files = manifest.get("files") or {}
    if manifest.get("database_file") not in files:
        raise BackupError(
            _("%(path)s names no database file. Nothing was restored.")
            % {"path": folder / MANIFEST}
        )
    for name, expected in files.items():
        path = folder / name
        if not path.is_file():
            raise BackupError(
                _("%(folder)s is not a complete backup: %(name)s is missing. Nothing was restored.")
                % {"folder": folder, "name": name}
            )
        if path.stat().st_size != expected["bytes"] or _sha256(path) != expected["sha256"]:
            raise BackupError(
                _(
                    "%(folder)s is damaged: %(name)s is not the file the backup wrote (its size "
                    "or SHA-256 differs from the manifest). Nothing was restored."
                )
                % {"folder": folder, "name": name}
            )
    return manifest


# -- PostgreSQL --


def _pg_command(program, database, parameters):
    """`program` (pg_dump, pg_restore) connecting as Django does: user, host, port, and the
    password and TLS settings in the environment, never on the command line."""
    if not database.get("NAME"):
        raise BackupError("DATABASE_URL names no database.")
    args, env = PostgresClient.settings_to_cmd_args_env(database, [])
    connection_args, name = args[1:-1], args[-1]
    if shutil.which(program) is None:
        raise BackupError(
            _(
                "%(program)s is not installed (Debian: apt-get install postgresql-client); it "
                "must be the same major version as the server or newer."
            )
            % {"program": program}
        )
    return [program, *connection_args, *parameters(name)], {**os.environ, **(env or {})}


def _run(command, env):
    # The command is our own list of arguments, never run through a shell.
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": command[0], "error": result.stderr.strip() or result.returncode}
        )


def _pg_dump(database, path):
    command, env = _pg_command(
        "pg_dump", database, lambda name: ["--format=custom", f"--file={path}", name]
    )
    _run(command, env)


def _pg_restore(database, path):
    command, env = _pg_command(
        "pg_restore",
        database,
        lambda name: [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={name}",
            str(path),
        ],
    )
    _run(command, env)


# -- SQLite --


def _sqlite_copy(connection, path):
    """Copy the database through SQLite's online backup API: a consistent copy however busy the
    site is, where copying the file could catch it half-written."""
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def _sqlite_restore(path, database):
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        try:
            checked = source.execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise BackupError(
                _("%(path)s is not an SQLite database (%(error)s). Nothing was restored.")
                % {"path": path, "error": error}
            ) from None
        if checked != "ok":
            raise BackupError(
                _("%(path)s is damaged: SQLite's integrity check says %(result)s.")
                % {"path": path, "result": checked}
            )
        name = str(database["NAME"])
        timeout = database.get("OPTIONS", {}).get("timeout", 20)
        target = sqlite3.connect(name, timeout=timeout, uri=name.startswith("file:"))
        try:
            # pages=-1: every page in one step, so the copy is one write transaction.
            source.backup(target, pages=-1)
        finally:
            target.close()
    finally:
        source.close()


# -- helpers --


def _describe_files(folder):
    return {
        path.relative_to(folder).as_posix(): {
            "bytes": path.stat().st_size,
            "sha256": _sha256(path),
        }
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _sha256(path):
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _migrations_unknown_here(applied):
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = {f"{app}.{name}" for app, name in loader.disk_migrations}
    return sorted(set(applied) - known)


def _vendor_name(vendor):
    return {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(vendor, vendor)


def _forget_cached():
    """What this process's cache (or the shared Redis) kept from the data as it was."""
    from resources.search.crisis import forget_crisis_phrases
    from resources.search.facet_cache import forget_counts
    from resources.search.synonyms import forget_synonyms

    forget_counts()
    forget_synonyms()
    forget_crisis_phrases()
