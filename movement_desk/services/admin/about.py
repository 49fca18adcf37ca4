"""What the About dialog and ``movement-desk --version`` tell: versions, database, licences."""

from __future__ import annotations

import platform
from dataclasses import dataclass, field
from pathlib import Path

from movement_desk import APP_FULL_NAME, __version__
from movement_desk.db import migrations
from movement_desk.db.connection import db
from movement_desk.paths import FONTS_DIR, LICENSES_DIR


@dataclass(frozen=True)
class Licence:
    """A component shipped with the program and the licence it comes under."""

    component: str
    licence: str
    text_file: Path


@dataclass(frozen=True)
class AboutFacts:
    version: str
    database_path: Path | None
    schema_version: int | None
    latest_schema_version: int
    python_version: str
    reportlab_version: str
    licences: list[Licence] = field(default_factory=list)


def licences() -> list[Licence]:
    """The third-party components shipped with the program, with their licence text files."""
    return [
        Licence(
            "Phông chữ Liberation Serif",
            "SIL Open Font License 1.1",
            FONTS_DIR / "LICENSE-LiberationFonts.txt",
        ),
        Licence("Qt 6 / PySide6", "GNU LGPL phiên bản 3", LICENSES_DIR / "Qt-PySide6-LGPL.txt"),
        Licence("ReportLab", "BSD", LICENSES_DIR / "ReportLab-BSD.txt"),
    ]


def version_line() -> str:
    """The one line ``movement-desk --version`` prints."""
    return f"movement-desk {__version__} ({APP_FULL_NAME})"


def about_facts(database_path: Path | None = None) -> AboutFacts:
    """Facts for the About dialog; the schema version is read from the open database, if any."""
    import reportlab

    schema = None
    if database_path is not None and db.obj is not None:
        schema = migrations.schema_version(db.obj)
    return AboutFacts(
        version=__version__,
        database_path=database_path,
        schema_version=schema,
        latest_schema_version=migrations.latest_version(),
        python_version=platform.python_version(),
        reportlab_version=reportlab.Version,
        licences=licences(),
    )
