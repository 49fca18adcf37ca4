"""A ratings file's bad rows, each refused naming its row and column, and nothing written
(services/records/ratings.import_ratings); the criteria catalogue's own refusals."""

from __future__ import annotations

import pytest

from movement_desk.db.models import SafetyRating
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.records import ratings
from tests.services.test_ratings import RATINGS_HEADER, areas, write  # noqa: F401

GOOD = "2024,residential_area,0188801,,15/02/2024,120,dat,,UBND xã Chợ Rã,12/QĐ-UBND,20/11/2024"


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (",residential_area,0188801,,,,,,,,", "year", "chưa nhập năm; hãy nhập năm đánh giá"),
        ("2024,residential_area,,,,,,,,,", "unit_code", "chưa nhập mã đơn vị"),
        ("2024,residential_area,0999999,,,,,,,,", "unit_code", "không có đơn vị mã “0999999”"),
        ("2024,residential_area,01888,,,,,,,,", "unit_code", "không phải khu dân cư"),
        (
            "2024,residential_area,0188802,UBND xã Chợ Rã,,,,,,,",
            "organisation",
            "khu dân cư không ghi tên cơ quan; hãy để trống.",
        ),
        ("2024,commune,0188802,,,,,,,,", "unit_code", "không phải đơn vị cấp xã"),
        (
            "2024,commune,01888,UBND xã Chợ Rã,,,,,,,",
            "organisation",
            "xã, phường không ghi tên cơ quan; hãy để trống.",
        ),
        ("2024,agency,01888,,,,,,,,", "organisation", "chưa nhập tên cơ quan"),
        (GOOD, "unit_code", "trùng với dòng 2: cùng năm, cùng đối tượng."),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_written(areas, actor, tmp_path, row, field, message):  # noqa: F811
    path = write(tmp_path, "r.csv", RATINGS_HEADER + GOOD + "\n" + row + "\n")
    with pytest.raises(ValidationError) as caught:
        ratings.import_ratings(path, actor)
    found = [(e.row, e.field, e.message) for e in caught.value.errors]
    assert any(r == 3 and f == field and message in m for r, f, m in found), found
    assert all(r == 3 for r, _f, _m in found)  # the good row is not blamed
    assert SafetyRating.select().count() == 0


def test_the_criteria_catalogue_refuses_blank_criteria_and_years_before_the_circular(
    database, actor
):
    with pytest.raises(ValidationError) as caught:
        ratings.save_criteria("commune", ratings.FIRST_YEAR - 1, ["Không có tội phạm", " "], actor)
    assert [(e.label, e.message) for e in caught.value.errors] == [
        ("Tiêu chí 2", "chưa nhập nội dung tiêu chí."),
        ("Áp dụng từ năm", f"Thông tư áp dụng từ năm {ratings.FIRST_YEAR}."),
    ]
    with pytest.raises(ValidationError, match="cần ít nhất một tiêu chí"):
        ratings.save_criteria("commune", 2025, [], actor)
    saved = ratings.save_criteria("commune", 2025, ["Không có  tội phạm"], actor)
    assert [(c.number, c.text) for c in saved] == [(1, "Không có tội phạm")]
