"""Command-line subcommand of reports: ``report``.

The handler imports the report service inside the function: a command loads only what it uses."""

from __future__ import annotations

import argparse
import contextlib
import threading

from movement_desk import vietnamese
from movement_desk.cli.common import (
    EXIT_OK,
    CommandFailed,
    add_command,
    add_force_option,
    check_outputs,
    current_actor,
    open_for_command,
    say,
)


def _load_renderer() -> None:
    # A failure here is met again, and told, where the report is built and rendered.
    with contextlib.suppress(Exception):
        from movement_desk.services import reports

        reports.load_renderer()


def cmd_report(args: argparse.Namespace) -> int:
    # The report service, its renderer, ReportLab and the fonts (~150 ms) load on a thread
    # while the password is checked: scrypt leaves the interpreter free, so the two run side by
    # side instead of one after the other.
    loading = threading.Thread(target=_load_renderer, name="report-renderer", daemon=True)
    loading.start()
    try:
        open_for_command(args, own_key=False)  # a report signs nothing
    finally:
        loading.join()
    from movement_desk.services import reports  # loaded by the thread
    from movement_desk.services.core import settings

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
    if data.rollup_note:
        say(data.rollup_note)
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
    # As the window's box: rolled up when units merged into the chosen one after the start of
    # the period or of the year before it (reports.rollup_days), unless told otherwise.
    rollup = parser.add_mutually_exclusive_group()
    rollup.add_argument(
        "--rollup",
        action="store_true",
        default=None,
        help="cộng số liệu của đơn vị cũ (trước sắp xếp) vào đơn vị kế thừa (mặc định khi "
        "kỳ báo cáo hoặc kỳ so sánh bắt đầu trước ngày các đơn vị cũ được sắp xếp vào "
        "đơn vị đã chọn)",
    )
    rollup.add_argument(
        "--no-rollup",
        dest="rollup",
        action="store_false",
        help="không cộng số liệu của đơn vị cũ, kể cả khi kỳ báo cáo có ngày sắp xếp",
    )
    parser.add_argument("--date", metavar="dd/mm/yyyy", help="ngày ký báo cáo (mặc định: hôm nay)")
    parser.add_argument("--number", metavar="SỐ", help="số báo cáo (để trống nếu chưa vào sổ)")
    add_force_option(parser)


def register(subparsers) -> None:
    add_command(
        subparsers,
        "report",
        "báo cáo tháng, quý, 6 tháng, năm ra PDF (và Excel)",
        _args_report,
        cmd_report,
    )
