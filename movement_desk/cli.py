"""The front door: ``movement-desk`` (or ``python main.py``) with no subcommand opens the window.

Each subcommand takes ``--db PATH`` (else ``$MOVEMENT_DESK_DB``, else the default database),
prints what it did in Vietnamese, exits 0 on success and 1 with a plain message on failure.
Later features add their subcommands through ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import peewee

from movement_desk import cli_accounts, cli_ratings, cli_server, cli_session, vietnamese
from movement_desk.cli_session import CommandFailed
from movement_desk.db.backup import BackupError
from movement_desk.db.connection import (
    DatabaseLockedError,
    DatabaseOpenError,
    SchemaTooNewError,
    close_database,
)
from movement_desk.db.network import NetworkFileError
from movement_desk.db.server_admin import ServerSetupError
from movement_desk.error_log import log_exception
from movement_desk.paths import resolve_database_path
from movement_desk.services import about
from movement_desk.services.errors import ServiceError, ValidationError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
MAX_ERRORS_PRINTED = 200


def _add_db_option(parser: argparse.ArgumentParser) -> None:
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


def _add_common_options(parser: argparse.ArgumentParser) -> None:
    _add_db_option(parser)
    cli_session.add_user_option(parser)


def open_for_command(args: argparse.Namespace):
    """Open the database the command names, make it ready and sign the user in (see
    ``cli_session``: a database with accounts needs --user; one without refuses)."""
    return cli_session.open_database_for(args)


def current_actor(args: argparse.Namespace):
    """The signed-in actor of this command."""
    return cli_session.actor_of(args)


def say(text: str) -> None:
    print(text, flush=True)


# ---------------------------------------------------------------------------------------------
# Commands


def cmd_units_import(args: argparse.Namespace) -> int:
    from movement_desk.services import units

    open_for_command(args)
    result = units.import_units_csv(args.file, current_actor(args), dry_run=args.dry_run)
    verb = "Sẽ nhập" if args.dry_run else "Đã nhập"
    say(
        f"{verb} {vietnamese.format_number(result.created + result.updated + result.unchanged)} đơn vị: "
        f"{vietnamese.format_number(result.created)} mới, {vietnamese.format_number(result.updated)} cập nhật, "
        f"{vietnamese.format_number(result.unchanged)} không đổi."
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from movement_desk.services import transfer

    open_for_command(args)
    if args.kind in cli_ratings.EXTRA_KINDS:
        say(cli_ratings.run_import(args, current_actor(args)))
        return EXIT_OK

    def progress(done: int, total: int) -> None:
        if done == transfer.WAITING_FOR_WRITER:
            print("Đang chờ người dùng khác ghi xong…", file=sys.stderr, flush=True)

    report = transfer.import_file(
        args.kind, args.file, current_actor(args), dry_run=args.dry_run, progress=progress
    )
    say(report.summary())
    for notice in report.notices[:MAX_ERRORS_PRINTED]:
        say(f"  - {notice}")
    if len(report.notices) > MAX_ERRORS_PRINTED:
        say(
            f"  … và {vietnamese.format_number(len(report.notices) - MAX_ERRORS_PRINTED)} lưu ý nữa."
        )
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from movement_desk.services import transfer

    open_for_command(args)
    check_outputs(args, args.file)
    if args.kind in cli_ratings.EXTRA_KINDS:
        say(cli_ratings.run_export(args, current_actor(args)))
        return EXIT_OK
    count = transfer.export_file(
        args.kind,
        args.file,
        unit_code=args.unit,
        period=args.period,
        rule=args.rule,
        search=args.search,
        follow_successors=args.successors,
        actor=current_actor(args),
    )
    say(
        f"Đã xuất {vietnamese.format_number(count)} {transfer.KIND_LABELS[args.kind]} ra {args.file}."
    )
    return EXIT_OK


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
    from movement_desk.services import accounts, demo

    # An empty database with no account may be filled with demo data and its demo accounts.
    cli_session.open_database_for(args, sign=False)
    if accounts.has_accounts():
        from movement_desk.services import permissions

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


def add_force_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force", action="store_true", help="ghi đè tệp đã có (mặc định: không ghi đè)"
    )


def check_outputs(args: argparse.Namespace, *paths: str | None) -> None:
    """Refuse, before any work, an output that is the database, a backup or an existing file
    without --force (see ``services.output_files``)."""
    from movement_desk.services import output_files

    for path in paths:
        if path:
            output_files.check_target(path, force=getattr(args, "force", False))


def _write_file(path: str, payload: bytes) -> None:
    from movement_desk.services import output_files

    output_files.write_bytes(path, payload)


def cmd_certificates(args: argparse.Namespace) -> int:
    from movement_desk.services import certificate_files, certificates

    open_for_command(args)
    check_outputs(args, args.out)
    actor = current_actor(args)
    if args.recognition:
        say(cli_ratings.run_recognition_certificates(args, actor))
        return EXIT_OK
    if not args.decision:
        raise CommandFailed("hãy ghi --decision SỐ (hoặc --recognition SỐ cho giấy công nhận).")
    decision = certificates.find_decision(args.decision, args.authority)
    options = certificates.print_options(args.paper, True if args.preprinted else None)
    chosen, revoked = certificates.select_recipients(decision, args.recipient or None)
    # Serials and register lines are committed together with a completely written PDF: a
    # failure anywhere (full disk, a refused target) rolls both back.
    summary = certificate_files.save(decision, chosen, actor, options, args.out)
    say(
        f"Đã ghi {vietnamese.format_number(summary.printed)} {certificates.form_name(decision).lower()} "
        f"của quyết định số {decision.number} vào {args.out}"
        + (
            f" ({vietnamese.format_number(summary.reprints)} lần in lại)."
            if summary.reprints
            else "."
        )
    )
    if revoked:
        say(
            f"Không in {vietnamese.format_number(len(revoked))} khen thưởng đã bị thu hồi: "
            + "; ".join(c.recipient_name for c in revoked)
        )
    return EXIT_OK


def cmd_decision_list(args: argparse.Namespace) -> int:
    from movement_desk.services import certificates

    open_for_command(args)
    check_outputs(args, args.out)
    if args.recognition:
        say(cli_ratings.run_recognition_annex(args, current_actor(args)))
        return EXIT_OK
    if not args.decision:
        raise CommandFailed("hãy ghi --decision SỐ (hoặc --recognition SỐ).")
    decision = certificates.find_decision(args.decision, args.authority)
    data = certificates.decision_list_data(decision)
    _write_file(args.out, certificates.decision_list_pdf(decision, actor=current_actor(args)))
    say(
        f"Đã ghi danh sách {vietnamese.format_number(data.row_count)} tập thể, cá nhân "
        f"kèm theo quyết định số {decision.number} vào {args.out}."
    )
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from movement_desk.services import certificates, signing

    open_for_command(args)
    key = signing.read_public_key_file(args.key) if args.key else None
    # A recognition certificate ("Giấy công nhận") of this database's register, else any code.
    result = cli_ratings.verify_recognition(args.code, name=args.name, public_key=key)
    if result is None:
        result = certificates.verify(args.code, name=args.name, public_key=key)
    say(result.message())
    return EXIT_OK if result.ok else EXIT_FAILED


def cmd_revoke(args: argparse.Namespace) -> int:
    from movement_desk.services import certificates

    open_for_command(args)
    commendation = certificates.revoke(args.commendation, args.reason, current_actor(args))
    say(f"Đã thu hồi khen thưởng của {commendation.recipient_name}: {commendation.revoked_reason}")
    return EXIT_OK


def cmd_reinstate(args: argparse.Namespace) -> int:
    from movement_desk.services import certificates

    open_for_command(args)
    commendation = certificates.reinstate(args.commendation, current_actor(args))
    say(f"Đã bỏ thu hồi khen thưởng của {commendation.recipient_name}; giấy khen lại có hiệu lực.")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from movement_desk.services import reports, settings

    open_for_command(args)
    actor = current_actor(args)
    report_date = None
    if args.date:
        try:
            report_date = vietnamese.parse_date(args.date)
        except vietnamese.DateFormatError as exc:
            raise CommandFailed(f"--date: {exc}.") from exc
    unit_code = args.unit or settings.get("home_unit_code")
    data = reports.build_report(
        unit_code,
        args.period,
        args.rule,
        rollup=args.rollup,
        report_date=report_date,
        number=args.number or "",
        actor=actor,
    )
    check_outputs(args, args.out, args.xlsx)
    reports.save_pdf(data, args.out, actor)
    say(
        f"Đã ghi báo cáo {data.title_line} của {data.unit_title} "
        f"({vietnamese.format_date(data.period.start)} - {vietnamese.format_date(data.period.end)}) "
        f"ra {args.out}: {vietnamese.format_number(data.total.sessions)} buổi, "
        f"{vietnamese.format_number(data.total.participants)} lượt người tham gia, "
        f"{vietnamese.format_number(data.total.tips)} tin có giá trị."
    )
    if args.xlsx:
        reports.write_workbook(data, args.xlsx, actor=actor)
        say(f"Đã ghi các bảng ra {args.xlsx}.")
    if data.missing:
        silent = data.communes_expected - data.communes_reporting
        say(
            f"Lưu ý: {vietnamese.format_number(silent)}/"
            f"{vietnamese.format_number(data.communes_expected)} đơn vị cấp xã chưa có số liệu trong kỳ."
        )
    if data.packages is not None and data.packages.expected:
        say(f"Gói dữ liệu: {data.packages.text}.")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from movement_desk.gui.app import run_gui

    return run_gui(
        resolve_database_path(getattr(args, "db", None)), lang=getattr(args, "lang", None)
    )


def _args_window_check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--seconds", type=float, default=1.0, help="để cửa sổ mở bao lâu (mặc định: 1 giây)"
    )


def cmd_window_check(args: argparse.Namespace) -> int:
    from movement_desk.gui.smoke import open_and_close_window

    cli_session.open_database_for(args)
    title = open_and_close_window(
        cli_session.database_path(args),
        cli_session.actor_of(args),
        seconds=args.seconds,
        lang=getattr(args, "lang", None),
    )
    print(f"Đã mở và đóng cửa sổ “{title}”.")
    return 0


# Each entry: (name, help, function that adds arguments, handler). Later issues append here.
CommandSpec = tuple[
    str, str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]
]


def _args_report(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--period",
        metavar="P",
        required=True,
        help="kỳ: 2024-01, 2024-Q1, 2024-H1, 2024 hoặc 01/01/2024-31/03/2024",
    )
    parser.add_argument(
        "--unit", metavar="CODE", help="mã đơn vị (mặc định: đơn vị của cơ sở dữ liệu)"
    )
    parser.add_argument("--out", metavar="FILE.pdf", required=True, help="tệp PDF sẽ ghi")
    parser.add_argument("--xlsx", metavar="FILE.xlsx", help="ghi thêm các bảng ra tệp Excel")
    parser.add_argument(
        "--rule", choices=("decree", "calendar"), help="cách tính kỳ (mặc định theo cài đặt)"
    )
    parser.add_argument(
        "--rollup",
        action="store_true",
        help="cộng số liệu của đơn vị cũ (trước sắp xếp) vào đơn vị kế thừa",
    )
    parser.add_argument("--date", metavar="dd/mm/yyyy", help="ngày ký báo cáo (mặc định: hôm nay)")
    parser.add_argument("--number", metavar="SỐ", help="số báo cáo (để trống nếu chưa vào sổ)")
    add_force_option(parser)


def _args_units(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="units_command", metavar="LỆNH", required=True)
    imp = sub.add_parser(
        "import",
        help="nạp danh sách đơn vị hành chính (code,name,kind,parent_code[,valid_from,valid_to])",
    )
    imp.add_argument("file", help="tệp .csv hoặc .xlsx")
    imp.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    _add_common_options(imp)
    imp.set_defaults(handler=cmd_units_import)


def _args_import(parser: argparse.ArgumentParser) -> None:
    from movement_desk.services.transfer import KINDS

    parser.add_argument("kind", choices=(*KINDS, *cli_ratings.EXTRA_KINDS), help="loại dữ liệu")
    parser.add_argument("file", help="tệp .csv hoặc .xlsx")
    parser.add_argument(
        "--dry-run", action="store_true", help="chỉ kiểm tra và báo sẽ nhập gì, không ghi"
    )


def _args_export(parser: argparse.ArgumentParser) -> None:
    from movement_desk.services.transfer import KINDS

    parser.add_argument("kind", choices=(*KINDS, *cli_ratings.EXTRA_KINDS), help="loại dữ liệu")
    parser.add_argument("file", help="tệp .csv hoặc .xlsx sẽ ghi")
    parser.add_argument("--unit", metavar="CODE", help="chỉ đơn vị này và các đơn vị trực thuộc")
    parser.add_argument("--period", metavar="P", help="kỳ: 2024-01, 2024-Q1, 2024-H1, 2024")
    parser.add_argument(
        "--rule", choices=("decree", "calendar"), help="cách tính kỳ (mặc định theo cài đặt)"
    )
    parser.add_argument(
        "--search",
        metavar="TEXT",
        default="",
        help="chỉ các bản ghi khớp, như ô tìm kiếm của danh sách "
        '(các từ liền nhau trong một trường, không phân biệt dấu; "…": đúng cụm từ)',
    )
    parser.add_argument(
        "--successors",
        action="store_true",
        help="với --unit: gồm cả các đơn vị kế thừa sau sáp nhập, từ ngày kế thừa (như danh sách)",
    )
    add_force_option(parser)


def _args_package(parser: argparse.ArgumentParser) -> None:
    from movement_desk.cli_package import args_package

    args_package(parser)


def _args_keys(parser: argparse.ArgumentParser) -> None:
    from movement_desk.cli_keys import args_keys

    args_keys(parser, _add_common_options)


def _args_demo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", choices=("small", "province", "stress"), default="province")
    parser.add_argument("--seed", type=int, default=2024, help="cùng seed cho cùng dữ liệu")


def _args_certificates(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--decision", metavar="SỐ", help="số quyết định khen thưởng")
    which.add_argument(
        "--recognition",
        metavar="SỐ",
        help="số quyết định công nhận đạt tiêu chuẩn “An toàn về ANTT”: in giấy công nhận",
    )
    parser.add_argument("--authority", help="cơ quan ban hành, khi hai cơ quan trùng số")
    parser.add_argument("--out", metavar="FILE.pdf", required=True, help="tệp PDF sẽ ghi")
    parser.add_argument(
        "--recipient",
        metavar="UUID",
        action="append",
        help="chỉ in cho người/tập thể này (lặp lại được; mặc định: tất cả)",
    )
    parser.add_argument(
        "--preprinted", action="store_true", help="in lên phôi in sẵn: chỉ in phần thay đổi"
    )
    parser.add_argument(
        "--paper",
        choices=("a4", "a3", "a4-portrait"),
        help="khổ giấy (mặc định theo cài đặt: A4 ngang)",
    )
    add_force_option(parser)


def _args_decision_list(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--decision", metavar="SỐ", help="số quyết định khen thưởng")
    which.add_argument(
        "--recognition",
        metavar="SỐ",
        help="số quyết định công nhận đạt tiêu chuẩn “An toàn về ANTT”",
    )
    parser.add_argument("--authority", help="cơ quan ban hành, khi hai cơ quan trùng số")
    parser.add_argument("--out", metavar="FILE.pdf", required=True, help="tệp PDF sẽ ghi")
    add_force_option(parser)


def _args_verify(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "code", help="nội dung mã QR của giấy khen (MD2:…|…), hoặc mã in bên cạnh (MD2:…, MD1:…)"
    )
    parser.add_argument("--name", help="tên in trên giấy khen, để đối chiếu với tên trong mã")
    parser.add_argument(
        "--key",
        metavar="FILE",
        help="tệp khóa công khai của cơ quan cấp (.mdkey), nếu chưa tin cậy",
    )


def _args_reinstate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("commendation", metavar="UUID", help="mã định danh của khen thưởng")


def _args_revoke(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("commendation", metavar="UUID", help="mã định danh của khen thưởng")
    parser.add_argument("--reason", required=True, help="lý do thu hồi")


COMMANDS: list[CommandSpec] = [
    ("units", "danh mục đơn vị hành chính", _args_units, None),
    ("import", "nhập buổi, mô hình hoặc khen thưởng từ tệp CSV/Excel", _args_import, cmd_import),
    ("export", "xuất buổi, mô hình hoặc khen thưởng ra tệp CSV/Excel", _args_export, cmd_export),
    ("demo", "tạo cơ sở dữ liệu mẫu của tỉnh Bắc Kạn", _args_demo, cmd_demo),
    (
        "certificates",
        "in giấy khen, bằng khen của một quyết định ra tệp PDF",
        _args_certificates,
        cmd_certificates,
    ),
    (
        "decision-list",
        "in danh sách tập thể, cá nhân kèm theo quyết định ra tệp PDF",
        _args_decision_list,
        cmd_decision_list,
    ),
    ("verify", "kiểm tra mã xác thực trên giấy khen", _args_verify, cmd_verify),
    ("revoke", "thu hồi một khen thưởng, ghi rõ lý do", _args_revoke, cmd_revoke),
    ("reinstate", "bỏ thu hồi một khen thưởng bị thu hồi nhầm", _args_reinstate, cmd_reinstate),
    ("report", "báo cáo tháng, quý, 6 tháng, năm ra PDF (và Excel)", _args_report, cmd_report),
    ("package", "gói dữ liệu gửi lên cấp trên: xuất, nhập, xung đột", _args_package, None),
    ("keys", "khóa ký: xuất khóa công khai, tin cậy, liệt kê, thu hồi", _args_keys, None),
    (
        "criteria",
        "tiêu chí “An toàn về an ninh, trật tự” theo Thông tư 124/2021/TT-BCA: xem, sửa",
        lambda parser: cli_ratings.args_criteria(parser, _add_common_options),
        None,
    ),
    *cli_accounts.commands(_add_common_options),
    *cli_server.commands(_add_common_options),
    (
        "window-check",
        "mở cửa sổ chương trình rồi tự đóng: kiểm tra một bản cài đặt (chạy được không cần màn hình"
        " với QT_QPA_PLATFORM=offscreen)",
        _args_window_check,
        cmd_window_check,
    ),
]


def register(spec: CommandSpec) -> None:
    """Add a subcommand (used by later features)."""
    COMMANDS.append(spec)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="movement-desk",
        description="Phong trào Toàn dân bảo vệ an ninh Tổ quốc: ghi nhận, khen thưởng, báo cáo. "
        "Không có lệnh: mở cửa sổ chương trình.",
    )
    parser.add_argument("--version", action="version", version=about.version_line())
    parser.add_argument("--lang", choices=("vi", "en"), help="ngôn ngữ giao diện (mặc định: vi)")
    _add_db_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    for name, help_text, add_arguments, handler in COMMANDS:
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        add_arguments(command_parser)
        _add_common_options(command_parser)
        if handler is not None:
            command_parser.set_defaults(handler=handler)
    parser.set_defaults(handler=cmd_gui)
    return parser


def _print_validation(error: ValidationError) -> None:
    lines = [str(e) for e in error.errors]
    print(f"Không ghi gì: có {vietnamese.format_number(len(lines))} lỗi.", file=sys.stderr)
    for line in lines[:MAX_ERRORS_PRINTED]:
        print(f"  - {line}", file=sys.stderr)
    if len(lines) > MAX_ERRORS_PRINTED:
        print(
            f"  … và {vietnamese.format_number(len(lines) - MAX_ERRORS_PRINTED)} lỗi nữa.",
            file=sys.stderr,
        )
    accounting = getattr(error, "accounting", None)
    if accounting:
        print(accounting, file=sys.stderr)


def _report_unexpected(exc: BaseException) -> int:
    log = log_exception(exc)
    print(
        f"Lỗi không mong đợi ({type(exc).__name__}: {exc}). Chi tiết ghi ở {log}.",
        file=sys.stderr,
    )
    return EXIT_FAILED


def _backup_on_close(args: argparse.Namespace | None = None) -> None:
    """A backup when the command changed the data; a failure only warns."""
    from movement_desk.db import backup

    try:
        backup.backup_on_close(getattr(args, "_marker_at_open", None))
    except (backup.BackupError, peewee.DatabaseError, sqlite3.Error, OSError) as exc:
        print(f"Cảnh báo: chưa sao lưu được khi đóng ({exc}).", file=sys.stderr)


def _use_utf8_console() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in (
            "utf-8",
            "utf8",
        ):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    _use_utf8_console()
    parser = build_parser()
    args = parser.parse_args(argv)
    from movement_desk.db import network

    network.allow(bool(getattr(args, "allow_network_file", False)))
    try:
        return args.handler(args)
    except ValidationError as exc:
        _print_validation(exc)
        return EXIT_FAILED
    except (SchemaTooNewError, DatabaseLockedError, NetworkFileError, ServerSetupError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except DatabaseOpenError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        print(cli_session.describe_unopenable(cli_session.database_path(args)), file=sys.stderr)
        return EXIT_FAILED
    except (ServiceError, CommandFailed) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except (vietnamese.DateFormatError, vietnamese.NumberFormatError) as exc:
        # a date or number typed on the command line (--from, --date …)
        print(f"Lỗi: {exc}; hãy nhập ngày dạng dd/mm/yyyy và số nguyên.", file=sys.stderr)
        return EXIT_FAILED
    except BackupError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        from movement_desk.services import output_files

        if output_files.disk_full(exc):
            print(f"Lỗi: {output_files.DATABASE_FULL_MESSAGE}", file=sys.stderr)
            return EXIT_FAILED
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            print(
                "Lỗi: cơ sở dữ liệu đang bận vì một chương trình khác đang ghi và chưa xong sau "
                "thời gian chờ; thao tác này chưa ghi gì. Hãy thử lại sau.",
                file=sys.stderr,
            )
            return EXIT_FAILED
        if "malformed" in text or "not a database" in text or "corrupt" in text:
            path = cli_session.database_path(args)
            print(f"Lỗi: tệp {path} đã bị hỏng ({exc}).", file=sys.stderr)
            print(cli_session.describe_unopenable(path), file=sys.stderr)
            return EXIT_FAILED
        return _report_unexpected(exc)
    except PermissionError as exc:
        print(f"Lỗi: không có quyền đọc/ghi {exc.filename or ''}.", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        name = Path(exc.filename).name if getattr(exc, "filename", None) else ""
        print(f"Lỗi tệp {name}: {exc.strerror or exc}.", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu; không có thay đổi dở dang nào được ghi.", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # the user gets a sentence; the details go to the log file
        return _report_unexpected(exc)
    finally:
        _backup_on_close(args)
        close_database()
        network.allow(False)


if __name__ == "__main__":
    sys.exit(main())
