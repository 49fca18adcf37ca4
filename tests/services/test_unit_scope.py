"""Units are changed only inside one's scope: adding and correcting a unit one at a time (the
window's forms) obey the rule of the unit files (issue #10)."""

from __future__ import annotations

import pytest

from movement_desk.db.models import AdministrativeUnit
from movement_desk.services.admin import accounts
from movement_desk.services.core.errors import PermissionDenied
from movement_desk.services.records import units
from tests.account_fixtures import PASSWORD


@pytest.fixture
def district_admin(people):
    accounts.create_user("dist", PASSWORD, "administrator", "061", people["admin"])
    return accounts.authenticate("dist", PASSWORD)


def _raw(code, name, kind, parent):
    # the districts were abolished on 01/07/2025: a unit under one ends by then
    until = "30/06/2025" if parent else ""
    return {"code": code, "name": name, "kind": kind, "parent_code": parent, "valid_to": until}


def test_a_district_administrator_adds_and_corrects_inside_his_district(district_admin):
    unit = units.create_unit(_raw("09990", "Xã Thử", "xã", "061"), district_admin)
    units.update_unit(unit.uuid, {"name": "Xã Thử Mới", "valid_to": "30/06/2025"}, district_admin)
    chora = units.get_unit("01888")
    units.update_unit(chora.uuid, {"name": "Chợ Rã", "valid_to": "30/06/2025"}, district_admin)
    assert units.get_unit("09990").name == "Xã Thử Mới"


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (_raw("09991", "Xã Khác", "xã", "060"), "Huyện Pác Nặm (060) nằm ngoài phạm vi"),
        (_raw("98", "Tỉnh Mới", "tỉnh", ""), "cấp cao nhất"),
    ],
)
def test_nor_outside_it(district_admin, raw, words):
    with pytest.raises(PermissionDenied, match=words.replace("(", r"\(").replace(")", r"\)")):
        units.create_unit(raw, district_admin)
    assert units.find_unit(raw["code"]) is None


@pytest.mark.parametrize("code", ["06", "060", "01858", "061"])
def test_nor_correct_a_unit_whose_parent_is_outside(district_admin, code):
    unit = units.get_unit(code)
    with pytest.raises(PermissionDenied):
        units.update_unit(unit.uuid, {"name": "Đổi tên"}, district_admin)
    assert AdministrativeUnit.get_by_id(unit.id).name == unit.name


def test_the_province_administrator_may_add_a_province(people):
    units.create_unit(_raw("98", "Tỉnh Mới", "tỉnh", ""), people["admin"])
    assert units.find_unit("98") is not None
