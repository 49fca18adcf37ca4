"""The supervisor's report as an A4 portrait PDF in the official layout (DOMAIN.md §6).

``ReportRenderer().render(data)`` turns a ``ReportData`` into PDF bytes: header block (issuer
left, national title right), number, place and date line, title, the rule and dates covered,
the tables, two charts, the free-text sections, signature blocks and page numbers centred at
the top from page 2. No database and no Qt here.
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from movement_desk import vietnamese
from movement_desk.pdf.bar_chart import LABEL_OFFSET, BarChart, Text
from movement_desk.pdf.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
from movement_desk.pdf.report_data import (
    COMMENDATION_HEADERS,
    INDICATOR_HEADERS,
    MODEL_FIGURE_HEADERS,
    NOTE_DIRECTIONS,
    NOTE_SECTIONS,
    NOTE_SHORTCOMINGS,
    RESIDENTIAL_AREA_HEADERS,
    RESIDENTIAL_AREA_TITLE,
    SESSION_KIND_HEADERS,
    Indicator,
    ReportData,
    UnitRow,
)
from movement_desk.pdf.safety_section import SECTION_TITLE, SafetySection


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as Paragraph markup needs them: xml.sax.saxutils' ``escape``,
    whose import brings urllib, http, email and ssl along, for every report printed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
BAR_COLOUR = colors.HexColor("#2f5d8a")
GRID_COLOUR = colors.HexColor("#d0d0d0")


def n(value: int | None) -> str:
    """A count as printed: "55.875"; "–" when the figure does not apply."""
    return "–" if value is None else vietnamese.format_number(value)


def change_text(change: int, base: int) -> str:
    """ "+12 (+5,0%)", "-3 (-1,2%)", "0"; the percentage only when there is a base."""
    if change == 0:
        return "0"
    sign = "+" if change > 0 else "-"
    text = f"{sign}{vietnamese.format_number(abs(change))}"
    ratio = Indicator.ratio(change, base)
    if ratio is not None:
        text += f" ({sign}{vietnamese.format_percent(abs(ratio))})"
    return text


def commendations_sentence(total) -> str:
    """The commendations of the period as a clerk writes them: no "0 hộ gia đình"."""
    if not total.decisions:
        return "Trong kỳ không có quyết định khen thưởng."
    kinds = [
        f"{n(count)} {name}"
        for count, name in (
            (total.individuals, "cá nhân"),
            (total.collectives, "tập thể"),
            (total.households, "hộ gia đình"),
        )
        if count
    ]
    joined = kinds[-1] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} và {kinds[-1]}"
    return f"Trong kỳ có {n(total.decisions)} quyết định khen thưởng {joined}."


def missing_lines(groups) -> list[str]:
    """The units without data, grouped under the child units of the report's unit.

    A child that is itself the one unit missing is named once ("- Xã Nghiên Loan"), not as
    "Xã Nghiên Loan (1/1): Xã Nghiên Loan"; those are listed together on one line.
    """
    alone = [group.child for group in groups if list(group.missing) == [group.child]]
    lines = []
    if alone:
        lines.append(f"- {escape(', '.join(alone))}.")
    for group in groups:
        if list(group.missing) == [group.child]:
            continue
        lines.append(
            f"- <b>{escape(group.child)}</b> ({n(len(group.missing))}/{n(group.expected)}): "
            f"{escape(', '.join(group.missing))}."
        )
    return lines


class Rule(Flowable):
    """A horizontal rule of a given length, centred in the space it is given."""

    def __init__(self, length: float, thickness: float = 0.6, space: float = 9):
        super().__init__()
        self.length = length
        self.thickness = thickness
        self.space = space
        self.avail = length

    def wrap(self, avail_width, avail_height):
        self.avail = avail_width
        return avail_width, self.space

    def draw(self) -> None:
        left = (self.avail - self.length) / 2
        self.canv.setLineWidth(self.thickness)
        # Drawn near the bottom of its space, clear of the descenders of the line above.
        self.canv.line(left, 3, left + self.length, 3)


class ReportRenderer:
    """Lays out a ``ReportData`` on A4 portrait pages."""

    page_size = A4
    margin_top = 20 * mm
    margin_bottom = 20 * mm
    margin_left = 30 * mm
    margin_right = 15 * mm
    body_size = 13
    table_size = 10
    page_number_offset = 12 * mm  # from the top edge
    short_table_rows = 16

    def __init__(self) -> None:
        register_fonts()
        self.width = self.page_size[0] - self.margin_left - self.margin_right
        base = ParagraphStyle("base", fontName=SERIF, fontSize=self.body_size, leading=17)
        self.styles = {
            "body": ParagraphStyle(
                "body", parent=base, alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=4
            ),
            "plain": base,
            "centre": ParagraphStyle("centre", parent=base, alignment=TA_CENTER),
            "head_left": ParagraphStyle(
                "head_left", parent=base, fontSize=12, leading=15, alignment=TA_CENTER
            ),
            "head_right": ParagraphStyle(
                "head_right", parent=base, fontSize=12, leading=15, alignment=TA_CENTER
            ),
            "motto": ParagraphStyle(
                "motto", parent=base, fontName=SERIF_BOLD, fontSize=13, alignment=TA_CENTER
            ),
            "date_line": ParagraphStyle(
                "date_line", parent=base, fontName=SERIF_ITALIC, alignment=TA_CENTER
            ),
            "title": ParagraphStyle(
                "title",
                parent=base,
                fontName=SERIF_BOLD,
                fontSize=14,
                leading=18,
                alignment=TA_CENTER,
            ),
            "subtitle": ParagraphStyle(
                "subtitle",
                parent=base,
                fontName=SERIF_ITALIC,
                fontSize=12,
                leading=15,
                alignment=TA_CENTER,
            ),
            "section": ParagraphStyle(
                "section", parent=base, fontName=SERIF_BOLD, spaceBefore=8, spaceAfter=4
            ),
            "subsection": ParagraphStyle(
                "subsection",
                parent=base,
                fontName=SERIF_BOLD,
                firstLineIndent=10 * mm,
                spaceBefore=6,
                spaceAfter=3,
            ),
            "caption": ParagraphStyle(
                "caption",
                parent=base,
                fontName=SERIF_BOLD,
                fontSize=11,
                leading=14,
                alignment=TA_CENTER,
                spaceBefore=4,
                spaceAfter=3,
            ),
            "note": ParagraphStyle(
                "note",
                parent=base,
                fontName=SERIF_ITALIC,
                fontSize=10,
                leading=13,
                spaceBefore=2,
                spaceAfter=4,
            ),
            "cell": ParagraphStyle("cell", parent=base, fontSize=self.table_size, leading=12),
            "cell_bold": ParagraphStyle(
                "cell_bold", parent=base, fontName=SERIF_BOLD, fontSize=self.table_size, leading=12
            ),
            "cell_head": ParagraphStyle(
                "cell_head",
                parent=base,
                fontName=SERIF_BOLD,
                fontSize=self.table_size,
                leading=12,
                alignment=TA_CENTER,
            ),
            "cell_number": ParagraphStyle(
                "cell_number", parent=base, fontSize=self.table_size, leading=12, alignment=TA_RIGHT
            ),
            "sign_title": ParagraphStyle(
                "sign_title", parent=base, fontName=SERIF_BOLD, alignment=TA_CENTER
            ),
            "sign_hint": ParagraphStyle(
                "sign_hint",
                parent=base,
                fontName=SERIF_ITALIC,
                fontSize=11,
                leading=14,
                alignment=TA_CENTER,
            ),
            "recipients_head": ParagraphStyle(
                "recipients_head",
                parent=base,
                fontName="LiberationSerif-BoldItalic",
                fontSize=12,
                leading=14,
                alignment=TA_LEFT,
            ),
            "recipients": ParagraphStyle("recipients", parent=base, fontSize=11, leading=13),
        }

    # -- the document ------------------------------------------------------------------------
    def render(self, data: ReportData) -> bytes:
        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=self.page_size,
            leftMargin=self.margin_left,
            rightMargin=self.margin_right,
            topMargin=self.margin_top,
            bottomMargin=self.margin_bottom,
            title=f"Báo cáo {data.title_line}",
            author=data.header.issuer_name,
            subject=data.unit_title,
            creator="movement_desk",
            invariant=True,
        )
        document.build(
            self.story(data), onFirstPage=self._first_page, onLaterPages=self._later_page
        )
        return buffer.getvalue()

    def _first_page(self, canvas, document) -> None:
        """No number on the first page (official documents number from page 2)."""

    def _later_page(self, canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(SERIF, 13)
        canvas.drawCentredString(
            self.margin_left + self.width / 2,
            self.page_size[1] - self.page_number_offset,
            str(document.page),
        )
        canvas.restoreState()

    def story(self, data: ReportData) -> list[Flowable]:
        story: list[Flowable] = []
        story += self.header_block(data)
        story += self.title_block(data)
        story.append(Paragraph("I. KẾT QUẢ THỰC HIỆN", self.styles["section"]))
        story += self.sessions_section(data)
        story += self.units_section(data)
        story += self.models_section(data)
        story += self.commendations_section(data)
        story += self.completeness_section(data)
        story += self.safety_section(data.safety)
        story += self.notes_section("II", data.notes.get(NOTE_SHORTCOMINGS, ""), NOTE_SHORTCOMINGS)
        # The last section goes with the signatures: a signature block never stands alone on
        # the last page.
        last = self.notes_section("III", data.notes.get(NOTE_DIRECTIONS, ""), NOTE_DIRECTIONS)
        story.append(KeepTogether([*last, self.signature_block(data)]))
        return story

    # -- header and title --------------------------------------------------------------------
    def _rule_under(self, text: str, font: str, size: float, ratio: float = 1.0) -> Rule:
        return Rule(stringWidth(text, font, size) * ratio)

    def header_block(self, data: ReportData) -> list[Flowable]:
        header = data.header
        s = self.styles
        issuer = escape(header.issuer_name.upper())
        left = [
            Paragraph(escape(header.issuer_parent.upper()), s["head_left"]),
            Paragraph(f"<b>{issuer}</b>", s["head_left"]),
            self._rule_under(header.issuer_name.upper(), SERIF_BOLD, 12, 0.5),
            Paragraph(
                f"Số: {escape(header.number) or '&nbsp;' * 8}/{escape(header.symbol)}",
                s["head_left"],
            ),
        ]
        date_line = (
            vietnamese.official_date_line(header.report_date, header.place)
            if header.report_date
            else ""
        )
        right = [
            Paragraph(f"<b>{NATIONAL_TITLE}</b>", s["head_right"]),
            Paragraph(NATIONAL_MOTTO, s["motto"]),
            self._rule_under(NATIONAL_MOTTO, SERIF_BOLD, 13),
            Paragraph(escape(date_line), s["date_line"]),
        ]
        table = Table([[left, right]], colWidths=[self.width * 0.40, self.width * 0.60])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [table, Spacer(1, 8 * mm)]

    def title_block(self, data: ReportData) -> list[Flowable]:
        s = self.styles
        covers = (
            f"từ ngày {vietnamese.format_date(data.period.start)} "
            f"đến ngày {vietnamese.format_date(data.period.end)}"
        )
        flow: list[Flowable] = [
            Paragraph("BÁO CÁO", s["title"]),
            Paragraph(escape(data.title_line), s["title"]),
            Spacer(1, 2),
            self._rule_under("Toàn dân bảo vệ", SERIF_BOLD, 14),
            Paragraph(
                f"Phạm vi: {escape(data.unit_title)} và các đơn vị trực thuộc",
                s["subtitle"],
            ),
            Paragraph(f"{escape(data.rule_label)}; số liệu {covers}.", s["subtitle"]),
        ]
        if data.rollup_note:
            flow.append(Paragraph(escape(data.rollup_note), s["subtitle"]))
        flow.append(Spacer(1, 5 * mm))
        return flow

    # -- tables ------------------------------------------------------------------------------
    def table(
        self,
        header: list[str],
        rows: list[list],
        widths: list[float],
        *,
        total_rows: int = 0,
        group_rows: list[int] | None = None,
        text_columns: int = 1,
    ) -> Table:
        """A ruled table: header row repeated on each page, numbers right-aligned, the last
        ``total_rows`` rows bold. ``widths`` are fractions of the frame width."""
        s = self.styles
        column_widths = [w * self.width for w in widths]
        padding = 6
        cells: list[list] = [[Paragraph(escape(h), s["cell_head"]) for h in header]]
        bold_from = len(rows) - total_rows + 1
        for index, row in enumerate(rows, start=1):
            font = SERIF_BOLD if index >= bold_from else SERIF
            line: list = []
            for column, value in enumerate(row):
                text = value if isinstance(value, str) else n(value)
                fits = stringWidth(text, font, self.table_size) <= column_widths[column] - padding
                if not fits:
                    # Only a text that needs wrapping pays for a Paragraph.
                    if column < text_columns:
                        style = s["cell_bold"] if index >= bold_from else s["cell"]
                    else:
                        style = s["cell_number"]
                    markup = escape(text)
                    line.append(
                        Paragraph(f"<b>{markup}</b>" if index >= bold_from else markup, style)
                    )
                else:
                    line.append(text)
            cells.append(line)
        table = Table(cells, colWidths=column_widths, repeatRows=1, hAlign="CENTER")
        commands = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
            ("FONT", (0, 1), (-1, -1), SERIF, self.table_size, 12),
            ("ALIGN", (text_columns, 1), (-1, -1), "RIGHT"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        if total_rows:
            commands.append(("FONT", (0, bold_from), (-1, -1), SERIF_BOLD, self.table_size, 12))
        for row_index in group_rows or []:
            commands += [
                ("SPAN", (0, row_index + 1), (-1, row_index + 1)),
                ("BACKGROUND", (0, row_index + 1), (-1, row_index + 1), colors.HexColor("#f4f4f4")),
            ]
        table.setStyle(TableStyle(commands))
        return table

    def caption(self, text: str) -> Paragraph:
        return Paragraph(escape(text), self.styles["caption"])

    def captioned(self, text: str, table: Table) -> list[Flowable]:
        """A caption and its table: a short table moves whole to the next page rather than
        split; a long one starts where it is, with at least a few rows under its caption."""
        if len(table._cellvalues) <= self.short_table_rows:
            return [KeepTogether([self.caption(text), table])]
        return [CondPageBreak(45 * mm), self.caption(text), table]

    def sessions_section(self, data: ReportData) -> list[Flowable]:
        s = self.styles
        total = data.total
        flow: list[Flowable] = [
            Paragraph("1. Công tác tuyên truyền, phát động phong trào", s["subsection"]),
            Paragraph(
                f"Trong kỳ, toàn đơn vị tổ chức {n(total.sessions)} buổi phát động, tuyên truyền "
                f"với {n(total.participants)} lượt người tham gia, thu được {n(total.tips)} tin "
                f"có giá trị; {n(total.commendations)} lượt tập thể, cá nhân được khen thưởng.",
                s["body"],
            ),
        ]
        rows = []
        for item in data.indicators:
            rows.append(
                [
                    item.label,
                    item.current,
                    item.previous,
                    change_text(item.change_from_previous, item.previous),
                    item.last_year,
                    change_text(item.change_from_last_year, item.last_year),
                    item.year_to_date,
                ]
            )
        flow += self.captioned(
            "Bảng 1. Các chỉ tiêu chính và so sánh",
            self.table(
                INDICATOR_HEADERS,
                rows,
                [0.28, 0.10, 0.10, 0.14, 0.12, 0.14, 0.12],
            ),
        )
        spans = [
            f"Kỳ này: {data.period.label} ({self._dates(data.period)})",
            f"kỳ trước: {data.previous.label} ({self._dates(data.previous)})",
            f"cùng kỳ năm trước: {data.last_year.label} ({self._dates(data.last_year)})",
            f"lũy kế từ đầu năm: {self._dates(data.year_to_date)}",
        ]
        flow.append(Paragraph(escape("; ".join(spans)) + ".", s["note"]))
        if data.sessions_by_kind:
            flow += self.captioned(
                "Bảng 2. Buổi phát động, tuyên truyền theo hình thức",
                self.table(
                    SESSION_KIND_HEADERS,
                    data.session_kind_rows(),
                    [0.50, 0.20, 0.25],
                    total_rows=1,
                ),
            )
        return flow

    @staticmethod
    def _dates(span) -> str:
        return f"{vietnamese.format_date(span.start)} - {vietnamese.format_date(span.end)}"

    def units_section(self, data: ReportData) -> list[Flowable]:
        s = self.styles
        flow: list[Flowable] = [
            CondPageBreak(40 * mm),
            Paragraph("2. Kết quả theo đơn vị", s["subsection"]),
        ]
        # A database that consolidates packages also shows whose package has arrived.
        packages = data.packages is not None
        rows = []
        for index, row in enumerate(data.unit_rows, start=1):
            rows.append(
                [
                    str(index),
                    row.name,
                    row.sessions,
                    row.participants,
                    row.tips,
                    row.commendations,
                    self._reporting(row),
                ]
                + ([self._packages(row)] if packages else [])
            )
        total = data.total
        rows.append(
            [
                "",
                "Tổng cộng",
                total.sessions,
                total.participants,
                total.tips,
                total.commendations,
                self._reporting(total),
            ]
            + ([self._packages(total)] if packages else [])
        )
        header = [
            "STT",
            data.child_level,
            "Số buổi",
            "Lượt người tham gia",
            "Tin có giá trị",
            "Lượt khen thưởng",
            "Cấp xã có số liệu",
        ]
        widths = [0.06, 0.34, 0.11, 0.13, 0.11, 0.12, 0.13]
        if packages:
            header.append("Đã nhận gói dữ liệu")
            widths = [0.06, 0.26, 0.10, 0.12, 0.10, 0.11, 0.12, 0.13]
        flow += self.captioned(
            f"Bảng 3. Kết quả theo đơn vị ({data.child_level.lower()})",
            self.table(header, rows, widths, total_rows=1, text_columns=2),
        )
        if data.sessions_by_residential_area:
            # "3a": the tables after it keep the numbers other reports print.
            flow += self.captioned(
                f"Bảng 3a. {RESIDENTIAL_AREA_TITLE}",
                self.table(
                    RESIDENTIAL_AREA_HEADERS,
                    data.residential_area_rows(),
                    [0.50, 0.20, 0.25],
                    total_rows=1,
                ),
            )
        flow += self.charts(data)
        return flow

    @staticmethod
    def _reporting(row: UnitRow) -> str:
        if not row.communes:
            return "–"
        return f"{n(row.communes_reporting)}/{n(row.communes)}"

    @staticmethod
    def _packages(row: UnitRow) -> str:
        if not row.packages_expected:
            return "–"
        return f"{n(row.packages_received)}/{n(row.packages_expected)}"

    def models_section(self, data: ReportData) -> list[Flowable]:
        s = self.styles
        total = data.models_total
        flow: list[Flowable] = [
            CondPageBreak(40 * mm),
            Paragraph("3. Xây dựng, nhân rộng mô hình, lực lượng", s["subsection"]),
            Paragraph(
                f"Đến cuối kỳ có {n(total.count)} mô hình đang hoạt động với {n(total.members)} "
                f"thành viên; trong kỳ thành lập mới {n(total.new)} mô hình, giải thể "
                f"{n(total.dissolved)}, tạm ngừng {n(total.suspended)}.",
                s["body"],
            ),
        ]
        header = MODEL_FIGURE_HEADERS
        rows: list[list] = []
        groups: list[int] = []
        current_group = None
        for index, row in enumerate(data.models_by_type, start=1):
            if row.group != current_group:
                current_group = row.group
                groups.append(len(rows))
                rows.append([row.group, "", "", "", "", "", ""])
            rows.append([str(index), row.label, *row.model_figures()])
        rows.append(["", "Tổng cộng", *total.model_figures()])
        flow += self.captioned(
            "Bảng 4. Mô hình theo loại",
            self.table(
                ["STT", "Loại mô hình", *header],
                rows,
                [0.06, 0.39, 0.11, 0.11, 0.11, 0.11, 0.11],
                total_rows=1,
                group_rows=groups,
                text_columns=2,
            ),
        )
        rows = [[row.label, *row.model_figures()] for row in data.models_by_body]
        rows.append(["Tổng cộng", *total.model_figures()])
        flow += self.captioned(
            "Bảng 5. Mô hình theo cơ quan quản lý",
            self.table(
                ["Cơ quan quản lý", *header],
                rows,
                [0.40, 0.12, 0.12, 0.12, 0.12, 0.12],
                total_rows=1,
            ),
        )
        rows = [[row.label, row.count, row.members, row.new, row.dissolved] for row in data.forces]
        flow.append(
            KeepTogether(
                [
                    self.caption("Bảng 6. Ban bảo vệ dân phố, Tổ bảo vệ an ninh, trật tự ở cơ sở"),
                    self.table(
                        ["Lực lượng", "Số ban, tổ (cuối kỳ)", "Thành viên", "Mới", "Giải thể"],
                        rows,
                        [0.44, 0.16, 0.14, 0.12, 0.12],
                    ),
                ]
            )
        )
        rows = []
        for number, row in enumerate(data.unit_rows, start=1):
            rows.append([str(number), row.name, *row.model_figures()])
        rows.append(["", "Tổng cộng", *data.total.model_figures()])
        flow += self.captioned(
            "Bảng 7. Mô hình, lực lượng theo đơn vị",
            self.table(
                [
                    "STT",
                    data.child_level,
                    "Mô hình đang hoạt động",
                    "Thành viên",
                    "Mới",
                    "Giải thể",
                    "Ban BVDP",
                    "Thành viên",
                    "Tổ BV ANTT",
                    "Thành viên",
                ],
                rows,
                [0.06, 0.26, 0.10, 0.09, 0.07, 0.08, 0.08, 0.09, 0.08, 0.09],
                total_rows=1,
                text_columns=2,
            ),
        )
        return flow

    def commendations_section(self, data: ReportData) -> list[Flowable]:
        s = self.styles
        total = data.commendations_total
        flow: list[Flowable] = [
            CondPageBreak(40 * mm),
            Paragraph("4. Công tác khen thưởng", s["subsection"]),
            Paragraph(commendations_sentence(total), s["body"]),
        ]
        if data.commendations:
            flow += self.captioned(
                "Bảng 8. Khen thưởng theo hình thức và đối tượng",
                self.table(
                    COMMENDATION_HEADERS,
                    [r.as_row() for r in [*data.commendations, total]],
                    [0.30, 0.14, 0.13, 0.13, 0.14, 0.12],
                    total_rows=1,
                ),
            )
        return flow

    def safety_section(self, safety: SafetySection | None) -> list[Flowable]:
        """6. The year's "An toàn về ANTT" ratings and pledges (yearly and 6-month reports)."""
        if safety is None:
            return []
        s = self.styles
        flow: list[Flowable] = [
            CondPageBreak(40 * mm),
            Paragraph(f"6. {escape(SECTION_TITLE)}", s["subsection"]),
            *(Paragraph(escape(line), s["body"]) for line in safety.lines()),
        ]
        flow += self.captioned(
            f"Bảng 9. Số đạt / tổng số phải đánh giá tiêu chuẩn “An toàn về ANTT” năm {safety.year}",
            self.table(
                safety.HEADERS,
                safety.table_rows(),
                [0.25, 0.12, 0.12, 0.12, 0.12, 0.12, 0.15],
                total_rows=2,
            ),
        )
        if safety.pledges:
            flow += self.captioned(
                f"Bảng 10. Giao ước thi đua năm {safety.year}",
                self.table(
                    safety.PLEDGE_HEADERS,
                    safety.pledge_rows(),
                    [0.40, 0.14, 0.10, 0.10, 0.12, 0.14],
                ),
            )
        return flow

    def completeness_section(self, data: ReportData) -> list[Flowable]:
        s = self.styles
        flow: list[Flowable] = [Paragraph("5. Tình hình số liệu của các đơn vị", s["subsection"])]
        if not data.communes_expected:
            flow.append(Paragraph("Không có đơn vị cấp xã trong phạm vi báo cáo.", s["body"]))
            return flow + self.packages_paragraphs(data)
        if not data.missing:
            flow.append(
                Paragraph(
                    f"Tất cả {n(data.communes_expected)} đơn vị cấp xã đều có số liệu trong kỳ.",
                    s["body"],
                )
            )
            return flow + self.packages_paragraphs(data)
        silent = data.communes_expected - data.communes_reporting
        flow.append(
            Paragraph(
                f"Có {n(data.communes_reporting)}/{n(data.communes_expected)} đơn vị cấp xã có "
                f"số liệu trong kỳ; {n(silent)} đơn vị chưa có số liệu (không có buổi, mô hình "
                "mới hay thay đổi, khen thưởng nào trong kỳ):",
                s["body"],
            )
        )
        flow += [Paragraph(line, s["body"]) for line in missing_lines(data.missing)]
        return flow + self.packages_paragraphs(data)

    def packages_paragraphs(self, data: ReportData) -> list[Flowable]:
        """Whose data package has arrived (a database that consolidates packages only)."""
        status = data.packages
        if status is None or not status.expected:
            return []
        s = self.styles
        missing = status.expected - status.received
        if not missing:
            return [Paragraph(f"{status.text}, đủ cả kỳ.", s["body"])]
        flow: list[Flowable] = [
            Paragraph(
                f"{status.text}; chưa nhận gói dữ liệu cho cả kỳ của {n(missing)} đơn vị:",
                s["body"],
            )
        ]
        flow += [Paragraph(line, s["body"]) for line in missing_lines(status.missing)]
        return flow

    # -- charts ------------------------------------------------------------------------------
    def charts(self, data: ReportData) -> list[Flowable]:
        flow: list[Flowable] = []
        if len(data.unit_rows) >= 2 and data.total.sessions:
            flow.append(
                KeepTogether(
                    [
                        self.caption("Biểu đồ 1. Số buổi phát động, tuyên truyền theo đơn vị"),
                        self.units_chart(data),
                    ]
                )
            )
        if len(data.months) >= 2 and any(m[1] for m in data.months):
            flow.append(
                KeepTogether(
                    [
                        self.caption(
                            "Biểu đồ 2. Số buổi phát động, tuyên truyền theo tháng từ đầu năm"
                        ),
                        self.months_chart(data),
                    ]
                )
            )
        return flow

    @staticmethod
    def _axis_number(value: float) -> str:
        return vietnamese.format_number(int(value))

    def units_chart(self, data: ReportData) -> BarChart:
        names = [row.name for row in data.unit_rows]
        values = [row.sessions for row in data.unit_rows]
        bar = 11 if len(names) > 12 else 16
        label_width = max(stringWidth(name, SERIF, 8) for name in names) + 6
        # The first category is drawn at the bottom: reverse so the table's order reads down.
        return BarChart(
            width=self.width,
            height=bar * len(names) + 40,
            x=label_width,
            y=22,
            plot_width=self.width - label_width - 30,
            plot_height=bar * len(names),
            values=list(reversed(values)),
            names=list(reversed(names)),
            horizontal=True,
            number=self._axis_number,
            category_text=Text(SERIF, 8, "e", dx=-6),
            value_text=Text(SERIF, 8, "n", dy=-LABEL_OFFSET),
            bar_text=Text(SERIF, 7, "w", dx=2),
            fill=BAR_COLOUR,
            grid=GRID_COLOUR,
        )

    def months_chart(self, data: ReportData) -> BarChart:
        height = 60 * mm
        note = (
            "tháng tính từ ngày 15 tháng trước đến ngày 14"
            if data.rule == "decree"
            else "tháng dương lịch"
        )
        return BarChart(
            width=self.width,
            height=height,
            x=30,
            y=28,
            plot_width=self.width - 40,
            plot_height=height - 45,
            values=[m[1] for m in data.months],
            names=[f"T{m[0]}" for m in data.months],
            horizontal=False,
            number=self._axis_number,
            category_text=Text(SERIF, 9, "n", dy=-LABEL_OFFSET),
            value_text=Text(SERIF, 8, "e", dx=-LABEL_OFFSET),
            bar_text=Text(SERIF, 8, "c"),
            bar_nudge=6,
            fill=BAR_COLOUR,
            grid=GRID_COLOUR,
            notes=[(0, 4, f"(T01 = tháng 01; {note})", SERIF_ITALIC, 8)],
        )

    # -- free text and signatures ------------------------------------------------------------
    def notes_section(self, number: str, text: str, section: str) -> list[Flowable]:
        s = self.styles
        flow: list[Flowable] = [
            Paragraph(f"{number}. {NOTE_SECTIONS[section].upper()}", s["section"])
        ]
        paragraphs = [line.strip() for line in (text or "").split("\n") if line.strip()]
        if not paragraphs:
            # Nothing written yet: dotted lines to write on by hand.
            dots = "." * int(0.97 * self.width / stringWidth(".", SERIF, self.body_size))
            return flow + [Paragraph(dots, s["plain"]) for _ in range(3)]
        for line in paragraphs:
            flow.append(Paragraph(escape(line), s["body"]))
        return flow

    def signature_block(self, data: ReportData) -> Flowable:
        s = self.styles
        header = data.header
        gap = Spacer(1, 25 * mm)
        left = [
            Paragraph(escape(header.preparer_title.upper()), s["sign_title"]),
            Paragraph("(Ký, ghi rõ họ tên)", s["sign_hint"]),
            gap,
            Paragraph(f"<b>{escape(header.preparer_name)}</b>", s["centre"]),
        ]
        head_title = " ".join(part for part in (header.head_prefix, header.head_title) if part)
        right = [
            Paragraph(escape(head_title.upper()).replace("\n", "<br/>"), s["sign_title"]),
            Paragraph("(Ký tên, đóng dấu)", s["sign_hint"]),
            gap,
            Paragraph(f"<b>{escape(header.head_name)}</b>", s["centre"]),
        ]
        table = Table([[left, right]], colWidths=[self.width * 0.45, self.width * 0.55])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        parts: list[Flowable] = [Spacer(1, 6 * mm), table]
        recipients = [line for line in (header.recipients or "").split("\n") if line.strip()]
        if recipients:
            parts.append(Spacer(1, 4 * mm))
            parts.append(Paragraph("Nơi nhận:", s["recipients_head"]))
            parts += [Paragraph(escape(line), s["recipients"]) for line in recipients]
        return KeepTogether(parts)
