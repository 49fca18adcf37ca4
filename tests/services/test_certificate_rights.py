"""Certificates obey the roles: who may print, preview, list, revoke and reinstate, in which
units, under period locks; each print is one audit entry naming the serial and the recipient;
verification stays open; the signing key never reaches the audit trail."""

from __future__ import annotations

import pytest

from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.models import Certificate, CertificatePrint
from movement_desk.services.certificates import printing as certificates
from movement_desk.services.core import audit, period_locks
from movement_desk.services.core.errors import PermissionDenied
from movement_desk.services.records import commendations
from tests import server_backend
from tests.services.test_permissions import DECISION

RECIPIENTS = [
    {"recipient_name": "Nông Thị Hoa", "unit_code": "01888"},
    {"recipient_name": "Hà Văn Sơn", "unit_code": "01888"},
]


def _entries(**where) -> list[AuditEntry]:
    query = AuditEntry.select().order_by(AuditEntry.id)
    for name, value in where.items():
        query = query.where(getattr(AuditEntry, name) == value)
    return list(query)


@pytest.fixture
def decision(people):
    return commendations.save_decision(DECISION, RECIPIENTS, people["clerk"])


def test_a_clerk_prints_and_each_print_is_audited_with_serial_and_recipient(people, decision):
    clerk = people["clerk"]
    options = certificates.print_options("a4")
    first = certificates.issue(decision, None, clerk, options)
    again = certificates.issue(decision, None, clerk, options, output=certificates.OUTPUT_PRINTER)
    assert first.summary.printed == again.summary.reprints == 2
    prints = _entries(action="print", table_name="commendation")
    assert len(prints) == 4  # once per print, never twice
    assert {p.username for p in prints} == {"clerk"}
    serials = first.summary.serials
    for entry, serial, name in zip(
        prints[:2], serials, ["Nông Thị Hoa", "Hà Văn Sơn"], strict=True
    ):
        assert entry.summary == f"In giấy khen số hiệu {serial} cho {name} (A4, tệp PDF)"
        assert entry.record_label == name
    assert prints[2].summary.startswith(f"In lại giấy khen số hiệu {serials[0]} cho Nông Thị Hoa")
    assert prints[2].summary.endswith("(A4, máy in)")
    assert audit.changes_of(prints[3]) == {"print_count": [1, 2]}


@pytest.mark.parametrize("who", ["officer", "lead"])
def test_roles_without_certificate_print_are_refused_before_anything_is_written(
    people, decision, who
):
    actor = people[who]
    chosen, _ = certificates.select_recipients(decision)
    before = AuditEntry.select().count()
    with pytest.raises(PermissionDenied, match="in giấy khen"):
        certificates.prepare(decision, chosen, actor)
    with pytest.raises(PermissionDenied, match="in giấy khen"):
        certificates.preview(decision, None, certificates.print_options(), actor)
    with pytest.raises(PermissionDenied, match="in giấy khen"):
        certificates.issue(decision, None, actor, certificates.print_options())
    with pytest.raises(PermissionDenied, match="in giấy khen"):
        certificates.decision_list_pdf(decision, actor=actor)
    assert Certificate.select().count() == 0
    assert CertificatePrint.select().count() == 0
    assert AuditEntry.select().count() == before
    # Printing what another account prepared is refused too.
    serials = [d.serial for d in certificates.prepare(decision, chosen, people["clerk"])]
    with pytest.raises(PermissionDenied):
        certificates.record_prints(serials, actor, certificates.print_options())
    assert CertificatePrint.select().count() == 0


def test_a_recipient_outside_the_clerks_unit_is_refused(people):
    # A province decision naming someone of commune 01834 (outside district 061).
    decision = commendations.save_decision(
        {**DECISION, "unit_code": "061"},
        [*RECIPIENTS, {"recipient_name": "Lý Thị Mai", "unit_code": "01834"}],
        people["admin"],
    )
    clerk = people["clerk"]
    chosen, _ = certificates.select_recipients(decision)
    with pytest.raises(PermissionDenied, match="01834"):
        certificates.prepare(decision, chosen, clerk)
    assert Certificate.select().count() == 0
    own = [c.uuid for c in chosen if c.recipient_name != "Lý Thị Mai"]
    options = certificates.print_options()
    assert certificates.issue(decision, own, clerk, options).summary.printed == 2
    assert certificates.issue(decision, None, people["admin"], options).summary.printed == 3


def test_decision_list_is_recorded_as_a_print(people, decision):
    pdf = certificates.decision_list_pdf(decision, actor=people["clerk"])
    assert pdf.startswith(b"%PDF")
    [entry] = _entries(action="print", table_name="decision")
    assert entry.username == "clerk" and entry.record_uuid == decision.uuid
    assert entry.summary == f"In danh sách kèm theo quyết định số {decision.number}"


def test_revoke_and_reinstate_need_decision_write_and_are_audited(people, decision):
    target = commendations.decision_recipients(decision)[0]
    for who in ("officer", "lead"):
        with pytest.raises(PermissionDenied, match="quyết định khen thưởng"):
            certificates.revoke(target.uuid, "Khen nhầm người", people[who])
    assert not commendations.decision_recipients(decision)[0].is_revoked
    certificates.revoke(target.uuid, "Khen nhầm người", people["clerk"])
    certificates.reinstate(target.uuid, people["clerk"])
    revoked, reinstated = _entries(record_uuid=target.uuid, action="update")[-2:]
    assert revoked.username == reinstated.username == "clerk"
    changes = audit.changes_of(revoked)
    assert changes["revoked_reason"] == ["", "Khen nhầm người"]
    assert changes["revoked_by"] == [None, "clerk"]
    assert changes["revoked_at"][0] is None and changes["revoked_at"][1]
    assert audit.changes_of(reinstated)["revoked_reason"] == ["Khen nhầm người", ""]


def test_a_locked_period_stops_a_revocation(people, decision):
    target = commendations.decision_recipients(decision)[0]
    period_locks.lock_period("061", "2024-03", people["lead"], rule="calendar")
    with pytest.raises(period_locks.PeriodLockedError, match="đã được lead khóa"):
        certificates.revoke(target.uuid, "Khen nhầm người", people["admin"])
    assert not commendations.decision_recipients(decision)[0].is_revoked


def test_verification_is_open_to_every_role(people, decision):
    data = certificates.prepare(
        decision, certificates.select_recipients(decision)[0], people["clerk"]
    )
    # verify takes no actor: any signed-in account (officer, supervisor) may check a code.
    assert certificates.verify(data[0].verification_code).ok


def test_certificate_settings_need_certificate_print(people):
    with pytest.raises(PermissionDenied):
        certificates.save_certificate_settings({"place": "Ba Bể"}, people["officer"])
    certificates.save_certificate_settings(
        {"place": "Ba Bể", "certificate_paper": "a4", "offset_right": "2", "offset_down": "0"},
        people["clerk"],
    )
    changed = _entries(action="settings", username="clerk")
    assert {"place", "certificate_offsets_mm"} <= {e.record_uuid for e in changed}


def test_the_private_signing_key_is_never_in_the_database(people, decision):
    from cryptography.hazmat.primitives import serialization

    from movement_desk.services.core import signing

    certificates.prepare(decision, certificates.select_recipients(decision)[0], people["clerk"])
    private = signing.own_private_key().private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    dump = server_backend.dump_open_database()
    assert signing.b64(private) not in dump and private.hex() not in dump
    assert signing.own_key_id() in dump  # the public half is recorded, to verify old codes
    assert AuditEntry.select().where(AuditEntry.changes.contains(private.hex())).count() == 0
