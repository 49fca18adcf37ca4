"""Message boxes and file dialogs of the accounts, backup and audit widgets, one function each,
so a test replaces a function instead of patching Qt. (The main window's own prompts module
can absorb these at merge.)"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def choose_open_file(parent: QWidget | None, title: str, directory: str, filters: str) -> str:
    """A file to read, or "" when cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, directory, filters)
    return path


def choose_save_file(parent: QWidget | None, title: str, directory: str, filters: str) -> str:
    """A file to write, or "" when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, directory, filters)
    return path


def choose_item(parent: QWidget | None, title: str, label: str, items: list[str]) -> int:
    """The index of the item picked, or -1 when cancelled."""
    if not items:
        return -1
    text, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    return items.index(text) if ok and text in items else -1
