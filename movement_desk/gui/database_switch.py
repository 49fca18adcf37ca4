"""Switching the window to another database (issue 17): open it as the program opens its
database on starting, sign in to it, and only then leave the old one.

``DatabaseSession`` follows which database is open while the user signs in: the sign-in
dialog's "Open another database…" opens the one chosen in ``OpenDatabaseDialog`` (the one
left gets the backup made when the program closes a file, then is closed); the window's
File → Open database… does the same and goes back to the database it had when the user
cancels, or when the database chosen cannot be opened.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from movement_desk import APP_DISPLAY_NAME, error_log
from movement_desk.db.errors import BackupError, DatabaseOpenError
from movement_desk.gui import maintenance_actions, open_database_dialog, prompts
from movement_desk.services.admin import database_choice
from movement_desk.services.admin.bootstrap import prepare_database
from movement_desk.services.core.actor import Actor


def open_target(target: str | Path, parent: QWidget | None = None) -> bool:
    """Open ``target`` as the program does on starting (a damaged file: the offer of its
    newest good backup); a message and False when it cannot be opened. The database open
    before stays open (and current) when this fails."""
    if not database_choice.is_server_url(target):
        return maintenance_actions.open_database_interactively(Path(target), parent)
    try:
        prepare_database(str(target), own_key=False)  # the key: DailyBackup, as on starting
    except DatabaseOpenError as exc:
        prompts.warn(parent, APP_DISPLAY_NAME, database_choice.open_error_text(exc, target))
        return False
    return True


def back_up_on_leaving(parent: QWidget | None = None) -> None:
    """The backup made when the program closes a file whose data changed; a failure is
    said, and the switch goes on (the file itself is untouched)."""
    try:
        database_choice.back_up_on_leaving()
    except BackupError as exc:
        prompts.warn(
            parent,
            APP_DISPLAY_NAME,
            QCoreApplication.translate(
                "database_switch", "The database left was not backed up: {error}"
            ).format(error=exc),
        )


class DatabaseSession:
    """Which database is open while someone signs in (``path``: a Path or a server URL)."""

    def __init__(
        self,
        path: str | Path,
        parent: QWidget | None = None,
        *,
        before_leaving: Callable[[], None] | None = None,
    ):
        self.path = path
        self.parent = parent
        # What must end before the database open now is left (the window's daily backup).
        self.before_leaving = before_leaving

    def _leave(self) -> None:
        if self.before_leaving is not None:
            self.before_leaving()
        back_up_on_leaving(self.parent)

    def open_at_start(self) -> bool:
        """Open the program's database as it starts. A server that cannot be opened (down,
        unreachable, a password asked for): after its message, the Open database dialog
        offers another database or the same one again; False when the user gives up."""
        if open_target(self.path, self.parent):
            return True
        if not database_choice.is_server_url(self.path):
            return False
        while True:
            target = open_database_dialog.choose_database(self.parent, self.path, opened=False)
            if target is None:
                return False
            if open_target(target, self.parent):
                self._now_on(target)
                return True

    def remember(self) -> None:
        """Keep the database open now among the recent ones (the program's own, at start)."""
        open_database_dialog.remember(self.path)

    def sign_in(self, username: str = "") -> Actor | None:
        """The sign-in (or the first administrator) on the open database, offering another."""
        return maintenance_actions.sign_in_interactively(
            self.parent,
            username,
            choose_other=self.choose_other,
            database=lambda: database_choice.label(self.path),
        )

    def choose_other(self) -> bool:
        """The sign-in dialog's "Open another database…": True when another one is open now."""
        target = open_database_dialog.choose_database(self.parent, self.path)
        if target is None or database_choice.same_database(target, self.path):
            return False
        previous = database_choice.current_handle()
        self._leave()
        if not open_target(target, self.parent):
            database_choice.go_back(previous)
            return False
        database_choice.close_left(previous)
        self._now_on(target)
        return True

    def switch(self, target: str | Path) -> Actor | None:
        """Open ``target`` and sign in to it; the actor, with the database left closed. None
        when it could not be opened or nobody signed in: the database open before is open
        again, as it was."""
        previous, previous_path = database_choice.current_handle(), self.path
        self._leave()
        if not open_target(target, self.parent):
            database_choice.go_back(previous)
            return None
        self._now_on(target)
        actor = self.sign_in()
        if actor is None:
            database_choice.go_back(previous)
            self._now_on(previous_path, remembered=False)
            return None
        database_choice.close_left(previous)
        return actor

    def _now_on(self, target: str | Path, *, remembered: bool = True) -> None:
        self.path = target
        error_log.setup_logging(target)
        if remembered:
            open_database_dialog.remember(target)
