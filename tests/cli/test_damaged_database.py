"""A database with damaged pages: no automatic backup of it; check, backup --list and restore
still work; check names the damaged pages and the newest good backup."""

from __future__ import annotations

import pytest

from movement_desk.db import backup
from movement_desk.db.connection import close_database, db
from movement_desk.services.records import transfer
from tests.cli.test_safe_outputs import run  # noqa: F401 - the in-process command fixture


@pytest.fixture
def damaged(run, database, db_path, actor, tmp_path):  # noqa: F811
    lines = ["date,unit_code,kind,organizer_kind,title,participants"]
    lines += [f"05/03/2024,01834,launch,police,Buổi số {n} {'x' * 300},{n}" for n in range(1500)]
    file = tmp_path / "s.csv"
    file.write_text("\n".join(lines), encoding="utf-8")
    transfer.import_file("sessions", file, actor)
    folder = backup.backup_dir(db_path)
    for made_today in folder.iterdir():  # so that the day's automatic backup is due
        made_today.unlink()
    good = folder / f"{db_path.stem}-20240101-080000-daily.sqlite3"
    backup.backup_to(good)
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    close_database()
    with db_path.open("r+b") as handle:
        for page in range(pages // 2, pages // 2 + 20):
            handle.seek((page - 1) * 4096 + 8)
            handle.write(b"\xde\xad\xbe\xef" * 400)
    assert backup.file_problem(db_path) is not None
    return good


def test_check_names_damaged_pages_and_the_good_backup(run, damaged):  # noqa: F811
    code, out, err = run("check")
    assert code == 1
    assert "Các trang bị hỏng:" in out
    assert f"Bản sao lưu tốt gần nhất: {damaged}" in out


def test_no_automatic_backup_of_a_damaged_file_and_backup_list_works(run, damaged):  # noqa: F811
    code, out, err = run("backup", "--list")
    assert code == 0 and damaged.name in out
    assert [b.path for b in backup.list_backups(damaged.parent.parent / "test.sqlite3")] == [
        damaged
    ]


def test_restore_of_the_good_backup_over_a_damaged_file(run, damaged, db_path):  # noqa: F811
    code, out, err = run("restore", str(damaged))
    assert code == 0, err
    assert "Đã khôi phục" in out
    assert backup.file_problem(db_path) is None
    assert list(db_path.parent.glob("test.sqlite3.hong-*"))  # the damaged file is kept


def test_other_commands_on_a_damaged_file_say_what_to_do(run, damaged):  # noqa: F811
    code, out, err = run("export", "sessions", str(damaged.parent.parent / "x.csv"))
    assert code == 1
    assert "hỏng" in err and "movement-desk restore" in err
