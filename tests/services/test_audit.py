"""The audit trail: each kind of action with who, when, old and new values; it cannot be
edited or deleted; it is filtered by user, record and date and exported."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta

import peewee
import pytest

from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.connection import db
from movement_desk.services.core import audit, settings
from movement_desk.services.core.errors import PermissionDenied
from movement_desk.services.records import commendations, sessions, transfer
from tests.account_fixtures import PASSWORD
from tests.services.test_permissions import DECISION, RECIPIENTS, SESSION


def _entries(**where):
    query = AuditEntry.select().order_by(AuditEntry.id)
    for name, value in where.items():
        query = query.where(getattr(AuditEntry, name) == value)
    return list(query)


def test_create_update_delete_restore_record_old_and_new_values(people):
    officer = people["officer"]
    session = sessions.create_session(SESSION, officer)
    sessions.update_session(
        session.uuid, {**SESSION, "participants": "150", "notes": "Trời mưa"}, officer
    )
    sessions.delete_session(session.uuid, officer)
    sessions.restore_session(session.uuid, officer)
    entries = _entries(record_uuid=session.uuid)
    assert [e.action for e in entries] == ["create", "update", "delete", "restore"]
    assert {e.username for e in entries} == {"officer"}
    created = audit.changes_of(entries[0])
    assert created["participants"] == [None, 120]
    assert created["unit"] == [None, "01888"]
    assert created["held_on"] == [None, "05/03/2024"]
    assert "search_key" not in created
    assert audit.changes_of(entries[1]) == {"participants": [120, 150], "notes": ["", "Trời mưa"]}
    assert audit.changes_of(entries[2])["deleted_at"][0] is None
    assert audit.changes_of(entries[3])["deleted_at"][1] is None
    assert entries[1].record_label == SESSION["title"]
    assert "participants: 120 → 150" in audit.changes_text(entries[1])


def test_an_unchanged_save_and_a_refused_one_leave_no_entry(people):
    session = sessions.create_session(SESSION, people["officer"])
    count = AuditEntry.select().count()
    sessions.update_session(session.uuid, SESSION, people["officer"])
    with pytest.raises(PermissionDenied):
        sessions.update_session(session.uuid, {**SESSION, "tips": "5"}, people["other"])
    assert AuditEntry.select().count() == count


def test_import_print_login_settings_are_recorded(people, tmp_path):
    path = tmp_path / "buoi.csv"
    path.write_text(
        "date,unit_code,kind,organizer_kind,title\n05/03/2024,01888,launch,police,Một\n",
        encoding="utf-8",
    )
    transfer.import_file("sessions", path, people["officer"])
    decision = commendations.save_decision(DECISION, RECIPIENTS, people["clerk"])
    recipient = commendations.decision_recipients(decision)[0]
    commendations.record_print(recipient, people["clerk"])
    commendations.record_print(recipient, people["clerk"])
    settings.put("place", "Ba Bể", people["admin"])
    imported = _entries(action="import")[-1]
    assert imported.username == "officer" and "buoi.csv" in imported.summary
    assert "1 mới" in imported.summary
    prints = _entries(action="print")
    assert [p.summary.split(" cho ")[0] for p in prints] == ["In giấy khen", "In lại giấy khen"]
    assert prints[0].summary.endswith(f"cho {recipient.recipient_name}")
    assert audit.changes_of(prints[1]) == {"print_count": [1, 2]}
    changed = _entries(action="settings", username="admin")[-1]
    assert audit.changes_of(changed) == {"place": ["Bắc Kạn", "Ba Bể"]} or audit.changes_of(
        changed
    ) == {"place": [None, "Ba Bể"]}
    assert {"login", "create"} <= {e.action for e in _entries()}


def test_entries_cannot_be_changed_or_deleted(people):
    entry = _entries()[-1]
    with pytest.raises(peewee.IntegrityError, match="cannot be changed"), db.atomic():
        AuditEntry.update(username="someone else").where(AuditEntry.id == entry.id).execute()
    with pytest.raises(peewee.IntegrityError, match="cannot be deleted"), db.atomic():
        AuditEntry.delete().where(AuditEntry.id == entry.id).execute()
    assert AuditEntry.get_by_id(entry.id).username == entry.username


def test_view_is_filtered_and_scoped(people):
    sessions.create_session(SESSION, people["officer"])
    sessions.create_session({**SESSION, "unit_code": "01834"}, people["other"])
    with pytest.raises(PermissionDenied):
        list(audit.entries_for(people["officer"]))
    by_officer = list(audit.entries_for(people["admin"], audit.AuditFilter(username="officer")))
    assert by_officer and {e.username for e in by_officer} == {"officer"}
    seen_by_lead = {
        e.record_label
        for e in audit.entries_for(people["lead"], audit.AuditFilter(actions=["create"]))
    }
    assert SESSION["title"] in seen_by_lead  # 01888 is in district 061
    other_entries = list(
        audit.entries_for(people["lead"], audit.AuditFilter(username="other", actions=["create"]))
    )
    assert other_entries == []  # 01834 is not
    tomorrow = date.today() + timedelta(days=2)
    assert not list(audit.entries_for(people["admin"], audit.AuditFilter(start=tomorrow)))
    found = list(audit.entries_for(people["admin"], audit.AuditFilter(record="Chợ Rã")))
    assert found and all("Chợ Rã" in e.record_label for e in found)
    # As in the lists: no accents needed, the words as a phrase.
    unaccented = list(audit.entries_for(people["admin"], audit.AuditFilter(record="cho ra")))
    assert [e.id for e in unaccented] == [e.id for e in found]
    assert not list(audit.entries_for(people["admin"], audit.AuditFilter(record="ra cho")))


def test_export_writes_who_what_and_old_to_new(people, tmp_path):
    session = sessions.create_session(SESSION, people["officer"])
    sessions.update_session(session.uuid, {**SESSION, "tips": "7"}, people["officer"])
    out = tmp_path / "nhat-ky.csv"
    count = audit.export_audit(out, people["admin"], audit.AuditFilter(record=session.uuid))
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert count == 2 and rows[0] == audit.EXPORT_HEADERS
    assert rows[1][1:3] == ["officer", "sửa"]
    assert rows[1][7] == "tips: 2 → 7"
    assert _entries(action="export")[-1].username == "admin"


def test_changes_are_json_with_readable_values(people):
    sessions.create_session(SESSION, people["officer"])
    raw = _entries(action="create")[-1].changes
    assert json.loads(raw)["kind"] == [None, "Phát động"]
    assert PASSWORD not in "".join(e.changes + e.summary for e in _entries())
