"""``maintenance.restore_unopenable``: the one way the window and the command line put a backup
in place of a database that cannot be opened, with its audit entry."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from movement_desk.db import backup
from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.connection import close_database
from movement_desk.db.models import ActivitySession
from movement_desk.services.admin import accounts, maintenance
from movement_desk.services.core.errors import ServiceError
from movement_desk.services.records import sessions

SESSION = {
    "date": "05/03/2024",
    "unit_code": "01834",
    "kind": "launch",
    "organizer_kind": "police",
    "title": "Ra quân",
    "participants": 10,
}


def _damage(db_path: Path) -> None:
    close_database()
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    db_path.write_bytes(b"\x00" * 4096 * 4)


def test_the_newest_good_backup_replaces_an_unopenable_file_and_is_audited(database, db_path):
    sessions.create_session(SESSION, accounts.SYSTEM_ACTOR)
    good = backup.auto_backup("daily")
    _damage(db_path)
    assert maintenance.newest_good_backup(db_path).path == good.path

    restored = maintenance.restore_unopenable(db_path)

    assert restored.source == good.path
    assert restored.kept is not None and restored.kept.name.startswith("test.sqlite3.hong-")
    assert restored.kept.read_bytes() == b"\x00" * 4096 * 4
    assert ActivitySession.select().count() == 1
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert entry.action == "database_restore" and entry.username == "system"
    assert good.path.name in entry.summary and restored.kept.name in entry.summary


def test_no_good_backup_is_said_in_words(database, db_path):
    for item in backup.list_backups(db_path):
        item.path.unlink()
    _damage(db_path)
    with pytest.raises(ServiceError, match="Không tìm thấy bản sao lưu tốt"):
        maintenance.restore_unopenable(db_path)
    assert db_path.read_bytes() == b"\x00" * 4096 * 4


def test_a_foreign_file_without_an_administrator_is_refused(database, db_path, tmp_path):
    foreign = tmp_path / "elsewhere.sqlite3"
    backup.backup_to(foreign)  # this test database has no account at all
    _damage(db_path)
    with pytest.raises(ServiceError, match="không có tài khoản quản trị"):
        maintenance.restore_unopenable(db_path, foreign)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db_path).execute("SELECT 1 FROM sqlite_master").fetchall()
