"""Opening a database ready for use: schema up to date and reference data present."""

from __future__ import annotations

import platform
from pathlib import Path

from peewee import SqliteDatabase

from movement_desk.db import migrations
from movement_desk.db.connection import db, open_database
from movement_desk.db.models import AdministrativeUnit, ModelType
from movement_desk.services import catalog, settings, signing, units


def installation_location() -> str:
    """The machine and file of the open database, which ``settings.claim_installation`` keys."""
    from movement_desk.db import postgres

    if postgres.is_server(db):
        # One installation per server database, whichever computer opens it.
        return f"server|{postgres.server_location(db.obj.database)}"
    return f"{platform.node()}|{Path(db.obj.database).resolve()}"


def ensure_reference_data() -> None:
    """On an empty database: load the bundled units and model-type catalogue, name this install."""
    with db.atomic():
        settings.claim_installation(installation_location())
        if not AdministrativeUnit.select().exists():
            units.load_bundled_units()
        if not ModelType.select().exists():
            catalog.load_default_model_types()
        # Organisers named by records that arrived in bulk (imports, demo data) join the
        # catalogue of their unit.
        migrations.add_named_organizers(db.obj, since_last=True)


def prepare_database(path: str | Path) -> SqliteDatabase:
    """Open ``path`` (creating it on first use) and make it ready; see ``open_database``."""
    from movement_desk.paths import is_server_url
    from movement_desk.services.output_files import clean_database_leftovers

    if not is_server_url(path):
        clean_database_leftovers(path)  # what a killed backup or export left behind
    database = open_database(path)
    ensure_reference_data()
    # First start: this installation's signing key pair (kept outside the database).
    signing.ensure_own_key()
    return database
