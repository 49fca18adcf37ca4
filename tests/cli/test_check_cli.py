"""``movement-desk check --no-repair``: it reports what it found and changes nothing."""

from __future__ import annotations

import pytest

from movement_desk.db.connection import db
from movement_desk.services.core.actor import LOCAL_ACTOR
from movement_desk.services.records import commendations
from tests.cli.test_safe_outputs import run  # noqa: F401 - the in-process command fixture
from tests.services.test_certificates import DECISION, RECIPIENTS


def _names() -> set[str]:
    return {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master")}


def test_check_without_repair_lists_the_problems_and_leaves_them(run, backend):  # noqa: F811
    if backend == "postgresql":
        pytest.skip("SQLite's own check; the server's is tests/db/test_server.py")
    decision = commendations.save_decision(DECISION, RECIPIENTS, LOCAL_ACTOR)
    db.execute_sql(
        "UPDATE decision SET deleted_at = '2024-05-01 00:00:00' WHERE id = ?", (decision.id,)
    )
    db.execute_sql("DROP TRIGGER audit_entry_no_update")
    live = "SELECT COUNT(*) FROM commendation WHERE deleted_at IS NULL"
    before = db.execute_sql(live).fetchone()[0]

    code, out, err = run("check", "--no-repair")
    assert code == 1, err
    assert f"Tìm thấy {before + 1} vấn đề:" in out
    assert f"còn hiệu lực trong quyết định {DECISION['decision_number']} đã bị xóa" in out
    assert "Thiếu lớp bảo vệ nhật ký thao tác (audit_entry_no_update)" in out
    assert f"Còn {before + 1} vấn đề chưa tự sửa được." in out and "Đã sửa" not in out
    # Nothing was repaired.
    assert db.execute_sql(live).fetchone()[0] == before
    assert "audit_entry_no_update" not in _names()

    code, out, err = run("check")
    assert code == 0, err
    assert f"Đã sửa {before + 1}:" in out and "chưa tự sửa được" not in out
    assert "audit_entry_no_update" in _names()
