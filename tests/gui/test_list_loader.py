"""The list worker: a newer query interrupts the running one and drops the queued ones."""

from __future__ import annotations

import time

from movement_desk.db.connection import db
from movement_desk.gui.list_loader import QueryCancelled, QueryWorker

# A query that runs for minutes unless interrupted.
ENDLESS = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) "
    "SELECT count(*) FROM n"
)


def test_a_newer_query_interrupts_the_running_one(qtbot, database):
    worker = QueryWorker()
    finished: list[int] = []
    worker.finished.connect(finished.append)
    slow = worker.submit(lambda: db.execute_sql(ENDLESS).fetchone())
    time.sleep(0.2)  # it is running now
    queued = worker.submit(lambda: "never run")
    started = time.monotonic()
    newest = worker.submit(lambda: db.execute_sql("SELECT 42").fetchone()[0], supersede=True)
    assert worker.wait(newest, 10_000)
    assert time.monotonic() - started < 10  # not the minutes of the endless query
    assert worker.take(newest) == (True, 42, None)
    ready, _result, error = worker.take(slow)
    assert ready and isinstance(error, QueryCancelled)
    assert worker.take(queued) == (False, None, None)  # dropped, never run
    qtbot.waitUntil(lambda: newest in finished)
    worker.stop()
