"""Numbers handed out while other clients hand out the same ones (issue 17).

Certificate serials (``certificate``, ``recognition_certificate``: the next number of the year)
and period locks (one lock in force per unit and days) are decided by reading the table and
then writing to it. Two clients doing that at the same moment must not both read the same
"last number" and the second must not see an error for it:

- SQLite: every write transaction begins IMMEDIATE (``connection.build_database``), so writers
  already take turns; a writer that waited longer than the busy timeout is retried below.
- Server: ``serialize(counter, part)`` takes a transaction-level advisory lock on that counter
  (per year, per unit), so the allocators of the same counter take turns and each reads the
  number the previous one committed (READ COMMITTED: every statement sees what was committed
  before it began). Other writers are not held up.
- Either way the tables' UNIQUE constraints are the guard of last resort, and ``retrying`` runs
  the allocation again, a bounded number of times, when it meets one of those conflicts (a
  unique violation, a serialization failure or deadlock on the server, "database is locked" on
  SQLite): the user gets the next free number, never the error.
"""

from __future__ import annotations

import random
import sqlite3
import time
import zlib
from collections.abc import Callable
from typing import TypeVar

import peewee

from movement_desk.db import postgres
from movement_desk.db.connection import db

T = TypeVar("T")

ATTEMPTS = 5
# PostgreSQL SQLSTATEs that mean "another transaction got there first: run it again".
_RETRY_STATES = {
    "23505",  # unique_violation
    "40001",  # serialization_failure
    "40P01",  # deadlock_detected
    "55P03",  # lock_not_available
}


def _counter_key(counter: str) -> int:
    """A stable 31-bit key for a counter's name (the first of pg_advisory_xact_lock's two)."""
    return zlib.crc32(f"movement_desk:{counter}".encode()) & 0x7FFFFFFF


def serialize(counter: str, part: int = 0) -> None:
    """Inside a transaction: wait until no other transaction holds ``counter`` (for ``part``:
    a year, a unit id), and hold it until this one ends. Nothing on SQLite, whose write
    transactions already take turns."""
    if postgres.is_server(db):
        db.execute_sql(
            "SELECT pg_advisory_xact_lock(%s, %s)", (_counter_key(counter), int(part) & 0x7FFFFFFF)
        )


def _original(exc: BaseException) -> BaseException:
    """The driver's exception under peewee's wrapper (its first argument, or the exception it
    was raised while handling), else ``exc`` itself."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 8:
        seen.append(current)
        if not isinstance(current, peewee.PeeweeException):
            return current
        if current.args and isinstance(current.args[0], Exception):
            return current.args[0]
        current = current.__cause__ or current.__context__
    return exc


def is_conflict(exc: BaseException) -> bool:
    """Whether ``exc`` says another client wrote the same thing at the same moment (so running
    the transaction again gives a good result), not that the data is wrong. Peewee's errors
    and the drivers' own (a raw cursor's ``executemany``) alike."""
    original = _original(exc)
    state = getattr(original, "pgcode", None) or getattr(
        getattr(original, "diag", None), "sqlstate", None
    )
    if state:
        return state in _RETRY_STATES
    text = str(original)
    if isinstance(original, (peewee.IntegrityError, sqlite3.IntegrityError)):
        return "UNIQUE constraint failed" in text
    if isinstance(original, (peewee.OperationalError, sqlite3.OperationalError)):
        return "database is locked" in text.lower() or "database is busy" in text.lower()
    return False


def retrying(function: Callable[[], T], *, attempts: int = ATTEMPTS) -> T:
    """``function()`` in a transaction (a savepoint inside an open one), run again up to
    ``attempts`` times in all when it meets a conflict with another client (``is_conflict``);
    any other error, or the last conflict, is raised as it is."""
    for attempt in range(1, attempts + 1):
        try:
            with db.atomic():
                return function()
        except Exception as exc:
            if attempt >= attempts or not is_conflict(exc):
                raise
        # Let the other client finish; a little randomness so two retries do not meet again.
        time.sleep(random.uniform(0.005, 0.02) * attempt)
    raise AssertionError("unreachable")  # pragma: no cover
