"""Units are a tree: loops, own ancestors and dates outside the parent's are refused."""

from __future__ import annotations

from datetime import date

import pytest

from movement_desk.db.backup import check_database
from movement_desk.db.connection import db
from movement_desk.db.models import AdministrativeUnit
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.core.unit_tree import UnitTree
from movement_desk.services.records import units

HEADER = "code,name,kind,parent_code"


def write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def parents() -> dict[str, str | None]:
    return {u.code: (u.parent.code if u.parent_id else None) for u in AdministrativeUnit.select()}


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_parent_loop_between_two_stored_districts_is_refused_naming_the_rows(
    database, actor, tmp_path, dry_run
):
    before = parents()
    file = write(
        tmp_path / "loop.csv",
        [HEADER, "061,Ba Bể,huyện,062", "062,Ngân Sơn,huyện,061"],
    )
    with pytest.raises(ValidationError) as caught:
        units.import_units_csv(file, actor, dry_run=dry_run)
    rows = {e.row for e in caught.value.errors}
    assert rows == {2, 3}
    assert "061 → 062 → 061" in str(caught.value)
    assert parents() == before


def test_a_unit_under_its_own_descendant_is_refused(database, actor, tmp_path):
    commune = AdministrativeUnit.get(AdministrativeUnit.code == "01888")
    district = commune.parent.code
    file = write(tmp_path / "own.csv", [HEADER, f"{district},Ba Bể,huyện,01888"])
    with pytest.raises(ValidationError, match="cấp trên của chính nó"):
        units.import_units_csv(file, actor, dry_run=True)


def test_a_child_valid_outside_its_parents_dates_is_refused(database, actor, tmp_path):
    file = write(
        tmp_path / "dates.csv",
        [
            HEADER + ",valid_from,valid_to",
            "99,Tỉnh thử,tỉnh,,01/01/2020,",
            "991,Huyện thử,huyện,99,01/01/2019,",
            "992,Huyện khác,huyện,99,01/01/2021,",
        ],
    )
    with pytest.raises(ValidationError) as caught:
        units.import_units_csv(file, actor, dry_run=True)
    assert [(e.row, e.field) for e in caught.value.errors] == [(3, "valid_from")]
    assert "ra ngoài thời gian của đơn vị cấp trên 99" in str(caught.value)
    assert AdministrativeUnit.get_or_none(AdministrativeUnit.code == "99") is None


def test_check_reports_loops_and_orphans(database):
    assert check_database(repair=False).ok
    ids = {
        u.code: u.id
        for u in AdministrativeUnit.select().where(AdministrativeUnit.code.in_(["061", "062"]))
    }
    with db.atomic():
        db.execute_sql("UPDATE admin_unit SET parent_id = ? WHERE id = ?", (ids["062"], ids["061"]))
        db.execute_sql("UPDATE admin_unit SET parent_id = ? WHERE id = ?", (ids["061"], ids["062"]))
        db.execute_sql("UPDATE admin_unit SET parent_id = NULL WHERE code = '01888'")
    report = check_database(repair=False)
    text = report.summary()
    assert "Vòng lặp cấp trên" in text and "061" in text and "062" in text
    assert "Đơn vị 01888 không có đơn vị cấp trên" in text


def test_a_stored_loop_does_not_hang_the_tree_walks(database):
    ids = {
        u.code: u.id
        for u in AdministrativeUnit.select().where(AdministrativeUnit.code.in_(["061", "062"]))
    }
    with db.atomic():
        db.execute_sql("UPDATE admin_unit SET parent_id = ? WHERE id = ?", (ids["062"], ids["061"]))
        db.execute_sql("UPDATE admin_unit SET parent_id = ? WHERE id = ?", (ids["061"], ids["062"]))
    tree = units.UnitTree.load()
    assert ids["062"] in tree.subtree_ids(ids["061"])
    assert [u.code for u in tree.ancestors(ids["061"])] == ["062"]


def test_the_tree_holds_each_unit_as_peewee_reads_it(database):
    """``UnitTree.load`` builds its units from raw rows: the same values (dates, choices,
    parents) and the same clean state as the rows of ``AdministrativeUnit.live()``."""
    child = AdministrativeUnit.get(AdministrativeUnit.parent.is_null(False))
    child.valid_from = date(2019, 1, 1)
    child.save()
    read = list(AdministrativeUnit.live().order_by(AdministrativeUnit.sort_key))
    tree = UnitTree.load()
    assert list(tree.by_id) == [unit.id for unit in read]
    for unit in read:
        built = tree.by_id[unit.id]
        assert type(built) is AdministrativeUnit
        assert built.__data__ == unit.__data__
        assert (built._dirty, built.__rel__) == (set(), {})
    built = tree.by_id[child.id]
    assert built.valid_from == date(2019, 1, 1)
    assert built.kind is child.kind
    assert built.parent.code == child.parent.code
    assert built.title == child.title
