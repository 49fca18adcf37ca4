"""A package's new rows put into their table's full-text index with one statement.

Each table searched by phrase has a trigram index (``<table>_fts``, see ``db/migrations``)
kept in step by triggers; the insert trigger costs most of a large import's write time when
it runs row by row. While a package's records of such a table are written, its insert trigger
is set aside; the rows the package added are then indexed with one ``INSERT … SELECT`` and the
trigger is put back exactly as it was. All of it happens in the import's transaction: a refused
or rolled-back import leaves the trigger and the index as they were. Updates and deletions keep
their own triggers (a package changes few rows compared with those it adds).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from movement_desk.db.connection import db

# Below this many records the trigger is left alone: setting it aside is not worth it.
BULK_ROWS = 1_000
# FTS5's own defaults, and the settings for one large statement (see transfer's bulk imports).
FTS_DEFAULTS = {"automerge": 4, "hashsize": 1_048_576}
FTS_BULK = {"automerge": 0, "hashsize": 64 * 1_048_576}


@contextmanager
def filled_after(table: str, rows: int) -> Iterator[None]:
    """Inside the caller's transaction: ``rows`` records of ``table`` are about to be merged."""
    trigger = f"{table}_fts_insert"
    found = db.execute_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (trigger,)
    ).fetchone()
    if rows < BULK_ROWS or found is None:
        yield
        return
    if not db.in_transaction():
        raise RuntimeError("the search index is filled in bulk only inside a transaction")
    last_id = db.execute_sql(f'SELECT coalesce(max(id), 0) FROM "{table}"').fetchone()[0]
    db.execute_sql(f'DROP TRIGGER "{trigger}"')
    try:
        yield
        # New rows take ids above every existing one (INTEGER PRIMARY KEY, one writer). The
        # index keeps its pending terms in memory and merges no segments during the statement
        # (as transfer's bulk imports do); its settings are put back in the same transaction.
        fts = f"{table}_fts"
        command = f'INSERT INTO "{fts}"("{fts}", rank) VALUES (?, ?)'
        for name, value in FTS_BULK.items():
            db.execute_sql(command, (name, value))
        db.execute_sql(
            f'INSERT INTO "{fts}"(rowid, search_key) '
            f'SELECT id, search_key FROM "{table}" WHERE id > ?',
            (last_id,),
        )
        for name, value in FTS_DEFAULTS.items():
            db.execute_sql(command, (name, value))
    finally:
        db.execute_sql(found[0])
