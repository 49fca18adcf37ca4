"""The one database seam: ``db`` (a proxy) and ``open_database(path)``.

Every table class points at ``db``; ``open_database`` builds the SQLite connection with the
pragmas, SQL functions and collation the application needs, checks the file is ours and
brings its schema up to date (the program opens through ``services.admin.bootstrap``, which
first backs up a file whose schema is about to be upgraded).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import peewee
from peewee import DatabaseProxy, SqliteDatabase

from movement_desk import vietnamese
from movement_desk.db import deferred_indexes, migrations, network, postgres
from movement_desk.db.errors import (  # noqa: F401 - SchemaTooNewError: also caught from here
    DatabaseLockedError,
    DatabaseOpenError,
    ForeignDatabaseError,
    SchemaTooNewError,
)
from movement_desk.db.migrations import APPLICATION_ID

db = DatabaseProxy()

BUSY_TIMEOUT_MS = 15_000


def _is_locked(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _locked_message(path: Path) -> str:
    return (
        f"Tệp {path} đang bị một chương trình khác (hoặc một cửa sổ movement_desk khác) khóa "
        "và chưa nhả sau thời gian chờ. Hãy đóng chương trình đó rồi thử lại; dữ liệu không "
        "bị thay đổi."
    )


def _register_functions(database: SqliteDatabase) -> None:
    # The search key of texts without one stored (the audit trail): see vietnamese.search_key.
    database.register_function(vietnamese.search_key, "vn_search_key", -1, deterministic=True)


def busy_timeout_ms() -> int:
    """How long a write waits for another program's write; ``$MOVEMENT_DESK_BUSY_TIMEOUT_MS``
    shortens it (tests)."""
    try:
        return int(os.environ.get("MOVEMENT_DESK_BUSY_TIMEOUT_MS", BUSY_TIMEOUT_MS))
    except ValueError:
        return BUSY_TIMEOUT_MS


# Set by the window: how it shows that a write waits for another user's write to finish.
# Called with True when the wait starts, None while it goes on (every quarter second: keep
# the window painted), False when it ends. None (the command line, tests): the plain busy
# timeout applies.
WriteWaiter = Callable[[bool | None], None]
_write_waiter: WriteWaiter | None = None
WAIT_FOR_WRITE_LOCK_S = 600
_POLL_MS = 250


def set_write_waiter(waiter: WriteWaiter | None) -> None:
    """Let writes on the main thread wait for another user's write, saying so, up to ten
    minutes, instead of failing after the busy timeout ("cơ sở dữ liệu đang bận")."""
    global _write_waiter
    _write_waiter = waiter


_thread_waiter = threading.local()


def set_thread_write_waiter(waiter: WriteWaiter | None) -> None:
    """The same waiting for writes begun on the calling thread (a window's background task:
    its progress dialog says "đang chờ…" instead of the task failing after the busy
    timeout). ``waiter`` may raise to give up (the task's Cancel)."""
    _thread_waiter.waiter = waiter


class _WaitingSqliteDatabase(SqliteDatabase):
    """SqliteDatabase whose BEGIN, on the main thread with a waiter set, polls for the write
    lock in short steps and tells the waiter, so the window stays painted and says why."""

    _waiting = False  # a write started by an event processed while waiting does not wait

    def begin(self, lock_type=None):
        own = getattr(_thread_waiter, "waiter", None)
        if own is not None:
            return self._begin_waiting(lock_type, own)
        waiter = _write_waiter
        main = threading.current_thread() is threading.main_thread()
        if waiter is None or not main or _WaitingSqliteDatabase._waiting:
            return super().begin(lock_type)
        _WaitingSqliteDatabase._waiting = True
        try:
            return self._begin_waiting(lock_type, waiter)
        finally:
            _WaitingSqliteDatabase._waiting = False

    def _begin_waiting(self, lock_type, waiter: WriteWaiter):
        connection = self.connection()
        timeout = connection.execute("PRAGMA busy_timeout").fetchone()[0]
        connection.execute(f"PRAGMA busy_timeout = {_POLL_MS}")
        deadline = time.monotonic() + WAIT_FOR_WRITE_LOCK_S
        waiting = False
        try:
            while True:
                try:
                    return super().begin(lock_type)
                except (peewee.OperationalError, sqlite3.OperationalError) as exc:
                    if not _is_locked(exc) or time.monotonic() > deadline:
                        raise
                    waiter(None if waiting else True)
                    waiting = True
        finally:
            connection.execute(f"PRAGMA busy_timeout = {int(timeout)}")
            if waiting:
                waiter(False)


def build_database(path: str | Path) -> SqliteDatabase:
    """A configured but unopened SqliteDatabase for ``path``."""
    timeout = busy_timeout_ms()
    database = _WaitingSqliteDatabase(
        str(path),
        pragmas={
            "journal_mode": "wal",
            "foreign_keys": 1,
            "busy_timeout": timeout,
            # FULL: a committed record survives a power cut, which matters more than speed here.
            "synchronous": "full",
            "cache_size": -32_000,
        },
        timeout=timeout / 1000,
        # Take the write lock when a transaction begins, so two writers queue instead of
        # failing half-way with "database is locked".
        lock_type="IMMEDIATE",
    )
    _register_functions(database)
    return database


def _check_file_is_ours(database: SqliteDatabase, path: Path) -> None:
    try:
        application_id = database.execute_sql("PRAGMA application_id").fetchone()[0]
        tables = database.execute_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        ).fetchone()[0]
    except (sqlite3.DatabaseError, peewee.DatabaseError) as exc:
        raise ForeignDatabaseError(
            f"Tệp {path} không phải cơ sở dữ liệu của movement_desk hoặc đã bị hỏng ({exc})."
        ) from exc
    if tables and application_id != APPLICATION_ID:
        raise ForeignDatabaseError(
            f"Tệp {path} là cơ sở dữ liệu của một chương trình khác, không phải movement_desk."
        )


def open_database(
    path: str | Path,
    *,
    migrate: bool = True,
    before_upgrade: Callable[[SqliteDatabase], None] | None = None,
) -> SqliteDatabase:
    """Open (creating if needed) the database at ``path`` and point ``db`` at it.

    Raises DatabaseOpenError (or a subclass) with a message for the user when the file cannot
    be used: not a database, another program's database, or one from a newer version.
    ``before_upgrade`` runs on a file with data whose schema is about to be upgraded (the
    program's backup, ``services.admin.bootstrap``).
    """
    if postgres.is_server_url(path):  # the server mode (issue 17)
        database = postgres.open_server(str(path), migrate=migrate)
        db.initialize(database)
        return database
    path = Path(path)
    if path.exists() and path.is_dir():
        raise DatabaseOpenError(f"{path} là một thư mục, không phải tệp cơ sở dữ liệu.")
    network.check_local(path)  # SQLite on a network share corrupts data (issue 17)
    path.parent.mkdir(parents=True, exist_ok=True)
    database = build_database(path)
    try:
        database.connect(reuse_if_open=True)
    except (sqlite3.DatabaseError, peewee.DatabaseError) as exc:
        database.close()
        if _is_locked(exc):
            raise DatabaseLockedError(_locked_message(path)) from exc
        raise ForeignDatabaseError(
            f"Không mở được {path}: tệp không phải cơ sở dữ liệu hoặc đã bị hỏng ({exc})."
        ) from exc
    try:
        _check_file_is_ours(database, path)
        version = migrations.check_version(database)
        if migrate:
            if before_upgrade is not None and 0 < version < migrations.latest_version():
                before_upgrade(database)
            migrations.migrate(database)
            _rebuild_set_aside_indexes(database)
    except (sqlite3.OperationalError, peewee.OperationalError) as exc:
        database.close()
        if _is_locked(exc):
            raise DatabaseLockedError(_locked_message(path)) from exc
        raise
    except BaseException:
        database.close()
        raise
    db.initialize(database)
    return database


def _rebuild_set_aside_indexes(database: SqliteDatabase) -> None:
    """Indexes a large import set aside and was killed before building again (see
    ``deferred_indexes``): built now. Opening never fails on it: a database another user is
    writing, or one that is read-only or damaged, keeps its note for the next opening."""
    with suppress(sqlite3.Error, peewee.DatabaseError):
        if deferred_indexes.noted(database):
            deferred_indexes.rebuild(database)


def close_database() -> None:
    """Close the connection of the current thread, if the proxy is set."""
    if db.obj is not None and not db.is_closed():
        db.close()
