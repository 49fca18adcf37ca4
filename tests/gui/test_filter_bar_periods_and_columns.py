"""The filter bar's periods and kinds (gui/filters_bar.py) and the columns of a table fitted to
a narrow window (gui/table_setup.py)."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from movement_desk.gui.filters_bar import FilterBar
from movement_desk.gui.table_setup import _narrowed, configure_table, fit_columns
from movement_desk.services.core.periods import Period


def _bar(qtbot) -> FilterBar:
    bar = FilterBar([("Phát động", "launch"), ("Tuyên truyền", "propaganda")])
    qtbot.addWidget(bar)
    bar.show()
    return bar


def test_a_quarter_shows_its_days_under_the_decree_rule(qtbot, database):
    bar = _bar(qtbot)
    with qtbot.waitSignal(bar.changed):
        bar.period_kind.setCurrentIndex(bar.period_kind.findData("quarter"))
    assert (bar.number.minimum(), bar.number.maximum()) == (1, 4)
    assert bar.number.prefix() == "quarter "
    assert bar.number.isVisible() and bar.year.isVisible() and not bar.start.isVisible()
    bar.year.setValue(2025)
    bar.number.setValue(1)
    assert bar.period() == Period("quarter", 2025, 1)
    # The decree's first quarter runs from 15 December to 14 March.
    assert bar.period_dates.text() == "15/12/2024 – 14/03/2025"
    assert bar.period_dates.toolTip() == "Reports close on the 14th (Decree 09/2019/NĐ-CP)"
    record_filter = bar.record_filter()
    assert (record_filter.start, record_filter.end) == (date(2024, 12, 15), date(2025, 3, 14))


def test_a_date_range_counts_only_when_both_days_are_typed_in_order(qtbot, database):
    bar = _bar(qtbot)
    bar.period_kind.setCurrentIndex(bar.period_kind.findData("range"))
    assert bar.start.isVisible() and bar.end.isVisible()
    assert not bar.number.isVisible() and not bar.period_dates.isVisible()
    bar.start.set_value(date(2025, 3, 1))
    assert bar.period() is None  # no end yet
    bar.end.set_value("31/03/2025")
    assert bar.period() == Period("range", start=date(2025, 3, 1), end=date(2025, 3, 31))
    bar.end.set_value("28/02/2025")  # before the start: no period rather than an empty list
    assert bar.period() is None
    assert bar.record_filter().start is None
    bar.period_kind.setCurrentIndex(bar.period_kind.findData(""))
    assert not bar.start.isVisible() and not bar.period_dates.isVisible()


def test_a_kind_chosen_narrows_the_filter(qtbot, database):
    bar = _bar(qtbot)
    assert bar.record_filter().kinds == []
    with qtbot.waitSignal(bar.changed):
        bar.kind.setCurrentIndex(bar.kind.findData("propaganda"))
    assert bar.record_filter().kinds == ["propaganda"]
    statuses = FilterBar([("Đang hoạt động", "active")], kind_target="statuses")
    qtbot.addWidget(statuses)
    statuses.kind.setCurrentIndex(1)
    assert (statuses.record_filter().statuses, statuses.record_filter().kinds) == (["active"], [])


def test_columns_too_wide_for_a_narrow_window_are_narrowed_to_a_common_width(qtbot):
    model = QStandardItemModel(3, 3)
    model.setHorizontalHeaderLabels(["Tên", "Đơn vị", "Ghi chú"])
    for row in range(3):
        model.setItem(row, 0, QStandardItem("Nguyễn Văn An " * 4))
        model.setItem(row, 1, QStandardItem("Công an xã Bằng Thành, huyện Pác Nặm " * 2))
        model.setItem(row, 2, QStandardItem("ít"))
    view = QTableView()
    qtbot.addWidget(view)
    configure_table(view)
    view.setModel(model)
    view.resize(420, 200)
    view.show()
    fit_columns(view)
    header = view.horizontalHeader()
    widths = [view.columnWidth(c) for c in range(3)]
    assert sum(widths) <= view.viewport().width()
    assert all(widths[c] >= header.sectionSizeHint(c) for c in range(3))
    assert abs(widths[0] - widths[1]) <= 1  # the two long ones share what is left
    assert widths[2] < widths[0]  # the short one keeps its own width


def test_narrowing_takes_from_the_widest_first_and_never_below_a_floor():
    assert _narrowed([300, 200, 100], [50, 50, 50], 150, keep=None) == [175, 175, 100]
    assert _narrowed([300, 200, 100], [50, 50, 50], 150, keep=0) == [300, 75, 75]
    # More to take than the floors allow: each stops at its floor.
    assert _narrowed([120, 90], [100, 80], 500, keep=None) == [100, 80]
