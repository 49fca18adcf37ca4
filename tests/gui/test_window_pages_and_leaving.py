"""The main window's navigation and what stops it leaving the work open (gui/main_window.py):
clicking a page, a page plugged in without a shortcut, a commune's sessions of any date, the
search shortcut, an unsaved form that keeps a restore, a sign-out or another database from
going ahead, the audit trail window, orphaned drafts and drafts of a form that no longer exists,
a package received refreshing the lists, and another database closing the dialogs of the one
left once its daily copy has ended."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QLabel

from movement_desk.gui import main_window, prompts
from movement_desk.gui.drafts import DraftStore
from movement_desk.gui.main_window import MainWindow, register_page
from tests.gui.conftest import show_active


def _window(qtbot, context) -> MainWindow:
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    return window


def test_clicking_a_page_in_the_navigation_shows_it(qtbot, context, no_prompts):
    window = _window(qtbot, context)
    window.nav.setCurrentRow(window.page_index("models"))
    assert window.current_key() == "models"
    assert window.stack.currentWidget() is window.pages["models"]
    assert window.pages["models"].kind == "models"
    window.nav.setCurrentRow(-1)  # no entry chosen: the page shown stays
    assert window.current_key() == "models"


def test_a_page_plugged_in_without_a_shortcut(qtbot, context, monkeypatch, no_prompts):
    monkeypatch.setattr(main_window, "PAGES", list(main_window.PAGES))
    register_page("notes", "Notes", lambda ctx: QLabel("Ghi chú của đơn vị"))
    window = _window(qtbot, context)
    row = window.page_index("notes")
    item = window.nav.item(row)
    assert (item.text(), item.toolTip()) == ("Notes", "")
    assert window.menu_action("action_page_notes").shortcut().isEmpty()
    window.nav.setCurrentRow(row)
    assert window.stack.currentWidget().text() == "Ghi chú của đơn vị"


def test_a_communes_sessions_of_any_date(qtbot, context, no_prompts):
    window = _window(qtbot, context)
    window.open_unit_sessions("01834", None)
    view = window.pages["sessions"]
    assert window.current_key() == "sessions"
    assert view.filters.period() is None
    assert view.model.record_filter.unit_code == "01834"
    assert view.model.record_filter.start is None


def test_find_puts_the_typist_in_the_search_box_with_its_text_selected(qtbot, context, no_prompts):
    window = show_active(qtbot, MainWindow(context, offer_drafts=False))
    view = window.show_page("sessions")
    view.filters.search.setText("phong chong")
    view.table.setFocus()
    window.focus_search()
    assert view.filters.search.hasFocus()
    assert view.filters.search.selectedText() == "phong chong"


def test_an_unsaved_form_can_stop_a_restore_a_sign_out_or_another_database(
    qtbot, context, no_prompts, monkeypatch
):
    window = _window(qtbot, context)
    window.show()
    form = window.show_page("sessions").new_record()
    form.fields["title"].setText("Buổi chưa lưu")
    answer = [prompts.CANCEL]  # "keep editing"
    monkeypatch.setattr(
        prompts,
        "ask_unsaved",
        lambda parent, text: no_prompts.append(("unsaved", text)) or answer[0],
    )
    asked_backup = []
    monkeypatch.setattr(
        prompts, "choose_item", lambda parent, title, label, items: asked_backup.append(items) or -1
    )
    assert window.restore_backup() is None
    assert window.sign_out() is None
    assert window.open_other_database() is None
    assert form.isVisible() and window.isVisible()
    assert [kind for kind, _ in no_prompts] == ["unsaved"] * 3
    assert asked_backup == []  # nothing went on past the form
    # The typist lets the changes go: the restore asks which backup (none chosen here).
    answer[0] = prompts.DISCARD
    assert window.restore_backup() is None
    assert not form.isVisible() and len(asked_backup) == 1
    # The closed form is not asked about again.
    assert window.restore_backup() is None
    assert len(asked_backup) == 2 and len(no_prompts) == 4


def test_choosing_the_database_already_open_changes_nothing(
    qtbot, context, no_prompts, monkeypatch
):
    from movement_desk.gui import open_database_dialog

    window = _window(qtbot, context)
    offered = []
    monkeypatch.setattr(
        open_database_dialog,
        "choose_database",
        lambda parent, current: offered.append(current) or current,
    )
    assert window.open_other_database() is None
    assert offered == [context.db_path]
    assert window.context.db_path == context.db_path
    assert window.centralWidget().isEnabled()


def test_the_audit_trail_window_is_shown_again_and_closed_for_another_user(
    qtbot, context, people, no_prompts
):
    context.actor = people["admin"]
    context.drafts = context.drafts_of(people["admin"])
    window = _window(qtbot, context)
    first = window.show_audit()
    assert window.show_audit() is first and first.isVisible()
    window.set_actor(people["lead"])
    assert not first.isVisible() and window.audit_dialog is None
    assert window.show_audit() is not first


def test_orphaned_drafts_are_deleted_only_when_the_administrator_agrees(
    qtbot, context, people, no_prompts, monkeypatch
):
    context.actor = people["admin"]
    context.drafts = context.drafts_of(people["admin"])
    retired = DraftStore(context.db_path, "retired")  # an account no longer active
    retired.save("sessions", None, {"title": "Buổi chưa lưu"})
    context.drafts.save("models", None, {"name": "Mô hình đang nhập"})  # the admin's own
    window = _window(qtbot, context)
    answer = [False]
    monkeypatch.setattr(
        prompts,
        "confirm",
        lambda parent, title, text, **kw: no_prompts.append(("confirm", text)) or answer[0],
    )
    assert window.discard_orphan_drafts() == 0
    assert no_prompts == [("confirm", "1 unsaved forms belong to no active account. Delete them?")]
    assert retired.path("sessions").exists()
    answer[0] = True
    assert window.discard_orphan_drafts() == 1
    assert not retired.path("sessions").exists()
    assert context.drafts.path("models").exists()


def test_a_draft_of_a_form_this_version_does_not_have_is_dropped_silently(
    qtbot, context, no_prompts
):
    context.drafts.save("inspections", None, {"note": "Biểu mẫu cũ"})
    window = _window(qtbot, context)
    assert window.offer_drafts() == []
    assert no_prompts == []
    assert not context.drafts.path("inspections").exists()


def test_a_package_received_refreshes_every_list(qtbot, context, no_prompts):
    from PySide6.QtCore import QTimer

    from movement_desk.gui.package_dialogs import PackageImportDialog

    window = _window(qtbot, context)
    changed = []
    context.events.changed.connect(changed.append)

    def received():  # the dialog says a package went in, and is closed
        dialog = window.findChild(PackageImportDialog)
        dialog.imported.emit(None)
        dialog.reject()

    QTimer.singleShot(0, received)
    window.import_package()
    assert changed == ["sessions", "models", "decisions", "packages"]


def test_another_database_closes_the_dialogs_of_the_one_left_after_its_daily_copy(
    qtbot, context, people, template_db, tmp_path, monkeypatch, backend, no_prompts
):
    if backend != "sqlite":
        pytest.skip("the other databases are copies of the template file")
    from movement_desk.gui import maintenance_actions, open_database_dialog
    from movement_desk.services.admin import accounts

    class DailyCopy:  # the day's copy of the database just opened, still being written
        def __init__(self):
            self.waited = 0

        def wait(self):
            self.waited += 1

    copies = []
    monkeypatch.setattr(
        maintenance_actions,
        "back_up_daily_in_background",
        lambda window, path: copies.append(DailyCopy()) or copies[-1],
    )
    others = []
    for name in ("xa-b", "xa-c"):
        folder = tmp_path / name
        folder.mkdir()
        others.append(folder / f"{name}.sqlite3")
        shutil.copyfile(template_db, others[-1])
    chosen = iter(others)
    monkeypatch.setattr(
        open_database_dialog, "choose_database", lambda parent, current: next(chosen)
    )

    def sign_in(parent=None, username="", **options):
        accounts.create_first_admin("quantri", "demo12345", "06")
        return accounts.authenticate("quantri", "demo12345")

    monkeypatch.setattr(maintenance_actions, "sign_in_interactively", sign_in)
    context.actor = people["admin"]
    window = _window(qtbot, context)
    about, export = window.about(), window.export_file()
    assert window.open_other_database() is not None
    assert not about.isVisible() and not export.isVisible()
    assert window.about_dialog is None and window.export_dialog is None
    assert window.context.db_path == others[0] and copies[0].waited == 0
    assert window.open_other_database() is not None
    assert window.context.db_path == others[1]
    assert copies[0].waited == 1  # the first one's copy ended before the second was opened
