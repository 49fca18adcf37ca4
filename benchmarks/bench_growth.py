#!/usr/bin/env python3
"""How the window's work grows with the data: 10.000, 130.000 and 1.000.000 sessions.

    python benchmarks/bench_growth.py [--runs 3] [--sizes 10k,130k,1M] [--db STRESS]

For each size: the yearly report of the province (built and rendered), the first page of the
sessions list with its count (as a list opens: nothing kept from before), the first page of a
search, the first page sorted by title and by organiser (the count kept, as when a column
header is clicked), a page deep in the list, and the window start (a whole process, signed in,
until the window has painted; ``gui/startup_probe``). Medians of ``--runs`` runs after one
warm-up. Then how each grows from one size to the next, beside how much more data there is
and how many more rows the operation returns: a page returns 100 rows at any size, so its time
should stay flat; nothing may grow faster than the rows it returns.

The databases are the demo data at each size, built once under benchmarks/out/ (the million in
a long while: ``bench_commands.growth_database``) and reused; 130k is the stress database
(a copy of /work/bench-cache/stress.sqlite3 will do). Each run works on a migrated copy with an
administrator account, under benchmarks/out/growth/.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.common import (  # noqa: E402
    OUT_DIR,
    copy_database,
    median_time,
    stress_database,
)

WORK = OUT_DIR / "growth"
SIZES = {"10k": 10_000, "130k": 130_000, "1M": 1_000_000}
USER, PASSWORD = "quantri", "demo12345"
PAGE = 100


def working_copy(label: str, source: Path) -> Path:
    """A migrated copy of ``source`` with an administrator, made once per size."""
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin import accounts
    from movement_desk.services.admin.bootstrap import prepare_database

    target = WORK / f"growth-{label}.sqlite3"
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    copy_database(source, target)
    prepare_database(target)
    if not accounts.has_accounts():
        accounts.create_first_admin(USER, PASSWORD, "06")
    close_database()
    print(f"  prepared {target.name} in {time.perf_counter() - started:.0f} s", flush=True)
    return target


def _backed_up_today(path: Path) -> None:
    from datetime import datetime

    from movement_desk.db import backup
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin.bootstrap import prepare_database

    prepare_database(path)
    newest = backup.list_backups(path)
    if not newest or newest[0].taken_at.date() != datetime.now().date():
        backup.auto_backup("close", only_if_changed=False)
    close_database()


def window_seconds(path: Path, runs: int) -> float:
    """Whole process: start, open, sign in (the password hash included), build the window,
    until it has painted."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOVEMENT_DESK_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a real installation has its bytecode
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        XDG_CONFIG_HOME=str(WORK / "config"),
        XDG_DATA_HOME=str(WORK / "data"),
        MOVEMENT_DESK_EXIT_WHEN_SHOWN="1",
        MOVEMENT_DESK_USER=USER,
        MOVEMENT_DESK_PASSWORD=PASSWORD,
    )
    argv = [sys.executable, "-m", "movement_desk.cli", "--db", str(path)]
    _backed_up_today(path)  # as after the day's first start: no daily copy to wait for

    def run() -> None:
        done = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"the window did not start:\n{done.stderr}")

    return median_time(run, runs)


def measure(path: Path, runs: int) -> dict[str, tuple[float, int]]:
    """(median seconds, rows returned) of each operation on ``path``, in-process."""
    from movement_desk.db.connection import close_database
    from movement_desk.services import reports
    from movement_desk.services.admin.bootstrap import prepare_database
    from movement_desk.services.core.actor import SYSTEM_ACTOR
    from movement_desk.services.core.filters import RecordFilter
    from movement_desk.services.records import listing

    prepare_database(path)
    figures: dict[str, tuple[float, int]] = {}

    def opened(**options) -> Callable[[], object]:
        def run():
            listing.COUNTS.clear()  # a list opened anew: counted again
            records = listing.RecordList("sessions", **options, actor=SYSTEM_ACTOR)
            records.count()
            return records.fetch(0, PAGE)

        return run

    def first_page() -> object:
        return listing.RecordList("sessions", actor=SYSTEM_ACTOR).fetch(0, PAGE)

    def counted() -> int:
        listing.COUNTS.clear()
        return listing.session_totals(RecordFilter(), actor=SYSTEM_ACTOR)[0]

    def sorted_by(sort: str) -> Callable[[], object]:
        def run():
            records = listing.RecordList("sessions", None, sort, False, actor=SYSTEM_ACTOR)
            records.count()  # kept from the list as it was: a click on a header
            return records.fetch(0, PAGE)

        return run

    def deep() -> object:
        records = listing.RecordList("sessions", None, "title", False, actor=SYSTEM_ACTOR)
        middle = records.count() // 2
        return records.fetch(middle, PAGE)

    try:
        total = listing.RecordList("sessions", actor=SYSTEM_ACTOR).count()
        searched = listing.RecordList(
            "sessions", RecordFilter(text="cho don"), actor=SYSTEM_ACTOR
        ).count()
        in_year = listing.RecordList(
            "sessions",
            RecordFilter(start=date(2025, 1, 1), end=date(2025, 12, 31)),
            actor=SYSTEM_ACTOR,
        ).count()
        figures["report, province, year (rows: its sessions)"] = (
            median_time(
                lambda: reports.render_pdf(
                    reports.build_report("06", "2025", None, actor=SYSTEM_ACTOR)
                ),
                runs,
            ),
            in_year,
        )
        figures["list: first page"] = (median_time(first_page, runs), PAGE)
        figures["list: count and totals (then kept)"] = (median_time(counted, runs), total)
        figures["list opened: first page and count"] = (median_time(opened(), runs), total)
        figures["search “cho don”: first page and count"] = (
            median_time(opened(record_filter=RecordFilter(text="cho don")), runs),
            searched,
        )
        figures["sort by title: first page"] = (median_time(sorted_by("title"), runs), PAGE)
        figures["sort by organiser: first page"] = (
            median_time(sorted_by("organizer"), runs),
            PAGE,
        )
        figures["sort by unit: first page"] = (median_time(sorted_by("unit"), runs), PAGE)
        figures["a page in the middle, by title"] = (median_time(deep, runs), total)
    finally:
        close_database()
    figures["window start (whole process)"] = (window_seconds(path, runs), PAGE)
    figures["sessions"] = (0.0, total)
    return figures


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms".replace(",", ".")


def _factor(value: float) -> str:
    return f"{value:.1f}×".replace(".", ",")


def verdict(time_factor: float, rows_factor: float, data_factor: float) -> str:
    """How an operation grew, against the rows it returns (an allowance of 2× for noise)."""
    if rows_factor <= 1.5 and time_factor <= 2.0:
        return "flat"
    if time_factor <= 2.0 * rows_factor:
        return "at most linear in its rows"
    if time_factor <= 2.0 * data_factor:
        return "ABOVE: linear in the data, not its rows"
    return "ABOVE: worse than linear"


def table(results: dict[str, dict[str, tuple[float, int]]]) -> str:
    labels = list(results)
    operations = [op for op in next(iter(results.values())) if op != "sessions"]
    head = "| operation | " + " | ".join(labels)
    steps = list(zip(labels, labels[1:], strict=False))
    head += "".join(f" | {b} / {a}" for a, b in steps) + " |"
    lines = [head, "|" + "---|" * (1 + len(labels) + len(steps))]
    sessions = {label: results[label]["sessions"][1] for label in labels}
    for op in operations:
        cells = [_ms(results[label][op][0]) for label in labels]
        for a, b in steps:
            time_factor = results[b][op][0] / max(results[a][op][0], 1e-9)
            rows_factor = results[b][op][1] / max(results[a][op][1], 1)
            data_factor = sessions[b] / max(sessions[a], 1)
            cells.append(
                f"{_factor(time_factor)} (rows {_factor(rows_factor)}): "
                f"{verdict(time_factor, rows_factor, data_factor)}"
            )
        lines.append(f"| {op} | " + " | ".join(cells) + " |")
    counts = " | ".join(f"{sessions[label]:,}".replace(",", ".") for label in labels)
    lines.append(f"| sessions in the database | {counts} |" + " |" * len(steps))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from benchmarks.bench_commands import growth_database

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="10k,130k,1M", help="of: " + ",".join(SIZES))
    parser.add_argument("--db", help="the 130k stress database (default: benchmarks/out)")
    options = parser.parse_args(argv)
    os.environ["XDG_DATA_HOME"] = str(WORK / "data")
    os.environ["XDG_CONFIG_HOME"] = str(WORK / "config")
    stress = Path(options.db) if options.db else stress_database()
    results: dict[str, dict[str, tuple[float, int]]] = {}
    for label in [s for s in options.sizes.split(",") if s]:
        print(f"{label}:", flush=True)
        source = growth_database(label, SIZES[label], stress)
        results[label] = measure(working_copy(label, source), options.runs)
        for op, (seconds, rows) in results[label].items():
            if op != "sessions":
                print(f"  {op:<44} {_ms(seconds):>10}  ({rows} rows)", flush=True)
    print(
        f"\nMedians of {options.runs} runs after a warm-up; machine shared, 2 cores. "
        "“rows” is how many more rows the operation returns.\n"
    )
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
