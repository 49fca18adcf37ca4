"""The period picker of the lock dialog (gui/period_picker.py): each kind offers its own
choices, a year has none, and a code that is not a period leaves the picker as it was."""

from __future__ import annotations

from movement_desk.gui.period_picker import PeriodPicker
from movement_desk.services.core.periods import Period


def _choices(picker: PeriodPicker) -> list[str]:
    return [picker.number.itemText(i) for i in range(picker.number.count())]


def test_each_kind_offers_its_own_choices(qtbot):
    picker = PeriodPicker()
    qtbot.addWidget(picker)
    picker.show()
    assert len(_choices(picker)) == 12
    picker.number.setCurrentIndex(4)  # month 05
    with qtbot.waitSignal(picker.changed):
        picker.kind.setCurrentIndex(picker.kind.findData("quarter"))
    assert _choices(picker) == ["Quarter I", "Quarter II", "Quarter III", "Quarter IV"]
    # Month 05 was chosen: the quarter keeps the last one there is rather than none.
    assert picker.number.currentIndex() == 3
    picker.kind.setCurrentIndex(picker.kind.findData("half"))
    assert _choices(picker) == ["First half", "Second half"]
    assert picker.number.currentIndex() == 1
    picker.year.setValue(2024)
    assert picker.text() == "2024-H2"
    picker.kind.setCurrentIndex(picker.kind.findData("year"))
    assert picker.number.count() == 0 and not picker.number.isVisible()
    assert picker.period() == Period("year", 2024)
    assert picker.text() == "2024"


def test_codes_read_back_and_a_wrong_code_changes_nothing(qtbot):
    picker = PeriodPicker()
    qtbot.addWidget(picker)
    picker.setText("2025-Q3")
    assert picker.period() == Period("quarter", 2025, 3)
    picker.setText("2023")
    assert picker.period() == Period("year", 2023)
    assert picker.number.count() == 0
    for wrong in ("2023-13", "next spring", ""):
        picker.setText(wrong)
        assert picker.text() == "2023"
    # Nothing to show for no period, or a date range (the picker has no days).
    picker.set_period(None)
    picker.set_period(Period("range"))
    assert picker.text() == "2023"
