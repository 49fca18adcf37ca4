"""Time 500 certificates against the same text drawn with bare ReportLab canvas calls.

Run by hand: ``python benchmarks/bench_certificates.py [--count 500] [--repeat 3]``. Prints our
time, the baseline measured in the same run, their ratio and the time per page. Aim: within
1,5x of the baseline and under 20 ms a page. The baseline draws every string of the page once
at a fixed place (no fitting, no border, no QR code), in the same embedded fonts.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from movement_desk.pdf.certificate import PAPERS, CertificateData, CertificateRenderer  # noqa: E402
from movement_desk.pdf.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts  # noqa: E402

FAMILY = ["Nguyễn", "Trần", "Hoàng", "Nông", "Lộc", "Ma", "Triệu", "Hà", "Đàm", "Lường"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quốc"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hạnh", "Khánh", "Lan", "Nhung", "Phương", "Thắng"]


def certificates(count: int, seed: int = 2024) -> list[CertificateData]:
    rng = random.Random(seed)
    result = []
    for index in range(1, count + 1):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        result.append(
            CertificateData(
                authority="GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN",
                form_name="GIẤY KHEN",
                recipient_name=name,
                recipient_position="Thượng úy, Cán bộ Công an xã Bằng Thành",
                recipient_unit=f"Thôn Nà Coóc {index}, xã Bằng Thành, huyện Pác Nặm",
                achievement="Đã có thành tích xuất sắc trong phong trào “Toàn dân bảo vệ an ninh "
                "Tổ quốc” năm 2023",
                decision_number="125/QĐ-CAT-PV05",
                decided_on=date(2024, 1, 15),
                place="Bắc Kạn",
                register_number=str(index),
                signer_prefix="KT.",
                signer_title="GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
                signer_name="Đại tá Hoàng Văn Thắng",
                serial=f"GK2024-{index:06d}",
                verification_code=f"MD1:GK2024-{index:06d}:ABCDEFGHIJKLMNOP",
            )
        )
    return result


def baseline(data: list[CertificateData]) -> bytes:
    """The same strings, each drawn once with a bare canvas call at a fixed place."""
    width, height = PAPERS["a4"]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1, initialFontName=SERIF)
    centre = width / 2
    for item in data:
        canvas.setFont(SERIF_BOLD, 13.5)
        canvas.drawCentredString(centre, height - 25 * mm, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        canvas.drawCentredString(centre, height - 31 * mm, "Độc lập - Tự do - Hạnh phúc")
        canvas.setFont(SERIF_BOLD, 16)
        canvas.drawCentredString(centre, height - 45 * mm, item.authority)
        canvas.setFont(SERIF_BOLD, 18)
        canvas.drawCentredString(centre, height - 57 * mm, item.verb)
        canvas.setFont(SERIF_BOLD, 46)
        canvas.drawCentredString(centre, height - 75 * mm, item.form_name)
        canvas.setFont(SERIF_BOLD, 22)
        canvas.drawCentredString(centre, height - 95 * mm, item.recipient_name)
        canvas.setFont(SERIF, 15)
        canvas.drawCentredString(centre, height - 103 * mm, item.recipient_position)
        canvas.drawCentredString(centre, height - 110 * mm, item.recipient_unit)
        canvas.setFont(SERIF_ITALIC, 15)
        canvas.drawCentredString(centre, height - 118 * mm, item.achievement)
        canvas.setFont(SERIF, 12.5)
        canvas.drawString(22 * mm, 70 * mm, item.decision_line)
        canvas.drawString(22 * mm, 63 * mm, item.register_line)
        canvas.setFont(SERIF_ITALIC, 14)
        canvas.drawCentredString(215 * mm, 70 * mm, item.date_line)
        canvas.setFont(SERIF_BOLD, 14)
        for offset, line in enumerate(item.signer_title_lines):
            canvas.drawCentredString(215 * mm, (63 - 6 * offset) * mm, line)
        canvas.drawCentredString(215 * mm, 20 * mm, item.signer_name)
        canvas.setFont(SERIF, 8.5)
        canvas.drawString(45 * mm, 30 * mm, f"Số hiệu: {item.serial}")
        canvas.drawString(45 * mm, 26 * mm, item.verification_code)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def baseline_with_qr(data: list[CertificateData]) -> bytes:
    """The bare-canvas baseline plus each page's code drawn with ReportLab's own QR widget."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    width, height = PAPERS["a4"]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1, initialFontName=SERIF)
    for item in data:
        canvas.setFont(SERIF_BOLD, 22)
        canvas.drawCentredString(width / 2, height - 95 * mm, item.recipient_name)
        widget = QrCodeWidget(item.verification_code, barLevel="M")
        x0, y0, x1, y1 = widget.getBounds()
        size = 22 * mm
        drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
        drawing.add(widget)
        renderPDF.draw(drawing, canvas, 20 * mm, 20 * mm)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def best_of(repeat: int, function, *args) -> tuple[float, bytes]:
    best, result = float("inf"), b""
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    register_fonts()
    data = certificates(args.count)
    renderer = CertificateRenderer("a4")
    renderer.render(data[:2])  # warm caches (font metrics) for both sides alike
    baseline(data[:2])
    ours, pdf = best_of(args.repeat, renderer.render, data)
    base, base_pdf = best_of(args.repeat, baseline, data)
    # Where the difference goes: the same pages without the QR code (its encoding is pure Python).
    without_qr = [dataclasses.replace(item, verification_code="") for item in data]
    no_qr, _ = best_of(args.repeat, renderer.render, without_qr)
    qr_only, _ = best_of(args.repeat, baseline_with_qr, data)
    qr_widget = qr_only - best_of(args.repeat, baseline_with_qr, without_qr_codes(data))[0]
    ratio = ours / base
    per_page = ours / args.count * 1000
    print(f"certificates: {args.count} pages")
    print(f"  ours      {ours:7.3f} s  {per_page:6.2f} ms/page  {len(pdf) / 1024:8.0f} KiB")
    print(
        f"  baseline  {base:7.3f} s  {base / args.count * 1000:6.2f} ms/page  "
        f"{len(base_pdf) / 1024:8.0f} KiB  (bare canvas, same text)"
    )
    print(f"  ratio     {ratio:7.2f}x  (aim <= 1.50x; per page aim < 20 ms)")
    print(
        f"  ours without QR code {no_qr:7.3f} s  ratio {no_qr / base:5.2f}x  "
        f"(QR codes: {(ours - no_qr) / args.count * 1000:5.2f} ms/page)"
    )
    print(
        f"  bare canvas + ReportLab's QR widget {base + qr_widget:7.3f} s  "
        f"ratio {ours / (base + qr_widget):5.2f}x  (the same work, QR included)"
    )
    return 0


def without_qr_codes(data: list[CertificateData]) -> list[CertificateData]:
    return [dataclasses.replace(item, verification_code="x") for item in data]


if __name__ == "__main__":
    sys.exit(main())
