"""One unit at a time (add under a parent, correct its name and validity) and the organisers
(edit, delete, restore): the rules, the rights and the audit trail."""

from __future__ import annotations

from datetime import date

import pytest

from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.models import AdministrativeUnit, Organizer
from movement_desk.services.core import audit
from movement_desk.services.core.actor import SYSTEM_ACTOR
from movement_desk.services.core.errors import PermissionDenied, ServiceError, ValidationError
from movement_desk.services.records import catalog, units

# A commune the province's list forgot, under district 061 (Ba Bể, ended 30/06/2025).
NEW_COMMUNE = {
    "code": "09999",
    "name": "Bản Thử",
    "kind": "xã",
    "parent_code": "061",
    "valid_from": "",
    "valid_to": "30/06/2025",
}


def test_an_administrator_adds_a_commune_under_a_district(database, actor):
    unit = units.create_unit(NEW_COMMUNE, actor)
    stored = units.get_unit("09999")
    assert stored.title == "Xã Bản Thử"
    assert stored.parent.code == "061"
    assert stored.valid_to == date(2025, 6, 30)
    assert unit.uuid == stored.uuid
    assert [u.code for u in units.search_units("ban thu", actor=SYSTEM_ACTOR)] == ["09999"]
    tree = units.UnitTree.load()
    assert stored.id in tree.subtree_ids(tree.by_code("06").id)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"code": ""}, "code", "chưa nhập"),
        ({"code": "01888"}, "code", "đã dùng cho Thị trấn Chợ Rã"),
        ({"name": " "}, "name", "chưa nhập"),
        ({"kind": "khu công nghiệp"}, "kind", "không có trong danh sách"),
        ({"parent_code": "999"}, "parent_code", "không có đơn vị mã “999”"),
        ({"parent_code": "01888"}, "parent_code", "là đơn vị cấp xã"),
        ({"kind": "tỉnh"}, "parent_code", "tỉnh không có đơn vị cấp trên"),
        ({"valid_from": "31/02/2024"}, "valid_from", "dd/mm/yyyy"),
        ({"valid_from": "01/07/2025"}, "valid_to", "trước ngày có hiệu lực"),
        ({"valid_to": ""}, "valid_to", "hết hiệu lực sau ngày 30/06/2025"),
        ({"valid_to": "01/07/2025"}, "valid_to", "không muộn hơn"),
        (
            {"parent_code": "19", "valid_from": "01/01/2020", "valid_to": ""},
            None,
            None,
        ),
    ],
)
def test_a_new_unit_is_checked_field_by_field(database, actor, change, field, message):
    before = AdministrativeUnit.select().count()
    raw = {**NEW_COMMUNE, **change}
    if field is None:  # the last case is valid: Thái Nguyên has no start date
        units.create_unit(raw, actor)
        assert AdministrativeUnit.select().count() == before + 1
        return
    with pytest.raises(ValidationError) as caught:
        units.create_unit(raw, actor)
    errors = {e.field: e.message for e in caught.value.errors}
    assert field in errors, errors
    assert message in errors[field]
    assert AdministrativeUnit.select().count() == before


@pytest.mark.parametrize(
    ("code", "change", "field", "message"),
    [
        ("01888", {"name": ""}, "name", "chưa nhập"),
        ("01888", {"valid_from": "01/01/2024", "valid_to": "31/12/2023"}, "valid_to", "trước"),
        ("01888", {"valid_to": "01/07/2025"}, "valid_to", "hết hiệu lực sau ngày 30/06/2025"),
        ("061", {"valid_to": "31/12/2024"}, "valid_to", "còn hiệu lực đến 30/06/2025"),
        ("061", {"valid_from": "01/01/2020"}, "valid_from", "đã có trước ngày 01/01/2020"),
        ("01888", {"valid_to": "30/13/2025"}, "valid_to", "dd/mm/yyyy"),
    ],
)
def test_a_correction_is_checked_against_the_parent_and_the_children(
    database, actor, code, change, field, message
):
    unit = units.get_unit(code)
    raw = {**units.unit_raw(unit.uuid), **change}
    with pytest.raises(ValidationError) as caught:
        units.update_unit(unit.uuid, raw, actor)
    errors = {e.field: e.message for e in caught.value.errors}
    assert message in errors.get(field, ""), errors
    assert units.get_unit(code).revision == unit.revision


def test_a_correction_changes_the_name_dates_and_search(database, actor):
    unit = units.get_unit("01888")
    raw = {**units.unit_raw(unit.uuid), "name": "Chợ Rã mới", "valid_from": "01/01/2000"}
    units.update_unit(unit.uuid, raw, actor)
    stored = units.get_unit("01888")
    assert (stored.name, stored.valid_from, stored.valid_to) == (
        "Chợ Rã mới",
        date(2000, 1, 1),
        date(2025, 6, 30),
    )
    assert stored.parent.code == "061"  # the code and the parent never change here
    assert "01888" in [u.code for u in units.search_units("cho ra moi", actor=SYSTEM_ACTOR)]


def test_units_are_written_only_by_administrators_and_audited(people):
    with pytest.raises(PermissionDenied) as refused:
        units.create_unit({}, people["officer"])  # the right before any field error
    assert "sửa danh mục đơn vị hành chính" in str(refused.value)
    chợ_rã = units.get_unit("01888")
    for who in ("officer", "clerk", "lead"):
        with pytest.raises(PermissionDenied):
            units.update_unit(
                chợ_rã.uuid, {**units.unit_raw(chợ_rã.uuid), "name": "X"}, people[who]
            )
    assert units.get_unit("01888").name == "Chợ Rã"

    admin = people["admin"]
    unit = units.create_unit(NEW_COMMUNE, admin)
    units.update_unit(unit.uuid, {**units.unit_raw(unit.uuid), "name": "Bản Thử mới"}, admin)
    entries = list(
        AuditEntry.select().where(AuditEntry.record_uuid == unit.uuid).order_by(AuditEntry.id)
    )
    assert [(e.action, e.username) for e in entries] == [("create", "admin"), ("update", "admin")]
    assert audit.changes_of(entries[0])["code"] == [None, "09999"]
    assert audit.changes_of(entries[0])["parent"] == [None, "061"]
    assert audit.changes_of(entries[1]) == {"name": ["Bản Thử", "Bản Thử mới"]}


def test_only_a_unit_nothing_refers_to_can_be_deleted_and_restored(database, actor):
    unit = units.create_unit(NEW_COMMUNE, actor)
    units.delete_unit(unit.uuid, actor)
    assert units.find_unit("09999").deleted_at is not None
    assert "09999" not in [u.code for u in units.search_units("09999", actor=SYSTEM_ACTOR)]
    with pytest.raises(ValidationError) as caught:
        units.create_unit(NEW_COMMUNE, actor)
    assert "(đã bị xóa)" in caught.value.errors[0].message
    units.restore_unit(unit.uuid, actor)
    assert units.find_unit("09999").deleted_at is None
    with pytest.raises(ServiceError, match="Không xóa được Huyện Ba Bể"):
        units.delete_unit(units.get_unit("061").uuid, actor)


def test_merged_units_name_their_successors(database):
    successors = units.direct_successors()
    sông_cầu = units.get_unit("01837")
    assert [u.title for u in successors[sông_cầu.id]] == ["Phường Bắc Kạn"]
    assert [u.code for u in successors[units.get_unit("061").id]] == ["19"]
    assert units.get_unit("19").id not in successors


# ---------------------------------------------------------------------------------------------
# Organisers

ORGANIZER = {"kind": "association", "name": "Hội Phụ nữ xã Chợ Rã", "unit_code": "01888"}


def test_an_organiser_is_edited_deleted_and_restored_with_audit_entries(people):
    officer = people["officer"]
    organizer = catalog.create_organizer(ORGANIZER, officer)
    catalog.update_organizer(
        organizer.uuid, {**ORGANIZER, "name": "Hội Liên hiệp Phụ nữ xã Chợ Rã"}, officer
    )
    assert catalog.organizer_raw(organizer.uuid)["name"] == "Hội Liên hiệp Phụ nữ xã Chợ Rã"
    catalog.delete_organizer(organizer.uuid, officer)
    assert organizer.uuid not in [o.uuid for o in catalog.live_organizers(actor=SYSTEM_ACTOR)]
    catalog.restore_organizer(organizer.uuid, officer)
    assert organizer.uuid in [o.uuid for o in catalog.live_organizers(actor=SYSTEM_ACTOR)]
    entries = AuditEntry.select().where(AuditEntry.record_uuid == organizer.uuid)
    assert [e.action for e in entries.order_by(AuditEntry.id)] == [
        "create",
        "update",
        "delete",
        "restore",
    ]
    assert {e.username for e in entries} == {"officer"}


@pytest.mark.parametrize(
    ("who", "action"),
    [
        ("lead", lambda uuid, actor: catalog.update_organizer(uuid, ORGANIZER, actor)),
        ("lead", lambda uuid, actor: catalog.delete_organizer(uuid, actor)),
        # An officer of another commune: the organiser's unit is out of their scope.
        ("other", lambda uuid, actor: catalog.update_organizer(uuid, ORGANIZER, actor)),
        ("other", lambda uuid, actor: catalog.delete_organizer(uuid, actor)),
        ("officer", lambda uuid, actor: catalog.update_organizer(uuid, {}, actor)),
    ],
)
def test_organisers_are_changed_only_by_those_allowed(people, who, action):
    organizer = catalog.create_organizer(
        {**ORGANIZER, "name": "Đoàn Thanh niên xã Chợ Rã"}, people["officer"]
    )
    count = AuditEntry.select().count()
    expected = ValidationError if who == "officer" else PermissionDenied
    with pytest.raises(expected):
        action(organizer.uuid, people[who])
    assert AuditEntry.select().count() == count
    stored = Organizer.get(Organizer.uuid == organizer.uuid)
    assert (stored.name, stored.deleted_at) == ("Đoàn Thanh niên xã Chợ Rã", None)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", "chưa nhập"),
        ({"kind": ""}, "kind", "chưa chọn"),
        ({"unit_code": "12345"}, "unit_code", "không có đơn vị mã “12345”"),
    ],
)
def test_an_organiser_edit_is_checked(database, actor, change, field, message):
    organizer = catalog.create_organizer(ORGANIZER, actor)
    with pytest.raises(ValidationError) as caught:
        catalog.update_organizer(organizer.uuid, {**ORGANIZER, **change}, actor)
    assert message in {e.field: e.message for e in caught.value.errors}[field]
