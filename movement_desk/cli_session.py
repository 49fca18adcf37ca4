"""The command line's door: open the database a command names and find out who is acting.

Once a database has accounts, every command that reads or changes data signs in: ``--user
NAME`` (or ``$MOVEMENT_DESK_USER``) and the password from ``$MOVEMENT_DESK_PASSWORD`` or a
prompt. A database with no account accepts only the creation of its first administrator
(``user add NAME --role administrator --unit CODE``) and the demo command on an empty file.
Passwords are read without echo and never printed.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from movement_desk.paths import resolve_database_path
from movement_desk.services.errors import ServiceError

USER_ENV_VAR = "MOVEMENT_DESK_USER"
PASSWORD_ENV_VAR = "MOVEMENT_DESK_PASSWORD"
NEW_PASSWORD_ENV_VAR = "MOVEMENT_DESK_NEW_PASSWORD"

NO_ACCOUNT_MESSAGE = (
    "Cơ sở dữ liệu này chưa có tài khoản nào, nên chưa cho phép lệnh này. Hãy tạo quản trị "
    "viên đầu tiên: movement-desk user add TÊN --role administrator --unit MÃ_ĐƠN_VỊ "
    "(hoặc mở chương trình để được hỏi)."
)


class CommandFailed(ServiceError):
    """A failure whose message is already written for the user."""


def add_user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="tài khoản thực hiện lệnh (mặc định: $MOVEMENT_DESK_USER); mật khẩu lấy từ "
        "$MOVEMENT_DESK_PASSWORD hoặc được hỏi",
    )


def database_path(args: argparse.Namespace) -> Path:
    return resolve_database_path(getattr(args, "db", None))


def read_secret(prompt: str) -> str:
    """A password from the terminal without echo, or one line of piped input."""
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    print(prompt, end="", file=sys.stderr, flush=True)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    print(file=sys.stderr)
    return line.rstrip("\r\n")


def read_new_password(label: str = "Mật khẩu mới") -> str:
    """A new password: ``$MOVEMENT_DESK_NEW_PASSWORD`` or typed twice."""
    given = os.environ.get(NEW_PASSWORD_ENV_VAR)
    if given:
        return given
    first = read_secret(f"{label}: ")
    if not first:
        raise CommandFailed("Chưa nhập mật khẩu mới.")
    if sys.stdin is not None and sys.stdin.isatty() and read_secret("Nhập lại: ") != first:
        raise CommandFailed("Hai lần nhập mật khẩu không giống nhau; chưa thay đổi gì.")
    return first


def sign_in(args: argparse.Namespace):
    """The actor of a database with accounts; refuses a database without any."""
    from movement_desk.services import accounts

    if not accounts.has_accounts():
        raise CommandFailed(NO_ACCOUNT_MESSAGE)
    username = getattr(args, "user", None) or os.environ.get(USER_ENV_VAR)
    if not username:
        raise CommandFailed(
            "Cơ sở dữ liệu này có tài khoản: hãy cho biết ai thực hiện lệnh bằng --user TÊN "
            f"(mật khẩu lấy từ ${PASSWORD_ENV_VAR} hoặc được hỏi)."
        )
    password = os.environ.get(PASSWORD_ENV_VAR)
    if password is None:
        password = read_secret(f"Mật khẩu của {username}: ")
    actor = accounts.authenticate(username, password)
    args._password = password  # for "user passwd" of oneself: the old password
    return actor


def open_database_for(args: argparse.Namespace, *, sign: bool = True):
    """Open the command's database and, with ``sign``, sign in.

    No backup here: the change marker is noted, and the command is backed up on close only if
    it changed the data (``cli.main``), which also serves as the day's copy."""
    from movement_desk.db import backup
    from movement_desk.services.bootstrap import prepare_database

    database = prepare_database(database_path(args))
    if not hasattr(args, "_marker_at_open"):
        args._marker_at_open = backup.current_change_marker()
    if sign and not hasattr(args, "_actor"):
        args._actor = sign_in(args)
    return database


def actor_of(args: argparse.Namespace):
    if not hasattr(args, "_actor"):
        args._actor = sign_in(args)
    return args._actor


def describe_unopenable(path: Path) -> str:
    """The offer that follows "cannot open": the newest good backup and how to restore it."""
    from movement_desk.db import backup
    from movement_desk.paths import is_server_url

    if is_server_url(path):
        return "Máy chủ cơ sở dữ liệu được sao lưu bằng pg_dump (xem docs/server.md)."
    good = backup.newest_good_backup(path)
    if good is None:
        return f"Không tìm thấy bản sao lưu tốt nào trong {backup.backup_dir(path)}."
    return (
        f"Bản sao lưu tốt gần nhất: {good.path} (lúc {good.taken_at.strftime('%d/%m/%Y %H:%M')}).\n"
        f'Để khôi phục (tệp hỏng được giữ lại bên cạnh): movement-desk restore "{good.path}" '
        f'--db "{path}"'
    )
