"""Closing a record form with changes: "Save" saves and closes, and "save and new" on a record
opened for editing saves it (gui/forms.RecordForm)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from movement_desk.db.models import ActivitySession
from movement_desk.gui import prompts
from movement_desk.gui.forms import FORMS
from tests.gui.test_session_form import _form, _type_session


def test_escape_then_save_stores_the_record_and_closes(qtbot, context, no_prompts, monkeypatch):
    monkeypatch.setattr(prompts, "ask_unsaved", lambda parent, text: prompts.SAVE)
    form = _form(qtbot, context)
    _type_session(qtbot, form)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()
    stored = ActivitySession.get()
    assert stored.participants == 1234 and stored.unit.code == "01834"


def test_save_and_new_on_an_opened_record_just_saves_it(qtbot, context, no_prompts):
    form = _form(qtbot, context)
    _type_session(qtbot, form)
    form.save_button.click()
    stored = ActivitySession.get()
    edit = _form(qtbot, context, uuid=stored.uuid, values=FORMS["sessions"][1](stored.uuid))
    assert edit.save_new_button.isHidden()
    edit.fields["participants"].clear()
    qtbot.keyClicks(edit.fields["participants"], "99")
    qtbot.keyClick(
        edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert not edit.isVisible()
    assert ActivitySession.get_by_id(stored.id).participants == 99
    assert ActivitySession.select().count() == 1
