"""``movement-desk window-check``: open the main window on a database, then close it.

For checking an installation (the wheel test, the desktop bundle in CI) without a person at
the screen: the same start-up as the real window (name, icon, translations), no sign-in
dialog, since the command line has already signed the user in.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from movement_desk.gui.app import configure_application, install_translations
from movement_desk.services.core.actor import Actor


def open_and_close_window(
    db_path: Path, actor: Actor, *, seconds: float = 1.0, lang: str | None = None
) -> str:
    """Show the main window for ``seconds`` and return its full title."""
    from movement_desk.gui.context import AppContext
    from movement_desk.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    configure_application(app)
    install_translations(app, lang or str(QSettings().value("language", "vi")))
    window = MainWindow(AppContext(db_path, actor=actor), offer_drafts=False)
    window.show()
    QTimer.singleShot(int(seconds * 1000), window.close)
    QTimer.singleShot(int(seconds * 1000) + 50, app.quit)
    app.exec()
    title = window.windowTitle()
    display = QApplication.applicationDisplayName()
    if display and display not in title:
        title = f"{title} — {display}"
    return title
