"""QR symbols: zxing-cpp's modules drawn as one path, and a printed page that decodes back to its code."""

from __future__ import annotations

import pypdfium2
import pytest
import zxingcpp
from PIL import Image

from movement_desk.pdf import qr
from movement_desk.pdf.certificate import CertificateData, CertificateRenderer

# As long as a signed MD2 code with a Vietnamese statement (about 270 bytes of UTF-8).
SIGNED = (
    "MD2:GK2024-000123:ABCDEFGHIJKLMNOP:QRSTUVWXYZ234567ABCDEFGHIJ:"
    + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" * 3
    + "ABCDEFG|Nguyễn Thị Hồng Nhung|GIẤY KHEN|125/QĐ-CAT-PV05|2024-01-15|"
    "GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN"
)


def decoded(pdf: bytes, dpi: int = 150) -> list[str]:
    """The QR codes found on the first page of ``pdf`` rendered at ``dpi``."""
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=dpi / 72).to_pil()
    return [found.text for found in zxingcpp.read_barcodes(image)]


def test_modules_are_a_level_m_qr_symbol_that_reads_back_to_the_code():
    rows = qr.modules(SIGNED)
    side = len(rows)
    assert all(len(row) == side for row in rows) and (side - 17) % 4 == 0  # a QR version
    # The modules alone, with a quiet zone of 4 and 4 pixels a module, read back to the code.
    scale, quiet = 4, 4
    width = (side + 2 * quiet) * scale
    image = Image.new("L", (width, width), 255)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                left, top = (x + quiet) * scale, (y + quiet) * scale
                image.paste(0, (left, top, left + scale, top + scale))
    (found,) = zxingcpp.read_barcodes(image)
    assert found.text == SIGNED
    assert found.format == zxingcpp.BarcodeFormat.QRCode
    assert found.ec_level in ("M", "Q", "H")
    assert len(qr.modules("HELLO")) == 21  # version 1


def test_path_fills_one_rectangle_per_dark_run_in_module_units():
    rows = qr.modules("HELLO")
    runs = sum(
        1 for row in rows for i, dark in enumerate(row) if dark and (i == 0 or not row[i - 1])
    )
    operators = qr.path_operators("HELLO", 10, 100, 21)
    assert operators.startswith("q 0 1.00000 1.00000 0 10.000 79.000 cm\n")
    assert operators.count(" re") == runs
    assert operators.endswith("\nf\nQ")
    # Cached per code: the placement is not part of what is cached.
    assert qr.unit_path("HELLO") is qr.unit_path("HELLO")


@pytest.mark.parametrize(
    "payload",
    [SIGNED, "MD2:GK2024-000001:ABCDEFGHIJKLMNOP:QRSTUVWXYZ234567ABCDEFGHIJ|Tran Van A|x|y|z|w"],
)
def test_a_printed_certificate_decodes_back_to_its_code(payload):
    data = CertificateData(
        authority="GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN",
        form_name="GIẤY KHEN",
        recipient_name="Nguyễn Thị Hồng Nhung",
        serial="GK2024-000123",
        verification_code=payload,
        code_text=payload.split("|")[0][:44],
    )
    pdf = CertificateRenderer(invariant=True).render([data])
    assert decoded(pdf) == [payload]


def test_a_preprinted_blank_with_an_offset_still_decodes():
    data = CertificateData(
        authority="UBND HUYỆN BA BỂ", form_name="GIẤY KHEN", recipient_name="Hộ ông Lường Văn Pải",
        serial="GK2024-000124", verification_code=SIGNED,
    )  # fmt: skip
    renderer = CertificateRenderer("a3", preprinted=True, offset_mm=(3.0, -2.5), invariant=True)
    assert decoded(renderer.render([data]), dpi=110) == [SIGNED]
