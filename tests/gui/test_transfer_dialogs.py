"""File → Import… with its progress and error table, File → Export…."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from movement_desk.db.models import ActivitySession
from movement_desk.gui.transfer_dialogs import ExportDialog, ImportDialog, ImportErrorsDialog
from movement_desk.services.core import tabular

HEADER = "date,unit_code,kind,organizer_kind,title,participants,tips\n"


def _run_import(qtbot, dialog: ImportDialog, path) -> None:
    dialog.path.setText(str(path))
    dialog.run()
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=10000)


def test_a_good_file_is_imported_and_the_lists_are_told(qtbot, context, tmp_path):
    path = tmp_path / "buoi.csv"
    path.write_text(
        HEADER
        + "05/03/2025,01834,launch,police,Phát động ở Đức Xuân,120,1\n"
        + "06/03/2025,01834,propaganda,police,Tuyên truyền ở Đức Xuân,80,0\n",
        "utf-8",
    )
    changed = []
    context.events.changed.connect(changed.append)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    _run_import(qtbot, dialog, path)
    assert ActivitySession.select().count() == 2
    assert "2 mới" in dialog.findChild(QLabel, "import_result").text()
    assert "sessions" in changed


def test_a_bad_file_writes_nothing_and_shows_its_rows_in_a_table_that_can_be_saved(
    qtbot, context, tmp_path, monkeypatch
):
    from movement_desk.gui import prompts

    path = tmp_path / "buoi.csv"
    path.write_text(
        HEADER
        + "05/03/2025,01834,launch,police,Phát động,120,1\n"
        + "31/02/2025,01834,launch,police,Ngày sai,10,0\n"
        + "06/03/2025,99999,launch,police,Đơn vị sai,-5,0\n",
        "utf-8",
    )
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    _run_import(qtbot, dialog, path)
    assert ActivitySession.select().count() == 0
    errors: ImportErrorsDialog = dialog.errors_dialog
    qtbot.addWidget(errors)
    rows = [
        [errors.model.index(r, c).data() for c in range(3)] for r in range(errors.model.rowCount())
    ]
    assert rows[0][:2] == ["3", "Ngày tổ chức"]
    assert {row[0] for row in rows} == {"3", "4"}
    assert any("99999" in row[2] for row in rows)
    target = tmp_path / "loi.xlsx"
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: str(target))
    errors.save_list()
    table = tabular.read_table(target, {"row": "Row", "column": "Column", "problem": "Problem"})
    assert len(table.rows) == len(rows)


def test_export_dialog_writes_the_chosen_kind(qtbot, small_demo, context, tmp_path, monkeypatch):
    from movement_desk.gui import prompts

    target = tmp_path / "mo-hinh.csv"
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: str(target))
    dialog = ExportDialog(context)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("models"))
    dialog.run()
    qtbot.waitUntil(lambda: dialog.task.done, timeout=10000)
    assert target.exists()
    assert "60" in dialog.result_label.text()


def test_cancelling_a_long_task_stops_it_and_reports_it(qtbot, context):
    import threading

    from movement_desk.gui import tasks

    started = threading.Event()
    outcome = []

    def work(progress):
        started.set()
        for step in range(10_000):
            progress(step, 10_000)
            threading.Event().wait(0.001)
        return "finished"

    task = tasks.run_task(None, "Working…", work, outcome.append, outcome.append)
    started.wait(2)
    from PySide6.QtWidgets import QPushButton

    task.dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert isinstance(outcome[0], tasks.TaskCancelled)


def test_a_background_task_waits_for_another_users_write_and_says_so(
    qtbot, context, db_path, actor
):
    """Not only imports: any task's write that meets another user's write waits, with
    "đang chờ…" in its dialog, instead of failing after the busy timeout."""
    import sqlite3

    from movement_desk.gui import tasks
    from movement_desk.services.records import sessions
    from tests.services.test_permissions import SESSION

    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another user in the middle of a write
    outcome = []
    task = tasks.run_task(
        None,
        "Saving…",
        lambda progress: sessions.create_session(SESSION, actor),
        outcome.append,
        outcome.append,
    )
    waiting = task.tr("Waiting for another user to finish writing…")
    try:
        qtbot.waitUntil(lambda: task.dialog.labelText() == waiting, timeout=5000)
        assert not task.done
    finally:
        holder.execute("COMMIT")
        holder.close()
    qtbot.waitUntil(lambda: task.done, timeout=10000)
    assert not isinstance(outcome[0], BaseException), outcome
    assert ActivitySession.select().count() == 1
