"""Adding and correcting administrative units: each refusal names the field and says what to do
(services/records/units.py). Chợ Rã (01888) ended on 30/06/2025; Phong Quang (TN01849) began
on 01/07/2025."""

from __future__ import annotations

import pytest

from movement_desk.services.core.errors import ValidationError
from movement_desk.services.records import units

AREA = {"code": "0188805", "name": "Nà Cà", "kind": "thôn", "parent_code": "01888"}


def refused(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return {error.field: error.message for error in caught.value.errors}


def test_a_residential_area_needs_its_commune(database, actor):
    errors = refused(lambda: units.create_unit({**AREA, "parent_code": ""}, actor))
    assert errors["parent_code"] == "khu dân cư phải trực thuộc một đơn vị cấp xã; hãy chọn xã."


def test_households_are_for_residential_areas_only(database, actor):
    commune = {"code": "TN09999", "name": "Xã Thử", "kind": "xã", "parent_code": "06"}
    errors = refused(lambda: units.create_unit({**commune, "households": "120"}, actor))
    assert errors["households"] == "chỉ ghi số hộ cho khu dân cư (thôn, bản, tổ dân phố…)."
    existing = units.get_unit("TN01849")
    corrected = {**units.unit_raw(existing.uuid), "households": "80"}
    errors = refused(lambda: units.update_unit(existing.uuid, corrected, actor))
    assert errors["households"].startswith("chỉ ghi số hộ cho khu dân cư")


def test_a_province_has_no_parent(database, actor):
    errors = refused(
        lambda: units.create_unit(
            {"code": "99", "name": "Tỉnh Thử", "kind": "tỉnh", "parent_code": "06"}, actor
        )
    )
    assert errors["parent_code"].startswith("tỉnh không có đơn vị cấp trên")


def test_a_unit_cannot_outlive_or_predate_its_parent(database, actor):
    late = {**AREA, "valid_from": "01/01/2025", "valid_to": "31/12/2025"}
    errors = refused(lambda: units.create_unit(late, actor))
    assert errors["valid_to"].startswith("đơn vị cấp trên")
    new_commune_area = {**AREA, "code": "TN0184901", "parent_code": "TN01849"}
    early = {**new_commune_area, "valid_from": "01/01/2025"}
    errors = refused(lambda: units.create_unit(early, actor))
    assert errors["valid_from"] == (
        "đơn vị cấp trên Xã Phong Quang chỉ có từ ngày 01/07/2025; hãy nhập ngày từ đó trở đi."
    )
    # Without dates, an area lives as long as its commune.
    area = units.create_unit(new_commune_area, actor)
    assert (area.valid_from.isoformat(), area.valid_to) == ("2025-07-01", None)


def test_a_unit_cannot_end_before_its_areas_do_or_start_after_them(database, actor):
    commune = units.get_unit("TN01849")
    units.create_unit({**AREA, "code": "TN0184901", "parent_code": "TN01849"}, actor)
    raw = units.unit_raw(commune.uuid)
    errors = refused(
        lambda: units.update_unit(commune.uuid, {**raw, "valid_to": "31/12/2026"}, actor)
    )
    assert errors["valid_to"] == (
        "Thôn Nà Cà trực thuộc đơn vị này còn hiệu lực đến nay; hãy sửa đơn vị cấp dưới trước."
    )
    errors = refused(
        lambda: units.update_unit(commune.uuid, {**raw, "valid_from": "01/08/2025"}, actor)
    )
    assert errors["valid_from"] == (
        "Thôn Nà Cà trực thuộc đơn vị này đã có trước ngày 01/08/2025; "
        "hãy sửa đơn vị cấp dưới trước."
    )


def test_a_unit_list_row_cannot_be_its_own_parent(database, actor, tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("code,name,kind,parent_code\nTN09998,Xã Thử,xã,TN09998\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        units.import_units_csv(path, actor)
    [error] = caught.value.errors
    assert (error.row, error.field) == (2, "parent_code")
    assert error.message == "đơn vị không thể là cấp trên của chính nó."
