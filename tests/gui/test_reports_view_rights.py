"""The Reports view passes its account to the services: the unit picker shows the account's
scope, a preview records nothing, saving records a print, and a refusal is a message."""

from __future__ import annotations

from movement_desk.db.account_tables import AuditEntry
from movement_desk.gui import prompts, reports_view
from movement_desk.gui.reports_view import ReportsView
from movement_desk.services.core.periods import Period


def _view(qtbot, actor) -> ReportsView:
    widget = ReportsView(actor=actor)
    qtbot.addWidget(widget)
    widget.set_period(Period("month", 2024, 3))
    return widget


def _prints() -> list[AuditEntry]:
    return list(AuditEntry.select().where(AuditEntry.action == "print"))


def test_a_supervisor_sees_their_units_and_saving_is_recorded(qtbot, people, monkeypatch, tmp_path):
    view = _view(qtbot, people["lead"])
    assert set(view._unit_items) >= {"061", "01888", "TN01888"}
    assert "058" not in view._unit_items and "06" not in view._unit_items
    assert view.unit_code() == "061"
    with qtbot.waitSignal(view.report_built, timeout=20_000):
        assert view.build()
    assert _prints() == []  # a preview is not a print
    monkeypatch.setattr(prompts, "save_file", lambda *args: str(tmp_path / "r.pdf"))
    qtbot.mouseClick(view.reports_save_pdf, reports_view.Qt.MouseButton.LeftButton)
    [entry] = _prints()
    assert entry.username == "lead" and entry.summary.endswith("ra tệp PDF r.pdf")


def test_an_officer_is_told_they_may_not_print_reports(qtbot, people, monkeypatch):
    errors = []
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: errors.append(text))
    view = _view(qtbot, people["officer"])
    assert not view.build()
    assert errors and "không có quyền in báo cáo" in errors[0]
    assert view.data is None and _prints() == []
