"""``movement-desk report`` on a database that consolidates the communes' packages: it says
whose packages have arrived, and warns about communes without figures only when some lack them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from movement_desk.db.connection import close_database
from movement_desk.services.core.actor import LOCAL_ACTOR
from tests.conftest import admin_cli
from tests.packages_helpers import COMMUNE_A, DISTRICT, Site, add_session


@pytest.fixture
def district(tmp_path: Path, template_db: Path):
    """The district after importing commune A's package (one session in March 2024)."""
    from movement_desk.services import packages

    close_database()
    commune = Site(tmp_path / "a.sqlite3", COMMUNE_A, template_db)
    district = Site(tmp_path / "district.sqlite3", DISTRICT, template_db)
    add_session(commune, "Phát động ở Bằng Thành")
    package = tmp_path / "a.mdpkg"
    with commune:
        packages.export_package(COMMUNE_A, package, LOCAL_ACTOR)
    with district:
        packages.import_package(package, LOCAL_ACTOR)
    yield district
    close_database()


def _communes_of(site: Site, code: str) -> int:
    return site.scalar(
        "SELECT count(*) FROM admin_unit c JOIN admin_unit d ON c.parent_id = d.id "
        "WHERE d.code = ? AND c.deleted_at IS NULL",
        code,
    )


def test_the_district_report_says_whose_packages_arrived_and_who_is_silent(district, tmp_path):
    communes = _communes_of(district, DISTRICT)
    assert communes > 1
    out = tmp_path / "huyen.pdf"
    result = admin_cli(
        "report", "--period", "2024-03", "--unit", DISTRICT, "--out", str(out), db=district.path
    )
    assert result.returncode == 0, result.stderr
    assert "1 buổi" in result.stdout
    assert (
        f"Lưu ý: {communes - 1}/{communes} đơn vị cấp xã chưa có số liệu trong kỳ." in result.stdout
    )
    assert f"Gói dữ liệu: Đã nhận dữ liệu của 1/{communes} xã, phường, thị trấn." in result.stdout


def test_a_commune_with_its_figures_in_is_not_warned_about(district, tmp_path):
    out = tmp_path / "xa.pdf"
    result = admin_cli(
        "report", "--period", "2024-03", "--unit", COMMUNE_A, "--out", str(out), db=district.path
    )
    assert result.returncode == 0, result.stderr
    assert "1 buổi" in result.stdout and out.exists()
    assert "chưa có số liệu" not in result.stdout
    assert "Gói dữ liệu: Đã nhận dữ liệu của 1/1 xã, phường, thị trấn." in result.stdout
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Đã nhận dữ liệu của 1/1 xã, phường, thị trấn, đủ cả kỳ." in " ".join(text.split())
