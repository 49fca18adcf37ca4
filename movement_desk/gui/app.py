"""Starting the desktop application: QApplication, translations, the database, the main window."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QSettings, QTranslator, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from movement_desk import (
    APP_DISPLAY_NAME,
    APP_ID,
    APP_NAME,
    ORGANIZATION_NAME,
    __version__,
    error_log,
    startup_done,
)
from movement_desk.gui.icons import application_icon
from movement_desk.paths import I18N_DIR


def configure_application(app: QGuiApplication) -> None:
    """Name, organisation, version and icon: window titles end with the display name, every
    dialog without its own title shows it, and settings are kept under the organisation."""
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(application_icon())
    _carry_over_settings(APP_NAME, APP_NAME)


def _carry_over_settings(old_organization: str, old_application: str) -> None:
    """Version 0.1 kept settings under the organisation "movement_desk": copy them once."""
    current = QSettings()
    if current.allKeys() or current.value("settings/carried_over", False, type=bool):
        return
    old = QSettings(old_organization, old_application)
    for key in old.allKeys():
        current.setValue(key, old.value(key))
    current.setValue("settings/carried_over", True)


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
        # Installed on the application, they translate every dialog Qt builds itself: file
        # ("Tìm trong:", "Loại tệp:"), print, page setup, colour, font, message-box buttons.
        for name, directory in (
            ("qtbase_vi", qt_translations),
            ("qtbase_vi", str(I18N_DIR)),
            ("movement_desk_vi", str(I18N_DIR)),
        ):
            translator = QTranslator(app)
            if translator.load(name, directory):
                app.installTranslator(translator)
                _installed.append(translator)
    return lang


_installed: list[QTranslator] = []


def remove_translations(app: QApplication) -> None:
    """Take out the translators ``install_translations`` put in (back to English sources)."""
    while _installed:
        app.removeTranslator(_installed.pop())


def run_gui(db_path: Path, lang: str | None = None) -> int:
    from movement_desk.db import backup
    from movement_desk.db.connection import set_write_waiter
    from movement_desk.gui import maintenance_actions, startup_probe
    from movement_desk.gui.context import AppContext
    from movement_desk.gui.database_switch import DatabaseSession
    from movement_desk.gui.main_window import MainWindow

    error_log.setup_logging(db_path)
    app = QApplication.instance() or QApplication(sys.argv)
    configure_application(app)
    lang = lang or str(QSettings().value("language", "vi"))
    install_translations(app, lang)
    # A damaged file: a clear message and the offer of the newest good backup; a server that
    # cannot be reached: the message, then the Open database dialog.
    session = DatabaseSession(db_path)
    if not session.open_at_start():
        return 1
    windows: list = []
    set_write_waiter(write_waiter(lambda: windows[0] if windows else None))
    # The first administrator on a database with no account, else the sign-in dialog (which
    # offers to open another database: a file or a server).
    actor = startup_probe.sign_in() or session.sign_in()
    if actor is None:
        return 1
    db_path = session.path
    session.remember()  # offered again in File → Open database…
    app.aboutToQuit.connect(backup.backup_on_close)
    install_exception_hooks()
    window = MainWindow(AppContext(db_path, actor=actor))
    windows.append(window)
    # The day's backup (and its check of the pages) in the background once the window is up.
    window.daily_backup = maintenance_actions.back_up_daily_in_background(window, db_path)
    startup_probe.quit_when_painted(window, startup_done)  # (``done``: here not a quit)
    if startup_probe.active():  # benchmarks/bench_commands.py: quit once the window is seen
        startup_probe.quit_when_painted(window)
    window.show()
    return app.exec()


def uncaught_exception_text(exc: BaseException, log: Path | None = None) -> str:
    """What the window says about an error no dialog caught: a busy or full database in plain
    words (nothing was written), anything else with where the details were logged (``log``
    when it already is)."""
    from PySide6.QtCore import QCoreApplication

    from movement_desk.services.core import output_files

    text = str(exc).lower()
    if output_files.disk_full(exc):
        return output_files.DATABASE_FULL_MESSAGE
    if "locked" in text or "busy" in text:
        return QCoreApplication.translate(
            "app",
            "Another user is writing to the database and has not finished yet; nothing of this "
            "action was written. Try again in a moment.",
        )
    log = log or error_log.log_exception(exc)
    return QCoreApplication.translate(
        "app", "Something went wrong ({error}); the details are in {log}."
    ).format(error=type(exc).__name__, log=log)


def on_uncaught_exception(exc_type, exc, traceback, log: Path | None = None) -> None:
    """The window's exception hook: the traceback goes to the log and the user is told in a
    message naming it, instead of a silent traceback on stderr; the window goes on."""
    from movement_desk.gui import prompts

    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, traceback)
        return
    if exc is not None and exc.__traceback__ is None and traceback is not None:
        exc = exc.with_traceback(traceback)
    try:
        prompts.warn(None, APP_DISPLAY_NAME, uncaught_exception_text(exc, log))
    except Exception:  # noqa: BLE001 - the hook itself must never bring the window down
        sys.__excepthook__(exc_type, exc, traceback)


class _ThreadExceptionRelay(QObject):
    """Carries an exception of another thread, already logged, to the GUI thread (a queued
    signal: this object lives there), where the message box may be shown."""

    raised = Signal(object, object)

    def __init__(self) -> None:
        super().__init__()
        self.raised.connect(self._on_raised)

    @Slot(object, object)
    def _on_raised(self, exc: BaseException, log: Path) -> None:
        on_uncaught_exception(type(exc), exc, exc.__traceback__, log)


_relay: _ThreadExceptionRelay | None = None


def _on_thread_exception(hook_args: threading.ExceptHookArgs) -> None:
    """``threading.excepthook``: logged at once, told on the GUI thread."""
    if hook_args.exc_type is SystemExit:
        return
    name = hook_args.thread.name if hook_args.thread is not None else "?"
    log = error_log.log_exception(
        hook_args.exc_value, hook_args.exc_traceback, context=f"thread {name}"
    )
    if _relay is not None:
        _relay.raised.emit(hook_args.exc_value, log)


def install_exception_hooks() -> None:
    """An exception no slot caught, in the GUI thread or another, is logged and told."""
    global _relay
    if _relay is None:
        _relay = _ThreadExceptionRelay()
    sys.excepthook = on_uncaught_exception
    threading.excepthook = _on_thread_exception


def write_waiter(window_of):
    """What the window does while a save waits for another user's write (see
    ``connection.set_write_waiter``): a busy cursor and "đang chờ…" in the status bar, the
    window kept painted but not taking input, so nothing is saved twice."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt

    def wait(state: bool | None) -> None:
        window = window_of()
        if state is True:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            if window is not None:
                window.statusBar().showMessage(
                    QCoreApplication.translate("app", "Waiting for another user to finish writing…")
                )
        elif state is False:
            QApplication.restoreOverrideCursor()
            if window is not None:
                window.statusBar().clearMessage()
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    return wait
