"""An error nobody foresaw: one sentence for the user, the traceback in movement_desk.log."""

from __future__ import annotations

from movement_desk import error_log
from movement_desk.services.records import transfer
from tests.conftest import admin_cli


def test_an_unexpected_error_is_one_sentence_and_its_traceback_goes_to_the_log(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(error_log, "data_dir", lambda: tmp_path / "data")

    def broken(*args, **kwargs):
        raise RuntimeError("hỏng bên trong")

    monkeypatch.setattr(transfer, "export_file", broken)
    result = admin_cli("export", "sessions", str(tmp_path / "o.csv"), db=tmp_path / "d.sqlite3")
    assert result.returncode == 1
    log = tmp_path / "data" / "movement_desk.log"
    assert str(log) in result.stderr
    assert "Traceback" not in result.stderr
    written = log.read_text(encoding="utf-8")
    assert "Traceback" in written and "RuntimeError: hỏng bên trong" in written
