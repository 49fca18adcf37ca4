"""Help menu actions: the user guide (a PDF shipped with the program) opens in the PDF viewer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from movement_desk.gui import prompts
from movement_desk.paths import GUIDE_PDF

# Strings are written out as QCoreApplication.translate("help_actions", …) so that lupdate
# finds them.


def open_path(path: Path) -> bool:
    """Open a file with the program the system associates with it (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_guide(parent: QWidget | None = None) -> bool:
    """Open the user guide; say where it is when it is missing or nothing can open a PDF."""
    if not GUIDE_PDF.exists():
        prompts.warn(
            parent,
            QCoreApplication.translate("help_actions", "User guide"),
            QCoreApplication.translate(
                "help_actions", "The user guide was not found at {path}. Reinstall the program."
            ).format(path=GUIDE_PDF),
        )
        return False
    if not open_path(GUIDE_PDF):
        prompts.inform(
            parent,
            QCoreApplication.translate("help_actions", "User guide"),
            QCoreApplication.translate(
                "help_actions", "No program to open PDF files was found. The guide is at:\n{path}"
            ).format(path=GUIDE_PDF),
        )
        return False
    return True
