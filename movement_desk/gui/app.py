"""Starting the desktop application: QApplication, translations, the database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from movement_desk import APP_NAME, __version__
from movement_desk.paths import I18N_DIR


def install_translations(app: QApplication, lang: str | None) -> str:
    """Load the application's and Qt's own Vietnamese translations unless English is asked for."""
    from movement_desk.gui import texts

    lang = lang or "vi"
    texts.set_language(lang)
    if lang == "vi":
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        # Qt has no Vietnamese translation of its own buttons and dialogs: ours comes second
        # and fills what a future qtbase_vi from Qt would not.
        for name, directory in (
            ("qtbase_vi", qt_translations),
            ("qtbase_vi", str(I18N_DIR)),
            ("movement_desk_vi", str(I18N_DIR)),
        ):
            translator = QTranslator(app)
            if translator.load(name, directory):
                app.installTranslator(translator)
    return lang


def run_gui(db_path: Path, lang: str | None = None) -> int:
    from movement_desk.db import backup
    from movement_desk.gui import maintenance_actions, prompts, startup_probe
    from movement_desk.gui.context import AppContext
    from movement_desk.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    lang = lang or str(QSettings().value("language", "vi"))
    install_translations(app, lang)
    # A damaged file: a clear message and the offer of the newest good backup.
    if not maintenance_actions.open_database_interactively(db_path):
        return 1
    try:
        backup.daily_backup_if_due()
    except backup.BackupError as exc:
        prompts.warn(None, "movement_desk", str(exc))
    # The first administrator on a database with no account, else the sign-in dialog.
    actor = startup_probe.sign_in() or maintenance_actions.sign_in_interactively()
    if actor is None:
        return 1
    app.aboutToQuit.connect(backup.backup_on_close)
    window = MainWindow(AppContext(db_path, actor=actor))
    if startup_probe.active():  # benchmarks/bench_commands.py: quit once the window is seen
        startup_probe.quit_when_painted(window)
    window.show()
    return app.exec()
