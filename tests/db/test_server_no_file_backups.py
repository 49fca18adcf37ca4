"""A server database is backed up with pg_dump, never as a file copy (issue 17): the day's
first use and closing take no automatic backup; ``backup --to`` on a server database that
has no account yet needs no sign-in, as on a new file. Needs $MOVEMENT_DESK_TEST_PG."""

from __future__ import annotations

import pytest

from movement_desk.db import backup
from tests import server_backend
from tests.conftest import run_cli

pytestmark = server_backend.needs_server


@pytest.fixture
def server_url():
    """The schema with no account on an empty database of the test server, open."""
    from movement_desk.db.connection import close_database, open_database

    name = server_backend.new_database_name("md_no_files")
    url = server_backend.create_database(name)
    open_database(url)
    yield url
    close_database()
    server_backend.drop_database(name)


def test_no_automatic_file_backup_of_a_server(server_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert backup.daily_backup_if_due() is None
    assert backup.backup_on_close(None, daily=True) is None
    assert backup.list_backups() == []
    assert list(tmp_path.iterdir()) == []  # no backup folder made anywhere near


def test_a_server_with_no_account_is_backed_up_without_signing_in(server_url, tmp_path):
    target = tmp_path / "may-chu.pgdump"
    made = run_cli("backup", "--to", str(target), db=server_url)
    assert made.returncode == 0, made.stderr
    assert f"Đã sao lưu máy chủ vào {target}" in made.stdout
    assert target.read_bytes()[:5] == b"PGDMP"
