"""The database seam: pragmas, schema versions, migrations and refusing files that are not ours."""

from __future__ import annotations

import sqlite3

import pytest

from movement_desk.db import migrations
from movement_desk.db.connection import build_database, close_database, open_database
from movement_desk.db.errors import ForeignDatabaseError, SchemaTooNewError
from movement_desk.db.models import ALL_TABLES


def test_new_database_has_wal_foreign_keys_and_latest_version(db_path):
    database = open_database(db_path)
    try:
        assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert database.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert migrations.schema_version(database) == migrations.latest_version()
    finally:
        close_database()


def test_every_table_class_matches_the_migrated_schema(db_path):
    database = open_database(db_path)
    try:
        for table in ALL_TABLES:
            columns = {column.name for column in database.get_columns(table._meta.table_name)}
            fields = {field.column_name for field in table._meta.sorted_fields}
            assert fields == columns, table.__name__
    finally:
        close_database()


@pytest.mark.parametrize("start", range(migrations.latest_version()))
def test_each_step_upgrades_from_the_schema_before_it_and_is_safe_to_rerun(tmp_path, start):
    path = tmp_path / f"from-{start}.sqlite3"
    database = build_database(path)
    database.connect()
    migrations.migrate(database, target=start)
    assert migrations.schema_version(database) == start
    applied = migrations.migrate(database)
    assert len(applied) == migrations.latest_version() - start
    # Running a step again changes nothing and raises nothing.
    with database.atomic():
        migrations.MIGRATIONS[start].apply(database)
    assert migrations.schema_version(database) == migrations.latest_version()
    database.close()


def test_database_from_a_newer_program_is_refused_and_left_alone(db_path):
    open_database(db_path)
    close_database()
    raw = sqlite3.connect(db_path)
    raw.execute(f"PRAGMA user_version = {migrations.latest_version() + 5}")
    raw.close()
    with pytest.raises(SchemaTooNewError, match="phiên bản mới hơn"):
        open_database(db_path)
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version() + 5
    raw.close()


def test_another_programs_database_is_refused(db_path):
    raw = sqlite3.connect(db_path)
    raw.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    raw.close()
    with pytest.raises(ForeignDatabaseError, match="chương trình khác"):
        open_database(db_path)


def test_a_file_that_is_not_a_database_is_refused(db_path):
    db_path.write_bytes(b"This is a Word document, not a database." * 200)
    with pytest.raises(ForeignDatabaseError, match="không phải cơ sở dữ liệu"):
        open_database(db_path)


def test_foreign_keys_are_enforced(database):
    with pytest.raises(Exception, match="FOREIGN KEY"):
        database.execute_sql(
            "INSERT INTO activity_session (uuid, created_at, updated_at, held_on, unit_id, organizer_kind, "
            "kind, title) VALUES ('x', '2024-01-01', '2024-01-01', '2024-01-01', 999999, 'police', 'launch', 't')"
        )


def test_phrase_search_step_rekeys_old_records_and_their_index(tmp_path):
    """Sessions stored with the old one-string key are found by phrase after the upgrade."""
    from movement_desk.services.core.actor import SYSTEM_ACTOR
    from movement_desk.services.core.filters import RecordFilter
    from movement_desk.services.records import listing

    path = tmp_path / "old.sqlite3"
    database = build_database(path)
    database.connect()
    step = next(
        i
        for i, m in enumerate(migrations.MIGRATIONS)
        if m.apply is migrations._step_phrase_search_keys
    )
    migrations.migrate(database, target=step)
    now = "2025-03-05 00:00:00"
    database.execute_sql(
        "INSERT INTO admin_unit (uuid, created_at, updated_at, code, name, kind) "
        "VALUES ('u1', ?, ?, '01834', 'Đức Xuân', 'phuong')",
        (now, now),
    )
    database.execute_sql(
        "INSERT INTO activity_session (uuid, created_at, updated_at, held_on, unit_id, "
        "organizer_kind, organizer_name, kind, title, notes, search_key) "
        "VALUES ('s1', ?, ?, '2025-03-05', 1, 'police', 'Công an', 'launch', "
        "'Tuyên truyền ở Chợ Đồn', 'Thôn Nà Hin', 'tuyen truyen o cho don cong an thon na hin')",
        (now, now),
    )
    database.close()
    open_database(path)
    try:
        key = "| tuyen truyen o cho don | cong an | thon na hin |"
        assert database_key(path) == key
        assert (
            listing.RecordList("sessions", RecordFilter(text="chợ đồn"), actor=SYSTEM_ACTOR).count()
            == 1
        )
        assert (
            listing.RecordList(
                "sessions", RecordFilter(text="don cong"), actor=SYSTEM_ACTOR
            ).count()
            == 0
        )
    finally:
        close_database()


def database_key(path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT search_key FROM activity_session").fetchone()[0]
    finally:
        connection.close()


def test_sort_key_step_recomputes_the_keys_of_symbols_and_foreign_letters(tmp_path):
    """Keys stored when – “ ” ÿ ñ ß weighed as "a" are recomputed; the others are kept."""
    from movement_desk import vietnamese

    path = tmp_path / "old.sqlite3"
    database = build_database(path)
    database.connect()
    step = next(
        i
        for i, m in enumerate(migrations.MIGRATIONS)
        if m.apply is migrations._step_sort_keys_of_symbols_and_foreign_letters
    )
    migrations.migrate(database, target=step)
    now = "2025-03-05 00:00:00"
    # The keys the program stored before: every character from U+00FF upward weighed "a".
    a = "\u0100"
    names = {
        "Ñam Sơn": None,
        "“Zô” Thượng": None,
        "An": vietnamese.sort_key("An"),
        "Ÿên": None,
        "Bình": vietnamese.sort_key("Bình"),
    }
    stale = {name: key or a * len(name) + "\x01" for name, key in names.items()}
    for code, name in enumerate(names):
        database.execute_sql(
            "INSERT INTO admin_unit (uuid, created_at, updated_at, code, name, kind, sort_key) "
            "VALUES (?, ?, ?, ?, ?, 'xa', ?)",
            (f"u{code}", now, now, f"9{code:04d}", name, stale[name]),
        )
    database.execute_sql(
        "INSERT INTO activity_session (uuid, created_at, updated_at, held_on, unit_id, "
        "organizer_kind, organizer_name, kind, title, sort_key) "
        "VALUES ('s1', ?, ?, '2025-03-05', 1, 'police', 'Công an', 'launch', "
        "'– Ra quân', ?)",
        (now, now, a + "\x01"),
    )
    migrations.migrate(database)
    keys = dict(database.execute_sql("SELECT name, sort_key FROM admin_unit").fetchall())
    assert keys == {name: vietnamese.sort_key(name) for name in names}
    ordered = [
        row[0] for row in database.execute_sql("SELECT name FROM admin_unit ORDER BY sort_key")
    ]
    assert ordered == ["“Zô” Thượng", "An", "Bình", "Ñam Sơn", "Ÿên"]
    (title_key,) = database.execute_sql("SELECT sort_key FROM activity_session").fetchone()
    assert title_key == vietnamese.sort_key("– Ra quân")
    database.close()
