"""Many people at once, nothing lost (issue 17): a save based on an older version of a record
is refused naming who changed it and when; it never silently overwrites."""

from __future__ import annotations

import pytest

from movement_desk.db.models import ActivitySession
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import StaleRecordError
from movement_desk.services.records import community_models, sessions
from movement_desk.services.records import store as records

GOOD = {
    "date": "05/03/2024",
    "unit_code": "01834",
    "kind": "launch",
    "organizer_kind": "police",
    "organizer_name": "Công an xã",
    "title": "Phát động phong trào",
    "participants": "120",
    "tips": "2",
}
LAN = Actor(username="lan", display_name="Nguyễn Thị Lan")
HUNG = Actor(username="hung", display_name="Trần Văn Hùng")


def test_two_saves_from_the_same_loaded_version_second_is_refused(database, actor):
    session = sessions.create_session(GOOD, actor)
    loaded = sessions.get_session(session.uuid).revision  # both clerks open the record
    sessions.update_session(
        session.uuid, {**GOOD, "title": "Bản của Lan"}, LAN, expected_revision=loaded
    )
    with pytest.raises(StaleRecordError) as caught:
        sessions.update_session(
            session.uuid, {**GOOD, "participants": "999"}, HUNG, expected_revision=loaded
        )
    message = str(caught.value)
    assert message.startswith("Bản ghi đã được lan sửa lúc ")
    assert "hãy mở lại" in message
    stored = ActivitySession.get_by_id(session.id)
    assert stored.title == "Bản của Lan" and stored.participants == 120
    assert stored.revision == loaded + 1 and stored.updated_by == "lan"
    # Reopened, the second clerk's save goes through.
    sessions.update_session(
        session.uuid, {**GOOD, "title": "Bản của Lan", "participants": "999"}, HUNG,
        expected_revision=stored.revision,
    )  # fmt: skip
    assert ActivitySession.get_by_id(session.id).participants == 999


def test_two_records_read_at_once_the_update_itself_refuses_the_second(database, actor):
    """No expectation given: the revision each copy was read at is part of the UPDATE."""
    session = sessions.create_session(GOOD, actor)
    first = ActivitySession.get_by_id(session.id)
    second = ActivitySession.get_by_id(session.id)
    assert records.update(first, {"title": "Một"}, LAN)
    with pytest.raises(StaleRecordError, match="đã được lan sửa lúc"):
        records.update(second, {"title": "Hai"}, HUNG)
    assert ActivitySession.get_by_id(session.id).title == "Một"


def test_a_save_after_a_deletion_is_refused_saying_so(database, actor):
    session = sessions.create_session(GOOD, actor)
    loaded = session.revision
    sessions.delete_session(session.uuid, LAN)
    stale = ActivitySession.get_by_id(session.id)
    stale.revision = loaded
    with pytest.raises(StaleRecordError, match="đã được lan xóa lúc"):
        records.update(stale, {"title": "Hai"}, HUNG)


def test_delete_based_on_an_old_version_is_refused(database, actor):
    session = sessions.create_session(GOOD, actor)
    loaded = session.revision
    sessions.update_session(session.uuid, {**GOOD, "title": "Mới"}, LAN, expected_revision=loaded)
    with records.expect_revision(session.uuid, loaded), pytest.raises(StaleRecordError):
        sessions.delete_session(session.uuid, HUNG)
    assert ActivitySession.get_by_id(session.id).deleted_at is None


def test_community_model_edit_refused_the_same_way(database, actor):
    from movement_desk.services.records import catalog

    model_type = catalog.live_model_types()[0]
    raw = {
        "name": "Tổ tự quản",
        "model_type": model_type.name,
        "unit_code": "01834",
        "managing_kind": "police",
        "established_on": "01/02/2024",
        "members": "10",
        "status": "active",
    }
    model = community_models.create_model(raw, actor)
    community_models.update_model(model.uuid, {**raw, "members": "11"}, LAN, expected_revision=1)
    with pytest.raises(StaleRecordError, match="^Bản ghi đã được lan sửa lúc"):
        community_models.update_model(
            model.uuid, {**raw, "members": "12"}, HUNG, expected_revision=1
        )


def test_unchanged_values_are_not_a_conflict(database, actor):
    session = sessions.create_session(GOOD, actor)
    sessions.update_session(session.uuid, {**GOOD, "title": "Mới"}, LAN, expected_revision=1)
    # Saving exactly what is stored overwrites nothing.
    sessions.update_session(session.uuid, {**GOOD, "title": "Mới"}, HUNG, expected_revision=1)


def test_two_connections_at_once_one_save_wins_the_other_is_refused(database, actor):
    """Two clients (threads with a connection each, as two computers on the server) load the
    same record, then both save: the second UPDATE finds the revision moved on."""
    import threading

    session = sessions.create_session(GOOD, actor)
    loaded = threading.Barrier(2)
    first_saved = threading.Event()
    outcome: dict[str, object] = {}

    def client(name: str, who: Actor, wait_for_first: bool) -> None:
        try:
            record = ActivitySession.get_by_id(session.id)
            loaded.wait(timeout=30)
            if wait_for_first:
                first_saved.wait(timeout=30)
            records.update(record, {"title": f"Bản của {name}"}, who)
            outcome[name] = "saved"
        except StaleRecordError as exc:
            outcome[name] = str(exc)
        finally:
            if not wait_for_first:
                first_saved.set()
            from movement_desk.services.admin.bootstrap import close_database

            close_database()  # this thread's own connection

    threads = [
        threading.Thread(target=client, args=("lan", LAN, False)),
        threading.Thread(target=client, args=("hung", HUNG, True)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcome["lan"] == "saved"
    assert str(outcome["hung"]).startswith("Bản ghi đã được lan sửa lúc ")
    assert ActivitySession.get_by_id(session.id).title == "Bản của lan"
