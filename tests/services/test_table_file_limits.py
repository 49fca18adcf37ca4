"""The limits of an import file (services/core/tabular.py): too large, too many rows, a cell
too long, not text at all; each refusal names the file and, where there is one, the row and
the column. The limits are lowered for the test so the files stay small."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from movement_desk.services.core import tabular
from movement_desk.services.core.tabular import TableFileError

LABELS = {"name": "Tên", "members": "Số thành viên"}


def csv_file(tmp_path, text: str, name: str = "a.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def xlsx_file(tmp_path, rows: list[list], name: str = "a.xlsx"):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def refusal(path) -> str:
    with pytest.raises(TableFileError) as caught:
        tabular.read_table(path, LABELS)
    message = str(caught.value)
    assert f"“{path.name}”" in message
    return message


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_FILE_BYTES", 2_000_000)
    path = csv_file(tmp_path, "Tên\n" + "x" * 3_100_000 + "\n")
    assert "lớn 3 MB, quá giới hạn 2 MB" in refusal(path)
    big = xlsx_file(tmp_path, [["Tên"], ["y" * 30_000] * 80])
    monkeypatch.setattr(tabular, "MAX_FILE_BYTES", big.stat().st_size - 1)
    assert "quá giới hạn" in refusal(big)


def test_a_csv_with_nul_bytes_is_not_text(tmp_path):
    path = tmp_path / "anh.csv"
    path.write_bytes(b"T\xc3\xaan\n\x00\x01\x02\n")
    assert refusal(path) == "Tệp “anh.csv” không phải tệp CSV văn bản."


def test_too_many_rows_are_refused_in_csv_and_in_excel(tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_ROWS", 3)
    path = csv_file(tmp_path, "Tên\n" + "".join(f"Tổ {n}\n" for n in range(4)))
    assert "có hơn 3 dòng (giới hạn)" in refusal(path)
    # The header and exactly the limit fit (a CSV file was refused one row early).
    fits = csv_file(tmp_path, "Tên\n" + "".join(f"Tổ {n}\n" for n in range(3)), "b.csv")
    assert len(tabular.read_table(fits, LABELS).rows) == 3
    fits = xlsx_file(tmp_path, [["Tên"], *([f"Tổ {n}"] for n in range(3))], "b.xlsx")
    assert len(tabular.read_table(fits, LABELS).rows) == 3
    book = xlsx_file(tmp_path, [["Tên"], *([f"Tổ {n}"] for n in range(4))])
    assert "có hơn 3 dòng (giới hạn)" in refusal(book)


def test_a_cell_too_long_in_excel_names_its_row_and_column(tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_CELL_CHARS", 50)
    path = xlsx_file(tmp_path, [["Tên", "Số thành viên"], ["Tổ A", 3], ["Tổ B", "9" * 51]])
    assert "dòng 3, cột 2: một ô dài hơn 50 ký tự" in refusal(path)


def test_columns_past_the_limit_are_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_COLUMNS", 2)
    path = xlsx_file(tmp_path, [["Tên", "Số thành viên", "Ghi chú"], ["Tổ A", 3, "thừa"]])
    table = tabular.read_table(path, LABELS)
    assert table.unknown_headers == []  # the third column was never read
    assert table.rows == [(2, {"name": "Tổ A", "members": 3})]


def test_blank_rows_before_the_header_and_between_rows_are_skipped(tmp_path):
    path = xlsx_file(
        tmp_path,
        [[None, None], ["Tên", None, "Số thành viên"], [None, " "], ["Tổ A", None, 3]],
    )
    table = tabular.read_table(path, LABELS)
    assert table.columns == {"name": 0, "members": 2} and table.unknown_headers == []
    assert table.rows == [(4, {"name": "Tổ A", "members": 3})]
    blank_csv = csv_file(tmp_path, ",\n , \n", "c.csv")
    assert "trống: không có dòng tiêu đề nào" in refusal(blank_csv)
