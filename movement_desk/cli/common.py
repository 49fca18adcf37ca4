"""What every command shares: exit codes, output, its options, opening the database a command
names and finding out who is acting.

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
from collections.abc import Callable
from pathlib import Path

from movement_desk.paths import resolve_database_path
from movement_desk.services.core.errors import ServiceError

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
    from movement_desk.services.admin import accounts

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


def open_database_for(args: argparse.Namespace, *, sign: bool = True, own_key: bool = True):
    """Open the command's database and, with ``sign``, sign in.

    ``own_key=False`` for a command that signs nothing (a report): the installation's key pair
    is not looked at (nor the cryptography library loaded); signing makes it when first needed.

    No backup here: the change marker is noted, and the command is backed up on close only if
    it changed the data (``cli.main``), which also serves as the day's copy."""
    from movement_desk.db import backup
    from movement_desk.services.admin.bootstrap import prepare_database

    database = prepare_database(database_path(args), own_key=own_key)
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


EXIT_OK = 0
EXIT_FAILED = 1
MAX_ERRORS_PRINTED = 200


def say(text: str) -> None:
    print(text, flush=True)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="tệp cơ sở dữ liệu (mặc định: $MOVEMENT_DESK_DB hoặc tệp trong thư mục dữ liệu người dùng)",
    )
    parser.add_argument(
        "--allow-network-file",
        action="store_true",
        default=argparse.SUPPRESS,
        help="vẫn mở tệp cơ sở dữ liệu nằm trên thư mục mạng (có thể hỏng dữ liệu khi nhiều máy "
        "cùng ghi; nên dùng chế độ máy chủ)",
    )


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """--db and --user, on every command and subcommand."""
    add_db_option(parser)
    add_user_option(parser)


def add_command(
    subparsers,
    name: str,
    help_text: str,
    add_arguments: Callable[[argparse.ArgumentParser], None],
    handler: Callable[[argparse.Namespace], int] | None = None,
) -> argparse.ArgumentParser:
    """One subcommand: its own arguments, then --db and --user; ``handler`` runs it (a command
    with subcommands sets theirs)."""
    command_parser = subparsers.add_parser(name, help=help_text, description=help_text)
    add_arguments(command_parser)
    add_common_options(command_parser)
    if handler is not None:
        command_parser.set_defaults(handler=handler)
    return command_parser


def open_for_command(args: argparse.Namespace, *, own_key: bool = True):
    """Open the database the command names, make it ready and sign the user in (see
    ``open_database_for``: a database with accounts needs --user; one without refuses)."""
    return open_database_for(args, own_key=own_key)


def current_actor(args: argparse.Namespace):
    """The signed-in actor of this command."""
    return actor_of(args)


def add_force_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force", action="store_true", help="ghi đè tệp đã có (mặc định: không ghi đè)"
    )


def check_outputs(args: argparse.Namespace, *paths: str | None) -> None:
    """Refuse, before any work, an output that is the database, a backup or an existing file
    without --force (see ``services.core.output_files``)."""
    from movement_desk.services.core import output_files

    for path in paths:
        if path:
            output_files.check_target(path, force=getattr(args, "force", False))


def write_file(path: str, payload: bytes) -> None:
    from movement_desk.services.core import output_files

    output_files.write_bytes(path, payload)
