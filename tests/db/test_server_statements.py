"""Statements written for SQLite, run on the server (issue 17, ``db.postgres``): parameters and
literal ``%`` signs, SQLite's checks and settings, a change-marker trigger with no condition,
the short ``postgres://`` scheme; and the statements the translation cannot take, stopped with
the statement named rather than half-translated. The server tests need $MOVEMENT_DESK_TEST_PG
(see tests/server_backend.py); the refusals need no server."""

from __future__ import annotations

import pytest

from movement_desk.db import postgres
from tests import server_backend

needs_server = server_backend.needs_server


@pytest.mark.parametrize(
    ("statement", "said"),
    [
        (  # a trigger that neither refuses nor marks a change
            "CREATE TRIGGER IF NOT EXISTS note_copy AFTER INSERT ON note BEGIN "
            "INSERT INTO note_log (note_id) VALUES (new.id); END",
            "trigger note_copy: no PostgreSQL translation",
        ),
        (  # FOR EACH ROW: not the shape the translation reads
            "CREATE TRIGGER IF NOT EXISTS note_guard BEFORE DELETE ON note FOR EACH ROW BEGIN "
            "SELECT RAISE(ABORT, 'không xóa'); END",
            "trigger not understood for PostgreSQL: CREATE TRIGGER IF NOT EXISTS note_guard",
        ),
        (
            "CREATE VIRTUAL TABLE IF NOT EXISTS note_rtree USING rtree(id, x0, x1)",
            "virtual table not supported on PostgreSQL: CREATE VIRTUAL TABLE IF NOT EXISTS "
            "note_rtree",
        ),
    ],
)
def test_a_statement_the_server_cannot_take_is_stopped_with_its_name(statement, said):
    with pytest.raises(NotImplementedError) as refused:
        postgres.translate(statement)
    assert str(refused.value).startswith(said)


@pytest.fixture
def server_database():
    """The schema on an empty database of the test server, open through the ``db`` proxy."""
    from movement_desk.db.connection import close_database, db, open_database

    name = server_backend.new_database_name("md_statements")
    url = server_backend.create_database(name)
    open_database(url)
    yield db
    close_database()
    server_backend.drop_database(name)


@needs_server
def test_percent_signs_and_parameters_reach_the_server_as_written(server_database):
    db = server_database
    assert db.execute_sql("SELECT 17 % ?, 'a' || ?", (5, "b")).fetchone() == (2, "ab")
    # A % in quoted text beside parameters: the driver would have read '5%' as a parameter.
    assert db.execute_sql("SELECT '5%' || ?, '?'", ("x",)).fetchone() == ("5%x", "?")
    assert db.execute_sql("SELECT '50%', '?'").fetchone() == ("50%", "?")
    assert db.execute_sql("SELECT '50%'").fetchone() == ("50%",)


@needs_server
def test_sqlites_checks_and_settings_answer_on_the_server(server_database):
    db = server_database
    assert db.execute_sql("PRAGMA quick_check").fetchall() == [("ok",)]
    assert db.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []  # the server enforces them
    db.execute_sql("PRAGMA busy_timeout = 1000")  # a connection setting of SQLite: nothing to do
    assert db.execute_sql("SELECT 1").fetchone() == (1,)  # and the connection is still usable


@needs_server
def test_a_change_trigger_without_a_condition_marks_each_committed_write(server_database):
    db = server_database
    db.execute_sql("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    db.execute_sql(
        "CREATE TRIGGER IF NOT EXISTS note_changed AFTER INSERT ON note BEGIN "
        "UPDATE data_change SET writes = writes + 1 WHERE id = 1; END"
    )

    def writes() -> int:
        return db.execute_sql("SELECT writes FROM data_change WHERE id = 1").fetchone()[0]

    before = writes()
    with db.atomic():
        db.execute_sql("INSERT INTO note (text) VALUES (?)", ("một",))
        db.execute_sql("INSERT INTO note (text) VALUES (?)", ("hai",))
    assert writes() == before + 1  # once per transaction, at its commit
    with db.atomic():
        db.execute_sql("INSERT INTO note (text) VALUES (?)", ("ba",))
    assert writes() == before + 2


@needs_server
def test_the_short_postgres_scheme_opens_the_same_database(server_database):
    from movement_desk.db.connection import close_database, open_database

    db = server_database
    db.execute_sql("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    db.execute_sql("INSERT INTO note (text) VALUES (?)", ("Chợ Đồn",))
    url = db.obj.database  # the URL it was opened with
    close_database()
    short = "  " + url.replace("postgresql://", "postgres://", 1)
    assert postgres.is_server_url(short)
    open_database(short)
    assert db.execute_sql("SELECT text FROM note").fetchall() == [("Chợ Đồn",)]
