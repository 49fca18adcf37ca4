"""The window on a database whose pages are damaged (the header is fine): no automatic backup
of it, and the offer of the newest good backup, as for a file that cannot be opened."""

from __future__ import annotations

import sqlite3

import peewee
import pytest

from movement_desk.db import backup
from movement_desk.db.connection import close_database, db
from movement_desk.db.models import ActivitySession
from movement_desk.gui import maintenance_actions
from movement_desk.services.records import transfer
from tests.gui.test_accounts_gui import prompts  # noqa: F401 - answers the dialogs


def test_damaged_pages_at_start_offer_the_newest_good_backup(
    qtbot,
    database,
    db_path,
    actor,
    tmp_path,
    prompts,  # noqa: F811
):
    said, answers = prompts
    lines = ["date,unit_code,kind,organizer_kind,title,participants"]
    lines += [f"05/03/2024,01834,launch,police,Buổi {n} {'x' * 300},{n}" for n in range(1500)]
    file = tmp_path / "s.csv"
    file.write_text("\n".join(lines), encoding="utf-8")
    transfer.import_file("sessions", file, actor)
    for made_today in backup.backup_dir(db_path).iterdir():
        made_today.unlink()
    good = backup.backup_dir(db_path) / f"{db_path.stem}-20240101-080000-daily.sqlite3"
    backup.backup_to(good)
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    close_database()
    with db_path.open("r+b") as handle:
        for page in range(pages // 2, pages // 2 + 20):
            handle.seek((page - 1) * 4096 + 8)
            handle.write(b"\xde\xad\xbe\xef" * 400)

    # What run_gui does after opening: the daily backup meets the damage.
    opened = maintenance_actions.open_database_interactively(db_path)
    # Opening may meet the damage itself (it reads the sessions written since the last start,
    # for the organisers' catalogue) and offer the backup then; else the daily backup does.
    met_while_opening = any(good.name in text for _, text in said)
    if opened and not met_while_opening:
        with pytest.raises((peewee.DatabaseError, sqlite3.DatabaseError)) as caught:
            backup.daily_backup_if_due()
        assert backup.is_damage(caught.value)
        problem = maintenance_actions.damaged_text(db_path, caught.value)
        answers["yes_no"] = True
        assert maintenance_actions.offer_newest_good_backup(db_path, problem)
    assert good.name in said[-1][1] or any(good.name in text for _, text in said)
    assert [b.path for b in backup.list_backups(db_path) if "daily" in b.reason][-1] == good
    assert backup.file_problem(db_path) is None
    assert ActivitySession.select().count() == 1500


def test_an_error_no_dialog_caught_is_told_in_plain_words(qtbot, database, prompts):  # noqa: F811
    from movement_desk.gui import app

    said, _ = prompts
    busy = peewee.OperationalError("database is locked")
    app.on_uncaught_exception(type(busy), busy, None)
    assert "nothing of this action was written" in said[-1][1] or "chưa" in said[-1][1]
    full = sqlite3.OperationalError("database or disk is full")
    app.on_uncaught_exception(type(full), full, None)
    assert "đã đầy" in said[-1][1]


def test_a_save_waits_for_another_users_write_and_the_window_says_so(
    qtbot, database, db_path, actor
):
    import threading

    from PySide6.QtWidgets import QMainWindow

    from movement_desk.db import connection
    from movement_desk.gui import app
    from movement_desk.services.records import sessions
    from tests.services.test_permissions import SESSION

    window = QMainWindow()
    qtbot.addWidget(window)
    seen = []
    shown = app.write_waiter(lambda: window)

    def waiter(state):
        if state is True:
            threading.Timer(0.6, lambda: holder.execute("COMMIT")).start()
        seen.append((state, window.statusBar().currentMessage()))
        shown(state)
        if state is not None:
            seen.append((state, window.statusBar().currentMessage()))

    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another user in the middle of a write
    connection.set_write_waiter(waiter)
    try:
        sessions.create_session(SESSION, actor)
    finally:
        connection.set_write_waiter(None)
        holder.close()
    states = [state for state, _ in seen]
    assert states[0] is True and states[-1] is False
    assert any(message for state, message in seen if state is True)
    assert window.statusBar().currentMessage() == ""
    assert ActivitySession.select().count() == 1
