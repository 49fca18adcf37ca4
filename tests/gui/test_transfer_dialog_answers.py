"""File → Import… and File → Export… when the user checks only, cancels, forgets the file or
picks one that cannot be read; a file with many repeated rows (gui/transfer_dialogs.py)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QLabel

from movement_desk.db.models import ActivitySession
from movement_desk.gui import prompts
from movement_desk.gui.transfer_dialogs import ExportDialog, ImportDialog, ImportErrorsDialog
from movement_desk.services.core.errors import FieldError
from movement_desk.services.records import transfer

HEADER = "date,unit_code,kind,organizer_kind,title,participants,tips\n"
ROW = "05/03/2025,01834,launch,police,Phát động ở Đức Xuân,120,1\n"


pytestmark = pytest.mark.usefixtures("vietnamese_qt")  # the words the user reads


def _result(dialog) -> str:
    return dialog.findChild(QLabel, "import_result").text()


def _wait(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=20_000)


def test_checking_a_file_with_many_repeated_rows_writes_nothing_and_shows_ten_notices(
    qtbot, context, tmp_path, monkeypatch
):
    path = tmp_path / "buoi.csv"
    path.write_text(HEADER + ROW * 13, "utf-8")
    monkeypatch.setattr(prompts, "open_file", lambda *a, **k: str(path))
    changed: list[str] = []
    context.events.changed.connect(changed.append)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    next(b for b in dialog.findChildren(type(dialog.run_button)) if "…" in b.text()).click()
    assert dialog.path.text() == str(path)  # Browse… filled it
    dialog.dry_run.setChecked(True)
    dialog.run()
    _wait(qtbot, dialog)
    lines = _result(dialog).split("\n")
    assert lines[0].startswith("Sẽ nhập 1 ")  # a check only: "would import"
    assert lines[1] == "Dòng 3 giống hệt dòng 2 ở mọi cột: chỉ nhập một."
    assert len(lines) == 12 and lines[-1] == "…"  # ten of the twelve, then "…"
    assert ActivitySession.select().count() == 0
    assert changed == []  # nothing written: the lists are not told to reload


def test_no_file_a_cancelled_browse_and_a_missing_file_are_said(
    qtbot, context, tmp_path, monkeypatch
):
    monkeypatch.setattr(prompts, "open_file", lambda *a, **k: "")
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    next(b for b in dialog.findChildren(type(dialog.run_button)) if "…" in b.text()).click()
    assert dialog.path.text() == ""
    dialog.run_button.click()
    assert _result(dialog) == "Hãy chọn tệp trước."
    assert dialog.task is None
    missing = tmp_path / "khong-co.csv"
    dialog.path.setText(str(missing))
    dialog.run()
    _wait(qtbot, dialog)
    assert _result(dialog) == f"Không tìm thấy tệp “{missing}”."
    assert dialog.run_button.isEnabled()
    assert ActivitySession.select().count() == 0


def test_an_import_cancelled_while_it_runs_writes_nothing(qtbot, context, tmp_path, monkeypatch):
    path = tmp_path / "buoi.csv"
    path.write_text(HEADER + ROW, "utf-8")
    started, release = threading.Event(), threading.Event()
    real_import = transfer.import_file

    def held(*args, **kwargs):  # the real import, once the test has pressed Cancel
        started.set()
        release.wait(10)
        return real_import(*args, **kwargs)

    monkeypatch.setattr(transfer, "import_file", held)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    dialog.run()
    assert started.wait(10)
    dialog.task.cancel()  # the progress dialog's Cancel
    release.set()
    _wait(qtbot, dialog)
    assert _result(dialog) == "Đã hủy: không ghi gì."
    assert ActivitySession.select().count() == 0


def test_cancelled_save_dialogs_write_no_file(qtbot, context, tmp_path, monkeypatch):
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: "")
    errors = ImportErrorsDialog([FieldError("date", "Ngày tổ chức", "không có ngày 31/02", row=3)])
    qtbot.addWidget(errors)
    assert errors.save_list() == ""
    export = ExportDialog(context)
    qtbot.addWidget(export)
    export.run_button.click()
    assert not hasattr(export, "task")  # nothing started
    assert export.result_label.text() == ""
    assert list(tmp_path.glob("*.xlsx")) == []
