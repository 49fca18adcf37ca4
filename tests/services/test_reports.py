"""Report figures on the hand-built data set of ``tests/report_fixtures.py``, worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from movement_desk.db.migrations import MIGRATIONS
from movement_desk.pdf.report_data import NOTE_DIRECTIONS, NOTE_SHORTCOMINGS
from movement_desk.services import reports
from movement_desk.services.core.actor import SYSTEM_ACTOR
from movement_desk.services.core.errors import ServiceError, ValidationError
from movement_desk.services.core.periods import Period, parse_period
from tests import report_fixtures


@pytest.fixture
def data_set(database, actor):
    report_fixtures.build(actor)
    return database


def rows_by_code(data):
    return {row.code: row for row in data.unit_rows}


def test_district_month_under_the_decree_rule(data_set):
    data = reports.build_report("058", "2024-01", "decree", actor=SYSTEM_ACTOR)
    assert (data.period.start, data.period.end) == (date(2023, 12, 15), date(2024, 1, 14))
    # S2 (15/12), S3, S4 (14/01); not S1 (14/12), S5 (15/01) nor the deleted S8.
    assert (data.total.sessions, data.total.participants, data.total.tips) == (3, 56_375, 529)
    rows = rows_by_code(data)
    assert [r.code for r in data.unit_rows] == [
        "01834",
        "01837",
        "01840",
        "01843",
        "01846",
        "01849",
        "01852",
        "01855",
    ]
    assert (rows["01834"].sessions, rows["01834"].participants, rows["01834"].tips) == (1, 200, 2)
    assert (rows["01837"].sessions, rows["01837"].participants) == (1, 55_875)
    assert (rows["01840"].sessions, rows["01840"].participants) == (1, 300)
    assert rows["01843"].sessions == 0
    assert data.child_level == "Xã, phường, thị trấn"


def test_district_month_under_the_calendar_rule(data_set):
    data = reports.build_report("058", "2024-01", "calendar", actor=SYSTEM_ACTOR)
    assert (data.period.start, data.period.end) == (date(2024, 1, 1), date(2024, 1, 31))
    # S3, S4 and S5 (15/01); S2 (15/12) now falls in December.
    assert (data.total.sessions, data.total.participants, data.total.tips) == (3, 56_575, 531)
    assert rows_by_code(data)["01840"].sessions == 2


def test_totals_equal_the_sum_of_rows_and_the_indicators(data_set):
    data = reports.build_report("06", "2024-01", "decree", actor=SYSTEM_ACTOR)
    for name in ("sessions", "participants", "tips", "commendations", "models_active"):
        assert getattr(data.total, name) == sum(getattr(r, name) for r in data.unit_rows)
        assert data.indicator(name).current == getattr(data.total, name)
    rows = rows_by_code(data)
    assert (rows["058"].sessions, rows["058"].participants, rows["058"].tips) == (3, 56_375, 529)
    assert (rows["061"].sessions, rows["061"].participants, rows["061"].tips) == (1, 50, 5)
    assert (data.total.sessions, data.total.participants, data.total.tips) == (4, 56_425, 534)
    assert len(data.unit_rows) == 8  # the eight districts of 2024
    assert data.child_level == "Huyện, thành phố"


def test_previous_period_same_period_last_year_and_year_to_date(data_set):
    decree = reports.build_report("058", "2024-01", "decree", actor=SYSTEM_ACTOR)
    sessions = decree.indicator("sessions")
    # Previous: December 2023 = 15/11-14/12/2023 holds S1. Last year: 15/12/2022-14/01/2023
    # holds nothing in 058 (S6 on 20/01/2023 is February under the decree).
    assert (sessions.current, sessions.previous, sessions.last_year) == (3, 1, 0)
    assert decree.indicator("participants").previous == 100
    assert decree.previous.start == date(2023, 11, 15)
    assert decree.last_year.end == date(2023, 1, 14)
    assert sessions.year_to_date == 3
    calendar = reports.build_report("058", "2024-01", "calendar", actor=SYSTEM_ACTOR)
    assert calendar.indicator("sessions").previous == 2  # S1 and S2 in December
    assert calendar.indicator("participants").previous == 300
    assert calendar.indicator("sessions").last_year == 1  # S6 on 20/01/2023
    assert calendar.indicator("tips").last_year == 10
    quarter = reports.build_report("058", "2024-Q1", "decree", actor=SYSTEM_ACTOR)
    assert quarter.indicator("sessions").current == 5  # S2, S3, S4, S5, S10
    assert quarter.indicator("sessions").year_to_date == 5
    march = reports.build_report("058", "2024-03", "decree", actor=SYSTEM_ACTOR)
    assert march.indicator("sessions").current == 1
    assert march.indicator("sessions").year_to_date == 5
    assert march.indicator("participants").year_to_date == 56_785
    assert march.indicator("models_active").year_to_date is None


def test_models_active_at_the_end_of_the_period(data_set):
    decree = reports.build_report("058", "2024-01", "decree", actor=SYSTEM_ACTOR)
    # End 14/01/2024: M1, M2 (set up that day) and M5 (suspended later on 20/01);
    # M4 was dissolved on 14/01, M3 set up on 15/01, M6 is deleted.
    total = decree.models_total
    assert (total.count, total.members, total.new, total.dissolved, total.suspended) == (
        3,
        32,
        1,
        1,
        0,
    )
    rows = rows_by_code(decree)
    assert (rows["01834"].models_active, rows["01834"].models_dissolved) == (1, 1)
    assert rows["01837"].models_active == 1
    calendar = reports.build_report("058", "2024-01", "calendar", actor=SYSTEM_ACTOR)
    total = calendar.models_total
    # End 31/01/2024: M1, M2, M3; M5 suspended on 20/01, M4 dissolved on 14/01.
    assert (total.count, total.members, total.new, total.dissolved, total.suspended) == (
        3,
        34,
        2,
        1,
        1,
    )
    # December 2023 (end 14/12/2023): M1, M4 and M5 were all active.
    assert decree.indicator("models_active").previous == 3
    assert decree.indicator("model_members").previous == 42


def test_models_by_type_body_and_forces(data_set):
    data = reports.build_report("058", "2024-01", "calendar", actor=SYSTEM_ACTOR)
    by_type = {row.label: row for row in data.models_by_type}
    assert by_type["Ban bảo vệ dân phố"].count == 1
    assert by_type["Khu dân cư “3 không”"].dissolved == 1
    assert by_type["Camera an ninh"].suspended == 1
    assert sum(row.count for row in data.models_by_type) == data.models_total.count
    by_body = {row.label: row for row in data.models_by_body}
    assert (by_body["Công an"].count, by_body["Công an"].members) == (2, 30)
    assert (by_body["Đoàn thể, hội"].count, by_body["Đoàn thể, hội"].new) == (1, 1)
    assert by_body["Mặt trận Tổ quốc"].dissolved == 1
    forces = {row.group: row for row in data.forces}
    assert (forces["street_protection"].count, forces["street_protection"].members) == (1, 20)
    assert (forces["security_team"].count, forces["security_team"].members) == (1, 4)
    rows = rows_by_code(data)
    assert (rows["01843"].boards, rows["01843"].board_members) == (1, 20)
    assert (rows["01846"].teams, rows["01846"].team_members) == (1, 4)
    decree = reports.build_report("058", "2024-01", "decree", actor=SYSTEM_ACTOR)
    assert {row.group: row.count for row in decree.forces} == {
        "street_protection": 1,
        "security_team": 0,
    }


def test_commendations_by_form_and_recipient_kind(data_set):
    decree = reports.build_report("058", "2024-01", "decree", actor=SYSTEM_ACTOR)
    assert [(r.form, r.decisions, r.individuals, r.collectives, r.households) for r in
            decree.commendations] == [("Giấy khen", 1, 1, 1, 1)]  # fmt: skip
    assert rows_by_code(decree)["01852"].commendations == 2
    assert decree.indicator("commendations").current == 3
    calendar = reports.build_report("058", "2024-01", "calendar", actor=SYSTEM_ACTOR)
    assert [(r.form, r.total) for r in calendar.commendations] == [
        ("Giấy khen", 3),
        ("Bằng khen", 1),
    ]
    assert calendar.commendations_total.total == 4


def test_completeness_names_the_communes_without_data(data_set):
    decree = reports.build_report("058", "2024-01", "decree", actor=SYSTEM_ACTOR)
    # Data: 01834 (S2, M4 dissolved), 01837, 01840, 01843 (M2), 01852, 01855 (commendations).
    assert (decree.communes_reporting, decree.communes_expected) == (6, 8)
    assert [(g.child, g.missing) for g in decree.missing] == [
        ("Phường Huyền Tụng", ["Phường Huyền Tụng"]),
        ("Xã Dương Quang", ["Xã Dương Quang"]),
    ]
    calendar = reports.build_report("058", "2024-01", "calendar", actor=SYSTEM_ACTOR)
    assert calendar.communes_reporting == 7  # M3 set up in Huyền Tụng on 15/01
    province = reports.build_report("06", "2024-01", "decree", actor=SYSTEM_ACTOR)
    assert province.communes_expected == 108
    assert province.communes_reporting == 7  # the six above and Bành Trạch (S9)
    rows = rows_by_code(province)
    assert (rows["058"].communes_reporting, rows["058"].communes) == (6, 8)
    assert (rows["061"].communes_reporting, rows["061"].communes) == (1, 15)
    ba_be = next(g for g in province.missing if g.child == "Huyện Ba Bể")
    assert len(ba_be.missing) == 14 and "Xã Bành Trạch" not in ba_be.missing


def test_months_of_the_year_for_the_chart(data_set):
    data = reports.build_report("058", "2024-Q1", "decree", actor=SYSTEM_ACTOR)
    assert data.months == [("01", 3, 56_375), ("02", 1, 400), ("03", 1, 10)]
    assert Period("half", 2024, 1).months_of_year("calendar")[-1] == Period("month", 2024, 6)
    assert len(parse_period("2024").months_of_year("decree")) == 12


def test_a_commune_report_has_one_row(data_set):
    data = reports.build_report("01840", "2024-01", "calendar", actor=SYSTEM_ACTOR)
    assert [(r.code, r.sessions, r.participants) for r in data.unit_rows] == [("01840", 2, 700)]
    assert data.total.sessions == 2
    assert (data.communes_reporting, data.communes_expected) == (1, 1)


def test_roll_up_to_successor_units(data_set):
    # Thái Nguyên's new communes did not exist in 2024: without roll-up nothing is counted.
    plain = reports.build_report("19", "2024", "decree", actor=SYSTEM_ACTOR)
    assert plain.total.sessions == 0
    assert plain.communes_expected == 0
    rolled = reports.build_report("19", "2024", "decree", rollup=True, actor=SYSTEM_ACTOR)
    rows = rows_by_code(rolled)
    assert len(rolled.unit_rows) == 37
    # Đức Xuân took 01834, 01840, 01846: S2, S4, S5, S10 (S1 on 14/12/2023 is year 2023).
    assert (rows["TN01834"].sessions, rows["TN01834"].participants, rows["TN01834"].tips) == (
        4,
        910,
        6,
    )
    # Bắc Kạn ward took 01837, 01843, 01852, 01855: S3 and three commendations, M2 and M5.
    assert (rows["TN01837"].sessions, rows["TN01837"].participants) == (1, 55_875)
    assert rows["TN01837"].commendations == 3
    assert rows["TN01891"].sessions == 1  # Phúc Lộc took Bành Trạch (S9)
    assert (rolled.total.sessions, rolled.total.participants, rolled.total.tips) == (6, 56_835, 538)
    # The Bằng khen decision was entered against 01834 (commune): it lands in Đức Xuân.
    assert rows["TN01834"].commendations == 1
    assert rolled.rollup and rolled.rollup_note
    assert rolled.communes_expected == 37
    # The same figures as the old province over the same year.
    old = reports.build_report("06", "2024", "decree", actor=SYSTEM_ACTOR)
    assert (old.total.sessions, old.total.participants) == (6, 56_835)


def test_roll_up_refuses_a_unit_that_was_merged(data_set):
    with pytest.raises(ServiceError, match="Thái Nguyên"):
        reports.build_report("06", "2024", "decree", rollup=True, actor=SYSTEM_ACTOR)


def test_date_range_period(data_set):
    data = reports.build_report("058", "14/01/2024-15/01/2024", "decree", actor=SYSTEM_ACTOR)
    assert (data.total.sessions, data.total.participants) == (2, 700)
    assert data.previous.end == date(2024, 1, 13)


def test_free_text_sections_are_kept_per_unit_period_and_rule(data_set, actor):
    reports.save_notes(
        "058",
        "2024-01",
        "decree",
        {NOTE_SHORTCOMINGS: "Một số xã báo cáo chậm.", NOTE_DIRECTIONS: "Tiếp tục <phát động>."},
        actor,
    )
    data = reports.build_report("058", "2024-01", "decree", actor=SYSTEM_ACTOR)
    assert data.notes[NOTE_SHORTCOMINGS] == "Một số xã báo cáo chậm."
    assert data.notes[NOTE_DIRECTIONS] == "Tiếp tục <phát động>."
    assert (
        reports.build_report("058", "2024-01", "calendar", actor=SYSTEM_ACTOR).notes[
            NOTE_SHORTCOMINGS
        ]
        == ""
    )
    assert (
        reports.build_report("058", "2024-02", "decree", actor=SYSTEM_ACTOR).notes[
            NOTE_SHORTCOMINGS
        ]
        == ""
    )
    reports.save_notes("058", "2024-01", "decree", {NOTE_SHORTCOMINGS: ""}, actor)
    notes = reports.load_notes("058", "2024-01", "decree")
    assert notes == {NOTE_SHORTCOMINGS: "", NOTE_DIRECTIONS: "Tiếp tục <phát động>."}


def test_too_long_free_text_is_refused(data_set, actor):
    with pytest.raises(ValidationError) as caught:
        reports.save_notes("058", "2024-01", "decree", {NOTE_DIRECTIONS: "x" * 20_001}, actor)
    assert caught.value.errors[0].label == "Phương hướng, nhiệm vụ"
    assert reports.load_notes("058", "2024-01", "decree")[NOTE_DIRECTIONS] == ""


def test_header_comes_from_settings(data_set):
    from movement_desk.services.core import settings

    settings.put("report_head_name", "Hoàng Văn Nam")
    settings.put("report_symbol", "BC-CAH")
    data = reports.build_report(
        "058", "2024-01", "decree", report_date=date(2024, 1, 15), actor=SYSTEM_ACTOR
    )
    assert data.header.head_name == "Hoàng Văn Nam"
    assert data.header.symbol == "BC-CAH"
    assert data.header.head_title == "THỦ TRƯỞNG ĐƠN VỊ"
    assert data.header.preparer_title == "NGƯỜI LẬP BIỂU"


def test_report_notes_migration_is_present_and_rerunnable(database):
    step = next(m for m in MIGRATIONS if m.description.startswith("report notes"))
    step.apply(database)  # safe to run twice
    tables = {row[0] for row in database.execute_sql("SELECT name FROM sqlite_master")}
    assert "report_note" in tables


def test_report_modules_do_not_import_qt():
    import subprocess
    import sys

    code = (
        "import sys, movement_desk.services.reports, movement_desk.services.report_workbook, "
        "movement_desk.pdf.report; print('PySide6' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=str(_root())
    )
    assert result.stdout.strip() == "False", result.stderr


def _root():
    from pathlib import Path

    return Path(__file__).resolve().parents[2]
