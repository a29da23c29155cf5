"""A copy of the test database's rows, taken once and put back in a few milliseconds.

Loading the sample directory takes a second or two on SQLite and more on PostgreSQL; each browser
test needs it afresh, since transactional tests empty the database when they end. The first test
of a worker loads it; the next ones get the copy back (tests/conftest.py, `sample_directory`).
"""

import sqlite3

from django.db import connection, transaction


class SQLiteCopy:
    """The whole in-memory database, page for page (SQLite's backup API): rows, search index
    and sequences alike."""

    def __init__(self):
        connection.ensure_connection()
        self.copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self.copy)

    def restore(self):
        connection.ensure_connection()
        self.copy.backup(connection.connection)

    def write_to(self, path):
        """The copy as a database file of its own, for another process."""
        target = sqlite3.connect(path)
        try:
            self.copy.backup(target)
        finally:
            target.close()


class PostgreSQLCopy:
    """Each of Django's tables as COPY writes it, and where each sequence stood.

    Put back in one transaction: the rows a flush leaves (content types and permissions, which
    post_migrate makes again) are deleted, every table is copied back in, and the sequences are
    set where they were. Django's foreign keys are checked at commit, so the order of the tables
    does not matter.
    """

    def __init__(self):
        self.tables = connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        self.rows = {}
        with connection.cursor() as cursor:
            for table in self.tables:
                with cursor.copy(f"COPY {connection.ops.quote_name(table)} TO STDOUT") as copy:
                    self.rows[table] = b"".join(bytes(data) for data in copy)
            cursor.execute(
                "SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_sequences"
                " WHERE schemaname = current_schema()"
            )
            self.sequences = cursor.fetchall()

    def restore(self):
        # One round trip for the deletes and one for the sequences: a restore follows every
        # transactional test, and 68 statements one by one cost more than the rows.
        deletes = "".join(
            # Django's own table names, quoted.
            f"DELETE FROM {connection.ops.quote_name(table)};"  # noqa: S608
            for table in self.tables
        )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(deletes)
            for table, rows in self.rows.items():
                if rows:
                    with cursor.copy(f"COPY {connection.ops.quote_name(table)} FROM STDIN") as copy:
                        copy.write(rows)
            if self.sequences:
                cursor.execute(
                    "SELECT setval(name::regclass, coalesce(last_value, 1), last_value IS NOT NULL)"
                    " FROM unnest(%s::text[], %s::bigint[]) AS sequence(name, last_value)",
                    [[name for name, _ in self.sequences], [value for _, value in self.sequences]],
                )


def copy_of_the_database():
    """A copy of the default test database as it is now, or None where none can be taken."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return SQLiteCopy()
    if connection.vendor == "postgresql":
        return PostgreSQLCopy()
    return None
