"""Where things live: the default database in the user's data directory, and bundled resources."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from movement_desk import APP_NAME

DB_ENV_VAR = "MOVEMENT_DESK_DB"
DEFAULT_DB_NAME = "movement_desk.sqlite3"

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
FONTS_DIR = RESOURCES_DIR / "fonts"
DATA_DIR = RESOURCES_DIR / "data"
I18N_DIR = RESOURCES_DIR / "i18n"
ICONS_DIR = RESOURCES_DIR / "icons"


def data_dir() -> Path:
    """The per-user folder that holds the default database and its backups."""
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    """The database used when neither ``--db`` nor ``MOVEMENT_DESK_DB`` names one."""
    return data_dir() / DEFAULT_DB_NAME


def resolve_database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--db PATH`` first, then ``$MOVEMENT_DESK_DB``, then the default database."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DB_ENV_VAR)
    if from_env:
        return Path(from_env).expanduser()
    return default_database_path()
