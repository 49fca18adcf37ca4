"""``concurrency.retrying``: a number taken by another client meanwhile (a UNIQUE conflict) is
allocated again and the user gets the next free one; a mistake in the data is raised at once;
a conflict that never clears is raised after the last attempt, nothing half-written."""

from __future__ import annotations

import peewee
import pytest

from movement_desk.db import concurrency
from movement_desk.db.connection import db


@pytest.fixture
def numbers(database):
    """A counter table whose numbers must be unique, holding number 1 already."""
    db.execute_sql("CREATE TABLE issued (number INTEGER NOT NULL UNIQUE, holder TEXT NOT NULL)")
    db.execute_sql("INSERT INTO issued VALUES (1, 'máy khác')")
    return lambda: [row[0] for row in db.execute_sql("SELECT number FROM issued ORDER BY 1")]


def test_a_number_taken_meanwhile_is_allocated_again(numbers):
    calls = []

    def allocate() -> int:
        calls.append(1)
        # The first attempt read the counter before the other client's number 1 was written.
        last = (
            0 if len(calls) == 1 else db.execute_sql("SELECT max(number) FROM issued").fetchone()[0]
        )
        db.execute_sql("INSERT INTO issued VALUES (?, 'máy này')", (last + 1,))
        return last + 1

    assert concurrency.retrying(allocate) == 2
    assert len(calls) == 2
    assert numbers() == [1, 2]


def test_a_mistake_in_the_data_is_not_retried(numbers):
    calls = []

    def allocate() -> None:
        calls.append(1)
        db.execute_sql("INSERT INTO issued VALUES (?, NULL)", (5,))  # NOT NULL: not a race

    with pytest.raises(peewee.IntegrityError, match="NOT NULL"):
        concurrency.retrying(allocate)
    assert len(calls) == 1
    assert numbers() == [1]


def test_a_conflict_that_never_clears_is_raised_after_the_last_attempt(numbers, monkeypatch):
    monkeypatch.setattr(concurrency.time, "sleep", lambda seconds: None)  # no waiting in tests
    calls = []

    def allocate() -> None:
        calls.append(1)
        db.execute_sql("INSERT INTO issued VALUES (?, 'máy này')", (len(calls) + 100,))
        db.execute_sql("INSERT INTO issued VALUES (1, 'máy này')")  # always taken

    with pytest.raises(peewee.IntegrityError, match="UNIQUE"):
        concurrency.retrying(allocate, attempts=3)
    assert len(calls) == 3
    assert numbers() == [1]  # each attempt rolled back whole


@pytest.mark.parametrize(
    ("error", "conflict"),
    [
        (peewee.OperationalError("database is locked"), True),
        (peewee.OperationalError("no such table: issued"), False),
        (peewee.IntegrityError("UNIQUE constraint failed: issued.number"), True),
        (ValueError("database is locked"), False),  # not the database's own error
    ],
)
def test_peewees_own_errors_are_judged_by_their_text(error, conflict):
    assert concurrency.is_conflict(error) is conflict
