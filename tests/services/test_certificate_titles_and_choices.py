"""Certificates beyond the plain Giấy khen (services/certificates/printing.py): an emulation
title printed and verified under its own name, a recipient chosen twice, nothing chosen, an
unknown paper size and an unknown serial."""

from __future__ import annotations

import pytest

from movement_desk.db.models import Certificate, CertificatePrint
from movement_desk.services.certificates import printing as certificates
from movement_desk.services.core import settings
from movement_desk.services.core.errors import NotFoundError, ServiceError, ValidationError
from movement_desk.services.records import commendations
from tests.services.test_certificates import DECISION, RECIPIENTS, code_of, pages


@pytest.fixture
def decision(database, actor):
    return commendations.save_decision(DECISION, RECIPIENTS, actor)


def test_an_emulation_title_is_printed_and_verified_under_its_own_name(database, actor):
    titled = commendations.save_decision(
        {**DECISION, "form": "danh_hieu", "emulation_title": "Chiến sĩ thi đua cơ sở"},
        RECIPIENTS[:1],
        actor,
    )
    code = code_of(titled, actor)
    chosen, _ = certificates.select_recipients(titled)
    [data] = certificates.prepare(titled, chosen, actor)
    assert data.form_name == "CHIẾN SĨ THI ĐUA CƠ SỞ"
    result = certificates.verify(code)
    assert result.ok and result.in_register
    assert result.form_name == "Chiến sĩ thi đua cơ sở"


def test_a_recipient_chosen_twice_is_printed_once(decision, actor):
    first = commendations.decision_recipients(decision)[0]
    result = certificates.issue(
        decision, [first.uuid, f" {first.uuid} "], actor, certificates.print_options()
    )
    assert len(pages(result.pdf)) == 1
    assert len(result.summary.serials) == 1
    assert CertificatePrint.select().count() == 1


def test_printing_with_nobody_chosen_is_refused(decision, actor):
    with pytest.raises(ServiceError, match="^Chưa chọn người hay tập thể nào để in.$"):
        certificates.issue(decision, [], actor, certificates.print_options())
    assert Certificate.select().count() == 0


def test_an_unknown_paper_size_is_refused_naming_the_choices(database, actor):
    before = settings.get("certificate_paper")
    with pytest.raises(ValidationError) as caught:
        certificates.save_certificate_settings({"certificate_paper": "b5"}, actor)
    [error] = caught.value.errors
    assert error.field == "certificate_paper"
    assert error.message == f"hãy chọn một trong: {', '.join(certificates.PAPERS)}."
    assert settings.get("certificate_paper") == before


def test_recording_the_print_of_an_unknown_serial_records_nothing(decision, actor):
    result = certificates.issue(decision, None, actor, certificates.print_options())
    prints = CertificatePrint.select().count()
    known = result.summary.serials[0]
    with pytest.raises(NotFoundError, match="^Không có giấy khen số hiệu GK2099-000009 trong sổ.$"):
        certificates.record_prints([known, "GK2099-000009"], actor, certificates.print_options())
    assert CertificatePrint.select().count() == prints
