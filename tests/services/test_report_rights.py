"""Reports obey the roles: report.print for the unit, only units in scope counted, each saved
or printed report audited (a preview is not), the written sections checked and audited; and,
on a database that consolidates packages, whose package has arrived, in exact figures."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.packages import PackageReceived
from movement_desk.pdf.report_data import NOTE_DIRECTIONS, NOTE_SHORTCOMINGS
from movement_desk.services import reports
from movement_desk.services.core import audit
from movement_desk.services.core.actor import LOCAL_ACTOR, SYSTEM_ACTOR
from movement_desk.services.core.errors import PermissionDenied
from movement_desk.services.records import sessions
from tests import report_fixtures


def _entries(**where) -> list[AuditEntry]:
    query = AuditEntry.select().order_by(AuditEntry.id)
    for name, value in where.items():
        query = query.where(getattr(AuditEntry, name) == value)
    return list(query)


def _pdf_text(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


def _session(day: str, unit: str, participants: int) -> None:
    sessions.create_session(
        {
            "date": day,
            "unit_code": unit,
            "kind": "launch",
            "organizer_kind": "police",
            "title": f"Phát động ở {unit}",
            "participants": participants,
        },
        LOCAL_ACTOR,
    )


# ---------------------------------------------------------------------------------------------
# Who may build, save and print


@pytest.mark.parametrize("who", ["officer", "clerk"])
def test_only_supervisors_and_administrators_build_reports(people, who):
    with pytest.raises(PermissionDenied, match="in báo cáo"):
        reports.build_report("061", "2024-03", "calendar", actor=people[who])


def test_a_supervisor_reports_on_their_units_only(people):
    lead = people["lead"]
    assert reports.build_report("061", "2024-03", "calendar", actor=lead).unit_code == "061"
    assert reports.build_report("01888", "2024-03", "calendar", actor=lead).unit_code == "01888"
    for outside in ("058", "06"):
        with pytest.raises(PermissionDenied, match="chỉ làm việc với"):
            reports.build_report(outside, "2024-03", "calendar", actor=lead)
    assert reports.build_report("06", "2024-03", "calendar", actor=people["admin"])
    codes = [choice.code for choice in reports.unit_choices(lead)]
    assert codes[0] == "061" and "058" not in codes and "06" not in codes
    assert "TN01888" in codes  # the commune that succeeded Chợ Rã stays in scope
    by_code = {choice.code: choice for choice in reports.unit_choices(lead)}
    assert by_code["061"].parent_code is None and by_code["01888"].parent_code == "061"


def test_a_roll_up_counts_the_predecessors_the_scope_takes_in(people):
    # Đồng Phúc (TN01924) took over three communes of Ba Bể (061) and 02041 of Bạch Thông (064).
    # 02041 was wholly absorbed by a unit in Ba Bể's scope, so it is in that scope too
    # (docs/roles.md) and its records roll up into the supervisor's report; the province's
    # other communes stay out.
    _session("05/03/2024", "01924", 100)
    _session("06/03/2024", "02041", 40)
    _session("07/03/2024", "02044", 7)
    lead = people["lead"]
    everything = reports.build_report(
        "TN01924", "2024", "calendar", rollup=True, actor=SYSTEM_ACTOR
    )
    mine = reports.build_report("TN01924", "2024", "calendar", rollup=True, actor=lead)
    assert everything.total.participants == mine.total.participants == 140
    with pytest.raises(PermissionDenied):
        reports.build_report("02044", "2024", "calendar", actor=lead)


def test_saving_and_printing_are_audited_but_not_a_preview(people, tmp_path):
    lead = people["lead"]
    data = reports.build_report("061", "2024-03", "calendar", actor=lead)
    reports.render_pdf(data)  # the preview
    assert _entries(action="print") == []
    reports.save_pdf(data, tmp_path / "bc.pdf", lead)
    reports.write_workbook(data, tmp_path / "bc.xlsx", actor=lead)
    reports.record_print(data, lead, "printer")
    pdf_entry, xlsx_entry, printer_entry = _entries(action="print")
    assert {e.username for e in (pdf_entry, xlsx_entry, printer_entry)} == {"lead"}
    assert pdf_entry.table_name == "report" and pdf_entry.record_label.endswith("Huyện Ba Bể")
    assert pdf_entry.summary.endswith("ra tệp PDF bc.pdf")
    assert "01/03/2024 - 31/03/2024" in pdf_entry.summary
    assert xlsx_entry.summary.endswith("ra tệp Excel bc.xlsx")
    assert printer_entry.summary.endswith("ra máy in")
    assert (tmp_path / "bc.pdf").read_bytes().startswith(b"%PDF")
    for who in ("officer", "clerk"):
        with pytest.raises(PermissionDenied):
            reports.save_pdf(data, tmp_path / f"{who}.pdf", people[who])
        with pytest.raises(PermissionDenied):
            reports.write_workbook(data, tmp_path / f"{who}.xlsx", actor=people[who])
        assert not (tmp_path / f"{who}.pdf").exists()
        assert not (tmp_path / f"{who}.xlsx").exists()
    assert len(_entries(action="print")) == 3


def test_written_sections_need_report_print_and_are_audited(people):
    for who in ("officer", "clerk"):
        with pytest.raises(PermissionDenied):
            reports.save_notes("061", "2024-03", "calendar", {NOTE_SHORTCOMINGS: "x"}, people[who])
    with pytest.raises(PermissionDenied):
        reports.save_notes("058", "2024-03", "calendar", {NOTE_SHORTCOMINGS: "x"}, people["lead"])
    assert reports.load_notes("061", "2024-03", "calendar")[NOTE_SHORTCOMINGS] == ""
    lead = people["lead"]
    notes = {NOTE_SHORTCOMINGS: "Còn ít buổi", NOTE_DIRECTIONS: ""}
    reports.save_notes("061", "2024-03", "calendar", notes, lead)
    reports.save_notes("061", "2024-03", "calendar", notes, lead)  # unchanged: no entry
    reports.save_notes(
        "061", "2024-03", "calendar", {NOTE_SHORTCOMINGS: "Còn ít buổi, ít tin"}, lead
    )
    created, updated = _entries(table_name="report_note")
    assert (created.action, updated.action) == ("create", "update")
    assert created.username == "lead" and "Tồn tại, hạn chế" in created.record_label
    assert audit.changes_of(created) == {NOTE_SHORTCOMINGS: [None, "Còn ít buổi"]}
    assert audit.changes_of(updated) == {NOTE_SHORTCOMINGS: ["Còn ít buổi", "Còn ít buổi, ít tin"]}


# ---------------------------------------------------------------------------------------------
# Completeness: whose package has arrived


def _received(code: str, start: str, end: str, via: str | None = None) -> None:
    PackageReceived.create(
        package_id=f"pkg-{code}-{start}",
        via_package_id=via,
        unit_code=code,
        unit_name=code,
        mode="period",
        period_code="",
        covers_from=start,
        covers_to=end,
        created_at=datetime(2024, 4, 1),
        source_installation="x",
        received_at=datetime(2024, 4, 2),
        received_by="lead",
        file_name=f"{code}.mdpkg",
    )


@pytest.fixture
def data_set(database, actor):
    report_fixtures.build(actor)
    return database


def test_a_database_without_packages_says_nothing_about_them(data_set):
    data = reports.build_report("058", "2024-01", "decree", actor=SYSTEM_ACTOR)
    assert data.packages is None
    assert all(row.packages_expected == 0 for row in data.unit_rows)
    text = _pdf_text(reports.render_pdf(data))
    assert "Đã nhận dữ liệu" not in text and "gói dữ liệu" not in text
    buffer = io.BytesIO(reports.workbook_bytes(data))
    assert "Chưa nhận gói" not in load_workbook(buffer).sheetnames


def test_the_report_says_whose_package_has_arrived(data_set):
    # Decree January 2024: 15/12/2023 to 14/01/2024. Thành phố Bắc Kạn (058, 8 communes):
    # 01834 and 01837 sent all of it, 01840 only half; Ba Bể (061, 15 communes): 01891 through
    # a district relay. Pác Nặm's 01858 sent February: it does not count for January.
    _received("01834", "2023-12-15", "2024-01-14")
    _received("01837", "2023-12-01", "2024-01-31")
    _received("01840", "2024-01-01", "2024-01-14")
    _received("01891", "2023-12-15", "2024-01-14", via="pkg-061")
    _received("01858", "2024-01-15", "2024-02-14")
    province = reports.build_report("06", "2024-01", "decree", actor=SYSTEM_ACTOR)
    status = province.packages
    assert (status.received, status.expected) == (3, 108)
    assert status.text == "Đã nhận dữ liệu của 3/108 xã, phường, thị trấn"
    rows = {row.code: row for row in province.unit_rows}
    assert (rows["058"].packages_received, rows["058"].packages_expected) == (2, 8)
    assert (rows["061"].packages_received, rows["061"].packages_expected) == (1, 15)
    assert (rows["060"].packages_received, rows["060"].packages_expected) == (0, 10)
    assert (province.total.packages_received, province.total.packages_expected) == (3, 108)
    city = next(group for group in status.missing if group.child == "Thành phố Bắc Kạn")
    assert city.expected == 8 and len(city.missing) == 6
    assert "Phường Đức Xuân" in city.missing and "Phường Sông Cầu" not in city.missing
    assert sum(len(group.missing) for group in status.missing) == 105

    text = _pdf_text(reports.render_pdf(province))
    assert "Đã nhận dữ liệu của 3/108 xã, phường, thị trấn; chưa nhận gói dữ liệu" in text
    assert "của 105 đơn vị" in text
    assert "Thành phố Bắc Kạn (6/8):" in text and "Đã nhận gói dữ liệu" in text
    assert "2/8" in text and "1/15" in text and "3/108" in text

    workbook = load_workbook(io.BytesIO(reports.workbook_bytes(province)))
    info = {row[0].value: row[1].value for row in workbook["Thông tin"].iter_rows()}
    assert info["Gói dữ liệu"] == "Đã nhận dữ liệu của 3/108 xã, phường, thị trấn"
    by_unit = workbook["Theo đơn vị"]
    header = [cell.value for cell in by_unit[1]]
    column = header.index("Cấp xã đã nhận gói dữ liệu")
    values = {row[0].value: row[column].value for row in by_unit.iter_rows(min_row=2)}
    assert (values["058"], values["061"], values["060"]) == (2, 1, 0)
    missing = {row[0].value: row[2].value for row in workbook["Chưa nhận gói"].iter_rows(min_row=2)}
    assert missing["Thành phố Bắc Kạn"] == 6 and missing["Huyện Ba Bể"] == 14

    district = reports.build_report("058", "2024-01", "decree", actor=SYSTEM_ACTOR)
    assert district.packages.text == "Đã nhận dữ liệu của 2/8 xã, phường, thị trấn"
    everyone = reports.build_report("058", "2024-01", "calendar", actor=SYSTEM_ACTOR)  # 01/01–31/01
    assert everyone.packages.received == 1  # only 01837 covers the whole calendar month
    assert date(2024, 1, 31) == everyone.period.end
