"""The sessions' index on the date alone goes (issue #12: one index less for each of the
200.000 rows of a large import); the queries it served read the report's covering index or
the date list's instead."""

from __future__ import annotations

from movement_desk.db import migrations
from movement_desk.db.connection import build_database

STEP = next(
    n
    for n, step in enumerate(migrations.MIGRATIONS)
    if step.apply is migrations._step_drop_duplicate_date_index
)


def _plan(database, query: str) -> str:
    return " | ".join(row[3] for row in database.execute_sql("EXPLAIN QUERY PLAN " + query))


def test_the_date_index_goes_and_dated_queries_still_read_an_index(tmp_path):
    database = build_database(tmp_path / "old.sqlite3")
    database.connect()
    migrations.migrate(database, target=STEP)

    def indexes() -> set[str]:
        return {
            row[0]
            for row in database.execute_sql(
                "SELECT name FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = 'activity_session'"
            )
        }

    assert "activity_session_held_on" in indexes()
    migrations.migrate(database)
    assert "activity_session_held_on" not in indexes()
    assert {"activity_session_report", "activity_session_list_date"} <= indexes()
    with database.atomic():  # safe to run again
        migrations.MIGRATIONS[STEP].apply(database)
    # Every session of some days (deleted ones too), and the live ones in date order.
    every = _plan(
        database,
        "SELECT id, title FROM activity_session WHERE held_on BETWEEN '2024-01-01' AND '2024-03-31'",
    )
    assert every.startswith("SEARCH activity_session USING")
    assert "activity_session_report" in every
    live = _plan(
        database,
        "SELECT id FROM activity_session WHERE deleted_at IS NULL "
        "AND held_on >= '2024-01-01' ORDER BY held_on DESC LIMIT 50",
    )
    assert live.startswith("SEARCH activity_session USING") and "TEMP B-TREE" not in live
    assert "activity_session_list_date" in live or "activity_session_report" in live
    database.close()
