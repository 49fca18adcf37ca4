"""The list pages (gui/views/records.py) when answers come late, for a role that may only
read, and at the edges of their commands: a record found late is selected unless the user
chose another meanwhile, a list shown again is not read again, a double click edits, a
duplicate decision brings its recipients as new ones, an export cancelled or failing."""

from __future__ import annotations

import threading

from PySide6.QtCore import QModelIndex, Qt

from movement_desk.gui import prompts, table_models
from movement_desk.gui.context import AppContext
from movement_desk.gui.forms import SessionForm
from movement_desk.gui.views.records import DecisionsView, SessionsView
from movement_desk.services.core.actor import SYSTEM_ACTOR
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.records import commendations, listing, sessions
from tests.gui.conftest import show_active

RAW = {
    "date": "05/03/2025",
    "unit_code": "01834",
    "kind": "launch",
    "organizer_kind": "police",
    "title": "Phát động phong trào ở phường Đức Xuân",
    "participants": "120",
}


def _hold_worker(model) -> threading.Event:
    """Keep the list's worker busy (a slow query before the next ones) until set."""
    started, gate = threading.Event(), threading.Event()

    def slow():
        started.set()
        gate.wait(20)

    model.worker.submit(slow)
    assert started.wait(20)
    return gate


def _shown(qtbot, view):
    view.show()
    qtbot.addWidget(view)
    assert view.model.wait_until_loaded()
    return view


def test_a_record_found_late_is_not_selected_over_the_users_choice(
    qtbot, small_demo, context, monkeypatch
):
    monkeypatch.setattr(table_models, "PAGE_SIZE", 25)
    view = _shown(qtbot, SessionsView(context))
    far = listing.RecordList("sessions", RecordFilter(), actor=SYSTEM_ACTOR).fetch(200, 1)[0]
    monkeypatch.setattr(table_models, "SYNC_WAIT_MS", 0)  # the large list answers late
    gate = _hold_worker(view.model)
    assert not view.select_uuid(far.uuid)  # not known yet
    view.table.setCurrentIndex(view.model.index(3, 0))  # the user picks another row meanwhile
    with qtbot.waitSignal(view.model.rowLocated, timeout=20_000) as located:
        gate.set()
    assert located.args == [far.uuid, 200]
    assert view.table.currentIndex().row() == 3
    # Asked again with nobody choosing meanwhile, the late answer is selected.
    gate = _hold_worker(view.model)
    assert not view.select_uuid(far.uuid)
    with qtbot.waitSignal(view.model.rowLocated, timeout=20_000):
        gate.set()
    assert view.table.currentIndex().row() == 200


def test_a_record_no_longer_in_the_list_leaves_the_selection(
    qtbot, small_demo, context, monkeypatch
):
    view = _shown(qtbot, SessionsView(context))
    view.table.setCurrentIndex(view.model.index(5, 0))
    chosen = view.current_uuid()
    monkeypatch.setattr(table_models, "SYNC_WAIT_MS", 0)
    gate = _hold_worker(view.model)
    assert not view.select_uuid("00000000-0000-0000-0000-000000000000")
    with qtbot.waitSignal(view.model.rowLocated, timeout=20_000) as located:
        gate.set()
    assert located.args[1] == -1
    assert view.current_uuid() == chosen


def test_a_record_saved_while_the_list_is_read_is_selected_when_it_arrives(
    qtbot, small_demo, context, actor, monkeypatch
):
    view = _shown(qtbot, SessionsView(context))
    monkeypatch.setattr(table_models, "SYNC_WAIT_MS", 0)
    gate = _hold_worker(view.model)
    saved = sessions.create_session({**RAW, "date": "05/03/2020"}, actor)  # the oldest: last
    context.notify("sessions")
    assert view.model.loading
    assert view.select_uuid(saved.uuid)  # taken as soon as the new list is there
    with qtbot.waitSignal(view.model.reloaded, timeout=20_000):
        gate.set()
    qtbot.waitUntil(lambda: view.current_uuid() == saved.uuid, timeout=20_000)
    assert view.table.currentIndex().row() == view.model.rowCount() - 1


def test_a_list_is_read_again_only_for_its_own_kind_and_not_when_shown_again(
    qtbot, small_demo, context
):
    view = _shown(qtbot, SessionsView(context))
    reloads = []
    view.model.reloaded.connect(lambda: reloads.append(1))
    context.notify("models")
    view.hide()
    view.show()
    assert reloads == []
    context.notify("sessions")
    assert view.model.wait_until_loaded()
    assert reloads == [1]


def test_a_double_click_on_a_row_edits_it(qtbot, small_demo, context, no_prompts):
    view = show_active(qtbot, SessionsView(context))
    assert view.model.wait_until_loaded()
    index = view.model.index(2, 1)
    view.table.scrollTo(index)
    point = view.table.visualRect(index).center()
    # A double click: press, release, then the second press (a double-click event).
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    forms = view.findChildren(SessionForm)
    assert len(forms) == 1 and forms[0].isVisible()
    assert forms[0].uuid == view.model.record(2).uuid
    assert forms[0].raw()["title"] == view.model.record(2).title


def test_a_role_that_may_only_read_cannot_add_change_or_delete(
    qtbot, small_demo, people, monkeypatch, db_path
):
    asked = []
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: asked.append(a) or True)
    context = AppContext(db_path, actor=people["clerk"])
    view = _shown(qtbot, SessionsView(context))
    view.table.setCurrentIndex(view.model.index(0, 0))
    assert view.current_uuid() is not None
    assert not any(
        b.isEnabled()
        for b in (view.new_button, view.edit_button, view.duplicate_button, view.delete_button)
    )
    assert view.new_button.toolTip() == "Your role may not add, change or delete these records."
    assert view.new_record() is None
    assert view.edit_current() is None
    assert view.duplicate_current() is None
    assert view.delete_current() is False
    assert asked == []
    assert view.model.rowCount() == 240


def test_a_duplicated_decision_brings_its_recipients_as_new_ones(qtbot, small_demo, context):
    view = _shown(qtbot, DecisionsView(context))
    view.table.setCurrentIndex(view.model.index(0, 0))
    decision = view.current_record()
    form = view.duplicate_current()
    rows = form.recipients.rows
    assert form.uuid is None
    names = [c.recipient_name for c in commendations.decision_recipients(decision)]
    assert names and [r["recipient_name"] for r in rows] == names
    assert all(not r.get("uuid") for r in rows)


def test_an_export_cancelled_writes_nothing_and_a_failing_one_says_why(
    qtbot, small_demo, context, tmp_path, monkeypatch, no_prompts
):
    view = _shown(qtbot, SessionsView(context))
    view.export_list()  # no file chosen
    assert not hasattr(view, "_task") and no_prompts == []
    blocker = tmp_path / "reports"  # a file where the user picked a folder name
    blocker.write_text("not a folder")
    target = blocker / "sessions.xlsx"
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: str(target))
    view.export_list()
    qtbot.waitUntil(lambda: view._task.done, timeout=20_000)
    assert not target.exists()
    [(kind, message)] = no_prompts
    assert kind == "fail" and str(blocker) in message


def test_the_recipients_pane_asks_for_a_decision_when_none_is_selected(qtbot, small_demo, context):
    view = _shown(qtbot, DecisionsView(context))
    view.table.setCurrentIndex(QModelIndex())
    assert view.recipients_label.text() == "Select a decision to see its recipients."
    assert view.recipients_model.rowCount() == 0
    assert not view.edit_button.isEnabled()
