"""The benchmark's window hook: signs in from the environment and quits once the window painted."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

from movement_desk.gui import startup_probe
from tests.account_fixtures import PASSWORD


def test_without_the_variable_the_hook_does_nothing(people, monkeypatch):
    monkeypatch.delenv(startup_probe.ENV_VAR, raising=False)
    monkeypatch.setenv("MOVEMENT_DESK_USER", "admin")
    monkeypatch.setenv("MOVEMENT_DESK_PASSWORD", PASSWORD)
    assert not startup_probe.active()
    assert startup_probe.sign_in() is None


def test_the_callback_comes_after_the_first_paint_only(qtbot):
    calls: list[str] = []
    widget = QWidget()
    qtbot.addWidget(widget)
    startup_probe.quit_when_painted(widget, lambda: calls.append("shown"))
    qtbot.wait(20)
    assert calls == []  # not shown yet
    widget.show()
    qtbot.waitUntil(lambda: calls == ["shown"])
    widget.update()
    qtbot.wait(50)
    assert calls == ["shown"]


def test_the_window_program_signs_in_and_exits_once_shown(people, db_path, qapp, monkeypatch):
    from movement_desk.db import backup, connection
    from movement_desk.gui.app import run_gui
    from movement_desk.gui.main_window import MainWindow

    monkeypatch.setenv(startup_probe.ENV_VAR, "1")
    monkeypatch.setenv("MOVEMENT_DESK_USER", "lead")
    monkeypatch.setenv("MOVEMENT_DESK_PASSWORD", PASSWORD)
    # What run_gui installs for the process goes back as it was after the test.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(connection, "_write_waiter", connection._write_waiter)
    # Closing the window below must not post a quit that would stop the next tests' event loops.
    qapp.setQuitOnLastWindowClosed(False)
    try:
        assert run_gui(db_path, lang="en") == 0
    finally:
        qapp.aboutToQuit.disconnect(backup.backup_on_close)
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        users = [w.context.actor.username for w in windows]
        for window in windows:
            window.close()
            window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qapp.processEvents()
        qapp.setQuitOnLastWindowClosed(True)
    assert users == ["lead"]
