"""Backups in less common moments: a day's first use when yesterday's backup still holds the
data (no copy, the open file's pages checked instead), a leftover partial file of an earlier
run under the same process id, a restore asked for in the middle of a write."""

from __future__ import annotations

import os
from datetime import datetime

import pytest

from movement_desk.db import backup
from movement_desk.db.connection import db
from movement_desk.services.core.actor import LOCAL_ACTOR
from movement_desk.services.records import sessions

SESSION = {
    "date": "05/03/2024", "unit_code": "01834", "kind": "launch",
    "organizer_kind": "police", "title": "Phát động",
}  # fmt: skip


def test_a_new_day_with_unchanged_data_copies_nothing_and_checks_the_file(database, monkeypatch):
    sessions.create_session(SESSION, LOCAL_ACTOR)
    yesterday = backup.daily_backup_if_due(datetime(2026, 3, 1, 8, 0))
    assert yesterday is not None
    checked = []
    quick_check = backup._require_undamaged
    monkeypatch.setattr(backup, "_require_undamaged", lambda: checked.append(quick_check()))
    today = backup.daily_backup_if_due(datetime(2026, 3, 2, 8, 0))
    assert today.path == yesterday.path  # it already holds the data: no second copy
    assert [b.path for b in backup.list_backups()] == [yesterday.path]
    assert checked == [None]  # the open file's pages were looked at, and found good


def test_a_leftover_partial_file_of_the_same_process_id_is_replaced(database, tmp_path):
    folder = tmp_path / "sao-luu"
    folder.mkdir()
    target = folder / "sao-luu.sqlite3"
    leftover = folder / f"sao-luu.sqlite3.{os.getpid()}.part"
    leftover.write_bytes(b"half a backup from a run that was killed")
    assert backup.backup_to(target) == target
    assert not leftover.exists()
    assert backup.file_problem(target) is None
    assert [p.name for p in folder.iterdir()] == ["sao-luu.sqlite3"]


def test_a_restore_in_the_middle_of_a_write_is_refused(database, tmp_path):
    good = backup.backup_to(tmp_path / "tot.sqlite3")
    with db.atomic():
        created = sessions.create_session(SESSION, LOCAL_ACTOR)
        with pytest.raises(backup.BackupError, match="Đang có thao tác ghi dở dang; hãy thử lại."):
            backup.restore_into_open_database(good)
    assert sessions.get_session(created.uuid).title == "Phát động"  # the write went through
