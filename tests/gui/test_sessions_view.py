"""The sessions list: find what was saved, edit, duplicate, delete and undo, search, export."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from movement_desk.db.models import ActivitySession
from movement_desk.gui.views.records import SessionsView
from movement_desk.services.records import sessions
from tests.gui.conftest import show_active, type_text

RAW = {
    "date": "05/03/2025",
    "unit_code": "01834",
    "kind": "launch",
    "organizer_kind": "police",
    "organizer_name": "Công an phường Đức Xuân",
    "title": "Phát động phong trào ở phường Đức Xuân",
    "participants": "120",
    "tips": "2",
}


def _view(qtbot, context) -> SessionsView:
    view = SessionsView(context)
    show_active(qtbot, view)
    return view


def test_a_saved_session_appears_in_the_list_and_is_selected(qtbot, context, no_prompts):
    view = _view(qtbot, context)
    assert view.model.rowCount() == 0
    form = view.new_record()
    form.set_raw(RAW)
    form.save_button.click()
    assert view.model.rowCount() == 1
    assert view.current_record().title == RAW["title"]
    assert view.findChild(QLabel, "list_count").text() == "1 sessions"


def test_edit_the_selected_session(qtbot, context, actor, no_prompts):
    session = sessions.create_session(RAW, actor)
    view = _view(qtbot, context)
    assert view.select_uuid(session.uuid)
    form = view.edit_current()
    assert form.fields["title"].text() == RAW["title"]
    assert form.fields["participants"].text() == "120"
    form.fields["tips"].setText("7")
    form.save_button.click()
    assert sessions.get_session(session.uuid).tips == 7
    row = view.model.row_of_uuid(session.uuid)
    tips_column = next(i for i, c in enumerate(view.model.columns) if c.key == "tips")
    assert view.model.index(row, tips_column).data() == "7"


def test_delete_asks_then_undo_restores_and_redo_deletes_again(qtbot, context, actor, no_prompts):
    session = sessions.create_session(RAW, actor)
    view = _view(qtbot, context)
    view.select_uuid(session.uuid)
    assert view.delete_current()
    assert no_prompts and no_prompts[0][0] == "confirm"
    assert ActivitySession.get_by_id(session.id).deleted_at is not None
    assert view.model.rowCount() == 0
    context.undo_stack.undo()
    assert ActivitySession.get_by_id(session.id).deleted_at is None
    assert view.model.rowCount() == 1
    context.undo_stack.redo()
    assert ActivitySession.get_by_id(session.id).deleted_at is not None


def test_delete_answered_no_keeps_the_record(qtbot, context, actor, monkeypatch):
    from movement_desk.gui import prompts

    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: False)
    session = sessions.create_session(RAW, actor)
    view = _view(qtbot, context)
    view.select_uuid(session.uuid)
    assert not view.delete_current()
    assert ActivitySession.get_by_id(session.id).deleted_at is None
    assert context.undo_stack.count() == 0


def test_undo_of_a_new_session_marks_it_deleted(qtbot, context, no_prompts):
    view = _view(qtbot, context)
    form = view.new_record()
    form.set_raw(RAW)
    form.save_button.click()
    stored = ActivitySession.get()
    context.undo_stack.undo()
    assert ActivitySession.get_by_id(stored.id).deleted_at is not None
    assert view.model.rowCount() == 0
    context.undo_stack.redo()
    assert ActivitySession.get_by_id(stored.id).deleted_at is None


def test_duplicate_opens_a_new_form_with_the_same_values(qtbot, context, actor, no_prompts):
    session = sessions.create_session(RAW, actor)
    view = _view(qtbot, context)
    view.select_uuid(session.uuid)
    form = view.duplicate_current()
    assert form.uuid is None
    form.fields["date"].set_value("06/03/2025")
    form.save_button.click()
    assert ActivitySession.live().count() == 2


def test_typing_in_the_search_box_filters_ignoring_diacritics(qtbot, context, actor, no_prompts):
    sessions.create_session(RAW, actor)
    sessions.create_session({**RAW, "title": "Tuyên truyền pháp luật", "organizer_name": ""}, actor)
    view = _view(qtbot, context)
    assert view.model.rowCount() == 2
    type_text(qtbot, view.filters.search, "duc xuan")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=2000)
    assert view.current_record().title == RAW["title"]
    view.filters.search.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=2000)


def test_unit_filter_includes_everything_under_the_unit_and_its_successors(
    qtbot, small_demo, context
):
    from datetime import date

    from movement_desk.db.models import UnitSuccession
    from movement_desk.services.records import units

    view = _view(qtbot, context)
    view.filters.unit.choose("061")  # the district of the small demo, until 30/06/2025
    in_district = view.model.rowCount()
    district = units.get_unit("061")
    communes = units.UnitTree.load().child_units(district.id)
    by_commune = sessions.session_query(sessions.RecordFilter(unit_code=communes[0].code))
    assert 0 < by_commune.count() < in_district
    everything_under = sum(
        sessions.session_query(sessions.RecordFilter(unit_code=c.code)).count() for c in communes
    )
    # The communes that took over from 01/07/2025 (the 2025 merger), and what they entered.
    links = UnitSuccession.select().where(UnitSuccession.predecessor.in_([c.id for c in communes]))
    successors = {link.successor_id for link in links}
    after_merger = (
        ActivitySession.live()
        .where(ActivitySession.unit.in_(list(successors)))
        .where(ActivitySession.held_on >= date(2025, 7, 1))
        .count()
    )
    assert after_merger > 0
    assert in_district == everything_under + after_merger
    note = view.successors_note
    assert not note.isHidden() and "01/07/2025" in note.text()
    commune = communes[0]
    view.filters.unit.choose(commune.code)
    shown = {view.model.record(r).unit_id for r in range(view.model.rowCount())}
    taken_over = {
        link.successor_id
        for link in UnitSuccession.select().where(UnitSuccession.predecessor == commune.id)
    }
    assert commune.id in shown and shown <= {commune.id} | taken_over


def test_period_filter(qtbot, small_demo, context):
    view = _view(qtbot, context)
    total = view.model.rowCount()
    view.filters.period_kind.setCurrentIndex(view.filters.period_kind.findData("year"))
    view.filters.year.setValue(2025)
    view.filters._emit_now()
    in_2025 = view.model.rowCount()
    assert 0 < in_2025 <= total
    held = [view.model.record(r).held_on for r in range(view.model.rowCount())]
    from movement_desk.services.core.periods import Period

    start, end = Period("year", 2025).bounds("decree")
    assert all(start <= day <= end for day in held)


def test_export_the_filtered_list(qtbot, context, actor, tmp_path, monkeypatch, no_prompts):
    from movement_desk.gui import prompts
    from movement_desk.services.core import tabular

    sessions.create_session(RAW, actor)
    sessions.create_session({**RAW, "title": "Tuyên truyền pháp luật"}, actor)
    target = tmp_path / "list.csv"
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: str(target))
    view = _view(qtbot, context)
    type_text(qtbot, view.filters.search, "phap luat")
    view.filters._emit_now()
    view.export_list()
    qtbot.waitUntil(lambda: view._task.done, timeout=5000)
    table = tabular.read_table(target, sessions.SESSION_LABELS)
    assert [raw["title"] for _, raw in table.rows] == ["Tuyên truyền pháp luật"]
    assert any(kind == "inform" for kind, _ in no_prompts)


def test_sorting_keeps_the_selected_session_selected_and_visible(qtbot, small_demo, context):
    from PySide6.QtCore import Qt

    view = _view(qtbot, context)
    view.resize(1200, 500)
    view.table.setCurrentIndex(view.model.index(57, 0))
    chosen = view.current_uuid()
    for key, order in (
        ("title", Qt.SortOrder.AscendingOrder),
        ("unit", Qt.SortOrder.DescendingOrder),
    ):
        column = next(i for i, c in enumerate(view.model.columns) if c.key == key)
        view.table.sortByColumn(column, order)
        qtbot.waitUntil(lambda: not view.model.loading and not view.model.counting)
        assert view.model.sort_state == (column, order)
        assert view.current_uuid() == chosen
        assert view.edit_button.isEnabled() and view.delete_button.isEnabled()
        rect = view.table.visualRect(view.table.currentIndex())
        assert rect.isValid() and view.table.viewport().rect().contains(rect.center())
