"""Residential areas, organisations and "An toàn về ANTT" ratings (issue 19)."""

from __future__ import annotations

from datetime import date

import pytest

from movement_desk.db.choices import RatingResult, RatingSubject, UnitKind
from movement_desk.db.models import AdministrativeUnit, Organisation, SafetyRating
from movement_desk.services.core.errors import PermissionDenied, ValidationError
from movement_desk.services.records import organisations, ratings, units

AREAS = """code,name,kind,parent_code,households
0188801,Nà Làng,thôn,01888,120
0188802,Pác Ngòi,ban,01888,85
0188803,Tổ 1,to dan pho,01888,
0188804,Khu 2,Khu phố,01888,40
"""
ORGANISATIONS = """name,kind,unit_code,managing_level
UBND xã Chợ Rã,Cơ quan,01888,Cấp xã
Công ty TNHH Ba Bể Xanh,enterprise,01888,
Trường THPT Ba Bể,school,01888,Cấp tỉnh
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def areas(database, actor, tmp_path):
    units.import_units_csv(write(tmp_path, "areas.csv", AREAS), actor)
    organisations.import_organisations(write(tmp_path, "orgs.csv", ORGANISATIONS), actor)
    return database


def test_units_import_takes_residential_areas_by_key_or_label_with_households(
    areas, actor, tmp_path
):
    kinds = {
        u.code: (u.kind, u.households)
        for u in AdministrativeUnit.select().where(AdministrativeUnit.code.startswith("018880"))
    }
    assert kinds == {
        "0188801": (UnitKind.HAMLET, 120),
        "0188802": (UnitKind.MOUNTAIN_VILLAGE, 85),
        "0188803": (UnitKind.RESIDENTIAL_GROUP, 0),
        "0188804": (UnitKind.QUARTER, 40),
    }
    assert all(units.is_residential(units.get_unit(code)) for code in kinds)
    # listed without dates, they live as long as their commune (which ended with the merger)
    assert units.get_unit("0188801").valid_to == date(2025, 6, 30)
    blank_dates = "code,name,kind,parent_code,valid_from,valid_to\n0188801,Nà Làng,thôn,01888,,\n"
    path = write(tmp_path, "again.csv", blank_dates)
    assert units.import_units_csv(path, actor).unchanged == 1


@pytest.mark.parametrize(
    "line, field, fragment",
    [
        ("0188809,Lẻ,thôn,061,10", "parent_code", "không phải đơn vị cấp xã"),
        ("0188809,Lẻ,thôn,,10", "parent_code", "phải trực thuộc"),
        ("0188809,Lẻ,xã,01888,", "parent_code", "chỉ có khu dân cư"),
        ("0188809,Lẻ,huyện,06,10", "households", "chỉ ghi số hộ cho khu dân cư"),
        ("0188809,Lẻ,thôn,01888,-3", "households", "số âm"),
    ],
)
def test_units_import_names_bad_residential_rows(database, actor, tmp_path, line, field, fragment):
    path = write(tmp_path, "bad.csv", "code,name,kind,parent_code,households\n" + line + "\n")
    with pytest.raises(ValidationError) as caught:
        units.import_units_csv(path, actor)
    assert caught.value.errors[0].field == field
    assert caught.value.errors[0].row == 2
    assert fragment in str(caught.value)
    assert units.find_unit("0188809") is None


def test_a_report_on_a_commune_counts_its_residential_areas_as_the_commune(areas):
    from movement_desk.services import reports

    scope = reports.build_scope("01888", date(2024, 1, 1), date(2024, 12, 31))
    assert [row.code for row in scope.rows] == ["01888"]
    area = units.get_unit("0188801")
    assert scope.row_of[area.id] == units.get_unit("01888").id
    assert scope.leaf_of[area.id] == units.get_unit("01888").id


def test_organisations_import_export_round_trip_and_all_or_nothing(areas, actor, tmp_path):
    assert Organisation.live().count() == 3
    again = organisations.import_organisations(write(tmp_path, "o.csv", ORGANISATIONS), actor)
    assert (again.created, again.unchanged) == (0, 3)
    out = tmp_path / "out.csv"
    assert organisations.export_organisations(out, actor, "01888") == 3
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "name,kind,unit_code,managing_level"
    assert "Trường THPT Ba Bể,Cơ sở giáo dục,01888,Cấp tỉnh" in text
    bad = write(
        tmp_path,
        "bad.csv",
        "name,kind,unit_code\nMới,agency,01888\n,agency,01888\nX,bank,01888\nY,school,99999\n",
    )
    with pytest.raises(ValidationError) as caught:
        organisations.import_organisations(bad, actor)
    assert [(e.row, e.field) for e in caught.value.errors] == [
        (3, "name"),
        (4, "kind"),
        (5, "unit_code"),
    ]
    assert Organisation.live().count() == 3


def test_evaluation_periods_follow_the_circular():
    assert ratings.evaluation_period(RatingSubject.RESIDENTIAL_AREA, 2024) == (
        date(2023, 11, 1),
        date(2024, 10, 31),
    )
    for subject in (RatingSubject.COMMUNE, RatingSubject.AGENCY, RatingSubject.SCHOOL):
        assert ratings.evaluation_period(subject, 2024) == (date(2023, 11, 16), date(2024, 11, 15))
    assert "01/11/2023 đến 31/10/2024" in ratings.periods_note(2024)


def test_criteria_catalogue_is_the_circular_until_an_administrator_versions_it(database, actor):
    area = ratings.criteria_for(RatingSubject.RESIDENTIAL_AREA, 2024)
    assert len(area) == 5
    assert area[0].text.startswith("Quý I hằng năm, chi bộ có nghị quyết")
    assert "100% hộ gia đình" in area[0].text
    ratings.save_criteria("residential_area", 2025, ["Một", "Hai", "Ba"], actor)
    assert len(ratings.criteria_for(RatingSubject.RESIDENTIAL_AREA, 2024)) == 5
    assert [c.text for c in ratings.criteria_for(RatingSubject.RESIDENTIAL_AREA, 2026)] == [
        "Một",
        "Hai",
        "Ba",
    ]


RATINGS_HEADER = ",".join(ratings.RATING_COLUMNS) + "\n"
GOOD_RATINGS = RATINGS_HEADER + (
    "2024,residential_area,0188801,,15/02/2024,120,dat,,UBND xã Chợ Rã,12/QĐ-UBND,20/11/2024\n"
    "2024,Khu dân cư,0188802,,15/02/2024,80,Không đạt,1,,,\n"
    "2024,commune,01888,,10/03/2024,,Đạt,,UBND huyện Ba Bể,45/QĐ-UBND,01/12/2024\n"
    "2024,agency,01888,UBND xã Chợ Rã,20/01/2024,,dat,,UBND xã Chợ Rã,13/QĐ-UBND,20/11/2024\n"
    "2024,school,01888,trường thpt ba be,20/01/2024,,khong_dat,3;4,,,\n"
    "2024,enterprise,01888,Công ty TNHH Ba Bể Xanh,20/01/2024,,,,,,\n"
)


def test_ratings_import_stores_every_step_and_exports_the_same_columns(areas, actor, tmp_path):
    report = ratings.import_ratings(write(tmp_path, "r.csv", GOOD_RATINGS), actor)
    assert (report.created, report.updated) == (6, 0)
    area = SafetyRating.get(SafetyRating.unit == units.get_unit("0188801").id)
    assert area.result is RatingResult.PASSED
    assert (area.households_total, area.households_registered) == (120, 120)
    assert area.decision_number == "12/QĐ-UBND"
    school = SafetyRating.get(SafetyRating.subject_kind == "school")
    assert school.missed_criteria == "3; 4"
    pending = SafetyRating.get(SafetyRating.subject_kind == "enterprise")
    assert pending.result is RatingResult.PENDING
    again = ratings.import_ratings(write(tmp_path, "r.csv", GOOD_RATINGS), actor)
    assert (again.created, again.unchanged) == (0, 6)
    out = tmp_path / "out.xlsx"
    assert ratings.export_ratings(out, actor, year=2024) == 6
    back = ratings.import_ratings(out, actor, dry_run=True)
    assert back.unchanged == 6


@pytest.mark.parametrize(
    "line, field, fragment",
    [
        ("2019,commune,01888,,,,,,,,", "year", "áp dụng từ năm 2022"),
        ("2024,village,01888,,,,,,,,", "subject_kind", "không có trong danh sách"),
        ("2024,residential_area,01888,,,,,,,,", "unit_code", "không phải khu dân cư"),
        ("2024,commune,0188801,,,,,,,,", "unit_code", "không phải đơn vị cấp xã"),
        ("2024,agency,01888,,,,,,,,", "organisation", "chưa nhập tên"),
        ("2024,agency,01888,Không có,,,,,,,", "organisation", "chưa có"),
        ("2024,agency,01888,Trường THPT Ba Bể,,,,,,,", "subject_kind", "không phải cơ quan"),
        ("2024,commune,01888,,15/05/2024,,,,,,", "registered_on", "quý I"),
        (
            "2024,residential_area,0188801,,15/02/2024,130,,,,,",
            "households_registered",
            "nhiều hơn",
        ),
        ("2024,residential_area,0188801,,15/02/2024,100,dat,,,,", "households_registered", "100%"),
        ("2024,commune,01888,,15/02/2024,5,,,,,", "households_registered", "chỉ ghi số hộ"),
        ("2024,commune,01888,,15/02/2024,,khong_dat,,,,", "missed_criteria", "hãy ghi"),
        (
            "2024,commune,01888,,15/02/2024,,khong_dat,9,,,",
            "missed_criteria",
            "không có tiêu chí số 9",
        ),
        ("2024,commune,01888,,15/02/2024,,khong_dat,hai,,,", "missed_criteria", "không phải số"),
        ("2024,commune,01888,,15/02/2024,,dat,2,,,", "missed_criteria", "chỉ ghi"),
        ("2024,commune,01888,,,,dat,,,,", "registered_on", "cần đăng ký"),
        ("2024,commune,01888,,15/02/2024,,,,X,1/QĐ,01/12/2024", "decision_number", "chỉ công nhận"),
        ("2024,commune,01888,,15/02/2024,,dat,,X,,01/12/2024", "decision_number", "cần đủ"),
        ("2024,commune,01888,,15/02/2024,,dat,,X,1/QĐ,01/12/2022", "decision_date", "không thuộc"),
        ("2024,commune,01888,,15/02/2024,,dat,,X,1/QĐ,31/02/2024", "decision_date", "dd/mm/yyyy"),
    ],
)
def test_ratings_import_names_every_bad_row_and_writes_nothing(
    areas, actor, tmp_path, line, field, fragment
):
    path = write(tmp_path, "bad.csv", GOOD_RATINGS + line + "\n")
    with pytest.raises(ValidationError) as caught:
        ratings.import_ratings(path, actor)
    assert [(e.row, e.field) for e in caught.value.errors][:1] == [(8, field)]
    assert fragment in str(caught.value)
    assert SafetyRating.select().count() == 0


def test_officer_registers_and_proposes_the_recognising_level_confirms(areas, people, tmp_path):
    officer, lead, other = people["officer"], people["lead"], people["other"]
    base = {
        "year": 2024,
        "subject_kind": "residential_area",
        "unit_code": "0188801",
        "registered_on": "15/02/2024",
        "households_registered": "120",
        "result": "dat",
    }
    rating = ratings.save_rating(base, officer)
    assert rating.result is RatingResult.PASSED
    recognition = {
        "recognised_by": "UBND xã",
        "decision_number": "1/QĐ",
        "decision_date": "20/11/2024",
    }
    with pytest.raises(PermissionDenied, match="công nhận"):
        ratings.save_rating({**base, **recognition}, officer, rating.uuid)
    with pytest.raises(PermissionDenied):
        ratings.save_rating({**base, "unit_code": "0188802", "households_registered": "85"}, other)
    confirmed = ratings.save_rating({**base, **recognition}, lead, rating.uuid)
    assert confirmed.confirmed_by == "lead"
    commune = {"year": 2024, "subject_kind": "commune", "unit_code": "01888", "result": "dat",
               "registered_on": "01/03/2024"}  # fmt: skip
    ratings.save_rating(commune, officer)
    with pytest.raises(ValidationError, match="đã có kết quả"):
        ratings.save_rating(commune, officer)


def test_the_commune_recognises_only_what_it_manages(areas, people, fast_hashing):
    from movement_desk.services.admin import accounts

    admin = people["admin"]
    accounts.create_user("chief", "mat-khau-dai-12345", "supervisor", "01888", admin)
    chief = accounts.authenticate("chief", "mat-khau-dai-12345")
    recognition = {"result": "dat", "registered_on": "20/01/2024", "recognised_by": "UBND",
                   "decision_number": "9/QĐ", "decision_date": "20/11/2024"}  # fmt: skip
    school = {"year": 2024, "subject_kind": "school", "unit_code": "01888",
              "organisation": "Trường THPT Ba Bể", **recognition}  # fmt: skip
    with pytest.raises(PermissionDenied, match="Cấp tỉnh".lower()):
        ratings.save_rating(school, chief)
    agency = {"year": 2024, "subject_kind": "agency", "unit_code": "01888",
              "organisation": "UBND xã Chợ Rã", **recognition}  # fmt: skip
    assert ratings.save_rating(agency, chief).confirmed_by == "chief"
    commune = {"year": 2024, "subject_kind": "commune", "unit_code": "01888", **recognition}
    with pytest.raises(PermissionDenied, match="cấp trên công nhận"):
        ratings.save_rating(commune, chief)


def _independent_counts(database, year: int) -> dict[str, tuple[int, int]]:
    rows = database.execute_sql(
        "SELECT subject_kind, SUM(result = 'dat'), COUNT(*) FROM safety_rating "
        "WHERE deleted_at IS NULL AND year = ? GROUP BY subject_kind",
        (year,),
    ).fetchall()
    return {kind: (passed, total) for kind, passed, total in rows}


def test_yearly_report_prints_pass_over_total_equal_to_the_stored_ratings(areas, actor, tmp_path):
    from io import BytesIO

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from movement_desk.services import reports

    ratings.import_ratings(write(tmp_path, "r.csv", GOOD_RATINGS), actor)
    last_year = RATINGS_HEADER + "2023,residential_area,0188801,,15/02/2023,110,,,,,\n"
    ratings.import_ratings(write(tmp_path, "r23.csv", last_year), actor)
    counts = _independent_counts(areas, 2024)
    data = reports.build_report("06", "2024", actor=actor)
    safety = data.safety
    for key, _noun, _ in (("residential_area", 0, 0), ("commune", 0, 0), ("agency", 0, 0),
                          ("enterprise", 0, 0), ("school", 0, 0)):  # fmt: skip
        figures = safety.total.counts[key]
        assert (figures.passed, figures.total) == counts.get(key, (0, 0))
    assert safety.previous_total.counts["residential_area"].total == 1
    assert (safety.total.households_registered, safety.total.households_total) == (200, 205)
    ba_be = next(row for row in safety.rows if "Ba Bể" in row.name)
    assert ba_be.counts["residential_area"].text == "1/2"
    expected = (
        "Năm 2024: 1/2 khu dân cư, 1/1 xã, phường, đặc khu, 1/1 cơ quan, 0/1 doanh nghiệp, "
        "0/1 cơ sở giáo dục đạt tiêu chuẩn"
    )
    text = " ".join(
        page.extract_text() for page in PdfReader(BytesIO(reports.render_pdf(data))).pages
    )
    assert expected in " ".join(text.split())
    assert "01/11/2023 đến 31/10/2024" in " ".join(text.split())
    out = tmp_path / "r.xlsx"
    reports.write_workbook(data, out)
    sheet = load_workbook(out)["An toàn về ANTT"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["Tổng cộng", "1/2", "1/1", "1/1", "0/1", "0/1", "200/205"] in values
    assert reports.build_report("06", "2024-03", actor=actor).safety is None
    half = reports.build_report("061", "2024-H1", actor=actor).safety
    assert half.lines()[0].startswith(
        "Năm 2024 có 2 khu dân cư, 1 xã, phường, đặc khu, 1 cơ quan, 1 doanh nghiệp, "
        "1 cơ sở giáo dục đăng ký"
    )


def test_commune_report_rolls_ratings_up_to_the_2025_successor(areas, actor, tmp_path):
    from movement_desk.services import reports

    ratings.import_ratings(write(tmp_path, "r.csv", GOOD_RATINGS), actor)
    successor = units.successors_on(units.get_unit("01888"), date(2025, 7, 2))[0]
    data = reports.build_report(successor.code, "2024", rollup=True, actor=actor)
    assert data.safety.total.counts["residential_area"].text == "1/2"
    assert data.safety.total.counts["commune"].text == "1/1"


def test_a_session_held_in_a_residential_area_counts_for_its_commune(areas, actor):
    from movement_desk.services import reports
    from movement_desk.services.records import sessions

    sessions.create_session(
        {
            "date": "05/03/2024",
            "unit_code": "0188801",
            "kind": "propaganda",
            "organizer_kind": "police",
            "title": "Tuyên truyền ở thôn Nà Làng",
            "participants": "60",
        },
        actor,
    )
    commune = reports.build_report("01888", "2024-03", "calendar", actor=actor)
    assert commune.total.sessions == 1 and commune.total.participants == 60
    assert commune.communes_reporting == 1
    district = reports.build_report("061", "2024-03", "calendar", actor=actor)
    row = next(r for r in district.unit_rows if r.code == "01888")
    assert row.sessions == 1
    successor = units.successors_on(units.get_unit("01888"), date(2025, 7, 2))[0]
    rolled = reports.build_report(successor.code, "2024-03", "calendar", rollup=True, actor=actor)
    assert rolled.total.sessions == 1


def test_a_rating_change_is_audited_old_to_new_and_a_deletion_undone(areas, actor):
    import json

    from movement_desk.db.account_tables import AuditEntry

    raw = {"year": 2024, "subject_kind": "commune", "unit_code": "01888",
           "registered_on": "01/03/2024"}  # fmt: skip
    rating = ratings.save_rating(raw, actor)
    ratings.save_rating({**raw, "result": "khong_dat", "missed_criteria": "2"}, actor, rating.uuid)
    entry = (
        AuditEntry.select()
        .where((AuditEntry.record_uuid == rating.uuid) & (AuditEntry.action == "update"))
        .get()
    )
    changes = json.loads(entry.changes)
    assert changes["missed_criteria"] == ["", "2"]
    ratings.delete_rating(rating.uuid, actor)
    assert SafetyRating.live().count() == 0
    ratings.restore_rating(rating.uuid, actor)
    assert SafetyRating.live().count() == 1


def test_the_small_demo_has_a_year_of_ratings_from_registration_to_certificates(
    small_demo, actor, tmp_path
):
    from pypdf import PdfReader

    from movement_desk.services import reports
    from movement_desk.services.certificates import recognition

    data = reports.build_report("061", "2024", actor=actor)
    counted = set(units.subtree_ids("061"))
    stored = [
        r for r in SafetyRating.live().where(SafetyRating.year == 2024) if r.unit_id in counted
    ]
    assert stored, "the demo rates the district's subjects"
    for key in ("residential_area", "commune", "agency", "enterprise", "school"):
        mine = [r for r in stored if r.subject_kind.value == key]
        figures = data.safety.total.counts[key]
        assert (figures.passed, figures.total) == (
            sum(r.result is RatingResult.PASSED for r in mine),
            len(mine),
        )
    assert data.safety.pledges
    passed = next(r for r in stored if r.decision_number)
    out = tmp_path / "cn.pdf"
    result = recognition.print_to_file(passed.decision_number, out, actor)
    assert result.printed >= 1
    assert "GIẤY CÔNG NHẬN" in PdfReader(out).pages[0].extract_text()


def test_an_officer_imports_only_his_communes_rows_each_refusal_named(areas, people, tmp_path):
    other = people["other"]  # officer of 01834, outside Chợ Rã
    path = write(tmp_path, "r.csv", RATINGS_HEADER + "2024,commune,01888,,10/03/2024,,,,,,\n")
    with pytest.raises(ValidationError) as caught:
        ratings.import_ratings(path, other)
    assert [(e.row, e.field) for e in caught.value.errors] == [(2, "unit_code")]
    assert "ngoài phạm vi" in str(caught.value)
    orgs = write(tmp_path, "o.csv", "name,kind,unit_code\nMới,agency,01888\n")
    with pytest.raises(ValidationError, match="ngoài phạm vi"):
        organisations.import_organisations(orgs, other)
    done = ratings.import_ratings(path, people["officer"])
    assert done.created == 1
    recognised = write(
        tmp_path,
        "rec.csv",
        RATINGS_HEADER + "2024,commune,01888,,10/03/2024,,dat,,UBND huyện,4/QĐ,01/12/2024\n",
    )
    with pytest.raises(ValidationError) as caught:
        ratings.import_ratings(recognised, people["officer"])
    assert [(e.row, e.field) for e in caught.value.errors] == [(2, "decision_number")]
    assert "công nhận" in str(caught.value)
    assert SafetyRating.get(SafetyRating.unit == units.get_unit("01888").id).decision_number == ""


def test_home_of_a_commune_shows_the_commune_not_its_residential_areas(areas, actor):
    from movement_desk.services import dashboard
    from movement_desk.services.core import settings
    from movement_desk.services.records import sessions

    settings.put("home_unit_code", "01888", "test")
    sessions.create_session(
        {"date": "05/03/2024", "unit_code": "0188802", "kind": "launch",
         "organizer_kind": "police", "title": "Phát động ở bản Pác Ngòi", "participants": "40"},
        actor,
    )  # fmt: skip
    board = dashboard.build_dashboard(date(2024, 3, 10), "month", "calendar", actor=actor)
    assert [row.unit_code for row in board.rows] == ["01888"]
    assert board.rows[0].sessions == 1


def test_a_list_filtered_on_a_commune_follows_its_successor_and_the_successors_areas(
    areas, actor, tmp_path
):
    from movement_desk.services.core.filters import RecordFilter
    from movement_desk.services.records import sessions

    successor = units.successors_on(units.get_unit("01888"), date(2025, 7, 2))[0]
    path = write(
        tmp_path,
        "new.csv",
        f"code,name,kind,parent_code,households\n{successor.code}01,Nà Làng,thôn,{successor.code},120\n",
    )
    units.import_units_csv(path, actor)
    for day, unit_code in (("05/03/2024", "0188801"), ("05/09/2025", f"{successor.code}01")):
        sessions.create_session(
            {"date": day, "unit_code": unit_code, "kind": "launch", "organizer_kind": "police",
             "title": f"Phát động {day}", "participants": "10"},
            actor,
        )  # fmt: skip
    plain = sessions.session_query(RecordFilter(unit_code="01888"))
    assert plain.count() == 1
    followed = sessions.session_query(RecordFilter(unit_code="01888", follow_successors=True))
    assert followed.count() == 2
