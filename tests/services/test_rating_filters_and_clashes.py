"""Safety ratings listed by subject, exported for one unit, and a correction that would make
two ratings of one subject and year (services/records/ratings.py)."""

from __future__ import annotations

import csv

import pytest

from movement_desk.db.choices import RatingSubject
from movement_desk.db.models import SafetyRating
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.records import ratings, units
from tests.services.test_ratings import GOOD_RATINGS, areas, write  # noqa: F401


@pytest.fixture
def rated(areas, actor, tmp_path):  # noqa: F811
    """GOOD_RATINGS of 2024: two residential areas of Chợ Rã, the town itself, an agency, a
    school and an enterprise."""
    ratings.import_ratings(write(tmp_path, "r.csv", GOOD_RATINGS), actor)
    return actor


def test_the_ratings_page_lists_one_subject_at_a_time(rated):
    found = ratings.list_ratings(rated, subject=RatingSubject.RESIDENTIAL_AREA)
    assert sorted(r.unit.code for r in found) == ["0188801", "0188802"]
    [town] = ratings.list_ratings(rated, year=2024, subject=RatingSubject.COMMUNE)
    assert town.unit.code == "01888"


def test_an_export_for_one_unit_writes_only_its_ratings(rated, tmp_path):
    path = tmp_path / "xep-loai.csv"
    assert ratings.export_ratings(path, rated, unit_code="0188801") == 1
    with path.open(encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert (row["unit_code"], row["subject_kind"]) == ("0188801", "residential_area")


def test_a_correction_that_would_rate_a_subject_twice_in_a_year_is_refused(rated):
    other = SafetyRating.get(SafetyRating.unit == units.get_unit("0188802").id)
    raw = {**ratings.rating_to_raw(other), "unit_code": "0188801"}
    with pytest.raises(ValidationError) as caught:
        ratings.save_rating(raw, rated, uuid=other.uuid)
    [error] = caught.value.errors
    assert error.field == "unit_code"
    assert error.message.endswith("đã có kết quả năm 2024.")
    assert SafetyRating.get_by_id(other.id).unit.code == "0188802"
