"""The command line run as a user runs it: Vietnamese messages, exit codes; the round trip and a
bad database also as real subprocesses (smoke tests of the process itself)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO_ROOT, admin_cli, run_cli


def test_help_lists_every_subcommand():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("units", "import", "export", "demo"):
        assert command in result.stdout


def test_demo_import_export_round_trip(tmp_path):
    db = tmp_path / "demo.sqlite3"
    result = admin_cli("demo", "--scale", "small", db=db, subprocess_run=True)
    assert result.returncode == 0, result.stderr
    assert "Đã tạo dữ liệu mẫu" in result.stdout

    out = tmp_path / "buoi.csv"
    result = admin_cli(
        "export", "sessions", str(out), "--period", "2025", db=db, subprocess_run=True
    )
    assert result.returncode == 0, result.stderr
    exported = int(result.stdout.split()[2].replace(".", ""))
    assert exported > 0

    other = tmp_path / "other.sqlite3"
    result = admin_cli("import", "sessions", str(out), db=other)
    assert result.returncode == 0, result.stderr
    assert f"Đã nhập {exported} buổi: {exported} mới" in result.stdout


def test_bad_file_exits_non_zero_lists_rows_and_writes_nothing(tmp_path):
    db = tmp_path / "x.sqlite3"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "date,unit_code,kind,organizer_kind,title\n31/02/2024,01834,launch,police,X\n05/03/2024,01834,launch,police,Y\n",
        encoding="utf-8",
    )
    result = admin_cli("import", "sessions", str(bad), db=db)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Dòng 2, cột “Ngày tổ chức”" in result.stderr
    count = admin_cli("export", "sessions", str(tmp_path / "all.csv"), db=db)
    assert "Đã xuất 0 buổi" in count.stdout


def test_database_chosen_by_environment_variable(tmp_path):
    db = tmp_path / "from-env.sqlite3"
    result = run_cli("demo", "--scale", "small", env={"MOVEMENT_DESK_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert db.exists()


def test_not_a_database_is_a_plain_message(tmp_path):
    db = tmp_path / "letter.sqlite3"
    db.write_bytes(b"Dear sir" * 1000)
    result = run_cli("export", "sessions", str(tmp_path / "o.csv"), db=db, subprocess_run=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "không phải cơ sở dữ liệu" in result.stderr


def test_units_import_command(tmp_path):
    file = tmp_path / "units.csv"
    file.write_text(
        "code,name,kind,parent_code\n04,Cao Bằng,tỉnh,\n040,Cao Bằng,thành phố,04\n",
        encoding="utf-8",
    )
    result = admin_cli("units", "import", str(file), db=tmp_path / "u.sqlite3")
    assert result.returncode == 0, result.stderr
    assert "Đã nhập 2 đơn vị: 2 mới" in result.stdout


def test_main_py_is_the_same_front_door():
    result = subprocess.run(
        [sys.executable, "main.py", "--help"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0 and "demo" in result.stdout


def test_core_layers_do_not_load_qt():
    code = (
        "import importlib, pkgutil, sys\n"
        "import movement_desk.db, movement_desk.services, movement_desk.pdf\n"
        "for package in (movement_desk.db, movement_desk.services, movement_desk.pdf):\n"
        "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "import movement_desk.cli, movement_desk.vietnamese, movement_desk.paths\n"
        "loaded = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_check_finds_a_loop_of_units_and_mends_a_recipient_of_a_deleted_decision(db_path):
    """``check`` on a file and on the server (``--backend=postgresql``): the same findings,
    the same repair, the loop left for a person to mend."""
    from movement_desk.db.connection import close_database, db
    from movement_desk.services.admin.bootstrap import prepare_database
    from movement_desk.services.core.actor import LOCAL_ACTOR
    from movement_desk.services.records import commendations

    prepare_database(db_path)
    decision = commendations.save_decision(
        {
            "decision_number": "12/QĐ-UBND",
            "decision_date": "10/03/2024",
            "form": "giay_khen",
            "authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN BA BỂ",
            "signer_title": "CHỦ TỊCH",
            "signer_name": "Nguyễn Văn A",
            "unit_code": "061",
            "achievement": "Đã có thành tích xuất sắc",
        },
        [{"recipient_name": "Hoàng Thị Lan", "unit_code": "061"}],
        LOCAL_ACTOR,
    )
    with db.atomic():  # what an old version or a hand edit could leave behind
        db.execute_sql(
            "UPDATE decision SET deleted_at = '2024-04-01 08:00:00', deleted_by = 'x' "
            "WHERE uuid = ?",
            (decision.uuid,),
        )
        ids = dict(db.execute_sql("SELECT code, id FROM admin_unit WHERE code IN ('061', '062')"))
        db.execute_sql("UPDATE admin_unit SET parent_id = ? WHERE id = ?", (ids["062"], ids["061"]))
        db.execute_sql("UPDATE admin_unit SET parent_id = ? WHERE id = ?", (ids["061"], ids["062"]))
    close_database()

    checked = admin_cli("check", db=db_path)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "Vòng lặp cấp trên" in checked.stdout and "061" in checked.stdout
    assert "“Hoàng Thị Lan” còn hiệu lực trong quyết định 12/QĐ-UBND" in checked.stdout
    assert "đã đánh dấu xóa cùng quyết định" in checked.stdout
    again = admin_cli("check", "--no-repair", db=db_path)
    assert "Hoàng Thị Lan" not in again.stdout and "Vòng lặp cấp trên" in again.stdout


def test_a_command_line_is_read_as_the_whole_parser_reads_it(capsys):
    """Only the subcommands a command line names are built: it parses to the same values and
    prints the same help and errors as the parser with every command."""
    import pytest

    from movement_desk import cli

    whole = cli.build_parser()
    for argv in (
        ["report", "--period", "2025", "--unit", "06", "--out", "b.pdf", "--force", "--db", "x"],
        ["--db", "x", "report", "--period", "2025", "--out", "b.pdf"],
        ["package", "import", "a.mdpkg"],
        ["user", "add", "an", "--role", "administrator", "--unit", "06"],
        ["period", "lock", "--unit", "06", "--period", "2024"],
        ["export", "sessions", "a.csv"],
        [],
    ):
        assert vars(cli.build_parser(argv).parse_args(argv)) == vars(whole.parse_args(argv))
    for argv in (["--help"], ["report", "--help"], ["user", "--help"], ["reprot"], ["package"]):
        printed = []
        for parser in (whole, cli.build_parser(argv)):
            with pytest.raises(SystemExit):
                parser.parse_args(argv)
            printed.append(capsys.readouterr())
        assert printed[0] == printed[1]


def test_a_command_started_as_the_program_ends_with_its_output_and_log_complete(tmp_path):
    """Started as the program, a command ends without the interpreter's teardown
    (``cli._exit_without_teardown``): its output, exit code and log lines are all there, for a
    success and for a refusal."""
    db = tmp_path / "demo.sqlite3"
    made = admin_cli("demo", "--scale", "small", db=db, subprocess_run=True)
    assert made.returncode == 0, made.stderr
    assert "Đã tạo dữ liệu mẫu" in made.stdout
    out = tmp_path / "buoi.csv"
    exported = admin_cli(
        "export", "sessions", str(out), "--period", "2025", db=db, subprocess_run=True
    )
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.startswith("Đã xuất")
    again = admin_cli(
        "export", "sessions", str(out), "--period", "2025", db=db, subprocess_run=True
    )
    assert again.returncode == 1
    assert "--force" in again.stderr
    log = (tmp_path / "movement_desk.log").read_text(encoding="utf-8")
    assert log.count("command export ended with exit code 0") == 1
    assert log.count("command export ended with exit code 1") == 1
