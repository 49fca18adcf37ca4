"""The program's icon, for the application, its windows and the About dialog."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from movement_desk.paths import APP_ICON_SVG, app_icon_png

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def application_icon() -> QIcon:
    """The program's icon at every drawn size (the window, its dialogs, the task bar)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = app_icon_png(size)
        if path.exists():
            icon.addFile(str(path))
    if icon.isNull() and APP_ICON_SVG.exists():
        icon.addFile(str(APP_ICON_SVG))
    return icon
