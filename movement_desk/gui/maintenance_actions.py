"""What the window does to open its database safely, sign the user in, back up, restore and
check. The main window's Tools menu ("Back up now", "Restore…", "Check the database") calls
these functions; every question goes through ``prompts``, and backups and restores run
through ``tasks`` with a progress dialog (widgets are touched only on the GUI thread)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

# Strings are written out as QCoreApplication.translate("maintenance", …) so that lupdate
# files them under this context (a helper function would hide it).
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

from movement_desk import APP_DISPLAY_NAME
from movement_desk.gui import prompts, tasks
from movement_desk.services.core.actor import Actor


def open_database_interactively(db_path: Path, parent: QWidget | None = None) -> bool:
    """Open and prepare ``db_path``. A file that cannot be opened gets a clear message and,
    when a good backup exists, the offer to restore it (the damaged file is kept aside)."""
    import sqlite3

    import peewee

    from movement_desk.db import backup
    from movement_desk.db.errors import DatabaseLockedError, DatabaseOpenError, SchemaTooNewError
    from movement_desk.services.admin.bootstrap import prepare_database

    try:
        prepare_database(db_path, own_key=False)  # see DailyBackup
        return True
    except (SchemaTooNewError, DatabaseLockedError) as exc:
        prompts.warn(parent, APP_DISPLAY_NAME, str(exc))
        return False
    except DatabaseOpenError as exc:
        problem = str(exc)
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        if not backup.is_damage(exc):
            raise
        problem = damaged_text(db_path, exc)
    return offer_newest_good_backup(db_path, problem, parent)


def damaged_text(db_path: Path, exc: BaseException) -> str:
    return QCoreApplication.translate(
        "maintenance", "The database {name} is damaged and cannot be read ({error})."
    ).format(name=db_path.name, error=exc)


def offer_newest_good_backup(db_path: Path, problem: str, parent: QWidget | None = None) -> bool:
    """Say why the database cannot be used and offer its newest good backup; True when the
    backup was restored and the database is open (``maintenance.restore_unopenable``, as the
    command line's ``restore``)."""
    from movement_desk.db import backup
    from movement_desk.db.errors import DatabaseOpenError
    from movement_desk.services.admin import maintenance
    from movement_desk.services.core.errors import ServiceError

    good = maintenance.newest_good_backup(db_path)
    if good is None:
        prompts.warn(
            parent,
            APP_DISPLAY_NAME,
            problem
            + "\n\n"
            + QCoreApplication.translate(
                "maintenance", "No good backup was found in {folder}."
            ).format(folder=backup.backup_dir(db_path)),
        )
        return False
    question = (
        problem
        + "\n\n"
        + QCoreApplication.translate(
            "maintenance",
            "Restore the newest good backup {name} (taken {when})? The damaged file is kept "
            "beside it.",
        ).format(name=good.path.name, when=good.taken_at.strftime("%d/%m/%Y %H:%M"))
    )
    if not prompts.confirm(
        parent, QCoreApplication.translate("maintenance", "Database cannot be opened"), question
    ):
        return False
    try:
        maintenance.restore_unopenable(db_path, good.path)
    except (ServiceError, backup.BackupError, DatabaseOpenError) as exc:
        prompts.warn(parent, APP_DISPLAY_NAME, str(exc))
        return False
    return True


def sign_in_interactively(
    parent: QWidget | None = None,
    username: str = "",
    *,
    choose_other: Callable[[], object] | None = None,
    database: Callable[[], str] | None = None,
) -> Actor | None:
    """The first administrator on a database with no account, then the sign-in dialog.

    With ``choose_other``, the sign-in dialog offers "Open another database…": it calls
    ``choose_other()`` (which may open another database) and asks again, on whichever
    database is open then; ``database()`` names it in the dialog."""
    from movement_desk.gui.accounts_dialogs import FirstAdminDialog, LoginDialog
    from movement_desk.services.admin import accounts

    while True:
        if not accounts.has_accounts():
            first = FirstAdminDialog(parent)
            if first.exec() != QDialog.DialogCode.Accepted:
                return None
            return accounts.authenticate(first.username, first.password)
        login = LoginDialog(
            parent,
            username,
            offer_other_database=choose_other is not None,
            database=database() if database is not None else "",
        )
        answer = login.exec()
        if answer == LoginDialog.OTHER_DATABASE and choose_other is not None:
            choose_other()
            continue
        if answer != QDialog.DialogCode.Accepted:
            return None
        return login.actor


def _error_text(exc: BaseException) -> str:
    from movement_desk.db import backup
    from movement_desk.services.core.errors import ServiceError

    if isinstance(exc, (ServiceError, backup.BackupError)):
        return str(exc)
    if isinstance(exc, OSError):
        return QCoreApplication.translate(
            "maintenance", "The file could not be written or read: {error}"
        ).format(error=exc.strerror or exc)
    return f"{type(exc).__name__}: {exc}"


def back_up_now(
    parent: QWidget | None, actor: Actor, on_done: Callable[[Path], None] | None = None
) -> tasks.BackgroundTask:
    """Back up into the automatic backup folder in the background, then say where."""
    from movement_desk.services.admin import maintenance

    def done(path: Path) -> None:
        prompts.inform(
            parent,
            QCoreApplication.translate("maintenance", "Back up now"),
            QCoreApplication.translate("maintenance", "Backed up to {path}.").format(path=path),
        )
        if on_done is not None:
            on_done(path)

    return tasks.run_task(
        parent,
        QCoreApplication.translate("maintenance", "Backing up the database…"),
        lambda progress: maintenance.backup_now(actor),
        done,
        lambda exc: prompts.warn(
            parent, QCoreApplication.translate("maintenance", "Back up now"), _error_text(exc)
        ),
        cancellable=False,
    )


def choose_backup(parent: QWidget | None) -> Path | None:
    """A backup to restore: one of the automatic ones (newest first) or another file."""
    from movement_desk.db import backup

    backups = backup.list_backups()
    other = QCoreApplication.translate("maintenance", "Another file…")
    items = [
        f"{b.taken_at.strftime('%d/%m/%Y %H:%M')} — {_reason_text(b.reason)} — {b.path.name}"
        for b in backups
    ]
    choice = prompts.choose_item(
        parent,
        QCoreApplication.translate("maintenance", "Restore"),
        QCoreApplication.translate("maintenance", "Backup to restore:"),
        [*items, other],
    )
    if choice < 0:
        return None
    if choice < len(backups):
        return backups[choice].path
    picked = prompts.open_file(
        parent,
        QCoreApplication.translate("maintenance", "Restore"),
        QCoreApplication.translate(
            "maintenance", "SQLite databases (*.sqlite3 *.db);;All files (*)"
        ),
        key="backup",
        directory=str(backup.backup_dir()),
    )
    return Path(picked) if picked else None


def _reason_text(reason: str) -> str:
    """Why a backup was taken, in words (the file names keep the English key)."""
    reasons = {
        "daily": QCoreApplication.translate("maintenance", "daily"),
        "close": QCoreApplication.translate("maintenance", "on close"),
        "manual": QCoreApplication.translate("maintenance", "on request"),
        "before-migration": QCoreApplication.translate("maintenance", "before an upgrade"),
        "before-import": QCoreApplication.translate("maintenance", "before an import"),
        "before-package-import": QCoreApplication.translate(
            "maintenance", "before a package import"
        ),
        "before-restore": QCoreApplication.translate("maintenance", "before a restore"),
    }
    return reasons.get(reason, reason)


def restore_backup(
    parent: QWidget | None, actor: Actor, on_restored: Callable[[], None] | None = None
) -> tasks.BackgroundTask | None:
    """Pick a backup, confirm (naming it, and saying the current state is backed up first),
    then restore in the background. None when the user stopped before the restore began.

    After a restore the accounts are those of the backup: ``on_restored`` signs the user in
    again (the main window does).
    """
    from movement_desk.services.admin import maintenance

    source = choose_backup(parent)
    if source is None:
        return None
    question = (
        maintenance.restore_confirmation(source)
        + "\n\n"
        + QCoreApplication.translate("maintenance", "After the restore you sign in again.")
    )
    if not prompts.confirm(parent, QCoreApplication.translate("maintenance", "Restore"), question):
        return None

    def done(before: Path | None) -> None:
        text = QCoreApplication.translate("maintenance", "Restored from {name}.").format(
            name=source.name
        )
        if before is not None:
            text += " " + QCoreApplication.translate(
                "maintenance", "The data before the restore is in {before}."
            ).format(before=before)
        prompts.inform(parent, QCoreApplication.translate("maintenance", "Restore"), text)
        if on_restored is not None:
            on_restored()

    return tasks.run_task(
        parent,
        QCoreApplication.translate("maintenance", "Restoring {name}…").format(name=source.name),
        lambda progress: maintenance.restore(source, actor),
        done,
        lambda exc: prompts.warn(
            parent, QCoreApplication.translate("maintenance", "Restore"), _error_text(exc)
        ),
        cancellable=False,
    )


def check_database(parent: QWidget | None, actor: Actor) -> bool:
    """Run the check with repairs and show what it found and repaired; True when clean now."""
    from movement_desk.services.admin import maintenance
    from movement_desk.services.core.errors import ServiceError

    try:
        report = maintenance.check(actor)
    except ServiceError as exc:
        prompts.warn(
            parent, QCoreApplication.translate("maintenance", "Check the database"), str(exc)
        )
        return False
    prompts.inform(
        parent, QCoreApplication.translate("maintenance", "Check the database"), report.summary()
    )
    return report.ok or len(report.repaired) == len(report.found)


class DailyBackup(QObject):
    """What the window's start leaves to a worker thread once the window has opened: this
    installation's signing key (made on the first start; see ``prepare_database``), then the
    day's backup (``backup.daily_backup_if_due``): SQLite's online backup in steps, so the
    window stays responsive and the status bar shows how far it got. A damaged file or a
    failed copy is said when known; closing the window waits for the copy to end."""

    progressed = Signal(int, int)
    ended = Signal(object, object)  # the backup made (or None), the error (or None)

    def __init__(self, window: QMainWindow, db_path: Path):
        super().__init__(window)
        self.window = window
        self.db_path = db_path
        self.made = None
        self._closing = False
        self.progressed.connect(self._on_progressed)
        self.ended.connect(self._on_ended)
        self._thread = threading.Thread(
            target=self._run, name="movement_desk-daily-backup", daemon=True
        )

    def start(self) -> DailyBackup:
        if not self._closing and self._thread.ident is None:
            self._thread.start()
        return self

    @property
    def done(self) -> bool:
        """Started and ended."""
        return self._thread.ident is not None and not self._thread.is_alive()

    def wait(self, milliseconds: int = 600_000) -> bool:
        """Block until the copy ends (closing the window, quitting, tests); True if it did.
        A copy not started yet is not started any more."""
        self._closing = True
        if self._thread.ident is not None:
            self._thread.join(milliseconds / 1000)
        return not self._thread.is_alive()

    def _emit(self, signal, *values) -> None:
        with contextlib.suppress(RuntimeError):  # the window was closed: no one to tell
            signal.emit(*values)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.Close:
            if self._thread.is_alive():
                self.window.statusBar().showMessage(
                    QCoreApplication.translate("maintenance", "Finishing today's backup…")
                )
            self.wait()
        return False

    def _run(self) -> None:
        from movement_desk.db import backup
        from movement_desk.services.admin.bootstrap import close_database, ensure_own_key

        try:
            ensure_own_key()
            made = backup.daily_backup_if_due(
                progress=lambda copied, total: self._emit(self.progressed, copied, total)
            )
        except BaseException as exc:  # said on the GUI thread
            self._emit(self.ended, None, exc)
        else:
            self._emit(self.ended, made, None)
        finally:
            close_database()  # this thread's own connection

    def _on_progressed(self, copied: int, total: int) -> None:
        percent = 100 * copied // max(total, 1)
        self.window.statusBar().showMessage(
            QCoreApplication.translate("maintenance", "Making today's backup… {percent} %").format(
                percent=percent
            )
        )

    def _on_ended(self, made, exc) -> None:
        import sqlite3

        import peewee

        from movement_desk.db import backup

        self.made = made
        self.window.statusBar().clearMessage()
        if exc is None:
            if made is not None:
                self.window.statusBar().showMessage(
                    QCoreApplication.translate("maintenance", "Today's backup: {name}").format(
                        name=made.path.name
                    ),
                    10_000,
                )
            return
        if isinstance(exc, backup.BackupError):
            prompts.warn(self.window, APP_DISPLAY_NAME, str(exc))
        elif isinstance(exc, peewee.DatabaseError | sqlite3.DatabaseError) and backup.is_damage(
            exc
        ):
            prompts.warn(
                self.window,
                APP_DISPLAY_NAME,
                damaged_text(self.db_path, exc)
                + "\n\n"
                + QCoreApplication.translate(
                    "maintenance",
                    "Save nothing more: restore the newest good backup with Tools → Restore…",
                ),
            )
        else:
            raise exc


# How long after the window has first painted the day's backup starts: the first figures
# (Home, the status bar) are read first, and the first clicks do not share the interpreter.
DAILY_BACKUP_DELAY_MS = 3000


def back_up_daily_in_background(
    window: QMainWindow, db_path: Path, delay_ms: int = DAILY_BACKUP_DELAY_MS
) -> DailyBackup:
    """Start the day's backup a moment after ``window`` has first painted (``DailyBackup``)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from movement_desk.gui import startup_probe

    daily = DailyBackup(window, db_path)
    startup_probe.quit_when_painted(window, lambda: QTimer.singleShot(delay_ms, daily.start))
    window.installEventFilter(daily)  # closing the window waits for the copy to end
    QApplication.instance().aboutToQuit.connect(daily.wait)
    return daily
