"""Import of a package of 10.000 sessions against raw sqlite3 inserting the same rows.

Run by hand: ``python benchmarks/bench_packages.py [--sessions N]``. Prints the export time,
the import time (read, verify, the backup before it, merge, write, one audit entry per new
record, register: everything ``package import`` does), the time raw ``sqlite3`` takes to
insert the very session rows the import stored into an identical fresh database (same schema,
triggers, indexes and pragmas; not the audit entries), and the ratio. Aim: within 3×.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from movement_desk.db.connection import close_database, db  # noqa: E402
from movement_desk.services import packages  # noqa: E402
from movement_desk.services.admin.bootstrap import prepare_database  # noqa: E402
from movement_desk.services.core import settings, signing  # noqa: E402
from movement_desk.services.core.actor import LOCAL_ACTOR  # noqa: E402
from movement_desk.services.records import sessions  # noqa: E402

COMMUNE = "01858"
KINDS = ("launch", "propaganda", "pledge", "dialogue")


def _fresh(template: Path, path: Path) -> Path:
    source, target = sqlite3.connect(template), sqlite3.connect(path)
    with target:
        source.backup(target)
    source.close()
    target.close()
    return path


def build_source(path: Path, count: int) -> None:
    prepare_database(path)
    rng = random.Random(2024)
    first = date(2024, 1, 1)
    with db.atomic():
        for n in range(count):
            day = first + timedelta(days=rng.randrange(0, 360))
            sessions.create_session(
                {
                    "date": day,
                    "unit_code": COMMUNE,
                    "kind": rng.choice(KINDS),
                    "organizer_kind": "police",
                    "organizer_name": "Công an xã Bằng Thành",
                    "title": f"Tuyên truyền phòng, chống tội phạm tại thôn số {n}",
                    "participants": rng.randrange(10, 400),
                    "tips": rng.randrange(0, 5),
                    "notes": "Lồng ghép tuyên truyền pháp luật về an ninh, trật tự",
                },
                LOCAL_ACTOR,
            )
    close_database()


def raw_baseline(imported: Path, target: Path) -> float:
    """Insert, with plain sqlite3, the rows the import stored, into a fresh copy."""
    source = sqlite3.connect(imported)
    columns = [
        row[1] for row in source.execute("PRAGMA table_info(activity_session)") if row[1] != "id"
    ]
    rows = source.execute(f"SELECT {', '.join(columns)} FROM activity_session").fetchall()
    source.close()
    connection = sqlite3.connect(target, isolation_level=None)
    connection.execute("PRAGMA journal_mode = wal")
    connection.execute("PRAGMA synchronous = full")
    sql = (
        f"INSERT INTO activity_session ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    started = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(sql, rows)
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-packages-"))
    signing.os.environ.setdefault(signing.KEY_DIR_ENV_VAR, str(work / "keys"))
    try:
        template = work / "template.sqlite3"
        prepare_database(template)
        close_database()

        source = _fresh(template, work / "commune.sqlite3")
        prepare_database(source)
        settings.put("installation_id", "bench-commune")
        close_database()
        started = time.perf_counter()
        build_source(source, args.sessions)
        print(f"built {args.sessions} sessions in {time.perf_counter() - started:.2f} s")

        package = work / "commune.mdpkg"
        prepare_database(source)
        started = time.perf_counter()
        result = packages.export_package(COMMUNE, package, LOCAL_ACTOR)
        export_time = time.perf_counter() - started
        signing.export_public_key(work / "commune.mdkey", LOCAL_ACTOR)
        close_database()
        print(
            f"export: {export_time:.3f} s, {result.record_count} records, "
            f"{package.stat().st_size / 1e6:.1f} MB"
        )

        target = _fresh(template, work / "province.sqlite3")
        prepare_database(target)
        signing.trust_key(work / "commune.mdkey", COMMUNE, LOCAL_ACTOR)  # enrolled once
        started = time.perf_counter()
        report = packages.import_package(package, LOCAL_ACTOR)
        import_time = time.perf_counter() - started
        close_database()
        assert report.counts["activity_session"].new == args.sessions, report.summary()

        baseline = raw_baseline(target, _fresh(template, work / "baseline.sqlite3"))
        print(f"import (movement_desk): {import_time:.3f} s")
        print(f"raw sqlite3 executemany of the same rows: {baseline:.3f} s")
        print(f"ratio: {import_time / baseline:.2f}x (aim: within 3x)")
    finally:
        close_database()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
