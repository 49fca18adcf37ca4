"""Reading and writing tables as CSV or Excel; the file's extension picks the format.

CSV is read as UTF-8 with or without BOM, separated by commas, semicolons (Excel in a
Vietnamese locale) or tabs; Excel files are read from their first sheet. Headers match a
column by its key or its Vietnamese label, ignoring case and diacritics. Row numbers are the
ones the user sees in a spreadsheet: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from movement_desk import vietnamese
from movement_desk.services.errors import FieldError, ServiceError

SUPPORTED_SUFFIXES = (".csv", ".xlsx")


class TableFileError(ServiceError):
    """The file cannot be read as a table at all."""


@dataclass
class Table:
    """Rows of a file keyed by column key, with what the header said."""

    path: Path
    columns: dict[str, int]  # key -> column index
    unknown_headers: list[str]
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    labels: Mapping[str, str] = field(default_factory=dict)

    def has_column(self, key: str) -> bool:
        return key in self.columns

    def header_errors(self, required: Sequence[str]) -> Iterable[FieldError]:
        for key in required:
            if key not in self.columns:
                label = self.labels.get(key, key)
                yield FieldError(
                    key,
                    label,
                    f"tệp thiếu cột “{key}” (hoặc “{label}”) ở dòng tiêu đề; hãy thêm cột này.",
                    1,
                )


def check_suffix(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise TableFileError(f"Không hỗ trợ tệp “{Path(path).name}”: chỉ nhận tệp .csv hoặc .xlsx.")
    return suffix


def _header_key(header: object, labels: Mapping[str, str]) -> str | None:
    folded = vietnamese.fold(str(header or "")).replace("_", " ")
    if not folded:
        return None
    for key, label in labels.items():
        if folded in (vietnamese.fold(key).replace("_", " "), vietnamese.fold(label)):
            return key
    return None


def _sniff_delimiter(first_line: str) -> str:
    counts = {sep: first_line.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


def _read_csv_cells(path: Path) -> list[list[object]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TableFileError(
            f"Tệp “{path.name}” không ở mã UTF-8 (lỗi ở dòng {line}); hãy lưu lại bằng "
            "“CSV UTF-8” trong Excel."
        ) from exc
    if "\x00" in text:
        raise TableFileError(f"Tệp “{path.name}” không phải tệp CSV văn bản.")
    first_line = text.split("\n", 1)[0]
    try:
        return [
            list(row)
            for row in csv.reader(io.StringIO(text), delimiter=_sniff_delimiter(first_line))
        ]
    except csv.Error as exc:
        raise TableFileError(f"Tệp “{path.name}” sai định dạng CSV: {exc}.") from exc


def _cell_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    return value


def _read_xlsx_cells(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableFileError(
            f"Tệp “{path.name}” bị hỏng hoặc không phải tệp Excel .xlsx; hãy mở lại bằng Excel "
            "và lưu dạng .xlsx."
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_value(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError) as exc:
        raise TableFileError(f"Tệp “{path.name}” bị hỏng (không đọc hết được).") from exc
    finally:
        workbook.close()


def read_table(path: str | Path, labels: Mapping[str, str]) -> Table:
    """Read a CSV or XLSX file whose first non-empty row is a header of keys or labels."""
    path = Path(path)
    suffix = check_suffix(path)
    if not path.is_file():
        raise TableFileError(f"Không tìm thấy tệp “{path}”.")
    cells = _read_csv_cells(path) if suffix == ".csv" else _read_xlsx_cells(path)
    numbered = [
        (index + 1, row)
        for index, row in enumerate(cells)
        if any(not (v is None or (isinstance(v, str) and not v.strip())) for v in row)
    ]
    if not numbered:
        raise TableFileError(f"Tệp “{path.name}” trống: không có dòng tiêu đề nào.")
    _, header = numbered[0]
    columns: dict[str, int] = {}
    unknown: list[str] = []
    for index, cell in enumerate(header):
        key = _header_key(cell, labels)
        if key is None:
            if cell not in (None, ""):
                unknown.append(vietnamese.nfc(str(cell)))
        elif key not in columns:
            columns[key] = index
    table = Table(path, columns, unknown, labels=labels)
    for number, row in numbered[1:]:
        values: dict[str, object] = {}
        for key, index in columns.items():
            value = row[index] if index < len(row) else None
            values[key] = vietnamese.nfc(value) if isinstance(value, str) else value
        table.rows.append((number, values))
    return table


def write_table(path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write a header and rows; dates print dd/mm/yyyy in CSV and are real dates in Excel."""
    path = Path(path)
    suffix = check_suffix(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    count = 0
    try:
        if suffix == ".csv":
            with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(headers)
                for row in rows:
                    writer.writerow(
                        [vietnamese.format_date(v) if isinstance(v, date) else v for v in row]
                    )
                    count += 1
        else:
            count = _write_xlsx(temporary, headers, rows)
        temporary.replace(path)  # the old file stays whole until the new one is complete
    finally:
        if temporary.exists():
            temporary.unlink()
    return count


def _write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Stream the rows into a write-only workbook: memory stays flat whatever the row count.

    Column widths come from the header and the first ``WIDTH_SAMPLE`` rows, which are held
    back until the widths are set (a write-only sheet takes them before any row).
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Dữ liệu")
    iterator = iter(rows)
    sample: list[Sequence[object]] = []
    for row in iterator:
        sample.append(row)
        if len(sample) >= WIDTH_SAMPLE:
            break
    widths = [len(str(h)) for h in headers]
    for row in sample:
        for index, value in enumerate(row[: len(widths)]):
            if isinstance(value, date):
                widths[index] = max(widths[index], 10)
            elif value is not None:
                widths[index] = max(widths[index], min(len(str(value)), 60))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    date_cell = _xlsx_date_cell(sheet)
    count = 0
    for row in _chain(sample, iterator):
        sheet.append(xlsx_row(row, date_cell))
        count += 1
    workbook.save(path)
    return count


WIDTH_SAMPLE = 200


def _chain(first: list, rest: Iterable):
    yield from first
    yield from rest


def _xlsx_date_cell(sheet):
    """Date cells shown dd/mm/yyyy. A write-only sheet writes each row out as it is appended,
    so one styled cell per column is reused (styling a new cell per date doubles the time)."""
    from openpyxl.cell import WriteOnlyCell

    cells: dict[int, WriteOnlyCell] = {}

    def date_cell(value: date, column: int = 0):
        cell = cells.get(column)
        if cell is None:
            cell = cells[column] = WriteOnlyCell(sheet)
            cell.number_format = "DD/MM/YYYY"
        cell.value = value
        return cell

    return date_cell


def xlsx_row(row: Sequence[object], date_cell) -> list[object]:
    """The cells of one row of an Excel export: dates as real dates shown dd/mm/yyyy, the rest
    as they are (the one place to change how a value is written to Excel)."""
    return [date_cell(v, i) if isinstance(v, date) else v for i, v in enumerate(row)]
