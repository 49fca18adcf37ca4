"""Time a province's yearly report on the ``stress`` database against a bare baseline.

Ours: ``services.reports.build_report`` + ``render_pdf`` (every table, both charts, the
embedded Vietnamese font). Baseline, measured in the same run on the same file: the sessions
aggregate (GROUP BY unit over the province's units, folded into districts) in raw sqlite3 and a
bare ReportLab table of the district rows. Prints both medians and the ratio.

    python benchmarks/bench_reports.py [--db stress.sqlite3] [--unit 06] [--period 2024]

Without ``--db`` the stress database is built into a temporary file first (about half a minute).
"""

from __future__ import annotations

import argparse
import io
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.platypus import SimpleDocTemplate, Table  # noqa: E402

from movement_desk.db.connection import close_database  # noqa: E402
from movement_desk.services import reports  # noqa: E402
from movement_desk.services.admin import demo  # noqa: E402
from movement_desk.services.admin.bootstrap import prepare_database  # noqa: E402
from movement_desk.services.core.actor import SYSTEM_ACTOR  # noqa: E402
from movement_desk.services.core.periods import parse_period  # noqa: E402

AIM_RATIO = 1.5
AIM_SECONDS = 2.0


def build_stress(path: Path) -> None:
    prepare_database(path)
    started = time.perf_counter()
    counts = demo.build_demo("stress")
    print(f"built stress database in {time.perf_counter() - started:.1f} s: {counts}")
    close_database()


def baseline(path: Path, unit_code: str, period_code: str, rule: str) -> bytes:
    """The sessions aggregate by child unit in raw sqlite3, then a bare ReportLab table."""
    start, end = parse_period(period_code).bounds(rule)
    connection = sqlite3.connect(path)
    try:
        units = connection.execute("SELECT id, code, name, parent_id FROM admin_unit").fetchall()
        root = next(u for u in units if u[1] == unit_code)
        children: dict[int | None, list[int]] = {}
        for unit_id, _, _, parent_id in units:
            children.setdefault(parent_id, []).append(unit_id)
        row_of: dict[int, int] = {root[0]: root[0]}
        for child in children.get(root[0], []):
            stack = [child]
            while stack:
                current = stack.pop()
                row_of[current] = child
                stack.extend(children.get(current, []))
        marks = ",".join("?" * len(row_of))
        figures: dict[int, list[int]] = {}
        for unit_id, count, people, tips in connection.execute(
            f"""SELECT unit_id, COUNT(*), SUM(participants), SUM(tips) FROM activity_session
                WHERE deleted_at IS NULL AND held_on >= ? AND held_on <= ?
                  AND unit_id IN ({marks}) GROUP BY unit_id""",
            [start.isoformat(), end.isoformat(), *row_of],
        ):
            row = figures.setdefault(row_of[unit_id], [0, 0, 0])
            row[0] += count
            row[1] += people
            row[2] += tips
    finally:
        connection.close()
    names = {u[0]: u[2] for u in units}
    table = [["Unit", "Sessions", "Participants", "Tips"]]
    table += [[names[k], *v] for k, v in sorted(figures.items())]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([Table(table)])
    return buffer.getvalue()


def capture_statements(unit_code: str, period_code: str, rule: str) -> list[tuple[str, list]]:
    """Every SQL statement (with its parameters) one report runs, in order."""
    from movement_desk.db.connection import db

    database = db.obj
    captured: list[tuple[str, list]] = []
    original = database.execute_sql

    def recording(sql, params=None, *args, **kwargs):
        captured.append((sql, list(params or [])))
        return original(sql, params, *args, **kwargs)

    database.execute_sql = recording
    try:
        reports.build_report(unit_code, period_code, rule, actor=SYSTEM_ACTOR)
    finally:
        del database.execute_sql
    return captured


def same_queries(path: Path, statements: list[tuple[str, list]], table: list[list]) -> bytes:
    """The report's own SQL run in raw sqlite3, then a bare ReportLab table of the unit rows."""
    connection = sqlite3.connect(path)
    try:
        for sql, params in statements:
            connection.execute(sql, params).fetchall()
    finally:
        connection.close()
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([Table(table)])
    return buffer.getvalue()


def ours(unit_code: str, period_code: str, rule: str) -> bytes:
    data = reports.build_report(unit_code, period_code, rule, actor=SYSTEM_ACTOR)
    return reports.render_pdf(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing stress database")
    parser.add_argument("--unit", default="06")
    parser.add_argument("--period", default="2024")
    parser.add_argument("--rule", default="decree", choices=("decree", "calendar"))
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = args.db
        if path is None:
            path = Path(folder) / "stress.sqlite3"
            build_stress(path)
        prepare_database(path)
        sessions = sqlite3.connect(path).execute("SELECT COUNT(*) FROM activity_session").fetchone()
        # Warm both paths once (font registration, page cache) before timing.
        ours(args.unit, args.period, args.rule)
        baseline(path, args.unit, args.period, args.rule)
        data = reports.build_report(args.unit, args.period, args.rule, actor=SYSTEM_ACTOR)
        statements = capture_statements(args.unit, args.period, args.rule)
        rows = [["Unit", "Sessions", "Participants", "Tips"]] + [
            [r.name, r.sessions, r.participants, r.tips] for r in data.unit_rows
        ]
        timings = {"ours": [], "baseline": [], "same": []}
        # Interleaved, so that a neighbour's load on the shared machine hits all three alike.
        for _ in range(args.repeats):
            for name, function in (
                ("ours", lambda: ours(args.unit, args.period, args.rule)),
                ("baseline", lambda: baseline(path, args.unit, args.period, args.rule)),
                ("same", lambda: same_queries(path, statements, rows)),
            ):
                started = time.perf_counter()
                function()
                timings[name].append(time.perf_counter() - started)
        close_database()
    ours_time, base_time, same_time = (
        statistics.median(timings[k]) for k in ("ours", "baseline", "same")
    )
    ratio = ours_time / base_time
    print(
        f"report {args.unit} {args.period} ({args.rule}) on {sessions[0]:,} sessions: "
        f"{data.total.sessions:,} sessions in the period, {len(data.unit_rows)} child rows"
    )
    print(f"ours     {ours_time * 1000:8.1f} ms (median of {args.repeats})")
    print(f"baseline {base_time * 1000:8.1f} ms (raw sqlite3 aggregate + bare ReportLab table)")
    print(f"ratio    {ratio:8.2f}x  (aim: within {AIM_RATIO}x and under {AIM_SECONDS} s)")
    print(
        f"same SQL {same_time * 1000:8.1f} ms (the report's {len(statements)} statements in raw "
        f"sqlite3 + bare table): ratio {ours_time / same_time:.2f}x"
    )
    print(f"under {AIM_SECONDS} s: {'yes' if ours_time < AIM_SECONDS else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
