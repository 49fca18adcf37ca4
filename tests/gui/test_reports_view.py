"""The Reports view: pick unit and period, write the sections, preview, save PDF and Excel, print."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from movement_desk.gui import prompts, reports_view
from movement_desk.gui.reports_view import ReportsView
from movement_desk.pdf.report_data import NOTE_SHORTCOMINGS
from movement_desk.services import reports
from movement_desk.services.core.periods import Period
from tests import report_fixtures


@pytest.fixture
def view(qtbot, database, actor):
    report_fixtures.build(actor)
    widget = ReportsView(actor=actor)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    return widget


def pdf_text(data: bytes) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_search_finds_a_unit_without_accents(view, qtbot):
    view.reports_unit_tree.setCurrentIndex(view.unit_proxy.index(-1, -1))
    qtbot.keyClicks(view.reports_unit_search, "duong quang")
    assert view.unit_code() == "01849"
    view.reports_unit_search.clear()
    assert view.unit_proxy.rowCount() == 2  # the two provinces again


def test_period_picker_shows_the_dates_covered(view):
    view.set_period(Period("month", 2024, 1))
    view.reports_rule.setCurrentIndex(view.reports_rule.findData("decree"))
    assert view.period() == Period("month", 2024, 1)
    assert "15/12/2023" in view.reports_covers.text()
    assert "14/01/2024" in view.reports_covers.text()
    view.reports_rule.setCurrentIndex(view.reports_rule.findData("calendar"))
    assert "01/01/2024" in view.reports_covers.text()
    view.reports_kind.setCurrentIndex(view.KINDS.index("quarter"))
    assert view.period().kind == "quarter"
    assert not view.reports_from.isEnabled()
    view.reports_kind.setCurrentIndex(view.KINDS.index("range"))
    assert view.reports_from.isEnabled() and not view.reports_year.isEnabled()


def test_preview_saves_the_sections_and_shows_the_pdf(view, qtbot, monkeypatch, tmp_path):
    errors = []
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: errors.append(text))
    view.select_unit("058")
    view.set_period(Period("month", 2024, 1))
    view.reports_rule.setCurrentIndex(view.reports_rule.findData("decree"))
    # keyClicks only types ASCII; insertPlainText is what an input method delivers.
    view.reports_shortcomings.insertPlainText("Hai xã chưa gửi số liệu.")
    with qtbot.waitSignal(view.report_built):
        qtbot.mouseClick(view.reports_preview, reports_view.Qt.MouseButton.LeftButton)
        assert not view.reports_save_pdf.isEnabled()  # busy until the report is ready
    assert errors == []
    assert view.pdf_document.status() == QPdfDocument.Status.Ready
    assert view.pdf_document.pageCount() >= 3
    assert "3 sessions" in view.reports_status.text()
    assert "56.375" in view.reports_status.text()
    assert "6/8" in view.reports_status.text()
    # The section is stored and printed.
    assert reports.load_notes("058", "2024-01", "decree")[NOTE_SHORTCOMINGS] == (
        "Hai xã chưa gửi số liệu."
    )
    assert "Hai xã chưa gửi số liệu." in pdf_text(view.pdf_bytes)

    pdf_path, xlsx_path = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    answers = iter([str(pdf_path), str(xlsx_path)])
    monkeypatch.setattr(prompts, "save_file", lambda *args: next(answers))
    qtbot.mouseClick(view.reports_save_pdf, reports_view.Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.reports_save_xlsx, reports_view.Qt.MouseButton.LeftButton)
    assert "55.875" in pdf_text(pdf_path.read_bytes())
    sheet = load_workbook(xlsx_path)["Theo đơn vị"]
    assert any(row[3] == 55_875 for row in sheet.iter_rows(min_row=2, values_only=True))

    # Another period: its own (empty) sections; back again: the saved text returns.
    view.set_period(Period("month", 2024, 2))
    assert view.reports_shortcomings.toPlainText() == ""
    view.set_period(Period("month", 2024, 1))
    assert view.reports_shortcomings.toPlainText() == "Hai xã chưa gửi số liệu."


def test_roll_up_on_a_merged_unit_shows_the_message(view, qtbot, monkeypatch):
    errors = []
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: errors.append(text))
    view.select_unit("06")
    view.set_period(Period("year", 2024))
    view.reports_rollup.setChecked(True)
    with qtbot.waitSignal(view.report_failed):
        assert view.build()
    assert "Thái Nguyên" in errors[0]
    assert view.reports_preview.isEnabled()


def test_print_builds_first_then_paints_every_page(view, qtbot, tmp_path, monkeypatch):
    view.select_unit("058")
    view.set_period(Period("month", 2024, 1))
    out = tmp_path / "printed.pdf"

    def printer(parent, page_layout=None):
        device = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        device.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        device.setOutputFileName(str(out))
        device.setResolution(30)
        return device

    monkeypatch.setattr(prompts, "ask_printer", printer)
    with qtbot.waitSignal(view.report_built):
        view.reports_print.click()  # no preview yet: the report is built, then printed
    qtbot.waitUntil(lambda: view.task.done)
    assert len(PdfReader(str(out)).pages) == view.pdf_document.pageCount() >= 3


def test_print_paints_every_page(view, qtbot, tmp_path):
    view.select_unit("058")
    view.set_period(Period("month", 2024, 1))
    with qtbot.waitSignal(view.report_built):
        assert view.build()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert view.print_to(printer) == view.pdf_document.pageCount()
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == view.pdf_document.pageCount()


def test_the_default_period_is_the_last_one_that_has_ended(view):
    from datetime import date

    from movement_desk.services.core.settings import PERIOD_RULE_CALENDAR, PERIOD_RULE_DECREE

    # Decree rule: month 02 runs 15/01–14/02; on 10/02 the last ended month is 01.
    assert reports_view.last_ended_period(date(2024, 2, 10), PERIOD_RULE_DECREE) == Period(
        "month", 2024, 1
    )
    # On 20/02 month 03 is in progress (15/02–14/03): month 02 has just ended.
    assert reports_view.last_ended_period(date(2024, 2, 20), PERIOD_RULE_DECREE) == Period(
        "month", 2024, 2
    )
    assert reports_view.last_ended_period(date(2024, 1, 5), PERIOD_RULE_CALENDAR) == Period(
        "month", 2023, 12
    )
    start, end = view.period().bounds(view.rule())
    assert end < date.today()
    assert view.period().kind == "month"


def test_a_period_across_the_2025_merger_ticks_the_succession_box_and_says_why(view):
    view.select_unit("19")  # Thái Nguyên, which took over Bắc Kạn on 01/07/2025
    view.set_period(Period("year", 2025))
    assert view.reports_rollup.isChecked()
    assert "01/07/2025" in view.reports_rollup_reason.text()
    assert not view.reports_rollup_reason.isHidden()
    # The greyed date fields show the days of the year under the rule in force.
    start, end = Period("year", 2025).bounds(view.rule())
    assert not view.reports_from.isEnabled()
    assert (view.reports_from.date().toPython(), view.reports_to.date().toPython()) == (start, end)
    view.set_period(Period("month", 2027, 3))  # long after the merger, and its year before
    assert not view.reports_rollup.isChecked()
    assert view.reports_rollup_reason.isHidden()
    start, end = Period("month", 2027, 3).bounds(view.rule())
    assert view.reports_to.date().toPython() == end
    assert "15/02/2027" in view.reports_covers.text() or "01/03/2027" in view.reports_covers.text()
