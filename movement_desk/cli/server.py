"""The server mode's commands (issue 17): ``server init``, ``server check`` and ``copy``; the
server side of ``backup``, ``restore`` and ``check`` (``cli.admin`` hands a server URL here).

``movement-desk server init postgresql://owner@host/dbname --admin NAME --unit CODE`` creates
the schema, the unit lists and the first administrator on an empty database, and (with
``--app-role``) the application's role that may insert audit entries but never change them.
``movement-desk copy --from FILE.sqlite3 --to URL`` moves an office's whole file to the server.
"""

from __future__ import annotations

import argparse
import os
from datetime import datetime

from movement_desk import vietnamese
from movement_desk.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    CommandFailed,
    actor_of,
    add_command,
    add_common_options,
    open_database_for,
    read_new_password,
    say,
)
from movement_desk.paths import is_server_url
from movement_desk.services.admin import accounts
from movement_desk.services.core import permissions
from movement_desk.services.core.actor import LOCAL_ACTOR

APP_PASSWORD_ENV_VAR = "MOVEMENT_DESK_APP_PASSWORD"
CHECK_OK = "Máy chủ ổn: lược đồ mới nhất, nhật ký không sửa, không xóa được bởi vai trò ứng dụng."


def _require_url(url: str | None, option: str) -> str:
    if not is_server_url(url):
        raise CommandFailed(
            f"{option}: cần địa chỉ máy chủ dạng postgresql://người_dùng@máy_chủ:cổng/tên_csdl "
            f"(nhận được “{url or ''}”)."
        )
    return url.strip()


def cmd_server_init(args: argparse.Namespace) -> int:
    from movement_desk.services.admin import server  # the server's tools, when used

    url = _require_url(args.url, "server init")
    if args.app_role:
        server.check_role_name(args.app_role)  # refused before the database is set up
    server.require_empty(url)  # before a password is asked
    password = os.environ.get("MOVEMENT_DESK_NEW_PASSWORD") or read_new_password(
        f"Mật khẩu cho {args.admin}"
    )
    server.init_server(url, args.admin, args.unit, password, full_name=args.full_name)
    say(f"Đã tạo lược đồ, danh mục đơn vị và quản trị viên đầu tiên “{args.admin}” trên máy chủ.")
    if args.app_role:
        app_password = os.environ.get(APP_PASSWORD_ENV_VAR)
        created = server.grant_app_role(args.app_role, app_password)
        verb = "Đã tạo" if created else "Đã cấp quyền cho"
        say(
            f"{verb} vai trò ứng dụng “{args.app_role}”: đọc, ghi dữ liệu; nhật ký chỉ được "
            "thêm, không sửa, không xóa."
            + ("" if app_password else f" (chưa đặt mật khẩu: dùng ${APP_PASSWORD_ENV_VAR})")
        )
    return EXIT_OK


def _report(problems: list[str], where: str) -> int:
    for line in problems:
        say(f"  - {line}")
    if problems:
        say(f"Có {vietnamese.format_number(len(problems))} vấn đề trên máy chủ {where}.")
        return EXIT_FAILED
    say(CHECK_OK)
    return EXIT_OK


def cmd_server_check(args: argparse.Namespace) -> int:
    from movement_desk.services.admin import server  # the server's tools, when used

    url = _require_url(args.url, "server check")
    return _report(server.check(url), url)


def cmd_copy(args: argparse.Namespace) -> int:
    from movement_desk.services.admin import server  # the server's tools, when used

    url = _require_url(args.to, "--to")
    counts = server.copy_file(args.source, url)
    width = max(len(name) for name in counts)
    total = 0
    for table, (source, target) in counts.items():
        total += target
        say(
            f"  {table:<{width}}  {vietnamese.format_number(source):>9} → "
            f"{vietnamese.format_number(target)}"
        )
    say(
        f"Đã chép {vietnamese.format_number(total)} dòng của {vietnamese.format_number(len(counts))}"
        " bảng lên máy chủ; số dòng mỗi bảng khớp với tệp nguồn."
    )
    return EXIT_OK


def _signed_in(args: argparse.Namespace, action: str):
    open_database_for(args, sign=False)
    if not accounts.has_accounts():
        return LOCAL_ACTOR
    actor = actor_of(args)
    permissions.require(actor, action)
    return actor


def cmd_server_backup(args: argparse.Namespace) -> int:
    """``backup --db postgresql://… --to FILE``: pg_dump's custom format."""
    from movement_desk.services.admin import server  # the server's tools, when used

    url = _require_url(getattr(args, "db", None), "--db")
    if getattr(args, "list", False):
        raise CommandFailed(
            "Máy chủ không có bản sao lưu tự động (chỉ chế độ tệp có): hãy sao lưu định kỳ "
            "bằng backup --to TỆP hoặc pg_dump (xem docs/server.md)."
        )
    actor = _signed_in(args, "backup.create")
    target = args.to or f"movement_desk-{datetime.now():%Y%m%d-%H%M%S}.pgdump"
    path = server.backup(actor, url, target, force=getattr(args, "force", False))
    say(f"Đã sao lưu máy chủ vào {path} (định dạng pg_dump -Fc; khôi phục: restore {path}).")
    return EXIT_OK


def cmd_server_restore(args: argparse.Namespace) -> int:
    """``restore FILE --db postgresql://…``: pg_restore into the database (its owner)."""
    from movement_desk.services.admin import server  # the server's tools, when used

    url = _require_url(getattr(args, "db", None), "--db")
    actor = _signed_in(args, "backup.restore")
    server.restore(url, args.file, actor)
    say(f"Đã khôi phục cơ sở dữ liệu máy chủ từ {args.file}.")
    return EXIT_OK


def cmd_server_check_open(args: argparse.Namespace) -> int:
    """``check --db postgresql://…``: the server's equivalents of the file checks, with the
    same repairs (``--no-repair``: only say) and the same entry in the audit trail."""
    from movement_desk.services.admin import maintenance

    url = _require_url(getattr(args, "db", None), "--db")
    actor = _signed_in(args, "database.check")
    report = maintenance.check(actor, repair=not getattr(args, "no_repair", False))
    for line in report.found:
        say(f"  - {line}")
    for line in report.repaired:
        say(f"  Đã sửa: {line}")
    if report.ok:
        say(CHECK_OK)
        return EXIT_OK
    left = len(report.found) - len(report.repaired)
    say(
        f"Có {vietnamese.format_number(len(report.found))} vấn đề trên máy chủ "
        f"{url}"
        + (f", đã sửa {vietnamese.format_number(len(report.repaired))}" if report.repaired else "")
        + "."
    )
    return EXIT_OK if left == 0 else EXIT_FAILED


def _args_server(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="server_command", metavar="LỆNH", required=True)
    init = sub.add_parser(
        "init",
        help="tạo lược đồ, danh mục đơn vị và quản trị viên đầu tiên trên một CSDL trống",
    )
    init.add_argument("url", help="postgresql://chủ_sở_hữu@máy_chủ:cổng/tên_csdl")
    init.add_argument("--admin", metavar="NAME", required=True, help="tên quản trị viên đầu tiên")
    init.add_argument("--unit", metavar="CODE", required=True, help="mã đơn vị của quản trị viên")
    init.add_argument("--full-name", default="", help="họ tên quản trị viên")
    init.add_argument(
        "--app-role",
        metavar="ROLE",
        help="vai trò PostgreSQL mà chương trình dùng hằng ngày (được tạo nếu chưa có): "
        "không sửa, không xóa được nhật ký",
    )
    add_common_options(init)
    init.set_defaults(handler=cmd_server_init)
    check = sub.add_parser("check", help="kiểm tra lược đồ và quyền trên máy chủ")
    check.add_argument("url", help="postgresql://người_dùng@máy_chủ:cổng/tên_csdl")
    add_common_options(check)
    check.set_defaults(handler=cmd_server_check)


def _args_copy(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="source", metavar="FILE.sqlite3", required=True, help="tệp nguồn"
    )
    parser.add_argument(
        "--to", metavar="URL", required=True, help="postgresql://…: cơ sở dữ liệu trống"
    )


def register(subparsers) -> None:
    add_command(subparsers, "server", "chế độ máy chủ PostgreSQL: khởi tạo, kiểm tra", _args_server)
    add_command(
        subparsers,
        "copy",
        "chép toàn bộ một tệp cơ sở dữ liệu lên máy chủ (CSDL đích phải trống)",
        _args_copy,
        cmd_copy,
    )
