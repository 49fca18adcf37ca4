"""Ratings, organisations and pledges travel in data packages from a commune to the province."""

from __future__ import annotations

from pathlib import Path

import pytest

from movement_desk.db.connection import close_database
from movement_desk.db.models import Organisation, PledgeParty, SafetyRating
from movement_desk.services import packages
from movement_desk.services.package_file import PackageError
from movement_desk.services.records import organisations, pledges, ratings, units
from tests.packages_helpers import COMMUNE_A, PROVINCE, Site

AREAS = f"code,name,kind,parent_code,households\n{COMMUNE_A}01,Nà Làng,thôn,{COMMUNE_A},50\n"


@pytest.fixture
def sites(tmp_path: Path, template_db: Path):
    close_database()
    yield {
        "a": Site(tmp_path / "a.sqlite3", COMMUNE_A, template_db),
        "province": Site(tmp_path / "p.sqlite3", PROVINCE, template_db),
    }
    close_database()


def test_a_communes_year_of_ratings_reaches_the_province(sites, tmp_path):
    (tmp_path / "areas.csv").write_text(AREAS, encoding="utf-8")
    commune = sites["a"]
    with commune:
        from movement_desk.services.core.actor import LOCAL_ACTOR

        units.import_units_csv(tmp_path / "areas.csv", LOCAL_ACTOR)
        organisations.save_organisation(
            {"name": "Trường THCS Bằng Thành", "kind": "school", "unit_code": COMMUNE_A},
            commune.actor,
        )
        base = {"year": 2024, "registered_on": "10/02/2024"}
        ratings.save_rating(
            {**base, "subject_kind": "residential_area", "unit_code": f"{COMMUNE_A}01",
             "households_registered": "50", "result": "dat"}, commune.actor,
        )  # fmt: skip
        ratings.save_rating(
            {**base, "subject_kind": "school", "unit_code": COMMUNE_A,
             "organisation": "Trường THCS Bằng Thành", "result": "khong_dat",
             "missed_criteria": "3"}, commune.actor,
        )  # fmt: skip
        pledges.save_pledge(
            {"title": "Giao ước 2024", "unit_code": COMMUNE_A, "signed_on": "20/02/2024",
             "parties": [{"unit_code": COMMUNE_A},
                         {"unit_code": COMMUNE_A, "organisation": "Trường THCS Bằng Thành"}]},
            commune.actor,
        )  # fmt: skip
        result = packages.export_package(COMMUNE_A, tmp_path / "a.mdpkg", commune.actor)
    assert result.counts["safety_rating"]["records"] == 2
    assert result.counts["pledge_party"]["records"] == 2
    province = sites["province"]
    with province, pytest.raises(PackageError, match="units import"):
        packages.import_package(tmp_path / "a.mdpkg", province.actor)
    with province:
        from movement_desk.services.core.actor import LOCAL_ACTOR

        units.import_units_csv(tmp_path / "areas.csv", LOCAL_ACTOR)
        report = packages.import_package(tmp_path / "a.mdpkg", province.actor)
        assert report.counts["safety_rating"].as_dict()["new"] == 2
        assert SafetyRating.live().count() == 2
        school = SafetyRating.get(SafetyRating.subject_kind == "school")
        assert school.organisation.name == "Trường THCS Bằng Thành"
        assert school.missed_criteria == "3"
        assert Organisation.live().count() == 1
        assert PledgeParty.live().count() == 2
        again = packages.import_package(tmp_path / "a.mdpkg", province.actor)
        assert again.counts["safety_rating"].as_dict()["new"] == 0


def test_a_package_is_refused_when_its_ratings_break_the_rules_on_the_merged_data(sites, tmp_path):
    """The ratings' rules run again once a package is merged, on the receiving database's
    own data: its residential area's households and its criteria catalogue. A rating that
    breaks them refuses the package, named; nothing is written."""
    from movement_desk.db.choices import RatingSubject
    from movement_desk.services.core.actor import LOCAL_ACTOR
    from movement_desk.services.core.errors import ServiceError

    (tmp_path / "areas.csv").write_text(AREAS, encoding="utf-8")
    commune = sites["a"]
    with commune:
        units.import_units_csv(tmp_path / "areas.csv", LOCAL_ACTOR)
        organisations.save_organisation(
            {"name": "Trường THCS Bằng Thành", "kind": "school", "unit_code": COMMUNE_A},
            commune.actor,
        )
        base = {"year": 2024, "registered_on": "10/02/2024"}
        ratings.save_rating(
            {**base, "subject_kind": "residential_area", "unit_code": f"{COMMUNE_A}01",
             "households_registered": "50", "result": "dat"}, commune.actor,
        )  # fmt: skip
        ratings.save_rating(
            {**base, "subject_kind": "school", "unit_code": COMMUNE_A,
             "organisation": "Trường THCS Bằng Thành", "result": "khong_dat",
             "missed_criteria": "5"}, commune.actor,
        )  # fmt: skip
        packages.export_package(COMMUNE_A, tmp_path / "a.mdpkg", commune.actor)
    province = sites["province"]
    with province:
        # The province's unit list gives Nà Làng 60 households; its school catalogue from 2024
        # has three criteria.
        (tmp_path / "p-areas.csv").write_text(AREAS.replace(",50\n", ",60\n"), encoding="utf-8")
        units.import_units_csv(tmp_path / "p-areas.csv", LOCAL_ACTOR)
        ratings.save_criteria(RatingSubject.SCHOOL, 2024, ["Một", "Hai", "Ba"], LOCAL_ACTOR)
        with pytest.raises(ServiceError) as refused:
            packages.import_package(tmp_path / "a.mdpkg", province.actor)
        said = str(refused.value)
        assert "Thôn Nà Làng năm 2024 — Số hộ đăng ký" in said and "50/60" in said
        assert "Trường THCS Bằng Thành năm 2024 — Tiêu chí không đạt" in said
        assert "không có tiêu chí số 5" in said
        assert "Cơ sở dữ liệu không bị thay đổi" in said
        assert SafetyRating.select().count() == 0
        assert Organisation.select().count() == 0
        # With the commune's own households and catalogue, the same package goes in.
        units.import_units_csv(tmp_path / "areas.csv", LOCAL_ACTOR)
        ratings.save_criteria(RatingSubject.SCHOOL, 2024, ["1", "2", "3", "4", "5"], LOCAL_ACTOR)
        report = packages.import_package(tmp_path / "a.mdpkg", province.actor)
        assert report.counts["safety_rating"].as_dict()["new"] == 2
