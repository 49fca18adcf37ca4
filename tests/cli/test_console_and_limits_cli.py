"""The command line's edges: a console that is not UTF-8 (a Windows code page) still gets the
Vietnamese message, the arguments come from ``sys.argv`` when none are given, hundreds of
errors are capped and counted, a number too long to be one is named, a folder given as the
database, and a server address in $MOVEMENT_DESK_DB taken as a server, not a file name."""

from __future__ import annotations

import io
import sys

from movement_desk import cli
from movement_desk.cli.common import MAX_ERRORS_PRINTED
from tests.conftest import admin_cli, run_cli

HEADER = "date,unit_code,kind,organizer_kind,organizer_name,title,participants,tips,notes"


def test_a_legacy_code_page_console_gets_the_message_in_utf8(database, db_path, monkeypatch):
    # cp1252 has no "ỗ", "ơ", "ữ": writing the message as is would fail half-way.
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(raw, encoding="cp1252"))
    monkeypatch.setattr(sys, "argv", ["movement-desk", "audit", "--db", str(db_path)])
    code = cli.main()  # no arguments: the process's own
    sys.stderr.flush()
    assert code == 1
    said = raw.getvalue().decode("utf-8")
    assert said.startswith("Lỗi: Cơ sở dữ liệu này chưa có tài khoản nào")
    assert "Traceback" not in said


def _sessions_csv(path, participants: list[str]):
    rows = [
        f"05/03/2024,01834,launch,police,Công an phường,Buổi {number},{value},0,"
        for number, value in enumerate(participants, start=1)
    ]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _live_sessions() -> int:
    from movement_desk.db.models import ActivitySession

    return ActivitySession.select().where(ActivitySession.deleted_at.is_null()).count()


def test_hundreds_of_errors_are_capped_and_counted_and_nothing_is_written(
    database, db_path, tmp_path
):
    file = _sessions_csv(tmp_path / "loi.csv", ["nhiều"] * (MAX_ERRORS_PRINTED + 1))
    result = admin_cli("import", "sessions", str(file), db=db_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"Không ghi gì: có {MAX_ERRORS_PRINTED + 1} lỗi."
    errors = [line for line in lines if line.startswith("  - ")]
    assert len(errors) == MAX_ERRORS_PRINTED
    assert errors[0].startswith("  - Dòng 2") and "“nhiều” không phải số nguyên" in errors[0]
    assert "  … và 1 lỗi nữa." in lines
    assert _live_sessions() == 0


def test_a_number_too_long_or_a_long_text_is_named_as_typed_with_its_row(
    database, db_path, tmp_path
):
    number = "1.234.567.890.123.456.789.012"  # 22 digits, grouped by dots
    words = "khoảng một trăm hai mươi người"
    file = _sessions_csv(tmp_path / "so.csv", ["120", number, words, "12 a"])
    result = admin_cli("import", "sessions", str(file), db=db_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Không ghi gì: có 3 lỗi."
    assert "Dòng 3" in lines[1] and "số “1.234.567.89…” có 22 chữ số, quá lớn" in lines[1]
    assert "Dòng 4" in lines[2] and "“khoảng một t…” không phải số nguyên" in lines[2]
    assert "Dòng 5" in lines[3] and "“12 a” không phải số nguyên" in lines[3]
    assert _live_sessions() == 0


def test_a_folder_given_as_the_database_is_refused(tmp_path):
    folder = tmp_path / "du-lieu"
    folder.mkdir()
    result = run_cli("user", "list", db=folder)
    assert result.returncode == 1
    assert f"{folder} là một thư mục, không phải tệp cơ sở dữ liệu." in result.stderr
    assert list(folder.iterdir()) == []  # nothing made inside it


def test_a_server_address_in_the_environment_is_a_server_not_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli(
        "user", "list", env={"MOVEMENT_DESK_DB": "  postgresql://nobody@127.0.0.1:1/none  "}
    )
    assert result.returncode == 1
    # Without the driver: how to install it; with it: the server that did not answer.
    assert "Không kết nối được máy chủ" in result.stderr or "psycopg2" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # no folder named after the address
