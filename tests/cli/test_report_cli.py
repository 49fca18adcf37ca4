"""``movement-desk report``: a PDF and an Excel workbook with the same figures."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from pypdf import PdfReader

from tests import report_fixtures
from tests.conftest import admin_cli


def test_report_writes_pdf_and_workbook(database, actor, db_path, tmp_path):
    report_fixtures.build(actor)
    database.close()
    out, xlsx = tmp_path / "bao-cao.pdf", tmp_path / "bao-cao.xlsx"
    result = admin_cli(
        "report",
        "--period",
        "2024-01",
        "--unit",
        "058",
        "--out",
        str(out),
        "--xlsx",
        str(xlsx),
        "--rule",
        "calendar",
        "--date",
        "01/02/2024",
        db=db_path,
    )
    assert result.returncode == 0, result.stderr
    assert "3 buổi, 56.575 lượt người tham gia, 531 tin có giá trị" in result.stdout
    assert "1/8 đơn vị cấp xã chưa có số liệu" in result.stdout
    text = " ".join(
        "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages).split()
    )
    assert "Bắc Kạn, ngày 01 tháng 02 năm 2024" in text
    assert "Kỳ báo cáo theo tháng dương lịch" in text
    assert "56.575" in text
    workbook = load_workbook(xlsx)
    assert {"Chỉ tiêu", "Theo đơn vị", "Mô hình theo loại", "Khen thưởng"} <= set(
        workbook.sheetnames
    )
    units = workbook["Theo đơn vị"]
    header = [c.value for c in units[1]]
    rows = {row[0]: row for row in units.iter_rows(min_row=2, values_only=True)}
    participants = header.index("Lượt người tham gia")
    assert rows["01837"][participants] == 55_875  # a number, not "55.875"
    total = next(r for r in rows.values() if r[1] == "Tổng cộng")
    assert total[header.index("Số buổi")] == 3
    assert total[participants] == 56_575
    indicators = {r[0]: r for r in workbook["Chỉ tiêu"].iter_rows(min_row=2, values_only=True)}
    assert indicators["Số buổi phát động, tuyên truyền"][1:3] == (3, 2)
    commendations = list(workbook["Khen thưởng"].iter_rows(min_row=2, values_only=True))
    assert commendations[-1] == ("Tổng cộng", 2, 2, 1, 1, 4)


def test_report_with_roll_up_and_bad_input(database, actor, db_path, tmp_path):
    report_fixtures.build(actor)
    database.close()
    out = tmp_path / "tn.pdf"
    ok = admin_cli(
        "report", "--period", "2024", "--unit", "19", "--out", str(out), "--rollup", db=db_path
    )
    assert ok.returncode == 0, ok.stderr
    assert "6 buổi, 56.835 lượt người tham gia" in ok.stdout
    bad_period = admin_cli("report", "--period", "2024-13", "--out", str(out), db=db_path)
    assert bad_period.returncode == 1
    assert "không phải kỳ báo cáo" in bad_period.stderr
    bad_unit = admin_cli(
        "report", "--period", "2024", "--unit", "99999", "--out", str(out), db=db_path
    )
    assert bad_unit.returncode == 1
    assert "99999" in bad_unit.stderr
    merged = admin_cli(
        "report", "--period", "2024", "--unit", "06", "--rollup", "--out", str(out), db=db_path
    )
    assert merged.returncode == 1
    assert "Thái Nguyên" in merged.stderr
