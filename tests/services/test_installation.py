"""Each copy of a database file is its own installation, so merged packages keep edits apart."""

from __future__ import annotations

import sqlite3

from movement_desk.db.connection import close_database
from movement_desk.services.admin.bootstrap import prepare_database
from movement_desk.services.core import settings


def _copy(source, target):
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()


def test_a_copied_file_gets_its_own_installation_id_and_the_original_keeps_its(tmp_path):
    original = tmp_path / "xa-a.sqlite3"
    prepare_database(original)
    first = settings.installation_id()
    close_database()

    prepare_database(original)
    assert settings.installation_id() == first  # the same file opened again
    close_database()

    copy = tmp_path / "xa-b" / "copy.sqlite3"
    copy.parent.mkdir()
    _copy(original, copy)
    prepare_database(copy)
    second = settings.installation_id()
    close_database()
    assert second != first

    prepare_database(original)
    assert settings.installation_id() == first
    close_database()
