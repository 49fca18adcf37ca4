"""``movement-desk keys``: what the command says besides the fingerprint: a key trusted for
another unit than its file names, a trust without the fingerprint read over the phone."""

from __future__ import annotations

from pathlib import Path

import pytest

from movement_desk.db.connection import close_database
from tests.conftest import admin_cli
from tests.packages_helpers import COMMUNE_A, DISTRICT, PROVINCE, Site


def _fingerprint(output: str) -> str:
    return next(line.split(": ", 1)[1] for line in output.splitlines() if "Dấu vân tay" in line)


@pytest.fixture
def pair(tmp_path: Path, template_db: Path):
    close_database()
    commune = Site(tmp_path / "a.sqlite3", COMMUNE_A, template_db, enrol=False)
    province = Site(tmp_path / "province.sqlite3", PROVINCE, template_db, enrol=False)
    yield commune, province
    close_database()


def test_a_key_trusted_for_another_unit_and_without_the_fingerprint_is_flagged(pair, tmp_path):
    commune, province = pair
    key_file = tmp_path / "xa.mdkey"
    exported = admin_cli("keys", "export", "--out", str(key_file), db=commune.path)
    assert exported.returncode == 0, exported.stderr
    assert f"Đơn vị của máy: Xã Bằng Thành ({COMMUNE_A})" in exported.stdout
    fingerprint = _fingerprint(exported.stdout)
    trusted = admin_cli("keys", "trust", str(key_file), "--unit", DISTRICT, db=province.path)
    assert trusted.returncode == 0, trusted.stderr
    assert f"Đã tin cậy khóa {fingerprint} cho Huyện Pác Nặm ({DISTRICT})" in trusted.stdout
    assert f"Lưu ý: tệp khóa ghi đơn vị {COMMUNE_A}, khác với đơn vị đã chọn." in trusted.stdout
    assert "Hãy đối chiếu dấu vân tay trên với đơn vị gửi qua điện thoại." in trusted.stdout
    listed = admin_cli("keys", "list", db=province.path)
    assert f"{fingerprint}  {DISTRICT:<8} tin cậy; còn hiệu lực" in listed.stdout
