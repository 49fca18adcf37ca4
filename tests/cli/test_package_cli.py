"""``movement-desk package``: export, import with preview, conflicts, and a kill half-way."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from movement_desk.db.connection import close_database
from movement_desk.services import packages
from tests import server_backend
from tests.conftest import admin_cli
from tests.packages_helpers import (
    COMMUNE_A,
    DISTRICT,
    PROVINCE,
    Site,
    add_session,
    edit_session,
    table_snapshot,
)


@pytest.fixture
def pair(tmp_path: Path, template_db: Path):
    close_database()
    commune = Site(tmp_path / "a.sqlite3", COMMUNE_A, template_db)
    province = Site(tmp_path / "province.sqlite3", PROVINCE, template_db)
    yield commune, province
    close_database()


def test_export_then_import_with_a_preview_first(pair, tmp_path):
    commune, province = pair
    add_session(commune, "Phát động ở Bằng Thành", participants=120)
    out = tmp_path / "a.mdpkg"
    exported = admin_cli(
        "package", "export", "--unit", COMMUNE_A, "--out", str(out), db=commune.path
    )
    assert exported.returncode == 0, exported.stderr
    assert "1 buổi phát động, tuyên truyền" in exported.stdout

    preview = admin_cli("package", "import", str(out), "--dry-run", db=province.path)
    assert preview.returncode == 0, preview.stderr
    assert "Chạy thử" in preview.stdout
    assert "2 mới" in preview.stdout  # the session and the organiser it named
    assert province.scalar("SELECT count(*) FROM activity_session") == 0

    imported = admin_cli("package", "import", str(out), db=province.path)
    assert imported.returncode == 0, imported.stderr
    assert "Đã nhập gói" in imported.stdout
    assert "buổi phát động, tuyên truyền" in imported.stdout  # the table per kind
    assert province.scalar("SELECT count(*) FROM activity_session") == 1

    again = admin_cli("package", "import", str(out), db=province.path)
    assert "0 mới" in again.stdout and "đã được nhập trước đây" in again.stdout


def test_conflicts_are_listed_and_resolved_from_the_command_line(pair, tmp_path):
    commune, province = pair
    session = add_session(commune, "Phát động", participants=100)
    with commune:
        packages.export_package(COMMUNE_A, tmp_path / "1.mdpkg", commune.actor)
    admin_cli("package", "import", str(tmp_path / "1.mdpkg"), db=province.path)
    edit_session(province, session, participants=111)
    edit_session(commune, session, participants=222)
    with commune:
        packages.export_package(COMMUNE_A, tmp_path / "2.mdpkg", commune.actor, since_last=True)

    imported = admin_cli("package", "import", str(tmp_path / "2.mdpkg"), db=province.path)
    assert imported.returncode == 0, imported.stderr
    assert "1 xung đột" in imported.stdout
    assert "giữ nguyên bản ở máy này" in imported.stdout
    assert session in imported.stdout

    listed = admin_cli("package", "conflicts", db=province.path)
    assert "Số lượt người tham gia: máy này “111” | trong gói “222”" in listed.stdout
    conflict_id = listed.stdout.split("#", 1)[1].split()[0]

    resolved = admin_cli("package", "resolve", conflict_id, "--keep", "incoming", db=province.path)
    assert resolved.returncode == 0, resolved.stderr
    assert province.scalar("SELECT participants FROM activity_session") == 222
    assert "Không có xung đột" in admin_cli("package", "conflicts", db=province.path).stdout


def test_received_reports_completeness(pair, tmp_path):
    commune, province = pair
    add_session(commune, "Phát động", day="05/03/2024")
    out = tmp_path / "a.mdpkg"
    admin_cli("package", "export", "--unit", COMMUNE_A, "--out", str(out), db=commune.path)
    admin_cli("package", "import", str(out), db=province.path)
    result = admin_cli(
        "package", "received", "--unit", DISTRICT, "--period", "2024-03", db=province.path
    )
    assert result.returncode == 0, result.stderr
    assert "Đã nhận dữ liệu của 1/10 xã, phường, thị trấn" in result.stdout
    assert "Chưa nhận:" in result.stdout and "Nhạn Môn" in result.stdout


def test_a_bad_file_is_refused_with_a_message_and_exit_code_1(pair, tmp_path):
    _, province = pair
    (tmp_path / "junk.mdpkg").write_text("not a package", encoding="utf-8")
    result = admin_cli("package", "import", str(tmp_path / "junk.mdpkg"), db=province.path)
    assert result.returncode == 1
    assert "không phải gói dữ liệu movement_desk" in result.stderr
    assert "không bị thay đổi" in result.stderr


def test_period_and_since_last_cannot_be_combined(pair, tmp_path):
    commune, _ = pair
    result = admin_cli(
        "package", "export", "--unit", COMMUNE_A, "--out", str(tmp_path / "x.mdpkg"),
        "--period", "2024-01", "--since-last", db=commune.path,
    )  # fmt: skip
    assert result.returncode == 2


def test_an_import_killed_half_way_leaves_the_database_as_it_was(pair, tmp_path):
    commune, province = pair
    with commune:
        # Enough sessions for several write batches of the import (entered in one transaction:
        # the same records, without 1.200 commits).
        from movement_desk.db.connection import db
        from movement_desk.services.records import sessions

        with db.atomic():
            for n in range(1_200):
                sessions.create_session(
                    {
                        "date": "05/03/2024",
                        "unit_code": COMMUNE_A,
                        "kind": "propaganda",
                        "organizer_kind": "police",
                        "title": f"Tuyên truyền {n}",
                        "participants": str(n),
                    },
                    commune.actor,
                )
        packages.export_package(COMMUNE_A, tmp_path / "big.mdpkg", commune.actor)
    # A first package already imported, so the database has something to keep intact.
    add_session(province, "Buổi của tỉnh")
    before = table_snapshot(province)

    killed = admin_cli(
        "package", "import", str(tmp_path / "big.mdpkg"), db=province.path,
        env={packages.CRASH_ENV_VAR: "600"},
    )  # fmt: skip
    assert killed.returncode == 17  # the process died half-way, after 600 written rows
    assert table_snapshot(province) == before
    if not server_backend.on_server():  # the server's transaction is simply rolled back
        with sqlite3.connect(province.path) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    finished = admin_cli("package", "import", str(tmp_path / "big.mdpkg"), db=province.path)
    assert finished.returncode == 0, finished.stderr
    assert province.scalar("SELECT count(*) FROM activity_session") == 1_201
