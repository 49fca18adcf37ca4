"""The certificates view when there is nothing to do or the user stops: nothing ticked, a file
or printer dialog cancelled, a printer that cannot be opened, a batch that fails, a revocation
from the row under the cursor (gui/certificates_view.py). Nothing is recorded in the register
unless a certificate went out."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtCore import QItemSelectionModel, QModelIndex  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402

from movement_desk.db.models import CertificatePrint  # noqa: E402
from movement_desk.gui import prompts  # noqa: E402
from movement_desk.services.certificates import printing as certificates  # noqa: E402
from movement_desk.services.core.errors import ServiceError  # noqa: E402
from movement_desk.services.records import commendations  # noqa: E402
from tests.gui.test_certificates_view import view  # noqa: E402, F401

pytestmark = pytest.mark.usefixtures("vietnamese_qt")  # the words the user reads


def _no_printer_wanted(*args, **kwargs):
    pytest.fail("no printer is asked for")


def test_nothing_ticked_is_refused_before_any_dialog(view, monkeypatch):  # noqa: F811
    monkeypatch.setattr(prompts, "ask_printer", _no_printer_wanted)
    view.certificates_none.click()
    assert view.certificates_model.checked_uuids() == []
    view.certificates_preview.click()
    view.certificates_print.click()
    assert view.errors == ["Hãy chọn ít nhất một người, tập thể được khen."] * 2
    assert view.task is None
    assert CertificatePrint.select().count() == 0


def test_tick_all_on_a_search_with_no_decision_does_nothing(view):  # noqa: F811
    view.certificates_search.setText("khong co quyet dinh nao")
    assert view.certificates_model.rowCount() == 0
    view.certificates_all.click()
    assert view.certificates_model.checked_uuids() == []
    assert view.certificates_model.data(QModelIndex()) is None
    assert not view.certificates_preview.isEnabled()
    view.cancel_task()  # nothing runs: nothing to stop
    assert view.certificates_status.text() == ""


def test_cancelled_save_and_printer_dialogs_record_nothing(view, monkeypatch, tmp_path):  # noqa: F811
    monkeypatch.setattr(prompts, "save_file", lambda *args, **kwargs: "")
    asked: list[str] = []
    monkeypatch.setattr(
        prompts, "ask_printer", lambda parent, page_layout=None: asked.append("printer")
    )
    view.certificates_save.click()
    view.certificates_print.click()
    assert asked == ["printer"]
    assert view.task is None  # no batch rendered for nothing
    assert view.errors == []
    assert CertificatePrint.select().count() == 0
    assert [view.certificates_model.line(r).serial for r in range(3)] == ["", "", ""]


def test_a_printer_that_cannot_be_opened_is_said_and_nothing_recorded(
    qtbot,
    view,  # noqa: F811
    monkeypatch,
    tmp_path,
):
    def printer(parent, page_layout=None):
        device = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        device.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        device.setOutputFileName(str(tmp_path / "khong-co" / "in.pdf"))  # no such folder
        return device

    monkeypatch.setattr(prompts, "ask_printer", printer)
    with qtbot.waitSignal(view.printed, timeout=30_000) as signal:
        view.certificates_print.click()
    assert signal.args == [0]
    assert view.errors == ["Không mở được máy in."]
    assert CertificatePrint.select().count() == 0
    model = view.certificates_model
    assert [model.line(r).prints for r in range(3)] == [0, 0, 0]
    # Nothing went out, so no serial was given: the table shows the register as it is.
    register = certificates.register_lines(commendations.get_decision(view._decision.uuid))
    assert [line.serial for line in register] == ["", "", ""]
    assert [model.data(model.index(r, 3)) for r in range(3)] == ["", "", ""]


def test_a_batch_that_fails_says_why_and_records_nothing(
    qtbot,
    view,  # noqa: F811
    monkeypatch,
    tmp_path,
):
    # The renderer refuses (a font or a page it cannot lay out): the view's part is to say so.
    def refuse(data, options, progress=None, **kwargs):
        raise ServiceError("Không dựng được trang giấy khen thứ 2.")

    monkeypatch.setattr(certificates, "render", refuse)
    monkeypatch.setattr(prompts, "save_file", lambda *args, **kwargs: str(tmp_path / "gk.pdf"))
    view.certificates_save.click()
    qtbot.waitUntil(lambda: view.task is None, timeout=30_000)
    assert view.errors == ["Không dựng được trang giấy khen thứ 2."]
    assert not (tmp_path / "gk.pdf").exists()
    assert CertificatePrint.select().count() == 0
    assert view.certificates_save.isEnabled()


def test_revoke_takes_the_row_under_the_cursor_when_none_is_selected(view, monkeypatch):  # noqa: F811
    asked: list[str] = []

    def reason(parent, title, label, *, multiline=False):
        asked.append(label)
        return "Khen trùng"

    monkeypatch.setattr(prompts, "ask_text", reason)
    table = view.certificates_table
    table.clearSelection()
    view.certificates_revoke.click()  # no row at all
    assert view.errors == ["Hãy chọn một người, tập thể cần thu hồi khen thưởng."]
    assert asked == []
    model = view.certificates_model
    name = model.line(1).recipient_name
    table.selectionModel().setCurrentIndex(
        model.index(1, 0), QItemSelectionModel.SelectionFlag.NoUpdate
    )
    assert table.selectionModel().selectedRows() == []
    view.certificates_revoke.click()
    assert len(asked) == 1 and name in asked[0]
    assert model.line(1).revoked and not model.line(0).revoked
    assert model.data(model.index(1, 5)) == "Đã thu hồi: Khen trùng"
    assert view.certificates_status.text() == f"Đã thu hồi khen thưởng của {name}."
