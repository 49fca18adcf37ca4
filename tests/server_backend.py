"""Run the tests on PostgreSQL too (issue 17): ``pytest --backend=postgresql`` with
``$MOVEMENT_DESK_TEST_PG`` naming a maintenance database of a throw-away server, e.g.
``postgresql://postgres@127.0.0.1:54329/postgres`` (see .ci/run).

Each test gets a database of its own, copied from a template database prepared once
(``CREATE DATABASE … TEMPLATE``), and dropped afterwards. A server that cannot be reached
FAILS the test: it never skips.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

PG_ENV_VAR = "MOVEMENT_DESK_TEST_PG"
BACKEND_ENV_VAR = "MOVEMENT_DESK_TEST_BACKEND"
_counter = itertools.count(1)
# The run's backend, for helpers that are not fixtures (``Site``, ``database_copy``).
_backend = "sqlite"
# Databases made by ``database_copy`` during the current test, dropped after it.
_made_this_test: list[str] = []
# Tests that need the server itself (not the run's backend): skipped without $MOVEMENT_DESK_TEST_PG.
needs_server = pytest.mark.skipif(
    not os.environ.get(PG_ENV_VAR),
    reason=f"${PG_ENV_VAR} not set: no PostgreSQL server to test against",
)


def add_option(parser) -> None:
    parser.addoption(
        "--backend",
        choices=("sqlite", "postgresql"),
        default=os.environ.get(BACKEND_ENV_VAR, "sqlite"),
        help="database backend of the tests (postgresql: needs $MOVEMENT_DESK_TEST_PG)",
    )


def backend(config) -> str:
    return config.getoption("--backend")


def configure(config) -> None:
    global _backend
    _backend = backend(config)


def on_server() -> bool:
    """Whether this run's databases are on the test server (``--backend=postgresql``)."""
    return _backend == "postgresql"


def admin_url() -> str:
    url = os.environ.get(PG_ENV_VAR, "")
    if not url:
        pytest.fail(f"--backend=postgresql needs ${PG_ENV_VAR} (a server's maintenance URL)")
    return url


def url_for(name: str) -> str:
    parts = urlsplit(admin_url())
    return urlunsplit(parts._replace(path="/" + name))


def _admin_connection():
    import psycopg2

    try:
        connection = psycopg2.connect(admin_url())
    except psycopg2.OperationalError as exc:  # fail, never skip
        pytest.fail(f"PostgreSQL server not reachable at {admin_url()}: {exc}")
    connection.autocommit = True
    return connection


def run_admin(*statements: str) -> None:
    connection = _admin_connection()
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        connection.close()


def new_database_name(prefix: str = "md_test") -> str:
    """A name no other test process uses: each pytest process (an xdist worker too) has its
    own process id in the names, so its template and its test databases are its own and two
    workers never copy, drop or connect to each other's databases."""
    return f"{prefix}_{os.getpid()}_{next(_counter)}"


def create_database(name: str, template: str | None = None) -> str:
    run_admin(
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""),
    )
    return url_for(name)


@contextmanager
def empty_database(prefix: str):
    """An empty database of its own on the test server, (name, URL); dropped afterwards."""
    name = new_database_name(prefix)
    url = create_database(name)
    try:
        yield name, url
    finally:
        drop_database(name)


def drop_database(name: str) -> None:
    from movement_desk.db.connection import close_database

    close_database()
    run_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def name_of(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def database_copy(path: Path, template: Path | str | None = None) -> Path | str:
    """A second database of the test (packages' sender and receiver, a restored copy…):
    ``path`` with ``template``'s content (SQLite's backup API) or a new file; on the server a
    new database copied from the template database (``CREATE DATABASE … TEMPLATE``) or empty,
    dropped after the test (``drop_made_databases``: for a test's own databases, not a module's
    or a session's, which use ``create_database`` and ``drop_database``). Returns what ``--db``
    takes."""
    if not on_server():
        if template is not None:
            source, target = sqlite3.connect(template), sqlite3.connect(path)
            with target:
                source.backup(target)
            source.close()
            target.close()
        return path
    from movement_desk.db.connection import close_database

    close_database()  # the template must have no connection open
    name = new_database_name(f"md_{Path(path).stem}"[:40])
    _made_this_test.append(name)
    return create_database(name, name_of(str(template)) if template is not None else None)


def drop_made_databases() -> None:
    while _made_this_test:
        drop_database(_made_this_test.pop())


def connect(target: Path | str):
    """A plain DB-API connection to a test database (a file or a server URL) that takes
    SQLite's ``?`` parameters on both, ``connection.execute(sql, params)`` included; as a
    context manager it commits (or rolls back) and closes."""
    if not is_url(target):
        return _Plain(sqlite3.connect(target), server=False)
    import psycopg2

    return _Plain(psycopg2.connect(str(target)), server=True)


def dump_open_database() -> str:
    """``dump`` of the database the test has open, left open."""
    from movement_desk.db import postgres
    from movement_desk.db.connection import db

    if not postgres.is_server(db):
        return "\n".join(db.connection().iterdump())
    return "\n".join(
        f"{table}: {row!r}"
        for table in postgres.user_tables(db.obj)
        for row in db.execute_sql(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
    )


def dump(target: Path | str) -> str:
    """The whole database as text, every table (the audit trail included), to prove that
    nothing changed: SQLite's ``iterdump``; on the server every table's rows in order."""
    from movement_desk.db.connection import close_database

    close_database()
    with connect(target) as connection:
        if not connection.server:
            return "\n".join(connection.connection.iterdump())
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "ORDER BY tablename"
            ).fetchall()
        ]
        return "\n".join(
            f"{table}: {row!r}"
            for table in tables
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
        )


@contextmanager
def traced_statements():
    """The statements the open database runs inside the ``with``, as ``(sql, params)``: on
    SQLite through its trace callback (the text with the parameters in it, ``()``; a
    statement once per row an executemany or a trigger runs it for); on the server through
    the program's cursor (``db.postgres``), as written for SQLite with its parameters, an
    executemany's once per row (a trigger's statements are the server's own, not seen)."""
    from movement_desk.db import postgres
    from movement_desk.db.connection import db

    seen: list[tuple[str, tuple]] = []
    if not postgres.is_server(db):
        connection = db.connection()
        connection.set_trace_callback(lambda sql: seen.append((sql, ())))
        try:
            yield seen
        finally:
            connection.set_trace_callback(None)
        return
    cursor_class = postgres._Cursor
    execute, executemany = cursor_class.execute, cursor_class.executemany

    def traced_execute(self, sql, params=None):
        seen.append((sql, tuple(params or ())))
        return execute(self, sql, params)

    def traced_executemany(self, sql, rows):
        rows = list(rows)
        seen.extend((sql, tuple(row)) for row in rows)
        return executemany(self, sql, rows)

    cursor_class.execute, cursor_class.executemany = traced_execute, traced_executemany
    try:
        yield seen
    finally:
        cursor_class.execute, cursor_class.executemany = execute, executemany


def is_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


class _Plain:
    def __init__(self, connection, *, server: bool):
        self.connection = connection
        self.server = server

    def execute(self, sql: str, params=()):
        if not self.server:
            return self.connection.execute(sql, params)
        from movement_desk.db import postgres

        cursor = self.connection.cursor()
        if "?" in sql:  # every % doubled: the driver formats the statement with the parameters
            cursor.execute(postgres._placeholders(sql), tuple(params))
        else:
            cursor.execute(sql, tuple(params) or None)
        return cursor

    def commit(self) -> None:
        self.connection.commit()

    def close(self) -> None:
        self.connection.close()

    def __enter__(self):
        return self

    def __exit__(self, kind, *rest) -> None:
        try:
            if kind is None:
                self.connection.commit()
            else:
                self.connection.rollback()
        finally:
            self.connection.close()


# Tests of SQLite's own machinery, which has no meaning on a server: deselected on
# --backend=postgresql (counted in the header of the run). Each line: a test id or a prefix.
# Everything else of tests/services, tests/cli and tests/pdf runs on both backends.
SQLITE_ONLY = (
    # SQLite's write lock: the server's writers do not lock each other out, nobody waits
    "tests/services/test_import_files.py::test_an_import_waits_for_another_writer_and_says_so",
    # the FTS5 tables' own index (the server searches the stored keys through pg_trgm)
    "tests/services/test_import_files.py::test_a_large_import_keeps_the_search_index_whole",
    "tests/services/test_import_files.py::test_a_bulk_import_fills_the_search_index_once_and",
    # the file's change marker, bumped once per import (the server's triggers count per row)
    "tests/services/test_import_files.py::test_an_import_moves_the_change_marker_once_and_a",
    # a damaged file's pages, and another program's lock on the file
    "tests/cli/test_damaged_database.py",
    "tests/cli/test_accounts_cli.py::test_a_damaged_file_at_start_names_the_newest_good_backup",
    "tests/cli/test_accounts_cli.py::test_a_file_locked_by_another_program_is_told_plainly",
    # outputs refused onto the database file or its backup folder, a full disk under the file,
    # the leftovers of a killed backup beside it
    "tests/cli/test_safe_outputs.py",
    # the automatic backups beside the file (``backup --list``, the copy before a package
    # import), restoring over an unopenable file, refusing a backup file with no administrator:
    # file mode only. The server's backups are pg_dump files (tests/db/test_server.py; the
    # access and hostile-input tests run ``backup --to`` and ``restore`` on both backends).
    "tests/services/test_maintenance.py::test_the_newest_good_backup_replaces_an_unopenable_file",
    "tests/services/test_maintenance.py::test_no_good_backup_is_said_in_words",
    "tests/services/test_maintenance.py::test_a_foreign_file_without_an_administrator_is_refused",
    "tests/cli/test_accounts_cli.py::test_backup_and_restore_through_the_command_line",
    "tests/services/test_package_signing.py::test_the_backup_of_an_accepted_package_holds_the",
    "tests/cli/test_access_cli.py::test_restore_refuses_a_file_with_no_administrator",
)


def deselect(config, items) -> None:
    if backend(config) != "postgresql":
        return
    prefixes = SQLITE_ONLY
    kept, dropped = [], []
    for item in items:
        drop = item.nodeid.startswith(prefixes)
        (dropped if drop else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
