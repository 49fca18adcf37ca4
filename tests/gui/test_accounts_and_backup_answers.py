"""The accounts dialogs and the Tools menu's backup actions when the user answers otherwise:
passwords typed twice differently, a dialog cancelled, no account selected, a backup or restore
without a follow-up, the day's backup that fails or finds damage (gui/accounts_dialogs.py,
gui/maintenance_actions.py, gui/audit_view.py)."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QMainWindow

from movement_desk.db import backup
from movement_desk.db.account_tables import UserAccount
from movement_desk.db.models import ActivitySession
from movement_desk.gui import maintenance_actions
from movement_desk.gui.accounts_dialogs import (
    ChangePasswordDialog,
    FirstAdminDialog,
    LoginDialog,
    ResetPasswordDialog,
    UserEditDialog,
    UserManagementDialog,
)
from movement_desk.gui.audit_view import AuditView
from movement_desk.services.admin import accounts, maintenance
from movement_desk.services.records import sessions
from tests.account_fixtures import PASSWORD
from tests.gui.test_accounts_gui import prompts  # noqa: F401 - answers the dialogs
from tests.services.test_permissions import SESSION

pytestmark = pytest.mark.usefixtures("vietnamese_qt")  # the words the user reads


@pytest.fixture
def files_only(backend):
    if backend != "sqlite":
        pytest.skip("backups of a file (a server is backed up with pg_dump)")


def _password_hash(username: str) -> str:
    return UserAccount.get(UserAccount.username == username).password_hash


# -- accounts ----------------------------------------------------------------------------------


def test_passwords_typed_twice_differently_are_refused_in_each_dialog(qtbot, people):
    change = ChangePasswordDialog(people["clerk"])
    qtbot.addWidget(change)
    change.change_old.setText(PASSWORD)
    change.change_new.setText("Mat-khau-moi-5")
    change.change_confirm.setText("Mat-khau-moi-6")
    before = _password_hash("clerk")
    change.change_buttons.accepted.emit()
    assert change.change_error.text() == "Hai lần nhập mật khẩu mới không khớp nhau."
    assert _password_hash("clerk") == before

    edit = UserEditDialog(people["admin"])
    qtbot.addWidget(edit)
    edit.user_username.setText("newbie")
    edit.user_unit.setCurrentIndex(edit.user_unit.findData("061"))
    edit.user_password.setText("Mat-khau-moi-6")
    edit.user_confirm.setText("Mat-khau-moi-7")
    edit.user_buttons.accepted.emit()
    assert edit.user_error.text() == "Hai lần nhập mật khẩu không khớp nhau."
    assert not UserAccount.select().where(UserAccount.username == "newbie").exists()

    reset = ResetPasswordDialog(people["admin"], "lead")
    qtbot.addWidget(reset)
    reset.reset_new.setText("Mat-khau-moi-7")
    reset.reset_confirm.setText("Mat-khau-moi-8")
    before = _password_hash("lead")
    reset.reset_buttons.accepted.emit()
    assert reset.reset_error.text() == "Hai lần nhập mật khẩu mới không khớp nhau."
    assert _password_hash("lead") == before


def test_the_accounts_list_shows_the_last_sign_in(qtbot, people):
    accounts.authenticate("clerk", PASSWORD)
    # An account made and never used since.
    UserAccount.update(last_login_at=None).where(UserAccount.username == "officer").execute()
    dialog = UserManagementDialog(people["admin"])
    qtbot.addWidget(dialog)
    model = dialog.users_model
    shown = {
        model.index(row, 0).data(): (model.index(row, 4).data(), model.index(row, 5).data())
        for row in range(model.rowCount())
    }
    assert shown["clerk"][0] == "đang hoạt động"
    assert shown["clerk"][1].startswith(date.today().strftime("%d/%m/%Y "))
    assert shown["officer"][1] == ""  # never signed in


def test_add_and_reset_from_the_accounts_list_and_buttons_without_a_selection(
    qtbot, people, monkeypatch
):
    dialog = UserManagementDialog(people["admin"])
    qtbot.addWidget(dialog)
    count = dialog.users_model.rowCount()

    def add_cancelled(edit):
        edit.user_username.setText("bo-do")
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(UserEditDialog, "exec", add_cancelled)
    dialog.users_add.click()
    assert dialog.users_model.rowCount() == count
    assert not UserAccount.select().where(UserAccount.username == "bo-do").exists()

    def add(edit):
        edit.user_username.setText("newbie")
        edit.user_role.setCurrentIndex(edit.user_role.findData("clerk"))
        edit.user_unit.setCurrentIndex(edit.user_unit.findData("061"))
        edit.user_password.setText("Mat-khau-moi-6")
        edit.user_confirm.setText("Mat-khau-moi-6")
        edit.user_buttons.accepted.emit()
        return edit.result()

    monkeypatch.setattr(UserEditDialog, "exec", add)
    dialog.users_add.click()
    assert dialog.users_model.rowCount() == count + 1
    assert "newbie" in [user.username for user in dialog.users_model.rows]

    opened: list[str] = []

    def reset(reset_dialog):
        opened.append(reset_dialog.username)
        reset_dialog.reset_new.setText("Mat-khau-moi-9")
        reset_dialog.reset_confirm.setText("Mat-khau-moi-9")
        reset_dialog.reset_buttons.accepted.emit()
        return reset_dialog.result()

    monkeypatch.setattr(ResetPasswordDialog, "exec", reset)
    dialog.users_table.clearSelection()
    dialog.users_reset.click()  # nobody selected: nothing opens
    dialog.users_disable.click()
    assert opened == []
    assert not UserAccount.select().where(UserAccount.disabled_at.is_null(False)).exists()
    dialog.select_user("lead")
    dialog.users_reset.click()
    assert opened == ["lead"]
    assert accounts.authenticate("lead", "Mat-khau-moi-9").username == "lead"


def test_cancelling_the_first_administrator_or_the_sign_in_signs_nobody_in(
    qtbot, database, fast_hashing, monkeypatch
):
    monkeypatch.setattr(FirstAdminDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert maintenance_actions.sign_in_interactively() is None
    assert not accounts.has_accounts()
    accounts.create_first_admin("quantri", PASSWORD, "06")
    monkeypatch.setattr(LoginDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert maintenance_actions.sign_in_interactively(None, "quantri") is None


def test_the_audit_trail_between_two_dates_and_an_export_cancelled(
    qtbot,
    people,
    prompts,  # noqa: F811
    tmp_path,
):
    said, answers = prompts
    sessions.create_session(SESSION, people["officer"])
    view = AuditView(people["admin"])
    qtbot.addWidget(view)
    everyone = view.audit_model.rowCount()
    assert everyone > 0
    view.audit_use_dates.setChecked(True)
    view.audit_start.setDate(QDate(2001, 1, 1))
    view.audit_end.setDate(QDate(2001, 12, 31))
    view.audit_apply.click()
    assert view.audit_model.rowCount() == 0
    assert view.audit_status.text() == "0 mục"
    today = QDate.currentDate()
    view.audit_start.setDate(today.addDays(-1))
    view.audit_end.setDate(today)
    view.audit_apply.click()
    assert view.audit_model.rowCount() == everyone
    answers["save"] = ""  # the file dialog cancelled
    view.audit_export.click()
    assert view.audit_status.text() == f"{everyone} mục"
    assert list(tmp_path.glob("*.xlsx")) == [] and said == []


# -- backup and restore ------------------------------------------------------------------------


def test_back_up_now_without_a_follow_up_says_where(
    qtbot,
    people,
    prompts,  # noqa: F811
    files_only,
):
    said, _ = prompts
    sessions.create_session(SESSION, people["officer"])
    task = maintenance_actions.back_up_now(None, people["admin"])
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    kind, text = said[-1]
    assert kind == "inform" and text.startswith("Đã sao lưu vào ")
    assert [b.reason for b in backup.list_backups()][0] == "manual"


def test_an_unexpected_backup_failure_is_named_with_its_kind(
    qtbot,
    people,
    prompts,  # noqa: F811
    monkeypatch,
):
    said, _ = prompts

    def failing(actor, target=None):
        raise RuntimeError("bản sao không khớp")

    monkeypatch.setattr(maintenance, "backup_now", failing)
    task = maintenance_actions.back_up_now(None, people["admin"], lambda path: said.append(path))
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    assert said == [("warn", "RuntimeError: bản sao không khớp")]


def test_a_restore_cancelled_at_the_list_asks_nothing_more_and_one_without_follow_up_restores(
    qtbot,
    people,
    prompts,  # noqa: F811
    files_only,
):
    said, answers = prompts
    sessions.create_session(SESSION, people["officer"])
    task = maintenance_actions.back_up_now(None, people["admin"])
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    sessions.create_session({**SESSION, "title": "Sau khi sao lưu"}, people["officer"])
    answers["item"] = -1  # the list of backups cancelled
    said.clear()
    assert maintenance_actions.restore_backup(None, people["admin"]) is None
    assert [kind for kind, _ in said] == ["choose"]  # no question, no restore
    assert ActivitySession.select().count() == 2
    answers["item"] = 0
    task = maintenance_actions.restore_backup(None, people["admin"])
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    kind, text = said[-1]
    assert kind == "inform" and text.startswith("Đã khôi phục từ ")
    assert ActivitySession.select().count() == 1


def _daily(qtbot, db_path) -> tuple[QMainWindow, maintenance_actions.DailyBackup]:
    window = QMainWindow()
    qtbot.addWidget(window)
    return window, maintenance_actions.DailyBackup(window, db_path)


def _run(qtbot, daily) -> None:
    with qtbot.waitSignal(daily.ended, timeout=60_000):
        daily.start()
    qtbot.waitUntil(lambda: daily.done, timeout=10_000)


def test_the_days_backup_made_once_then_not_due_the_same_day(
    qtbot, database, db_path, no_prompts, backend
):
    if backend != "sqlite":
        pytest.skip("a server is backed up with pg_dump")
    for made in backup.list_backups(db_path):
        made.path.unlink()
    window, daily = _daily(qtbot, db_path)
    _run(qtbot, daily)
    assert daily.made is not None
    assert window.statusBar().currentMessage() == f"Bản sao lưu hôm nay: {daily.made.path.name}"
    daily.start()  # a second start does not copy again
    assert daily.wait(10_000)
    assert len(backup.list_backups(db_path)) == 1

    window, again = _daily(qtbot, db_path)
    window.statusBar().showMessage("Đang tải…")
    _run(qtbot, again)
    assert again.made is None  # already made today
    assert window.statusBar().currentMessage() == ""
    assert len(backup.list_backups(db_path)) == 1 and no_prompts == []


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (backup.BackupError("Thư mục sao lưu đầy."), "Thư mục sao lưu đầy."),
        (
            sqlite3.DatabaseError("database disk image is malformed"),
            "Cơ sở dữ liệu test.sqlite3 bị hỏng, không đọc được (database disk image is "
            "malformed).\n\nĐừng lưu thêm gì: hãy khôi phục bản sao lưu tốt gần nhất bằng "
            "Công cụ → Khôi phục…",
        ),
    ],
)
def test_a_days_backup_that_fails_or_finds_damage_is_said(
    qtbot, database, db_path, no_prompts, monkeypatch, error, said, files_only
):
    def daily_backup_if_due(now=None, *, progress=None):
        raise error

    monkeypatch.setattr(backup, "daily_backup_if_due", daily_backup_if_due)
    window, daily = _daily(qtbot, db_path)
    _run(qtbot, daily)
    assert daily.made is None
    assert no_prompts == [("warn", said.replace("test.sqlite3", db_path.name))]


def test_an_unexpected_error_of_the_days_backup_is_not_swallowed(
    qtbot, database, db_path, no_prompts, monkeypatch, files_only
):
    def daily_backup_if_due(now=None, *, progress=None):
        raise sqlite3.OperationalError("database is locked")  # busy, not damaged

    monkeypatch.setattr(backup, "daily_backup_if_due", daily_backup_if_due)
    window, daily = _daily(qtbot, db_path)
    with qtbot.captureExceptions() as raised:
        _run(qtbot, daily)
    assert [str(exc) for _, exc, _ in raised] == ["database is locked"]
    assert no_prompts == []  # the exception hook tells the user, with the log


def test_closing_the_window_during_the_days_backup_says_so_and_waits_for_it(
    qtbot, database, db_path, no_prompts, monkeypatch, backend
):
    if backend != "sqlite":
        pytest.skip("a server is backed up with pg_dump")
    import threading

    for made in backup.list_backups(db_path):
        made.path.unlink()
    started, release = threading.Event(), threading.Event()
    real_daily = backup.daily_backup_if_due

    def held(now=None, *, progress=None):  # the real copy, once the window is being closed
        started.set()
        release.wait(10)
        return real_daily(now, progress=progress)

    monkeypatch.setattr(backup, "daily_backup_if_due", held)
    window, daily = _daily(qtbot, db_path)
    window.installEventFilter(daily)
    finishing = "Đang hoàn tất bản sao lưu hôm nay…"
    shown: list[str] = []

    def on_message(text: str) -> None:
        shown.append(text)
        if text == finishing:
            release.set()  # the copy may end now: the user has been told

    window.statusBar().messageChanged.connect(on_message)
    daily.start()
    assert started.wait(10)
    window.close()
    assert finishing in shown
    assert daily.done  # the window closed only once the copy had ended
    assert [b.reason for b in backup.list_backups(db_path)] == ["daily"]
