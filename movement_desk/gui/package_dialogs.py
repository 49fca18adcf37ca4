"""Dialogs of offline consolidation: export a package, import one (preview first), settle conflicts.

Self-contained widgets for the main window's File menu:

- ``PackageExportDialog(parent, unit_code=None)`` emits ``exported(ExportResult)``;
- ``PackageImportDialog(parent, path=None, actor=...)`` previews the package in the background,
  shows new / updated / unchanged / deleted / conflicts per kind, then imports with a progress
  dialog and emits ``imported(ImportReport)``; it offers the conflict dialog when needed;
- ``ConflictDialog(parent, actor=...)`` lists pending conflicts and shows the two versions side
  by side, field by field; the user keeps one; emits ``resolved(conflict_id, keep)``.

Every change goes through ``services.packages``. File dialogs and message boxes go through
``gui.prompts`` (a test replaces one function, not Qt); previews and imports run through
``gui.tasks``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from movement_desk import vietnamese
from movement_desk.gui import prompts, tasks
from movement_desk.gui.table_models import ListTableModel, ValidIndex
from movement_desk.services import packages
from movement_desk.services.core import settings
from movement_desk.services.core.actor import LOCAL_ACTOR, Actor
from movement_desk.services.core.errors import ServiceError
from movement_desk.services.package_file import FILE_SUFFIX
from movement_desk.services.records import units

PACKAGE_FILTER = f"movement_desk (*{FILE_SUFFIX});;* (*)"
PACKAGE_OPEN_FILTER = f"movement_desk (*{FILE_SUFFIX} *.zip);;* (*)"


def _show_error(parent: QWidget, text: str) -> None:
    prompts.warn(parent, QCoreApplication.translate("package_dialogs", "Data package"), text)


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, ServiceError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


# ---------------------------------------------------------------------------------------------
# Export


class PackageExportDialog(QDialog):
    """Choose a unit, what to include and a file; write the package."""

    exported = Signal(object)

    def __init__(self, parent: QWidget | None = None, unit_code: str | None = None, actor=None):
        super().__init__(parent)
        self.actor: Actor = actor or LOCAL_ACTOR
        self.setWindowTitle(self.tr("Export data package"))
        self.setObjectName("packageExportDialog")

        self.package_unit = QComboBox()
        self.package_unit.setObjectName("package_unit")
        tree = units.visible_tree(self.actor)  # only the units the account may send
        home = unit_code or settings.get("home_unit_code")
        for unit_id in self._ordered(tree):
            unit = tree.by_id[unit_id]
            depth = len(tree.ancestors(unit_id))
            self.package_unit.addItem("    " * depth + f"{unit.title} ({unit.code})", unit.code)
        index = self.package_unit.findData(home)
        self.package_unit.setCurrentIndex(max(index, 0))

        self.package_all = QRadioButton(self.tr("All records"))
        self.package_period = QRadioButton(self.tr("Records of the period"))
        self.package_since = QRadioButton(self.tr("Changes since the last export"))
        self.package_all.setChecked(True)
        self.package_mode = QButtonGroup(self)
        for button in (self.package_all, self.package_period, self.package_since):
            self.package_mode.addButton(button)
        self.package_period_text = QLineEdit()
        self.package_period_text.setObjectName("package_period_text")
        self.package_period_text.setPlaceholderText("2024-01, 2024-Q1, 2024-H1, 2024")
        self.package_period_text.setEnabled(False)
        self.package_period.toggled.connect(self.package_period_text.setEnabled)
        self.package_last = QLabel()
        self.package_unit.currentIndexChanged.connect(self._on_package_unit_changed)

        self.package_path = QLineEdit()
        self.package_path.setObjectName("package_path")
        self._suggested = ""
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._on_browse_clicked)
        path_row = QHBoxLayout()
        path_row.addWidget(self.package_path)
        path_row.addWidget(browse)

        self.package_result = QLabel()
        self.package_result.setWordWrap(True)
        self.package_result.setObjectName("package_result")

        form = QFormLayout()
        form.addRow(self.tr("Unit (and the units under it):"), self.package_unit)
        form.addRow(self.package_all)
        period_row = QHBoxLayout()
        period_row.addWidget(self.package_period)
        period_row.addWidget(self.package_period_text)
        form.addRow(period_row)
        form.addRow(self.package_since)
        form.addRow("", self.package_last)
        form.addRow(self.tr("File:"), path_row)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setObjectName("package_export_button")
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.package_result)
        layout.addWidget(self.buttons)
        self._on_package_unit_changed()
        self.resize(560, 320)

    @staticmethod
    def _ordered(tree: units.UnitTree) -> list[int]:
        ordered: list[int] = []

        def walk(unit_id: int) -> None:
            ordered.append(unit_id)
            for child in tree.children.get(unit_id, []):
                walk(child)

        for root in tree.children.get(None, []):
            walk(root)
        return ordered

    def unit_code(self) -> str:
        return self.package_unit.currentData()

    def _on_package_unit_changed(self, *_args) -> None:
        last = packages.last_export(self.unit_code())
        if last is None:
            self.package_last.setText(self.tr("Never exported: the first package holds all."))
        else:
            self.package_last.setText(
                self.tr("Last export: {when}").format(
                    when=f"{vietnamese.format_date(last.started_at.date())} "
                    f"{last.started_at:%H:%M} (UTC)"
                )
            )
        # Follow the unit in the suggested name until the user types or browses a path.
        current = self.package_path.text()
        if not current or current == self._suggested:
            self._suggested = str(Path.home() / self.suggested_name())
            self.package_path.setText(self._suggested)

    def suggested_name(self) -> str:
        return f"goi-du-lieu-{self.unit_code()}{FILE_SUFFIX}"

    def _on_browse_clicked(self) -> None:
        path = prompts.save_file(
            self,
            self.tr("Save the data package as"),
            self.package_path.text(),
            PACKAGE_FILTER,
            "package",
        )
        if path:
            if not Path(path).suffix:
                path += FILE_SUFFIX
            self.package_path.setText(path)

    def _on_export_button_clicked(self) -> None:
        path = self.package_path.text().strip()
        if not path:
            _show_error(self, self.tr("Choose the file to write the package to."))
            return
        period = (
            self.package_period_text.text().strip() if self.package_period.isChecked() else None
        )
        if self.package_period.isChecked() and not period:
            _show_error(self, self.tr("Type the period, for example 2024-01."))
            return
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            result = packages.export_package(
                self.unit_code(),
                path,
                self.actor,
                period=period,
                since_last=self.package_since.isChecked(),
            )
        except (ServiceError, OSError) as exc:
            _show_error(self, str(exc))
            return
        finally:
            self.unsetCursor()
        self.package_result.setText(result.summary())
        self._on_package_unit_changed()
        self.exported.emit(result)


# ---------------------------------------------------------------------------------------------
# Import


COUNT_KEYS = ("new", "updated", "unchanged", "deleted", "conflicts")


class PreviewTableModel(ListTableModel):
    """One row per record kind of a package (and a total), one column per outcome."""

    def __init__(self, parent=None):
        # The record kind, then one column per COUNT_KEYS entry.
        super().__init__(
            [
                self.tr("Record kind"),
                self.tr("New"),
                self.tr("Updated"),
                self.tr("Unchanged"),
                self.tr("Deleted"),
                self.tr("Conflicts"),
            ],
            parent,
        )
        self.rows: list[tuple[str, dict[str, int]]] = []

    def set_report(self, report: packages.ImportReport | None) -> None:
        rows = []
        if report is not None:
            for kind, counts in report.counts.items():
                if counts.total:
                    rows.append((packages.kind_label(kind), counts.as_dict()))
            total = {key: report.total(key) for key in COUNT_KEYS}
            rows.append((self.tr("Total"), total))
        self.set_rows(rows)

    def data(self, index: ValidIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        label, counts = self.rows[index.row()]
        column = index.column()
        value = counts[COUNT_KEYS[column - 1]] if column else None
        if role == Qt.ItemDataRole.DisplayRole:
            return label if column == 0 else vietnamese.format_number(value)
        if role == Qt.ItemDataRole.UserRole:
            return label if column == 0 else value
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and index.row() == len(self.rows) - 1:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == len(COUNT_KEYS) and value:
            return QBrush(QColor("#b00020"))
        return None


class PackageImportDialog(QDialog):
    """Pick a package, see what it would change, then import it all or nothing."""

    imported = Signal(object)
    previewed = Signal(object)

    def __init__(self, parent: QWidget | None = None, path: str | None = None, actor=None):
        super().__init__(parent)
        self.actor: Actor = actor or LOCAL_ACTOR
        self.report: packages.ImportReport | None = None
        self.task: tasks.BackgroundTask | None = None
        self.setWindowTitle(self.tr("Import data package"))
        self.setObjectName("packageImportDialog")

        self.package_path = QLineEdit()
        self.package_path.setReadOnly(True)
        self.package_path.setObjectName("package_path")
        browse = QPushButton(self.tr("Choose file…"))
        browse.clicked.connect(self._on_browse_clicked)
        path_row = QHBoxLayout()
        path_row.addWidget(self.package_path)
        path_row.addWidget(browse)

        self.package_source = QLabel()
        self.package_source.setWordWrap(True)
        self.package_source.setObjectName("package_source")
        self.preview_model = PreviewTableModel(self)
        self.preview_table = QTableView()
        self.preview_table.setObjectName("package_preview_table")
        self.preview_table.setModel(self.preview_model)
        self.preview_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview_table.verticalHeader().hide()
        self.preview_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.package_status = QLabel()
        self.package_status.setWordWrap(True)
        self.package_status.setObjectName("package_status")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button.setObjectName("package_import_button")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.conflicts_button = self.buttons.addButton(
            self.tr("Resolve conflicts…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.conflicts_button.setObjectName("package_conflicts_button")
        self.conflicts_button.setVisible(False)
        self.conflicts_button.clicked.connect(self._on_conflicts_button_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(path_row)
        layout.addWidget(self.package_source)
        layout.addWidget(self.preview_table)
        layout.addWidget(self.package_status)
        layout.addWidget(self.buttons)
        self.resize(720, 420)
        if path:
            self.load(path)

    # -- preview -------------------------------------------------------------------------
    def _on_browse_clicked(self) -> None:
        path = prompts.open_file(
            self, self.tr("Choose a data package"), PACKAGE_OPEN_FILTER, "package"
        )
        if path:
            self.load(path)

    def load(self, path: str) -> None:
        """Preview ``path`` in the background; the table fills when it is done."""
        self.package_path.setText(str(path))
        self.report = None
        self.preview_model.set_report(None)
        self.import_button.setEnabled(False)
        self.conflicts_button.setVisible(False)
        self.package_source.clear()
        self.package_status.setText(self.tr("Checking the package…"))
        actor = self.actor
        self.task = tasks.run_task(
            self,
            self.tr("Checking the package…"),
            lambda progress: packages.preview_package(path, actor),
            self._on_preview_succeeded,
            self._on_task_failed,
        )

    def _on_preview_succeeded(self, report: packages.ImportReport) -> None:
        self.report = report
        self.preview_model.set_report(report)
        self.package_source.setText(self._source_text(report))
        status = self.tr("Nothing is written until you press Import; the import is all or nothing.")
        if report.already_received:
            status = self.tr("This package was imported before.") + " " + status
        if report.total("conflicts"):
            status += " " + self.tr(
                "Records changed on both sides keep this computer's version until you choose."
            )
        self.package_status.setText(status)
        self.import_button.setEnabled(True)
        self.previewed.emit(report)

    def _source_text(self, report: packages.ImportReport) -> str:
        scope = (
            self.tr("period {period}").format(period=report.period_code)
            if report.period_code
            else packages.MODE_LABELS[report.mode]
        )
        return self.tr("From {unit} ({code}), {scope}, created {created}").format(
            unit=report.source_unit_name,
            code=report.source_unit_code,
            scope=scope,
            created=packages.created_text(report.created_at),
        )

    # -- import --------------------------------------------------------------------------
    def _on_import_button_clicked(self) -> None:
        if self.report is None:
            return
        path, actor = self.package_path.text(), self.actor
        self.import_button.setEnabled(False)
        # All or nothing, and quick to finish once started: no Cancel halfway.
        self.task = tasks.run_task(
            self,
            self.tr("Importing the package…"),
            lambda progress: packages.import_package(path, actor, progress=progress),
            self._on_import_succeeded,
            self._on_task_failed,
            cancellable=False,
        )

    def _on_import_succeeded(self, report: packages.ImportReport) -> None:
        self.report = report
        self.preview_model.set_report(report)
        self.package_status.setText(report.summary())
        self.conflicts_button.setVisible(bool(report.total("conflicts")))
        self.imported.emit(report)

    def _on_conflicts_button_clicked(self) -> None:
        ConflictDialog(self, actor=self.actor).exec()

    # -- the task ------------------------------------------------------------------------
    def _on_task_failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(False)
        if isinstance(exc, tasks.TaskCancelled):
            self.package_status.setText(self.tr("Cancelled."))
            return
        message = _error_text(exc)
        self.package_status.setText(message)
        _show_error(self, message)

    def wait_for_task(self, milliseconds: int = 30_000) -> None:
        """Block until the background work ends (for closing the window, and for tests)."""
        if self.task is not None:
            self.task.wait(milliseconds)

    def done(self, result: int) -> None:
        self.wait_for_task()
        super().done(result)


# ---------------------------------------------------------------------------------------------
# Conflicts


class ConflictListModel(ListTableModel):
    """Pending conflicts: kind, record, where the other version came from."""

    def __init__(self, parent=None):
        super().__init__(
            [
                QCoreApplication.translate("ConflictListModel", "Kind"),
                QCoreApplication.translate("ConflictListModel", "Record"),
                QCoreApplication.translate("ConflictListModel", "From unit"),
            ],
            parent,
        )
        self.rows: list[packages.ConflictView] = []

    def reload(self) -> None:
        self.set_rows(packages.list_conflicts())

    def data(self, index: ValidIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        conflict = self.rows[index.row()]
        return (conflict.kind_label, conflict.title, conflict.source_unit_code)[index.column()]


class FieldDiffModel(ListTableModel):
    """Both versions of one record, field by field; differing fields stand out."""

    def __init__(self, parent=None):
        super().__init__(
            [
                QCoreApplication.translate("FieldDiffModel", "Field"),
                QCoreApplication.translate("FieldDiffModel", "On this computer"),
                QCoreApplication.translate("FieldDiffModel", "In the package"),
            ],
            parent,
        )
        self.view: packages.ConflictView | None = None

    def set_conflict(self, view: packages.ConflictView | None) -> None:
        self.view = view
        self.set_rows(view.fields if view is not None else [])

    def data(self, index: ValidIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        diff = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (diff.label, diff.local, diff.incoming)[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and diff.differs and index.column():
            return QBrush(QColor("#fff3c4"))
        if role == Qt.ItemDataRole.FontRole and diff.differs:
            font = QFont()
            font.setBold(True)
            return font
        return None


class ConflictDialog(QDialog):
    """Settle records changed on both sides: pick this computer's or the package's version."""

    resolved = Signal(int, str)

    def __init__(self, parent: QWidget | None = None, actor=None):
        super().__init__(parent)
        self.actor: Actor = actor or LOCAL_ACTOR
        self.setWindowTitle(self.tr("Records changed on both sides"))
        self.setObjectName("conflictDialog")

        self.conflict_list_model = ConflictListModel(self)
        self.conflict_list = QTableView()
        self.conflict_list.setObjectName("conflict_list")
        self.conflict_list.setModel(self.conflict_list_model)
        self.conflict_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.conflict_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.conflict_list.verticalHeader().hide()
        self.conflict_list.horizontalHeader().setStretchLastSection(True)

        self.conflict_fields_model = FieldDiffModel(self)
        self.conflict_fields = QTableView()
        self.conflict_fields.setObjectName("conflict_fields")
        self.conflict_fields.setModel(self.conflict_fields_model)
        self.conflict_fields.verticalHeader().hide()
        header = self.conflict_fields.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.conflict_stamps = QLabel()
        self.conflict_stamps.setWordWrap(True)
        self.conflict_stamps.setObjectName("conflict_stamps")

        self.keep_local_button = QPushButton(self.tr("Keep this computer's version"))
        self.keep_local_button.setObjectName("keep_local_button")
        self.keep_local_button.clicked.connect(lambda: self._resolve("local"))
        self.keep_incoming_button = QPushButton(self.tr("Take the package's version"))
        self.keep_incoming_button.setObjectName("keep_incoming_button")
        self.keep_incoming_button.clicked.connect(lambda: self._resolve("incoming"))
        choice_row = QHBoxLayout()
        choice_row.addStretch(1)
        choice_row.addWidget(self.keep_local_button)
        choice_row.addWidget(self.keep_incoming_button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.conflict_fields)
        right_layout.addWidget(self.conflict_stamps)
        right_layout.addLayout(choice_row)
        splitter = QSplitter()
        splitter.addWidget(self.conflict_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([320, 640])

        self.conflict_empty = QLabel(self.tr("No conflicts are waiting."))
        self.conflict_empty.setObjectName("conflict_empty")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.conflict_empty)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.conflict_list.selectionModel().currentRowChanged.connect(
            self._on_conflict_list_current_changed
        )
        self.resize(960, 520)
        self.reload()

    def reload(self) -> None:
        self.conflict_list_model.reload()
        has_any = self.conflict_list_model.rowCount() > 0
        self.conflict_empty.setVisible(not has_any)
        if has_any:
            self.conflict_list.selectRow(0)
            self._show(0)
        else:
            self._show(None)

    def current(self) -> packages.ConflictView | None:
        return self.conflict_fields_model.view

    def _on_conflict_list_current_changed(self, current: QModelIndex, _previous) -> None:
        self._show(current.row() if current.isValid() else None)

    def _show(self, row: int | None) -> None:
        conflicts = self.conflict_list_model.rows
        view = conflicts[row] if row is not None and 0 <= row < len(conflicts) else None
        self.conflict_fields_model.set_conflict(view)
        self.keep_local_button.setEnabled(view is not None)
        self.keep_incoming_button.setEnabled(view is not None)
        if view is None:
            self.conflict_stamps.clear()
            return
        self.conflict_stamps.setText(
            self.tr(
                "This computer: changed {local}. Package from {unit}: changed {incoming}."
            ).format(
                local=view.local_updated, unit=view.source_unit_code, incoming=view.incoming_updated
            )
        )

    def _resolve(self, keep: str) -> None:
        view = self.current()
        if view is None:
            return
        try:
            packages.resolve_conflict(view.id, keep, self.actor)
        except ServiceError as exc:
            _show_error(self, str(exc))
            self.reload()
            return
        self.resolved.emit(view.id, keep)
        self.reload()
