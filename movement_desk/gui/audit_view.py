"""The audit trail in the window: a read-only table filtered by user, record and date, and
an export to CSV or Excel. Nothing here edits or deletes an entry."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from movement_desk.db.account_tables import AuditEntry
from movement_desk.gui import prompts
from movement_desk.gui.table_models import ListTableModel
from movement_desk.services.admin import accounts
from movement_desk.services.core import audit
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import ServiceError

MAX_ROWS = 5_000


class AuditTableModel(ListTableModel):
    """Entries newest first: when, who, action, record, summary, old → new."""

    def __init__(self, actor: Actor, parent=None):
        # One title per column of ``audit.entry_row`` (the export's EXPORT_HEADERS).
        super().__init__(
            [
                self.tr("When (UTC)"),
                self.tr("Who"),
                self.tr("Action"),
                self.tr("Table"),
                self.tr("Record id"),
                self.tr("Record"),
                self.tr("Summary"),
                self.tr("Changes (old → new)"),
            ],
            parent,
        )
        self.actor = actor
        self.rows: list[AuditEntry] = []
        self.audit_filter = audit.AuditFilter()

    def load(self, audit_filter: audit.AuditFilter) -> None:
        self.audit_filter = audit_filter
        self.set_rows(audit.entries_for(self.actor, audit_filter).limit(MAX_ROWS))

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        value = audit.entry_row(self.rows[index.row()])[index.column()]
        return "" if value is None else str(value)

    def flags(self, index):
        # Selectable for copying, never editable.
        return super().flags(index) & ~Qt.ItemFlag.ItemIsEditable


class AuditView(QWidget):
    """Filters above the table; "Export…" writes what the filters show."""

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.audit_user = QComboBox(self)
        self.audit_user.setObjectName("audit_user")
        self.audit_user.addItem(self.tr("Everyone"), "")
        for username in accounts.usernames():
            self.audit_user.addItem(username, username)
        self.audit_record = QLineEdit(self)
        self.audit_record.setObjectName("audit_record")
        self.audit_record.setPlaceholderText(self.tr("Record name or id"))
        self.audit_use_dates = QCheckBox(self.tr("From"), self)
        self.audit_start = QDateEdit(QDate.currentDate().addMonths(-1), self)
        self.audit_end = QDateEdit(QDate.currentDate(), self)
        for edit in (self.audit_start, self.audit_end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.audit_apply = QPushButton(self.tr("Show"), self)
        self.audit_export = QPushButton(self.tr("Export…"), self)
        self.audit_status = QLabel(self)
        self.audit_model = AuditTableModel(actor, self)
        self.audit_table = QTableView(self)
        self.audit_table.setObjectName("audit_table")
        self.audit_table.setModel(self.audit_model)
        self.audit_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.audit_table.horizontalHeader().setStretchLastSection(True)
        self.audit_table.verticalHeader().hide()
        self.audit_apply.clicked.connect(self._on_audit_apply_clicked)
        self.audit_record.returnPressed.connect(self._on_audit_apply_clicked)
        self.audit_export.clicked.connect(self._on_audit_export_clicked)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("User"), self))
        filters.addWidget(self.audit_user)
        filters.addWidget(self.audit_record, 1)
        filters.addWidget(self.audit_use_dates)
        filters.addWidget(self.audit_start)
        filters.addWidget(QLabel(self.tr("to"), self))
        filters.addWidget(self.audit_end)
        filters.addWidget(self.audit_apply)
        filters.addWidget(self.audit_export)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.audit_table)
        layout.addWidget(self.audit_status)
        self.refresh()

    def current_filter(self) -> audit.AuditFilter:
        start = end = None
        if self.audit_use_dates.isChecked():
            start = _to_date(self.audit_start.date())
            end = _to_date(self.audit_end.date())
        return audit.AuditFilter(
            username=self.audit_user.currentData() or "",
            record=self.audit_record.text(),
            start=start,
            end=end,
        )

    def refresh(self) -> None:
        try:
            self.audit_model.load(self.current_filter())
        except ServiceError as exc:
            self.audit_status.setText(str(exc))
            return
        self._fit_columns()
        count = self.audit_model.rowCount()
        text = self.tr("{count} entries").format(count=count)
        if count >= MAX_ROWS:
            text += " " + self.tr("(the newest {max}; narrow the filter)").format(max=MAX_ROWS)
        self.audit_status.setText(text)

    def _fit_columns(self) -> None:
        """Columns as wide as their content (the time and header in full), long texts capped;
        the changes take the rest."""
        table = self.audit_table
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        for column in range(self.audit_model.columnCount() - 1):
            header.resizeSection(column, min(header.sectionSize(column), 240))

    def _on_audit_apply_clicked(self) -> None:
        self.refresh()

    def _on_audit_export_clicked(self) -> None:
        path = prompts.save_file(
            self, self.tr("Export the audit trail"), "nhat-ky.xlsx", prompts.TABLE_FILTER, "audit"
        )
        if not path:
            return
        try:
            count = audit.export_audit(path, self.actor, self.current_filter())
        except ServiceError as exc:
            prompts.warn(self, self.tr("Export"), str(exc))
            return
        self.audit_status.setText(
            self.tr("Exported {count} entries to {path}").format(count=count, path=path)
        )


class AuditDialog(QDialog):
    """The audit trail in a window of its own (Tools → Audit trail…), not modal."""

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("Audit trail"))
        self.view = AuditView(actor, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(1180, 620)


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
