"""Starting the window program when it cannot go on (a damaged file, nobody signs in), and the
exception hooks and write waiter in their rarer cases (gui/app.py)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from movement_desk import error_log
from movement_desk.gui import app, prompts


@pytest.fixture
def started_as_the_program(qapp, monkeypatch):
    """What ``run_gui`` changes for the whole process comes back as it was afterwards."""
    from movement_desk.db import connection
    from movement_desk.gui import startup_probe

    monkeypatch.delenv(startup_probe.ENV_VAR, raising=False)
    monkeypatch.setattr(connection, "_write_waiter", connection._write_waiter)
    saved = (
        QCoreApplication.organizationName(),
        QCoreApplication.applicationName(),
        QApplication.applicationDisplayName(),
        QCoreApplication.applicationVersion(),
    )
    yield
    app.remove_translations(qapp)
    QCoreApplication.setOrganizationName(saved[0])
    QCoreApplication.setApplicationName(saved[1])
    QApplication.setApplicationDisplayName(saved[2])
    QCoreApplication.setApplicationVersion(saved[3])
    QApplication.setWindowIcon(QIcon())
    from movement_desk.gui import texts

    texts.set_language("vi")


def _main_windows() -> list:
    """The program's windows open now (other tests' plain windows are not counted)."""
    from movement_desk.gui.main_window import MainWindow

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def test_a_damaged_database_without_a_backup_ends_the_program_after_saying_so(
    qtbot, tmp_path, no_prompts, started_as_the_program, backend
):
    if backend != "sqlite":
        pytest.skip("a damaged file")
    damaged = tmp_path / "hong.sqlite3"
    damaged.write_bytes(b"\x00" * 4096 * 4)
    before = _main_windows()
    assert app.run_gui(damaged, lang="vi") == 1
    assert [kind for kind, _ in no_prompts] == ["warn"]
    assert "hong.sqlite3" in no_prompts[0][1]
    assert [w for w in _main_windows() if w not in before] == []  # no window opened


def test_nobody_signing_in_ends_the_program_without_a_window(
    qtbot, people, db_path, monkeypatch, started_as_the_program
):
    from movement_desk.gui.accounts_dialogs import LoginDialog

    asked: list[str] = []

    def cancelled(dialog):
        asked.append(dialog.login_username.text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(LoginDialog, "exec", cancelled)
    before = _main_windows()
    assert app.run_gui(db_path, lang="vi") == 1
    assert asked == [""]
    assert [w for w in _main_windows() if w not in before] == []  # no window opened


def test_ctrl_c_goes_to_pythons_own_hook_and_no_message_is_shown(monkeypatch, capsys):
    said: list[str] = []
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: said.append(text))
    app.on_uncaught_exception(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert said == []
    assert "KeyboardInterrupt" in capsys.readouterr().err


def test_the_traceback_given_beside_the_exception_is_the_one_logged(tmp_path, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: said.append(text))
    log = error_log.setup_logging(tmp_path / "d.sqlite3")

    def where_it_failed():
        raise LookupError("mã lạ")

    try:
        where_it_failed()
    except LookupError as caught:
        traceback = caught.__traceback__
    bare = LookupError("mã lạ")  # as a hook may receive it: no traceback of its own
    app.on_uncaught_exception(LookupError, bare, traceback)
    assert len(said) == 1 and str(log) in said[0]
    assert "where_it_failed" in log.read_text(encoding="utf-8")


def test_a_thread_that_exits_is_not_an_error_and_one_before_the_window_is_only_logged(
    tmp_path, monkeypatch
):
    said: list[str] = []
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: said.append(text))
    log = error_log.setup_logging(tmp_path / "d.sqlite3")
    before = log.read_text(encoding="utf-8") if log.exists() else ""
    thread = threading.Thread(name="worker-exit")
    app._on_thread_exception(threading.ExceptHookArgs((SystemExit, SystemExit(0), None, thread)))
    assert (log.read_text(encoding="utf-8") if log.exists() else "") == before
    monkeypatch.setattr(app, "_relay", None)  # the hooks are not installed yet
    app._on_thread_exception(
        threading.ExceptHookArgs((ValueError, ValueError("hỏng sớm"), None, thread))
    )
    assert "ValueError: hỏng sớm" in log.read_text(encoding="utf-8")
    assert "worker-exit" in log.read_text(encoding="utf-8")
    assert said == []


def test_a_save_waiting_before_the_window_exists_shows_the_busy_cursor_only(qapp):
    wait = app.write_waiter(lambda: None)
    wait(True)
    try:
        assert QApplication.overrideCursor().shape() == Qt.CursorShape.WaitCursor
        wait(None)  # still waiting: the cursor stays
        assert QApplication.overrideCursor().shape() == Qt.CursorShape.WaitCursor
    finally:
        wait(False)
    assert QApplication.overrideCursor() is None
