"""A commendations import stores exactly what a user checks afterwards, row for row.

The import writes its decisions and recipients in bulk; ``commendation_import_rows.json``
holds what the row-by-row import (before that) stored for the same files, step by step: the
reports, every decision and recipient with its id, position, keys and stamps' authors (uuids
named by their order of first appearance), the audit entries (as a set: the order of the
entries of one import is not something the trail shows) and the search hits. Regenerate it
only for a deliberate change of behaviour: ``MOVEMENT_DESK_WRITE_GOLDEN=1 pytest THIS_FILE``.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.connection import db
from movement_desk.db.models import Commendation, Decision
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.records import listing, transfer

GOLDEN = Path(__file__).with_name("commendation_import_rows.json")
AUTHORITY = "GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN"
HEADER = [
    "decision_number", "decision_date", "form", "authority", "signer_title", "signer_name",
    "place", "recipient_kind", "recipient_name", "recipient_position", "recipient_unit",
    "achievement", "register_number", "unit_code",
]  # fmt: skip
SEARCHES = ["Nguyễn Văn An", "bang thanh", "Trưởng thôn", "tập thể", "SV-", "Lường"]
DECISION_COLUMNS = [
    "id", "uuid", "created_by", "updated_by", "deleted_at", "revision", "number", "number_key",
    "decided_on", "authority", "authority_key", "unit_id", "form", "emulation_title",
    "signer_prefix", "signer_title", "signer_name", "place", "achievement", "search_key",
]  # fmt: skip
COMMENDATION_COLUMNS = [
    "id", "uuid", "created_by", "updated_by", "deleted_at", "revision", "decision_id",
    "unit_id", "position", "recipient_kind", "recipient_name", "recipient_position",
    "recipient_unit", "achievement", "register_number", "print_count", "search_key",
    "sort_key", "revoked_reason",
]  # fmt: skip


def _row(number, name, **cells) -> dict:
    row = {
        "decision_number": number,
        "decision_date": "15/01/2024",
        "form": "Giấy khen",
        "authority": AUTHORITY,
        "signer_title": "KT. GIÁM ĐỐC",
        "signer_name": "Nguyễn Văn Bình",
        "place": "Bắc Kạn",
        "recipient_kind": "Cá nhân",
        "recipient_name": name,
        "recipient_position": "",
        "recipient_unit": "",
        "achievement": "Thành tích xuất sắc năm 2023",
        "register_number": "",
        "unit_code": "01834",
    }
    row.update(cells)
    return row


def _first_file() -> list[dict]:
    rows = [
        _row("12/QĐ", "Nguyễn Văn An", recipient_position="Trưởng thôn", register_number="1"),
        _row("12/QĐ", "Nguyễn Văn An", recipient_position="Công an viên", register_number="2"),
        _row("12/QĐ", "Nguyễn Văn An", recipient_position="Công an viên", register_number="2"),
        _row("12/QĐ", "Lường Thị Mai", achievement="Có thành tích đột xuất", unit_code="01858"),
        _row(
            "30/QĐ-SV",
            "Công an xã Bằng Thành",
            recipient_kind="Tập thể",
            form="Chiến sĩ thi đua cơ sở",
            decision_date="02/03/2024",
            signer_title="GIÁM ĐỐC",
            place="",
            register_number="SV-7",
        ),
    ]
    # A decision of many recipients, across several units, in the file's order.
    for index in range(25):
        rows.append(
            _row(
                "45/QĐ-CAT",
                f"Hoàng Văn Sính {index:02d}",
                decision_date="20/05/2024",
                form="Bằng khen",
                recipient_unit=f"Thôn {index % 4}",
                achievement="Thành tích xuất sắc" if index % 3 else "Có thành tích đột xuất",
                unit_code="01858" if index % 2 else "01834",
            )
        )
    rows.insert(7, _row("12/QĐ", "Ma Văn Tùng", recipient_unit="Thôn Nà Pài"))
    return rows


def _write(path: Path, rows: list[dict], columns: list[str] | None = None) -> Path:
    columns = columns or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _report(report: transfer.ImportReport) -> dict:
    return {
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "duplicates": report.duplicates,
        "skipped_deleted": report.skipped_deleted,
        "decisions_created": report.decisions_created,
        "notices": report.notices,
        "summary": report.summary(),
    }


class _Names:
    """Each uuid named by its order of first appearance (new uuids differ on every run)."""

    def __init__(self):
        self.names: dict[str, str] = {}

    def __call__(self, uuid: str | None) -> str | None:
        if not uuid:
            return uuid
        return self.names.setdefault(uuid, f"U{len(self.names) + 1}")


def _stored(actor) -> dict:
    names = _Names()

    def rows(table: str, columns: list[str]) -> list[dict]:
        found = db.execute_sql(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id").fetchall()
        result = []
        for values in found:
            row = dict(zip(columns, values, strict=True))
            row["uuid"] = names(row["uuid"])
            row["deleted_at"] = row["deleted_at"] is not None
            result.append(row)
        return result

    decisions = rows("decision", DECISION_COLUMNS)
    recipients = rows("commendation", COMMENDATION_COLUMNS)
    entries = sorted(
        json.dumps(
            {
                "action": entry.action,
                "table": entry.table_name,
                "uuid": names(entry.record_uuid) if entry.table_name != "import" else "",
                "label": entry.record_label,
                "unit": entry.unit_id,
                "summary": entry.summary,
                "changes": json.loads(entry.changes) if entry.changes else {},
                "username": entry.username,
            },
            ensure_ascii=False,
            sort_keys=True,
        )
        for entry in AuditEntry.select().where(
            AuditEntry.table_name.in_(("decision", "commendation"))
        )
    )
    searches = {
        text: sorted(
            names(Commendation.get_by_id(i).uuid)
            for i in listing.RecordList("commendations", RecordFilter(text=text), actor=actor).ids()
        )
        for text in SEARCHES
    }
    return {
        "decisions": decisions,
        "recipients": recipients,
        "audit": entries,
        "searches": searches,
        "live_decisions": Decision.live().count(),
    }


def _steps(tmp_path: Path, actor) -> dict:
    steps: dict[str, object] = {}
    first = _first_file()
    steps["first"] = _report(
        transfer.import_file("commendations", _write(tmp_path / "a.csv", first), actor)
    )
    steps["again"] = _report(
        transfer.import_file("commendations", _write(tmp_path / "a2.csv", first), actor)
    )
    # Changed: a look-alike corrected, a recipient added to a stored decision, the decision's
    # signer changed, a new decision; one recipient left out (it stays).
    second = [dict(row) for row in first if row["recipient_name"] != "Ma Văn Tùng"]
    second[1]["register_number"] = "3"
    for row in second:
        if row["decision_number"] == "12/QĐ":
            row["signer_name"] = "Trần Văn Cường"
    second.insert(3, _row("12/QĐ", "Đinh Thị Hoa", signer_name="Trần Văn Cường"))
    second.append(_row("77/QĐ", "Nông Văn Dũng", decision_date="01/06/2024", unit_code="01858"))
    second.append(
        _row(
            "77/QĐ",
            "Nông Văn Dũng",
            decision_date="01/06/2024",
            recipient_position="Phó trưởng thôn",
            unit_code="01858",
        )
    )
    steps["changed"] = _report(
        transfer.import_file("commendations", _write(tmp_path / "b.csv", second), actor)
    )
    # The program's own export read back, with uuids: one row edited, one uuid new here.
    exported = tmp_path / "export.csv"
    transfer.export_file("commendations", exported, actor=actor)
    with exported.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    name_at = header.index("Tên người, tập thể được khen")
    position_at = header.index("Chức vụ, cấp bậc")
    body[0][position_at] = "Chỉ huy trưởng"
    extra = list(body[-1])
    extra[0], extra[name_at] = "0f0e0d0c-aaaa-4bbb-8ccc-123456789abc", "Vi Thị Thu"
    body.append(extra)
    with (tmp_path / "c.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *body])
    steps["exported"] = _report(transfer.import_file("commendations", tmp_path / "c.csv", actor))
    # A file without some columns keeps their stored values.
    partial = [dict(row) for row in first if row["decision_number"] == "45/QĐ-CAT"]
    for row in partial[:3]:
        row["register_number"] = "R-" + row["recipient_name"][-2:]
    columns = [c for c in HEADER if c not in ("recipient_unit", "place", "achievement")]
    steps["partial"] = _report(
        transfer.import_file("commendations", _write(tmp_path / "d.csv", partial, columns), actor)
    )
    # A dry run writes nothing.
    dry = [_row("99/QĐ", "Người Chạy Thử")]
    steps["dry"] = _report(
        transfer.import_file("commendations", _write(tmp_path / "e.csv", dry), actor, dry_run=True)
    )
    # One bad row refuses the whole file, naming the row and the field.
    bad = [*first[:3], _row("12/QĐ", "", unit_code="01834"), _row("88/QĐ", "Người Mới")]
    with pytest.raises(ValidationError) as refused:
        transfer.import_file("commendations", _write(tmp_path / "f.csv", bad), actor)
    steps["refused"] = [str(error) for error in refused.value.errors]
    steps["stored"] = _stored(actor)
    return steps


def test_an_import_stores_the_same_rows_keys_audit_and_search_hits(database, actor, tmp_path):
    found = json.loads(json.dumps(_steps(tmp_path, actor), ensure_ascii=False, default=str))
    if os.environ.get("MOVEMENT_DESK_WRITE_GOLDEN"):
        GOLDEN.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", "utf-8")
    expected = json.loads(GOLDEN.read_text("utf-8"))
    for step in expected:
        assert found[step] == expected[step], step


def test_an_import_cannot_change_what_a_printed_certificate_says(database, actor, tmp_path):
    from movement_desk.services.certificates import printing as certificates

    rows = [_row("12/QĐ", "Nguyễn Văn An"), _row("12/QĐ", "Lường Thị Mai")]
    transfer.import_file("commendations", _write(tmp_path / "a.csv", rows), actor)
    [decision] = Decision.select()
    chosen, _ = certificates.select_recipients(decision)
    certificates.issue(decision, [chosen[0].uuid], actor, certificates.print_options())
    before = _stored(actor)
    # The decision's date is on the printed paper: the file is refused whole, its new
    # recipient included.
    changed = [{**row, "decision_date": "16/01/2024"} for row in rows]
    changed.append(_row("12/QĐ", "Đinh Thị Hoa", decision_date="16/01/2024"))
    with pytest.raises(ValidationError, match="thu hồi khen thưởng này"):
        transfer.import_file("commendations", _write(tmp_path / "b.csv", changed), actor)
    assert _stored(actor) == before


def test_rows_moving_a_recipient_between_the_files_decisions_are_written_in_order(
    database, actor, tmp_path
):
    rows = [_row("12/QĐ", "Nguyễn Văn An"), _row("12/QĐ", "Lường Thị Mai")]
    rows.append(_row("13/QĐ", "Ma Văn Tùng"))
    transfer.import_file("commendations", _write(tmp_path / "a.csv", rows), actor)
    exported = tmp_path / "export.csv"
    transfer.export_file("commendations", exported, actor=actor)
    with exported.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    header, body = table[0], table[1:]
    number_at, name_at = header.index("Số quyết định"), header.index("Tên người, tập thể được khen")
    # Lường Thị Mai's row (with her uuid) now under 13/QĐ, and a new recipient of 12/QĐ.
    for line in body:
        if line[name_at] == "Lường Thị Mai":
            line[number_at] = "13/QĐ"
    extra = [cell for cell in next(line for line in body if line[number_at] == "12/QĐ")]
    extra[0], extra[name_at] = "", "Đinh Thị Hoa"
    with (tmp_path / "b.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *body, extra])
    report = transfer.import_file("commendations", tmp_path / "b.csv", actor)
    assert (report.created, report.updated, report.unchanged) == (1, 1, 2)
    by_name = {c.recipient_name: (c.decision.number, c.position) for c in Commendation.select()}
    assert by_name == {
        "Nguyễn Văn An": ("12/QĐ", 1),
        "Lường Thị Mai": ("13/QĐ", 2),
        "Ma Văn Tùng": ("13/QĐ", 1),
        # The export lists 13/QĐ first: Lường Thị Mai has left 12/QĐ when its new
        # recipient is numbered, as when the rows are written one after another.
        "Đinh Thị Hoa": ("12/QĐ", 2),
    }
    hits = listing.RecordList("commendations", RecordFilter(text="Đinh Thị Hoa"), actor=actor)
    assert len(hits.ids()) == 1


def test_a_far_larger_import_builds_the_recipients_indexes_after_its_commit(
    database, backend, actor, tmp_path, monkeypatch
):
    from movement_desk.db import large_writes

    if backend == "postgresql":
        pytest.skip("the server's indexes follow the rows: nothing is rebuilt there")
    monkeypatch.setattr(large_writes, "REBUILD_MIN_ROWS", 10)

    def indexes() -> set[str]:
        rows = db.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'commendation' "
            "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
        )
        return {name for (name,) in rows}

    before = indexes()
    assert before
    report = transfer.import_file("commendations", _write(tmp_path / "a.csv", _first_file()), actor)
    assert report.created == 30 and len(report.index_seconds) >= 1
    assert indexes() == before
    hits = listing.RecordList("commendations", RecordFilter(text="Sính 07"), actor=actor)
    assert [Commendation.get_by_id(i).recipient_name for i in hits.ids()] == ["Hoàng Văn Sính 07"]
