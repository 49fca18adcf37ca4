#!/usr/bin/env python3
"""List operations of the window on the ``stress`` database, against raw sqlite3 in the same run.

    python benchmarks/bench_gui_lists.py [--db STRESS.sqlite3] [--repeat 5]

Without ``--db`` a stress demo database (130.000 sessions) is built in a temporary folder.
Each line prints our time (the Qt model or the shown view, through the services), the
baseline (the nearest hand-written sqlite3 query on the same file) and the ratio; the median
of ``--repeat`` runs is kept. ``main(db_path)`` is what ``benchmarks/run.py`` calls.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

VISIBLE_ROWS = 30  # about what a 1366x768 window shows
PAGE_SQL = """SELECT s.id, s.held_on, s.kind, s.organizer_name, s.title, s.participants, s.tips,
    u.code, u.name, u.kind FROM activity_session s JOIN admin_unit u ON u.id = s.unit_id
    WHERE s.deleted_at IS NULL {where} ORDER BY {order} LIMIT 100 OFFSET {offset}"""
COUNT_SQL = "SELECT count(*) FROM activity_session s WHERE s.deleted_at IS NULL {where}"
FTS_WHERE = (
    "AND s.id IN (SELECT rowid FROM activity_session_fts WHERE activity_session_fts MATCH ?)"
)


def timed(action: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def build_stress(path: Path) -> None:
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin import demo
    from movement_desk.services.admin.bootstrap import prepare_database

    prepare_database(path)
    demo.build_demo("stress", seed=2024)
    close_database()


def main(db_path: str | os.PathLike[str] | None = None, repeat: int = 5) -> list[tuple]:
    """Run the measurements; returns (operation, ours_s, baseline_s, ratio) rows."""
    from PySide6.QtCore import QCoreApplication, QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from movement_desk.gui.context import AppContext
    from movement_desk.gui.table_models import SessionTableModel
    from movement_desk.gui.views.records import SessionsView
    from movement_desk.services.admin.bootstrap import prepare_database
    from movement_desk.services.core.actor import SYSTEM_ACTOR
    from movement_desk.services.core.filters import RecordFilter

    workdir = tempfile.TemporaryDirectory()
    if db_path is None:
        db_path = Path(workdir.name) / "stress.sqlite3"
        print("building the stress demo database…", flush=True)
        build_stress(db_path)
    db_path = Path(db_path)
    QCoreApplication.setOrganizationName("movement_desk_bench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, workdir.name)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    prepare_database(db_path)
    from movement_desk.gui import table_models

    # Time until the rows are there: wait for the worker's answer (bench_search.py measures
    # how long the window itself waits, which is at most table_models.SYNC_WAIT_MS).
    table_models.SYNC_WAIT_MS = 60_000
    raw = sqlite3.connect(db_path)
    total = raw.execute(COUNT_SQL.format(where="")).fetchone()[0]

    def raw_page(where: str = "", params=(), order="s.held_on DESC, s.id DESC", offset=0):
        raw.execute(COUNT_SQL.format(where=where), params).fetchone()
        return raw.execute(
            PAGE_SQL.format(where=where, order=order, offset=offset), params
        ).fetchall()

    def show_rows(model) -> None:
        for row in range(min(VISIBLE_ROWS, model.rowCount())):
            for column in range(model.columnCount()):
                model.index(row, column).data()

    def first_page_model():
        model = SessionTableModel(actor=SYSTEM_ACTOR)
        model.reload()
        model.wait_until_loaded()
        show_rows(model)

    def first_page_view():
        view = SessionsView(AppContext(db_path))
        view.resize(1366, 700)
        view.show()
        app.processEvents()
        view.close()
        view.deleteLater()

    def search(text: str):
        def run():
            model = SessionTableModel(actor=SYSTEM_ACTOR)
            model.set_filter(RecordFilter(text=text))
            model.wait_until_loaded()
            show_rows(model)

        return run

    def raw_search(text: str):
        from movement_desk import vietnamese

        # The phrase, from a word's start, in one field (see services/core/search.py); date order.
        phrase = '" ' + vietnamese.fold_words(text) + '"'
        return lambda: raw_page(FTS_WHERE, [phrase])

    model = SessionTableModel(actor=SYSTEM_ACTOR)
    model.reload()
    model.wait_until_loaded()

    def scroll_middle():
        model._pages.clear()
        model.record(total // 2)
        model.record(total // 2 + 150)
        model.wait_until_loaded()

    def sort_title():
        sorted_model = SessionTableModel(actor=SYSTEM_ACTOR)
        sorted_model.reload()
        sorted_model.wait_until_loaded()
        column = next(i for i, c in enumerate(sorted_model.columns) if c.key == "title")
        sorted_model.sort(column, Qt.SortOrder.AscendingOrder)
        sorted_model.wait_until_loaded()
        show_rows(sorted_model)

    operations = [
        ("first page of sessions (model)", first_page_model, lambda: raw_page()),
        ("first page of sessions (view shown)", first_page_view, lambda: raw_page()),
        ("search “cho don”", search("cho don"), raw_search("cho don")),
        ("search “bao ve an ninh”", search("bao ve an ninh"), raw_search("bao ve an ninh")),
        (
            "jump to the middle of the list",
            scroll_middle,
            lambda: raw_page(offset=total // 2),
        ),
        ("sort by title", sort_title, lambda: raw_page(order="s.sort_key, s.id")),
    ]
    print(f"{total:,} sessions in {db_path}; median of {repeat} runs".replace(",", "."))
    print(f"{'operation':40} {'ours':>10} {'sqlite3':>10} {'ratio':>7}")
    results = []
    for name, ours, baseline in operations:
        ours_s = timed(ours, repeat)
        base_s = timed(baseline, repeat)
        ratio = ours_s / base_s if base_s else float("inf")
        results.append((name, ours_s, base_s, ratio))
        print(f"{name:40} {ours_s * 1000:8.1f}ms {base_s * 1000:8.1f}ms {ratio:6.1f}x", flush=True)
    raw.close()
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing stress database (default: build one)")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    main(options.db, options.repeat)
