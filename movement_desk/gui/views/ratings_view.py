"""The "An toàn về ANTT" page: the year's ratings, the organisations register and the pledges.

Three tabs over the services ``ratings``, ``organisations`` and ``pledges``; every save,
delete and outcome goes through them (rights, scope, audit) and is pushed on the window's
undo stack. The evaluation periods of the circular are shown above the ratings.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from movement_desk import vietnamese
from movement_desk.db.choices import (
    ManagingLevel,
    OrganisationKind,
    RatingResult,
    RatingSubject,
    SignerPrefix,
    UnitKind,
)
from movement_desk.gui import prompts, undo
from movement_desk.services import dashboard
from movement_desk.services.certificates import recognition
from movement_desk.services.core import permissions
from movement_desk.services.core.errors import ServiceError, ValidationError
from movement_desk.services.records import organisations, pledges, ratings, units


def _record_table(parent: QWidget, name: str, model) -> QTableView:
    """A table of one tab's records: whole rows selected, named for tests and screenshots."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectRows)
    return table


class RowsModel(QAbstractTableModel):
    """A read-only table of already formatted rows; ``records`` holds what each row shows."""

    def __init__(self, headers: list[str], parent=None):
        super().__init__(parent)
        self.headers = headers
        self.rows: list[list[str]] = []
        self.records: list[object] = []

    def set_rows(self, rows: list[list[str]], records: list[object]) -> None:
        self.beginResetModel()
        self.rows, self.records = rows, records
        self.endResetModel()

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt's name
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt's name
        return 0 if parent is not None and parent.isValid() else len(self.headers)

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or role != Qt.DisplayRole:
            return None
        return self.rows[index.row()][index.column()]

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 - Qt's name
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.headers[section]
        return None


class RatingDialog(QDialog):
    """One rating: registration, result, recognition; errors listed under the fields."""

    saved = Signal(object)

    FIELDS = (
        "unit_code",
        "organisation",
        "registered_on",
        "registration_ref",
        "households_registered",
        "missed_criteria",
        "recognised_by",
        "decision_number",
        "decision_date",
        "signer_name",
    )

    def __init__(self, actor, raw: dict | None = None, uuid: str | None = None, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.uuid = uuid
        self.setObjectName("rating_dialog")
        self.setWindowTitle(self.tr("Safety rating"))
        form = QFormLayout()
        self.rating_year = QSpinBox(self)
        self.rating_year.setRange(ratings.FIRST_YEAR, date.today().year + 1)
        self.rating_year.setValue(date.today().year)
        self.rating_subject = QComboBox(self)
        for subject in RatingSubject:
            self.rating_subject.addItem(subject.label, subject.value)
        self.rating_result = QComboBox(self)
        for result in RatingResult:
            self.rating_result.addItem(result.label, result.value)
        self.edits: dict[str, QLineEdit] = {}
        labels = {
            "unit_code": self.tr("Unit code (residential area or commune)"),
            "organisation": self.tr("Agency, enterprise or school"),
            "registered_on": self.tr("Registered on"),
            "registration_ref": self.tr("Resolution or plan reference"),
            "households_registered": self.tr("Households registered"),
            "missed_criteria": self.tr("Criteria missed (numbers)"),
            "recognised_by": self.tr("Recognised by"),
            "decision_number": self.tr("Recognition decision number"),
            "decision_date": self.tr("Recognition decision date"),
            "signer_name": self.tr("Recognition decision signed by"),
        }
        form.addRow(self.tr("Year"), self.rating_year)
        form.addRow(self.tr("Subject"), self.rating_subject)
        for name in self.FIELDS[:5]:
            self.edits[name] = QLineEdit(self)
            self.edits[name].setObjectName(f"rating_{name}")
            form.addRow(labels[name], self.edits[name])
        form.addRow(self.tr("Result"), self.rating_result)
        for name in self.FIELDS[5:]:
            self.edits[name] = QLineEdit(self)
            self.edits[name].setObjectName(f"rating_{name}")
            form.addRow(labels[name], self.edits[name])
        # In which capacity the decision was signed: the decision form's choices.
        self.rating_signer_prefix = QComboBox(self)
        self.rating_signer_prefix.setObjectName("rating_signer_prefix")
        for prefix in SignerPrefix:
            self.rating_signer_prefix.addItem(prefix.label, prefix.value)
        self.rating_signer_title = QPlainTextEdit(self)
        self.rating_signer_title.setObjectName("rating_signer_title")
        self.rating_signer_title.setTabChangesFocus(True)
        metrics = self.rating_signer_title.fontMetrics()
        self.rating_signer_title.setFixedHeight(metrics.lineSpacing() * 2 + 14)
        form.addRow(self.tr("Signing capacity"), self.rating_signer_prefix)
        form.addRow(self.tr("Signer's title (one line each)"), self.rating_signer_title)
        self._signer_body = ""
        self.period_label = QLabel(self)
        self.period_label.setWordWrap(True)
        self.criteria_label = QLabel(self)
        self.criteria_label.setWordWrap(True)
        # The criteria (a long text) scroll in a few lines of their own: on a 768-pixel screen
        # they would otherwise squeeze the form's fields until their text is cut.
        criteria = QScrollArea(self)
        criteria.setObjectName("rating_criteria")
        criteria.setWidgetResizable(True)
        criteria.setFrameShape(QScrollArea.Shape.NoFrame)
        criteria.setWidget(self.criteria_label)
        criteria.setMaximumHeight(self.criteria_label.fontMetrics().lineSpacing() * 6)
        self.errors_label = QLabel(self)
        self.errors_label.setObjectName("rating_errors")
        self.errors_label.setStyleSheet("color: #b00020")
        self.errors_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.period_label)
        layout.addWidget(criteria)
        layout.addWidget(self.errors_label)
        layout.addWidget(buttons)
        self.rating_year.valueChanged.connect(self._on_rating_year_changed)
        self.rating_subject.currentIndexChanged.connect(self._on_rating_year_changed)
        self.edits["recognised_by"].textChanged.connect(self._on_rating_recognised_by_changed)
        if raw:
            self.set_raw(raw)
        self._on_rating_year_changed()

    def set_raw(self, raw: dict) -> None:
        self.rating_year.setValue(int(raw.get("year") or date.today().year))
        self.rating_subject.setCurrentIndex(
            max(self.rating_subject.findData(raw.get("subject_kind")), 0)
        )
        self.rating_result.setCurrentIndex(
            max(self.rating_result.findData(raw.get("result") or "pending"), 0)
        )
        for name, edit in self.edits.items():
            value = raw.get(name, "")
            if isinstance(value, date):
                value = vietnamese.format_date(value)
            edit.setText("" if value is None else str(value))
        # Blank: the recognising body's usual capacity, shown as what will print.
        body = self.edits["recognised_by"].text()
        prefix, title = raw.get("signer_prefix") or "", raw.get("signer_title") or ""
        if not title:
            prefix, title = ratings.usual_signer(body) if body.strip() else ("", "")
        self._show_signer(prefix, title)
        self._signer_body = body

    def _signer(self) -> tuple[str, str]:
        return (
            self.rating_signer_prefix.currentData() or "",
            self.rating_signer_title.toPlainText().strip(),
        )

    def _show_signer(self, prefix: str, title: str) -> None:
        self.rating_signer_prefix.setCurrentIndex(
            max(self.rating_signer_prefix.findData(prefix), 0)
        )
        self.rating_signer_title.setPlainText(title)

    def _on_rating_recognised_by_changed(self, body: str) -> None:
        """The usual capacity follows the recognising body until the user picks another."""
        before = ratings.usual_signer(self._signer_body) if self._signer_body.strip() else ("", "")
        if self._signer() in (before, ("", "")):
            self._show_signer(*(ratings.usual_signer(body) if body.strip() else ("", "")))
        self._signer_body = body

    def raw(self) -> dict:
        values = {name: edit.text() for name, edit in self.edits.items()}
        values["signer_prefix"], values["signer_title"] = self._signer()
        result = self.rating_result.currentData()
        values.update(
            year=self.rating_year.value(),
            subject_kind=self.rating_subject.currentData(),
            result="" if result == RatingResult.PENDING.value else result,
        )
        return values

    def _on_rating_year_changed(self, *_args) -> None:
        subject = RatingSubject(self.rating_subject.currentData())
        year = self.rating_year.value()
        self.period_label.setText(
            self.tr("Evaluation period: {period}").format(period=ratings.period_text(subject, year))
        )
        criteria = ratings.criteria_for(subject, year)
        self.criteria_label.setText("\n".join(f"{c.number}. {c.text}" for c in criteria))

    def save(self) -> None:
        try:
            rating = ratings.save_rating(self.raw(), self.actor, self.uuid)
        except ValidationError as exc:
            self.errors_label.setText(str(exc))
            return
        except ServiceError as exc:
            self.errors_label.setText(str(exc))
            return
        self.saved.emit(rating)
        self.accept()


class PledgeDialog(QDialog):
    """A new emulation pledge: title, year, signing unit and date, targets, one party a line
    ("unit code" or "unit code; organisation name")."""

    def __init__(self, actor, year: int, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.setObjectName("pledge_dialog")
        self.setWindowTitle(self.tr("New emulation pledge"))
        form = QFormLayout()
        self.pledge_title = QLineEdit(self)
        self.pledge_year = QSpinBox(self)
        self.pledge_year.setRange(ratings.FIRST_YEAR, date.today().year + 1)
        self.pledge_year.setValue(year)
        self.pledge_unit = QLineEdit(self)
        self.pledge_signed_on = QLineEdit(self)
        self.pledge_signed_on.setPlaceholderText("dd/mm/yyyy")
        self.pledge_targets = QPlainTextEdit(self)
        self.pledge_parties = QPlainTextEdit(self)
        self.pledge_parties.setPlaceholderText(
            self.tr("One party a line: unit code[; organisation]")
        )
        form.addRow(self.tr("Title"), self.pledge_title)
        form.addRow(self.tr("Year"), self.pledge_year)
        form.addRow(self.tr("Signing unit code"), self.pledge_unit)
        form.addRow(self.tr("Signed on"), self.pledge_signed_on)
        form.addRow(self.tr("Targets"), self.pledge_targets)
        form.addRow(self.tr("Parties"), self.pledge_parties)
        self.errors_label = QLabel(self)
        self.errors_label.setStyleSheet("color: #b00020")
        self.errors_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors_label)
        layout.addWidget(buttons)
        self.pledge = None

    def raw(self) -> dict:
        parties = []
        for line in self.pledge_parties.toPlainText().splitlines():
            if not line.strip():
                continue
            code, _, organisation = line.partition(";")
            parties.append({"unit_code": code.strip(), "organisation": organisation.strip()})
        return {
            "title": self.pledge_title.text(),
            "year": self.pledge_year.value(),
            "unit_code": self.pledge_unit.text(),
            "signed_on": self.pledge_signed_on.text(),
            "targets": self.pledge_targets.toPlainText(),
            "parties": parties,
        }

    def save(self) -> None:
        try:
            self.pledge = pledges.save_pledge(self.raw(), self.actor)
        except ServiceError as exc:
            self.errors_label.setText(str(exc))
            return
        self.accept()


class RatingsView(QWidget):
    """Tabs: ratings of a year, organisations, pledges."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.actor = context.actor
        self.setObjectName("ratings_view")
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._ratings_tab(), self.tr("Ratings"))
        self.tabs.addTab(self._areas_tab(), self.tr("Residential areas"))
        self.tabs.addTab(self._organisations_tab(), self.tr("Agencies, enterprises, schools"))
        self.tabs.addTab(self._pledges_tab(), self.tr("Emulation pledges"))
        self.tabs.addTab(self._criteria_tab(), self.tr("Criteria"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        context.events.changed.connect(self._on_events_changed)
        self.refresh()

    # -- ratings ------------------------------------------------------------------------------
    def _ratings_tab(self) -> QWidget:
        tab = QWidget(self)
        self.ratings_year = QSpinBox(tab)
        self.ratings_year.setObjectName("ratings_year")
        self.ratings_year.setRange(ratings.FIRST_YEAR, date.today().year + 1)
        self.ratings_year.setValue(min(date.today().year, self.ratings_year.maximum()))
        self.ratings_year.valueChanged.connect(self.refresh)
        self.ratings_subject = QComboBox(tab)
        self.ratings_subject.addItem(self.tr("All subjects"), None)
        for subject in RatingSubject:
            self.ratings_subject.addItem(subject.label, subject.value)
        self.ratings_subject.currentIndexChanged.connect(self.refresh)
        self.ratings_summary = QLabel(tab)
        self.ratings_summary.setObjectName("ratings_summary")
        self.ratings_summary.setWordWrap(True)
        self.ratings_periods = QLabel(tab)
        self.ratings_periods.setWordWrap(True)
        self.ratings_model = RowsModel(
            [
                self.tr("Subject"),
                self.tr("Name"),
                self.tr("Unit"),
                self.tr("Registered on"),
                self.tr("Households"),
                self.tr("Result"),
                self.tr("Criteria missed"),
                self.tr("Recognition decision"),
            ],
            self,
        )
        self.ratings_table = _record_table(tab, "ratings_table", self.ratings_model)
        self.ratings_table.activated.connect(self.edit_rating)
        self.ratings_table.horizontalHeader().setStretchLastSection(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Year"), tab))
        bar.addWidget(self.ratings_year)
        bar.addWidget(self.ratings_subject)
        bar.addStretch(1)
        for text, slot, name, action in (
            (self.tr("New…"), self.new_rating, "ratings_new", "rating.write"),
            (self.tr("Edit…"), self.edit_rating, "ratings_edit", "rating.write"),
            (self.tr("Delete"), self.delete_rating, "ratings_delete", "rating.write"),
            (self.tr("Import…"), self.import_ratings, "ratings_import", "rating.write"),
            (self.tr("Export…"), self.export_ratings, "ratings_export", "record.export"),
            (
                self.tr("Recognition certificates…"),
                self.print_recognition,
                "ratings_certificates",
                "certificate.print",
            ),
        ):
            button = QPushButton(text, tab)
            button.setObjectName(name)
            button.clicked.connect(slot)
            button.setVisible(permissions.can(self.actor, action))
            bar.addWidget(button)
        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addWidget(self.ratings_periods)
        layout.addWidget(self.ratings_summary)
        layout.addWidget(self.ratings_table, 1)
        return tab

    def _year(self) -> int:
        return self.ratings_year.value()

    def refresh(self, *_args) -> None:
        year = self._year()
        subject = self.ratings_subject.currentData()
        found = ratings.list_ratings(
            self.actor, year=year, subject=RatingSubject(subject) if subject else None
        )
        rows = []
        for rating in found:
            households = (
                f"{rating.households_registered}/{rating.households_total}"
                if rating.subject_kind is RatingSubject.RESIDENTIAL_AREA
                else ""
            )
            decision = ""
            if rating.decision_number:
                decision = (
                    f"{rating.decision_number} ({vietnamese.format_date(rating.decision_date)}, "
                    f"{rating.recognised_by})"
                )
            rows.append(
                [
                    rating.subject_kind.label,
                    ratings.subject_name(rating),
                    rating.unit.code,
                    vietnamese.format_date(rating.registered_on) if rating.registered_on else "",
                    households,
                    rating.result.label,
                    rating.missed_criteria,
                    decision,
                ]
            )
        self.ratings_model.set_rows(rows, found)
        self.ratings_table.resizeColumnsToContents()
        # The report's own count: every subject that should be rated, registered or not.
        try:
            unit, summary = dashboard.ratings_summary(year, actor=self.actor)
        except ServiceError:  # a home unit the report cannot count: the plain count below
            unit, summary = "", ""
        if summary:
            self.ratings_summary.setText(
                self.tr("{unit}, year {year}: {summary}.").format(
                    unit=unit, year=year, summary=summary
                )
            )
        else:
            passed = sum(r.result is RatingResult.PASSED for r in found)
            self.ratings_summary.setText(
                self.tr("{passed}/{total} rated subjects passed.").format(
                    passed=vietnamese.format_number(passed),
                    total=vietnamese.format_number(len(found)),
                )
            )
        self.ratings_periods.setText(ratings.periods_note(year))
        self._refresh_areas()
        self._refresh_organisations()
        self._refresh_pledges()

    def _on_events_changed(self, kind: str) -> None:
        if kind in ("ratings", "organisations", "pledges", "units"):
            self.refresh()

    def _selected(self, table: QTableView, model: RowsModel):
        rows = table.selectionModel().selectedRows() if table.selectionModel() else []
        if not rows:
            return None
        return model.records[rows[0].row()]

    def new_rating(self) -> None:
        dialog = RatingDialog(self.actor, {"year": self._year()}, parent=self)
        dialog.saved.connect(lambda rating: self._pushed_create("ratings", rating))
        dialog.open()

    def edit_rating(self, *_args) -> None:
        rating = self._selected(self.ratings_table, self.ratings_model)
        if rating is None:
            return
        before = ratings.rating_to_raw(rating)
        dialog = RatingDialog(self.actor, before, rating.uuid, parent=self)
        dialog.saved.connect(
            lambda saved: self._pushed_edit("ratings", saved, before, dialog.raw())
        )
        dialog.open()

    def _pushed_create(self, kind: str, record) -> None:
        self.context.undo_stack.push(
            undo.CreateCommand(
                undo.OPS[kind], record.uuid, self.actor, self.tr("Add"), self.context.notify,
                lambda text: prompts.warn(self, self.tr("Undo"), text),
            )
        )  # fmt: skip
        self.context.notify(kind)

    def _pushed_edit(self, kind: str, record, before: dict, after: dict) -> None:
        self.context.undo_stack.push(
            undo.EditCommand(
                undo.OPS[kind], record.uuid, self.actor, self.tr("Edit"), self.context.notify,
                lambda text: prompts.warn(self, self.tr("Undo"), text), before, after,
            )
        )  # fmt: skip
        self.context.notify(kind)

    def _delete(self, kind: str, record) -> None:
        try:
            undo.OPS[kind].delete(record.uuid, self.actor)
        except ServiceError as exc:
            prompts.fail(self, self.tr("Delete"), str(exc))
            return
        self.context.undo_stack.push(
            undo.DeleteCommand(
                undo.OPS[kind], record.uuid, self.actor, self.tr("Delete"), self.context.notify,
                lambda text: prompts.warn(self, self.tr("Undo"), text),
            )
        )  # fmt: skip
        self.context.notify(kind)

    def delete_rating(self) -> None:
        rating = self._selected(self.ratings_table, self.ratings_model)
        if rating is not None and prompts.confirm(
            self, self.tr("Delete"), self.tr("Delete the selected rating?")
        ):
            self._delete("ratings", rating)

    def import_ratings(self) -> None:
        path = prompts.open_file(self, self.tr("Import ratings"), prompts.TABLE_FILTER)
        if not path:
            return
        try:
            result = ratings.import_ratings(path, self.actor)
        except ServiceError as exc:
            prompts.fail(self, self.tr("Import ratings"), str(exc))
            return
        prompts.inform(self, self.tr("Import ratings"), result.summary())
        self.context.notify("ratings")

    def export_ratings(self) -> None:
        path = prompts.save_file(
            self, self.tr("Export ratings"), f"xep-loai-antt-{self._year()}.xlsx",
            prompts.TABLE_FILTER,
        )  # fmt: skip
        if not path:
            return
        try:
            count = ratings.export_ratings(path, self.actor, year=self._year())
        except ServiceError as exc:
            prompts.fail(self, self.tr("Export ratings"), str(exc))
            return
        prompts.inform(
            self, self.tr("Export ratings"), self.tr("{count} rows written.").format(count=count)
        )

    def print_recognition(self) -> None:
        rating = self._selected(self.ratings_table, self.ratings_model)
        number = rating.decision_number if rating is not None else ""
        if not number:
            number = prompts.ask_text(
                self, self.tr("Recognition certificates"), self.tr("Recognition decision number")
            )
        if not number:
            return
        path = prompts.save_file(
            self, self.tr("Recognition certificates"), "giay-cong-nhan.pdf", prompts.PDF_FILTER
        )
        if not path:
            return
        try:
            result = recognition.print_to_file(number, path, self.actor)
        except ServiceError as exc:
            prompts.fail(self, self.tr("Recognition certificates"), str(exc))
            return
        prompts.inform(self, self.tr("Recognition certificates"), result.summary())

    # -- residential areas --------------------------------------------------------------------
    def _areas_tab(self) -> QWidget:
        tab = QWidget(self)
        self.areas_model = RowsModel(
            [
                self.tr("Code"),
                self.tr("Residential area"),
                self.tr("Commune"),
                self.tr("Households"),
                self.tr("Rating of the year"),
            ],
            self,
        )
        self.areas_table = _record_table(tab, "areas_table", self.areas_model)
        self.areas_households = QSpinBox(tab)
        self.areas_households.setObjectName("areas_households")
        self.areas_households.setRange(0, 100_000)
        save = QPushButton(self.tr("Save households"), tab)
        save.setObjectName("areas_save")
        save.clicked.connect(self.save_households)
        # An officer keeps the residential areas of his commune (units.write_action).
        allowed = permissions.can(self.actor, units.RESIDENTIAL_ACTION)
        self.areas_households.setVisible(allowed)
        save.setVisible(allowed)
        self.areas_table.clicked.connect(self._on_areas_table_clicked)
        hint = QLabel(
            self.tr(
                "Residential areas (thôn, bản, tổ dân phố…) are units under their commune: add "
                "them here, on the Units page or with a unit list."
            ),
            tab,
        )
        hint.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(hint, 1)
        bar.addWidget(self.areas_households)
        bar.addWidget(save)
        self.area_code = QLineEdit(tab)
        self.area_code.setObjectName("area_code")
        self.area_code.setPlaceholderText(self.tr("Code"))
        self.area_name = QLineEdit(tab)
        self.area_name.setObjectName("area_name")
        self.area_name.setPlaceholderText(self.tr("Name"))
        self.area_kind = QComboBox(tab)
        self.area_kind.setObjectName("area_kind")
        for kind in UnitKind:
            if kind in units.RESIDENTIAL_KINDS:
                self.area_kind.addItem(kind.label, kind.value)
        self.area_commune = QLineEdit(tab)
        self.area_commune.setObjectName("area_commune")
        self.area_commune.setPlaceholderText(self.tr("Commune code"))
        add = QPushButton(self.tr("Add residential area"), tab)
        add.setObjectName("area_add")
        add.clicked.connect(self.add_area)
        self.area_errors = QLabel(tab)
        self.area_errors.setObjectName("area_errors")
        self.area_errors.setStyleSheet("color: #b00020")
        self.area_errors.setWordWrap(True)
        adding = QHBoxLayout()
        for widget in (self.area_code, self.area_name, self.area_kind, self.area_commune, add):
            widget.setVisible(allowed)
            adding.addWidget(widget)
        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addLayout(adding)
        layout.addWidget(self.area_errors)
        layout.addWidget(self.areas_table, 1)
        return tab

    def add_area(self) -> None:
        """Add a residential area (with the households typed beside "Save households")."""
        raw = {
            "code": self.area_code.text(),
            "name": self.area_name.text(),
            "kind": self.area_kind.currentData(),
            "parent_code": self.area_commune.text(),
            "households": str(self.areas_households.value()),
        }
        try:
            unit = units.create_unit(raw, self.actor)
        except ServiceError as exc:
            self.area_errors.setText(str(exc))
            return
        self.area_errors.clear()
        self.area_code.clear()
        self.area_name.clear()
        self._pushed_create("units", unit)

    def _refresh_areas(self) -> None:
        lines = ratings.residential_areas(self.actor, self._year())
        rows = [
            [
                line.code,
                line.title,
                line.commune,
                vietnamese.format_number(line.households),
                line.result or self.tr("Not registered"),
            ]
            for line in lines
        ]
        self.areas_model.set_rows(rows, lines)
        self.areas_table.resizeColumnsToContents()

    def _on_areas_table_clicked(self, *_args) -> None:
        line = self._selected(self.areas_table, self.areas_model)
        if line is not None:
            self.areas_households.setValue(line.households)

    def save_households(self) -> None:
        line = self._selected(self.areas_table, self.areas_model)
        if line is None:
            return
        before = units.unit_raw(line.uuid)
        after = {**before, "households": str(self.areas_households.value())}
        try:
            unit = units.update_unit(line.uuid, after, self.actor)
        except ServiceError as exc:
            prompts.fail(self, self.tr("Residential areas"), str(exc))
            return
        self._pushed_edit("units", unit, before, after)

    # -- organisations ------------------------------------------------------------------------
    def _organisations_tab(self) -> QWidget:
        tab = QWidget(self)
        self.organisations_model = RowsModel(
            [self.tr("Name"), self.tr("Kind"), self.tr("Unit"), self.tr("Managing level")], self
        )
        self.organisations_table = _record_table(
            tab, "organisations_table", self.organisations_model
        )
        self.organisation_name = QLineEdit(tab)
        self.organisation_name.setObjectName("organisation_name")
        self.organisation_kind = QComboBox(tab)
        for kind in OrganisationKind:
            self.organisation_kind.addItem(kind.label, kind.value)
        self.organisation_level = QComboBox(tab)
        for level in ManagingLevel:
            self.organisation_level.addItem(level.label, level.value)
        self.organisation_unit = QLineEdit(tab)
        self.organisation_unit.setObjectName("organisation_unit")
        self.organisation_unit.setPlaceholderText(self.tr("Unit code"))
        add = QPushButton(self.tr("Add"), tab)
        add.setObjectName("organisation_add")
        add.clicked.connect(self.add_organisation)
        remove = QPushButton(self.tr("Delete"), tab)
        remove.setObjectName("organisation_delete")
        remove.clicked.connect(self.delete_organisation)
        self.organisation_save = QPushButton(self.tr("Save changes"), tab)
        self.organisation_save.setObjectName("organisation_save")
        self.organisation_save.clicked.connect(self.save_organisation)
        self.organisation_save.setEnabled(False)
        self.organisation_editing: str | None = None
        self.organisations_table.activated.connect(self.edit_organisation)
        allowed = permissions.can(self.actor, "organisation.write")
        add.setVisible(allowed)
        remove.setVisible(allowed)
        self.organisation_save.setVisible(allowed)
        self.organisation_errors = QLabel(tab)
        self.organisation_errors.setStyleSheet("color: #b00020")
        self.organisation_errors.setWordWrap(True)
        bar = QHBoxLayout()
        for widget in (
            self.organisation_name, self.organisation_kind, self.organisation_level,
            self.organisation_unit, add, self.organisation_save, remove,
        ):  # fmt: skip
            bar.addWidget(widget)
        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addWidget(self.organisation_errors)
        layout.addWidget(self.organisations_table, 1)
        return tab

    def _refresh_organisations(self) -> None:
        found = organisations.list_organisations(self.actor)
        rows = [
            [o.name, o.kind.label, f"{o.unit.title} ({o.unit.code})", o.managing_level.label]
            for o in found
        ]
        self.organisations_model.set_rows(rows, found)
        self.organisations_table.resizeColumnsToContents()

    def _organisation_raw(self) -> dict:
        return {
            "name": self.organisation_name.text(),
            "kind": self.organisation_kind.currentData(),
            "managing_level": self.organisation_level.currentData(),
            "unit_code": self.organisation_unit.text(),
        }

    def edit_organisation(self, *_args) -> None:
        """Load the selected organisation into the fields; "Save changes" writes it back."""
        organisation = self._selected(self.organisations_table, self.organisations_model)
        if organisation is None:
            return
        self.organisation_editing = organisation.uuid
        self.organisation_name.setText(organisation.name)
        self.organisation_kind.setCurrentIndex(
            self.organisation_kind.findData(organisation.kind.value)
        )
        self.organisation_level.setCurrentIndex(
            self.organisation_level.findData(organisation.managing_level.value)
        )
        self.organisation_unit.setText(organisation.unit.code)
        self.organisation_save.setEnabled(True)

    def save_organisation(self) -> None:
        uuid = self.organisation_editing
        if uuid is None:
            return
        before = organisations.organisation_to_raw(organisations.get_organisation(uuid))
        after = self._organisation_raw()
        try:
            organisation = organisations.save_organisation(after, self.actor, uuid)
        except ServiceError as exc:
            self.organisation_errors.setText(str(exc))
            return
        self.organisation_errors.clear()
        self.organisation_editing = None
        self.organisation_save.setEnabled(False)
        self._pushed_edit("organisations", organisation, before, after)

    def add_organisation(self) -> None:
        raw = {
            "name": self.organisation_name.text(),
            "kind": self.organisation_kind.currentData(),
            "managing_level": self.organisation_level.currentData(),
            "unit_code": self.organisation_unit.text(),
        }
        try:
            organisation = organisations.save_organisation(raw, self.actor)
        except ServiceError as exc:
            self.organisation_errors.setText(str(exc))
            return
        self.organisation_errors.clear()
        self.organisation_name.clear()
        self._pushed_create("organisations", organisation)

    def delete_organisation(self) -> None:
        organisation = self._selected(self.organisations_table, self.organisations_model)
        if organisation is not None:
            self._delete("organisations", organisation)

    # -- pledges ------------------------------------------------------------------------------
    def _pledges_tab(self) -> QWidget:
        tab = QWidget(self)
        self.pledges_model = RowsModel(
            [self.tr("Pledge"), self.tr("Party"), self.tr("Signed on"), self.tr("Outcome")], self
        )
        self.pledges_table = _record_table(tab, "pledges_table", self.pledges_model)
        bar = QHBoxLayout()
        allowed = permissions.can(self.actor, "pledge.write")
        new = QPushButton(self.tr("New pledge…"), tab)
        new.setObjectName("pledge_new")
        new.clicked.connect(self.new_pledge)
        new.setVisible(allowed)
        bar.addWidget(new)
        for text, outcome, name in (
            (self.tr("Met"), "dat", "pledge_met"),
            (self.tr("Not met"), "khong_dat", "pledge_not_met"),
        ):
            button = QPushButton(text, tab)
            button.setObjectName(name)
            button.clicked.connect(lambda _=False, value=outcome: self.set_outcome(value))
            button.setVisible(allowed)
            bar.addWidget(button)
        bar.addStretch(1)
        start = QPushButton(self.tr("Start commendation decision…"), tab)
        start.setObjectName("pledge_start_decision")
        start.clicked.connect(self.start_decision)
        start.setVisible(permissions.can(self.actor, "decision.write"))
        bar.addWidget(start)
        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addWidget(self.pledges_table, 1)
        return tab

    def _refresh_pledges(self) -> None:
        rows, parties = [], []
        for pledge in pledges.list_pledges(self.actor, self._year()):
            for party in pledges.parties_of(pledge):
                rows.append(
                    [
                        pledge.title,
                        pledges.party_name(party),
                        vietnamese.format_date(pledge.signed_on),
                        party.outcome.label,
                    ]
                )
                parties.append(party)
        self.pledges_model.set_rows(rows, parties)
        self.pledges_table.resizeColumnsToContents()

    def set_outcome(self, outcome: str) -> None:
        party = self._selected(self.pledges_table, self.pledges_model)
        if party is None:
            return
        try:
            pledges.set_outcome(party.uuid, outcome, party.outcome_notes, self.actor)
        except ServiceError as exc:
            prompts.fail(self, self.tr("Emulation pledges"), str(exc))
            return
        self.context.notify("pledges")

    def start_decision(self):
        """Open the decision form with the collectives that met the year's pledges."""
        from movement_desk.gui.forms import DecisionForm

        try:
            values = pledges.decision_values(self.actor, self._year())
        except ServiceError as exc:
            prompts.fail(self, self.tr("Emulation pledges"), str(exc))
            return None
        form = DecisionForm(self.context, self, values=values)
        form.setModal(True)
        form.show()
        return form

    def new_pledge(self) -> PledgeDialog:
        dialog = PledgeDialog(self.actor, self._year(), self)
        dialog.accepted.connect(lambda: self._pushed_create("pledges", dialog.pledge))
        dialog.open()
        return dialog

    # -- criteria -----------------------------------------------------------------------------
    def _criteria_tab(self) -> QWidget:
        tab = QWidget(self)
        self.criteria_subject = QComboBox(tab)
        for subject in RatingSubject:
            self.criteria_subject.addItem(subject.label, subject.value)
        self.criteria_year = QSpinBox(tab)
        self.criteria_year.setRange(ratings.FIRST_YEAR, date.today().year + 1)
        self.criteria_year.setValue(min(date.today().year, self.criteria_year.maximum()))
        self.criteria_text = QPlainTextEdit(tab)
        self.criteria_text.setObjectName("criteria_text")
        self.criteria_save = QPushButton(self.tr("Save as the criteria from this year"), tab)
        self.criteria_save.setObjectName("criteria_save")
        self.criteria_save.clicked.connect(self.save_criteria)
        allowed = permissions.can(self.actor, "catalog.write")
        self.criteria_save.setVisible(allowed)
        self.criteria_text.setReadOnly(not allowed)
        self.criteria_subject.currentIndexChanged.connect(self._load_criteria)
        self.criteria_year.valueChanged.connect(self._load_criteria)
        bar = QHBoxLayout()
        bar.addWidget(self.criteria_subject)
        bar.addWidget(QLabel(self.tr("Year"), tab))
        bar.addWidget(self.criteria_year)
        bar.addStretch(1)
        bar.addWidget(self.criteria_save)
        hint = QLabel(self.tr("One criterion a line, in the circular's order."), tab)
        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addWidget(hint)
        layout.addWidget(self.criteria_text, 1)
        self._load_criteria()
        return tab

    def _load_criteria(self, *_args) -> None:
        subject = RatingSubject(self.criteria_subject.currentData())
        criteria = ratings.criteria_for(subject, self.criteria_year.value())
        self.criteria_text.setPlainText("\n".join(c.text for c in criteria))

    def save_criteria(self) -> None:
        lines = [line for line in self.criteria_text.toPlainText().splitlines() if line.strip()]
        try:
            ratings.save_criteria(
                self.criteria_subject.currentData(), self.criteria_year.value(), lines, self.actor
            )
        except ServiceError as exc:
            prompts.fail(self, self.tr("Criteria"), str(exc))
            return
        self._load_criteria()
