"""The Reports view: pick a unit and a period, write the free-text sections, preview the PDF
inside the application, print it, or save it as PDF or Excel.

Self-contained: the main window puts a ``ReportsView`` in its navigation. Everything it knows
comes from ``services.reports`` (no SQL here). Message boxes and file dialogs go through the
small functions at the top of this module so that a test replaces one function.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QDate,
    QIODevice,
    QModelIndex,
    QRectF,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from movement_desk import vietnamese
from movement_desk.pdf.report_data import NOTE_DIRECTIONS, NOTE_SHORTCOMINGS, ReportData
from movement_desk.services import reports, settings
from movement_desk.services.actor import LOCAL_ACTOR, Actor
from movement_desk.services.errors import ServiceError
from movement_desk.services.periods import Period, period_containing
from movement_desk.services.settings import PERIOD_RULE_CALENDAR, PERIOD_RULE_DECREE

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
PRINT_DPI = 300


# -- prompts (one place for dialogs, replaced in tests) ------------------------------------------
def ask_save_path(parent: QWidget, caption: str, suggested: str, file_filter: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, caption, suggested, file_filter)
    return path


def show_error(parent: QWidget, text: str) -> None:
    QMessageBox.warning(parent, parent.tr("Report"), text)


def show_info(parent: QWidget, text: str) -> None:
    QMessageBox.information(parent, parent.tr("Report"), text)


class UnitFilterProxy(QSortFilterProxyModel):
    """Shows the units whose name or code contains the typed text, ignoring case and accents;
    the parents of a match stay visible."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._needle = ""
        self.setRecursiveFilteringEnabled(True)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = vietnamese.fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        if not self._needle:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return self._needle in (index.data(SEARCH_ROLE) or "")


class ReportsView(QWidget):
    """Unit and period pickers, free-text sections, an in-app preview, print and save."""

    report_built = Signal(object)  # the ReportData just built
    notes_saved = Signal()

    KINDS = ("month", "quarter", "half", "year", "range")

    def __init__(self, parent: QWidget | None = None, actor: Actor = LOCAL_ACTOR):
        super().__init__(parent)
        self.setObjectName("reportsView")
        self.actor = actor
        self.data: ReportData | None = None
        self.pdf_bytes: bytes = b""
        self._buffer: QBuffer | None = None
        self._notes_key: tuple | None = None
        self._build_widgets()
        self._load_units()
        self._set_default_period()
        self._load_notes()

    # -- building ------------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        controls = QWidget()
        column = QVBoxLayout(controls)

        unit_box = QGroupBox(self.tr("Unit"))
        unit_layout = QVBoxLayout(unit_box)
        self.reports_unit_search = QLineEdit()
        self.reports_unit_search.setPlaceholderText(self.tr("Search by name or code…"))
        self.reports_unit_search.setClearButtonEnabled(True)
        self.unit_model = QStandardItemModel(self)
        self.unit_proxy = UnitFilterProxy(self)
        self.unit_proxy.setSourceModel(self.unit_model)
        self.reports_unit_tree = QTreeView()
        self.reports_unit_tree.setModel(self.unit_proxy)
        self.reports_unit_tree.setHeaderHidden(True)
        self.reports_unit_tree.setMinimumHeight(180)
        unit_layout.addWidget(self.reports_unit_search)
        unit_layout.addWidget(self.reports_unit_tree)
        column.addWidget(unit_box)

        period_box = QGroupBox(self.tr("Period"))
        form = QFormLayout(period_box)
        self.reports_kind = QComboBox()
        for key, label in zip(
            self.KINDS,
            (
                self.tr("Month"),
                self.tr("Quarter"),
                self.tr("6 months"),
                self.tr("Year"),
                self.tr("Date range"),
            ),
            strict=True,
        ):
            self.reports_kind.addItem(label, key)
        self.reports_year = QSpinBox()
        self.reports_year.setRange(2000, 2100)
        self.reports_number = QComboBox()
        self.reports_from = QDateEdit()
        self.reports_to = QDateEdit()
        for edit in (self.reports_from, self.reports_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.reports_rule = QComboBox()
        self.reports_rule.addItem(self.tr("Decree 09/2019 (15th to 14th)"), PERIOD_RULE_DECREE)
        self.reports_rule.addItem(self.tr("Calendar months"), PERIOD_RULE_CALENDAR)
        self.reports_rollup = QCheckBox(self.tr("Count old units' records in their successors"))
        self.reports_covers = QLabel()
        self.reports_covers.setWordWrap(True)
        form.addRow(self.tr("Kind"), self.reports_kind)
        form.addRow(self.tr("Year"), self.reports_year)
        form.addRow(self.tr("Which"), self.reports_number)
        form.addRow(self.tr("From"), self.reports_from)
        form.addRow(self.tr("To"), self.reports_to)
        form.addRow(self.tr("Rule"), self.reports_rule)
        form.addRow(self.reports_rollup)
        form.addRow(self.reports_covers)
        column.addWidget(period_box)

        header_box = QGroupBox(self.tr("Report"))
        header_form = QFormLayout(header_box)
        self.reports_date = QDateEdit(QDate.currentDate())
        self.reports_date.setCalendarPopup(True)
        self.reports_date.setDisplayFormat("dd/MM/yyyy")
        self.reports_number_text = QLineEdit()
        self.reports_number_text.setPlaceholderText(self.tr("blank until registered"))
        header_form.addRow(self.tr("Date signed"), self.reports_date)
        header_form.addRow(self.tr("Number"), self.reports_number_text)
        column.addWidget(header_box)

        notes_box = QGroupBox(self.tr("Written sections"))
        notes_layout = QVBoxLayout(notes_box)
        self.reports_shortcomings = QPlainTextEdit()
        self.reports_directions = QPlainTextEdit()
        for edit in (self.reports_shortcomings, self.reports_directions):
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(70)
        notes_layout.addWidget(QLabel(self.tr("Shortcomings and limitations")))
        notes_layout.addWidget(self.reports_shortcomings)
        notes_layout.addWidget(QLabel(self.tr("Directions and tasks")))
        notes_layout.addWidget(self.reports_directions)
        self.reports_save_notes = QPushButton(self.tr("Save sections"))
        notes_layout.addWidget(self.reports_save_notes)
        column.addWidget(notes_box)

        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(controls)
        scroll.setMinimumWidth(360)

        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.reports_preview = QPushButton(self.tr("Preview"))
        self.reports_preview.setDefault(True)
        self.reports_print = QPushButton(self.tr("Print…"))
        self.reports_save_pdf = QPushButton(self.tr("Save PDF…"))
        self.reports_save_xlsx = QPushButton(self.tr("Save Excel…"))
        for button in (
            self.reports_preview,
            self.reports_print,
            self.reports_save_pdf,
            self.reports_save_xlsx,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        preview_layout.addLayout(buttons)
        self.reports_status = QLabel(self.tr("Pick a unit and a period, then Preview."))
        self.reports_status.setWordWrap(True)
        self.pdf_document = QPdfDocument(self)
        self.reports_pdf_view = QPdfView()
        self.reports_pdf_view.setDocument(self.pdf_document)
        self.reports_pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.reports_pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        preview_layout.addWidget(self.reports_status)
        preview_layout.addWidget(self.reports_pdf_view, 1)

        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(preview)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.reports_unit_search.textChanged.connect(self._on_reports_unit_search_textChanged)
        self.reports_unit_tree.selectionModel().currentChanged.connect(self._on_period_changed)
        self.reports_kind.currentIndexChanged.connect(self._on_reports_kind_currentIndexChanged)
        for signal in (
            self.reports_year.valueChanged,
            self.reports_number.currentIndexChanged,
            self.reports_rule.currentIndexChanged,
            self.reports_from.dateChanged,
            self.reports_to.dateChanged,
        ):
            signal.connect(self._on_period_changed)
        self.reports_save_notes.clicked.connect(self._on_reports_save_notes_clicked)
        self.reports_preview.clicked.connect(self._on_reports_preview_clicked)
        self.reports_print.clicked.connect(self._on_reports_print_clicked)
        self.reports_save_pdf.clicked.connect(self._on_reports_save_pdf_clicked)
        self.reports_save_xlsx.clicked.connect(self._on_reports_save_xlsx_clicked)

    def _load_units(self) -> None:
        self.unit_model.clear()
        items: dict[str, QStandardItem] = {}
        for choice in reports.unit_choices(self.actor):
            label = f"{choice.title} ({choice.code})"
            if choice.valid_to:
                label += " – " + self.tr("until {date}").format(
                    date=vietnamese.format_date(choice.valid_to)
                )
            item = QStandardItem(label)
            item.setEditable(False)
            item.setData(choice.code, CODE_ROLE)
            item.setData(choice.search_key, SEARCH_ROLE)
            parent = items.get(choice.parent_code) if choice.parent_code else None
            (parent or self.unit_model.invisibleRootItem()).appendRow(item)
            items[choice.code] = item
        self._unit_items = items
        home = settings.get("home_unit_code")
        if home in items or items:
            self.select_unit(home if home in items else next(iter(items)))

    def _set_default_period(self) -> None:
        rule = settings.get("period_rule") or PERIOD_RULE_DECREE
        self.reports_rule.setCurrentIndex(max(self.reports_rule.findData(rule), 0))
        current = period_containing(date.today(), "month", rule)
        today = QDate.currentDate()
        self.reports_from.setDate(QDate(today.year(), today.month(), 1))
        self.reports_to.setDate(today)
        self.set_period(current)

    # -- public helpers (also used by tests and the main window) -------------------------------
    def select_unit(self, code: str) -> None:
        item = self._unit_items.get(code)
        if item is None:
            return
        index = self.unit_proxy.mapFromSource(item.index())
        if index.isValid():
            self.reports_unit_tree.setCurrentIndex(index)
            self.reports_unit_tree.scrollTo(index)

    def unit_code(self) -> str | None:
        index = self.reports_unit_tree.currentIndex()
        return index.data(CODE_ROLE) if index.isValid() else None

    def set_period(self, period: Period) -> None:
        self.reports_kind.setCurrentIndex(self.KINDS.index(period.kind))
        self._fill_numbers()
        if period.kind == "range":
            self.reports_from.setDate(
                QDate(period.start.year, period.start.month, period.start.day)
            )
            self.reports_to.setDate(QDate(period.end.year, period.end.month, period.end.day))
        else:
            self.reports_year.setValue(period.year)
            if period.number:
                self.reports_number.setCurrentIndex(period.number - 1)
        self._on_period_changed()

    def period(self) -> Period:
        kind = self.reports_kind.currentData()
        if kind == "range":
            return Period("range", start=self.reports_from.date().toPython(),
                          end=self.reports_to.date().toPython())  # fmt: skip
        if kind == "year":
            return Period("year", self.reports_year.value())
        return Period(
            kind, self.reports_year.value(), max(self.reports_number.currentIndex(), 0) + 1
        )

    def rule(self) -> str:
        return self.reports_rule.currentData()

    # -- slots ---------------------------------------------------------------------------------
    def _on_reports_unit_search_textChanged(self, text: str) -> None:
        self.unit_proxy.set_text(text)
        if text:
            self.reports_unit_tree.expandAll()
            if not self.reports_unit_tree.currentIndex().isValid():
                match = self._first_match(QModelIndex(), vietnamese.fold(text))
                if match is not None:
                    self.reports_unit_tree.setCurrentIndex(match)

    def _first_match(self, parent: QModelIndex, needle: str) -> QModelIndex | None:
        """The first visible unit whose own name or code contains ``needle``."""
        for row in range(self.unit_proxy.rowCount(parent)):
            index = self.unit_proxy.index(row, 0, parent)
            if needle in (index.data(SEARCH_ROLE) or ""):
                return index
            found = self._first_match(index, needle)
            if found is not None:
                return found
        return None

    def _on_reports_kind_currentIndexChanged(self, _index: int) -> None:
        self._fill_numbers()
        self._on_period_changed()

    def _fill_numbers(self) -> None:
        kind = self.reports_kind.currentData()
        previous = self.reports_number.currentIndex()
        self.reports_number.blockSignals(True)
        self.reports_number.clear()
        if kind == "month":
            labels = [self.tr("Month {n}").format(n=f"{n:02d}") for n in range(1, 13)]
        elif kind == "quarter":
            labels = [self.tr("Quarter {n}").format(n=n) for n in ("I", "II", "III", "IV")]
        elif kind == "half":
            labels = [self.tr("First half"), self.tr("Second half")]
        else:
            labels = []
        self.reports_number.addItems(labels)
        if labels:
            self.reports_number.setCurrentIndex(min(max(previous, 0), len(labels) - 1))
        self.reports_number.blockSignals(False)
        is_range = kind == "range"
        self.reports_number.setEnabled(bool(labels))
        self.reports_year.setEnabled(not is_range)
        self.reports_from.setEnabled(is_range)
        self.reports_to.setEnabled(is_range)

    def _on_period_changed(self, *_args) -> None:
        if not hasattr(self, "_unit_items"):
            return
        try:
            period = self.period()
            start, end = period.bounds(self.rule())
        except (ServiceError, AssertionError):
            self.reports_covers.setText("")
            return
        self.reports_covers.setText(
            self.tr("{label}: {start} to {end}").format(
                label=period.label,
                start=vietnamese.format_date(start),
                end=vietnamese.format_date(end),
            )
        )
        self._load_notes()

    def _key(self) -> tuple | None:
        code = self.unit_code()
        if not code:
            return None
        return code, self.period().code, self.rule()

    def _load_notes(self) -> None:
        key = self._key()
        if key is None or key == self._notes_key:
            return
        notes = reports.load_notes(*key)
        self.reports_shortcomings.setPlainText(notes[NOTE_SHORTCOMINGS])
        self.reports_directions.setPlainText(notes[NOTE_DIRECTIONS])
        self._notes_key = key

    def save_notes(self) -> bool:
        key = self._key()
        if key is None:
            show_error(self, self.tr("Pick a unit first."))
            return False
        try:
            reports.save_notes(
                *key,
                {
                    NOTE_SHORTCOMINGS: self.reports_shortcomings.toPlainText(),
                    NOTE_DIRECTIONS: self.reports_directions.toPlainText(),
                },
                self.actor,
            )
        except ServiceError as exc:
            show_error(self, str(exc))
            return False
        self._notes_key = key
        self.notes_saved.emit()
        return True

    def _on_reports_save_notes_clicked(self) -> None:
        if self.save_notes():
            self.reports_status.setText(self.tr("Sections saved with the report."))

    def build(self) -> bool:
        """Save the written sections, compute the report and show it in the preview."""
        code = self.unit_code()
        if not code:
            show_error(self, self.tr("Pick a unit first."))
            return False
        if not self.save_notes():
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            data = reports.build_report(
                code,
                self.period(),
                self.rule(),
                rollup=self.reports_rollup.isChecked(),
                report_date=self.reports_date.date().toPython(),
                number=self.reports_number_text.text(),
                actor=self.actor,
            )
            pdf = reports.render_pdf(data)
        except ServiceError as exc:
            show_error(self, str(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.data, self.pdf_bytes = data, pdf
        self._show_pdf(pdf)
        total = data.total
        self.reports_status.setText(
            self.tr(
                "{unit}, {period}: {sessions} sessions, {people} participants, {tips} tips; "
                "{reporting}/{expected} communes with data."
            ).format(
                unit=data.unit_title,
                period=data.period_label,
                sessions=vietnamese.format_number(total.sessions),
                people=vietnamese.format_number(total.participants),
                tips=vietnamese.format_number(total.tips),
                reporting=vietnamese.format_number(data.communes_reporting),
                expected=vietnamese.format_number(data.communes_expected),
            )
        )
        self.report_built.emit(data)
        return True

    def _show_pdf(self, pdf: bytes) -> None:
        self.pdf_document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf_document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer

    def _on_reports_preview_clicked(self) -> None:
        self.build()

    def _ensure_built(self) -> bool:
        return self.build() if self._stale() else True

    def _stale(self) -> bool:
        if self.data is None:
            return True
        return (self.data.unit_code, self.data.period_code, self.data.rule) != self._key()

    def _suggested_name(self, extension: str) -> str:
        data = self.data
        assert data is not None
        return f"bao-cao-{data.unit_code}-{data.period_code.replace('..', '_')}.{extension}"

    def _on_reports_save_pdf_clicked(self) -> None:
        if not self._ensure_built():
            return
        path = ask_save_path(
            self, self.tr("Save report as PDF"), self._suggested_name("pdf"), "PDF (*.pdf)"
        )
        if not path:
            return
        try:
            with open(path, "wb") as handle:
                handle.write(self.pdf_bytes)
            reports.record_print(self.data, self.actor, "pdf", path)
        except (OSError, ServiceError) as exc:
            show_error(
                self, self.tr("Could not write {path}: {error}").format(path=path, error=exc)
            )
            return
        self.reports_status.setText(self.tr("Saved {path}").format(path=path))

    def _on_reports_save_xlsx_clicked(self) -> None:
        if not self._ensure_built():
            return
        path = ask_save_path(
            self, self.tr("Save tables as Excel"), self._suggested_name("xlsx"), "Excel (*.xlsx)"
        )
        if not path:
            return
        try:
            reports.write_workbook(self.data, path, actor=self.actor)
        except (OSError, ServiceError) as exc:
            show_error(
                self, self.tr("Could not write {path}: {error}").format(path=path, error=exc)
            )
            return
        self.reports_status.setText(self.tr("Saved {path}").format(path=path))

    def _on_reports_print_clicked(self) -> None:
        if not self._ensure_built():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted and self.print_to(printer):
            try:
                reports.record_print(self.data, self.actor, "printer")
            except ServiceError as exc:
                show_error(self, str(exc))

    def print_to(self, printer: QPrinter) -> int:
        """Paint every page of the preview on ``printer``; returns the number of pages."""
        pages = self.pdf_document.pageCount()
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, self.tr("The printer could not be started."))
            return 0
        try:
            for page in range(pages):
                if page:
                    printer.newPage()
                target = painter.viewport()
                size = self.pdf_document.pagePointSize(page)
                scale = min(target.width() / size.width(), target.height() / size.height())
                # 300 dpi is plenty on paper and keeps an A4 page image near 35 MB at most.
                dpi = min(printer.resolution(), PRINT_DPI)
                image = self.pdf_document.render(page, (size * dpi / 72).toSize())
                painter.drawImage(QRectF(0, 0, size.width() * scale, size.height() * scale), image)
        finally:
            painter.end()
        return pages
