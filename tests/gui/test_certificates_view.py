"""The certificates view driven as a clerk would: pick, tick, preview, save, print, verify."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402

from movement_desk.db.models import CertificatePrint  # noqa: E402
from movement_desk.gui import prompts  # noqa: E402
from movement_desk.gui.certificates_view import CertificatesView  # noqa: E402
from movement_desk.services.certificates import printing as certificates  # noqa: E402
from movement_desk.services.core import settings  # noqa: E402
from movement_desk.services.records import commendations  # noqa: E402
from tests.services.test_certificates import DECISION, RECIPIENTS  # noqa: E402


@pytest.fixture
def view(qtbot, database, actor, monkeypatch):
    commendations.save_decision(DECISION, RECIPIENTS, actor)
    widget = CertificatesView(actor)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    errors: list[str] = []
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: errors.append(text))
    widget.errors = errors
    return widget


def answer_save(monkeypatch, path) -> None:
    monkeypatch.setattr(prompts, "save_file", lambda *args, **kwargs: str(path))


def untick(view, row: int) -> None:
    model = view.certificates_model
    model.setData(model.index(row, 0), Qt.Unchecked.value, Qt.CheckStateRole)


def test_lists_the_decision_with_every_recipient_ticked(view):
    assert view.certificates_decision.count() == 1
    assert "125/QĐ-CAT-PV05" in view.certificates_decision.currentText()
    model = view.certificates_model
    assert model.rowCount() == 3
    assert model.data(model.index(0, 0)) == "Nguyễn Thị Hồng Nhung"
    assert len(model.checked_uuids()) == 3
    view.certificates_search.setText("khong co")
    assert view.certificates_decision.count() == 0
    assert not view.certificates_preview.isEnabled()
    view.certificates_search.setText("pv05")
    assert model.rowCount() == 3


def test_preview_shows_ticked_pages_and_records_nothing(qtbot, view):
    untick(view, 1)
    with qtbot.waitSignal(view.previewed, timeout=20_000) as signal:
        view.certificates_preview.click()
    assert signal.args == [2]
    assert view.certificates_document.pageCount() == 2
    assert CertificatePrint.select().count() == 0
    assert view.errors == []


def test_save_pdf_records_prints_and_a_second_save_is_a_reprint(qtbot, view, tmp_path, monkeypatch):
    target = tmp_path / "gk.pdf"
    answer_save(monkeypatch, target)
    with qtbot.waitSignal(view.saved, timeout=20_000):
        view.certificates_save.click()
    assert len(PdfReader(target).pages) == 3
    model = view.certificates_model
    assert [model.line(r).prints for r in range(3)] == [1, 1, 1]
    assert model.data(model.index(0, 3)) == "GK2024-000001"
    view.certificates_model.set_all_checked(False)
    model.setData(model.index(2, 0), Qt.Checked.value, Qt.CheckStateRole)
    with qtbot.waitSignal(view.saved, timeout=20_000):
        view.certificates_save.click()
    assert len(PdfReader(target).pages) == 1
    assert model.line(2).reprints == 1
    assert "reprint" in view.certificates_status.text()


def test_cancelled_batch_records_nothing(qtbot, view, tmp_path, monkeypatch):
    target = tmp_path / "never.pdf"
    answer_save(monkeypatch, target)
    real_render = certificates.render

    def slow_render(data, options, progress=None, **kwargs):
        def cancelling(done, total):
            view.cancel_task()
            return progress(done, total)

        return real_render(data, options, cancelling, **kwargs)

    monkeypatch.setattr(certificates, "render", slow_render)
    with qtbot.waitSignal(view.cancelled, timeout=20_000):
        view.certificates_save.click()
    assert not target.exists()
    assert CertificatePrint.select().count() == 0
    assert "nothing was recorded" in view.certificates_status.text()
    assert view.certificates_save.isEnabled()


def test_print_sends_pages_and_records_printer_prints(qtbot, view, tmp_path, monkeypatch):
    out = tmp_path / "printed.pdf"

    def printer(parent, page_layout=None):
        assert page_layout is not None  # the paper of the certificates
        device = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        device.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        device.setOutputFileName(str(out))
        device.setResolution(30)
        return device

    monkeypatch.setattr(prompts, "ask_printer", printer)
    with qtbot.waitSignal(view.printed, timeout=30_000) as signal:
        view.certificates_print.click()
    assert signal.args == [3]
    assert len(PdfReader(out).pages) == 3
    outputs = {row.output for row in CertificatePrint.select()}
    assert outputs == {certificates.OUTPUT_PRINTER}


def test_verify_box_and_revocation(qtbot, view, tmp_path, monkeypatch):
    answer_save(monkeypatch, tmp_path / "gk.pdf")
    with qtbot.waitSignal(view.saved, timeout=20_000):
        view.certificates_save.click()
    text = PdfReader(tmp_path / "gk.pdf").pages[0].extract_text()
    code = next(word for word in text.split() if word.startswith("MD2:"))
    view.certificates_verify_code.setText(code)
    with qtbot.waitSignal(view.verified) as signal:
        view.certificates_verify_button.click()
    assert signal.args == [certificates.VALID]
    assert "Nguyễn Thị Hồng Nhung" in view.certificates_verify_result.toPlainText()

    view.certificates_table.selectRow(0)
    monkeypatch.setattr(prompts, "ask_text", lambda *args, **kwargs: "Khen nhầm người")
    view.certificates_revoke.click()
    model = view.certificates_model
    assert "Khen nhầm người" in model.data(model.index(0, 5))
    assert model.flags(model.index(0, 0)) & Qt.ItemIsUserCheckable == Qt.NoItemFlags
    assert len(model.checked_uuids()) == 2
    with qtbot.waitSignal(view.verified) as signal:
        view.certificates_verify_button.click()
    assert signal.args == [certificates.REVOKED]

    view.certificates_verify_code.setText(code[:-1] + ("A" if code[-1] != "A" else "B"))
    with qtbot.waitSignal(view.verified) as signal:
        view.certificates_verify_button.click()
    assert signal.args == [certificates.INVALID]


def test_settings_panel_saves_signer_place_and_offsets_per_paper(qtbot, view):
    view.certificates_place.setText("Ba Bể")
    view.certificates_signer_name.setText("Hà Văn Bảy")
    view.certificates_signer_title.setPlainText("CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    view.certificates_signer_prefix.setCurrentIndex(view.certificates_signer_prefix.findData("KT."))
    view.certificates_paper.setCurrentIndex(view.certificates_paper.findData("a3"))
    view.certificates_offset_right.setValue(2.5)
    view.certificates_offset_down.setValue(-1.0)
    with qtbot.waitSignal(view.settings_saved):
        view.certificates_settings_save.click()
    assert settings.get("place") == "Ba Bể"
    assert settings.get("signer_prefix") == "KT."
    assert certificates.offsets("a3") == (2.5, -1.0)
    assert certificates.offsets("a4") == (0.0, 0.0)
    view.certificates_paper.setCurrentIndex(view.certificates_paper.findData("a4"))
    assert view.certificates_offset_right.value() == 0.0
    view.certificates_paper.setCurrentIndex(view.certificates_paper.findData("a3"))
    assert view.certificates_offset_right.value() == 2.5


def test_model_invariants(qtmodeltester, view):
    qtmodeltester.check(view.certificates_model)


def test_save_dialogs_suggest_a_name_from_the_decision_number(qtbot, view, tmp_path, monkeypatch):
    asked: list[tuple[str, str]] = []

    def save_file(parent, title, suggested, file_filter, key):
        asked.append((suggested, key))
        return str(tmp_path / suggested)

    monkeypatch.setattr(prompts, "save_file", save_file)
    with qtbot.waitSignal(view.saved, timeout=20_000):
        view.certificates_list.click()
    with qtbot.waitSignal(view.saved, timeout=20_000):
        view.certificates_save.click()
    assert asked == [
        ("danh-sach-125-QĐ-CAT-PV05.pdf", "certificates"),
        ("giay-khen-125-QĐ-CAT-PV05.pdf", "certificates"),
    ]
    assert (tmp_path / "danh-sach-125-QĐ-CAT-PV05.pdf").read_bytes().startswith(b"%PDF")
    assert len(PdfReader(tmp_path / "giay-khen-125-QĐ-CAT-PV05.pdf").pages) == 3


def test_verify_tells_a_copied_code_and_checks_with_a_key_file(
    qtbot, view, actor, tmp_path, monkeypatch
):
    from movement_desk.services.core import signing

    decision = commendations.find_decision("125/QĐ-CAT-PV05")
    chosen, _ = certificates.select_recipients(decision)
    [data] = certificates.prepare(decision, [chosen[0]], actor)
    view.certificates_verify_code.setText(data.verification_code)
    view.certificates_verify_name.setText("Người Khác")
    with qtbot.waitSignal(view.verified) as signal:
        view.certificates_verify_button.click()
    assert signal.args == [certificates.INVALID]
    assert "chép sang giấy khen của người khác" in view.certificates_verify_result.toPlainText()

    signing.export_public_key(tmp_path / "issuer.mdkey", actor)
    monkeypatch.setattr(prompts, "open_file", lambda *a, **k: str(tmp_path / "issuer.mdkey"))
    view.certificates_verify_key_button.click()
    assert signing.fingerprint(signing.own_key_id()) in view.certificates_verify_key.text()
    view.certificates_verify_name.clear()
    with qtbot.waitSignal(view.verified) as signal:
        view.certificates_verify_button.click()
    assert signal.args == [certificates.VALID]
