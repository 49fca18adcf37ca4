"""The signing-keys migration step: an older database keeps its register of packages."""

from __future__ import annotations

from movement_desk.db import migrations
from movement_desk.db.connection import build_database

DESCRIPTION = "signing keys (own and trusted, by unit); signed manifests of received packages"


def test_an_older_register_gains_empty_signed_manifests(tmp_path):
    step = next(i for i, m in enumerate(migrations.MIGRATIONS) if m.description == DESCRIPTION)
    database = build_database(tmp_path / "old.sqlite3")
    database.connect()
    migrations.migrate(database, target=step)
    database.execute_sql(
        "INSERT INTO package_received (package_id, unit_code, mode, covers_to, created_at, "
        "received_at) VALUES ('p1', '01858', 'all', '2024-01-14', '2024-01-15', '2024-01-16')"
    )
    assert DESCRIPTION in migrations.migrate(database)
    row = database.execute_sql(
        "SELECT package_id, manifest_blob, signature_blob, content_digest FROM package_received"
    ).fetchone()
    assert row == ("p1", "", "", "")
    assert database.execute_sql("SELECT count(*) FROM signing_key").fetchone()[0] == 0
    with database.atomic():  # safe to run again
        migrations.MIGRATIONS[step].apply(database)
    database.close()
