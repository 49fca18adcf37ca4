"""The accounts migration step: safe to re-run, and the layers below the GUI stay Qt-free."""

from __future__ import annotations

import subprocess
import sys

from movement_desk.db import migrations
from movement_desk.db.connection import close_database, db, open_database
from tests.conftest import REPO_ROOT


def _step(description: str) -> migrations.Migration:
    return next(m for m in migrations.MIGRATIONS if m.description == description)


def test_the_step_can_run_twice_and_keeps_the_audit_guards(db_path):
    database = open_database(db_path)
    step = _step("accounts, audit trail and period locks")
    with database.atomic():
        step.apply(database)
    tables = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master")}
    assert {"user_account", "audit_entry", "period_lock", "audit_entry_no_update"} <= tables
    close_database()


def test_db_and_services_do_not_import_qt():
    code = (
        "import sys\n"
        "import movement_desk.cli, movement_desk.db.backup, movement_desk.services.admin.accounts\n"
        "import movement_desk.services.admin.maintenance, movement_desk.services.core.period_locks\n"
        "assert 'PySide6' not in sys.modules, 'PySide6 imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
