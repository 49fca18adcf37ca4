"""Every message box, file, input and print dialog of the application, behind one small set of
functions.

Tests replace one of these functions (``monkeypatch.setattr(prompts, "confirm", ...)``)
instead of patching Qt; callers always go through the module (``prompts.confirm(...)``),
never ``from prompts import confirm``.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QPageLayout
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

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
PDF_FILTER = "PDF (*.pdf)"


def open_file(
    parent: QWidget | None,
    title: str,
    file_filter: str,
    key: str = "import",
    directory: str = "",
) -> str:
    """A file to read, or "" when the user cancels; starts in ``directory`` or the last folder."""
    path, _ = QFileDialog.getOpenFileName(
        parent, title, directory or _last_folder(key), file_filter
    )
    if path:
        _remember_folder(key, path)
    return path


def save_file(
    parent: QWidget | None, title: str, suggested_name: str, file_filter: str, key: str = "export"
) -> str:
    """A file to write, or "" when the user cancels; a name typed without an extension gets the
    one of the chosen filter. ``suggested_name`` may be a bare name (placed in the folder last
    used for ``key``) or a full path."""
    start = str(Path(_last_folder(key)) / suggested_name)
    path, chosen = QFileDialog.getSaveFileName(parent, title, start, file_filter)
    if not path:
        return ""
    if not Path(path).suffix:
        path += _filter_suffix(chosen or file_filter)
    _remember_folder(key, path)
    return path


def _filter_suffix(file_filter: str) -> str:
    """The first concrete extension of a filter (".xlsx" for "Excel (*.xlsx)"), or ""."""
    match = re.search(r"\*(\.[A-Za-z0-9]+)", file_filter)
    return match.group(1) if match else ""


def choose_item(parent: QWidget | None, title: str, label: str, items: list[str]) -> int:
    """The index of the item picked from a list, or -1 when cancelled."""
    if not items:
        return -1
    text, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    return items.index(text) if ok and text in items else -1


def ask_text(
    parent: QWidget | None, title: str, label: str, *, multiline: bool = False
) -> str | None:
    """A line (or a few lines) of text, or None when cancelled."""
    if multiline:
        text, ok = QInputDialog.getMultiLineText(parent, title, label)
    else:
        text, ok = QInputDialog.getText(parent, title, label)
    return text if ok else None


def ask_printer(parent: QWidget | None, page_layout: QPageLayout | None = None):
    """A printer chosen in the print dialog (a ``QPrinter``), or None when cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if page_layout is not None:
        printer.setPageLayout(page_layout)
    dialog = QPrintDialog(printer, parent)
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None
