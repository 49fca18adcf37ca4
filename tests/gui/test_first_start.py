"""First start on an empty database: today's units proposed, searchable, in Vietnamese order;
the office's defaults follow the home unit's province as it is today."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from movement_desk import vietnamese
from movement_desk.gui.accounts_dialogs import FirstAdminDialog
from movement_desk.services.core import settings
from movement_desk.services.records import units
from tests.gui.conftest import show_active


def test_the_first_administrator_is_offered_todays_units_in_vietnamese_order(qtbot, context):
    dialog = show_active(qtbot, FirstAdminDialog())
    combo = dialog.first_admin_unit
    assert combo.currentData() == "19"  # Thái Nguyên, not the abolished Bắc Kạn (06)
    texts = [combo.itemText(i) for i in range(combo.count())]
    current = [t for t in texts if "until" not in t]
    assert current[0] == "Tỉnh Thái Nguyên (19)"
    names = [units.find_unit(combo.itemData(i)).name for i in range(1, len(current))]
    assert names == sorted(names, key=vietnamese.sort_key)
    assert texts.index("Tỉnh Bắc Kạn (06) until 30/06/2025") > len(current) - 1


def test_the_unit_list_is_searched_by_typing_without_accents(qtbot, context):
    dialog = show_active(qtbot, FirstAdminDialog())
    combo = dialog.first_admin_unit
    combo.setFocus()
    qtbot.wait(10)  # the unit shown is selected, so typing replaces it
    qtbot.keyClicks(combo.lineEdit(), "thuong minh")
    completer = combo.completer()
    shown = [
        completer.completionModel().index(r, 0).data()
        for r in range(completer.completionModel().rowCount())
    ]
    assert shown and all("Thượng Minh" in text for text in shown)
    qtbot.keyClick(QApplication.activePopupWidget() or combo.lineEdit(), Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.activePopupWidget() or combo.lineEdit(), Qt.Key.Key_Return)
    assert "Thượng Minh" in combo.currentText()
    assert combo.currentData() == combo.itemData(combo.findText(shown[0]))


def test_the_offices_defaults_follow_the_home_units_province_today(database):
    assert settings.get("home_unit_code") == "06"
    assert settings.get("place") == "Thái Nguyên"
    assert settings.get("authority") == "GIÁM ĐỐC CÔNG AN TỈNH THÁI NGUYÊN"
    assert settings.get("issuer_parent") == "CÔNG AN TỈNH THÁI NGUYÊN"
    # A report dated before the merger is signed in Bắc Kạn.
    assert settings.all_settings(date(2024, 2, 1))["place"] == "Bắc Kạn"
    settings.put("place", "Chợ Mới", "test")
    assert settings.get("place") == "Chợ Mới"  # a value set stays set
