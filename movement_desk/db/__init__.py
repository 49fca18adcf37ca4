"""Storage: peewee tables over SQLite, the database seam and migrations (no Qt here).

Every table module is imported here, so that peewee knows every table (and every foreign key
that refers to a unit) whichever module a caller imports first.
"""

from movement_desk.db import account_tables, models, packages  # noqa: F401 - every table
from movement_desk.db.connection import close_database, db, open_database
from movement_desk.db.errors import (
    DatabaseLockedError,
    DatabaseOpenError,
    ForeignDatabaseError,
    SchemaTooNewError,
)

__all__ = [
    "DatabaseLockedError",
    "DatabaseOpenError",
    "ForeignDatabaseError",
    "SchemaTooNewError",
    "close_database",
    "db",
    "open_database",
]
