"""Quitting while a list is read (gui/list_loader.py): the queued query is dropped without
running, and a figure asked for is never applied."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication

from movement_desk.db.connection import db
from movement_desk.gui import list_loader
from movement_desk.gui.list_loader import LatestResult, QueryCancelled, QueryWorker


def test_stopping_drops_the_queued_query_without_running_it(qtbot, database, monkeypatch):
    monkeypatch.setattr(list_loader, "IDLE_SECONDS", 0.05)  # the thread ends soon after
    worker = QueryWorker()
    ran = []
    started, gate = threading.Event(), threading.Event()

    def running_step():  # a step of the running query that is not SQL: it ends by itself
        started.set()
        gate.wait(20)
        return db.execute_sql("SELECT 42").fetchone()[0]

    running = worker.submit(running_step)
    queued = worker.submit(lambda: ran.append("queued"))
    assert started.wait(20)
    worker.stop(0)
    ready, _result, error = worker.take(queued)
    assert ready and isinstance(error, QueryCancelled)
    gate.set()
    assert worker.wait(running, 20_000)
    assert ran == []
    worker.stop(20_000)


def test_a_figure_asked_for_before_quitting_is_never_shown(qtbot, database, monkeypatch):
    monkeypatch.setattr(list_loader, "IDLE_SECONDS", 0.05)
    shown = []
    latest = LatestResult(None, shown.append)
    started, gate = threading.Event(), threading.Event()

    def figures():
        started.set()
        gate.wait(20)
        return db.execute_sql("SELECT 42").fetchone()[0]

    latest.request(figures)
    assert latest.pending and started.wait(20)
    latest.stop()
    assert not latest.pending
    gate.set()
    latest.worker.stop(20_000)  # the thread has ended: its "finished" is queued by now
    QCoreApplication.processEvents()
    assert shown == []
