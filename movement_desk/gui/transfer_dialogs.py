"""File → Import… and File → Export…: choose a kind and a file, run with a progress dialog.

An import that finds bad rows writes nothing; its rows, columns and reasons appear in a
table that can be saved as a spreadsheet for whoever fixes the file.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from movement_desk.gui import prompts, tasks, texts
from movement_desk.gui.context import AppContext
from movement_desk.gui.table_models import SimpleTableModel
from movement_desk.gui.views.records import configure_table, fit_columns
from movement_desk.services.core import tabular
from movement_desk.services.core.errors import FieldError, ServiceError, ValidationError
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.records import transfer


def kind_names() -> dict[str, str]:
    return {
        "sessions": QCoreApplication.translate("transfer", "Sessions"),
        "models": QCoreApplication.translate("transfer", "Community models"),
        "commendations": QCoreApplication.translate(
            "transfer", "Commendations (decisions and recipients)"
        ),
    }


class ImportErrorsDialog(QDialog):
    """The rows an import refused, as a table that can be saved."""

    def __init__(self, errors: list[FieldError], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import refused: nothing was written"))
        self.errors = errors
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "{count} problems were found. Correct the file and import it again."
                ).format(count=texts.number(len(errors))),
                self,
            )
        )
        self.model = SimpleTableModel([self.tr("Row"), self.tr("Column"), self.tr("Problem")], self)
        self.model.set_rows(
            [["" if e.row is None else str(e.row), e.label, e.message] for e in errors],
            list(range(len(errors))),
        )
        self.table = QTableView(self)
        self.table.setObjectName("import_errors_table")
        configure_table(self.table)
        self.table.setWordWrap(True)
        self.table.setModel(self.model)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        save = buttons.addButton(self.tr("&Save list…"), QDialogButtonBox.ButtonRole.ActionRole)
        save.setObjectName("import_errors_save")
        save.clicked.connect(self.save_list)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(860, 480)
        fit_columns(self.table, 2)

    def save_list(self) -> str:
        path = prompts.save_file(
            self, self.tr("Save the list of problems"), "loi-nhap.xlsx", prompts.TABLE_FILTER
        )
        if path:
            tabular.write_table(
                path,
                [self.tr("Row"), self.tr("Column"), self.tr("Problem")],
                ([e.row, e.label, e.message] for e in self.errors),
            )
        return path


class ImportDialog(QDialog):
    """Choose what to import and from which file; the import runs with a progress dialog."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Import from a file"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("import_kind")
        for key, name in kind_names().items():
            self.kind.addItem(name, key)
        form.addRow(self.tr("&What"), self.kind)
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setObjectName("import_path")
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.clicked.connect(self._on_browse_clicked)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        # A label of its own: beside a row of widgets QFormLayout would show the "&" itself.
        file_label = QLabel(self.tr("&File (.xlsx or .csv)"), self)
        file_label.setBuddy(self.path)
        form.addRow(file_label, row)
        self.dry_run = QCheckBox(self.tr("Only check the file, write nothing"), self)
        form.addRow("", self.dry_run)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(
                self.tr(
                    "All or nothing: if one row is wrong nothing is written. Importing the same "
                    "file again creates no duplicates."
                ),
                self,
            )
        )
        self.result_label = QLabel(self)
        self.result_label.setObjectName("import_result")
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        buttons = QDialogButtonBox(self)
        self.run_button = buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.run_button.setObjectName("import_run")
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.run_button.clicked.connect(self.run)
        layout.addWidget(buttons)
        self.task: tasks.BackgroundTask | None = None
        self.report: transfer.ImportReport | None = None
        self.resize(620, 240)

    def _on_browse_clicked(self) -> None:
        path = prompts.open_file(self, self.tr("Import from a file"), prompts.TABLE_FILTER)
        if path:
            self.path.setText(path)

    def run(self) -> None:
        path = self.path.text().strip()
        if not path:
            self.result_label.setText(self.tr("Choose a file first."))
            return
        kind = self.kind.currentData()
        dry_run = self.dry_run.isChecked()
        actor = self.context.actor

        def work(progress):
            return transfer.import_file(kind, path, actor, dry_run=dry_run, progress=progress)

        self.run_button.setEnabled(False)
        self.task = tasks.run_task(self, self.tr("Importing…"), work, self._on_done, self._on_error)

    def _on_done(self, report) -> None:
        self.run_button.setEnabled(True)
        self.report = report
        notices = report.notices[:10]
        if len(report.notices) > 10:
            notices.append("…")
        self.result_label.setText("\n".join([report.summary(), *notices]))
        if not report.dry_run:
            self.context.notify("decisions" if report.kind == "commendations" else report.kind)

    def _on_error(self, exc: BaseException) -> None:
        self.run_button.setEnabled(True)
        if isinstance(exc, tasks.TaskCancelled):
            self.result_label.setText(self.tr("Cancelled: nothing was written."))
        elif isinstance(exc, ValidationError):
            accounting = getattr(exc, "accounting", "")
            self.result_label.setText(
                "\n".join(filter(None, [self.tr("Refused: nothing was written."), accounting]))
            )
            self.errors_dialog = ImportErrorsDialog(exc.errors, self)
            self.errors_dialog.show()
        elif isinstance(exc, ServiceError):
            self.result_label.setText(str(exc))
        else:
            self.result_label.setText(self._failure_text(exc))

    def _failure_text(self, exc: BaseException) -> str:
        """A file that cannot be opened or read (an OSError, a parser's ValueError…): what
        failed and the error's own words; the traceback is in the log (``gui.tasks``)."""
        error = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
        return self.tr("Could not import {path}: {error}. Nothing was written.").format(
            path=self.path.text().strip(), error=error or type(exc).__name__
        )


class ExportDialog(QDialog):
    """Export one kind of record, optionally only what its list currently shows."""

    def __init__(
        self,
        context: AppContext,
        filters: dict[str, RecordFilter] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.filters = filters or {}
        self.setWindowTitle(self.tr("Export to a file"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("export_kind")
        for key, name in kind_names().items():
            self.kind.addItem(name, key)
        form.addRow(self.tr("&What"), self.kind)
        self.only_filtered = QCheckBox(self.tr("Only the records the list shows now"), self)
        self.only_filtered.setChecked(True)
        form.addRow("", self.only_filtered)
        layout.addLayout(form)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        buttons = QDialogButtonBox(self)
        self.run_button = buttons.addButton(
            self.tr("&Export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.run_button.clicked.connect(self.run)
        layout.addWidget(buttons)
        self.resize(520, 180)

    def run(self) -> None:
        kind = self.kind.currentData()
        path = prompts.save_file(
            self, self.tr("Export to a file"), f"{kind}.xlsx", prompts.TABLE_FILTER
        )
        if not path:
            return
        record_filter = self.filters.get(kind) if self.only_filtered.isChecked() else None
        actor = self.context.actor

        def work(progress):
            # the service limits the rows to the account's scope and audits the export
            return transfer.export_file(
                kind, path, record_filter=record_filter, progress=progress, actor=actor
            )

        def done(count):
            self.result_label.setText(
                self.tr("Exported {count} rows to {path}.").format(
                    count=texts.number(count), path=path
                )
            )

        def failed(exc):
            text = self.tr("Cancelled.") if isinstance(exc, tasks.TaskCancelled) else str(exc)
            self.result_label.setText(text)

        self.task = tasks.run_task(self, self.tr("Exporting…"), work, done, failed)
