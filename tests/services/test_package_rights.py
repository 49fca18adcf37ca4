"""Packages obey the roles: who may export and import which units, the backup before an import,
the audit trail of packages, of the records they write and of settled conflicts, period locks
that refuse a package, revocations that travel, and account tables that never travel."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from movement_desk.db import backup
from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.connection import close_database
from movement_desk.services import package_file, packages
from movement_desk.services.admin import accounts
from movement_desk.services.certificates import printing as certificates
from movement_desk.services.core import period_locks
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import PermissionDenied
from movement_desk.services.records import commendations, sessions
from tests import server_backend
from tests.packages_helpers import (
    COMMUNE_A,
    DISTRICT,
    PROVINCE,
    Site,
    add_decision,
    add_session,
    edit_session,
    table_snapshot,
)

# Built-in actors carry their role themselves (no account to read).
PROVINCE_LEAD = Actor("lanhdao", role="supervisor", unit_code=PROVINCE)
OTHER_LEAD = Actor("lanhdao-babe", role="supervisor", unit_code="061")  # huyện Ba Bể
PROVINCE_CLERK = Actor("vanthu", role="clerk", unit_code=PROVINCE)
PROVINCE_OFFICER = Actor("canbo", role="officer", unit_code=PROVINCE)
COMMUNE_OFFICER = Actor("canbo-xa", role="officer", unit_code=COMMUNE_A)


@pytest.fixture
def sites(tmp_path: Path, template_db: Path):
    close_database()
    built = {
        "a": Site(tmp_path / "a.sqlite3", COMMUNE_A, template_db),
        "province": Site(tmp_path / "province.sqlite3", PROVINCE, template_db),
    }
    yield built
    close_database()


def _export(site: Site, path: Path, actor: Actor | None = None, **options):
    with site:
        return packages.export_package(site.home_unit, path, actor or site.actor, **options)


def _import(site: Site, path: Path, actor: Actor = PROVINCE_LEAD, **options):
    with site:
        return packages.import_package(path, actor, **options)


def _entries(site: Site, **where) -> list[tuple]:
    sql = "SELECT username, action, table_name, record_uuid, record_label, summary, changes FROM "
    sql += "audit_entry"
    if where:
        sql += " WHERE " + " AND ".join(f"{name} = ?" for name in where)
    return site.rows(sql + " ORDER BY id", *where.values())


# ---------------------------------------------------------------------------------------------
# Export


def test_every_role_exports_its_own_unit_only_and_the_export_is_audited(sites, tmp_path):
    add_session(sites["a"], "Phát động ở Bằng Thành")
    result = _export(sites["a"], tmp_path / "a.mdpkg", COMMUNE_OFFICER)
    assert result.counts["activity_session"]["records"] == 1
    with sites["a"], pytest.raises(PermissionDenied, match="Huyện Pác Nặm"):
        packages.export_package(DISTRICT, tmp_path / "d.mdpkg", COMMUNE_OFFICER)
    assert not (tmp_path / "d.mdpkg").exists()
    [entry] = _entries(sites["a"], action="package")
    username, _, table, uuid, label, summary, _ = entry
    assert (username, table, uuid) == ("canbo-xa", "package_exported", result.package_id)
    assert label == f"Xã Bằng Thành ({COMMUNE_A})"
    assert "1 buổi phát động, tuyên truyền" in summary and result.package_id in summary


# ---------------------------------------------------------------------------------------------
# Import: who, where, backup, audit


@pytest.mark.parametrize("actor", [PROVINCE_CLERK, PROVINCE_OFFICER])
def test_only_supervisors_and_administrators_import_even_a_dry_run(sites, tmp_path, actor):
    add_session(sites["a"], "Phát động")
    _export(sites["a"], tmp_path / "a.mdpkg")
    before = table_snapshot(sites["province"])
    for dry_run in (True, False):
        with pytest.raises(PermissionDenied, match="nhập gói dữ liệu"):
            _import(sites["province"], tmp_path / "a.mdpkg", actor, dry_run=dry_run)
    assert table_snapshot(sites["province"]) == before
    with sites["province"]:
        assert backup.list_backups() == []


def test_a_package_of_units_outside_the_scope_is_refused_whole(sites, tmp_path):
    add_session(sites["a"], "Phát động")
    _export(sites["a"], tmp_path / "a.mdpkg")
    before = table_snapshot(sites["province"])
    with pytest.raises(PermissionDenied, match=f"Xã Bằng Thành \\({COMMUNE_A}\\)") as caught:
        _import(sites["province"], tmp_path / "a.mdpkg", OTHER_LEAD)
    assert "không bị thay đổi" in str(caught.value)
    assert table_snapshot(sites["province"]) == before


def test_a_real_import_is_backed_up_first_and_audited_record_by_record(sites, tmp_path):
    first = add_session(sites["a"], "Phát động", participants=100)
    second = add_session(sites["a"], "Tuyên truyền", participants=40)
    add_decision(sites["a"], "12/QĐ-UBND", ["Hoàng Văn Bình"])
    _export(sites["a"], tmp_path / "1.mdpkg")

    preview = _import(sites["province"], tmp_path / "1.mdpkg", dry_run=True)
    assert preview.total("new") == 5  # with the organiser the sessions named (catalogue)
    with sites["province"]:
        assert backup.list_backups() == []  # a preview changes nothing: no backup
    assert _entries(sites["province"], username="lanhdao") == []

    report = _import(sites["province"], tmp_path / "1.mdpkg")
    # (the server takes no automatic backups: pg_dump is its administrator's)
    taken = [] if server_backend.on_server() else ["before-package-import"]
    with sites["province"]:
        assert [b.reason for b in backup.list_backups()] == taken
    created = _entries(sites["province"], action="create", username="lanhdao")
    assert len(created) == report.total("new") == 5
    by_uuid = {row[3]: row for row in created}
    username, _, table, _, label, summary, changes = by_uuid[first]
    assert (username, table) == ("lanhdao", "activity_session")
    assert label == "05/03/2024 – Phát động"
    assert "Xã Bằng Thành" in summary and report.package_id in summary
    values = json.loads(changes)
    assert values["participants"] == [None, 100]
    assert values["held_on"] == [None, "05/03/2024"]
    assert values["kind"] == [None, "Phát động"]  # a choice by its label, as forms are audited
    assert values["unit"] == [None, COMMUNE_A]
    commendation = next(row for row in created if row[2] == "commendation")
    assert json.loads(commendation[6])["decision"][1].startswith("Số 12/QĐ-UBND")
    [package_entry] = _entries(sites["province"], action="package")
    assert package_entry[3] == report.package_id
    assert "5 mới, 0 cập nhật" in package_entry[5] and "1.mdpkg" in package_entry[5]

    edit_session(sites["a"], first, participants="150")
    with sites["a"]:
        sessions.delete_session(second, sites["a"].actor)
    _export(sites["a"], tmp_path / "2.mdpkg")
    _import(sites["province"], tmp_path / "2.mdpkg")
    [updated] = _entries(sites["province"], action="update", username="lanhdao")
    assert updated[3] == first and json.loads(updated[6]) == {"participants": [100, 150]}
    [deleted] = _entries(sites["province"], action="delete", username="lanhdao")
    assert deleted[3] == second and json.loads(deleted[6])["deleted_at"][0] is None

    _import(sites["province"], tmp_path / "2.mdpkg")  # nothing changes: no record entries
    assert len(_entries(sites["province"], action="update", username="lanhdao")) == 1
    assert len(_entries(sites["province"], action="package")) == 3


# ---------------------------------------------------------------------------------------------
# Period locks


def test_a_package_changing_a_locked_period_is_refused_whole(sites, tmp_path):
    locked = add_session(sites["a"], "Trong kỳ đã khóa", day="05/03/2024")
    add_session(sites["a"], "Tháng sau", day="05/04/2024")
    _export(sites["a"], tmp_path / "1.mdpkg")
    with sites["province"]:
        period_locks.lock_period(DISTRICT, "2024-03", PROVINCE_LEAD, rule="calendar")
    before = table_snapshot(sites["province"])
    for dry_run in (True, False):
        with pytest.raises(period_locks.PeriodLockedError) as caught:
            _import(sites["province"], tmp_path / "1.mdpkg", dry_run=dry_run)
        message = str(caught.value)
        assert "“05/03/2024 – Trong kỳ đã khóa”" in message
        assert "kỳ 01/03/2024–31/03/2024 của Huyện Pác Nặm (khóa bởi lanhdao" in message
        assert "Tháng sau" not in message and "không bị thay đổi" in message
    assert table_snapshot(sites["province"]) == before

    # Unlocked (recorded), imported, locked again: the same package changes nothing now, and
    # an edit of the locked record is refused, new records of other months too with it.
    with sites["province"]:
        period_locks.unlock_period(
            DISTRICT, "2024-03", PROVINCE_LEAD, reason="Gói đến muộn", rule="calendar"
        )
    # The sessions and the organiser they named, which joined the commune's catalogue.
    assert _import(sites["province"], tmp_path / "1.mdpkg").total("new") == 3
    with sites["province"]:
        period_locks.lock_period(DISTRICT, "2024-03", PROVINCE_LEAD, rule="calendar")
    assert _import(sites["province"], tmp_path / "1.mdpkg").total("unchanged") == 3
    edit_session(sites["a"], locked, participants="999")
    add_session(sites["a"], "Tháng năm", day="05/05/2024")
    _export(sites["a"], tmp_path / "2.mdpkg")
    before = table_snapshot(sites["province"])
    with pytest.raises(period_locks.PeriodLockedError, match="Trong kỳ đã khóa"):
        _import(sites["province"], tmp_path / "2.mdpkg")
    assert table_snapshot(sites["province"]) == before


def test_commendations_count_in_their_decisions_period(sites, tmp_path):
    add_decision(sites["a"], "12/QĐ-UBND", ["Hoàng Văn Bình"])  # decided 10/03/2024
    _export(sites["a"], tmp_path / "1.mdpkg")
    _import(sites["province"], tmp_path / "1.mdpkg")
    with sites["province"]:
        period_locks.lock_period(COMMUNE_A, "2024-03", PROVINCE_LEAD, rule="calendar")
    with sites["a"]:
        [recipient] = commendations.commendation_query().execute()
        certificates.revoke(recipient.uuid, "Khen nhầm người", sites["a"].actor)
    _export(sites["a"], tmp_path / "2.mdpkg")
    with pytest.raises(period_locks.PeriodLockedError, match="Hoàng Văn Bình"):
        _import(sites["province"], tmp_path / "2.mdpkg")


# ---------------------------------------------------------------------------------------------
# Conflicts


def _conflict(sites, tmp_path) -> tuple[str, int]:
    uuid = add_session(sites["a"], "Phát động", participants=100)
    _export(sites["a"], tmp_path / "1.mdpkg")
    _import(sites["province"], tmp_path / "1.mdpkg")
    edit_session(sites["a"], uuid, participants="120")
    with sites["province"]:
        raw = sessions.session_to_raw(sessions.get_session(uuid))
        sessions.update_session(uuid, {**raw, "participants": "130"}, sites["province"].actor)
    _export(sites["a"], tmp_path / "2.mdpkg")
    assert _import(sites["province"], tmp_path / "2.mdpkg").total("conflicts") == 1
    with sites["province"]:
        [view] = packages.list_conflicts()
    return uuid, view.id


def test_settling_a_conflict_needs_package_import_and_is_audited(sites, tmp_path):
    uuid, conflict_id = _conflict(sites, tmp_path)
    with sites["province"]:
        for actor in (PROVINCE_CLERK, PROVINCE_OFFICER, OTHER_LEAD):
            with pytest.raises(PermissionDenied):
                packages.resolve_conflict(conflict_id, "incoming", actor)
        assert packages.pending_conflict_count() == 1
        packages.resolve_conflict(conflict_id, "incoming", PROVINCE_LEAD)
        assert sessions.get_session(uuid).participants == 120
    [entry] = [
        e
        for e in _entries(sites["province"], action="update", username="lanhdao")
        if e[0] == "lanhdao"
    ]
    assert entry[3] == uuid
    assert json.loads(entry[6]) == {"participants": [130, 120]}
    assert f"Xử lý xung đột số {conflict_id}" in entry[5] and "giữ bản trong gói" in entry[5]


def test_taking_the_incoming_version_into_a_locked_period_is_refused(sites, tmp_path):
    uuid, conflict_id = _conflict(sites, tmp_path)
    with sites["province"]:
        period_locks.lock_period(COMMUNE_A, "2024-03", PROVINCE_LEAD, rule="calendar")
        with pytest.raises(period_locks.PeriodLockedError):
            packages.resolve_conflict(conflict_id, "incoming", PROVINCE_LEAD)
        assert sessions.get_session(uuid).participants == 130
        packages.resolve_conflict(conflict_id, "local", PROVINCE_LEAD)  # nothing counted changes
        assert packages.pending_conflict_count() == 0
    entry = _entries(sites["province"], action="update", username="lanhdao")[-1]
    assert "giữ bản ở máy này" in entry[5] and entry[6] == ""


# ---------------------------------------------------------------------------------------------
# What travels


def test_a_revocation_travels_and_unrevoked_lines_keep_their_old_shape(sites, tmp_path):
    add_decision(sites["a"], "12/QĐ-UBND", ["Hoàng Văn Bình", "Lục Thị Hoa"])
    _export(sites["a"], tmp_path / "1.mdpkg")
    with zipfile.ZipFile(tmp_path / "1.mdpkg") as archive:
        lines = [json.loads(x) for x in archive.read("records/commendation.jsonl").splitlines()]
    assert all("revoked_at" not in line["data"] for line in lines)
    _import(sites["province"], tmp_path / "1.mdpkg")
    with sites["a"]:
        target = next(
            c for c in commendations.commendation_query() if c.recipient_name == "Lục Thị Hoa"
        )
        certificates.revoke(target.uuid, "Khen nhầm người", sites["a"].actor)
    _export(sites["a"], tmp_path / "2.mdpkg")
    report = _import(sites["province"], tmp_path / "2.mdpkg")
    assert report.counts["commendation"].as_dict()["updated"] == 1
    assert report.counts["commendation"].as_dict()["unchanged"] == 1
    reason, by, at = sites["province"].rows(
        "SELECT revoked_reason, revoked_by, revoked_at FROM commendation WHERE uuid = ?",
        target.uuid,
    )[0]
    assert (reason, by) == ("Khen nhầm người", sites["a"].actor.username) and at
    [entry] = _entries(sites["province"], action="update", record_uuid=target.uuid)
    assert json.loads(entry[6])["revoked_reason"] == ["", "Khen nhầm người"]


def test_accounts_audit_trail_and_locks_never_travel(sites, tmp_path, fast_hashing):
    with sites["province"]:
        accounts.create_first_admin("quantri", "mat-khau-bi-mat-1", PROVINCE)
        admin = accounts.authenticate("quantri", "mat-khau-bi-mat-1")
        period_locks.lock_period(DISTRICT, "2023-01", admin, rule="calendar")
        sessions.create_session(
            {
                "date": "05/03/2024",
                "unit_code": COMMUNE_A,
                "kind": "launch",
                "organizer_kind": "police",
                "title": "Phát động",
            },
            admin,
        )
        password_hash = sites["province"].rows("SELECT password_hash FROM user_account")[0][0]
        assert AuditEntry.select().count() >= 3
        packages.export_package(PROVINCE, tmp_path / "p.mdpkg", admin)
    with zipfile.ZipFile(tmp_path / "p.mdpkg") as archive:
        names = archive.namelist()
        blobs = b"".join(archive.read(name) for name in names)
        manifest = json.loads(archive.read("manifest.json"))
    assert set(names) <= {
        package_file.MANIFEST_NAME,
        package_file.CHECKSUM_NAME,
        package_file.SIGNATURE_NAME,
    } | {package_file.records_file_name(kind) for kind in packages.KIND_ORDER}
    for table in ("user_account", "audit_entry", "period_lock"):
        assert table not in packages.KIND_ORDER
        assert table.encode() not in blobs
        assert table not in manifest["counts"]
    assert password_hash.encode() not in blobs
    assert b"mat-khau-bi-mat-1" not in blobs
    assert "Phát động".encode() in blobs  # the data itself did travel
