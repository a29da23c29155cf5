"""`make backup` and `make restore`: a restored database holds exactly what was backed up."""

import json
import shutil
import sqlite3
import stat

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from resources.models import SearchSynonym, Service
from resources.operations import backups
from resources.operations.backups import BackupError, back_up, restore
from tests.conftest import skip_unless_ci

# One worker runs the whole module, so that `_database_to_restore_into` is made (and dropped, which
# makes PostgreSQL write its changed pages to disk) once, not once a worker.
pytestmark = pytest.mark.xdist_group(__name__)


@pytest.fixture
def directory(sample_directory, curator):
    """The sample directory with a curator, their history rows and the seeded synonyms."""
    SearchSynonym.objects.get_or_create(word="sad", defaults={"means": "depression, low mood"})
    service = Service.objects.get(slug="yahara-walk-in-crisis-center")
    service.name = "Walk-in crisis centre"
    service._change_reason = "Spelling"
    service.save()


@pytest.fixture
def pg_tools():
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        skip_unless_ci("pg_dump and pg_restore are not installed (Debian: postgresql-client)")


def every_model_table():
    return {model._meta.db_table for model in apps.get_models(include_auto_created=True)}


# -- reading a whole database, table by table --


def sqlite_tables(name):
    """Every table's rows, in a canonical order, read as SQLite stores them."""
    database = sqlite3.connect(name, uri=name.startswith("file:"))
    try:
        names = [
            row[0]
            for row in database.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: sorted(repr(row) for row in database.execute(f'SELECT * FROM "{table}"'))  # noqa: S608
            for table in names
        }
    finally:
        database.close()


def connected(settings_dict, **options):
    """A connection of psycopg's own, in autocommit, to the database `settings_dict` names."""
    import psycopg

    return psycopg.connect(
        dbname=settings_dict["NAME"],
        user=settings_dict["USER"],
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        password=settings_dict["PASSWORD"] or None,
        autocommit=True,
        **options,
    )


def postgres_tables(settings_dict):
    """Every table's rows, in a canonical order, each as PostgreSQL writes the row as text."""
    with connected(settings_dict, options="-c TimeZone=UTC") as database:
        names = [
            row[0]
            for row in database.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        return {
            table: sorted(
                row[0]
                for row in database.execute(f'SELECT t::text FROM "{table}" AS t')  # noqa: S608
            )
            for table in names
        }


def assert_same_tables(before, after):
    assert every_model_table() <= set(before), "a model's table was not read"
    assert set(after) == set(before)
    for table in sorted(before):
        assert len(after[table]) == len(before[table]), f"{table}: row counts differ"
        assert after[table] == before[table], f"{table}: rows differ"
    assert before["resources_historicalservice"], "no history to compare"
    assert before["resources_historicalservice_terms"], "no history of terms to compare"


# -- SQLite --


@pytest.mark.sqlite
def test_a_sqlite_backup_restores_into_a_fresh_database_with_every_row(directory, tmp_path):
    folder = back_up(tmp_path / "backups")
    restored = tmp_path / "restored.sqlite3"

    restore(folder, {**connection.settings_dict, "NAME": str(restored)})

    assert_same_tables(
        sqlite_tables(connection.settings_dict["NAME"]), sqlite_tables(str(restored))
    )


@pytest.mark.sqlite
def test_a_damaged_sqlite_backup_changes_nothing(directory, tmp_path):
    folder = back_up(tmp_path / "backups")
    target = tmp_path / "target.sqlite3"
    restore(folder, {**connection.settings_dict, "NAME": str(target)})
    before = sqlite_tables(str(target))
    database = folder / backups.SQLITE_FILE
    database.write_bytes(b"not a database" * 1000)
    manifest = json.loads((folder / backups.MANIFEST).read_text())
    manifest["files"][backups.SQLITE_FILE] = {
        "bytes": database.stat().st_size,
        "sha256": backups._sha256(database),
    }
    (folder / backups.MANIFEST).write_text(json.dumps(manifest))

    with pytest.raises(BackupError, match="not an SQLite database"):
        restore(folder, {**connection.settings_dict, "NAME": str(target)})

    assert sqlite_tables(str(target)) == before


# -- PostgreSQL --


@pytest.fixture(scope="session")
def _database_to_restore_into(django_db_setup):
    """A database beside this worker's test database, made once and dropped at the end: dropping
    a database makes PostgreSQL write every changed page of every database to disk first, some
    seconds on a busy machine, which a test each would pay. It is made and dropped from a
    connection of its own to the server's maintenance database, closed at once: a connection
    left open to the test database would stop pytest-django from dropping that one."""
    settings_dict = {
        **connection.settings_dict,
        "NAME": f"{connection.settings_dict['NAME']}_restored",
    }
    name = connection.ops.quote_name(settings_dict["NAME"])
    maintenance = {**connection.settings_dict, "NAME": "postgres"}
    with connected(maintenance) as database:
        database.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        database.execute(f"CREATE DATABASE {name}")
    yield settings_dict
    with connected(maintenance) as database:
        database.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def fresh_postgres_database(_database_to_restore_into):
    """An empty database beside the test database: its public schema, where everything a
    restore writes goes, dropped and made again."""
    settings_dict = _database_to_restore_into
    with connected(settings_dict) as database:
        database.execute("DROP SCHEMA public CASCADE")
        database.execute("CREATE SCHEMA public")
    return settings_dict


@pytest.mark.postgres
def test_a_postgres_backup_restores_into_a_fresh_database_with_every_row(
    directory, pg_tools, fresh_postgres_database, tmp_path
):
    folder = back_up(tmp_path / "backups")
    assert (folder / backups.POSTGRES_FILE).read_bytes().startswith(b"PGDMP")  # custom format

    restore(folder, fresh_postgres_database)

    assert_same_tables(
        postgres_tables(connection.settings_dict), postgres_tables(fresh_postgres_database)
    )


@pytest.mark.postgres
def test_a_postgres_restore_that_fails_half_way_changes_nothing(
    directory, pg_tools, fresh_postgres_database, tmp_path
):
    folder = back_up(tmp_path / "backups")
    restore(folder, fresh_postgres_database)
    with connected(fresh_postgres_database) as database:
        database.execute("DELETE FROM resources_searchsynonym")
        # Something of the curators' own that needs a table the restore drops: pg_restore
        # stops there, after dropping and loading other tables first.
        database.execute("CREATE VIEW our_report AS SELECT id FROM resources_service")
    before = postgres_tables(fresh_postgres_database)

    with pytest.raises(BackupError, match="pg_restore failed"):
        restore(folder, fresh_postgres_database)

    assert postgres_tables(fresh_postgres_database) == before


# -- the commands, on the site's own database --


@pytest.fixture
def database_tools():
    if connection.vendor == "postgresql" and not (
        shutil.which("pg_dump") and shutil.which("pg_restore")
    ):
        skip_unless_ci("pg_dump and pg_restore are not installed (Debian: postgresql-client)")


def test_restore_brings_back_what_was_deleted_after_the_backup(
    directory, database_tools, tmp_path, capsys
):
    call_command("backup", str(tmp_path))
    (folder,) = tmp_path.glob("supportdir-*Z")
    assert (folder / "hsds" / "datapackage.json").is_file()
    assert (folder / "hsds" / "services.csv").is_file()
    Service.objects.get(slug="yahara-walk-in-crisis-center").delete()
    SearchSynonym.objects.filter(word="sad").delete()

    call_command("restore", str(folder), interactive=False)

    assert Service.objects.get(slug="yahara-walk-in-crisis-center").name == "Walk-in crisis centre"
    assert SearchSynonym.objects.filter(word="sad").exists()
    assert "Restored the backup made" in capsys.readouterr().out


def test_the_backup_folder_comes_from_backup_dir(directory, database_tools, tmp_path, monkeypatch):
    monkeypatch.setenv("BACKUP_DIR", str(tmp_path / "elsewhere"))

    call_command("backup")

    (folder,) = (tmp_path / "elsewhere").glob("supportdir-*Z")
    assert (folder / backups.MANIFEST).is_file()
    assert not list((tmp_path / "elsewhere").glob(".*partial")), "no half-written folder left"


def test_a_backup_can_be_read_by_its_owner_alone(directory, database_tools, tmp_path):
    # Curators' password hashes and visitors' suggestions are in it (README: Backups).
    folder = back_up(tmp_path / "backups")

    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_folder_without_a_manifest_is_refused_and_nothing_changes(directory, tmp_path):
    (tmp_path / "database.sqlite3").write_bytes(b"")
    count = Service.objects.count()

    with pytest.raises(CommandError, match=r"not a complete backup: it has no manifest\.json"):
        call_command("restore", str(tmp_path), interactive=False)

    assert Service.objects.count() == count


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("remove the database", "is missing"),
        ("change the database", "is damaged"),
        ("remove an HSDS table", "is missing"),
        ("say it is from the other kind of database", "Restore it into a database of the same"),
        ("add a migration this code lacks", "made by a newer supportdir"),
    ],
)
def test_an_incomplete_or_foreign_backup_is_refused(
    directory, database_tools, tmp_path, damage, message
):
    folder = back_up(tmp_path)
    manifest = json.loads((folder / backups.MANIFEST).read_text())
    database = folder / manifest["database_file"]
    if damage == "remove the database":
        database.unlink()
    elif damage == "change the database":
        with database.open("ab") as file:
            file.write(b"\0")
    elif damage == "remove an HSDS table":
        (folder / "hsds" / "services.csv").unlink()
    elif damage == "say it is from the other kind of database":
        manifest["vendor"] = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    else:
        manifest["migrations"].append("resources.9999_from_the_future")
    (folder / backups.MANIFEST).write_text(json.dumps(manifest))
    Service.objects.get(slug="yahara-walk-in-crisis-center").delete()

    with pytest.raises(CommandError, match=message):
        call_command("restore", str(folder), interactive=False)

    assert not Service.objects.filter(slug="yahara-walk-in-crisis-center").exists()


def test_restore_asks_first_and_does_nothing_without_yes(
    directory, database_tools, tmp_path, monkeypatch
):
    folder = back_up(tmp_path)
    Service.objects.get(slug="yahara-walk-in-crisis-center").delete()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")

    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore", str(folder))

    assert not Service.objects.filter(slug="yahara-walk-in-crisis-center").exists()
