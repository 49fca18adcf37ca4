"""Unit lists and unit edits beyond the plain cases (services/records/units.py): rows in any
order, areas under a commune of the same file, a row under a refused row, a move between two
districts of one's scope, the bundled lists loaded twice, and the unit picker with no text."""

from __future__ import annotations

from datetime import date

import pytest

from movement_desk.db.choices import UnitKind
from movement_desk.db.models import AdministrativeUnit, UnitSuccession
from movement_desk.services.admin import accounts
from movement_desk.services.core import permissions
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.records import units
from tests.account_fixtures import PASSWORD


def write(path, *lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def refused_rows(call) -> dict[tuple[int, str], str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return {(error.row, error.field): error.message for error in caught.value.errors}


def test_an_area_listed_before_its_new_commune_is_created_under_it(database, actor, tmp_path):
    # The file lists children first; a hamlet under a commune that is new in the same file
    # (no dates anywhere) takes the commune's (none: in force from the start).
    file = write(
        tmp_path / "cao-bang.csv",
        "code,name,kind,parent_code",
        "0130001,Nà Mò,thôn,01300",
        "01300,Hưng Đạo,xã,040",
        "040,Hòa An,huyện,04",
        "04,Cao Bằng,tỉnh,",
    )
    result = units.import_units_csv(file, actor)
    assert (result.created, result.updated, result.unchanged) == (4, 0, 0)
    hamlet = units.get_unit("0130001")
    assert (hamlet.kind, hamlet.parent.code, hamlet.valid_from, hamlet.valid_to) == (
        UnitKind.HAMLET,
        "01300",
        None,
        None,
    )
    assert units.get_unit("01300").parent.code == "040"


def test_no_unit_may_sit_under_a_residential_area(database, actor, tmp_path):
    before = AdministrativeUnit.select().count()
    file = write(
        tmp_path / "sai-cap.csv",
        "code,name,kind,parent_code",
        "04,Cao Bằng,tỉnh,",
        "040,Hòa An,huyện,04",
        "01300,Hưng Đạo,xã,040",
        "0130001,Nà Mò,thôn,01300",
        "01301,Xã Dưới Thôn,xã,0130001",
    )
    errors = refused_rows(lambda: units.import_units_csv(file, actor))
    assert errors == {(6, "parent_code"): "Thôn Nà Mò là khu dân cư, không có đơn vị trực thuộc."}
    assert AdministrativeUnit.select().count() == before


@pytest.fixture
def district_admin(people):
    accounts.create_user("dist", PASSWORD, "administrator", "061", people["admin"])
    return accounts.authenticate("dist", PASSWORD)


def test_a_row_under_a_refused_new_unit_is_not_reported_twice(district_admin, tmp_path):
    # A new district under the province is outside a district administrator's scope; the
    # commune listed under it is refused with it, by that one message.
    before = AdministrativeUnit.select().count()
    file = write(
        tmp_path / "huyen-moi.csv",
        "code,name,kind,parent_code,valid_from,valid_to",
        "069,Huyện Mới,huyện,06,,30/06/2025",
        "09995,Xã Dưới Huyện Mới,xã,069,,30/06/2025",
    )
    errors = refused_rows(lambda: units.import_units_csv(file, district_admin))
    assert list(errors) == [(2, "parent_code")]
    assert "Tỉnh Bắc Kạn (06) nằm ngoài phạm vi của tài khoản “dist”" in errors[(2, "parent_code")]
    assert AdministrativeUnit.select().count() == before
    assert units.find_unit("069") is None and units.find_unit("09995") is None


def test_a_district_administrator_moves_an_area_between_two_of_his_communes(
    district_admin, tmp_path
):
    # Both communes lie in Ba Bể (061), the account's district: the old parent and the new
    # are each checked, and both are his.
    units.create_unit(
        {"code": "0188801", "name": "Nà Cà", "kind": "thôn", "parent_code": "01888"},
        district_admin,
    )
    file = write(tmp_path / "chuyen.csv", "code,name,kind,parent_code", "0188801,Nà Cà,thôn,01891")
    result = units.import_units_csv(file, district_admin)
    assert (result.created, result.updated) == (0, 1)
    assert units.get_unit("0188801").parent.code == "01891"
    assert result.changes["0188801"] == [{"parent": "01888"}, {"parent": "01891"}]


def test_a_commune_may_start_the_day_its_areas_start(database, actor):
    commune = units.get_unit("TN01849")
    units.create_unit(
        {"code": "TN0184901", "name": "Nà Cà", "kind": "thôn", "parent_code": "TN01849"}, actor
    )
    units.create_unit(
        {"code": "TN0184902", "name": "Nà Mò", "kind": "thôn", "parent_code": "TN01849"}, actor
    )
    raw = {**units.unit_raw(commune.uuid), "name": "Phong Quang Mới", "valid_from": "01/07/2025"}
    units.update_unit(commune.uuid, raw, actor)
    stored = units.get_unit("TN01849")
    assert (stored.name, stored.valid_from) == ("Phong Quang Mới", date(2025, 7, 1))


def test_loading_the_bundled_units_again_changes_nothing(database):
    def state():
        return (
            sorted(
                AdministrativeUnit.select(
                    AdministrativeUnit.code,
                    AdministrativeUnit.valid_to,
                    AdministrativeUnit.revision,
                ).tuples()
            ),
            sorted(
                UnitSuccession.select(UnitSuccession.predecessor, UnitSuccession.successor).tuples()
            ),
        )

    before = state()
    assert len(before[1]) > 100  # the 2025 merge: every old unit has its successor
    units.load_bundled_units()
    assert state() == before


def test_the_unit_picker_with_no_text_lists_the_accounts_units_only(people):
    found = {unit.code for unit in units.search_units("", actor=people["officer"], limit=500)}
    assert "01888" in found
    assert found <= {
        AdministrativeUnit.get_by_id(i).code
        for i in permissions.visible_unit_ids(people["officer"])
    }
    assert not {"06", "061", "01834"} & found
