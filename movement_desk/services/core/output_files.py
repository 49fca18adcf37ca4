"""Writing output files so that a failure never leaves a wrong file behind.

Every file the program writes for the user (PDF, Excel, CSV, package, list) goes through
``open_output`` / ``write_bytes``: the content goes into a temporary file in the target's
folder, is flushed to disk (fsync), and only then renamed over the target, so the target is
either the old file or the complete new one. A target that is the open database, one of its
companion files (-wal, -shm, -journal) or one of its backups is refused by path identity (the
same file under another name, a link, a different case on Windows); an existing file is
replaced only when the caller says so (``--force`` on the command line, the window's question).
A full disk gives a plain message and leaves nothing half-written.

Temporary files are named ``.<target>.<pid>.part``; ``clean_leftovers`` removes those of a
program that was killed (its process is gone), in the database's folder at start and in a
target's folder before writing there.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from movement_desk.db import backup, postgres
from movement_desk.db.connection import db
from movement_desk.services.core.errors import ServiceError

_PART = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.part(?:-journal|-wal|-shm)?$")
# What backups and the old writers of this program left behind when killed.
_OLD_PART = re.compile(r"^(?P<name>.+?)\.(?:(?P<pid>\d+)\.)?part(?:-journal|-wal|-shm)?$")
_FULL_DISK = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}


class OutputError(ServiceError):
    """An output file that may not or could not be written; the message says what to do."""


def _database_files() -> list[Path]:
    """The open database and its companion files, when a database is open."""
    if db.obj is None or not getattr(db.obj, "database", None):
        return []
    if postgres.is_server(db):
        return []
    path = Path(db.obj.database)
    return [path] + [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal")]


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def check_target(path: str | Path, *, force: bool = False) -> Path:
    """The target as a Path, or OutputError when it must not be written."""
    target = Path(path)
    files = _database_files()
    for protected in files:
        if _same_file(target, protected):
            raise OutputError(
                f"Không ghi vào {target}: đó là tệp cơ sở dữ liệu đang mở; ghi đè lên sẽ mất "
                "dữ liệu. Hãy chọn tên tệp khác."
            )
    if files:
        folder = backup.backup_dir(files[0])
        parent = target.parent if target.parent != Path("") else Path(".")
        if folder.exists() and _same_file(parent.resolve(), folder.resolve()):
            raise OutputError(
                f"Không ghi vào {target}: thư mục {folder} chỉ giữ các bản sao lưu tự động. "
                "Hãy chọn thư mục khác."
            )
    try:
        is_folder, exists = target.is_dir(), target.exists()
    except OSError as exc:  # a name longer than the disk allows, a path it cannot reach
        raise _translate(exc, target) from exc
    if is_folder:
        raise OutputError(f"{target} là một thư mục; hãy ghi rõ tên tệp cần ghi.")
    if exists and not force:
        raise OutputError(
            f"Tệp {target} đã có; chưa ghi gì. Hãy chọn tên khác, hoặc thêm --force để ghi đè."
        )
    return target


def full_disk_message(target: Path) -> str:
    return (
        f"Ổ đĩa đầy: chưa ghi được {target.name}; không để lại tệp dở dang nào"
        + (" (tệp cũ vẫn nguyên)" if target.exists() else "")
        + ". Hãy giải phóng chỗ trống hoặc chọn ổ đĩa khác rồi thử lại."
    )


def _translate(exc: OSError, target: Path) -> OutputError:
    """The sentence a user reads for ``exc`` met writing ``target`` (the OS error as cause)."""
    if exc.errno in _FULL_DISK:
        return OutputError(full_disk_message(target))
    if isinstance(exc, PermissionError):
        return OutputError(f"Không có quyền ghi {target}; hãy chọn thư mục khác.")
    if exc.errno == errno.EROFS:
        return OutputError(f"Ổ đĩa chứa {target} chỉ cho đọc; hãy chọn thư mục khác.")
    blocker = _file_in_the_way(target)
    if blocker is not None:
        return OutputError(
            f"Không ghi được {target}: “{blocker}” là một tệp, không phải thư mục; "
            "hãy chọn thư mục khác."
        )
    if exc.errno == errno.ENAMETOOLONG:
        return OutputError(f"Tên hoặc đường dẫn của {target} quá dài; hãy chọn tên ngắn hơn.")
    return OutputError(
        f"Không ghi được {target} (lỗi hệ thống {exc.errno}: {exc.strerror or exc}); "
        "hãy chọn thư mục khác."
    )


def _file_in_the_way(target: Path) -> Path | None:
    """The nearest folder on ``target``'s path that is a file (a folder cannot be made there)."""
    for folder in reversed(target.parents):
        if folder.exists() and not folder.is_dir():
            return folder
    return None


def disk_full(exc: BaseException | None) -> bool:
    """Whether ``exc`` or what caused it is a full disk (an OS error or SQLite's SQLITE_FULL,
    which peewee may hide behind "cannot rollback - no transaction is active")."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError) and exc.errno in _FULL_DISK:
            return True
        if "database or disk is full" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


DATABASE_FULL_MESSAGE = (
    "Ổ đĩa chứa cơ sở dữ liệu đã đầy: thao tác này chưa ghi gì, dữ liệu được giữ nguyên như "
    "trước. Hãy giải phóng chỗ trống rồi thử lại."
)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


@contextlib.contextmanager
def open_output(
    path: str | Path,
    *,
    force: bool = True,
    text: bool = False,
    encoding: str = "utf-8",
    newline: str | None = None,
) -> Iterator[IO]:
    """A handle to write ``path`` safely; the target appears only if the block completes.

    ``force`` defaults to True for services: the window has asked already; the command line
    checks ``check_target(path, force=args.force)`` before doing the work.
    """
    target = check_target(path, force=force)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _translate(exc, target) from exc
    clean_leftovers(folder)
    temporary = folder / f".{target.name}.{os.getpid()}.part"
    try:
        handle = (
            open(temporary, "w", encoding=encoding, newline=newline)  # noqa: SIM115
            if text
            else open(temporary, "wb")  # noqa: SIM115
        )
    except OSError as exc:
        raise _translate(exc, target) from exc
    try:
        try:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            handle.close()
        os.replace(temporary, target)
        _fsync_folder(folder)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise _translate(exc, target) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_bytes(path: str | Path, payload: bytes, *, force: bool = True) -> Path:
    """Write ``payload`` to ``path`` safely (see ``open_output``)."""
    with open_output(path, force=force) as handle:
        handle.write(payload)
    return Path(path)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return False  # Windows: a leftover of a finished run; ours are still open and locked
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_leftovers(folder: str | Path, *, legacy_prefix: str | None = None) -> list[Path]:
    """Remove the temporary files interrupted writes left in ``folder``; returns them.

    Only this program's own names are touched (``.<name>.<pid>.part`` of a process that is
    gone); with ``legacy_prefix`` (the database's name), also the ``<name>….part`` and
    ``….part-journal`` files older versions and killed backups left beside it. A browser's
    ``download.zip.part`` in the same folder is never touched.
    """
    removed = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _PART.match(entry.name)
        if match is None and legacy_prefix and entry.name.startswith(legacy_prefix):
            match = _OLD_PART.match(entry.name)
        if not match or not entry.is_file():
            continue
        pid = match.group("pid")
        if pid is not None and _process_alive(int(pid)):
            continue
        try:
            entry.unlink()
            removed.append(entry)
        except OSError:
            pass
    return removed


def clean_database_leftovers(db_path: str | Path) -> list[Path]:
    """At start: leftovers beside the database and in its backup folder."""
    db_path = Path(db_path)
    removed = clean_leftovers(db_path.parent, legacy_prefix=db_path.stem)
    removed += clean_leftovers(backup.backup_dir(db_path), legacy_prefix=db_path.stem)
    return removed
