"""The front door: ``movement-desk`` (or ``python main.py``) with no subcommand opens the window.

Each subcommand takes ``--db PATH`` (else ``$MOVEMENT_DESK_DB``, else the default database),
prints what it did in Vietnamese, exits 0 on success and 1 with a plain message on failure.
Here: ``main`` and the mapping of errors to messages and exit codes. The commands are in one
module per group, each with ``register(subparsers)``, listed in ``GROUPS``; what they share
(exit codes, output, opening the database, signing in) is ``cli.common``.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import os
import sqlite3
import sys
import threading
from pathlib import Path

import peewee

import movement_desk
from movement_desk import error_log, startup_done, vietnamese
from movement_desk.cli import (
    accounts,
    admin,
    certificates,
    keys,
    package,
    ratings,
    records,
    reports,
    server,
    window,
)
from movement_desk.cli import common as cli_session
from movement_desk.cli.common import EXIT_FAILED, MAX_ERRORS_PRINTED, CommandFailed
from movement_desk.db.errors import (
    BackupError,
    DatabaseLockedError,
    DatabaseOpenError,
    NetworkFileError,
    SchemaTooNewError,
    ServerSetupError,
)
from movement_desk.services.admin import bootstrap
from movement_desk.services.admin.bootstrap import close_database
from movement_desk.services.core import output_files
from movement_desk.services.core.errors import ServiceError, ValidationError

# The command groups, in the order of ``--help``.
GROUPS = (records, admin, certificates, reports, package, keys, ratings, accounts, server, window)


class _Unbuilt:
    """Stands for the parser of a subcommand the command line does not name: whatever
    registering that subcommand asks of it (options, groups, its own subcommands) is ignored."""

    def __getattr__(self, name: str):
        return self._ignore

    def _ignore(self, *args, **kwargs):
        return self


_UNBUILT = _Unbuilt()


class _Subcommands(argparse._SubParsersAction):
    """Subcommands whose parsers are built only when the command line names them (``named``;
    None: every one). Each is still listed, with its help line, in ``--help`` and among the
    choices an unknown command is told."""

    named: frozenset[str] | None = None

    def add_parser(self, name, **kwargs):
        if self.named is None or name in self.named:
            return super().add_parser(name, named=self.named, **kwargs)
        if "help" in kwargs:
            self._choices_actions.append(self._ChoicesPseudoAction(name, (), kwargs["help"]))
        self._name_parser_map[name] = _UNBUILT
        return _UNBUILT


class _Parser(argparse.ArgumentParser):
    """The command line's parser. Building the parsers of every command and subcommand (about
    140, with their options) cost ~15 ms of every command's start; only those the command line
    names are built (see ``_Subcommands``)."""

    def __init__(self, *args, named: frozenset[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._named = named
        self.register("action", "parsers", _Subcommands)

    def add_subparsers(self, **kwargs):
        action = super().add_subparsers(**kwargs)
        action.named = self._named
        return action


class _Version(argparse._VersionAction):
    """``--version``: the version line, worked out when asked (``services.admin.about`` is
    not loaded by every command's start)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, **kwargs):
        super().__init__(option_strings, dest=dest, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        from movement_desk.services.admin import about

        self.version = about.version_line()
        super().__call__(parser, namespace, values, option_string)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser of the whole command line; given ``argv``, only the subcommands it names are
    built (a word of it that is a command's name), which parses ``argv`` exactly as the whole
    parser would and prints the same ``--help``."""
    named = None if argv is None else frozenset(a for a in argv if not a.startswith("-"))
    parser = _Parser(
        named=named,
        prog="movement-desk",
        description="Phong trào Toàn dân bảo vệ an ninh Tổ quốc: ghi nhận, khen thưởng, báo cáo. "
        "Không có lệnh: mở cửa sổ chương trình.",
    )
    parser.add_argument("--version", action=_Version)
    parser.add_argument("--lang", choices=("vi", "en"), help="ngôn ngữ giao diện (mặc định: vi)")
    cli_session.add_db_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    for group in GROUPS:
        group.register(sub)
    parser.set_defaults(handler=window.cmd_gui)
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
    log = error_log.log_exception(exc)
    print(
        f"Lỗi không mong đợi ({type(exc).__name__}: {exc}). Chi tiết ghi ở {log}.",
        file=sys.stderr,
    )
    return EXIT_FAILED


def _backup_on_close(args: argparse.Namespace | None = None) -> None:
    """A backup when the command changed the data and the newest is older than a day; a
    failure only warns."""
    try:
        bootstrap.backup_on_close(getattr(args, "_marker_at_open", None), daily=True)
    except (BackupError, peewee.DatabaseError, sqlite3.Error, OSError) as exc:
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
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    # A file on a network folder, knowingly (issue 17): for this command only.
    bootstrap.allow_network_file(bool(getattr(args, "allow_network_file", False)))
    if args.handler is not window.cmd_gui:  # the window says so once it has shown
        startup_done()
    command = getattr(args, "command", None) or "window"
    error_log.setup_logging(cli_session.database_path(args))
    error_log.logger.info("command %s started", command)
    code = _run(args)
    error_log.logger.info("command %s ended with exit code %d", command, code)
    if movement_desk.STARTED_AS_PROGRAM and args.handler is not window.cmd_gui:
        _exit_without_teardown(code)
    return code


def _exit_without_teardown(code: int) -> None:
    """End a command started as the program (``movement-desk …``, ``python -m
    movement_desk.cli …``) once it is done, without the interpreter's teardown: freeing every
    object of every module loaded, one by one, cost a report ~40 ms of its ~0,4 s (the system
    takes the memory back at once). What the teardown would still do that matters is done
    first: the exit handlers (the log file's flush and close) and the output streams' flush.
    The database is already closed (``_run``). Not while a thread other than a daemon runs
    (the teardown waits for it), nor for the window, nor when ``main`` is called in-process."""
    if any(
        thread is not threading.main_thread() and not thread.daemon
        for thread in threading.enumerate()
    ):
        return
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):  # a closed pipe, as at a normal exit
                stream.flush()
    os._exit(code)


def _run(args: argparse.Namespace) -> int:
    """The command's handler, each kind of failure told in one plain sentence."""
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
        bootstrap.allow_network_file(False)


if __name__ == "__main__":
    sys.exit(main())
