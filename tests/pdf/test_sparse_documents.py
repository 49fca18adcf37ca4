"""Certificates and decision lists whose optional fields are empty (no decision date, no
serial, no verification code, a signer prefix with no title, no issuing authority): nothing
empty is printed, no "ngày" without a date, no QR symbol without a code."""

from __future__ import annotations

import dataclasses
import io

import pdfplumber
from pypdf import PdfReader

from movement_desk.pdf.certificate import CertificateData, CertificateRenderer
from movement_desk.pdf.decision_list import (
    DecisionListData,
    DecisionListGroup,
    DecisionListRenderer,
    DecisionListRow,
)

SPARSE = CertificateData(
    authority="CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN BA BỂ",
    form_name="GIẤY KHEN",
    recipient_name="Hộ ông Lường Văn Pải",
    decision_number="12/QĐ-UBND",
    signer_prefix="TM. ỦY BAN NHÂN DÂN",
    signer_name="Hoàng Văn Thắng",
)


def _lines(pdf: bytes) -> list[str]:
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    return [line.strip() for line in text.split("\n") if line.strip()]


def _marks_in_the_qr_square(renderer: CertificateRenderer, pdf: bytes) -> int:
    """Filled rectangles (the QR symbol's modules) inside the certificate's QR square."""
    box = renderer.box("qr")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        return sum(
            1
            for rect in page.rects
            if rect["x0"] >= box.x - 0.5
            and rect["x1"] <= box.x + box.width + 0.5
            and page.height - rect["bottom"] >= box.y - 0.5
            and page.height - rect["top"] <= box.y + box.height + 0.5
        )


def test_a_certificate_without_date_serial_or_code_prints_only_what_it_has():
    renderer = CertificateRenderer(invariant=True)
    pdf = renderer.render(SPARSE)  # one certificate, not a list: one page
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    lines = _lines(pdf)
    assert "Số: 12/QĐ-UBND" in lines  # no ", ngày …" without a date
    assert not any("ngày" in line for line in lines)
    assert "TM. ỦY BAN NHÂN DÂN" in lines  # the prefix alone, as the signer's title
    assert "Hoàng Văn Thắng" in lines
    assert not any(line.startswith(("Số hiệu", "Số sổ vàng")) for line in lines)
    assert _marks_in_the_qr_square(renderer, pdf) == 0
    with_code = renderer.render(dataclasses.replace(SPARSE, verification_code="MD1:GK1:ABCD"))
    assert _marks_in_the_qr_square(renderer, with_code) > 0
    assert "MD1:GK1:ABCD" in _lines(with_code)


def test_a_serial_without_a_code_is_printed_alone():
    renderer = CertificateRenderer(invariant=True)
    pdf = renderer.render([dataclasses.replace(SPARSE, serial="GK2024-000007")])
    lines = _lines(pdf)
    assert "Số hiệu: GK2024-000007" in lines
    assert lines[-1] == "Số hiệu: GK2024-000007"  # no code line after it
    assert _marks_in_the_qr_square(renderer, pdf) == 0


def test_a_decision_list_without_date_or_authority_says_only_the_number():
    data = DecisionListData(
        authority="",
        decision_number="12/QĐ-UBND",
        decided_on=None,
        groups=[
            DecisionListGroup("CÁ NHÂN", [DecisionListRow("Lường Văn Pải", unit="Xã Nam Mẫu")])
        ],
    )
    assert data.subtitle == "(Kèm theo Quyết định số 12/QĐ-UBND)"
    text = " ".join(
        PdfReader(io.BytesIO(DecisionListRenderer().render(data))).pages[0].extract_text().split()
    )
    assert "(Kèm theo Quyết định số 12/QĐ-UBND)" in text
    assert "Lường Văn Pải" in text
