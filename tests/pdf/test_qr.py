"""The fast QR path gives exactly the modules ReportLab's encoder gives for the same mask."""

from __future__ import annotations

import pytest
from reportlab.graphics.barcode import qrencoder

from movement_desk.pdf import qr


@pytest.mark.parametrize(
    "payload",
    ["MD1:GK2024-000123:ABCDEFGHIJKLMNOP", "HELLO", "x" * 100, "A1:" * 100],
)
def test_modules_match_reportlab(payload):
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.version = code.calculate_version()
    code.makeImpl(False, qr.MASK)
    assert qr.modules(payload) == code.modules


def test_path_fills_one_rectangle_per_dark_run():
    rows = qr.modules("HELLO")
    runs = sum(
        1 for row in rows for i, dark in enumerate(row) if dark and (i == 0 or not row[i - 1])
    )
    operators = qr.path_operators("HELLO", 0, 100, 21)
    assert operators.count(" re") == runs
    assert operators.endswith("f")
