"""The real message boxes and input dialogs behind ``prompts``: each answer the user can give
comes back as the caller expects (other tests replace these functions)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from movement_desk.gui import prompts

Button = QMessageBox.StandardButton


def answer_with(qtbot, act) -> list:
    """Run ``act(dialog)`` on the next modal dialog once it is shown; its title and text are
    kept (the dialog itself is gone once answered)."""
    seen = []

    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, answer)
            return
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        seen.append((dialog.windowTitle(), text))
        act(dialog)

    QTimer.singleShot(0, answer)
    return seen


@pytest.mark.parametrize(("button", "expected"), [(Button.Yes, True), (Button.No, False)])
def test_confirm(qtbot, button, expected):
    seen = answer_with(qtbot, lambda box: box.button(button).click())
    assert prompts.confirm(None, "Xóa", "Xóa buổi này?") is expected
    assert seen[0][1] == "Xóa buổi này?"


def test_confirm_defaults_to_no_unless_told(qtbot):
    seen = answer_with(qtbot, lambda box: box.defaultButton().click())
    assert prompts.confirm(None, "Xóa", "Xóa?") is False
    answer_with(qtbot, lambda box: box.defaultButton().click())
    assert prompts.confirm(None, "Lưu", "Lưu?", default_yes=True) is True
    assert seen


@pytest.mark.parametrize(
    ("button", "expected"),
    [
        (Button.Save, prompts.SAVE),
        (Button.Discard, prompts.DISCARD),
        (Button.Cancel, prompts.CANCEL),
    ],
)
def test_ask_unsaved(qtbot, button, expected):
    answer_with(qtbot, lambda box: box.button(button).click())
    assert prompts.ask_unsaved(None, "Phiếu chưa lưu.") == expected


@pytest.mark.parametrize("show", [prompts.inform, prompts.warn, prompts.fail])
def test_messages_show_their_text_and_close(qtbot, show):
    seen = answer_with(qtbot, lambda box: box.button(Button.Ok).click())
    show(None, "Tiêu đề", "Đã lưu.")
    assert seen[0] == ("Tiêu đề", "Đã lưu.")


def test_choose_item_and_ask_text(qtbot):
    def pick_second(dialog: QInputDialog):
        dialog.setTextValue("hai")
        dialog.accept()

    answer_with(qtbot, pick_second)
    assert prompts.choose_item(None, "Chọn", "Mục:", ["một", "hai"]) == 1
    answer_with(qtbot, lambda dialog: dialog.reject())
    assert prompts.choose_item(None, "Chọn", "Mục:", ["một", "hai"]) == -1
    assert prompts.choose_item(None, "Chọn", "Mục:", []) == -1

    def type_text(dialog: QInputDialog):
        dialog.setTextValue("Lý do thu hồi")
        dialog.accept()

    answer_with(qtbot, type_text)
    assert prompts.ask_text(None, "Thu hồi", "Lý do:") == "Lý do thu hồi"
    answer_with(qtbot, type_text)
    assert prompts.ask_text(None, "Thu hồi", "Lý do:", multiline=True) == "Lý do thu hồi"
    answer_with(qtbot, lambda dialog: dialog.reject())
    assert prompts.ask_text(None, "Thu hồi", "Lý do:") is None


def test_save_file_adds_the_filters_extension_and_remembers_the_folder(
    qtbot, tmp_path, monkeypatch
):
    asked = []

    def chosen(parent, title, start, file_filter):
        asked.append(start)
        return str(tmp_path / "bao-cao"), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", chosen)
    assert prompts.save_file(None, "Lưu", "bc.pdf", prompts.PDF_FILTER, "test") == str(
        tmp_path / "bao-cao.pdf"
    )
    assert prompts.save_file(None, "Lưu", "bc2.pdf", prompts.PDF_FILTER, "test")
    assert asked[-1] == str(tmp_path / "bc2.pdf")  # starts in the folder used last time
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    assert prompts.save_file(None, "Lưu", "bc.pdf", prompts.PDF_FILTER, "test") == ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(tmp_path / "vao.xlsx"), ""))
    assert prompts.open_file(None, "Mở", prompts.TABLE_FILTER, "test-open") == str(
        tmp_path / "vao.xlsx"
    )
    assert prompts._last_folder("test-open") == str(tmp_path)
    assert prompts._filter_suffix("Tất cả (*)") == ""


def test_ask_printer_cancelled_is_none(qtbot):
    answer_with(qtbot, lambda dialog: dialog.reject())
    assert prompts.ask_printer(None) is None  # reject() is the print dialog's Cancel
