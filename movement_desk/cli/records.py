"""Command-line subcommands of the records: ``units import``, ``import``, ``export``.

Handlers import the services they run inside the function: a command loads only what it uses
(the certificate and report engines cost half a second of start-up)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from movement_desk import vietnamese
from movement_desk.cli import ratings as cli_ratings
from movement_desk.cli.common import (
    EXIT_OK,
    MAX_ERRORS_PRINTED,
    add_command,
    add_common_options,
    add_force_option,
    check_outputs,
    current_actor,
    open_for_command,
    say,
)


def cmd_units_import(args: argparse.Namespace) -> int:
    from movement_desk.services.records import units

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
    from movement_desk.services.records import transfer

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
    from movement_desk.services.records import transfer

    open_for_command(args, own_key=False)  # an export signs nothing
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


def _args_units(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="units_command", metavar="LỆNH", required=True)
    imp = sub.add_parser(
        "import",
        help="nạp danh sách đơn vị hành chính (code,name,kind,parent_code[,valid_from,valid_to])",
    )
    imp.add_argument("file", help="tệp .csv hoặc .xlsx")
    imp.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    add_common_options(imp)
    imp.set_defaults(handler=cmd_units_import)


class _FileKinds(Sequence):
    """The kinds that have an import/export file: each kind whose own module declares one
    (``services.records.kind_parts.files()``, the registry's order), then the ratings' kinds.
    Read when argparse first asks, so that reading the command line (every command, the window
    too) imports none of the kinds' modules, nor the import/export service."""

    def _names(self) -> tuple[str, ...]:
        from movement_desk.services.records import kind_parts

        return (*kind_parts.files(), *cli_ratings.EXTRA_KINDS)

    def __getitem__(self, index):
        return self._names()[index]

    def __len__(self) -> int:
        return len(self._names())

    def __iter__(self):
        return iter(self._names())

    def __contains__(self, name) -> bool:
        return name in self._names()


RECORD_KINDS = _FileKinds()
# A metavar of its own: argparse would list the choices (load the kinds) to make one.
_KIND_ARGUMENT = {"choices": RECORD_KINDS, "metavar": "LOẠI", "help": "loại dữ liệu: %(choices)s"}


def _args_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", **_KIND_ARGUMENT)
    parser.add_argument("file", help="tệp .csv hoặc .xlsx")
    parser.add_argument(
        "--dry-run", action="store_true", help="chỉ kiểm tra và báo sẽ nhập gì, không ghi"
    )


def _args_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", **_KIND_ARGUMENT)
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


def register(subparsers) -> None:
    add_command(subparsers, "units", "danh mục đơn vị hành chính", _args_units)
    add_command(
        subparsers,
        "import",
        "nhập buổi, mô hình hoặc khen thưởng từ tệp CSV/Excel",
        _args_import,
        cmd_import,
    )
    add_command(
        subparsers,
        "export",
        "xuất buổi, mô hình hoặc khen thưởng ra tệp CSV/Excel",
        _args_export,
        cmd_export,
    )
