"""Signed in to the window as an officer of one district (like the demo's ``canbo``): every
page, count, picker and export shows only that district; exports are audited; what the role
may not do is disabled before the click; drafts belong to their account (issue #10)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from movement_desk.db.account_tables import AuditEntry
from movement_desk.gui import prompts
from movement_desk.gui.context import AppContext
from movement_desk.gui.drafts import DraftStore
from movement_desk.gui.main_window import MainWindow
from movement_desk.gui.transfer_dialogs import ExportDialog
from movement_desk.gui.widgets import CODE_ROLE
from movement_desk.services.core import settings
from movement_desk.services.records import units
from tests.account_fixtures import PASSWORD
from tests.conftest import run_cli
from tests.services.test_reading_scope import BA_BE, two_districts  # noqa: F401


@pytest.fixture
def canbo_window(qtbot, db_path, two_districts, no_prompts):  # noqa: F811
    settings.put("home_unit_code", "06")
    window = MainWindow(AppContext(db_path, actor=two_districts["canbo"]), offer_drafts=False)
    qtbot.addWidget(window)
    return window


def _district(code: str) -> str | None:
    tree = units.UnitTree.load()
    unit = tree.by_code(code)
    chain = [unit, *tree.ancestors(unit.id)]
    return next((u.code for u in chain if u.code in ("060", "061")), None)


def test_each_page_shows_only_the_district(canbo_window):
    from movement_desk.services.core import permissions

    canbo = canbo_window.context.actor
    board = canbo_window.show_page("home").board
    assert board is not None and board.home_code == BA_BE and board.rows
    assert all(permissions.in_scope(canbo, row.unit_code) for row in board.rows)
    assert "01858" not in {row.unit_code for row in board.rows}
    for key in ("sessions", "models", "decisions"):
        view = canbo_window.show_page(key)
        view.apply_filter()
        assert view.model.count == 1
        record = view.model.record(0)
        assert _district(record.unit.code) == BA_BE
    assert canbo_window.wait_until_counted()
    assert canbo_window.status_counts.text().startswith("1 ")
    assert "Ba Bể" in canbo_window.status_unit.text()


def test_the_unit_filter_tree_offers_only_the_scope(canbo_window):
    picker = canbo_window.show_page("sessions").filters.unit
    picker.load()
    codes = set()

    def walk(item):
        for row in range(item.rowCount()):
            child = item.child(row)
            codes.add(child.data(CODE_ROLE))
            walk(child)

    walk(picker.model.invisibleRootItem())
    assert {"061", "01888"} <= codes
    assert not codes & {"06", "060", "01858", "058"}


def test_the_window_count_equals_the_command_line_export(canbo_window, db_path, tmp_path):
    view = canbo_window.show_page("sessions")
    view.apply_filter()
    out = tmp_path / "cli.csv"
    result = run_cli(
        "export",
        "sessions",
        str(out),
        "--user",
        "canbo",
        db=db_path,
        env={"MOVEMENT_DESK_PASSWORD": PASSWORD},
    )
    assert result.returncode == 0, result.stderr
    assert f"Đã xuất {view.model.count} buổi" in result.stdout


def test_exports_from_the_window_are_audited(qtbot, canbo_window, tmp_path, monkeypatch):
    # File → Export…, "only the records the list shows" unticked: still only the district
    target = tmp_path / "tat-ca.csv"
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: str(target))
    dialog = canbo_window.export_file()
    assert isinstance(dialog, ExportDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("sessions"))
    dialog.only_filtered.setChecked(False)
    dialog.run()
    qtbot.waitUntil(lambda: dialog.task.done, timeout=10000)
    assert len(target.read_text("utf-8-sig").strip().splitlines()) == 2  # header + 1 row
    # the list's "Export list…"
    listed = tmp_path / "danh-sach.csv"
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: str(listed))
    view = canbo_window.show_page("models")
    view.apply_filter()
    view.export_list()
    qtbot.waitUntil(lambda: view._task.done, timeout=10000)
    entries = list(AuditEntry.select().where(AuditEntry.action == "export").order_by(AuditEntry.id))
    assert [(e.username, e.record_label) for e in entries] == [
        ("canbo", "tat-ca.csv"),
        ("canbo", "danh-sach.csv"),
    ]
    assert json.loads(entries[0].changes)["rows"] == [None, 1]


def test_what_the_role_may_not_do_is_disabled_before_the_click(canbo_window):
    for key in ("reports", "certificates"):
        item = canbo_window.nav.item(canbo_window.page_index(key))
        assert not item.flags() & Qt.ItemFlag.ItemIsEnabled and item.toolTip()
        assert not canbo_window.menu_action(f"action_page_{key}").isEnabled()
    decisions = canbo_window.show_page("decisions")
    decisions.apply_filter()
    for button in (decisions.new_button, decisions.edit_button, decisions.delete_button):
        assert not button.isEnabled() and button.toolTip()
    assert decisions.edit_current() is None
    sessions_view = canbo_window.show_page("sessions")
    sessions_view.apply_filter()
    assert sessions_view.new_button.isEnabled() and sessions_view.edit_button.isEnabled()
    assert not canbo_window.menu_action("action_restore").isVisible()


def test_an_officer_cannot_change_a_setting_through_the_page(canbo_window):
    page = canbo_window.show_page("settings")
    assert not page.domain.isEnabled() and page.domain.toolTip()
    page.rule.setCurrentIndex(page.rule.findData("calendar"))
    assert page.save()  # the language, which is this computer's, still saves
    assert settings.get("period_rule") == "decree"
    assert (
        not AuditEntry.select()
        .where((AuditEntry.action == "settings") & (AuditEntry.username == "canbo"))
        .exists()
    )


def test_the_administrator_saves_settings_audited_old_to_new(qtbot, db_path, two_districts):  # noqa: F811
    window = MainWindow(AppContext(db_path, actor=two_districts["admin"]), offer_drafts=False)
    qtbot.addWidget(window)
    page = window.show_page("settings")
    assert page.domain.isEnabled()
    page.rule.setCurrentIndex(page.rule.findData("calendar"))
    assert page.save()
    assert settings.get("period_rule") == "calendar"
    entry = (
        AuditEntry.select()
        .where((AuditEntry.action == "settings") & (AuditEntry.username == "admin"))
        .get()
    )
    assert json.loads(entry.changes)["period_rule"] == ["decree", "calendar"]


def test_drafts_are_offered_only_to_their_account(qtbot, db_path, two_districts, monkeypatch):  # noqa: F811
    DraftStore(db_path, "canbo").save("sessions", None, {"title": "Của cán bộ Ba Bể"})
    DraftStore(db_path).save("models", None, {"name": "Gõ khi chưa có tài khoản"})
    asked = []
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: asked.append(a[2]) or False)
    other = MainWindow(AppContext(db_path, actor=two_districts["pacnam"]), offer_drafts=False)
    qtbot.addWidget(other)
    assert other.offer_drafts() == [] and asked == []  # told nothing
    assert DraftStore(db_path, "canbo").pending()  # and it cannot delete it
    mine = MainWindow(AppContext(db_path, actor=two_districts["canbo"]), offer_drafts=False)
    qtbot.addWidget(mine)
    mine.offer_drafts()
    assert len(asked) == 1  # offered to canbo (who says no: it is deleted)
    assert DraftStore(db_path, "canbo").pending() == []
    # the draft typed before accounts existed is an orphan an administrator discards
    admin = MainWindow(AppContext(db_path, actor=two_districts["admin"]), offer_drafts=False)
    qtbot.addWidget(admin)
    assert admin.offer_drafts() == []
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    assert admin.menu_action("action_orphan_drafts").isVisible()
    assert not other.menu_action("action_orphan_drafts").isVisible()
    assert admin.discard_orphan_drafts() == 1
    assert DraftStore(db_path).pending() == []
