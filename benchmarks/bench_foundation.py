"""Foundation operations on the stress database against raw sqlite3 doing the same work.

- search: the sessions list's accent-free search (first 200 rows and the count);
- totals: a year's sessions, participants and tips per commune;
- import: 10.000 sessions from a CSV file (validation included) against executemany.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

from benchmarks.common import best_of, copy_database, report, stress_database

AIM = 2.0


def bench_search(db_path: Path) -> None:
    from movement_desk.db.connection import close_database, open_database
    from movement_desk.services.core.filters import RecordFilter
    from movement_desk.services.records import sessions

    open_database(db_path)

    def ours():
        query = sessions.session_query(RecordFilter(text="phong chong ma tuy"))
        rows = list(query.limit(200))
        return query.count(), rows

    raw = sqlite3.connect(db_path)

    def baseline():
        where = (
            "s.deleted_at IS NULL AND s.id IN (SELECT rowid FROM activity_session_fts "
            "WHERE activity_session_fts MATCH ?)"
        )
        match = '"phong" AND "chong" AND "tuy"'
        rows = raw.execute(
            f"SELECT s.*, u.* FROM activity_session s JOIN admin_unit u ON u.id = s.unit_id WHERE {where} "
            "AND s.search_key LIKE '%ma%' ORDER BY s.held_on DESC, s.id DESC LIMIT 200",
            (match,),
        ).fetchall()
        count = raw.execute(
            f"SELECT count(*) FROM activity_session s WHERE {where} AND s.search_key LIKE '%ma%'",
            (match,),
        ).fetchone()
        return count, rows

    report("search sessions 'phong chong ma tuy'", best_of(ours), best_of(baseline), AIM)
    raw.close()
    close_database()


def bench_year_totals(db_path: Path) -> None:
    from peewee import fn

    from movement_desk.db.connection import close_database, open_database
    from movement_desk.db.models import ActivitySession
    from movement_desk.services.records import units

    open_database(db_path)
    start, end = date(2024, 1, 1), date(2024, 12, 31)
    province_ids = units.subtree_ids("06")

    def ours():
        query = (
            ActivitySession.select(
                ActivitySession.unit,
                fn.COUNT(ActivitySession.id),
                fn.SUM(ActivitySession.participants),
                fn.SUM(ActivitySession.tips),
            )
            .where(
                ActivitySession.deleted_at.is_null()
                & ActivitySession.held_on.between(start, end)
                & ActivitySession.unit.in_(province_ids)
            )
            .group_by(ActivitySession.unit)
            .tuples()
        )
        return list(query)

    raw = sqlite3.connect(db_path)
    placeholders = ",".join("?" * len(province_ids))

    def baseline():
        return raw.execute(
            "SELECT unit_id, count(id), sum(participants), sum(tips) FROM activity_session "
            f"WHERE deleted_at IS NULL AND held_on BETWEEN ? AND ? AND unit_id IN ({placeholders}) "
            "GROUP BY unit_id",
            (start.isoformat(), end.isoformat(), *province_ids),
        ).fetchall()

    assert sorted(ours()) == sorted(baseline())
    report("year 2024 totals per commune", best_of(ours), best_of(baseline), AIM)
    raw.close()
    close_database()


def _sessions_csv(path: Path, count: int) -> list[tuple]:
    """A file of ``count`` new sessions, and the same rows ready for a raw insert."""
    from movement_desk import vietnamese

    rows = []
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "date",
                "unit_code",
                "kind",
                "organizer_kind",
                "organizer_name",
                "title",
                "participants",
                "tips",
            ]
        )
        for index in range(count):
            day = date(2023, 1 + index % 12, 1 + index % 28)
            title = f"Tuyên truyền phòng, chống tội phạm số {index}"
            writer.writerow(
                [
                    day.strftime("%d/%m/%Y"),
                    "01858",
                    "propaganda",
                    "police",
                    "Công an xã Bằng Thành",
                    title,
                    40,
                    1,
                ]
            )
            rows.append(
                (
                    day.isoformat(),
                    title,
                    vietnamese.fold(title + " Công an xã Bằng Thành"),
                    vietnamese.sort_key(title),
                )
            )
    return rows


def bench_import(db_path: Path, count: int = 10_000) -> None:
    import uuid as uuid_module

    from movement_desk.db.connection import close_database
    from movement_desk.services.admin.bootstrap import prepare_database
    from movement_desk.services.core.actor import LOCAL_ACTOR
    from movement_desk.services.records import transfer

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        file = folder / "sessions.csv"
        rows = _sessions_csv(file, count)

        def ours(with_backup: bool = True):
            from movement_desk.db import backup

            copy_database(db_path, folder / "ours.sqlite3")
            prepare_database(folder / "ours.sqlite3")
            original = backup.backup_before
            if not with_backup:
                backup.backup_before = lambda *args, **kwargs: None
            try:
                transfer.import_file("sessions", file, LOCAL_ACTOR)
            finally:
                backup.backup_before = original
            close_database()
            shutil.rmtree(backup.backup_dir(folder / "ours.sqlite3"), ignore_errors=True)

        def baseline():
            copy_database(db_path, folder / "raw.sqlite3")
            raw = sqlite3.connect(folder / "raw.sqlite3")
            raw.execute("PRAGMA journal_mode=wal")
            raw.execute("PRAGMA synchronous=full")
            unit_id = raw.execute("SELECT id FROM admin_unit WHERE code = '01858'").fetchone()[0]
            now = "2026-01-01 00:00:00"
            with raw:
                raw.executemany(
                    "INSERT INTO activity_session (uuid, created_at, created_by, updated_at, updated_by, held_on, "
                    "unit_id, organizer_kind, organizer_name, kind, title, participants, tips, search_key, sort_key) "
                    "VALUES (?, ?, 'raw', ?, 'raw', ?, ?, 'police', 'Công an xã Bằng Thành', 'propaganda', ?, 40, 1, ?, ?)",
                    [
                        (str(uuid_module.uuid4()), now, now, day, unit_id, title, key, sort)
                        for day, title, key, sort in rows
                    ],
                )
            raw.close()

        # The copy of the database is part of both runs; time it alone and take it out of both.
        copy_only = best_of(lambda: copy_database(db_path, folder / "copy.sqlite3"), repeat=2)
        ours_time = best_of(ours, repeat=2) - copy_only
        bare_time = best_of(lambda: ours(with_backup=False), repeat=2) - copy_only
        baseline_time = best_of(baseline, repeat=2) - copy_only
        label = f"import {count:,} sessions from CSV".replace(",", ".")
        report(f"{label} (checks, audit)", bare_time, baseline_time, AIM)
        report(f"{label} + safety backup of the database", ours_time, baseline_time)


def main() -> None:
    db_path = stress_database()
    with tempfile.TemporaryDirectory() as folder:
        working = copy_database(db_path, Path(folder) / "stress.sqlite3")
        bench_search(working)
        bench_year_totals(working)
    bench_import(db_path)


if __name__ == "__main__":
    main()
