"""The step that makes one period lock in force per unit and days a rule of the database
(issue 17): two locks already in force on the same days (two supervisors at the same moment,
before the step) keep the first, lift the later one saying why, and the index then refuses a
second lock."""

from __future__ import annotations

import pytest

from movement_desk.db import migrations
from movement_desk.db.connection import build_database

STEP = next(
    index
    for index, migration in enumerate(migrations.MIGRATIONS)
    if migration.apply is migrations._step_one_period_lock_in_force
)
LOCK = (
    "INSERT INTO period_lock (uuid, unit_id, starts_on, ends_on, locked_at, locked_by) "
    "VALUES (?, 1, '2024-03-01', '2024-03-31', ?, ?)"
)


def test_duplicated_locks_in_force_keep_the_first_and_the_index_refuses_another(tmp_path):
    path = tmp_path / "before.sqlite3"
    database = build_database(path)
    database.connect()
    migrations.migrate(database, target=STEP)
    database.execute_sql(
        "INSERT INTO admin_unit (uuid, code, name, kind, created_at, updated_at) "
        "VALUES ('u', '06', 'Tỉnh Bắc Kạn', 'province', '2024-01-01', '2024-01-01')"
    )
    database.execute_sql(LOCK, ("a", "2024-04-01T08:00:00", "lan"))
    database.execute_sql(LOCK, ("b", "2024-04-01T08:00:01", "hung"))
    migrations.migrate(database)
    rows = database.execute_sql(
        "SELECT locked_by, unlocked_by, unlock_reason FROM period_lock ORDER BY id"
    ).fetchall()
    assert rows[0] == ("lan", None, "")
    assert rows[1][:2] == ("hung", "system") and "trùng" in rows[1][2]
    with pytest.raises(Exception, match="UNIQUE"):
        database.execute_sql(LOCK, ("c", "2024-04-02T08:00:00", "mai"))
    database.close()
