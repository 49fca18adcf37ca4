"""Why a database file cannot be opened, backed up or restored; messages in Vietnamese."""

from __future__ import annotations


class DatabaseOpenError(Exception):
    """The database file cannot be used; the message says why in Vietnamese."""


class SchemaTooNewError(DatabaseOpenError):
    """The file was written by a newer version of the program."""


class ForeignDatabaseError(DatabaseOpenError):
    """The file is an SQLite database of another program, or not a database at all."""


class DatabaseLockedError(DatabaseOpenError):
    """Another program holds the file locked for longer than we wait."""


class BackupError(Exception):
    """A backup or restore could not be done; the message says why in Vietnamese."""


class NetworkFileError(DatabaseOpenError):
    """The database file lies on a network folder and the user did not allow it (issue 17)."""


class ServerSetupError(DatabaseOpenError):
    """A server database that cannot be set up, filled, backed up or restored as asked."""
