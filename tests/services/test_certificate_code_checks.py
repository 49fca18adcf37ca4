"""Verifying a certificate's code: every way a scanned or typed code can be wrong, and what the
person checking the paper is told (services/certificates/printing.verify)."""

from __future__ import annotations

import pytest

from movement_desk.db.connection import close_database
from movement_desk.services.admin.bootstrap import prepare_database
from movement_desk.services.certificates import printing as certificates
from movement_desk.services.core import signing
from movement_desk.services.core.actor import LOCAL_ACTOR
from movement_desk.services.records import commendations
from tests.services.test_certificate_codes import decision, printed_payload  # noqa: F401

NOT_A_CODE = "không phải mã xác thực giấy khen"


def parts(payload: str) -> tuple[str, str, str, str, str, list[str]]:
    head, *statement = payload.split("|")
    prefix, serial, key_id, digest, signature = head.split(":")
    return prefix, serial, key_id, digest, signature, statement


def test_codes_of_the_wrong_shape_are_not_codes(decision, actor):  # noqa: F811
    payload = printed_payload(decision, actor)
    prefix, serial, key_id, digest, signature, statement = parts(payload)
    head = f"{prefix}:{serial}:{key_id}:{digest}"
    wrong = [
        f"{prefix}:{serial}:{key_id[:-1]}:{digest}",  # a key id one character short
        f"{prefix}:{serial}:{key_id}:{digest[:-2]}",  # a digest cut short
        f"{prefix}::{key_id}:{digest}",  # no serial
        f"{head}:{signature[:-8]}",  # a signature cut short
        f"{head}:{signature[:-1]}1",  # a signature that is not base32
        "|".join([f"{head}:{signature}", *statement[:3]]),  # the statement cut short
        payload + "x" * 4000,  # longer than any code
        "MD9:GK2024-000001:ABC",
        "xin chào",
    ]
    for code in wrong:
        result = certificates.verify(code)
        assert result.status == certificates.MALFORMED, code
        assert NOT_A_CODE in result.message() and not result.genuine


def test_a_signed_code_without_its_statement_checks_against_the_register(
    decision,  # noqa: F811
    actor,
):
    payload = printed_payload(decision, actor)
    signed_head = payload.split("|")[0]
    result = certificates.verify(signed_head)
    assert result.ok and result.in_register
    assert result.recipient_name == "Nguyễn Thị Hồng Nhung"
    lines = result.message().splitlines()
    assert lines[0] == "HỢP LỆ: giấy khen do cơ quan cấp, chưa bị thu hồi."
    assert "Tặng: Nguyễn Thị Hồng Nhung" in lines
    assert lines[-1].startswith(f"Chữ ký số: khóa {result.key_fingerprint}")


def test_a_code_signed_by_this_office_for_other_content_than_its_register_is_invalid(
    decision,  # noqa: F811
    actor,
):
    """The office's own key on a digest its register does not hold for that serial: the code
    was signed for another content (a key used outside the program)."""
    payload = printed_payload(decision, actor)
    prefix, serial, key_id, _digest, _signature, statement = parts(payload)
    other = certificates.statement_digest([serial, "Người Khác", *statement[1:]])
    key_id_now, signature = signing.sign(certificates.signed_message(serial, key_id, other))
    assert key_id_now == key_id
    code = f"{prefix}:{serial}:{key_id}:{other}:{certificates._b32(signature)}"
    result = certificates.verify(code)
    assert result.status == certificates.INVALID
    assert f"mã {serial} không khớp với nội dung trong sổ cấp giấy khen" in result.message()


def test_a_deleted_commendation_verifies_as_deleted(decision, actor):  # noqa: F811
    payload = printed_payload(decision, actor)
    commendations.delete_decision(decision.uuid, actor)
    result = certificates.verify(payload)
    assert result.status == certificates.DELETED and result.genuine and not result.ok
    assert result.message().startswith("ĐÃ BỊ XÓA khỏi danh sách khen thưởng của quyết định.")


def test_first_version_codes_unknown_or_altered(decision, actor):  # noqa: F811
    chosen, _ = certificates.select_recipients(decision)
    [data] = certificates.prepare(decision, [chosen[0]], actor)
    certificates.issue(decision, [chosen[0].uuid], actor, certificates.print_options())
    from movement_desk.services.core import settings

    settings.put(certificates.V2_SINCE_SETTING, "2100-01-01T00:00:00", "test")
    old = certificates.verification_code(data.serial, chosen[0].uuid)
    genuine = certificates.verify(old)
    assert genuine.ok and genuine.key_fingerprint == ""
    assert "Chữ ký số" not in genuine.message()  # an HMAC code names no key

    unknown = certificates.verify(old.replace(data.serial, "GK2024-999999"))
    assert unknown.status == certificates.UNKNOWN
    assert unknown.message() == (
        "Số hiệu GK2024-999999 không có trong sổ cấp giấy khen của cơ sở dữ liệu này."
    )
    prefix, serial, given = old.split(":")
    altered = certificates.verify(f"{prefix}:{serial}:{'A' * len(given)}")
    assert altered.status == certificates.INVALID
    assert f"chữ ký của mã {serial} không khớp" in altered.message()


@pytest.fixture
def issuer_elsewhere(decision, actor, tmp_path):  # noqa: F811
    """The code of a printed certificate and the issuer's key file, with another office's
    database (no register, the issuer's key trusted) open."""
    payload = printed_payload(decision, actor)
    signing.export_public_key(tmp_path / "issuer.mdkey", actor)
    close_database()
    prepare_database(tmp_path / "elsewhere.sqlite3")
    signing.trust_key(tmp_path / "issuer.mdkey", "06", LOCAL_ACTOR)
    yield payload
    close_database()


def test_elsewhere_the_short_code_cannot_be_checked_without_the_register(issuer_elsewhere):
    prefix, serial, key_id, digest, _signature, _statement = parts(issuer_elsewhere)
    result = certificates.verify(f"{prefix}:{serial}:{key_id}:{digest}")
    assert result.status == certificates.UNKNOWN
    assert f"Số hiệu {serial} không có trong sổ cấp giấy khen" in result.message()


def test_elsewhere_a_signed_code_without_statement_is_valid_but_says_what_it_lacks(
    issuer_elsewhere,
):
    signed_head = issuer_elsewhere.split("|")[0]
    result = certificates.verify(signed_head)
    assert result.ok and result.from_code and not result.in_register
    message = result.message()
    assert message.startswith(f"HỢP LỆ: số hiệu {result.serial} do khóa {result.key_fingerprint}")
    assert "hãy quét mã QR để đọc tên người được khen" in message


def test_a_code_of_an_unknown_issuer_says_how_to_get_the_key(decision, actor, tmp_path):  # noqa: F811
    payload = printed_payload(decision, actor)
    close_database()
    prepare_database(tmp_path / "elsewhere.sqlite3")
    try:
        result = certificates.verify(payload)
    finally:
        close_database()
    assert result.status == certificates.UNKNOWN_ISSUER
    assert result.message().startswith("KHÔNG XÁC ĐỊNH ĐƯỢC CƠ QUAN CẤP")
    assert result.key_fingerprint in result.message() and "keys trust" in result.message()
