"""Backups through SQLite's online backup API, their rotation, restore and the database check.

Automatic backups go to a folder beside the database (``<name>-backups/``), named
``<name>-YYYYMMDD-HHMMSS-<reason>.sqlite3`` in local time. They are taken when the data changed
since the newest backup: daily, in the background once the window has opened; when the window
closes; on the command line after a command that changed data when the newest backup is older
than a day; and before every migration, import, package import and restore.
"Changed" is read from the change marker that triggers bump with every data write (one row, not
a scan of the tables); printing, exporting, signing in and the audit entries of such reads do not
move it. Rotation keeps the newest backup of each of the last 7 days, of
each of the last 4 ISO weeks and of each of the last 12 months, plus the 3 newest whatever
their day (so the backup taken before an import survives the close a minute later).

A backup is written to a temporary file, switched out of WAL mode so it is one
self-contained file, checked with ``PRAGMA quick_check`` and only then renamed into place.
No Qt here.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from movement_desk.db import migrations, postgres, server_guards
from movement_desk.db.connection import db
from movement_desk.db.errors import BackupError
from movement_desk.db.migrations import APPLICATION_ID
from movement_desk.db.models import utcnow
from movement_desk.db.unit_tree import stored_tree_problems

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
KEEP_NEWEST = 3
SUFFIX = ".sqlite3"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z-]+)\.sqlite3$"
)
# Pages copied per step of the online backup (4 MiB at SQLite's default page size): between
# steps the source is free for others and a caller's ``progress`` can keep a window alive.
BACKUP_STEP_PAGES = 1024
Progress = Callable[[int, int], None]  # (pages copied, pages in all)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and when and why it was taken."""

    path: Path
    taken_at: datetime
    reason: str

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    def describe(self) -> str:
        return f"{self.path.name} ({self.taken_at.strftime('%d/%m/%Y %H:%M')})"


# ---------------------------------------------------------------------------------------------
# Where the current database and its backups are


def current_path() -> Path:
    """The file of the open database."""
    if db.obj is None:
        raise BackupError("Chưa mở cơ sở dữ liệu nào.")
    return Path(db.obj.database)


def backup_dir(db_path: str | Path | None = None) -> Path:
    path = Path(db_path) if db_path is not None else current_path()
    return path.parent / f"{path.stem}-backups"


def _age_order(backup: BackupInfo) -> tuple:
    """Oldest first: by time, then by the number a second backup of the same second carries
    (``-2-close`` after ``-close``: the name alone would sort it first)."""
    match = _NAME.match(backup.path.name)
    number = int(match.group("n")) if match and match.group("n") else 1
    return (backup.taken_at, number, backup.path.name)


def list_backups(db_path: str | Path | None = None) -> list[BackupInfo]:
    """The automatic backups of a database, newest first (a server database has none)."""
    if db_path is None and _on_server():
        return []
    path = Path(db_path) if db_path is not None else current_path()
    directory = backup_dir(path)
    if not directory.is_dir():
        return []
    found = []
    for entry in directory.iterdir():
        match = _NAME.match(entry.name)
        if not match or match.group("stem") != path.stem:
            continue
        taken_at = datetime.strptime(match.group("stamp"), "%Y%m%d-%H%M%S")
        found.append(BackupInfo(entry, taken_at, match.group("reason")))
    found.sort(key=_age_order, reverse=True)
    return found


# ---------------------------------------------------------------------------------------------
# Writing a backup


def _source_connection(source: str | Path | None) -> tuple[sqlite3.Connection, bool]:
    """A sqlite3 connection to read from and whether we opened it (and must close it)."""
    if source is None:
        if db.obj is None:
            raise BackupError("Chưa mở cơ sở dữ liệu nào.")
        return db.connection(), False
    uri = Path(source).resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True), True


def backup_to(
    target: str | Path, source: str | Path | None = None, *, progress: Progress | None = None
) -> Path:
    """Copy the open database (or the file ``source``) to ``target`` with the backup API,
    ``BACKUP_STEP_PAGES`` pages a step; ``progress(copied, total)`` is called after each."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    # The process id keeps two programs backing up at the same second apart.
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    if partial.exists():
        partial.unlink()
    connection, opened = _source_connection(source)
    try:
        destination = sqlite3.connect(partial)
        try:
            connection.backup(
                destination, pages=BACKUP_STEP_PAGES, progress=_step_reporter(progress)
            )
            destination.execute("PRAGMA journal_mode = DELETE")
            result = destination.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            destination.close()
        if result != "ok":
            raise BackupError(f"Bản sao lưu {target.name} không đạt kiểm tra ({result}).")
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise BackupError(f"Không sao lưu được vào {target}: {exc}.") from exc
    finally:
        if opened:
            connection.close()
        if partial.exists():
            partial.unlink()
    return target


def _step_reporter(progress: Progress | None):
    if progress is None:
        return None

    def report(_status: int, remaining: int, total: int) -> None:
        progress(total - remaining, total)

    return report


def change_marker(connection: sqlite3.Connection) -> int | None:
    """The data's change marker: a number the triggers replace at every data write (see the
    change-marker step in ``migrations``). None for a database from before that step."""
    try:
        row = connection.execute("SELECT mark FROM data_change WHERE id = 1").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def current_change_marker() -> int | None:
    """The change marker of the open database (None when none is open)."""
    if db.obj is None or db.is_closed() or _on_server():
        return None
    return change_marker(db.connection())


def _marker_of_file(path: Path) -> int | None:
    try:
        connection = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return change_marker(connection)
        finally:
            connection.close()
    except sqlite3.Error:
        return None


def holds_current_data(backup: BackupInfo) -> bool:
    """Whether ``backup`` holds the open database's data as it is now (one read of each)."""
    marker = current_change_marker()
    return marker is not None and _marker_of_file(backup.path) == marker


def _new_backup_path(db_path: Path, reason: str, now: datetime) -> Path:
    directory = backup_dir(db_path)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    # A later backup of the same second, whatever its reason, is numbered after the ones
    # before it (``_age_order``): the name alone would put "before-import" before "close".
    taken = (
        len(list(directory.glob(f"{glob.escape(db_path.stem)}-{stamp}-*{SUFFIX}")))
        if directory.is_dir()
        else 0
    )
    candidate = directory / f"{db_path.stem}-{stamp}-{reason}{SUFFIX}"
    number = taken + 1
    while number > 1 or candidate.exists():
        number = max(number, 2)
        candidate = directory / f"{db_path.stem}-{stamp}-{number}-{reason}{SUFFIX}"
        if not candidate.exists():
            break
        number += 1
    return candidate


def auto_backup(
    reason: str,
    *,
    now: datetime | None = None,
    only_if_changed: bool = True,
    committed_only: bool = False,
    progress: Progress | None = None,
) -> BackupInfo | None:
    """Back up the open database into its backup folder and rotate.

    When the data has not changed since the newest backup, no file is written and that newest
    backup is returned: it already holds the current state. None when there is nothing to
    back up (a database with no data yet). ``committed_only``: called inside a transaction that
    has already written; the file is read through a separate read-only connection (WAL), so
    the backup holds the data as last committed, and the caller's own audit entry names it.
    """
    if _on_server():
        return None  # a server is backed up with pg_dump (docs/server.md), not file copies
    reason = re.sub(r"[^a-z-]+", "-", reason.lower()).strip("-") or "manual"
    now = now or datetime.now()
    path = current_path()
    # Inside a transaction that already wrote, the marker read here includes that write, so
    # a backup is taken (of the committed state, through a separate connection).
    source = path if committed_only else None
    existing = list_backups(path)
    if only_if_changed and existing and holds_current_data(existing[0]):
        return existing[0]
    target = _new_backup_path(path, reason, now)
    backup_to(target, source, progress=progress)
    rotate(path)
    _log_backup(f"Sao lưu tự động ({reason}): {target.name}")
    return BackupInfo(target, now.replace(microsecond=0), reason)


def backup_before(operation: str, *, committed_only: bool = False) -> BackupInfo | None:
    """The backup taken before a migration, import, package import or restore."""
    return auto_backup(f"before-{operation}", committed_only=committed_only)


def _on_server() -> bool:
    return postgres.is_server(db)


def daily_backup_if_due(
    now: datetime | None = None, *, progress: Progress | None = None
) -> BackupInfo | None:
    """The first use of a day backs up the data if it changed since the newest backup.

    Once a day the pages are also looked at: a copy is checked as it is made; when the newest
    backup already holds the data and nothing is copied, the open file is checked instead, and
    damage raises ``sqlite3.DatabaseError`` (see ``is_damage``). The window runs this on a
    worker thread once it has opened (``progress`` after each step of the copy)."""
    if _on_server():
        return None
    now = now or datetime.now()
    existing = list_backups()
    if existing and existing[0].taken_at.date() == now.date():
        return None
    made = auto_backup("daily", now=now, progress=progress)
    if existing and made is not None and made.path == existing[0].path:
        _require_undamaged()
    return made


def _require_undamaged() -> None:
    result = db.connection().execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise sqlite3.DatabaseError(f"database disk image is malformed ({result})")


def backup_on_close(
    marker_at_open: int | None = None, *, now: datetime | None = None, daily: bool = False
) -> BackupInfo | None:
    """Called when the program closes the database: a backup if the data changed.

    With ``marker_at_open`` (the change marker when the command began), only when this
    command changed the data: a command that only read, printed or exported copies nothing.
    Automatic backups are a file-mode feature: a server is backed up with pg_dump.
    With ``daily`` (the command line), only when the newest backup is older than a day as
    well: a day of commands costs one copy, and each import has its own before it.
    """
    if db.obj is None or db.is_closed() or _on_server():
        return None
    if marker_at_open is not None and current_change_marker() == marker_at_open:
        return None
    now = now or datetime.now()
    if daily:
        existing = list_backups()
        if existing and now - existing[0].taken_at < timedelta(days=1):
            return None
    return auto_backup("close", now=now)


def _log_backup(summary: str) -> None:
    """Note a backup in the audit trail (outside any user's transaction)."""
    try:
        connection = db.connection()
        if connection.in_transaction:
            return
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_entry'"
        ).fetchone()
        if has_table:
            with db.atomic():
                db.execute_sql(
                    "INSERT INTO audit_entry (at, username, action, summary) VALUES (?, ?, ?, ?)",
                    (str(utcnow()), "system", "backup", summary),
                )
    except sqlite3.Error:
        pass


# ---------------------------------------------------------------------------------------------
# Rotation


def backups_to_keep(backups: Iterable[BackupInfo]) -> set[Path]:
    """The 3 newest, and the newest of each of the last 7 days, 4 ISO weeks and 12 months."""
    ordered = sorted(backups, key=_age_order, reverse=True)
    keep = {b.path for b in ordered[:KEEP_NEWEST]}
    for key, limit in (
        (lambda b: b.taken_at.date(), KEEP_DAILY),
        (lambda b: b.taken_at.isocalendar()[:2], KEEP_WEEKLY),
        (lambda b: (b.taken_at.year, b.taken_at.month), KEEP_MONTHLY),
    ):
        seen: list = []
        for backup in ordered:
            bucket = key(backup)
            if bucket in seen:
                continue
            if len(seen) >= limit:
                break
            seen.append(bucket)
            keep.add(backup.path)
    return keep


def rotate(db_path: str | Path | None = None) -> list[Path]:
    """Delete the automatic backups the rotation does not keep; return what was deleted."""
    backups = list_backups(db_path)
    keep = backups_to_keep(backups)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            try:
                backup.path.unlink()
                removed.append(backup.path)
            except OSError:
                pass
    return removed


# ---------------------------------------------------------------------------------------------
# Checking a file and restoring


def file_problem(path: str | Path) -> str | None:
    """Why ``path`` is not a usable movement_desk database (None when it is)."""
    path = Path(path)
    if not path.is_file():
        return "không có tệp"
    try:
        connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            result = connection.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return f"không đọc được ({exc})"
    if application_id != APPLICATION_ID:
        return "không phải cơ sở dữ liệu của movement_desk"
    if result != "ok":
        return f"tệp bị hỏng ({result})"
    if version > migrations.latest_version():
        return "được ghi bởi phiên bản mới hơn của chương trình"
    return None


_DAMAGE_WORDS = ("malformed", "not a database", "corrupt", "disk i/o error", "file is encrypted")


def is_damage(exc: BaseException) -> bool:
    """Whether a database error says the file itself is damaged (not busy, not full)."""
    text = str(exc).lower()
    return any(word in text for word in _DAMAGE_WORDS)


def damaged_pages(problems: Iterable[str]) -> list[int]:
    """The page numbers that ``PRAGMA integrity_check`` names."""
    pages = set()
    for problem in problems:
        pages.update(int(n) for n in re.findall(r"\bpage (\d+)", problem, flags=re.IGNORECASE))
    return sorted(pages)


def check_file(path: str | Path) -> CheckReport:
    """Check a database that cannot be opened normally, read-only: damaged pages and why."""
    report = CheckReport(damaged=True)
    try:
        connection = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check(50)")]
        finally:
            connection.close()
    except sqlite3.Error as exc:
        problems = [f"không đọc được tệp ({exc})"]
    if problems == ["ok"]:
        return CheckReport()
    report.found += [f"Kiểm tra toàn vẹn: {p}" for p in problems]
    return report


def newest_good_backup(db_path: str | Path) -> BackupInfo | None:
    """The newest automatic backup of ``db_path`` that passes the check."""
    for backup in list_backups(db_path):
        if file_problem(backup.path) is None:
            return backup
    return None


def _copy_into(source: Path, connection: sqlite3.Connection) -> None:
    reader = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        reader.backup(connection)
    finally:
        reader.close()


def restore_into_open_database(source: str | Path) -> BackupInfo | None:
    """Replace the open database's content with ``source``, after backing up the current state.

    Returns the backup that holds the state before the restore. The schema of an older
    backup is brought up to date afterwards.
    """
    source = Path(source)
    problem = file_problem(source)
    if problem:
        raise BackupError(f"Không khôi phục từ {source.name}: {problem}.")
    if source.resolve() == current_path().resolve():
        raise BackupError("Không thể khôi phục một cơ sở dữ liệu từ chính nó.")
    connection = db.connection()
    if connection.in_transaction:  # before the backup, which would wait for that write
        raise BackupError("Đang có thao tác ghi dở dang; hãy thử lại.")
    before = auto_backup("before-restore")
    try:
        _copy_into(source, connection)
    except sqlite3.Error as exc:
        raise BackupError(f"Không khôi phục được từ {source.name}: {exc}.") from exc
    migrations.migrate(db.obj)
    return before


def restore_file_offline(source: str | Path, db_path: str | Path) -> Path | None:
    """Restore ``source`` over a database that cannot be opened: the damaged file (with its
    -wal and -shm) is moved aside, not deleted; returns where it went."""
    source, db_path = Path(source), Path(db_path)
    problem = file_problem(source)
    if problem:
        raise BackupError(f"Không khôi phục từ {source.name}: {problem}.")
    moved = None
    if db_path.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        moved = db_path.with_name(f"{db_path.name}.hong-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            part = Path(str(db_path) + suffix)
            if part.exists():
                shutil.move(part, Path(str(moved) + suffix))
    target = sqlite3.connect(db_path)
    try:
        _copy_into(source, target)
        target.execute("PRAGMA journal_mode = WAL")
    finally:
        target.close()
    return moved


# ---------------------------------------------------------------------------------------------
# The database check


@dataclass
class CheckReport:
    """What ``check_database`` found and what it repaired, in sentences for the user."""

    found: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    damaged: bool = False  # the file itself is damaged: restore a backup

    @property
    def ok(self) -> bool:
        return not self.found

    def summary(self) -> str:
        if self.ok:
            return "Cơ sở dữ liệu tốt: toàn vẹn, khóa ngoại đúng, không có bản ghi mồ côi."
        lines = [f"Tìm thấy {len(self.found)} vấn đề:"] + [f"  - {f}" for f in self.found]
        if self.repaired:
            lines += [f"Đã sửa {len(self.repaired)}:"] + [f"  - {r}" for r in self.repaired]
        unrepaired = len(self.found) - len(self.repaired)
        if unrepaired > 0:
            lines.append(f"Còn {unrepaired} vấn đề chưa tự sửa được.")
        if self.damaged:
            pages = damaged_pages(self.found)
            if pages:
                listed = ", ".join(str(p) for p in pages[:20]) + (" …" if len(pages) > 20 else "")
                lines.append(f"Các trang bị hỏng: {listed}.")
            lines.append("Tệp bị hỏng: hãy khôi phục bản sao lưu tốt gần nhất.")
        return "\n".join(lines)


FTS_TABLES = ("activity_session", "community_model", "commendation")
NULLABLE_PARENTS = {("organizer", "admin_unit"): "unit_id"}
AUDIT_TRIGGERS = {
    "audit_entry_no_update": """CREATE TRIGGER IF NOT EXISTS audit_entry_no_update
        BEFORE UPDATE ON audit_entry BEGIN
            SELECT RAISE(ABORT, 'audit trail entries cannot be changed');
        END""",
    "audit_entry_no_delete": """CREATE TRIGGER IF NOT EXISTS audit_entry_no_delete
        BEFORE DELETE ON audit_entry BEGIN
            SELECT RAISE(ABORT, 'audit trail entries cannot be deleted');
        END""",
}


def check_database(*, repair: bool = True) -> CheckReport:
    """Integrity, foreign keys, orphans, search indexes, the audit trail's guards."""
    if _on_server():
        return check_server_database(db.obj, repair=repair)
    report = CheckReport()
    connection = db.connection()
    try:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check(50)")]
    except sqlite3.DatabaseError as exc:
        problems = [f"không đọc được tệp ({exc})"]
    if problems != ["ok"]:
        report.damaged = True
        report.found += [f"Kiểm tra toàn vẹn: {p}" for p in problems]
        return report
    names = {
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')"
        )
    }
    with db.atomic():
        _check_foreign_keys(connection, report, repair)
        _check_soft_delete_orphans(connection, report, repair, names)
        _check_search_indexes(connection, report, repair, names)
        _check_audit_guards(connection, report, repair, names)
    if "admin_unit" in names:
        report.found += stored_tree_problems(connection)
    return report


def check_server_database(database, *, repair: bool = False) -> CheckReport:
    """The server's side of the check: the schema version and the audit trail's guards and
    privileges (``server_guards``), commendations left alive in a deleted decision (repaired),
    loops and orphans of the unit tree. Pages, foreign keys and the search indexes (pg_trgm
    over the stored keys) are the server's own to keep whole."""
    report = CheckReport()
    report.found += server_guards.schema_and_audit_problems(database)
    statements = _Statements(database)
    with database.atomic():
        _check_soft_delete_orphans(statements, report, repair, {"commendation"})
    report.found += stored_tree_problems(database)
    return report


class _Statements:
    """A peewee database seen as sqlite3's ``connection.execute(sql, params)``."""

    def __init__(self, database):
        self.database = database

    def execute(self, sql: str, params=()):
        return self.database.execute_sql(sql, params)


def _check_foreign_keys(connection, report: CheckReport, repair: bool) -> None:
    for table, rowid, parent, _fk in connection.execute("PRAGMA foreign_key_check").fetchall():
        text = f"{table} dòng {rowid} trỏ tới {parent} không còn tồn tại"
        report.found.append(text)
        column = NULLABLE_PARENTS.get((table, parent))
        if repair and column:
            connection.execute(f'UPDATE "{table}" SET {column} = NULL WHERE rowid = ?', (rowid,))
            report.repaired.append(f"{text}: đã bỏ liên kết")


def _check_soft_delete_orphans(connection, report: CheckReport, repair: bool, names) -> None:
    if "commendation" not in names:
        return
    rows = connection.execute(
        """SELECT c.id, c.recipient_name, d.number, d.deleted_at, d.deleted_by
           FROM commendation c JOIN decision d ON d.id = c.decision_id
           WHERE c.deleted_at IS NULL AND d.deleted_at IS NOT NULL"""
    ).fetchall()
    for row_id, name, number, deleted_at, deleted_by in rows:
        text = f"“{name}” còn hiệu lực trong quyết định {number} đã bị xóa"
        report.found.append(text)
        if repair:
            connection.execute(
                "UPDATE commendation SET deleted_at = ?, deleted_by = ?, revision = revision + 1 "
                "WHERE id = ?",
                (deleted_at, deleted_by or "check", row_id),
            )
            report.repaired.append(f"{text}: đã đánh dấu xóa cùng quyết định")


def _check_search_indexes(connection, report: CheckReport, repair: bool, names) -> None:
    for table in FTS_TABLES:
        fts = f"{table}_fts"
        if fts not in names:
            continue
        try:
            connection.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError:
            report.found.append(f"Chỉ mục tìm kiếm {table} không khớp dữ liệu")
            if repair:
                connection.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
                report.repaired.append(f"Chỉ mục tìm kiếm {table}: đã dựng lại")


def _check_audit_guards(connection, report: CheckReport, repair: bool, names) -> None:
    if "audit_entry" not in names:
        return
    for name, statement in AUDIT_TRIGGERS.items():
        if name not in names:
            report.found.append(f"Thiếu lớp bảo vệ nhật ký thao tác ({name})")
            if repair:
                connection.execute(statement)
                report.repaired.append(f"Bảo vệ nhật ký thao tác {name}: đã tạo lại")
