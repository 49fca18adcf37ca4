"""Each record of a package checked before anything is written (services/packages/validate.py):
a broken line is refused naming its kind, its number and what is wrong with it.

The packages are written with a key of the test's own (see test_package_file_checks.py) and
checked with ``validate.check_records``, the step ``read_checked`` runs after the signature.
"""

from __future__ import annotations

import copy

import pytest

from movement_desk.services.packages import file_format as ff
from movement_desk.services.packages import validate
from movement_desk.services.packages.file_format import PackageError
from movement_desk.services.packages.spec import KIND_ORDER
from tests.services.test_package_file_checks import base_manifest, resolve, sign

UNCHANGED = "Cơ sở dữ liệu không bị thay đổi."


def session_line(number: int = 1) -> dict:
    return {
        "uuid": f"5d0c4f38-3c0e-4a57-9a55-2b8f2f0d9a{number:02d}",
        "created_at": "2025-03-02T08:00:00",
        "created_by": "canbo",
        "updated_at": "2025-03-02T08:00:00",
        "updated_by": "canbo",
        "deleted_at": None,
        "deleted_by": None,
        "revision": 1,
        "origin": "inst-1",
        "vector": {"inst-1": 1},
        "data": {
            "held_on": "2025-03-02",
            "unit": "01858",
            "organizer_kind": "police",
            "organizer_name": "Công an xã Bằng Thành",
            "kind": "launch",
            "title": "Phát động toàn dân bảo vệ an ninh Tổ quốc",
            "participants": 40,
            "tips": 2,
            "notes": "",
        },
    }


def check(tmp_path, records: dict[str, list[dict]]) -> ff.PackageContent:
    path = tmp_path / "xa.mdpkg"
    ff.write_package(path, base_manifest(), records, signer=sign)
    content = ff.read_package(path, KIND_ORDER, resolve)
    validate.check_records(content)
    return content


def refusal(tmp_path, records: dict[str, list[dict]]) -> str:
    with pytest.raises(PackageError) as caught:
        check(tmp_path, records)
    message = str(caught.value)
    assert message.startswith("Không nhập được tệp xa.mdpkg") and message.endswith(UNCHANGED)
    return message


def test_a_valid_session_passes_and_its_unit_is_gathered(database, tmp_path):
    content = check(tmp_path, {"activity_session": [session_line()]})
    assert content.unit_codes == {"01858"}


def _changed(path: str, value) -> dict:
    line = session_line()
    target = line
    *parents, last = path.split(".")
    for name in parents:
        target = target[name]
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value
    return line


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        ("uuid", "", "thiếu mã định danh (uuid)"),
        ("uuid", 12, "thiếu mã định danh (uuid)"),
        ("created_at", "2025-02-30T08:00:00", "thời điểm tạo hoặc sửa không hợp lệ"),
        ("updated_at", "1890-01-01T00:00:00", "thời điểm tạo hoặc sửa không hợp lệ"),
        ("updated_at", 20250302, "thời điểm tạo hoặc sửa không hợp lệ"),
        ("created_at", None, "thời điểm tạo hoặc sửa không hợp lệ"),
        ("deleted_at", "hôm qua", "thời điểm xóa không hợp lệ"),
        ("updated_by", None, "thiếu hoặc sai trường updated_by"),
        ("origin", "x" * 201, "thiếu hoặc sai trường origin"),
        ("deleted_by", 7, "người xóa không hợp lệ"),
        ("revision", 0, "số phiên bản (revision) không hợp lệ"),
        ("revision", True, "số phiên bản (revision) không hợp lệ"),
        ("vector", {}, "véc-tơ phiên bản không hợp lệ"),
        ("vector", {"inst-1": "1"}, "véc-tơ phiên bản không hợp lệ"),
        ("colour", "đỏ", "có trường lạ “colour”"),
        ("data", [], "các trường dữ liệu không đúng với loại bản ghi"),
        ("data.tips", _DELETE, "các trường dữ liệu không đúng với loại bản ghi"),
        ("data.weather", "mưa", "các trường dữ liệu không đúng với loại bản ghi"),
        ("data.title", None, "trường “Nội dung” bị trống"),
        ("data.notes", "x" * 100_001, "trường “Ghi chú” dài quá mức"),
        ("data.participants", -1, "trường “Số lượt người tham gia” phải là số nguyên không âm"),
        ("data.participants", "40", "trường “Số lượt người tham gia” phải là số nguyên không âm"),
        ("data.tips", 10**12, "trường “Số tin có giá trị” = 1.000.000.000.000 quá lớn"),
        ("data.title", 5, "trường “Nội dung” không phải chữ"),
        ("data.held_on", "2025-02-30", "trường “Ngày tổ chức” không phải ngày hợp lệ"),
        ("data.held_on", "2300-01-01", "trường “Ngày tổ chức” có ngày 2300-01-01 ngoài khoảng"),
        ("data.kind", "parade", "trường “Hình thức” có giá trị lạ “parade”"),
    ],
)
def test_a_broken_line_is_named_with_its_number_and_what_is_wrong(
    database, tmp_path, path, value, problem
):
    lines = [session_line(1), _changed(path, value)]
    lines[1]["uuid"] = lines[1]["uuid"] if path == "uuid" else session_line(2)["uuid"]
    message = refusal(tmp_path, {"activity_session": lines})
    assert f"gói có bản ghi hỏng: buổi phát động, tuyên truyền thứ 2: {problem}" in message
    assert "thứ 1" not in message  # the good line is not named


def test_a_line_that_is_not_an_object_is_named(database, tmp_path):
    message = refusal(tmp_path, {"activity_session": [session_line(), ["not", "a", "record"]]})
    assert "buổi phát động, tuyên truyền thứ 2: không phải một bản ghi" in message


def test_a_repeated_uuid_names_the_later_record(database, tmp_path):
    message = refusal(tmp_path, {"activity_session": [session_line(1), session_line(1)]})
    assert f"buổi phát động, tuyên truyền thứ 2: {validate.DUPLICATE}" in message


def test_repeats_found_across_batches_are_named_too(database, tmp_path, monkeypatch):
    monkeypatch.setattr(validate, "SEEN_BATCH", 2)
    lines = [session_line(n) for n in (1, 2, 3, 1)]
    message = refusal(tmp_path, {"activity_session": lines})
    assert f"buổi phát động, tuyên truyền thứ 4: {validate.DUPLICATE}" in message


def test_only_the_first_ten_broken_lines_are_listed_with_the_rest_counted(database, tmp_path):
    lines = []
    for number in range(1, 13):
        line = session_line(number)
        line["revision"] = 0
        lines.append(line)
    message = refusal(tmp_path, {"activity_session": lines})
    assert "thứ 10: số phiên bản" in message and "thứ 11" not in message
    assert "(và 2 lỗi nữa)" in message


def test_a_record_that_breaks_the_form_rules_is_refused_with_the_form_message(database, tmp_path):
    bad = copy.deepcopy(session_line(2))
    bad["data"]["title"] = ""
    message = refusal(tmp_path, {"activity_session": [session_line(1), bad]})
    assert "gói có bản ghi không hợp lệ theo quy tắc nhập liệu" in message
    assert "buổi phát động, tuyên truyền thứ 2" in message and "Nội dung" in message


def test_non_ascii_text_is_read_again_in_nfc(database, tmp_path):
    decomposed = "Phát động".replace("á", "a\u0301")
    line = session_line()
    line["data"]["title"] = decomposed
    content = check(tmp_path, {"activity_session": [line]})
    # What the merge reads again is NFC, as the check left it.
    [read] = list(content.lines("activity_session"))
    spec = next(s for s in validate.KIND_SPECS if s.table == "activity_session")
    assert validate.normalise_line(spec, read)["data"]["title"] == "Phát động"
