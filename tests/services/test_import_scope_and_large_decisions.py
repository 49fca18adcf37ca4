"""Import and export files beyond the plain cases (services/records/transfer.py): a file that
moves another unit's record into one's own, a decision of another unit, a recipient deleted
here, a decision of hundreds of recipients with its progress, and an export that follows a
merged commune to its successor."""

from __future__ import annotations

import csv

import pytest

from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.models import ActivitySession, Commendation, Decision
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.records import commendations, sessions, transfer
from tests.conftest import admin_cli
from tests.services.test_transfer import write_csv

SESSION = {
    "date": "05/03/2024",
    "kind": "launch",
    "organizer_kind": "police",
    "organizer_name": "Công an",
    "title": "Phát động phong trào năm 2024",
    "participants": "120",
    "tips": "2",
}


def refused(call) -> dict[tuple[int, str], str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return {(error.row, error.field): error.message for error in caught.value.errors}


def test_a_file_cannot_move_another_units_session_into_ones_own(people, tmp_path):
    # The uuid names a session of phường Nguyễn Thị Minh Khai (01834); the row says Chợ Rã
    # (01888), the officer's own town: the stored record is outside his scope.
    theirs = sessions.create_session({**SESSION, "unit_code": "01834"}, people["other"])
    file = write_csv(
        tmp_path / "buoi.csv",
        [
            "uuid,date,unit_code,kind,organizer_kind,organizer_name,title,participants,tips",
            f"{theirs.uuid},05/03/2024,01888,launch,police,Công an,Phát động năm 2024,120,2",
        ],
    )
    errors = refused(lambda: transfer.import_file("sessions", file, people["officer"]))
    assert list(errors) == [(2, "unit_code")]
    assert errors[(2, "unit_code")].startswith("đơn vị “01834” nằm ngoài phạm vi")
    stored = ActivitySession.get_by_id(theirs.id)
    assert (stored.unit.code, stored.title, stored.revision) == (
        "01834",
        "Phát động phong trào năm 2024",
        1,
    )


DECISION = (
    "decision_number,decision_date,form,authority,signer_title,signer_name,recipient_name,unit_code"
)
AUTHORITY = "GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN"


def _decision_row(unit_code: str, name: str, number: str = "12/QĐ-CAT") -> str:
    return f"{number},15/01/2024,Giấy khen,{AUTHORITY},GIÁM ĐỐC,Nguyễn Văn A,{name},{unit_code}"


@pytest.fixture
def clerk(people):
    """The clerk of Ba Bể (061): enters decisions of his district only."""
    return people["clerk"]


def test_a_clerk_cannot_import_a_decision_of_a_unit_outside_his_district(clerk, tmp_path):
    file = write_csv(tmp_path / "khen.csv", [DECISION, _decision_row("01834", "Người A")])
    errors = refused(lambda: transfer.import_file("commendations", file, clerk))
    assert list(errors) == [(2, "unit_code")]
    assert errors[(2, "unit_code")].startswith("đơn vị “01834” nằm ngoài phạm vi")
    assert Decision.select().count() == 0


def test_a_clerk_cannot_take_over_a_stored_decision_of_another_district(
    people, clerk, actor, tmp_path
):
    # The same number and issuer already belong to a decision of 01834 (district 058): the
    # row of Chợ Rã would change that decision, which is not the clerk's.
    first = write_csv(tmp_path / "a.csv", [DECISION, _decision_row("01834", "Người A")])
    transfer.import_file("commendations", first, actor)
    [decision] = Decision.select()
    file = write_csv(tmp_path / "b.csv", [DECISION, _decision_row("01888", "Người B")])
    errors = refused(lambda: transfer.import_file("commendations", file, clerk))
    assert list(errors) == [(2, "unit_code")]
    assert errors[(2, "unit_code")] == (
        "Tài khoản “clerk” chỉ làm việc với Huyện Ba Bể (061) và các đơn vị trực thuộc; "
        "không có quyền với Phường Nguyễn Thị Minh Khai (01834)."
    )
    stored = Decision.get_by_id(decision.id)
    assert (stored.unit.code, stored.revision) == ("01834", decision.revision)
    assert [c.recipient_name for c in Commendation.select()] == ["Người A"]


def test_a_decision_of_two_hundred_recipients_reports_its_progress_in_order(
    database, actor, tmp_path
):
    names = [f"Người {n:03d}" for n in range(1, 201)]
    file = write_csv(tmp_path / "khen.csv", [DECISION, *(_decision_row("01834", n) for n in names)])
    seen: list[tuple[int, int]] = []
    report = transfer.import_file(
        "commendations", file, actor, progress=lambda done, total: seen.append((done, total))
    )
    assert (report.created, report.decisions_created) == (200, 1)
    # Reading counts the first half, writing the second (every 200 recipients written), and
    # the end is said once it is reached.
    assert seen[0] == (0, 400) and (400, 400) in seen[:-1] and seen[-1] == (400, 400)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_a_recipient_deleted_here_is_skipped_and_not_matched_again(database, actor, tmp_path):
    names = ["Người A", "Người B", "Người C"]
    file = write_csv(tmp_path / "khen.csv", [DECISION, *(_decision_row("01834", n) for n in names)])
    transfer.import_file("commendations", file, actor)
    exported = tmp_path / "out.csv"
    assert transfer.export_file("commendations", exported, actor=actor) == 3
    gone = Commendation.get(Commendation.recipient_name == "Người B")
    commendations.delete_commendation(gone.uuid, actor)
    again = transfer.import_file("commendations", exported, actor)
    assert (again.created, again.updated, again.unchanged, again.skipped_deleted) == (0, 0, 2, 1)
    assert "1 bỏ qua vì đã bị xóa ở đây" in again.summary()
    assert Commendation.get_by_id(gone.id).deleted_at is not None
    # Without uuids, rows are matched by name among the live recipients only: the deleted
    # one comes back as a new recipient, the others are found again.
    with exported.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    uuid_column = rows[0].index("Mã định danh")
    plain = write_csv(
        tmp_path / "plain.csv",
        [",".join(f'"{c}"' for i, c in enumerate(row) if i != uuid_column) for row in rows],
    )
    third = transfer.import_file("commendations", plain, actor)
    assert (third.created, third.unchanged) == (1, 2)
    live = Commendation.select().where(Commendation.deleted_at.is_null())
    assert sorted(c.recipient_name for c in live) == names


def test_an_export_of_a_merged_commune_follows_it_to_its_successor(
    database, actor, db_path, tmp_path
):
    # Nguyễn Thị Minh Khai (01834) became part of phường Đức Xuân (TN01834) on 01/07/2025.
    sessions.create_session({**SESSION, "unit_code": "01834"}, actor)
    sessions.create_session(
        {**SESSION, "unit_code": "TN01834", "date": "05/08/2025", "title": "Ngày hội 2025"},
        actor,
    )
    sessions.create_session({**SESSION, "unit_code": "01858", "title": "Xã khác"}, actor)
    alone, followed = tmp_path / "alone.csv", tmp_path / "followed.csv"
    done = admin_cli("export", "sessions", str(alone), "--unit", "01834", db=db_path)
    assert done.returncode == 0, done.stderr
    assert "Đã xuất 1 buổi" in done.stdout
    done = admin_cli(
        "export", "sessions", str(followed), "--unit", "01834", "--successors", db=db_path
    )
    assert done.returncode == 0, done.stderr
    assert "Đã xuất 2 buổi" in done.stdout
    with followed.open(encoding="utf-8-sig", newline="") as handle:
        titles = sorted(row["Nội dung"] for row in csv.DictReader(handle))
    assert titles == ["Ngày hội 2025", "Phát động phong trào năm 2024"]
    entry = (
        AuditEntry.select()
        .where(AuditEntry.action == "export")
        .order_by(AuditEntry.id.desc())
        .first()
    )
    assert "đơn vị 01834 (gồm cả đơn vị kế thừa)" in entry.summary
