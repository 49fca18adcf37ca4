"""The report's tables as an Excel workbook: one sheet per table, numbers stored as numbers."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from movement_desk import vietnamese
from movement_desk.pdf.report_data import (
    COMMENDATION_HEADERS,
    INDICATOR_HEADERS,
    MODEL_FIGURE_HEADERS,
    NOTE_SECTIONS,
    RESIDENTIAL_AREA_HEADERS,
    SESSION_KIND_HEADERS,
    ReportData,
    UnitRow,
)
from movement_desk.services.core.tabular import excel_cell

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="E8E8E8")
NUMBER_FORMAT = "#,##0"


def _text_safe(sheet, values: list) -> list:
    # Unit names and the written sections are user text: never let them become formulas.
    return [excel_cell(sheet, value) for value in values]


def _sheet(workbook: Workbook, title: str, header: list[str], rows: list[list], total: int = 0):
    """Add a sheet with a bold header row, ruled cells, the last ``total`` rows bold."""
    sheet = workbook.create_sheet(title[:31])
    sheet.append(_text_safe(sheet, header))
    for row in rows:
        sheet.append(_text_safe(sheet, row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    last = sheet.max_row
    for row in sheet.iter_rows(min_row=1, max_row=last):
        for cell in row:
            cell.border = BORDER
            if isinstance(cell.value, int) and not isinstance(cell.value, bool):
                cell.number_format = NUMBER_FORMAT
            if cell.row > last - total:
                cell.font = Font(bold=True)
    for index, title_text in enumerate(header, start=1):
        values = [len(str(title_text))] + [
            len(str(r[index - 1])) for r in rows if index - 1 < len(r) and r[index - 1] is not None
        ]
        sheet.column_dimensions[get_column_letter(index)].width = min(max(values) + 2, 60)
    sheet.freeze_panes = "A2"
    return sheet


def _unit_rows(data: ReportData) -> list[UnitRow]:
    return [*data.unit_rows, data.total]


def write_report_workbook(data: ReportData, target: str | Path | IO[bytes]) -> None:
    """Write the report's tables to ``target`` (a path or a binary stream)."""
    workbook = Workbook()
    info = workbook.active
    info.title = "Thông tin"
    info.append(_text_safe(info, ["Báo cáo", data.title_line]))
    info.append(
        _text_safe(
            info, ["Đơn vị", f"{data.unit_title} (mã {data.unit_code}) và các đơn vị trực thuộc"]
        )
    )
    info.append(_text_safe(info, ["Cách tính kỳ", data.rule_label]))
    info.append(_text_safe(info, ["Từ ngày", data.period.start]))
    info.append(_text_safe(info, ["Đến ngày", data.period.end]))
    info.append(_text_safe(info, ["Kỳ trước", f"{data.previous.label}: {_dates(data.previous)}"]))
    info.append(
        _text_safe(info, ["Cùng kỳ năm trước", f"{data.last_year.label}: {_dates(data.last_year)}"])
    )
    info.append(_text_safe(info, ["Lũy kế từ đầu năm", _dates(data.year_to_date)]))
    if data.rollup_note:
        info.append(_text_safe(info, ["Cộng dồn", data.rollup_note]))
    if data.packages is not None:
        info.append(_text_safe(info, ["Gói dữ liệu", data.packages.text]))
    for section, label in NOTE_SECTIONS.items():
        info.append(_text_safe(info, [label, data.notes.get(section, "")]))
    for row in info.iter_rows():
        row[0].font = Font(bold=True)
        if len(row) > 1 and hasattr(row[1].value, "year"):
            row[1].number_format = "DD/MM/YYYY"
            row[1].alignment = Alignment(horizontal="left")
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 90

    _sheet(
        workbook,
        "Chỉ tiêu",
        INDICATOR_HEADERS,
        [
            [
                i.label,
                i.current,
                i.previous,
                i.change_from_previous,
                i.last_year,
                i.change_from_last_year,
                i.year_to_date,
            ]
            for i in data.indicators
        ],
    )
    _sheet(workbook, "Theo hình thức", SESSION_KIND_HEADERS, data.session_kind_rows(), 1)
    if data.sessions_by_residential_area:
        _sheet(
            workbook,
            "Theo khu dân cư",
            RESIDENTIAL_AREA_HEADERS,
            data.residential_area_rows(),
            1,
        )
    packages = data.packages is not None
    _sheet(
        workbook,
        "Theo đơn vị",
        [
            "Mã",
            data.child_level,
            "Số buổi",
            "Lượt người tham gia",
            "Tin có giá trị",
            "Lượt khen thưởng",
            "Đơn vị cấp xã",
            "Cấp xã có số liệu",
        ]
        + (["Cấp xã đã nhận gói dữ liệu"] if packages else []),
        [
            [
                r.code,
                r.name,
                r.sessions,
                r.participants,
                r.tips,
                r.commendations,
                r.communes,
                r.communes_reporting,
            ]
            + ([r.packages_received] if packages else [])
            for r in _unit_rows(data)
        ],
        1,
    )
    total_models = data.models_total
    _sheet(
        workbook,
        "Mô hình theo loại",
        ["Nhóm", "Loại mô hình", *MODEL_FIGURE_HEADERS],
        [[r.group, r.label, *r.model_figures()] for r in data.models_by_type]
        + [["", "Tổng cộng", *total_models.model_figures()]],
        1,
    )
    _sheet(
        workbook,
        "Mô hình theo cơ quan",
        ["Cơ quan quản lý", *MODEL_FIGURE_HEADERS],
        [[r.label, *r.model_figures()] for r in data.models_by_body]
        + [["Tổng cộng", *total_models.model_figures()]],
        1,
    )
    _sheet(
        workbook,
        "Lực lượng",
        ["Lực lượng", "Số ban, tổ (cuối kỳ)", "Thành viên", "Mới", "Giải thể"],
        [[r.label, r.count, r.members, r.new, r.dissolved] for r in data.forces],
    )
    _sheet(
        workbook,
        "Mô hình theo đơn vị",
        [
            "Mã",
            data.child_level,
            "Mô hình đang hoạt động",
            "Thành viên",
            "Mới",
            "Giải thể",
            "Ban bảo vệ dân phố",
            "Thành viên ban BVDP",
            "Tổ bảo vệ ANTT",
            "Thành viên tổ BV ANTT",
        ],
        [[r.code, r.name, *r.model_figures()] for r in _unit_rows(data)],
        1,
    )
    total = data.commendations_total
    _sheet(
        workbook,
        "Khen thưởng",
        COMMENDATION_HEADERS,
        [r.as_row() for r in [*data.commendations, total]],
        1,
    )
    _sheet(
        workbook,
        "Chưa có số liệu",
        ["Đơn vị", "Số đơn vị cấp xã", "Chưa có số liệu", "Tên đơn vị chưa có số liệu"],
        [[g.child, g.expected, len(g.missing), ", ".join(g.missing)] for g in data.missing],
    )
    if packages:
        _sheet(
            workbook,
            "Chưa nhận gói",
            ["Đơn vị", "Số đơn vị cấp xã", "Chưa nhận gói", "Tên đơn vị chưa nhận gói"],
            [
                [g.child, g.expected, len(g.missing), ", ".join(g.missing)]
                for g in data.packages.missing
            ],
        )
    if data.safety is not None:
        safety = data.safety
        _sheet(
            workbook,
            "An toàn về ANTT",
            safety.HEADERS,
            [*safety.table_rows(), [], *([line] for line in safety.lines())],
        )
        if safety.pledges:
            _sheet(workbook, "Giao ước thi đua", safety.PLEDGE_HEADERS, safety.pledge_rows())
    _sheet(
        workbook,
        "Theo tháng",
        ["Tháng", "Số buổi", "Lượt người tham gia"],
        [[f"Tháng {label}", sessions, people] for label, sessions, people in data.months],
    )
    workbook.save(target)


def _dates(span) -> str:
    return f"{vietnamese.format_date(span.start)} - {vietnamese.format_date(span.end)}"
