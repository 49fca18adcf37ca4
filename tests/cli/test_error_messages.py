"""Every kind of failure a command meets is one plain Vietnamese sentence and exit code 1, never
a traceback; only what nobody foresaw goes to the log with its traceback."""

from __future__ import annotations

import sqlite3

import peewee
import pytest

from movement_desk import vietnamese
from movement_desk.db.errors import BackupError
from movement_desk.services.core import output_files
from movement_desk.services.records import transfer
from tests.conftest import admin_cli

CASES = [
    (
        vietnamese.DateFormatError("ngày 31/02/2024 không tồn tại"),
        "Lỗi: ngày 31/02/2024 không tồn tại; hãy nhập ngày dạng dd/mm/yyyy",
    ),
    (vietnamese.NumberFormatError("“x” không phải số nguyên"), "“x” không phải số nguyên"),
    (PermissionError(13, "Permission denied", "/tmp/khoa/o.csv"), "không có quyền đọc/ghi"),
    (OSError(5, "Input/output error", "/tmp/khoa/o.csv"), "Lỗi tệp o.csv: Input/output error."),
    (KeyboardInterrupt(), "Đã dừng theo yêu cầu; không có thay đổi dở dang nào được ghi."),
    (peewee.OperationalError("database is locked"), "cơ sở dữ liệu đang bận"),
    (sqlite3.OperationalError("database or disk is full"), output_files.DATABASE_FULL_MESSAGE),
    (peewee.DatabaseError("database disk image is malformed"), "đã bị hỏng"),
    (BackupError("Không sao lưu được: ổ đĩa đầy."), "Lỗi: Không sao lưu được: ổ đĩa đầy."),
]


@pytest.mark.parametrize(("error", "said"), CASES, ids=[type(e).__name__ for e, _ in CASES])
def test_a_failure_is_one_sentence_and_exit_code_1(tmp_path, monkeypatch, error, said):
    def failing(*args, **kwargs):
        raise error

    monkeypatch.setattr(transfer, "export_file", failing)
    database = tmp_path / "d.sqlite3"
    result = admin_cli("export", "sessions", str(tmp_path / "o.csv"), db=database)
    assert result.returncode == 1
    assert said in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    if isinstance(error, peewee.DatabaseError) and "malformed" in str(error):
        # what to do next: the newest good backup and the command that restores it
        assert "Bản sao lưu tốt gần nhất" in result.stderr
        assert "movement-desk restore" in result.stderr


def test_an_unforeseen_database_error_is_logged_with_its_traceback(tmp_path, monkeypatch):
    def failing(*args, **kwargs):
        raise peewee.DatabaseError("no such column: bí_ẩn")

    monkeypatch.setattr(transfer, "export_file", failing)
    result = admin_cli("export", "sessions", str(tmp_path / "o.csv"), db=tmp_path / "d.sqlite3")
    assert result.returncode == 1
    assert "Lỗi không mong đợi (DatabaseError: no such column: bí_ẩn)" in result.stderr
    written = (tmp_path / "movement_desk.log").read_text(encoding="utf-8")
    assert "Traceback" in written and "no such column: bí_ẩn" in written


@pytest.mark.parametrize(
    ("command", "said"),
    [
        ("certificates", "hãy ghi --decision SỐ (hoặc --recognition SỐ cho giấy công nhận)."),
        ("decision-list", "hãy ghi --decision SỐ (hoặc --recognition SỐ)."),
    ],
)
def test_printing_with_an_empty_decision_number_says_which_option(tmp_path, command, said):
    # (with neither option argparse refuses first: one of them is required)
    out = tmp_path / "o.pdf"
    result = admin_cli(command, "--decision", "", "--out", str(out), db=tmp_path / "d.sqlite3")
    assert result.returncode == 1
    assert f"Lỗi: {said}" in result.stderr
    assert not out.exists()
