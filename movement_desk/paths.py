"""Where things live: the default database in the user's data directory, and bundled resources.

The resources (fonts and their licence, unit lists, compiled translations, icons, the user
guide) live in the repository's top-level ``resources/`` folder, which setup.py installs as the
package ``movement_desk.resources``. They are found, in this order:

- in the desktop bundle (PyInstaller), in the bundle's own folder;
- beside the code: in the package (a wheel or an sdist install), else at the top of the
  checkout the code is in (an editable install, or a checkout run with no install at all,
  ``python3 main.py``);
- through ``importlib.resources`` for any other way of installing.

The two folders beside the code are where ``importlib.resources`` finds them for those
installs; looking there first spares every start of a command the import of
``importlib.resources`` (and of zipfile with it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from movement_desk import APP_NAME

DB_ENV_VAR = "MOVEMENT_DESK_DB"
DEFAULT_DB_NAME = "movement_desk.sqlite3"


def _resources_dir() -> Path:
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        return Path(sys._MEIPASS) / "movement_desk" / "resources"
    code = Path(__file__).resolve().parent
    for beside in (code / "resources", code.parent / "resources"):
        if (beside / "fonts").is_dir():
            return beside
    # Only for an install of another shape (see the module's docstring for why not first).
    from importlib import resources as importlib_resources

    try:
        installed = importlib_resources.files("movement_desk.resources")
    except ModuleNotFoundError:
        installed = None
    # A regular package on disk gives a real path; anything else (a zip) is not supported.
    if isinstance(installed, Path) and (installed / "fonts").is_dir():
        return installed
    return code.parent / "resources"


RESOURCES_DIR = _resources_dir()
FONTS_DIR = RESOURCES_DIR / "fonts"
DATA_DIR = RESOURCES_DIR / "data"
I18N_DIR = RESOURCES_DIR / "i18n"
ICONS_DIR = RESOURCES_DIR / "icons"
GUIDE_DIR = RESOURCES_DIR / "guide"
GUIDE_PDF = GUIDE_DIR / "huong-dan-su-dung.pdf"
LICENSES_DIR = RESOURCES_DIR / "licenses"
APP_ICON_SVG = ICONS_DIR / "movement-desk.svg"
APP_ICON_ICO = ICONS_DIR / "movement-desk.ico"


def app_icon_png(size: int) -> Path:
    """The application icon drawn at ``size`` pixels (16, 24, 32, 48, 64, 128, 256, 512)."""
    return ICONS_DIR / f"movement-desk-{size}.png"


def data_dir() -> Path:
    """The per-user folder that holds the default database and its backups."""
    # Imported here: a command given its database (--db) never needs it (~4 ms of its start).
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    """The database used when neither ``--db`` nor ``MOVEMENT_DESK_DB`` names one."""
    return data_dir() / DEFAULT_DB_NAME


def is_server_url(value: object) -> bool:
    """``postgresql://…``: a database server (issue 17) instead of a file."""
    return isinstance(value, str) and value.strip().lower().startswith(
        ("postgresql://", "postgres://")
    )


def resolve_database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--db PATH`` first, then ``$MOVEMENT_DESK_DB``, then the default database.

    A server URL (``postgresql://user@host:port/dbname``) is given back as the string."""
    if explicit:
        if is_server_url(explicit):
            return explicit.strip()
        return Path(explicit).expanduser()
    from_env = os.environ.get(DB_ENV_VAR)
    if from_env:
        if is_server_url(from_env):
            return from_env.strip()
        return Path(from_env).expanduser()
    return default_database_path()
