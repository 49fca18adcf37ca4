"""The record store at its edges: a record that is not there, restoring one that was never
deleted, the revision of an unknown uuid, a stale save of a record gone for good
(services/records/store.py)."""

from __future__ import annotations

import pytest

from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.models import ActivitySession
from movement_desk.services.core.errors import NotFoundError
from movement_desk.services.records import sessions, store

SESSION = {
    "date": "05/03/2024",
    "unit_code": "01834",
    "kind": "launch",
    "organizer_kind": "police",
    "title": "Phát động",
}


def test_a_record_that_is_not_there_is_named_by_kind(database):
    with pytest.raises(NotFoundError) as caught:
        store.get_record(ActivitySession, "no-such-uuid")
    assert "có mã no-such-uuid (có thể đã bị xóa)" in str(caught.value)
    assert store.current_revision("no-such-uuid") is None


def test_restoring_a_live_record_changes_nothing(database, actor):
    session = sessions.create_session(SESSION, actor)
    entries = AuditEntry.select().count()
    restored = store.restore(ActivitySession, session.uuid, actor)
    assert restored.revision == session.revision == store.current_revision(session.uuid)
    assert AuditEntry.select().count() == entries


def test_a_stale_save_of_a_record_gone_for_good_says_so(database, actor):
    session = sessions.create_session(SESSION, actor)
    ActivitySession.delete().where(ActivitySession.id == session.id).execute()
    message = store.stale_message(ActivitySession, session.uuid)
    assert message.startswith("Bản ghi (") and message.endswith(
        "đã bị xóa hẳn; không lưu được thay đổi."
    )
