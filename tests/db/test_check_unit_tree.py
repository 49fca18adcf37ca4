"""``movement-desk check`` on a file whose unit tree went wrong (a district deleted under its
live communes, a commune pointing to a unit that is gone) and whose search index no longer
matches: each named; with --no-repair nothing changed; the repair rebuilds the index and
leaves the tree to the user, saying so."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import admin_cli

DISTRICT = "060"  # huyện Pác Nặm
COMMUNE = "01858"  # xã Bằng Thành, huyện Pác Nặm


@pytest.fixture
def damaged(database, db_path, actor):
    """The file after the damage, closed (written with the program's own guards off)."""
    from movement_desk.db.connection import close_database
    from movement_desk.services.records import sessions

    sessions.create_session(
        {
            "date": "05/03/2024", "unit_code": COMMUNE, "kind": "launch",
            "organizer_kind": "police", "title": "Phát động ở Bằng Thành",
        },
        actor,
    )  # fmt: skip
    close_database()
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA foreign_keys = OFF")
    with connection:
        connection.execute(
            "UPDATE admin_unit SET deleted_at = '2024-05-01 00:00:00' WHERE code = ?", (DISTRICT,)
        )
        connection.execute("UPDATE admin_unit SET parent_id = 999999 WHERE code = '01861'")
        connection.execute(
            "INSERT INTO activity_session_fts(activity_session_fts) VALUES ('delete-all')"
        )
    communes = [
        row[0]
        for row in connection.execute(
            "SELECT c.code FROM admin_unit c JOIN admin_unit d ON d.id = c.parent_id "
            "WHERE d.code = ? AND c.deleted_at IS NULL ORDER BY c.id",
            (DISTRICT,),
        )
    ]
    connection.close()
    return communes


def test_the_check_names_each_problem_of_the_tree_and_the_index(damaged, db_path):
    communes = damaged
    assert COMMUNE in communes and "01861" not in communes
    found = admin_cli("check", "--no-repair", db=db_path)
    assert found.returncode == 1
    out = found.stdout
    assert "Chỉ mục tìm kiếm activity_session không khớp dữ liệu" in out
    for code in communes:
        assert f"Đơn vị {code} còn dùng nhưng đơn vị cấp trên {DISTRICT} đã bị xóa." in out
    assert "Đơn vị 01861 trỏ tới đơn vị cấp trên không còn tồn tại." in out
    assert "admin_unit dòng" in out and "trỏ tới admin_unit không còn tồn tại" in out
    problems = len(communes) + 3  # the index, the commune gone astray, its foreign key
    assert f"Tìm thấy {problems} vấn đề:" in out
    assert f"Còn {problems} vấn đề chưa tự sửa được." in out and "Đã sửa" not in out
    # Nothing changed: the same findings again.
    assert admin_cli("check", "--no-repair", db=db_path).stdout == out

    repaired = admin_cli("check", db=db_path)
    assert repaired.returncode == 1  # the tree is the user's to put right
    assert "Chỉ mục tìm kiếm activity_session: đã dựng lại" in repaired.stdout
    assert f"Còn {problems - 1} vấn đề chưa tự sửa được." in repaired.stdout
    again = admin_cli("check", "--no-repair", db=db_path)
    assert "Chỉ mục tìm kiếm" not in again.stdout
    assert f"Tìm thấy {problems - 1} vấn đề:" in again.stdout
