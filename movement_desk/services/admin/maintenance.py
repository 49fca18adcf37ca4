"""Back up now, restore and check, with the permission checks and audit entries around
``db.backup`` (which does the work and knows nothing of users)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from movement_desk.db import backup
from movement_desk.db.connection import close_database, db
from movement_desk.services.admin import accounts
from movement_desk.services.admin.bootstrap import prepare_database
from movement_desk.services.core import audit, output_files, permissions
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import ServiceError


def _require(actor: Actor, action: str) -> None:
    # A database with no account yet has nothing to sign in with: maintenance stays open.
    if accounts.has_accounts():
        permissions.require(actor, action)


def backup_now(actor: Actor, target: str | Path | None = None) -> Path:
    """A backup on demand: to ``target``, or into the automatic backup folder.

    Into the folder beside the database, anyone may. A copy to a file of one's choosing holds
    every record, every account's password hash and the certificate signing key: only an
    administrator whose scope covers every record of the database may take one."""
    _require(actor, "backup.create")
    if target is not None and accounts.has_accounts():
        permissions.require_every_record(actor, "backup.create", "sao lưu ra tệp tự chọn")
    if target is not None:
        output_files.check_target(target, force=True)
        path = backup.backup_to(target)
    else:
        info = backup.auto_backup("manual", only_if_changed=False)
        path = info.path
    with db.atomic():
        audit.log(actor, "backup", summary=f"Sao lưu theo yêu cầu: {path}")
    return path


def restore_confirmation(source: str | Path) -> str:
    """What the confirmation before a restore says."""
    source = Path(source)
    named = next((b for b in backup.list_backups() if b.path == source), None)
    when = f" (sao lưu lúc {named.taken_at.strftime('%d/%m/%Y %H:%M')})" if named else ""
    return (
        f"Khôi phục dữ liệu từ {source.name}{when}?\n"
        "Dữ liệu hiện tại sẽ được sao lưu trước, nên có thể quay lại nếu cần."
    )


def restore(source: str | Path, actor: Actor) -> Path | None:
    """Replace the data with a backup (the current state is backed up first); returns the
    backup holding the state before. Accounts come from the backup: sign in again after.

    Needs an administrator whose scope covers every record of the database; a file with no
    active administrator account is refused (anyone could then create the first one)."""
    _require(actor, "backup.restore")
    if accounts.has_accounts():
        permissions.require_every_record(actor, "backup.restore", "khôi phục dữ liệu")
    check_has_administrator(source)
    before = backup.restore_into_open_database(source)
    with db.atomic():
        audit.log(
            actor,
            "database_restore",
            summary=f"Khôi phục từ {Path(source).name}; trạng thái trước đó lưu tại "
            f"{before.path.name if before else '(không có dữ liệu)'}",
        )
    return before.path if before else None


@dataclass(frozen=True)
class OfflineRestore:
    """What ``restore_unopenable`` did: the backup put in place and where the damaged file
    went (None when there was no file)."""

    source: Path
    kept: Path | None


def newest_good_backup(db_path: str | Path) -> backup.BackupInfo | None:
    """The newest automatic backup of ``db_path`` that passes the check (None: there is none)."""
    return backup.newest_good_backup(db_path)


def restore_unopenable(db_path: str | Path, source: str | Path | None = None) -> OfflineRestore:
    """Put a backup in place of a database that cannot be opened or read, then open it.

    The window (on start) and the command line (``restore FILE``) both come here. Nobody can
    sign in to a damaged file, so no actor: the audit entry is the system's. ``source`` is the
    newest good automatic backup when not given. The damaged file (with its -wal and -shm) is
    kept beside the database. A file that is not one of this database's own automatic backups
    must hold an active administrator account (see ``check_has_administrator``); its own
    backups carry the accounts it had. Raises ``ServiceError`` when there is no good backup,
    ``backup.BackupError`` when the backup cannot be used."""
    db_path = Path(db_path)
    close_database()
    if source is None:
        good = backup.newest_good_backup(db_path)
        if good is None:
            raise ServiceError(
                f"Không tìm thấy bản sao lưu tốt nào trong {backup.backup_dir(db_path)}."
            )
        source = good.path
    source = Path(source)
    own = {item.path.resolve() for item in backup.list_backups(db_path)}
    if source.resolve() not in own:
        check_has_administrator(source)
    kept = backup.restore_file_offline(source, db_path)
    prepare_database(db_path)
    with db.atomic():
        audit.log(
            "system",
            "database_restore",
            summary=f"Khôi phục từ {source.name} vì tệp không mở được; tệp hỏng giữ tại "
            f"{kept.name if kept else '(không có)'}",
        )
    return OfflineRestore(source, kept)


def check_has_administrator(source: str | Path) -> None:
    """Refuse a backup with no active administrator account (or one that cannot be read:
    ``db.backup`` says why when it restores)."""
    source = Path(source)
    if not source.is_file():
        return
    try:
        connection = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            count = connection.execute(
                "SELECT COUNT(*) FROM user_account "
                "WHERE role = 'administrator' AND disabled_at IS NULL"
            ).fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        if backup.file_problem(source):
            return  # not a usable database: the restore itself refuses it, saying why
        count = 0  # a database of the program from before accounts existed
    if not count:
        raise ServiceError(
            f"Không khôi phục từ {source.name}: tệp không có tài khoản quản trị nào đang hoạt "
            "động, nên sau khi khôi phục ai cũng có thể tự tạo quản trị viên. Hãy chọn bản sao "
            "lưu khác."
        )


def check(actor: Actor, *, repair: bool = True) -> backup.CheckReport:
    _require(actor, "database.check")
    report = backup.check_database(repair=repair)
    if not report.damaged:
        with db.atomic():
            audit.log(
                actor,
                "database_check",
                summary=f"{len(report.found)} vấn đề, đã sửa {len(report.repaired)}",
                changes={"found": [None, report.found], "repaired": [None, report.repaired]}
                if report.found
                else None,
            )
    return report
