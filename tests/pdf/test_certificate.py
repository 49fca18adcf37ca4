"""The certificate renderer, read back with pypdf and pdfplumber: what a clerk would check."""

from __future__ import annotations

import dataclasses
import io
import unicodedata
from datetime import date

import pdfplumber
import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from movement_desk.pdf.certificate import (
    PAPERS,
    CertificateData,
    CertificateRenderer,
    RenderCancelled,
)

INDIVIDUAL = CertificateData(
    authority="GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN",
    form_name="GIẤY KHEN",
    recipient_name="Nguyễn Thị Hồng Nhung",
    recipient_position="Thượng úy, Cán bộ Công an xã Bằng Thành",
    recipient_unit="Công an huyện Pác Nặm, tỉnh Bắc Kạn",
    achievement="Đã có thành tích xuất sắc trong phong trào “Toàn dân bảo vệ an ninh Tổ quốc” năm 2023",
    decision_number="125/QĐ-CAT-PV05",
    decided_on=date(2024, 1, 15),
    place="Bắc Kạn",
    register_number="37",
    signer_prefix="KT.",
    signer_title="GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    signer_name="Đại tá Hoàng Văn Thắng",
    serial="GK2024-000123",
    verification_code="MD1:GK2024-000123:ABCDEFGHIJKLMNOP",
)
COLLECTIVE = dataclasses.replace(
    INDIVIDUAL,
    form_name="BẰNG KHEN",
    recipient_name="Tổ bảo vệ an ninh, trật tự thôn Nà Coóc",
    recipient_position="",
    recipient_unit="Xã Bằng Thành, huyện Pác Nặm",
    decided_on=date(2023, 7, 5),
    register_number="",
    signer_prefix="",
    signer_title="CHỦ TỊCH",
)
LONG_NAME = "Nguyễn Văn Ân " * 357 + "Hế"  # 5.000 characters
LONG_ACHIEVEMENT = "Đã có thành tích xuất sắc trong phong trào bảo vệ an ninh Tổ quốc; " * 30


def flat(text: str) -> str:
    return " ".join(text.split())


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def fields(data: CertificateData) -> list[str]:
    return [
        data.authority,
        data.form_name,
        data.recipient_name,
        data.recipient_position,
        data.recipient_unit,
        data.achievement,
        data.decision_line,
        data.register_line,
        data.date_line,
        *data.signer_title_lines,
        data.signer_name,
        data.serial,
    ]


def test_one_page_per_certificate_with_every_field_in_nfc():
    certificates = [INDIVIDUAL, COLLECTIVE, INDIVIDUAL]
    pdf = CertificateRenderer().render(certificates)
    texts = page_texts(pdf)
    assert len(texts) == 3
    for text, data in zip(texts, certificates, strict=True):
        assert unicodedata.is_normalized("NFC", text)
        for value in fields(data):
            if value:
                assert flat(value) in flat(text), value
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "Độc lập - Tự do - Hạnh phúc" in text
        assert "TẶNG" in text


@pytest.mark.parametrize(
    ("paper", "size_mm"),
    [("a4", (297, 210)), ("a3", (420, 297)), ("a4-portrait", (210, 297))],
)
def test_page_size_and_embedded_font(paper, size_mm):
    pdf = CertificateRenderer(paper).render([INDIVIDUAL])
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width / mm), round(height / mm)) == size_mm
    fonts = page["/Resources"]["/Font"]
    embedded = []
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        descriptor = descriptor.get_object()
        embedded.append((str(font["/BaseFont"]), "/FontFile2" in descriptor))
    assert embedded
    assert all(name.split("+")[-1].startswith("LiberationSerif") for name, _ in embedded)
    assert all(is_embedded for _, is_embedded in embedded)


def test_date_line_pads_days_below_ten_and_months_one_and_two_only():
    assert INDIVIDUAL.date_line == "Bắc Kạn, ngày 15 tháng 01 năm 2024"
    assert COLLECTIVE.date_line == "Bắc Kạn, ngày 05 tháng 7 năm 2023"
    assert INDIVIDUAL.decision_line == "Số: 125/QĐ-CAT-PV05, ngày 15 tháng 01 năm 2024"
    february = dataclasses.replace(INDIVIDUAL, decided_on=date(2024, 2, 9))
    december = dataclasses.replace(INDIVIDUAL, decided_on=date(2024, 12, 1))
    text = flat(page_texts(CertificateRenderer().render([february, december]))[0])
    assert "Bắc Kạn, ngày 09 tháng 02 năm 2024" in text
    assert "ngày 01 tháng 12 năm 2024" in flat(
        page_texts(CertificateRenderer().render([december]))[0]
    )


def test_signer_prefix_joins_the_first_title_line():
    assert INDIVIDUAL.signer_title_lines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert COLLECTIVE.signer_title_lines == ["CHỦ TỊCH"]
    lines = page_texts(CertificateRenderer().render([INDIVIDUAL]))[0].splitlines()
    assert "KT. GIÁM ĐỐC" in [line.strip() for line in lines]
    assert "PHÓ GIÁM ĐỐC" in [line.strip() for line in lines]


def test_markup_characters_print_as_typed():
    name = "Đội <b>\"Sao Đỏ\"</b> & Tổ '3 không' <br/>"
    data = dataclasses.replace(INDIVIDUAL, recipient_name=name, recipient_unit="A&B <C>")
    text = flat(page_texts(CertificateRenderer().render([data]))[0])
    assert flat(name) in text
    assert "A&B <C>" in text
    assert "&amp;" not in text


def chars_outside(pdf: bytes, frame) -> list[str]:
    outside = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            height = page.height
            for char in page.chars:
                bottom = height - char["bottom"]
                top = height - char["top"]
                if (
                    char["x0"] < frame.x - 0.01
                    or char["x1"] > frame.right + 0.01
                    or bottom < frame.y - 0.01
                    or top > frame.top + 0.01
                ):
                    outside.append(char["text"])
    return outside


@pytest.mark.parametrize("paper", list(PAPERS))
def test_a_5000_character_name_and_long_achievement_stay_inside_the_frame(paper):
    assert len(LONG_NAME) == 5000
    data = dataclasses.replace(
        INDIVIDUAL,
        recipient_name=LONG_NAME,
        achievement=LONG_ACHIEVEMENT,
        recipient_position="Trưởng ban " * 40,
        authority="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC KẠN KIÊM TRƯỞNG BAN CHỈ ĐẠO 138 " * 3,
        signer_name="Nguyễn " * 30,
    )
    renderer = CertificateRenderer(paper)
    pdf = renderer.render([data])
    assert chars_outside(pdf, renderer.frame) == []
    text = flat(page_texts(pdf)[0])
    assert flat(LONG_NAME) in text
    assert flat(LONG_ACHIEVEMENT) in text


def test_long_name_shrinks_but_stays_out_of_the_footer():
    renderer = CertificateRenderer()
    data = dataclasses.replace(INDIVIDUAL, recipient_name=LONG_NAME)
    body = renderer.box("body")
    with pdfplumber.open(io.BytesIO(renderer.render([data]))) as document:
        page = document.pages[0]
        # Bold and smaller than any fixed bold line (13,5 pt): the shrunk name.
        name_chars = [
            c
            for c in page.chars
            if c["fontname"].endswith("LiberationSerif-Bold") and c["size"] < 13
        ]
        assert len(name_chars) >= len(LONG_NAME.replace(" ", ""))
        assert name_chars
        for char in name_chars:
            assert page.height - char["bottom"] >= body.y - 0.01
            assert page.height - char["top"] <= body.top + 0.01


def test_issuer_and_form_name_are_red_the_name_black():
    with pdfplumber.open(io.BytesIO(CertificateRenderer().render([INDIVIDUAL]))) as document:
        chars = document.pages[0].chars
    red = [c for c in chars if c["non_stroking_color"] and c["non_stroking_color"][0] > 0.5]
    red_text = "".join(c["text"] for c in red)
    assert red_text.replace(" ", "") == "GIÁMĐỐCCÔNGANTỈNHBẮCKẠNGIẤYKHEN"
    assert "Nhung" not in red_text


def test_preprinted_mode_prints_only_the_variable_fields_shifted_by_the_offset():
    plain = CertificateRenderer(preprinted=True)
    shifted = CertificateRenderer(preprinted=True, offset_mm=(5.0, 3.0))
    text = flat(page_texts(plain.render([INDIVIDUAL]))[0])
    assert "CỘNG HÒA" not in text
    assert "GIẤY KHEN" not in text
    assert "TẶNG" not in text
    for value in (INDIVIDUAL.recipient_name, INDIVIDUAL.authority, INDIVIDUAL.date_line):
        assert value in text

    def first_char(pdf):
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            char = next(c for c in document.pages[0].chars if c["text"] == "N")
            return char["x0"], char["top"]

    x0, top0 = first_char(plain.render([INDIVIDUAL]))
    x1, top1 = first_char(shifted.render([INDIVIDUAL]))
    assert x1 - x0 == pytest.approx(5 * mm, abs=0.05)
    assert top1 - top0 == pytest.approx(3 * mm, abs=0.05)


def test_invariant_output_is_repeatable():
    renderer = CertificateRenderer(invariant=True)
    assert renderer.render([INDIVIDUAL]) == renderer.render([INDIVIDUAL])


def test_progress_is_reported_and_a_false_answer_cancels():
    seen = []
    CertificateRenderer().render([INDIVIDUAL] * 3, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    with pytest.raises(RenderCancelled):
        CertificateRenderer().render([INDIVIDUAL] * 5, progress=lambda d, t: d < 2)


def test_unknown_paper_is_refused():
    with pytest.raises(ValueError, match="unknown paper"):
        CertificateRenderer("letter")
