"""What an import says it did, row by row: rows skipped because the record was deleted here,
columns left out, a uuid too long, progress reported (services/records/transfer.py)."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from movement_desk.db.models import ActivitySession
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.records import sessions, transfer
from tests.services.test_transfer import HEADER, ROWS, write_csv


@pytest.fixture
def exported(database, actor, tmp_path):
    """Two sessions imported, then exported again with their uuids: (path, rows as dicts)."""
    transfer.import_file("sessions", write_csv(tmp_path / "in.csv", [HEADER, *ROWS]), actor)
    path = tmp_path / "out.csv"
    assert transfer.export_file("sessions", path, actor=actor) == 2
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return path, rows


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_a_row_of_a_record_deleted_here_is_skipped_and_said_so(exported, actor):
    path, rows = exported
    [first] = [r for r in ActivitySession.select() if r.title.startswith("Phát động")]
    sessions.delete_session(first.uuid, actor)
    report = transfer.import_file("sessions", path, actor)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert report.skipped_deleted == 1
    summary = report.summary()
    assert "Đã nhập 2 buổi" in summary and "1 bỏ qua vì đã bị xóa ở đây" in summary
    assert "2 dòng đọc = 0 mới + 0 cập nhật + 1 không đổi + 1 bỏ qua" in summary
    # Still deleted: an import never brings a record back.
    assert ActivitySession.get_by_id(first.id).deleted_at is not None


def test_a_file_without_a_column_keeps_the_stored_values_of_that_column(exported, actor, tmp_path):
    _path, rows = exported
    header = rows[0]
    notes = header.index("Ghi chú")
    without = [[cell for i, cell in enumerate(row) if i != notes] for row in rows]
    report = transfer.import_file("sessions", _write(tmp_path / "b.csv", without), actor)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert "Tệp không có các cột: Ghi chú (giữ nguyên giá trị đã lưu" in report.summary()
    stored = {r.title: r.notes for r in ActivitySession.select()}
    assert stored["Tuyên truyền phòng chống ma túy"] == "Ghi chú"
    # A changed figure in such a file updates the record and still keeps the notes.
    participants = without[0].index("Số lượt người tham gia")
    for row in without[1:]:
        row[participants] = "999"
    report = transfer.import_file("sessions", _write(tmp_path / "c.csv", without), actor)
    assert report.updated == 2
    assert {r.title: (r.participants, r.notes) for r in ActivitySession.select()}[
        "Tuyên truyền phòng chống ma túy"
    ] == (999, "Ghi chú")


def test_a_uuid_longer_than_any_identifier_is_refused_naming_the_row(exported, actor, tmp_path):
    _path, rows = exported
    rows[2][rows[0].index("Mã định danh")] = "x" * 65
    with pytest.raises(ValidationError) as caught:
        transfer.import_file("sessions", _write(tmp_path / "d.csv", rows), actor)
    [error] = caught.value.errors
    assert (error.row, error.field) == (3, "uuid") and "mã định danh quá dài" in error.message
    assert ActivitySession.select().count() == 2


def test_an_import_reports_its_progress_to_the_end(database, actor, tmp_path):
    seen = []
    file = write_csv(tmp_path / "e.csv", [HEADER, *ROWS])
    transfer.import_file(
        "sessions", file, actor, progress=lambda done, total: seen.append((done, total))
    )
    assert seen and seen[-1][0] == seen[-1][1]


def test_the_description_of_a_filter_names_every_condition():
    text = transfer.describe_filter(
        RecordFilter(
            unit_code="060",
            include_children=False,
            follow_successors=True,
            start=date(2025, 1, 1),
            kinds=["launch"],
            statuses=["active"],
            text="ma túy",
            deleted=True,
        )
    )
    assert text == (
        "đơn vị 060 (không gồm cấp dưới) (gồm cả đơn vị kế thừa); từ 01/01/2025 đến …; "
        "loại launch; trạng thái active; tìm “ma túy”; bản ghi đã xóa"
    )
