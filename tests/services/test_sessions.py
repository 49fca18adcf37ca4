"""Sessions: every validation rule, NFC on the way in, search and soft delete."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest

from movement_desk.db.models import ActivitySession
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.records import sessions

GOOD = {
    "date": "05/03/2024",
    "unit_code": "01834",
    "kind": "Phát động",
    "organizer_kind": "police",
    "organizer_name": "Công an phường Nguyễn Thị Minh Khai",
    "title": "Phát động phong trào Toàn dân bảo vệ ANTQ",
    "participants": "1.234",
    "tips": "3",
}


def test_good_session_is_stored_with_typed_values(database, actor):
    session = sessions.create_session(GOOD, actor)
    stored = ActivitySession.get_by_id(session.id)
    assert stored.held_on == date(2024, 3, 5)
    assert stored.participants == 1234
    assert stored.tips == 3
    assert stored.unit.code == "01834"
    assert stored.created_by == actor.username
    assert len(stored.uuid) == 36


TOMORROW = (date.today() + timedelta(days=1)).strftime("%d/%m/%Y")


@pytest.mark.parametrize(
    ("field", "value", "message_part"),
    [
        ("date", "", "chưa nhập ngày"),
        ("date", "31/02/2024", "không tồn tại"),
        ("date", "2024/13/01", "dd/mm/yyyy"),
        ("date", TOMORROW, "ở tương lai"),
        ("unit_code", "", "chưa chọn đơn vị"),
        ("unit_code", "99999", "không có đơn vị hành chính mã “99999”"),
        ("kind", "họp chợ", "không có trong danh sách"),
        ("organizer_kind", "", "chưa chọn"),
        ("title", "   ", "bắt buộc"),
        ("title", "x" * 5000, "tối đa 1.000"),
        ("participants", "-1", "số âm"),
        ("participants", "12,5", "không phải số nguyên"),
        ("tips", "nhiều", "không phải số nguyên"),
        ("notes", "y" * 5001, "tối đa 5.000"),
    ],
)
def test_each_rule_names_its_field_and_nothing_is_written(
    database, actor, field, value, message_part
):
    with pytest.raises(ValidationError) as caught:
        sessions.create_session({**GOOD, field: value}, actor)
    errors = caught.value.for_field(field)
    assert errors, caught.value.errors
    assert message_part in errors[0].message
    assert ActivitySession.select().count() == 0


def test_unit_that_no_longer_existed_points_to_its_successor(database, actor):
    with pytest.raises(ValidationError) as caught:
        sessions.create_session({**GOOD, "date": "05/08/2025"}, actor)
    message = caught.value.for_field("unit_code")[0].message
    assert "đến 30/06/2025" in message
    assert "Phường Đức Xuân" in message


def test_decomposed_text_is_stored_composed(database, actor):
    decomposed = unicodedata.normalize("NFD", "Tuyên truyền phòng, chống ma túy ở Chợ Đồn")
    session = sessions.create_session({**GOOD, "title": decomposed}, actor)
    stored = ActivitySession.get_by_id(session.id).title
    assert stored == unicodedata.normalize("NFC", decomposed)
    assert unicodedata.is_normalized("NFC", stored)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("bao ve", True),
        ("BẢO VỆ", True),
        ("cho don", True),
        ("do", True),
        ("toan dan", True),
        ("xyz", False),
    ],
)
def test_search_ignores_case_and_diacritics(database, actor, query, found):
    sessions.create_session(
        {**GOOD, "title": "Tuyên truyền bảo vệ an ninh ở Chợ Đồn, toàn dân"}, actor
    )
    assert (sessions.session_query(RecordFilter(text=query)).count() == 1) is found


def test_delete_is_soft_and_restore_brings_it_back(database, actor):
    session = sessions.create_session(GOOD, actor)
    sessions.delete_session(session.uuid, actor)
    assert sessions.session_query(RecordFilter()).count() == 0
    assert sessions.session_query(RecordFilter(deleted=True)).count() == 1
    restored = sessions.restore_session(session.uuid, actor)
    assert restored.deleted_at is None
    assert restored.revision == 3
    assert sessions.session_query(RecordFilter()).count() == 1


def test_unit_filter_includes_everything_under_the_unit(database, actor):
    sessions.create_session(GOOD, actor)  # 01834 is in Bắc Kạn city (058)
    assert sessions.session_query(RecordFilter(unit_code="06")).count() == 1
    assert sessions.session_query(RecordFilter(unit_code="058")).count() == 1
    assert sessions.session_query(RecordFilter(unit_code="060")).count() == 0
    assert (
        sessions.session_query(RecordFilter(unit_code="058", include_children=False)).count() == 0
    )
