"""The command line's side of issue 14: the demo says how far it has come."""

from __future__ import annotations

from tests.conftest import run_cli


def test_demo_shows_its_progress(tmp_path):
    result = run_cli("demo", "--scale", "small", db=tmp_path / "demo.sqlite3")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "Đang tạo dữ liệu mẫu" in line]
    assert lines and "100%" in lines[-1]
