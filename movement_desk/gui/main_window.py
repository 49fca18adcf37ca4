"""The main window: navigation between pages, menus and shortcuts, status bar, drafts.

Pages are a small registry (``PAGES``): key, title, shortcut and a factory taking the
``AppContext``. A page plugs in with ``register_page(key, ...)`` before the window is built.

The Tools menu holds backups, the database check, the audit trail, period locks and
accounts. Menu entries the signed-in user's role may not use are hidden
(``permissions.can``); the services refuse them anyway. Signing out (or a restore, whose
accounts are those of the backup) asks for a sign-in and rebuilds the pages for that user.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from movement_desk import vietnamese
from movement_desk.gui import help_actions, maintenance_actions, prompts, texts
from movement_desk.gui.context import AppContext
from movement_desk.gui.list_loader import LatestResult, QueryWorker
from movement_desk.services.admin import database_choice
from movement_desk.services.core import permissions, settings
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import PermissionDenied

if TYPE_CHECKING:
    from movement_desk.gui.about_dialog import AboutDialog
    from movement_desk.gui.views.records import RecordListView


def _may(current: Actor, action: str) -> bool:
    """``permissions.can`` for an actor already read as its account stands now
    (``permissions.effective``): many entries without reading the account again each."""
    try:
        permissions.require_current(current, action)
    except PermissionDenied:
        return False
    return True


def _is_list(widget) -> bool:
    """Whether ``widget`` is a list page, without importing the lists (and their forms) to
    ask: the window opens on Home, and the lists are imported when first shown."""
    records = sys.modules.get("movement_desk.gui.views.records")
    return records is not None and isinstance(widget, records.RecordListView)


# How long a later update of the status bar waits for the counts before they arrive later.
STATUS_WAIT_MS = 1000


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def _window_title(db_path) -> str:
    """The file's name, or a server's ``dbname — host`` (never its password)."""
    if database_choice.is_server_url(db_path):
        parts = database_choice.parse_url(str(db_path))
        return f"{parts.dbname} — {parts.host}"
    return Path(db_path).name


@dataclass
class Page:
    """A page of the window; ``title`` is the English source, translated in context MainWindow."""

    key: str
    title: str
    shortcut: str
    factory: Callable[[AppContext], QWidget]

    def display_title(self) -> str:
        return _tr(self.title)


# Each page (and each dialog below) is imported when it is first opened: the window shows
# without loading every page and the services behind it.
def _home(context):
    from movement_desk.gui.views.home import HomeView

    return HomeView(context)


def _sessions(context):
    from movement_desk.gui.views.records import SessionsView

    return SessionsView(context)


def _models(context):
    from movement_desk.gui.views.records import CommunityModelsView

    return CommunityModelsView(context)


def _decisions(context):
    from movement_desk.gui.views.records import DecisionsView

    return DecisionsView(context)


def _reports(context):
    from movement_desk.gui.reports_view import ReportsView

    view = ReportsView(actor=context.actor)
    view.notes_saved.connect(lambda: context.notify("reports"))
    return view


def _certificates(context):
    from movement_desk.gui.certificates_view import CertificatesView

    return CertificatesView(actor=context.actor)


def _catalogues(context):
    from movement_desk.gui.views.catalogues import CataloguesView

    return CataloguesView(context)


def _ratings(context):
    from movement_desk.gui.views.ratings_view import RatingsView

    return RatingsView(context)


def _settings(context):
    from movement_desk.gui.views.settings_view import SettingsView

    return SettingsView(context)


PAGES: list[Page] = [
    Page("home", QT_TRANSLATE_NOOP("MainWindow", "Home"), "Ctrl+1", _home),
    Page("sessions", QT_TRANSLATE_NOOP("MainWindow", "Sessions"), "Ctrl+2", _sessions),
    Page("models", QT_TRANSLATE_NOOP("MainWindow", "Community models"), "Ctrl+3", _models),
    Page("decisions", QT_TRANSLATE_NOOP("MainWindow", "Commendations"), "Ctrl+4", _decisions),
    Page("reports", QT_TRANSLATE_NOOP("MainWindow", "Reports"), "Ctrl+5", _reports),
    Page("certificates", QT_TRANSLATE_NOOP("MainWindow", "Certificates"), "Ctrl+6", _certificates),
    Page(
        "catalogues",
        QT_TRANSLATE_NOOP("MainWindow", "Units and catalogues"),
        "Ctrl+7",
        _catalogues,
    ),
    Page("settings", QT_TRANSLATE_NOOP("MainWindow", "Settings"), "Ctrl+8", _settings),
    Page("ratings", QT_TRANSLATE_NOOP("MainWindow", "Safety ratings"), "Ctrl+9", _ratings),
]


def register_page(
    key: str,
    title: str,
    factory: Callable[[AppContext], QWidget],
    shortcut: str = "",
) -> None:
    """Plug a page in: replaces the page with this key (keeping its place) or adds one.

    ``title`` is an English source string; mark it with ``QT_TRANSLATE_NOOP("MainWindow", …)``
    so that ``scripts/update-translations`` picks it up.
    """
    for page in PAGES:
        if page.key == key:
            page.title, page.factory = title, factory
            page.shortcut = shortcut or page.shortcut
            return
    PAGES.append(Page(key, title, shortcut, factory))


class MainWindow(QMainWindow):
    """Navigation on the left, the current page on the right."""

    def __init__(self, context: AppContext, *, offer_drafts: bool = True):
        super().__init__()
        self.context = context
        self.setObjectName("main_window")
        # "bang-thanh.sqlite3 — Phong trào Toàn dân bảo vệ ANTQ": Qt appends the application's
        # display name (gui/app.py) on Windows and Linux.
        self.setWindowTitle(_window_title(context.db_path))
        self.pages: dict[str, QWidget] = {}
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.stack = QStackedWidget(self)
        for page in PAGES:
            item = QListWidgetItem(page.display_title())
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            if page.shortcut:
                item.setToolTip(page.shortcut)
            self.nav.addItem(item)
            placeholder = QWidget(self.stack)
            self.stack.addWidget(placeholder)
        self.nav.setFixedWidth(max(self.nav.sizeHintForColumn(0) + 36, 170))
        self.nav.setSpacing(2)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)
        self._build_menus()
        self._build_status_bar()
        context.events.changed.connect(self._on_data_changed)
        self._restore_geometry()
        self.show_page("home")
        self.update_status(first=True)  # the counts once the window has shown
        if offer_drafts:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self.offer_drafts)

    # -- pages --------------------------------------------------------------------------------
    def page_index(self, key: str) -> int:
        return next(i for i, page in enumerate(PAGES) if page.key == key)

    def page(self, key: str) -> QWidget:
        """The page widget, built the first time it is needed."""
        if key not in self.pages:
            index = self.page_index(key)
            widget = PAGES[index].factory(self.context)
            old = self.stack.widget(index)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.stack.insertWidget(index, widget)
            self.pages[key] = widget
            if key == "home":
                widget.unitOpened.connect(self.open_unit_sessions)
                widget.conflictsRequested.connect(self.resolve_conflicts)
            if _is_list(widget):
                widget.countChanged.connect(lambda *_: self.update_status())
        return self.pages[key]

    def show_page(self, key: str) -> QWidget:
        if not self.page_allowed(key):
            key = "home"
        widget = self.page(key)
        index = self.page_index(key)
        self.stack.setCurrentIndex(index)
        if self.nav.currentRow() != index:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(index)
            self.nav.blockSignals(False)
        return widget

    def current_key(self) -> str:
        return PAGES[self.stack.currentIndex()].key

    def _on_nav_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.show_page(PAGES[row].key)

    def current_list(self) -> RecordListView | None:
        widget = self.pages.get(self.current_key())
        return widget if _is_list(widget) else None

    def open_unit_sessions(self, code: str, period) -> None:
        view = self.show_page("sessions")
        view.filters.unit.set_code(code)
        if period is not None:
            view.filters.set_period(period)
        view.apply_filter()

    # -- menus --------------------------------------------------------------------------------
    def _action(self, menu, text: str, slot, shortcut=None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        if name:
            action.setObjectName(name)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(
            file_menu,
            self.tr("New &session"),
            lambda: self.new_record("sessions"),
            None,
            "action_new_session",
        )
        self._action(
            file_menu,
            self.tr("New community &model"),
            lambda: self.new_record("models"),
            None,
            "action_new_model",
        )
        self._action(
            file_menu,
            self.tr("New &decision"),
            lambda: self.new_record("decisions"),
            None,
            "action_new_decision",
        )
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Import…"), self.import_file, "Ctrl+I", "action_import")
        self._action(file_menu, self.tr("&Export…"), self.export_file, "Ctrl+E", "action_export")
        file_menu.addSeparator()
        self._action(
            file_menu,
            self.tr("Send data &package…"),
            self.export_package,
            None,
            "action_package_export",
        )
        self._action(
            file_menu,
            self.tr("&Receive data package…"),
            self.import_package,
            None,
            "action_package_import",
        )
        self._action(
            file_menu,
            self.tr("Resolve &conflicts…"),
            self.resolve_conflicts,
            None,
            "action_conflicts",
        )
        file_menu.addSeparator()
        self._action(
            file_menu,
            self.tr("&Open database…"),
            self.open_other_database,
            None,
            "action_open_database",
        )
        self._action(
            file_menu,
            self.tr("Sign &out / switch user…"),
            self.sign_out,
            None,
            "action_sign_out",
        )
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self.context.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setObjectName("action_undo")
        self.redo_action = self.context.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.redo_action.setObjectName("action_redo")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self._action(edit_menu, self.tr("&New record"), self.new_current, "Ctrl+N", "action_new")
        self._action(edit_menu, self.tr("&Edit record"), self.edit_current, "Ctrl+Return")
        self._action(edit_menu, self.tr("D&uplicate record"), self.duplicate_current, "Ctrl+D")
        self._action(
            edit_menu,
            self.tr("&Delete record"),
            self.delete_current,
            "Ctrl+Delete",
            "action_delete",
        )
        edit_menu.addSeparator()
        self._action(edit_menu, self.tr("&Find"), self.focus_search, QKeySequence.StandardKey.Find)

        view_menu = bar.addMenu(self.tr("&View"))
        for page in PAGES:
            self._action(
                view_menu,
                page.display_title(),
                lambda checked=False, key=page.key: self.show_page(key),
                page.shortcut or None,
                f"action_page_{page.key}",
            )

        self._build_tools_menu(bar.addMenu(self.tr("&Tools")))

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(
            help_menu,
            self.tr("&User guide"),
            self.open_guide,
            "F1",
            "action_guide",
        )
        self._action(help_menu, self.tr("&About"), self.about, None, "action_about")
        self.apply_permissions()

    def _build_tools_menu(self, menu) -> None:
        menu.aboutToShow.connect(self._on_tools_menu_about_to_show)
        self._action(menu, self.tr("&Back up now"), self.back_up_now, None, "action_backup")
        self._action(menu, self.tr("&Restore…"), self.restore_backup, None, "action_restore")
        self._action(menu, self.tr("&Check database"), self.check_database, None, "action_check")
        menu.addSeparator()
        self._action(menu, self.tr("&Audit trail…"), self.show_audit, None, "action_audit")
        self._action(
            menu,
            self.tr("&Lock reporting period…"),
            self.lock_periods,
            None,
            "action_period_lock",
        )
        menu.addSeparator()
        self._action(menu, self.tr("&Users…"), self.manage_users, None, "action_users")
        self._action(menu, self.tr("Signing &keys…"), self.manage_keys, None, "action_keys")
        self._action(
            menu,
            self.tr("Discard &orphaned drafts…"),
            self.discard_orphan_drafts,
            None,
            "action_orphan_drafts",
        )
        self._action(
            menu,
            self.tr("Change &my password…"),
            self.change_password,
            None,
            "action_change_password",
        )

    # What each menu entry needs; an entry the user's role may not use is hidden.
    ACTION_PERMISSIONS: dict[str, tuple[str, ...]] = {
        "action_new_session": ("session.write",),
        "action_new_model": ("model.write",),
        "action_new_decision": ("decision.write",),
        "action_import": ("session.write", "model.write", "decision.write"),
        "action_package_export": ("package.export",),
        "action_package_import": ("package.import",),
        "action_conflicts": ("package.import",),
        "action_backup": ("backup.create",),
        "action_restore": ("backup.restore",),
        "action_check": ("database.check",),
        "action_audit": ("audit.view",),
        "action_period_lock": ("period.lock",),
        "action_users": ("user.manage",),
        "action_orphan_drafts": ("user.manage",),
    }

    # What each page needs; a page the user's role may not use is disabled, with a tooltip.
    PAGE_PERMISSIONS: dict[str, str] = {
        "reports": "report.print",
        "certificates": "certificate.print",
    }

    def menu_action(self, name: str) -> QAction:
        return self.findChild(QAction, name)

    def page_allowed(self, key: str) -> bool:
        need = self.PAGE_PERMISSIONS.get(key)
        return need is None or permissions.can(self.context.actor, need)

    def apply_permissions(self) -> None:
        """Show the menu entries the signed-in user may use, hide the others; disable the
        pages the role may not use, saying why."""
        actor = self.context.actor
        try:  # the account as it stands now, read once for all the entries below
            current = permissions.effective(actor)
        except PermissionDenied:
            current = None

        def may(action: str) -> bool:
            return current is not None and _may(current, action)

        for name, needs in self.ACTION_PERMISSIONS.items():
            action = self.menu_action(name)
            if action is not None:
                action.setVisible(any(may(need) for need in needs))
        # A restore replaces every record and account: an administrator of all of them only.
        # Whether the scope holds every record reads every table: asked when the menu opens.
        self.menu_action("action_restore").setVisible(may("backup.restore"))
        for index, page in enumerate(PAGES):
            need = self.PAGE_PERMISSIONS.get(page.key)
            allowed = need is None or may(need)
            item = self.nav.item(index)
            flags = item.flags()
            if allowed:
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(page.shortcut)
            else:
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(self.tr("Your role may not use this page."))
            action = self.menu_action(f"action_page_{page.key}")
            if action is not None:
                action.setEnabled(allowed)
        self.menu_action("action_change_password").setVisible(actor.is_account)
        self.menu_action("action_sign_out").setVisible(actor.is_account)

    def _on_tools_menu_about_to_show(self) -> None:
        actor = self.context.actor
        self.menu_action("action_restore").setVisible(
            permissions.can(actor, "backup.restore") and permissions.covers_every_record(actor)
        )

    # -- tools: backups, check, audit, locks, accounts ------------------------------------------
    def back_up_now(self):
        return maintenance_actions.back_up_now(self, self.context.actor)

    def restore_backup(self):
        if not self._close_forms():
            return None
        return maintenance_actions.restore_backup(
            self, self.context.actor, on_restored=self._after_restore
        )

    def _after_restore(self) -> None:
        # Everything changed, the accounts too: the user signs in again (those of the backup).
        self.context.undo_stack.clear()
        self.sign_in_again(self.context.actor.username)

    def check_database(self) -> bool:
        return maintenance_actions.check_database(self, self.context.actor)

    def show_audit(self):
        from movement_desk.gui.audit_view import AuditDialog

        dialog = getattr(self, "audit_dialog", None)
        if dialog is None or dialog.actor != self.context.actor:
            self.audit_dialog = dialog = AuditDialog(self.context.actor, self)
        else:
            dialog.view.refresh()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def lock_periods(self):
        from movement_desk.gui.period_locks_dialog import PeriodLockDialog

        dialog = PeriodLockDialog(self.context.actor, self)
        dialog.exec()
        return dialog

    def manage_users(self):
        from movement_desk.gui.accounts_dialogs import UserManagementDialog

        dialog = UserManagementDialog(self.context.actor, self)
        dialog.exec()
        return dialog

    def manage_keys(self):
        from movement_desk.gui.keys_dialog import KeysDialog

        dialog = KeysDialog(self.context.actor, self)
        dialog.exec()
        return dialog

    def discard_orphan_drafts(self) -> int:
        """An administrator removes the drafts of no active account; how many were."""
        from movement_desk.services.admin import accounts

        if not permissions.can(self.context.actor, "user.manage"):
            return 0
        active = accounts.active_usernames()
        orphans = self.context.drafts.orphans(active)
        if not orphans:
            prompts.inform(
                self, self.tr("Orphaned drafts"), self.tr("There are no orphaned drafts.")
            )
            return 0
        question = self.tr(
            "{count} unsaved forms belong to no active account. Delete them?"
        ).format(count=texts.number(len(orphans)))
        if not prompts.confirm(self, self.tr("Orphaned drafts"), question):
            return 0
        return self.context.drafts.discard_orphans(active)

    def change_password(self):
        from movement_desk.gui.accounts_dialogs import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.context.actor, self)
        dialog.changed.connect(
            lambda: prompts.inform(
                self, self.tr("Change my password"), self.tr("Your password was changed.")
            )
        )
        dialog.exec()
        return dialog

    # -- signing out ----------------------------------------------------------------------------
    def _close_forms(self) -> bool:
        """Close the open record forms (each asks about unsaved changes); False if one stays."""
        forms = sys.modules.get("movement_desk.gui.forms")  # none open before it is imported
        for form in self.findChildren(forms.RecordForm) if forms else ():
            if form.isVisible():
                form.reject()
                if form.isVisible():
                    return False
        return True

    def sign_out(self) -> Actor | None:
        """Sign out; someone signs in (the same or another user), or the window closes."""
        if not self._close_forms():
            return None
        return self.sign_in_again()

    def sign_in_again(self, username: str = "") -> Actor | None:
        """The sign-in dialog again; it may open another database (then the window works on
        that one). Nobody signing in closes the window."""
        from movement_desk.gui.database_switch import DatabaseSession

        self.hide()
        session = DatabaseSession(
            self.context.db_path, None, before_leaving=self._wait_for_daily_backup
        )
        actor = session.sign_in(username)
        if actor is None:
            self.close()
            return None
        if session.path != self.context.db_path:
            self.adopt_database(session.path, actor)
            self.show()
            return actor
        self.set_actor(actor)
        self.show()
        self.offer_drafts()
        return actor

    def _wait_for_daily_backup(self) -> None:
        """The day's copy of the database being left ends before another is opened."""
        daily = getattr(self, "daily_backup", None)
        if daily is not None:
            daily.wait()

    def set_actor(self, actor: Actor) -> None:
        """Work as ``actor`` from now on: pages are built again for them, menus follow."""
        current = self.current_key()
        self.context.actor = actor
        self.context.drafts = self.context.drafts_of(actor)  # drafts belong to their account
        self.context.undo_stack.clear()
        dialog = getattr(self, "audit_dialog", None)
        if dialog is not None:
            dialog.close()
            self.audit_dialog = None
        for key in list(self.pages):
            index = self.page_index(key)
            old = self.pages.pop(key)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.stack.insertWidget(index, QWidget(self.stack))
        self.apply_permissions()
        self.show_page(current)
        self.update_status()

    # -- another database (issue 17) ------------------------------------------------------------
    def open_other_database(self) -> Actor | None:
        """File → Open database…: a file or a server, signed in to, then the window works
        on it; the database left is closed. Cancelling anywhere keeps the one open now."""
        from movement_desk.gui.database_switch import DatabaseSession
        from movement_desk.gui.open_database_dialog import choose_database

        if not self._close_forms():
            return None
        target = choose_database(self, self.context.db_path)
        if target is None or database_choice.same_database(target, self.context.db_path):
            return None
        session = DatabaseSession(
            self.context.db_path, self, before_leaving=self._wait_for_daily_backup
        )
        self.centralWidget().setEnabled(False)  # the pages belong to the database left
        try:
            actor = session.switch(target)
        finally:
            self.centralWidget().setEnabled(True)
        if actor is None:
            return None
        self.adopt_database(session.path, actor)
        return actor

    def adopt_database(self, db_path, actor: Actor) -> None:
        """Work on ``db_path`` (already open and signed in to) as ``actor`` from now on."""
        for name in ("import_dialog", "export_dialog", "about_dialog"):
            dialog = getattr(self, name, None)
            if dialog is not None:
                dialog.close()
                setattr(self, name, None)
        self.context.db_path = db_path
        self.setWindowTitle(_window_title(db_path))
        self.status_db.setText(database_choice.label(db_path))
        self.set_actor(actor)
        self.daily_backup = maintenance_actions.back_up_daily_in_background(self, db_path)
        for kind in ("sessions", "models", "decisions", "packages"):
            self.context.notify(kind)
        self.offer_drafts()

    # -- data packages ------------------------------------------------------------------------
    def export_package(self) -> None:
        from movement_desk.gui.package_dialogs import PackageExportDialog

        PackageExportDialog(self, actor=self.context.actor).exec()

    def import_package(self) -> None:
        from movement_desk.gui.package_dialogs import PackageImportDialog

        dialog = PackageImportDialog(self, actor=self.context.actor)
        dialog.imported.connect(lambda *_: self._packages_changed())
        dialog.exec()

    def resolve_conflicts(self) -> None:
        from movement_desk.gui.package_dialogs import ConflictDialog

        dialog = ConflictDialog(self, actor=self.context.actor)
        dialog.resolved.connect(lambda *_: self._packages_changed())
        dialog.exec()

    def _packages_changed(self) -> None:
        for kind in ("sessions", "models", "decisions", "packages"):
            self.context.notify(kind)

    def new_record(self, kind: str):
        view = self.show_page(kind)
        return view.new_record()

    def new_current(self):
        view = self.current_list()
        return view.new_record() if view else self.new_record("sessions")

    def edit_current(self):
        view = self.current_list()
        return view.edit_current() if view else None

    def duplicate_current(self):
        view = self.current_list()
        return view.duplicate_current() if view else None

    def delete_current(self):
        view = self.current_list()
        return view.delete_current() if view else None

    def focus_search(self) -> None:
        view = self.current_list()
        if view:
            view.filters.focus_search()

    def import_file(self):
        from movement_desk.gui.transfer_dialogs import ImportDialog

        self.import_dialog = ImportDialog(self.context, self)
        self.import_dialog.show()
        return self.import_dialog

    def export_file(self):
        from movement_desk.gui.transfer_dialogs import ExportDialog

        filters = {}
        for key, export_kind in (
            ("sessions", "sessions"),
            ("models", "models"),
            ("decisions", "commendations"),
        ):
            view = self.pages.get(key)
            if _is_list(view):
                filters[export_kind] = view.model.record_filter
        self.export_dialog = ExportDialog(self.context, filters, self)
        self.export_dialog.show()
        return self.export_dialog

    def about(self) -> AboutDialog:
        from movement_desk.gui.about_dialog import AboutDialog

        self.about_dialog = AboutDialog(self.context.db_path, self)
        self.about_dialog.show()
        return self.about_dialog

    def open_guide(self) -> bool:
        return help_actions.open_guide(self)

    # -- status bar ---------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        self.status_user = QLabel(self)
        self.status_user.setObjectName("status_user")
        self.status_db = QLabel(self)
        self.status_unit = QLabel(self)
        self.status_counts = QLabel(self)
        for label in (self.status_user, self.status_db, self.status_unit, self.status_counts):
            label.setContentsMargins(10, 0, 4, 0)
            self.statusBar().addPermanentWidget(label)
        self.status_db.setText(database_choice.label(self.context.db_path))
        self.status_db.setToolTip(self.tr("Database file"))
        self._counts = LatestResult(self, self._show_counts)

    def update_status(self, wait_ms: float = STATUS_WAIT_MS, *, first: bool = False) -> None:
        actor = self.context.actor
        self.status_user.setText(
            self.tr("Signed in: {user} – {role}").format(
                user=actor.display_name or actor.username, role=texts.role_text(actor.role)
            )
            if actor.is_account
            else ""
        )
        self.status_user.setToolTip(actor.username)
        self.status_user.setVisible(actor.is_account)

        def work():  # worker thread: the home unit (the unit tree) and three counts
            from datetime import date

            from movement_desk.services import dashboard

            unit = dashboard.home_unit(date.today(), actor=actor)
            title = unit.title if unit else settings.get("home_unit_code")
            return title, dashboard.record_counts(actor=actor)

        # Read on a worker thread: the window does not wait for them when it opens.
        self._counts.request(work, wait_ms, after_painting=self if first else None)

    def _show_counts(self, figures: tuple[str, dict[str, int]]) -> None:
        unit, counts = figures
        self.status_unit.setText(self.tr("Unit: {unit}").format(unit=unit))
        self.status_counts.setText(
            self.tr("{sessions} sessions · {models} models · {decisions} decisions").format(
                sessions=texts.number(counts["sessions"]),
                models=texts.number(counts["models"]),
                decisions=texts.number(counts["decisions"]),
            )
        )

    def wait_until_counted(self, milliseconds: int = 30_000) -> bool:
        """Block until the status bar shows the newest counts (tests, benchmarks)."""
        return self._counts.wait(milliseconds)

    def _on_data_changed(self, kind: str) -> None:
        self.update_status()

    # -- drafts -------------------------------------------------------------------------------
    def _draft_form_name(self, kind: str) -> str:
        return {
            "sessions": self.tr("session"),
            "models": self.tr("community model"),
            "decisions": self.tr("decision"),
            "model_types": self.tr("model type"),
            "units": self.tr("unit"),
            "organizers": self.tr("organiser"),
        }.get(kind, kind)

    def _draft_when_and_who(self, draft) -> dict[str, str]:
        """The draft's time and day as people write them, and whose typing it is."""
        try:
            saved = datetime.fromisoformat(draft.saved_at)
            day, time = vietnamese.format_date(saved), saved.strftime("%H:%M")
        except (TypeError, ValueError):
            day, time = str(draft.saved_at), ""
        actor = self.context.actor
        who = getattr(draft, "owner", "") or actor.display_name or actor.username
        return {"day": day, "time": time, "who": who}

    def offer_drafts(self) -> list:
        """Offer back each form left unsaved by a crash; returns the forms reopened."""
        reopened = []
        for draft in self.context.drafts.pending():
            from movement_desk.gui.forms import FORMS

            catalogue = draft.kind in ("model_types", "units", "organizers")
            if draft.kind not in FORMS and not catalogue:
                self.context.drafts.discard(draft.kind)
                continue
            question = self.tr(
                "{who}'s {form} form was not saved when the program last closed (at {time} on "
                "{day}). Do you want to continue it?\n\nNo deletes the draft."
            ).format(form=self._draft_form_name(draft.kind), **self._draft_when_and_who(draft))
            if prompts.confirm(self, self.tr("Unsaved form found"), question, default_yes=True):
                if catalogue:
                    view = self.show_page("catalogues")
                    form = view.open_form(draft.kind, draft.uuid, draft.values)
                else:
                    view = self.show_page(draft.kind)
                    form = view.open_form(draft.uuid, draft.values)
                form._clean = {}  # the restored values are unsaved changes
                form.show()
                reopened.append(form)
            else:
                self.context.drafts.discard(draft.kind)
        return reopened

    # -- geometry -----------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        # A first start, or a saved size from another screen that no longer fits: a size that
        # shows the lists whole, within the screen.
        available = self.screen().availableGeometry() if self.screen() else None
        too_small = self.width() < 900 or self.height() < 560
        too_big = available is not None and (
            self.width() > available.width() or self.height() > available.height()
        )
        if not isinstance(geometry, QByteArray) or geometry.isEmpty() or too_small or too_big:
            width, height = 1280, 720
            if available is not None:
                width, height = min(width, available.width()), min(height, available.height())
            self.resize(width, height)

    def closeEvent(self, event) -> None:  # noqa: N802
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)
        if event.isAccepted():
            self._stop_background_reads()

    def _stop_background_reads(self) -> None:
        """Drop what the pages still read on worker threads: a closed window's figures must
        not arrive later, for an account that may not exist in the database opened next."""
        for latest in self.findChildren(LatestResult):
            latest.stop()
        for worker in self.findChildren(QueryWorker):
            worker.stop(0)
