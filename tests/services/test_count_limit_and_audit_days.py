"""A count beyond any real figure is refused in words (services/core/validation.py), and the
audit trail shown up to a day leaves out what was done after it (services/core/audit.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from movement_desk.db.models import ActivitySession, utcnow
from movement_desk.services.core import audit
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.records import sessions
from tests.services.test_sessions import GOOD


def test_a_count_beyond_ten_million_is_refused_naming_the_limit(database, actor):
    with pytest.raises(ValidationError) as caught:
        sessions.create_session({**GOOD, "participants": "20.000.000"}, actor)
    [error] = caught.value.errors
    assert (error.field, error.message) == (
        "participants",
        "20.000.000 quá lớn (tối đa 10.000.000); hãy kiểm tra lại.",
    )
    assert ActivitySession.select().count() == 0


def test_the_audit_trail_up_to_a_day_leaves_out_what_was_done_after_it(people):
    session = sessions.create_session({**GOOD, "unit_code": "01888"}, people["officer"])
    today = utcnow().date()

    def shown(**days) -> list[str]:
        found = audit.entries_for(people["admin"], audit.AuditFilter(**days))
        return [entry.record_uuid for entry in found]

    assert session.uuid in shown(end=today)
    assert session.uuid in shown(start=today, end=today)
    assert session.uuid not in shown(end=today - timedelta(days=1))
