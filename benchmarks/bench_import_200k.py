"""The 200.000-row import: the whole command, its write phase, its peak memory, and how long
another user who writes at the same time waits.

Run by hand: ``python benchmarks/bench_import_200k.py [ROWS]`` (default 200.000). The import
runs as the command line does (``movement-desk import sessions FILE``) in a child process, so
its peak memory is its own; a second process writes a row every 50 ms meanwhile and reports
its longest wait for the write lock. The write phase runs from taking the write lock to the end
of the commit (the checkpoint that follows holds no lock); the lists' sort indexes a large
import builds again after its commit, one short write transaction each, are timed apart. Aims (issue #12): write phase under 3 s, peak memory
under 400 MB, the other writer waits seconds, not minutes. The machine's load shows in every
figure: compare runs made at the same time.
"""

from __future__ import annotations

import csv
import multiprocessing
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HEADER = ["date", "unit_code", "kind", "organizer_kind", "organizer_name", "title",
          "participants", "tips", "notes"]  # fmt: skip
TITLES = [
    "Tuyên truyền pháp luật",
    "Phát động phong trào",
    "Họp dân",
    "Tuyên truyền phòng chống ma túy",
]


def write_register(path: Path, rows: int, communes: list[str]) -> None:
    rng = random.Random(12)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        written = 0
        while written < rows:
            day = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.choice([2022, 2023, 2024])}"
            code, title = rng.choice(communes), rng.choice(TITLES)
            for _ in range(rng.choice([1, 1, 1, 2])):  # look-alike sessions of two hamlets
                writer.writerow([day, code, "tuyên truyền", "police", "Công an xã", title,
                                 rng.randint(10, 300), rng.randint(0, 3), ""])  # fmt: skip
                written += 1
                if written >= rows:
                    break


def _import(db_path: str, file: str, result) -> None:
    import resource

    from movement_desk.db.connection import close_database
    from movement_desk.services.admin.bootstrap import prepare_database
    from movement_desk.services.core.actor import LOCAL_ACTOR
    from movement_desk.services.records import transfer

    prepare_database(db_path)
    started = time.perf_counter()
    report = transfer.import_file("sessions", file, LOCAL_ACTOR)
    total = time.perf_counter() - started
    close_database()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    indexes = list(getattr(report, "index_seconds", []))  # (none before they moved)
    result.put((total, report.write_seconds, indexes, peak, report.summary()[:160]))


def _other_writer(db_path: str, stop, result) -> None:
    connection = sqlite3.connect(db_path, timeout=120, isolation_level=None)
    connection.execute("CREATE TABLE IF NOT EXISTS bench_probe (at REAL)")
    longest, lock, count = 0.0, 0.0, 0
    while not stop.is_set():
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        lock = max(lock, time.perf_counter() - started)  # the wait for the lock alone
        connection.execute("INSERT INTO bench_probe VALUES (?)", (started,))
        connection.execute("COMMIT")
        longest = max(longest, time.perf_counter() - started)
        count += 1
        time.sleep(0.05)
    connection.close()
    result.put((longest, lock, count))


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and not argv[0].isdigit():
        sys.exit(__doc__)  # --help, or a count that is not a whole number
    rows = int(argv[0]) if argv else 200_000
    from movement_desk.db.connection import close_database
    from movement_desk.db.models import AdministrativeUnit
    from movement_desk.services.admin.bootstrap import prepare_database

    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.sqlite3"
        prepare_database(db_path)
        communes = [
            u.code
            for u in AdministrativeUnit.select()
            if len(u.code) == 5 and u.valid_to is not None
        ]
        close_database()
        file = Path(folder) / "register.csv"
        write_register(file, rows, communes)
        print(f"file: {rows:,} rows, {file.stat().st_size / 1e6:.1f} MB")

        context = multiprocessing.get_context("spawn")
        results, probe, stop = context.Queue(), context.Queue(), context.Event()
        writer = context.Process(target=_other_writer, args=(str(db_path), stop, probe))
        writer.start()
        importer = context.Process(target=_import, args=(str(db_path), str(file), results))
        importer.start()
        total, write_seconds, indexes, peak, summary = results.get()
        importer.join()
        stop.set()
        longest, lock, count = probe.get()
        writer.join()
        print(summary)
        print(f"import, whole:             {total:8.1f} s")
        print(f"read, check, plan, backup: {total - write_seconds - sum(indexes):8.1f} s")
        print(f"write phase (lock held):   {write_seconds:8.1f} s   aim < 3 s")
        if indexes:
            print(
                f"list indexes after commit: {sum(indexes):8.1f} s   "
                f"({len(indexes)} indexes, the longest {max(indexes):.2f} s)"
            )
        print(f"peak memory of the import: {peak:8.0f} MB  aim < 400 MB")
        print(f"other writer, longest wait:{longest:8.1f} s   ({count} writes meanwhile)")
        print(f"  of which for the lock:   {lock:8.1f} s")


if __name__ == "__main__":
    main()
