"""The window per signed-in user: menus per role, the status bar, signing out, period locks,
the audit dialog, and Home's package completeness and conflicts lines."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from movement_desk.db.account_tables import PeriodLock
from movement_desk.db.packages import PackageReceived
from movement_desk.gui import maintenance_actions, package_dialogs
from movement_desk.gui.context import AppContext
from movement_desk.gui.main_window import MainWindow
from movement_desk.gui.period_locks_dialog import PeriodLockDialog
from movement_desk.gui.reports_view import ReportsView
from movement_desk.services import packages
from movement_desk.services.core import settings
from movement_desk.services.records import sessions
from tests.account_fixtures import fast_hashing, people  # noqa: F401
from tests.services.test_permissions import SESSION

TOOLS = (
    "action_backup",
    "action_restore",
    "action_check",
    "action_audit",
    "action_period_lock",
    "action_users",
)


def window_for(qtbot, db_path, actor) -> MainWindow:
    window = MainWindow(AppContext(db_path, actor=actor), offer_drafts=False)
    qtbot.addWidget(window)
    return window


def visible(window: MainWindow) -> set[str]:
    names = (*TOOLS, "action_new_session", "action_new_decision", "action_package_import")
    return {name for name in names if window.menu_action(name).isVisible()}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("admin", {*TOOLS, "action_new_session", "action_new_decision", "action_package_import"}),
        ("lead", {"action_backup", "action_audit", "action_period_lock", "action_package_import"}),
        ("clerk", {"action_backup", "action_new_decision"}),
        ("officer", {"action_backup", "action_new_session"}),
    ],
)
def test_menus_show_what_the_role_may_do(qtbot, db_path, people, who, expected):  # noqa: F811
    window = window_for(qtbot, db_path, people[who])
    assert visible(window) == expected
    assert window.menu_action("action_change_password").isVisible()
    assert window.menu_action("action_sign_out").isVisible()
    tools = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Tools")
    assert tools is not None


def test_status_bar_names_the_user_and_role(qtbot, db_path, people):  # noqa: F811
    window = window_for(qtbot, db_path, people["lead"])
    assert window.status_user.text() == "Signed in: lead – lãnh đạo"
    texts = " ".join(label.text() for label in window.statusBar().findChildren(QLabel))
    assert "lead" in texts and str(db_path) in texts


def test_sign_out_lets_another_user_in_and_rebuilds_the_pages(
    qtbot,
    db_path,
    people,  # noqa: F811
    monkeypatch,
):
    window = window_for(qtbot, db_path, people["officer"])
    # the officer may not print reports: the page is disabled, saying why, and not shown
    assert not window.nav.item(window.page_index("reports")).flags() & Qt.ItemFlag.ItemIsEnabled
    assert window.nav.item(window.page_index("reports")).toolTip()
    window.show_page("reports")
    assert window.current_key() == "home"
    window.show_page("sessions")
    old_sessions = window.page("sessions")
    monkeypatch.setattr(
        maintenance_actions, "sign_in_interactively", lambda parent, name="", **_: people["lead"]
    )
    assert window.sign_out() == people["lead"]
    assert window.context.actor == people["lead"]
    assert window.current_key() == "sessions"
    assert window.page("sessions") is not old_sessions
    assert window.nav.item(window.page_index("reports")).flags() & Qt.ItemFlag.ItemIsEnabled
    reports = window.show_page("reports")
    assert reports.actor == people["lead"]
    assert reports.reports_lock.isVisibleTo(window)
    assert "action_period_lock" in visible(window)
    assert "lead" in window.status_user.text()


def test_sign_out_with_nobody_signing_in_closes_the_window(
    qtbot,
    db_path,
    people,  # noqa: F811
    monkeypatch,
):
    window = window_for(qtbot, db_path, people["officer"])
    window.show()
    monkeypatch.setattr(
        maintenance_actions, "sign_in_interactively", lambda parent, name="", **_: None
    )
    assert window.sign_out() is None
    assert not window.isVisible()


def test_a_restore_asks_for_a_sign_in_again(qtbot, db_path, people, monkeypatch):  # noqa: F811
    window = window_for(qtbot, db_path, people["admin"])
    asked = []
    monkeypatch.setattr(
        maintenance_actions,
        "sign_in_interactively",
        lambda parent, name="", **_: asked.append(name) or people["admin"],
    )
    window._after_restore()
    assert asked == ["admin"]  # the same user name is offered
    assert window.context.actor == people["admin"]


def test_period_lock_dialog_locks_and_unlocks_with_a_reason(qtbot, qtmodeltester, people):  # noqa: F811
    from movement_desk.services.core.periods import Period

    dialog = PeriodLockDialog(
        people["lead"], unit_code="061", period=Period("month", 2024, 3), rule="decree"
    )
    qtbot.addWidget(dialog)
    assert dialog.unit_code() == "061"
    assert "15/02/2024" in dialog.lock_covers.text() and "14/03/2024" in dialog.lock_covers.text()
    with qtbot.waitSignal(dialog.locked):
        dialog.lock_button.click()
    assert dialog.locks_model.rowCount() == 1
    qtmodeltester.check(dialog.locks_model)
    assert dialog.locks_model.index(0, 1).data() == "2024-03"
    officer_session = {**SESSION, "date": "01/03/2024"}
    with pytest.raises(Exception, match="khóa"):
        sessions.create_session(officer_session, people["officer"])
    dialog.unlock_button.click()  # no reason yet
    assert "Lý do" in dialog.lock_status.text()
    assert PeriodLock.select().where(PeriodLock.unlocked_at.is_null()).count() == 1
    dialog.lock_reason.setText("Bổ sung số liệu xã Chợ Rã")
    with qtbot.waitSignal(dialog.unlocked):
        dialog.unlock_button.click()
    assert dialog.locks_model.rowCount() == 0
    sessions.create_session(officer_session, people["officer"])


def test_an_officer_cannot_lock_from_the_dialog(qtbot, people):  # noqa: F811
    dialog = PeriodLockDialog(people["officer"], unit_code="01888")
    qtbot.addWidget(dialog)
    dialog.lock_period.setText("2024-03")
    dialog.lock_button.click()
    assert "không có quyền" in dialog.lock_status.text()
    assert PeriodLock.select().count() == 0


def test_reports_view_opens_the_lock_dialog_on_its_unit_and_period(qtbot, people):  # noqa: F811
    view = ReportsView(actor=people["lead"])
    qtbot.addWidget(view)
    view.select_unit("061")
    dialog = view.lock_dialog(view.unit_code())
    qtbot.addWidget(dialog)
    assert dialog.unit_code() == "061"
    assert dialog.lock_period.text() == view.period().code


def test_audit_trail_opens_from_the_tools_menu(qtbot, db_path, people):  # noqa: F811
    window = window_for(qtbot, db_path, people["admin"])
    window.menu_action("action_audit").trigger()
    dialog = window.audit_dialog
    assert dialog.isVisible()
    assert dialog.view.audit_model.rowCount() > 0  # at least the sign-ins
    dialog.close()


def _received(code: str, name: str, start: date, end: date) -> None:
    PackageReceived.create(
        package_id=f"pkg-{code}",
        unit_code=code,
        unit_name=name,
        mode="period",
        covers_from=start.isoformat(),
        covers_to=end.isoformat(),
        created_at=datetime(2025, 11, 1),
    )


def test_home_shows_the_package_register_only_where_packages_arrive(qtbot, context):
    settings.put("home_unit_code", "19")
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    home = window.page("home")
    home.today = date(2025, 11, 3)
    home.refresh()
    assert home.packages_line.isHidden()  # a commune's database: no line at all
    assert home.conflicts_line.isHidden()
    _received("TN01834", "Phường Đức Xuân", date(2025, 10, 1), date(2025, 11, 30))
    home.refresh()
    assert not home.packages_line.isHidden()
    text = home.packages_line.text()
    assert "1 of 37 communes" in text
    assert "Not yet received:" in text and "and 30 more" in text  # 36 missing: 6 named
    assert "Phường Đức Xuân" not in text


def test_home_conflicts_line_opens_the_conflict_dialog(qtbot, context, monkeypatch):
    monkeypatch.setattr(packages, "pending_conflict_count", lambda: 3)
    opened = []
    monkeypatch.setattr(package_dialogs.ConflictDialog, "exec", lambda self: opened.append(self))
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    home = window.page("home")
    assert home.wait_until_loaded()  # read on a worker thread once the window has shown
    assert not home.conflicts_line.isHidden()
    assert "3 records changed on both sides" in home.conflicts_line.text()
    home.conflicts_line.linkActivated.emit("conflicts")
    assert len(opened) == 1


@pytest.mark.parametrize(
    ("typed", "chosen", "saved"),
    [
        ("bao-cao", "PDF (*.pdf)", "bao-cao.pdf"),
        ("ds", "Excel (*.xlsx)", "ds.xlsx"),
        ("ds", "CSV (*.csv)", "ds.csv"),
        ("ds.csv", "Excel (*.xlsx)", "ds.csv"),  # a typed extension stays
        ("goi", "* (*)", "goi"),
    ],
)
def test_save_file_adds_the_extension_of_the_chosen_filter(
    qapp, tmp_path, monkeypatch, typed, chosen, saved
):
    from PySide6.QtWidgets import QFileDialog

    from movement_desk.gui import prompts

    answer = (str(tmp_path / typed), chosen)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: answer)
    path = prompts.save_file(None, "Lưu", "x", "PDF (*.pdf);;Excel (*.xlsx)", "tests")
    assert Path(path).name == saved
