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


AREA_KINDS = "('thon','lang','ban','ap','buon','khom','to_dan_pho','khu_pho','khu_dan_cu')"
COMMUNE_KINDS = "('xa','phuong','thi_tran','dac_khu')"


def _independent_counts(database, year: int) -> dict[str, tuple[int, int]]:
    """(đạt, tổng) per category straight from the tables: tổng is every residential area and
    commune existing at the end of its evaluation period and every organisation of a unit
    existing then, whether registered or not, plus any other subject rated that year."""
    area_end, commune_end = f"{year}-10-31", f"{year}-11-15"
    alive = (
        "(u.valid_from IS NULL OR u.valid_from <= ?) AND (u.valid_to IS NULL OR u.valid_to >= ?)"
    )
    subjects = database.execute_sql(
        f"""SELECT 'residential_area', u.id, CAST(NULL AS INTEGER) FROM admin_unit u
              WHERE u.deleted_at IS NULL AND u.kind IN {AREA_KINDS} AND {alive}
            UNION SELECT 'commune', u.id, CAST(NULL AS INTEGER) FROM admin_unit u
              WHERE u.deleted_at IS NULL AND u.kind IN {COMMUNE_KINDS} AND {alive}
            UNION SELECT o.kind, o.unit_id, o.id FROM organisation o JOIN admin_unit u
              ON u.id = o.unit_id WHERE o.deleted_at IS NULL AND {alive}
            UNION SELECT subject_kind, unit_id, organisation_id FROM safety_rating
              WHERE deleted_at IS NULL AND year = ?""",
        (area_end, area_end, commune_end, commune_end, commune_end, commune_end, year),
    ).fetchall()
    passed = database.execute_sql(
        "SELECT subject_kind, COUNT(*) FROM safety_rating "
        "WHERE deleted_at IS NULL AND year = ? AND result = 'dat' GROUP BY subject_kind",
        (year,),
    ).fetchall()
    totals: dict[str, int] = {}
    for kind, _unit, _organisation in subjects:
        totals[kind] = totals.get(kind, 0) + 1
    met = dict(passed)
    return {kind: (met.get(kind, 0), total) for kind, total in totals.items()}


def test_yearly_report_prints_pass_over_total_equal_to_the_stored_ratings(areas, actor, tmp_path):
    """ "tổng" is every subject that exists, registered or not: the commune Chợ Rã has four
    residential areas (two rated), Bắc Kạn 108 communes (one rated)."""
    from io import BytesIO

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from movement_desk.services import reports

    ratings.import_ratings(write(tmp_path, "r.csv", GOOD_RATINGS), actor)
    last_year = RATINGS_HEADER + "2023,residential_area,0188801,,15/02/2023,110,,,,,\n"
    ratings.import_ratings(write(tmp_path, "r23.csv", last_year), actor)
    counts = _independent_counts(areas, 2024)
    assert counts["residential_area"] == (1, 4)
    assert counts["commune"][0] == 1 and counts["commune"][1] > 100
    data = reports.build_report("06", "2024", actor=actor)
    safety = data.safety
    for key in ("residential_area", "commune", "agency", "enterprise", "school"):
        figures = safety.total.counts[key]
        assert (figures.passed, figures.total) == counts.get(key, (0, 0)), key
    communes = counts["commune"][1]
    # the areas' own households where not rated: 120 + 85 (rated) + 0 + 40
    assert (safety.total.households_registered, safety.total.households_total) == (200, 245)
    ba_be = next(row for row in safety.rows if "Ba Bể" in row.name)
    assert ba_be.counts["residential_area"].text == "1/4"
    # the enterprise registered but has no result: "chưa đánh giá", not "0/1"
    assert ba_be.counts["enterprise"].text == "chưa đánh giá"
    expected = (
        f"Năm 2024: 1/4 khu dân cư, 1/{communes} xã, phường, đặc khu, 1/1 cơ quan, 0/1 cơ sở "
        "giáo dục đạt tiêu chuẩn “An toàn về an ninh, trật tự”; chưa đánh giá: 1 doanh "
        "nghiệp. Năm 2023: chưa đánh giá"
    )
    text = " ".join(
        page.extract_text() for page in PdfReader(BytesIO(reports.render_pdf(data))).pages
    )
    assert expected in " ".join(text.split())
    assert "0/0" not in text
    assert "01/11/2023 đến 31/10/2024" in " ".join(text.split())
    out = tmp_path / "r.xlsx"
    reports.write_workbook(data, out)
    sheet = load_workbook(out)["An toàn về ANTT"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["Tổng cộng", "1/4", f"1/{communes}", "1/1", "chưa đánh giá", "0/1", "200/245"] in values
    assert reports.build_report("06", "2024-03", actor=actor).safety is None
    half = reports.build_report("061", "2024-H1", actor=actor).safety
    assert half.lines()[0].startswith("Năm 2024 có 2/4 khu dân cư, 1/"), half.lines()[0]
    assert "1/1 cơ quan, 1/1 doanh nghiệp, 1/1 cơ sở giáo dục đăng ký" in half.lines()[0]


def test_a_year_without_ratings_reads_not_yet_evaluated_never_0_of_0(areas, actor, tmp_path):
    """A year nobody rated prints "chưa đánh giá" (and the subjects waiting), a category with
    no subject at all "không có"; the previous year's line says so too."""
    from movement_desk.services import reports

    data = reports.build_report("01888", "2024", actor=actor)
    lines = data.safety.lines()
    assert lines[0] == (
        "Năm 2024: chưa đánh giá (4 khu dân cư, 1 xã, phường, đặc khu, 1 cơ quan, 1 doanh "
        "nghiệp, 1 cơ sở giáo dục chưa có kết quả). Năm 2023: chưa đánh giá (4 khu dân cư, "
        "1 xã, phường, đặc khu, 1 cơ quan, 1 doanh nghiệp, 1 cơ sở giáo dục chưa có kết quả)."
    )
    assert [row.cells() for row in [data.safety.total]] == [
        ["Tổng cộng", *["chưa đánh giá"] * 5, "0/245"]
    ]
    # A district with no residential area and no organisation in its register
    empty = reports.build_report("062", "2024", actor=actor).safety
    assert empty.total.counts["school"].text == "không có"
    assert "0/0" not in " ".join(empty.lines() + [c for r in empty.table_rows() for c in r])


def test_commune_report_rolls_ratings_up_to_the_2025_successor(areas, actor, tmp_path):
    from movement_desk.services import reports

    ratings.import_ratings(write(tmp_path, "r.csv", GOOD_RATINGS), actor)
    successor = units.successors_on(units.get_unit("01888"), date(2025, 7, 2))[0]
    data = reports.build_report(successor.code, "2024", rollup=True, actor=actor)
    assert data.safety.total.counts["residential_area"].text == "1/4"
    # every commune merged into the successor was to be rated in 2024, Chợ Rã among them
    merged = [
        u
        for u in AdministrativeUnit.select()
        if u.kind in units.COMMUNE_KINDS and units.successors_on(u, date(2025, 7, 2)) == [successor]
    ]
    assert len(merged) > 1
    assert data.safety.total.counts["commune"].text == f"1/{len(merged)}"


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


def test_a_commune_report_counts_sessions_by_residential_area(areas, actor, tmp_path):
    from io import BytesIO

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from movement_desk.services import reports
    from movement_desk.services.records import sessions

    held = [  # (unit, participants, date): two thôn, the commune itself, one outside the month
        ("0188801", 60, "05/03/2024"),
        ("0188801", 25, "12/03/2024"),
        ("0188802", 40, "20/03/2024"),
        ("01888", 90, "21/03/2024"),
        ("0188802", 7, "02/04/2024"),
    ]
    for index, (unit_code, people, day) in enumerate(held):
        sessions.create_session(
            {"date": day, "unit_code": unit_code, "kind": "propaganda",
             "organizer_kind": "police", "title": f"Buổi {index}",
             "participants": str(people)},
            actor,
        )  # fmt: skip
    march = [(u, p) for u, p, d in held if d.endswith("03/2024")]
    expected = {}
    for unit_code, people in march:
        label = units.get_unit(unit_code).title if len(unit_code) > 5 else "Không ghi khu dân cư"
        count, total = expected.get(label, (0, 0))
        expected[label] = (count + 1, total + people)
    assert expected[units.get_unit("0188801").title] == (2, 85)

    data = reports.build_report("01888", "2024-03", "calendar", actor=actor)
    got = {r.label: (r.count, r.extra) for r in data.sessions_by_residential_area}
    assert got == expected
    assert data.sessions_by_residential_area[-1].label == "Không ghi khu dân cư"
    assert sum(c for c, _ in got.values()) == data.total.sessions == len(march)

    text = "\n".join(
        page.extract_text() for page in PdfReader(BytesIO(reports.render_pdf(data))).pages
    )
    assert "Bảng 3a. Số buổi theo khu dân cư" in text
    # the table's cells, one after another, up to the next table
    table = text[text.index("Bảng 3a") :].split("Bảng 4")[0]
    cells = " ".join(line.strip() for line in table.splitlines())
    for label, (count, people) in expected.items():
        assert f"{label} {count} {people}" in cells
    assert f"Tổng cộng {len(march)} {sum(p for _, p in march)}" in cells

    out = tmp_path / "commune.xlsx"
    reports.write_workbook(data, out)
    sheet = load_workbook(out)["Theo khu dân cư"]
    rows = [tuple(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert dict((label, (c, p)) for label, c, p in rows[:-1]) == expected
    assert rows[-1] == ("Tổng cộng", len(march), sum(p for _, p in march))

    # A district's report stays as it was: no table by residential area.
    district = reports.build_report("061", "2024-03", "calendar", actor=actor)
    assert district.sessions_by_residential_area == []
    assert (
        "Theo khu dân cư" not in load_workbook(BytesIO(reports.workbook_bytes(district))).sheetnames
    )


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
    # The ratings page counts like the report on the home unit (Thái Nguyên since the
    # merger, which takes in Bắc Kạn's units for 2024).
    from movement_desk.services import dashboard

    rolled = reports.build_report("19", "2024", rollup=True, actor=actor).safety.summary()
    assert dashboard.ratings_summary(2024, actor=actor) == ("Tỉnh Thái Nguyên", rolled)
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


def test_recognition_certificate_prints_who_signed_the_decision(areas, actor, tmp_path):
    """The signer entered with the decision (on any subject it recognises), else the settings'
    signer when the settings' issuer is the recognising body; never a blank name."""
    from pypdf import PdfReader

    from movement_desk.services.certificates import recognition
    from movement_desk.services.core import settings
    from movement_desk.services.core.errors import ServiceError

    ratings.import_ratings(write(tmp_path, "r.csv", GOOD_RATINGS), actor)
    with pytest.raises(ServiceError, match="chưa có tên người ký"):
        recognition.print_to_file("12/QĐ-UBND", tmp_path / "none.pdf", actor)
    assert not (tmp_path / "none.pdf").exists()
    # Pác Ngòi passes too, recognised by the same decision, whose signer is entered with it.
    second = (
        RATINGS_HEADER + "2024,residential_area,0188802,,15/02/2024,85,dat,,UBND xã Chợ Rã,"
        "12/QĐ-UBND,20/11/2024,Hoàng Văn Thụ\n"
    )
    ratings.import_ratings(write(tmp_path, "r2.csv", second), actor)
    area = SafetyRating.get(SafetyRating.unit == units.get_unit("0188801").id)
    assert area.signer_name == ""
    assert recognition.certificate_data(area, "").signer_name == "Hoàng Văn Thụ"
    out = tmp_path / "cn.pdf"
    recognition.print_to_file("12/QĐ-UBND", out, actor)
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert len(pages) == 2 and all("Hoàng Văn Thụ" in text for text in pages)
    # Decision 13 (the agency) has no signer of its own: the settings' signer signs it when
    # the settings name the same body as issuer, and only then.
    agency = SafetyRating.get(SafetyRating.subject_kind == "agency")
    settings.put("signer_name", "Nông Thị Lan")
    assert recognition.certificate_data(agency, "").signer_name == ""
    settings.put("authority", "ỦY BAN NHÂN DÂN XÃ CHỢ RÃ")
    assert recognition.certificate_data(agency, "").signer_name == "Nông Thị Lan"
    # The date line names where the recognising body sits, not the settings' province today.
    assert recognition.certificate_data(area, "").place == "Chợ Rã"
    commune = SafetyRating.get(SafetyRating.subject_kind == "commune")  # UBND huyện Ba Bể
    assert recognition.certificate_data(commune, "").place == "Ba Bể"
    # A signer without a decision is refused, naming the field.
    bad = RATINGS_HEADER + "2024,school,01888,Trường THPT Ba Bể,20/01/2024,,khong_dat,3,,,,Ai Đó\n"
    with pytest.raises(ValidationError) as caught:
        ratings.import_ratings(write(tmp_path, "bad.csv", bad), actor)
    assert [(e.row, e.field) for e in caught.value.errors] == [(2, "signer_name")]


def test_an_officer_keeps_the_residential_areas_of_his_commune_and_no_other_unit(areas, people):
    """An officer adds, corrects, deletes and restores the thôn of his own commune (the
    register he rates); another commune's, and any unit that is not a residential area, stay
    the administrators'."""
    from movement_desk.services.core.errors import PermissionDenied

    officer, other, clerk = people["officer"], people["other"], people["clerk"]
    raw = {"code": "0188805", "name": "Nà Cà", "kind": "thôn", "parent_code": "01888",
           "households": "64"}  # fmt: skip
    with pytest.raises(PermissionDenied):
        units.create_unit(raw, other)  # Chợ Rã is not his commune
    with pytest.raises(PermissionDenied):
        units.create_unit(raw, clerk)
    with pytest.raises(PermissionDenied):
        units.create_unit({**raw, "kind": "xã", "households": ""}, officer)
    area = units.create_unit(raw, officer)
    assert (area.kind, area.households, area.parent.code) == (UnitKind.HAMLET, 64, "01888")
    corrected = {**units.unit_raw(area.uuid), "households": "70"}
    assert units.update_unit(area.uuid, corrected, officer).households == 70
    with pytest.raises(PermissionDenied):
        units.update_unit(area.uuid, corrected, other)
    commune = units.get_unit("01888")
    with pytest.raises(PermissionDenied):
        units.update_unit(commune.uuid, {**units.unit_raw(commune.uuid), "name": "X"}, officer)
    units.delete_unit(area.uuid, officer)
    assert units.find_unit("0188805").deleted_at is not None
    units.restore_unit(area.uuid, officer)
    assert units.find_unit("0188805").deleted_at is None
    # A kind that is not a residential area's is the administrators' (unit.write).
    with pytest.raises(PermissionDenied, match="sửa danh mục đơn vị"):
        units.create_unit({**raw, "code": "0188806", "kind": "xóm lạ"}, officer)
