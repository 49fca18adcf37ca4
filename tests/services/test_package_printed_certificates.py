"""A package may change what a printed certificate does not say (services/packages/merge.py,
``check_frozen``): a recipient's position, beside a recipient whose certificate was never
printed, goes in; the printed certificate stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from movement_desk.db.models import Certificate, Commendation
from movement_desk.services import packages
from movement_desk.services.certificates import printing as certificates
from movement_desk.services.core.actor import LOCAL_ACTOR
from movement_desk.services.records import commendations
from tests.packages_helpers import (
    add_decision,
    commune_and_province,
    export_whole,
)


@pytest.fixture
def sites(tmp_path: Path, template_db: Path):
    with commune_and_province(tmp_path, template_db) as made:
        yield made


def test_a_package_may_change_what_a_printed_certificate_does_not_say(sites, tmp_path):
    decision_uuid = add_decision(sites["a"], "12/QĐ-UBND", ["Nguyễn Văn A", "Trần Thị B"])
    export_whole(sites["a"], tmp_path / "1.mdpkg")
    with sites["province"]:
        packages.import_package(tmp_path / "1.mdpkg", LOCAL_ACTOR)
        decision = commendations.get_decision(decision_uuid)
        chosen, _ = certificates.select_recipients(decision)
        printed = certificates.issue(
            decision, [chosen[0].uuid], LOCAL_ACTOR, certificates.print_options()
        )
        [serial] = printed.summary.serials
    with sites["a"]:
        decision = commendations.get_decision(decision_uuid)
        raw = commendations.decision_to_raw(decision)
        people = [
            commendations.recipient_to_raw(c) for c in commendations.decision_recipients(decision)
        ]
        for person in people:
            person["recipient_position"] = "Trưởng thôn"
        commendations.save_decision(raw, people, LOCAL_ACTOR, uuid=decision_uuid)
    export_whole(sites["a"], tmp_path / "2.mdpkg")
    with sites["province"]:
        report = packages.import_package(tmp_path / "2.mdpkg", LOCAL_ACTOR)
        assert report.counts["commendation"].updated == 2
        positions = {c.recipient_name: c.recipient_position for c in Commendation.select()}
        assert positions == {"Nguyễn Văn A": "Trưởng thôn", "Trần Thị B": "Trưởng thôn"}
        certificate = Certificate.get(Certificate.serial == serial)
        assert certificate.commendation.recipient_name == "Nguyễn Văn A"
