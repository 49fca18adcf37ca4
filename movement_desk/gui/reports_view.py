"""The Reports view: pick a unit and a period, write the free-text sections, preview the PDF
inside the application, print it, or save it as PDF or Excel.

Self-contained: the main window puts a ``ReportsView`` in its navigation. Everything it knows
comes from ``services.reports`` (no SQL here). Message boxes, file and print dialogs go through
``gui.prompts``; the report is computed and rendered in the background through ``gui.tasks``.
The period shown first is the most recent one that has ended: a supervisor prints last
month's report, not the one still being entered.
"""

from __future__ import annotations

from collections.abc import Callable
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
from PySide6.QtGui import QPainter, QStandardItem, QStandardItemModel
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
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
from movement_desk.gui import prompts, tasks
from movement_desk.gui.period_locks_dialog import PeriodLockDialog
from movement_desk.pdf.report_data import NOTE_DIRECTIONS, NOTE_SHORTCOMINGS, ReportData
from movement_desk.services import reports
from movement_desk.services.core import output_files, permissions, settings
from movement_desk.services.core.actor import LOCAL_ACTOR, Actor
from movement_desk.services.core.errors import ServiceError
from movement_desk.services.core.periods import Period, last_ended_period
from movement_desk.services.core.settings import PERIOD_RULE_CALENDAR, PERIOD_RULE_DECREE

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
PRINT_DPI = 300


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
    report_failed = Signal(str)  # why it could not be built
    notes_saved = Signal()

    KINDS = ("month", "quarter", "half", "year", "range")

    def __init__(self, parent: QWidget | None = None, actor: Actor = LOCAL_ACTOR):
        super().__init__(parent)
        self.setObjectName("reportsView")
        self.actor = actor
        self.data: ReportData | None = None
        self.pdf_bytes: bytes = b""
        self.task: tasks.BackgroundTask | None = None
        self._buffer: QBuffer | None = None
        self._notes_key: tuple | None = None
        self._unit_items: dict[str, QStandardItem] = {}
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
        self.reports_rollup_reason = QLabel()
        self.reports_rollup_reason.setObjectName("reports_rollup_reason")
        self.reports_rollup_reason.setWordWrap(True)
        self.reports_covers = QLabel()
        self.reports_covers.setWordWrap(True)
        form.addRow(self.tr("Kind"), self.reports_kind)
        form.addRow(self.tr("Year"), self.reports_year)
        form.addRow(self.tr("Which"), self.reports_number)
        form.addRow(self.tr("From"), self.reports_from)
        form.addRow(self.tr("To"), self.reports_to)
        form.addRow(self.tr("Rule"), self.reports_rule)
        form.addRow(self.reports_rollup)
        form.addRow(self.reports_rollup_reason)
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
        # Wide enough for the widest control (the rule's name), so no sideways scrolling.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(
            controls.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 4
        )

        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.reports_preview = QPushButton(self.tr("Preview"))
        self.reports_preview.setDefault(True)
        self.reports_print = QPushButton(self.tr("Print…"))
        self.reports_save_pdf = QPushButton(self.tr("Save PDF…"))
        self.reports_save_xlsx = QPushButton(self.tr("Save Excel…"))
        self.reports_lock = QPushButton(self.tr("Lock period…"))
        self.reports_lock.setObjectName("reports_lock")
        self.reports_lock.setToolTip(
            self.tr("Lock this unit's period so that its records cannot change without an unlock")
        )
        # Supervisors and administrators lock periods; the service refuses anyone else anyway.
        self.reports_lock.setVisible(permissions.can(self.actor, "period.lock"))
        for button in (
            self.reports_preview,
            self.reports_print,
            self.reports_save_pdf,
            self.reports_save_xlsx,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.reports_lock)
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
        self.reports_lock.clicked.connect(self._on_reports_lock_clicked)

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
        last = last_ended_period(date.today(), rule)
        start, end = last.bounds(rule)
        self.reports_from.setDate(QDate(start.year, start.month, start.day))
        self.reports_to.setDate(QDate(end.year, end.month, end.day))
        self.set_period(last)

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
        if period.kind != "range":
            # The greyed date fields show the days the chosen period covers.
            for edit, day in ((self.reports_from, start), (self.reports_to, end)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
        self._follow_mergers(period, start, end)
        self._load_notes()

    def _follow_mergers(self, period: Period, start: date, end: date) -> None:
        """Tick the succession box when older units merged into the unit (or units under it)
        after the start of the period or of the year before it that the report compares with
        (``reports.rollup_days``, the command line's default too), and say why; else leave
        it unticked."""
        code = self.unit_code()
        if not code:
            return
        try:
            days = reports.rollup_days(code, period, self.rule())
        except (ServiceError, AssertionError, ValueError):
            days = []
        self.reports_rollup.setChecked(bool(days))
        if days:
            self.reports_rollup_reason.setText(
                self.tr(
                    "Ticked because older units merged into this unit, or into units under it, "
                    "on {date}, and this period or the year before it that the report compares "
                    "with starts earlier: their records count here."
                ).format(date=vietnamese.format_date(days[-1]))
            )
        self.reports_rollup_reason.setVisible(bool(days))

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
            self._show_error(self.tr("Pick a unit first."))
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
            self._show_error(str(exc))
            return False
        self._notes_key = key
        self.notes_saved.emit()
        return True

    def _on_reports_save_notes_clicked(self) -> None:
        if self.save_notes():
            self.reports_status.setText(self.tr("Sections saved with the report."))

    def _show_error(self, text: str) -> None:
        prompts.warn(self, self.tr("Report"), text)

    def build(self, then: Callable[[], None] | None = None) -> bool:
        """Save the written sections, then compute and render the report in the background;
        the preview shows it (``report_built``) and ``then`` runs once it is ready. False when
        it could not start (no unit, the sections refused, a report already being built)."""
        code = self.unit_code()
        if not code:
            self._show_error(self.tr("Pick a unit first."))
            return False
        if self.task is not None and not self.task.done:
            return False
        if not self.save_notes():
            return False
        # Read every widget here, on the GUI thread; the worker gets plain values.
        period, rule, rollup = self.period(), self.rule(), self.reports_rollup.isChecked()
        report_date = self.reports_date.date().toPython()
        number = self.reports_number_text.text()
        actor = self.actor

        def work(progress) -> tuple[ReportData, bytes]:
            data = reports.build_report(
                code,
                period,
                rule,
                rollup=rollup,
                report_date=report_date,
                number=number,
                actor=actor,
            )
            return data, reports.render_pdf(data)

        self._set_busy(True)
        self.reports_status.setText(self.tr("Preparing the report…"))
        self.task = tasks.run_task(
            self,
            self.tr("Preparing the report…"),
            work,
            lambda result: self._on_built(result, then),
            self._on_build_failed,
        )
        return True

    def _set_busy(self, busy: bool) -> None:
        for button in (
            self.reports_preview,
            self.reports_print,
            self.reports_save_pdf,
            self.reports_save_xlsx,
        ):
            button.setEnabled(not busy)

    def _on_build_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, tasks.TaskCancelled):
            self.reports_status.setText(self.tr("Cancelled."))
            return
        message = str(exc) if isinstance(exc, ServiceError) else f"{type(exc).__name__}: {exc}"
        self.reports_status.setText(message)
        self._show_error(message)
        self.report_failed.emit(message)

    def _on_built(self, result: tuple[ReportData, bytes], then: Callable[[], None] | None) -> None:
        self._set_busy(False)
        data, pdf = result
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
        if then is not None:
            then()

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

    def _when_built(self, then: Callable[[], None]) -> None:
        """Run ``then`` on an up-to-date report, building it first when needed."""
        if self._stale():
            self.build(then)
        else:
            then()

    def _stale(self) -> bool:
        if self.data is None:
            return True
        return (self.data.unit_code, self.data.period_code, self.data.rule) != self._key()

    def _suggested_name(self, extension: str) -> str:
        data = self.data
        assert data is not None
        return f"bao-cao-{data.unit_code}-{data.period_code.replace('..', '_')}.{extension}"

    def _on_reports_save_pdf_clicked(self) -> None:
        self._when_built(self.save_pdf)

    def save_pdf(self) -> None:
        path = prompts.save_file(
            self,
            self.tr("Save report as PDF"),
            self._suggested_name("pdf"),
            prompts.PDF_FILTER,
            "reports",
        )
        if not path:
            return
        try:
            output_files.write_bytes(path, self.pdf_bytes)
            reports.record_print(self.data, self.actor, "pdf", path)
        except (OSError, ServiceError) as exc:
            self._show_error(
                self.tr("Could not write {path}: {error}").format(path=path, error=exc)
            )
            return
        self.reports_status.setText(self.tr("Saved {path}").format(path=path))

    def _on_reports_save_xlsx_clicked(self) -> None:
        self._when_built(self.save_xlsx)

    def save_xlsx(self) -> None:
        path = prompts.save_file(
            self,
            self.tr("Save tables as Excel"),
            self._suggested_name("xlsx"),
            "Excel (*.xlsx)",
            "reports",
        )
        if not path:
            return
        try:
            reports.write_workbook(self.data, path, actor=self.actor)
        except (OSError, ServiceError) as exc:
            self._show_error(
                self.tr("Could not write {path}: {error}").format(path=path, error=exc)
            )
            return
        self.reports_status.setText(self.tr("Saved {path}").format(path=path))

    def _on_reports_print_clicked(self) -> None:
        self._when_built(self.print_report)

    def print_report(self) -> None:
        printer = prompts.ask_printer(self)
        if printer is not None and self.print_to(printer):
            try:
                reports.record_print(self.data, self.actor, "printer")
            except ServiceError as exc:
                self._show_error(str(exc))

    def _on_reports_lock_clicked(self) -> None:
        code = self.unit_code()
        if not code:
            self._show_error(self.tr("Pick a unit first."))
            return
        self.lock_dialog(code).exec()

    def lock_dialog(self, code: str):
        """The period-lock dialog for ``code`` and the period shown."""
        return PeriodLockDialog(
            self.actor, self, unit_code=code, period=self.period(), rule=self.rule()
        )

    def print_to(self, printer: QPrinter) -> int:
        """Paint every page of the preview on ``printer``; returns the number of pages."""
        pages = self.pdf_document.pageCount()
        painter = QPainter()
        if not painter.begin(printer):
            self._show_error(self.tr("The printer could not be started."))
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
