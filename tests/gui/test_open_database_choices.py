"""The Open database dialog's other answers (browse, recent servers, a test that is stopped,
fails or finds an old schema, a second click) and the window's switch when the database chosen
cannot be opened: the database open before stays open."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel

from movement_desk.db.server_probe import ServerStatus
from movement_desk.gui import open_database_dialog as module
from movement_desk.gui import prompts
from movement_desk.services.admin import database_choice

SERVER = "postgresql://md_app@10.0.0.5:5433/xa_cho_ra"
OTHER_SERVER = "postgresql://ke_toan@csdl.tinh.vn:5432/huyen?sslmode=require"


@pytest.fixture(autouse=True)
def _no_recent(qapp):
    for key in (module.RECENT_FILES_KEY, module.RECENT_SERVERS_KEY, module.LAST_TAB_KEY):
        QSettings().remove(key)
    yield
    for key in (module.RECENT_FILES_KEY, module.RECENT_SERVERS_KEY, module.LAST_TAB_KEY):
        QSettings().remove(key)


pytestmark = pytest.mark.usefixtures("vietnamese_qt")  # the words the user reads


@pytest.fixture
def with_driver(monkeypatch):
    """The server tab as on a computer with the driver (the server's answer is set per test)."""
    monkeypatch.setattr(database_choice, "driver_installed", lambda: True)


def _dialog(qtbot, current=None, **options):
    dialog = module.OpenDatabaseDialog(None, current, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _open_button(dialog):
    return dialog.open_db_buttons.button(QDialogButtonBox.StandardButton.Open)


def _fill(dialog, host="10.0.0.5", name="xa_cho_ra", user="md_app"):
    dialog.open_db_tabs.setCurrentIndex(module.SERVER_TAB)
    dialog.open_db_server_host.setText(host)
    dialog.open_db_server_name.setText(name)
    dialog.open_db_server_user.setText(user)
    dialog.open_db_server_password.setText("mat-khau")


def test_a_recent_list_stored_as_one_string_is_read_as_one_entry(qtbot, tmp_path):
    # QSettings hands a one-item list back as a plain string in some formats.
    QSettings().setValue(module.RECENT_FILES_KEY, str(tmp_path / "xa.sqlite3"))
    assert module.recent_files() == [str(tmp_path / "xa.sqlite3")]
    QSettings().setValue(module.RECENT_FILES_KEY, "")
    assert module.recent_files() == []
    dialog = _dialog(qtbot)
    assert dialog.open_db_recent_files.count() == 0


def test_a_server_that_could_not_be_opened_is_shown_on_the_server_tab(qtbot):
    QSettings().setValue(module.LAST_TAB_KEY, module.FILE_TAB)
    dialog = _dialog(qtbot, SERVER, opened=False)
    assert dialog.open_db_tabs.currentIndex() == module.SERVER_TAB  # not the last tab used
    assert dialog.findChild(QLabel, "open_db_current").text() == f"Không mở được: {SERVER}"
    assert dialog.open_db_server_host.text() == "10.0.0.5"
    assert dialog.open_db_server_port.value() == 5433
    assert dialog.open_db_server_name.text() == "xa_cho_ra"
    assert dialog.open_db_server_password.text() == ""


def test_browse_fills_the_file_and_starts_in_its_folder_and_cancel_keeps_it(
    qtbot, tmp_path, monkeypatch
):
    asked: list[str] = []
    answers = [str(tmp_path / "moi" / "huyen.sqlite3"), ""]

    def open_file(parent, title, file_filter, key="import", directory=""):
        asked.append(directory)
        return answers.pop(0)

    monkeypatch.setattr(prompts, "open_file", open_file)
    dialog = _dialog(qtbot)
    dialog.open_db_tabs.setCurrentIndex(module.FILE_TAB)
    dialog.open_db_file_path.setText(str(tmp_path / "cu" / "xa.sqlite3"))
    dialog.open_db_file_browse.click()
    assert asked == [str(tmp_path / "cu")]  # the folder of the file typed
    assert dialog.open_db_file_path.text() == str(tmp_path / "moi" / "huyen.sqlite3")
    dialog.open_db_file_browse.click()  # cancelled
    assert dialog.open_db_file_path.text() == str(tmp_path / "moi" / "huyen.sqlite3")


def test_the_root_certificate_is_chosen_with_browse_and_cancel_keeps_it(
    qtbot, tmp_path, monkeypatch, with_driver
):
    answers = [str(tmp_path / "ca tinh.crt"), ""]
    monkeypatch.setattr(prompts, "open_file", lambda *args, **kwargs: answers.pop(0))
    dialog = _dialog(qtbot)
    _fill(dialog)
    assert not dialog.open_db_server_rootcert_browse.isEnabled()  # prefer: nothing to verify
    dialog.open_db_server_sslmode.setCurrentIndex(
        dialog.open_db_server_sslmode.findData("verify-ca")
    )
    dialog.open_db_server_rootcert_browse.click()
    assert dialog.open_db_server_rootcert.text() == str(tmp_path / "ca tinh.crt")
    assert "sslrootcert=" in dialog.open_db_server_url.text()
    dialog.open_db_server_rootcert_browse.click()  # cancelled
    assert dialog.open_db_server_rootcert.text() == str(tmp_path / "ca tinh.crt")


def test_a_recent_server_fills_the_fields_and_the_first_line_leaves_them(qtbot, with_driver):
    module.remember(SERVER)
    module.remember(OTHER_SERVER)
    dialog = _dialog(qtbot)
    recent = dialog.open_db_server_recent
    assert [recent.itemData(i) for i in range(recent.count())] == ["", OTHER_SERVER, SERVER]
    assert dialog.open_db_server_host.text() == "csdl.tinh.vn"  # the last one used
    recent.setCurrentIndex(2)
    assert dialog.open_db_server_host.text() == "10.0.0.5"
    assert dialog.open_db_server_user.text() == "md_app"
    assert dialog.open_db_server_sslmode.currentData() == "prefer"
    recent.setCurrentIndex(0)  # "(type the server's details below)": nothing is changed
    assert dialog.open_db_server_host.text() == "10.0.0.5"
    assert dialog.server_url() == "postgresql://md_app@10.0.0.5:5433/xa_cho_ra"


def test_a_test_without_a_host_names_the_field_and_asks_no_server(qtbot, monkeypatch, with_driver):
    monkeypatch.setattr(database_choice, "test_server", lambda url: pytest.fail("no server"))
    dialog = _dialog(qtbot)
    _fill(dialog, host="")
    with qtbot.waitSignal(dialog.tested) as outcome:
        dialog.open_db_server_test.click()
    assert outcome.args == [False, "Hãy nhập địa chỉ máy chủ."]
    assert dialog.open_db_server_status.text() == "Hãy nhập địa chỉ máy chủ."
    _open_button(dialog).click()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.target is None


def test_a_second_click_during_a_test_starts_nothing_and_stopping_it_is_said(
    qtbot, monkeypatch, with_driver
):
    release = threading.Event()
    calls: list[str] = []

    def slow_test(url):
        calls.append(url)
        release.wait(10)
        return ServerStatus("10.0.0.5:5432/xa_cho_ra", 23, 23, owner=True, accounts=4)

    monkeypatch.setattr(database_choice, "test_server", slow_test)
    dialog = _dialog(qtbot)
    _fill(dialog)
    task = dialog.test_connection()
    assert task is not None
    assert dialog.test_connection() is None  # one test at a time
    assert not dialog.open_db_server_test.isEnabled()
    assert not _open_button(dialog).isEnabled()
    dialog.open_db_server_name.setText("xa_cho_ra_2")  # typing while it runs
    assert dialog.open_db_server_status.text() == "Đang kết nối máy chủ…"
    with qtbot.waitSignal(dialog.tested, timeout=10_000) as outcome:
        dialog.reject()  # Cancel stops the test: its answer, late, is not taken
        release.set()
    assert outcome.args == [False, "Đã dừng thử kết nối."]
    assert len(calls) == 1
    assert dialog.target is None


def test_an_unexpected_driver_error_is_named_in_the_status(qtbot, monkeypatch, with_driver):
    def broken(url):
        raise RuntimeError("giao thức lạ")

    monkeypatch.setattr(database_choice, "test_server", broken)
    dialog = _dialog(qtbot)
    _fill(dialog)
    with qtbot.waitSignal(dialog.tested, timeout=10_000) as outcome:
        dialog.open_db_server_test.click()
    text = "Kết nối không được: RuntimeError: giao thức lạ"
    assert outcome.args == [False, text]
    assert dialog.open_db_server_status.text() == text
    assert dialog.open_db_server_test.isEnabled() and _open_button(dialog).isEnabled()


def test_an_old_schema_is_announced_and_only_open_accepts(qtbot, monkeypatch, with_driver):
    status = ServerStatus("10.0.0.5:5433/xa_cho_ra", 20, 23, owner=True, accounts=4)
    monkeypatch.setattr(database_choice, "test_server", lambda url: status)
    dialog = _dialog(qtbot)
    _fill(dialog)
    with qtbot.waitSignal(dialog.tested, timeout=10_000) as outcome:
        dialog.open_db_server_test.click()
    assert outcome.args == [
        True,
        "Kết nối được: cơ sở dữ liệu movement_desk (lược đồ 20, 4 tài khoản). "
        "Lược đồ sẽ được nâng cấp lên 23 khi mở.",
    ]
    assert dialog.isVisible() and dialog.target is None  # a test opens nothing
    with qtbot.waitSignal(dialog.tested, timeout=10_000):
        _open_button(dialog).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.target == "postgresql://md_app:mat-khau@10.0.0.5:5432/xa_cho_ra"


def _answer_next_dialog(act) -> None:
    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, answer)
            return
        act(dialog)

    QTimer.singleShot(0, answer)


def test_choose_database_gives_the_file_chosen_or_none_when_cancelled(qtbot, tmp_path):
    chosen = tmp_path / "huyen.sqlite3"
    chosen.write_bytes(b"")

    def open_file(dialog):
        dialog.open_db_tabs.setCurrentIndex(module.FILE_TAB)
        dialog.open_db_file_path.setText(str(chosen))
        _open_button(dialog).click()

    _answer_next_dialog(open_file)
    assert module.choose_database(None) == chosen.resolve()
    _answer_next_dialog(lambda dialog: dialog.reject())
    assert module.choose_database(None, chosen) is None


# -- switching the window's database --------------------------------------------------------


@pytest.fixture
def files_only(backend):
    if backend != "sqlite":
        pytest.skip("the databases chosen here are files")


def _damaged(tmp_path: Path) -> Path:
    folder = tmp_path / "hong"
    folder.mkdir(parents=True)
    path = folder / "hong.sqlite3"
    path.write_bytes(b"\x00" * 4096 * 4)
    return path


def test_a_damaged_file_at_start_without_a_backup_is_not_opened(
    qtbot, database, tmp_path, no_prompts, files_only
):
    from movement_desk.gui.database_switch import DatabaseSession

    damaged = _damaged(tmp_path)
    session = DatabaseSession(damaged)
    assert session.open_at_start() is False
    assert [kind for kind, _ in no_prompts] == ["warn"]
    assert "hong.sqlite3" in no_prompts[0][1]
    assert damaged.read_bytes() == b"\x00" * 4096 * 4  # left as it was


def test_an_unreachable_server_at_start_then_giving_up_or_a_damaged_choice_asks_again(
    qtbot, database, db_path, tmp_path, monkeypatch, no_prompts, files_only
):
    from movement_desk.db.connection import db
    from movement_desk.gui.database_switch import DatabaseSession

    url = "postgresql://md_app@127.0.0.1:1/khong_co"
    answers: list = [None]
    monkeypatch.setattr(
        module, "choose_database", lambda parent, current, *, opened=True: answers.pop(0)
    )
    assert DatabaseSession(url).open_at_start() is False  # the user gave up
    assert answers == []
    # A damaged file picked instead: said, and the dialog comes back; then a good one.
    answers[:] = [_damaged(tmp_path), db_path]
    session = DatabaseSession(url)
    assert session.open_at_start() is True
    assert answers == []
    assert session.path == db_path and Path(db.obj.database) == db_path
    assert any("hong.sqlite3" in text for kind, text in no_prompts if kind == "warn")


def test_opening_another_database_that_cannot_be_opened_keeps_this_one(
    qtbot, database, db_path, tmp_path, monkeypatch, no_prompts, files_only
):
    from movement_desk.db.connection import db
    from movement_desk.db.models import AdministrativeUnit
    from movement_desk.gui.database_switch import DatabaseSession

    before = db.obj
    units = AdministrativeUnit.select().count()
    session = DatabaseSession(db_path)
    answers: list = [None, db_path, _damaged(tmp_path)]
    monkeypatch.setattr(module, "choose_database", lambda parent, current: answers.pop(0))
    assert session.choose_other() is False  # cancelled
    assert session.choose_other() is False  # the database open now
    assert no_prompts == []
    assert session.choose_other() is False  # damaged: said, and back to this one
    assert no_prompts[-1][0] == "warn" and "hong.sqlite3" in no_prompts[-1][1]
    assert db.obj is before and not before.is_closed()
    assert session.path == db_path
    assert AdministrativeUnit.select().count() == units  # and it answers queries again
    # The same from File → Open database…: nobody is asked to sign in.
    assert session.switch(_damaged(tmp_path / "lan2")) is None
    assert db.obj is before and session.path == db_path
