"""Packages at first sight (services/packages/merge.py, conflicts.py, file_format.py): a record
made and deleted at the commune before any package reaches the province arrives deleted, a
recipient edited on both sides is settled with the commune's version, and a package file that
is not there is said so."""

from __future__ import annotations

from pathlib import Path

import pytest

from movement_desk.db.models import ActivitySession, Commendation
from movement_desk.services import packages
from movement_desk.services.core.actor import LOCAL_ACTOR
from movement_desk.services.packages.file_format import PackageError
from movement_desk.services.records import commendations, sessions
from tests.packages_helpers import (
    Site,
    add_decision,
    add_session,
    commune_and_province,
    export_whole,
)


@pytest.fixture
def sites(tmp_path: Path, template_db: Path):
    with commune_and_province(tmp_path, template_db) as made:
        yield made


def test_a_record_deleted_before_it_was_ever_sent_arrives_deleted(sites, tmp_path):
    kept = add_session(sites["a"], "Phát động")
    gone = add_session(sites["a"], "Nhập nhầm")
    wrong_decision = add_decision(sites["a"], "99/QĐ-UBND", ["Nhầm Người"])
    with sites["a"]:
        sessions.delete_session(gone, LOCAL_ACTOR)
        commendations.delete_decision(wrong_decision, LOCAL_ACTOR)
    export_whole(sites["a"], tmp_path / "1.mdpkg")
    with sites["province"]:
        report = packages.import_package(tmp_path / "1.mdpkg", LOCAL_ACTOR)
        counted = report.counts["activity_session"]
        assert (counted.new, counted.deleted) == (1, 1)
        stored = {s.uuid: s.deleted_at is not None for s in ActivitySession.select()}
        assert stored == {kept: False, gone: True}
        # So does a decision deleted there: it is no live decision here.
        assert report.counts["decision"].deleted == 1
        assert commendations.find_decision("99/QĐ-UBND") is None


def _recipient_position(site: Site, decision_uuid: str, position: str) -> None:
    with site:
        decision = commendations.get_decision(decision_uuid)
        raw = commendations.decision_to_raw(decision)
        people = [
            commendations.recipient_to_raw(c) for c in commendations.decision_recipients(decision)
        ]
        people[0]["recipient_position"] = position
        commendations.save_decision(raw, people, LOCAL_ACTOR, uuid=decision_uuid)


def test_a_recipient_edited_on_both_sides_is_settled_with_the_communes_version(sites, tmp_path):
    decision = add_decision(sites["a"], "12/QĐ-UBND", ["Nguyễn Văn A"])
    export_whole(sites["a"], tmp_path / "1.mdpkg")
    with sites["province"]:
        packages.import_package(tmp_path / "1.mdpkg", LOCAL_ACTOR)
    _recipient_position(sites["province"], decision, "Trưởng thôn")
    _recipient_position(sites["a"], decision, "Phó trưởng thôn")
    export_whole(sites["a"], tmp_path / "2.mdpkg")
    with sites["province"]:
        report = packages.import_package(tmp_path / "2.mdpkg", LOCAL_ACTOR)
        assert report.counts["commendation"].conflicts == 1
        [view] = packages.list_conflicts()
        assert view.kind == "commendation"
        packages.resolve_conflict(view.id, "incoming", LOCAL_ACTOR)
        [recipient] = Commendation.select()
        assert recipient.recipient_position == "Phó trưởng thôn"
        assert packages.pending_conflict_count() == 0


def test_a_package_file_that_is_not_there_is_said_so(database, actor, tmp_path):
    missing = tmp_path / "khong-co.mdpkg"
    with pytest.raises(PackageError, match="^Không tìm thấy tệp gói dữ liệu .*khong-co.mdpkg.$"):
        packages.import_package(missing, actor)
