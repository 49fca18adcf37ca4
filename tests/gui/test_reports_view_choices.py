"""The Reports view when the user has not picked a unit, cancels a file dialog or a printer, or
picks a place that cannot be written: a message, never a half-written file
(gui/reports_view.py)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtPdf")

from movement_desk.gui import prompts  # noqa: E402
from movement_desk.services.core.periods import Period  # noqa: E402
from tests.gui.test_reports_view import view  # noqa: E402, F401


@pytest.fixture
def errors(monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: said.append(text))
    return said


def test_without_a_unit_nothing_is_built_saved_or_locked(view, errors):  # noqa: F811
    view.reports_unit_tree.setCurrentIndex(view.unit_proxy.index(-1, -1))
    assert view.unit_code() is None
    assert not view.build()
    assert not view.save_notes()
    view.reports_lock.click()
    assert errors == ["Pick a unit first."] * 3


def test_cancelled_or_impossible_saves_write_nothing(view, errors, qtbot, tmp_path, monkeypatch):  # noqa: F811
    view.select_unit("058")
    view.set_period(Period("month", 2024, 1))
    with qtbot.waitSignal(view.report_built):
        assert view.build()
    status = view.reports_status.text()
    folder = tmp_path / "a-folder"
    folder.mkdir()
    answers = iter(["", "", str(folder), str(folder)])
    monkeypatch.setattr(prompts, "save_file", lambda *args: next(answers))
    view.reports_save_pdf.click()  # cancelled
    view.reports_save_xlsx.click()  # cancelled
    assert view.reports_status.text() == status and errors == []
    view.reports_save_pdf.click()  # a folder, not a file
    view.reports_save_xlsx.click()
    assert len(errors) == 2 and all(str(folder) in text for text in errors)
    assert list(folder.iterdir()) == []
    # No printer chosen: nothing is printed nor recorded.
    monkeypatch.setattr(prompts, "ask_printer", lambda parent, page_layout=None: None)
    view.reports_print.click()
    assert len(errors) == 2
