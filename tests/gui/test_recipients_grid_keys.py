"""The recipients grid of a decision, on its own (no database): where a paste lands, what Delete
clears, removing rows as one undo step, and the model's refusals (gui/recipients_grid.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt

from movement_desk.gui.recipients_grid import RecipientsGrid, UndoableRecipientsModel
from movement_desk.gui.table_models import RECIPIENT_FIELDS, RecipientsTableModel

ROWS = [
    {"recipient_kind": "individual", "recipient_name": "Nguyễn Văn An"},
    {"recipient_kind": "collective", "recipient_name": "Tổ tự quản thôn Nà Coóc"},
    {"recipient_kind": "household", "recipient_name": "Hộ ông Hoàng Văn Páo"},
]


@pytest.fixture
def grid(qtbot):
    model = UndoableRecipientsModel()
    model.set_rows(ROWS)
    widget = RecipientsGrid(model)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def names(model) -> list[str]:
    return [row.get("recipient_name", "") for row in model.rows]


def test_the_model_marks_rows_with_errors_and_refuses_impossible_edits(qtbot, qtmodeltester):
    model = RecipientsTableModel()
    model.set_rows(ROWS)
    model.set_errors({1: "Dòng 2: thiếu tên"})
    qtmodeltester.check(model)
    assert model.data(model.index(1, 1), Qt.ItemDataRole.ToolTipRole) == "Dòng 2: thiếu tên"
    assert model.data(model.index(1, 1), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(model.index(0, 1), Qt.ItemDataRole.EditRole) == "Nguyễn Văn An"
    assert not model.flags(QModelIndex())
    assert not model.setData(model.index(0, 1), "x", Qt.ItemDataRole.DisplayRole)
    assert not model.insertRows(5, 1) and not model.insertRows(0, 0)
    assert not model.removeRows(2, 2) and not model.removeRows(-1, 1)
    assert model.rowCount() == 3
    # Editing a row clears its error.
    assert model.setData(model.index(1, 1), "Tổ an ninh", Qt.ItemDataRole.EditRole)
    assert model.errors == {}
    assert model.paste_text("\n\r\n", 0) == 0
    # Cells past the last column are dropped; Windows and old Mac line ends both split rows.
    extra = "\t".join(["Tập thể", "Tổ A", "", "", "", "12", "thừa"])
    assert model.paste_text(f"{extra}\r\nCá nhân\tLý Văn B\r\n\n", 3) == 2
    assert names(model)[3:] == ["Tổ A", "Lý Văn B"]
    assert model.rows[3]["register_number"] == "12" and "thừa" not in model.rows[3].values()
    assert len(model.raw_rows()) == 5


def test_removing_selected_rows_is_one_step_of_undo(qtbot, grid):
    model = grid.grid_model()
    model.remove_rows([2, 0, 2])
    assert names(model) == ["Tổ tự quản thôn Nà Coóc"]
    assert model.undo_stack.count() == 1
    qtbot.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert names(model) == [row["recipient_name"] for row in ROWS]
    qtbot.keyClick(grid, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert names(model) == ["Tổ tự quản thôn Nà Coóc"]


def test_delete_clears_the_selected_cells_and_resets_the_kind(qtbot, grid):
    model = grid.grid_model()
    selection = grid.selectionModel()
    flag = QItemSelectionModel.SelectionFlag.Select
    selection.select(model.index(1, 0), flag)
    selection.select(model.index(1, 1), flag)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert model.rows[1]["recipient_kind"] == "individual"
    assert model.rows[1]["recipient_name"] == ""
    assert names(model)[0] == "Nguyễn Văn An"  # not selected, not cleared
    assert model.undo_stack.count() == 1


def test_a_single_cell_pastes_into_the_current_cell(grid):
    model = grid.grid_model()
    grid.setCurrentIndex(model.index(0, 2))
    assert grid.paste_text("Đại úy\n") == 1
    assert model.rows[0]["recipient_position"] == "Đại úy"
    assert grid.paste_text("\r\n") == 0


def test_whole_rows_paste_from_the_first_column_below_a_filled_row(grid):
    model = grid.grid_model()
    grid.setCurrentIndex(model.index(0, 3))
    row = "\t".join(["Cá nhân", "Đinh Thị C", "", "", "", ""])
    assert grid.paste_text(row + "\n") == 1
    assert names(model) == ["Nguyễn Văn An", "Đinh Thị C", *names(model)[2:]]
    assert model.rows[1]["recipient_kind"] == "Cá nhân"
    assert grid.currentIndex().row() == 1 and grid.currentIndex().column() == 0


def test_rows_pasted_with_no_current_cell_go_over_the_empty_rows_at_the_end(qtbot):
    model = UndoableRecipientsModel()
    model.set_rows([*ROWS, {"recipient_kind": "individual"}, {"recipient_kind": "individual"}])
    grid = RecipientsGrid(model)
    qtbot.addWidget(grid)
    assert not grid.currentIndex().isValid()
    assert grid.paste_text("Tập thể\tTổ D\nCá nhân\tBế Văn E") == 2
    assert names(model) == [*(r["recipient_name"] for r in ROWS), "Tổ D", "Bế Văn E"]


def test_enter_on_the_last_empty_row_adds_no_other_row(qtbot, grid):
    model = grid.grid_model()
    grid.setCurrentIndex(model.index(2, 1))
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert model.rowCount() == 4 and grid.currentIndex().row() == 3
    qtbot.keyClick(grid, Qt.Key.Key_Return)  # row 4 is still empty: stay
    assert model.rowCount() == 4 and grid.currentIndex().row() == 3
    # Tab past the last column of a row moves to the first column of the next.
    grid.setCurrentIndex(model.index(0, len(RECIPIENT_FIELDS) - 1))
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (1, 0)
