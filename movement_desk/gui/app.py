"""Starting the desktop application: QApplication, translations, the database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox

from movement_desk import APP_NAME, __version__
from movement_desk.paths import I18N_DIR


def install_translations(app: QApplication, lang: str | None) -> str:
    """Load the application's and Qt's own Vietnamese translations unless English is asked for."""
    lang = lang or "vi"
    if lang == "vi":
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, directory in (
            ("qtbase_vi", qt_translations),
            ("movement_desk_vi", str(I18N_DIR)),
        ):
            translator = QTranslator(app)
            if translator.load(name, directory):
                app.installTranslator(translator)
    return lang


class PlaceholderWindow(QMainWindow):
    """The window shown until the data-entry application lands."""

    def __init__(self, db_path: Path):
        super().__init__()
        self.setWindowTitle(self.tr("movement_desk — All People Protect National Security"))
        label = QLabel(self.tr("Database: {path}").format(path=db_path))
        label.setMargin(24)
        self.setCentralWidget(label)
        self.statusBar().showMessage(str(db_path))
        self.resize(900, 600)


def run_gui(db_path: Path, lang: str | None = None) -> int:
    from movement_desk.db import backup
    from movement_desk.gui import maintenance_actions

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    install_translations(app, lang)
    # A damaged file: a clear message and the offer of the newest good backup.
    if not maintenance_actions.open_database_interactively(db_path):
        return 1
    try:
        backup.daily_backup_if_due()
    except backup.BackupError as exc:
        QMessageBox.warning(None, "movement_desk", str(exc))
    # The first administrator on a database with no account, else the sign-in dialog.
    actor = maintenance_actions.sign_in_interactively()
    if actor is None:
        return 1
    app.aboutToQuit.connect(backup.backup_on_close)
    window = PlaceholderWindow(db_path)
    window.actor = actor
    window.show()
    return app.exec()
