"""Bulk inserts: many rows with one prepared statement, stored exactly as ``save()`` stores them.

The fast path of imports, packages, demo data and the audit entries that go with them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from peewee import CharField, IntegerField, TextField

from movement_desk.db.connection import db
from movement_desk.db.models import BaseModel


def _sql_value(value):
    # Stored as peewee stores them: dates in ISO form, timestamps "YYYY-MM-DD HH:MM:SS.ffffff".
    if isinstance(value, datetime):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def insert_rows(model: type[BaseModel], rows: list[dict]) -> None:
    """Insert rows (field name -> value) with one prepared statement: the bulk path of imports.

    Values go through each field's ``db_value`` exactly as a ``save()`` would store them.
    """
    if not rows:
        return
    statement, values = insert_statement(model, rows)
    db.cursor().executemany(statement, values)


def insert_statement(model: type[BaseModel], rows: list[dict]) -> tuple[str, list[tuple]]:
    """The INSERT statement and its value tuples for ``insert_rows``."""
    if not rows:
        return "", []
    names = list(dict.fromkeys(name for row in rows for name in row))
    statement, convert = insert_converter(model, names)
    return statement, [convert(row) for row in rows]


def insert_converter(
    model: type[BaseModel], names: list[str]
) -> tuple[str, Callable[[dict], tuple]]:
    """The INSERT statement for the fields ``names`` and the function that turns a row
    (field name -> value) into its value tuple, stored as a ``save()`` would store it."""
    fields = model._meta.fields
    columns = ", ".join(f'"{fields[name].column_name}"' for name in names)
    marks = ", ".join("?" for _ in names)
    statement = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    # Plain text and number fields store their value as it is; the others convert.
    plain = (CharField, TextField, IntegerField)
    converters = [None if type(fields[name]) in plain else fields[name].db_value for name in names]
    pairs = list(zip(names, converters, strict=True))

    def convert(row: dict) -> tuple:
        return tuple(
            row.get(name) if to_db is None else _sql_value(to_db(row.get(name)))
            for name, to_db in pairs
        )

    return statement, convert
