"""Several databases in one test: communes, a district and a province exchanging packages.

``open_database`` points the one global proxy at one file, so each step runs inside
``with site:`` which opens that site's database and closes it afterwards.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from movement_desk.db.connection import close_database, db
from movement_desk.services import commendations, community_models, sessions, settings
from movement_desk.services.actor import Actor
from movement_desk.services.bootstrap import prepare_database

COMMUNE_A = "01858"  # xã Bằng Thành, huyện Pác Nặm
COMMUNE_B = "01861"  # xã Nhạn Môn, huyện Pác Nặm
DISTRICT = "060"  # huyện Pác Nặm
PROVINCE = "06"


class Site:
    """One installation: its own database file, installation id and home unit."""

    def __init__(self, path: Path, home_unit: str, template: Path | None = None):
        self.path = path
        self.home_unit = home_unit
        self.actor = Actor(username=f"user-{home_unit}", unit_code=home_unit)
        if template is not None:
            source, target = sqlite3.connect(template), sqlite3.connect(path)
            with target:
                source.backup(target)
            source.close()
            target.close()
        with self:
            # A copied file would share the template's installation id: give each its own.
            settings.put("installation_id", str(uuid.uuid4()), "test")
            settings.put("home_unit_code", home_unit, "test")

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
