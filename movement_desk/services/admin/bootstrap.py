"""Opening a database ready for use: schema up to date and reference data present."""

from __future__ import annotations

import platform
from pathlib import Path

from peewee import SqliteDatabase

from movement_desk.db import backup, migrations, network, postgres
from movement_desk.db.connection import close_database, db, open_database  # noqa: F401
from movement_desk.db.errors import DatabaseOpenError
from movement_desk.db.models import AdministrativeUnit, ModelType
from movement_desk.paths import is_server_url
from movement_desk.services.core import settings
from movement_desk.services.core.output_files import clean_database_leftovers


def installation_location() -> str:
    """The machine and file of the open database, which ``settings.claim_installation`` keys."""
    if postgres.is_server(db):
        # One installation per server database, whichever computer opens it.
        return f"server|{postgres.server_location(db.obj.database)}"
    return f"{platform.node()}|{Path(db.obj.database).resolve()}"


def ensure_reference_data() -> None:
    """On an empty database: load the bundled units and model-type catalogue, name this install."""
    with db.atomic():
        settings.claim_installation(installation_location())
        if not AdministrativeUnit.select().exists():
            # start-up: the units' forms, imports and checks, for a new database only
            from movement_desk.services.records import units

            units.load_bundled_units()
        if not ModelType.select().exists():
            # start-up: the model-type catalogue, for a new database only
            from movement_desk.services.records import catalog

            catalog.load_default_model_types()
        # Organisers named by records that arrived in bulk (imports, demo data) join the
        # catalogue of their unit.
        migrations.add_named_organizers(db.obj, since_last=True)


def backup_before_upgrade(database: SqliteDatabase) -> None:
    """A file with data about to be upgraded: keep a copy of it as it was."""
    previous = db.obj
    db.initialize(database)
    try:
        backup.auto_backup("before-migration", only_if_changed=False)
    except backup.BackupError as exc:
        raise DatabaseOpenError(
            f"Không nâng cấp {database.database}: chưa sao lưu được bản hiện tại ({exc})."
        ) from exc
    finally:
        db.initialize(previous)


def open_upgraded(path: str | Path) -> SqliteDatabase:
    return open_database(path, before_upgrade=backup_before_upgrade)


def prepare_database(path: str | Path, *, own_key: bool = True) -> SqliteDatabase:
    """Open ``path`` (creating it on first use) and make it ready; see ``open_database``.

    ``own_key=False``: the caller sees to this installation's signing key itself (the window
    does, in the background once it has opened: the cryptography library takes a while to
    load, and signing makes the key anyway when it is first needed)."""
    if not is_server_url(path):
        clean_database_leftovers(path)  # what a killed backup or export left behind
    database = open_upgraded(path)
    ensure_reference_data()
    if own_key:
        ensure_own_key()
    return database


def allow_network_file(value: bool) -> None:
    """``--allow-network-file``: open a database file on a network folder knowingly."""
    network.allow(value)


def ensure_own_key() -> str:
    """First start: this installation's signing key pair (kept outside the database)."""
    # start-up: signing, for the commands that sign (a report does not, see ``own_key``)
    from movement_desk.services.core import signing

    return signing.ensure_own_key()


def backup_on_close(
    marker_at_open: int | None = None, *, daily: bool = False
) -> backup.BackupInfo | None:
    return backup.backup_on_close(marker_at_open, daily=daily)
