"""What a refused package names when it has many problems (services/packages/validate.py): a
repeat found when a batch of uuids is written names the earlier-read record, the list stops at
ten with the rest counted, and the form's rules are not run once a line is broken."""

from __future__ import annotations

from movement_desk.services.packages import validate
from tests.services.test_package_record_checks import refusal, session_line

SESSIONS = "buổi phát động, tuyên truyền"


def _broken(number: int) -> dict:
    line = session_line(number)
    line["revision"] = 0
    return line


def _untitled(number: int) -> dict:
    line = session_line(number)
    line["data"]["title"] = ""
    return line


def test_a_repeat_found_when_a_batch_is_written_names_the_repeating_record(
    database, tmp_path, monkeypatch
):
    # Batches of two: records 1 and 2 are written together; record 3 repeats record 1 and is
    # only found out when it is written with record 4.
    monkeypatch.setattr(validate, "SEEN_BATCH", 2)
    lines = [session_line(1), session_line(2), session_line(1), session_line(3)]
    message = refusal(tmp_path, {"activity_session": lines})
    assert f"gói có bản ghi hỏng: {SESSIONS} thứ 3: {validate.DUPLICATE}." in message
    assert "thứ 4" not in message


def test_a_repeat_beyond_the_first_ten_problems_is_counted_not_listed(
    database, tmp_path, monkeypatch
):
    monkeypatch.setattr(validate, "SEEN_BATCH", 2)
    lines = [_broken(n) for n in range(1, 11)]
    lines += [session_line(11), session_line(12), session_line(11), session_line(13)]
    message = refusal(tmp_path, {"activity_session": lines})
    assert f"{SESSIONS} thứ 10: số phiên bản" in message
    assert validate.DUPLICATE not in message
    assert "(và 1 lỗi nữa)" in message


def test_once_a_line_is_broken_the_forms_rules_are_not_reported(database, tmp_path):
    message = refusal(tmp_path, {"activity_session": [_broken(1), _untitled(2)]})
    assert f"gói có bản ghi hỏng: {SESSIONS} thứ 1: số phiên bản" in message
    assert "quy tắc nhập liệu" not in message and "thứ 2" not in message


def test_records_against_the_forms_rules_are_listed_up_to_ten_and_the_rest_counted(
    database, tmp_path
):
    message = refusal(tmp_path, {"activity_session": [_untitled(n) for n in range(1, 13)]})
    assert "gói có bản ghi không hợp lệ theo quy tắc nhập liệu" in message
    assert f"{SESSIONS} thứ 10 " in message and f"{SESSIONS} thứ 11 " not in message
    assert "(và 2 bản ghi khác)" in message
