"""Offline consolidation with two commune databases, a district and a province.

Each test builds its own databases from the session template and sends packages between them
as files, the way a USB stick or an e-mail would.
"""

from __future__ import annotations

import json
import uuid
import zipfile
from datetime import date
from pathlib import Path

import pytest

from movement_desk.db.connection import close_database
from movement_desk.services import packages
from movement_desk.services.core.actor import LOCAL_ACTOR
from movement_desk.services.core.errors import ServiceError
from movement_desk.services.package_file import PackageError
from movement_desk.services.records import sessions
from tests.packages_helpers import (
    COMMUNE_A,
    COMMUNE_B,
    DISTRICT,
    PROVINCE,
    Site,
    add_decision,
    add_model,
    add_session,
    edit_session,
    live_count,
    repack,
    signer_of,
    table_snapshot,
)


@pytest.fixture
def sites(tmp_path: Path, template_db: Path):
    close_database()
    built = {
        "a": Site(tmp_path / "a.sqlite3", COMMUNE_A, template_db),
        "b": Site(tmp_path / "b.sqlite3", COMMUNE_B, template_db),
        "district": Site(tmp_path / "district.sqlite3", DISTRICT, template_db),
        "province": Site(tmp_path / "province.sqlite3", PROVINCE, template_db),
    }
    yield built
    close_database()


def export(site: Site, path: Path, **options) -> packages.ExportResult:
    with site:
        return packages.export_package(site.home_unit, path, site.actor, **options)


def import_(site: Site, path: Path, **options) -> packages.ImportReport:
    with site:
        return packages.import_package(path, site.actor, **options)


def session_row(site: Site, uuid_: str) -> dict:
    with site:
        session = sessions.ActivitySession.get(sessions.ActivitySession.uuid == uuid_)
        return {
            "title": session.title,
            "participants": session.participants,
            "deleted": session.deleted_at is not None,
            "origin": session.origin,
            "revision": session.revision,
        }


def counts(report: packages.ImportReport, kind: str = "activity_session") -> dict:
    return report.counts[kind].as_dict()


# ---------------------------------------------------------------------------------------------
# Export and the file


def test_export_writes_a_package_with_manifest_counts_and_checksums(sites, tmp_path):
    add_session(sites["a"], "Phát động ở Bằng Thành")
    gone = add_session(sites["a"], "Buổi nhập nhầm")
    with sites["a"]:
        sessions.delete_session(gone, sites["a"].actor)
    result = export(sites["a"], tmp_path / "a.mdpkg")
    assert result.counts["activity_session"] == {"records": 2, "deleted": 1}
    assert "2 buổi phát động, tuyên truyền (1 đã xóa)" in result.summary()
    with zipfile.ZipFile(tmp_path / "a.mdpkg") as archive:
        manifest = json.loads(archive.read("manifest.json"))
        lines = archive.read("records/activity_session.jsonl").decode().splitlines()
    assert manifest["format"] == "movement-desk-package"
    assert manifest["format_version"] == 2
    assert manifest["source"]["unit_code"] == COMMUNE_A
    assert manifest["scope"]["mode"] == "all"
    assert manifest["counts"]["activity_session"]["records"] == 2
    assert set(manifest["files"]["records/activity_session.jsonl"]) == {
        "sha256",
        "records",
        "bytes",
    }
    record = json.loads(lines[0])
    assert record["data"]["unit"] == COMMUNE_A
    installation = sites["a"].scalar("SELECT value FROM setting WHERE key = 'installation_id'")
    assert record["vector"] == {json.loads(installation): 1}


def test_export_of_a_commune_holds_only_its_own_records(sites, tmp_path):
    with sites["district"]:
        pass
    add_session(sites["district"], "Buổi ở Bằng Thành", participants=10)
    with sites["district"]:
        sessions.create_session(
            {
                "date": "06/03/2024",
                "unit_code": COMMUNE_B,
                "kind": "launch",
                "organizer_kind": "police",
                "title": "Buổi ở Nhạn Môn",
            },
            sites["district"].actor,
        )
        result = packages.export_package(COMMUNE_B, tmp_path / "b.mdpkg", sites["district"].actor)
    assert result.counts["activity_session"]["records"] == 1


def test_period_export_holds_records_of_the_period_and_since_last_only_changes(sites, tmp_path):
    march = add_session(sites["a"], "Tháng 3", day="05/03/2024")
    add_session(sites["a"], "Tháng 1", day="05/01/2024")
    # Dates and stamps in the past: created_at is now, so push it back to test --period by date.
    with sites["a"]:
        sessions.ActivitySession.update(
            created_at="2024-01-06 08:00:00", updated_at="2024-01-06 08:00:00"
        ).execute()
    result = export(sites["a"], tmp_path / "p.mdpkg", period="2024-03", rule="calendar")
    assert result.counts["activity_session"]["records"] == 1
    assert result.mode == "period"

    first = export(sites["a"], tmp_path / "s1.mdpkg", since_last=True)
    assert first.counts["activity_session"]["records"] == 0  # nothing changed since "p"
    edit_session(sites["a"], march, participants=150)
    second = export(sites["a"], tmp_path / "s2.mdpkg", since_last=True)
    assert second.counts["activity_session"]["records"] == 1


# ---------------------------------------------------------------------------------------------
# Import: new, re-import, updates, older packages


def test_two_communes_merge_into_the_province_without_duplicates(sites, tmp_path):
    add_session(sites["a"], "Phát động ở Bằng Thành", participants=120)
    add_session(sites["b"], "Phát động ở Nhạn Môn", participants=80)
    export(sites["a"], tmp_path / "a.mdpkg")
    export(sites["b"], tmp_path / "b.mdpkg")

    preview = import_(sites["province"], tmp_path / "a.mdpkg", dry_run=True)
    assert counts(preview)["new"] == 1
    assert live_count(sites["province"], "activity_session") == 0  # the preview wrote nothing

    assert counts(import_(sites["province"], tmp_path / "a.mdpkg"))["new"] == 1
    assert counts(import_(sites["province"], tmp_path / "b.mdpkg"))["new"] == 1
    again = import_(sites["province"], tmp_path / "a.mdpkg")
    assert counts(again) == {"new": 0, "updated": 0, "unchanged": 1, "deleted": 0, "conflicts": 0}
    assert again.already_received
    assert live_count(sites["province"], "activity_session") == 2
    assert sites["province"].scalar("SELECT sum(participants) FROM activity_session") == 200
    assert (
        sites["province"].scalar(
            "SELECT times_received FROM package_received WHERE unit_code = ?", COMMUNE_A
        )
        == 2
    )


def test_reimport_changes_nothing_at_all(sites, tmp_path):
    add_session(sites["a"], "Phát động")
    add_model(sites["a"], "Camera thôn Nà Coóc")
    add_decision(sites["a"], "12/QĐ-UBND", ["Hoàng Văn Bình", "Lục Thị Hoa"])
    export(sites["a"], tmp_path / "a.mdpkg")
    import_(sites["province"], tmp_path / "a.mdpkg")
    before = table_snapshot(sites["province"])
    report = import_(sites["province"], tmp_path / "a.mdpkg")
    after = table_snapshot(sites["province"])
    before.pop("package_received")
    after.pop("package_received")
    assert before == after
    assert report.total("new") == report.total("updated") == report.total("conflicts") == 0


def test_models_and_commendations_travel_with_their_type_and_decision(sites, tmp_path):
    add_model(sites["a"], "Camera thôn Nà Coóc", model_type="Camera an ninh", members=7)
    add_decision(sites["a"], "12/QĐ-UBND", ["Hoàng Văn Bình", "Lục Thị Hoa"])
    result = export(sites["a"], tmp_path / "a.mdpkg")
    assert result.counts["model_type"]["records"] == 1
    assert result.counts["decision"]["records"] == 1
    assert result.counts["commendation"]["records"] == 2
    report = import_(sites["province"], tmp_path / "a.mdpkg")
    assert report.counts["commendation"].new == 2
    rows = sites["province"].rows(
        "SELECT m.name, t.name, m.members FROM community_model m "
        "JOIN model_type t ON t.id = m.model_type_id"
    )
    assert rows == [("Camera thôn Nà Coóc", "Camera an ninh", 7)]
    names = sites["province"].rows(
        "SELECT c.recipient_name, d.number FROM commendation c JOIN decision d "
        "ON d.id = c.decision_id ORDER BY c.position"
    )
    assert names == [("Hoàng Văn Bình", "12/QĐ-UBND"), ("Lục Thị Hoa", "12/QĐ-UBND")]
    # The search keys are rebuilt from the imported text: "luc thi" finds "Lục Thị Hoa".
    with sites["province"]:
        from movement_desk.services.core.filters import RecordFilter
        from movement_desk.services.records import commendations

        found = list(commendations.commendation_query(RecordFilter(text="luc thi hoa")))
    assert [c.recipient_name for c in found] == ["Lục Thị Hoa"]


def test_model_types_with_other_uuids_are_matched_by_name(tmp_path, sites):
    # A database prepared on its own machine has its own uuids for the bundled catalogue.
    close_database()
    lone = Site(tmp_path / "lone.sqlite3", COMMUNE_A)
    add_model(lone, "Camera chợ Bộc Bố", model_type="Camera an ninh")
    export(lone, tmp_path / "lone.mdpkg")
    report = import_(sites["province"], tmp_path / "lone.mdpkg")
    assert report.counts["model_type"].unchanged == 1
    assert report.counts["community_model"].new == 1
    assert (
        sites["province"].scalar(
            "SELECT count(*) FROM model_type WHERE search_key = 'camera an ninh'"
        )
        == 1
    )
    assert sites["province"].rows(
        "SELECT t.name FROM community_model m JOIN model_type t ON t.id = m.model_type_id"
    ) == [("Camera an ninh",)]


def test_a_decision_entered_on_both_sides_is_not_duplicated(sites, tmp_path):
    add_decision(sites["a"], "12/QĐ-UBND", ["Hoàng Văn Bình"])
    add_decision(sites["province"], "12/QĐ-UBND", ["Lục Thị Hoa"], unit_code=COMMUNE_A)
    export(sites["a"], tmp_path / "a.mdpkg")
    report = import_(sites["province"], tmp_path / "a.mdpkg")
    assert report.counts["decision"].new == 0
    assert live_count(sites["province"], "decision") == 1
    names = sites["province"].rows("SELECT recipient_name FROM commendation ORDER BY 1")
    assert names == [("Hoàng Văn Bình",), ("Lục Thị Hoa",)]


def test_a_decision_entered_differently_on_both_sides_is_a_conflict(sites, tmp_path):
    add_decision(sites["a"], "12/QĐ-UBND", ["Hoàng Văn Bình"])
    add_decision(sites["province"], "12/qđ-ubnd", ["Lục Thị Hoa"], unit_code=COMMUNE_A)
    with sites["province"]:
        from movement_desk.db.models import Decision

        Decision.update(signer_name="Trần Văn Tỉnh").execute()
    export(sites["a"], tmp_path / "a.mdpkg")
    report = import_(sites["province"], tmp_path / "a.mdpkg")
    assert report.counts["decision"].conflicts == 1
    assert report.counts["commendation"].new == 1
    with sites["province"]:
        [view] = packages.list_conflicts()
        assert {d.key: (d.local, d.incoming) for d in view.differing} == {
            "number": ("12/qđ-ubnd", "12/QĐ-UBND"),
            "signer_name": ("Trần Văn Tỉnh", "Nguyễn Văn A"),
        }
        packages.resolve_conflict(view.id, "incoming", sites["province"].actor)
    assert sites["province"].rows("SELECT number, signer_name FROM decision") == [
        ("12/QĐ-UBND", "Nguyễn Văn A")
    ]
    again = import_(sites["province"], tmp_path / "a.mdpkg")
    assert again.total("conflicts") == 0
    assert live_count(sites["province"], "decision") == 1
    assert live_count(sites["province"], "commendation") == 2


def test_an_edit_at_the_commune_updates_the_province(sites, tmp_path):
    session = add_session(sites["a"], "Phát động", participants=100)
    export(sites["a"], tmp_path / "1.mdpkg")
    import_(sites["province"], tmp_path / "1.mdpkg")
    edit_session(sites["a"], session, participants=250, title="Phát động (bổ sung)")
    export(sites["a"], tmp_path / "2.mdpkg", since_last=True)
    report = import_(sites["province"], tmp_path / "2.mdpkg")
    assert counts(report)["updated"] == 1
    row = session_row(sites["province"], session)
    assert row["participants"] == 250
    assert row["title"] == "Phát động (bổ sung)"


def test_an_older_package_after_a_newer_one_changes_nothing(sites, tmp_path):
    session = add_session(sites["a"], "Phát động", participants=100)
    export(sites["a"], tmp_path / "old.mdpkg")
    edit_session(sites["a"], session, participants=300)
    export(sites["a"], tmp_path / "new.mdpkg")
    import_(sites["province"], tmp_path / "new.mdpkg")
    before = table_snapshot(sites["province"])
    report = import_(sites["province"], tmp_path / "old.mdpkg")
    assert counts(report) == {"new": 0, "updated": 0, "unchanged": 1, "deleted": 0, "conflicts": 0}
    after = table_snapshot(sites["province"])
    assert before["activity_session"] == after["activity_session"]
    assert before["sync_state"] == after["sync_state"]
    assert session_row(sites["province"], session)["participants"] == 300


def test_a_deletion_travels_and_a_restore_after_it(sites, tmp_path):
    session = add_session(sites["a"], "Buổi nhập nhầm")
    export(sites["a"], tmp_path / "1.mdpkg")
    import_(sites["province"], tmp_path / "1.mdpkg")
    with sites["a"]:
        sessions.delete_session(session, sites["a"].actor)
    export(sites["a"], tmp_path / "2.mdpkg")
    report = import_(sites["province"], tmp_path / "2.mdpkg")
    assert counts(report)["deleted"] == 1
    assert session_row(sites["province"], session)["deleted"] is True
    assert live_count(sites["province"], "activity_session") == 0
    with sites["a"]:
        sessions.restore_session(session, sites["a"].actor)
    export(sites["a"], tmp_path / "3.mdpkg")
    assert counts(import_(sites["province"], tmp_path / "3.mdpkg"))["updated"] == 1
    assert session_row(sites["province"], session)["deleted"] is False


# ---------------------------------------------------------------------------------------------
# Conflicts


def _edited_on_both_sides(sites, tmp_path) -> str:
    session = add_session(sites["a"], "Phát động", participants=100)
    export(sites["a"], tmp_path / "1.mdpkg")
    import_(sites["province"], tmp_path / "1.mdpkg")
    edit_session(sites["province"], session, participants=111)  # corrected at the province
    edit_session(sites["a"], session, participants=222)  # and at the commune
    export(sites["a"], tmp_path / "2.mdpkg")
    return session


def test_an_edit_on_both_sides_is_a_conflict_and_the_local_version_stays(sites, tmp_path):
    session = _edited_on_both_sides(sites, tmp_path)
    report = import_(sites["province"], tmp_path / "2.mdpkg")
    assert counts(report)["conflicts"] == 1
    assert [c.uuid for c in report.conflicts] == [session]
    assert session_row(sites["province"], session)["participants"] == 111
    with sites["province"]:
        [view] = packages.list_conflicts()
    assert view.kind == "activity_session"
    differing = {d.key: (d.local, d.incoming) for d in view.differing}
    assert differing == {"participants": ("111", "222")}
    # Importing the same package again does not add a second conflict.
    import_(sites["province"], tmp_path / "2.mdpkg")
    assert sites["province"].scalar("SELECT count(*) FROM sync_conflict") == 1


def test_picking_the_incoming_version_settles_the_conflict_for_good(sites, tmp_path):
    session = _edited_on_both_sides(sites, tmp_path)
    import_(sites["province"], tmp_path / "2.mdpkg")
    with sites["province"]:
        [view] = packages.list_conflicts()
        packages.resolve_conflict(view.id, "incoming", sites["province"].actor)
        assert packages.list_conflicts() == []
    assert session_row(sites["province"], session)["participants"] == 222
    report = import_(sites["province"], tmp_path / "2.mdpkg")
    assert counts(report)["conflicts"] == 0
    assert session_row(sites["province"], session)["participants"] == 222


def test_keeping_the_local_version_makes_it_newer_than_both(sites, tmp_path):
    session = _edited_on_both_sides(sites, tmp_path)
    import_(sites["province"], tmp_path / "2.mdpkg")
    with sites["province"]:
        [view] = packages.list_conflicts()
        packages.resolve_conflict(view.id, "local", sites["province"].actor)
        with pytest.raises(ServiceError, match="đã được xử lý"):
            packages.resolve_conflict(view.id, "incoming", sites["province"].actor)
    assert counts(import_(sites["province"], tmp_path / "2.mdpkg"))["unchanged"] == 1
    assert session_row(sites["province"], session)["participants"] == 111
    # The province's choice wins when it travels back to the commune.
    with sites["province"]:
        packages.export_package(COMMUNE_A, tmp_path / "back.mdpkg", sites["province"].actor)
    assert counts(import_(sites["a"], tmp_path / "back.mdpkg"))["updated"] == 1
    assert session_row(sites["a"], session)["participants"] == 111


def test_a_deletion_against_an_edit_is_a_conflict(sites, tmp_path):
    session = add_session(sites["a"], "Phát động")
    export(sites["a"], tmp_path / "1.mdpkg")
    import_(sites["province"], tmp_path / "1.mdpkg")
    edit_session(sites["province"], session, participants=5)
    with sites["a"]:
        sessions.delete_session(session, sites["a"].actor)
    export(sites["a"], tmp_path / "2.mdpkg")
    report = import_(sites["province"], tmp_path / "2.mdpkg")
    assert counts(report)["conflicts"] == 1
    assert session_row(sites["province"], session)["deleted"] is False
    with sites["province"]:
        [view] = packages.list_conflicts()
        status = view.fields[0]
        assert (status.local, status.incoming) == ("Đang sử dụng", "Đã xóa")
        packages.resolve_conflict(view.id, "incoming", sites["province"].actor)
    assert session_row(sites["province"], session)["deleted"] is True


def test_the_same_edit_on_both_sides_is_not_a_conflict(sites, tmp_path):
    session = add_session(sites["a"], "Phát động", participants=100)
    export(sites["a"], tmp_path / "1.mdpkg")
    import_(sites["province"], tmp_path / "1.mdpkg")
    edit_session(sites["province"], session, participants=150)
    edit_session(sites["a"], session, participants=150)
    export(sites["a"], tmp_path / "2.mdpkg")
    assert counts(import_(sites["province"], tmp_path / "2.mdpkg"))["unchanged"] == 1


def test_a_newer_incoming_version_that_saw_the_local_one_closes_the_conflict(sites, tmp_path):
    session = _edited_on_both_sides(sites, tmp_path)
    import_(sites["province"], tmp_path / "2.mdpkg")
    # The commune receives the province's version, takes it, and sends it up again.
    with sites["province"]:
        packages.export_package(COMMUNE_A, tmp_path / "down.mdpkg", sites["province"].actor)
    import_(sites["a"], tmp_path / "down.mdpkg")
    with sites["a"]:
        [view] = packages.list_conflicts()
        packages.resolve_conflict(view.id, "incoming", sites["a"].actor)
    export(sites["a"], tmp_path / "3.mdpkg")
    report = import_(sites["province"], tmp_path / "3.mdpkg")
    assert counts(report)["unchanged"] == 1
    assert session_row(sites["province"], session)["participants"] == 111
    with sites["province"]:
        assert packages.list_conflicts() == []
        [closed] = packages.list_conflicts(include_resolved=True)
    assert closed.resolution == "superseded"


# ---------------------------------------------------------------------------------------------
# District relay and the register


def test_a_district_relays_its_communes_and_every_record_keeps_its_origin(sites, tmp_path):
    a_session = add_session(sites["a"], "Phát động ở Bằng Thành", participants=120)
    b_session = add_session(sites["b"], "Phát động ở Nhạn Môn", participants=80)
    origin_a = session_row(sites["a"], a_session)["origin"]
    export(sites["a"], tmp_path / "a.mdpkg", period="2024-03", rule="calendar")
    export(sites["b"], tmp_path / "b.mdpkg", period="2024-03", rule="calendar")
    import_(sites["district"], tmp_path / "a.mdpkg")
    import_(sites["district"], tmp_path / "b.mdpkg")
    add_session(sites["district"], "Hội nghị cấp huyện", participants=40)
    relay = export(sites["district"], tmp_path / "district.mdpkg")
    assert relay.counts["activity_session"]["records"] == 3

    report = import_(sites["province"], tmp_path / "district.mdpkg")
    assert counts(report)["new"] == 3
    assert session_row(sites["province"], a_session)["origin"] == origin_a
    assert session_row(sites["province"], b_session)["origin"] != origin_a
    # Commune A also sent its package straight to the province: nothing doubles.
    assert counts(import_(sites["province"], tmp_path / "a.mdpkg"))["unchanged"] == 1
    assert sites["province"].scalar("SELECT sum(participants) FROM activity_session") == 240

    with sites["province"]:
        march = packages.received_units(DISTRICT, date(2024, 3, 1), date(2024, 3, 31))
        april = packages.received_units(DISTRICT, date(2024, 4, 1), date(2024, 4, 30))
        register = packages.received_packages(DISTRICT)
    assert march.received_count == 2
    assert march.expected_count == 10
    assert march.text == "Đã nhận dữ liệu của 2/10 xã, phường, thị trấn"
    assert {u.code for u in march.units if u.received} == {COMMUNE_A, COMMUNE_B}
    assert april.received_count == 0
    assert {r.unit_code for r in register} == {DISTRICT, COMMUNE_A, COMMUNE_B}


def test_since_last_at_the_district_sends_what_arrived_from_communes_since(sites, tmp_path):
    add_session(sites["a"], "Tháng 3 ở Bằng Thành")
    export(sites["a"], tmp_path / "a1.mdpkg")
    import_(sites["district"], tmp_path / "a1.mdpkg")
    first = export(sites["district"], tmp_path / "d1.mdpkg", since_last=True)
    assert first.counts["activity_session"]["records"] == 1
    empty = export(sites["district"], tmp_path / "d2.mdpkg", since_last=True)
    assert empty.counts["activity_session"]["records"] == 0
    add_session(sites["b"], "Tháng 3 ở Nhạn Môn")
    export(sites["b"], tmp_path / "b1.mdpkg")
    import_(sites["district"], tmp_path / "b1.mdpkg")
    third = export(sites["district"], tmp_path / "d3.mdpkg", since_last=True)
    assert third.counts["activity_session"]["records"] == 1
    for name in ("d1", "d2", "d3"):
        import_(sites["province"], tmp_path / f"{name}.mdpkg")
    assert live_count(sites["province"], "activity_session") == 2


def test_an_edit_relayed_by_the_district_then_a_late_commune_edit_conflicts(sites, tmp_path):
    session = add_session(sites["a"], "Phát động", participants=100)
    export(sites["a"], tmp_path / "a1.mdpkg")
    import_(sites["district"], tmp_path / "a1.mdpkg")
    import_(sites["province"], tmp_path / "a1.mdpkg")
    edit_session(sites["district"], session, participants=101)
    export(sites["district"], tmp_path / "d.mdpkg")
    assert counts(import_(sites["province"], tmp_path / "d.mdpkg"))["updated"] == 1
    edit_session(sites["a"], session, participants=102)
    export(sites["a"], tmp_path / "a2.mdpkg")
    assert counts(import_(sites["province"], tmp_path / "a2.mdpkg"))["conflicts"] == 1
    assert session_row(sites["province"], session)["participants"] == 101


def test_completeness_needs_the_whole_period(sites, tmp_path):
    add_session(sites["a"], "Tháng 1", day="05/01/2024")
    export(sites["a"], tmp_path / "jan.mdpkg", period="2024-01", rule="calendar")
    export(sites["a"], tmp_path / "feb.mdpkg", period="2024-02", rule="calendar")
    import_(sites["province"], tmp_path / "jan.mdpkg")
    with sites["province"]:
        q1 = packages.received_units(COMMUNE_A, date(2024, 1, 1), date(2024, 3, 31))
        january = packages.received_units(COMMUNE_A, date(2024, 1, 1), date(2024, 1, 31))
    assert (q1.received_count, january.received_count) == (0, 1)
    import_(sites["province"], tmp_path / "feb.mdpkg")
    with sites["province"]:
        two_months = packages.received_units(COMMUNE_A, date(2024, 1, 1), date(2024, 2, 29))
    assert two_months.received_count == 1


# ---------------------------------------------------------------------------------------------
# Refused files: nothing changes


def _rewrite(source: Path, target: Path, change) -> None:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            copy.writestr(item, change(item.filename, original.read(item.filename)))


def _refused(site: Site, path: Path, match: str) -> None:
    before = table_snapshot(site)
    with site, pytest.raises(PackageError, match=match) as caught:
        packages.import_package(path, site.actor)
    assert "không bị thay đổi" in str(caught.value)
    assert table_snapshot(site) == before


def test_an_altered_package_is_refused(sites, tmp_path):
    add_session(sites["a"], "Phát động", participants=100)
    export(sites["a"], tmp_path / "a.mdpkg")

    def inflate(name, data):
        return (
            data.replace(b'"participants":100', b'"participants":9999')
            if "session" in name
            else data
        )

    _rewrite(tmp_path / "a.mdpkg", tmp_path / "altered.mdpkg", inflate)
    _refused(sites["province"], tmp_path / "altered.mdpkg", "đã bị sửa hoặc hỏng")


def test_a_truncated_package_is_refused(sites, tmp_path):
    for n in range(30):
        add_session(sites["a"], f"Buổi {n}")
    export(sites["a"], tmp_path / "a.mdpkg")
    data = (tmp_path / "a.mdpkg").read_bytes()
    (tmp_path / "cut.mdpkg").write_bytes(data[: len(data) // 2])
    _refused(sites["province"], tmp_path / "cut.mdpkg", "cắt cụt")


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"code,name\n01,x\n", "không phải gói dữ liệu"),
        (b"", "không phải gói dữ liệu"),
    ],
)
def test_a_foreign_file_is_refused(sites, tmp_path, content, match):
    (tmp_path / "foreign.mdpkg").write_bytes(content)
    _refused(sites["province"], tmp_path / "foreign.mdpkg", match)


def test_a_zip_of_something_else_is_refused(sites, tmp_path):
    with zipfile.ZipFile(tmp_path / "photos.zip", "w") as archive:
        archive.writestr("anh.jpg", b"\xff\xd8")
    _refused(sites["province"], tmp_path / "photos.zip", "thiếu manifest")


def test_a_package_from_a_newer_program_is_refused(sites, tmp_path):
    add_session(sites["a"], "Phát động")
    export(sites["a"], tmp_path / "a.mdpkg")

    def newer(manifest):
        manifest["format_version"] = 7

    repack(
        tmp_path / "a.mdpkg",
        tmp_path / "newer.mdpkg",
        manifest_change=newer,
        signer=signer_of(sites["a"]),
    )
    _refused(sites["province"], tmp_path / "newer.mdpkg", "phiên bản mới hơn")


def test_a_package_with_an_unknown_unit_is_refused(sites, tmp_path):
    add_session(sites["a"], "Phát động")
    with sites["a"]:
        from movement_desk.services.records import units

        units.save_unit_rows(
            [units.UnitRow("99999", "Xã Mới", units.UnitKind.COMMUNE, DISTRICT, None, None, 1)],
            LOCAL_ACTOR,  # the district lies outside the commune's own account (unit scope)
        )
        sessions.create_session(
            {
                "date": "05/03/2024",
                "unit_code": "99999",
                "kind": "launch",
                "organizer_kind": "police",
                "title": "Ở xã mới",
            },
            LOCAL_ACTOR,  # the new commune lies outside the commune officer's own unit
        )
        # Exporting the district is beyond the commune's own account: the built-in actor does.
        packages.export_package(DISTRICT, tmp_path / "a.mdpkg", LOCAL_ACTOR)
    _refused(sites["province"], tmp_path / "a.mdpkg", "99999")


def test_a_record_with_a_bad_value_is_refused_with_its_kind_and_field(sites, tmp_path):
    add_session(sites["a"], "Phát động")
    export(sites["a"], tmp_path / "a.mdpkg")

    def negative(records):
        records["activity_session"][0]["data"]["participants"] = -5

    repack(
        tmp_path / "a.mdpkg",
        tmp_path / "bad.mdpkg",
        lines_change=negative,
        signer=signer_of(sites["a"]),
    )
    _refused(sites["province"], tmp_path / "bad.mdpkg", "Số lượt người tham gia")


def test_ids_in_a_package_are_uuids_that_stay_the_same(sites, tmp_path):
    session = add_session(sites["a"], "Phát động")
    assert uuid.UUID(session)
    export(sites["a"], tmp_path / "a.mdpkg")
    import_(sites["province"], tmp_path / "a.mdpkg")
    assert session_row(sites["province"], session)["title"] == "Phát động"
