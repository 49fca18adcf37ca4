"""Several databases in one test: communes, a district and a province exchanging packages.

``open_database`` points the one global proxy at one file, so each step runs inside
``with site:`` which opens that site's database and closes it afterwards.

Packages are signed: a new ``Site`` is enrolled (``enrol=True``, the default) with every site
made before it in the same folder, each trusting the other's key for its home unit, as the
offices of a province would after ``keys export`` / ``keys trust``. ``enrol=False`` leaves a
site unknown to the others (for the tests of unknown keys); ``trust(upper, lower)`` enrols
one by hand.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from movement_desk.db.connection import close_database, db
from movement_desk.services.admin.bootstrap import prepare_database
from movement_desk.services.core import settings, signing
from movement_desk.services.core.actor import LOCAL_ACTOR, Actor
from movement_desk.services.records import commendations, community_models, sessions
from tests import server_backend

COMMUNE_A = "01858"  # xã Bằng Thành, huyện Pác Nặm
COMMUNE_B = "01861"  # xã Nhạn Môn, huyện Pác Nặm
DISTRICT = "060"  # huyện Pác Nặm
PROVINCE = "06"


_NETWORKS: dict[Path, list[Site]] = {}


def trust(upper: Site, lower: Site, unit: str | None = None) -> signing.KnownKey:
    """``upper`` enrols ``lower``'s public key for ``unit`` (default: lower's home unit)."""
    key_file = lower.file.with_name(f"{lower.file.stem}-{upper.file.stem}.mdkey")
    with lower:
        signing.export_public_key(key_file, LOCAL_ACTOR)
    with upper:
        return signing.trust_key(key_file, unit or lower.home_unit, LOCAL_ACTOR)


class Site:
    """One installation: its own database (a file, or a server database), installation id and
    home unit."""

    def __init__(
        self, path: Path, home_unit: str, template: Path | str | None = None, *, enrol: bool = True
    ):
        # ``path`` names the site (its key files go beside it); its database is that file, or
        # on ``--backend=postgresql`` a database of its own on the test server (``self.path``
        # is then its URL, what ``--db`` takes).
        self.file = Path(path)
        self.home_unit = home_unit
        self.actor = Actor(username=f"user-{home_unit}", unit_code=home_unit)
        self.path = server_backend.database_copy(self.file, template)
        with self:
            # A copied database would share the template's installation id: give each its own.
            settings.put("installation_id", str(uuid.uuid4()), "test")
            settings.put("home_unit_code", home_unit, "test")
            self.key_id = signing.own_key_id()
        if enrol:
            network = _NETWORKS.setdefault(self.file.parent, [])
            for other in network:
                trust(other, self)
                trust(self, other)
            network.append(self)

    def __enter__(self) -> Site:
        close_database()
        prepare_database(self.path)
        return self

    def __exit__(self, *exc) -> None:
        close_database()

    def scalar(self, sql: str, *params):
        with self:
            return db.execute_sql(sql, params).fetchone()[0]

    def rows(self, sql: str, *params) -> list[tuple]:
        with self:
            return db.execute_sql(sql, params).fetchall()


def add_session(site: Site, title: str, *, day: str = "05/03/2024", participants: int = 100):
    with site:
        return sessions.create_session(
            {
                "date": day,
                "unit_code": site.home_unit,
                "kind": "launch",
                "organizer_kind": "police",
                "organizer_name": f"Công an xã {site.home_unit}",
                "title": title,
                "participants": str(participants),
                "tips": "2",
            },
            site.actor,
        ).uuid


def edit_session(site: Site, uuid: str, **changes) -> None:
    with site:
        raw = sessions.session_to_raw(sessions.get_session(uuid))
        raw.update(changes)
        sessions.update_session(uuid, raw, site.actor)


def add_model(site: Site, name: str, model_type: str = "Camera an ninh", members: int = 5) -> str:
    with site:
        return community_models.create_model(
            {
                "name": name,
                "model_type": model_type,
                "unit_code": site.home_unit,
                "managing_kind": "police",
                "established_on": "01/02/2024",
                "members": str(members),
            },
            site.actor,
        ).uuid


def add_decision(site: Site, number: str, names: list[str], unit_code: str | None = None) -> str:
    with site:
        return commendations.save_decision(
            {
                "decision_number": number,
                "decision_date": "10/03/2024",
                "form": "giay_khen",
                "authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN PÁC NẶM",
                "signer_title": "CHỦ TỊCH",
                "signer_name": "Nguyễn Văn A",
                "unit_code": unit_code or site.home_unit,
                "achievement": "Đã có thành tích xuất sắc",
            },
            [{"recipient_name": name, "unit_code": site.home_unit} for name in names],
            site.actor,
        ).uuid


def live_count(site: Site, table: str) -> int:
    return site.scalar(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL")


def table_snapshot(site: Site) -> dict[str, list[tuple]]:
    """Every row of the synced and bookkeeping tables, to prove that nothing changed."""
    tables = [
        "activity_session",
        "community_model",
        "decision",
        "commendation",
        "model_type",
        "organizer",
        "sync_state",
        "sync_conflict",
        "sync_alias",
        "package_received",
    ]
    return {table: site.rows(f"SELECT * FROM {table} ORDER BY 1, 2") for table in tables}


def repack(
    source: Path,
    target: Path,
    *,
    manifest_change=None,
    lines_change=None,
    relayed_change=None,
    signer=None,
    keep_signature: bool = False,
) -> None:
    """Rebuild ``source`` as ``target`` after changing its manifest and record lines.

    With ``signer`` (``(key_id, sign)`` from ``signer_of(site)``) the result is signed again, as
    an office holding that key could; with ``keep_signature`` the original signature is kept
    (what someone without the key can do: recompute every SHA-256, not the signature)."""
    import json
    import zipfile

    from movement_desk.services import package_file

    with zipfile.ZipFile(source) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        signature = archive.read("signature.json")
        records = {
            name[len("records/") : -len(".jsonl")]: [
                json.loads(line) for line in archive.read(name).decode().splitlines() if line
            ]
            for name in archive.namelist()
            if name.startswith("records/")
        }
        relayed = [
            package_file.RelayedManifest(
                entry["package_id"],
                entry["unit_code"],
                archive.read(package_file.relayed_names(entry["package_id"])[0]),
                archive.read(package_file.relayed_names(entry["package_id"])[1]),
            )
            for entry in manifest["relayed"]
        ]
    for key in ("files", "content_sha256", "relayed"):
        manifest.pop(key)
    if manifest_change:
        manifest_change(manifest)
    if lines_change:
        lines_change(records)
    if relayed_change:
        relayed = relayed_change(relayed)
    if keep_signature:
        stored = package_file.parse_signature(signature)

        def sign(_data):
            return stored
    else:
        sign = signer
    package_file.write_package(target, manifest, records, signer=sign, relayed=relayed)


def signer_of(site: Site):
    """A signer with ``site``'s private key (an office signing whatever it wants)."""

    def sign(data: bytes):
        with site:
            return signing.sign(data)

    return sign


@contextmanager
def commune_and_province(folder: Path, template_db: Path) -> Iterator[dict[str, Site]]:
    """Commune A (``"a"``) and the province (``"province"``), each its own database."""
    close_database()
    yield {
        "a": Site(folder / "a.sqlite3", COMMUNE_A, template_db),
        "province": Site(folder / "province.sqlite3", PROVINCE, template_db),
    }
    close_database()


def export_whole(site: Site, path: Path) -> Path:
    """``site``'s package of everything under its home unit, written to ``path``."""
    from movement_desk.services import packages

    with site:
        packages.export_package(site.home_unit, path, LOCAL_ACTOR)
    return path
