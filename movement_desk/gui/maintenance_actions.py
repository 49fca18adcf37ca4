"""What the window does to open its database safely, sign the user in, back up, restore and
check. The main window's Tools menu ("Back up now", "Restore…", "Check the database") calls
these functions; every question goes through ``prompts``, and backups and restores run
through ``tasks`` with a progress dialog (widgets are touched only on the GUI thread)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication

# Strings are written out as QCoreApplication.translate("maintenance", …) so that lupdate
# files them under this context (a helper function would hide it).
from PySide6.QtWidgets import QDialog, QWidget

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
        prepare_database(db_path)
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


def sign_in_interactively(parent: QWidget | None = None, username: str = "") -> Actor | None:
    """The first administrator on a database with no account, then the sign-in dialog."""
    from movement_desk.gui.accounts_dialogs import FirstAdminDialog, LoginDialog
    from movement_desk.services.admin import accounts

    if not accounts.has_accounts():
        first = FirstAdminDialog(parent)
        if first.exec() != QDialog.DialogCode.Accepted:
            return None
        return accounts.authenticate(first.username, first.password)
    login = LoginDialog(parent, username)
    if login.exec() != QDialog.DialogCode.Accepted:
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
