"""The window's exception hook: an exception no slot caught (in the GUI thread or another) is
logged with its traceback and told in a message naming the log; the window goes on."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtWidgets import QPushButton

from movement_desk import error_log
from movement_desk.gui import app, prompts


@pytest.fixture
def hooks(monkeypatch, tmp_path):
    """The hooks installed as run_gui does, the log beside a database in ``tmp_path``, and the
    message box replaced by a list of what it would have said."""
    said: list[str] = []
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    log = error_log.setup_logging(tmp_path / "d.sqlite3")
    app.install_exception_hooks()
    return said, log


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_told(qtbot, hooks):
    said, log = hooks
    button = QPushButton("Lưu")
    qtbot.addWidget(button)

    def broken_slot():
        raise RuntimeError("hỏng trong khe")

    button.clicked.connect(broken_slot)
    button.click()

    assert len(said) == 1 and str(log) in said[0] and "RuntimeError" in said[0]
    written = log.read_text(encoding="utf-8")
    assert "Traceback" in written and "broken_slot" in written
    assert "RuntimeError: hỏng trong khe" in written
    button.click()  # the window is still there and still answers
    assert len(said) == 2


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_another_thread_is_logged_there_and_told_on_the_gui_thread(
    qtbot, hooks, monkeypatch
):
    said, log = hooks
    shown_on = []
    real_warn = prompts.warn

    def warn(parent, title, text):
        shown_on.append(threading.current_thread() is threading.main_thread())
        real_warn(parent, title, text)

    monkeypatch.setattr(prompts, "warn", warn)

    def work():
        raise ValueError("hỏng ở luồng phụ")

    thread = threading.Thread(target=work, name="worker-1")
    thread.start()
    thread.join()
    assert "ValueError: hỏng ở luồng phụ" in log.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: bool(said), timeout=5_000)
    assert shown_on == [True] and str(log) in said[0]
    assert log.read_text(encoding="utf-8").count("Traceback") == 1  # logged once


def test_the_message_is_in_vietnamese(qtbot, hooks):
    from PySide6.QtWidgets import QApplication

    app.install_translations(QApplication.instance(), "vi")
    try:
        said, log = hooks
        app.on_uncaught_exception(KeyError, KeyError("x"), None)
        assert str(log) in said[-1] and "chi tiết" in said[-1].lower(), said[-1]
    finally:
        app.remove_translations(QApplication.instance())


def test_an_unexpected_failure_of_a_background_task_is_logged(qtbot, tmp_path):
    from movement_desk.gui import tasks
    from movement_desk.services.core.errors import ServiceError

    log = error_log.setup_logging(tmp_path / "d.sqlite3")
    errors = []

    def broken(progress):
        raise KeyError("cột lạ")

    def refused(progress):
        raise ServiceError("không có quyền")

    for work in (broken, refused):
        task = tasks.run_task(None, "…", work, lambda result: None, errors.append)
        qtbot.waitUntil(lambda task=task: task.done, timeout=5_000)
    assert [type(e) for e in errors] == [KeyError, ServiceError]
    written = log.read_text(encoding="utf-8")
    assert "background task failed" in written and "KeyError: 'cột lạ'" in written
    assert "không có quyền" not in written  # a refusal the user was told is no error of ours
