"""The same data on a SQLite file and on a PostgreSQL server (issue 17): a ``province`` demo
file copied with ``copy --from FILE --to URL`` (counts checked), then the province year report
and the lists' first page and search on both, alternating, medians and ratios; the reports must
be the same figure for figure.

    python benchmarks/bench_server_reports.py --server postgresql://postgres@127.0.0.1:5432/postgres
        [--scale province] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _timed(function) -> float:
    began = time.perf_counter()
    function()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True, help="maintenance URL of a PostgreSQL server")
    parser.add_argument("--scale", default="province", choices=("small", "province", "stress"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--file", help="an existing database file (a COPY of the stress one)")
    args = parser.parse_args()

    import psycopg2

    from movement_desk.db import server_admin
    from movement_desk.services import reports
    from movement_desk.services.admin import demo
    from movement_desk.services.admin.bootstrap import close_database, prepare_database
    from movement_desk.services.core.actor import LOCAL_ACTOR
    from movement_desk.services.core.filters import RecordFilter
    from movement_desk.services.records import sessions

    if args.file:
        source = Path(args.file)
    else:
        folder = Path(tempfile.mkdtemp(prefix="md-bench-reports-"))
        source = folder / f"{args.scale}.sqlite3"
        began = time.perf_counter()
        prepare_database(source)
        demo.build_demo(args.scale, seed=2024)
        close_database()
        print(f"demo {args.scale}: {time.perf_counter() - began:.1f} s")

    name = "md_bench_reports"
    admin = psycopg2.connect(args.server)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = urlunsplit(urlsplit(args.server)._replace(path="/" + name))
    try:
        began = time.perf_counter()
        counts = server_admin.copy_file_to_server(source, url)
        rows = sum(target for _source, target in counts.values())
        equal = all(a == b for a, b in counts.values())
        print(
            f"copy: {len(counts)} tables, {rows} rows, counts equal: {equal}, "
            f"{time.perf_counter() - began:.1f} s"
        )

        def report():
            data = reports.build_report("06", "2025", "calendar", actor=LOCAL_ACTOR)
            return asdict(data.total), [asdict(r) for r in data.unit_rows]

        def first_page():
            list(sessions.session_query(RecordFilter()).limit(100))

        def search():
            list(sessions.session_query(RecordFilter(text="cho don")).limit(100))

        figures = {}
        times: dict[tuple[str, str], list[float]] = {}
        targets = {"SQLite": str(source), "PostgreSQL": url}
        for _ in range(args.runs):
            for label, target in targets.items():
                prepare_database(target)
                figures[label] = report()
                for part, function in (
                    ("year report, province 06", report),
                    ("sessions list, first page", first_page),
                    ("search “cho don”, first page", search),
                ):
                    times.setdefault((part, label), []).append(_timed(function))
                close_database()
        print(
            f"year report the same figure for figure: {figures['SQLite'] == figures['PostgreSQL']}"
        )
        print("| part | SQLite | PostgreSQL | ratio |")
        print("|---|---|---|---|")
        for part in dict.fromkeys(p for p, _ in times):
            lite = statistics.median(times[(part, "SQLite")]) * 1000
            server = statistics.median(times[(part, "PostgreSQL")]) * 1000
            print(f"| {part} | {lite:.0f} ms | {server:.0f} ms | {server / lite:.1f}× |")
    finally:
        close_database()
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


if __name__ == "__main__":
    main()
