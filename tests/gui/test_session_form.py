"""The session form driven like a user: type, Enter, Ctrl+S, errors beside the field."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from movement_desk.db.models import ActivitySession
from movement_desk.gui.forms import SessionForm
from tests.gui.conftest import show_active, type_text


def _form(qtbot, context, **kwargs) -> SessionForm:
    return show_active(qtbot, SessionForm(context, **kwargs))


def _type_session(qtbot, form: SessionForm, day: str = "05/03/2024") -> None:
    form.fields["date"].line.clear()
    qtbot.keyClicks(form.fields["date"].line, day)
    form.fields["unit_code"].set_value("01834")
    form.fields["kind"].set_value("launch")
    type_text(qtbot, form.fields["organizer_name"], "Công an phường Nguyễn Thị Minh Khai")
    type_text(qtbot, form.fields["title"], "Phát động phong trào Toàn dân bảo vệ ANTQ")
    form.fields["participants"].clear()
    qtbot.keyClicks(form.fields["participants"], "1234")


def _error(form, field: str) -> QLabel:
    return form.findChild(QLabel, f"error_{field}")


def test_typed_session_is_stored_with_ctrl_s(qtbot, context, no_prompts):
    form = _form(qtbot, context)
    _type_session(qtbot, form)
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    stored = ActivitySession.get(
        ActivitySession.title == "Phát động phong trào Toàn dân bảo vệ ANTQ"
    )
    assert stored.held_on == date(2024, 3, 5)
    assert stored.participants == 1234
    assert stored.unit.code == "01834"
    assert stored.kind.value == "launch"
    assert not form.isVisible()
    assert context.undo_stack.count() == 1


def test_bad_date_shows_the_service_message_beside_the_field_and_stores_nothing(
    qtbot, context, no_prompts
):
    form = _form(qtbot, context)
    _type_session(qtbot, form, day="31/02/2024")
    form.save_button.click()
    label = _error(form, "date")
    assert label.isVisible()
    assert "không tồn tại" in label.text()
    assert not _error(form, "title").isVisible()
    assert ActivitySession.select().count() == 0
    assert form.isVisible()
    # fix it and save again
    form.fields["date"].line.clear()
    qtbot.keyClicks(form.fields["date"].line, "29/02/2024")
    form.save_button.click()
    assert ActivitySession.select().count() == 1
    assert not label.isVisible()


def test_every_wrong_field_gets_its_own_message(qtbot, context, no_prompts):
    form = _form(qtbot, context)
    form.fields["date"].line.clear()
    form.fields["participants"].setText("-3")
    form.save_button.click()
    assert "chưa nhập ngày" in _error(form, "date").text()
    assert "chưa chọn đơn vị" in _error(form, "unit_code").text()
    assert "bắt buộc" in _error(form, "title").text()
    assert "số âm" in _error(form, "participants").text()
    assert ActivitySession.select().count() == 0


def test_enter_moves_to_the_next_field(qtbot, context, no_prompts):
    form = _form(qtbot, context)
    form.fields["title"].setFocus()
    qtbot.keyClick(form.fields["title"], Qt.Key.Key_Return)
    assert form.fields["participants"].hasFocus()
    assert form.isVisible()


def test_save_and_new_keeps_date_unit_and_organiser(qtbot, context, no_prompts):
    form = _form(qtbot, context)
    _type_session(qtbot, form)
    form.save_new_button.click()
    assert ActivitySession.select().count() == 1
    assert form.isVisible()
    assert form.fields["date"].value() == "05/03/2024"
    assert form.fields["unit_code"].value() == "01834"
    assert form.fields["organizer_name"].value() == "Công an phường Nguyễn Thị Minh Khai"
    assert form.fields["title"].text() == ""
    type_text(qtbot, form.fields["title"], "Tuyên truyền phòng chống ma túy")
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert ActivitySession.select().count() == 2
    assert {s.unit.code for s in ActivitySession.select()} == {"01834"}


def test_escape_asks_before_throwing_away_changes(qtbot, context, monkeypatch):
    from movement_desk.gui import prompts

    answers = [prompts.CANCEL, prompts.DISCARD]
    asked = []
    monkeypatch.setattr(
        prompts, "ask_unsaved", lambda parent, text: asked.append(text) or answers.pop(0)
    )
    form = _form(qtbot, context)
    type_text(qtbot, form.fields["title"], "Nửa chừng")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert form.isVisible()  # cancelled the cancel
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert len(asked) == 2
    assert ActivitySession.select().count() == 0


def test_escape_on_an_untouched_form_closes_without_asking(qtbot, context, no_prompts):
    form = _form(qtbot, context)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert no_prompts == []


def test_unit_picker_finds_cho_don_typed_without_accents(qtbot, context, no_prompts):
    form = _form(qtbot, context)
    picker = form.fields["unit_code"]
    qtbot.keyClicks(picker.line, "cho don")
    shown = [picker._matches.item(i).text() for i in range(picker._matches.rowCount())]
    assert any("Chợ Đồn" in text for text in shown)
    chosen = next(text for text in shown if text.startswith("Xã Chợ Đồn"))
    picker.completer.activated[str].emit(chosen)
    code = picker.value()
    from movement_desk.services.records import units

    assert units.find_unit(code).name == "Chợ Đồn"


def test_counts_show_thousands_with_a_dot(qtbot, context, no_prompts):
    form = _form(qtbot, context)
    field = form.fields["participants"]
    field.clear()
    qtbot.keyClicks(field, "55875")
    field.editingFinished.emit()
    assert field.text() == "55.875"


def test_editing_a_session_updates_it(qtbot, context, actor, no_prompts):
    from movement_desk.services.records import sessions

    session = sessions.create_session(
        {
            "date": "05/03/2024",
            "unit_code": "01834",
            "kind": "launch",
            "organizer_kind": "police",
            "title": "Cũ",
        },
        actor,
    )
    form = _form(qtbot, context, uuid=session.uuid, values=sessions.session_to_raw(session))
    assert form.fields["date"].value() == "05/03/2024"
    form.fields["title"].clear()
    type_text(qtbot, form.fields["title"], "Mới")
    form.save_button.click()
    assert sessions.get_session(session.uuid).title == "Mới"
    context.undo_stack.undo()
    assert sessions.get_session(session.uuid).title == "Cũ"
    context.undo_stack.redo()
    assert sessions.get_session(session.uuid).title == "Mới"


def test_form_keeps_the_version_it_loaded_and_refuses_a_save_after_another_users(
    qtbot, context, actor, no_prompts
):
    from movement_desk.services.core.actor import Actor
    from movement_desk.services.records import sessions

    raw = {
        "date": "05/03/2024",
        "unit_code": "01834",
        "kind": "launch",
        "organizer_kind": "police",
        "title": "Cũ",
    }
    session = sessions.create_session(raw, actor)
    form = _form(qtbot, context, uuid=session.uuid, values=sessions.session_to_raw(session))
    # Meanwhile another officer saves the same record from another computer.
    sessions.update_session(session.uuid, {**raw, "title": "Của Lan"}, Actor(username="lan"))
    form.fields["title"].clear()
    type_text(qtbot, form.fields["title"], "Của tôi")
    form.save_button.click()
    assert form.isVisible()
    assert form.summary.text().startswith("Bản ghi đã được lan sửa lúc ")
    assert "hãy mở lại" in form.summary.text()
    assert sessions.get_session(session.uuid).title == "Của Lan"
