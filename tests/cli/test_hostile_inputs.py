"""No "Lỗi không mong đợi" for anything a user can type or hand over: every case gets a plain
Vietnamese message (the ``run`` fixture fails on that text or a traceback)."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from movement_desk.db.models import ActivitySession
from movement_desk.services.core import tabular
from tests.cli.test_safe_outputs import run  # noqa: F401 - the in-process command fixture

HEADER = "date,unit_code,kind,organizer_kind,title,participants"


def _csv(tmp_path, name, *rows):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return str(path)


def _xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_with_dtd(tmp_path):
    source = zipfile.ZipFile(io.BytesIO(_xlsx_bytes([HEADER.split(",")])))
    path = tmp_path / "dtd.xlsx"
    with zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"<worksheet",
                    b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><worksheet',
                    1,
                )
            target.writestr(item, data)
    return str(path)


def _xlsx_huge_cell(tmp_path):
    path = tmp_path / "huge.xlsx"
    row = ["05/03/2024", "01834", "launch", "police", "y" * 32_767, 1]
    source = zipfile.ZipFile(io.BytesIO(_xlsx_bytes([HEADER.split(","), row])))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            # openpyxl cuts a cell at Excel's limit: make it longer by hand, as a hostile file would
            data = source.read(item.filename).replace(b"y" * 32_767, b"y" * 400_000)
            target.writestr(item, data)
    return str(path)


def _file(tmp_path, name, payload: bytes):
    path = tmp_path / name
    path.write_bytes(payload)
    return str(path)


CASES = {
    "5000-digit count": (
        lambda t: [
            "import",
            "sessions",
            _csv(t, "a.csv", f"05/03/2024,01834,launch,police,T,{'9' * 5000}"),
        ],
        "quá lớn",
    ),
    "xlsx with a DTD": (lambda t: ["import", "sessions", _xlsx_with_dtd(t)], "DTD"),
    "xlsx cell over the limit": (
        lambda t: ["import", "sessions", _xlsx_huge_cell(t)],
        "dài hơn 32.767 ký tự",
    ),
    "1 MB CSV cell": (
        lambda t: [
            "import",
            "sessions",
            _csv(t, "b.csv", f"05/03/2024,01834,launch,police,{'z' * 1_000_000},1"),
        ],
        "dòng 2: một ô dài hơn",
    ),
    "date with trailing garbage": (
        lambda t: [
            "import",
            "sessions",
            _csv(t, "c.csv", "2024-03-15 garbage,01834,launch,police,T,1"),
        ],
        "không phải ngày",
    ),
    "date in 1900": (
        lambda t: ["import", "sessions", _csv(t, "d.csv", "01/01/1900,01834,launch,police,T,1")],
        "quá sớm",
    ),
    "date 01/01/0001": (
        lambda t: ["import", "sessions", _csv(t, "e.csv", "01/01/0001,01834,launch,police,T,1")],
        "quá sớm",
    ),
    "negative count": (
        lambda t: ["import", "sessions", _csv(t, "f.csv", "05/03/2024,01834,launch,police,T,-3")],
        "số âm",
    ),
    "audit --from 32/13/2024": (lambda t: ["audit", "--from", "32/13/2024"], "không tồn tại"),
    "report --number of 5000 characters": (
        lambda t: [
            "report",
            "--period",
            "2024",
            "--unit",
            "06",
            "--number",
            "9" * 5000,
            "--out",
            str(t / "r.pdf"),
        ],  # fmt: skip
        "số báo cáo",
    ),
    "report --date garbage": (
        lambda t: [
            "report",
            "--period",
            "2024",
            "--unit",
            "06",
            "--date",
            "99/99/9999",
            "--out",
            str(t / "r.pdf"),
        ],  # fmt: skip
        "--date",
    ),
    "report --period garbage": (
        lambda t: ["report", "--period", "2024-13", "--unit", "06", "--out", str(t / "r.pdf")],
        "kỳ",
    ),
    "restore from a file that is not a backup": (
        lambda t: ["restore", _file(t, "not.sqlite3", b"hello")],
        "Không khôi phục",
    ),
    "restore from a folder": (lambda t: ["restore", str(t)], "Không khôi phục"),
    "backup to a folder that cannot exist": (
        lambda t: ["backup", "--to", _file(t, "plain", b"x") + "/sub/b.sqlite3"],
        "Lỗi tệp",
    ),
    "import a missing file": (
        lambda t: ["import", "sessions", str(t / "none.csv")],
        "Không tìm thấy",
    ),
    "import random bytes as xlsx": (
        lambda t: ["import", "models", _file(t, "r.xlsx", bytes(range(256)) * 40)],
        "hỏng",
    ),
    "export to a .txt file": (
        lambda t: ["export", "sessions", str(t / "x.txt")],
        ".csv hoặc .xlsx",
    ),
    "verify a 5000-character code": (lambda t: ["verify", "MD1:" + "A" * 5000], ""),
    "certificates of a 5000-character decision": (
        lambda t: ["certificates", "--decision", "9" * 5000, "--out", str(t / "c.pdf")],
        "",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_input_gets_a_plain_message(run, tmp_path, case):  # noqa: F811
    make_args, expected = CASES[case]
    code, out, err = run(*make_args(tmp_path))
    assert code != 0, out
    assert err.startswith(("Lỗi", "Không ghi gì")) or "Lỗi:" in err or not err, err
    assert expected in err + out
    assert len(err) < 20_000  # never the whole of a huge cell
    assert ActivitySession.select().count() == 0


def test_unpacked_size_limit_is_checked_before_parsing(run, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setattr(tabular, "MAX_UNPACKED_BYTES", 50_000)
    code, _, err = run("import", "sessions", _xlsx_huge_cell(tmp_path))
    assert code == 1 and "khi giải nén lớn" in err


def test_a_huge_cell_in_a_small_xlsx_is_refused_while_streaming(run, tmp_path):  # noqa: F811
    path = tmp_path / "bomb.xlsx"
    source = zipfile.ZipFile(io.BytesIO(_xlsx_bytes([HEADER.split(","), ["x" * 10]])))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            # 60 MB of one character packs into a few dozen KB
            data = source.read(item.filename).replace(b"x" * 10, b"x" * 60_000_000)
            target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    assert path.stat().st_size < 1_000_000
    code, _, err = run("import", "sessions", str(path))
    assert code == 1 and "dài hơn 32.767 ký tự" in err
    assert len(err) < 2_000
