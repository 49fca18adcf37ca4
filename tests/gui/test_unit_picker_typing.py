"""The unit picker typed into: no account around it offers nothing, Enter takes the only match
or the one in force, a label typed by hand gives its code (gui/widgets.UnitPicker)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from movement_desk.gui.widgets import UnitPicker, acting_account


class Owner(QWidget):
    def __init__(self, actor):
        super().__init__()
        self.actor = actor


def picker_for(qtbot, actor) -> UnitPicker:
    owner = Owner(actor)
    qtbot.addWidget(owner)
    picker = UnitPicker(owner)
    picker.owner = owner  # kept alive as long as the picker (Qt deletes children with it)
    return picker


def test_without_a_signed_in_account_nothing_is_offered(qtbot, database):
    picker = UnitPicker()
    qtbot.addWidget(picker)
    assert acting_account(picker) is None
    picker._on_line_text_edited("ba be")
    assert picker._matches.rowCount() == 0
    picker._on_line_text_edited("  ")
    assert picker._matches.rowCount() == 0


def test_enter_takes_the_only_match_then_keeps_it(qtbot, database, actor):
    picker = picker_for(qtbot, actor)
    assert acting_account(picker) is actor
    picker.line.setText("058")
    picker._on_line_text_edited("058")
    assert picker._matches.rowCount() == 1
    picker._on_line_return_pressed()
    assert picker.value() == "058" and "(058)" in picker.line.text()
    shown = picker.line.text()
    picker._on_line_return_pressed()  # already chosen: nothing changes
    assert picker.line.text() == shown
    picker.line.setText("")
    picker._on_line_return_pressed()
    assert picker.value() == ""


def test_enter_prefers_the_unit_in_force_among_an_old_and_a_new_one(qtbot, database, actor):
    picker = picker_for(qtbot, actor)
    picker.line.setText("cho ra")
    picker._on_line_text_edited("cho ra")
    offered = [picker._matches.item(r).text() for r in range(picker._matches.rowCount())]
    assert len(offered) >= 2, offered
    picker._on_line_return_pressed()
    assert picker.value().startswith("TN")  # today's commune, not the abolished township


def test_a_label_typed_by_hand_gives_its_code_and_an_unknown_code_stays_as_typed(
    qtbot, database, actor
):
    picker = picker_for(qtbot, actor)
    picker.line.setText("Xã Gì Đó (01234)")
    assert picker.value() == "01234"
    picker.set_value("99999")
    assert picker.value() == "99999" and picker.line.text() == "99999"
    picker.set_value(None)
    assert picker.value() == ""
