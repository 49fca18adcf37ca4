"""Backups through the SQLite backup API: when they are taken, rotation, restore, the check,
and the backup before a migration."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from movement_desk.db import backup, migrations
from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.connection import close_database, db, open_database
from movement_desk.db.models import ActivitySession
from movement_desk.services.admin import bootstrap, maintenance
from movement_desk.services.core.actor import LOCAL_ACTOR
from movement_desk.services.records import commendations, sessions
from tests.services.test_permissions import DECISION, RECIPIENTS, SESSION


def _count_sessions(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT count(*) FROM activity_session WHERE deleted_at IS NULL"
        ).fetchone()[0]
    finally:
        connection.close()


def test_backup_to_writes_one_checked_self_contained_file(database, tmp_path):
    sessions.create_session(SESSION, LOCAL_ACTOR)
    target = backup.backup_to(tmp_path / "copy" / "ban-sao.sqlite3")
    assert target.is_file() and not Path(str(target) + "-wal").exists()
    assert backup.file_problem(target) is None
    assert _count_sessions(target) == 1
    connection = sqlite3.connect(target)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    connection.close()


def test_automatic_backups_only_when_the_data_changed(database):
    first = backup.auto_backup("daily", now=datetime(2026, 3, 1, 8, 0))
    again = backup.auto_backup("close", now=datetime(2026, 3, 1, 9, 0))
    assert again.path == first.path and len(backup.list_backups()) == 1
    sessions.create_session(SESSION, LOCAL_ACTOR)
    changed = backup.auto_backup("close", now=datetime(2026, 3, 1, 10, 0))
    assert changed.path != first.path
    assert changed.path.name.endswith("-20260301-100000-close.sqlite3")
    assert [b.reason for b in backup.list_backups()] == ["close", "daily"]
    assert backup.backup_dir().name == "test-backups"


def test_daily_backup_once_a_day(database):
    assert backup.daily_backup_if_due(datetime(2026, 3, 1, 8, 0)) is not None
    sessions.create_session(SESSION, LOCAL_ACTOR)
    assert backup.daily_backup_if_due(datetime(2026, 3, 1, 17, 0)) is None
    assert backup.daily_backup_if_due(datetime(2026, 3, 2, 8, 0)) is not None


def _fake(moment: datetime) -> backup.BackupInfo:
    return backup.BackupInfo(Path(f"x-{moment:%Y%m%d-%H%M%S}-daily.sqlite3"), moment, "daily")


def test_rotation_keeps_7_daily_4_weekly_12_monthly():
    # One backup a day at 08:00 and one at 17:00 for 500 days up to Sunday 29/11/2026.
    last = datetime(2026, 11, 29, 17, 0)
    items = []
    for days in range(500):
        day = last - timedelta(days=days)
        items += [_fake(day.replace(hour=8)), _fake(day)]
    kept = backup.backups_to_keep(items)
    kept_times = sorted((b.taken_at for b in items if b.path in kept), reverse=True)
    expected = {last - timedelta(days=d) for d in range(7)}  # newest of each of 7 days
    expected.add(last.replace(hour=8))  # among the 3 newest
    # ISO weeks 47, 46, 45 (week 48 is the daily ones)
    expected |= {datetime(2026, 11, 22, 17), datetime(2026, 11, 15, 17), datetime(2026, 11, 8, 17)}
    expected |= {datetime(2026, m, d, 17) for m, d in ((10, 31), (9, 30), (8, 31), (7, 31))}
    expected |= {datetime(2026, m, d, 17) for m, d in ((6, 30), (5, 31), (4, 30), (3, 31))}
    expected |= {datetime(2026, m, d, 17) for m, d in ((2, 28), (1, 31))}
    expected.add(datetime(2025, 12, 31, 17))  # 12th month (Nov 2026 counts as the first)
    assert set(kept_times) == expected
    assert len(kept_times) == 1 + 7 + 3 + 11


def test_rotate_deletes_files_beyond_the_rule(database):
    directory = backup.backup_dir()
    directory.mkdir(parents=True, exist_ok=True)
    start = datetime(2026, 1, 1, 9)
    for days in range(40):
        moment = start + timedelta(days=days)
        (directory / f"test-{moment:%Y%m%d-%H%M%S}-daily.sqlite3").write_bytes(b"")
    (directory / "notes.txt").write_text("not a backup")
    removed = backup.rotate()
    left = backup.list_backups()
    assert len(left) == 40 - len(removed)
    # 03/02–09/02 (7 days), Sundays 01/02 and 25/01 (ISO weeks), 31/01 (month of January).
    assert len(left) == 10
    assert (directory / "notes.txt").exists()


def test_restore_puts_back_the_backup_and_keeps_the_state_before(database, db_path, fast_hashing):
    from movement_desk.services.admin import accounts

    accounts.create_first_admin("admin", "mat-khau-thu-7", "06")  # a file with no admin is refused
    kept = sessions.create_session(SESSION, LOCAL_ACTOR)
    saved = maintenance.backup_now(LOCAL_ACTOR)
    sessions.delete_session(kept.uuid, LOCAL_ACTOR)
    sessions.create_session({**SESSION, "title": "Sau sao lưu"}, LOCAL_ACTOR)
    assert "sao lưu trước" in maintenance.restore_confirmation(saved)
    before = maintenance.restore(saved, LOCAL_ACTOR)
    titles = [s.title for s in ActivitySession.live()]
    assert titles == [SESSION["title"]]
    assert before is not None and before != saved
    assert _count_sessions(before) == 1 and "Sau sao lưu" in Path(before).read_bytes().decode(
        "utf-8", "ignore"
    )
    restored = AuditEntry.select().where(AuditEntry.action == "database_restore").get()
    assert saved.name in restored.summary and before.name in restored.summary
    # The live database is still a healthy WAL database.
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert backup.check_database().ok


def test_restore_refuses_a_file_that_is_not_a_good_backup(database, tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(backup.BackupError, match="junk.sqlite3"):
        maintenance.restore(junk, LOCAL_ACTOR)
    assert backup.list_backups() == []  # nothing was done


def test_check_finds_and_repairs(database):
    session = sessions.create_session(SESSION, LOCAL_ACTOR)
    decision = commendations.save_decision(DECISION, RECIPIENTS, LOCAL_ACTOR)
    connection = db.connection()
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute(
        "INSERT INTO organizer (uuid, created_at, updated_at, kind, name, unit_id) "
        "VALUES ('o-1', '2024-01-01', '2024-01-01', 'police', 'Tổ mồ côi', 99999)"
    )
    connection.execute("UPDATE activity_session SET unit_id = 88888 WHERE id = ?", (session.id,))
    connection.execute("PRAGMA foreign_keys = ON")
    db.execute_sql(
        "UPDATE decision SET deleted_at = '2024-05-01 00:00:00' WHERE id = ?", (decision.id,)
    )
    db.execute_sql(
        "INSERT INTO activity_session_fts(activity_session_fts, rowid, search_key) VALUES ('delete', ?, ?)",
        (session.id, session.search_key),
    )
    db.execute_sql("DROP TRIGGER audit_entry_no_delete")

    report = maintenance.check(LOCAL_ACTOR)
    text = report.summary()
    assert "organizer dòng" in text and "activity_session dòng" in text
    assert "Nông Thị Hoa" in text
    assert "Chỉ mục tìm kiếm activity_session" in text
    assert "audit_entry_no_delete" in text
    assert len(report.repaired) == 4  # all but the session whose unit is gone
    assert "Còn 1 vấn đề chưa tự sửa được" in text
    again = backup.check_database()
    assert again.found == [
        f"activity_session dòng {session.id} trỏ tới admin_unit không còn tồn tại"
    ]


def test_a_good_database_checks_clean(database):
    sessions.create_session(SESSION, LOCAL_ACTOR)
    report = maintenance.check(LOCAL_ACTOR)
    assert report.ok and "Cơ sở dữ liệu tốt" in report.summary()


def test_a_database_with_data_is_backed_up_before_a_migration(db_path):
    old = open_database(db_path, migrate=False)
    migrations.migrate(old, target=1)
    old.execute_sql(
        "INSERT INTO admin_unit (uuid, created_at, updated_at, code, name, kind) "
        "VALUES ('u-1', '2024-01-01', '2024-01-01', '06', 'Bắc Kạn', 'tinh')"
    )
    close_database()
    bootstrap.open_upgraded(db_path)
    made = backup.list_backups(db_path)
    assert [b.reason for b in made] == ["before-migration"]
    connection = sqlite3.connect(made[0].path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    connection.close()
    assert migrations.schema_version(db.obj) == migrations.latest_version()
    close_database()


def test_a_new_database_is_not_backed_up_before_its_first_migration(db_path):
    bootstrap.open_upgraded(db_path)
    assert backup.list_backups(db_path) == []
    close_database()
