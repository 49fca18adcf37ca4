"""Choosing by typing (gui/widgets.py): a list of choices made searchable keeps its choice one
of the list, the unit tree of the filter bar searched without accents, and Enter in a unit
picker that matches several units choosing none of them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget

from movement_desk.gui.widgets import (
    CODE_ROLE,
    UnitPicker,
    UnitTreePicker,
    _ComboSearch,
    make_searchable,
)
from tests.gui.conftest import show_active

NAMES = ["Xã Bằng Thành", "Thị trấn Chợ Rã", "Phường Đức Xuân"]


class _Holder(QWidget):
    """A window around the widgets, with the signed-in account the pickers work for."""

    def __init__(self, actor):
        super().__init__()
        self.actor = actor
        QVBoxLayout(self)

    def add(self, widget):
        self.layout().addWidget(widget)
        return widget


def test_a_searchable_list_keeps_its_choice_one_of_the_list(qtbot, actor):
    holder = _Holder(actor)
    combo = holder.add(QComboBox(holder))
    combo.addItems(NAMES)
    other = holder.add(QLineEdit(holder))
    make_searchable(combo)
    make_searchable(combo)  # twice: still one search
    assert len(combo.findChildren(_ComboSearch)) == 1
    show_active(qtbot, holder)
    line = combo.lineEdit()
    line.setFocus()
    line.clear()
    qtbot.keyClicks(line, "duc")  # the start of a word, no accents
    popup = combo.completer().popup()
    assert popup.isVisible() and combo.completer().completionModel().rowCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Escape)  # the list closed without picking
    other.setFocus()  # leaving the field: the only match is chosen
    qtbot.waitUntil(lambda: combo.currentText() == "Phường Đức Xuân")
    assert combo.currentIndex() == 2
    line.setFocus()
    line.clear()
    qtbot.keyClicks(line, "zzz")  # matches nothing: no list shown, the choice comes back
    assert not popup.isVisible()
    other.setFocus()
    qtbot.waitUntil(lambda: line.text() == "Phường Đức Xuân")
    assert combo.currentIndex() == 2


def test_the_unit_tree_is_searched_without_accents(qtbot, database, actor):
    holder = _Holder(actor)
    picker = holder.add(UnitTreePicker(holder))
    chosen = []
    picker.unitChosen.connect(chosen.append)
    show_active(qtbot, holder)
    assert picker.text() == "All units"
    everything = picker.proxy.rowCount()
    picker.search.setText("cho ra")
    found = []

    def collect(parent):
        for row in range(picker.proxy.rowCount(parent)):
            index = picker.proxy.index(row, 0, parent)
            found.append(index)
            collect(index)

    collect(picker.tree.rootIndex())
    codes = [index.data(CODE_ROLE) for index in found]
    assert "01888" in codes and "01834" not in codes
    target = next(index for index in found if index.data(CODE_ROLE) == "01888")
    assert picker.tree.isExpanded(target.parent())  # opened down to what was found
    picker.tree.activated.emit(target)
    assert chosen == ["01888"] and picker.text() == "Thị trấn Chợ Rã"
    picker.search.clear()
    assert picker.proxy.rowCount() == everything
    picker.hide()
    picker.show()  # shown again: the tree is not read again
    assert picker.text() == "Thị trấn Chợ Rã"


def test_enter_with_several_units_matching_chooses_none(qtbot, database, actor):
    holder = _Holder(actor)
    picker = holder.add(UnitPicker(holder))
    show_active(qtbot, holder)
    picker.line.setFocus()
    qtbot.keyClicks(picker.line, "bang")  # Bằng Lãng, Bằng Phúc, Bằng Thành…, in force
    assert picker._matches.rowCount() > 2
    picker.line.returnPressed.emit()
    assert picker.value() == "bang"  # nothing chosen: the service will say what is wrong
