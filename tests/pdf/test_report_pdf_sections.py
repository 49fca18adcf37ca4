"""The report PDF's sections that depend on what the data holds: the emulation pledges of the
year, model types listed under their group's heading once, a unit with no communes left in
scope (after the 2025 reorganisation), and the "Nơi nhận" block left out when cleared."""

from __future__ import annotations

import io

from pypdf import PdfReader

from movement_desk.services import reports
from movement_desk.services.core import settings
from movement_desk.services.core.actor import SYSTEM_ACTOR


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _between(text: str, start: str, end: str) -> list[str]:
    return [line.strip() for line in text[text.index(start) : text.index(end)].splitlines()]


def test_the_years_pledges_and_the_model_groups_are_printed(small_demo):
    from movement_desk.db.connection import db

    data = reports.build_report("06", "2024", "calendar", actor=SYSTEM_ACTOR)
    text = _text(reports.render_pdf(data))
    # The small demo's one pledge of 2024 (Ba Bể), with its parties' outcomes.
    parties, met, not_met, pending = db.execute_sql(
        "SELECT count(*), sum(pp.outcome = 'dat'), sum(pp.outcome = 'khong_dat'), "
        "sum(pp.outcome = 'pending') FROM pledge_party pp JOIN pledge p ON p.id = pp.pledge_id "
        "WHERE p.year = 2024 AND p.deleted_at IS NULL AND pp.deleted_at IS NULL"
    ).fetchone()
    assert parties > 0
    flat = " ".join(text.split())
    assert (
        f"Ký kết 1 giao ước thi đua với {parties} lượt đơn vị tham gia; {met} lượt đạt, "
        f"{not_met} không đạt, {pending} chưa đánh giá." in flat
    )
    table = _between(text, "Bảng 10. Giao ước thi đua năm 2024", "II. TỒN TẠI, HẠN CHẾ")
    assert table[-5:] == ["20/02/2024", str(parties), str(met), str(not_met), str(pending)]
    # Table 4: each group's heading once, above all of its types.
    models = _between(text, "Bảng 4. Mô hình theo loại", "Bảng 5")
    groups = [row.group for row in data.models_by_type]
    assert len(groups) > len(set(groups))  # several types share a group
    for group in set(groups):
        named_alike = sum(row.label == group for row in data.models_by_type)  # "Camera an ninh"
        assert models.count(group) == 1 + named_alike, group


def test_a_district_with_no_communes_left_says_so(database):
    # From 01/07/2025 the districts are abolished: Thành phố Bắc Kạn keeps no commune in 2026.
    data = reports.build_report("058", "2026", "calendar", actor=SYSTEM_ACTOR)
    assert data.communes_expected == 0
    text = _text(reports.render_pdf(data))
    flat = " ".join(text.split())
    assert "Không có đơn vị cấp xã trong phạm vi báo cáo." in flat
    assert "đơn vị cấp xã đều có số liệu" not in flat


def test_the_recipients_block_is_left_out_when_cleared(database):
    data = reports.build_report("058", "2024-01", "calendar", actor=SYSTEM_ACTOR)
    assert "Nơi nhận:" in _text(reports.render_pdf(data))
    settings.put("report_recipients", "  \n ")
    data = reports.build_report("058", "2024-01", "calendar", actor=SYSTEM_ACTOR)
    text = _text(reports.render_pdf(data))
    assert "Nơi nhận:" not in text
    assert "Lưu: VT, PV05" not in text
