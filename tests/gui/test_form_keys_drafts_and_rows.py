"""Record forms at the edges of typing (gui/forms.py): Ctrl+Enter and Shift+Enter in a field,
Enter on a button, a form shown again, "Save and new" refused, a draft dropped when the typing
is undone, a community model edited, removing a recipient row; and the recipients grid's
keys where no cell is current yet, Shift+Tab, and a paste of blank cells
(gui/recipients_grid.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from movement_desk.db.models import ActivitySession, CommunityModel
from movement_desk.gui.forms import CommunityModelForm, DecisionForm, SessionForm
from movement_desk.gui.recipients_grid import RecipientsGrid, UndoableRecipientsModel
from movement_desk.gui.views.records import CommunityModelsView
from tests.gui.conftest import show_active

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ROWS = [
    {"recipient_kind": "individual", "recipient_name": "Nguyễn Văn An"},
    {"recipient_kind": "collective", "recipient_name": "Tổ tự quản thôn Nà Coóc"},
    {"recipient_kind": "household", "recipient_name": "Hộ ông Hoàng Văn Páo"},
]


def test_ctrl_enter_is_left_to_the_window_and_shift_enter_starts_a_new_line(
    qtbot, context, no_prompts
):
    form = show_active(qtbot, SessionForm(context))
    title, notes = form.fields["title"], form.fields["notes"]
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_Return, CTRL)
    assert QApplication.focusWidget() is title and form.isVisible()
    notes.setFocus()
    notes.setPlainText("Dòng một")
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    qtbot.keyClick(notes, Qt.Key.Key_Return, SHIFT)
    assert notes.toPlainText() == "Dòng một\n"
    assert QApplication.focusWidget() is notes
    assert ActivitySession.select().count() == 0


def test_enter_on_the_cancel_button_presses_it(qtbot, context, no_prompts):
    form = show_active(qtbot, SessionForm(context))
    form.cancel_button.setFocus()
    qtbot.keyClick(form.cancel_button, Qt.Key.Key_Return)
    assert not form.isVisible()
    assert ActivitySession.select().count() == 0


def test_a_form_shown_again_keeps_the_typists_place(qtbot, context, no_prompts):
    form = show_active(qtbot, SessionForm(context))
    first = QApplication.focusWidget()
    title = form.fields["title"]
    assert first is not title
    title.setFocus()
    form.hide()
    form.show()
    assert form.focusWidget() is title  # not sent back to the first field


def test_save_and_new_refused_keeps_the_form_with_its_errors(qtbot, context, no_prompts):
    form = show_active(qtbot, SessionForm(context))
    form.fields["title"].setText("Buổi thiếu ngày và đơn vị")
    form.save_new_button.click()
    assert form.isVisible()
    assert form.fields["title"].text() == "Buổi thiếu ngày và đơn vị"
    assert any(label.isVisible() for label in form.errors.values())
    assert ActivitySession.select().count() == 0


def test_the_draft_goes_when_the_typing_is_undone(qtbot, context, no_prompts):
    form = SessionForm(context)
    qtbot.addWidget(form)
    form.fields["title"].setText("Nháp")
    form.write_draft()
    assert context.drafts.path("sessions").exists()
    form.fields["title"].setText("")
    form.write_draft()
    assert not context.drafts.path("sessions").exists()


def test_a_community_model_edited_in_its_form_is_saved_in_place(
    qtbot, small_demo, context, no_prompts
):
    view = CommunityModelsView(context)
    qtbot.addWidget(view)
    view.show()
    assert view.model.wait_until_loaded()
    view.table.setCurrentIndex(view.model.index(0, 0))
    chosen = view.current_record()
    form = view.edit_current()
    assert isinstance(form, CommunityModelForm)
    form.fields["name"].setText("Tổ tự quản về an ninh trật tự thôn Nà Pài")
    form.save_button.click()
    assert not form.isVisible()
    saved = CommunityModel.get(CommunityModel.uuid == chosen.uuid)
    assert saved.name == "Tổ tự quản về an ninh trật tự thôn Nà Pài"
    assert CommunityModel.select().count() == 60  # changed, not added
    assert view.current_uuid() == chosen.uuid


def test_remove_row_takes_the_current_row_or_nothing(qtbot, context, no_prompts):
    form = DecisionForm(context, values={"recipients": ROWS})
    qtbot.addWidget(form)
    grid, model = form.recipients_view, form.recipients
    assert model.rowCount() == 3
    form.remove_row_button.click()  # no row chosen: nothing removed, nothing to undo
    assert model.rowCount() == 3 and model.undo_stack.count() == 0
    grid.setCurrentIndex(model.index(1, 2))
    grid.clearSelection()
    form.remove_row_button.click()
    assert [r["recipient_name"] for r in model.rows] == ["Nguyễn Văn An", "Hộ ông Hoàng Văn Páo"]


def _grid(qtbot) -> RecipientsGrid:
    model = UndoableRecipientsModel()
    model.set_rows(ROWS)
    grid = RecipientsGrid(model)
    show_active(qtbot, grid)
    return grid


def test_the_grid_starts_at_the_first_cell_when_none_is_current(qtbot):
    grid = _grid(qtbot)
    grid.setCurrentIndex(grid.model().index(-1, -1))
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (0, 0)
    # Enter goes down a row in the same column.
    grid.setCurrentIndex(grid.model().index(0, 2))
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (1, 2)


def test_focus_coming_to_the_grid_lands_on_the_first_cell(qtbot):
    model = UndoableRecipientsModel()
    model.set_rows(ROWS)
    grid = RecipientsGrid(model)
    show_active(qtbot, grid)
    grid.clearFocus()
    grid.setCurrentIndex(model.index(-1, -1))
    grid.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(grid.hasFocus)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (0, 0)


def test_shift_tab_goes_back_and_enter_returns_to_where_the_row_began(qtbot):
    grid = _grid(qtbot)
    model = grid.grid_model()
    grid.setCurrentIndex(model.index(0, 1))
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    qtbot.keyClick(grid, Qt.Key.Key_Backtab, SHIFT)
    assert grid.currentIndex().column() == 2
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (1, 1)


def test_pasting_blank_cells_adds_no_rows(qtbot):
    grid = _grid(qtbot)
    model = grid.grid_model()
    grid.setCurrentIndex(model.index(-1, -1))
    assert grid.paste_text("\t\t\n \t \n") == 0
    assert model.rowCount() == 3 and model.undo_stack.count() == 0
    # Blank lines after the rows copied are dropped, not added as empty recipients.
    assert grid.paste_text("Cá nhân\tLý Văn B\n\t\t\n") == 1
    assert [r["recipient_name"] for r in model.rows][-1] == "Lý Văn B"
    assert model.rowCount() == 4
