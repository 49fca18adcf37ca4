"""Certificates of a decision: serials, the print register, verification, revocation, the annex."""

from __future__ import annotations

import io
import subprocess
import sys
import unicodedata

import pdfplumber
import pytest
from pypdf import PdfReader

from movement_desk.db.models import Certificate, CertificatePrint, Commendation
from movement_desk.services.certificates import printing as certificates
from movement_desk.services.core import settings
from movement_desk.services.core.errors import ServiceError, ValidationError
from movement_desk.services.records import commendations
from tests import server_backend

DECISION = {
    "decision_number": "125/QĐ-CAT-PV05",
    "decision_date": "15/01/2024",
    "form": "Giấy khen",
    "authority": "Giám đốc Công an tỉnh Bắc Kạn",
    "unit_code": "06",
    "signer_prefix": "KT.",
    "signer_title": "GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    "signer_name": "Đại tá Hoàng Văn Thắng",
    "place": "Bắc Kạn",
    "achievement": "Đã có thành tích xuất sắc trong phong trào “Toàn dân bảo vệ an ninh Tổ quốc” năm 2023",
}
RECIPIENTS = [
    {
        "recipient_kind": "individual",
        # Typed on a keyboard that sends decomposed accents (NFD).
        "recipient_name": unicodedata.normalize("NFD", "Nguyễn Thị Hồng Nhung"),
        "recipient_position": "Thượng úy, Cán bộ Công an xã Bằng Thành",
        "recipient_unit": "Công an huyện Pác Nặm",
        "register_number": "37",
    },
    {
        "recipient_kind": "collective",
        "recipient_name": 'Tổ "Sao Đỏ" <ANTT> & thôn Nà Coóc',
        "recipient_unit": "Xã Bằng Thành, huyện Pác Nặm",
        "achievement": "Có thành tích xuất sắc trong xây dựng mô hình “Camera an ninh” năm 2023",
    },
    {
        "recipient_kind": "household",
        "recipient_name": "Hộ gia đình ông Hoàng Văn Páo",
        "recipient_unit": "Thôn Khuổi Ún, xã Bộc Bố",
    },
]


@pytest.fixture
def decision(database, actor):
    return commendations.save_decision(DECISION, RECIPIENTS, actor)


def flat(text: str) -> str:
    return " ".join(text.split())


def pages(pdf: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_issue_prints_one_page_per_recipient_with_the_stored_text(decision, actor):
    result = certificates.issue(decision, None, actor, certificates.print_options())
    texts = pages(result.pdf)
    recipients = commendations.decision_recipients(decision)
    assert len(texts) == len(recipients) == 3
    assert result.summary.serials == ["GK2024-000001", "GK2024-000002", "GK2024-000003"]
    for text, commendation, serial in zip(texts, recipients, result.summary.serials, strict=True):
        stored = Commendation.get_by_id(commendation.id)
        for value in (
            stored.recipient_name,
            stored.recipient_position,
            stored.recipient_unit,
            stored.achievement or decision.achievement,
            "GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN",
            "GIẤY KHEN",
            "Số: 125/QĐ-CAT-PV05, ngày 15 tháng 01 năm 2024",
            "Bắc Kạn, ngày 15 tháng 01 năm 2024",
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Đại tá Hoàng Văn Thắng",
            f"Số hiệu: {serial}",
        ):
            assert flat(value) in text, value
    assert "Nguyễn Thị Hồng Nhung" in texts[0]  # NFC, as stored
    assert unicodedata.normalize("NFD", "Nguyễn") not in texts[0]
    assert "Số sổ vàng: 37" in texts[0]
    assert 'Tổ "Sao Đỏ" <ANTT> & thôn Nà Coóc' in texts[1]


def test_chosen_recipients_only_and_strangers_refused(decision, actor):
    recipients = commendations.decision_recipients(decision)
    chosen = [recipients[2].uuid, recipients[0].uuid]
    result = certificates.issue(decision, chosen, actor, certificates.print_options())
    texts = pages(result.pdf)
    assert len(texts) == 2
    assert "Hộ gia đình ông Hoàng Văn Páo" in texts[0]
    with pytest.raises(ValidationError, match="không thuộc quyết định"):
        certificates.issue(decision, ["not-a-uuid"], actor, certificates.print_options())


def test_paper_sizes(decision, actor):
    for paper, size in (("a4", (842, 595)), ("a3", (1191, 842)), ("a4-portrait", (595, 842))):
        pdf = certificates.issue(decision, None, actor, certificates.print_options(paper)).pdf
        box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == size
    with pytest.raises(ValidationError, match="khổ"):
        certificates.print_options("letter")


def test_print_register_counts_prints_and_reprints(decision, actor):
    options = certificates.print_options()
    first = certificates.issue(decision, None, actor, options)
    assert (first.summary.printed, first.summary.reprints) == (3, 0)
    one = commendations.decision_recipients(decision)[1]
    again = certificates.issue(decision, [one.uuid], actor, options, output="printer")
    assert (again.summary.printed, again.summary.reprints) == (1, 1)
    assert again.summary.serials == [first.summary.serials[1]]  # the serial stays the same
    lines = {line.commendation_uuid: line for line in certificates.register_lines(decision)}
    assert (lines[one.uuid].prints, lines[one.uuid].reprints) == (2, 1)
    assert sorted(line.prints for line in lines.values()) == [1, 1, 2]
    stored = Commendation.get_by_id(one.id)
    assert stored.print_count == 2
    assert stored.first_printed_at is not None and stored.last_printed_at is not None
    rows = list(
        CertificatePrint.select()
        .order_by(CertificatePrint.id)
        .where(CertificatePrint.batch == again.summary.batch)
    )
    assert [(r.reprint, r.output, r.printed_by) for r in rows] == [(True, "printer", "local")]


def test_preview_and_cancelled_batches_record_no_print(decision, actor):
    options = certificates.print_options()
    pdf = certificates.preview(decision, None, options, actor)
    assert len(pages(pdf)) == 3
    assert "GK2024-000001" in pages(pdf)[0]
    assert Certificate.select().count() == 0
    chosen, _ = certificates.select_recipients(decision)
    data = certificates.prepare(decision, chosen, actor)
    with pytest.raises(certificates.RenderCancelled):
        certificates.render(data, options, progress=lambda done, total: done < 2)
    assert CertificatePrint.select().count() == 0
    assert all(line.prints == 0 for line in certificates.register_lines(decision))


def code_of(decision, actor, index=0) -> str:
    chosen, _ = certificates.select_recipients(decision)
    result = certificates.issue(decision, [chosen[index].uuid], actor, certificates.print_options())
    serial = result.summary.serials[0]
    text = pages(result.pdf)[0]
    code = next(word for word in text.split() if word.startswith("MD2:"))
    assert serial in code
    return code


def test_verification_round_trip(decision, actor):
    code = code_of(decision, actor)
    result = certificates.verify(code)
    assert result.ok and result.genuine
    assert result.recipient_name == "Nguyễn Thị Hồng Nhung"
    assert result.decision_number == "125/QĐ-CAT-PV05"
    assert result.prints == 1
    assert "HỢP LỆ" in result.message()
    # Scanners and people type in lower case or with blanks.
    assert certificates.verify("  " + code.lower().replace(":", " : ") + " ").ok


def test_tampered_codes_fail(decision, actor):
    code = code_of(decision, actor)
    chosen, _ = certificates.select_recipients(decision)
    payload = certificates.prepare(decision, [chosen[0]], actor)[0].verification_code
    head, *statement = payload.split("|")
    assert certificates.verify(payload).ok
    prefix, serial, key_id, digest, signature = head.split(":")
    assert code == f"{prefix}:{serial}:{key_id}:{digest}"
    flipped = signature[:-2] + ("AA" if not signature.endswith("AA") else "BB")
    altered = "|".join([f"{prefix}:{serial}:{key_id}:{digest}:{flipped}", *statement])
    assert certificates.verify(altered).status == certificates.INVALID
    other_serial = serial[:-1] + ("9" if serial[-1] != "9" else "8")
    moved = "|".join([f"{prefix}:{other_serial}:{key_id}:{digest}:{signature}", *statement])
    assert certificates.verify(moved).status == certificates.INVALID
    # The first version's codes: an HMAC with a key of another database for this serial.
    forged = certificates.verification_code(serial, chosen[0].uuid, key=b"\x01" * 32)
    forged_result = certificates.verify(forged)
    assert forged_result.status == certificates.INVALID
    assert not forged_result.genuine
    assert "KHÔNG HỢP LỆ" in forged_result.message()
    assert certificates.verify("hello").status == certificates.MALFORMED


def test_revoked_commendation_verifies_as_revoked_and_is_not_printed(decision, actor):
    code = code_of(decision, actor)
    target = commendations.decision_recipients(decision)[0]
    with pytest.raises(ValidationError, match="Lý do thu hồi"):
        certificates.revoke(target.uuid, "   ", actor)
    certificates.revoke(target.uuid, "Khen nhầm người", actor)
    result = certificates.verify(code)
    assert result.status == certificates.REVOKED
    assert result.genuine and not result.ok
    assert "ĐÃ BỊ THU HỒI" in result.message() and "Khen nhầm người" in result.message()
    with pytest.raises(ServiceError, match="đã bị thu hồi"):
        certificates.revoke(target.uuid, "lần nữa", actor)
    with pytest.raises(ValidationError, match="đã bị thu hồi"):
        certificates.issue(decision, [target.uuid], actor, certificates.print_options())
    everyone = certificates.issue(decision, None, actor, certificates.print_options())
    assert everyone.summary.printed == 2
    assert everyone.skipped_revoked == ["Nguyễn Thị Hồng Nhung"]
    assert Commendation.get_by_id(target.id).revision >= 2  # travels as a change
    certificates.reinstate(target.uuid, actor)
    assert certificates.verify(code).ok


def test_deleted_decision_verifies_as_deleted(decision, actor):
    code = code_of(decision, actor)
    commendations.delete_decision(decision.uuid, actor)
    assert certificates.verify(code).status == certificates.DELETED


def test_offsets_are_saved_per_paper(database, actor):
    certificates.save_certificate_settings(
        {"certificate_paper": "a3", "offset_right": "2,5", "offset_down": "-1"}, actor
    )
    certificates.save_certificate_settings(
        {"certificate_paper": "a4", "offset_right": "0", "offset_down": "4"}, actor
    )
    assert certificates.print_options("a3", True).offset_mm == (2.5, -1.0)
    assert certificates.print_options("a4", True).offset_mm == (0.0, 4.0)
    assert certificates.print_options().paper == "a4"  # the last paper saved
    with pytest.raises(ValidationError) as caught:
        certificates.save_certificate_settings(
            {"certificate_paper": "a4", "offset_right": "45", "offset_down": "x"}, actor
        )
    assert caught.value.for_field("offset_right") and caught.value.for_field("offset_down")
    assert certificates.offsets("a4") == (0.0, 4.0)  # nothing written


def test_signer_place_and_issuer_settings(database, actor):
    saved = certificates.save_certificate_settings(
        {
            "authority": "Chủ tịch Ủy ban nhân dân huyện Ba Bể",
            "signer_prefix": "KT.",
            "signer_title": "CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            "signer_name": "Hà Văn Bảy",
            "place": "Ba Bể",
            "certificate_preprinted": True,
        },
        actor,
    )
    assert saved["authority"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN BA BỂ"
    assert settings.get("signer_title") == "CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    assert settings.get("place") == "Ba Bể"
    assert certificates.print_options().preprinted is True
    with pytest.raises(ValidationError, match="Thẩm quyền ký"):
        certificates.save_certificate_settings({"signer_prefix": "XYZ"}, actor)


def test_decision_list_groups_recipients_and_numbers_pages(database, actor):
    many = RECIPIENTS + [
        {"recipient_kind": "individual", "recipient_name": f"Người thứ {i} <&>"} for i in range(60)
    ]
    decision = commendations.save_decision(DECISION, many, actor)
    data = certificates.decision_list_data(decision)
    assert [g.heading for g in data.groups] == ["TẬP THỂ", "CÁ NHÂN", "HỘ GIA ĐÌNH"]
    assert data.row_count == 63
    assert data.subtitle == (
        "(Kèm theo Quyết định số 125/QĐ-CAT-PV05 ngày 15/01/2024 của GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN)"
    )
    pdf = certificates.decision_list_pdf(decision)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = " ".join(flat(page.extract_text()) for page in reader.pages)
    assert "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG" in text
    assert "Kèm theo Quyết định số 125/QĐ-CAT-PV05" in text
    assert 'Tổ "Sao Đỏ" <ANTT> & thôn Nà Coóc' in text
    assert "Người thứ 59 <&>" in text
    assert "&amp;" not in text
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            top_words = [w["text"] for w in page.extract_words() if w["bottom"] < 20 * 2.835]
            assert top_words == ([] if number == 1 else [str(number)])


def test_migration_step_is_safe_to_run_twice(database):
    from movement_desk.db.migrations import MIGRATIONS

    step = next(m for m in MIGRATIONS if m.description.startswith("certificates:"))
    with database.atomic():
        step.apply(database)
    columns = [row[1] for row in database.execute_sql("PRAGMA table_info(commendation)")]
    assert {"revoked_at", "revoked_by", "revoked_reason"} <= set(columns)


def test_services_and_pdf_do_not_import_qt():
    code = (
        "import sys, movement_desk.services.certificates.printing, movement_desk.pdf.certificate, "
        "movement_desk.pdf.decision_list; print('PySide6' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _statements_while(action) -> list[str]:
    """The SQL statements the database runs while ``action`` runs (on both backends)."""
    with server_backend.traced_statements() as seen:
        action()
    return [f"{sql} {params!r}" if params else sql for sql, params in seen]


@pytest.mark.parametrize("count", [3, 40])
def test_a_batch_is_registered_in_the_same_few_statements_whatever_its_size(database, actor, count):
    recipients = [{"recipient_name": f"Người thứ {i}"} for i in range(count)]
    decision = commendations.save_decision(DECISION, recipients, actor)
    chosen, _ = certificates.select_recipients(decision)
    options = certificates.print_options()

    def register():
        data = certificates.prepare(decision, chosen, actor)
        certificates.record_prints([d.serial for d in data], actor, options)

    # ~9 statements per certificate before: a rights check, a fetch, an audit insert, an update
    # and a register insert each. Now serials, register lines, counts and audit entries of a
    # batch are a handful of set-based statements. SQLite's trace repeats a statement for each
    # row an executemany or a trigger runs it for: distinct texts are the statements issued.
    seen = _statements_while(register)
    issued = {s for s in seen if not s.lstrip().upper().startswith("INSERT")}
    assert len(issued) < 25, "\n".join(sorted(issued))
    inserts = [s for s in seen if s.lstrip().upper().startswith("INSERT")]
    # A serial, a register line and an audit entry each; the first signed print's settings.
    assert 3 * count <= len(inserts) <= 3 * count + 6
    serials = [c.serial for c in Certificate.select().order_by(Certificate.sequence)]
    assert serials == [f"GK2024-{i:06d}" for i in range(1, count + 1)]
    assert {c.print_count for c in commendations.decision_recipients(decision)} == {1}


def test_a_commendation_printed_twice_in_one_batch_counts_twice(decision, actor):
    chosen, _ = certificates.select_recipients(decision)
    [data] = certificates.prepare(decision, chosen[:1], actor)
    summary = certificates.record_prints(
        [data.serial, data.serial], actor, certificates.print_options()
    )
    assert (summary.printed, summary.reprints) == (2, 1)
    assert Commendation.get_by_id(chosen[0].id).print_count == 2
    from movement_desk.db.account_tables import AuditEntry
    from movement_desk.services.core import audit

    entries = list(AuditEntry.select().where(AuditEntry.action == "print").order_by(AuditEntry.id))
    assert [audit.changes_of(e) for e in entries] == [
        {"print_count": [0, 1]},
        {"print_count": [1, 2]},
    ]
    assert entries[0].summary.startswith("In giấy khen") and entries[1].summary.startswith(
        "In lại giấy khen"
    )
