"""A supervisor locks or unlocks a unit's reporting period (``services.core.period_locks``).

The dialog shows the locks in force for the units the user sees; picking one fills the unit
and the period, so unlocking is: pick, give the reason, Unlock. The service decides who may
(supervisors and administrators of the unit) and records both in the audit trail.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from movement_desk import vietnamese
from movement_desk.db.account_tables import PeriodLock
from movement_desk.gui import prompts
from movement_desk.gui.accounts_dialogs import fill_unit_combo
from movement_desk.gui.period_picker import PeriodPicker
from movement_desk.gui.table_models import ListTableModel
from movement_desk.services.core import period_locks, settings
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import ServiceError
from movement_desk.services.core.periods import Period, last_ended_period


class LockTableModel(ListTableModel):
    """Locks in force: unit, period, days, who locked and when, note."""

    def __init__(self, actor: Actor, parent=None):
        super().__init__(
            [
                self.tr("Unit"),
                self.tr("Period"),
                self.tr("Days"),
                self.tr("Locked by"),
                self.tr("Note"),
            ],
            parent,
        )
        self.actor = actor
        self.rows: list[PeriodLock] = []

    def reload(self) -> None:
        self.set_rows(period_locks.active_locks(self.actor))

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        lock = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return f"{lock.unit.title} ({lock.unit.code})"
        if column == 1:
            return lock.period_code
        if column == 2:
            return (
                f"{vietnamese.format_date(lock.starts_on)} – {vietnamese.format_date(lock.ends_on)}"
            )
        if column == 3:
            return self.tr("{user}, {day}").format(
                user=lock.locked_by, day=vietnamese.format_date(lock.locked_at.date())
            )
        return lock.note


class PeriodLockDialog(QDialog):
    """Unit, period and a note or reason; Lock and Unlock; the locks in force below."""

    locked = Signal(str, str)  # unit code, period code
    unlocked = Signal(str, str)

    def __init__(
        self,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        unit_code: str | None = None,
        period: Period | None = None,
        rule: str | None = None,
    ):
        super().__init__(parent)
        self.actor = actor
        self.rule = rule or settings.get("period_rule")
        self.setWindowTitle(self.tr("Lock reporting period"))
        self.setObjectName("periodLockDialog")
        intro = QLabel(
            self.tr(
                "A locked period's sessions, models and decisions of the unit and the units under "
                "it cannot be added, changed or deleted by anyone until it is unlocked. Unlocking "
                "needs a reason; both are recorded in the audit trail."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.lock_unit = QComboBox(self)
        self.lock_unit.setObjectName("lock_unit")
        fill_unit_combo(
            self.lock_unit, unit_code or actor.unit_code or settings.get("home_unit_code"), actor
        )
        # Picked as on the Reports page, the last period that has ended at first.
        self.lock_period = PeriodPicker(self)
        self.lock_period.setObjectName("lock_period")
        self.lock_period.set_period(
            period if period is not None and period.kind != "range" else None
        )
        if period is None or period.kind == "range":
            self.lock_period.set_period(last_ended_period(date.today(), self.rule))
        self.lock_covers = QLabel(self)
        self.lock_reason = QLineEdit(self)
        self.lock_reason.setObjectName("lock_reason")
        self.lock_reason.setPlaceholderText(
            self.tr("Required to unlock: why the period must change")
        )
        self.lock_status = QLabel(self)
        self.lock_status.setObjectName("lock_status")
        self.lock_status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Unit (and the units under it)"), self.lock_unit)
        form.addRow(self.tr("Period"), self.lock_period)
        form.addRow("", self.lock_covers)
        form.addRow(self.tr("Note or reason"), self.lock_reason)

        self.locks_model = LockTableModel(actor, self)
        self.locks_table = QTableView(self)
        self.locks_table.setObjectName("locks_table")
        self.locks_table.setModel(self.locks_model)
        self.locks_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.locks_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.locks_table.verticalHeader().hide()
        header = self.locks_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.lock_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.lock_button = self.lock_buttons.addButton(
            self.tr("Lock"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.lock_button.setObjectName("lock_button")
        self.unlock_button = self.lock_buttons.addButton(
            self.tr("Unlock"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.unlock_button.setObjectName("unlock_button")
        self.lock_buttons.rejected.connect(self.reject)
        self.lock_button.clicked.connect(self._on_lock_button_clicked)
        self.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        self.lock_period.changed.connect(self._on_lock_period_changed)
        self.locks_table.clicked.connect(self._on_locks_table_clicked)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.lock_status)
        layout.addWidget(QLabel(self.tr("Locks in force"), self))
        layout.addWidget(self.locks_table, 1)
        layout.addWidget(self.lock_buttons)
        self.resize(760, 480)
        self.locks_model.reload()
        self._on_lock_period_changed()

    def unit_code(self) -> str:
        return self.lock_unit.currentData() or ""

    def _not_ended(self) -> date | None:
        """The last day of the period picked when it has not ended yet, else None."""
        _start, end = self.lock_period.period().bounds(self.rule)
        return end if end >= date.today() else None

    def _on_lock_period_changed(self) -> None:
        period = self.lock_period.period()
        start, end = period.bounds(self.rule)
        text = self.tr("{label}: {start} to {end}").format(
            label=period.label,
            start=vietnamese.format_date(start),
            end=vietnamese.format_date(end),
        )
        if self._not_ended() is not None:
            text += "\n" + self.tr(
                "This period has not ended yet: once it is locked, records of its last days "
                "cannot be entered until it is unlocked."
            )
        self.lock_covers.setText(text)

    def _on_locks_table_clicked(self, index: QModelIndex) -> None:
        lock = self.locks_model.rows[index.row()]
        position = self.lock_unit.findData(lock.unit.code)
        if position >= 0:
            self.lock_unit.setCurrentIndex(position)
        self.lock_period.setText(lock.period_code)

    def _on_lock_button_clicked(self) -> None:
        code, period = self.unit_code(), self.lock_period.text().strip()
        end = self._not_ended()
        if end is not None and not prompts.confirm(
            self,
            self.tr("Lock period"),
            self.tr("This period runs until {end} and has not ended. Lock it anyway?").format(
                end=vietnamese.format_date(end)
            ),
        ):
            return
        try:
            lock = period_locks.lock_period(
                code, period, self.actor, note=self.lock_reason.text(), rule=self.rule
            )
        except ServiceError as exc:
            self.lock_status.setText(str(exc))
            return
        self.lock_status.setText(
            self.tr("{unit}: period {period} locked.").format(
                unit=lock.unit.title, period=lock.period_code
            )
        )
        self.lock_reason.clear()
        self.locks_model.reload()
        self.locked.emit(code, lock.period_code)

    def _on_unlock_button_clicked(self) -> None:
        code, period = self.unit_code(), self.lock_period.text().strip()
        try:
            lock = period_locks.unlock_period(
                code, period, self.actor, reason=self.lock_reason.text(), rule=self.rule
            )
        except ServiceError as exc:
            self.lock_status.setText(str(exc))
            return
        self.lock_status.setText(
            self.tr("{unit}: period {period} unlocked.").format(
                unit=lock.unit.title, period=lock.period_code
            )
        )
        self.lock_reason.clear()
        self.locks_model.reload()
        self.unlocked.emit(code, lock.period_code)
