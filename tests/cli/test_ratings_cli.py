"""The command line of the "An toàn về ANTT" ratings: a year from registration to certificates."""

from __future__ import annotations

import re

from pypdf import PdfReader

from movement_desk.services.records import ratings
from tests.conftest import admin_cli
from tests.services.test_ratings import AREAS, GOOD_RATINGS, ORGANISATIONS


def test_a_year_of_ratings_on_the_command_line(tmp_path):
    db = tmp_path / "r.sqlite3"
    (tmp_path / "areas.csv").write_text(AREAS, encoding="utf-8")
    (tmp_path / "orgs.csv").write_text(ORGANISATIONS, encoding="utf-8")
    (tmp_path / "ratings.csv").write_text(GOOD_RATINGS, encoding="utf-8")
    done = admin_cli("units", "import", str(tmp_path / "areas.csv"), db=db)
    assert done.returncode == 0, done.stderr
    assert "4 mới" in done.stdout
    done = admin_cli("import", "organisations", str(tmp_path / "orgs.csv"), db=db)
    assert done.returncode == 0, done.stderr
    assert "Đã nhập 3 cơ quan, doanh nghiệp, cơ sở giáo dục: 3 mới, 0 cập nhật" in done.stdout
    done = admin_cli("import", "ratings", str(tmp_path / "ratings.csv"), "--dry-run", db=db)
    assert done.returncode == 0, done.stderr
    assert "Chạy thử" in done.stdout
    done = admin_cli("import", "ratings", str(tmp_path / "ratings.csv"), db=db)
    assert done.returncode == 0, done.stderr
    assert "Đã nhập 6 kết quả xây dựng tiêu chuẩn “An toàn về ANTT”: 6 mới" in done.stdout

    out = tmp_path / "export.csv"
    done = admin_cli("export", "ratings", str(out), "--period", "2024", db=db)
    assert done.returncode == 0, done.stderr
    assert "Đã xuất 6" in done.stdout
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == (
        "year,subject_kind,unit_code,organisation,registered_on,households_registered,result,"
        "missed_criteria,recognised_by,decision_number,decision_date,signer_name,signer_prefix,"
        "signer_title"
    )
    done = admin_cli("export", "organisations", str(tmp_path / "o.xlsx"), db=db)
    assert done.returncode == 0 and "Đã xuất 3" in done.stdout

    pdf = tmp_path / "cn.pdf"
    # Nobody has said who signed decision 12/QĐ-UBND: no certificate with a blank signer.
    refused = admin_cli("certificates", "--recognition", "12/QĐ-UBND", "--out", str(pdf), db=db)
    assert refused.returncode != 0
    assert "chưa có tên người ký" in refused.stdout + refused.stderr
    assert "Traceback" not in refused.stdout + refused.stderr
    assert not pdf.exists()
    signed = tmp_path / "signed.csv"
    signed.write_text(
        ",".join(ratings.RATING_COLUMNS)
        + "\n2024,residential_area,0188801,,15/02/2024,120,dat,,UBND xã Chợ Rã,12/QĐ-UBND,"
        "20/11/2024,Hoàng Văn Thụ\n",
        encoding="utf-8",
    )
    done = admin_cli("import", "ratings", str(signed), db=db)
    assert done.returncode == 0 and "1 cập nhật" in done.stdout, done.stdout + done.stderr
    done = admin_cli("certificates", "--recognition", "12/QĐ-UBND", "--out", str(pdf), db=db)
    assert done.returncode == 0, done.stderr
    assert "Đã ghi 1 giấy công nhận" in done.stdout
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Hoàng Văn Thụ" in text
    assert "GIẤY CÔNG NHẬN" in text
    assert "Thôn Nà Làng" in text
    assert "An toàn về an ninh, trật tự" in text
    assert "ỦY BAN NHÂN DÂN XÃ CHỢ RÃ" in text
    # The short code printed beside the QR (signed codes, MD2, as on commendations).
    code = re.search(r"MD2:CN2024-000001:[A-Z0-9]+:[A-Z0-9]+", text.replace("\n", ""))
    assert code, text
    done = admin_cli("verify", code.group(0), db=db)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "HỢP LỆ" in done.stdout and "Nà Làng" in done.stdout
    # What the QR carries: the statement and the signature; a name changed in it is refused.
    qr = _qr_payload(db, "CN2024-000001")
    done = admin_cli("verify", qr, db=db)
    assert done.returncode == 0 and "HỢP LỆ" in done.stdout, done.stdout + done.stderr
    forged = admin_cli("verify", qr.replace("Thôn Nà Làng", "Thôn Giả"), db=db)
    assert forged.returncode == 1 and "KHÔNG HỢP LỆ" in forged.stdout, forged.stdout
    again = admin_cli(
        "certificates",
        "--recognition",
        "12/QĐ-UBND",
        "--out",
        str(pdf),
        "--preprinted",
        "--force",
        db=db,
    )
    assert "1 lần in lại" in again.stdout

    annex = tmp_path / "annex.pdf"
    done = admin_cli("decision-list", "--recognition", "13/QĐ-UBND", "--out", str(annex), db=db)
    assert done.returncode == 0, done.stderr
    annex_text = PdfReader(annex).pages[0].extract_text()
    assert "UBND xã Chợ Rã" in annex_text
    assert "Nội dung công nhận" in annex_text


def test_bad_rating_rows_are_each_named_and_nothing_is_written(tmp_path):
    db = tmp_path / "r.sqlite3"
    (tmp_path / "areas.csv").write_text(AREAS, encoding="utf-8")
    admin_cli("units", "import", str(tmp_path / "areas.csv"), db=db)
    bad = (
        GOOD_RATINGS.splitlines()[0]
        + "\n"
        + (
            "2024,residential_area,01888,,,,,,,,\n"
            "2024,commune,01888,,15/05/2024,,,,,,\n"
            "2024,commune,0188801,,,,,,,,\n"
        )
    )
    (tmp_path / "bad.csv").write_text(bad, encoding="utf-8")
    done = admin_cli("import", "ratings", str(tmp_path / "bad.csv"), db=db)
    assert done.returncode == 1
    for row in (2, 3, 4):
        assert f"Dòng {row}" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr
    done = admin_cli("export", "ratings", str(tmp_path / "none.csv"), db=db)
    assert "Đã xuất 0" in done.stdout
    done = admin_cli(
        "certificates", "--recognition", "404/QĐ", "--out", str(tmp_path / "x.pdf"), db=db
    )
    assert done.returncode == 1 and "404/QĐ" in done.stderr


def test_criteria_are_shown_and_versioned_by_an_administrator(tmp_path):
    db = tmp_path / "c.sqlite3"
    done = admin_cli("criteria", "show", "khu dân cư", "2024", db=db)
    assert done.returncode == 0, done.stderr
    assert "1. Quý I hằng năm, chi bộ có nghị quyết" in done.stdout
    assert "01/11/2023 đến 31/10/2024" in done.stdout
    (tmp_path / "c.txt").write_text("Tiêu chí một\n\nTiêu chí hai\n", encoding="utf-8")
    done = admin_cli("criteria", "set", "commune", "2026", str(tmp_path / "c.txt"), db=db)
    assert done.returncode == 0 and "Đã lưu 2 tiêu chí" in done.stdout
    done = admin_cli("criteria", "show", "commune", "2027", db=db)
    assert "2. Tiêu chí hai" in done.stdout
    done = admin_cli("criteria", "show", "village", "2024", db=db)
    assert done.returncode == 1 and "không có đối tượng" in done.stderr


def _qr_payload(db, serial: str) -> str:
    """The QR payload of a printed recognition certificate, as the printing computed it."""
    from movement_desk.db.connection import close_database
    from movement_desk.db.models import RecognitionCertificate
    from movement_desk.services.admin.bootstrap import prepare_database
    from movement_desk.services.certificates import recognition

    prepare_database(db)
    try:
        row = RecognitionCertificate.get(RecognitionCertificate.serial == serial)
        return recognition.certificate_data(row.rating, row.serial).verification_code
    finally:
        close_database()
