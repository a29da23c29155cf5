"""What an import remembers about the whole file, kept in temporary tables of its transaction
rather than in Python, so that its memory does not grow with the file (issue 6).

- keys: text keys by kind (the ids each CSV table uses, the web address names given, the
  services' places and languages met), each with a count (phone positions) or a text (a
  location's address and accessibility notes, read before the location) where one is needed;
- ids: record ids by kind (the file's services, the parts written, the services changed, …);
- terms: the (service, term) pairs the file's attributes ask for (less those of terms the
  import may not add).

The tables are made when the import starts and dropped when it ends; an error or a dry run rolls
their making back with everything else. PostgreSQL would drop them at commit anyway.

Only these fixed names, column names and placeholders go into the SQL; values are parameters
(hence the file-wide S608 exception below).
"""

# ruff: noqa: S608

import json
import uuid
from itertools import batched

from django.db import connection

KEYS = "hsds_import_keys"
IDS = "hsds_import_ids"
TERMS = "hsds_import_terms"
ROWS_PER_QUERY = 1000


class Scratch:
    """The import's temporary tables, made on the import's database connection."""

    def __init__(self):
        self.postgresql = connection.vendor == "postgresql"
        # The parts no service of the file speaks for (set by the importer; see speaking_for).
        self.unspoken = frozenset()
        # SQLite's own UUID columns hold 32 hex digits: these hold the same, so they join.
        uuid_type = "uuid" if self.postgresql else "char(32)"
        schema = "pg_temp" if self.postgresql else "temp"
        ending = " ON COMMIT DROP" if self.postgresql else ""
        self.tables = [f"{schema}.{name}" for name in (KEYS, IDS, TERMS)]
        definitions = {
            KEYS: "kind text NOT NULL, key text NOT NULL, n integer NOT NULL DEFAULT 0, "
            "value text, PRIMARY KEY (kind, key)",
            IDS: f"kind text NOT NULL, id {uuid_type} NOT NULL, PRIMARY KEY (kind, id)",
            TERMS: f"service_id {uuid_type} NOT NULL, term_id {uuid_type} NOT NULL, "
            "PRIMARY KEY (service_id, term_id)",
        }
        self._drop_tables(if_exists=True)
        for name, columns in definitions.items():
            self.execute(f"CREATE TEMPORARY TABLE {name} ({columns}){ending}")

    def drop(self):
        self._drop_tables()

    def _drop_tables(self, *, if_exists=False):
        # PostgreSQL drops them in one statement, SQLite one table a statement.
        condition = "IF EXISTS " if if_exists else ""
        for names in [self.tables] if self.postgresql else [[name] for name in self.tables]:
            self.execute(f"DROP TABLE {condition}{', '.join(names)}")

    def execute(self, sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    def _rows(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def uuid(self, value):
        """`value` as these tables (and the database's own UUID columns) hold it."""
        return value if self.postgresql else value.hex

    def subquery(self, kind, column):
        """SQL true when `column` (a quoted, qualified column) holds an id of `kind`."""
        return (
            f"EXISTS (SELECT 1 FROM {IDS} AS known WHERE known.kind = %s AND known.id = {column})",
            [kind],
        )

    def speaking_for(self, table, column):
        """SQL true when `column` holds a service of the file that speaks for its rows of
        `table` (a part, reading.SERVICE_PARTS): not one listed without them, as an API's brief
        listing lists services, nor one of a package without that table's file (`unspoken`)."""
        if table in self.unspoken:
            return "1 = 0", []
        in_file, params = self.subquery("service", column)
        silent, silent_params = self.subquery(f"silent {table}", column)
        return f"{in_file} AND NOT {silent}", params + silent_params

    def id_condition(self, column, ids):
        """SQL true when `column` (a quoted, qualified column) holds one of `ids` (a batch)."""
        if self.postgresql:
            return f"{column} = ANY(CAST(%s AS uuid[]))", [uuid_array(ids)]
        return f"{column} IN ({', '.join(['%s'] * len(ids))})", [value.hex for value in ids]

    def analyze(self):
        """PostgreSQL plans the last, set-based steps better knowing how big the tables are."""
        if self.postgresql:
            self.execute(f"ANALYZE {KEYS}, {IDS}, {TERMS}")

    # -- keys --

    def add_keys(self, kind, keys):
        """Keep `keys` under `kind`; returns those that were not kept before."""
        keys = list(dict.fromkeys(keys))
        if not keys:
            return set()
        if self.postgresql:
            rows = self._rows(
                f"INSERT INTO {KEYS} (kind, key) SELECT %s, "
                "json_array_elements_text(CAST(%s AS json)) ON CONFLICT DO NOTHING RETURNING key",
                [kind, json_array(keys)],
            )
            return {key for (key,) in rows}
        added = set()
        for chunk in batched(keys, _rows_per_query(2)):
            values = ", ".join(["(%s, %s)"] * len(chunk))
            rows = self._rows(
                f"INSERT INTO {KEYS} (kind, key) VALUES {values} "
                "ON CONFLICT DO NOTHING RETURNING key",
                [value for key in chunk for value in (kind, key)],
            )
            added.update(key for (key,) in rows)
        return added

    def present(self, kind, keys):
        """Those of `keys` kept under `kind`."""
        return set(self._read(kind, keys, "n"))

    def counts(self, kind, keys):
        """{key: count} for those of `keys` kept under `kind`."""
        return self._read(kind, keys, "n")

    def set_counts(self, kind, counts):
        self._write(kind, counts, "n", "integer")

    def values(self, kind, keys):
        """{key: text} for those of `keys` kept under `kind`."""
        return self._read(kind, keys, "value")

    def set_values(self, kind, values):
        self._write(kind, values, "value", "text")

    def _read(self, kind, keys, column):
        keys = list(set(keys))
        if not keys:
            return {}
        if self.postgresql:
            return dict(
                self._rows(
                    f"SELECT key, {column} FROM {KEYS} WHERE kind = %s AND key IN "
                    "(SELECT json_array_elements_text(CAST(%s AS json)))",
                    [kind, json_array(keys)],
                )
            )
        found = {}
        for chunk in batched(keys, _rows_per_query(1) - 1):
            marks = ", ".join(["%s"] * len(chunk))
            found.update(
                self._rows(
                    f"SELECT key, {column} FROM {KEYS} WHERE kind = %s AND key IN ({marks})",
                    [kind, *chunk],
                )
            )
        return found

    def _write(self, kind, values, column, sql_type):
        if not values:
            return
        conflict = f"ON CONFLICT (kind, key) DO UPDATE SET {column} = EXCLUDED.{column}"
        if self.postgresql:
            self.execute(
                f"INSERT INTO {KEYS} (kind, key, {column}) SELECT %s, pair ->> 0, "
                f"CAST(pair ->> 1 AS {sql_type}) FROM json_array_elements(CAST(%s AS json)) "
                f"AS pair {conflict}",
                [kind, json_array(values.items())],
            )
            return
        for chunk in batched(values.items(), _rows_per_query(3)):
            marks = ", ".join(["(%s, %s, %s)"] * len(chunk))
            self.execute(
                f"INSERT INTO {KEYS} (kind, key, {column}) VALUES {marks} {conflict}",
                [value for key, text in chunk for value in (kind, key, text)],
            )

    # -- ids and terms --

    def add_ids(self, kind, ids):
        ids = [self.uuid(value) for value in set(ids) if value is not None]
        if not ids:
            return
        if self.postgresql:
            self.execute(
                f"INSERT INTO {IDS} (kind, id) SELECT %s, unnest(CAST(%s AS uuid[])) "
                "ON CONFLICT DO NOTHING",
                [kind, uuid_array(ids)],
            )
            return
        for chunk in batched(ids, _rows_per_query(2)):
            values = ", ".join(["(%s, %s)"] * len(chunk))
            self.execute(
                f"INSERT INTO {IDS} (kind, id) VALUES {values} ON CONFLICT DO NOTHING",
                [value for record_id in chunk for value in (kind, record_id)],
            )

    def ids(self, kind, size=ROWS_PER_QUERY):
        """The ids kept under `kind`, `size` at a time (lists of UUIDs)."""
        last = None
        while True:
            after = "" if last is None else "AND id > %s"
            rows = self._rows(
                f"SELECT id FROM {IDS} WHERE kind = %s {after} ORDER BY id LIMIT %s",
                [kind, size] if last is None else [kind, last, size],
            )
            if not rows:
                return
            last = rows[-1][0]
            yield [_as_uuid(value) for (value,) in rows]

    def add_terms(self, pairs):
        pairs = [(self.uuid(service), self.uuid(term)) for service, term in set(pairs)]
        if not pairs:
            return
        if self.postgresql:
            services, terms = zip(*pairs, strict=True)
            self.execute(
                f"INSERT INTO {TERMS} (service_id, term_id) SELECT * FROM "
                "unnest(CAST(%s AS uuid[]), CAST(%s AS uuid[])) ON CONFLICT DO NOTHING",
                [uuid_array(services), uuid_array(terms)],
            )
            return
        for chunk in batched(pairs, _rows_per_query(2)):
            values = ", ".join(["(%s, %s)"] * len(chunk))
            self.execute(
                f"INSERT INTO {TERMS} (service_id, term_id) VALUES {values} ON CONFLICT DO NOTHING",
                [value for pair in chunk for value in pair],
            )

    def take_terms(self, term_ids):
        """Forget the pairs naming `term_ids`; returns {term id: how many services they named}."""
        found = {}
        for chunk in batched([self.uuid(term_id) for term_id in term_ids], ROWS_PER_QUERY):
            if self.postgresql:
                where, params = "term_id = ANY(CAST(%s AS uuid[]))", [list(chunk)]
            else:
                where, params = f"term_id IN ({', '.join(['%s'] * len(chunk))})", list(chunk)
            rows = self._rows(
                f"SELECT term_id, COUNT(*) FROM {TERMS} WHERE {where} GROUP BY term_id", params
            )
            found.update((_as_uuid(term_id), count) for term_id, count in rows)
            self.execute(f"DELETE FROM {TERMS} WHERE {where}", params)
        return found


def json_array(values):
    """`values` as one JSON text, for PostgreSQL to take apart (json_array_elements…): psycopg
    adapts a list a value at a time in Python, which took seconds of a large import."""
    return json.dumps(list(values), default=str)


def uuid_array(ids):
    """`ids` as one PostgreSQL array literal: psycopg adapts a list element by element in
    Python, which took seconds a large import; UUIDs need no quoting."""
    return "{" + ",".join(map(str, ids)) + "}"


def _rows_per_query(params_per_row):
    max_params = connection.features.max_query_params or ROWS_PER_QUERY * params_per_row
    return max(1, min(ROWS_PER_QUERY, max_params // params_per_row))


def _as_uuid(value):
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)
