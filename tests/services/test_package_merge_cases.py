"""Merging packages, the less common cases: a record that arrives already deleted, a conflict
met again by a newer and by an older package, many foreign records named five at a time
(services/packages/merge.py)."""

from __future__ import annotations

import copy

from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.models import ActivitySession
from movement_desk.services import packages
from movement_desk.services.records import sessions
from tests.packages_helpers import COMMUNE_B, add_session, edit_session, repack, signer_of
from tests.services.test_package_signing import refused
from tests.services.test_packages import counts, export, import_, sites  # noqa: F401


def test_a_record_deleted_before_it_was_ever_sent_arrives_deleted(sites, tmp_path):  # noqa: F811
    commune, province = sites["a"], sites["province"]
    uuid = add_session(commune, "Nhập nhầm")
    with commune:
        sessions.delete_session(uuid, commune.actor)
    export(commune, tmp_path / "a.mdpkg")
    report = import_(province, tmp_path / "a.mdpkg")
    assert counts(report)["deleted"] == 1 and counts(report)["new"] == 0
    with province:
        stored = ActivitySession.get(ActivitySession.uuid == uuid)
        assert stored.deleted_at is not None
        entry = AuditEntry.get((AuditEntry.record_uuid == uuid) & (AuditEntry.action == "create"))
        assert "deleted_at" in entry.changes


def test_a_conflict_follows_the_newer_package_and_ignores_an_older_one(sites, tmp_path):  # noqa: F811
    commune, province = sites["a"], sites["province"]
    uuid = add_session(commune, "Phát động", participants=100)
    export(commune, tmp_path / "1.mdpkg")
    import_(province, tmp_path / "1.mdpkg")
    edit_session(province, uuid, participants=111)
    edit_session(commune, uuid, participants=222)
    export(commune, tmp_path / "2.mdpkg")
    edit_session(commune, uuid, participants=333)
    export(commune, tmp_path / "3.mdpkg")

    assert counts(import_(province, tmp_path / "2.mdpkg"))["conflicts"] == 1
    assert counts(import_(province, tmp_path / "3.mdpkg"))["conflicts"] == 1
    with province:
        [view] = packages.list_conflicts()
    assert {d.key: d.incoming for d in view.differing} == {"participants": "333"}
    # The older package again: the conflict keeps the newer version it holds.
    import_(province, tmp_path / "2.mdpkg")
    with province:
        [again] = packages.list_conflicts()
    assert again.id == view.id
    assert {d.key: d.incoming for d in again.differing} == {"participants": "333"}


def test_many_records_outside_the_signers_units_are_named_five_at_a_time(sites, tmp_path):  # noqa: F811
    commune, province = sites["a"], sites["province"]
    for number in range(7):
        add_session(commune, f"Buổi {number}")
    export(commune, tmp_path / "a.mdpkg")

    def plant_in_b(records):
        for line in records["activity_session"]:
            line["data"] = copy.deepcopy(line["data"])
            line["data"]["unit"] = COMMUNE_B

    repack(
        tmp_path / "a.mdpkg",
        tmp_path / "plant.mdpkg",
        lines_change=plant_in_b,
        signer=signer_of(commune),
    )
    message = refused(province, tmp_path / "plant.mdpkg", "ngoài phạm vi của đơn vị ký")
    assert message.count(f"(đơn vị {COMMUNE_B})") == 5
    assert "(và 2 bản ghi khác)" in message
