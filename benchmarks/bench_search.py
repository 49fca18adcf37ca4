#!/usr/bin/env python3
"""Search, count, typing and Excel export on the ``stress`` database, against raw SQL / openpyxl.

    python benchmarks/bench_search.py [--db STRESS.sqlite3] [--repeat 5] [--skip-export]

1. For a few searches: the first page and the exact count as the lists read them
   (``listing.RecordList``), beside a hand-written sqlite3 query giving the same rows in the
   same order (the phrase through the trigram index, the unit subtree, the ranking) and the
   ratio. Medians of ``--repeat`` runs.
2. The Sessions view typed into ("tuyen ma", a key every 0,3 s) in an offscreen window: the
   longest event-loop stall (a 5 ms timer's longest gap), beside the same loop left idle for
   as long (what the machine's other work costs), and how long after the last key the first
   page and the count were shown.
3. 130.000 sessions to Excel through ``export`` beside bare openpyxl write-only writing the
   same rows read by one SQL query: time, peak memory and memory afterwards (Linux: VmRSS and
   VmHWM of a child process each, so one does not inherit the other's peak).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEARCHES = ["cho don", "tuyen truyen", "phong chong ma tuy", "ba be", "do", '"ngay hoi"']
RAW_PAGE = """SELECT s.id, s.held_on, s.kind, s.organizer_name, s.title, s.participants, s.tips,
    s.notes, u.code, u.name, u.kind
    FROM activity_session s JOIN admin_unit u ON u.id = s.unit_id
    WHERE s.deleted_at IS NULL AND ({where})
    ORDER BY {rank}, s.held_on DESC, u.sort_key, s.sort_key, s.id DESC LIMIT 100"""
RAW_COUNT = """SELECT count(*), sum(s.participants), sum(s.tips) FROM activity_session s
    WHERE s.deleted_at IS NULL AND ({where})"""


def median_time(action, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def _raw_query(connection: sqlite3.Connection, text: str):
    """The WHERE and ORDER of a search written by hand (no services), with its parameters."""
    from movement_desk import vietnamese

    parts = text.split('"')
    phrases = []
    for index, part in enumerate(parts):
        words = vietnamese.fold_words(part)
        if words:
            exact = index % 2 == 1 and index < len(parts) - 1
            phrases.append(" " + words + (" " if exact else ""))
    units = connection.execute(
        "SELECT id, parent_id, name, kind, code FROM admin_unit WHERE deleted_at IS NULL"
    ).fetchall()
    children: dict = {}
    for unit_id, parent_id, *_ in units:
        children.setdefault(parent_id, []).append(unit_id)

    def unit_subtree(pattern: str) -> str:
        hits = []
        for unit_id, _parent, name, kind, code in units:
            title = f"{kind} {name}"  # "thi_tran" folds to "thi tran", as "thị trấn" does
            key = vietnamese.search_key(name, title)
            if pattern in key or code.lower().startswith(pattern.strip().replace(" ", "")):
                hits.append(unit_id)
        subtree, stack = set(), list(hits)
        while stack:
            current = stack.pop()
            if current not in subtree:
                subtree.add(current)
                stack.extend(children.get(current, []))
        return f"s.unit_id IN ({','.join(map(str, sorted(subtree)))})" if subtree else "0"

    in_title = "instr(s.search_key, ?) BETWEEN 1 AND instr(substr(s.search_key, 2), '|')"
    wheres, ranks, params, rank_params = [], [], [], []
    for pattern in phrases:
        in_units = unit_subtree(pattern)
        if len(pattern) >= 3:
            found = "s.id IN (SELECT rowid FROM activity_session_fts WHERE activity_session_fts MATCH ?)"
            params.append('"' + pattern + '"')
        else:
            found = "instr(s.search_key, ?) > 0"
            params.append(pattern)
        wheres.append(f"({found} OR {in_units})")
        # 0: whole words in the title or unit; 1: the phrase starts there; 2: elsewhere.
        whole = pattern if pattern.endswith(" ") else pattern + " "
        ranks.append(
            f"(CASE WHEN {in_title} OR {unit_subtree(whole)} THEN 0"
            f" WHEN {in_title} OR {in_units} THEN 1 ELSE 2 END)"
        )
        rank_params.extend([whole, pattern])
    return " AND ".join(wheres) or "1", " + ".join(ranks) or "0", params, rank_params


def bench_queries(db_path: Path, repeat: int) -> list[tuple]:
    from movement_desk.services.core.actor import SYSTEM_ACTOR
    from movement_desk.services.core.filters import RecordFilter
    from movement_desk.services.records import listing

    raw = sqlite3.connect(db_path)
    rows = []
    print(f"\n{'search':24} {'rows':>7} {'page ours':>10} {'raw':>8} {'ratio':>6}"
          f" {'count ours':>11} {'raw':>8} {'ratio':>6}")  # fmt: skip
    for text in SEARCHES:
        where, rank, params, rank_params = _raw_query(raw, text)
        page_sql = RAW_PAGE.format(where=where, rank=rank)
        count_sql = RAW_COUNT.format(where=where)
        expected = [r[0] for r in raw.execute(page_sql, [*params, *rank_params])]
        ours_page = [
            r.id
            for r in listing.RecordList(
                "sessions", RecordFilter(text=text), actor=SYSTEM_ACTOR
            ).fetch(0, 100)
        ]
        assert ours_page == expected, f"{text}: not the same first page as the raw query"
        page = median_time(
            lambda t=text: listing.RecordList(
                "sessions", RecordFilter(text=t), actor=SYSTEM_ACTOR
            ).fetch(0, 100),
            repeat,
        )
        raw_page = median_time(
            lambda q=page_sql, p=[*params, *rank_params]: raw.execute(q, p).fetchall(), repeat
        )
        count = median_time(
            lambda t=text: listing.session_totals(RecordFilter(text=t), actor=SYSTEM_ACTOR), repeat
        )
        raw_count = median_time(lambda q=count_sql, p=params: raw.execute(q, p).fetchone(), repeat)
        total = raw.execute(count_sql, params).fetchone()[0]
        assert (
            listing.RecordList("sessions", RecordFilter(text=text), actor=SYSTEM_ACTOR).count()
            == total
        )
        rows.append((text, total, page, raw_page, count, raw_count))
        print(
            f"{text:24} {total:>7} {page * 1000:8.1f}ms {raw_page * 1000:6.1f}ms "
            f"{page / raw_page:5.1f}x {count * 1000:9.1f}ms {raw_count * 1000:6.1f}ms "
            f"{count / raw_count:5.1f}x",
            flush=True,
        )
    raw.close()
    return rows


def bench_typing(db_path: Path) -> dict:
    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QSettings, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from movement_desk.gui.context import AppContext
    from movement_desk.gui.views.records import SessionsView

    workdir = tempfile.TemporaryDirectory()
    QCoreApplication.setOrganizationName("movement_desk_bench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, workdir.name)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    view = SessionsView(AppContext(db_path))
    view.resize(1366, 700)
    view.show()
    view.model.wait_until_loaded()
    clock = QElapsedTimer()
    gaps = {"last": 0, "longest": 0}

    def tick():
        now = clock.elapsed()
        gaps["longest"] = max(gaps["longest"], now - gaps["last"])
        gaps["last"] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)

    def pump(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.001)

    def measure(action) -> int:
        clock.start()
        gaps.update(last=0, longest=0)
        timer.start()
        action()
        timer.stop()
        return gaps["longest"]

    typed = "tuyen ma"
    marks = {}

    def shown(what: str) -> None:
        # Only the list of the whole word typed counts (earlier keys' lists arrive too).
        if view.model._list.record_filter.text == typed:
            marks.setdefault(what, time.perf_counter())

    view.model.reloaded.connect(lambda: shown("page"))
    view.model.countChanged.connect(lambda _count: shown("count"))

    def type_it():
        for letter in typed:
            marks.clear()
            QTest.keyClick(view.filters.search, letter)
            marks["key"] = time.perf_counter()
            pump(0.3)
        while view.model.loading or view.model.counting:
            pump(0.01)
        pump(0.2)

    idle = measure(lambda: pump(0.3 * len(typed) + 0.2))
    typing = measure(type_it)
    page_ms = (marks.get("page", marks["key"]) - marks["key"]) * 1000
    count_ms = (marks.get("count", marks["key"]) - marks["key"]) * 1000
    # The debounce (filters_bar.SEARCH_DELAY_MS) is part of the wait after the last key.
    print(
        f"\ntyping {typed!r} (a key every 0,3 s): longest event-loop stall {typing} ms "
        f"(idle loop over the same time: {idle} ms); after the last key the first page showed "
        f"at {page_ms:.0f} ms and the count at {count_ms:.0f} ms "
        f"(including the {view.filters._timer.interval()} ms typing pause)"
    )
    view.close()
    return {"stall_ms": typing, "idle_ms": idle, "page_ms": page_ms, "count_ms": count_ms}


CHILD_EXPORT = r"""
import gc, sys, time
sys.path.insert(0, {root!r})
def rss():
    fields = dict(line.split(":", 1) for line in open("/proc/self/status"))
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024
from movement_desk.services.admin.bootstrap import prepare_database
prepare_database({db!r})
from movement_desk.services.records import transfer
import openpyxl
from movement_desk.db.connection import close_database
from movement_desk.gui.tasks import give_memory_back  # imports Qt: before measuring
before = rss()[0]
start = time.perf_counter()
if {mode!r} == "ours":
    from movement_desk.services.core.actor import SYSTEM_ACTOR
    count = transfer.export_file("sessions", {out!r}, actor=SYSTEM_ACTOR)
else:
    import sqlite3
    connection = sqlite3.connect({db!r})
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Dữ liệu")
    sheet.append(["Mã định danh", "Ngày tổ chức", "Mã đơn vị", "Hình thức", "Loại đơn vị tổ chức",
                  "Đơn vị tổ chức", "Nội dung", "Số lượt người tham gia", "Số tin có giá trị",
                  "Ghi chú"])
    count = 0
    for row in connection.execute(
        "SELECT s.uuid, s.held_on, u.code, s.kind, s.organizer_kind, s.organizer_name, s.title,"
        " s.participants, s.tips, s.notes FROM activity_session s JOIN admin_unit u"
        " ON u.id = s.unit_id WHERE s.deleted_at IS NULL ORDER BY s.held_on DESC, s.id DESC"
    ):
        sheet.append(list(row))
        count += 1
    workbook.save({out!r})
    connection.close()
seconds = time.perf_counter() - start
close_database()  # as the window's export task does: its connection's page cache goes too
give_memory_back()
after, peak = rss()
print(count, seconds, before, peak, after)
"""


def bench_export(db_path: Path, runs: int = 1) -> list[tuple]:
    """Ours and bare openpyxl alternately (who goes first swaps each round), ``runs`` each;
    the medians of time and memory."""
    runs_by_mode: dict[str, list[tuple]] = {"ours": [], "openpyxl": []}
    with tempfile.TemporaryDirectory() as folder:
        for index in range(runs):
            modes = ["ours", "openpyxl"] if index % 2 == 0 else ["openpyxl", "ours"]
            for mode in modes:
                out = str(Path(folder) / f"{mode}.xlsx")
                code = CHILD_EXPORT.format(root=str(ROOT), db=str(db_path), mode=mode, out=out)
                done = subprocess.run(
                    [sys.executable, "-c", code], capture_output=True, text=True, check=True
                )
                count, seconds, before, peak, after = done.stdout.split()
                runs_by_mode[mode].append(
                    (int(count), float(seconds), int(before), int(peak), int(after))
                )
    results = []
    for mode, measured in runs_by_mode.items():
        medians = [statistics.median(values) for values in zip(*measured, strict=True)]
        results.append((mode, int(medians[0]), *medians[1:]))
    ours, bare = results
    print(
        f"\nExcel export of {ours[1]:,} sessions, medians of {runs} alternating runs: ours "
        f"{ours[2]:.1f} s, bare openpyxl write-only {bare[2]:.1f} s, ratio "
        f"{ours[2] / bare[2]:.2f}x (aim: ours under 15 s)".replace(",", ".")
    )
    for mode, _count, _seconds, before, peak, after in results:
        print(
            f"  {mode:9} memory: {before:.0f} MB before, peak {peak:.0f} MB, {after:.0f} MB after"
        )
    return results


def main(
    db_path: str | os.PathLike[str] | None = None,
    repeat: int = 5,
    export: bool = True,
    only_export: bool = False,
    export_runs: int = 1,
):
    from benchmarks.common import stress_database
    from movement_desk.services.admin.bootstrap import prepare_database

    db_path = Path(db_path) if db_path else stress_database()
    prepare_database(db_path)
    print(f"stress database {db_path}; medians of {repeat} runs")
    if only_export:
        return [], {}, bench_export(db_path, export_runs)
    queries = bench_queries(db_path, repeat)
    typing = bench_typing(db_path)
    exports = bench_export(db_path, export_runs) if export else []
    return queries, typing, exports


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing stress database (default: benchmarks/out)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument("--only-export", action="store_true", help="the Excel export alone")
    parser.add_argument("--export-runs", type=int, default=1, help="alternating export runs")
    options = parser.parse_args()
    main(
        options.db,
        options.repeat,
        not options.skip_export,
        options.only_export,
        options.export_runs,
    )
