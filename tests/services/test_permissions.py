"""Roles and unit scope through the services: each role's allowed and refused actions, and
period locks that stop every write until a recorded unlock."""

from __future__ import annotations

import pytest

from movement_desk.db.account_tables import AuditEntry, PeriodLock
from movement_desk.db.models import ActivitySession, Commendation, Decision
from movement_desk.services.admin import accounts
from movement_desk.services.core import period_locks, permissions, settings
from movement_desk.services.core.errors import PermissionDenied, ValidationError
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.records import (
    catalog,
    commendations,
    community_models,
    sessions,
    transfer,
)
from tests.account_fixtures import PASSWORD

SESSION = {
    "date": "05/03/2024",
    "unit_code": "01888",
    "kind": "launch",
    "organizer_kind": "police",
    "title": "Phát động phong trào ở thị trấn Chợ Rã",
    "participants": "120",
    "tips": "2",
}
MODEL = {
    "name": "Tổ tự quản khu 5",
    "model_type": "Tổ tự quản về an ninh, trật tự",
    "unit_code": "01888",
    "managing_kind": "police",
    "established_on": "01/02/2024",
    "members": "9",
}
DECISION = {
    "decision_number": "15/QĐ-CAH",
    "decision_date": "10/03/2024",
    "form": "Giấy khen",
    "authority": "Trưởng Công an huyện Ba Bể",
    "unit_code": "061",
    "signer_title": "TRƯỞNG CÔNG AN HUYỆN",
    "signer_name": "Hoàng Văn An",
}
RECIPIENTS = [{"recipient_name": "Nông Thị Hoa", "unit_code": "01888"}]


def test_officer_enters_sessions_and_models_of_their_commune(people):
    officer = people["officer"]
    session = sessions.create_session(SESSION, officer)
    sessions.update_session(session.uuid, {**SESSION, "participants": "150"}, officer)
    sessions.delete_session(session.uuid, officer)
    sessions.restore_session(session.uuid, officer)
    model = community_models.create_model(MODEL, officer)
    assert ActivitySession.get_by_id(session.id).participants == 150
    assert model.created_by == "officer"


def test_officer_cannot_touch_another_commune(people):
    with pytest.raises(PermissionDenied, match="01888"):
        sessions.create_session({**SESSION, "unit_code": "01834"}, people["officer"])
    session = sessions.create_session({**SESSION, "unit_code": "01834"}, people["other"])
    with pytest.raises(PermissionDenied):
        sessions.update_session(session.uuid, SESSION, people["officer"])
    with pytest.raises(PermissionDenied):
        sessions.delete_session(session.uuid, people["officer"])
    # Nor move a record of their commune to another one.
    own = sessions.create_session(SESSION, people["officer"])
    with pytest.raises(PermissionDenied):
        sessions.update_session(own.uuid, {**SESSION, "unit_code": "01834"}, people["officer"])
    assert ActivitySession.get_by_id(own.id).unit.code == "01888"


@pytest.mark.parametrize("who", ["clerk", "lead"])
def test_clerks_and_supervisors_do_not_enter_sessions(people, who):
    with pytest.raises(PermissionDenied, match="không có quyền nhập, sửa, xóa buổi"):
        sessions.create_session(SESSION, people[who])
    assert not ActivitySession.select().exists()


def test_clerk_manages_decisions_and_prints_certificates(people):
    clerk = people["clerk"]
    decision = commendations.save_decision(DECISION, RECIPIENTS, clerk)
    commendation = commendations.decision_recipients(decision)[0]
    commendations.record_print(commendation, clerk)
    assert Commendation.get_by_id(commendation.id).print_count == 1
    with pytest.raises(PermissionDenied, match="in giấy khen"):
        commendations.record_print(commendation, people["officer"])
    with pytest.raises(PermissionDenied):
        commendations.save_decision(
            {**DECISION, "decision_number": "16/QĐ-CAH"}, RECIPIENTS, people["officer"]
        )
    commendations.delete_decision(decision.uuid, clerk)
    assert Decision.get_by_id(decision.id).deleted_at is not None


def test_clerk_of_a_district_cannot_commend_outside_it(people):
    with pytest.raises(PermissionDenied, match="01834"):
        commendations.save_decision(
            DECISION, [{"recipient_name": "Ma Văn Lâm", "unit_code": "01834"}], people["clerk"]
        )
    assert not Decision.select().exists()


def test_only_administrators_manage_users_catalogue_and_settings(people):
    for who in ("officer", "clerk", "lead"):
        with pytest.raises(PermissionDenied):
            accounts.create_user("newbie", PASSWORD, "officer", "01888", people[who])
        with pytest.raises(PermissionDenied):
            catalog.create_model_type({"name": "Loại mới", "category": "other"}, people[who])
        with pytest.raises(PermissionDenied):
            settings.put("place", "Ba Bể", people[who])
    admin = people["admin"]
    accounts.create_user("newbie", PASSWORD, "officer", "01888", admin)
    catalog.create_model_type({"name": "Loại mới", "category": "other"}, admin)
    settings.put("place", "Ba Bể", admin)
    assert settings.get("place") == "Ba Bể"


def test_an_administrator_of_a_district_manages_only_its_accounts(people):
    accounts.create_user("dadmin", PASSWORD, "administrator", "061", people["admin"])
    district_admin = accounts.authenticate("dadmin", PASSWORD)
    accounts.create_user("allowed", PASSWORD, "officer", "01888", district_admin)
    with pytest.raises(PermissionDenied):
        accounts.create_user("refused", PASSWORD, "officer", "01834", district_admin)
    with pytest.raises(PermissionDenied):
        accounts.disable_user("other", district_admin)
    names = {u.username for u in accounts.list_users(district_admin)}
    assert "other" not in names and {"lead", "clerk", "officer", "allowed"} <= names


def test_import_obeys_the_role_and_each_row_obeys_the_unit(people, tmp_path):
    path = tmp_path / "sessions.csv"
    path.write_text(
        "date,unit_code,kind,organizer_kind,title\n"
        "05/03/2024,01888,launch,police,Một\n"
        "06/03/2024,01834,launch,police,Hai\n",
        encoding="utf-8",
    )
    with pytest.raises(PermissionDenied, match="nhập, sửa, xóa buổi"):
        transfer.import_file("sessions", path, people["clerk"])
    # a row outside the scope is a bad row like any other: named by row and column
    with pytest.raises(ValidationError, match="Dòng 3, cột “Mã đơn vị”: đơn vị “01834”"):
        transfer.import_file("sessions", path, people["officer"])
    assert not ActivitySession.select().exists()  # all or nothing


def test_lists_and_exports_show_only_the_scope(people, tmp_path):
    sessions.create_session(SESSION, people["officer"])
    sessions.create_session({**SESSION, "unit_code": "01834"}, people["other"])
    officer_view = permissions.scoped_filter(RecordFilter(), people["officer"])
    assert [s.unit.code for s in sessions.session_query(officer_view)] == ["01888"]
    assert (
        sessions.session_query(permissions.scoped_filter(RecordFilter(), people["admin"])).count()
        == 2
    )
    with pytest.raises(PermissionDenied):
        permissions.scoped_filter(RecordFilter(unit_code="058"), people["officer"])
    out = tmp_path / "out.csv"
    assert transfer.export_file("sessions", out, actor=people["lead"]) == 1


def test_merged_units_are_in_scope(people):
    """An account of old district 061 keeps its communes after they merged on 01/07/2025;
    an account of the old province sees the successor province."""
    from movement_desk.db.models import AdministrativeUnit

    new_chora = AdministrativeUnit.get(AdministrativeUnit.code == "TN01888")
    assert permissions.in_scope(people["officer"], new_chora)
    assert permissions.in_scope(people["lead"], new_chora)
    assert permissions.in_scope(people["admin"], "19")  # Bắc Kạn joined Thái Nguyên
    assert not permissions.in_scope(people["lead"], "19")
    assert not permissions.in_scope(people["officer"], "01891")


def test_a_disabled_account_stops_at_its_next_action(people):
    accounts.disable_user("officer", people["admin"])
    with pytest.raises(PermissionDenied, match="vô hiệu hóa"):
        sessions.create_session(SESSION, people["officer"])
    # signing in, the refusal is a wrong password's, so it never confirms the password
    with pytest.raises(accounts.AuthenticationError, match="^Sai tên đăng nhập hoặc mật khẩu.$"):
        accounts.authenticate("officer", PASSWORD)


def test_local_actor_still_does_everything(database, actor):
    """A database used by the services without accounts behaves as before."""
    session = sessions.create_session(SESSION, actor)
    sessions.delete_session(session.uuid, actor)
    settings.put("place", "Chợ Rã", actor)


# ---------------------------------------------------------------------------------------------
# Period locks


def test_supervisor_locks_a_period_and_nobody_changes_it_until_unlocked(people):
    officer, lead = people["officer"], people["lead"]
    before = sessions.create_session(SESSION, officer)
    with pytest.raises(PermissionDenied):
        period_locks.lock_period("061", "2024-03", officer)
    period_locks.lock_period("061", "2024-03", lead, note="Đã báo cáo tháng 3")
    # Decree rule: March 2024 is 15/02/2024 .. 14/03/2024.
    for attempt in (
        lambda: sessions.create_session({**SESSION, "title": "Buổi mới"}, officer),
        lambda: sessions.update_session(before.uuid, {**SESSION, "tips": "9"}, officer),
        lambda: sessions.delete_session(before.uuid, officer),
        lambda: sessions.create_session({**SESSION, "title": "Buổi mới"}, people["admin"]),
        lambda: sessions.update_session(before.uuid, {**SESSION, "date": "20/03/2024"}, officer),
    ):
        with pytest.raises(period_locks.PeriodLockedError, match="lead"):
            attempt()
    # Outside the period and outside the unit: no lock.
    sessions.create_session({**SESSION, "date": "20/03/2024", "title": "Sau kỳ"}, officer)
    sessions.create_session({**SESSION, "unit_code": "01834"}, people["other"])
    with pytest.raises(Exception, match="Lý do"):
        period_locks.unlock_period("061", "2024-03", lead, reason=" ")
    period_locks.unlock_period("061", "2024-03", lead, reason="Bổ sung số liệu xã")
    sessions.update_session(before.uuid, {**SESSION, "tips": "9"}, officer)
    lock = PeriodLock.get()
    assert (lock.unlocked_by, lock.unlock_reason) == ("lead", "Bổ sung số liệu xã")
    actions = [e.action for e in AuditEntry.select().where(AuditEntry.table_name == "period_lock")]
    assert actions == ["period_lock", "period_unlock"]


def test_a_lock_also_covers_decisions_and_their_recipients(people):
    decision = commendations.save_decision(DECISION, RECIPIENTS, people["clerk"])
    period_locks.lock_period("06", "2024-Q1", people["admin"])
    with pytest.raises(period_locks.PeriodLockedError):
        commendations.save_decision(
            DECISION,
            [*RECIPIENTS, {"recipient_name": "Lý Văn Bình"}],
            people["clerk"],
            uuid=decision.uuid,
        )
    with pytest.raises(period_locks.PeriodLockedError):
        commendations.delete_decision(decision.uuid, people["clerk"])
    assert len(commendations.decision_recipients(decision)) == 1


@pytest.mark.parametrize(
    ("who", "save"),
    [
        ("clerk", lambda actor: sessions.create_session({"title": ""}, actor)),
        ("officer", lambda actor: commendations.save_decision({}, [], actor)),
    ],
)
def test_a_refused_role_hears_about_its_rights_before_any_field_error(people, who, save):
    # The form is empty: a user without the right should not be sent to fill it in.
    with pytest.raises(PermissionDenied):
        save(people[who])


def test_require_units_reads_the_scope_once_and_names_a_unit_outside_it(people):
    from movement_desk.services.core import unit_tree as units

    clerk = people["clerk"]  # district 061
    inside = [units.get_unit(code).id for code in ("061", "01888")]
    outside = units.get_unit("01834")
    assert permissions.require_units(clerk, "certificate.print", [*inside, None]).username == (
        "clerk"
    )
    with pytest.raises(PermissionDenied, match=outside.title):
        permissions.require_units(clerk, "certificate.print", [*inside, outside.id])
    with pytest.raises(PermissionDenied, match="in giấy khen"):
        permissions.require_units(people["officer"], "certificate.print", inside[1:])
    # The administrator of the province: everything, and no unit at all still checks the role.
    assert permissions.require_units(people["admin"], "certificate.print", []).role
    with pytest.raises(PermissionDenied):
        permissions.require_units(people["lead"], "certificate.print", [])
