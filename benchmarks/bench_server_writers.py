"""Many people at once (issue 17): N writer processes enter sessions for S seconds on one SQLite
file and on a PostgreSQL server; sessions/s, p95 save latency, and the rows counted afterwards
(0 lost, 0 duplicated).

    python benchmarks/bench_server_writers.py --server postgresql://postgres@127.0.0.1:5432/postgres
        [--writers 8] [--seconds 30]

``--server`` names a maintenance database of a server where a throw-away database may be
created (and dropped afterwards); without it only the SQLite file is measured. Each save is a
whole service call (validation, rights, audit entry, organiser catalogue), one transaction.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RAW = {
    "date": "05/03/2025",
    "unit_code": "01834",
    "kind": "launch",
    "organizer_kind": "police",
    "organizer_name": "Công an xã",
    "participants": "100",
    "tips": "1",
}


def _writer(target: str, index: int, seconds: float, start_at: float, results) -> None:
    from movement_desk.db.connection import open_database
    from movement_desk.services.core.actor import Actor
    from movement_desk.services.records import sessions

    open_database(target)
    actor = Actor(username=f"writer{index}", display_name=f"Writer {index}")
    while time.time() < start_at:
        time.sleep(0.01)
    latencies, saved, failed = [], 0, 0
    deadline = start_at + seconds
    number = 0
    while time.time() < deadline:
        number += 1
        began = time.perf_counter()
        try:
            sessions.create_session({**RAW, "title": f"bench w{index} n{number}"}, actor)
            saved += 1
        except Exception as exc:  # counted: a refused save is not a lost one
            failed += 1
            print(
                f"writer {index}: {type(exc).__name__}: {exc} "
                f"(after {time.perf_counter() - began:.1f} s)",
                file=sys.stderr,
            )
        latencies.append(time.perf_counter() - began)
    results.put((index, saved, failed, latencies))


def run(target: str, writers: int, seconds: float) -> dict:
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    start_at = time.time() + 8  # every process open and ready first
    processes = [
        context.Process(target=_writer, args=(target, i, seconds, start_at, results))
        for i in range(writers)
    ]
    for process in processes:
        process.start()
    collected = [results.get(timeout=seconds + 600) for _ in processes]
    for process in processes:
        process.join()
    saved = sum(c[1] for c in collected)
    failed = sum(c[2] for c in collected)
    latencies = sorted(x for c in collected for x in c[3])
    from peewee import fn

    from movement_desk.db.connection import close_database, open_database
    from movement_desk.db.models import ActivitySession

    open_database(target)
    rows = ActivitySession.select().where(ActivitySession.title.startswith("bench w")).count()
    distinct = (
        ActivitySession.select(fn.COUNT(fn.DISTINCT(ActivitySession.title)))
        .where(ActivitySession.title.startswith("bench w"))
        .scalar()
    )
    close_database()
    return {
        "saved": saved,
        "refused": failed,
        "rows": rows,
        "lost": saved - distinct,
        "duplicated": rows - distinct,
        "per_second": saved / seconds,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else 0,
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0,
    }


def _fresh_server_database(admin_url: str, name: str) -> str:
    import psycopg2

    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return urlunsplit(urlsplit(admin_url)._replace(path="/" + name))


def _drop_server_database(admin_url: str, name: str) -> None:
    import psycopg2

    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", help="maintenance URL of a PostgreSQL server")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()

    from movement_desk.db.connection import close_database
    from movement_desk.services.admin.bootstrap import prepare_database

    targets = []
    folder = Path(tempfile.mkdtemp(prefix="md-bench-writers-"))
    sqlite_file = folder / "writers.sqlite3"
    prepare_database(sqlite_file)
    close_database()
    targets.append(("SQLite file", str(sqlite_file)))
    server_name = "md_bench_writers"
    if args.server:
        url = _fresh_server_database(args.server, server_name)
        prepare_database(url)
        close_database()
        targets.append(("PostgreSQL", url))
    print(f"{args.writers} writers, {args.seconds:g} s each backend")
    print(
        "| backend | sessions/s | p50 save | p95 save | saved | refused | rows | lost | duplicated |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    try:
        for label, target in targets:
            r = run(target, args.writers, args.seconds)
            print(
                f"| {label} | {r['per_second']:.1f} | {r['p50_ms']:.0f} ms | {r['p95_ms']:.0f} ms "
                f"| {r['saved']} | {r['refused']} | {r['rows']} | {r['lost']} | {r['duplicated']} |",
                flush=True,
            )
    finally:
        if args.server:
            _drop_server_database(args.server, server_name)


if __name__ == "__main__":
    main()
