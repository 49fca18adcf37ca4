"""`movement-desk certificates`, `decision-list`, `verify` and `revoke` as a user runs them."""

from __future__ import annotations

import io

from pypdf import PdfReader

from movement_desk.services.records import commendations
from tests.conftest import admin_cli
from tests.pdf.test_qr import decoded
from tests.services.test_certificates import DECISION, RECIPIENTS


def test_certificates_decision_list_verify_and_revoke(database, db_path, actor, tmp_path):
    decision = commendations.save_decision(DECISION, RECIPIENTS, actor)
    recipients = commendations.decision_recipients(decision)
    out = tmp_path / "giay-khen.pdf"

    done = admin_cli("certificates", "--decision", "125/qđ-cat-pv05", "--out", str(out), db=db_path)
    assert done.returncode == 0, done.stderr
    assert "Đã ghi 3 giấy khen của quyết định số 125/QĐ-CAT-PV05" in done.stdout
    reader = PdfReader(out)
    assert len(reader.pages) == 3
    assert round(float(reader.pages[0].mediabox.width)) == 842

    again = admin_cli(
        "certificates",
        "--decision", "125/QĐ-CAT-PV05",
        "--out", str(tmp_path / "lai.pdf"),
        "--recipient", recipients[1].uuid,
        "--paper", "a3",
        "--preprinted",
        db=db_path,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "(1 lần in lại)" in again.stdout
    reprinted = PdfReader(tmp_path / "lai.pdf")
    assert len(reprinted.pages) == 1
    assert round(float(reprinted.pages[0].mediabox.width)) == 1191
    text = reprinted.pages[0].extract_text()
    assert "CỘNG HÒA" not in text and "Sao Đỏ" in text

    listing = admin_cli(
        "decision-list", "--decision", "125/QĐ-CAT-PV05", "--out", str(tmp_path / "ds.pdf"),
        db=db_path,
    )  # fmt: skip
    assert listing.returncode == 0, listing.stderr
    assert "Đã ghi danh sách 3 tập thể, cá nhân" in listing.stdout
    assert "Kèm theo Quyết định số" in PdfReader(tmp_path / "ds.pdf").pages[0].extract_text()

    first_page = PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    code = next(word for word in first_page.split() if word.startswith("MD2:"))
    ok = admin_cli("verify", code, db=db_path)
    assert ok.returncode == 0, ok.stderr
    assert "HỢP LỆ" in ok.stdout and "Nguyễn Thị Hồng Nhung" in ok.stdout
    # What a phone reads from the printed symbol verifies too.
    [scanned] = decoded(out.read_bytes())
    assert scanned.startswith(code + ":")
    read = admin_cli("verify", scanned, db=db_path)
    assert read.returncode == 0, read.stderr
    assert "HỢP LỆ" in read.stdout and "Nguyễn Thị Hồng Nhung" in read.stdout

    tampered = admin_cli(
        "verify", code[:-2] + ("AA" if not code.endswith("AA") else "BB"), db=db_path
    )
    assert tampered.returncode == 1
    assert "KHÔNG HỢP LỆ" in tampered.stdout

    revoked = admin_cli("revoke", recipients[0].uuid, "--reason", "Khen nhầm người", db=db_path)
    assert revoked.returncode == 0, revoked.stderr
    after = admin_cli("verify", code, db=db_path)
    assert after.returncode == 1
    assert "ĐÃ BỊ THU HỒI" in after.stdout and "Khen nhầm người" in after.stdout

    skipped = admin_cli(
        "certificates", "--decision", "125/QĐ-CAT-PV05", "--out", str(tmp_path / "c.pdf"),
        db=db_path,
    )  # fmt: skip
    assert skipped.returncode == 0
    assert "Không in 1 khen thưởng đã bị thu hồi: Nguyễn Thị Hồng Nhung" in skipped.stdout
    assert len(PdfReader(tmp_path / "c.pdf").pages) == 2

    reinstated = admin_cli("reinstate", recipients[0].uuid, db=db_path)
    assert reinstated.returncode == 0, reinstated.stderr
    assert "Đã bỏ thu hồi" in reinstated.stdout
    assert admin_cli("verify", code, db=db_path).returncode == 0


def test_unknown_decision_says_what_to_check(database, db_path, tmp_path):
    done = admin_cli(
        "certificates", "--decision", "999/QĐ", "--out", str(tmp_path / "x.pdf"), db=db_path
    )
    assert done.returncode == 1
    assert "Không có quyết định số “999/QĐ”" in done.stderr
    assert not (tmp_path / "x.pdf").exists()
