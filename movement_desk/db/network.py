"""Refuse an SQLite file on a network folder for writing (issue 17, item 6).

SQLite's own documentation warns that a database file on a network share is corrupted when
several computers write to it: WAL needs shared memory on one host and network file locking
is unreliable. A shared database for several officers is the server mode (PostgreSQL).

Recognised as network folders: Windows UNC paths (``\\\\server\\share\\…``) and drives mapped
to a share (``GetDriveTypeW`` says ``DRIVE_REMOTE``); on Linux and other Unix systems a
folder mounted with a network file system (cifs, smb, nfs, …, read from ``/proc/mounts``).
``--allow-network-file`` (or ``$MOVEMENT_DESK_ALLOW_NETWORK_FILE=1``) overrides it knowingly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path, PurePath, PureWindowsPath

from movement_desk.db.errors import NetworkFileError

ALLOW_ENV_VAR = "MOVEMENT_DESK_ALLOW_NETWORK_FILE"
NETWORK_FILE_SYSTEMS = frozenset(
    {
        "cifs",
        "smb",
        "smbfs",
        "smb2",
        "smb3",
        "nfs",
        "nfs4",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "fuse.sshfs",
        "fuse.glusterfs",
        "davfs",
        "fuse.davfs2",
        "fuse.smbnetfs",
    }
)
DRIVE_REMOTE = 4  # GetDriveTypeW

_allowed = False


def allow(value: bool = True) -> None:
    """Let this process open database files on network folders (``--allow-network-file``)."""
    global _allowed
    _allowed = value


def allowed() -> bool:
    return _allowed or os.environ.get(ALLOW_ENV_VAR, "").strip() in ("1", "yes", "true")


def _unescape_mount_field(text: str) -> str:
    # /proc/mounts writes a space as \040, a tab as \011, a backslash as \134.
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        text = text.replace(code, char)
    return text


def parse_mounts(text: str) -> list[tuple[str, str, str]]:
    """(device, mount point, file system type) of each line of a ``/proc/mounts`` table."""
    mounts = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            mounts.append(
                (_unescape_mount_field(parts[0]), _unescape_mount_field(parts[1]), parts[2])
            )
    return mounts


def _read_mounts() -> str:
    try:
        return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _existing_ancestor(path: Path) -> Path:
    """The path itself, or the nearest folder above it that exists (a new file's folder)."""
    path = Path(os.path.abspath(path))
    for candidate in (path, *path.parents):
        if candidate.exists():
            try:
                return candidate.resolve()
            except OSError:
                return candidate
    return path


def unix_network_mount(path: str | os.PathLike[str], mounts_text: str | None = None) -> str | None:
    """The mount (``"//server/share (cifs)"``) holding ``path`` when it is a network file
    system, else None. ``mounts_text`` replaces ``/proc/mounts`` (tests)."""
    text = _read_mounts() if mounts_text is None else mounts_text
    if not text:
        return None
    where = str(_existing_ancestor(Path(path))) if mounts_text is None else os.path.abspath(path)
    best: tuple[str, str, str] | None = None
    for device, point, fstype in parse_mounts(text):
        inside = where == point or where.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= len(best[1])):
            best = (device, point, fstype)
    if best is None:
        return None
    device, point, fstype = best
    if fstype.lower() in NETWORK_FILE_SYSTEMS or fstype.lower().startswith("nfs"):
        return f"{device} ({fstype}, gắn tại {point})"
    return None


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def windows_network_location(
    path: str | os.PathLike[str],
    drive_type: Callable[[str], int] | None = None,
    cwd: str | None = None,
) -> str | None:
    """``\\\\server\\share`` of a UNC path, or ``Z:`` of a drive mapped to a share, else None.
    ``drive_type`` replaces ``GetDriveTypeW``, ``cwd`` the current folder (tests)."""
    text = str(path)
    pure = PureWindowsPath(text)
    if not pure.drive and not text.startswith(("\\\\", "//")):
        # A relative path (--db data.sqlite3) lies where the current folder is: maybe Z:\.
        pure = PureWindowsPath(os.getcwd() if cwd is None else cwd) / pure
        text = str(pure)
    drive = pure.drive
    if text.startswith(("\\\\", "//")):
        if text[2:4] in ("?\\", ".\\") and not text[4:].upper().startswith("UNC"):
            return None  # \\?\C:\… and \\.\ are local device paths
        return drive or text
    if len(drive) == 2 and drive[1] == ":":
        kind = (drive_type or _windows_drive_type)(drive + "\\")
        if kind == DRIVE_REMOTE:
            return f"ổ {drive.upper()} (ổ mạng)"
    return None


def network_location(
    path: str | os.PathLike[str],
    *,
    platform: str | None = None,
    mounts_text: str | None = None,
    drive_type: Callable[[str], int] | None = None,
    cwd: str | None = None,
) -> str | None:
    """Where on the network ``path`` lies, or None for a local file."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return windows_network_location(path, drive_type, cwd)
    if isinstance(path, PurePath) and not isinstance(path, Path):
        path = str(path)
    return unix_network_mount(path, mounts_text)


def network_message(path: str | os.PathLike[str], where: str) -> str:
    return (
        f"Không mở để ghi tệp cơ sở dữ liệu {path}: tệp nằm trên thư mục mạng ({where}). "
        "Nhiều máy cùng ghi một tệp SQLite qua mạng có thể làm hỏng dữ liệu. Để nhiều người "
        "cùng làm việc, hãy dùng chế độ máy chủ: --db postgresql://người_dùng@máy_chủ/tên_csdl "
        "(xem docs/server.md); hoặc chép tệp về ổ đĩa của máy này. Nếu chắc chắn chỉ một máy "
        "dùng tệp này, thêm --allow-network-file."
    )


def check_local(path: str | os.PathLike[str], **probe) -> None:
    """Raise NetworkFileError when ``path`` lies on a network folder and that is not allowed."""
    if allowed():
        return
    try:
        where = network_location(path, **probe)
    except (OSError, AttributeError, ValueError):
        return  # cannot tell: the plain file rules apply
    if where:
        raise NetworkFileError(network_message(path, where))
