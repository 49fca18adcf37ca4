"""The accounts dialogs, the audit view and the backup actions, one widget at a time."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from movement_desk.db import backup
from movement_desk.db.account_tables import UserAccount
from movement_desk.db.connection import close_database
from movement_desk.db.models import ActivitySession
from movement_desk.gui import maintenance_actions
from movement_desk.gui import prompts as gui_prompts
from movement_desk.gui.accounts_dialogs import (
    ChangePasswordDialog,
    FirstAdminDialog,
    LoginDialog,
    ResetPasswordDialog,
    UserEditDialog,
    UserManagementDialog,
    UserTableModel,
)
from movement_desk.gui.audit_view import AuditTableModel, AuditView
from movement_desk.services.admin import accounts
from movement_desk.services.records import sessions
from tests.account_fixtures import PASSWORD
from tests.services.test_permissions import SESSION


@pytest.fixture
def prompts(monkeypatch):
    """Every prompt answered by the test: records what was said, answers from ``answers``."""
    said: list[tuple[str, str]] = []
    answers = {"yes_no": True, "item": 0, "save": "", "open": ""}
    monkeypatch.setattr(gui_prompts, "inform", lambda p, t, text: said.append(("inform", text)))
    monkeypatch.setattr(gui_prompts, "warn", lambda p, t, text: said.append(("warn", text)))

    def ask(parent, title, text, *, default_yes=False):
        said.append(("ask", text))
        return answers["yes_no"]

    def choose(parent, title, label, items):
        said.append(("choose", "\n".join(items)))
        return answers["item"]

    monkeypatch.setattr(gui_prompts, "confirm", ask)
    monkeypatch.setattr(gui_prompts, "choose_item", choose)
    monkeypatch.setattr(gui_prompts, "save_file", lambda *a, **k: answers["save"])
    monkeypatch.setattr(gui_prompts, "open_file", lambda *a, **k: answers["open"])
    return said, answers


def test_first_admin_dialog_creates_the_administrator(qtbot, database, fast_hashing):
    dialog = FirstAdminDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.first_admin_username, "quantri")
    dialog.first_admin_unit.setCurrentIndex(dialog.first_admin_unit.findData("06"))
    qtbot.keyClicks(dialog.first_admin_password, PASSWORD)
    qtbot.keyClicks(dialog.first_admin_confirm, PASSWORD + "x")
    dialog.first_admin_buttons.accepted.emit()
    assert "differ" in dialog.first_admin_error.text()
    assert not accounts.has_accounts()
    dialog.first_admin_confirm.setText(PASSWORD)
    with qtbot.waitSignal(dialog.created):
        dialog.first_admin_buttons.accepted.emit()
    account = UserAccount.get()
    assert (account.username, account.role, account.unit.code) == ("quantri", "administrator", "06")


def test_first_admin_dialog_shows_the_service_message(qtbot, database, fast_hashing):
    dialog = FirstAdminDialog()
    qtbot.addWidget(dialog)
    dialog.first_admin_username.setText("quantri")
    dialog.first_admin_password.setText("short")
    dialog.first_admin_confirm.setText("short")
    dialog.first_admin_buttons.accepted.emit()
    assert "ít nhất 8" in dialog.first_admin_error.text()
    assert dialog.result() != dialog.DialogCode.Accepted


def test_login_dialog(qtbot, people):
    dialog = LoginDialog(username="officer")
    qtbot.addWidget(dialog)
    dialog.login_password.setText("wrong-password")
    dialog.login_buttons.accepted.emit()
    assert "Sai tên đăng nhập" in dialog.login_error.text()
    assert dialog.login_password.text() == ""
    qtbot.keyClicks(dialog.login_password, PASSWORD)
    ok = dialog.login_buttons.button(dialog.login_buttons.StandardButton.Ok)
    with qtbot.waitSignal(dialog.signed_in) as signal:
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert signal.args[0].username == "officer" and dialog.actor.unit_code == "01888"


def test_change_password_dialog(qtbot, people):
    dialog = ChangePasswordDialog(people["clerk"])
    qtbot.addWidget(dialog)
    dialog.change_old.setText("not-my-password")
    dialog.change_new.setText("Mat-khau-moi-5")
    dialog.change_confirm.setText("Mat-khau-moi-5")
    dialog.change_buttons.accepted.emit()
    assert "không đúng" in dialog.change_error.text()
    dialog.change_old.setText(PASSWORD)
    with qtbot.waitSignal(dialog.changed):
        dialog.change_buttons.accepted.emit()
    assert accounts.authenticate("clerk", "Mat-khau-moi-5").username == "clerk"


def test_user_model_and_management(qtbot, qtmodeltester, people):
    model = UserTableModel(people["admin"])
    qtmodeltester.check(model)
    dialog = UserManagementDialog(people["admin"])
    qtbot.addWidget(dialog)
    names = [u.username for u in dialog.users_model.rows]
    assert names == ["admin", "clerk", "lead", "officer", "other"]

    edit = UserEditDialog(people["admin"], dialog)
    edit.user_username.setText("newbie")
    edit.user_role.setCurrentIndex(edit.user_role.findData("clerk"))
    edit.user_unit.setCurrentIndex(edit.user_unit.findData("061"))
    edit.user_password.setText("Mat-khau-moi-6")
    edit.user_confirm.setText("Mat-khau-moi-6")
    edit.user_buttons.accepted.emit()
    assert accounts.authenticate("newbie", "Mat-khau-moi-6").role == "clerk"

    dialog.users_model.reload()
    dialog.select_user("officer")
    qtbot.mouseClick(dialog.users_disable, Qt.MouseButton.LeftButton)
    assert UserAccount.get(UserAccount.username == "officer").is_disabled
    row = [u.username for u in dialog.users_model.rows].index("officer")
    assert dialog.users_model.index(row, 4).data() == "disabled"
    dialog.select_user("admin")
    qtbot.mouseClick(dialog.users_disable, Qt.MouseButton.LeftButton)
    assert "cuối cùng" in dialog.users_error.text()

    reset = ResetPasswordDialog(people["admin"], "lead", dialog)
    reset.reset_new.setText("Mat-khau-moi-7")
    reset.reset_confirm.setText("Mat-khau-moi-7")
    reset.reset_buttons.accepted.emit()
    assert accounts.authenticate("lead", "Mat-khau-moi-7").username == "lead"


def test_audit_view_filters_and_exports(qtbot, qtmodeltester, people, prompts, tmp_path):
    said, answers = prompts
    session = sessions.create_session(SESSION, people["officer"])
    sessions.update_session(session.uuid, {**SESSION, "tips": "4"}, people["officer"])
    view = AuditView(people["admin"])
    qtbot.addWidget(view)
    qtmodeltester.check(view.audit_model)
    everyone = view.audit_model.rowCount()
    view.audit_user.setCurrentIndex(view.audit_user.findData("officer"))
    view.audit_record.setText(session.uuid)
    qtbot.mouseClick(view.audit_apply, Qt.MouseButton.LeftButton)
    assert view.audit_model.rowCount() == 2 < everyone
    assert view.audit_model.index(0, 7).data() == "tips: 2 → 4"
    assert not (view.audit_model.flags(view.audit_model.index(0, 7)) & Qt.ItemFlag.ItemIsEditable)
    answers["save"] = str(tmp_path / "nhat-ky.csv")
    qtbot.mouseClick(view.audit_export, Qt.MouseButton.LeftButton)
    with open(answers["save"], encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 3 and rows[1][2] == "sửa"


def test_audit_view_refuses_an_officer(qtbot, people):
    view = AuditView(people["officer"])
    qtbot.addWidget(view)
    assert view.audit_model.rowCount() == 0
    assert "không có quyền" in view.audit_status.text()
    assert isinstance(view.audit_model, AuditTableModel)


def test_back_up_now_and_restore_with_confirmation(qtbot, people, prompts):
    said, answers = prompts
    sessions.create_session(SESSION, people["officer"])
    made = []
    task = maintenance_actions.back_up_now(None, people["admin"], made.append)
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    path = made[0]
    assert path.exists()
    assert said[-1][0] == "inform" and str(path) in said[-1][1]
    sessions.create_session({**SESSION, "title": "Sau khi sao lưu"}, people["officer"])
    answers["item"] = 0  # the newest automatic backup
    answers["yes_no"] = False
    assert maintenance_actions.restore_backup(None, people["admin"]) is None
    assert "theo yêu cầu" not in said[-2][1] and "on request" in said[-2][1]  # the list
    assert path.name in said[-1][1] and "sao lưu trước" in said[-1][1]
    assert "sign in again" in said[-1][1]
    assert ActivitySession.select().count() == 2
    answers["yes_no"] = True
    task = maintenance_actions.restore_backup(None, people["officer"])  # not allowed
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    assert said[-1][0] == "warn"
    restored = []
    task = maintenance_actions.restore_backup(None, people["admin"], lambda: restored.append(1))
    assert not task.cancellable  # a restore does not stop halfway
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    assert restored == [1] and said[-1][0] == "inform"
    assert ActivitySession.select().count() == 1


def test_check_database_action(qtbot, people, prompts):
    said, _answers = prompts
    assert maintenance_actions.check_database(None, people["admin"])
    assert "Cơ sở dữ liệu tốt" in said[-1][1]


def test_a_damaged_database_at_start_offers_the_newest_good_backup(
    qtbot, database, db_path, prompts
):
    said, answers = prompts
    sessions.create_session(SESSION, accounts.SYSTEM_ACTOR)
    good = backup.auto_backup("daily")
    close_database()
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    db_path.write_bytes(b"\x00" * 4096 * 4)
    answers["yes_no"] = False
    assert not maintenance_actions.open_database_interactively(db_path)
    assert good.path.name in said[-1][1]
    answers["yes_no"] = True
    assert maintenance_actions.open_database_interactively(db_path)
    assert ActivitySession.select().count() == 1
    assert list(db_path.parent.glob("test.sqlite3.hong-*"))
    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    connection.close()


def test_sign_in_asks_for_the_first_administrator_when_there_is_none(
    qtbot, database, fast_hashing, monkeypatch
):
    def fake_exec(dialog):
        dialog.first_admin_username.setText("quantri")
        dialog.first_admin_password.setText(PASSWORD)
        dialog.first_admin_confirm.setText(PASSWORD)
        dialog._on_first_admin_buttons_accepted()
        return dialog.result()

    monkeypatch.setattr(FirstAdminDialog, "exec", fake_exec)
    actor = maintenance_actions.sign_in_interactively()
    assert actor is not None and (actor.username, actor.role) == ("quantri", "administrator")
