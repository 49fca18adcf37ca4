"""The day's backup is copied on a worker thread once the window has opened."""

from __future__ import annotations

from movement_desk.db import backup
from movement_desk.gui import maintenance_actions
from movement_desk.gui.main_window import MainWindow


def test_the_days_backup_is_made_in_the_background_once_the_window_has_shown(
    qtbot, context, db_path, monkeypatch
):
    for made in backup.list_backups(db_path):
        made.path.unlink()
    steps = []
    copy = backup.backup_to

    def stepped(target, source=None, *, progress=None):
        steps.append(progress is not None)
        return copy(target, source, progress=progress)

    monkeypatch.setattr(backup, "backup_to", stepped)
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    daily = maintenance_actions.back_up_daily_in_background(window, db_path, delay_ms=0)
    assert backup.list_backups(db_path) == []  # nothing before the window has painted
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: daily.done, timeout=60_000)
    qtbot.waitUntil(lambda: daily.made is not None)
    assert [b.reason for b in backup.list_backups(db_path)] == ["daily"]
    assert steps == [True]  # in steps, telling the status bar how far it got
    assert daily.made.path.name in window.statusBar().currentMessage()
    # The same day again: nothing to copy.
    assert backup.daily_backup_if_due() is None


def test_the_window_opens_without_the_signing_key_and_makes_it_in_the_background(
    qtbot, context, db_path, tmp_path, monkeypatch
):
    from movement_desk.services.core import signing

    monkeypatch.setenv("MOVEMENT_DESK_KEY_DIR", str(tmp_path / "keys"))
    assert not list((tmp_path / "keys").glob("*.key"))
    assert maintenance_actions.open_database_interactively(db_path)
    assert not list((tmp_path / "keys").glob("*.key"))  # not before the window shows
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    daily = maintenance_actions.back_up_daily_in_background(window, db_path, delay_ms=0)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: daily.done, timeout=60_000)
    assert len(list((tmp_path / "keys").glob("*.key"))) == 1
    assert signing.own_key_id()
