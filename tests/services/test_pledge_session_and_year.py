"""A pledge's year against the day it was signed, its signing session, and the list by year and
unit (services/records/pledges.py)."""

from __future__ import annotations

import pytest

from movement_desk.services.core.errors import ValidationError
from movement_desk.services.records import pledges, sessions
from tests.services.test_pledges import PLEDGE
from tests.services.test_ratings import areas  # noqa: F401


def messages(raw, actor) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        pledges.save_pledge(raw, actor)
    return {e.field: e.message for e in caught.value.errors}


def test_a_year_far_from_the_signing_day_is_refused(areas, actor):  # noqa: F811
    said = messages({**PLEDGE, "year": "2027"}, actor)
    assert said["year"] == "giao ước năm 2027 nhưng ký ngày 20/02/2024."


def test_the_signing_session_must_exist(areas, actor):  # noqa: F811
    said = messages({**PLEDGE, "session": "no-such-session"}, actor)
    assert said["session"] == "không tìm thấy buổi ký kết này (có thể đã bị xóa)."
    session = sessions.create_session(
        {
            "date": "20/02/2024",
            "unit_code": "061",
            "kind": "pledge",
            "organizer_kind": "police",
            "title": "Ký kết giao ước thi đua",
        },
        actor,
    )
    pledge = pledges.save_pledge({**PLEDGE, "session": session.uuid}, actor)
    assert pledge.session.uuid == session.uuid


def test_pledges_listed_by_year_and_unit(areas, actor):  # noqa: F811
    pledge = pledges.save_pledge(PLEDGE, actor)
    assert [p.uuid for p in pledges.list_pledges(actor, year=2024, unit_code="06")] == [pledge.uuid]
    assert pledges.list_pledges(actor, year=2023) == []
    assert pledges.list_pledges(actor, unit_code="01888") == []  # signed by the district
