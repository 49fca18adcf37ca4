"""Community models and decisions: their rules, uniqueness, recipients and deletion."""

from __future__ import annotations

import pytest

from movement_desk.db.choices import CommendationForm, ModelStatus, RecipientKind
from movement_desk.db.models import Commendation, CommunityModel, Decision
from movement_desk.services.core.errors import ServiceError, ValidationError
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.records import catalog, commendations, community_models

MODEL = {
    "name": "Tổ tự quản về ANTT thôn Nà Pài",
    "model_type": "to tu quan ve an ninh, trat tu",
    "unit_code": "01858",
    "managing_kind": "Công an",
    "managing_name": "Công an xã Bằng Thành",
    "established_on": "10/05/2019",
    "members": "12",
}

DECISION = {
    "decision_number": "125/QĐ-CAT-PV05",
    "decision_date": "15/01/2024",
    "form": "Giấy khen",
    "authority": "Giám đốc Công an tỉnh Bắc Kạn",
    "signer_title": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    "signer_name": "Nguyễn Văn Bình",
    "place": "Bắc Kạn",
    "achievement": "Đã có thành tích xuất sắc trong phong trào “Toàn dân bảo vệ an ninh Tổ quốc” năm 2023",
}
RECIPIENTS = [
    {
        "recipient_kind": "individual",
        "recipient_name": "Hoàng Văn Sính",
        "recipient_position": "Trưởng thôn",
        "recipient_unit": "Xã Bằng Thành",
        "register_number": "37",
    },
    {"recipient_kind": "tap the", "recipient_name": "Công an xã Bằng Thành"},
]


def test_model_is_stored_with_its_type_and_status(database, actor):
    model = community_models.create_model(MODEL, actor)
    stored = CommunityModel.get_by_id(model.id)
    assert stored.model_type.name == "Tổ tự quản về an ninh, trật tự"
    assert stored.status is ModelStatus.ACTIVE
    assert stored.members == 12


@pytest.mark.parametrize(
    ("changes", "field", "part"),
    [
        ({"model_type": "Mô hình không có"}, "model_type", "không có loại mô hình"),
        ({"model_type": ""}, "model_type", "chưa chọn loại"),
        ({"members": "-2"}, "members", "số âm"),
        ({"status": "giai the"}, "status_date", "cần ngày chuyển tình trạng"),
        (
            {"status": "dissolved", "status_date": "01/01/2018"},
            "status_date",
            "trước ngày thành lập",
        ),
        ({"established_on": "01/08/2025"}, "unit_code", "chỉ tồn tại"),
        ({"name": ""}, "name", "bắt buộc"),
    ],
)
def test_model_rules(database, actor, changes, field, part):
    with pytest.raises(ValidationError) as caught:
        community_models.create_model({**MODEL, **changes}, actor)
    assert part in caught.value.for_field(field)[0].message
    assert CommunityModel.select().count() == 0


def test_model_type_in_use_cannot_be_deleted(database, actor):
    model = community_models.create_model(MODEL, actor)
    with pytest.raises(ServiceError, match="còn 1 mô hình"):
        catalog.delete_model_type(model.model_type.uuid, actor)


def test_decision_is_saved_with_its_recipients_and_signer_prefix(database, actor):
    decision = commendations.save_decision(DECISION, RECIPIENTS, actor)
    stored = Decision.get_by_id(decision.id)
    assert stored.form is CommendationForm.CERTIFICATE_OF_MERIT
    assert stored.authority == "GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN"
    assert (stored.signer_prefix, stored.signer_title) == ("KT.", "GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    people = commendations.decision_recipients(stored)
    assert [p.recipient_name for p in people] == ["Hoàng Văn Sính", "Công an xã Bằng Thành"]
    assert people[1].recipient_kind is RecipientKind.COLLECTIVE
    assert people[0].unit.code == stored.unit.code  # defaults to the decision's unit


def test_decision_number_is_unique_per_issuer(database, actor):
    commendations.save_decision(DECISION, RECIPIENTS, actor)
    with pytest.raises(ValidationError) as caught:
        commendations.save_decision(
            {**DECISION, "decision_number": "125/QD-CAT-PV05"}, RECIPIENTS, actor
        )
    assert "đã có quyết định số" in caught.value.for_field("decision_number")[0].message
    # Another issuer may use the same number.
    other = {**DECISION, "authority": "Chủ tịch Ủy ban nhân dân huyện Ba Bể"}
    commendations.save_decision(other, RECIPIENTS, actor)
    assert Decision.select().count() == 2


def test_decision_needs_recipients_and_reports_recipient_rows(database, actor):
    with pytest.raises(ValidationError) as caught:
        commendations.save_decision(DECISION, [], actor)
    assert caught.value.for_field("recipients")
    with pytest.raises(ValidationError) as caught:
        commendations.save_decision(DECISION, [RECIPIENTS[0], {"recipient_name": ""}], actor)
    [error] = caught.value.for_field("recipient_name")
    assert error.row == 2
    assert Decision.select().count() == 0 and Commendation.select().count() == 0


def test_emulation_title_named_in_the_form_column(database, actor):
    decision = commendations.save_decision(
        {**DECISION, "form": "Chiến sĩ thi đua cơ sở"}, RECIPIENTS, actor
    )
    assert decision.form is CommendationForm.EMULATION_TITLE
    assert decision.emulation_title == "Chiến sĩ thi đua cơ sở"


def test_editing_a_decision_updates_keeps_and_removes_recipients(database, actor):
    decision = commendations.save_decision(DECISION, RECIPIENTS, actor)
    first, second = commendations.decision_recipients(decision)
    edited = [
        {**commendations.recipient_to_raw(first), "recipient_position": "Bí thư chi bộ"},
        {"recipient_name": "Lường Thị Mai"},
    ]
    commendations.save_decision(DECISION, edited, actor, uuid=decision.uuid)
    now = commendations.decision_recipients(decision)
    assert [c.recipient_name for c in now] == ["Hoàng Văn Sính", "Lường Thị Mai"]
    assert now[0].uuid == first.uuid and now[0].recipient_position == "Bí thư chi bộ"
    assert Commendation.get_by_id(second.id).deleted_at is not None


def test_delete_and_restore_a_decision_with_its_recipients(database, actor):
    decision = commendations.save_decision(DECISION, RECIPIENTS, actor)
    commendations.delete_decision(decision.uuid, actor)
    assert commendations.commendation_query(RecordFilter()).count() == 0
    commendations.restore_decision(decision.uuid, actor)
    assert commendations.commendation_query(RecordFilter()).count() == 2


def test_last_recipient_cannot_be_deleted_alone(database, actor):
    decision = commendations.save_decision(DECISION, RECIPIENTS[:1], actor)
    [only] = commendations.decision_recipients(decision)
    with pytest.raises(ServiceError, match="cuối cùng"):
        commendations.delete_commendation(only.uuid, actor)


def test_commendations_sort_by_given_name(database, actor):
    people = [{"recipient_name": n} for n in ["Trần Thị Bình", "Nguyễn Văn An", "Lê Đức Ánh"]]
    commendations.save_decision(DECISION, people, actor)
    ordered = Commendation.select().order_by(Commendation.sort_key)
    assert [c.recipient_name for c in ordered] == ["Nguyễn Văn An", "Lê Đức Ánh", "Trần Thị Bình"]


def test_a_recipient_taken_off_and_put_back_keeps_its_identity(database, actor):
    decision = commendations.save_decision(DECISION, RECIPIENTS, actor)
    first, second = commendations.decision_recipients(decision)
    commendations.save_decision(
        DECISION, [commendations.recipient_to_raw(first)], actor, uuid=decision.uuid
    )
    assert [c.uuid for c in commendations.decision_recipients(decision)] == [first.uuid]
    # Putting the removed one back (what undo does) restores the same record.
    back = [commendations.recipient_to_raw(first), commendations.recipient_to_raw(second)]
    commendations.save_decision(DECISION, back, actor, uuid=decision.uuid)
    again = commendations.decision_recipients(decision)
    assert [c.uuid for c in again] == [first.uuid, second.uuid]
    assert Commendation.select().where(Commendation.decision == decision.id).count() == 2
