"""What the window does to open its database safely, sign the user in, back up, restore and
check. The main window wires its menu entries ("Back up now", "Restore…", "Check the
database") to these functions; every question goes through ``safety_prompts``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from movement_desk.services.actor import Actor


def tr(text: str) -> str:
    return QCoreApplication.translate("maintenance", text)


def open_database_interactively(db_path: Path, parent: QWidget | None = None) -> bool:
    """Open and prepare ``db_path``. A file that cannot be opened gets a clear message and,
    when a good backup exists, the offer to restore it (the damaged file is kept aside)."""
    from movement_desk.db import backup
    from movement_desk.db.connection import (
        DatabaseLockedError,
        DatabaseOpenError,
        SchemaTooNewError,
    )
    from movement_desk.gui import safety_prompts
    from movement_desk.services.bootstrap import prepare_database

    try:
        prepare_database(db_path)
        return True
    except (SchemaTooNewError, DatabaseLockedError) as exc:
        safety_prompts.warn(parent, "movement_desk", str(exc))
        return False
    except DatabaseOpenError as exc:
        problem = str(exc)
    good = backup.newest_good_backup(db_path)
    if good is None:
        safety_prompts.warn(
            parent,
            "movement_desk",
            problem
            + "\n\n"
            + tr("No good backup was found in {folder}.").format(folder=backup.backup_dir(db_path)),
        )
        return False
    question = (
        problem
        + "\n\n"
        + tr(
            "Restore the newest good backup {name} (taken {when})? The damaged file is kept "
            "beside it."
        ).format(name=good.path.name, when=good.taken_at.strftime("%d/%m/%Y %H:%M"))
    )
    if not safety_prompts.ask_yes_no(parent, tr("Database cannot be opened"), question):
        return False
    try:
        backup.restore_file_offline(good.path, db_path)
        prepare_database(db_path)
    except (backup.BackupError, DatabaseOpenError) as exc:
        safety_prompts.warn(parent, "movement_desk", str(exc))
        return False
    from movement_desk.db.connection import db
    from movement_desk.services import audit

    with db.atomic():
        audit.log("system", "database_restore", summary=f"Khôi phục từ {good.path.name} khi mở")
    return True


def sign_in_interactively(parent: QWidget | None = None) -> Actor | None:
    """The first administrator on a database with no account, then the sign-in dialog."""
    from movement_desk.gui.accounts_dialogs import FirstAdminDialog, LoginDialog
    from movement_desk.services import accounts

    if not accounts.has_accounts():
        first = FirstAdminDialog(parent)
        if first.exec() != QDialog.DialogCode.Accepted:
            return None
        return accounts.authenticate(first.username, first.password)
    login = LoginDialog(parent)
    if login.exec() != QDialog.DialogCode.Accepted:
        return None
    return login.actor


def back_up_now(parent: QWidget | None, actor: Actor) -> Path | None:
    from movement_desk.db import backup
    from movement_desk.gui import safety_prompts
    from movement_desk.services import maintenance
    from movement_desk.services.errors import ServiceError

    try:
        path = maintenance.backup_now(actor)
    except (ServiceError, backup.BackupError, OSError) as exc:
        safety_prompts.warn(parent, tr("Back up now"), str(exc))
        return None
    safety_prompts.inform(parent, tr("Back up now"), tr("Backed up to {path}.").format(path=path))
    return path


def restore_backup(parent: QWidget | None, actor: Actor) -> bool:
    """Pick a backup (the automatic ones, newest first, or a file), confirm, restore.

    After a restore the accounts are those of the backup: the caller signs the user in again.
    """
    from movement_desk.db import backup
    from movement_desk.gui import safety_prompts
    from movement_desk.services import maintenance
    from movement_desk.services.errors import ServiceError

    backups = backup.list_backups()
    other = tr("Another file…")
    items = [
        f"{b.taken_at.strftime('%d/%m/%Y %H:%M')} — {b.reason} — {b.path.name}" for b in backups
    ]
    choice = safety_prompts.choose_item(
        parent, tr("Restore"), tr("Backup to restore:"), [*items, other]
    )
    if choice < 0:
        return False
    if choice < len(backups):
        source = backups[choice].path
    else:
        picked = safety_prompts.choose_open_file(
            parent, tr("Restore"), str(backup.backup_dir()), "SQLite (*.sqlite3 *.db);;* (*)"
        )
        if not picked:
            return False
        source = Path(picked)
    if not safety_prompts.ask_yes_no(
        parent, tr("Restore"), maintenance.restore_confirmation(source)
    ):
        return False
    try:
        before = maintenance.restore(source, actor)
    except (ServiceError, backup.BackupError) as exc:
        safety_prompts.warn(parent, tr("Restore"), str(exc))
        return False
    safety_prompts.inform(
        parent,
        tr("Restore"),
        tr("Restored from {name}. The data before the restore is in {before}.").format(
            name=source.name, before=before
        ),
    )
    return True


def check_database(parent: QWidget | None, actor: Actor) -> bool:
    """Run the check with repairs and show what it found and repaired; True when clean now."""
    from movement_desk.gui import safety_prompts
    from movement_desk.services import maintenance
    from movement_desk.services.errors import ServiceError

    try:
        report = maintenance.check(actor)
    except ServiceError as exc:
        safety_prompts.warn(parent, tr("Check the database"), str(exc))
        return False
    safety_prompts.inform(parent, tr("Check the database"), report.summary())
    return report.ok or len(report.repaired) == len(report.found)
