"""The log: ``movement_desk.log`` beside the database, rotated; an error nobody foresaw is one
sentence for the user and its traceback in the log."""

from __future__ import annotations

import logging

from movement_desk import error_log
from movement_desk.services.records import transfer
from tests.conftest import admin_cli, run_cli


def test_an_unexpected_error_is_one_sentence_and_its_traceback_goes_to_the_log(
    tmp_path, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("hỏng bên trong")

    monkeypatch.setattr(transfer, "export_file", broken)
    result = admin_cli("export", "sessions", str(tmp_path / "o.csv"), db=tmp_path / "d.sqlite3")
    assert result.returncode == 1
    log = tmp_path / "movement_desk.log"  # beside the database
    assert str(log) in result.stderr
    assert "Traceback" not in result.stderr
    written = log.read_text(encoding="utf-8")
    assert "Traceback" in written and "RuntimeError: hỏng bên trong" in written
    assert "command export ended with exit code 1" in written


def test_each_command_notes_itself_in_the_log_beside_its_database(tmp_path):
    database = tmp_path / "sub" / "d.sqlite3"
    assert run_cli("user", "list", db=database).returncode in (0, 1)
    written = (tmp_path / "sub" / "movement_desk.log").read_text(encoding="utf-8")
    assert "command user started" in written
    assert "command user ended with exit code" in written


def test_the_log_rotates_and_keeps_a_few_files(tmp_path, monkeypatch):
    monkeypatch.setattr(error_log, "MAX_BYTES", 2_000)
    monkeypatch.setattr(error_log, "_handler", None)
    monkeypatch.setattr(error_log, "logger", logging.getLogger("rotation_test"))
    path = error_log.setup_logging(tmp_path / "d.sqlite3")
    try:
        for n in range(100):
            error_log.logger.info("line %d %s", n, "x" * 100)
        names = sorted(p.name for p in tmp_path.glob("movement_desk.log*"))
        assert names == [
            "movement_desk.log",
            *(f"movement_desk.log.{i}" for i in range(1, error_log.BACKUP_COUNT + 1)),
        ]
        assert path.stat().st_size <= 2_000
    finally:
        error_log.logger.removeHandler(error_log._handler)
        error_log._handler.close()


def test_a_log_that_cannot_be_written_does_not_stop_the_program(tmp_path, monkeypatch):
    monkeypatch.setattr(error_log, "_handler", None)
    monkeypatch.setattr(error_log, "logger", logging.getLogger("readonly_test"))
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    try:
        path = error_log.setup_logging(blocker / "d.sqlite3")
        try:
            raise ValueError("x")
        except ValueError as exc:
            assert error_log.log_exception(exc) == path
    finally:
        error_log.logger.removeHandler(error_log._handler)
        error_log._handler.close()
