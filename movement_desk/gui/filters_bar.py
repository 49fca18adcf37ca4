"""The filter bar above a list: search as you type, unit (with everything under it), period."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from movement_desk import vietnamese
from movement_desk.gui.widgets import DateEdit, UnitTreePicker
from movement_desk.services.core import settings
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.core.periods import Period, period_containing

SEARCH_DELAY_MS = 150  # a newer keystroke cancels the query anyway (gui.list_loader)


class FilterBar(QWidget):
    """Emits ``changed`` (debounced for typing) whenever the filter it describes changes."""

    changed = Signal()

    def __init__(
        self,
        kind_choices: list[tuple[str, str]] | None = None,
        parent=None,
        *,
        kind_target: str = "kinds",
    ):
        super().__init__(parent)
        self.kind_target = kind_target
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self)
        self.search.setObjectName("filter_search")
        self.search.setPlaceholderText(self.tr("Search (accents and case ignored)…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        layout.addWidget(self.search, 2)
        self.unit = UnitTreePicker(self)
        self.unit.setObjectName("filter_unit")
        self.unit.setMinimumWidth(150)
        layout.addWidget(self.unit)

        self.period_kind = QComboBox(self)
        self.period_kind.setObjectName("filter_period")
        for text, key in (
            (self.tr("Any date"), ""),
            (self.tr("Month"), "month"),
            (self.tr("Quarter"), "quarter"),
            (self.tr("Year"), "year"),
            (self.tr("Date range"), "range"),
        ):
            self.period_kind.addItem(text, key)
        layout.addWidget(self.period_kind)
        self.number = QSpinBox(self)
        self.number.setObjectName("filter_period_number")
        self.year = QSpinBox(self)
        self.year.setObjectName("filter_period_year")
        self.year.setRange(1990, 2999)
        self.year.setValue(date.today().year)
        self.start = DateEdit(self)
        self.end = DateEdit(self)
        self.dash = QLabel("–", self)
        # The days a month, quarter or year covers under the period rule in force.
        self.period_dates = QLabel(self)
        self.period_dates.setObjectName("filter_period_dates")
        for widget in (self.number, self.year, self.start, self.dash, self.end, self.period_dates):
            layout.addWidget(widget)
            widget.hide()

        self.kind = QComboBox(self)
        self.kind.setObjectName("filter_kind")
        self.kind.addItem(self.tr("All kinds"), "")
        for text, key in kind_choices or []:
            self.kind.addItem(text, key)
        self.kind.setVisible(bool(kind_choices))
        layout.addWidget(self.kind)
        layout.addStretch(0)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self.search.textChanged.connect(self._timer.start)
        self.unit.unitChosen.connect(self._emit_now)
        self.period_kind.currentIndexChanged.connect(self._on_period_kind_changed)
        for spin in (self.number, self.year):
            spin.valueChanged.connect(self._timer.start)
            spin.valueChanged.connect(self._show_period_dates)
        for edit in (self.start, self.end):
            edit.line.editingFinished.connect(self._emit_now)
        self.kind.currentIndexChanged.connect(self._emit_now)

    def _emit_now(self, *args) -> None:
        self._timer.stop()
        self.changed.emit()

    def _on_period_kind_changed(self, *args) -> None:
        kind = self.period_kind.currentData()
        today = date.today()
        rule = settings.get("period_rule")
        self.number.blockSignals(True)
        self.year.blockSignals(True)
        if kind in ("month", "quarter", "year"):
            current = period_containing(today, kind, rule)
            self.year.setValue(current.year)
            if kind == "month":
                self.number.setRange(1, 12)
                self.number.setPrefix(self.tr("month "))
            elif kind == "quarter":
                self.number.setRange(1, 4)
                self.number.setPrefix(self.tr("quarter "))
            self.number.setValue(current.number or 1)
        self.number.blockSignals(False)
        self.year.blockSignals(False)
        self.number.setVisible(kind in ("month", "quarter"))
        self.year.setVisible(kind in ("month", "quarter", "year"))
        for widget in (self.start, self.dash, self.end):
            widget.setVisible(kind == "range")
        self._show_period_dates()
        self._emit_now()

    def _show_period_dates(self, *args) -> None:
        period = self.period() if self.period_kind.currentData() != "range" else None
        if period is None:
            self.period_dates.hide()
            return
        rule = settings.get("period_rule")
        start, end = period.bounds(rule)
        self.period_dates.setText(
            self.tr("{start} – {end}").format(
                start=vietnamese.format_date(start), end=vietnamese.format_date(end)
            )
        )
        self.period_dates.setToolTip(
            self.tr("Reports close on the 14th (Decree 09/2019/NĐ-CP)")
            if rule == "decree"
            else self.tr("Calendar months")
        )
        self.period_dates.show()

    def set_period(self, period: Period) -> None:
        index = self.period_kind.findData(period.kind)
        self.period_kind.blockSignals(True)
        self.period_kind.setCurrentIndex(index)
        self.period_kind.blockSignals(False)
        self._on_period_kind_changed()
        self.number.setValue(period.number or 1)
        self.year.setValue(period.year)

    def period(self) -> Period | None:
        kind = self.period_kind.currentData()
        if kind in ("month", "quarter"):
            return Period(kind, self.year.value(), self.number.value())
        if kind == "year":
            return Period("year", self.year.value())
        if kind == "range":
            start, end = self.start.date_value(), self.end.date_value()
            if start and end and start <= end:
                return Period("range", start=start, end=end)
        return None

    def record_filter(self) -> RecordFilter:
        record_filter = RecordFilter(
            unit_code=self.unit.code or None,
            text=self.search.text().strip(),
            follow_successors=True,
        )
        period = self.period()
        if period is not None:
            record_filter.with_period(period)
        kind = self.kind.currentData()
        if kind:
            setattr(record_filter, self.kind_target, [kind])
        return record_filter

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
