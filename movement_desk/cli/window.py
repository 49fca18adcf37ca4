"""The window from the command line: no subcommand opens it; ``window-check`` opens and
closes it (checks an installation).

Qt is imported inside the handlers: the other commands never load it."""

from __future__ import annotations

import argparse

from movement_desk.cli import common as cli_session
from movement_desk.cli.common import add_command
from movement_desk.paths import resolve_database_path


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


def register(subparsers) -> None:
    add_command(
        subparsers,
        "window-check",
        "mở cửa sổ chương trình rồi tự đóng: kiểm tra một bản cài đặt (chạy được không cần màn hình"
        " với QT_QPA_PLATFORM=offscreen)",
        _args_window_check,
        cmd_window_check,
    )
