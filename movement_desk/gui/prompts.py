"""Every message box and file dialog of the application, behind one small set of functions.

Tests replace one of these functions (``monkeypatch.setattr(prompts, "confirm", ...)``)
instead of patching Qt; callers always go through the module (``prompts.confirm(...)``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def confirm(parent: QWidget | None, title: str, text: str, *, default_yes: bool = False) -> bool:
    """A yes/no question; True for yes."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    default = QMessageBox.StandardButton.Yes if default_yes else QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, title, text, buttons, default)
    return answer == QMessageBox.StandardButton.Yes


def ask_unsaved(parent: QWidget | None, text: str) -> str:
    """Save, discard or cancel for a form with unsaved changes."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("prompts", "Unsaved changes"))
    box.setText(text)
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return DISCARD
    return CANCEL


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def fail(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.critical(parent, title, text)


def _last_folder(key: str) -> str:
    return str(QSettings().value(f"folders/{key}", str(Path.home())))


def _remember_folder(key: str, path: str) -> None:
    QSettings().setValue(f"folders/{key}", str(Path(path).parent))


TABLE_FILTER = "Excel (*.xlsx);;CSV (*.csv)"


def open_file(parent: QWidget | None, title: str, file_filter: str, key: str = "import") -> str:
    """A file to read, or "" when the user cancels."""
    path, _ = QFileDialog.getOpenFileName(parent, title, _last_folder(key), file_filter)
    if path:
        _remember_folder(key, path)
    return path


def save_file(
    parent: QWidget | None, title: str, suggested_name: str, file_filter: str, key: str = "export"
) -> str:
    """A file to write, or "" when the user cancels; the extension follows the chosen filter."""
    start = str(Path(_last_folder(key)) / suggested_name)
    path, chosen = QFileDialog.getSaveFileName(parent, title, start, file_filter)
    if not path:
        return ""
    if not Path(path).suffix:
        path += ".csv" if "csv" in chosen.lower() else ".xlsx"
    _remember_folder(key, path)
    return path
