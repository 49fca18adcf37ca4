"""Why a database file cannot be used: the errors of opening one, messages in Vietnamese."""

from __future__ import annotations


class DatabaseOpenError(Exception):
    """The database file cannot be used; the message says why in Vietnamese."""


class SchemaTooNewError(DatabaseOpenError):
    """The file was written by a newer version of the program."""


class ForeignDatabaseError(DatabaseOpenError):
    """The file is an SQLite database of another program, or not a database at all."""


class DatabaseLockedError(DatabaseOpenError):
    """Another program holds the file locked for longer than we wait."""
