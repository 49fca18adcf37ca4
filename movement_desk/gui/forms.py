"""Record forms: sessions, community models, decisions with their recipients.

Every form is built in code on ``RecordForm``: fields with their error labels underneath,
Enter to move on, Ctrl+S to save, Esc to cancel (asking before unsaved changes are thrown
away), "Save and new" that keeps what a stack of paper forms shares, a draft on disk after
each change, and a saved edit pushed on the undo stack. Saving calls the service; its
ValidationError is shown beside the fields it names and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from movement_desk import vietnamese
from movement_desk.db.choices import (
    EMULATION_TITLES,
    CommendationForm,
    ModelStatus,
    OrganizerKind,
    SessionKind,
    SignerPrefix,
)
from movement_desk.gui import prompts, undo
from movement_desk.gui.context import AppContext
from movement_desk.gui.table_models import RecipientsTableModel
from movement_desk.gui.widgets import (
    ChoiceCombo,
    CountEdit,
    DateEdit,
    EnterMovesFocus,
    ErrorLabel,
    TextCombo,
    UnitPicker,
)
from movement_desk.services import catalog, commendations, community_models, sessions, settings
from movement_desk.services.errors import FieldError, ServiceError, ValidationError

DRAFT_DELAY_MS = 400


class RecordForm(QDialog):
    """A dialog editing one record through its service."""

    saved = Signal(str)  # the uuid

    kind = ""
    keep_on_save_and_new: tuple[str, ...] = ()
    body_grows = False  # True when the form has a table that should take the spare height

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        uuid: str | None = None,
        values: dict | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.uuid = uuid
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self._enter = EnterMovesFocus(self)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.write_draft)
        self._loading = False

        outer = QVBoxLayout(self)
        self.summary = ErrorLabel(self)
        self.summary.setObjectName("form_summary")
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        self.form_layout = QFormLayout()
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.body_layout = QVBoxLayout()
        self.body_layout.addLayout(self.form_layout)
        wrapper = QVBoxLayout(body)
        wrapper.setContentsMargins(0, 0, 0, 0)
        wrapper.addLayout(self.body_layout, 1 if self.body_grows else 0)
        if not self.body_grows:
            wrapper.addStretch(1)  # spare height below the fields, not between them
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.summary)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("form_save")
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_new_button = self.buttons.addButton(
            self.tr("Save and &new"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_new_button.setObjectName("form_save_new")
        self.save_new_button.setToolTip(
            self.tr("Save, then start a new record keeping the date, unit and organiser")
        )
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("form_cancel")
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.save_new_button.clicked.connect(self._on_save_new_button_clicked)
        cancel.clicked.connect(self.reject)
        self.save_button.setAutoDefault(False)
        self.save_new_button.setAutoDefault(False)
        cancel.setAutoDefault(False)
        outer.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self._on_save_button_clicked)
        QShortcut(QKeySequence("Ctrl+Shift+S"), self, activated=self._on_save_new_button_clicked)

        self.build()
        if uuid is not None:
            self.save_new_button.hide()
        self._loading = True
        self.set_raw(values if values is not None else self.initial_values())
        self._loading = False
        self._clean = self.raw()
        self.setWindowTitle(self.title())

    # -- to be provided by each form ----------------------------------------------------------
    def build(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def title(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def initial_values(self) -> dict:
        return {}

    def store(self, raw: dict):
        """Save through the service; returns the record. Raises ValidationError."""
        raise NotImplementedError  # pragma: no cover

    def stored_raw(self) -> dict:
        """The record's current values as raw input (for undo)."""
        raise NotImplementedError  # pragma: no cover

    # -- fields -------------------------------------------------------------------------------
    def add_field(self, key: str, label: str, widget: QWidget, *, layout=None) -> QWidget:
        self.fields[key] = widget
        error = ErrorLabel(self)
        error.setObjectName(f"error_{key}")
        self.errors[key] = error
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        widget.setObjectName(f"field_{key}")
        (layout or self.form_layout).addRow(label, holder)
        self._watch(widget)
        return widget

    def _watch(self, widget: QWidget) -> None:
        signal = getattr(widget, "changed", None)
        if signal is None:
            for name in ("textChanged", "currentIndexChanged", "editTextChanged"):
                if hasattr(widget, name):
                    getattr(widget, name).connect(self._on_field_changed)
        else:
            signal.connect(self._on_field_changed)
        if isinstance(widget, QLineEdit):
            widget.installEventFilter(self._enter)
        for line in widget.findChildren(QLineEdit):
            line.installEventFilter(self._enter)
        if hasattr(widget, "editTextChanged"):
            widget.editTextChanged.connect(self._on_field_changed)

    @staticmethod
    def widget_value(widget: QWidget) -> object:
        if hasattr(widget, "value"):
            return widget.value()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        return None

    @staticmethod
    def set_widget_value(widget: QWidget, value: object) -> None:
        if isinstance(value, date):
            value = vietnamese.format_date(value)
        if hasattr(widget, "set_value"):
            widget.set_value(value)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText("" if value is None else str(value))
        elif isinstance(widget, QLineEdit):
            widget.setText("" if value is None else str(value))

    def raw(self) -> dict:
        return {key: self.widget_value(widget) for key, widget in self.fields.items()}

    def set_raw(self, values: dict) -> None:
        for key, widget in self.fields.items():
            if key in values:
                self.set_widget_value(widget, values[key])

    def is_dirty(self) -> bool:
        return self.raw() != self._clean

    # -- errors -------------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.show_message("")
        self.summary.show_message("")

    def show_errors(self, errors: list[FieldError]) -> None:
        self.clear_errors()
        unplaced: list[str] = []
        first: QWidget | None = None
        for error in errors:
            label = self.errors.get(error.field)
            if label is None:
                unplaced.append(str(error))
                continue
            text = label.text()
            label.show_message(f"{text}\n{error.message}" if text else error.message)
            first = first or self.fields.get(error.field)
        if unplaced:
            self.summary.show_message("\n".join(unplaced))
        if first is not None:
            first.setFocus()

    # -- saving -------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save through the service; True when stored."""
        raw = self.raw()
        before = self.stored_raw() if self.uuid else None
        try:
            record = self.store(raw)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except ServiceError as exc:
            self.clear_errors()
            self.summary.show_message(str(exc))
            return False
        self.clear_errors()
        created = self.uuid is None
        self.uuid = record.uuid
        ops = undo.OPS[self.kind]
        on_change, on_error = self.context.notify, self._undo_failed
        if created:
            command = undo.CreateCommand(
                ops, record.uuid, self.context.actor, self.undo_text(raw, True), on_change, on_error
            )
        else:
            command = undo.EditCommand(
                ops,
                record.uuid,
                self.context.actor,
                self.undo_text(raw, False),
                on_change,
                on_error,
                before,
                self.stored_raw(),
            )
        self.context.undo_stack.push(command)
        self.context.drafts.discard(self.kind)
        self.context.notify(self.kind)
        self.saved.emit(record.uuid)
        return True

    def undo_text(self, raw: dict, created: bool) -> str:
        return self.tr("Add record") if created else self.tr("Edit record")

    def _undo_failed(self, message: str) -> None:
        prompts.warn(self.parentWidget(), self.tr("Cannot undo"), message)

    def _on_save_button_clicked(self) -> None:
        if self.save():
            self._draft_timer.stop()
            self._clean = self.raw()
            self.accept()

    def _on_save_new_button_clicked(self) -> None:
        if self.uuid is not None and self.save_new_button.isHidden():
            self._on_save_button_clicked()
            return
        if not self.save():
            return
        self._draft_timer.stop()
        kept = {key: self.raw()[key] for key in self.keep_on_save_and_new}
        self.uuid = None
        self._loading = True
        self.set_raw({**self.initial_values(), **self.blank_values(), **kept})
        self._loading = False
        self._clean = self.raw()
        self.setWindowTitle(self.title())
        first = next(
            (w for k, w in self.fields.items() if k not in self.keep_on_save_and_new), None
        )
        if first is not None:
            first.setFocus()

    def blank_values(self) -> dict:
        return {key: "" for key in self.fields}

    # -- drafts and closing -------------------------------------------------------------------
    def _on_field_changed(self, *args) -> None:
        if not self._loading:
            self._draft_timer.start()

    def write_draft(self) -> None:
        if self.is_dirty():
            self.context.drafts.save(self.kind, self.uuid, self.draft_values())
        else:
            self.context.drafts.discard(self.kind)

    def draft_values(self) -> dict:
        return self.raw()

    def reject(self) -> None:
        if self.is_dirty():
            answer = prompts.ask_unsaved(
                self, self.tr("This form has changes that are not saved. Save them?")
            )
            if answer == prompts.CANCEL:
                return
            if answer == prompts.SAVE:
                self._on_save_button_clicked()
                return
        self._draft_timer.stop()
        self.context.drafts.discard(self.kind)
        super().reject()


def _text_edit(parent: QWidget, lines: int = 3) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


def _line(parent: QWidget, width_chars: int = 40) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("m" * width_chars) // 2)
    return edit


class SessionForm(RecordForm):
    """One session (buổi): date, unit, kind, organiser, title, participants, tips, notes."""

    kind = "sessions"
    keep_on_save_and_new = ("date", "unit_code", "kind", "organizer_kind", "organizer_name")

    def build(self) -> None:
        self.add_field("date", self.tr("&Date"), DateEdit(self))
        self.add_field("unit_code", self.tr("&Unit"), UnitPicker(self))
        self.add_field("kind", self.tr("&Kind"), ChoiceCombo(SessionKind, self))
        self.add_field(
            "organizer_kind", self.tr("Organiser &kind"), ChoiceCombo(OrganizerKind, self)
        )
        names = [o.name for o in catalog.live_organizers(actor=self.context.actor)]
        self.add_field("organizer_name", self.tr("&Organiser"), TextCombo(names, self))
        self.add_field("title", self.tr("&Title"), _line(self, 60))
        self.add_field("participants", self.tr("&Participants"), CountEdit(self))
        self.add_field("tips", self.tr("Valuable &tips"), CountEdit(self))
        self.add_field("notes", self.tr("N&otes"), _text_edit(self))
        self.resize(640, 520)

    def title(self) -> str:
        return self.tr("Edit session") if self.uuid else self.tr("New session")

    def initial_values(self) -> dict:
        return {
            "date": date.today(),
            "unit_code": "",
            "kind": SessionKind.PROPAGANDA.value,
            "organizer_kind": OrganizerKind.POLICE.value,
            "participants": "0",
            "tips": "0",
        }

    def store(self, raw: dict):
        if self.uuid:
            return sessions.update_session(self.uuid, raw, self.context.actor)
        return sessions.create_session(raw, self.context.actor)

    def stored_raw(self) -> dict:
        return sessions.session_to_raw(sessions.get_session(self.uuid))

    def undo_text(self, raw: dict, created: bool) -> str:
        title = raw.get("title", "")
        return (
            self.tr("Add session “{title}”") if created else self.tr("Edit session “{title}”")
        ).format(title=title[:40])


class CommunityModelForm(RecordForm):
    """One community model: name, type, unit, managing body, dates, members, status."""

    kind = "models"
    keep_on_save_and_new = ("unit_code", "managing_kind", "managing_name", "model_type")

    def build(self) -> None:
        self.add_field("name", self.tr("&Name"), _line(self, 60))
        types = TextCombo([t.name for t in catalog.live_model_types()], self)
        self.add_field("model_type", self.tr("Model &type"), types)
        self.add_field("unit_code", self.tr("&Unit"), UnitPicker(self))
        self.add_field(
            "managing_kind", self.tr("Managing body &kind"), ChoiceCombo(OrganizerKind, self)
        )
        names = [o.name for o in catalog.live_organizers(actor=self.context.actor)]
        self.add_field("managing_name", self.tr("&Managed by"), TextCombo(names, self))
        self.add_field("established_on", self.tr("&Established on"), DateEdit(self))
        self.add_field("members", self.tr("Mem&bers"), CountEdit(self))
        self.add_field("status", self.tr("&Status"), ChoiceCombo(ModelStatus, self))
        self.add_field("status_date", self.tr("Status &date"), DateEdit(self))
        self.add_field("notes", self.tr("N&otes"), _text_edit(self))
        self.resize(660, 560)

    def title(self) -> str:
        return self.tr("Edit community model") if self.uuid else self.tr("New community model")

    def initial_values(self) -> dict:
        return {
            "managing_kind": OrganizerKind.POLICE.value,
            "status": ModelStatus.ACTIVE.value,
            "members": "0",
        }

    def store(self, raw: dict):
        if self.uuid:
            return community_models.update_model(self.uuid, raw, self.context.actor)
        return community_models.create_model(raw, self.context.actor)

    def stored_raw(self) -> dict:
        return community_models.model_to_raw(community_models.get_model(self.uuid))

    def undo_text(self, raw: dict, created: bool) -> str:
        name = raw.get("name", "")
        return (
            self.tr("Add model “{name}”") if created else self.tr("Edit model “{name}”")
        ).format(name=name[:40])


class RecipientsTable(QTableView):
    """The recipients grid: Ctrl+V pastes rows copied from Excel, Delete clears a row."""

    def __init__(self, model: RecipientsTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("recipients_table")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        widths = [110, 200, 170, 220, 220, 90]
        for column, width in enumerate(widths):
            self.setColumnWidth(column, width)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_clipboard()
            return
        super().keyPressEvent(event)

    def paste_clipboard(self) -> int:
        from PySide6.QtWidgets import QApplication

        text = QApplication.clipboard().text()
        current = self.currentIndex()
        row = current.row() if current.isValid() else self.model().rowCount()
        column = current.column() if current.isValid() and "\t" not in text else 0
        if current.isValid() and "\t" in text:
            column = current.column()
            # A paste into an empty row of a new decision starts from the first column.
            if not any(str(v).strip() for v in self.model().rows[row].values() if v):
                column = 0
        count = self.model().paste_text(text, row, column)
        if count:
            self.selectionModel().setCurrentIndex(
                self.model().index(row + count - 1, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )
        return count


class DecisionForm(RecordForm):
    """A decision's fields and the editable table of its recipients."""

    kind = "decisions"
    body_grows = True
    keep_on_save_and_new = (
        "decision_date",
        "form",
        "authority",
        "unit_code",
        "signer_prefix",
        "signer_title",
        "signer_name",
        "place",
    )

    def build(self) -> None:
        columns = QHBoxLayout()
        left, right = QFormLayout(), QFormLayout()
        for layout in (left, right):
            layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        self.body_layout.insertLayout(0, columns)
        self.add_field("decision_number", self.tr("&Number"), _line(self, 30), layout=left)
        self.add_field("decision_date", self.tr("&Date"), DateEdit(self), layout=left)
        self.form_combo = ChoiceCombo(CommendationForm, self)
        self.add_field("form", self.tr("&Form"), self.form_combo, layout=left)
        self.title_combo = TextCombo(list(EMULATION_TITLES), self)
        self.add_field(
            "emulation_title", self.tr("Emulation &title"), self.title_combo, layout=left
        )
        self.add_field("authority", self.tr("Issuing &authority"), _line(self, 50), layout=left)
        self.add_field("unit_code", self.tr("&Unit"), UnitPicker(self), layout=left)
        self.add_field(
            "signer_prefix",
            self.tr("Signing &capacity"),
            ChoiceCombo(SignerPrefix, self),
            layout=right,
        )
        self.add_field(
            "signer_title", self.tr("Signer's t&itle"), _text_edit(self, 2), layout=right
        )
        self.add_field("signer_name", self.tr("Signer's na&me"), _line(self, 40), layout=right)
        self.add_field("place", self.tr("&Place of signing"), _line(self, 30), layout=right)
        self.add_field("achievement", self.tr("Achie&vement"), _text_edit(self, 3), layout=right)
        self.form_combo.currentIndexChanged.connect(self._on_form_combo_changed)

        heading = QLabel(self.tr("<b>Recipients</b> — paste rows copied from Excel with Ctrl+V"))
        self.body_layout.addWidget(heading)
        self.recipients = RecipientsTableModel(self)
        self.recipients_view = RecipientsTable(self.recipients, self)
        self.recipients_view.setMinimumHeight(200)
        self.body_layout.addWidget(self.recipients_view, 1)
        buttons = QHBoxLayout()
        add = QPushButton(self.tr("Add &row"), self)
        add.setObjectName("recipients_add")
        remove = QPushButton(self.tr("&Remove row"), self)
        remove.setObjectName("recipients_remove")
        for button in (add, remove):
            button.setAutoDefault(False)
        add.clicked.connect(self._on_add_clicked)
        remove.clicked.connect(self._on_remove_clicked)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        self.body_layout.addLayout(buttons)
        self.recipients_error = ErrorLabel(self)
        self.recipients_error.setObjectName("error_recipients")
        self.errors["recipients"] = self.recipients_error
        self.body_layout.addWidget(self.recipients_error)
        self.recipients.edited.connect(self._on_field_changed)
        self._on_form_combo_changed()
        self.resize(1100, 680)

    def _on_form_combo_changed(self, *args) -> None:
        self.title_combo.setEnabled(self.form_combo.value() == CommendationForm.EMULATION_TITLE)

    def _on_add_clicked(self) -> None:
        self.recipients.insertRows(self.recipients.rowCount(), 1)
        index = self.recipients.index(self.recipients.rowCount() - 1, 1)
        self.recipients_view.setCurrentIndex(index)
        self.recipients_view.setFocus()

    def _on_remove_clicked(self) -> None:
        rows = sorted({i.row() for i in self.recipients_view.selectedIndexes()}, reverse=True)
        if not rows and self.recipients_view.currentIndex().isValid():
            rows = [self.recipients_view.currentIndex().row()]
        for row in rows:
            self.recipients.removeRows(row, 1)

    def title(self) -> str:
        return self.tr("Edit decision") if self.uuid else self.tr("New decision")

    def initial_values(self) -> dict:
        return {
            "decision_date": date.today(),
            "form": CommendationForm.CERTIFICATE_OF_MERIT.value,
            "authority": settings.get("authority"),
            "unit_code": settings.get("home_unit_code"),
            "signer_prefix": settings.get("signer_prefix"),
            "signer_title": settings.get("signer_title"),
            "signer_name": settings.get("signer_name"),
            "place": settings.get("place"),
            "recipients": [{"recipient_kind": "individual"}],
        }

    def blank_values(self) -> dict:
        return {**super().blank_values(), "recipients": [{"recipient_kind": "individual"}]}

    def raw(self) -> dict:
        values = super().raw()
        values["recipients"] = [dict(row) for row in self.recipients.rows]
        return values

    def set_raw(self, values: dict) -> None:
        super().set_raw(values)
        if "recipients" in values:
            self.recipients.set_rows(values["recipients"] or [])

    def show_errors(self, errors: list[FieldError]) -> None:
        field_errors = [e for e in errors if e.row is None or e.field == "recipients"]
        super().show_errors(field_errors)
        by_row: dict[int, str] = {}
        lines: list[str] = []
        filled = self._filled_rows()
        for error in errors:
            if error.row is not None and error.field != "recipients":
                model_row = filled[error.row - 1] if 0 < error.row <= len(filled) else error.row - 1
                message = self.tr("Row {row}, {label}: {message}").format(
                    row=model_row + 1, label=error.label, message=error.message
                )
                by_row[model_row] = (by_row.get(model_row, "") + "\n" + message).strip()
                lines.append(message)
        self.recipients.set_errors(by_row)
        if lines:
            self.recipients_error.show_message("\n".join(lines))

    def _filled_rows(self) -> list[int]:
        filled = self.recipients.raw_rows()
        rows, index = [], 0
        for number, row in enumerate(self.recipients.rows):
            if index < len(filled) and row == filled[index]:
                rows.append(number)
                index += 1
        return rows

    def store(self, raw: dict):
        decision = {k: v for k, v in raw.items() if k != "recipients"}
        recipients = self.recipients.raw_rows()
        return commendations.save_decision(decision, recipients, self.context.actor, uuid=self.uuid)

    def stored_raw(self) -> dict:
        decision = commendations.get_decision(self.uuid)
        return {
            "decision": commendations.decision_to_raw(decision),
            "recipients": [
                commendations.recipient_to_raw(c)
                for c in commendations.decision_recipients(decision)
            ],
        }

    def undo_text(self, raw: dict, created: bool) -> str:
        number = raw.get("decision_number", "")
        return (
            self.tr("Add decision {number}") if created else self.tr("Edit decision {number}")
        ).format(number=number)


def decision_form_values(uuid: str) -> dict:
    """The raw values a decision form shows for a stored decision."""
    decision = commendations.get_decision(uuid)
    return {
        **commendations.decision_to_raw(decision),
        "recipients": [
            commendations.recipient_to_raw(c) for c in commendations.decision_recipients(decision)
        ],
    }


FORMS: dict[str, tuple[type[RecordForm], Callable[[str], dict]]] = {
    "sessions": (SessionForm, lambda uuid: sessions.session_to_raw(sessions.get_session(uuid))),
    "models": (
        CommunityModelForm,
        lambda uuid: community_models.model_to_raw(community_models.get_model(uuid)),
    ),
    "decisions": (DecisionForm, decision_form_values),
}
