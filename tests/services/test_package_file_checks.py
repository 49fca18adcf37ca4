"""The package file's own checks (services/packages/file_format.py), one refusal at a time.

A package is written here with a key of the test's own (no database is needed), then altered the
way a damaged copy or a forger would alter it; where the manifest changes it is signed again, so
the check under test is the one that refuses it. Each refusal must name what is wrong and say
that nothing was changed.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from movement_desk.services.core import signing
from movement_desk.services.packages import file_format as ff
from movement_desk.services.packages.file_format import PackageError, SchemaError

KEY = Ed25519PrivateKey.generate()
PUBLIC = signing.raw_public(KEY.public_key())
KEY_ID = signing.key_id_of(PUBLIC)
KINDS = ["decision", "activity_session"]
UNCHANGED = "Cơ sở dữ liệu không bị thay đổi."
SESSION = {"uuid": "5d0c4f38-3c0e-4a57-9a55-2b8f2f0d9a11", "held_on": "2026-03-02"}


def sign(data: bytes) -> tuple[str, bytes]:
    return KEY_ID, KEY.sign(data)


def resolve(key_id: str):
    if key_id != KEY_ID:
        raise PackageError(f"khóa {key_id} lạ")
    return PUBLIC, "the sender"


def base_manifest() -> dict:
    return {
        "format": ff.FORMAT,
        "format_version": ff.FORMAT_VERSION,
        "package_id": "0b6f9a52-8a1e-4c61-9d3c-1f7e2a3b4c5d",
        "created_at": "2026-11-29T10:00:00Z",
        "app_version": "0.1.0",
        "database_schema": 30,
        "source": {
            "installation_id": "inst-1",
            "unit_code": "01858",
            "unit_name": "Xã Bằng Thành",
            "exported_by": "canbo",
        },
        "signer": {"key_id": KEY_ID, "unit_code": "01858"},
        "scope": {
            "mode": "all",
            "period": "",
            "rule": None,
            "from": None,
            "to": None,
            "since": None,
            "covers_from": None,
            "covers_to": "2026-11-29",
        },
        "counts": {"activity_session": {"records": 2, "deleted": 0}},
    }


@pytest.fixture
def package(tmp_path: Path) -> Path:
    path = tmp_path / "goi.mdpkg"
    ff.write_package(
        path,
        base_manifest(),
        {"activity_session": [SESSION, {**SESSION, "held_on": "2026-03-03"}]},
        signer=sign,
    )
    return path


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def manifest_of(path: Path) -> dict:
    return json.loads(members(path)[ff.MANIFEST_NAME])


def rewrite(path: Path, content: dict[str, bytes], *, manifest: dict | None = None) -> Path:
    """The package with ``content`` as its members; a new ``manifest`` is signed again."""
    content = dict(content)
    if manifest is not None:
        data = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")
        content[ff.MANIFEST_NAME] = data
        content[ff.SIGNATURE_NAME] = ff._signature_document(*sign(data))
    path.unlink()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in content.items():
            archive.writestr(name, data)
    return path


def refusal(path: Path) -> str:
    with pytest.raises(PackageError) as caught:
        ff.read_package(path, KINDS, resolve)
    message = str(caught.value)
    assert path.name in message and UNCHANGED in message
    return message


def read_records(path: Path, kind: str = "activity_session") -> list[dict]:
    return list(ff.read_package(path, KINDS, resolve).lines(kind))


# -- the manifest's schema -------------------------------------------------------------------------
def _set(manifest: dict, dotted: str, value) -> None:
    *parents, last = dotted.split(".")
    for name in parents:
        manifest = manifest[name]
    if value is _DELETE:
        del manifest[last]
    else:
        manifest[last] = value


_DELETE = object()


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("format_version", "2", "mục “format_version” phải là số nguyên"),
        ("database_schema", 10_001, "mục “database_schema” = 10001, phải từ 0 đến 10000"),
        ("package_id", "0B6F9A52-8A1E-4C61-9D3C-1F7E2A3B4C5D", "mục “package_id” không đúng dạng"),
        ("created_at", "hôm qua", "mục “created_at” phải là thời điểm dạng ISO 8601"),
        ("created_at", "2026-13-45T00:00", "mục “created_at” không phải thời điểm hợp lệ"),
        ("created_at", "1900-01-01T00:00:00", "thời điểm 1900-01-01T00:00:00 ngoài khoảng"),
        ("scope.from", "2026-1-1", "mục “scope.from” phải là ngày dạng YYYY-MM-DD"),
        ("scope.from", "2026-02-30", "mục “scope.from” không phải ngày có thật"),
        ("scope.covers_to", "1900-01-01", "mục “scope.covers_to” ngày 1900-01-01 ngoài khoảng"),
        ("scope.covers_to", None, "mục “scope.covers_to” phải là ngày"),
        ("scope.mode", "weekly", "mục “scope.mode” có giá trị lạ “weekly”"),
        ("source.unit_code", "", "mục “source.unit_code” dài 0 ký tự, phải từ 1 đến 20"),
        ("source.unit_name", 5, "mục “source.unit_name” phải là chữ"),
        ("source.installation_id", _DELETE, "mục “source.installation_id” bị thiếu"),
        ("source.owner", "x", "mục “source.owner” không có trong định dạng gói"),
        ("source", "01858", "mục “source” phải là một đối tượng JSON"),
        ("counts", [], "mục “counts” phải là một đối tượng JSON"),
        ("counts", {"visit": {"records": 1, "deleted": 0}}, "mục “counts.visit” có giá trị lạ"),
        (
            "counts",
            {f"k{i}": {} for i in range(101)},
            "mục “counts” có 101 mục, tối đa 100",
        ),
        ("relayed", {}, "mục “relayed” phải là một danh sách"),
        ("relayed", [{}] * (ff.MAX_RELAYED + 1), f"có {ff.MAX_RELAYED + 1} mục, tối đa"),
        ("relayed", [{"package_id": "x"}], "mục “relayed[0].package_id” dài 1 ký tự"),
    ],
)
def test_the_manifest_schema_names_the_field_that_is_wrong(package, field, value, said):
    manifest = manifest_of(package)
    _set(manifest, field, value)
    with pytest.raises(SchemaError, match=said.replace("[", r"\[").replace("]", r"\]")):
        ff.check_manifest(manifest)
    # And the same manifest, signed, is refused as a package with that reason.
    assert said in refusal(rewrite(package, members(package), manifest=manifest))


def test_a_manifest_with_optional_scope_fields_set_is_accepted(package):
    manifest = manifest_of(package)
    manifest["scope"].update(
        {"mode": "period", "period": "2026", "rule": "calendar", "from": "2026-01-01"}
    )
    manifest["scope"]["to"] = "2026-12-31"
    ff.check_manifest(manifest)
    assert len(read_records(rewrite(package, members(package), manifest=manifest))) == 2


def test_a_manifest_that_is_not_an_object_is_refused(package):
    with pytest.raises(SchemaError, match="phải là một đối tượng JSON"):
        ff.check_manifest([])
    content = members(package)
    data = b"[1, 2]"
    content[ff.MANIFEST_NAME] = data
    content[ff.SIGNATURE_NAME] = ff._signature_document(*sign(data))
    assert "không phải gói dữ liệu movement_desk" in refusal(rewrite(package, content))


# -- the package as a whole ------------------------------------------------------------------------
def test_an_untouched_package_reads_back_its_records(package):
    content = ff.read_package(package, KINDS, resolve)
    assert content.signer == "the sender" and content.key_id == KEY_ID
    assert content.count("activity_session") == 2 and content.count("decision") == 0
    assert [line["held_on"] for line in content.lines("activity_session")] == [
        "2026-03-02",
        "2026-03-03",
    ]
    assert list(content.lines("decision")) == []  # a kind the package does not carry


def test_a_signature_of_the_wrong_length_is_refused(package):
    content = members(package)
    document = json.loads(content[ff.SIGNATURE_NAME])
    document["signature"] = signing.b64(b"\0" * 65)  # 88 characters, as the schema wants
    content[ff.SIGNATURE_NAME] = json.dumps(document).encode("ascii")
    assert "mục “signature.signature” không phải chữ ký Ed25519" in refusal(
        rewrite(package, content)
    )


def test_an_oversized_signature_member_is_refused_before_it_is_parsed(package):
    content = members(package)
    content[ff.SIGNATURE_NAME] = b" " * (ff.MAX_SIGNATURE_BYTES + 1)
    assert f"mục “{ff.SIGNATURE_NAME}” quá lớn" in refusal(rewrite(package, content))


def test_a_signer_field_naming_another_key_is_refused(package):
    manifest = manifest_of(package)
    manifest["signer"]["key_id"] = "A" * 16
    message = refusal(rewrite(package, members(package), manifest=manifest))
    assert "mục “signer.key_id” khác với khóa đã ký gói" in message


def test_a_file_list_that_does_not_match_its_checksum_is_refused(package):
    manifest = manifest_of(package)
    manifest["content_sha256"] = "0" * 64
    message = refusal(rewrite(package, members(package), manifest=manifest))
    assert "danh sách nội dung của gói không khớp mã kiểm tra" in message


def _with_files(manifest: dict, files: dict) -> dict:
    manifest["files"] = files
    manifest["content_sha256"] = ff.sha256_hex(json.dumps(files, sort_keys=True).encode("utf-8"))
    return manifest


def test_a_kind_this_program_does_not_know_is_refused(package):
    manifest = manifest_of(package)
    files = dict(manifest["files"])
    files["records/visit.jsonl"] = {"sha256": "0" * 64, "records": 0, "bytes": 0}
    content = members(package)
    content["records/visit.jsonl"] = b""
    message = refusal(rewrite(package, content, manifest=_with_files(manifest, files)))
    # The member is not even one the format knows.
    assert "phần lạ “records/visit.jsonl”" in message
    del content["records/visit.jsonl"]
    message = refusal(rewrite(package, content, manifest=_with_files(manifest, files)))
    assert "loại dữ liệu chương trình này không biết (records/visit.jsonl)" in message


def test_a_data_member_the_manifest_does_not_list_is_refused(package):
    content = members(package)
    content[ff.records_file_name("decision")] = b'{"uuid": "x"}\n'
    message = refusal(rewrite(package, content))
    assert "phần dữ liệu records/decision.jsonl không có trong phần mô tả của gói" in message


def test_a_listed_data_member_that_is_missing_is_refused(package):
    content = members(package)
    del content[ff.records_file_name("activity_session")]
    assert "gói thiếu phần dữ liệu records/activity_session.jsonl" in refusal(
        rewrite(package, content)
    )


def test_a_data_member_of_another_size_is_refused(package):
    content = members(package)
    name = ff.records_file_name("activity_session")
    content[name] += b"\n"
    message = refusal(rewrite(package, content))
    assert f"phần dữ liệu {name} đã bị sửa hoặc hỏng (kích thước khác" in message


# -- the records, checked as they are read ---------------------------------------------------------
def _records_package(package: Path, data: bytes, records: int, sha: str | None = None) -> Path:
    """The package with the sessions member replaced by ``data`` and a manifest (signed)
    that agrees with it in size, and by default in SHA-256, declaring ``records`` records."""
    name = ff.records_file_name("activity_session")
    manifest = manifest_of(package)
    files = {name: {"sha256": sha or ff.sha256_hex(data), "records": records, "bytes": len(data)}}
    content = members(package)
    content[name] = data
    return rewrite(package, content, manifest=_with_files(manifest, files))


def _read_refusal(path: Path) -> str:
    with pytest.raises(PackageError) as caught:
        read_records(path)
    assert UNCHANGED in str(caught.value)
    return str(caught.value)


def test_records_that_do_not_match_their_checksum_are_refused(package):
    data = ff.encode_line(SESSION).encode("utf-8")
    path = _records_package(package, data, 1, sha="0" * 64)
    assert "không khớp mã kiểm tra SHA-256" in _read_refusal(path)


def test_a_line_that_is_not_json_is_refused_naming_the_member(package):
    data = ff.encode_line(SESSION).encode("utf-8") + b"{not json\n"
    message = _read_refusal(_records_package(package, data, 2))
    assert "phần dữ liệu records/activity_session.jsonl không đọc được" in message


def test_more_records_than_the_manifest_says_are_refused(package):
    data = (ff.encode_line(SESSION) * 3).encode("utf-8")
    message = _read_refusal(_records_package(package, data, 2))
    assert "nhiều bản ghi hơn phần mô tả" in message


def test_fewer_records_than_the_manifest_says_are_refused(package):
    data = ff.encode_line(SESSION).encode("utf-8")
    message = _read_refusal(_records_package(package, data, 2))
    assert "không đủ số bản ghi ghi trong gói" in message


def test_a_last_line_without_newline_and_blank_lines_still_count(package):
    data = b"\n" + ff.encode_line(SESSION).encode("utf-8") + b"\n" + json.dumps(SESSION).encode()
    assert len(read_records(_records_package(package, data, 2))) == 2


def test_a_line_longer_than_any_record_is_refused(package, monkeypatch):
    monkeypatch.setattr(ff, "MAX_LINE_BYTES", 100)
    monkeypatch.setattr(ff, "READ_CHUNK", 64)
    data = (json.dumps({"note": "x" * 300}) + "\n").encode("utf-8")
    message = _read_refusal(_records_package(package, data, 1))
    assert "một dòng dài quá mức" in message


def test_a_member_resized_after_reading_the_manifest_is_refused_by_lines(package):
    content = ff.read_package(package, KINDS, resolve)
    name = ff.records_file_name("activity_session")
    data = members(package)
    data[name] += b"{}\n"
    rewrite(package, data)
    with pytest.raises(PackageError, match="kích thước khác với phần mô tả"):
        list(content.lines("activity_session"))


# -- relayed packages ------------------------------------------------------------------------------
RELAYED_ID = "7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b"


def _relayed_package(tmp_path: Path, package: Path) -> Path:
    inner_bytes = members(package)[ff.MANIFEST_NAME]
    inner_signature = members(package)[ff.SIGNATURE_NAME]
    outer = tmp_path / "huyen.mdpkg"
    manifest = base_manifest()
    manifest["package_id"] = RELAYED_ID.replace("7a", "8b", 1)
    ff.write_package(
        outer,
        manifest,
        {},
        signer=sign,
        relayed=[
            ff.RelayedManifest(
                manifest_of(package)["package_id"], "01858", inner_bytes, inner_signature
            )
        ],
    )
    return outer


def test_a_relayed_package_reads_back_and_verifies(tmp_path, package):
    outer = _relayed_package(tmp_path, package)
    content = ff.read_package(outer, KINDS, resolve)
    [item] = content.relayed
    manifest, signer = ff.verify_relayed(item, resolve)
    assert manifest["package_id"] == item.package_id and signer == "the sender"


def test_a_relayed_part_missing_altered_or_unlisted_is_refused(tmp_path, package):
    outer = _relayed_package(tmp_path, package)
    inner_id = manifest_of(package)["package_id"]
    manifest_name, signature_name = ff.relayed_names(inner_id)
    content = members(outer)

    missing = dict(content)
    del missing[signature_name]
    assert f"gói thiếu phần chuyển tiếp của gói {inner_id}" in refusal(rewrite(outer, missing))

    altered = dict(content)
    altered[manifest_name] += b" "
    assert f"phần chuyển tiếp của gói {inner_id} đã bị sửa" in refusal(rewrite(outer, altered))

    unlisted = dict(content)
    other_manifest, _ = ff.relayed_names(RELAYED_ID)
    unlisted[other_manifest] = b"{}"
    assert f"phần chuyển tiếp không được liệt kê ({other_manifest})" in refusal(
        rewrite(outer, unlisted)
    )


def test_a_relayed_manifest_that_is_not_what_its_signature_covers_is_refused(package):
    data = members(package)
    item = ff.RelayedManifest(
        manifest_of(package)["package_id"],
        "01858",
        data[ff.MANIFEST_NAME],
        data[ff.SIGNATURE_NAME],
    )
    forged = ff.RelayedManifest(
        item.package_id, "01858", item.manifest_bytes + b" ", item.signature_bytes
    )
    with pytest.raises(
        ValueError, match=f"chữ ký của gói chuyển tiếp {item.package_id} không khớp"
    ):
        ff.verify_relayed(forged, resolve)
    # Signed, but not JSON.
    garbage = b"\xff not json"
    unreadable = ff.RelayedManifest(
        item.package_id, "01858", garbage, ff._signature_document(*sign(garbage))
    )
    with pytest.raises(SchemaError, match=f"relayed.{item.package_id}” không đọc được"):
        ff.verify_relayed(unreadable, resolve)
    # Signed and valid, but passed on under another package's id.
    renamed = ff.RelayedManifest(RELAYED_ID, "01858", item.manifest_bytes, item.signature_bytes)
    with pytest.raises(ValueError, match=f"gói chuyển tiếp {RELAYED_ID} không khớp với chữ ký"):
        ff.verify_relayed(renamed, resolve)
