"""Closing the window ends what its pages were still reading on worker threads."""

from __future__ import annotations

import threading

from movement_desk.gui.main_window import MainWindow
from movement_desk.services import dashboard
from movement_desk.services.core.errors import PermissionDenied


def test_figures_still_being_read_when_the_window_closes_are_dropped(qtbot, context, monkeypatch):
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    home = window.show_page("home")
    assert home.wait_until_loaded()
    started, release = threading.Event(), threading.Event()

    def read_after_the_database_changed(today, *, actor):
        started.set()
        release.wait(10)
        # What the next database answers for an account it does not know.
        raise PermissionDenied(f"Tài khoản “{actor.username}” không còn tồn tại.")

    monkeypatch.setattr(dashboard, "build_dashboard", read_after_the_database_changed)
    home.refresh()
    assert started.wait(10)
    window.close()
    worker = home._figures.worker
    with qtbot.waitSignal(worker.finished, timeout=10_000):
        release.set()
    qtbot.wait(50)  # the answer reaches the GUI thread: nothing is raised or shown
    assert not home._figures.pending
