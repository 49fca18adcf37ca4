"""Printing a decision's certificates: pick a decision, tick recipients, preview, print or save.

``CertificatesView`` is self-contained (the main window places it in its navigation). It calls
``services.certificates`` for everything: serials are given and the print register written
there, only once the file was written or the printer took the pages (``certificates.files``).
Rendering a batch runs through ``gui.tasks`` (a worker thread; it needs no database) behind a
progress dialog that can cancel; a cancelled, failed or refused batch records nothing.

Message boxes, file, input and print dialogs go through ``gui.prompts`` so a test replaces one
function instead of driving a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QModelIndex,
    QObject,
    QRectF,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from movement_desk.db.choices import SignerPrefix
from movement_desk.gui import prompts, tasks
from movement_desk.gui.table_models import ListTableModel
from movement_desk.pdf.certificate import PAPER_LABELS, PAPERS, RenderCancelled
from movement_desk.services.certificates import files as certificate_files
from movement_desk.services.certificates import printing as certificates
from movement_desk.services.core import output_files
from movement_desk.services.core.actor import LOCAL_ACTOR, Actor
from movement_desk.services.core.errors import ServiceError

PRINT_DPI = 300


class RecipientTableModel(ListTableModel):
    """The recipients of one decision with a tick box each; revoked ones cannot be ticked."""

    numbered = True

    COLUMNS = (
        QT_TRANSLATE_NOOP("RecipientTableModel", "Recipient"),
        QT_TRANSLATE_NOOP("RecipientTableModel", "Kind"),
        QT_TRANSLATE_NOOP("RecipientTableModel", "Position, unit"),
        QT_TRANSLATE_NOOP("RecipientTableModel", "Serial"),
        QT_TRANSLATE_NOOP("RecipientTableModel", "Prints"),
        QT_TRANSLATE_NOOP("RecipientTableModel", "Status"),
    )

    def __init__(self, parent: QObject | None = None):
        titles = [QApplication.translate("RecipientTableModel", title) for title in self.COLUMNS]
        super().__init__(titles, parent)
        self.rows: list[certificates.RegisterLine] = []
        self._checked: set[str] = set()

    def set_lines(self, lines: list[certificates.RegisterLine], *, keep_checks: bool) -> None:
        self.beginResetModel()
        previous = self._checked
        self.rows = list(lines)
        live = {line.commendation_uuid for line in lines if not line.revoked}
        self._checked = (previous & live) if keep_checks else set(live)
        self.endResetModel()

    def line(self, row: int) -> certificates.RegisterLine:
        return self.rows[row]

    def checked_uuids(self) -> list[str]:
        """Ticked recipients in the decision's order."""
        return [
            line.commendation_uuid for line in self.rows if line.commendation_uuid in self._checked
        ]

    def set_all_checked(self, checked: bool) -> None:
        if checked:
            self._checked = {line.commendation_uuid for line in self.rows if not line.revoked}
        else:
            self._checked = set()
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, 0), [Qt.CheckStateRole]
            )

    # -- Qt model interface -------------------------------------------------------------------
    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if index.column() == 0 and not self.rows[index.row()].revoked:
            flags |= Qt.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        line = self.rows[index.row()]
        column = index.column()
        if role == Qt.CheckStateRole and column == 0:
            if line.revoked:
                return None
            return Qt.Checked if line.commendation_uuid in self._checked else Qt.Unchecked
        if role == Qt.DisplayRole:
            if column == 0:
                return line.recipient_name
            if column == 1:
                return line.recipient_kind
            if column == 2:
                return ", ".join(p for p in (line.recipient_position, line.recipient_unit) if p)
            if column == 3:
                return line.serial
            if column == 4:
                return str(line.prints)
            if column == 5:
                if line.revoked:
                    return QApplication.translate(
                        "RecipientTableModel", "Revoked: {reason}"
                    ).format(reason=line.revoked_reason)
                if line.reprints:
                    return QApplication.translate(
                        "RecipientTableModel", "Reprinted {count}×"
                    ).format(count=line.reprints)
                return ""
        if role == Qt.ToolTipRole and column == 0:
            return line.recipient_name
        return None

    def setData(self, index: QModelIndex, value, role=Qt.EditRole) -> bool:
        if not index.isValid() or role != Qt.CheckStateRole or index.column() != 0:
            return False
        line = self.rows[index.row()]
        if line.revoked:
            return False
        if Qt.CheckState(value) == Qt.Checked:
            self._checked.add(line.commendation_uuid)
        else:
            self._checked.discard(line.commendation_uuid)
        self.dataChanged.emit(index, index, [Qt.CheckStateRole])
        return True


class CertificatesView(QWidget):
    """Choose a decision and recipients, then preview, print or save their certificates."""

    previewed = Signal(int)
    saved = Signal(str)
    printed = Signal(int)
    cancelled = Signal()
    verified = Signal(str)
    settings_saved = Signal()

    def __init__(self, actor: Actor = LOCAL_ACTOR, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self._decisions: list[certificates.DecisionChoice] = []
        self._decision = None
        self.task: tasks.BackgroundTask | None = None
        self._pdf_buffer: QBuffer | None = None
        self._build()
        self.load_settings()
        self.reload_decisions()

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.certificates_search = QLineEdit()
        self.certificates_search.setPlaceholderText(self.tr("Find a decision: number, issuer…"))
        self.certificates_search.setClearButtonEnabled(True)
        self.certificates_search.textChanged.connect(self._on_certificates_search_textChanged)
        self.certificates_decision = QComboBox()
        self.certificates_decision.setMinimumContentsLength(40)
        self.certificates_decision.currentIndexChanged.connect(
            self._on_certificates_decision_currentIndexChanged
        )

        self.certificates_model = RecipientTableModel(self)
        self.certificates_table = QTableView()
        self.certificates_table.setModel(self.certificates_model)
        self.certificates_table.setSelectionBehavior(QTableView.SelectRows)
        self.certificates_table.setAlternatingRowColors(True)
        header = self.certificates_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        self.certificates_table.setColumnWidth(0, 220)
        self.certificates_table.setColumnWidth(2, 260)

        self.certificates_all = QPushButton(self.tr("Tick all"))
        self.certificates_all.clicked.connect(lambda: self.certificates_model.set_all_checked(True))
        self.certificates_none = QPushButton(self.tr("Tick none"))
        self.certificates_none.clicked.connect(
            lambda: self.certificates_model.set_all_checked(False)
        )
        self.certificates_revoke = QPushButton(self.tr("Revoke…"))
        self.certificates_revoke.clicked.connect(self._on_certificates_revoke_clicked)

        self.certificates_paper = QComboBox()
        for key in PAPERS:
            self.certificates_paper.addItem(self._paper_label(key), key)
        self.certificates_paper.currentIndexChanged.connect(
            self._on_certificates_paper_currentIndexChanged
        )
        self.certificates_preprinted = QCheckBox(self.tr("Print on pre-printed forms"))

        self.certificates_preview = QPushButton(self.tr("Preview"))
        self.certificates_preview.clicked.connect(self._on_certificates_preview_clicked)
        self.certificates_print = QPushButton(self.tr("Print…"))
        self.certificates_print.clicked.connect(self._on_certificates_print_clicked)
        self.certificates_save = QPushButton(self.tr("Save PDF…"))
        self.certificates_save.clicked.connect(self._on_certificates_save_clicked)
        self.certificates_list = QPushButton(self.tr("Decision list…"))
        self.certificates_list.clicked.connect(self._on_certificates_list_clicked)
        self.certificates_status = QLabel()
        self.certificates_status.setWordWrap(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.certificates_search)
        left_layout.addWidget(self.certificates_decision)
        left_layout.addWidget(self.certificates_table, 1)
        ticks = QHBoxLayout()
        for button in (self.certificates_all, self.certificates_none, self.certificates_revoke):
            ticks.addWidget(button)
        ticks.addStretch(1)
        left_layout.addLayout(ticks)
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("Paper:")))
        options.addWidget(self.certificates_paper)
        options.addWidget(self.certificates_preprinted)
        options.addStretch(1)
        left_layout.addLayout(options)
        actions = QHBoxLayout()
        for button in (
            self.certificates_preview,
            self.certificates_print,
            self.certificates_save,
            self.certificates_list,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.certificates_status)

        self.certificates_document = QPdfDocument(self)
        self.certificates_pdf_view = QPdfView()
        self.certificates_pdf_view.setDocument(self.certificates_document)
        self.certificates_pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.certificates_pdf_view.setZoomMode(QPdfView.ZoomMode.FitInView)

        self.certificates_tabs = QTabWidget()
        self.certificates_tabs.addTab(self.certificates_pdf_view, self.tr("Preview"))
        self.certificates_tabs.addTab(self._build_verify(), self.tr("Verify"))
        self.certificates_tabs.addTab(self._build_settings(), self.tr("Settings"))

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.certificates_tabs)
        # The recipients' table needs the room; the preview fits a landscape page anyway.
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _build_verify(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(self.tr("Scan the QR code or type the code printed beside it (MD2:… or MD1:…):"))
        )
        row = QHBoxLayout()
        self.certificates_verify_code = QLineEdit()
        self.certificates_verify_code.returnPressed.connect(self._on_certificates_verify_clicked)
        self.certificates_verify_button = QPushButton(self.tr("Verify"))
        self.certificates_verify_button.clicked.connect(self._on_certificates_verify_clicked)
        row.addWidget(self.certificates_verify_code, 1)
        row.addWidget(self.certificates_verify_button)
        layout.addLayout(row)
        extra = QFormLayout()
        self.certificates_verify_name = QLineEdit()
        self.certificates_verify_name.setPlaceholderText(
            self.tr("optional: compared with the code")
        )
        self.certificates_verify_name.returnPressed.connect(self._on_certificates_verify_clicked)
        extra.addRow(self.tr("Name printed on the certificate:"), self.certificates_verify_name)
        key_row = QHBoxLayout()
        self.certificates_verify_key = QLabel(self.tr("the keys this installation knows"))
        self.certificates_verify_key_button = QPushButton(self.tr("Issuer's key file…"))
        self.certificates_verify_key_button.clicked.connect(
            self._on_certificates_verify_key_button_clicked
        )
        key_row.addWidget(self.certificates_verify_key, 1)
        key_row.addWidget(self.certificates_verify_key_button)
        extra.addRow(self.tr("Check with:"), key_row)
        layout.addLayout(extra)
        self.verify_public_key = None
        self.certificates_verify_result = QPlainTextEdit()
        self.certificates_verify_result.setReadOnly(True)
        layout.addWidget(self.certificates_verify_result, 1)
        return page

    def _build_settings(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        form = QFormLayout()
        outer.addLayout(form)
        self.certificates_authority = QLineEdit()
        self.certificates_signer_prefix = QComboBox()
        for prefix in SignerPrefix:
            self.certificates_signer_prefix.addItem(prefix.label, prefix.value)
        self.certificates_signer_title = QPlainTextEdit()
        self.certificates_signer_title.setFixedHeight(52)
        self.certificates_signer_name = QLineEdit()
        self.certificates_place = QLineEdit()
        form.addRow(self.tr("Default issuer:"), self.certificates_authority)
        form.addRow(self.tr("Signing authority:"), self.certificates_signer_prefix)
        form.addRow(self.tr("Signer's title (one line each):"), self.certificates_signer_title)
        form.addRow(self.tr("Signer:"), self.certificates_signer_name)
        form.addRow(self.tr("Place:"), self.certificates_place)
        offsets = QGroupBox(self.tr("Pre-printed forms: shift for the paper chosen"))
        offsets_form = QFormLayout(offsets)
        self.certificates_offset_right = QDoubleSpinBox()
        self.certificates_offset_down = QDoubleSpinBox()
        for spin in (self.certificates_offset_right, self.certificates_offset_down):
            spin.setRange(-certificates.MAX_OFFSET_MM, certificates.MAX_OFFSET_MM)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setSuffix(" mm")
        offsets_form.addRow(self.tr("Right:"), self.certificates_offset_right)
        offsets_form.addRow(self.tr("Down:"), self.certificates_offset_down)
        form.addRow(offsets)
        self.certificates_settings_save = QPushButton(self.tr("Save settings"))
        self.certificates_settings_save.clicked.connect(self._on_certificates_settings_save_clicked)
        form.addRow(self.certificates_settings_save)
        outer.addStretch(1)
        return page

    def _paper_label(self, key: str) -> str:
        labels = {
            "a4": self.tr("A4 landscape"),
            "a3": self.tr("A3 landscape"),
            "a4-portrait": self.tr("A4 portrait"),
        }
        return labels.get(key, PAPER_LABELS.get(key, key))

    def _show_error(self, text: str) -> None:
        prompts.warn(self, self.tr("Certificates"), text)

    # -- decisions and recipients ---------------------------------------------------------
    def reload_decisions(self) -> None:
        self._decisions = certificates.list_decisions(
            self.certificates_search.text(), actor=self.actor
        )
        current = self._decision.uuid if self._decision is not None else None
        self.certificates_decision.blockSignals(True)
        self.certificates_decision.clear()
        for choice in self._decisions:
            self.certificates_decision.addItem(choice.label, choice.uuid)
        index = self.certificates_decision.findData(current) if current else -1
        self.certificates_decision.setCurrentIndex(index if index >= 0 else 0)
        self.certificates_decision.blockSignals(False)
        self._load_decision(keep_checks=index >= 0)

    def _load_decision(self, *, keep_checks: bool = False) -> None:
        uuid = self.certificates_decision.currentData()
        self._decision = None
        lines: list[certificates.RegisterLine] = []
        if uuid:
            try:
                from movement_desk.services.records import commendations

                self._decision = commendations.get_decision(uuid)
                lines = certificates.register_lines(self._decision)
            except ServiceError as exc:
                self._show_error(str(exc))
        self.certificates_model.set_lines(lines, keep_checks=keep_checks)
        self._update_buttons()

    def _refresh_lines(self) -> None:
        if self._decision is not None:
            self.certificates_model.set_lines(
                certificates.register_lines(self._decision), keep_checks=True
            )

    def _update_buttons(self) -> None:
        busy = self.task is not None
        has = self._decision is not None
        for button in (
            self.certificates_preview,
            self.certificates_print,
            self.certificates_save,
            self.certificates_list,
            self.certificates_revoke,
        ):
            button.setEnabled(has and not busy)

    @Slot(str)
    def _on_certificates_search_textChanged(self, _text: str) -> None:
        self.reload_decisions()

    @Slot(int)
    def _on_certificates_decision_currentIndexChanged(self, _index: int) -> None:
        self._load_decision()

    @Slot(int)
    def _on_certificates_paper_currentIndexChanged(self, _index: int) -> None:
        right, down = certificates.offsets(self.paper())
        self.certificates_offset_right.setValue(right)
        self.certificates_offset_down.setValue(down)

    def paper(self) -> str:
        return self.certificates_paper.currentData() or "a4"

    def options(self) -> certificates.PrintOptions:
        return certificates.print_options(self.paper(), self.certificates_preprinted.isChecked())

    def _chosen(self) -> list | None:
        """The ticked commendations, or None (and a message) when there is nothing to do."""
        if self._decision is None:
            return None
        uuids = self.certificates_model.checked_uuids()
        if not uuids:
            self._show_error(self.tr("Tick at least one recipient."))
            return None
        try:
            chosen, _ = certificates.select_recipients(self._decision, uuids)
            certificates.require_print(self.actor, self._decision, chosen)
        except ServiceError as exc:
            self._show_error(str(exc))
            return None
        return chosen

    # -- preview, save, print -------------------------------------------------------------
    @Slot()
    def _on_certificates_preview_clicked(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        options = self.options()
        data = certificates.prepare(self._decision, chosen, self.actor, assign_serials=False)
        self._run(
            lambda progress: certificates.render(data, options, progress),
            lambda pdf: self._show_pdf(pdf, len(data)),
        )

    def _show_pdf(self, pdf: bytes, pages: int) -> None:
        self.certificates_document.close()
        self._pdf_buffer = QBuffer(self)
        self._pdf_buffer.setData(QByteArray(pdf))
        self._pdf_buffer.open(QIODevice.ReadOnly)
        self.certificates_document.load(self._pdf_buffer)
        self.certificates_tabs.setCurrentWidget(self.certificates_pdf_view)
        self.certificates_status.setText(
            self.tr("Preview of {count} certificate(s); nothing was recorded.").format(count=pages)
        )
        self.previewed.emit(self.certificates_document.pageCount())

    @Slot()
    def _on_certificates_save_clicked(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        path = self._ask_pdf_path(self.tr("Save certificates"), "giay-khen")
        if not path:
            return
        options = self.options()
        decision = self._decision
        # Serials and the register are written only together with the complete file.
        data = certificate_files.plan(decision, chosen, self.actor)

        def done(pdf: bytes) -> None:
            try:
                summary = certificate_files.commit_to_file(
                    decision, chosen, self.actor, options, path, data, pdf
                )
            except (OSError, ServiceError) as exc:
                self._show_error(self.tr("Could not write {path}: {error}").format(
                    path=path, error=getattr(exc, "strerror", None) or exc
                ))  # fmt: skip
                return
            self._refresh_lines()
            self.certificates_status.setText(self._summary_text(summary, path))
            self.saved.emit(path)

        self._run(lambda progress: certificates.render(data, options, progress), done)

    @Slot()
    def _on_certificates_print_clicked(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        options = self.options()
        printer = prompts.ask_printer(self, _page_layout(options.paper))
        if printer is None:
            return
        decision = self._decision
        # As for a file: the pages are drawn from the serials the recipients would get, and the
        # serials and the register are written only once the printer took the pages.
        data = certificate_files.plan(decision, chosen, self.actor)
        self._run(
            lambda progress: certificates.render(data, options, progress),
            lambda pdf: self._send_to_printer(decision, chosen, options, printer, data, pdf),
        )

    def _send_to_printer(self, decision, chosen, options, printer: QPrinter, data, pdf) -> None:
        try:
            current = certificate_files.plan(decision, chosen, self.actor)
        except ServiceError as exc:  # e.g. the right to print was taken away meanwhile
            self._show_error(str(exc))
            self.certificates_status.setText(self.tr("Nothing was recorded in the register."))
            self.printed.emit(0)
            return
        if current != data:
            # Another clerk took serials (or a recipient changed) while the pages were drawn:
            # draw them again before any paper is used, as saving a file does.
            self._run(
                lambda progress: certificates.render(current, options, progress),
                lambda again: self._send_to_printer(
                    decision, chosen, options, printer, current, again
                ),
            )
            return
        printed, cancelled = self._print_pdf(pdf, printer)
        if printed:
            try:
                summary = certificate_files.commit_printed(
                    decision, chosen[:printed], self.actor, options, data[:printed]
                )
            except ServiceError as exc:
                self._show_error(str(exc))
                printed = 0
            else:
                self.certificates_status.setText(self._summary_text(summary, printer.printerName()))
        if not printed and cancelled:
            self.certificates_status.setText(self.tr("Cancelled: nothing was recorded."))
        elif not printed:
            self.certificates_status.setText(self.tr("Nothing was recorded in the register."))
        self._refresh_lines()
        if not printed and cancelled:
            self.cancelled.emit()
        self.printed.emit(printed)  # how many were recorded

    def _print_pdf(self, pdf: bytes, printer: QPrinter) -> tuple[int, bool]:
        """Send the pages to the printer; returns how many went out (0 when the printer could
        not be opened or refused the job, or the user cancelled and the job could be dropped)
        and whether the user cancelled."""
        document = QPdfDocument(self)
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.ReadOnly)
        document.load(buffer)
        count = document.pageCount()
        progress = QProgressDialog(
            self.tr("Sending certificates to the printer…"), self.tr("Cancel"), 0, count, self
        )
        progress.setWindowModality(Qt.WindowModal)
        progress.setMinimumDuration(500)
        painter = QPainter()
        if not painter.begin(printer):
            progress.close()
            document.close()
            self._show_error(self.tr("The printer could not be opened."))
            return 0, False
        printed = 0
        cancelled = False
        try:
            for page in range(count):
                if progress.wasCanceled():
                    cancelled = True
                    break
                if page:
                    printer.newPage()
                target = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
                target.moveTo(0, 0)
                points = document.pagePointSize(page)
                dpi = min(PRINT_DPI, printer.resolution())
                image = document.render(
                    page,
                    QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)),
                )
                painter.drawImage(target, image)
                printed += 1
                progress.setValue(printed)
                QApplication.processEvents()
        except Exception as exc:  # a page the driver or the PDF reader could not take
            printer.abort()
            painter.end()
            self._show_error(
                self.tr("Could not print: {error}. Nothing was recorded.").format(error=exc)
            )
            return 0, False
        finally:
            progress.close()
            document.close()
        # A cancelled job the spooler can drop prints nothing; one it cannot (a PDF printer,
        # some drivers) still prints the pages already sent, and those are recorded.
        if cancelled and printer.abort():
            painter.end()
            return 0, True
        ended = painter.end()
        if not ended or printer.printerState() in (
            QPrinter.PrinterState.Error,
            QPrinter.PrinterState.Aborted,
        ):
            self._show_error(self.tr("The printer did not accept the job: nothing was recorded."))
            return 0, False
        return printed, cancelled

    def _summary_text(self, summary: certificates.PrintSummary, where: str) -> str:
        text = self.tr("{count} certificate(s) recorded in the register ({where}).").format(
            count=summary.printed, where=where
        )
        if summary.reprints:
            text += " " + self.tr("{count} of them are reprints.").format(count=summary.reprints)
        return text

    def _ask_pdf_path(self, title: str, prefix: str) -> str:
        """Ask where to save a PDF of the decision, suggesting "<prefix>-<its number>.pdf"."""
        suggested = f"{prefix}-{self._decision.number.replace('/', '-')}.pdf"
        return prompts.save_file(self, title, suggested, prompts.PDF_FILTER, "certificates")

    @Slot()
    def _on_certificates_list_clicked(self) -> None:
        if self._decision is None:
            return
        path = self._ask_pdf_path(self.tr("Save the decision's list"), "danh-sach")
        if not path:
            return
        try:
            output_files.write_bytes(
                path, certificates.decision_list_pdf(self._decision, actor=self.actor)
            )
        except (OSError, ServiceError) as exc:
            self._show_error(str(exc))
            return
        self.certificates_status.setText(self.tr("List saved to {path}.").format(path=path))
        self.saved.emit(path)

    # -- the background task --------------------------------------------------------------
    def _run(self, job, on_done: Callable[[bytes], None]) -> None:
        """Render through the task helper behind a cancellable progress dialog."""

        def finished(pdf: bytes) -> None:
            self.task = None
            self._update_buttons()
            on_done(pdf)

        def failed(exc: BaseException) -> None:
            self.task = None
            self._update_buttons()
            if isinstance(exc, (tasks.TaskCancelled, RenderCancelled)):
                self._on_task_cancelled()
            else:
                self._show_error(str(exc))

        # Kept before it starts, so Cancel (or ``cancel_task``) reaches it from the first page.
        self.task = tasks.run_task(
            self, self.tr("Preparing certificates…"), job, finished, failed, start=False
        )
        self._update_buttons()
        self.task.start()

    def cancel_task(self) -> None:
        """Stop the running batch (the progress dialog's Cancel does the same)."""
        if self.task is not None:
            self.task.cancel()

    def _on_task_cancelled(self) -> None:
        self._refresh_lines()
        self.certificates_status.setText(self.tr("Cancelled: nothing was recorded."))
        self.cancelled.emit()

    # -- revoke, verify, settings ---------------------------------------------------------
    @Slot()
    def _on_certificates_revoke_clicked(self) -> None:
        rows = {index.row() for index in self.certificates_table.selectionModel().selectedRows()}
        current = self.certificates_table.currentIndex()
        if not rows and current.isValid():
            rows = {current.row()}
        if len(rows) != 1:
            self._show_error(self.tr("Select one recipient to revoke."))
            return
        line = self.certificates_model.line(rows.pop())
        reason = prompts.ask_text(
            self,
            self.tr("Revoke commendation"),
            self.tr("Reason for revoking the commendation of {name}:").format(
                name=line.recipient_name
            ),
            multiline=True,
        )
        if reason is None:
            return
        try:
            certificates.revoke(line.commendation_uuid, reason, self.actor)
        except ServiceError as exc:
            self._show_error(str(exc))
            return
        self._refresh_lines()
        self.certificates_status.setText(
            self.tr("The commendation of {name} was revoked.").format(name=line.recipient_name)
        )

    @Slot()
    def _on_certificates_verify_clicked(self) -> None:
        name = self.certificates_verify_name.text().strip() or None
        from movement_desk.services.certificates import recognition

        code = self.certificates_verify_code.text()
        # A recognition certificate ("Giấy công nhận") of this database's register first.
        other = recognition.verify(code, name=name, public_key=self.verify_public_key)
        if other is not None:
            self.certificates_verify_result.setPlainText(other.message())
            self.verified.emit(certificates.VALID if other.ok else certificates.INVALID)
            return
        result = certificates.verify(code, name=name, public_key=self.verify_public_key)
        self.certificates_verify_result.setPlainText(result.message())
        self.verified.emit(result.status)

    @Slot()
    def _on_certificates_verify_key_button_clicked(self) -> None:
        from pathlib import Path

        from movement_desk.services.core import signing

        path = prompts.open_file(
            self, self.tr("Issuer's key file"), "movement_desk key (*.mdkey)", "keys"
        )
        if not path:
            return
        try:
            self.verify_public_key = signing.read_public_key_file(path)
        except ServiceError as exc:
            prompts.fail(self, self.tr("Issuer's key file"), str(exc))
            return
        self.certificates_verify_key.setText(
            f"{Path(path).name} ({signing.fingerprint(self.verify_public_key.key_id)})"
        )

    def load_settings(self) -> None:
        values = certificates.certificate_settings()
        self.certificates_authority.setText(values["authority"] or "")
        index = self.certificates_signer_prefix.findData(values["signer_prefix"] or "")
        self.certificates_signer_prefix.setCurrentIndex(max(index, 0))
        self.certificates_signer_title.setPlainText(values["signer_title"] or "")
        self.certificates_signer_name.setText(values["signer_name"] or "")
        self.certificates_place.setText(values["place"] or "")
        paper_index = self.certificates_paper.findData(values["certificate_paper"])
        self.certificates_paper.setCurrentIndex(max(paper_index, 0))
        self.certificates_preprinted.setChecked(values["certificate_preprinted"])
        self._on_certificates_paper_currentIndexChanged(0)

    @Slot()
    def _on_certificates_settings_save_clicked(self) -> None:
        raw = {
            "authority": self.certificates_authority.text(),
            "signer_prefix": self.certificates_signer_prefix.currentData() or "",
            "signer_title": self.certificates_signer_title.toPlainText(),
            "signer_name": self.certificates_signer_name.text(),
            "place": self.certificates_place.text(),
            "certificate_paper": self.paper(),
            "certificate_preprinted": self.certificates_preprinted.isChecked(),
            "offset_right": self.certificates_offset_right.value(),
            "offset_down": self.certificates_offset_down.value(),
        }
        try:
            certificates.save_certificate_settings(raw, self.actor)
        except ServiceError as exc:
            self._show_error(str(exc))
            return
        self.load_settings()
        self.certificates_status.setText(self.tr("Settings saved."))
        self.settings_saved.emit()


def _page_layout(paper: str) -> QPageLayout:
    size = QPageSize(QPageSize.PageSizeId.A3 if paper == "a3" else QPageSize.PageSizeId.A4)
    width, height = PAPERS[paper]
    orientation = (
        QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))
