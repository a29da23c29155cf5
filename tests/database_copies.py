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

    Put back in one transaction: the tables that differ from the copy are emptied and copied
    back in, and the sequences are set where they were. Django's foreign keys are checked at
    commit, so the order of the tables does not matter; where the tests connect as a superuser
    (CI does) they are not checked at all, as on a replica (`session_replication_role`): the
    copy was taken whole, and those checks were a third of a restore's time.

    A table this worker put back earlier and nobody has written since is left as it is when it
    already holds the copy's rows: most tables are the same in the sample directory and in the
    freshly migrated database, and a test writes to a few. Every row a restore writes carries its
    transaction's id (`xmin`); any later insert or update gives a row another one, and a delete
    changes the count, so a table whose rows all still carry it, as many as were written, holds
    what was written.
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
            cursor.execute("SELECT current_setting('is_superuser') = 'on'")
            [[self.superuser]] = cursor.fetchall()

    def restore(self):
        with transaction.atomic(), connection.cursor() as cursor:
            stale = [
                table
                for table in self.tables
                if table not in _written or _written[table].rows != self.rows[table]
            ]
            stale += _changed_since_written(cursor, set(self.tables) - set(stale))
            cursor.execute("SELECT pg_current_xact_id()::text")
            # xmin is a 32-bit transaction id; pg_current_xact_id() counts the wraparounds too.
            [[this_transaction]] = cursor.fetchall()
            this_transaction = int(this_transaction) % 2**32
            if stale and self.superuser:
                cursor.execute("SET LOCAL session_replication_role = replica")
            if stale:
                # One round trip for the deletes: 68 statements one by one cost more than rows.
                cursor.execute(
                    "".join(
                        # Django's own table names, quoted.
                        f"DELETE FROM {connection.ops.quote_name(table)};"  # noqa: S608
                        for table in stale
                    )
                )
            for table in stale:
                if self.rows[table]:
                    with cursor.copy(f"COPY {connection.ops.quote_name(table)} FROM STDIN") as copy:
                        copy.write(self.rows[table])
            if self.sequences:
                cursor.execute(
                    "SELECT setval(name::regclass, coalesce(last_value, 1), last_value IS NOT NULL)"
                    " FROM unnest(%s::text[], %s::bigint[]) AS sequence(name, last_value)",
                    [[name for name, _ in self.sequences], [value for _, value in self.sequences]],
                )
        # Only once the transaction has committed: a restore rolled back wrote nothing.
        for table in stale:
            _written[table] = _Written(self.rows[table], this_transaction)


class _Written:
    """What this worker's last restore wrote to a table, and in which transaction."""

    def __init__(self, rows, transaction_id):
        self.rows = rows
        self.transaction_id = transaction_id
        # COPY's text format writes one line a row (a newline inside a value is written \n).
        self.count = rows.count(b"\n")


_written = {}


def _changed_since_written(cursor, tables):
    """Of `tables`, each of which holds the rows a restore wrote, those written to since."""
    if not tables:
        return []
    tables = sorted(tables)
    checks = [
        # Django's own table names, quoted; the counts and ids are this module's integers.
        f"SELECT {index}, count(*) = {_written[table].count}"  # noqa: S608
        f" AND coalesce(bool_and(xmin = '{_written[table].transaction_id}'::xid), true)"
        f" FROM {connection.ops.quote_name(table)}"
        for index, table in enumerate(tables)
    ]
    cursor.execute(" UNION ALL ".join(checks))
    return [tables[index] for index, unchanged in cursor.fetchall() if not unchanged]


def copy_of_the_database():
    """A copy of the default test database as it is now, or None where none can be taken."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return SQLiteCopy()
    if connection.vendor == "postgresql":
        return PostgreSQLCopy()
    return None
