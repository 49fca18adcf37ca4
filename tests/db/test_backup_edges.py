"""Backups and restores at their edges: no database open, a healthy file checked as if
damaged, a damaged newest backup passed over, a restore from a bad file or onto a missing one
(db/backup.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from movement_desk.db import backup
from movement_desk.db.connection import close_database, db


def test_with_no_database_open_there_is_nothing_to_back_up(tmp_path):
    previous = db.obj
    db.initialize(None)  # as at start, before any database is opened
    try:
        with pytest.raises(backup.BackupError, match="Chưa mở cơ sở dữ liệu nào."):
            backup.current_path()
        with pytest.raises(backup.BackupError, match="Chưa mở cơ sở dữ liệu nào."):
            backup.backup_to(tmp_path / "b.sqlite3")
        assert backup.current_change_marker() is None
    finally:
        db.initialize(previous)
    assert not (tmp_path / "b.sqlite3").exists()


def test_a_healthy_file_checked_offline_is_found_good(database, db_path, tmp_path):
    copy = backup.backup_to(tmp_path / "copy.sqlite3")
    report = backup.check_file(copy)
    assert report.ok and not report.damaged
    assert report.summary().startswith("Cơ sở dữ liệu tốt")


def test_a_file_that_cannot_be_read_is_reported_damaged_without_pages(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database" * 300)
    report = backup.check_file(junk)
    assert report.damaged and not report.ok
    summary = report.summary()
    assert "không đọc được tệp" in summary and "Các trang bị hỏng" not in summary
    assert summary.endswith("Tệp bị hỏng: hãy khôi phục bản sao lưu tốt gần nhất.")


def test_the_newest_good_backup_passes_over_a_damaged_newer_one(database, db_path):
    folder = backup.backup_dir(db_path)
    good = backup.backup_to(folder / f"{db_path.stem}-20240101-080000-daily.sqlite3")
    damaged = folder / f"{db_path.stem}-20240102-080000-daily.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 4000)
    assert [b.path for b in backup.list_backups(db_path)][:2] == [damaged, good]
    assert backup.newest_good_backup(db_path).path == good


def test_an_offline_restore_refuses_a_bad_source_and_fills_a_missing_file(
    database, db_path, tmp_path
):
    good = backup.backup_to(tmp_path / "good.sqlite3")
    close_database()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database" * 300)
    target = tmp_path / "elsewhere" / "new.sqlite3"
    target.parent.mkdir()
    with pytest.raises(backup.BackupError, match="Không khôi phục từ junk.sqlite3"):
        backup.restore_file_offline(junk, target)
    assert not target.exists()
    assert backup.restore_file_offline(good, target) is None  # nothing to keep aside
    connection = sqlite3.connect(target)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()
    assert list(Path(target.parent).glob("*.hong-*")) == []
