"""Back up now, restore and check, with the permission checks and audit entries around
``db.backup`` (which does the work and knows nothing of users)."""

from __future__ import annotations

from pathlib import Path

from movement_desk.db import backup
from movement_desk.db.connection import db
from movement_desk.services import accounts, audit, permissions
from movement_desk.services.actor import Actor


def _require(actor: Actor, action: str) -> None:
    # A database with no account yet has nothing to sign in with: maintenance stays open.
    if accounts.has_accounts():
        permissions.require(actor, action)


def backup_now(actor: Actor, target: str | Path | None = None) -> Path:
    """A backup on demand: to ``target``, or into the automatic backup folder."""
    _require(actor, "backup.create")
    if target is not None:
        from movement_desk.services import output_files

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
    backup holding the state before. Accounts come from the backup: sign in again after."""
    _require(actor, "backup.restore")
    before = backup.restore_into_open_database(source)
    with db.atomic():
        audit.log(
            actor,
            "database_restore",
            summary=f"Khôi phục từ {Path(source).name}; trạng thái trước đó lưu tại "
            f"{before.path.name if before else '(không có dữ liệu)'}",
        )
    return before.path if before else None


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
