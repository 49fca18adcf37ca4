"""The Reports view's other periods (half-year, a date range), a search that finds nothing, the
sections saved on their own, a second click while a report is built, a build that is cancelled,
a printer that cannot start, and the lock button (gui/reports_view.py)."""

from __future__ import annotations

import threading
from datetime import date

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtPrintSupport import QPrinter  # noqa: E402

from movement_desk.db.account_tables import AuditEntry  # noqa: E402
from movement_desk.gui import prompts  # noqa: E402
from movement_desk.gui.period_locks_dialog import PeriodLockDialog  # noqa: E402
from movement_desk.pdf.report_data import NOTE_DIRECTIONS  # noqa: E402
from movement_desk.services import reports  # noqa: E402
from movement_desk.services.core.periods import Period  # noqa: E402
from tests.gui.test_reports_view import view  # noqa: E402, F401

pytestmark = pytest.mark.usefixtures("vietnamese_qt")  # the words the user reads


@pytest.fixture
def errors(monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: said.append(text))
    return said


def test_a_half_year_and_a_date_range_cover_their_days(view):  # noqa: F811
    view.reports_rule.setCurrentIndex(view.reports_rule.findData("calendar"))
    view.reports_year.setValue(2024)
    view.reports_kind.setCurrentIndex(view.KINDS.index("half"))
    numbers = [view.reports_number.itemText(i) for i in range(view.reports_number.count())]
    assert numbers == ["6 tháng đầu năm", "6 tháng cuối năm"]
    view.reports_number.setCurrentIndex(1)
    assert view.period() == Period("half", 2024, 2)
    assert view.reports_covers.text().endswith("01/07/2024 đến 31/12/2024")
    assert view.reports_from.date().toPython() == date(2024, 7, 1)  # the days it covers
    assert not view.reports_from.isEnabled()

    view.set_period(Period("range", start=date(2024, 3, 5), end=date(2024, 4, 20)))
    assert view.reports_kind.currentData() == "range"
    assert view.reports_from.isEnabled() and not view.reports_number.isEnabled()
    assert view.period() == Period("range", start=date(2024, 3, 5), end=date(2024, 4, 20))
    assert view.reports_covers.text().endswith("05/03/2024 đến 20/04/2024")


def test_a_search_that_finds_no_unit_selects_none_and_an_unknown_code_changes_nothing(
    view,  # noqa: F811
    qtbot,
):
    view.select_unit("058")
    view.select_unit("khong-co")  # a code that is not in the list
    assert view.unit_code() == "058"
    view.reports_unit_tree.setCurrentIndex(view.unit_proxy.index(-1, -1))
    qtbot.keyClicks(view.reports_unit_search, "zzz khong co")
    assert view.unit_proxy.rowCount() == 0
    assert view.unit_code() is None
    view.select_unit("058")  # hidden by the search: not selected behind the user's back
    assert view.unit_code() is None


def test_save_sections_saves_them_or_says_to_pick_a_unit(view, errors):  # noqa: F811
    view.select_unit("058")
    view.set_period(Period("month", 2024, 1))
    view.reports_directions.insertPlainText("Nhân rộng mô hình ở xã Chợ Rã.")
    view.reports_save_notes.click()
    assert view.reports_status.text() == "Đã lưu phần đánh giá của báo cáo."
    assert reports.load_notes("058", "2024-01", view.rule())[NOTE_DIRECTIONS] == (
        "Nhân rộng mô hình ở xã Chợ Rã."
    )
    view.reports_status.clear()
    view.reports_unit_tree.setCurrentIndex(view.unit_proxy.index(-1, -1))
    view.reports_save_notes.click()
    assert errors == ["Hãy chọn đơn vị trước."]
    assert view.reports_status.text() == ""


def test_a_second_preview_while_building_starts_nothing_and_a_later_one_replaces_the_pdf(
    view,  # noqa: F811
    qtbot,
    errors,
):
    view.select_unit("058")
    view.set_period(Period("month", 2024, 1))
    with qtbot.waitSignal(view.report_built, timeout=30_000):
        assert view.build()
        first = view.task
        assert not view.build()  # already building: the click is ignored
        assert view.task is first
    view.set_period(Period("month", 2024, 2))
    with qtbot.waitSignal(view.report_built, timeout=30_000):
        assert view.build()
    assert view.data.period_code == "2024-02"
    assert view.pdf_document.pageCount() >= 1
    assert errors == []


def test_a_cancelled_build_says_so_and_shows_nothing(view, qtbot, errors, monkeypatch):  # noqa: F811
    started, release = threading.Event(), threading.Event()
    real_build = reports.build_report

    def held(*args, **kwargs):  # the real report, once the test has pressed Cancel
        started.set()
        release.wait(10)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(reports, "build_report", held)
    view.select_unit("058")
    view.set_period(Period("month", 2024, 1))
    assert view.build()
    assert started.wait(10)
    view.task.cancel()  # the progress dialog's Cancel
    release.set()
    qtbot.waitUntil(lambda: view.task.done, timeout=30_000)
    assert view.reports_status.text() == "Đã hủy."
    assert view.data is None and view.pdf_bytes == b""
    assert view.reports_preview.isEnabled() and view.reports_save_pdf.isEnabled()
    assert errors == []


def test_a_printer_that_cannot_start_is_said_and_nothing_recorded(
    view,  # noqa: F811
    qtbot,
    tmp_path,
    monkeypatch,
    errors,
):
    view.select_unit("058")
    view.set_period(Period("month", 2024, 1))
    with qtbot.waitSignal(view.report_built, timeout=30_000):
        assert view.build()
    printed = AuditEntry.select().where(AuditEntry.action == "print")
    before = printed.count()

    def printer(parent, page_layout=None):
        device = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        device.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        device.setOutputFileName(str(tmp_path / "khong-co" / "in.pdf"))  # no such folder
        return device

    monkeypatch.setattr(prompts, "ask_printer", printer)
    view.reports_print.click()
    assert errors == ["Không khởi động được máy in."]
    assert printed.count() == before  # no print in the audit trail
    assert not (tmp_path / "khong-co").exists()


def test_lock_period_opens_the_lock_dialog_on_the_unit_and_period_shown(
    view,  # noqa: F811
    monkeypatch,
):
    opened: list[PeriodLockDialog] = []
    monkeypatch.setattr(PeriodLockDialog, "exec", lambda self: opened.append(self) or 0)
    assert not view.reports_lock.isHidden()
    view.select_unit("058")
    view.set_period(Period("quarter", 2024, 1))
    view.reports_lock.click()
    assert len(opened) == 1
    assert opened[0].unit_code() == "058"
    assert opened[0].lock_period.text() == "2024-Q1"
