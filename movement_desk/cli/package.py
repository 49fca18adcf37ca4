"""``movement-desk package …``: export, import, conflicts and the register of received packages.

Handlers import the packages service inside the function: a command loads only what it uses.
"""

from __future__ import annotations

import argparse

from movement_desk import vietnamese
from movement_desk.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    add_command,
    add_common_options,
    check_outputs,
    current_actor,
    open_for_command,
    say,
)

COUNT_HEADERS = ("mới", "cập nhật", "không đổi", "xóa", "xung đột")
COUNT_KEYS = ("new", "updated", "unchanged", "deleted", "conflicts")


def cmd_package_export(args: argparse.Namespace) -> int:
    from movement_desk.services import packages

    open_for_command(args)
    check_outputs(args, args.out)
    result = packages.export_package(
        args.unit,
        args.out,
        current_actor(args),
        period=args.period,
        since_last=args.since_last,
        rule=args.rule,
    )
    say(result.summary())
    return EXIT_OK


def _counts_table(report) -> list[str]:
    from movement_desk.services import packages

    width = max(len(packages.kind_label(kind)) for kind in report.counts)
    lines = [f"  {'loại dữ liệu'.ljust(width)}  " + "  ".join(h.rjust(9) for h in COUNT_HEADERS)]
    for kind, counts in report.counts.items():
        if counts.total == 0:
            continue
        numbers = "  ".join(
            vietnamese.format_number(getattr(counts, key)).rjust(9) for key in COUNT_KEYS
        )
        lines.append(f"  {packages.kind_label(kind).ljust(width)}  {numbers}")
    return lines


def cmd_package_import(args: argparse.Namespace) -> int:
    from movement_desk.services import packages

    open_for_command(args)
    report = packages.import_package(args.file, current_actor(args), dry_run=args.dry_run)
    say(report.summary())
    for line in _counts_table(report):
        say(line)
    if report.conflicts:
        say(
            f"Có {vietnamese.format_number(len(report.conflicts))} bản ghi bị sửa ở cả hai nơi: "
            "giữ nguyên bản ở máy này cho đến khi xử lý "
            "(xem “package conflicts”, chọn bằng “package resolve”):"
        )
        for conflict in report.conflicts[:50]:
            say(f"  - {packages.kind_label(conflict.kind)}: {conflict.title} [{conflict.uuid}]")
    if args.dry_run:
        say("Chạy thử: chưa ghi gì vào cơ sở dữ liệu.")
    return EXIT_OK


def cmd_package_conflicts(args: argparse.Namespace) -> int:
    from movement_desk.services import packages

    open_for_command(args)
    conflicts = packages.list_conflicts(include_resolved=args.all)
    if not conflicts:
        say("Không có xung đột nào đang chờ xử lý.")
        return EXIT_OK
    for conflict in conflicts:
        state = f" (đã xử lý: {conflict.resolution})" if conflict.resolution else ""
        say(
            f"#{conflict.id} {conflict.kind_label}: {conflict.title}{state} — gói từ đơn vị "
            f"{conflict.source_unit_code}"
        )
        say(
            f"    máy này: sửa {conflict.local_updated}; trong gói: sửa {conflict.incoming_updated}"
        )
        for diff in conflict.differing:
            say(f"    {diff.label}: máy này “{diff.local}” | trong gói “{diff.incoming}”")
    return EXIT_OK


def cmd_package_resolve(args: argparse.Namespace) -> int:
    from movement_desk.services import packages

    open_for_command(args)
    packages.resolve_conflict(args.conflict, args.keep, current_actor(args))
    which = "bản ở máy này" if args.keep == "local" else "bản trong gói"
    say(f"Đã xử lý xung đột #{args.conflict}: giữ {which}.")
    return EXIT_OK


def cmd_package_received(args: argparse.Namespace) -> int:
    from movement_desk.services import packages
    from movement_desk.services.core import settings
    from movement_desk.services.core.periods import parse_period

    open_for_command(args)
    rule = args.rule or settings.get("period_rule")
    period = parse_period(args.period)
    start, end = period.bounds(rule)
    completeness = packages.received_units(args.unit, start, end)
    say(f"{completeness.unit_name}, {period.label} ({period.covers_text(rule)}):")
    say(f"  {completeness.text}.")
    if completeness.missing:
        say("  Chưa nhận: " + ", ".join(f"{u.name} ({u.code})" for u in completeness.missing))
    return EXIT_OK if completeness.units else EXIT_FAILED


def args_package(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="package_command", metavar="LỆNH", required=True)

    export = sub.add_parser("export", help="ghi gói dữ liệu của một đơn vị (và cấp dưới) ra tệp")
    export.add_argument("--unit", metavar="CODE", required=True, help="mã đơn vị gửi dữ liệu")
    export.add_argument("--out", metavar="FILE", required=True, help="tệp gói sẽ ghi (.mdpkg)")
    export.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    which = export.add_mutually_exclusive_group()
    which.add_argument("--period", metavar="P", help="chỉ dữ liệu của kỳ: 2024-01, 2024-Q1, 2024")
    which.add_argument(
        "--since-last", action="store_true", help="chỉ dữ liệu thay đổi từ lần xuất gói trước"
    )
    export.add_argument(
        "--rule", choices=("decree", "calendar"), help="cách tính kỳ (mặc định theo cài đặt)"
    )
    export.set_defaults(handler=cmd_package_export)

    imp = sub.add_parser("import", help="nhập và hợp nhất một gói dữ liệu")
    imp.add_argument("file", help="tệp gói (.mdpkg)")
    imp.add_argument("--dry-run", action="store_true", help="chỉ báo sẽ thay đổi gì, không ghi")
    imp.set_defaults(handler=cmd_package_import)

    conflicts = sub.add_parser("conflicts", help="liệt kê các bản ghi bị sửa ở cả hai nơi")
    conflicts.add_argument("--all", action="store_true", help="cả các xung đột đã xử lý")
    conflicts.set_defaults(handler=cmd_package_conflicts)

    resolve = sub.add_parser("resolve", help="xử lý một xung đột: giữ bản ở máy này hoặc trong gói")
    resolve.add_argument("conflict", type=int, help="số xung đột (xem “package conflicts”)")
    resolve.add_argument("--keep", choices=("local", "incoming"), required=True)
    resolve.set_defaults(handler=cmd_package_resolve)

    received = sub.add_parser("received", help="đơn vị cấp dưới đã gửi dữ liệu cho một kỳ chưa")
    received.add_argument("--unit", metavar="CODE", required=True)
    received.add_argument("--period", metavar="P", required=True)
    received.add_argument("--rule", choices=("decree", "calendar"))
    received.set_defaults(handler=cmd_package_received)

    for child in (export, imp, conflicts, resolve, received):
        add_common_options(child)


def register(subparsers) -> None:
    add_command(
        subparsers, "package", "gói dữ liệu gửi lên cấp trên: xuất, nhập, xung đột", args_package
    )
