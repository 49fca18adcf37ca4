"""Reading and writing tables as CSV or Excel; the file's extension picks the format.

CSV is read as UTF-8 with or without BOM, separated by commas, semicolons (Excel in a
Vietnamese locale) or tabs; Excel files are read from their first sheet. Headers match a
column by its key or its Vietnamese label, ignoring case and diacritics. Row numbers are the
ones the user sees in a spreadsheet: the header is row 1.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from movement_desk import vietnamese
from movement_desk.services.core import output_files
from movement_desk.services.core.errors import FieldError, ServiceError

SUPPORTED_SUFFIXES = (".csv", ".xlsx")

# Bounds on what a file may hold, checked while reading: generous for any real register
# (200.000 rows is a province's decade), small enough that a hostile file is refused quickly.
MAX_FILE_BYTES = 300_000_000
MAX_UNPACKED_BYTES = 600_000_000
MAX_ROWS = 500_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
EXCERPT_CHARS = 60

# What a spreadsheet reads as the start of a formula (tab and CR too: Excel strips them).
FORMULA_STARTS = frozenset("=+-@\t\r")
_ESCAPED_AFTER_QUOTE = FORMULA_STARTS | {"'"}


class TableFileError(ServiceError):
    """The file cannot be read as a table at all."""


@dataclass
class ImportCount:
    """What an import of a register (organisations, ratings) did, as the summary line says it."""

    what: str  # "cơ quan, doanh nghiệp, cơ sở giáo dục"
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        verb = "Sẽ nhập" if self.dry_run else "Đã nhập"
        total = self.created + self.updated + self.unchanged
        text = (
            f"{verb} {vietnamese.format_number(total)} {self.what}: "
            f"{vietnamese.format_number(self.created)} mới, "
            f"{vietnamese.format_number(self.updated)} cập nhật, "
            f"{vietnamese.format_number(self.unchanged)} không đổi."
        )
        if self.dry_run:
            text += " (Chạy thử: chưa ghi gì.)"
        return text


@dataclass
class Table:
    """Rows of a file keyed by column key, with what the header said."""

    path: Path
    columns: dict[str, int]  # key -> column index
    unknown_headers: list[str]
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    labels: Mapping[str, str] = field(default_factory=dict)
    duplicate_headers: list[str] = field(default_factory=list)
    estimated_rows: int = 0  # about how many rows ``open_table`` will give (0: unknown)

    def has_column(self, key: str) -> bool:
        return key in self.columns

    def header_errors(
        self, required: Sequence[str], *, strict: bool = True
    ) -> Iterable[FieldError]:
        """Missing required columns; with ``strict``, duplicate and unknown columns too."""
        if strict:
            for header in self.duplicate_headers:
                yield FieldError(
                    "header",
                    header,
                    f"cột “{header}” có hai lần ở dòng tiêu đề; hãy xóa một cột để biết "
                    "lấy giá trị ở cột nào.",
                    1,
                )
            for header in self.unknown_headers:
                yield FieldError(
                    "header",
                    header,
                    f"không biết cột “{header}”; hãy đổi tên cho đúng một trong các cột: "
                    + ", ".join(dict.fromkeys(self.labels.values()))
                    + " (hoặc xóa cột này).",
                    1,
                )
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


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """A short, single-line piece of a value for a message: never the whole of a huge cell."""
    text = " ".join(vietnamese.nfc(str(value)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_file_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise TableFileError(
            f"Tệp “{path.name}” lớn {vietnamese.format_number(size // 1_000_000)} MB, quá giới hạn "
            f"{vietnamese.format_number(MAX_FILE_BYTES // 1_000_000)} MB; hãy chia thành nhiều tệp nhỏ hơn."
        )


def _too_many_rows(path: Path) -> TableFileError:
    return TableFileError(
        f"Tệp “{path.name}” có hơn {vietnamese.format_number(MAX_ROWS)} dòng (giới hạn); "
        "hãy chia thành nhiều tệp nhỏ hơn."
    )


def _cell_too_long(path: Path, row: int, column: int | None) -> TableFileError:
    where = f"dòng {row}" + (f", cột {column}" if column else "")
    return TableFileError(
        f"Tệp “{path.name}”, {where}: một ô dài hơn {vietnamese.format_number(MAX_CELL_CHARS)} "
        "ký tự (giới hạn của một ô); hãy kiểm tra dấu ngoặc kép hoặc rút gọn nội dung ô này."
    )


def _read_csv_cells(path: Path) -> Iterator[list[object]]:
    import csv  # only for files: a report's start does not load it

    _check_file_size(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TableFileError(
            f"Tệp “{path.name}” không ở mã UTF-8 (lỗi ở dòng {line}); hãy lưu lại bằng "
            "“CSV UTF-8” trong Excel."
        ) from exc
    del data
    if "\x00" in text:
        raise TableFileError(f"Tệp “{path.name}” không phải tệp CSV văn bản.")
    first_line = text.split("\n", 1)[0]
    # strict: a quote that never closes, or closes in the middle of a cell, is an error
    # naming the row where it opened instead of silently swallowing the rows after it.
    reader = csv.reader(io.StringIO(text), delimiter=_sniff_delimiter(first_line), strict=True)
    del text
    previous_limit = csv.field_size_limit(MAX_CELL_CHARS)
    row = 0
    try:
        while True:
            row += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if "field limit" in str(exc):
                    raise _cell_too_long(path, row, None) from exc
                raise TableFileError(
                    f'Tệp “{path.name}”, dòng {row}: dấu ngoặc kép (") mở một ô nhưng không đóng '
                    "đúng chỗ, nên không biết ô và dòng kết thúc ở đâu; hãy sửa dấu ngoặc kép ở "
                    'dòng này (trong ô, viết hai dấu "" cho một dấu ").'
                ) from exc
            # Counted once the row is read: the header and MAX_ROWS rows fit, as in .xlsx.
            if row > MAX_ROWS + 1:
                raise _too_many_rows(path)
            yield [unescape_csv_text(cell) for cell in cells]
    finally:
        csv.field_size_limit(previous_limit)


def _cell_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    return value


def _check_xlsx_container(path: Path) -> None:
    """Refuse, before parsing, a workbook that would unpack too large or carries a DTD."""
    import zipfile  # only for files: a report's start does not load it

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            unpacked = sum(member.file_size for member in members)
            if unpacked > MAX_UNPACKED_BYTES:
                raise TableFileError(
                    f"Tệp “{path.name}” khi giải nén lớn {vietnamese.format_number(unpacked // 1_000_000)} MB, "
                    f"quá giới hạn {vietnamese.format_number(MAX_UNPACKED_BYTES // 1_000_000)} MB; "
                    "hãy kiểm tra tệp hoặc chia thành nhiều tệp nhỏ hơn."
                )
            for member in members:
                if not member.filename.endswith((".xml", ".rels")):
                    continue
                with archive.open(member) as part:
                    head = part.read(4096)
                    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                        raise TableFileError(
                            f"Tệp “{path.name}” có khai báo DTD/ENTITY trong {member.filename}, "
                            "điều Excel không bao giờ ghi; không đọc tệp này. Hãy mở bằng Excel "
                            "và lưu lại dạng .xlsx."
                        )
                    if _has_overlong_text(head, part):
                        raise TableFileError(
                            f"Tệp “{path.name}”: một ô trong {member.filename} dài hơn "
                            f"{vietnamese.format_number(MAX_CELL_CHARS)} ký tự (giới hạn của "
                            "một ô); không đọc tệp này. Hãy kiểm tra lại tệp."
                        )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise TableFileError(
            f"Tệp “{path.name}” bị hỏng hoặc không phải tệp Excel .xlsx; hãy mở lại bằng Excel "
            "và lưu dạng .xlsx."
        ) from exc


_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")


def _has_formulas(path: Path) -> bool:
    """Whether a worksheet of the file holds a formula (read in chunks, never whole)."""
    import zipfile  # only for files: a report's start does not load it

    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            if not member.filename.startswith("xl/worksheets/"):
                continue
            tail = b""
            with archive.open(member) as part:
                while chunk := part.read(1 << 20):
                    if _FORMULA.search(tail + chunk):
                        return True
                    tail = chunk[-16:]
    return False


def _open_workbook(path: Path, *, data_only: bool):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise TableFileError(
            f"Tệp “{path.name}” bị hỏng hoặc không phải tệp Excel .xlsx; hãy mở lại bằng Excel "
            "và lưu dạng .xlsx."
        ) from exc
    sheet = workbook.worksheets[0]
    # The stored dimension may be wrong (a sheet written by another program says A1:J2
    # and holds ten rows): read the rows that are really there.
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    return workbook, sheet


def _uncomputed_formula(path: Path, row: int, column: int) -> TableFileError:
    from openpyxl.utils import get_column_letter

    return TableFileError(
        f"Tệp “{path.name}”, dòng {row}, cột {get_column_letter(column)}: ô có công thức nhưng "
        "không có giá trị đã tính (tệp không được lưu bằng Excel); hãy mở tệp bằng Excel, lưu "
        "lại rồi nhập, hoặc thay công thức bằng giá trị."
    )


# A run of bytes with no "<" longer than any cell could be (4 bytes per character in UTF-8).
_OVERLONG = re.compile(rb"[^<]{%d}" % (MAX_CELL_CHARS * 4 + 1))


def _has_overlong_text(head: bytes, part) -> bool:
    """Whether an XML part holds a text longer than a cell may be, found while streaming it,
    before a parser would hold that text (a 400 MB cell in a 412 KB file) in memory."""
    carry = head
    while True:
        if _OVERLONG.search(carry):
            return True
        last = carry.rfind(b"<")
        carry = carry[last:] if last >= 0 else carry
        chunk = part.read(1 << 20)
        if not chunk:
            return False
        carry += chunk


def _read_xlsx_cells(path: Path) -> Iterator[list[object]]:
    import zipfile  # only for files: a report's start does not load it

    _check_file_size(path)
    _check_xlsx_container(path)
    try:
        formulas = _has_formulas(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise TableFileError(f"Tệp “{path.name}” bị hỏng (không đọc hết được).") from exc
    workbook, sheet = _open_workbook(path, data_only=True)
    # A formula without a cached value reads as empty: find those cells in a second pass
    # over the formulas themselves, only when the file has any.
    formula_book, formula_rows = None, None
    if formulas:
        formula_book, formula_sheet = _open_workbook(path, data_only=False)
        formula_rows = formula_sheet.iter_rows(values_only=True)
    try:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            written = next(formula_rows, ()) if formula_rows is not None else ()
            for column, (value, source) in enumerate(zip(values, written, strict=False), start=1):
                if value is None and isinstance(source, str) and source.startswith("="):
                    raise _uncomputed_formula(path, number, column)
            if number > MAX_ROWS + 1:
                raise _too_many_rows(path)
            if len(values) > MAX_COLUMNS:
                values = values[:MAX_COLUMNS]
            row = []
            for column, value in enumerate(values, start=1):
                if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                    raise _cell_too_long(path, number, column)
                row.append(_cell_value(value))
            yield row
    except TableFileError:
        raise
    except Exception as exc:  # a damaged sheet part: zip, XML or value errors
        raise TableFileError(f"Tệp “{path.name}” bị hỏng (không đọc hết được).") from exc
    finally:
        workbook.close()
        if formula_book is not None:
            formula_book.close()


def read_table(path: str | Path, labels: Mapping[str, str]) -> Table:
    """Read a CSV or XLSX file whose first non-empty row is a header of keys or labels.

    Every row is read (blank rows are counted but skipped); duplicate header cells are
    listed in ``duplicate_headers`` and unmatched ones in ``unknown_headers``.
    """
    table, rows = open_table(path, labels)
    table.rows.extend(rows)
    return table


def open_table(
    path: str | Path, labels: Mapping[str, str]
) -> tuple[Table, Iterator[tuple[int, dict[str, object]]]]:
    """``read_table`` as a stream: the header now, the rows (number, values) as they are
    consumed, so a large file is checked row by row without holding every row (the table's
    ``rows`` stays empty; ``estimated_rows`` says about how many will come, for progress)."""
    path = Path(path)
    suffix = check_suffix(path)
    if not path.is_file():
        raise TableFileError(f"Không tìm thấy tệp “{path}”.")
    cells = enumerate(
        _read_csv_cells(path) if suffix == ".csv" else _read_xlsx_cells(path), start=1
    )
    for _number, row in cells:
        if _blank(row):
            continue
        table = _table_from_header(path, row, labels)
        table.estimated_rows = _estimated_rows(path, suffix)
        return table, _rows(table, cells)
    raise TableFileError(f"Tệp “{path.name}” trống: không có dòng tiêu đề nào.")


def _blank(row: list[object]) -> bool:
    return not any(not (v is None or (isinstance(v, str) and not v.strip())) for v in row)


def _rows(table: Table, cells) -> Iterator[tuple[int, dict[str, object]]]:
    columns = list(table.columns.items())
    nfc = vietnamese.nfc
    for number, row in cells:
        if _blank(row):
            continue
        values: dict[str, object] = {}
        for key, index in columns:
            value = row[index] if index < len(row) else None
            values[key] = nfc(value) if isinstance(value, str) else value
        yield number, values


def _estimated_rows(path: Path, suffix: str) -> int:
    if suffix != ".csv":
        return 0
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


def _table_from_header(path: Path, header: list[object], labels: Mapping[str, str]) -> Table:
    columns: dict[str, int] = {}
    unknown: list[str] = []
    duplicates: list[str] = []
    for index, cell in enumerate(header):
        key = _header_key(cell, labels)
        if key is None:
            if cell not in (None, ""):
                unknown.append(excerpt(cell))
        elif key in columns:
            duplicates.append(excerpt(cell))
        else:
            columns[key] = index
    return Table(path, columns, unknown, labels=labels, duplicate_headers=duplicates)


# ---------------------------------------------------------------------------------------------
# Spreadsheet safety: user text never becomes a formula


def escape_csv_text(text: str) -> str:
    """Neutralise a text a spreadsheet would run as a formula; ``unescape_csv_text`` undoes it.

    A leading ``= + - @``, tab or carriage return gets an apostrophe before it (what Excel
    itself shows for "text that looks like a formula"); a text that already starts with an
    apostrophe followed by one of those, or by another apostrophe, gets one more, so the
    reverse is exact for every text.
    """
    if text[:1] in FORMULA_STARTS or (text[:1] == "'" and text[1:2] in _ESCAPED_AFTER_QUOTE):
        return "'" + text
    return text


def unescape_csv_text(text: str) -> str:
    if text[:1] == "'" and text[1:2] in _ESCAPED_AFTER_QUOTE:
        return text[1:]
    return text


def excel_cell(sheet, value: object):
    """A cell for ``sheet.append`` (normal or write-only sheet): text stays text, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell


def csv_value(value: object) -> object:
    """A value as a CSV export writes it: dates dd/mm/yyyy, text neutralised."""
    if isinstance(value, date):
        return vietnamese.format_date(value)
    if isinstance(value, str):
        return escape_csv_text(value)
    return value


_RISKY_FIRST = FORMULA_STARTS | {"'"}


def csv_text(text: str | None) -> str | None:
    """``escape_csv_text`` with a fast way through for text that starts safely (most)."""
    if text and text[0] in _RISKY_FIRST:
        return escape_csv_text(text)
    return text


def csv_row(row: Sequence[object]) -> list[object]:
    """``csv_value`` of each cell of a row: the inner loop of a CSV export, where most cells
    are text that starts safely, numbers or plain dates, and pass at once."""
    return [
        (escape_csv_text(v) if v and v[0] in _RISKY_FIRST else v)
        if type(v) is str
        else f"{v.day:02d}/{v.month:02d}/{v.year:04d}"
        if type(v) is date
        else csv_value(v)
        for v in row
    ]


def write_table(
    path: str | Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    force: bool = True,
    csv_cells: bool = False,
) -> int:
    """Write a header and rows; dates print dd/mm/yyyy in CSV and are real dates in Excel.

    ``csv_cells``: the rows already hold the CSV file's cells (``csv_value`` of each), made
    by the caller in its own pass over the row."""
    import csv  # only for files: a report's start does not load it

    path = Path(path)
    suffix = check_suffix(path)
    count = 0
    # The old file stays whole until the new one is complete (see output_files).
    if suffix == ".csv":
        with output_files.open_output(
            path, force=force, text=True, encoding="utf-8-sig", newline=""
        ) as handle:
            writer = csv.writer(handle)
            writer.writerow(csv_row(headers))
            if csv_cells:
                for row in rows:
                    writer.writerow(row)
                    count += 1
            else:
                for row in rows:
                    writer.writerow(csv_row(row))
                    count += 1
    else:
        with output_files.open_output(path, force=force) as handle:
            count = _write_xlsx(handle, headers, rows)
    return count


def _write_xlsx(path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Stream the rows into a write-only workbook: memory stays flat whatever the row count.

    Column widths come from the header and the first ``WIDTH_SAMPLE`` rows, which are held
    back until the widths are set (a write-only sheet takes them before any row).
    """
    from openpyxl import Workbook
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
        cell = excel_cell(sheet, header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    date_cell = _xlsx_date_cell(sheet)
    count = 0
    try:
        for row in _chain(sample, iterator):
            sheet.append(xlsx_row(row, date_cell))
            count += 1
    except BaseException:  # a Cancel, a bad row: end the sheet's writer before it is dropped
        with contextlib.suppress(Exception):
            sheet.close()
        raise
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

    date_cell.sheet = sheet  # for xlsx_row's text cells
    return date_cell


def xlsx_row(row: Sequence[object], date_cell) -> list[object]:
    """The cells of one row of an Excel export: dates as real dates shown dd/mm/yyyy, the rest
    as they are (the one place to change how a value is written to Excel)."""
    sheet = getattr(date_cell, "sheet", None)
    return [
        date_cell(v, i)
        if isinstance(v, date)
        # user text that looks like a formula stays text (see excel_cell)
        else excel_cell(sheet, v)
        if isinstance(v, str) and v.startswith("=")
        else v
        for i, v in enumerate(row)
    ]
