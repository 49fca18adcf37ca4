"""The unit of a record on the record's date, and recipients' identities
(services/records/unit_rules.py, commendations.py): a unit that did not exist yet is refused
with its dates, a decision filed without a unit after the merger goes to the successor of the
home unit, a recipient carrying another decision's identifier is a new recipient."""

from __future__ import annotations

import pytest

from movement_desk.db.models import ActivitySession, Commendation, Decision
from movement_desk.services.core import settings
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.records import commendations, sessions, transfer
from tests.services.test_transfer import write_csv

SESSION = {
    "date": "05/03/2024",
    "unit_code": "TN01834",
    "kind": "launch",
    "organizer_kind": "police",
    "organizer_name": "Công an phường",
    "title": "Phát động phong trào năm 2024",
    "participants": "120",
    "tips": "2",
}


def test_a_unit_that_did_not_exist_yet_on_the_date_is_refused_with_its_dates(database, actor):
    # Phường Đức Xuân (TN01834) was formed on 01/07/2025 by the merger: nothing before.
    with pytest.raises(ValidationError) as caught:
        sessions.create_session(SESSION, actor)
    [error] = caught.value.errors
    assert error.field == "unit_code"
    assert error.message == (
        "Phường Đức Xuân (mã TN01834) chỉ tồn tại từ 01/07/2025, không có vào ngày 05/03/2024; "
        "hãy chọn đơn vị đúng với ngày này."
    )
    assert ActivitySession.select().count() == 0


def test_a_decision_filed_without_a_unit_after_the_merger_goes_to_the_home_units_successor(
    database, actor, tmp_path
):
    settings.put("home_unit_code", "01834", "test")  # Nguyễn Thị Minh Khai, merged in 2025
    file = write_csv(
        tmp_path / "khen.csv",
        [
            "decision_number,decision_date,form,authority,signer_title,signer_name,recipient_name",
            "5/QĐ-UBND,15/08/2025,Giấy khen,CHỦ TỊCH UBND PHƯỜNG,CHỦ TỊCH,Nguyễn Văn A,Người A",
            "6/QĐ-UBND,15/01/2025,Giấy khen,CHỦ TỊCH UBND PHƯỜNG,CHỦ TỊCH,Nguyễn Văn A,Người B",
        ],
    )
    transfer.import_file("commendations", file, actor)
    filed = {d.number: d.unit.code for d in Decision.select()}
    assert filed == {"5/QĐ-UBND": "TN01834", "6/QĐ-UBND": "01834"}
    assert {c.recipient_name: c.unit.code for c in Commendation.select()} == {
        "Người A": "TN01834",
        "Người B": "01834",
    }


DECISION = {
    "decision_number": "7/QĐ-UBND",
    "decision_date": "10/03/2024",
    "form": "giay_khen",
    "authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN PÁC NẶM",
    "signer_title": "CHỦ TỊCH",
    "signer_name": "Nguyễn Văn A",
    "unit_code": "01858",
    "achievement": "Đã có thành tích xuất sắc",
}


def test_a_recipient_carrying_another_decisions_identifier_is_a_new_recipient(database, actor):
    first = commendations.save_decision(DECISION, [{"recipient_name": "Lý Thị Hoa"}], actor)
    [theirs] = commendations.decision_recipients(first)
    # Copied with its identifier into another decision (a row pasted from the first one).
    second = commendations.save_decision(
        {**DECISION, "decision_number": "8/QĐ-UBND"},
        [{"recipient_name": "Lý Thị Hoa", "uuid": theirs.uuid}],
        actor,
    )
    [ours] = commendations.decision_recipients(second)
    assert ours.uuid != theirs.uuid and ours.id != theirs.id
    assert [c.recipient_name for c in commendations.decision_recipients(first)] == ["Lý Thị Hoa"]
    assert Commendation.get_by_id(theirs.id).decision_id == first.id
