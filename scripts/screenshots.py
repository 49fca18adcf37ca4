#!/usr/bin/env python3
"""Render each main view (and the main forms) of a ``province`` demo database to PNG files.

    python scripts/screenshots.py [OUT_DIR] [--db PATH] [--lang vi|en]

Without ``--db`` a province demo database is built in a temporary folder. Each view is saved
at 1366x768 and at 1920x1080 as OUT_DIR/<size>/<view>.png (default OUT_DIR docs/screenshots).
Runs offscreen: no display needed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
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
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="docs/screenshots")
    parser.add_argument("--db", help="an existing database (default: build a province demo)")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from movement_desk.db.models import ActivitySession
    from movement_desk.gui.app import install_translations
    from movement_desk.gui.context import AppContext
    from movement_desk.gui.main_window import MainWindow
    from movement_desk.services import demo
    from movement_desk.services.bootstrap import prepare_database

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
        window = MainWindow(AppContext(db_path), offer_drafts=False)
        window.resize(width, height)
        window.show()
        home = window.page("home")
        if last_day:
            home.today = last_day
            home.refresh()
        for key in VIEWS:
            window.show_page(key)
            app.processEvents()
            window.grab().save(str(folder / f"{key}.png"))
        sessions_view = window.show_page("sessions")
        for name, opener in (
            ("form-session", sessions_view.edit_current),
            ("form-decision", window.show_page("decisions").edit_current),
        ):
            form = opener()
            app.processEvents()
            form.grab().save(str(folder / f"{name}.png"))
            form._clean = form.raw()
            form.close()
        window.close()
        print(f"{folder}: {len(VIEWS) + 2} images")
    return 0


if __name__ == "__main__":
    sys.exit(main())
