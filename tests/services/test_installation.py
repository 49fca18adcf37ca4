"""Each copy of a database file is its own installation, so merged packages keep edits apart;
on the server, each database (a copy made with ``CREATE DATABASE … TEMPLATE`` too)."""

from __future__ import annotations

from movement_desk.db.connection import close_database
from movement_desk.services.admin.bootstrap import prepare_database
from movement_desk.services.core import settings
from tests import server_backend


def test_a_copied_file_gets_its_own_installation_id_and_the_original_keeps_its(tmp_path):
    original = server_backend.database_copy(tmp_path / "xa-a.sqlite3")
    prepare_database(original)
    first = settings.installation_id()
    close_database()

    prepare_database(original)
    assert settings.installation_id() == first  # the same file opened again
    close_database()

    (tmp_path / "xa-b").mkdir()
    copy = server_backend.database_copy(tmp_path / "xa-b" / "copy.sqlite3", original)
    prepare_database(copy)
    second = settings.installation_id()
    close_database()
    assert second != first

    prepare_database(original)
    assert settings.installation_id() == first
    close_database()
