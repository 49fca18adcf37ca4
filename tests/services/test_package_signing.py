"""Signed packages, tried as an attacker would: every forged, altered, replayed, out-of-scope or
malformed package is refused with a Vietnamese message and the database stays byte for byte."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from movement_desk.db.connection import close_database
from movement_desk.services import packages
from movement_desk.services.core import signing
from movement_desk.services.core.actor import LOCAL_ACTOR
from movement_desk.services.core.errors import PermissionDenied
from movement_desk.services.package_file import PackageError
from movement_desk.services.records import commendations
from tests import server_backend
from tests.packages_helpers import (
    COMMUNE_A,
    COMMUNE_B,
    DISTRICT,
    PROVINCE,
    Site,
    add_decision,
    add_model,
    add_session,
    live_count,
    repack,
    signer_of,
    trust,
)


@pytest.fixture
def sites(tmp_path: Path, template_db: Path):
    close_database()
    made = {
        "a": Site(tmp_path / "a.sqlite3", COMMUNE_A, template_db),
        "b": Site(tmp_path / "b.sqlite3", COMMUNE_B, template_db),
        "province": Site(tmp_path / "province.sqlite3", PROVINCE, template_db),
    }
    yield made
    close_database()


def dump(site: Site) -> str:
    """The whole database as text: every table, the audit trail included."""
    return server_backend.dump(site.path)


def export(site: Site, path: Path, unit: str | None = None) -> Path:
    with site:
        packages.export_package(unit or site.home_unit, path, LOCAL_ACTOR)
    return path


def refused(site: Site, path: Path, match: str, error=PackageError) -> str:
    from movement_desk.db import backup

    with site:  # opening catches up its own bookkeeping (organisers) before the snapshot
        backups = backup.list_backups()
    before = dump(site)
    with site, pytest.raises(error, match=match) as caught:
        packages.import_package(path, site.actor)
    message = str(caught.value)
    assert "không bị thay đổi" in message
    assert "Lỗi không mong đợi" not in message
    assert dump(site) == before
    with site:
        assert backup.list_backups() == backups  # not even a backup was taken
    return message


def test_a_package_signed_by_an_unknown_key_is_refused(sites, tmp_path):
    # An installation nobody enrolled claims to be commune A (its home unit says so).
    mallory = Site(tmp_path / "mallory.sqlite3", COMMUNE_A, sites["a"].path, enrol=False)
    add_session(mallory, "GIẢ MẠO", participants=99_999)
    export(mallory, tmp_path / "forged.mdpkg")
    message = refused(sites["province"], tmp_path / "forged.mdpkg", "chưa tin cậy")
    with mallory:
        assert signing.fingerprint(signing.own_key_id()) in message


def test_an_unsigned_package_is_refused(sites, tmp_path):
    add_session(sites["a"], "Phát động")
    export(sites["a"], tmp_path / "a.mdpkg")
    with (
        zipfile.ZipFile(tmp_path / "a.mdpkg") as original,
        zipfile.ZipFile(tmp_path / "unsigned.mdpkg", "w") as copy,
    ):
        for item in original.infolist():
            if item.filename != "signature.json":
                copy.writestr(item, original.read(item.filename))
    refused(sites["province"], tmp_path / "unsigned.mdpkg", "không có chữ ký số")


def test_a_rehashed_package_keeps_a_signature_that_no_longer_matches(sites, tmp_path):
    """Recomputing every SHA-256 is easy; the signature over them is not."""
    session = add_session(sites["a"], "Phát động", participants=100)
    export(sites["a"], tmp_path / "a.mdpkg")

    def inflate(records):
        records["activity_session"][0]["data"]["participants"] = 9_999

    repack(
        tmp_path / "a.mdpkg", tmp_path / "rehashed.mdpkg", lines_change=inflate, keep_signature=True
    )
    refused(sites["province"], tmp_path / "rehashed.mdpkg", "chữ ký số không khớp")
    assert session  # the genuine package still imports, and says who signed it
    with sites["province"]:
        report = packages.import_package(tmp_path / "a.mdpkg", sites["province"].actor)
    with sites["a"]:
        assert signing.fingerprint(signing.own_key_id()) in report.summary()
    assert f"đơn vị {COMMUNE_A}" in report.summary()
    assert live_count(sites["province"], "activity_session") == 1


def test_a_package_of_another_commune_is_refused(sites, tmp_path):
    """Commune A's key is trusted for A only: a package claiming to be B's, or holding a record
    of B, or changing B's records, is refused naming the records."""
    b_session = add_session(sites["b"], "Của xã Nhạn Môn")
    export(sites["b"], tmp_path / "b.mdpkg")
    with sites["province"]:
        packages.import_package(tmp_path / "b.mdpkg", sites["province"].actor)
    add_session(sites["a"], "Của xã Bằng Thành")
    export(sites["a"], tmp_path / "a.mdpkg")
    signer = signer_of(sites["a"])

    def claim_b(manifest):
        manifest["source"]["unit_code"] = COMMUNE_B

    repack(tmp_path / "a.mdpkg", tmp_path / "claim.mdpkg", manifest_change=claim_b, signer=signer)
    refused(sites["province"], tmp_path / "claim.mdpkg", COMMUNE_B)

    def plant_in_b(records):
        records["activity_session"][0]["data"]["unit"] = COMMUNE_B
        records["activity_session"][0]["data"]["title"] = "GIẢ MẠO"

    repack(tmp_path / "a.mdpkg", tmp_path / "plant.mdpkg", lines_change=plant_in_b, signer=signer)
    message = refused(sites["province"], tmp_path / "plant.mdpkg", "ngoài phạm vi")
    assert "GIẢ MẠO" in message

    def take_over_b(records):
        line = dict(records["activity_session"][0])
        line["uuid"] = b_session  # B's session, moved into A and changed
        line["vector"] = {"x": 99}
        line["data"] = {**line["data"], "title": "GIẢ MẠO", "participants": 99_999}
        records["activity_session"] = [line]

    repack(tmp_path / "a.mdpkg", tmp_path / "take.mdpkg", lines_change=take_over_b, signer=signer)
    refused(sites["province"], tmp_path / "take.mdpkg", "bản ghi của đơn vị khác")


def test_a_commune_cannot_change_the_catalogue(sites, tmp_path):
    from movement_desk.services.records import catalog

    with sites["a"]:
        catalog.create_model_type({"name": "Loại tự đặt của xã", "category": "other"}, LOCAL_ACTOR)
    add_model(sites["a"], "Mô hình mới", model_type="Loại tự đặt của xã")
    export(sites["a"], tmp_path / "a.mdpkg")
    refused(sites["province"], tmp_path / "a.mdpkg", "danh mục dùng chung")
    # The province's own package brings the type down to the commune.
    with sites["province"]:
        catalog.create_model_type({"name": "Loại của tỉnh", "category": "other"}, LOCAL_ACTOR)
    export(sites["province"], tmp_path / "p.mdpkg")
    add_model(sites["province"], "Mô hình tỉnh", model_type="Loại của tỉnh")
    export(sites["province"], tmp_path / "p.mdpkg")
    with sites["a"]:
        packages.import_package(tmp_path / "p.mdpkg", LOCAL_ACTOR)
        assert catalog.find_model_type("Loại của tỉnh") is not None


def test_a_replayed_package_id_with_other_content_is_refused(sites, tmp_path):
    add_session(sites["a"], "Phát động", participants=100)
    export(sites["a"], tmp_path / "a.mdpkg")
    with sites["province"]:
        packages.import_package(tmp_path / "a.mdpkg", sites["province"].actor)

    def more(records):
        records["activity_session"][0]["data"]["participants"] = 5_000
        records["activity_session"][0]["vector"] = {"x": 50}

    repack(
        tmp_path / "a.mdpkg",
        tmp_path / "replay.mdpkg",
        lines_change=more,
        signer=signer_of(sites["a"]),
    )
    refused(sites["province"], tmp_path / "replay.mdpkg", "nội dung khác")
    with sites["province"]:  # the very same file again is fine: nothing changes
        report = packages.import_package(tmp_path / "a.mdpkg", sites["province"].actor)
    assert report.already_received


VALUE_CASES = [
    ("participants", 10**12, "quá lớn"),
    ("held_on", "9999-12-31", "ngoài khoảng hợp lý"),
    ("held_on", "0001-01-01", "ngoài khoảng hợp lý"),
    ("title", "", "Nội dung"),
    ("title", "x" * 200_000, "dài quá mức"),
    ("title", "x" * 5_000, "tối đa"),
    ("held_on", "2025-08-01", "chỉ tồn tại"),  # commune A was merged on 01/07/2025
    ("kind", "lạ", "giá trị lạ"),
    ("tips", -1, "không âm"),
]


@pytest.mark.parametrize(("key", "value", "match"), VALUE_CASES)
def test_package_records_obey_the_form_rules(sites, tmp_path, key, value, match):
    add_session(sites["a"], "Phát động")
    export(sites["a"], tmp_path / "a.mdpkg")

    def change(records):
        records["activity_session"][0]["data"][key] = value

    repack(
        tmp_path / "a.mdpkg",
        tmp_path / "bad.mdpkg",
        lines_change=change,
        signer=signer_of(sites["a"]),
    )
    message = refused(sites["province"], tmp_path / "bad.mdpkg", match)
    assert "buổi phát động" in message


def _drop(path):
    *parents, last = path
    return lambda manifest: _walk(manifest, parents).pop(last)


def _set(path, value):
    *parents, last = path

    def change(manifest):
        _walk(manifest, parents)[last] = value

    return change


def _walk(manifest, parents):
    for name in parents:
        manifest = manifest[name]
    return manifest


MANIFEST_CASES = [
    (_set(["source"], "01834"), "source"),
    (_drop(["scope", "mode"]), "scope.mode"),
    (_set(["scope", "mode"], "everything"), "scope.mode"),
    (_set(["created_at"], "hôm qua"), "created_at"),
    (_set(["database_schema"], 10**30), "database_schema"),
    (_set(["counts", "activity_session", "records"], -1), "counts.activity_session.records"),
    (_set(["scope", "covers_to"], "9999-99-99"), "scope.covers_to"),
    (_set(["package_id"], "x" * 5000), "package_id"),
    (_set(["extra"], 1), "extra"),
]


@pytest.mark.parametrize(("change", "field"), MANIFEST_CASES)
def test_a_malformed_manifest_names_its_field(sites, tmp_path, change, field):
    add_session(sites["a"], "Phát động")
    export(sites["a"], tmp_path / "a.mdpkg")
    repack(
        tmp_path / "a.mdpkg",
        tmp_path / "bad.mdpkg",
        manifest_change=change,
        signer=signer_of(sites["a"]),
    )
    message = refused(sites["province"], tmp_path / "bad.mdpkg", "không đúng định dạng")
    assert f"“{field}”" in message


def test_a_revoked_key_is_refused_and_a_new_one_enrolled(sites, tmp_path):
    add_session(sites["a"], "Phát động")
    export(sites["a"], tmp_path / "a.mdpkg")
    with sites["a"]:
        old = signing.own_key_id()
    with sites["province"]:
        signing.revoke_key(signing.fingerprint(old), "Máy của xã bị mất", LOCAL_ACTOR)
    refused(sites["province"], tmp_path / "a.mdpkg", "đã bị thu hồi")
    # The commune revokes its own key too, and enrols the new one it now signs with.
    with sites["a"]:
        signing.revoke_key(old, "Máy bị mất", LOCAL_ACTOR)
        assert signing.own_key_id() != old
    trust(sites["province"], sites["a"])
    export(sites["a"], tmp_path / "a2.mdpkg")
    with sites["province"]:
        packages.import_package(tmp_path / "a2.mdpkg", LOCAL_ACTOR)
    assert live_count(sites["province"], "activity_session") == 1


def test_trusting_a_key_is_audited_and_checks_the_fingerprint(sites, tmp_path, template_db):
    from movement_desk.db.account_tables import AuditEntry

    with sites["b"]:
        exported = signing.export_public_key(tmp_path / "b.mdkey", LOCAL_ACTOR)
    text = (tmp_path / "b.mdkey").read_text(encoding="utf-8")
    assert "PRIVATE" not in text and "public_key" in text
    (tmp_path / "fresh").mkdir()
    fresh = Site(tmp_path / "fresh" / "f.sqlite3", PROVINCE, template_db, enrol=False)
    with fresh:
        with pytest.raises(signing.KeyFileError, match="khác với"):
            signing.trust_key(
                tmp_path / "b.mdkey", COMMUNE_B, LOCAL_ACTOR, expect_fingerprint="AAAA-BBBB"
            )
        key = signing.trust_key(
            tmp_path / "b.mdkey",
            COMMUNE_B,
            LOCAL_ACTOR,
            expect_fingerprint=signing.fingerprint(exported.key_id).lower(),
        )
        assert key.unit_code == COMMUNE_B
        assert (
            AuditEntry.select()
            .where((AuditEntry.action == "key") & (AuditEntry.record_uuid == exported.key_id))
            .exists()
        )
        with pytest.raises(signing.KeyFileError, match="đã được tin cậy cho đơn vị"):
            signing.trust_key(tmp_path / "b.mdkey", COMMUNE_A, LOCAL_ACTOR)


def test_only_an_administrator_trusts_keys(sites, tmp_path):
    from movement_desk.services.core.actor import Actor

    with sites["b"]:
        signing.export_public_key(tmp_path / "b.mdkey", LOCAL_ACTOR)
    supervisor = Actor(username="sup", role="supervisor", unit_code=PROVINCE)
    with sites["province"], pytest.raises(PermissionDenied):
        signing.trust_key(tmp_path / "b.mdkey", COMMUNE_B, supervisor)


# ---------------------------------------------------------------------------------------------
# Relayed: commune → district → province, each commune's own signature checked at the province


@pytest.fixture
def chain(tmp_path: Path, template_db: Path):
    close_database()
    a = Site(tmp_path / "a.sqlite3", COMMUNE_A, template_db, enrol=False)
    b = Site(tmp_path / "b.sqlite3", COMMUNE_B, template_db, enrol=False)
    district = Site(tmp_path / "district.sqlite3", DISTRICT, template_db, enrol=False)
    province = Site(tmp_path / "province.sqlite3", PROVINCE, template_db, enrol=False)
    trust(district, a)
    trust(district, b)
    trust(province, district)  # the province enrols the district only
    yield a, b, district, province
    close_database()


def _relay(chain, tmp_path) -> Path:
    a, b, district, _province = chain
    add_session(a, "Ở Bằng Thành")
    add_session(b, "Ở Nhạn Môn")
    for site, name in ((a, "a"), (b, "b")):
        export(site, tmp_path / f"{name}.mdpkg")
        with district:
            packages.import_package(tmp_path / f"{name}.mdpkg", LOCAL_ACTOR)
    return export(district, tmp_path / "district.mdpkg")


def test_the_province_checks_each_communes_own_signature(chain, tmp_path):
    a, b, _district, province = chain
    path = _relay(chain, tmp_path)
    with zipfile.ZipFile(path) as archive:
        relayed = [n for n in archive.namelist() if n.startswith("relayed/")]
    assert len(relayed) == 4  # two communes: a manifest and a signature each
    with province:
        packages.import_package(path, LOCAL_ACTOR)
        from datetime import date

        done = packages.received_units(DISTRICT, date(2024, 3, 1), date(2024, 3, 31))
        received = {u.code for u in done.units if u.received}
        assert {COMMUNE_A, COMMUNE_B} <= received
        # The communes' keys came vouched by the district's signature, for their own units.
        keys = {k.key_id: k for k in signing.list_keys()}
    with a:
        assert keys[signing.own_key_id()].unit_code == COMMUNE_A
    with b:
        assert keys[signing.own_key_id()].vouched_by is not None
    assert live_count(province, "activity_session") == 2


def test_a_tampered_relayed_manifest_is_refused(chain, tmp_path):
    """Even the district's own key cannot change what a commune signed."""
    from dataclasses import replace

    _a, _b, district, province = chain
    path = _relay(chain, tmp_path)

    def widen(relayed):
        first = relayed[0]
        text = first.manifest_bytes.replace(b'"mode": "all"', b'"mode": "period"')
        assert text != first.manifest_bytes
        return [replace(first, manifest_bytes=text), *relayed[1:]]

    repack(path, tmp_path / "t.mdpkg", relayed_change=widen, signer=signer_of(district))
    refused(province, tmp_path / "t.mdpkg", "không xác thực được")


def test_a_relayed_package_signed_by_the_relaying_office_counts_for_nothing(chain, tmp_path):
    """A district cannot stand in for its communes by signing their packages itself."""
    from dataclasses import replace

    from movement_desk.services import package_file

    _a, _b, district, province = chain
    path = _relay(chain, tmp_path)
    with district:
        district_key = signing.own_key_id()

    def fabricate(relayed):
        import json

        out = []
        for item in relayed:
            manifest = json.loads(item.manifest_bytes)
            manifest["signer"]["key_id"] = district_key
            data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
            signature = package_file._signature_document(*signer_of(district)(data))
            out.append(replace(item, manifest_bytes=data, signature_bytes=signature))
        return out

    repack(path, tmp_path / "f.mdpkg", relayed_change=fabricate, signer=signer_of(district))
    with province:
        packages.import_package(tmp_path / "f.mdpkg", LOCAL_ACTOR)
        from datetime import date

        done = packages.received_units(DISTRICT, date(2024, 3, 1), date(2024, 3, 31))
        assert done.received_count == 0  # the district's word alone counts for no commune


def test_a_package_cannot_change_a_printed_certificate(sites, tmp_path):
    from movement_desk.services.certificates import printing as certificates
    from movement_desk.services.records import commendations
    from tests.packages_helpers import add_decision

    decision_uuid = add_decision(sites["a"], "12/QĐ-UBND", ["Nguyễn Văn A", "Trần Thị B"])
    export(sites["a"], tmp_path / "1.mdpkg")
    with sites["province"]:
        packages.import_package(tmp_path / "1.mdpkg", LOCAL_ACTOR)
        decision = commendations.get_decision(decision_uuid)
        chosen, _ = certificates.select_recipients(decision)
        certificates.issue(decision, [chosen[0].uuid], LOCAL_ACTOR, certificates.print_options())
    with sites["a"]:
        decision = commendations.get_decision(decision_uuid)
        raw = commendations.decision_to_raw(decision)
        people = [
            commendations.recipient_to_raw(c) for c in commendations.decision_recipients(decision)
        ]
        people[0]["recipient_name"] = "Người Khác Hẳn"
        commendations.save_decision(raw, people, LOCAL_ACTOR, uuid=decision_uuid)
    export(sites["a"], tmp_path / "2.mdpkg")
    message = refused(sites["province"], tmp_path / "2.mdpkg", "giấy khen đã in")
    assert "tên người được khen" in message


def test_the_backup_of_an_accepted_package_holds_the_data_before_it(sites, tmp_path):
    from movement_desk.db import backup
    from movement_desk.db.account_tables import AuditEntry

    add_session(sites["a"], "Phát động")
    export(sites["a"], tmp_path / "a.mdpkg")
    before = live_count(sites["province"], "activity_session")
    with sites["province"]:
        packages.import_package(tmp_path / "a.mdpkg", LOCAL_ACTOR)
        [taken] = backup.list_backups()
        entry = AuditEntry.select().where(AuditEntry.action == "package").get()
        assert taken.path.name in entry.summary
    connection = sqlite3.connect(taken.path)
    try:
        saved = connection.execute(
            "SELECT count(*) FROM activity_session WHERE deleted_at IS NULL"
        ).fetchone()[0]
    finally:
        connection.close()
    assert saved == before
    assert live_count(sites["province"], "activity_session") == before + 1


@pytest.mark.parametrize(
    ("member", "data", "match"),
    [
        ("signature.json", b"{not json", "signature.json"),
        ("signature.json", b'{"algorithm": "rsa", "key_id": "x", "signature": "y"}', "algorithm"),
        ("evil.txt", b"payload", "phần lạ"),
    ],
)
def test_a_broken_signature_or_a_foreign_member_is_refused(sites, tmp_path, member, data, match):
    add_session(sites["a"], "Phát động")
    export(sites["a"], tmp_path / "a.mdpkg")
    with (
        zipfile.ZipFile(tmp_path / "a.mdpkg") as original,
        zipfile.ZipFile(tmp_path / "bad.mdpkg", "w") as copy,
    ):
        for item in original.infolist():
            if item.filename != member:
                copy.writestr(item, original.read(item.filename))
        copy.writestr(member, data)
    refused(sites["province"], tmp_path / "bad.mdpkg", match)


def test_a_recipient_of_a_decision_above_the_commune_stays_out_of_its_package(sites, tmp_path):
    """A commune database that holds a province decision naming one of its people: the
    commune's package carries its own records only, so the province accepts it (before, the
    decision travelled with the recipient and the whole package was refused as out of scope)."""
    commune, province = sites["a"], sites["province"]
    add_session(commune, "Buổi của xã")
    with commune:  # written there by the program itself (the commune's account may not)
        commendations.save_decision(
            {
                "decision_number": "12/QĐ-CAT",
                "decision_date": "10/03/2024",
                "form": "giay_khen",
                "authority": "GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN",
                "signer_title": "GIÁM ĐỐC",
                "signer_name": "Nguyễn Văn A",
                "unit_code": PROVINCE,
                "achievement": "Đã có thành tích xuất sắc",
            },
            [{"recipient_name": "Lộc Văn Tỉnh", "unit_code": COMMUNE_A}],
            LOCAL_ACTOR,
        )
    add_decision(commune, "3/QĐ-UBND", ["Hoàng Thị Xã"])
    package = export(commune, tmp_path / "xa.mdpkg")
    with province:
        packages.import_package(package, province.actor)
    assert province.scalar("SELECT count(*) FROM decision WHERE number = '12/QĐ-CAT'") == 0
    assert province.scalar("SELECT count(*) FROM decision WHERE number = '3/QĐ-UBND'") == 1
    assert province.rows("SELECT recipient_name FROM commendation") == [("Hoàng Thị Xã",)]
    assert province.scalar("SELECT count(*) FROM activity_session WHERE title = 'Buổi của xã'") == 1
