"""Reports on a unit formed on 01/07/2025 count the records entered before that day under the
communes it took over (DOMAIN.md §3: "reports … can also roll up to the units that succeeded
them"), once each, whether asked by the window or the command line, and say so.

Đức Xuân (TN01834) took over Nguyễn Thị Minh Khai (01834), Đức Xuân (01840) and Huyền Tụng
(01846); Bắc Kạn ward (TN01837) took over 01837 among others. Every figure below is worked out
by hand from ``merge_data`` (calendar months, so the quarters are plain).
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from movement_desk.services import reports
from movement_desk.services.admin import accounts
from movement_desk.services.core.actor import SYSTEM_ACTOR
from movement_desk.services.core.errors import PermissionDenied
from movement_desk.services.records import commendations, sessions, units
from tests import report_fixtures
from tests.account_fixtures import PASSWORD, fast_hashing  # noqa: F401 - a fixture

OLD_AREA, NEW_AREA = "0183401", "TN0183401"


def _session(day: str, unit: str, participants: int, tips: int, title: str, actor):
    return sessions.create_session(
        {
            "date": day,
            "unit_code": unit,
            "kind": "propaganda",
            "organizer_kind": "police",
            "organizer_name": "Công an",
            "title": title,
            "participants": participants,
            "tips": tips,
        },
        actor,
    )


def build_merge_data(actor) -> None:
    """Sessions either side of 01/07/2025 under Đức Xuân, its predecessors and their
    residential groups, one under a sibling successor, one deleted; two decisions."""
    for code, parent in ((OLD_AREA, "01834"), (NEW_AREA, "TN01834")):
        units.create_unit(
            {"code": code, "name": "1", "kind": "to_dan_pho", "parent_code": parent},
            actor,
        )
    _session("10/11/2024", "01846", 30, 3, "F Huyền Tụng 2024", actor)
    _session("10/03/2025", OLD_AREA, 100, 1, "A tổ 1 cũ", actor)
    _session("30/06/2025", "01840", 200, 2, "B ngày cuối", actor)
    _session("01/07/2025", "TN01834", 400, 4, "C ngày đầu", actor)
    _session("15/08/2025", NEW_AREA, 800, 8, "D tổ 1 mới", actor)
    _session("20/05/2025", "01837", 5_000, 50, "E phường khác", actor)
    gone = _session("12/04/2025", "01840", 9_999, 99, "G đã xóa", actor)
    sessions.delete_session(gone.uuid, actor)
    _session("10/02/2026", "TN01834", 1_600, 16, "H năm 2026", actor)
    report_fixtures.model("M1", "Camera an ninh", "01846", "police", "01/03/2024", 12, actor)
    report_fixtures.model("M2", "Camera an ninh", "TN01834", "police", "01/08/2025", 5, actor)
    decision = {
        "decision_number": "30/QĐ-CAT",
        "decision_date": "05/05/2025",
        "form": "giay_khen",
        "authority": "GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN",
        "unit_code": "06",
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Nguyễn Văn An",
    }
    commendations.save_decision(
        decision,
        [
            {"recipient_kind": "individual", "recipient_name": "Hà Văn Bình", "unit_code": "01846"},
            {"recipient_kind": "collective", "recipient_name": "Tổ 5", "unit_code": "01837"},
        ],
        actor,
    )
    commendations.save_decision(
        {
            **decision,
            "decision_number": "31/QĐ-CAT",
            "decision_date": "10/09/2025",
            "authority": "GIÁM ĐỐC CÔNG AN TỈNH THÁI NGUYÊN",
            "unit_code": "19",
        },
        [{"recipient_kind": "individual", "recipient_name": "Lục Thị Mai", "unit_code": "TN01834"}],
        actor,
    )


@pytest.fixture
def merge_data(database, actor):
    build_merge_data(actor)
    return database


def figures(data) -> tuple[int, int, int, int]:
    return (
        data.total.sessions,
        data.total.participants,
        data.total.tips,
        data.total.commendations,
    )


def indicator(data, key: str):
    found = next(i for i in data.indicators if i.key == key)
    return found.current, found.previous, found.last_year, found.year_to_date


def test_a_year_across_the_merger_counts_the_predecessors_first_half(merge_data):
    assert reports.rollup_days("TN01834", "2025", "calendar") == [date(2025, 7, 1)]
    data = reports.build_report("TN01834", "2025", "calendar", rollup=None, actor=SYSTEM_ACTOR)
    assert data.rollup
    # A, B (under 01834's residential group and 01840, before 01/07) + C, D; not E (another
    # successor's), not G (deleted); the May decision's Huyền Tụng recipient and September's.
    assert figures(data) == (4, 1_500, 15, 2)
    assert [(r.code, r.sessions, r.participants) for r in data.unit_rows] == [("TN01834", 4, 1_500)]
    # compared with 2024, when only Huyền Tụng (F) held one
    assert indicator(data, "sessions") == (4, 1, 1, 4)
    assert indicator(data, "participants") == (1_500, 30, 30, 1_500)
    # Huyền Tụng's camera model (2024) is still active at the end of 2025, beside the new one
    assert (data.models_total.count, data.models_total.members, data.models_total.new) == (
        2,
        17,
        1,
    )
    assert (data.communes_reporting, data.communes_expected) == (1, 1)
    assert data.rollup_note.endswith(
        "Phường Nguyễn Thị Minh Khai (01834), Phường Đức Xuân (01840) và Phường Huyền Tụng "
        "(01846) đến ngày 30/06/2025."
    )
    # the old residential group is named with its old commune, beside the new group
    assert [(r.label, r.count, r.extra) for r in data.sessions_by_residential_area] == [
        ("Tổ dân phố 1 (Phường Nguyễn Thị Minh Khai cũ)", 1, 100),
        ("Tổ dân phố 1", 1, 800),
        (reports.NO_RESIDENTIAL_AREA, 2, 600),
    ]
    # asked not to roll up: the unit's own half year only, and no note
    own = reports.build_report("TN01834", "2025", "calendar", rollup=False, actor=SYSTEM_ACTOR)
    assert figures(own) == (2, 1_200, 12, 1) and own.rollup_note == ""
    assert own.models_total.count == 1


def test_a_decree_quarter_that_spans_the_merger(merge_data):
    # Quarter III under the decree: 15/06/2025 - 14/09/2025, so B, C, D and the September
    # decision; month 07 is 15/06 - 14/07 (B and C), month 09 from 15/08 (D)
    data = reports.build_report("TN01834", "2025-Q3", "decree", rollup=None, actor=SYSTEM_ACTOR)
    assert data.rollup and figures(data) == (3, 1_400, 14, 1)
    # the quarter before (15/03 - 14/06) held nothing; the year to date from 15/12/2024: A to D
    assert indicator(data, "sessions") == (3, 0, 0, 4)
    assert [(m, s) for m, s, _ in data.months][5:9] == [("06", 0), ("07", 2), ("08", 0), ("09", 1)]


def test_a_quarter_after_the_merger_compares_with_the_predecessors_quarter(merge_data):
    data = reports.build_report("TN01834", "2025-Q3", "calendar", rollup=None, actor=SYSTEM_ACTOR)
    assert data.rollup
    assert figures(data) == (2, 1_200, 12, 1)  # C, D and the September decision
    # the quarter before is B (30/06, 01840), the year to date A to D
    assert indicator(data, "sessions") == (2, 1, 0, 4)
    assert indicator(data, "participants") == (1_200, 200, 0, 1_500)
    assert indicator(data, "commendations") == (1, 1, 0, 2)
    later = reports.build_report("TN01834", "2026", "calendar", rollup=None, actor=SYSTEM_ACTOR)
    assert figures(later) == (1, 1_600, 16, 0)
    assert indicator(later, "participants") == (1_600, 1_500, 1_500, 1_600)
    # long after, with nothing merged since the year compared: no roll-up needed
    assert reports.rollup_days("TN01834", "2027-03", "calendar") == []


@pytest.mark.parametrize(
    ("period", "expected"),
    [("2024", (1, 30, 3, 0)), ("2025-Q1", (1, 100, 1, 0)), ("2025-H1", (2, 300, 3, 1))],
)
def test_a_period_before_the_merger_is_its_predecessors(merge_data, period, expected):
    data = reports.build_report("TN01834", period, "calendar", rollup=None, actor=SYSTEM_ACTOR)
    assert data.rollup and figures(data) == expected
    assert "01846" in data.rollup_note


def test_an_old_commune_reports_on_the_tree_of_its_time(merge_data):
    assert reports.rollup_days("01840", "2025", "calendar") == []
    data = reports.build_report("01840", "2025", "calendar", rollup=None, actor=SYSTEM_ACTOR)
    assert not data.rollup and figures(data) == (1, 200, 2, 0)  # B; G was deleted


def test_the_province_counts_each_record_once(merge_data):
    data = reports.build_report("19", "2025", "calendar", rollup=None, actor=SYSTEM_ACTOR)
    assert figures(data) == (5, 6_500, 65, 3)
    rows = {r.code: r for r in data.unit_rows}
    assert (rows["TN01834"].sessions, rows["TN01834"].participants) == (4, 1_500)
    assert (rows["TN01837"].sessions, rows["TN01837"].participants) == (1, 5_000)
    assert sum(r.sessions for r in data.unit_rows) == 5
    assert sum(r.participants for r in data.unit_rows) == 6_500
    assert data.rollup_note.endswith("Tỉnh Bắc Kạn (06) đến ngày 30/06/2025.")
    # the same as the old province's first half and the new communes' second half
    old = reports.build_report("06", "2025-H1", "calendar", actor=SYSTEM_ACTOR)
    assert figures(old) == (3, 5_300, 53, 2)


def test_the_pdf_names_the_predecessor_communes(merge_data):
    data = reports.build_report("TN01834", "2025", "calendar", rollup=None, actor=SYSTEM_ACTOR)
    pdf = reports.render_pdf(data)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert (
        "được cộng vào đơn vị kế thừa hiện nay: Phường Nguyễn Thị Minh Khai (01834), Phường "
        "Đức Xuân (01840) và Phường Huyền Tụng (01846) đến ngày 30/06/2025." in text
    )
    assert "Tổ dân phố 1 (Phường Nguyễn Thị Minh Khai cũ)" in text


def test_an_account_of_the_new_commune_sees_its_predecessors_records(merge_data, fast_hashing):  # noqa: F811
    accounts.create_first_admin("admin", PASSWORD, "19")
    admin = accounts.authenticate("admin", PASSWORD)
    accounts.create_user("duc_xuan", PASSWORD, "supervisor", "TN01834", admin)
    accounts.create_user("bac_kan", PASSWORD, "supervisor", "TN01837", admin)
    mine = accounts.authenticate("duc_xuan", PASSWORD)
    data = reports.build_report("TN01834", "2025", "calendar", rollup=None, actor=mine)
    assert figures(data) == (4, 1_500, 15, 2)
    neighbour = accounts.authenticate("bac_kan", PASSWORD)
    with pytest.raises(PermissionDenied):
        reports.build_report("TN01834", "2025", "calendar", rollup=None, actor=neighbour)
    theirs = reports.build_report("TN01837", "2025", "calendar", rollup=None, actor=neighbour)
    assert figures(theirs) == (1, 5_000, 50, 1)
