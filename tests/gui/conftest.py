"""GUI fixtures: an application context on the test database, Qt settings kept in tmp."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _isolated_qsettings(tmp_path_factory):
    from PySide6.QtCore import QCoreApplication, QSettings

    folder = tmp_path_factory.mktemp("qsettings")
    # The unsaved forms of server databases (--backend=postgresql), never the user's folder.
    os.environ["MOVEMENT_DESK_SERVER_DRAFTS_DIR"] = str(tmp_path_factory.mktemp("server-drafts"))
    QCoreApplication.setOrganizationName("movement_desk_tests")
    QCoreApplication.setApplicationName("movement_desk_tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield


@pytest.fixture(autouse=True)
def _application(qapp):
    """Every test here has the QApplication, as the program always has: a test that only
    reads a model's icons (a QPixmap) aborted the whole worker when xdist ran it first."""
    yield


@pytest.fixture(autouse=True)
def _english_texts():
    from movement_desk.gui import texts

    texts.set_language("vi")
    yield


@pytest.fixture
def vietnamese_qt(qapp):
    """The window's own Vietnamese words (and Qt's), as the user reads them; English again after."""
    from PySide6.QtCore import QLocale

    from movement_desk.gui.app import install_translations, remove_translations

    locale = QLocale()
    install_translations(qapp, "vi")
    yield
    remove_translations(qapp)
    QLocale.setDefault(locale)


@pytest.fixture
def context(database, db_path, qapp):
    from movement_desk.gui.context import AppContext

    return AppContext(db_path)


@pytest.fixture
def no_prompts(monkeypatch):
    """Fail loudly if a test reaches a real message box; record the questions asked."""
    from movement_desk.gui import prompts

    asked: list[tuple[str, str]] = []

    def confirm(parent, title, text, *, default_yes=False):
        asked.append(("confirm", text))
        return True

    def ask_unsaved(parent, text):
        asked.append(("unsaved", text))
        return prompts.DISCARD

    def note(kind):
        return lambda parent, title, text: asked.append((kind, text))

    monkeypatch.setattr(prompts, "confirm", confirm)
    monkeypatch.setattr(prompts, "ask_unsaved", ask_unsaved)
    monkeypatch.setattr(prompts, "inform", note("inform"))
    monkeypatch.setattr(prompts, "warn", note("warn"))
    monkeypatch.setattr(prompts, "fail", note("fail"))
    # File, input and print dialogs answer "cancelled" unless a test says otherwise.
    monkeypatch.setattr(prompts, "choose_item", lambda parent, title, label, items: -1)
    monkeypatch.setattr(prompts, "ask_text", lambda *args, **kwargs: None)
    monkeypatch.setattr(prompts, "ask_printer", lambda *args, **kwargs: None)
    monkeypatch.setattr(prompts, "open_file", lambda *args, **kwargs: "")
    monkeypatch.setattr(prompts, "save_file", lambda *args, **kwargs: "")
    return asked


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user; QtTest cannot synthesise Vietnamese letters, so those are inserted."""
    from PySide6.QtWidgets import QComboBox, QLineEdit

    if isinstance(widget, QComboBox):
        widget = widget.lineEdit()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    elif isinstance(widget, QLineEdit):
        widget.insert(text)
    else:
        widget.insertPlainText(text)


def show_active(qtbot, widget):
    """Show a top-level widget and make it the active window, so its shortcuts fire."""
    qtbot.addWidget(widget)
    with qtbot.waitActive(widget, timeout=3000):
        widget.show()
        widget.activateWindow()
    return widget


@pytest.fixture(autouse=True)
def _lists_answer_before_returning(monkeypatch):
    """List queries run on a worker thread; tests wait for each answer so that they read the
    same rows every run (``test_search_never_freezes`` puts the real, short wait back)."""
    from movement_desk.gui import table_models

    monkeypatch.setattr(table_models, "SYNC_WAIT_MS", 20_000)
