"""The "Open database" dialog (File → Open database…, and the sign-in dialog's "Open another
database…"): a file on this computer, or a database server (issue 17).

The File tab takes a ``.sqlite3`` file (typed, browsed or one of the recent files kept in
QSettings); a file on a network folder is refused with the program's own message. The Server
tab builds ``postgresql://…`` from host, port, database, user, password and TLS mode, shows
the URL (without the password) read-only, and tests the connection on a worker thread. The
password is never stored: remembered servers keep everything but it, and it is asked each
time. Without the driver the tab says how to install it.

``target`` holds what was chosen after ``accept``: a ``Path`` or a server URL (with the
password, for this session only). Opening it and signing in is ``database_switch``'s work.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from movement_desk.db.errors import DatabaseOpenError
from movement_desk.gui import prompts, tasks
from movement_desk.services.admin import database_choice
from movement_desk.services.admin.database_choice import ServerParts

RECENT_FILES_KEY = "open_database/recent_files"
RECENT_SERVERS_KEY = "open_database/recent_servers"  # URLs without their password
LAST_TAB_KEY = "open_database/last_tab"
RECENT_LIMIT = 8
FILE_TAB, SERVER_TAB = 0, 1
ERROR_STYLE = "color: #b00020;"
GOOD_STYLE = "color: #1b5e20;"


def _settings_list(key: str) -> list[str]:
    value = QSettings().value(key, [])
    if isinstance(value, str):
        value = [value] if value else []
    return [str(item) for item in (value or []) if str(item)]


def recent_files() -> list[str]:
    return _settings_list(RECENT_FILES_KEY)


def recent_servers() -> list[str]:
    return _settings_list(RECENT_SERVERS_KEY)


def remember(target: str | Path) -> None:
    """Put ``target`` first among the recent files or servers (a server without its password)."""
    if database_choice.is_server_url(target):
        key = RECENT_SERVERS_KEY
        entry = database_choice.build_url(
            database_choice.parse_url(str(target)), with_password=False
        )
    else:
        key = RECENT_FILES_KEY
        entry = str(Path(target).expanduser().resolve())
    entries = [entry, *(item for item in _settings_list(key) if item != entry)]
    QSettings().setValue(key, entries[:RECENT_LIMIT])


class OpenDatabaseDialog(QDialog):
    """Choose a database file or a server; ``target`` after ``accept``."""

    tested = Signal(bool, str)  # a test of the connection ended: worked?, what it said

    def __init__(
        self,
        parent: QWidget | None = None,
        current: str | Path | None = None,
        *,
        opened: bool = True,
    ):
        super().__init__(parent)
        self.setObjectName("open_database_dialog")
        self.setWindowTitle(self.tr("Open database"))
        self.target: str | Path | None = None
        self.current = current
        self._task: tasks.BackgroundTask | None = None
        self._open_after_test = False
        self.driver_installed = database_choice.driver_installed()

        self.open_db_tabs = QTabWidget(self)
        self.open_db_tabs.setObjectName("open_db_tabs")
        self.open_db_tabs.addTab(self._build_file_tab(), self.tr("&File on this computer"))
        self.open_db_tabs.addTab(self._build_server_tab(), self.tr("&Server"))
        self.open_db_buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.open_db_buttons.setObjectName("open_db_buttons")
        self.open_db_buttons.button(QDialogButtonBox.StandardButton.Open).setText(self.tr("&Open"))
        self.open_db_buttons.accepted.connect(self._on_open_db_buttons_accepted)
        self.open_db_buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if current is not None:
            text = (
                self.tr("Open now: {database}")
                if opened
                else self.tr("Could not be opened: {database}")
            )
            showing = QLabel(text.format(database=database_choice.label(current)), self)
            showing.setObjectName("open_db_current")
            showing.setWordWrap(True)
            showing.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(showing)
        layout.addWidget(self.open_db_tabs)
        layout.addWidget(self.open_db_buttons)
        self.setMinimumWidth(560)

        last_tab = SERVER_TAB if database_choice.is_server_url(current) else None
        if last_tab is None:
            last_tab = int(QSettings().value(LAST_TAB_KEY, FILE_TAB) or FILE_TAB)
        self.open_db_tabs.setCurrentIndex(SERVER_TAB if last_tab == SERVER_TAB else FILE_TAB)
        self.open_db_tabs.currentChanged.connect(self._on_open_db_tabs_current_changed)
        self._on_open_db_tabs_current_changed(self.open_db_tabs.currentIndex())

    # -- the File tab ----------------------------------------------------------------------------
    def _build_file_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("open_db_file_tab")
        self.open_db_file_path = QLineEdit(tab)
        self.open_db_file_path.setObjectName("open_db_file_path")
        self.open_db_file_path.setPlaceholderText(self.tr("A .sqlite3 file on this computer"))
        self.open_db_file_browse = QPushButton(self.tr("&Browse…"), tab)
        self.open_db_file_browse.setObjectName("open_db_file_browse")
        self.open_db_file_browse.clicked.connect(self._on_open_db_file_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.open_db_file_path, 1)
        row.addWidget(self.open_db_file_browse)
        self.open_db_recent_files = QListWidget(tab)
        self.open_db_recent_files.setObjectName("open_db_recent_files")
        for entry in recent_files():
            item = QListWidgetItem(entry, self.open_db_recent_files)
            item.setData(Qt.ItemDataRole.UserRole, entry)
        self.open_db_recent_files.currentItemChanged.connect(
            self._on_open_db_recent_files_current_item_changed
        )
        self.open_db_recent_files.itemActivated.connect(
            self._on_open_db_recent_files_item_activated
        )
        self.open_db_file_path.textChanged.connect(lambda *_: self.open_db_file_error.clear())
        note = QLabel(
            self.tr(
                "The file must be on this computer's own disk: a file on a network folder is "
                "refused, because several computers writing one file damage it. For several "
                "people at once, use a server (the Server tab)."
            ),
            tab,
        )
        note.setWordWrap(True)
        self.open_db_file_error = QLabel(tab)
        self.open_db_file_error.setObjectName("open_db_file_error")
        self.open_db_file_error.setWordWrap(True)
        self.open_db_file_error.setStyleSheet(ERROR_STYLE)
        self.open_db_file_error.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        layout = QVBoxLayout(tab)
        path_label = QLabel(self.tr("Database fi&le:"), tab)
        path_label.setBuddy(self.open_db_file_path)
        layout.addWidget(path_label)
        layout.addLayout(row)
        recent_label = QLabel(self.tr("&Recent files:"), tab)
        recent_label.setBuddy(self.open_db_recent_files)
        layout.addWidget(recent_label)
        layout.addWidget(self.open_db_recent_files, 1)
        layout.addWidget(note)
        layout.addWidget(self.open_db_file_error)
        QWidget.setTabOrder(self.open_db_file_path, self.open_db_file_browse)
        QWidget.setTabOrder(self.open_db_file_browse, self.open_db_recent_files)
        return tab

    def _on_open_db_file_browse_clicked(self) -> None:
        current = self.open_db_file_path.text().strip()
        picked = prompts.open_file(
            self,
            self.tr("Open database"),
            self.tr("SQLite databases (*.sqlite3 *.db);;All files (*)"),
            key="database",
            directory=str(Path(current).parent) if current else "",
        )
        if picked:
            self.open_db_file_path.setText(picked)

    def _on_open_db_recent_files_current_item_changed(self, item, _previous=None) -> None:
        if item is not None:
            self.open_db_file_path.setText(item.data(Qt.ItemDataRole.UserRole))

    def _on_open_db_recent_files_item_activated(self, item) -> None:
        self.open_db_file_path.setText(item.data(Qt.ItemDataRole.UserRole))
        self._open_file()

    def _open_file(self) -> None:
        try:
            chosen = database_choice.check_file(self.open_db_file_path.text())
        except DatabaseOpenError as exc:
            self.open_db_file_error.setText(str(exc))
            return
        self.target = chosen
        self.accept()

    # -- the Server tab ---------------------------------------------------------------------------
    def _build_server_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("open_db_server_tab")
        layout = QVBoxLayout(tab)
        self.open_db_server_missing = QLabel(tab)
        self.open_db_server_missing.setObjectName("open_db_server_missing")
        self.open_db_server_missing.setWordWrap(True)
        self.open_db_server_missing.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.open_db_server_missing.setText(
            self.tr(
                "The PostgreSQL driver is not installed, so this computer cannot open a "
                "database server yet. Install it with:\n\n    {command}\n\nthen start the "
                "program again. A database file (the File tab) needs nothing more."
            ).format(command=database_choice.INSTALL_DRIVER)
        )
        self.open_db_server_missing.setVisible(not self.driver_installed)
        layout.addWidget(self.open_db_server_missing)

        self.open_db_server_recent = QComboBox(tab)
        self.open_db_server_recent.setObjectName("open_db_server_recent")
        self.open_db_server_recent.addItem(self.tr("(type the server's details below)"), "")
        for entry in recent_servers():
            self.open_db_server_recent.addItem(entry, entry)
        self.open_db_server_host = QLineEdit(tab)
        self.open_db_server_host.setObjectName("open_db_server_host")
        self.open_db_server_host.setPlaceholderText(self.tr("e.g. 192.168.1.10 or csdl.tinh.vn"))
        self.open_db_server_port = QSpinBox(tab)
        self.open_db_server_port.setObjectName("open_db_server_port")
        self.open_db_server_port.setRange(1, 65535)
        self.open_db_server_port.setValue(database_choice.DEFAULT_PORT)
        self.open_db_server_port.setGroupSeparatorShown(False)
        self.open_db_server_name = QLineEdit(tab)
        self.open_db_server_name.setObjectName("open_db_server_name")
        self.open_db_server_name.setPlaceholderText(self.tr("e.g. movement_desk"))
        self.open_db_server_user = QLineEdit(tab)
        self.open_db_server_user.setObjectName("open_db_server_user")
        self.open_db_server_password = QLineEdit(tab)
        self.open_db_server_password.setObjectName("open_db_server_password")
        self.open_db_server_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.open_db_server_password.setPlaceholderText(self.tr("asked each time, never stored"))
        self.open_db_server_sslmode = QComboBox(tab)
        self.open_db_server_sslmode.setObjectName("open_db_server_sslmode")
        for mode, text in (
            ("disable", self.tr("disable – no encryption")),
            ("allow", self.tr("allow – encrypt only if the server insists")),
            ("prefer", self.tr("prefer – encrypt when the server can (default)")),
            ("require", self.tr("require – always encrypt, certificate not checked")),
            ("verify-ca", self.tr("verify-ca – encrypt, check the certificate")),
            (
                "verify-full",
                self.tr("verify-full – encrypt, check the certificate and the server's name"),
            ),
        ):
            self.open_db_server_sslmode.addItem(text, mode)
        self.open_db_server_sslmode.setCurrentIndex(
            self.open_db_server_sslmode.findData(database_choice.DEFAULT_SSL_MODE)
        )
        self.open_db_server_rootcert = QLineEdit(tab)
        self.open_db_server_rootcert.setObjectName("open_db_server_rootcert")
        self.open_db_server_rootcert.setPlaceholderText(self.tr("the CA's .crt file, optional"))
        self.open_db_server_rootcert.setToolTip(
            self.tr("the CA's certificate (.crt); empty: root.crt in your postgresql folder")
        )
        self.open_db_server_rootcert_browse = QPushButton(self.tr("Choose…"), tab)
        self.open_db_server_rootcert_browse.setObjectName("open_db_server_rootcert_browse")
        self.open_db_server_rootcert_browse.clicked.connect(
            self._on_open_db_server_rootcert_browse_clicked
        )
        rootcert_row = QHBoxLayout()
        rootcert_row.setContentsMargins(0, 0, 0, 0)
        rootcert_row.addWidget(self.open_db_server_rootcert, 1)
        rootcert_row.addWidget(self.open_db_server_rootcert_browse)
        self.open_db_server_url = QLineEdit(tab)
        self.open_db_server_url.setObjectName("open_db_server_url")
        self.open_db_server_url.setReadOnly(True)
        self.open_db_server_url.setStyleSheet("background: palette(window);")  # not typed in
        self.open_db_server_url.setToolTip(
            self.tr("The address to give with --db (the password is not shown)")
        )
        self.open_db_server_test = QPushButton(self.tr("&Test connection"), tab)
        self.open_db_server_test.setObjectName("open_db_server_test")
        self.open_db_server_test.clicked.connect(self._on_open_db_server_test_clicked)
        self.open_db_server_status = QLabel(tab)
        self.open_db_server_status.setObjectName("open_db_server_status")
        self.open_db_server_status.setWordWrap(True)
        self.open_db_server_status.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        form = QFormLayout()
        form.addRow(self.tr("Re&cent servers"), self.open_db_server_recent)
        form.addRow(self.tr("&Host"), self.open_db_server_host)
        form.addRow(self.tr("Po&rt"), self.open_db_server_port)
        form.addRow(self.tr("&Database"), self.open_db_server_name)
        form.addRow(self.tr("&User"), self.open_db_server_user)
        form.addRow(self.tr("Pass&word"), self.open_db_server_password)
        form.addRow(self.tr("&Encryption (sslmode)"), self.open_db_server_sslmode)
        form.addRow(self.tr("Root certificate (CA)"), rootcert_row)
        form.addRow(self.tr("URL"), self.open_db_server_url)
        layout.addLayout(form)
        test_row = QHBoxLayout()
        test_row.addWidget(self.open_db_server_test)
        test_row.addStretch(1)
        layout.addLayout(test_row)
        layout.addWidget(self.open_db_server_status)
        layout.addStretch(1)
        order = [
            self.open_db_server_recent,
            self.open_db_server_host,
            self.open_db_server_port,
            self.open_db_server_name,
            self.open_db_server_user,
            self.open_db_server_password,
            self.open_db_server_sslmode,
            self.open_db_server_rootcert,
            self.open_db_server_rootcert_browse,
            self.open_db_server_url,
            self.open_db_server_test,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        for field in (
            self.open_db_server_host,
            self.open_db_server_name,
            self.open_db_server_user,
            self.open_db_server_password,
            self.open_db_server_rootcert,
        ):
            field.textChanged.connect(self._on_server_field_changed)
        self.open_db_server_port.valueChanged.connect(self._on_server_field_changed)
        self.open_db_server_sslmode.currentIndexChanged.connect(self._on_server_field_changed)
        self.open_db_server_recent.currentIndexChanged.connect(
            self._on_open_db_server_recent_current_index_changed
        )
        for widget in order:
            widget.setEnabled(self.driver_installed)
        # The server open now, or the last one used, filled in (never its password).
        start = self.current if database_choice.is_server_url(self.current) else None
        start = start or next(iter(recent_servers()), None)
        if start:
            self.set_server_parts(database_choice.parse_url(str(start)), password=False)
        self._on_server_field_changed()
        return tab

    def server_parts(self) -> ServerParts:
        return ServerParts(
            host=self.open_db_server_host.text().strip(),
            port=self.open_db_server_port.value(),
            dbname=self.open_db_server_name.text().strip(),
            user=self.open_db_server_user.text().strip(),
            password=self.open_db_server_password.text(),
            sslmode=self.open_db_server_sslmode.currentData() or database_choice.DEFAULT_SSL_MODE,
            sslrootcert=self.open_db_server_rootcert.text().strip(),
        )

    def set_server_parts(self, parts: ServerParts, *, password: bool = True) -> None:
        self.open_db_server_host.setText(parts.host)
        self.open_db_server_port.setValue(parts.port or database_choice.DEFAULT_PORT)
        self.open_db_server_name.setText(parts.dbname)
        self.open_db_server_user.setText(parts.user)
        self.open_db_server_password.setText(parts.password if password else "")
        index = self.open_db_server_sslmode.findData(parts.sslmode)
        self.open_db_server_sslmode.setCurrentIndex(max(index, 0))
        self.open_db_server_rootcert.setText(parts.sslrootcert)

    def server_url(self) -> str:
        """The URL the fields make, with the password (percent-encoded)."""
        return database_choice.build_url(self.server_parts())

    def _on_server_field_changed(self, *_args) -> None:
        verifies = self.server_parts().sslmode in ("verify-ca", "verify-full")
        for widget in (self.open_db_server_rootcert, self.open_db_server_rootcert_browse):
            widget.setEnabled(verifies and self.driver_installed)
        self.open_db_server_url.setText(
            database_choice.build_url(self.server_parts(), with_password=False)
        )
        self.open_db_server_url.setCursorPosition(0)  # the start of a long URL shows
        if self._task is None:
            self._say("", good=True)

    def _on_open_db_server_rootcert_browse_clicked(self) -> None:
        picked = prompts.open_file(
            self,
            self.tr("Root certificate"),
            self.tr("Certificates (*.crt *.pem *.cer);;All files (*)"),
            key="certificate",
        )
        if picked:
            self.open_db_server_rootcert.setText(picked)

    def _on_open_db_server_recent_current_index_changed(self, index: int) -> None:
        entry = self.open_db_server_recent.itemData(index)
        if entry:
            self.set_server_parts(database_choice.parse_url(entry), password=False)
            self.open_db_server_password.setFocus()

    def _missing_server_field(self) -> str:
        parts = self.server_parts()
        for value, name in (
            (parts.host, self.tr("the server's host")),
            (parts.dbname, self.tr("the database name")),
            (parts.user, self.tr("the user name")),
        ):
            if not value:
                return self.tr("Fill in {field}.").format(field=name)
        return ""

    def _say(self, text: str, *, good: bool) -> None:
        self.open_db_server_status.setStyleSheet(GOOD_STYLE if good else ERROR_STYLE)
        self.open_db_server_status.setText(text)

    def _on_open_db_server_test_clicked(self) -> None:
        self.test_connection(open_after=False)

    def test_connection(self, *, open_after: bool = False) -> tasks.BackgroundTask | None:
        """Test the server's fields on a worker thread; ``tested`` tells the outcome. With
        ``open_after``, a database that can be used is opened (the dialog accepts)."""
        if not self.driver_installed or self._task is not None:
            return None
        missing = self._missing_server_field()
        if missing:
            self._say(missing, good=False)
            self.tested.emit(False, missing)
            return None
        url = self.server_url()
        self._open_after_test = open_after
        self._set_busy(True)
        self._say(self.tr("Connecting to the server…"), good=True)
        self._task = tasks.run_task(
            self,
            self.tr("Connecting to {server}…").format(server=self.server_parts().host),
            lambda progress: database_choice.test_server(url),
            lambda status: self._on_tested(url, status, None),
            lambda exc: self._on_tested(url, None, exc),
        )
        return self._task

    def _set_busy(self, busy: bool) -> None:
        self.open_db_server_test.setEnabled(not busy and self.driver_installed)
        self.open_db_buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(not busy)

    def _on_tested(self, url: str, status, exc: BaseException | None) -> None:
        self._task = None
        self._set_busy(False)
        if not self._open_after_test and self.isVisible():
            self.open_db_server_test.setFocus()  # where it was before it was disabled
        if exc is not None:
            if isinstance(exc, tasks.TaskCancelled):
                text = self.tr("The test was stopped.")
            elif isinstance(exc, DatabaseOpenError):
                text = str(exc)
            else:
                text = self.tr("The connection failed: {error}").format(
                    error=f"{type(exc).__name__}: {exc}"
                )
            self._say(text, good=False)
            self.tested.emit(False, text)
            return
        text = self.tr(
            "Connected: a movement_desk database (schema {version}, {accounts} accounts)."
        ).format(version=status.schema_version, accounts=status.accounts)
        if status.needs_upgrade:
            text += " " + self.tr(
                "Its schema will be upgraded to {latest} when it is opened."
            ).format(latest=status.latest_version)
        self._say(text, good=True)
        self.tested.emit(True, text)
        if self._open_after_test and url == self.server_url():
            self.target = url
            self.accept()

    # -- both ----------------------------------------------------------------------------------
    def _on_open_db_tabs_current_changed(self, index: int) -> None:
        QSettings().setValue(LAST_TAB_KEY, index)
        if index == SERVER_TAB:
            enabled = self.driver_installed
            first = self.open_db_server_password if self.open_db_server_host.text() else None
            (first or self.open_db_server_host).setFocus()
        else:
            enabled = True
            self.open_db_file_path.setFocus()
        self.open_db_buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(
            enabled and self._task is None
        )

    def _on_open_db_buttons_accepted(self) -> None:
        if self.open_db_tabs.currentIndex() == FILE_TAB:
            self._open_file()
        else:
            self.test_connection(open_after=True)

    def reject(self) -> None:
        if self._task is not None:
            self._task.cancel()
        super().reject()


def choose_database(
    parent: QWidget | None = None, current: str | Path | None = None, *, opened: bool = True
) -> str | Path | None:
    """Ask for a database to open: a Path, a server URL, or None when the user cancels.
    ``opened=False``: ``current`` is the one that could not be opened."""
    dialog = OpenDatabaseDialog(parent, current, opened=opened)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.target
