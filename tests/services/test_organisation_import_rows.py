"""Importing the list of agencies, enterprises and schools again: what is updated, kept or
refused (services/records/organisations.py)."""

from __future__ import annotations

import pytest

from movement_desk.db.models import Organisation
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.records import organisations
from tests.services.test_ratings import areas, write  # noqa: F401


def stored() -> dict[str, tuple]:
    return {o.name: (o.managing_level.value, o.notes) for o in Organisation.live()}


def test_a_file_without_the_level_or_notes_columns_keeps_the_stored_ones(areas, actor, tmp_path):  # noqa: F811
    before = stored()
    assert before["Trường THPT Ba Bể"][0] != ""
    path = write(tmp_path, "o.csv", "name,kind,unit_code\nTrường THPT Ba Bể,school,01888\n")
    result = organisations.import_organisations(path, actor)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert stored() == before
    with_notes = write(
        tmp_path,
        "o2.csv",
        "name,kind,unit_code,notes\nTrường THPT Ba Bể,school,01888,Điểm trường 2\n",
    )
    dry = organisations.import_organisations(with_notes, actor, dry_run=True)
    assert dry.updated == 1 and stored() == before  # a dry run writes nothing
    assert organisations.import_organisations(with_notes, actor).updated == 1
    assert stored()["Trường THPT Ba Bể"] == (before["Trường THPT Ba Bể"][0], "Điểm trường 2")


def test_rows_repeated_or_without_a_unit_are_named(areas, actor, tmp_path):  # noqa: F811
    text = (
        "name,kind,unit_code\n"
        "Công ty Mới,enterprise,01888\n"
        "công ty mới,enterprise,01888\n"
        "Trường Mới,school,\n"
        "Trường Khác,school,0999999\n"
    )
    with pytest.raises(ValidationError) as caught:
        organisations.import_organisations(write(tmp_path, "o.csv", text), actor)
    assert [(e.row, e.field, e.message) for e in caught.value.errors] == [
        (3, "name", "trùng với dòng 2 (cùng đơn vị, cùng tên)."),
        (4, "unit_code", "chưa nhập mã đơn vị; hãy nhập mã xã hoặc khu dân cư."),
        (5, "unit_code", "không có đơn vị mã “0999999”; hãy chọn đơn vị trong danh mục."),
    ]
    assert "Công ty Mới" not in stored()


def test_adding_one_already_listed_is_refused_naming_the_unit(areas, actor):  # noqa: F811
    with pytest.raises(ValidationError) as caught:
        organisations.save_organisation(
            {"name": "trường thpt ba bể", "kind": "school", "unit_code": "01888"}, actor
        )
    [error] = caught.value.errors
    assert (
        error.field == "name" and "đã có “Trường THPT Ba Bể”; hãy sửa bản đã có." in error.message
    )
