"""The annex of a commendation decision: "Danh sách tập thể, cá nhân được khen thưởng (Kèm theo
Quyết định số …)", an A4 portrait table grouped by recipient kind, page numbers from page 2.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from movement_desk import vietnamese
from movement_desk.pdf.fonts import SERIF, SERIF_BOLD, register_fonts

ROMAN = ("I", "II", "III", "IV", "V", "VI")


@dataclass(frozen=True)
class DecisionListRow:
    """One recipient: name, "position, unit" and achievement as printed."""

    name: str
    position: str = ""
    unit: str = ""
    achievement: str = ""


@dataclass(frozen=True)
class DecisionListGroup:
    """Recipients of one kind under a heading ("TẬP THỂ", "CÁ NHÂN")."""

    heading: str
    rows: list[DecisionListRow] = field(default_factory=list)


@dataclass(frozen=True)
class DecisionListData:
    authority: str
    decision_number: str
    decided_on: date | None
    groups: list[DecisionListGroup]
    title: str = "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG"
    form_label: str = ""

    @property
    def subtitle(self) -> str:
        """ "(Kèm theo Quyết định số 125/QĐ-CAT-PV05 ngày 15/01/2024 của …)"."""
        text = f"Kèm theo Quyết định số {self.decision_number}"
        if self.decided_on is not None:
            text += f" ngày {vietnamese.format_date(self.decided_on)}"
        if self.authority:
            text += f" của {self.authority}"
        return f"({text})"

    @property
    def row_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)


class DecisionListRenderer:
    """A4 portrait; margins of an official document (top/bottom 20, left 30, right 15 mm)."""

    page_size = A4
    margins_mm = {"top": 20, "bottom": 20, "left": 30, "right": 15}
    body_size = 12
    # Share of the table width: no., name, position and unit, achievement.
    column_shares = (0.07, 0.28, 0.30, 0.35)
    column_titles = ("TT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị", "Thành tích")

    def __init__(self, *, invariant: bool = False):
        register_fonts()
        self.invariant = invariant
        self.title_style = ParagraphStyle(
            "title", fontName=SERIF_BOLD, fontSize=14, leading=18, alignment=TA_CENTER
        )
        self.subtitle_style = ParagraphStyle(
            "subtitle",
            fontName=SERIF,
            fontSize=13,
            leading=17,
            alignment=TA_CENTER,
            spaceBefore=2,
        )
        self.head_style = ParagraphStyle(
            "head", fontName=SERIF_BOLD, fontSize=self.body_size, leading=15, alignment=TA_CENTER
        )
        self.cell_style = ParagraphStyle(
            "cell", fontName=SERIF, fontSize=self.body_size, leading=15, alignment=TA_LEFT
        )
        self.number_style = ParagraphStyle("number", parent=self.cell_style, alignment=TA_CENTER)
        self.group_style = ParagraphStyle("group", parent=self.cell_style, fontName=SERIF_BOLD)

    def _p(self, text: str, style: ParagraphStyle) -> Paragraph:
        # User text is escaped: a "<" or "&" in a name prints as typed.
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    def render(self, data: DecisionListData) -> bytes:
        buffer = io.BytesIO()
        margins = {k: v * mm for k, v in self.margins_mm.items()}
        document = SimpleDocTemplate(
            buffer,
            pagesize=self.page_size,
            topMargin=margins["top"],
            bottomMargin=margins["bottom"],
            leftMargin=margins["left"],
            rightMargin=margins["right"],
            title=data.title,
            author="movement_desk",
            creator="movement_desk",
            invariant=int(self.invariant),
        )
        width = document.width
        story = [
            self._p(data.title, self.title_style),
            self._p(data.subtitle, self.subtitle_style),
            Spacer(1, 6 * mm),
            self._table(data, width),
        ]
        document.build(story, onFirstPage=self._page_number, onLaterPages=self._page_number)
        return buffer.getvalue()

    def _table(self, data: DecisionListData, width: float) -> LongTable:
        rows = [[self._p(text, self.head_style) for text in self.column_titles]]
        spans = []
        single_group = len(data.groups) == 1
        for group_index, group in enumerate(data.groups):
            if not single_group:
                spans.append(len(rows))
                rows.append(
                    [
                        self._p(ROMAN[group_index], self.group_style),
                        self._p(
                            f"{group.heading} ({vietnamese.format_number(len(group.rows))})",
                            self.group_style,
                        ),
                        "",
                        "",
                    ]
                )
            for number, row in enumerate(group.rows, start=1):
                where = ", ".join(part for part in (row.position, row.unit) if part)
                rows.append(
                    [
                        self._p(str(number), self.number_style),
                        self._p(row.name, self.cell_style),
                        self._p(where, self.cell_style),
                        self._p(row.achievement, self.cell_style),
                    ]
                )
        style = [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        style += [("SPAN", (1, index), (-1, index)) for index in spans]
        table = LongTable(
            rows,
            colWidths=[width * share for share in self.column_shares],
            repeatRows=1,
        )
        table.setStyle(TableStyle(style))
        return table

    def _page_number(self, canvas, document) -> None:
        """Page numbers centred in the top margin, from page 2 (as official documents do)."""
        page = canvas.getPageNumber()
        if page < 2:
            return
        canvas.saveState()
        canvas.setFont(SERIF, 12)
        width, height = self.page_size
        left, right = self.margins_mm["left"] * mm, self.margins_mm["right"] * mm
        canvas.drawCentredString(left + (width - left - right) / 2, height - 12 * mm, str(page))
        canvas.restoreState()
