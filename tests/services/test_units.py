"""Administrative units: the bundled Bắc Kạn lists, the 2025 merge, and loading another province."""

from __future__ import annotations

from datetime import date

import pytest

from movement_desk.db.choices import UnitKind
from movement_desk.db.models import AdministrativeUnit, UnitSuccession
from movement_desk.services.core.actor import SYSTEM_ACTOR
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.records import units

COMMUNE_KINDS = [kind.value for kind in units.COMMUNE_KINDS]


def test_bundled_units_are_bac_kan_2023_and_the_37_new_communes(database):
    old = AdministrativeUnit.select().where(
        AdministrativeUnit.kind.in_(COMMUNE_KINDS) & AdministrativeUnit.valid_to.is_null(False)
    )
    new = AdministrativeUnit.select().where(
        AdministrativeUnit.kind.in_(COMMUNE_KINDS) & AdministrativeUnit.valid_from.is_null(False)
    )
    assert old.count() == 108
    assert new.count() == 37
    tree = units.UnitTree.load()
    province = tree.by_code("06")
    assert [d.name for d in tree.child_units(province.id)][:2] == ["Ba Bể", "Bạch Thông"]
    assert len(tree.child_units(province.id)) == 8
    assert province.valid_to == date(2025, 6, 30)


def test_every_old_commune_has_exactly_one_successor(database):
    successors = units.successor_map(date(2025, 7, 1))
    old_communes = AdministrativeUnit.select().where(
        AdministrativeUnit.kind.in_(COMMUNE_KINDS) & AdministrativeUnit.valid_to.is_null(False)
    )
    for commune in old_communes:
        assert commune.id in successors, commune.name
    assert units.successor_map(date(2025, 6, 30)) == {}


def test_merge_gives_the_documented_successor(database):
    sông_cầu = units.get_unit("01837")
    [successor] = units.successors_on(sông_cầu, date(2025, 7, 1))
    assert successor.title == "Phường Bắc Kạn"
    assert successor.parent.code == "19"
    assert UnitSuccession.select().where(UnitSuccession.successor == successor.id).count() == 4


def test_unit_existed_on_respects_validity(database):
    commune = units.get_unit("01834")
    assert commune.existed_on(date(2025, 6, 30))
    assert not commune.existed_on(date(2025, 7, 1))


def test_search_units_ignores_diacritics(database):
    found = [u.name for u in units.search_units("cho don", actor=SYSTEM_ACTOR)]
    assert "Chợ Đồn" in found


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_import_another_provinces_list_and_again_changes_nothing(database, actor, tmp_path):
    file = write(
        tmp_path / "cao-bang.csv",
        "code,name,kind,parent_code,valid_from,valid_to\n"
        "04,Cao Bằng,tỉnh,,,\n"
        "040,Cao Bằng,thành phố,04,,\n"
        "01270,Sông Hiến,phường,040,01/01/2020,\n",
    )
    result = units.import_units_csv(file, actor)
    assert (result.created, result.updated) == (3, 0)
    assert units.get_unit("01270").parent.code == "040"
    assert units.get_unit("01270").valid_from == date(2020, 1, 1)
    assert units.get_unit("01270").kind is UnitKind.WARD
    again = units.import_units_csv(file, actor)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_bad_unit_list_reports_every_row_and_writes_nothing(database, actor, tmp_path):
    before = AdministrativeUnit.select().count()
    file = write(
        tmp_path / "bad.csv",
        "code,name,kind,parent_code\n"
        "04,Cao Bằng,tỉnh,\n"
        "041,,huyện,04\n"
        "042,Bảo Lạc,khu công nghiệp,04\n"
        "04,Trùng mã,tỉnh,\n"
        "01300,Xã A,xã,999\n",
    )
    with pytest.raises(ValidationError) as caught:
        units.import_units_csv(file, actor)
    rows = {(e.row, e.field) for e in caught.value.errors}
    assert rows == {(3, "name"), (4, "kind"), (5, "code"), (6, "parent_code")}
    assert AdministrativeUnit.select().count() == before
