"""Outputs written safely: never onto the database or its backups, never over a file without
--force, nothing half-written on a full disk, leftovers of killed writes cleaned at start."""

from __future__ import annotations

import errno
import os

import pytest

from movement_desk import cli
from movement_desk.db.models import ActivitySession, Certificate
from movement_desk.services.core import output_files
from movement_desk.services.records import commendations
from tests.account_fixtures import PASSWORD
from tests.services.test_certificates import DECISION, RECIPIENTS

SQLITE_HEADER = b"SQLite format 3\x00"


@pytest.fixture
def run(database, db_path, fast_hashing, monkeypatch, capsys, tmp_path):
    """``movement-desk ARGS --db DB`` in this process, signed in as an administrator."""
    from movement_desk.services.admin import accounts

    accounts.create_first_admin("admin", PASSWORD, "06")
    monkeypatch.setenv("MOVEMENT_DESK_USER", "admin")
    monkeypatch.setenv("MOVEMENT_DESK_PASSWORD", PASSWORD)
    monkeypatch.setenv("MOVEMENT_DESK_DATA_DIR", str(tmp_path / "data"))

    def run_command(*args: str) -> tuple[int, str, str]:
        code = cli.main([*args, "--db", str(db_path)])
        out = capsys.readouterr()
        assert "Lỗi không mong đợi" not in out.err and "Traceback" not in out.err
        return code, out.out, out.err

    return run_command


def test_report_onto_the_open_database_is_refused(run, db_path):
    code, _, err = run("report", "--period", "2024", "--unit", "06", "--out", str(db_path))
    assert code == 1 and "cơ sở dữ liệu đang mở" in err
    assert db_path.read_bytes()[:16] == SQLITE_HEADER


def test_report_onto_the_database_under_another_name_is_refused(run, db_path, tmp_path):
    link = tmp_path / "link.pdf"
    os.link(db_path, link)
    code, _, err = run("report", "--period", "2024", "--unit", "06", "--out", str(link), "--force")
    assert code == 1 and "cơ sở dữ liệu đang mở" in err
    assert db_path.read_bytes()[:16] == SQLITE_HEADER


def test_package_and_certificates_onto_the_database_are_refused(run, db_path, actor):
    commendations.save_decision(DECISION, RECIPIENTS, actor)
    code, _, err = run("package", "export", "--unit", "06", "--out", str(db_path), "--force")
    assert code == 1 and "cơ sở dữ liệu đang mở" in err
    code, _, err = run("certificates", "--decision", "125/QĐ-CAT-PV05", "--out", str(db_path))
    assert code == 1 and "cơ sở dữ liệu đang mở" in err
    assert db_path.read_bytes()[:16] == SQLITE_HEADER
    assert Certificate.select().count() == 0


def test_writing_into_the_backup_folder_is_refused(run, db_path):
    from movement_desk.db import backup

    folder = backup.backup_dir(db_path)
    folder.mkdir(exist_ok=True)
    code, _, err = run("export", "sessions", str(folder / "x.csv"))
    assert code == 1 and "bản sao lưu" in err
    assert not (folder / "x.csv").exists()


def test_an_existing_file_is_replaced_only_with_force(run, tmp_path):
    target = tmp_path / "buoi.csv"
    target.write_text("của người dùng", encoding="utf-8")
    code, _, err = run("export", "sessions", str(target))
    assert code == 1 and "--force" in err
    assert target.read_text(encoding="utf-8") == "của người dùng"
    code, out, _ = run("export", "sessions", str(target), "--force")
    assert code == 0 and target.read_text(encoding="utf-8-sig").startswith("Mã định danh")


def _full_disk(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_export_to_a_full_disk_leaves_nothing_and_says_so(run, tmp_path, monkeypatch):
    monkeypatch.setattr(output_files.os, "fsync", _full_disk)
    target = tmp_path / "out" / "buoi.xlsx"
    code, _, err = run("export", "sessions", str(target))
    assert code == 1 and "Ổ đĩa đầy" in err
    assert list(target.parent.iterdir()) == []


def test_certificates_on_a_full_disk_consume_no_serial(run, tmp_path, actor, monkeypatch):
    commendations.save_decision(DECISION, RECIPIENTS, actor)
    monkeypatch.setattr(output_files.os, "fsync", _full_disk)
    out = tmp_path / "c.pdf"
    code, _, err = run("certificates", "--decision", "125/QĐ-CAT-PV05", "--out", str(out))
    assert code == 1 and "Ổ đĩa đầy" in err
    assert list(tmp_path.glob("*c.pdf*")) == []
    assert Certificate.select().count() == 0
    monkeypatch.undo()
    monkeypatch.setenv("MOVEMENT_DESK_USER", "admin")
    monkeypatch.setenv("MOVEMENT_DESK_PASSWORD", PASSWORD)
    code, out_text, _ = run("certificates", "--decision", "125/QĐ-CAT-PV05", "--out", str(out))
    assert code == 0 and out.read_bytes()[:4] == b"%PDF"
    assert Certificate.select().count() == 3


def test_import_into_a_full_database_writes_nothing_and_says_so(
    run, db_path, tmp_path, monkeypatch
):
    from movement_desk.db.connection import db

    lines = ["date,unit_code,kind,organizer_kind,title,participants"]
    lines += [f"05/03/2024,01834,launch,police,Buổi số {n} {'x' * 200},{n}" for n in range(3000)]
    file = tmp_path / "lon.csv"
    file.write_text("\n".join(lines), encoding="utf-8")
    from movement_desk.services.admin import bootstrap

    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    original_open = bootstrap.open_database

    def open_limited(path, **options):
        # SQLite's own "disk full": the file may not grow beyond what it holds now (+ a little).
        database = original_open(path, **options)
        database.execute_sql(f"PRAGMA max_page_count = {pages + 40}")
        return database

    monkeypatch.setattr(bootstrap, "open_database", open_limited)
    code, _, err = run("import", "sessions", str(file))
    monkeypatch.setattr(bootstrap, "open_database", original_open)
    assert code == 1 and "đã đầy" in err and "cannot rollback" not in err
    from movement_desk.services.admin.bootstrap import prepare_database

    prepare_database(db_path)
    assert ActivitySession.select().count() == 0


def test_leftovers_of_killed_writes_are_cleaned_at_start(database, db_path, tmp_path):
    from movement_desk.db import backup
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin.bootstrap import prepare_database

    folder = backup.backup_dir(db_path)
    folder.mkdir(exist_ok=True)
    dead = 2**22 + 12345  # no such process
    leftovers = [
        folder / f"{db_path.stem}-20240101-000000-daily.sqlite3.{dead}.part",
        folder / f"{db_path.stem}-20240101-000000-daily.sqlite3.{dead}.part-journal",
        tmp_path / f".bao-cao.pdf.{dead}.part",
    ]
    kept = [tmp_path / "download.zip.part", tmp_path / f".mine.pdf.{os.getpid()}.part"]
    for path in leftovers + kept:
        path.write_bytes(b"x" * 100)
    close_database()
    prepare_database(db_path)
    assert [p for p in leftovers if p.exists()] == []
    assert all(p.exists() for p in kept)
