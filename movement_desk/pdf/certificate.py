"""The Giấy khen / Bằng khen certificate: one page per recipient, DOMAIN.md §4 layout.

``CertificateData`` is a plain dataclass (the services build it from a decision); the
``CertificateRenderer`` holds the layout as attributes and ``render(certificates) -> bytes``.

Text is drawn with plain canvas calls after measuring it (``textfit``), not with Paragraphs:
nothing in a name is read as markup, every line is placed where the fitting says, and a batch
of 500 pages stays close to the cost of bare ``drawString`` calls (see benchmarks/).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A3, A4, landscape, portrait
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from movement_desk import vietnamese
from movement_desk.pdf import qr
from movement_desk.pdf.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
from movement_desk.pdf.textfit import FittedItem, TextItem, fit_block

RED = (0.78, 0.0, 0.05)
BLACK = (0.0, 0.0, 0.0)
GOLD = (0.72, 0.53, 0.04)

# Paper keys as the settings, the command line and the window name them.
PAPERS: dict[str, tuple[float, float]] = {
    "a4": landscape(A4),
    "a3": landscape(A3),
    "a4-portrait": portrait(A4),
}
PAPER_LABELS = {"a4": "A4 ngang", "a3": "A3 ngang", "a4-portrait": "A4 dọc"}
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# Where the first baseline sits under the top of a box, in font sizes: Vietnamese capitals
# stack two marks ("Ẩ") above the font's nominal ascent.
TOP_ROOM = 0.96


class RenderCancelled(Exception):
    """The progress callback asked to stop; no PDF was produced."""


@dataclass(frozen=True)
class CertificateData:
    """Everything printed on one certificate, as stored (NFC), with no database behind it."""

    authority: str
    form_name: str
    recipient_name: str
    recipient_position: str = ""
    recipient_unit: str = ""
    achievement: str = ""
    decision_number: str = ""
    decided_on: date | None = None
    place: str = ""
    register_number: str = ""
    signer_prefix: str = ""
    signer_title: str = ""
    signer_name: str = ""
    verb: str = "TẶNG"
    serial: str = ""
    verification_code: str = ""  # what the QR symbol carries
    code_text: str = ""  # the code printed beside it (default: ``verification_code``)

    @property
    def decision_line(self) -> str:
        """ "Số: 125/QĐ-CAT-PV05, ngày 15 tháng 01 năm 2024"."""
        if not self.decision_number:
            return ""
        line = f"Số: {self.decision_number}"
        if self.decided_on is not None:
            line += f", {vietnamese.official_date_line(self.decided_on)}"
        return line

    @property
    def register_line(self) -> str:
        return f"Số sổ vàng: {self.register_number}" if self.register_number else ""

    @property
    def date_line(self) -> str:
        """ "Bắc Kạn, ngày 15 tháng 01 năm 2024" (place and decision date)."""
        if self.decided_on is None:
            return self.place
        return vietnamese.official_date_line(self.decided_on, self.place or None)

    @property
    def signer_title_lines(self) -> list[str]:
        """The prefix joins the first line: ("KT.", "GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC") gives
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]."""
        lines = [line.strip() for line in self.signer_title.split("\n") if line.strip()]
        if self.signer_prefix:
            if lines:
                lines[0] = f"{self.signer_prefix} {lines[0]}"
            else:
                lines = [self.signer_prefix]
        return lines


@dataclass(frozen=True)
class Box:
    """A rectangle in points, origin at the bottom left of the page."""

    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def centre(self) -> float:
        return self.x + self.width / 2

    def shifted(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.width, self.height)


ProgressCallback = Callable[[int, int], bool | None]


def _raised(name: str, box: Box, lift: float) -> Box:
    """``box`` with the footer raised by ``lift``: the title grows upwards from its bottom, the
    lines beside and above it move up, the body gives up the room."""
    if name in ("date", "decision", "register"):
        return box.shifted(0, lift)
    if name == "signer_title":
        return Box(box.x, box.y, box.width, box.height + lift)
    if name == "body":
        return Box(box.x, box.y + lift, box.width, box.height - lift)
    return box


class CertificateRenderer:
    """Renders certificates on A4 landscape (default), A3 landscape or A4 portrait.

    Lengths below are millimetres on A4 and grow with the paper (A3 is √2 larger); font sizes
    are points on A4, grown the same way. ``preprinted`` leaves out the border, the national
    title, the verb and the form name that a blank form already carries, and shifts what is
    printed by ``offset_mm`` = (right, down).
    """

    border_outer_mm = 7.0
    border_inner_mm = 10.5
    frame_mm = 14.0  # text never comes closer than this to the page edge
    side_mm = 22.0  # text blocks' left and right margin

    national_size = 13.5
    national_baseline_mm = 25.0
    motto_baseline_mm = 31.0
    issuer_top_mm, issuer_height_mm, issuer_size = 35.0, 15.0, 16.0
    verb_top_mm, verb_height_mm, verb_size = 51.0, 9.0, 18.0
    form_top_mm, form_height_mm, form_size = 60.0, 19.0, 46.0
    body_gap_mm = 2.5
    portrait_top_stretch = 1.45
    name_size, detail_size, achievement_size = 22.0, 15.0, 15.0

    # From the bottom edge.
    signer_name_bottom_mm, line_height_mm = 19.0, 7.0
    signature_gap_mm = 36.0
    signer_title_lines = 2
    date_line_size, signer_size = 14.0, 14.0
    decision_size, register_size = 12.5, 12.5
    # 24 mm: the signed code (about 270 bytes, a 65-module symbol) at ~0,37 mm per module.
    qr_mm, qr_bottom_mm = 24.0, 18.0
    serial_size = 8.5

    def __init__(
        self,
        paper: str = "a4",
        *,
        preprinted: bool = False,
        offset_mm: tuple[float, float] = (0.0, 0.0),
        invariant: bool = False,
    ):
        if paper not in PAPERS:
            raise ValueError(f"unknown paper {paper!r}; one of {', '.join(PAPERS)}")
        register_fonts()
        self.paper = paper
        self.page_width, self.page_height = PAPERS[paper]
        # √2 for A3: every length and size grows with the paper.
        self.scale = math.sqrt(self.page_width * self.page_height / (A4[0] * A4[1]))
        self.preprinted = preprinted
        self.offset_mm = offset_mm
        self.invariant = invariant
        self._boxes = self._layout()
        self._lift = 0.0  # the page's footer raised for a long signer's title (draw_page)

    # -- layout ---------------------------------------------------------------------------
    def mm(self, value: float) -> float:
        return value * mm * self.scale

    def pt(self, value: float) -> float:
        return value * self.scale

    @property
    def frame(self) -> Box:
        """The area inside the border where every character must stay (before offsets)."""
        inset = self.mm(self.frame_mm)
        return Box(inset, inset, self.page_width - 2 * inset, self.page_height - 2 * inset)

    def _from_top(self, top_mm: float, height_mm: float) -> Box:
        width = self.page_width - 2 * self.mm(self.side_mm)
        top = self.mm(top_mm) * self.top_stretch
        return Box((self.page_width - width) / 2, self.page_height - top - self.mm(height_mm),
                   width, self.mm(height_mm))  # fmt: skip

    @property
    def top_stretch(self) -> float:
        """On portrait paper the heading moves down so the page does not look top-heavy."""
        return self.portrait_top_stretch if self.page_height > self.page_width else 1.0

    def _layout(self) -> dict[str, Box]:
        side = self.mm(self.side_mm)
        half = (self.page_width - 2 * side) / 2
        left_x, right_x = side, side + half + self.mm(4)
        right_width = half - self.mm(4)
        left_width = half - self.mm(4)
        line = self.mm(self.line_height_mm)
        name_box = Box(right_x, self.mm(self.signer_name_bottom_mm), right_width, line)
        title_bottom = name_box.top + self.mm(self.signature_gap_mm) - line
        title_box = Box(right_x, title_bottom, right_width, line * self.signer_title_lines)
        date_box = Box(right_x, title_box.top, right_width, line)
        decision_box = Box(left_x, date_box.y, left_width, line)
        register_box = Box(left_x, decision_box.y - line, left_width, line)
        qr_size = self.mm(self.qr_mm)
        qr_box = Box(left_x + self.mm(2), self.mm(self.qr_bottom_mm), qr_size, qr_size)
        serial_box = Box(
            qr_box.right + self.mm(3),
            qr_box.y,
            left_width - qr_size - self.mm(5),
            qr_size,
        )
        form_box = self._from_top(self.form_top_mm, self.form_height_mm)
        body_top = form_box.y - self.mm(self.body_gap_mm)
        body_bottom = date_box.top + self.mm(self.body_gap_mm)
        return {
            "issuer": self._from_top(self.issuer_top_mm, self.issuer_height_mm),
            "verb": self._from_top(self.verb_top_mm, self.verb_height_mm),
            "form": form_box,
            "body": Box(side, body_bottom, self.page_width - 2 * side, body_top - body_bottom),
            "decision": decision_box,
            "register": register_box,
            "qr": qr_box,
            "serial": serial_box,
            "date": date_box,
            "signer_title": title_box,
            "signer_name": name_box,
        }

    def box(self, name: str) -> Box:
        """A named text area in page coordinates, offsets included."""
        box = self._boxes[name]
        if self._lift:
            box = _raised(name, box, self._lift)
        if not self.preprinted:
            return box
        right, down = self.offset_mm
        return box.shifted(right * mm, -down * mm)

    # -- rendering ------------------------------------------------------------------------
    def render(
        self,
        certificates: CertificateData | Sequence[CertificateData],
        progress: ProgressCallback | None = None,
    ) -> bytes:
        """One page per certificate in one PDF; ``progress(done, total)`` returning False
        stops the work and raises RenderCancelled."""
        if isinstance(certificates, CertificateData):
            certificates = [certificates]
        buffer = io.BytesIO()
        canvas = Canvas(
            buffer,
            pagesize=(self.page_width, self.page_height),
            invariant=int(self.invariant),
            pageCompression=1,
            # Else every page names an unused, non-embedded Helvetica.
            initialFontName=SERIF,
        )
        canvas.setTitle("Giấy khen" if len(certificates) != 1 else certificates[0].form_name)
        canvas.setAuthor("movement_desk")
        canvas.setCreator("movement_desk")
        if not self.preprinted:
            self._define_border(canvas)
        total = len(certificates)
        for index, certificate in enumerate(certificates, start=1):
            self.draw_page(canvas, certificate)
            canvas.showPage()
            if progress is not None and progress(index, total) is False:
                raise RenderCancelled()
        canvas.save()
        return buffer.getvalue()

    def title_lift(self, data: CertificateData) -> float:
        """How far the date line, the signer's title and the decision lines rise for a title
        longer than its box ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"): a line each,
        at most two, so the title keeps its size and the gap for signature and seal stays."""
        extra = len(data.signer_title_lines) - self.signer_title_lines
        return self.mm(self.line_height_mm) * min(max(extra, 0), 2)

    def draw_page(self, canvas: Canvas, data: CertificateData) -> None:
        self._lift = self.title_lift(data)
        try:
            self._draw_page(canvas, data)
        finally:
            self._lift = 0.0

    def _draw_page(self, canvas: Canvas, data: CertificateData) -> None:
        if not self.preprinted:
            canvas.doForm("border")
            self._draw_heading(canvas)
        self._draw_lines(
            canvas,
            self.box("issuer"),
            [TextItem(data.authority, SERIF_BOLD, self.pt(self.issuer_size), color=RED)],
        )
        if not self.preprinted:
            self._draw_lines(
                canvas, self.box("verb"), [TextItem(data.verb, SERIF_BOLD, self.pt(self.verb_size))]
            )
            self._draw_lines(
                canvas,
                self.box("form"),
                [TextItem(data.form_name, SERIF_BOLD, self.pt(self.form_size), color=RED)],
            )
        self._draw_body(canvas, data)
        self._draw_footer(canvas, data)

    def body_items(self, data: CertificateData) -> list[TextItem]:
        gap = self.pt(4)
        items = [TextItem(data.recipient_name, SERIF_BOLD, self.pt(self.name_size), leading=1.22)]
        for text in (data.recipient_position, data.recipient_unit):
            items.append(TextItem(text, SERIF, self.pt(self.detail_size), space_before=gap))
        items.append(
            TextItem(
                data.achievement,
                SERIF_ITALIC,
                self.pt(self.achievement_size),
                space_before=gap * 1.5,
            )
        )
        return [item for item in items if item.text.strip()]

    def _draw_body(self, canvas: Canvas, data: CertificateData) -> None:
        box = self.box("body")
        fitted = fit_block(self.body_items(data), box.width, box.height)
        used = sum(f.height for f in fitted)
        # Centred vertically in its area, a little above the middle.
        top = box.top - max(0.0, (box.height - used) * 0.4)
        self._draw_fitted(canvas, box, fitted, top)

    def _draw_footer(self, canvas: Canvas, data: CertificateData) -> None:
        left = "left"
        self._draw_lines(
            canvas,
            self.box("decision"),
            [TextItem(data.decision_line, SERIF, self.pt(self.decision_size))],
            align=left,
        )
        self._draw_lines(
            canvas,
            self.box("register"),
            [TextItem(data.register_line, SERIF, self.pt(self.register_size))],
            align=left,
        )
        self._draw_lines(
            canvas,
            self.box("date"),
            [TextItem(data.date_line, SERIF_ITALIC, self.pt(self.date_line_size))],
        )
        self._draw_lines(
            canvas,
            self.box("signer_title"),
            [TextItem("\n".join(data.signer_title_lines), SERIF_BOLD, self.pt(self.signer_size))],
            top_aligned=True,  # right under the date line; the signature gap stays below
        )
        self._draw_lines(
            canvas,
            self.box("signer_name"),
            [TextItem(data.signer_name, SERIF_BOLD, self.pt(self.signer_size))],
        )
        if data.verification_code:
            self._draw_qr(canvas, self.box("qr"), data.verification_code)
        serial_lines = []
        if data.serial:
            serial_lines.append(
                TextItem(f"Số hiệu: {data.serial}", SERIF, self.pt(self.serial_size))
            )
        if data.code_text or data.verification_code:
            serial_lines.append(
                TextItem(
                    data.code_text or data.verification_code,
                    SERIF,
                    self.pt(self.serial_size - 1.5),
                )
            )
        if serial_lines:
            box = self.box("serial")
            fitted = fit_block(serial_lines, box.width, box.height)
            used = sum(f.height for f in fitted)
            self._draw_fitted(canvas, box, fitted, box.y + (box.height + used) / 2, align=left)

    def _draw_lines(
        self,
        canvas: Canvas,
        box: Box,
        items: list[TextItem],
        align: str = "centre",
        *,
        top_aligned: bool = False,
    ) -> None:
        items = [item for item in items if item.text.strip()]
        if not items:
            return
        fitted = fit_block(items, box.width, box.height)
        used = sum(f.height for f in fitted)
        top = box.top if top_aligned else box.top - max(0.0, (box.height - used) / 2)
        self._draw_fitted(canvas, box, fitted, top, align)

    def _draw_fitted(
        self,
        canvas: Canvas,
        box: Box,
        fitted: list[FittedItem],
        top: float,
        align: str = "centre",
    ) -> None:
        y = top
        for piece in fitted:
            if not piece.lines:
                continue
            item = piece.item
            y -= item.space_before * piece.size / item.size
            canvas.setFillColorRGB(*item.color)
            canvas.setFont(item.font, piece.size)
            baseline = y - piece.size * TOP_ROOM
            for line in piece.lines:
                if align == "left":
                    canvas.drawString(box.x, baseline, line)
                else:
                    canvas.drawCentredString(box.centre, baseline, line)
                baseline -= piece.line_height
            y -= piece.height - item.space_before * piece.size / item.size

    # -- fixed parts ----------------------------------------------------------------------
    def _draw_heading(self, canvas: Canvas) -> None:
        size = self.pt(self.national_size)
        centre = self.page_width / 2
        canvas.setFillColorRGB(*BLACK)
        canvas.setFont(SERIF_BOLD, size)
        canvas.drawCentredString(
            centre,
            self.page_height - self.mm(self.national_baseline_mm) * self.top_stretch,
            NATIONAL_TITLE,
        )
        motto_y = self.page_height - self.mm(self.motto_baseline_mm) * self.top_stretch
        canvas.drawCentredString(centre, motto_y, MOTTO)
        width = canvas.stringWidth(MOTTO, SERIF_BOLD, size)
        canvas.setStrokeColorRGB(*BLACK)
        canvas.setLineWidth(self.pt(0.7))
        rule_y = motto_y - self.mm(1.6)
        canvas.line(centre - width / 2, rule_y, centre + width / 2, rule_y)

    def _define_border(self, canvas: Canvas) -> None:
        """The decorative border, drawn once as a form and placed on every page."""
        canvas.beginForm("border")
        w, h = self.page_width, self.page_height
        outer, inner = self.mm(self.border_outer_mm), self.mm(self.border_inner_mm)
        canvas.setStrokeColorRGB(*RED)
        canvas.setLineWidth(self.pt(2.2))
        canvas.rect(outer, outer, w - 2 * outer, h - 2 * outer)
        canvas.setStrokeColorRGB(*GOLD)
        canvas.setLineWidth(self.pt(0.8))
        canvas.rect(inner, inner, w - 2 * inner, h - 2 * inner)
        # A band of small gold diamonds between the two rules.
        band = (outer + inner) / 2
        step = self.mm(5.0)
        r = self.mm(0.9)
        path = canvas.beginPath()

        def diamond(cx: float, cy: float, radius: float) -> None:
            path.moveTo(cx, cy + radius)
            path.lineTo(cx + radius, cy)
            path.lineTo(cx, cy - radius)
            path.lineTo(cx - radius, cy)
            path.close()

        count_x = int((w - 2 * band) // step)
        start_x = (w - count_x * step) / 2
        for i in range(count_x + 1):
            x = start_x + i * step
            diamond(x, band, r)
            diamond(x, h - band, r)
        count_y = int((h - 2 * band) // step)
        start_y = (h - count_y * step) / 2
        for i in range(1, count_y):
            y = start_y + i * step
            diamond(band, y, r)
            diamond(w - band, y, r)
        canvas.setFillColorRGB(*GOLD)
        canvas.drawPath(path, stroke=0, fill=1)
        # Corner ornaments: a red diamond in a gold square, and an inner corner bracket.
        canvas.setLineWidth(self.pt(1.0))
        for cx, cy, sx, sy in ((band, band, 1, 1), (w - band, band, -1, 1),
                               (band, h - band, 1, -1), (w - band, h - band, -1, -1)):  # fmt: skip
            size = self.mm(4.2)
            canvas.setFillColorRGB(1, 1, 1)
            canvas.setStrokeColorRGB(*GOLD)
            canvas.rect(cx - size / 2, cy - size / 2, size, size, stroke=1, fill=1)
            corner = canvas.beginPath()
            radius = self.mm(1.7)
            corner.moveTo(cx, cy + radius)
            corner.lineTo(cx + radius, cy)
            corner.lineTo(cx, cy - radius)
            corner.lineTo(cx - radius, cy)
            corner.close()
            canvas.setFillColorRGB(*RED)
            canvas.drawPath(corner, stroke=0, fill=1)
            bracket = canvas.beginPath()
            reach = self.mm(9)
            bx, by = cx + sx * self.mm(5.5), cy + sy * self.mm(5.5)
            bracket.moveTo(bx, by + sy * reach)
            bracket.lineTo(bx, by)
            bracket.lineTo(bx + sx * reach, by)
            canvas.setStrokeColorRGB(*RED)
            canvas.setLineWidth(self.pt(0.9))
            canvas.drawPath(bracket, stroke=1, fill=0)
        canvas.endForm()

    def _draw_qr(self, canvas: Canvas, box: Box, payload: str) -> None:
        """The verification code as a QR symbol, one filled vector path (see ``qr``)."""
        canvas.saveState()
        canvas.setFillColorRGB(*BLACK)
        canvas.addLiteral(qr.path_operators(payload, box.x, box.top, min(box.width, box.height)))
        canvas.restoreState()
