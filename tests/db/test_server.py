"""The server mode on a real PostgreSQL (issue 17): server init, the application's role that
cannot rewrite the audit trail, the copy of an office's file with equal counts and the same
year report. Needs $MOVEMENT_DESK_TEST_PG (see tests/server_backend.py); without it these
tests are skipped on a developer's machine, and in CI (where it is set) an unreachable server
fails them."""

from __future__ import annotations

import os
from dataclasses import asdict

import pytest

from tests import server_backend
from tests.conftest import run_cli

pytestmark = server_backend.needs_server
PASSWORD = {"MOVEMENT_DESK_NEW_PASSWORD": "demo12345"}


@pytest.fixture
def server_db():
    """An empty database of its own on the test server: (name, URL)."""
    with server_backend.empty_database("md_server") as made:
        yield made


@pytest.fixture
def app_role(server_db):
    role = f"md_app_{os.getpid()}"
    yield role
    server_backend.drop_database(server_db[0])  # its grants go with it
    server_backend.run_admin(f'DROP ROLE IF EXISTS "{role}"')


def _connect(url: str, user: str | None = None):
    from urllib.parse import urlsplit, urlunsplit

    import psycopg2

    if user:
        parts = urlsplit(url)
        host = parts.netloc.rsplit("@", 1)[-1]
        url = urlunsplit(parts._replace(netloc=f"{user}@{host}"))
    connection = psycopg2.connect(url)
    connection.autocommit = True
    return connection


def test_server_init_then_the_app_role_cannot_update_or_delete_audit_entries(server_db, app_role):
    name, url = server_db
    result = run_cli(
        "server", "init", url, "--admin", "quantri", "--unit", "06", "--app-role", app_role,
        env=PASSWORD,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "quản trị viên đầu tiên “quantri”" in result.stdout
    # The program, signed in through the application's role, works and audits.
    as_app = url.replace("postgres@", f"{app_role}@", 1)
    signed = {"MOVEMENT_DESK_USER": "quantri", "MOVEMENT_DESK_PASSWORD": "demo12345"}
    listed = run_cli("user", "list", db=as_app, env=signed)
    assert listed.returncode == 0, listed.stderr
    assert "quantri" in listed.stdout
    connection = _connect(url, app_role)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM audit_entry")
            assert cursor.fetchone()[0] >= 1
            cursor.execute(
                "INSERT INTO audit_entry (at, username, action) VALUES ('2026-01-01', 'x', 'test')"
            )
        import psycopg2

        for statement in (
            "UPDATE audit_entry SET summary = 'đã sửa'",
            "DELETE FROM audit_entry",
            "TRUNCATE audit_entry",
        ):
            with pytest.raises(psycopg2.errors.InsufficientPrivilege), connection.cursor() as c:
                c.execute(statement)
    finally:
        connection.close()
    # The owner is stopped by the guard triggers too.
    owner = _connect(url)
    try:
        import psycopg2

        with pytest.raises(psycopg2.errors.IntegrityConstraintViolation), owner.cursor() as cursor:
            cursor.execute("UPDATE audit_entry SET summary = 'đã sửa'")
    finally:
        owner.close()
    checked = run_cli("server", "check", url)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # A role given UPDATE on the trail is reported by the check.
    server_backend.run_admin(f'GRANT UPDATE ON ALL TABLES IN SCHEMA public TO "{app_role}"')
    owner = _connect(url)
    try:
        with owner.cursor() as cursor:
            cursor.execute(f'GRANT UPDATE ON audit_entry TO "{app_role}"')
    finally:
        owner.close()
    checked = run_cli("server", "check", url)
    assert checked.returncode == 1
    assert app_role in checked.stdout and "nhật ký" in checked.stdout


def test_server_init_refuses_a_database_that_is_not_empty(server_db):
    _name, url = server_db
    first = run_cli("server", "init", url, "--admin", "quantri", "--unit", "06", env=PASSWORD)
    assert first.returncode == 0, first.stderr
    again = run_cli("server", "init", url, "--admin", "khac", "--unit", "06", env=PASSWORD)
    assert again.returncode == 1
    assert "không trống" in again.stderr and "Traceback" not in again.stderr


def test_wrong_server_is_one_plain_sentence():
    result = run_cli("user", "list", db="postgresql://nobody@127.0.0.1:1/none")
    assert result.returncode == 1
    assert "Không kết nối được máy chủ" in result.stderr
    assert "Traceback" not in result.stderr and "không mong đợi" not in result.stderr


def _report_figures(actor):
    from movement_desk.services import reports

    data = reports.build_report("06", "2025", "calendar", actor=actor)
    return asdict(data.total), [asdict(row) for row in data.unit_rows]


def test_copy_moves_a_whole_office_file_with_equal_counts_and_the_same_report(tmp_path, server_db):
    from movement_desk.services.admin import accounts, demo
    from movement_desk.services.admin.bootstrap import close_database, prepare_database
    from movement_desk.services.core.actor import LOCAL_ACTOR
    from movement_desk.services.core.filters import RecordFilter
    from movement_desk.services.records import sessions

    _name, url = server_db
    source = tmp_path / "office.sqlite3"
    prepare_database(source)
    demo.build_demo("small", seed=7)
    accounts.create_demo_accounts()
    first = sessions.session_query(RecordFilter()).first()
    sessions.delete_session(first.uuid, LOCAL_ACTOR)  # a deletion travels too
    file_report = _report_figures(LOCAL_ACTOR)
    file_hits = [s.uuid for s in sessions.session_query(RecordFilter(text="cong an"))]
    close_database()

    result = run_cli("copy", "--from", str(source), "--to", url)
    assert result.returncode == 0, result.stderr
    assert "khớp" in result.stdout
    for table in ("activity_session", "audit_entry", "user_account", "admin_unit", "setting"):
        assert table in result.stdout

    import sqlite3

    check = sqlite3.connect(source)
    server = _connect(url)
    try:
        tables = [
            row[0]
            for row in check.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'"
            )
        ]
        with server.cursor() as cursor:
            for table in tables:
                cursor.execute(f'SELECT count(*) FROM "{table}"')
                expected = check.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                assert cursor.fetchone()[0] == expected, table
    finally:
        check.close()
        server.close()

    prepare_database(url)
    try:
        assert _report_figures(LOCAL_ACTOR) == file_report
        server_hits = [s.uuid for s in sessions.session_query(RecordFilter(text="cong an"))]
        assert server_hits == file_hits  # same hits, same (Vietnamese) order
        # New records continue after the copied ids.
        created = sessions.create_session(
            {
                "date": "05/03/2025", "unit_code": "01834", "kind": "launch",
                "organizer_kind": "police", "title": "Sau khi chép",
            },
            LOCAL_ACTOR,
        )  # fmt: skip
        assert created.id > first.id
    finally:
        close_database()
    again = run_cli("copy", "--from", str(source), "--to", url)
    assert again.returncode == 1 and "không trống" in again.stderr


def test_vietnamese_sort_and_search_agree_with_the_file(tmp_path, server_db):
    from movement_desk.db.models import AdministrativeUnit
    from movement_desk.services.admin.bootstrap import close_database, prepare_database

    _name, url = server_db

    def names():
        return [
            u.name
            for u in AdministrativeUnit.select().order_by(
                AdministrativeUnit.sort_key, AdministrativeUnit.id
            )
        ]

    prepare_database(tmp_path / "f.sqlite3")
    on_file = names()
    close_database()
    prepare_database(url)
    try:
        assert names() == on_file
        assert on_file.index("Đồng Lạc") > on_file.index("Dương Quang")  # d < đ
    finally:
        close_database()


def test_backup_and_restore_on_the_server_use_pg_dump(tmp_path, server_db):
    _name, url = server_db
    assert (
        run_cli(
            "server", "init", url, "--admin", "quantri", "--unit", "06", env=PASSWORD
        ).returncode
        == 0
    )
    signed = {"MOVEMENT_DESK_USER": "quantri", "MOVEMENT_DESK_PASSWORD": "demo12345"}
    dump = tmp_path / "server.pgdump"
    made = run_cli("backup", "--to", str(dump), db=url, env=signed)
    assert made.returncode == 0, made.stderr
    assert dump.read_bytes()[:5] == b"PGDMP"
    listed = run_cli("backup", "--list", db=url, env=signed)
    assert listed.returncode == 1 and "pg_dump" in listed.stderr
    # A record added after the backup is gone once the backup is restored.
    added = run_cli(
        "user", "add", "canbo", "--role", "officer", "--unit", "06", db=url,
        env={**signed, "MOVEMENT_DESK_NEW_PASSWORD": "matkhau123"},
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    restored = run_cli("restore", str(dump), db=url, env=signed)
    assert restored.returncode == 0, restored.stderr
    users = run_cli("user", "list", db=url, env=signed)
    assert "quantri" in users.stdout and "canbo" not in users.stdout
    checked = run_cli("check", db=url, env=signed)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    not_a_dump = tmp_path / "x.pgdump"
    not_a_dump.write_bytes(b"SQLite format 3\x00")
    refused = run_cli("restore", str(not_a_dump), db=url, env=signed)
    assert refused.returncode == 1 and "pg_dump" in refused.stderr
