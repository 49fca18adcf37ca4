"""Storage: peewee tables over SQLite, the database seam and migrations (no Qt here)."""

from movement_desk.db.connection import (
    DatabaseOpenError,
    ForeignDatabaseError,
    SchemaTooNewError,
    close_database,
    db,
    open_database,
)

__all__ = [
    "DatabaseOpenError",
    "ForeignDatabaseError",
    "SchemaTooNewError",
    "close_database",
    "db",
    "open_database",
]
