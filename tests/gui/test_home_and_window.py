"""Home figures per commune, the main window's pages, menus and status bar."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from movement_desk.gui import main_window
from movement_desk.gui.main_window import MainWindow
from movement_desk.gui.views.home import HomeView
from movement_desk.services.core import settings
from movement_desk.services.core.actor import SYSTEM_ACTOR
from movement_desk.services.dashboard import build_dashboard
from movement_desk.services.records import sessions


def _session(actor, day: str, unit: str, participants: int = 10) -> None:
    sessions.create_session(
        {
            "date": day,
            "unit_code": unit,
            "kind": "launch",
            "organizer_kind": "police",
            "title": f"Buổi {day} {unit}",
            "participants": participants,
            "tips": 1,
        },
        actor,
    )


def test_dashboard_counts_this_period_per_commune(database, actor):
    settings.put("home_unit_code", "19")
    _session(actor, "20/10/2025", "TN01834", 30)  # in month 11/2025 under the decree rule
    _session(actor, "01/11/2025", "TN01834", 20)
    _session(actor, "10/10/2025", "TN01834", 99)  # month 10: not counted
    board = build_dashboard(date(2025, 11, 3), actor=SYSTEM_ACTOR)
    assert (board.start, board.end) == (date(2025, 10, 15), date(2025, 11, 14))
    assert len(board.rows) == 37
    row = next(r for r in board.rows if r.unit_code == "TN01834")
    assert (row.sessions, row.participants, row.tips) == (2, 50, 2)
    assert row.last_entry == date(2025, 11, 1)
    assert len(board.missing) == 36


def test_home_highlights_communes_with_nothing_and_opens_their_sessions(
    qtbot, context, actor, no_prompts
):
    settings.put("home_unit_code", "19")
    _session(actor, "20/10/2025", "TN01834", 30)
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    home = window.page("home")
    home.today = date(2025, 11, 3)
    home.refresh()
    assert "Thái Nguyên" in home.heading.text()
    assert "36 of 37" in home.summary.text()
    model = home.model
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    busy = rows["Phường Đức Xuân"]
    empty = next(r for name, r in rows.items() if name != "Phường Đức Xuân")
    assert model.index(busy, 1).data() == "1"
    assert model.index(busy, 2).data() == "30"
    assert model.index(busy, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(empty, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    home.table.clicked.emit(model.index(busy, 0))
    assert window.current_key() == "sessions"
    view = window.page("sessions")
    assert view.filters.unit.code == "TN01834"
    assert view.model.rowCount() == 1


def test_home_without_a_home_unit_says_what_to_do(qtbot, context):
    settings.put("home_unit_code", "nope")
    home = HomeView(context)
    qtbot.addWidget(home)
    assert "Computing" in home.heading.text()  # the figures are read on a worker thread
    assert home.wait_until_loaded()
    assert "Settings" in home.heading.text()


def test_every_page_opens_and_reports_and_certificates_can_be_plugged_in(
    qtbot, context, monkeypatch
):
    class FakeReports(QWidget):
        def __init__(self, context):
            super().__init__()
            self.context = context

    # Copies of the pages: register_page changes a page in place.
    monkeypatch.setattr(main_window, "PAGES", [replace(page) for page in main_window.PAGES])
    main_window.register_page("reports", "Reports", FakeReports)
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    for page in main_window.PAGES:
        widget = window.show_page(page.key)
        assert window.stack.currentWidget() is widget
    assert isinstance(window.page("reports"), FakeReports)
    assert window.nav.count() == len(main_window.PAGES)


def test_status_bar_shows_database_unit_and_counts(qtbot, context, actor):
    settings.put("home_unit_code", "19")
    _session(actor, "20/10/2025", "TN01834")
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    assert window.wait_until_counted()  # read on a worker thread once the window has shown
    texts = " ".join(label.text() for label in window.statusBar().findChildren(QLabel))
    assert str(context.db_path) in texts
    assert "Thái Nguyên" in texts
    assert "1 sessions" in texts


def test_ctrl_n_on_the_sessions_page_opens_a_new_session_form(qtbot, context, no_prompts):
    from movement_desk.gui.forms import SessionForm

    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    window.show_page("sessions")
    form = window.new_current()
    assert isinstance(form, SessionForm)
    assert form.uuid is None
    form.close()


def test_a_saved_size_too_small_to_work_in_gives_way_to_a_usable_one(qtbot, context):
    from PySide6.QtCore import QSettings

    tiny = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(tiny)
    tiny.resize(400, 250)
    QSettings().setValue("main_window/geometry", tiny.saveGeometry())
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    assert window.width() >= min(900, screen.width())
    assert window.height() >= min(560, screen.height())
    assert window.width() > 400 and window.height() > 250
    QSettings().remove("main_window/geometry")
