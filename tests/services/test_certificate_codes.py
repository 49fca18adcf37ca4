"""Certificate codes signed with Ed25519: verifiable anywhere with the public key alone, bound to
what the certificate says, and a printed certificate that nothing can re-attach."""

from __future__ import annotations

import base64
import csv
from pathlib import Path

import pytest

from movement_desk.db.connection import close_database
from movement_desk.services.admin.bootstrap import prepare_database
from movement_desk.services.certificates import printing as certificates
from movement_desk.services.core import settings, signing
from movement_desk.services.core.actor import LOCAL_ACTOR
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.records import commendations, transfer
from tests.services.test_certificates import DECISION, RECIPIENTS


@pytest.fixture
def decision(database, actor):
    return commendations.save_decision(DECISION, RECIPIENTS, actor)


def printed_payload(decision, actor, index: int = 0) -> str:
    """Print one certificate; return what its QR symbol carries."""
    chosen, _ = certificates.select_recipients(decision)
    result = certificates.issue(decision, [chosen[index].uuid], actor, certificates.print_options())
    [data] = certificates.prepare(decision, [chosen[index]], actor)
    assert data.serial == result.summary.serials[0]
    return data.verification_code


def test_the_code_carries_what_the_certificate_says(decision, actor):
    payload = printed_payload(decision, actor)
    head, name, form, number, day, issuer = payload.split("|")
    assert head.startswith("MD2:GK2024-000001:")
    assert name == "Nguyễn Thị Hồng Nhung"  # NFC, although typed decomposed
    assert (form, number, day) == ("GIẤY KHEN", "125/QĐ-CAT-PV05", "2024-01-15")
    assert issuer == "GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN"
    result = certificates.verify(payload)
    assert result.ok and result.in_register
    assert result.key_fingerprint == signing.fingerprint(signing.own_key_id())
    # The same certificate printed again carries the same code (Ed25519 is deterministic).
    assert printed_payload(decision, actor) == payload


def test_a_code_verifies_on_a_fresh_installation_with_only_the_public_key(
    decision, actor, tmp_path
):
    payload = printed_payload(decision, actor)
    signing.export_public_key(tmp_path / "issuer.mdkey", actor)
    close_database()
    prepare_database(tmp_path / "elsewhere.sqlite3")  # another office, no register, no key
    try:
        assert certificates.verify(payload).status == certificates.UNKNOWN_ISSUER
        key = signing.read_public_key_file(tmp_path / "issuer.mdkey")
        result = certificates.verify(payload, public_key=key)
        assert result.status == certificates.VALID and result.from_code
        assert result.recipient_name == "Nguyễn Thị Hồng Nhung"
        assert result.decision_number == "125/QĐ-CAT-PV05"
        assert "HỢP LỆ" in result.message() and "không biết giấy khen có bị thu hồi" in (
            result.message()
        )
        # Another name in the code: the digest no longer matches what was signed.
        changed = payload.replace("Nguyễn Thị Hồng Nhung", "Nguyễn Văn Giả")
        altered = certificates.verify(changed, public_key=key)
        assert altered.status == certificates.INVALID and not altered.genuine
        assert "đã bị sửa" in altered.message()
        # Enrolled once, the key verifies without the file.
        signing.trust_key(tmp_path / "issuer.mdkey", "06", LOCAL_ACTOR)
        assert certificates.verify(payload).ok
    finally:
        close_database()


def test_a_code_copied_onto_another_name_fails(decision, actor):
    payload = printed_payload(decision, actor)
    assert certificates.verify(payload, name="nguyen thi hong nhung").ok
    copied = certificates.verify(payload, name="Trần Văn Mạo Danh")
    assert copied.status == certificates.INVALID
    assert "chép sang giấy khen của người khác" in copied.message()
    # The short code printed beside the symbol, checked against the register, too.
    head = payload.split("|")[0].rsplit(":", 1)[0]
    assert certificates.verify(head).ok
    assert certificates.verify(head, name="Trần Văn Mạo Danh").status == certificates.INVALID


def test_a_code_minted_without_the_private_key_fails(decision, actor, tmp_path):
    """A copy of the database (register and public key included) cannot mint a valid code."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    payload = printed_payload(decision, actor)
    head, *statement = payload.split("|")
    prefix, serial, key_id, _digest, _signature = head.split(":")
    fields = [serial, "Người Được Khen Giả", *statement[1:]]
    digest = certificates.statement_digest(fields)
    forger = Ed25519PrivateKey.generate()
    signature = forger.sign(certificates.signed_message(serial, key_id, digest))
    minted = (
        f"{prefix}:{serial}:{key_id}:{digest}:"
        + base64.b32encode(signature).decode().rstrip("=")
        + "|"
        + "|".join(fields[1:])
    )
    result = certificates.verify(minted)
    assert result.status == certificates.INVALID
    assert "chữ ký số" in result.message() or "KHÔNG HỢP LỆ" in result.message()
    # Its own key id instead: an issuer nobody knows.
    own_id = signing.key_id_of(signing.raw_public(forger.public_key()))
    other = minted.replace(f":{key_id}:", f":{own_id}:")
    assert certificates.verify(other).status == certificates.UNKNOWN_ISSUER


def test_a_revoked_key_makes_its_codes_untrusted(decision, actor):
    payload = printed_payload(decision, actor)
    key_id = payload.split(":")[2]
    signing.revoke_key(key_id, "Máy in giấy khen bị mất", actor)
    result = certificates.verify(payload)
    assert result.status == certificates.KEY_REVOKED
    assert "đã bị thu hồi" in result.message()
    # This installation signs with a new key from now on.
    assert signing.own_key_id() != key_id


def test_a_revoked_commendation_verifies_as_revoked(decision, actor):
    payload = printed_payload(decision, actor)
    target = commendations.decision_recipients(decision)[0]
    certificates.revoke(target.uuid, "Khen nhầm người", actor)
    assert certificates.verify(payload).status == certificates.REVOKED


def test_codes_of_the_first_version_keep_verifying(decision, actor):
    chosen, _ = certificates.select_recipients(decision)
    [data] = certificates.prepare(decision, [chosen[0]], actor)
    # As if the certificate had been issued before signed codes existed.
    settings.put(certificates.V2_SINCE_SETTING, "2100-01-01T00:00:00", "test")
    old = certificates.verification_code(data.serial, chosen[0].uuid)
    assert old.startswith("MD1:")
    assert certificates.verify(old).ok
    # A serial issued after the change never carries an MD1 code.
    settings.put(certificates.V2_SINCE_SETTING, "2000-01-01T00:00:00", "test")
    assert certificates.verify(old).status == certificates.INVALID


def test_a_printed_commendation_cannot_be_reattached_or_renamed(decision, actor, tmp_path):
    printed_payload(decision, actor)
    target = commendations.decision_recipients(decision)[0]
    # The form.
    raw = commendations.decision_to_raw(decision)
    recipients = [
        commendations.recipient_to_raw(c) for c in commendations.decision_recipients(decision)
    ]
    recipients[0]["recipient_name"] = "Người Khác"
    with pytest.raises(ValidationError, match="thu hồi khen thưởng này"):
        commendations.save_decision(raw, recipients, actor, uuid=decision.uuid)
    with pytest.raises(ValidationError, match="Số quyết định"):
        commendations.save_decision(
            {**raw, "decision_number": "999/QĐ-KHAC"},
            [
                commendations.recipient_to_raw(c)
                for c in commendations.decision_recipients(decision)
            ],
            actor,
            uuid=decision.uuid,
        )
    # An import file reusing the printed commendation's id with another decision.
    path = tmp_path / "khen.csv"
    row = {
        "uuid": target.uuid,
        "decision_number": "126/QĐ-CAT-PV05",
        "decision_date": "20/01/2024",
        "form": "Giấy khen",
        "authority": DECISION["authority"],
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Đại tá Hoàng Văn Thắng",
        "recipient_name": "Nguyễn Thị Hồng Nhung",
        "unit_code": "06",
    }
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    with pytest.raises(ValidationError, match="thu hồi khen thưởng này"):
        transfer.import_file("commendations", path, actor)
    verified = certificates.verify(
        certificates.prepare(decision, [target], actor)[0].verification_code
    )
    assert verified.ok and verified.decision_number == "125/QĐ-CAT-PV05"
    # Correcting means revoking (with a reason) and commending again: both stay.
    certificates.revoke(target.uuid, "Sai tên, khen thưởng lại", actor)
    assert commendations.decision_recipients(decision)[0].is_revoked


def test_the_private_key_file_is_readable_by_its_owner_only(database):
    import os
    import stat
    import sys

    signing.own_private_key()
    path = Path(os.environ[signing.KEY_DIR_ENV_VAR]) / f"{settings.installation_id()}.key"
    assert path.is_file()
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_an_unwritable_key_folder_is_explained_not_a_crash(tmp_path, monkeypatch):
    from movement_desk.services.core.errors import ServiceError

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(signing.KEY_DIR_ENV_VAR, str(blocker / "keys"))
    close_database()
    try:
        prepare_database(tmp_path / "db.sqlite3")  # the database still opens
        with pytest.raises(ServiceError, match="Không ghi được khóa ký"):
            signing.own_private_key()
    finally:
        close_database()


def test_the_symbol_printed_on_the_page_decodes_to_a_code_that_verifies(decision, actor):
    from tests.pdf.test_qr import decoded

    chosen, _ = certificates.select_recipients(decision)
    result = certificates.issue(decision, [chosen[0].uuid], actor, certificates.print_options())
    [scanned] = decoded(result.pdf)
    assert scanned.startswith("MD2:GK2024-000001:") and "|Nguyễn Thị Hồng Nhung|" in scanned
    verified = certificates.verify(scanned, name="Nguyễn Thị Hồng Nhung")
    assert verified.ok and verified.in_register
    assert verified.recipient_name == "Nguyễn Thị Hồng Nhung"
