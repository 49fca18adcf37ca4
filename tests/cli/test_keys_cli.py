"""``movement-desk keys``: export the public key, trust it at the level above, list, revoke."""

from __future__ import annotations

from pathlib import Path

import pytest

from movement_desk.db.connection import close_database
from tests.conftest import admin_cli
from tests.packages_helpers import COMMUNE_A, PROVINCE, Site, add_session


@pytest.fixture
def pair(tmp_path: Path, template_db: Path):
    close_database()
    commune = Site(tmp_path / "a.sqlite3", COMMUNE_A, template_db, enrol=False)
    province = Site(tmp_path / "province.sqlite3", PROVINCE, template_db, enrol=False)
    yield commune, province
    close_database()


def test_enrolment_from_the_command_line(pair, tmp_path):
    commune, province = pair
    add_session(commune, "Phát động")
    key_file = tmp_path / "xa.mdkey"
    exported = admin_cli("keys", "export", "--out", str(key_file), db=commune.path)
    assert exported.returncode == 0, exported.stderr
    fingerprint = next(
        line.split(": ", 1)[1] for line in exported.stdout.splitlines() if "Dấu vân tay" in line
    )
    assert len(fingerprint) == 19 and "PRIVATE" not in key_file.read_text(encoding="utf-8")
    package = tmp_path / "a.mdpkg"
    assert (
        admin_cli(
            "package", "export", "--unit", COMMUNE_A, "--out", str(package), db=commune.path
        ).returncode
        == 0
    )

    unknown = admin_cli("package", "import", str(package), db=province.path)
    assert unknown.returncode == 1 and "chưa tin cậy" in unknown.stdout + unknown.stderr

    wrong = admin_cli(
        "keys", "trust", str(key_file), "--unit", COMMUNE_A, "--fingerprint", "AAAA-AAAA-AAAA-AAAA",
        db=province.path,
    )  # fmt: skip
    assert wrong.returncode == 1 and "khác với" in wrong.stdout + wrong.stderr
    trusted = admin_cli(
        "keys", "trust", str(key_file), "--unit", COMMUNE_A, "--fingerprint", fingerprint,
        db=province.path,
    )  # fmt: skip
    assert trusted.returncode == 0, trusted.stderr
    assert fingerprint in trusted.stdout
    listed = admin_cli("keys", "list", db=province.path)
    assert fingerprint in listed.stdout and COMMUNE_A in listed.stdout

    imported = admin_cli("package", "import", str(package), db=province.path)
    assert imported.returncode == 0, imported.stderr

    revoked = admin_cli(
        "keys", "revoke", fingerprint, "--reason", "Máy của xã bị mất", db=province.path
    )
    assert revoked.returncode == 0, revoked.stderr
    again = admin_cli("package", "import", str(package), db=province.path)
    assert again.returncode == 1 and "đã bị thu hồi" in again.stdout + again.stderr
    audit = admin_cli("audit", db=province.path)
    assert audit.stdout.count("khóa ký") >= 2 or "Tin cậy khóa" in audit.stdout
