#!/usr/bin/env python3
"""Render each main view, form and dialog of a ``province`` demo database to PNG files.

    python scripts/screenshots.py [OUT_DIR] [--db PATH] [--lang vi|en] [--user NAME]

Without ``--db`` a province demo database (with its demo accounts) is built in a temporary
folder. The window is signed in as the demo administrator ``quantri`` (password
``demo12345``, see docs/roles.md). The main views are saved at 1366x768 and at 1920x1080 as
OUT_DIR/<size>/<view>.png, the forms and dialogs once, at 1366x768 (a dialog keeps its own
size). Images are stored with a 256-colour palette to keep the committed files small.
Runs offscreen: no display needed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SIZES = ((1366, 768), (1920, 1080))
VIEWS = (
    "home",
    "sessions",
    "models",
    "decisions",
    "reports",
    "certificates",
    "catalogues",
    "settings",
    "ratings",
)
DEMO_PASSWORD = "demo12345"


def save(widget, path: Path) -> None:
    """Grab ``widget`` into a palette PNG (a third of the size of a full-colour one)."""
    from PIL import Image

    widget.grab().save(str(path))
    image = Image.open(path).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def wait_for(app, condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="docs/screenshots")
    parser.add_argument("--db", help="an existing database (default: build a province demo)")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    parser.add_argument("--user", default="quantri", help="demo account to sign in as")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QCoreApplication, QSettings, qInstallMessageHandler
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from movement_desk.db.models import ActivitySession
    from movement_desk.gui.app import install_translations
    from movement_desk.gui.context import AppContext
    from movement_desk.gui.main_window import MainWindow
    from movement_desk.services.admin import accounts, demo
    from movement_desk.services.admin.bootstrap import prepare_database

    # The offscreen platform says, for every window, what it cannot do: not our concern here.
    qInstallMessageHandler(
        lambda mode, context, message: (
            None if "This plugin does not support" in message else sys.stderr.write(message + "\n")
        )
    )
    workdir = tempfile.TemporaryDirectory()
    QCoreApplication.setOrganizationName("movement_desk_screenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, workdir.name)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setFont(QFont("DejaVu Sans", 10))
    install_translations(app, args.lang)
    db_path = Path(args.db) if args.db else Path(workdir.name) / "province.sqlite3"
    prepare_database(db_path)
    if not args.db:
        demo.build_demo("province", seed=2024)
        accounts.create_demo_accounts()
    actor = accounts.authenticate(args.user, DEMO_PASSWORD)
    last_day = (
        ActivitySession.live()
        .select(ActivitySession.held_on)
        .order_by(ActivitySession.held_on.desc())
        .scalar()
    )

    out = Path(args.out)
    for width, height in SIZES:
        folder = out / f"{width}x{height}"
        folder.mkdir(parents=True, exist_ok=True)
        window = MainWindow(AppContext(db_path, actor=actor), offer_drafts=False)
        window.resize(width, height)
        window.show()
        home = window.page("home")
        if last_day:
            home.today = last_day
            home.refresh()
        reports = window.page("reports")
        if reports.build():
            wait_for(app, lambda view=reports: view.task.done)
        certificates = window.page("certificates")
        certificates.certificates_preview.click()
        wait_for(app, lambda view=certificates: view.task is None)
        for key in VIEWS:
            page = window.show_page(key)
            app.processEvents()
            wait_for_list(app, page)
            if key in ("reports", "certificates"):
                # The PDF preview draws its pages in the background.
                wait_for(app, lambda: False, 1.5)
            save(window, folder / f"{key}.png")
        count = len(VIEWS)
        if width == SIZES[0][0]:
            count += shoot_filtered_sessions(app, window, folder)
            count += shoot_dialogs(app, window, folder)
        window.close()
        print(f"{folder}: {count} images")
    return 0


def wait_for_list(app, page) -> None:
    """A list reads its rows on a worker thread: wait until they and the count are shown."""
    model = getattr(page, "model", None)
    if model is not None and hasattr(model, "counting"):
        wait_for(app, lambda: not model.loading and not model.counting)
        app.processEvents()


def shoot_filtered_sessions(app, window, folder: Path) -> int:
    """Sessions of a district that ended in the 2025 merger, in a quarter after it, searched."""
    from movement_desk.services.core.periods import Period

    view = window.show_page("sessions")
    view.filters.unit.choose("061")
    view.filters.set_period(Period("quarter", 2026, 4))
    view.filters.search.setText("tuyen truyen")
    view.filters._emit_now()
    wait_for_list(app, view)
    save(window, folder / "sessions-filtered.png")
    view.filters.search.clear()
    view.filters.unit.choose("")
    view.filters.period_kind.setCurrentIndex(0)
    view.filters._emit_now()
    wait_for_list(app, view)
    return 1


def shoot_dialogs(app, window, folder: Path) -> int:
    """The forms and dialogs, each at its own size."""
    from movement_desk.gui.accounts_dialogs import (
        ChangePasswordDialog,
        LoginDialog,
        UserManagementDialog,
    )
    from movement_desk.gui.package_dialogs import (
        ConflictDialog,
        PackageExportDialog,
        PackageImportDialog,
    )
    from movement_desk.gui.period_locks_dialog import PeriodLockDialog

    actor = window.context.actor
    sessions_view = window.show_page("sessions")
    shots = 0
    for name, opener in (
        ("form-session", sessions_view.edit_current),
        ("form-model", window.show_page("models").edit_current),
        ("form-decision", window.show_page("decisions").edit_current),
    ):
        form = opener()
        app.processEvents()
        save(form, folder / f"{name}.png")
        form._clean = form.raw()
        form.close()
        shots += 1
    reports = window.page("reports")
    dialogs = {
        "audit": lambda: window.show_audit(),
        "period-lock": lambda: PeriodLockDialog(
            actor, window, unit_code=reports.unit_code(), period=reports.period()
        ),
        "users": lambda: UserManagementDialog(actor, window),
        "change-password": lambda: ChangePasswordDialog(actor, window),
        "sign-in": lambda: LoginDialog(window, "quantri"),
        "package-export": lambda: PackageExportDialog(window, actor=actor),
        "package-import": lambda: PackageImportDialog(window, actor=actor),
        "conflicts": lambda: ConflictDialog(window, actor=actor),
    }
    for name, build in dialogs.items():
        dialog = build()
        dialog.show()
        app.processEvents()
        save(dialog, folder / f"dialog-{name}.png")
        dialog.close()
        shots += 1
    return shots


if __name__ == "__main__":
    sys.exit(main())
