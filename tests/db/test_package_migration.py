"""The packages migration step: upgrades an older database and is safe to run twice."""

from __future__ import annotations

import subprocess
import sys

from movement_desk.db import migrations
from movement_desk.db.connection import build_database
from tests.conftest import REPO_ROOT

DESCRIPTION = "packages: sync state, conflicts, received and exported packages"
TABLES = {"sync_state", "sync_conflict", "package_received", "package_exported", "sync_alias"}


def _tables(database) -> set[str]:
    rows = database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {row[0] for row in rows}


def test_an_older_database_gains_the_package_tables_and_keeps_its_rows(tmp_path):
    step = next(i for i, m in enumerate(migrations.MIGRATIONS) if m.description == DESCRIPTION)
    database = build_database(tmp_path / "old.sqlite3")
    database.connect()
    migrations.migrate(database, target=step)
    assert not TABLES & _tables(database)
    database.execute_sql(
        "INSERT INTO setting (key, value, updated_at) VALUES ('place', '\"Bắc Kạn\"', '2024-01-01')"
    )
    applied = migrations.migrate(database)
    assert DESCRIPTION in applied
    assert _tables(database) >= TABLES
    assert database.execute_sql("SELECT value FROM setting").fetchone()[0] == '"Bắc Kạn"'
    # Safe to run again over the same schema.
    with database.atomic():
        migrations.MIGRATIONS[step].apply(database)
    database.close()


def test_the_services_do_not_import_qt():
    code = (
        "import sys; import movement_desk.services.packages, movement_desk.cli.package; "
        "print('PySide6' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, check=True
    )
    assert result.stdout.strip() == "False"
