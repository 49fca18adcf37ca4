"""Accounts in the window: the first administrator, signing in, changing one's password and
the administrator's user management. Each dialog calls ``services.admin.accounts``; a refusal or a
bad field shows its Vietnamese message in the dialog, never a traceback."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEventLoop, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from movement_desk.gui import texts
from movement_desk.gui.table_models import ListTableModel
from movement_desk.gui.widgets import make_searchable, unit_label
from movement_desk.services.admin import accounts
from movement_desk.services.core import permissions, settings
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import ServiceError
from movement_desk.services.core.unit_tree import UnitTree
from movement_desk.services.records import units
from movement_desk.services.records.units import visible_tree


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("accounts_error")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    return label


def fill_unit_combo(
    combo: QComboBox,
    selected_code: str | None = None,
    actor: Actor | None = None,
    *,
    follow_mergers: bool = False,
) -> None:
    """Units that can own an account: today's units first, each province followed by its
    units in Vietnamese order, then the units that no longer exist; with ``actor`` (a
    signed-in account), only the units of its scope. Typing searches the list (accents not
    needed). The unit proposed is ``selected_code`` or, with ``follow_mergers`` (an account
    for today), the unit it has become."""
    today = date.today()
    tree = visible_tree(actor) if actor is not None else UnitTree.load()
    combo.clear()

    def add(unit_id: int, current: bool) -> None:
        unit = tree.by_id[unit_id]
        if unit.existed_on(today) == current:
            combo.addItem(unit_label(unit), unit.code)
        for child_id in tree.children.get(unit_id, []):
            add(child_id, current)

    for current in (True, False):
        for root in tree.roots():
            add(root.id, current)
    unit = units.find_unit(selected_code) if selected_code else None
    if unit is not None and follow_mergers:
        unit = units.in_force(unit, today) or unit
    index = combo.findData(unit.code) if unit is not None else -1
    combo.setCurrentIndex(max(index, 0))
    make_searchable(combo)


class FirstAdminDialog(QDialog):
    """On a database with no account: create its first administrator."""

    created = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Create the first administrator"))
        self.username = ""
        self.password = ""
        intro = QLabel(
            self.tr(
                "This database has no account yet. Create the administrator who will manage "
                "users, units, catalogues and settings."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.first_admin_username = QLineEdit(self)
        self.first_admin_username.setObjectName("first_admin_username")
        self.first_admin_full_name = QLineEdit(self)
        self.first_admin_unit = QComboBox(self)
        fill_unit_combo(self.first_admin_unit, settings.get("home_unit_code"), follow_mergers=True)
        self.first_admin_password = _password_field(self, "first_admin_password")
        self.first_admin_confirm = _password_field(self, "first_admin_confirm")
        self.first_admin_error = _error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.first_admin_username)
        form.addRow(self.tr("Full name"), self.first_admin_full_name)
        form.addRow(self.tr("Unit"), self.first_admin_unit)
        form.addRow(self.tr("Password"), self.first_admin_password)
        form.addRow(self.tr("Repeat password"), self.first_admin_confirm)
        self.first_admin_buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.first_admin_buttons.accepted.connect(self._on_first_admin_buttons_accepted)
        self.first_admin_buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.first_admin_error)
        layout.addWidget(self.first_admin_buttons)

    def _on_first_admin_buttons_accepted(self) -> None:
        password = self.first_admin_password.text()
        if password != self.first_admin_confirm.text():
            self.first_admin_error.setText(self.tr("The two passwords differ."))
            return
        try:
            account = accounts.create_first_admin(
                self.first_admin_username.text(),
                password,
                self.first_admin_unit.currentData() or "",
                display_name=self.first_admin_full_name.text(),
            )
        except ServiceError as exc:
            self.first_admin_error.setText(str(exc))
            return
        self.username, self.password = account.username, password
        self.created.emit(account.username)
        self.accept()


class LoginDialog(QDialog):
    """Sign in; ``actor`` holds the signed-in account after ``accept``."""

    signed_in = Signal(object)
    # ``exec()``'s answer when the user asked for another database instead of signing in.
    OTHER_DATABASE = 2

    def __init__(
        self,
        parent: QWidget | None = None,
        username: str = "",
        *,
        offer_other_database: bool = False,
        database: str = "",
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in"))
        self.actor: Actor | None = None
        # Which database this sign-in is for, when another one may be chosen (issue 17).
        self.login_database = QLabel(self.tr("Database: {database}").format(database=database))
        self.login_database.setObjectName("login_database")
        self.login_database.setWordWrap(True)
        self.login_database.setVisible(bool(database))
        self.login_username = QLineEdit(username, self)
        self.login_username.setObjectName("login_username")
        self.login_password = _password_field(self, "login_password")
        self.login_error = _error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.login_username)
        form.addRow(self.tr("Password"), self.login_password)
        self.login_buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.login_buttons.accepted.connect(self._on_login_buttons_accepted)
        self.login_buttons.rejected.connect(self.reject)
        # Issue 17: sign in to another database (a file or a server) instead of this one.
        self.login_open_database = QPushButton(self.tr("Open another &database…"), self)
        self.login_open_database.setObjectName("login_open_database")
        self.login_open_database.setAutoDefault(False)
        self.login_open_database.clicked.connect(self._on_login_open_database_clicked)
        self.login_open_database.setVisible(offer_other_database)
        if offer_other_database:
            self.login_buttons.addButton(
                self.login_open_database, QDialogButtonBox.ButtonRole.ActionRole
            )
        self.login_status = QLabel(self)
        self.login_status.setObjectName("login_status")
        layout = QVBoxLayout(self)
        layout.addWidget(self.login_database)
        layout.addLayout(form)
        layout.addWidget(self.login_status)
        layout.addWidget(self.login_error)
        layout.addWidget(self.login_buttons)
        self.setMinimumWidth(400)
        (self.login_password if username else self.login_username).setFocus()

    def _on_login_buttons_accepted(self) -> None:
        # Checking a password takes a moment on purpose (scrypt): say so at once.
        self.login_error.clear()
        self.login_status.setText(self.tr("Checking the password…"))
        self.login_buttons.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.login_status.repaint()
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        try:
            actor = accounts.authenticate(self.login_username.text(), self.login_password.text())
        except ServiceError as exc:
            self.login_password.clear()
            self.login_error.setText(str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
            self.login_buttons.setEnabled(True)
            self.login_status.clear()
        self.actor = actor
        self.signed_in.emit(actor)
        self.accept()

    def _on_login_open_database_clicked(self) -> None:
        self.done(self.OTHER_DATABASE)


class ChangePasswordDialog(QDialog):
    """A signed-in user changes their own password."""

    changed = Signal()

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.setWindowTitle(self.tr("Change my password"))
        self.change_old = _password_field(self, "change_old")
        self.change_new = _password_field(self, "change_new")
        self.change_confirm = _password_field(self, "change_confirm")
        self.change_error = _error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Current password"), self.change_old)
        form.addRow(self.tr("New password"), self.change_new)
        form.addRow(self.tr("Repeat new password"), self.change_confirm)
        self.change_buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.change_buttons.accepted.connect(self._on_change_buttons_accepted)
        self.change_buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.change_error)
        layout.addWidget(self.change_buttons)
        self.setMinimumWidth(440)

    def _on_change_buttons_accepted(self) -> None:
        if self.change_new.text() != self.change_confirm.text():
            self.change_error.setText(self.tr("The two new passwords differ."))
            return
        try:
            accounts.change_own_password(self.actor, self.change_old.text(), self.change_new.text())
        except ServiceError as exc:
            self.change_error.setText(str(exc))
            return
        self.changed.emit()
        self.accept()


class UserEditDialog(QDialog):
    """An administrator creates an account."""

    saved = Signal(str)

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.setWindowTitle(self.tr("New account"))
        self.user_username = QLineEdit(self)
        self.user_username.setObjectName("user_username")
        self.user_full_name = QLineEdit(self)
        self.user_role = QComboBox(self)
        for role in permissions.ROLES:
            self.user_role.addItem(_capitalised(texts.role_text(role)), role)
        self.user_unit = QComboBox(self)
        fill_unit_combo(
            self.user_unit,
            actor.unit_code or settings.get("home_unit_code"),
            actor,
            follow_mergers=True,
        )
        self.user_password = _password_field(self, "user_password")
        self.user_confirm = _password_field(self, "user_confirm")
        self.user_error = _error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.user_username)
        form.addRow(self.tr("Full name"), self.user_full_name)
        form.addRow(self.tr("Role"), self.user_role)
        form.addRow(self.tr("Unit"), self.user_unit)
        form.addRow(self.tr("Password"), self.user_password)
        form.addRow(self.tr("Repeat password"), self.user_confirm)
        self.user_buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.user_buttons.accepted.connect(self._on_user_buttons_accepted)
        self.user_buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.user_error)
        layout.addWidget(self.user_buttons)

    def _on_user_buttons_accepted(self) -> None:
        if self.user_password.text() != self.user_confirm.text():
            self.user_error.setText(self.tr("The two passwords differ."))
            return
        try:
            account = accounts.create_user(
                self.user_username.text(),
                self.user_password.text(),
                self.user_role.currentData(),
                self.user_unit.currentData() or "",
                self.actor,
                display_name=self.user_full_name.text(),
            )
        except ServiceError as exc:
            self.user_error.setText(str(exc))
            return
        self.saved.emit(account.username)
        self.accept()


class ResetPasswordDialog(QDialog):
    """An administrator sets a new password for an account."""

    def __init__(self, actor: Actor, username: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor, self.username = actor, username
        self.setWindowTitle(self.tr("Reset the password of {name}").format(name=username))
        self.reset_new = _password_field(self, "reset_new")
        self.reset_confirm = _password_field(self, "reset_confirm")
        self.reset_error = _error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("New password"), self.reset_new)
        form.addRow(self.tr("Repeat new password"), self.reset_confirm)
        self.reset_buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.reset_buttons.accepted.connect(self._on_reset_buttons_accepted)
        self.reset_buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.reset_error)
        layout.addWidget(self.reset_buttons)
        self.setMinimumWidth(440)

    def _on_reset_buttons_accepted(self) -> None:
        if self.reset_new.text() != self.reset_confirm.text():
            self.reset_error.setText(self.tr("The two new passwords differ."))
            return
        try:
            accounts.reset_password(self.username, self.reset_new.text(), self.actor)
        except ServiceError as exc:
            self.reset_error.setText(str(exc))
            return
        self.accept()


class UserTableModel(ListTableModel):
    """The accounts an administrator manages."""

    COLUMNS = ("username", "display_name", "role_label", "unit", "state", "last_login")

    def __init__(self, actor: Actor, parent=None):
        super().__init__(
            [
                self.tr("User name"),
                self.tr("Full name"),
                self.tr("Role"),
                self.tr("Unit"),
                self.tr("State"),
                self.tr("Last sign-in"),
            ],
            parent,
        )
        self.actor = actor
        self.rows: list[accounts.UserInfo] = []
        self.reload()

    def reload(self) -> None:
        self.set_rows(accounts.list_users(self.actor))

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        user = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if column == "unit":
            return f"{user.unit_title} ({user.unit_code})"
        if column == "state":
            return self.tr("disabled") if user.disabled else self.tr("active")
        if column == "last_login":
            return user.last_login_at.strftime("%d/%m/%Y %H:%M") if user.last_login_at else ""
        if column == "role_label":
            return _capitalised(texts.role_text(user.role))
        return getattr(user, column)


class UserManagementDialog(QDialog):
    """The administrator's list of accounts: add, reset a password, disable, enable."""

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.setWindowTitle(self.tr("Accounts"))
        self.users_model = UserTableModel(actor, self)
        self.users_table = QTableView(self)
        self.users_table.setObjectName("users_table")
        self.users_table.setModel(self.users_model)
        self.users_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.users_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.users_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.users_add = QPushButton(self.tr("Add…"), self)
        self.users_reset = QPushButton(self.tr("Reset password…"), self)
        self.users_disable = QPushButton(self.tr("Disable"), self)
        self.users_enable = QPushButton(self.tr("Enable"), self)
        self.users_error = _error_label(self)
        self.users_add.clicked.connect(self._on_users_add_clicked)
        self.users_reset.clicked.connect(self._on_users_reset_clicked)
        self.users_disable.clicked.connect(self._on_users_disable_clicked)
        self.users_enable.clicked.connect(self._on_users_enable_clicked)
        buttons = QHBoxLayout()
        for button in (self.users_add, self.users_reset, self.users_disable, self.users_enable):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.users_table)
        layout.addLayout(buttons)
        layout.addWidget(self.users_error)
        layout.addWidget(close)
        self.users_table.verticalHeader().hide()
        self.users_table.horizontalHeader().setStretchLastSection(True)
        self.resize(980, 440)

    def selected_username(self) -> str | None:
        rows = self.users_table.selectionModel().selectedRows()
        return self.users_model.rows[rows[0].row()].username if rows else None

    def select_user(self, username: str) -> None:
        for row, user in enumerate(self.users_model.rows):
            if user.username == username:
                self.users_table.selectRow(row)

    # Dialogs opened from here go through these two methods so tests can drive them.
    def open_edit_dialog(self) -> UserEditDialog:
        return UserEditDialog(self.actor, self)

    def open_reset_dialog(self, username: str) -> ResetPasswordDialog:
        return ResetPasswordDialog(self.actor, username, self)

    def _on_users_add_clicked(self) -> None:
        dialog = self.open_edit_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.users_model.reload()

    def _on_users_reset_clicked(self) -> None:
        username = self.selected_username()
        if username:
            self.open_reset_dialog(username).exec()
            self.users_model.reload()

    def _change_state(self, change) -> None:
        username = self.selected_username()
        if not username:
            return
        try:
            change(username, self.actor)
        except ServiceError as exc:
            self.users_error.setText(str(exc))
            return
        self.users_error.clear()
        self.users_model.reload()
        self.select_user(username)

    def _on_users_disable_clicked(self) -> None:
        self._change_state(accounts.disable_user)

    def _on_users_enable_clicked(self) -> None:
        self._change_state(accounts.enable_user)
