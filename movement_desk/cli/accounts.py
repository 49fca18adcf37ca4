"""Command-line subcommands of accounts: ``user add|list|passwd|disable|enable``.

Handlers import the accounts service inside the function: a command loads only what it uses."""

from __future__ import annotations

import argparse
import os

from movement_desk import vietnamese
from movement_desk.cli.common import (
    EXIT_OK,
    NEW_PASSWORD_ENV_VAR,
    PASSWORD_ENV_VAR,
    CommandFailed,
    actor_of,
    add_command,
    add_common_options,
    open_database_for,
    read_new_password,
    say,
)


def cmd_user_add(args: argparse.Namespace) -> int:
    from movement_desk.services.admin import accounts

    open_database_for(args, sign=False)
    if not accounts.has_accounts():
        if args.role != "administrator":
            raise CommandFailed(
                "Cơ sở dữ liệu chưa có tài khoản nào: tài khoản đầu tiên phải là quản trị viên "
                "(--role administrator)."
            )
        password = os.environ.get(NEW_PASSWORD_ENV_VAR) or os.environ.get(PASSWORD_ENV_VAR)
        password = password or read_new_password(f"Mật khẩu cho {args.name}")
        accounts.create_first_admin(args.name, password, args.unit, display_name=args.full_name)
        say(f"Đã tạo quản trị viên đầu tiên “{args.name}” (đơn vị {args.unit}).")
        return EXIT_OK
    actor = actor_of(args)
    accounts.require_may_create(args.unit, actor)
    password = read_new_password(f"Mật khẩu cho {args.name}")
    accounts.create_user(
        args.name, password, args.role, args.unit, actor, display_name=args.full_name
    )
    say(f"Đã tạo tài khoản “{args.name}” ({args.role}, đơn vị {args.unit}).")
    return EXIT_OK


def cmd_user_list(args: argparse.Namespace) -> int:
    from movement_desk.services.admin import accounts

    open_database_for(args)
    users = accounts.list_users(actor_of(args))
    for user in users:
        state = "đã vô hiệu hóa" if user.disabled else "hoạt động"
        last = user.last_login_at.strftime("%d/%m/%Y %H:%M") if user.last_login_at else "chưa"
        say(
            f"{user.username:<20} {user.role:<14} {user.unit_code:<8} {state:<15} "
            f"đăng nhập gần nhất: {last}  {user.display_name}"
        )
    say(f"{vietnamese.format_number(len(users))} tài khoản.")
    return EXIT_OK


def cmd_user_passwd(args: argparse.Namespace) -> int:
    from movement_desk.services.admin import accounts

    open_database_for(args)
    actor = actor_of(args)
    if accounts.username_key(args.name) == accounts.username_key(actor.username):
        new_password = read_new_password()
        accounts.change_own_password(actor, args._password, new_password)
        say("Đã đổi mật khẩu.")
    else:
        accounts.require_may_reset(args.name, actor)
        new_password = read_new_password(f"Mật khẩu mới cho {args.name}")
        accounts.reset_password(args.name, new_password, actor)
        say(f"Đã đặt lại mật khẩu cho “{args.name}”.")
    return EXIT_OK


def cmd_user_disable(args: argparse.Namespace) -> int:
    from movement_desk.services.admin import accounts

    open_database_for(args)
    accounts.disable_user(args.name, actor_of(args))
    say(f"Đã vô hiệu hóa tài khoản “{args.name}”.")
    return EXIT_OK


def cmd_user_enable(args: argparse.Namespace) -> int:
    from movement_desk.services.admin import accounts

    open_database_for(args)
    accounts.enable_user(args.name, actor_of(args))
    say(f"Đã kích hoạt lại tài khoản “{args.name}”.")
    return EXIT_OK


def _args_user(parser: argparse.ArgumentParser, common) -> None:
    sub = parser.add_subparsers(dest="user_command", metavar="LỆNH", required=True)
    add = sub.add_parser("add", help="tạo tài khoản (tài khoản đầu tiên: quản trị viên)")
    add.add_argument("name", help="tên đăng nhập")
    add.add_argument(
        "--role",
        required=True,
        choices=("officer", "clerk", "supervisor", "administrator"),
        help="vai trò",
    )
    add.add_argument("--unit", required=True, metavar="CODE", help="mã đơn vị của tài khoản")
    add.add_argument("--full-name", default="", help="họ tên hiển thị")
    add.set_defaults(handler=cmd_user_add)
    listing = sub.add_parser("list", help="danh sách tài khoản")
    listing.set_defaults(handler=cmd_user_list)
    passwd = sub.add_parser(
        "passwd",
        help="đổi mật khẩu của mình, hoặc (quản trị) đặt lại mật khẩu người khác; "
        "mật khẩu mới lấy từ $MOVEMENT_DESK_NEW_PASSWORD hoặc được hỏi",
    )
    passwd.add_argument("name")
    passwd.set_defaults(handler=cmd_user_passwd)
    disable = sub.add_parser("disable", help="vô hiệu hóa tài khoản")
    disable.add_argument("name")
    disable.set_defaults(handler=cmd_user_disable)
    enable = sub.add_parser("enable", help="kích hoạt lại tài khoản")
    enable.add_argument("name")
    enable.set_defaults(handler=cmd_user_enable)
    for child in (add, listing, passwd, disable, enable):
        common(child)


def register(subparsers) -> None:
    add_command(
        subparsers,
        "user",
        "tài khoản: add, list, passwd, disable, enable",
        lambda p: _args_user(p, add_common_options),
    )
