"""The server mode's operations (issue 17), for the command line: set up a server database,
copy an office's file to it, back it up and restore it with PostgreSQL's tools, check it."""

from __future__ import annotations

from pathlib import Path

from movement_desk.db import server_admin
from movement_desk.db.connection import close_database, db
from movement_desk.services.admin import accounts
from movement_desk.services.admin.bootstrap import prepare_database
from movement_desk.services.core import audit, permissions, settings
from movement_desk.services.core.actor import SYSTEM_ACTOR, Actor
from movement_desk.services.core.output_files import check_target


def require_empty(url: str) -> None:
    server_admin.require_empty(url)


def init_server(
    url: str, admin: str, unit_code: str, password: str, *, full_name: str = ""
) -> None:
    """On an empty server database: the schema, the unit lists, the first administrator
    (whose unit becomes the database's home unit)."""
    server_admin.require_empty(url)
    prepare_database(url)
    accounts.create_first_admin(admin, password, unit_code, display_name=full_name)
    settings.put("home_unit_code", unit_code, SYSTEM_ACTOR.username)


def check_role_name(role: str) -> None:
    server_admin.check_role_name(role)


def grant_app_role(role: str, password: str | None) -> bool:
    """The application's role on the open server database (see ``db.server_admin``)."""
    return server_admin.grant_app_role(role, password)


def check(url: str) -> list[str]:
    return server_admin.check(url)


def copy_file(source: str | Path, url: str) -> dict[str, tuple[int, int]]:
    return server_admin.copy_file_to_server(source, url)


def backup(actor: Actor, url: str, target: str | Path, *, force: bool = False) -> Path:
    """pg_dump's custom format of the server database, noted in the audit trail first.

    Always a file of one's choosing (the server has no backup folder of its own), holding every
    record and every account's password hash: only an administrator whose scope covers every
    record may take one, as for a file database's backup to a file."""
    if accounts.has_accounts():
        permissions.require_every_record(actor, "backup.create", "sao lưu ra tệp tự chọn")
    check_target(target, force=force)
    with db.atomic():
        audit.log(actor, "backup", summary=f"Sao lưu máy chủ (pg_dump) ra {target}")
    close_database()
    return server_admin.dump(url, target)


def restore(url: str, source: str | Path, actor: Actor | None = None) -> None:
    """Put a pg_dump backup back (as the database's owner), then note it in the audit trail.
    ``actor``: who asked, from the open database; an administrator whose scope covers every
    record, as for a file database's restore."""
    if actor is not None and accounts.has_accounts():
        permissions.require_every_record(actor, "backup.restore", "khôi phục dữ liệu")
    close_database()
    server_admin.restore(source, url)
    prepare_database(url)
    with db.atomic():
        audit.log("system", "database_restore", summary=f"Khôi phục máy chủ từ {Path(source).name}")
