"""The server mode's messages that need no server (issue 17): an IPv6 address in the dialog's
URL, the driver's refusals said in words, PostgreSQL's tools missing or failing for a backup
or a restore, a copy from a file that is not there, a file name where a server address is
needed."""

from __future__ import annotations

import glob
import shutil

import pytest

from movement_desk.db import server_probe
from movement_desk.db.errors import DatabaseOpenError, ServerSetupError

# A port nothing listens on: the tools fail at once, with their own words.
UNREACHABLE = "postgresql://md_app@127.0.0.1:1/movement_desk"


def test_an_ipv6_address_goes_into_the_url_in_brackets_and_comes_back():
    parts = server_probe.ServerParts(
        host="fe80::1", port=5433, dbname="phong_pv05", user="md_app", password="a@b:c"
    )
    url = server_probe.build_url(parts)
    assert url == "postgresql://md_app:a%40b%3Ac@[fe80::1]:5433/phong_pv05"
    assert server_probe.parse_url(url) == parts


PARTS = server_probe.ServerParts("csdl.congan.local", 5432, "movement_desk", "md_app", "x")


@pytest.mark.parametrize(
    ("driver_says", "kind", "expected"),
    [
        (
            'connection to server at "10.0.0.5", port 5432 failed: FATAL:  role "md_app" does '
            "not exist",
            server_probe.ServerLoginError,
            "Máy chủ csdl.congan.local:5432 không có người dùng “md_app”.",
        ),
        (
            "server does not support SSL, but SSL was required",
            DatabaseOpenError,
            "Máy chủ csdl.congan.local:5432 không bật mã hóa (SSL), mà chế độ “prefer” đòi mã hóa.",
        ),
        (
            'could not translate host name "csdl.congan.local" to address: Name or service not '
            "known",
            server_probe.ServerUnreachableError,
            "Không tìm thấy máy chủ “csdl.congan.local” trên mạng.",
        ),
        (
            'connection to server at "10.0.0.5", port 5432 failed: FATAL:  sorry, too many '
            "clients already\nDETAIL: …",
            DatabaseOpenError,
            "Không kết nối được máy chủ csdl.congan.local:5432 (connection to server at "
            '"10.0.0.5", port 5432 failed: FATAL:  sorry, too many clients already).',
        ),
    ],
)
def test_the_drivers_refusal_is_said_in_words(driver_says, kind, expected):
    message = server_probe.connection_error(Exception(driver_says), PARTS)
    assert type(message) is kind
    assert str(message).startswith(expected)
    assert "DETAIL" not in str(message)  # the driver's first line only


def _no_tools_on_path(monkeypatch, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


INSTALLED = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"))


@pytest.mark.skipif(not INSTALLED, reason="PostgreSQL's client tools are not installed here")
def test_pg_dump_off_the_path_is_found_in_postgresqls_folder_and_its_failure_said(
    monkeypatch, tmp_path
):
    from movement_desk.db import server_admin

    _no_tools_on_path(monkeypatch, tmp_path)
    assert shutil.which("pg_dump") is None
    target = tmp_path / "may-chu.pgdump"
    with pytest.raises(ServerSetupError) as failed:
        server_admin.dump(UNREACHABLE, target)
    said = str(failed.value)
    assert said.startswith("Sao lưu máy chủ (pg_dump) không thành công: ")
    assert "127.0.0.1" in said and "Không tìm thấy công cụ" not in said
    assert list(tmp_path.glob("may-chu*")) == []  # neither the backup nor its partial file


def test_without_postgresqls_tools_backup_and_restore_say_what_to_install(monkeypatch, tmp_path):
    from movement_desk.db import server_admin

    _no_tools_on_path(monkeypatch, tmp_path)
    monkeypatch.setattr(glob, "glob", lambda pattern: [])  # nor in PostgreSQL's own folders
    target = tmp_path / "may-chu.pgdump"
    with pytest.raises(ServerSetupError, match="Không tìm thấy công cụ pg_dump của PostgreSQL"):
        server_admin.dump(UNREACHABLE, target)
    assert list(tmp_path.glob("may-chu*")) == []
    source = tmp_path / "cu.pgdump"
    source.write_bytes(b"PGDMP")
    with pytest.raises(ServerSetupError) as refused:
        server_admin.restore(source, UNREACHABLE)
    assert str(refused.value).startswith("Không tìm thấy công cụ pg_restore của PostgreSQL")
    assert "postgresql-client" in str(refused.value)


def test_a_copy_from_a_file_that_is_not_there_names_it(tmp_path):
    pytest.importorskip("psycopg2")
    from tests.conftest import run_cli

    missing = tmp_path / "van-phong.sqlite3"
    result = run_cli("copy", "--from", str(missing), "--to", UNREACHABLE)
    assert result.returncode == 1
    assert f"Không có tệp nguồn {missing}." in result.stderr
    assert "Traceback" not in result.stderr
    assert not missing.exists()  # not created by the attempt


@pytest.mark.parametrize("command", [("server", "check"), ("server", "init")])
def test_a_file_name_where_a_server_address_is_needed_is_refused(tmp_path, command):
    from tests.conftest import run_cli

    extra = ("--admin", "quantri", "--unit", "06") if command[1] == "init" else ()
    result = run_cli(*command, str(tmp_path / "van-phong.sqlite3"), *extra)
    assert result.returncode == 1
    assert f"{command[0]} {command[1]}: cần địa chỉ máy chủ dạng postgresql://" in result.stderr
    assert "van-phong.sqlite3" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no file made under that name
