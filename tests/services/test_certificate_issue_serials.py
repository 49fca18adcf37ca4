"""``certificates.issue`` draws the pages before it gives any serial: a cancelled or failed
render leaves no serial, no register line and no audit entry; serials another clerk took while
the pages were drawn are not printed twice (services/certificates/printing.py)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.models import Certificate, CertificatePrint
from movement_desk.services.certificates import files as certificate_files
from movement_desk.services.certificates import printing as certificates
from movement_desk.services.records import commendations
from tests.services.test_certificates import DECISION, RECIPIENTS, decision  # noqa: F401


def written():
    return (
        Certificate.select().count(),
        CertificatePrint.select().count(),
        AuditEntry.select().where(AuditEntry.action == "print").count(),
    )


def test_a_cancelled_issue_gives_no_serial(decision, actor):  # noqa: F811
    with pytest.raises(certificates.RenderCancelled):
        certificates.issue(
            decision,
            None,
            actor,
            certificates.print_options(),
            progress=lambda done, total: done < 2,
        )
    assert written() == (0, 0, 0)
    assert [line.serial for line in certificates.register_lines(decision)] == ["", "", ""]


def test_serials_taken_while_drawing_are_drawn_again(decision, actor, tmp_path, monkeypatch):  # noqa: F811
    real_render = certificates.render
    taken: list[str] = []

    def render_while_another_clerk_saves(data, options, progress=None, **kwargs):
        if not taken:
            taken.append("")  # the other clerk's own render comes back here
            other = commendations.save_decision(
                {**DECISION, "decision_number": "126/QĐ-CAT-PV05"}, RECIPIENTS[:1], actor
            )
            chosen, _ = certificates.select_recipients(other)
            summary = certificate_files.save(
                other, chosen, actor, certificates.print_options(), tmp_path / "other.pdf"
            )
            taken[0] = summary.serials[0]
        return real_render(data, options, progress, **kwargs)

    monkeypatch.setattr(certificates, "render", render_while_another_clerk_saves)
    result = certificates.issue(decision, None, actor, certificates.print_options())
    assert taken == ["GK2024-000001"]
    serials = ["GK2024-000002", "GK2024-000003", "GK2024-000004"]
    assert result.summary.serials == serials
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(result.pdf)).pages]
    assert [serial in text for serial, text in zip(serials, texts, strict=True)] == [True] * 3
    assert written() == (4, 4, 4)
