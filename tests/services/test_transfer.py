"""CSV and Excel import and export: formats, all-or-nothing, no duplicates, round trips."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from movement_desk.db.models import ActivitySession, Commendation, CommunityModel, Decision
from movement_desk.services.admin import demo
from movement_desk.services.core import tabular
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.core.tabular import TableFileError
from movement_desk.services.records import transfer

HEADER = "date,unit_code,kind,organizer_kind,organizer_name,title,participants,tips,notes"
ROWS = [
    "05/03/2024,01834,launch,police,Công an phường Nguyễn Thị Minh Khai,Phát động phong trào năm 2024,120,2,",
    "2024-03-10,01858,Tuyên truyền,cong an,Công an xã Bằng Thành,Tuyên truyền phòng chống ma túy,1.234,0,Ghi chú",
]


def write_csv(path, lines, *, encoding="utf-8", separator=","):
    text = (
        "\n".join(line.replace(",", separator) if separator != "," else line for line in lines)
        + "\n"
    )
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_import_stores_rows_and_reimport_creates_no_duplicates(database, actor, tmp_path):
    file = write_csv(tmp_path / "buoi.csv", [HEADER, *ROWS])
    report = transfer.import_file("sessions", file, actor)
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    assert report.summary().startswith("Đã nhập 2 buổi")
    stored = ActivitySession.select().order_by(ActivitySession.held_on)
    assert [s.participants for s in stored] == [120, 1234]
    again = transfer.import_file("sessions", file, actor)
    assert (again.created, again.unchanged) == (0, 2)
    assert ActivitySession.select().count() == 2


def test_semicolon_csv_with_bom_and_vietnamese_headers(database, actor, tmp_path):
    labels = "Ngày tổ chức;Mã đơn vị;HÌNH THỨC;loai don vi to chuc;Đơn vị tổ chức;Nội dung;Số lượt người tham gia;So tin co gia tri;Ghi chú"
    row = "05/03/2024;01834;Phát động;Công an;Công an phường;Phát động năm 2024;55.875;527;"
    file = tmp_path / "excel-vn.csv"
    file.write_bytes(("\ufeff" + labels + "\n" + row + "\n").encode("utf-8"))
    transfer.import_file("sessions", file, actor)
    [session] = ActivitySession.select()
    assert (session.participants, session.tips) == (55875, 527)


def test_decomposed_text_in_a_file_is_stored_composed(database, actor, tmp_path):
    file = write_csv(tmp_path / "nfd.csv", [HEADER, unicodedata.normalize("NFD", ROWS[1])])
    transfer.import_file("sessions", file, actor)
    [session] = ActivitySession.select()
    assert session.title == "Tuyên truyền phòng chống ma túy"
    assert unicodedata.is_normalized("NFC", session.organizer_name)


def test_one_bad_row_means_nothing_is_written_and_every_bad_row_is_listed(
    database, actor, tmp_path
):
    bad = [
        HEADER,
        ROWS[0],
        "31/02/2024,01834,launch,police,,Ngày không có,10,0,",
        "05/03/2024,99999,launch,police,,Đơn vị không có,10,0,",
        "05/03/2024,01834,họp,police,,Hình thức sai,-5,0,",
        "05/03/2024,01834,launch,police,," + "x" * 5000 + ",10,0,",
    ]
    file = write_csv(tmp_path / "bad.csv", bad)
    with pytest.raises(ValidationError) as caught:
        transfer.import_file("sessions", file, actor)
    found = {(e.row, e.field) for e in caught.value.errors}
    assert found == {(3, "date"), (4, "unit_code"), (5, "kind"), (5, "participants"), (6, "title")}
    assert "Dòng 3, cột “Ngày tổ chức”" in str(caught.value)
    assert ActivitySession.select().count() == 0


def test_missing_required_column_is_named(database, actor, tmp_path):
    file = write_csv(
        tmp_path / "no-date.csv", ["unit_code,kind,organizer_kind,title", "01834,launch,police,X"]
    )
    with pytest.raises(ValidationError, match="thiếu cột “date”"):
        transfer.import_file("sessions", file, actor)


def test_duplicate_uuid_in_one_file_is_refused(database, actor, tmp_path):
    uuid = "3f0c5a0e-6a3b-4e38-9d2b-2f0e8e1c1a11"
    file = write_csv(
        tmp_path / "dup.csv", ["uuid," + HEADER, f"{uuid}," + ROWS[0], f"{uuid}," + ROWS[1]]
    )
    with pytest.raises(ValidationError, match="trùng với dòng 2"):
        transfer.import_file("sessions", file, actor)


def test_dry_run_reports_but_writes_nothing(database, actor, tmp_path):
    file = write_csv(tmp_path / "buoi.csv", [HEADER, *ROWS])
    report = transfer.import_file("sessions", file, actor, dry_run=True)
    assert report.created == 2 and "Chạy thử" in report.summary()
    assert ActivitySession.select().count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("latin1.csv", "date,title\n05/03/2024,Phát\n".encode("latin-1"), "UTF-8"),
        ("empty.csv", b"", "trống"),
        ("broken.xlsx", b"PK\x03\x04 truncated zip", "hỏng"),
        ("notes.txt", b"date\n", ".csv hoặc .xlsx"),
    ],
)
def test_unreadable_files_get_a_clear_message(database, actor, tmp_path, name, content, message):
    file = tmp_path / name
    file.write_bytes(content)
    with pytest.raises((TableFileError, ValidationError), match=message):
        transfer.import_file("sessions", file, actor)
    assert ActivitySession.select().count() == 0


def test_truncated_excel_file_is_refused(database, actor, tmp_path):
    good = tmp_path / "good.xlsx"
    workbook = Workbook()
    workbook.active.append(HEADER.split(","))
    for row in ROWS:
        workbook.active.append(row.split(","))
    workbook.save(good)
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(TableFileError, match="hỏng"):
        transfer.import_file("sessions", truncated, actor)


def test_excel_import_reads_real_dates_and_numbers(database, actor, tmp_path):
    file = tmp_path / "buoi.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append([date(2024, 3, 5), "01834", "launch", "police", "", "Phát động", 1234, 2, None])
    workbook.save(file)
    transfer.import_file("sessions", file, actor)
    [session] = ActivitySession.select()
    assert (session.held_on, session.participants) == (date(2024, 3, 5), 1234)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("kind", transfer.KINDS)
def test_export_then_import_into_an_empty_database_gives_the_same_records(
    small_demo, actor, tmp_path, kind, suffix
):
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin.bootstrap import prepare_database

    file = tmp_path / f"{kind}{suffix}"
    count = transfer.export_file(kind, file, actor=actor)
    assert count > 0
    spec = transfer._kind(kind)
    before = sorted(
        tuple(sorted(spec.to_raw(r).items(), key=lambda kv: kv[0]))
        for r in spec.query(transfer.RecordFilter())
    )
    close_database()
    prepare_database(tmp_path / "other.sqlite3")
    report = transfer.import_file(kind, file, actor)
    assert report.created == count
    after = sorted(
        tuple(sorted(spec.to_raw(r).items(), key=lambda kv: kv[0]))
        for r in spec.query(transfer.RecordFilter())
    )
    assert after == before
    again = transfer.import_file(kind, file, actor)
    assert again.created == 0 and again.updated == 0 and again.unchanged == count


def test_export_writes_vietnamese_labels_and_filters_by_unit_and_period(
    small_demo, actor, tmp_path
):
    file = tmp_path / "q1.xlsx"
    count = transfer.export_file(
        "sessions", file, unit_code="19", period="2025-Q3", rule="calendar", actor=actor
    )
    sheet = load_workbook(file).active
    assert [c.value for c in sheet[1]][:3] == ["Mã định danh", "Ngày tổ chức", "Mã đơn vị"]
    dates = [row[1].value.date() for row in sheet.iter_rows(min_row=2)]
    assert len(dates) == count > 0
    assert all(date(2025, 7, 1) <= d <= date(2025, 9, 30) for d in dates)
    expected = (
        ActivitySession.select()
        .where(ActivitySession.held_on.between(date(2025, 7, 1), date(2025, 9, 30)))
        .count()
    )
    assert count == expected


def test_commendation_rows_form_one_decision_per_number_and_issuer(database, actor, tmp_path):
    header = "decision_number,decision_date,form,authority,signer_title,signer_name,place,recipient_kind,recipient_name,achievement"
    common = '125/QĐ-CAT-PV05,15/01/2024,Giấy khen,GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN,"KT. GIÁM ĐỐC",Nguyễn Văn Bình,Bắc Kạn'
    file = write_csv(
        tmp_path / "khen.csv",
        [
            header,
            f"{common},ca nhan,Hoàng Văn Sính,Thành tích xuất sắc năm 2023",
            f"{common},tập thể,Công an xã Bằng Thành,Thành tích xuất sắc năm 2023",
            f"{common},cá nhân,Lường Thị Mai,Có thành tích đột xuất",
        ],
    )
    report = transfer.import_file("commendations", file, actor)
    assert (report.created, report.decisions_created) == (3, 1)
    [decision] = Decision.select()
    assert decision.achievement == "Thành tích xuất sắc năm 2023"
    own = {c.recipient_name: c.achievement for c in Commendation.select()}
    assert own == {
        "Hoàng Văn Sính": "",
        "Công an xã Bằng Thành": "",
        "Lường Thị Mai": "Có thành tích đột xuất",
    }


def test_commendation_rows_of_one_decision_must_agree(database, actor, tmp_path):
    header = "decision_number,decision_date,form,authority,signer_title,signer_name,recipient_name"
    file = write_csv(
        tmp_path / "khen.csv",
        [
            header,
            "12/QĐ,15/01/2024,Giấy khen,GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN,GIÁM ĐỐC,A,Người A",
            "12/QĐ,16/01/2024,Giấy khen,GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN,GIÁM ĐỐC,A,Người B",
        ],
    )
    with pytest.raises(ValidationError, match="Dòng 3.*khác với dòng 2"):
        transfer.import_file("commendations", file, actor)
    assert Decision.select().count() == 0


def test_models_import_matches_type_by_name_without_diacritics(database, actor, tmp_path):
    file = write_csv(
        tmp_path / "mo-hinh.csv",
        [
            "name,model_type,unit_code,managing_kind,established_on,members,status",
            "Camera thôn Nà Pài,camera an ninh,01858,police,01/02/2020,3,đang hoạt động",
        ],
    )
    transfer.import_file("models", file, actor)
    [model] = CommunityModel.select()
    assert model.model_type.name == "Camera an ninh"


def test_demo_is_the_same_for_the_same_seed(database, tmp_path):
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin.bootstrap import prepare_database

    demo.build_demo("small", seed=11)
    first = [
        (s.uuid, s.title, s.participants)
        for s in ActivitySession.select().order_by(ActivitySession.id)
    ]
    close_database()
    prepare_database(tmp_path / "again.sqlite3")
    demo.build_demo("small", seed=11)
    second = [
        (s.uuid, s.title, s.participants)
        for s in ActivitySession.select().order_by(ActivitySession.id)
    ]
    assert first == second and len(first) == demo.SCALES["small"].sessions


def test_write_table_leaves_no_partial_file_on_failure(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old content", encoding="utf-8")

    def rows():
        yield ["a"]
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        tabular.write_table(target, ["h"], rows())
    assert target.read_text(encoding="utf-8") == "old content"
    assert not (tmp_path / "out.csv.part").exists()


def test_two_rows_with_the_same_natural_key_and_other_figures_are_two_records(
    database, actor, tmp_path
):
    file = write_csv(tmp_path / "twice.csv", [HEADER, ROWS[0], ROWS[0].replace(",120,", ",130,")])
    report = transfer.import_file("sessions", file, actor)
    assert report.created == 2
    assert any("Các dòng 2, 3" in notice for notice in report.notices)
    assert sorted(s.participants for s in ActivitySession.select()) == [120, 130]


def test_row_without_uuid_updates_the_record_with_the_same_natural_key(database, actor, tmp_path):
    transfer.import_file("sessions", write_csv(tmp_path / "a.csv", [HEADER, ROWS[0]]), actor)
    corrected = ROWS[0].replace(",120,", ",125,").replace("phong trào", "PHONG TRÀO")
    report = transfer.import_file(
        "sessions", write_csv(tmp_path / "b.csv", [HEADER, corrected]), actor
    )
    assert (report.created, report.updated) == (0, 1)
    [session] = ActivitySession.select()
    assert session.participants == 125 and session.revision == 2


@pytest.mark.parametrize("kind", ["sessions", "models", "commendations"])
def test_export_reads_plain_values_giving_the_cells_of_each_record(small_demo, actor, kind):
    """The export reads tuples, not objects: each row is what ``to_raw`` of the record says."""
    from movement_desk.services.records import listing

    spec = transfer._kind(kind)
    listed = listing.RecordList(kind, actor=actor)
    ids = listed.ids()
    columns, convert = transfer.export_columns(kind)
    rows = [convert(values) for values in listed.tuples_by_ids(ids, columns)]
    expected = [
        [spec.to_raw(record).get(column, "") for column in spec.columns]
        for record in listed.by_ids(ids)
    ]
    assert len(rows) == len(ids) > 0
    assert rows == expected
    # For a CSV file, the cells as the file holds them, made in the same pass.
    _columns, csv_convert = transfer.export_columns(kind, csv=True)
    assert [csv_convert(values) for values in listed.tuples_by_ids(ids, columns)] == [
        [tabular.csv_value(v) for v in row] for row in expected
    ]
    # The export streams one ordered query: the same rows in the list's order.
    assert [convert(values) for values in listed.tuples(columns)] == rows
    # A column sorted in Python (organiser, managing body, position): by the id list.
    python_sort = {"sessions": "organizer", "models": "managing", "commendations": "position"}
    by_text = listing.RecordList(kind, sort=python_sort[kind], actor=actor)
    assert list(by_text.tuples(columns)) == by_text.tuples_by_ids(by_text.ids(), columns)


def test_an_exported_csv_neutralises_formula_text_in_every_column(database, actor, tmp_path):
    from movement_desk.services.records import sessions

    risky = '=HYPERLINK("x")'
    sessions.create_session(
        {"date": "05/03/2024", "unit_code": "01834", "kind": "launch",
         "organizer_kind": "police", "organizer_name": "+cmd|x", "title": risky,
         "notes": "@SUM(1)"},
        actor,
    )  # fmt: skip
    file = tmp_path / "buoi.csv"
    transfer.export_file("sessions", file, actor=actor)
    text = file.read_text("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+cmd|x" in text and "'@SUM(1)" in text
    assert "05/03/2024" in text
    ActivitySession.delete().execute()
    report = transfer.import_file("sessions", file, actor)
    assert report.created == 1
    [session] = ActivitySession.select()
    assert (session.title, session.organizer_name, session.notes) == (risky, "+cmd|x", "@SUM(1)")


def test_csv_row_writes_each_cell_as_csv_value_does():
    from datetime import datetime

    cells = ["", "abc", "=1+1", "'=x", "'a", "''", "\tx", "-1", "@SUM", "+cmd|x", "'"]
    cells += [5, None, 0, 1.5, date(2024, 3, 5), datetime(2024, 3, 5, 10, 1), date(1945, 9, 2)]
    assert tabular.csv_row(cells) == [tabular.csv_value(v) for v in cells]
