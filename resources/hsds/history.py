"""History rows for an import's records, written by the database from the records themselves.

django-simple-history's `bulk_history_create` reads each record into Python, builds a model
instance of it and of its history row, and sends every value back: for a large import that was
about half of the time (issue 11). Here one INSERT … SELECT copies the tracked columns of the
rows matching a condition, with the same history date, type, curator and reason a bulk history
row gets; a service's row gets its terms as they are now, as `bulk_create_with_terms` gives it.

Only quoted model names, column names and placeholders go into the SQL; values are parameters.
"""

# ruff: noqa: S608

from django.db import connection
from django.utils import timezone

from resources.models import Service
from resources.models.services import SERVICE_HISTORY


def record_history(model, where, params, *, history_type, user=None, reason=""):
    """A history row of `history_type` ("+", "~" or "-") for each row of `model` matching
    `where` (SQL over the model's quoted table name), as the row is now."""
    quote = connection.ops.quote_name
    historical = model.history.model
    table = quote(model._meta.db_table)
    stamps = {
        "history_date": timezone.now(),
        "history_type": history_type,
        "history_user": user.pk if user else None,
        "history_change_reason": reason,
    }
    columns = [quote(field.column) for field in historical.tracked_fields]
    columns += [quote(historical._meta.get_field(name).column) for name in stamps]
    values = [f"{table}.{quote(field.column)}" for field in historical.tracked_fields]
    values += ["%s"] * len(stamps)
    stamp_params = [
        historical._meta.get_field(name).get_db_prep_save(value, connection)
        for name, value in stamps.items()
    ]
    insert = (
        f"INSERT INTO {quote(historical._meta.db_table)} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM {table} WHERE {where}"
    )
    if model is not Service:
        _execute(insert, [*stamp_params, *params])
        return
    # The service's terms go with its row: the rows just written are those RETURNING names
    # (PostgreSQL), or those numbered after the last one before (SQLite writes one transaction
    # at a time).
    snapshot = SERVICE_HISTORY.m2m_models[Service._meta.get_field("terms")]
    links = Service.terms.through
    history_id = quote(historical._meta.pk.column)
    copied = [field.column for field in links._meta.concrete_fields]
    snapshot_columns = ", ".join(
        [quote(snapshot._meta.get_field("history").column)] + [quote(c) for c in copied]
    )
    service = quote(links._meta.get_field("service").column)
    link_values = ", ".join(f"link.{quote(column)}" for column in copied)
    if connection.vendor == "postgresql":
        _execute(
            f"WITH written AS ({insert} RETURNING {history_id}, {quote('id')}) "
            f"INSERT INTO {quote(snapshot._meta.db_table)} ({snapshot_columns}) "
            f"SELECT written.{history_id}, {link_values} FROM written "
            f"JOIN {quote(links._meta.db_table)} AS link ON link.{service} = written.id",
            [*stamp_params, *params],
        )
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX({history_id}) FROM {quote(historical._meta.db_table)}")
        (last,) = cursor.fetchone()
    _execute(insert, [*stamp_params, *params])
    _execute(
        f"INSERT INTO {quote(snapshot._meta.db_table)} ({snapshot_columns}) "
        f"SELECT written.{history_id}, {link_values} "
        f"FROM {quote(historical._meta.db_table)} AS written "
        f"JOIN {quote(links._meta.db_table)} AS link ON link.{service} = written.id "
        f"WHERE written.{history_id} > %s",
        [last or 0],
    )


def _execute(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
