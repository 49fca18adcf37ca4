"""Indexes a large write sets aside inside its transaction and builds again after its commit.

An import of 200.000 sessions into an almost empty table would spend most of its write
transaction (and so most of the time other users wait for the write lock) sorting the
table's secondary indexes, the lists' sort indexes above all. Instead it drops them inside
its transaction and notes them, in the same transaction, in the ``setting`` table
(``NOTE_KEY``: their names and the SQL they were made with); once its data is committed,
``rebuild`` builds each one again in its own short write transaction, removing its note in
that transaction, so that other users may write between two of them. Should the program be
killed in between, the note survives and the next opening of the database
(``connection.open_database``) builds what is still missing. Until then the lists and
reports read their rows without those indexes: slower, never different.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime

from peewee import Database

NOTE_KEY = "indexes_to_rebuild"
# Before each index the write lock is left free this long. SQLite keeps no queue of the
# writers waiting for it: each one tries again after a sleep, 100 ms at most, so a writer
# beginning the next index at once would take the lock before any of them ever saw it free
# (measured: another user waited for the import and all the indexes of its table, 12 s;
# with no pause before the first, for the import and that index).
PAUSE_SECONDS = 0.15
# Indexes built in one write transaction until it has held the lock this long: the small
# ones (a few thousand rows, a few ms each) share a transaction, and so a pause, while a
# large one still has a transaction to itself (each index is begun only below this).
GROUP_SECONDS = 0.25


def noted(database: Database) -> list[tuple[str, str]]:
    """The indexes set aside and not built again yet: (name, SQL) pairs, in the order noted."""
    row = database.execute_sql("SELECT value FROM setting WHERE key = ?", (NOTE_KEY,)).fetchone()
    return [(name, sql) for name, sql in json.loads(row[0])] if row else []


def set_aside(database: Database, indexes: list[tuple[str, str]]) -> None:
    """Inside the caller's write transaction: drop ``indexes`` ((name, SQL) pairs, the SQL as
    ``sqlite_master`` keeps it) and note them for ``rebuild``. A rollback undoes both."""
    if not indexes:
        return
    pending = dict(noted(database))
    pending.update(indexes)
    _note(database, list(pending.items()))
    for name, _sql in indexes:
        database.execute_sql(f'DROP INDEX IF EXISTS "{name}"')


def rebuild(database: Database, *, each: Callable[[str, float], None] | None = None) -> list[str]:
    """Build every noted index again, in short write transactions (each index's note removed
    in the transaction that builds it), and return their names. A transaction builds one
    index, and the next ones while it has held the lock less than ``GROUP_SECONDS``.
    ``each(name, seconds)`` is told, after each commit, how long each index took. An index
    that exists already (another process built it meanwhile) is only struck off. Before each
    transaction the lock is left free a moment (``PAUSE_SECONDS``), for the other users
    waiting to write (the import's own commit has just given it back)."""
    built: list[str] = []
    while noted(database):  # a read: no lock taken when nothing is noted
        time.sleep(PAUSE_SECONDS)
        done: list[tuple[str, float]] = []
        with database.atomic("IMMEDIATE"):
            began = time.perf_counter()
            pending = noted(database)  # read again under the lock: others may rebuild too
            while pending and (not done or time.perf_counter() - began < GROUP_SECONDS):
                started = time.perf_counter()
                name, sql = pending.pop(0)
                exists = database.execute_sql(
                    "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
                ).fetchone()
                if not exists:
                    database.execute_sql(sql)
                done.append((name, time.perf_counter() - started))
            _note(database, pending)
        for name, seconds in done:
            if each is not None:
                each(name, seconds)
            built.append(name)
        if not done:
            break
    return built


def _note(database: Database, pending: list[tuple[str, str]]) -> None:
    if not pending:
        database.execute_sql("DELETE FROM setting WHERE key = ?", (NOTE_KEY,))
        return
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    database.execute_sql(
        """INSERT INTO setting (key, value, updated_at, updated_by) VALUES (?, ?, ?, 'system')
        ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at""",
        (NOTE_KEY, json.dumps([list(pair) for pair in pending]), now),
    )
