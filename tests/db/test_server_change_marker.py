"""The server's change marker (issue 17): bumped at commit, once per transaction, by deferred
triggers, so that a long write (a package import) does not hold up everyone else's saves on
the marker's one row; databases made with the earlier immediate triggers get the deferred
ones on the owner's next opening. Needs $MOVEMENT_DESK_TEST_PG (see tests/server_backend.py)."""

from __future__ import annotations

import pytest

from tests import server_backend

pytestmark = server_backend.needs_server
RAW = {
    "date": "05/03/2024",
    "unit_code": "01834",
    "kind": "launch",
    "organizer_kind": "police",
    "organizer_name": "Công an xã",
    "participants": "10",
}


@pytest.fixture
def server_url():
    from movement_desk.services.admin.bootstrap import prepare_database

    name = server_backend.new_database_name("md_marker")
    url = server_backend.create_database(name)
    prepare_database(url)
    yield url
    server_backend.drop_database(name)


def _marker():
    from movement_desk.db.connection import db

    return db.execute_sql("SELECT writes, mark FROM data_change WHERE id = 1").fetchone()


def _immediate_triggers() -> int:
    from movement_desk.db.connection import db

    return db.execute_sql(
        "SELECT count(*) FROM pg_trigger WHERE tgfoid = 'md_bump_change'::regproc "
        "AND NOT tgisinternal AND tgconstraint = 0"
    ).fetchone()[0]


def test_the_marker_moves_once_per_committed_transaction(server_url, actor):
    from movement_desk.db.connection import db
    from movement_desk.services.records import sessions

    writes, mark = _marker()
    with db.atomic():
        for number in range(3):
            sessions.create_session({**RAW, "title": f"Buổi {number}"}, actor)
        assert _marker() == (writes, mark)  # nothing until the commit
    after = _marker()
    assert after[0] == writes + 1 and after[1] != mark
    with db.atomic() as transaction:
        sessions.create_session({**RAW, "title": "Bỏ"}, actor)
        transaction.rollback()
    assert _marker() == after  # a rolled-back write leaves it alone
    assert _immediate_triggers() == 0


def test_an_older_server_database_gets_the_deferred_triggers(server_url, actor):
    from movement_desk.db import postgres
    from movement_desk.db.connection import close_database, db
    from movement_desk.services.admin.bootstrap import prepare_database
    from movement_desk.services.records import sessions

    db.execute_sql("DROP TRIGGER activity_session_changed_insert ON activity_session")
    with db.connection().cursor() as raw:  # the driver's own: no translation
        raw.execute(
            "CREATE TRIGGER activity_session_changed_insert AFTER INSERT ON activity_session "
            "FOR EACH STATEMENT EXECUTE FUNCTION md_bump_change()"
        )
    db.execute_sql(f"UPDATE {postgres.SCHEMA_TABLE} SET value = 3 WHERE key = 'support_version'")
    assert _immediate_triggers() == 1
    close_database()
    prepare_database(server_url)
    assert _immediate_triggers() == 0
    writes, _mark = _marker()
    sessions.create_session({**RAW, "title": "Sau nâng cấp"}, actor)
    assert _marker()[0] == writes + 1
