"""Smaller answers of the window's helpers: no PDF viewer for the guide, an icon from the
drawing when the PNGs are missing, the print dialog opened on the certificates' paper, a
cancelled file dialog, a lock picked in the lock list, and the task helper's Cancel (refused by
work that must not stop, obeyed by work waiting for another user's write)."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPageLayout
from PySide6.QtWidgets import QApplication

from movement_desk.db.models import ActivitySession
from movement_desk.gui import help_actions, icons, prompts, tasks, texts
from movement_desk.paths import GUIDE_PDF


def test_without_a_pdf_viewer_the_guide_says_where_it_is(qtbot, no_prompts, monkeypatch):
    monkeypatch.setattr(help_actions, "open_path", lambda path: False)
    assert help_actions.open_guide() is False
    assert no_prompts == [
        ("inform", f"No program to open PDF files was found. The guide is at:\n{GUIDE_PDF}")
    ]


def test_without_the_drawn_pngs_the_icon_comes_from_the_drawing(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(icons, "app_icon_png", lambda size: tmp_path / f"khong-co-{size}.png")
    icon = icons.application_icon()
    assert not icon.isNull()
    assert not icon.pixmap(32, 32).isNull()


def test_an_empty_choice_reads_as_nothing():
    assert texts.choice_text(None) == ""


def test_a_given_draft_store_is_kept(qapp, tmp_path):
    from movement_desk.gui.context import AppContext
    from movement_desk.gui.drafts import DraftStore

    store = DraftStore(tmp_path / "xa.sqlite3", "clerk")
    context = AppContext(tmp_path / "xa.sqlite3", drafts=store)
    assert context.drafts is store


def test_the_print_dialog_opens_on_the_paper_given(qtbot):
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageSize

    seen: list[QPageLayout.Orientation] = []

    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, answer)
            return
        seen.append(dialog.printer().pageLayout().orientation())
        dialog.reject()

    QTimer.singleShot(0, answer)
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape, QMarginsF()
    )
    assert prompts.ask_printer(None, layout) is None
    assert seen == [QPageLayout.Orientation.Landscape]


def test_a_cancelled_file_dialog_keeps_the_last_folder(qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(tmp_path / "a.xlsx"), ""))
    assert prompts.open_file(None, "Mở", prompts.TABLE_FILTER, "test-cancel") == str(
        tmp_path / "a.xlsx"
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: ("", ""))
    assert prompts.open_file(None, "Mở", prompts.TABLE_FILTER, "test-cancel") == ""
    assert prompts._last_folder("test-cancel") == str(tmp_path)


def test_picking_a_lock_in_the_list_fills_its_unit_and_period(qtbot, people):
    from movement_desk.gui.period_locks_dialog import PeriodLockDialog
    from movement_desk.services.core import period_locks

    period_locks.lock_period("061", "2024-03", people["lead"], rule="decree")
    dialog = PeriodLockDialog(people["lead"], unit_code="061", rule="decree")
    qtbot.addWidget(dialog)
    dialog.lock_unit.setCurrentIndex(dialog.lock_unit.count() - 1)  # another unit picked
    assert dialog.unit_code() != "061"
    model = dialog.locks_model
    assert model.rowCount() == 1
    assert model.index(0, 1).data() == "2024-03"
    dialog.locks_table.clicked.emit(model.index(0, 1))
    assert dialog.unit_code() == "061"
    assert dialog.lock_period.text() == "2024-03"
    # The row reads: the unit, the period, its days, who locked it and when, the note.
    assert model.index(0, 0).data().endswith("(061)")
    assert model.index(0, 2).data() == "15/02/2024 – 14/03/2024"
    assert model.index(0, 3).data() == f"lead, {date.today():%d/%m/%Y}"
    assert model.index(0, 4).data() == ""


def test_work_that_must_not_stop_ignores_cancel(qtbot):
    release = threading.Event()
    outcome: list = []

    def work(progress):
        release.wait(10)
        return "xong"

    task = tasks.run_task(None, "Đang khôi phục…", work, outcome.append, outcome.append,
                          cancellable=False)  # fmt: skip
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    assert outcome == ["xong"]


def test_cancel_while_waiting_for_another_users_write_gives_up_and_writes_nothing(
    qtbot, context, db_path, actor, backend
):
    import pytest

    if backend != "sqlite":
        pytest.skip("another user's write is held with SQLite's own lock")
    from movement_desk.services.records import sessions
    from tests.services.test_permissions import SESSION

    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another user in the middle of a write
    outcome: list = []
    task = tasks.run_task(
        None,
        "Đang lưu…",
        lambda progress: sessions.create_session(SESSION, actor),
        outcome.append,
        outcome.append,
    )
    waiting = task.tr("Waiting for another user to finish writing…")
    try:
        qtbot.waitUntil(lambda: task.dialog.labelText() == waiting, timeout=5000)
        task.cancel()  # the dialog's Cancel while it waits
        qtbot.waitUntil(lambda: task.done, timeout=10_000)
    finally:
        holder.execute("COMMIT")
        holder.close()
    assert len(outcome) == 1 and isinstance(outcome[0], tasks.TaskCancelled)
    assert ActivitySession.select().count() == 0
