"""Setting up and filling a server database (issue 17): emptiness, the application's role,
the server check, and the copy of an office's SQLite file to the server."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from movement_desk.db import backup, postgres
from movement_desk.db.connection import close_database, db, open_database
from movement_desk.db.errors import ServerSetupError
from movement_desk.db.server_guards import AUDIT_TABLE

# Tables that a freshly created schema already fills (bookkeeping, not data).
_BOOKKEEPING = {postgres.SCHEMA_TABLE, "data_change", "setting"}


def _quote_ident(name: str) -> str:
    if not name or '"' in name or "\x00" in name:
        raise ServerSetupError(f"Tên vai trò không hợp lệ: “{name}”.")
    return '"' + name + '"'


def check_role_name(name: str) -> None:
    """Refuse a role name that cannot be used, before anything is written (``server init``)."""
    _quote_ident(name)


def non_empty_tables(database) -> list[str]:
    """The tables of ``database`` (a server database) holding data."""
    found = []
    for table in postgres.user_tables(database):
        if table in _BOOKKEEPING:
            continue
        if database.execute_sql(f'SELECT EXISTS (SELECT 1 FROM "{table}")').fetchone()[0]:
            found.append(table)
    return found


def require_empty(url: str) -> None:
    """Refuse a server database that already holds data (of this program or another)."""
    database = postgres.build_server_database(url)
    shown = postgres.display_url(url)
    try:
        database.connect()
    except Exception as exc:
        raise ServerSetupError(
            f"Không kết nối được máy chủ {shown} ({str(exc).strip().splitlines()[0]})."
        ) from exc
    try:
        filled = non_empty_tables(database)
    finally:
        database.close()
    if filled:
        raise ServerSetupError(
            f"Cơ sở dữ liệu {shown} không trống (đã có dữ liệu trong: {', '.join(filled[:8])}"
            + ("…" if len(filled) > 8 else "")
            + "). Hãy tạo một cơ sở dữ liệu mới, trống (createdb) rồi thử lại; không ghi gì."
        )


# -- roles ------------------------------------------------------------------------------------
def grant_app_role(role: str, password: str | None = None) -> bool:
    """Create (if needed) the application's login role and grant it the data, but only
    INSERT and SELECT on the audit trail: the program can add entries, never rewrite them.
    Run by the owner of the database (``server init``). True when the role was created."""
    quoted = _quote_ident(role)
    exists = db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    with db.atomic():
        if not exists:
            if password:
                db.execute_sql(f"CREATE ROLE {quoted} LOGIN PASSWORD %s", (password,))
            else:
                db.execute_sql(f"CREATE ROLE {quoted} LOGIN")
        elif password:
            db.execute_sql(f"ALTER ROLE {quoted} PASSWORD %s", (password,))
        database_name = db.execute_sql("SELECT current_database()").fetchone()[0]
        for statement in (
            f'GRANT CONNECT, TEMPORARY ON DATABASE "{database_name}" TO {quoted}',
            f"GRANT USAGE ON SCHEMA public TO {quoted}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
            f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
            # The schema's version and the audit trail: read, and add to the trail.
            f"REVOKE INSERT, UPDATE, DELETE ON {postgres.SCHEMA_TABLE} FROM {quoted}",
            f"REVOKE UPDATE, DELETE, TRUNCATE ON {AUDIT_TABLE} FROM {quoted}",
        ):
            db.execute_sql(statement)
    return not exists


def check(url: str) -> list[str]:
    """The server equivalents of the file checks (``backup.check_server_database``): schema
    version, audit guards, orphans, the unit tree; nothing repaired."""
    database = postgres.open_server(url, migrate=False)
    try:
        return backup.check_server_database(database).found
    finally:
        database.close()


# -- copy -------------------------------------------------------------------------------------
def _source_tables(source: sqlite3.Connection) -> list[str]:
    names = [
        row[0]
        for row in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return [n for n in names if "_fts" not in n and n != "data_change"]


def _copy_order(source: sqlite3.Connection, tables: list[str]) -> tuple[list[str], dict]:
    """Tables with the ones they refer to first; per table, its columns referring to itself."""
    refers: dict[str, set[str]] = {}
    self_columns: dict[str, list[str]] = {}
    for table in tables:
        refers[table] = set()
        for row in source.execute(f"PRAGMA foreign_key_list({table})"):
            target, column = row[2], row[3]
            if target == table:
                self_columns.setdefault(table, []).append(column)
            elif target in tables:
                refers[table].add(target)
    ordered: list[str] = []
    while len(ordered) < len(tables):
        ready = [t for t in tables if t not in ordered and refers[t] <= set(ordered)]
        if not ready:  # a cycle: let the remaining ones go in name order
            ready = [t for t in tables if t not in ordered]
        ordered.extend(sorted(ready))
    return ordered, self_columns


def copy_file_to_server(source_path: str | Path, url: str, *, batch: int = 2_000) -> dict:
    """Copy every table of the SQLite file ``source_path`` (records, deletions, accounts, audit
    trail, locks, settings, certificate and package registers) into the empty server database
    ``url``, in one transaction; check the counts. Returns ``{table: (source, target)}``."""
    from psycopg2.extras import execute_values

    source_path = Path(source_path)
    if not source_path.is_file():
        raise ServerSetupError(f"Không có tệp nguồn {source_path}.")
    require_empty(url)
    # The file is ours and its schema up to date (an older one is upgraded, after a backup).
    open_database(source_path)
    close_database()
    source = sqlite3.connect(source_path.resolve().as_uri() + "?mode=ro", uri=True)
    target = postgres.open_server(url)
    try:
        tables = _source_tables(source)
        server_tables = set(postgres.user_tables(target))
        missing = [t for t in tables if t not in server_tables]
        if missing:
            raise ServerSetupError(
                "Máy chủ thiếu bảng: " + ", ".join(missing) + " (phiên bản chương trình khác?)."
            )
        ordered, self_columns = _copy_order(source, tables)
        counts: dict[str, tuple[int, int]] = {}
        connection = target.connection()
        with target.atomic():
            target.execute_sql("DELETE FROM setting")  # the new schema's own watermark
            cursor = connection.cursor()
            for table in ordered:
                source_columns = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
                target_columns = {
                    row[1] for row in target.execute_sql(f"PRAGMA table_info({table})").fetchall()
                }
                columns = [c for c in source_columns if c in target_columns]
                later = [c for c in self_columns.get(table, []) if c in columns]
                names = ", ".join(f'"{c}"' for c in columns)
                statement = f'INSERT INTO "{table}" ({names}) VALUES %s'
                rows = source.execute(f'SELECT {names} FROM "{table}"')
                positions = [columns.index(c) for c in later]
                deferred = []
                while True:
                    chunk = rows.fetchmany(batch)
                    if not chunk:
                        break
                    if positions:
                        deferred += [
                            (row[columns.index("id")], *(row[p] for p in positions))
                            for row in chunk
                            if any(row[p] is not None for p in positions)
                        ]
                        chunk = [
                            tuple(None if i in positions else v for i, v in enumerate(row))
                            for row in chunk
                        ]
                    execute_values(cursor, statement, chunk, page_size=batch)
                if deferred:
                    sets = ", ".join(f'"{c}" = v.c{i}' for i, c in enumerate(later))
                    values = ", ".join(f"c{i}" for i in range(len(later)))
                    execute_values(
                        cursor,
                        f'UPDATE "{table}" AS t SET {sets} FROM (VALUES %s) AS v(id, {values}) '
                        "WHERE t.id = v.id",
                        deferred,
                        page_size=batch,
                    )
                if "id" in columns:
                    cursor.execute(
                        "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                        f'coalesce((SELECT max(id) FROM "{table}"), 0) + 1, false)',
                        (table,),
                    )
                from_count = source.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                cursor.execute(f'SELECT count(*) FROM "{table}"')
                to_count = cursor.fetchone()[0]
                if from_count != to_count:
                    raise ServerSetupError(
                        f"Bảng {table}: tệp có {from_count} dòng, máy chủ nhận {to_count}; "
                        "đã hủy, máy chủ không bị ghi gì."
                    )
                counts[table] = (from_count, to_count)
        return counts
    finally:
        source.close()
        target.close()


# -- backups of a server ----------------------------------------------------------------------
def _tool(name: str) -> str | None:
    """``pg_dump`` / ``pg_restore`` on the PATH, else the newest PostgreSQL's own folder."""
    import glob
    import shutil

    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    candidates += sorted(glob.glob(f"C:/Program Files/PostgreSQL/*/bin/{name}.exe"))
    return candidates[-1] if candidates else None


def _missing_tool(name: str) -> ServerSetupError:
    return ServerSetupError(
        f"Không tìm thấy công cụ {name} của PostgreSQL trên máy này. Hãy cài gói "
        "postgresql-client (Linux) hoặc “Command Line Tools” của PostgreSQL (Windows) rồi thử "
        f"lại, hoặc nhờ người quản trị máy chủ chạy: {name} (xem docs/server.md). "
        "Sao lưu tự động theo tệp chỉ dành cho chế độ tệp."
    )


def _run_tool(arguments: list[str], what: str) -> None:
    import subprocess

    try:
        done = subprocess.run(arguments, capture_output=True, text=True, timeout=6 * 3600)
    except OSError as exc:
        raise ServerSetupError(f"Không chạy được {arguments[0]}: {exc}.") from exc
    if done.returncode != 0:
        lines = [line.strip() for line in (done.stderr or done.stdout).splitlines()]
        lines = [line for line in lines if line]
        # The tool's own "error:" line says what failed (the server, the file); what follows
        # it is a hint ("Is the server running on that host…?").
        errors = [line for line in lines if "error:" in line]
        detail = errors[0] if errors else lines[-1] if lines else str(done.returncode)
        raise ServerSetupError(f"{what} không thành công: {detail.rstrip('.')}.")


def dump(url: str, target: str | Path) -> Path:
    """A backup of the server database in pg_dump's custom format (``pg_restore`` reads it)."""
    tool = _tool("pg_dump")
    if tool is None:
        raise _missing_tool("pg_dump")
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    partial.open("wb").close()  # a folder that is not there is said as for a file's backup
    try:
        _run_tool(
            [tool, "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}", url],
            "Sao lưu máy chủ (pg_dump)",
        )
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    return target


def restore(source: str | Path, url: str) -> None:
    """Put a pg_dump custom-format backup back into the server database ``url``, replacing
    what is there, in one transaction (run by the database's owner)."""
    tool = _tool("pg_restore")
    if tool is None:
        raise _missing_tool("pg_restore")
    source = Path(source)
    if not source.is_file():
        raise ServerSetupError(f"Không khôi phục từ {source}: không có tệp sao lưu đó.")
    with source.open("rb") as handle:
        if handle.read(5) != b"PGDMP":
            raise ServerSetupError(
                f"Không khôi phục từ {source.name}: tệp không phải bản sao lưu máy chủ (định "
                "dạng pg_dump -Fc)."
            )
    _run_tool(
        [tool, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
         f"--dbname={url}", str(source)],
        "Khôi phục máy chủ (pg_restore)",
    )  # fmt: skip
