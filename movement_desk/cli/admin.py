"""Command-line subcommands of administration: ``demo``, ``audit``, ``period lock|unlock|list``,
``backup [--to FILE]``, ``restore FILE``, ``check``.

Handlers import the services they run inside the function: a command loads only what it uses."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from movement_desk import vietnamese
from movement_desk.cli import common as cli_session
from movement_desk.cli import server as cli_server
from movement_desk.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    CommandFailed,
    actor_of,
    add_command,
    add_common_options,
    current_actor,
    database_path,
    describe_unopenable,
    open_database_for,
    say,
)
from movement_desk.paths import is_server_url
from movement_desk.services.core.actor import LOCAL_ACTOR


def _demo_progress():
    """Print how far the demo data has come (on stderr, at most once a second)."""
    import time

    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] < 1.0 and done < total:
            return
        last[0] = now
        percent = 100 * done // max(total, 1)
        print(
            f"Đang tạo dữ liệu mẫu: {percent}% ({vietnamese.format_number(done)}/"
            f"{vietnamese.format_number(total)} bản ghi)",
            file=sys.stderr,
            flush=True,
        )

    return progress


def cmd_demo(args: argparse.Namespace) -> int:
    from movement_desk.services.admin import accounts, demo

    # An empty database with no account may be filled with demo data and its demo accounts.
    cli_session.open_database_for(args, sign=False)
    if accounts.has_accounts():
        from movement_desk.services.core import permissions

        permissions.require(current_actor(args), "settings.write")
    counts = demo.build_demo(args.scale, seed=args.seed, progress=_demo_progress())
    created = accounts.create_demo_accounts()
    say(
        f"Đã tạo dữ liệu mẫu ({args.scale}): {vietnamese.format_number(counts['sessions'])} buổi, "
        f"{vietnamese.format_number(counts['models'])} mô hình, "
        f"{vietnamese.format_number(counts['decisions'])} quyết định với "
        f"{vietnamese.format_number(counts['commendations'])} lượt khen thưởng."
    )
    say(
        f"Xây dựng tiêu chuẩn “An toàn về ANTT”: "
        f"{vietnamese.format_number(counts.get('residential_areas', 0))} khu dân cư, "
        f"{vietnamese.format_number(counts.get('organisations', 0))} cơ quan, doanh nghiệp, "
        f"cơ sở giáo dục, {vietnamese.format_number(counts.get('ratings', 0))} kết quả, "
        f"{vietnamese.format_number(counts.get('pledges', 0))} giao ước thi đua."
    )
    if created:
        say(
            f"Tài khoản mẫu (mật khẩu {accounts.DEMO_PASSWORD}, xem docs/roles.md): "
            + ", ".join(created)
            + "."
        )
    return EXIT_OK


def _args_demo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", choices=("small", "province", "stress"), default="province")
    parser.add_argument("--seed", type=int, default=2024, help="cùng seed cho cùng dữ liệu")


def cmd_audit(args: argparse.Namespace) -> int:
    from movement_desk.services.core import audit

    open_database_for(args)
    actor = actor_of(args)
    audit_filter = audit.AuditFilter(
        username=args.by or "",
        record=args.record or "",
        start=vietnamese.parse_date(args.start) if args.start else None,
        end=vietnamese.parse_date(args.end) if args.end else None,
        actions=[args.action] if args.action else [],
    )
    if args.export:
        from movement_desk.services.core import output_files

        output_files.check_target(args.export, force=args.force)
        count = audit.export_audit(args.export, actor, audit_filter)
        say(f"Đã xuất {vietnamese.format_number(count)} dòng nhật ký ra {args.export}.")
        return EXIT_OK
    query = audit.entries_for(actor, audit_filter).limit(args.limit)
    for entry in query:
        row = audit.entry_row(entry)
        text = " | ".join(str(part) for part in row if part not in ("", None))
        say(text)
    return EXIT_OK


def _args_audit(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", metavar="NAME", help="chỉ thao tác của tài khoản này")
    parser.add_argument("--record", metavar="UUID|TEXT", help="mã hoặc tên bản ghi")
    parser.add_argument("--from", dest="start", metavar="DD/MM/YYYY", help="từ ngày")
    parser.add_argument("--to", dest="end", metavar="DD/MM/YYYY", help="đến ngày")
    parser.add_argument("--action", help="loại thao tác: create, update, delete, login …")
    parser.add_argument("--export", metavar="FILE", help="xuất ra tệp .csv hoặc .xlsx")
    parser.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    parser.add_argument("--limit", type=int, default=200, help="số dòng hiển thị (mặc định 200)")


def cmd_period_lock(args: argparse.Namespace) -> int:
    from movement_desk.services.core import period_locks

    open_database_for(args)
    lock = period_locks.lock_period(
        args.unit, args.period, actor_of(args), note=args.note or "", rule=args.rule
    )
    say(
        f"Đã khóa kỳ {vietnamese.format_date(lock.starts_on)}–{vietnamese.format_date(lock.ends_on)} "
        f"của đơn vị {args.unit}."
    )
    return EXIT_OK


def cmd_period_unlock(args: argparse.Namespace) -> int:
    from movement_desk.services.core import period_locks

    open_database_for(args)
    lock = period_locks.unlock_period(
        args.unit, args.period, actor_of(args), reason=args.reason, rule=args.rule
    )
    say(
        f"Đã mở khóa kỳ {vietnamese.format_date(lock.starts_on)}–"
        f"{vietnamese.format_date(lock.ends_on)} của đơn vị {args.unit}."
    )
    return EXIT_OK


def cmd_period_list(args: argparse.Namespace) -> int:
    from movement_desk.services.core import period_locks

    open_database_for(args)
    locks = period_locks.active_locks(actor_of(args))
    for lock in locks:
        say(
            f"{lock.unit.code:<8} {vietnamese.format_date(lock.starts_on)}–"
            f"{vietnamese.format_date(lock.ends_on)}  khóa bởi {lock.locked_by} "
            f"lúc {lock.locked_at.strftime('%d/%m/%Y %H:%M')}  {lock.note}"
        )
    say(f"{vietnamese.format_number(len(locks))} kỳ đang khóa.")
    return EXIT_OK


def _args_period(parser: argparse.ArgumentParser, common) -> None:
    sub = parser.add_subparsers(dest="period_command", metavar="LỆNH", required=True)
    lock = sub.add_parser("lock", help="khóa kỳ báo cáo của một đơn vị (lãnh đạo)")
    unlock = sub.add_parser("unlock", help="mở khóa kỳ báo cáo (phải ghi lý do)")
    for child in (lock, unlock):
        child.add_argument("--unit", required=True, metavar="CODE")
        child.add_argument("--period", required=True, metavar="P", help="2024-01, 2024-Q1 …")
        child.add_argument("--rule", choices=("decree", "calendar"))
    lock.add_argument("--note", help="ghi chú")
    unlock.add_argument("--reason", required=True, help="lý do mở khóa")
    lock.set_defaults(handler=cmd_period_lock)
    unlock.set_defaults(handler=cmd_period_unlock)
    listing = sub.add_parser("list", help="các kỳ đang khóa")
    listing.set_defaults(handler=cmd_period_list)
    for child in (lock, unlock, listing):
        common(child)


def _maintenance_actor(args: argparse.Namespace):
    from movement_desk.services.admin import accounts

    return actor_of(args) if accounts.has_accounts() else LOCAL_ACTOR


def _open_unless_damaged(args: argparse.Namespace) -> bool:
    """Open the database for a maintenance command; False (and the database closed) when the
    file is damaged, so ``check``, ``backup --list`` and ``restore`` still work on it."""
    import sqlite3

    import peewee

    from movement_desk.db import backup
    from movement_desk.db.connection import close_database
    from movement_desk.db.errors import DatabaseOpenError

    try:
        open_database_for(args, sign=False)
        return True
    except (peewee.DatabaseError, sqlite3.DatabaseError, DatabaseOpenError) as exc:
        from movement_desk.db.errors import DatabaseLockedError, SchemaTooNewError

        if isinstance(exc, (DatabaseLockedError, SchemaTooNewError)):
            raise
        if not isinstance(exc, DatabaseOpenError) and not backup.is_damage(exc):
            raise
        close_database()
        return False


def cmd_backup(args: argparse.Namespace) -> int:
    from movement_desk.db import backup
    from movement_desk.services.admin import maintenance

    if is_server_url(database_path(args)):  # the server mode: pg_dump (issue 17)
        return cli_server.cmd_server_backup(args)
    readable = _open_unless_damaged(args)
    # A readable database signs its user in; an unreadable one cannot, and its backups are
    # what the user needs to see.
    actor = _maintenance_actor(args) if readable else None
    if args.list:
        items = backup.list_backups(database_path(args))
        for item in items:
            state = "" if readable or backup.file_problem(item.path) is None else "  (hỏng)"
            say(
                f"{item.taken_at.strftime('%d/%m/%Y %H:%M:%S')}  {item.reason:<18} {item.path}{state}"
            )
        say(
            f"{vietnamese.format_number(len(items))} bản sao lưu trong "
            f"{backup.backup_dir(database_path(args))}."
        )
        return EXIT_OK
    if not readable:
        raise CommandFailed(
            "Cơ sở dữ liệu bị hỏng nên không sao lưu được (một bản sao lưu hỏng sẽ đẩy bản tốt "
            "ra khỏi vòng lưu giữ). " + describe_unopenable(database_path(args))
        )
    if args.to:
        from movement_desk.services.core import output_files

        output_files.check_target(args.to, force=args.force)
    path = maintenance.backup_now(actor, args.to)
    say(f"Đã sao lưu vào {path}.")
    return EXIT_OK


def _args_backup(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", metavar="FILE", help="tệp sao lưu (mặc định: thư mục sao lưu)")
    parser.add_argument("--list", action="store_true", help="liệt kê các bản sao lưu tự động")
    parser.add_argument("--force", action="store_true", help="ghi đè tệp đã có")


def cmd_restore(args: argparse.Namespace) -> int:
    from movement_desk.db import backup
    from movement_desk.services.admin import maintenance

    source = Path(args.file)
    path = database_path(args)
    if is_server_url(path):  # the server mode: pg_restore (issue 17)
        return cli_server.cmd_server_restore(args)
    readable = _open_unless_damaged(args)
    if readable and backup.file_problem(path) is not None:
        # Opens, but some pages are damaged: nobody can trust a sign-in or a backup of it.
        from movement_desk.db.connection import close_database

        close_database()
        readable = False
    if not readable:
        # The file cannot be read, so nobody can sign in to it: put the backup in its place,
        # keeping the damaged file beside it (the same service as the window's on start).
        restored = maintenance.restore_unopenable(path, source)
        if restored.kept:
            say(f"Tệp cũ không mở được nên đã được giữ lại tại {restored.kept}.")
        say(f"Đã khôi phục {path} từ {source}.")
        return EXIT_OK
    actor = _maintenance_actor(args)
    before = maintenance.restore(source, actor)
    say(f"Đã khôi phục {path} từ {source}.")
    if before:
        say(f"Dữ liệu trước khi khôi phục đã được sao lưu tại {before}.")
    return EXIT_OK


def _args_restore(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="bản sao lưu cần khôi phục")


def cmd_check(args: argparse.Namespace) -> int:
    from movement_desk.db import backup
    from movement_desk.services.admin import maintenance

    if is_server_url(database_path(args)):  # the server mode (issue 17)
        return cli_server.cmd_server_check_open(args)
    if not _open_unless_damaged(args):
        # A file that cannot be read: report its damaged pages and the newest good backup.
        report = backup.check_file(database_path(args))
        say(report.summary())
        say(describe_unopenable(database_path(args)))
        return EXIT_FAILED
    report = maintenance.check(_maintenance_actor(args), repair=not args.no_repair)
    say(report.summary())
    if report.damaged:
        say(describe_unopenable(database_path(args)))
    return EXIT_OK if report.ok or len(report.repaired) == len(report.found) else EXIT_FAILED


def _args_check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-repair", action="store_true", help="chỉ báo, không sửa")


def register(subparsers) -> None:
    add_command(subparsers, "demo", "tạo cơ sở dữ liệu mẫu của tỉnh Bắc Kạn", _args_demo, cmd_demo)
    add_command(subparsers, "audit", "xem hoặc xuất nhật ký thao tác", _args_audit, cmd_audit)
    add_command(
        subparsers,
        "period",
        "khóa, mở khóa kỳ báo cáo",
        lambda p: _args_period(p, add_common_options),
    )
    add_command(subparsers, "backup", "sao lưu cơ sở dữ liệu", _args_backup, cmd_backup)
    add_command(
        subparsers,
        "restore",
        "khôi phục từ bản sao lưu (dữ liệu hiện tại được sao lưu trước)",
        _args_restore,
        cmd_restore,
    )
    add_command(
        subparsers,
        "check",
        "kiểm tra toàn vẹn, khóa ngoại, bản ghi mồ côi và sửa nếu được",
        _args_check,
        cmd_check,
    )
