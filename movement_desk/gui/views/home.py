"""Home: what each commune under the home unit has entered in the current reporting period,
which communes' data packages have arrived for it (only on a database that receives packages)
and how many records changed on both sides wait for a choice.

The figures are read on a worker thread: the page (and the window) shows at once with a line
saying they are being computed, and they fill in when read. A refresh waits a moment for
them (a small database shows them at once) and otherwise leaves the old ones until then."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from movement_desk.gui import texts
from movement_desk.gui.context import AppContext
from movement_desk.gui.list_loader import LatestResult
from movement_desk.gui.table_models import HomeTableModel
from movement_desk.gui.table_setup import configure_table, fit_columns
from movement_desk.services.core import settings

if TYPE_CHECKING:
    from movement_desk.services.core.periods import Period
    from movement_desk.services.dashboard import Dashboard

# How long a refresh waits for the figures before leaving them to arrive later (a save
# refreshes them: on a database of ordinary size they show at once, as before).
REFRESH_WAIT_MS = 1000


class HomeView(QWidget):
    """Per child unit: sessions, participants, tips, last entry; empty units highlighted."""

    unitOpened = Signal(str, object)  # noqa: N815 - unit code, Period
    conflictsRequested = Signal()  # noqa: N815

    def __init__(self, context: AppContext, parent: QWidget | None = None, today=None):
        super().__init__(parent)
        self.context = context
        self.today = today or date.today()
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("home_heading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.summary = QLabel(self)
        self.summary.setObjectName("home_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.packages_line = QLabel(self)
        self.packages_line.setObjectName("home_packages")
        self.packages_line.setWordWrap(True)
        layout.addWidget(self.packages_line)
        self.conflicts_line = QLabel(self)
        self.conflicts_line.setObjectName("home_conflicts")
        self.conflicts_line.linkActivated.connect(self._on_conflicts_line_linkActivated)
        layout.addWidget(self.conflicts_line)
        self.model = HomeTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("home_table")
        configure_table(self.table)
        self.table.setModel(self.model)
        self.table.clicked.connect(self._on_table_clicked)
        self.table.activated.connect(self._on_table_activated)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        hint = QLabel(
            self.tr("Click a unit's name (or press Enter) to see its sessions of the period."),
            self,
        )
        buttons.addWidget(hint)
        buttons.addStretch(1)
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        buttons.addWidget(self.refresh_button)
        layout.addLayout(buttons)
        self._board: Dashboard | None = None
        self.packages_line.hide()
        self.conflicts_line.hide()
        self.heading.setText(self.tr("Computing the figures of this period…"))
        self._figures = LatestResult(self, self._show_figures)
        context.events.changed.connect(self._on_data_changed)
        self._load(first=True)

    @property
    def board(self) -> Dashboard | None:
        """The figures shown (waits for those being read)."""
        self.wait_until_loaded()
        return self._board

    def wait_until_loaded(self, milliseconds: int = 30_000) -> bool:
        """Block until the newest figures are shown (tests, benchmarks)."""
        return self._figures.wait(milliseconds)

    def _on_data_changed(self, kind: str) -> None:
        if kind in ("sessions", "models", "decisions", "settings", "units", "packages"):
            self.refresh()

    def refresh(self) -> None:
        self._load(REFRESH_WAIT_MS)

    def _load(self, wait_ms: float = 0, *, first: bool = False) -> None:
        """Read the figures on the worker thread; the first time, once the page has shown."""
        today, actor = self.today, self.context.actor

        def work():  # worker thread: reads only (and imports what Home needs, off the GUI)
            from movement_desk.services import dashboard, packages

            board = dashboard.build_dashboard(today, actor=actor)
            received = None
            if board is not None and packages.received_packages(limit=1):
                received = packages.received_units(board.home_code, board.start, board.end)
            return board, received, packages.pending_conflict_count()

        self._figures.request(work, wait_ms, after_painting=self if first else None)

    def _show_figures(self, figures) -> None:
        self._board, received, conflicts = figures
        self.model.set_dashboard(self._board)
        self._show_conflicts(conflicts)
        if self._board is None:
            self.heading.setText(
                self.tr("No home unit is set: choose the unit you work for in Settings.")
            )
            self.summary.clear()
            self.packages_line.hide()
            return
        self._show_packages(received)
        rule_text = (
            self.tr("decree rule, 15th to 14th")
            if self._board.rule == "decree"
            else self.tr("calendar months")
        )
        period = self._board.period
        self.heading.setText(
            self.tr(
                "<h2>{unit}</h2>Reporting period: month {month:02d}/{year} "
                "({start} – {end}, {rule})"
            ).format(
                unit=self._board.home_title,
                month=period.number,
                year=period.year,
                start=texts.day(self._board.start),
                end=texts.day(self._board.end),
                rule=rule_text,
            )
        )
        total = self._board.totals
        missing = len(self._board.missing)
        text = self.tr(
            "So far: {sessions} sessions, {participants} participants, {tips} valuable tips. "
        ).format(
            sessions=texts.number(total.sessions),
            participants=texts.number(total.participants),
            tips=texts.number(total.tips),
        )
        if missing:
            text += self.tr(
                "<b style='color:#b3261e'>{missing} of {count} units have entered nothing yet</b> "
                "(highlighted)."
            ).format(missing=missing, count=len(self._board.rows))
        else:
            text += self.tr("Every unit has entered something.")
        self.summary.setText(text)
        fit_columns(self.table, 0)

    def _show_packages(self, completeness) -> None:
        """The communes whose packages cover this period; only where packages are received
        (a commune's own database receives none, and the line would only alarm)."""
        if completeness is None:
            self.packages_line.hide()
            return
        missing = completeness.missing
        text = self.tr(
            "Data packages covering this period: {received} of {expected} communes."
        ).format(
            received=texts.number(completeness.received_count),
            expected=texts.number(completeness.expected_count),
        )
        if missing:
            names = ", ".join(unit.name for unit in missing[:6])
            if len(missing) > 6:
                names += " " + self.tr("and {count} more").format(
                    count=texts.number(len(missing) - 6)
                )
            text += " " + self.tr("Not yet received: {names}.").format(names=names)
        self.packages_line.setText(text)
        self.packages_line.setToolTip("\n".join(unit.name for unit in missing))
        self.packages_line.show()

    def _show_conflicts(self, count: int) -> None:
        self.conflicts_line.setVisible(bool(count))
        if count:
            self.conflicts_line.setText(
                "<a href='conflicts'>"
                + self.tr("{count} records changed on both sides wait for your choice…").format(
                    count=texts.number(count)
                )
                + "</a>"
            )

    def _on_conflicts_line_linkActivated(self, _link: str) -> None:  # noqa: N802
        self.conflictsRequested.emit()

    def _on_table_clicked(self, index: QModelIndex) -> None:
        if index.column() == 0:
            self._on_table_activated(index)

    def _on_table_activated(self, index: QModelIndex) -> None:
        code = self.model.unit_code(index.row())
        if code and self._board is not None:
            self.unitOpened.emit(code, self._board.period)

    def period(self) -> Period | None:
        return self._board.period if self._board else None

    def home_code(self) -> str:
        return settings.get("home_unit_code")
