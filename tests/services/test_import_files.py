"""Files in that never lose a row: look-alike rows, row accounting, absent and bad columns."""

from __future__ import annotations

import random
import re
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook

from movement_desk.db.models import (
    ActivitySession,
    AdministrativeUnit,
    Commendation,
    CommunityModel,
)
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.core.tabular import TableFileError
from movement_desk.services.records import transfer

HEADER = "date,unit_code,kind,organizer_kind,organizer_name,title,participants,tips,notes"
HAMLET_A = "05/03/2024,01834,tuyên truyền,police,Công an xã,Tuyên truyền pháp luật,74,1,Thôn Nà Pài"
HAMLET_B = "05/03/2024,01834,tuyên truyền,police,Công an xã,Tuyên truyền pháp luật,42,0,Thôn Khuổi"


def write_csv(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def communes() -> list[str]:
    return [
        u.code
        for u in AdministrativeUnit.select().order_by(AdministrativeUnit.code)
        if len(u.code) == 5 and u.existed_on(date(2023, 6, 1))
    ]


def register_lines(seed: int = 3, count: int = 939) -> list[str]:
    """A year's register like a province keeps it: no identifiers, generic titles, and
    sessions of one commune on one day with the same kind and title (two hamlets)."""
    rng = random.Random(seed)
    codes = communes()[:40]
    lines = [HEADER]
    while len(lines) - 1 < count:
        day = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2023"
        code = rng.choice(codes)
        title = rng.choice(["Tuyên truyền pháp luật", "Phát động phong trào", "Họp dân"])
        kind = "tuyên truyền" if title != "Phát động phong trào" else "phát động"
        for _ in range(rng.choice([1, 1, 1, 2])):
            people = rng.randint(20, 150)
            lines.append(f"{day},{code},{kind},police,Công an xã,{title},{people},0,")
    return lines[: count + 1]


def test_register_with_look_alike_rows_imports_whole_and_reimports_to_no_change(
    database, actor, tmp_path
):
    lines = register_lines()
    # identical copies of a line would be one record: keep the register free of them
    assert len(set(lines)) == len(lines)
    file = write_csv(tmp_path / "so-theo-doi.csv", lines)
    report = transfer.import_file("sessions", file, actor)
    assert (report.created, report.rows_read, report.refused) == (939, 939, 0)
    assert ActivitySession.select().count() == 939
    assert any("khác ở cột khác" in notice for notice in report.notices)
    assert "939 dòng đọc = 939 mới + 0 cập nhật + 0 không đổi + 0 bị từ chối" in report.summary()

    again = transfer.import_file("sessions", file, actor)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 939)

    # correct one figure of a look-alike pair: exactly that record changes
    pairs = {}
    for number, line in enumerate(lines[1:], start=2):
        key = line.rsplit(",", 3)[0].rsplit(",", 1)[0]
        pairs.setdefault(key, []).append(number)
    look_alike = next(numbers for numbers in pairs.values() if len(numbers) == 2)
    second = look_alike[1] - 1
    fields = lines[second].split(",")
    before = int(fields[6])
    fields[6] = str(before + 1000)
    corrected = [*lines[:second], ",".join(fields), *lines[second + 1 :]]
    third = transfer.import_file("sessions", write_csv(tmp_path / "sua.csv", corrected), actor)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 938)
    changed = ActivitySession.select().where(ActivitySession.revision == 2)
    assert [s.participants for s in changed] == [before + 1000]
    assert ActivitySession.select().count() == 939


def test_look_alike_rows_are_matched_in_file_order(database, actor, tmp_path):
    transfer.import_file(
        "sessions", write_csv(tmp_path / "a.csv", [HEADER, HAMLET_A, HAMLET_B]), actor
    )
    first, second = ActivitySession.select().order_by(ActivitySession.id)
    corrected = [HEADER, HAMLET_A, HAMLET_B.replace(",42,", ",44,")]
    report = transfer.import_file("sessions", write_csv(tmp_path / "b.csv", corrected), actor)
    assert (report.updated, report.unchanged) == (1, 1)
    assert ActivitySession.get_by_id(first.id).participants == 74
    assert ActivitySession.get_by_id(second.id).participants == 44


def test_identical_rows_are_one_record_with_a_notice(database, actor, tmp_path):
    file = write_csv(tmp_path / "copy.csv", [HEADER, HAMLET_A, HAMLET_A, HAMLET_B])
    report = transfer.import_file("sessions", file, actor)
    assert (report.created, report.duplicates) == (2, 1)
    assert "Dòng 3 giống hệt dòng 2" in report.notices[0]
    assert "3 dòng đọc = 2 mới + 0 cập nhật + 0 không đổi + 1 trùng hệt" in report.summary()


def test_dry_run_counts_look_alikes_the_same_way(database, actor, tmp_path):
    file = write_csv(tmp_path / "a.csv", [HEADER, HAMLET_A, HAMLET_B, HAMLET_B])
    report = transfer.import_file("sessions", file, actor, dry_run=True)
    assert (report.created, report.duplicates) == (2, 1)
    assert ActivitySession.select().count() == 0


def test_look_alike_models_are_separate_records(database, actor, tmp_path):
    header = "name,model_type,unit_code,managing_kind,established_on,members"
    lines = [
        header,
        "Tổ tự quản,Camera an ninh,01858,police,01/02/2020,3",
        "Tổ tự quản,Camera an ninh,01858,police,01/02/2020,5",
        "Tổ tự quản,Camera an ninh,01858,police,01/02/2020,5",
    ]
    report = transfer.import_file("models", write_csv(tmp_path / "m.csv", lines), actor)
    assert (report.created, report.duplicates) == (2, 1)
    assert sorted(m.members for m in CommunityModel.select()) == [3, 5]
    again = transfer.import_file("models", write_csv(tmp_path / "m.csv", lines), actor)
    assert (again.created, again.unchanged, again.duplicates) == (0, 2, 1)


def test_look_alike_commendations_are_separate_records(database, actor, tmp_path):
    header = "decision_number,decision_date,form,authority,signer_title,signer_name,recipient_name,recipient_position,register_number"
    common = "12/QĐ,15/01/2024,Giấy khen,GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN,GIÁM ĐỐC,A"
    lines = [
        header,
        f"{common},Nguyễn Văn An,Trưởng thôn,1",
        f"{common},Nguyễn Văn An,Công an viên,2",
        f"{common},Nguyễn Văn An,Công an viên,2",
    ]
    file = write_csv(tmp_path / "k.csv", lines)
    report = transfer.import_file("commendations", file, actor)
    assert (report.created, report.duplicates) == (2, 1)
    assert Commendation.select().count() == 2
    corrected = [*lines[:2], f"{common},Nguyễn Văn An,Công an viên,3"]
    again = transfer.import_file("commendations", write_csv(tmp_path / "k2.csv", corrected), actor)
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    assert sorted(c.register_number for c in Commendation.select()) == ["1", "3"]


def test_unclosed_quote_in_a_csv_is_an_error_naming_its_row(database, actor, tmp_path):
    lines = [
        HEADER,
        HAMLET_A,
        '05/03/2024,01834,launch,police,,"Phát động năm 2024,120,2,',
        *[HAMLET_B.replace(",42,", f",{n},") for n in range(10, 15)],
    ]
    with pytest.raises(TableFileError, match="dòng 3: dấu ngoặc kép"):
        transfer.import_file("sessions", write_csv(tmp_path / "q.csv", lines), actor)
    assert ActivitySession.select().count() == 0


def test_xlsx_is_read_by_its_real_rows_not_its_stored_size(database, actor, tmp_path):
    source = tmp_path / "ten.xlsx"
    workbook = Workbook()
    workbook.active.append(HEADER.split(","))
    for number in range(10):
        workbook.active.append(HAMLET_A.replace(",74,", f",{number + 1},").split(","))
    workbook.save(source)
    lying = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(lying, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb"<dimension [^>]*>", b'<dimension ref="A1:I2"/>', data)
                assert b'ref="A1:I2"' in data
            new.writestr(item, data)
    report = transfer.import_file("sessions", lying, actor)
    assert (report.rows_read, report.created) == (10, 10)


def test_refused_rows_are_counted(database, actor, tmp_path):
    lines = [HEADER, HAMLET_A, HAMLET_B.replace("05/03/2024", "31/02/2024"), HAMLET_B]
    with pytest.raises(transfer.ImportRefused) as caught:
        transfer.import_file("sessions", write_csv(tmp_path / "bad.csv", lines), actor)
    assert caught.value.accounting.startswith("3 dòng đọc = 2 dòng hợp lệ + 1 bị từ chối")


def test_a_missing_column_never_erases_and_is_listed(small_demo, actor, tmp_path):
    exported = tmp_path / "all.csv"
    count = transfer.export_file("sessions", exported, actor=actor)
    text = exported.read_text(encoding="utf-8-sig").splitlines()
    import csv

    rows = list(csv.reader(text))
    keep = [
        i
        for i, h in enumerate(rows[0])
        if h not in ("Ghi chú", "Số tin có giá trị", "Đơn vị tổ chức")
    ]
    # and no identifiers: matched by natural key, the harder case
    keep = [i for i in keep if rows[0][i] != "Mã định danh"]
    trimmed = tmp_path / "trimmed.csv"
    with trimmed.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[row[i] for i in keep] for row in rows])
    before = {s.id: (s.tips, s.notes, s.organizer_name) for s in ActivitySession.select()}
    assert any(tips for tips, _, _ in before.values())
    report = transfer.import_file("sessions", trimmed, actor)
    assert report.updated == 0 and report.unchanged == count
    assert "Tệp không có các cột: Đơn vị tổ chức, Số tin có giá trị, Ghi chú" in report.summary()
    after = {s.id: (s.tips, s.notes, s.organizer_name) for s in ActivitySession.select()}
    assert after == before


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (HEADER + ",Ghi chú", "cột “Ghi chú” có hai lần"),
        (HEADER + ",Số người", "không biết cột “Số người”"),
    ],
)
def test_duplicate_and_unknown_columns_are_errors_naming_the_column(
    database, actor, tmp_path, header, message
):
    file = write_csv(tmp_path / "h.csv", [header, HAMLET_A + ",x"])
    with pytest.raises(ValidationError, match=message):
        transfer.import_file("sessions", file, actor)
    assert ActivitySession.select().count() == 0


def test_a_formula_without_a_cached_value_is_an_error_not_zero(database, actor, tmp_path):
    file = tmp_path / "formula.xlsx"
    workbook = Workbook()
    workbook.active.append(HEADER.split(","))
    row = HAMLET_A.split(",")
    row[6] = "=40+34"  # openpyxl stores the formula with no computed value, as scripts do
    workbook.active.append(row)
    workbook.save(file)
    with pytest.raises(TableFileError, match="dòng 2, cột G: ô có công thức"):
        transfer.import_file("sessions", file, actor)
    assert ActivitySession.select().count() == 0


def test_an_import_waits_for_another_writer_and_says_so(database, db_path, actor, tmp_path):
    import sqlite3
    import threading

    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another user in the middle of a write
    seen = []

    def progress(done, total):
        seen.append(done)
        if done == transfer.WAITING_FOR_WRITER:
            threading.Timer(0.5, lambda: holder.execute("COMMIT")).start()

    file = write_csv(tmp_path / "a.csv", [HEADER, HAMLET_A, HAMLET_B])
    report = transfer.import_file("sessions", file, actor, progress=progress)
    holder.close()
    assert transfer.WAITING_FOR_WRITER in seen
    assert report.created == 2 and ActivitySession.select().count() == 2


def test_missing_columns_keep_models_and_commendations(database, actor, tmp_path):
    full = "name,model_type,unit_code,managing_kind,managing_name,established_on,members,notes"
    row = "Tổ tự quản,Camera an ninh,01858,police,Công an xã,01/02/2020,7,Ghi chú cũ"
    transfer.import_file("models", write_csv(tmp_path / "m.csv", [full, row]), actor)
    short = "name,model_type,unit_code,managing_kind,established_on"
    report = transfer.import_file(
        "models",
        write_csv(
            tmp_path / "m2.csv", [short, row.rsplit(",", 3)[0].rsplit(",", 1)[0] + ",01/02/2020"]
        ),
        actor,
    )
    assert report.unchanged == 1, report.summary()
    [model] = CommunityModel.select()
    assert (model.members, model.notes, model.managing_name) == (7, "Ghi chú cũ", "Công an xã")

    header = "decision_number,decision_date,form,authority,signer_title,signer_name,place,recipient_name,register_number,achievement"
    common = "12/QĐ,15/01/2024,Giấy khen,GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN,GIÁM ĐỐC,A,Chợ Đồn"
    transfer.import_file(
        "commendations",
        write_csv(tmp_path / "k.csv", [header, f"{common},Nguyễn Văn An,17,Thành tích tốt"]),
        actor,
    )
    short = "decision_number,decision_date,form,authority,signer_title,signer_name,recipient_name"
    report = transfer.import_file(
        "commendations",
        write_csv(tmp_path / "k2.csv", [short, common.rsplit(",", 1)[0] + ",Nguyễn Văn An"]),
        actor,
    )
    assert report.created == 0
    [commendation] = Commendation.select()
    assert commendation.register_number == "17"
    assert commendation.decision.place == "Chợ Đồn"
    assert commendation.decision.achievement == "Thành tích tốt"


def _index_is_whole() -> None:
    from movement_desk.db.connection import db

    db.execute_sql(
        "INSERT INTO activity_session_fts(activity_session_fts, rank) VALUES ('integrity-check', 1)"
    )


def _fts_triggers() -> list[tuple]:
    from movement_desk.db.connection import db

    return db.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND name LIKE 'activity_session_fts_%' ORDER BY name"
    ).fetchall()


def _found(text: str) -> int:
    from movement_desk.services.core.filters import RecordFilter
    from movement_desk.services.records import sessions

    return sessions.session_query(RecordFilter(text=text)).count()


def test_a_bulk_import_fills_the_search_index_once_and_keeps_it_whole(database, actor, tmp_path):
    triggers = _fts_triggers()
    assert len(triggers) == 3
    lines = [HEADER] + [HAMLET_A.replace("Thôn Nà Pài", f"Thôn số {n}") for n in range(40)]
    report = transfer.import_file("sessions", write_csv(tmp_path / "big.csv", lines), actor)
    assert report.created == 40
    _index_is_whole()
    assert _fts_triggers() == triggers  # back exactly as they were
    assert _found("thon so 17") == 1
    assert _found('"tuyen truyen phap luat"') == 40  # through the trigram index
    # The triggers work again for the next ordinary write.
    transfer.import_file("sessions", write_csv(tmp_path / "one.csv", [HEADER, HAMLET_B]), actor)
    assert _found("thon khuoi") == 1
    _index_is_whole()


def test_a_record_updated_by_an_import_is_found_by_its_new_text_not_its_old(
    database, actor, tmp_path
):
    first = transfer.import_file(
        "sessions", write_csv(tmp_path / "a.csv", [HEADER, HAMLET_A, HAMLET_B]), actor
    )
    assert first.created == 2
    [session] = ActivitySession.select().where(ActivitySession.notes == "Thôn Nà Pài")
    header = "uuid," + HEADER
    corrected = f"{session.uuid}," + HAMLET_A.replace("Thôn Nà Pài", "Bản Chợ Đồn mới")
    report = transfer.import_file(
        "sessions", write_csv(tmp_path / "b.csv", [header, corrected]), actor
    )
    assert report.updated == 1
    _index_is_whole()
    assert _found("cho don moi") == 1
    assert _found("na pai") == 0
    assert _found("thon khuoi") == 1  # the record the import left alone keeps its entry


def test_a_refused_or_dry_run_import_leaves_the_index_and_its_triggers_alone(
    database, actor, tmp_path
):
    transfer.import_file("sessions", write_csv(tmp_path / "a.csv", [HEADER, HAMLET_A]), actor)
    triggers = _fts_triggers()
    report = transfer.import_file(
        "sessions", write_csv(tmp_path / "b.csv", [HEADER, HAMLET_B]), actor, dry_run=True
    )
    assert report.updated == 1  # the look-alike row pairs with the stored record
    assert _fts_triggers() == triggers
    assert (_found("thon khuoi"), _found("na pai")) == (0, 1)
    _index_is_whole()
    bad = HAMLET_B.replace("05/03/2024", "32/13/2024")
    with pytest.raises(ValidationError):
        transfer.import_file("sessions", write_csv(tmp_path / "c.csv", [HEADER, bad]), actor)
    assert _fts_triggers() == triggers


def test_the_plan_is_made_again_only_when_another_user_changed_the_same_kind_of_record(
    database, actor, tmp_path, monkeypatch
):
    from movement_desk.services.records import sessions
    from tests.services.test_permissions import SESSION

    plans = []
    original_plan = transfer._plan_records
    monkeypatch.setattr(
        transfer, "_plan_records", lambda *a, **k: plans.append(1) or original_plan(*a, **k)
    )
    meanwhile = []
    original_before = transfer._before_writing

    def before_writing(report):  # another user writes between the plan and the write
        original_before(report)
        meanwhile.pop(0)()

    monkeypatch.setattr(transfer, "_before_writing", before_writing)
    # A write elsewhere (here a setting) leaves the plan as it was made.
    from movement_desk.services.core import settings

    meanwhile.append(lambda: settings.put("bench_probe", "1"))
    transfer.import_file("sessions", write_csv(tmp_path / "a.csv", [HEADER, HAMLET_A]), actor)
    assert len(plans) == 1
    # The same session entered by another user meanwhile: matched under the lock, not doubled.
    plans.clear()
    meanwhile.append(lambda: sessions.create_session({**SESSION, "notes": "x"}, actor))
    row = (
        f"{SESSION['date']},{SESSION['unit_code']},{SESSION['kind']},"
        f"{SESSION['organizer_kind']},,{SESSION['title']},120,2,x"
    )
    report = transfer.import_file("sessions", write_csv(tmp_path / "b.csv", [HEADER, row]), actor)
    assert len(plans) == 2
    assert (report.created, report.unchanged) == (0, 1)


def test_an_import_moves_the_change_marker_once_and_a_reimport_without_change_not_at_all(
    database, actor, tmp_path
):
    from movement_desk.db import backup
    from movement_desk.db.connection import db

    def writes() -> int:
        return db.execute_sql("SELECT writes FROM data_change").fetchone()[0]

    lines = [HEADER] + [HAMLET_A.replace("Thôn Nà Pài", f"Thôn số {n}") for n in range(30)]
    file = write_csv(tmp_path / "big.csv", lines)
    before, mark = writes(), backup.current_change_marker()
    transfer.import_file("sessions", file, actor)
    assert writes() == before + 1 and backup.current_change_marker() != mark
    trigger = db.execute_sql(
        "SELECT count(*) FROM sqlite_master WHERE name = 'activity_session_changed_insert'"
    ).fetchone()[0]
    assert trigger == 1  # back for the next ordinary write
    before, mark = writes(), backup.current_change_marker()
    again = transfer.import_file("sessions", file, actor)
    assert again.unchanged == 30
    assert (writes(), backup.current_change_marker()) == (before, mark)
