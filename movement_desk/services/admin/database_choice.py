"""Choosing another database from the window (issue 17): a file on this computer or a server.

What the window's "Open database" dialog needs below Qt: the server's URL from its fields, a
test of the connection that says what is wrong in words, the checks of a chosen file (the
network-folder refusal of ``db.network`` included), and the switch itself: the database left
behind gets the backup the program makes when it closes a file, and is closed only once the
new one is open and someone has signed in to it (until then the window can go back to it).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import peewee

from movement_desk.db import backup, network, server_probe
from movement_desk.db.connection import db
from movement_desk.db.errors import DatabaseOpenError
from movement_desk.db.server_probe import (  # noqa: F401 - the dialog's names, from one place
    DEFAULT_PORT,
    DEFAULT_SSL_MODE,
    SSL_MODES,
    ServerParts,
    ServerStatus,
    build_url,
    driver_installed,
    parse_url,
)
from movement_desk.paths import data_dir, is_server_url

INSTALL_DRIVER = "pip install movement-desk[server]"
# Where the unsaved forms of server databases go instead of the user's data folder (tests).
SERVER_DRAFTS_ENV_VAR = "MOVEMENT_DESK_SERVER_DRAFTS_DIR"


def test_server(url: str) -> ServerStatus:
    """Connect to the server database ``url`` and look, writing nothing (``server_probe.probe``):
    raises DatabaseOpenError with the reason in Vietnamese."""
    return server_probe.probe(url)


def open_error_text(exc: DatabaseOpenError, target: str | Path) -> str:
    """Why ``target`` could not be opened: for a server that refused the connection, the same
    words as the dialog's test (unreachable, wrong password, no such database…)."""
    cause = exc.__cause__
    if is_server_url(target) and isinstance(cause, peewee.DatabaseError):
        return str(server_probe.connection_error(cause, parse_url(str(target))))
    return str(exc)


def drafts_root(target: str | Path) -> Path:
    """Where the window keeps the unsaved forms of ``target``: beside a database file; for a
    server, in this user's data folder under the server's address and database (never the
    user name or password of the URL)."""
    if is_server_url(target):
        parts = parse_url(str(target))
        name = re.sub(r"[^0-9A-Za-z._-]+", "_", f"{parts.host}_{parts.port}_{parts.dbname}")
        folder = os.environ.get(SERVER_DRAFTS_ENV_VAR) or data_dir() / "server-drafts"
        return Path(folder) / f"{name}.drafts"
    path = Path(target)
    return path.with_name(path.name + ".drafts")


def label(target: str | Path) -> str:
    """A database as the window names it: a file's path, a server's URL without its password."""
    if is_server_url(target):
        return build_url(parse_url(str(target)), with_password=False)
    return str(target)


def check_file(path: str | Path) -> Path:
    """The database file ``path`` as the dialog may open it; DatabaseOpenError saying why not
    (no such file, a folder, a file on a network folder: the existing refusal)."""
    text = str(path).strip()
    if not text:
        raise DatabaseOpenError("Hãy chọn một tệp cơ sở dữ liệu.")
    chosen = Path(text).expanduser()
    if chosen.is_dir():
        raise DatabaseOpenError(f"{chosen} là một thư mục, không phải tệp cơ sở dữ liệu.")
    if not chosen.exists():
        raise DatabaseOpenError(f"Không có tệp {chosen}.")
    network.check_local(chosen)  # NetworkFileError: SQLite on a network share corrupts data
    return chosen.resolve()


def same_database(one: str | Path, other: str | Path) -> bool:
    """Whether two targets name the same database (the one already open, say)."""
    if is_server_url(one) or is_server_url(other):
        if not (is_server_url(one) and is_server_url(other)):
            return False
        first, second = parse_url(str(one)), parse_url(str(other))
        return (first.host, first.port, first.dbname, first.user) == (
            second.host,
            second.port,
            second.dbname,
            second.user,
        )
    try:
        return Path(one).resolve() == Path(other).resolve()
    except OSError:
        return False


def current_handle():
    """The open database (kept while another is tried, to go back to it)."""
    return db.obj


def back_up_on_leaving() -> None:
    """The backup the program makes when it closes a file whose data changed (none on a
    server); raises BackupError when it could not be made."""
    backup.backup_on_close()


def go_back(previous) -> None:
    """The database tried is left (its connection closed), ``previous`` is open again."""
    if db.obj is not None and db.obj is not previous and not db.obj.is_closed():
        db.obj.close()
    if previous is not None:
        db.initialize(previous)


def close_left(previous) -> None:
    """Close the database the window has left (this thread's connection; the worker threads
    close theirs as they end)."""
    if previous is not None and previous is not db.obj and not previous.is_closed():
        previous.close()
