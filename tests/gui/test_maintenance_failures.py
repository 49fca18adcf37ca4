"""The window's backup, restore and check actions when something is missing or fails: a plain
message, nothing half done."""

from __future__ import annotations

from pathlib import Path

from movement_desk.db import backup
from movement_desk.db.connection import close_database
from movement_desk.gui import maintenance_actions
from movement_desk.services.admin import maintenance
from tests.gui.test_accounts_gui import prompts  # noqa: F401 - answers the dialogs


def test_an_unopenable_database_without_a_good_backup_is_said_and_not_opened(
    qtbot,
    database,
    db_path,
    prompts,  # noqa: F811
):
    said, _ = prompts
    for item in backup.list_backups(db_path):
        item.path.unlink()
    close_database()
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    db_path.write_bytes(b"\x00" * 4096 * 4)
    assert not maintenance_actions.open_database_interactively(db_path)
    assert said[-1][0] == "warn" and str(backup.backup_dir(db_path)) in said[-1][1]
    assert db_path.read_bytes() == b"\x00" * 4096 * 4  # left as it was


def test_a_restore_that_fails_at_start_is_told_and_the_file_kept(
    qtbot,
    database,
    db_path,
    prompts,  # noqa: F811
    monkeypatch,
):
    said, answers = prompts
    backup.auto_backup("daily")
    close_database()
    db_path.write_bytes(b"\x00" * 4096 * 4)

    def failing(db_path, source=None):
        raise backup.BackupError("Không khôi phục được: ổ đĩa chỉ đọc.")

    monkeypatch.setattr(maintenance, "restore_unopenable", failing)
    answers["yes_no"] = True
    assert not maintenance_actions.offer_newest_good_backup(db_path, "Tệp hỏng.")
    assert said[-1] == ("warn", "Không khôi phục được: ổ đĩa chỉ đọc.")


def test_a_backup_that_fails_names_the_file_problem(
    qtbot,
    people,
    prompts,  # noqa: F811
    monkeypatch,
):
    said, _ = prompts

    def failing(actor, target=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(maintenance, "backup_now", failing)
    task = maintenance_actions.back_up_now(None, people["admin"])
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    assert said[-1][0] == "warn" and "No space left on device" in said[-1][1]


def test_restore_from_another_file_asks_for_the_file(
    qtbot,
    people,
    prompts,  # noqa: F811
    tmp_path,
):
    said, answers = prompts
    other = tmp_path / "ban-sao-khac.sqlite3"
    backup.backup_to(other)
    answers["item"] = len(backup.list_backups())  # the last item: "Another file…"
    answers["open"] = str(other)
    assert maintenance_actions.choose_backup(None) == other
    answers["open"] = ""  # the file dialog cancelled
    assert maintenance_actions.choose_backup(None) is None
    answers["item"] = -1  # the list cancelled
    assert maintenance_actions.choose_backup(None) is None


def test_a_check_without_the_right_is_refused_in_words(
    qtbot,
    people,
    prompts,  # noqa: F811
):
    said, _ = prompts
    assert not maintenance_actions.check_database(None, people["officer"])
    assert said[-1][0] == "warn" and "không có quyền" in said[-1][1]
