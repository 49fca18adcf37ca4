"""A restore refuses, naming why, a file that is not a usable movement_desk database; the data
in use is left as it was."""

from __future__ import annotations

import sqlite3

import pytest

from movement_desk.db import backup
from movement_desk.db.migrations import APPLICATION_ID, latest_version
from movement_desk.db.models import ActivitySession


def _not_ours(path):
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()


def _newer(path):
    backup.backup_to(path)
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {latest_version() + 1}")
    connection.close()


def _text(path):
    path.write_text("không phải cơ sở dữ liệu " * 200, encoding="utf-8")


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (None, "không có tệp"),
        (_not_ours, "không phải cơ sở dữ liệu của movement_desk"),
        (_newer, "được ghi bởi phiên bản mới hơn của chương trình"),
        (_text, "không đọc được"),
    ],
    ids=["missing", "not-ours", "newer", "not-a-database"],
)
def test_a_restore_from_an_unusable_file_is_refused_naming_why(database, tmp_path, make, said):
    source = tmp_path / "nguon.sqlite3"
    if make is not None:
        make(source)
    assert said in backup.file_problem(source)
    before = ActivitySession.select().count()
    with pytest.raises(backup.BackupError) as caught:
        backup.restore_into_open_database(source)
    assert f"Không khôi phục từ {source.name}: {said}" in str(caught.value)
    assert ActivitySession.select().count() == before


def test_a_database_is_not_restored_from_itself(database, db_path):
    with pytest.raises(backup.BackupError, match="từ chính nó"):
        backup.restore_into_open_database(db_path)


def test_a_good_backup_has_no_problem_and_is_ours(database, tmp_path):
    target = backup.backup_to(tmp_path / "tot.sqlite3")
    assert backup.file_problem(target) is None
    with sqlite3.connect(target) as connection:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    connection.close()
    assert backup.BackupInfo(target, backup.datetime.now(), "manual").size > 0
    assert backup.BackupInfo(tmp_path / "gone", backup.datetime.now(), "manual").size == 0
