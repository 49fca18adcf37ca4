"""The "Open database" dialog (issue 17): a file on this computer or a database server, and the
window switching to the database chosen after sign-in."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from tests import server_backend

PASSWORD = "demo12345"


def _has_driver() -> bool:
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        return False
    return True


needs_driver = pytest.mark.skipif(not _has_driver(), reason="no PostgreSQL driver installed")
needs_server = server_backend.needs_server


@pytest.fixture(autouse=True)
def _no_recent(qapp):
    from movement_desk.gui import open_database_dialog as module

    for key in (module.RECENT_FILES_KEY, module.RECENT_SERVERS_KEY, module.LAST_TAB_KEY):
        QSettings().remove(key)
    yield


def _dialog(qtbot, current=None):
    from movement_desk.gui.open_database_dialog import OpenDatabaseDialog

    dialog = OpenDatabaseDialog(None, current)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill_server(dialog, host, port, name, user, password="", sslmode="prefer"):
    dialog.open_db_tabs.setCurrentIndex(1)
    dialog.open_db_server_host.setText(host)
    dialog.open_db_server_port.setValue(port)
    dialog.open_db_server_name.setText(name)
    dialog.open_db_server_user.setText(user)
    dialog.open_db_server_password.setText(password)
    dialog.open_db_server_sslmode.setCurrentIndex(dialog.open_db_server_sslmode.findData(sslmode))


def _free_port() -> int:
    """A port on this computer that nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_server_url_is_built_from_the_fields_with_the_password_percent_encoded(qtbot):
    from movement_desk.services.admin import database_choice

    dialog = _dialog(qtbot)
    _fill_server(
        dialog, "csdl.tinh.vn", 5433, "phong trao", "cán_bộ", "p@ss:w/rd%?#& ế", "verify-full"
    )
    url = dialog.server_url()
    assert url == (
        "postgresql://c%C3%A1n_b%E1%BB%99:p%40ss%3Aw%2Frd%25%3F%23%26%20%E1%BA%BF"
        "@csdl.tinh.vn:5433/phong%20trao?sslmode=verify-full"
    )
    # The URL shown (read-only) is the same address without the password.
    shown = dialog.open_db_server_url.text()
    assert (
        shown
        == "postgresql://c%C3%A1n_b%E1%BB%99@csdl.tinh.vn:5433/phong%20trao?sslmode=verify-full"
    )
    assert dialog.open_db_server_url.isReadOnly()
    assert "p%40ss" not in shown
    # Read back, every field is what was typed.
    parts = database_choice.parse_url(url)
    assert (parts.host, parts.port, parts.dbname, parts.user, parts.password, parts.sslmode) == (
        "csdl.tinh.vn", 5433, "phong trao", "cán_bộ", "p@ss:w/rd%?#& ế", "verify-full",
    )  # fmt: skip
    # verify-full with the CA's certificate of the province: a file path, encoded too.
    dialog.open_db_server_rootcert.setText(r"C:\movement_desk\ca tỉnh.crt")
    assert dialog.open_db_server_rootcert.isEnabled()
    with_ca = database_choice.parse_url(dialog.server_url())
    assert with_ca.sslrootcert == r"C:\movement_desk\ca tỉnh.crt"
    assert dialog.open_db_server_url.text().endswith(
        "?sslmode=verify-full&sslrootcert=C%3A%5Cmovement_desk%5Cca%20t%E1%BB%89nh.crt"
    )
    dialog.open_db_server_rootcert.clear()
    # The default port and mode: plain.
    _fill_server(dialog, "10.0.0.5", 5432, "movement_desk", "md_app")
    assert dialog.server_url() == "postgresql://md_app@10.0.0.5:5432/movement_desk"
    assert not dialog.open_db_server_rootcert.isEnabled()  # only to verify a certificate
    assert dialog.open_db_server_port.value() == 5432


def test_the_password_is_never_remembered(qtbot):
    from movement_desk.gui.open_database_dialog import RECENT_SERVERS_KEY, remember

    remember("postgresql://md_app:b%C3%AD%20m%E1%BA%ADt@10.0.0.5:5432/movement_desk")
    stored = QSettings().value(RECENT_SERVERS_KEY)
    assert stored in (
        ["postgresql://md_app@10.0.0.5:5432/movement_desk"],
        "postgresql://md_app@10.0.0.5:5432/movement_desk",
    )
    for key in QSettings().allKeys():
        assert "m%E1%BA%ADt" not in str(QSettings().value(key))
    dialog = _dialog(qtbot)
    assert dialog.open_db_server_host.text() == "10.0.0.5"
    assert dialog.open_db_server_user.text() == "md_app"
    assert dialog.open_db_server_password.text() == ""  # asked each time


@needs_driver
def test_a_connection_test_on_a_port_nothing_listens_on_says_the_server_is_unreachable(qtbot):
    dialog = _dialog(qtbot)
    port = _free_port()
    _fill_server(dialog, "127.0.0.1", port, "movement_desk", "md_app", "x")
    with qtbot.waitSignal(dialog.tested, timeout=20_000) as outcome:
        qtbot.mouseClick(dialog.open_db_server_test, Qt.MouseButton.LeftButton)
    worked, text = outcome.args
    assert worked is False
    assert text.startswith(f"Không kết nối được máy chủ 127.0.0.1:{port}: không có máy chủ")
    assert dialog.open_db_server_status.text() == text
    assert "Traceback" not in text
    # Open does not accept a server that cannot be reached.
    with qtbot.waitSignal(dialog.tested, timeout=20_000):
        dialog.open_db_buttons.button(QDialogButtonBox.StandardButton.Open).click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.target is None


@pytest.mark.parametrize(
    ("driver_says", "expected"),
    [
        (
            'connection to server at "10.0.0.5", port 5432 failed: FATAL:  password '
            'authentication failed for user "md_app"',
            "Máy chủ 10.0.0.5:5432 từ chối đăng nhập: sai tên người dùng “md_app” hoặc mật khẩu.",
        ),
        (
            'connection to server at "10.0.0.5", port 5432 failed: FATAL:  no pg_hba.conf entry '
            'for host "10.0.0.9", user "md_app", database "movement_desk", no encryption',
            "Máy chủ 10.0.0.5:5432 không cho máy này hoặc người dùng “md_app” kết nối",
        ),
        (
            'connection to server at "10.0.0.5", port 5432 failed: timeout expired',
            "Không kết nối được máy chủ 10.0.0.5:5432: không có máy chủ cơ sở dữ liệu nào trả lời",
        ),
        (
            'connection to server at "10.0.0.5", port 5432 failed: FATAL:  database '
            '"movement_desk" does not exist',
            "Máy chủ 10.0.0.5:5432 không có cơ sở dữ liệu “movement_desk”.",
        ),
        (
            'root certificate file "/home/u/.postgresql/root.crt" does not exist',
            "Không thiết lập được kết nối mã hóa (SSL) với máy chủ 10.0.0.5:5432",
        ),
    ],
)
def test_a_refused_connection_is_said_in_words(driver_says, expected):
    from movement_desk.db import server_probe

    parts = server_probe.ServerParts("10.0.0.5", 5432, "movement_desk", "md_app", "x")
    message = str(server_probe.connection_error(Exception(driver_says), parts))
    assert message.startswith(expected)


def test_without_the_driver_the_server_tab_says_how_to_install_it(qtbot, monkeypatch):
    from movement_desk.services.admin import database_choice

    monkeypatch.setattr(database_choice, "driver_installed", lambda: False)
    dialog = _dialog(qtbot)
    dialog.open_db_tabs.setCurrentIndex(1)
    assert not dialog.open_db_server_missing.isHidden()
    assert "pip install movement-desk[server]" in dialog.open_db_server_missing.text()
    assert not dialog.open_db_server_test.isEnabled()
    assert not dialog.open_db_server_host.isEnabled()
    assert not dialog.open_db_buttons.button(QDialogButtonBox.StandardButton.Open).isEnabled()
    assert dialog.test_connection() is None  # nothing fails: there is nothing to try
    # The File tab still opens files.
    dialog.open_db_tabs.setCurrentIndex(0)
    assert dialog.open_db_buttons.button(QDialogButtonBox.StandardButton.Open).isEnabled()


def test_a_file_on_a_network_folder_is_refused_with_the_programs_message(
    qtbot, tmp_path, monkeypatch
):
    from movement_desk.db import network

    shared = tmp_path / "share"
    shared.mkdir()
    target = shared / "chung.sqlite3"
    target.write_bytes(b"")
    mounts = f"//server/share {shared} cifs rw 0 0\n/dev/sda1 / ext4 rw 0 0\n"
    monkeypatch.setattr(network, "_read_mounts", lambda: mounts)
    monkeypatch.setattr(network, "_allowed", False)
    monkeypatch.delenv(network.ALLOW_ENV_VAR, raising=False)
    dialog = _dialog(qtbot)
    dialog.open_db_tabs.setCurrentIndex(0)
    dialog.open_db_file_path.setText(str(target))
    dialog.open_db_buttons.button(QDialogButtonBox.StandardButton.Open).click()
    expected = network.network_message(target, f"//server/share (cifs, gắn tại {shared})")
    assert dialog.open_db_file_error.text() == expected
    assert "--allow-network-file" in expected
    assert dialog.target is None and dialog.result() != QDialog.DialogCode.Accepted
    # A file that does not exist is named.
    dialog.open_db_file_path.setText(str(tmp_path / "khong-co.sqlite3"))
    dialog.open_db_buttons.button(QDialogButtonBox.StandardButton.Open).click()
    assert dialog.open_db_file_error.text() == f"Không có tệp {tmp_path / 'khong-co.sqlite3'}."


def test_a_recent_file_is_offered_and_opens_with_enter(qtbot, tmp_path):
    from movement_desk.gui.open_database_dialog import remember

    first, second = tmp_path / "xa-a.sqlite3", tmp_path / "xa-b.sqlite3"
    for path in (first, second):
        path.write_bytes(b"")
        remember(path)
    dialog = _dialog(qtbot)
    dialog.open_db_tabs.setCurrentIndex(0)
    listed = [
        dialog.open_db_recent_files.item(i).text()
        for i in range(dialog.open_db_recent_files.count())
    ]
    assert listed == [str(second.resolve()), str(first.resolve())]  # the newest first
    dialog.open_db_recent_files.setCurrentRow(1)
    assert dialog.open_db_file_path.text() == str(first.resolve())
    dialog.open_db_buttons.button(QDialogButtonBox.StandardButton.Open).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.target == first.resolve()


def test_the_sign_in_dialog_offers_another_database(qtbot, people):
    from movement_desk.gui.accounts_dialogs import LoginDialog

    plain = LoginDialog(username="officer")
    qtbot.addWidget(plain)
    assert plain.login_open_database.isHidden()
    assert plain.login_database.isHidden()
    dialog = LoginDialog(
        username="officer", offer_other_database=True, database="/du-lieu/xa.sqlite3"
    )
    qtbot.addWidget(dialog)
    assert not dialog.login_open_database.isHidden()
    assert dialog.login_database.text() == "Database: /du-lieu/xa.sqlite3"
    dialog.login_open_database.click()
    assert dialog.result() == LoginDialog.OTHER_DATABASE


def _second_file(template_db, tmp_path) -> Path:
    """Another office's database file (the bundled reference data, no account)."""
    other = tmp_path / "other-office" / "xa-b.sqlite3"
    other.parent.mkdir()
    shutil.copyfile(template_db, other)
    return other


@pytest.fixture
def window(qtbot, context, people, monkeypatch, backend):
    from movement_desk.gui import maintenance_actions
    from movement_desk.gui.main_window import MainWindow

    monkeypatch.setattr(maintenance_actions, "back_up_daily_in_background", lambda *a, **k: None)
    context.actor = people["admin"]
    main = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(main)
    return main


def test_the_window_switches_to_a_file_database_after_sign_in(
    qtbot, window, template_db, tmp_path, monkeypatch, backend, people
):
    if backend != "sqlite":
        pytest.skip("the second database is a copy of the template file")
    from movement_desk.db.connection import db
    from movement_desk.gui import maintenance_actions, open_database_dialog
    from movement_desk.gui.open_database_dialog import recent_files
    from movement_desk.services.admin import accounts

    old_path, old_handle = window.context.db_path, db.obj
    other = _second_file(template_db, tmp_path)
    monkeypatch.setattr(open_database_dialog, "choose_database", lambda parent, current: other)
    signed: list[str] = []

    def sign_in(parent=None, username="", **options):
        signed.append(str(db.obj.database))
        if not accounts.has_accounts():
            accounts.create_first_admin("quantri", PASSWORD, "06")
        return accounts.authenticate("quantri", PASSWORD)

    monkeypatch.setattr(maintenance_actions, "sign_in_interactively", sign_in)
    actor = window.open_other_database()
    assert actor is not None and actor.username == "quantri"
    assert signed == [str(other)]  # the sign-in was on the database chosen
    assert window.context.db_path == other
    assert window.context.actor.username == "quantri"
    assert Path(db.obj.database) == other
    assert old_handle.is_closed()  # the database left is closed
    assert window.windowTitle().startswith("xa-b.sqlite3")
    assert window.status_db.text() == str(other)
    assert recent_files()[0] == str(other.resolve())
    assert window.menu_action("action_open_database").text()
    # The records the window reads now are the other database's: no account of the first.
    assert accounts.has_accounts() and "admin" not in accounts.active_usernames()
    del old_path


def test_cancelling_the_sign_in_keeps_the_database_open_now(
    qtbot, window, template_db, tmp_path, monkeypatch, backend, people
):
    if backend != "sqlite":
        pytest.skip("the second database is a copy of the template file")
    from movement_desk.db.connection import db
    from movement_desk.gui import maintenance_actions, open_database_dialog
    from movement_desk.services.admin import accounts

    old_path, old_handle = window.context.db_path, db.obj
    other = _second_file(template_db, tmp_path)
    monkeypatch.setattr(open_database_dialog, "choose_database", lambda parent, current: other)
    monkeypatch.setattr(maintenance_actions, "sign_in_interactively", lambda *args, **kwargs: None)
    assert window.open_other_database() is None
    assert db.obj is old_handle and not old_handle.is_closed()
    assert window.context.db_path == old_path
    assert window.context.actor.username == "admin"
    assert "admin" in accounts.active_usernames()


@needs_driver
@needs_server
def test_the_dialog_opens_a_server_database_and_the_window_works_on_it(
    qtbot, window, monkeypatch, people
):
    from movement_desk.db import postgres
    from movement_desk.db.connection import db
    from movement_desk.gui import maintenance_actions, open_database_dialog
    from movement_desk.gui.open_database_dialog import recent_servers
    from movement_desk.services.admin import accounts, database_choice
    from tests.conftest import run_cli

    name = server_backend.new_database_name("md_dialog")
    url = server_backend.create_database(name)
    try:
        result = run_cli(
            "server", "init", url, "--admin", "quantri", "--unit", "06",
            env={"MOVEMENT_DESK_NEW_PASSWORD": PASSWORD},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        parts = database_choice.parse_url(url)
        dialog = _dialog(qtbot, current=window.context.db_path)
        _fill_server(dialog, parts.host, parts.port, parts.dbname, parts.user, "không dùng@:/")
        with qtbot.waitSignal(dialog.tested, timeout=30_000) as outcome:
            dialog.open_db_buttons.button(QDialogButtonBox.StandardButton.Open).click()
        assert outcome.args[0] is True, outcome.args[1]
        assert outcome.args[1].startswith("Connected: a movement_desk database (schema ")
        assert dialog.result() == QDialog.DialogCode.Accepted
        target = dialog.target
        assert database_choice.parse_url(target).password == "không dùng@:/"

        monkeypatch.setattr(open_database_dialog, "choose_database", lambda parent, current: target)
        monkeypatch.setattr(
            maintenance_actions,
            "sign_in_interactively",
            lambda *args, **kwargs: accounts.authenticate("quantri", PASSWORD),
        )
        actor = window.open_other_database()
        assert actor is not None and actor.username == "quantri"
        assert postgres.is_server(db)
        assert window.context.db_path == target
        assert "không" not in window.status_db.text() and "@" in window.status_db.text()
        assert recent_servers() == [database_choice.build_url(parts)]  # no password
        window.show_page("sessions")
    finally:
        server_backend.drop_database(name)


def test_the_sign_in_dialog_opens_another_file_and_signs_in_there(
    qtbot, database, db_path, template_db, tmp_path, monkeypatch, backend, fast_hashing
):
    if backend != "sqlite":
        pytest.skip("the second database is a copy of the template file")
    from movement_desk.db.connection import db
    from movement_desk.gui import accounts_dialogs, open_database_dialog
    from movement_desk.gui.database_switch import DatabaseSession
    from movement_desk.services.admin import accounts
    from movement_desk.services.admin.bootstrap import close_database, prepare_database

    # Another office's file with an administrator of its own, then this office's, open.
    other = _second_file(template_db, tmp_path)
    prepare_database(other)
    accounts.create_first_admin("quantri", PASSWORD, "06")
    close_database()
    prepare_database(db_path)
    accounts.create_first_admin("admin", PASSWORD, "06")
    first_handle = db.obj
    monkeypatch.setattr(open_database_dialog, "choose_database", lambda parent, current: other)
    shown: list[str] = []

    class Login:
        OTHER_DATABASE = accounts_dialogs.LoginDialog.OTHER_DATABASE

        def __init__(self, parent, username, *, offer_other_database, database):
            assert offer_other_database
            shown.append(database)
            self.actor = None

        def exec(self):
            if len(shown) == 1:  # first: "Open another database…"
                return self.OTHER_DATABASE
            self.actor = accounts.authenticate("quantri", PASSWORD)
            return 1

    monkeypatch.setattr(accounts_dialogs, "LoginDialog", Login)
    session = DatabaseSession(db_path)
    actor = session.sign_in()
    assert actor is not None and actor.username == "quantri"
    assert shown == [str(db_path), str(other)]  # each sign-in names its database
    assert session.path == other and Path(db.obj.database) == other
    assert first_handle.is_closed()


def test_a_server_that_cannot_be_reached_at_start_offers_the_dialog(
    qtbot, database, tmp_path, monkeypatch, no_prompts, backend
):
    if backend != "sqlite":
        pytest.skip("the database chosen instead is a file")
    from movement_desk.db.connection import db
    from movement_desk.gui import open_database_dialog
    from movement_desk.gui.database_switch import DatabaseSession

    chosen = Path(db.obj.database)
    offered: list = []

    def choose(parent, current, *, opened=True):
        assert opened is False  # the dialog says the database named could not be opened
        offered.append(current)
        return chosen

    monkeypatch.setattr(open_database_dialog, "choose_database", choose)
    url = f"postgresql://md_app@127.0.0.1:{_free_port()}/movement_desk"
    session = DatabaseSession(url)
    assert session.open_at_start()
    assert offered == [url]
    assert session.path == chosen
    # Why the server was not opened, first, in the words of the dialog's test.
    assert no_prompts and no_prompts[0][0] == "warn"
    assert no_prompts[0][1].startswith("Không kết nối được máy chủ 127.0.0.1:") or (
        "pip install" in no_prompts[0][1]  # no driver installed
    )


@needs_driver
@needs_server
def test_an_empty_server_database_and_a_newer_schema_are_said_in_words(qtbot):
    from movement_desk.db import migrations
    from movement_desk.services.admin import database_choice
    from tests.conftest import run_cli

    name = server_backend.new_database_name("md_dialog_empty")
    url = server_backend.create_database(name)
    try:
        parts = database_choice.parse_url(url)
        dialog = _dialog(qtbot)
        _fill_server(dialog, parts.host, parts.port, parts.dbname, parts.user)
        with qtbot.waitSignal(dialog.tested, timeout=30_000) as outcome:
            dialog.open_db_server_test.click()
        worked, text = outcome.args
        assert worked is False
        assert "còn trống: chưa phải cơ sở dữ liệu của movement_desk" in text
        assert "movement-desk server init" in text
        result = run_cli(
            "server", "init", url, "--admin", "quantri", "--unit", "06",
            env={"MOVEMENT_DESK_NEW_PASSWORD": PASSWORD},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        newer = migrations.latest_version() + 1
        import psycopg2

        connection = psycopg2.connect(url)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("UPDATE md_schema SET value = %s WHERE key = 'user_version'", (newer,))
        connection.close()
        with qtbot.waitSignal(dialog.tested, timeout=30_000) as outcome:
            dialog.open_db_buttons.button(QDialogButtonBox.StandardButton.Open).click()
        worked, text = outcome.args
        assert worked is False
        assert f"lược đồ {newer}" in text and "phiên bản mới hơn" in text
        assert dialog.result() != QDialog.DialogCode.Accepted
    finally:
        server_backend.drop_database(name)


def test_closing_the_dialog_while_a_test_runs_leaves_nothing_behind(qtbot, monkeypatch):
    import threading

    from movement_desk.gui import open_database_dialog as module
    from movement_desk.services.admin import database_choice

    release = threading.Event()

    def slow_test(url):
        release.wait(10)
        raise database_choice.DatabaseOpenError("không trả lời")

    monkeypatch.setattr(database_choice, "driver_installed", lambda: True)
    monkeypatch.setattr(database_choice, "test_server", slow_test)
    dialog = module.OpenDatabaseDialog(None)
    dialog.show()
    _fill_server(dialog, "10.0.0.5", 5432, "movement_desk", "md_app")
    task = dialog.test_connection()
    assert task is not None
    dialog.reject()
    dialog.deleteLater()
    del dialog
    qtbot.wait(50)
    release.set()
    assert task.wait(5_000)
    qtbot.wait(100)  # the answer arrives after the dialog is gone: no error, no message


def test_signing_out_may_open_another_file(
    qtbot, window, template_db, tmp_path, monkeypatch, backend, people
):
    if backend != "sqlite":
        pytest.skip("the second database is a copy of the template file")
    from movement_desk.db.connection import db
    from movement_desk.gui import maintenance_actions, open_database_dialog
    from movement_desk.services.admin import accounts

    old_handle = db.obj
    other = _second_file(template_db, tmp_path)
    monkeypatch.setattr(open_database_dialog, "choose_database", lambda parent, current, **_: other)
    waited: list[bool] = []
    monkeypatch.setattr(window, "_wait_for_daily_backup", lambda: waited.append(True))

    def sign_in(parent=None, username="", *, choose_other=None, database=None):
        assert database() == str(window.context.db_path)
        assert choose_other()  # "Open another database…" in the sign-in dialog
        assert database() == str(other)
        accounts.create_first_admin("quantri", PASSWORD, "06")
        return accounts.authenticate("quantri", PASSWORD)

    monkeypatch.setattr(maintenance_actions, "sign_in_interactively", sign_in)
    actor = window.sign_out()
    assert actor is not None and actor.username == "quantri"
    assert waited == [True]  # the day's backup of the file left ended first
    assert window.context.db_path == other and Path(db.obj.database) == other
    assert old_handle.is_closed()
    assert window.windowTitle().startswith("xa-b.sqlite3")
    assert window.isVisible()


def test_a_servers_drafts_never_carry_the_password_in_a_folder_name(tmp_path, monkeypatch):
    from movement_desk.gui.drafts import DraftStore
    from movement_desk.paths import data_dir

    monkeypatch.delenv("MOVEMENT_DESK_SERVER_DRAFTS_DIR")  # the program's own place
    store = DraftStore(
        "postgresql://md_app:b%C3%AD%20m%E1%BA%ADt@10.0.0.5:5432/movement_desk", "an"
    )
    assert store.root == data_dir() / "server-drafts" / "10.0.0.5_5432_movement_desk.drafts"
    assert "md_app" not in str(store.folder) and "%" not in str(store.folder)
    # A file's drafts stay beside it.
    assert DraftStore(tmp_path / "xa.sqlite3").root == tmp_path / "xa.sqlite3.drafts"
