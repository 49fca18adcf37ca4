"""Cancel pressed on the progress of a list export or a unit list check (gui/views/records.py,
gui/views/catalogues.py): a cancel is not reported as a failure, and a check cancelled says
that nothing was written."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from movement_desk.db.models import AdministrativeUnit
from movement_desk.gui import prompts
from movement_desk.gui.views.catalogues import UnitImportDialog
from movement_desk.gui.views.records import SessionsView


def test_an_export_cancelled_is_not_reported_as_a_failure(
    qtbot, small_demo, context, tmp_path, monkeypatch, no_prompts
):
    target = tmp_path / "sessions.xlsx"
    monkeypatch.setattr(prompts, "save_file", lambda *args, **kwargs: str(target))
    view = SessionsView(context)
    qtbot.addWidget(view)
    view.show()
    assert view.model.wait_until_loaded()
    view.export_list()
    view._task.dialog.findChild(QPushButton).click()  # Cancel, on the progress dialog
    qtbot.waitUntil(lambda: view._task.done, timeout=20_000)
    assert no_prompts == []  # neither "Export failed" nor "Exported … rows"


def test_a_unit_list_check_cancelled_says_nothing_was_written(qtbot, context, no_prompts, tmp_path):
    rows = "".join(f"09{n:03d},Bản {n},xã,061,01/01/2024,30/06/2025\n" for n in range(300))
    path = tmp_path / "units.csv"
    path.write_text("code,name,kind,parent_code,valid_from,valid_to\n" + rows, "utf-8")
    before = AdministrativeUnit.select().count()
    dialog = UnitImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    dialog.check_button.click()
    dialog.task.dialog.findChild(QPushButton).click()
    qtbot.waitUntil(lambda: dialog.task.done, timeout=20_000)
    assert dialog.result_label.text() == "Cancelled: nothing was written."
    assert dialog.check_button.isEnabled() and not dialog.run_button.isEnabled()
    assert AdministrativeUnit.select().count() == before
