"""The change marker that tells backups whether the data changed, and the backups it spares:
no copy after a command that only read, printed or exported; one after a data change."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from movement_desk.db import backup, migrations
from movement_desk.db.connection import db
from movement_desk.services import reports
from movement_desk.services.admin import accounts
from movement_desk.services.certificates import printing as certificates
from movement_desk.services.core import period_locks, settings, signing
from movement_desk.services.core.actor import LOCAL_ACTOR
from movement_desk.services.records import (
    commendations,
    community_models,
    sessions,
    transfer,
    units,
)
from tests.account_fixtures import PASSWORD
from tests.conftest import admin_cli
from tests.services.test_permissions import DECISION, MODEL, RECIPIENTS, SESSION


def _writes() -> int:
    return db.execute_sql("SELECT writes FROM data_change").fetchone()[0]


def _moved(action) -> bool:
    """Whether ``action()`` moved both parts of the marker (the count and the mark)."""
    writes, mark = _writes(), backup.current_change_marker()
    action()
    return _writes() > writes and backup.current_change_marker() != mark


def test_every_table_bumps_the_marker_or_is_named_bookkeeping(database):
    """A table added later must get the triggers (``change_marker_triggers``) or be named exempt."""
    tables = {
        row[0]
        for row in db.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE '%_fts_%'"
        )
    }
    triggers = {
        row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    unmarked = {
        t
        for t in tables - set(migrations.CHANGE_MARKER_EXEMPT)
        if not {f"{t}_changed_{e}" for e in ("insert", "update", "delete")} <= triggers
    }
    assert unmarked == set()


def test_the_marker_moves_with_every_kind_of_data_write(database, fast_hashing):
    session = sessions.create_session(SESSION, LOCAL_ACTOR)
    assert _moved(lambda: sessions.create_session({**SESSION, "title": "Buổi hai"}, LOCAL_ACTOR))
    assert _moved(
        lambda: sessions.update_session(session.uuid, {**SESSION, "tips": "7"}, LOCAL_ACTOR)
    )
    assert _moved(lambda: sessions.delete_session(session.uuid, LOCAL_ACTOR))
    assert _moved(lambda: community_models.create_model(MODEL, LOCAL_ACTOR))
    decisions = []
    assert _moved(
        lambda: decisions.append(commendations.save_decision(DECISION, RECIPIENTS, LOCAL_ACTOR))
    )
    recipient = commendations.decision_recipients(decisions[0])[0]
    assert _moved(lambda: certificates.revoke(recipient.uuid, "Nhầm người", LOCAL_ACTOR))
    assert _moved(lambda: commendations.delete_decision(decisions[0].uuid, LOCAL_ACTOR))
    assert _moved(
        lambda: units.create_unit(
            {"code": "99001", "name": "Xã Thử", "kind": "xa", "parent_code": "061",
             "valid_to": "30/06/2025"},
            LOCAL_ACTOR,
        )
    )  # fmt: skip
    assert _moved(lambda: accounts.create_first_admin("admin", PASSWORD, "06"))
    admin = accounts.authenticate("admin", PASSWORD)
    assert _moved(lambda: accounts.create_user("canbo", PASSWORD, "officer", "01888", admin))
    assert _moved(lambda: accounts.reset_password("canbo", PASSWORD + "x", admin))
    assert _moved(lambda: accounts.disable_user("canbo", admin))
    assert _moved(lambda: settings.put("place", "Bắc Kạn", "admin"))
    assert _moved(lambda: period_locks.lock_period("061", "2024-01", admin))


def test_reads_prints_exports_and_sign_ins_leave_the_marker_alone(database, fast_hashing, tmp_path):
    accounts.create_first_admin("admin", PASSWORD, "06")
    sessions.create_session(SESSION, LOCAL_ACTOR)
    decision = commendations.save_decision(DECISION, RECIPIENTS, LOCAL_ACTOR)
    certificates._signing_key()  # made once, on the first print: a real change
    signing.ensure_own_key()  # the installation's key pair, made once: a real change too
    certificates._mark_v2_start()  # when signed (v2) codes began, written once: a setting
    before = backup.current_change_marker()
    admin = accounts.authenticate("admin", PASSWORD)
    with pytest.raises(accounts.AuthenticationError):
        accounts.authenticate("admin", "sai mật khẩu")
    chosen, _ = certificates.select_recipients(decision, None)
    data = certificates.prepare(decision, chosen, admin)  # serials are the print register's
    certificates.record_prints([d.serial for d in data], admin, certificates.print_options())
    report = reports.build_report("061", "2024", "calendar", actor=admin)
    reports.save_pdf(report, tmp_path / "bao-cao.pdf", admin)
    transfer.export_file("sessions", tmp_path / "buoi.csv", actor=admin)
    assert backup.current_change_marker() == before


def test_backups_follow_the_marker_even_after_a_restore(database):
    sessions.create_session(SESSION, LOCAL_ACTOR)
    first = backup.auto_backup("daily", now=datetime(2026, 3, 1, 8, 0))
    assert backup.auto_backup("close", now=datetime(2026, 3, 1, 9, 0)).path == first.path
    sessions.create_session({**SESSION, "title": "Buổi hai"}, LOCAL_ACTOR)
    second = backup.auto_backup("close", now=datetime(2026, 3, 1, 10, 0))
    assert second.path != first.path
    # Back to the first state, then as many writes as led to the second: still not the second.
    backup.restore_into_open_database(first.path)
    sessions.create_session({**SESSION, "title": "Buổi khác"}, LOCAL_ACTOR)
    assert not backup.holds_current_data(backup.list_backups()[0])


def test_a_backup_is_copied_in_steps_and_reports_its_progress(database):
    sessions.create_session(SESSION, LOCAL_ACTOR)
    seen: list[tuple[int, int]] = []
    target = backup.backup_to(
        backup.backup_dir() / "buoc.sqlite3",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen and seen[-1][0] == seen[-1][1] > 0
    assert backup.file_problem(target) is None


def _automatic_backups(path) -> list[str]:
    return [b.path.name for b in backup.list_backups(path)]


def _age_backups(path, days: int) -> None:
    """Make the backups of ``path`` look ``days`` older (their names hold when they were taken)."""
    for made in backup.list_backups(path):
        older = made.taken_at - timedelta(days=days)
        stamp = f"{made.taken_at:%Y%m%d-%H%M%S}"
        made.path.rename(
            made.path.with_name(made.path.name.replace(stamp, f"{older:%Y%m%d-%H%M%S}"))
        )


def test_the_command_line_backs_up_only_after_a_data_change(database, db_path, tmp_path):
    commendations.save_decision(DECISION, RECIPIENTS, LOCAL_ACTOR)
    sessions.create_session(SESSION, LOCAL_ACTOR)
    first = admin_cli(
        "certificates", "--decision", DECISION["decision_number"],
        "--out", str(tmp_path / "a.pdf"), db=db_path,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    # The first account (``user add``) was a real change, and no backup was there: backed up.
    # The signing key the certificates made was one too, but that backup is not a day old.
    kept = _automatic_backups(db_path)
    assert len(kept) == 1

    for command in (
        ("report", "--period", "2024", "--unit", "061", "--out", str(tmp_path / "r.pdf")),
        (
            "certificates",
            "--decision",
            DECISION["decision_number"],
            "--out",
            str(tmp_path / "b.pdf"),
        ),
        ("export", "sessions", str(tmp_path / "buoi.csv")),
        ("audit",),
    ):
        done = admin_cli(*command, db=db_path)
        assert done.returncode == 0, done.stderr
        assert _automatic_backups(db_path) == kept, command

    data = tmp_path / "moi.csv"
    data.write_text(
        "date,unit_code,kind,organizer_kind,title,participants\n"
        "06/03/2024,01888,launch,police,Buổi mới nhập,40\n",
        encoding="utf-8",
    )
    done = admin_cli("import", "sessions", str(data), db=db_path)
    assert done.returncode == 0, done.stderr
    # The import backed up before it wrote; the newest backup is not a day old: no copy on close.
    assert [b.reason for b in backup.list_backups(db_path)] == ["before-import", "close"], [
        b.path.name for b in backup.list_backups(db_path)
    ]
    assert _automatic_backups(db_path)[1:] == kept

    # A day later, a data-changing command leaves the day's copy when it closes.
    _age_backups(db_path, 2)
    kept = _automatic_backups(db_path)
    done = admin_cli("period", "lock", "--unit", "061", "--period", "2024-01", db=db_path)
    assert done.returncode == 0, done.stderr
    after = backup.list_backups(db_path)
    assert after[0].reason == "close" and len(after) == len(kept) + 1
    connection = sqlite3.connect(after[0].path)
    titles = {row[0] for row in connection.execute("SELECT title FROM activity_session")}
    connection.close()
    assert "Buổi mới nhập" in titles


def test_two_backups_in_one_second_keep_their_order(database):
    sessions.create_session(SESSION, LOCAL_ACTOR)
    moment = datetime(2026, 3, 1, 8, 0)
    backup.auto_backup("close", now=moment)
    sessions.create_session({**SESSION, "title": "Buổi hai"}, LOCAL_ACTOR)
    second = backup.auto_backup("close", now=moment)
    assert second.path.name.endswith("-2-close.sqlite3")
    assert backup.list_backups()[0].path == second.path
    assert backup.holds_current_data(backup.list_backups()[0])


def test_an_older_database_gets_the_marker_and_its_backups_still_compare(tmp_path):
    from movement_desk.db.connection import close_database, open_database
    from movement_desk.services.admin import bootstrap

    path = tmp_path / "cu.sqlite3"
    old = open_database(path, migrate=False)
    step = next(
        i for i, m in enumerate(migrations.MIGRATIONS) if m.apply is migrations._step_change_marker
    )
    migrations.migrate(old, target=step)
    old.execute_sql(
        "INSERT INTO admin_unit (uuid, created_at, updated_at, code, name, kind) "
        "VALUES ('u-1', '2024-01-01', '2024-01-01', '06', 'Bắc Kạn', 'tinh')"
    )
    close_database()
    try:
        bootstrap.open_upgraded(path)
        # The copy taken before the upgrade has no marker: it never passes for the current data.
        [before] = backup.list_backups(path)
        assert not backup.holds_current_data(before)
        assert backup.auto_backup("close").path != before.path
        assert _moved(lambda: db.execute_sql("UPDATE admin_unit SET name = 'Tỉnh Bắc Kạn'"))
    finally:
        close_database()
