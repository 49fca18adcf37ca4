"""The hook that lets ``benchmarks/bench_commands.py`` time the window as a whole process.

With ``$MOVEMENT_DESK_EXIT_WHEN_SHOWN`` set, the program signs in from ``$MOVEMENT_DESK_USER`` and
``$MOVEMENT_DESK_PASSWORD`` (as the command line does, at the same password cost) instead of
asking, and quits as soon as the main window has painted for the first time. Nothing else
changes; without the variable this module does nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV_VAR = "MOVEMENT_DESK_EXIT_WHEN_SHOWN"


def active() -> bool:
    return bool(os.environ.get(ENV_VAR))


def sign_in():
    """The actor named by the environment, or None to ask as usual."""
    from movement_desk.cli.common import PASSWORD_ENV_VAR, USER_ENV_VAR
    from movement_desk.services.admin import accounts

    username, password = os.environ.get(USER_ENV_VAR), os.environ.get(PASSWORD_ENV_VAR)
    if not (active() and username and password is not None):
        return None
    return accounts.authenticate(username, password)


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, done: Callable[[], None]):
        super().__init__(window)
        self._done = done
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # After the children of this paint pass have painted too.
            QTimer.singleShot(0, self._done)
        return False


def quit_when_painted(window: QWidget, done: Callable[[], None] | None = None) -> None:
    """Call ``done`` (default: quit the application) once ``window`` has first painted."""
    _FirstPaint(window, done or QApplication.quit)
