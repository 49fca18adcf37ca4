"""Printing certificates to a printer (gui/certificates_view.py, services/certificates/files.py):
the pages are drawn before any serial is given, and the serials, the print register and the
audit entries are written only once the printer took the pages. A failed render, a cancel or a
job the printer refuses leaves the register as it was; serials another clerk took meanwhile
are never printed twice."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("PySide6.QtPdf")

from pypdf import PdfReader  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402

from movement_desk.db.account_tables import AuditEntry  # noqa: E402
from movement_desk.db.models import Certificate, CertificatePrint, Commendation  # noqa: E402
from movement_desk.gui import certificates_view, prompts  # noqa: E402
from movement_desk.services.certificates import files as certificate_files  # noqa: E402
from movement_desk.services.certificates import printing as certificates  # noqa: E402
from movement_desk.services.core.errors import ServiceError, StaleRecordError  # noqa: E402
from movement_desk.services.records import commendations  # noqa: E402
from tests.gui.test_certificates_view import view  # noqa: E402, F401
from tests.services.test_certificates import DECISION, RECIPIENTS  # noqa: E402

pytestmark = pytest.mark.usefixtures("vietnamese_qt")  # the words the clerk reads

NOTHING_RECORDED = "Không ghi gì vào sổ theo dõi."


class PdfPrinter(QPrinter):
    """A printer that writes a PDF; ``state`` and ``droppable`` play a driver's answers."""

    def __init__(self, path, *, state=None, droppable=False):
        super().__init__(QPrinter.PrinterMode.ScreenResolution)
        self.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.setOutputFileName(str(path))
        self.setResolution(30)
        self.state = state
        self.droppable = droppable

    def printerState(self):
        return self.state or super().printerState()

    def abort(self):
        return self.droppable or super().abort()


def sent_pages(monkeypatch) -> list[list[str]]:
    """The text of every page sent to the printer (the printer itself receives images)."""
    sent: list[list[str]] = []
    real_send = certificates_view.CertificatesView._print_pdf

    def send(self, pdf, printer):
        sent.append([page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages])
        return real_send(self, pdf, printer)

    monkeypatch.setattr(certificates_view.CertificatesView, "_print_pdf", send)
    return sent


def answer_printer(monkeypatch, device) -> None:
    monkeypatch.setattr(prompts, "ask_printer", lambda parent, page_layout=None: device)


def register(view):  # noqa: F811
    """What a clerk checks: each recipient's serial and print count, the register's lines, the
    audit's print entries."""
    recipients = list(
        Commendation.select()
        .where(Commendation.decision == view._decision.id)
        .order_by(Commendation.id)
    )
    serials = dict(Certificate.select(Certificate.commendation, Certificate.serial).tuples())
    return {
        "serials": [serials.get(c.id, "") for c in recipients],
        "prints": [c.print_count for c in recipients],
        "register": [
            (p.certificate.serial, p.output, p.reprint)
            for p in CertificatePrint.select().join(Certificate).order_by(CertificatePrint.id)
        ],
        "audit": [
            e.summary
            for e in AuditEntry.select().where(AuditEntry.action == "print").order_by(AuditEntry.id)
        ],
    }


UNTOUCHED = {"serials": ["", "", ""], "prints": [0, 0, 0], "register": [], "audit": []}


def another_clerk_takes_a_serial(actor, tmp_path) -> str:
    """Another decision of the same year saved to a file: it takes the year's next serial."""
    other = commendations.save_decision(
        {**DECISION, "decision_number": "126/QĐ-CAT-PV05"}, RECIPIENTS[:1], actor
    )
    chosen, _ = certificates.select_recipients(other)
    summary = certificate_files.save(
        other, chosen, actor, certificates.print_options(), tmp_path / "other.pdf"
    )
    return summary.serials[0]


def test_a_print_whose_pages_cannot_be_drawn_gives_no_serial(qtbot, view, tmp_path, monkeypatch):  # noqa: F811
    answer_printer(monkeypatch, PdfPrinter(tmp_path / "never.pdf"))

    def refuse(data, options, progress=None, **kwargs):
        raise ServiceError("Không dựng được trang giấy khen thứ 2.")

    monkeypatch.setattr(certificates, "render", refuse)
    view.certificates_print.click()
    qtbot.waitUntil(lambda: view.task is None, timeout=30_000)
    assert view.errors == ["Không dựng được trang giấy khen thứ 2."]
    assert not (tmp_path / "never.pdf").exists()
    assert register(view) == UNTOUCHED
    assert [view.certificates_model.line(r).serial for r in range(3)] == ["", "", ""]
    assert view.certificates_print.isEnabled()


def test_a_print_cancelled_while_drawing_gives_no_serial(qtbot, view, tmp_path, monkeypatch):  # noqa: F811
    answer_printer(monkeypatch, PdfPrinter(tmp_path / "never.pdf"))
    real_render = certificates.render

    def cancelled_render(data, options, progress=None, **kwargs):
        def cancelling(done, total):
            view.cancel_task()
            return progress(done, total)

        return real_render(data, options, cancelling, **kwargs)

    monkeypatch.setattr(certificates, "render", cancelled_render)
    with qtbot.waitSignal(view.cancelled, timeout=20_000):
        view.certificates_print.click()
    assert view.certificates_status.text() == "Đã hủy: không ghi gì vào sổ theo dõi."
    assert view.errors == []
    assert not (tmp_path / "never.pdf").exists()
    assert register(view) == UNTOUCHED
    assert [view.certificates_model.line(r).serial for r in range(3)] == ["", "", ""]


def test_a_job_the_printer_refuses_gives_no_serial(qtbot, view, tmp_path, monkeypatch):  # noqa: F811
    answer_printer(monkeypatch, PdfPrinter(tmp_path / "refused.pdf", state=QPrinter.Error))
    with qtbot.waitSignal(view.printed, timeout=30_000) as signal:
        view.certificates_print.click()
    assert signal.args == [0]
    assert view.errors == ["Máy in không nhận lệnh in: không ghi gì vào sổ theo dõi."]
    assert view.certificates_status.text() == NOTHING_RECORDED
    assert register(view) == UNTOUCHED


def test_a_page_the_printer_cannot_take_gives_no_serial(qtbot, view, tmp_path, monkeypatch):  # noqa: F811
    answer_printer(monkeypatch, PdfPrinter(tmp_path / "broken.pdf"))

    def broken(painter, target, image):
        raise RuntimeError("hết bộ nhớ máy in")

    monkeypatch.setattr(certificates_view.QPainter, "drawImage", broken)
    with qtbot.waitSignal(view.printed, timeout=30_000) as signal:
        view.certificates_print.click()
    assert signal.args == [0]
    assert view.errors == ["Không in được: hết bộ nhớ máy in. Không ghi gì vào sổ theo dõi."]
    assert register(view) == UNTOUCHED


class CancelAfter(certificates_view.QProgressDialog):
    """The sending dialog's Cancel pressed once ``pages`` pages went out."""

    pages = 1

    def wasCanceled(self):
        return self.value() >= self.pages


def test_cancel_while_sending_drops_the_job_when_the_printer_can(
    qtbot,
    view,  # noqa: F811
    tmp_path,
    monkeypatch,
):
    monkeypatch.setattr(certificates_view, "QProgressDialog", CancelAfter)
    answer_printer(monkeypatch, PdfPrinter(tmp_path / "dropped.pdf", droppable=True))
    with qtbot.waitSignal(view.printed, timeout=30_000) as signal:
        view.certificates_print.click()
    assert signal.args == [0]
    assert view.errors == []
    assert view.certificates_status.text() == "Đã hủy: không ghi gì vào sổ theo dõi."
    assert register(view) == UNTOUCHED


def test_cancel_while_sending_records_only_the_pages_that_went_out(
    qtbot,
    view,  # noqa: F811
    tmp_path,
    monkeypatch,
):
    # A PDF printer (and some drivers) cannot drop a job: the page sent prints, and only it
    # gets a serial; the two never printed stay without one.
    monkeypatch.setattr(certificates_view, "QProgressDialog", CancelAfter)
    answer_printer(monkeypatch, PdfPrinter(tmp_path / "one.pdf"))
    with qtbot.waitSignal(view.printed, timeout=30_000) as signal:
        view.certificates_print.click()
    assert signal.args == [1]
    assert len(PdfReader(tmp_path / "one.pdf").pages) == 1
    state = register(view)
    assert state["serials"] == ["GK2024-000001", "", ""]
    assert state["prints"] == [1, 0, 0]
    assert state["register"] == [("GK2024-000001", certificates.OUTPUT_PRINTER, False)]
    assert len(state["audit"]) == 1 and "GK2024-000001" in state["audit"][0]


def test_a_print_the_printer_takes_gives_the_serials_and_records_it(
    qtbot,
    view,  # noqa: F811
    tmp_path,
    monkeypatch,
):
    answer_printer(monkeypatch, PdfPrinter(tmp_path / "printed.pdf"))
    real_render = certificates.render
    serials_while_drawing: list[int] = []

    def watched_render(data, options, progress=None, **kwargs):
        serials_while_drawing.append(Certificate.select().count())
        return real_render(data, options, progress, **kwargs)

    monkeypatch.setattr(certificates, "render", watched_render)
    sent = sent_pages(monkeypatch)
    with qtbot.waitSignal(view.printed, timeout=30_000) as signal:
        view.certificates_print.click()
    assert serials_while_drawing == [0]  # drawn first, numbered after
    assert signal.args == [3]
    assert view.errors == []
    serials = ["GK2024-000001", "GK2024-000002", "GK2024-000003"]
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 3
    [pages] = sent
    assert [serial in page for serial, page in zip(serials, pages, strict=True)] == [True] * 3
    state = register(view)
    assert state["serials"] == serials
    assert state["prints"] == [1, 1, 1]
    assert state["register"] == [(s, certificates.OUTPUT_PRINTER, False) for s in serials]
    assert [s in entry for s, entry in zip(serials, state["audit"], strict=True)] == [True] * 3
    assert all(entry.startswith("In giấy khen số hiệu") for entry in state["audit"])
    assert all("máy in" in entry for entry in state["audit"])
    assert view.certificates_status.text().startswith("Đã ghi 3 giấy khen vào sổ theo dõi (")
    model = view.certificates_model
    assert [model.data(model.index(r, 3)) for r in range(3)] == serials


def test_serials_taken_while_drawing_are_drawn_again_before_the_paper(
    qtbot,
    view,  # noqa: F811
    actor,
    tmp_path,
    monkeypatch,
):
    answer_printer(monkeypatch, PdfPrinter(tmp_path / "printed.pdf"))
    real_render = certificates.render
    drawn: list[list[str]] = []
    taken: list[str] = []

    def render_while_another_clerk_prints(data, options, progress=None, **kwargs):
        drawn.append([d.serial for d in data])
        if not taken:
            taken.append("")  # the other clerk's own render comes back here
            taken[0] = another_clerk_takes_a_serial(actor, tmp_path)
        return real_render(data, options, progress, **kwargs)

    monkeypatch.setattr(certificates, "render", render_while_another_clerk_prints)
    sent = sent_pages(monkeypatch)
    with qtbot.waitSignal(view.printed, timeout=30_000) as signal:
        view.certificates_print.click()
    assert taken == ["GK2024-000001"]
    serials = ["GK2024-000002", "GK2024-000003", "GK2024-000004"]
    planned = ["GK2024-000001", "GK2024-000002", "GK2024-000003"]
    assert drawn == [planned, ["GK2024-000001"], serials]  # ours, the other clerk's, ours again
    assert signal.args == [3]
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 3
    [pages] = sent
    assert [serial in page for serial, page in zip(serials, pages, strict=True)] == [True] * 3
    state = register(view)
    assert state["serials"] == serials
    assert [line[0] for line in state["register"]] == ["GK2024-000001", *serials]


def test_serials_taken_while_the_pages_go_out_are_refused_with_the_sheets_to_discard(
    qtbot,
    view,  # noqa: F811
    actor,
    tmp_path,
    monkeypatch,
):
    answer_printer(monkeypatch, PdfPrinter(tmp_path / "printed.pdf"))
    real_send = certificates_view.CertificatesView._print_pdf

    def send_while_another_clerk_prints(self, pdf, printer):
        printed = real_send(self, pdf, printer)
        another_clerk_takes_a_serial(actor, tmp_path)
        return printed

    monkeypatch.setattr(
        certificates_view.CertificatesView, "_print_pdf", send_while_another_clerk_prints
    )
    with qtbot.waitSignal(view.printed, timeout=30_000) as signal:
        view.certificates_print.click()
    assert signal.args == [0]
    assert view.errors == [
        "Trong lúc in, người khác đã lấy số hiệu giấy khen hoặc sửa khen thưởng nên 3 tờ vừa in "
        "không còn khớp với sổ theo dõi. Không ghi gì vào sổ; hãy hủy các tờ này và in lại."
    ]
    assert view.certificates_status.text() == NOTHING_RECORDED
    state = register(view)
    assert state["serials"] == ["", "", ""]  # the other clerk's GK2024-000001 is theirs alone
    assert state["register"] == [("GK2024-000001", certificates.OUTPUT_PDF, False)]
    assert len(state["audit"]) == 1


def test_commit_printed_writes_nothing_when_the_sheets_no_longer_match(database, actor, tmp_path):
    decision = commendations.save_decision(DECISION, RECIPIENTS, actor)
    chosen, _ = certificates.select_recipients(decision)
    planned = certificate_files.plan(decision, chosen, actor)
    another_clerk_takes_a_serial(actor, tmp_path)
    options = certificates.print_options()
    with pytest.raises(StaleRecordError, match="hãy hủy các tờ này"):
        certificate_files.commit_printed(decision, chosen, actor, options, planned)
    assert Certificate.select().where(Certificate.commendation.in_(chosen)).count() == 0
    assert CertificatePrint.select().count() == 1  # the other clerk's
    fresh = certificate_files.plan(decision, chosen, actor)
    summary = certificate_files.commit_printed(decision, chosen, actor, options, fresh)
    assert summary.serials == ["GK2024-000002", "GK2024-000003", "GK2024-000004"]
