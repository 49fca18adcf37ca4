"""A decision's recipients grid, which behaves like a spreadsheet.

Ctrl+V of rows copied from Excel inserts them below the current row (or fills the current
row when it is still empty), and replaces the rows that are selected; a single cell pastes
into the current cell. Tab past the last column adds a row; Enter commits a cell and moves
down; Delete clears the selected cells; Ctrl+Z / Ctrl+Y undo and redo every change to the
grid (typing, pasting, adding, removing). Columns size to their content.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from movement_desk.db.choices import RecipientKind
from movement_desk.gui import texts
from movement_desk.gui.table_models import RECIPIENT_FIELDS, RecipientsTableModel

MAX_COLUMN_WIDTH = 380


class _GridSnapshot(QUndoCommand):
    """One change to the grid, kept as the rows before and after it."""

    def __init__(self, model: UndoableRecipientsModel, before: list[dict], after: list[dict]):
        super().__init__()
        self.model, self.before, self.after = model, before, after
        self._done = True  # pushed after the change was made

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.model.restore_rows(self.after)

    def undo(self) -> None:
        self.model.restore_rows(self.before)


class UndoableRecipientsModel(RecipientsTableModel):
    """The recipients' rows with an undo stack of their own (the form's, not the window's)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._depth = 0

    @contextmanager
    def change(self):
        """Group what happens inside into one step of undo."""
        if self._depth:
            yield
            return
        before = copy.deepcopy(self.rows)
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        if self.rows != before:
            self.undo_stack.push(_GridSnapshot(self, before, copy.deepcopy(self.rows)))

    def set_rows(self, rows: list[dict]) -> None:
        super().set_rows(rows)
        self.undo_stack.clear()  # a record loaded, or a new one begun: a new history

    def restore_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = copy.deepcopy(rows)
        self.errors = {}
        self.endResetModel()
        self.edited.emit()

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        unchanged = str(value or "") == str(index.data(Qt.ItemDataRole.EditRole) or "")
        if index.isValid() and role == Qt.ItemDataRole.EditRole and unchanged:
            return True  # an editor closed on an unchanged cell is not a change
        with self.change():
            return super().setData(index, value, role)

    def insertRows(self, row, count, parent=QModelIndex()) -> bool:  # noqa: N802, B008
        with self.change():
            return super().insertRows(row, count, parent)

    def removeRows(self, row, count, parent=QModelIndex()) -> bool:  # noqa: N802, B008
        with self.change():
            return super().removeRows(row, count, parent)

    def paste_text(self, text: str, at_row: int, at_column: int = 0) -> int:
        with self.change():
            return super().paste_text(text, at_row, at_column)

    def add_blank_row(self) -> int:
        """An empty row at the end for the next recipient; not a step of undo (an empty row
        stores nothing). Returns its number."""
        RecipientsTableModel.insertRows(self, len(self.rows), 1)
        return len(self.rows) - 1

    def is_empty_row(self, row: int) -> bool:
        values = self.rows[row]
        return not any(str(values.get(f) or "").strip() for f in RECIPIENT_FIELDS[1:])

    def remove_rows(self, rows: list[int]) -> None:
        """Remove these rows as one step of undo."""
        with self.change():
            for row in sorted(set(rows), reverse=True):
                super().removeRows(row, 1)

    def clear_cells(self, indexes: list[QModelIndex]) -> None:
        with self.change():
            for index in indexes:
                field = RECIPIENT_FIELDS[index.column()]
                empty = RecipientKind.INDIVIDUAL.value if field == "recipient_kind" else ""
                super().setData(index, empty)

    def paste_rows(self, text: str, at_row: int, column: int, replace: list[int]) -> int:
        """Rows of tab-separated text inserted at ``at_row`` (after removing the ``replace``
        rows), their cells written from ``column``; one step of undo. Returns the row count."""
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            return 0
        with self.change():
            for row in sorted(set(replace), reverse=True):
                super().removeRows(row, 1)
            at_row = max(0, min(at_row, len(self.rows)))
            super().insertRows(at_row, len(lines))
            super().paste_text("\n".join(lines), at_row, column)
        return len(lines)


class KindDelegate(QStyledItemDelegate):
    """The recipient's kind picked from its three choices: its first letter chooses it
    ("c" Cá nhân, "t" Tập thể, "h" Hộ gia đình), as in any drop-down."""

    def createEditor(self, parent, option, index):  # noqa: N802
        combo = QComboBox(parent)
        for member in RecipientKind:
            combo.addItem(texts.choice_text(member), member.value)
        return combo

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        position = editor.findText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.currentText())


class RecipientsGrid(QTableView):
    """The recipients' table, driven from the keyboard like a spreadsheet (see the module)."""

    def __init__(self, model: UndoableRecipientsModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("recipients_table")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.setItemDelegateForColumn(0, KindDelegate(self))
        self._tab_start: int | None = None  # the column where Tab began along this row
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(0)
        self._resize_timer.timeout.connect(self.fit_columns)
        for signal in (model.modelReset, model.rowsInserted, model.dataChanged):
            signal.connect(self._resize_timer.start)
        self.fit_columns()

    def grid_model(self) -> UndoableRecipientsModel:
        return self.model()

    def fit_columns(self) -> None:
        """Each column as wide as its header and its longest cell, within reason."""
        self.resizeColumnsToContents()
        for column in range(self.model().columnCount() - 1):
            width = self.columnWidth(column) + 12
            self.setColumnWidth(column, min(max(width, 80), MAX_COLUMN_WIDTH))

    # -- keys ---------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802
        model = self.grid_model()
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_clipboard()
            return
        if event.matches(QKeySequence.StandardKey.Undo):
            model.undo_stack.undo()
            return
        if event.matches(QKeySequence.StandardKey.Redo) or (
            event.key() == Qt.Key.Key_Y and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            model.undo_stack.redo()
            return
        if event.key() == Qt.Key.Key_Delete and not event.modifiers():
            model.clear_cells(self.selectedIndexes() or [self.currentIndex()])
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            # From a cell's editor the delegate commits and moves (``closeEditor``).
            if self.state() != QAbstractItemView.State.EditingState:
                self._move_down()
            return  # never reaches the dialog: Enter in the grid does not save
        super().keyPressEvent(event)

    def _move_down(self) -> None:
        """Enter: the next row, in the column where the typing of this row began (Tab, Tab,
        Enter goes back to the start, as in a spreadsheet); past the last row a new one,
        unless this one is still empty."""
        current = self.currentIndex()
        column = self._tab_start if self._tab_start is not None else current.column()
        self._tab_start = None
        if not current.isValid():
            self.setCurrentIndex(self.model().index(0, 0))
            return
        row = current.row() + 1
        if row >= self.model().rowCount():
            if self.grid_model().is_empty_row(current.row()):
                return
            row = self.grid_model().add_blank_row()
        self.setCurrentIndex(self.model().index(row, column))

    def moveCursor(self, action, modifiers):  # noqa: N802
        current = self.currentIndex()
        last_column = self.model().columnCount() - 1
        if action == QAbstractItemView.CursorAction.MoveNext and current.isValid():
            if current.column() == last_column:
                self._tab_start = None
                row = current.row() + 1
                if row >= self.model().rowCount():
                    row = self.grid_model().add_blank_row()
                return self.model().index(row, 0)
            if self._tab_start is None:
                self._tab_start = current.column()
        elif action != QAbstractItemView.CursorAction.MovePrevious:
            self._tab_start = None  # arrows, Home, End...: a new start
        return super().moveCursor(action, modifiers)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self._tab_start = None
        super().mousePressEvent(event)

    def closeEditor(self, editor, hint) -> None:  # noqa: N802
        # Enter in a cell commits it and goes down a row, as in a spreadsheet.
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self._move_down()
            return
        super().closeEditor(editor, hint)

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self.model().rowCount():
            self.setCurrentIndex(self.model().index(0, 0))

    # -- paste --------------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.selectionModel().selectedRows())

    def paste_clipboard(self) -> int:
        """Paste what the clipboard holds; returns how many rows were written."""
        return self.paste_text(QApplication.clipboard().text())

    def paste_text(self, text: str) -> int:
        model = self.grid_model()
        current = self.currentIndex()
        body = text.rstrip("\r\n")
        if not body:
            return 0
        one_cell = "\t" not in body and "\n" not in body and "\r" not in body
        if one_cell and current.isValid():  # into the current cell
            model.setData(current, body.strip())
            return 1
        cells = max(len(line.split("\t")) for line in body.splitlines())
        column = current.column() if current.isValid() else 0
        if cells >= len(RECIPIENT_FIELDS) or column + cells > len(RECIPIENT_FIELDS):
            column = 0  # whole rows copied: from the first column
        replace = self.selected_rows()
        if replace:
            at_row = replace[0]
        elif current.isValid() and model.is_empty_row(current.row()):
            at_row, replace = current.row(), [current.row()]
        elif current.isValid():
            at_row = current.row() + 1
        else:  # after the last row typed in, over the empty ones
            at_row = model.rowCount()
            while at_row and model.is_empty_row(at_row - 1):
                at_row -= 1
                replace.append(at_row)
        count = model.paste_rows(body, at_row, column, replace)
        if count:
            last = model.index(at_row + count - 1, column)
            self.selectionModel().setCurrentIndex(
                last, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        return count
