"""What the server mode refuses, and says in words (issue 17): another program's database, a
schema that the account in use may not upgrade, an audit trail left unguarded, a role name
that cannot be used, a file with a table the server lacks; and the application's role's
password. Needs $MOVEMENT_DESK_TEST_PG (see tests/server_backend.py)."""

from __future__ import annotations

import os

import pytest

from tests import server_backend
from tests.conftest import run_cli

pytestmark = server_backend.needs_server
PASSWORD = {"MOVEMENT_DESK_NEW_PASSWORD": "demo12345"}


@pytest.fixture
def server_db():
    """An empty database of its own on the test server: (name, URL)."""
    with server_backend.empty_database("md_refusal") as made:
        yield made


@pytest.fixture(scope="module")
def initialised_template():
    """A database after ``server init``, made once: the name of the template of ``initialised``."""
    name = server_backend.new_database_name("md_refusal_init")
    url = server_backend.create_database(name)
    made = run_cli("server", "init", url, "--admin", "quantri", "--unit", "06", env=PASSWORD)
    assert made.returncode == 0, made.stderr
    yield name
    server_backend.drop_database(name)


@pytest.fixture
def initialised(server_db, initialised_template):
    """The test's database as ``server init`` leaves it (closed): its URL."""
    name, _url = server_db
    return server_backend.create_database(name, template=initialised_template)


@pytest.fixture
def role(server_db):
    """A login role of the test (roles belong to the whole server): dropped afterwards, once
    the database holding its grants is gone."""
    name = f"md_role_{os.getpid()}"
    server_backend.run_admin(f'DROP ROLE IF EXISTS "{name}"')
    yield name
    server_backend.drop_database(server_db[0])
    server_backend.run_admin(f'DROP ROLE IF EXISTS "{name}"')


def _run(url: str, *statements: str) -> list:
    """Run ``statements`` on ``url`` as its owner (autocommit); the last one's rows."""
    import psycopg2

    connection = psycopg2.connect(url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            rows: list = []
            for statement in statements:
                cursor.execute(statement)
                rows = cursor.fetchall() if cursor.description else []
            return rows
    finally:
        connection.close()


def _as(url: str, user: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{user}@{parts.netloc.rsplit('@', 1)[-1]}"))


def _tables(url: str) -> list[str]:
    return [
        row[0]
        for row in _run(
            url,
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
        )
    ]


def test_another_programs_tables_are_refused_and_left_as_they_were(server_db):
    from movement_desk.db import server_probe
    from movement_desk.db.errors import ForeignDatabaseError

    _name, url = server_db
    _run(url, "CREATE TABLE khach_hang (id bigint PRIMARY KEY, ten text)")
    opened = run_cli("user", "list", db=url)
    assert opened.returncode == 1
    assert "đã có bảng của một chương trình khác" in opened.stderr
    assert "Traceback" not in opened.stderr
    with pytest.raises(ForeignDatabaseError, match="chương trình khác"):
        server_probe.probe(url)
    assert _tables(url) == ["khach_hang"]  # no schema of ours written into it


def test_a_database_marked_by_another_program_is_refused_before_anything_is_written(server_db):
    from movement_desk.db import server_probe
    from movement_desk.db.errors import ForeignDatabaseError

    _name, url = server_db
    _run(
        url,
        "CREATE TABLE md_schema (key text PRIMARY KEY, value bigint NOT NULL)",
        "INSERT INTO md_schema VALUES ('application_id', 1234), ('user_version', 3)",
        "CREATE TABLE khach_hang (id bigint PRIMARY KEY)",
    )
    opened = run_cli("user", "list", db=url)
    assert opened.returncode == 1
    assert "là của một chương trình khác, không phải movement_desk" in opened.stderr
    with pytest.raises(ForeignDatabaseError, match="là của một chương trình khác"):
        server_probe.probe(url)
    # Neither our helper functions nor the catalogue view went into the other program's database.
    assert _run(url, "SELECT count(*) FROM pg_views WHERE viewname = 'sqlite_master'") == [(0,)]
    assert _run(url, "SELECT count(*) FROM pg_proc WHERE proname = 'vn_fold'") == [(0,)]
    assert _run(url, "SELECT key, value FROM md_schema ORDER BY key") == [
        ("application_id", 1234),
        ("user_version", 3),
    ]


def test_a_schema_to_upgrade_is_left_to_the_owner_and_the_check_says_so(initialised, role):
    from movement_desk.db import migrations, server_probe
    from movement_desk.db.errors import DatabaseOpenError
    from movement_desk.services.admin import server

    url = initialised
    from movement_desk.services.admin.bootstrap import close_database, prepare_database

    prepare_database(url)
    try:
        assert server.grant_app_role(role, None) is True
    finally:
        close_database()
    older = migrations.latest_version() - 1
    _run(url, f"UPDATE md_schema SET value = {older} WHERE key = 'user_version'")
    as_app = _as(url, role)
    refused = run_cli("user", "list", db=as_app)
    assert refused.returncode == 1
    assert f"cần nâng cấp lược đồ ({older} → {migrations.latest_version()})" in refused.stderr
    assert "không phải chủ sở hữu" in refused.stderr
    with pytest.raises(DatabaseOpenError, match="không phải chủ sở hữu"):
        server_probe.probe(as_app)
    assert _run(url, "SELECT value FROM md_schema WHERE key = 'user_version'") == [(older,)]
    # The owner's check names it; the owner's next opening upgrades it.
    checked = run_cli("server", "check", url)
    assert checked.returncode == 1
    assert f"lược đồ {older}/{migrations.latest_version()}: cần nâng cấp" in checked.stdout
    status = server_probe.probe(url)
    assert status.owner and status.needs_upgrade and status.accounts == 1
    signed = {"MOVEMENT_DESK_USER": "quantri", "MOVEMENT_DESK_PASSWORD": "demo12345"}
    assert run_cli("user", "list", db=url, env=signed).returncode == 0
    assert _run(url, "SELECT value FROM md_schema WHERE key = 'user_version'") == [
        (migrations.latest_version(),)
    ]
    assert run_cli("user", "list", db=as_app, env=signed).returncode == 0


def test_a_missing_guard_of_the_audit_trail_is_reported(initialised):
    url = initialised
    _run(url, "DROP TRIGGER audit_entry_no_delete ON audit_entry")
    checked = run_cli("server", "check", url)
    assert checked.returncode == 1
    assert "thiếu trigger audit_entry_no_delete: nhật ký có thể bị sửa hoặc xóa" in checked.stdout
    assert "audit_entry_no_update" not in checked.stdout
    assert "Có 1 vấn đề" in checked.stdout


def _password_hash(role: str) -> str | None:
    return _run(
        server_backend.admin_url(), f"SELECT rolpassword FROM pg_authid WHERE rolname = '{role}'"
    )[0][0]


def test_the_app_roles_password_is_set_when_given_and_kept_when_not(server_db, role):
    from movement_desk.services.admin import server
    from movement_desk.services.admin.bootstrap import close_database, prepare_database

    _name, url = server_db
    made = run_cli(
        "server", "init", url, "--admin", "quantri", "--unit", "06", "--app-role", role,
        env={**PASSWORD, "MOVEMENT_DESK_APP_PASSWORD": "mat-khau-ung-dung"},
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert f"Đã tạo vai trò ứng dụng “{role}”" in made.stdout
    assert "chưa đặt mật khẩu" not in made.stdout
    first = _password_hash(role)
    assert first and first.startswith("SCRAM-SHA-256$")
    prepare_database(url)
    try:
        assert server.grant_app_role(role, None) is False  # there already: granted again
        assert _password_hash(role) == first
        assert server.grant_app_role(role, "mat-khau-moi") is False
        second = _password_hash(role)
    finally:
        close_database()
    assert second.startswith("SCRAM-SHA-256$") and second != first


def test_an_unusable_role_name_is_refused_before_the_database_is_set_up(server_db):
    _name, url = server_db
    refused = run_cli(
        "server", "init", url, "--admin", "quantri", "--unit", "06", "--app-role", 'ung"dung',
        env=PASSWORD,
    )  # fmt: skip
    assert refused.returncode == 1
    assert 'Tên vai trò không hợp lệ: “ung"dung”' in refused.stderr
    assert _tables(url) == []  # nothing written: init can be run again with a good name


def test_a_file_with_a_table_the_server_lacks_is_not_copied(tmp_path, server_db):
    import sqlite3

    from movement_desk.services.admin.bootstrap import close_database, prepare_database

    _name, url = server_db
    source = tmp_path / "office.sqlite3"
    prepare_database(source)
    close_database()
    connection = sqlite3.connect(source)
    with connection:
        connection.execute("CREATE TABLE ghi_chu_rieng (id INTEGER PRIMARY KEY, noi_dung TEXT)")
        connection.execute("INSERT INTO ghi_chu_rieng (noi_dung) VALUES ('của văn phòng')")
    connection.close()
    refused = run_cli("copy", "--from", str(source), "--to", url)
    assert refused.returncode == 1
    assert "Máy chủ thiếu bảng: ghi_chu_rieng" in refused.stderr
    assert _run(url, "SELECT count(*) FROM admin_unit") == [(0,)]  # no rows copied
