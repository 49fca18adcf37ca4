"""The report PDF carries the figures the service computed, formatted, in the official layout."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from movement_desk.pdf.report import ReportRenderer, change_text
from movement_desk.pdf.report_data import NOTE_DIRECTIONS, NOTE_SHORTCOMINGS
from movement_desk.services import reports
from movement_desk.services.core import settings
from movement_desk.services.core.actor import SYSTEM_ACTOR
from tests import report_fixtures


@pytest.fixture
def data_set(database, actor):
    report_fixtures.build(actor)
    return database


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def texts_with_positions(page) -> list[tuple[str, float, float]]:
    found: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            found.append((text.strip(), tm[4], tm[5]))

    page.extract_text(visitor_text=visit)
    return found


def test_pdf_carries_the_figures_formatted(data_set, actor):
    reports.save_notes(
        "058",
        "2024-01",
        "decree",
        {NOTE_SHORTCOMINGS: "Xã <Dương Quang> & phường Huyền Tụng chưa gửi số liệu."},
        actor,
    )
    data = reports.build_report(
        "058", "2024-01", "decree", report_date=date(2024, 1, 15), actor=SYSTEM_ACTOR
    )
    pdf = reports.render_pdf(data)
    text = "\n".join(pages_text(pdf))
    flat = " ".join(text.split())
    assert "BÁO CÁO" in text
    assert "Kết quả thực hiện phong trào Toàn dân bảo vệ an ninh Tổ quốc tháng 01 năm 2024" in flat
    assert "Bắc Kạn, ngày 15 tháng 01 năm 2024" in flat
    assert "Số:" in text and "/BC-PV05" in text
    assert "Nghị định 09/2019/NĐ-CP" in flat
    assert "từ ngày 15/12/2023 đến ngày 14/01/2024" in flat
    # Totals and a child row, formatted with the thousands dot.
    assert "56.375" in text and "55.875" in text
    assert "Phường Sông Cầu" in text
    assert "3 buổi phát động, tuyên truyền với 56.375 lượt người tham gia" in flat
    assert "529 tin có giá trị" in flat
    # Comparisons: December had 1 session (+2, +200,0%), the year before none.
    assert "+2 (+200,0%)" in text
    assert "Cùng kỳ năm trước" in flat
    # Models, forces, commendations and completeness.
    assert "Ban bảo vệ dân phố" in text
    assert "Giấy khen" in text
    assert "6/8" in text
    assert "Xã Dương Quang" in text
    # The free text is printed as written, markup characters included.
    assert "Xã <Dương Quang> & phường Huyền Tụng chưa gửi số liệu." in flat
    assert "PHƯƠNG HƯỚNG, NHIỆM VỤ" in text
    assert "NGƯỜI LẬP BIỂU" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text


def test_pdf_is_a4_portrait_numbered_from_page_two(data_set):
    pdf = reports.render_pdf(reports.build_report("06", "2024", "decree", actor=SYSTEM_ACTOR))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 3
    for index, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)
        top = [
            (t, x, y)
            for t, x, y in texts_with_positions(page)
            if y > height - ReportRenderer.margin_top
        ]
        if index == 1:
            assert not [t for t, _, _ in top if t.isdigit()]
        else:
            (number,) = [(t, x) for t, x, _ in top if t.isdigit()]
            assert number[0] == str(index)
            centre = (
                ReportRenderer.margin_left
                + (width - ReportRenderer.margin_left - ReportRenderer.margin_right) / 2
            )
            assert abs(number[1] - centre) < 5 * mm


def test_province_pdf_lists_every_district_with_its_figures(data_set):
    data = reports.build_report("06", "2024-01", "decree", actor=SYSTEM_ACTOR)
    text = " ".join("\n".join(pages_text(reports.render_pdf(data))).split())
    for row in data.unit_rows:
        assert row.name in text
    assert "Thành phố Bắc Kạn 3 56.375 529" in text
    assert "Tổng cộng 4 56.425 534" in text


def test_header_and_signers_from_settings(data_set):
    settings.put("issuer_parent", "CÔNG AN TỈNH BẮC KẠN")
    settings.put("issuer_name", "CÔNG AN THÀNH PHỐ BẮC KẠN")
    settings.put("report_symbol", "BC-CATP")
    settings.put("report_head_prefix", "KT.")
    settings.put("report_head_title", "TRƯỞNG CÔNG AN THÀNH PHỐ")
    settings.put("report_head_name", "Hoàng Văn Nam")
    settings.put("report_preparer_name", "Lý Thị Hoa")
    data = reports.build_report("058", "2024-01", "decree", number="15", actor=SYSTEM_ACTOR)
    text = " ".join("\n".join(pages_text(reports.render_pdf(data))).split())
    assert "CÔNG AN THÀNH PHỐ BẮC KẠN" in text
    assert "Số: 15/BC-CATP" in text
    assert "KT. TRƯỞNG CÔNG AN THÀNH PHỐ" in text
    assert "Hoàng Văn Nam" in text and "Lý Thị Hoa" in text


def test_free_text_directions_printed(data_set, actor):
    reports.save_notes("058", "2024-01", "decree", {NOTE_DIRECTIONS: "Dòng một.\nDòng hai."}, actor)
    text = "\n".join(
        pages_text(reports.render_pdf(reports.build_report("058", "2024-01", actor=SYSTEM_ACTOR)))
    )
    assert "Dòng một." in text and "Dòng hai." in text


def test_same_data_gives_the_same_bytes(data_set):
    data = reports.build_report(
        "058", "2024-01", "decree", report_date=date(2024, 1, 15), actor=SYSTEM_ACTOR
    )
    assert reports.render_pdf(data) == reports.render_pdf(data)


@pytest.mark.parametrize(
    ("change", "base", "text"),
    [(0, 5, "0"), (2, 1, "+2 (+200,0%)"), (-3, 12, "-3 (-25,0%)"), (1_500, 0, "+1.500")],
)
def test_change_text(change, base, text):
    assert change_text(change, base) == text
