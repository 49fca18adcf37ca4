"""Decisions and their recipients at the edges: an emulation title without its name, no
issuing unit at all, the last recipient, restoring a live decision, an empty batch of prints
(services/records/commendations.py)."""

from __future__ import annotations

import pytest

from movement_desk.db.models import CertificatePrint
from movement_desk.services.core import settings
from movement_desk.services.core.errors import ServiceError, ValidationError
from movement_desk.services.records import commendations
from tests.services.test_certificates import DECISION, RECIPIENTS


def errors_of(raw) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        commendations.clean_decision(raw)
    return {e.field: e.message for e in caught.value.errors}


def test_an_emulation_title_needs_its_name(database):
    said = errors_of({**DECISION, "form": "emulation_title", "emulation_title": ""})
    assert said["emulation_title"] == "hình thức danh hiệu thi đua cần tên danh hiệu."


def test_without_a_unit_or_a_home_unit_the_decision_asks_for_one(database):
    settings.put("home_unit_code", "")
    said = errors_of({**DECISION, "unit_code": ""})
    assert said["unit_code"] == "chưa chọn đơn vị ban hành; hãy nhập mã đơn vị."


def test_the_last_recipient_is_removed_with_the_decision_not_alone(database, actor):
    decision = commendations.save_decision(DECISION, RECIPIENTS[:1], actor)
    [only] = commendations.decision_recipients(decision)
    with pytest.raises(ServiceError, match="người/tập thể cuối cùng của quyết định"):
        commendations.delete_commendation(only.uuid, actor)
    assert commendations.decision_recipients(decision) == [only]


def test_restoring_a_live_decision_returns_it_unchanged(database, actor):
    decision = commendations.save_decision(DECISION, RECIPIENTS, actor)
    again = commendations.restore_decision(decision.uuid, actor)
    assert again.id == decision.id and again.revision == decision.revision


def test_an_empty_batch_of_prints_records_nothing(database, actor):
    commendations.record_prints([], actor)
    assert CertificatePrint.select().count() == 0
