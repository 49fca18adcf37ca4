"""What a write of 100.000s of rows (a file import, a data package) sets up around itself.

On a database file (the server sizes and indexes itself, and its writers do not lock each
other out, so none of this applies there):
- ``write_settings``: a larger page cache while the rows go in (the indexes of a table of
  100.000s of rows no longer fit the usual one, and each page would be read again and again),
  and no checkpoint inside the commit; ``after_commit`` then checkpoints with the write lock
  given back, rather than in the commit of the next user who writes a single record;
- ``indexes_set_aside``: a table that receives far more rows than it holds has its secondary
  indexes dropped inside the transaction and built again after the commit
  (``deferred_indexes``), sorting each index once instead of adding each row to each of them;
- ``change_marker_bumped_once``: the change marker bumped once for all the rows inserted,
  not once per row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

import peewee
from peewee import Database

from movement_desk.db import deferred_indexes, postgres

# A write that adds at least REBUILD_MIN_ROWS rows to a table, and at least REBUILD_RATIO times
# as many as the table holds, builds the table's secondary indexes afresh. Measured on the
# 200.000 sessions of benchmarks/bench_import_200k.py, on a loaded machine: into an empty
# table, the inserts without the 13 indexes plus their re-creation took 5,8-10 s (4,1-4,6 s of
# processor) against 11-22 s (5,3-6,1 s) for the inserts into them; with 130.000 sessions
# already stored, re-creating them cost as much as it saved, or more.
REBUILD_MIN_ROWS = 20_000
REBUILD_RATIO = 3
WRITE_CACHE_KIB = -65_536  # 64 MiB (negative: in KiB), the large write only

_ERRORS = (sqlite3.Error, peewee.DatabaseError)


@contextmanager
def write_settings(database: Database) -> Iterator[None]:
    """Around the large write's transaction: the larger cache and no automatic checkpoint;
    both put back as they were afterwards, whatever happened."""
    if postgres.is_server(database):
        yield
        return
    cache = database.execute_sql("PRAGMA cache_size").fetchone()[0]
    autocheckpoint = database.execute_sql("PRAGMA wal_autocheckpoint").fetchone()[0]
    database.execute_sql(f"PRAGMA cache_size = {WRITE_CACHE_KIB}")
    database.execute_sql("PRAGMA wal_autocheckpoint = 0")
    try:
        yield
    finally:
        with suppress(*_ERRORS):
            database.execute_sql(f"PRAGMA cache_size = {int(cache)}")
        with suppress(*_ERRORS):
            database.execute_sql(f"PRAGMA wal_autocheckpoint = {int(autocheckpoint)}")


def checkpoint(database: Database) -> None:
    """Copy the write's pages from the write-ahead log into the database file now, with the
    write lock already given back (a passive checkpoint lets other users write meanwhile)."""
    if postgres.is_server(database):
        return
    with suppress(*_ERRORS):
        database.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")


def after_commit(database: Database, each: Callable[[str, float], None] | None = None) -> list[str]:
    """After the large write's commit, inside ``write_settings`` (its cache serves the
    indexes' sorts): a checkpoint, then the indexes set aside, built again one write
    transaction each, each followed by its own checkpoint. ``each(name, seconds)`` is told how
    long each index held the write lock. Should that fail (a full disk), the write stays done
    and the next opening of the database builds what is missing (``deferred_indexes``)."""
    checkpoint(database)
    built: list[str] = []

    def one_built(name: str, seconds: float) -> None:
        built.append(name)
        if each is not None:
            each(name, seconds)
        checkpoint(database)

    if not postgres.is_server(database):
        with suppress(*_ERRORS):
            deferred_indexes.rebuild(database, each=one_built)
    return built


@contextmanager
def indexes_set_aside(database: Database, table_name: str, new_rows: int) -> Iterator[None]:
    """Inside the write transaction: for a very large write into a table that holds few rows
    yet, drop the table's secondary indexes (the lists' sort indexes and the others) before the
    rows go in; ``after_commit`` creates them again from the same SQL, one short write
    transaction each, so the write lock is held for the data alone (other users may write
    between two indexes; the lists, searches and reports show the same rows in the same order
    meanwhile, only slower). Unique indexes stay (they check the rows as they go in). The drops
    are part of the transaction: should the write fail, or the program be killed before its
    commit, the rollback leaves the indexes exactly as they were; killed after its commit, the
    next opening of the database builds those still missing."""
    if postgres.is_server(database) or new_rows < REBUILD_MIN_ROWS:
        yield
        return
    stored = database.execute_sql(f'SELECT count(*) FROM "{table_name}"').fetchone()[0]
    if stored * REBUILD_RATIO > new_rows:
        yield
        return
    indexes = [
        (name, sql)
        for name, sql in database.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL ORDER BY rowid",
            (table_name,),
        )
        if not sql.lstrip().upper().startswith("CREATE UNIQUE")
    ]
    deferred_indexes.set_aside(database, indexes)  # built again after the commit
    yield


@contextmanager
def change_marker_bumped_once(database: Database, table_name: str) -> Iterator[None]:
    """The change marker (see ``migrations.change_marker_triggers``) bumped once for all the
    rows a write inserts instead of once per row, in the same transaction. On the server the
    per-row trigger stays: it only counts, and the server's writers do not wait on it."""
    if postgres.is_server(database):
        yield
        return
    name = f"{table_name}_changed_insert"
    found = database.execute_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
    ).fetchone()
    if found is None:
        yield
        return
    last_id = database.execute_sql(
        f'SELECT coalesce(max(rowid), 0) FROM "{table_name}"'
    ).fetchone()[0]
    database.execute_sql(f'DROP TRIGGER "{name}"')
    yield
    database.execute_sql(found[0])
    inserted = database.execute_sql(
        f'SELECT EXISTS (SELECT 1 FROM "{table_name}" WHERE rowid > ?)', (last_id,)
    ).fetchone()[0]
    if inserted:
        database.execute_sql(
            "UPDATE data_change SET writes = writes + 1, mark = random() WHERE id = 1"
        )
