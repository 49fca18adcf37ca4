"""A reporting period picked as on the Reports page: kind, year, which month/quarter/half.

Nothing to type in a code ("2024-03"): the picker gives a ``Period`` and, for the code
readers, ``text()`` (its code); ``setText`` takes a code too.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QWidget

from movement_desk.services.core.errors import ServiceError
from movement_desk.services.core.periods import Period, parse_period

KINDS = ("month", "quarter", "half", "year")


class PeriodPicker(QWidget):
    """Month, quarter, 6 months or year, the year, and which one."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox(self)
        self.kind.setObjectName("period_kind")
        for key, label in zip(
            KINDS,
            (self.tr("Month"), self.tr("Quarter"), self.tr("6 months"), self.tr("Year")),
            strict=True,
        ):
            self.kind.addItem(label, key)
        self.number = QComboBox(self)
        self.number.setObjectName("period_number")
        self.year = QSpinBox(self)
        self.year.setObjectName("period_year")
        self.year.setRange(2000, 2100)
        layout.addWidget(self.kind)
        layout.addWidget(self.number)
        layout.addWidget(self.year)
        layout.addStretch(1)
        self.setFocusProxy(self.kind)
        self._fill_numbers()
        self.kind.currentIndexChanged.connect(self._on_kind_currentIndexChanged)
        self.number.currentIndexChanged.connect(self.changed)
        self.year.valueChanged.connect(self.changed)

    def _fill_numbers(self) -> None:
        kind = self.kind.currentData()
        previous = self.number.currentIndex()
        if kind == "month":
            labels = [self.tr("Month {n}").format(n=f"{n:02d}") for n in range(1, 13)]
        elif kind == "quarter":
            labels = [self.tr("Quarter {n}").format(n=n) for n in ("I", "II", "III", "IV")]
        elif kind == "half":
            labels = [self.tr("First half"), self.tr("Second half")]
        else:
            labels = []
        blocked = self.number.blockSignals(True)
        self.number.clear()
        self.number.addItems(labels)
        if labels:
            self.number.setCurrentIndex(min(max(previous, 0), len(labels) - 1))
        self.number.blockSignals(blocked)
        self.number.setVisible(bool(labels))

    def _on_kind_currentIndexChanged(self, _index: int) -> None:
        self._fill_numbers()
        self.changed.emit()

    def period(self) -> Period:
        kind = self.kind.currentData()
        if kind == "year":
            return Period("year", self.year.value())
        return Period(kind, self.year.value(), max(self.number.currentIndex(), 0) + 1)

    def set_period(self, period: Period | None) -> None:
        if period is None or period.kind not in KINDS:
            return
        self.kind.setCurrentIndex(KINDS.index(period.kind))
        self._fill_numbers()
        self.year.setValue(period.year)
        if period.number:
            self.number.setCurrentIndex(period.number - 1)
        self.changed.emit()

    def text(self) -> str:
        return self.period().code

    def setText(self, code: str) -> None:  # noqa: N802 - reads like the line edit it replaced
        with contextlib.suppress(ServiceError):  # not a period: the picker keeps its own
            self.set_period(parse_period(code))
