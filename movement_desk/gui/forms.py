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

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
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
    QSizePolicy,
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
from movement_desk.gui.recipients_grid import RecipientsGrid, UndoableRecipientsModel
from movement_desk.gui.widgets import (
    ChoiceCombo,
    CountEdit,
    DateEdit,
    ErrorLabel,
    TextCombo,
    UnitPicker,
)
from movement_desk.services.core import settings
from movement_desk.services.core.errors import FieldError, ServiceError, ValidationError
from movement_desk.services.records import (
    catalog,
    commendations,
    community_models,
    sessions,
    store,
    units,
)

DRAFT_DELAY_MS = 400


def _is_return(event) -> bool:
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _FormKeys(QObject):
    """Enter in a field moves to the next field, as on a paper form; from the last field it
    saves. Shift+Enter starts a new line in a text of several lines; Ctrl+Enter is left to
    the window. With a list of suggestions open, Enter first picks from it (see
    ``RecordForm._on_line_return_pressed``)."""

    def __init__(self, form: RecordForm):
        super().__init__(form)
        self.form = form

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not _is_return(event):
            return False
        modifiers = event.modifiers()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            return False
        if isinstance(watched, QPlainTextEdit) and modifiers & Qt.KeyboardModifier.ShiftModifier:
            return False
        if isinstance(watched, QLineEdit):
            completer = watched.completer()
            if completer is not None and completer.popup().isVisible():
                return False  # the line's returnPressed follows, once the pick is made
        self.form.focus_next_field(watched)
        return True


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
        self.labels: dict[str, str] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self._keys = _FormKeys(self)
        self._focused_once = False
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
        # Its own text: Qt's "&Hủy" would take Alt+H from a field; Esc cancels anyway.
        cancel = self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("form_cancel")
        self.cancel_button = cancel
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
        self._set_tab_order()
        if uuid is not None:
            self.save_new_button.hide()
        # The version this edit is based on: a save after someone else's is refused (issue 17).
        self.loaded_revision = store.current_revision(uuid) if uuid is not None else None
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
        holder.setFocusProxy(widget)  # the label's access key lands in the field
        widget.setObjectName(f"field_{key}")
        self.labels[key] = label.replace("&", "")
        (layout or self.form_layout).addRow(label, holder)
        self._watch(widget)
        return widget

    def _follow_day(self, date_key: str) -> None:
        """The unit picker offers the units that existed on the date typed in ``date_key``."""
        day_field, picker = self.fields[date_key], self.fields["unit_code"]

        def follow() -> None:
            picker.set_day(day_field.date_value())

        day_field.changed.connect(follow)
        follow()

    # -- the keyboard -------------------------------------------------------------------------
    def chain(self) -> list[QWidget]:
        """The widgets Enter and Tab go through, down the form; the buttons come after."""
        return list(self.fields.values())

    def _set_tab_order(self) -> None:
        order = [*self.chain(), self.save_button, self.save_new_button, self.cancel_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _field_of(self, widget: QWidget | None) -> QWidget | None:
        chain = self.chain()
        while widget is not None and widget not in chain:
            widget = widget.parentWidget()
        return widget

    def focus_first_field(self) -> None:
        for widget in self.chain():
            if widget.isEnabled():
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                break

    def focus_next_field(self, current: QWidget | None) -> None:
        """Move to the field after ``current``; from the last one, save."""
        chain = self.chain()
        field = self._field_of(current)
        start = chain.index(field) + 1 if field in chain else 0
        for widget in chain[start:]:
            if widget.isEnabled() and not widget.isHidden():
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
        self._on_save_button_clicked()

    def _on_line_return_pressed(self) -> None:
        # Enter with the suggestions open: the pick is made first, then the next field.
        line = self.sender()
        QTimer.singleShot(0, lambda: line.hasFocus() and self.focus_next_field(line))

    def keyPressEvent(self, event) -> None:  # noqa: N802
        # Enter never presses a button the typist is not on: QDialog would save from anywhere.
        if _is_return(event) and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            focused = self.focusWidget()
            if isinstance(focused, QPushButton):
                focused.click()
            return
        super().keyPressEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._focused_once:
            self._focused_once = True
            self.focus_first_field()

    def _watch(self, widget: QWidget) -> None:
        signal = getattr(widget, "changed", None)
        if signal is None:
            for name in ("textChanged", "currentIndexChanged", "editTextChanged"):
                if hasattr(widget, name):
                    getattr(widget, name).connect(self._on_field_changed)
        else:
            signal.connect(self._on_field_changed)
        parts = [widget, *widget.findChildren(QWidget)]
        for part in parts:
            if isinstance(part, QComboBox) and part.isEditable():
                continue  # its line edit takes the keys
            if isinstance(part, (QLineEdit, QComboBox, QPlainTextEdit)):
                part.installEventFilter(self._keys)
            if isinstance(part, QLineEdit) and part.completer() is not None:
                part.returnPressed.connect(self._on_line_return_pressed)

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
    def check(self, raw: dict) -> list[FieldError]:
        """What the service would refuse in ``raw``, without storing anything."""
        return []

    def _recheck_errors(self) -> None:
        """Clear the message under each field that has become valid, as it is corrected."""
        # Only the fields' own labels: others (the recipients') clear as their part changes.
        shown = [
            key for key, label in self.errors.items() if key in self.fields and label.isVisible()
        ]
        if not shown:
            return
        still = {error.field for error in self.check(self.raw())}
        for key in shown:
            if key not in still:
                self.errors[key].show_message("")
        if not any(label.isVisible() for label in self.errors.values()):
            self.summary.show_message("")

    def _empty_counts_confirmed(self) -> bool:
        """An empty count is asked about, not stored as 0 without a word."""
        empty = [
            key
            for key, widget in self.fields.items()
            if isinstance(widget, CountEdit) and widget.isEnabled() and not widget.value()
        ]
        if not empty:
            return True
        names = ", ".join(self.labels[key] for key in empty)
        if prompts.confirm(
            self,
            self.tr("Empty count"),
            self.tr("{fields}: nothing typed. Save as 0?").format(fields=names),
        ):
            for key in empty:
                self.fields[key].set_value("0")
            return True
        self.fields[empty[0]].setFocus(Qt.FocusReason.TabFocusReason)
        return False

    def save(self) -> bool:
        """Save through the service; True when stored."""
        if not self._empty_counts_confirmed():
            return False
        raw = self.raw()
        before = self.stored_raw() if self.uuid else None
        try:
            with store.expect_revision(self.uuid, self.loaded_revision):
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
        self.loaded_revision = getattr(record, "revision", None)
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
        self.loaded_revision = None
        self._loading = True
        self.set_raw({**self.initial_values(), **self.blank_values(), **kept})
        self._loading = False
        self._clean = self.raw()
        self.setWindowTitle(self.title())
        # The next paper form starts at the top; what was kept is selected, to be typed over.
        self.focus_first_field()

    def blank_values(self) -> dict:
        return {key: "" for key in self.fields}

    # -- drafts and closing -------------------------------------------------------------------
    def _on_field_changed(self, *args) -> None:
        if not self._loading:
            self._draft_timer.start()
            self._recheck_errors()

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
            "organizer_kind", self.tr("Organiser k&ind"), ChoiceCombo(OrganizerKind, self)
        )
        self.organizers = TextCombo(catalog.organizer_suggestions(actor=self.context.actor), self)
        self.add_field("organizer_name", self.tr("&Organiser"), self.organizers)
        self.add_field("title", self.tr("&Title"), _line(self, 60))
        self.add_field("participants", self.tr("&Participants"), CountEdit(self))
        self.add_field("tips", self.tr("&Valuable tips"), CountEdit(self))
        self.add_field("notes", self.tr("Not&es"), _text_edit(self))
        self.fields["unit_code"].changed.connect(self._on_unit_changed)
        self._follow_day("date")
        self.resize(640, 520)

    def _on_unit_changed(self) -> None:
        # The organisers named in this unit's records come first.
        self.organizers.set_suggestions(
            catalog.organizer_suggestions(
                self.fields["unit_code"].value(), actor=self.context.actor
            )
        )

    def title(self) -> str:
        return self.tr("Edit session") if self.uuid else self.tr("New session")

    def initial_values(self) -> dict:
        return {
            "date": date.today(),
            "unit_code": "",
            "kind": SessionKind.PROPAGANDA.value,
            "organizer_kind": OrganizerKind.POLICE.value,
        }

    def check(self, raw: dict) -> list[FieldError]:
        try:
            sessions.clean_session(raw)
        except ValidationError as exc:
            return exc.errors
        return []

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
        self.add_field("name", self.tr("Na&me"), _line(self, 60))
        types = TextCombo([t.name for t in catalog.live_model_types()], self)
        self.add_field("model_type", self.tr("Model &type"), types)
        self.add_field("unit_code", self.tr("&Unit"), UnitPicker(self))
        self.add_field(
            "managing_kind", self.tr("Managing body &kind"), ChoiceCombo(OrganizerKind, self)
        )
        self.organizers = TextCombo(catalog.organizer_suggestions(actor=self.context.actor), self)
        self.add_field("managing_name", self.tr("Managed &by"), self.organizers)
        self.add_field("established_on", self.tr("&Established on"), DateEdit(self))
        self.add_field("members", self.tr("Membe&rs"), CountEdit(self))
        self.add_field("status", self.tr("St&atus"), ChoiceCombo(ModelStatus, self))
        self.add_field("status_date", self.tr("Status &date"), DateEdit(self))
        self.add_field("notes", self.tr("N&otes"), _text_edit(self))
        self.fields["unit_code"].changed.connect(self._on_unit_changed)
        self.resize(660, 560)

    def _on_unit_changed(self) -> None:
        self.organizers.set_suggestions(
            catalog.organizer_suggestions(
                self.fields["unit_code"].value(), actor=self.context.actor
            )
        )

    def title(self) -> str:
        return self.tr("Edit community model") if self.uuid else self.tr("New community model")

    def initial_values(self) -> dict:
        return {
            "managing_kind": OrganizerKind.POLICE.value,
            "status": ModelStatus.ACTIVE.value,
        }

    def check(self, raw: dict) -> list[FieldError]:
        try:
            community_models.clean_model(raw)
        except ValidationError as exc:
            return exc.errors
        return []

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
        self.add_field("decision_number", self.tr("Numb&er"), _line(self, 30), layout=left)
        self.add_field("decision_date", self.tr("&Date"), DateEdit(self), layout=left)
        self.form_combo = ChoiceCombo(CommendationForm, self)
        self.add_field("form", self.tr("&Form"), self.form_combo, layout=left)
        self.title_combo = TextCombo(list(EMULATION_TITLES), self)
        self.add_field(
            "emulation_title", self.tr("Emulation &title"), self.title_combo, layout=left
        )
        self.add_field("authority", self.tr("Issuing &authority"), _line(self, 50), layout=left)
        self.add_field("unit_code", self.tr("&Unit"), UnitPicker(self), layout=left)
        self._follow_day("decision_date")
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
        self._office_defaults_shown: dict = {}
        self.fields["decision_date"].changed.connect(self._on_decision_date_changed)

        heading = QLabel(
            self.tr(
                "<b>Recipients</b> — paste rows copied from Excel with Ctrl+V (below the current "
                "row, or over the selected rows); Tab past the last column adds a row; Ctrl+Z "
                "undoes"
            )
        )
        heading.setWordWrap(True)
        self.body_layout.addWidget(heading)
        self.recipients = UndoableRecipientsModel(self)
        self.recipients_view = RecipientsGrid(self.recipients, self)
        self.recipients_view.setMinimumHeight(200)
        self.body_layout.addWidget(self.recipients_view, 1)
        buttons = QHBoxLayout()
        add = QPushButton(self.tr("Add ro&w"), self)
        add.setObjectName("recipients_add")
        remove = QPushButton(self.tr("&Remove row"), self)
        remove.setObjectName("recipients_remove")
        for button in (add, remove):
            button.setAutoDefault(False)
        self.add_row_button, self.remove_row_button = add, remove
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
        self.recipients.edited.connect(self._on_recipients_edited)
        self._on_form_combo_changed()
        self.resize(1100, 680)

    def chain(self) -> list[QWidget]:
        return [*self.fields.values(), self.recipients_view]

    def _on_recipients_edited(self) -> None:
        # The grid's message goes once the rows it named are corrected (or none is left).
        if not self._loading and not self.recipients.errors and self.recipients.raw_rows():
            self.recipients_error.show_message("")

    def _set_tab_order(self) -> None:
        order = [
            *self.chain(),
            self.add_row_button,
            self.remove_row_button,
            self.save_button,
            self.save_new_button,
            self.cancel_button,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def check(self, raw: dict) -> list[FieldError]:
        try:
            commendations.clean_decision({k: v for k, v in raw.items() if k != "recipients"})
        except ValidationError as exc:
            return exc.errors
        return []

    def _on_form_combo_changed(self, *args) -> None:
        self.title_combo.setEnabled(self.form_combo.value() == CommendationForm.EMULATION_TITLE)

    def _on_add_clicked(self) -> None:
        self.recipients.insertRows(self.recipients.rowCount(), 1)
        index = self.recipients.index(self.recipients.rowCount() - 1, 0)
        self.recipients_view.setCurrentIndex(index)
        self.recipients_view.setFocus()

    def _on_remove_clicked(self) -> None:
        rows = {i.row() for i in self.recipients_view.selectedIndexes()}
        if not rows and self.recipients_view.currentIndex().isValid():
            rows = {self.recipients_view.currentIndex().row()}
        self.recipients.remove_rows(sorted(rows))

    def title(self) -> str:
        return self.tr("Edit decision") if self.uuid else self.tr("New decision")

    def initial_values(self) -> dict:
        return {
            "decision_date": date.today(),
            "form": CommendationForm.CERTIFICATE_OF_MERIT.value,
            **self.office_defaults(date.today()),
            "signer_prefix": settings.get("signer_prefix"),
            "signer_title": settings.get("signer_title"),
            "signer_name": settings.get("signer_name"),
            "recipients": [{"recipient_kind": "individual"}],
        }

    @staticmethod
    def office_defaults(day: date) -> dict:
        """The issuing unit, authority and place a decision of ``day`` starts with: the home
        unit as it was that day (Bắc Kạn before 01/07/2025, Thái Nguyên after)."""
        values = settings.all_settings(day)
        home = units.find_unit(values.get("home_unit_code") or "")
        in_force = units.in_force(home, day) if home is not None else None
        return {
            "unit_code": (in_force or home).code if home is not None else "",
            "authority": values.get("authority", ""),
            "place": values.get("place", ""),
        }

    def _on_decision_date_changed(self) -> None:
        """A date typed over today's moves the office fields that were left as proposed."""
        if self._loading:
            return
        day = self.fields["decision_date"].date_value()
        if day is None:
            return
        before = self._office_defaults_shown
        after = self.office_defaults(day)
        self._loading = True  # not a change of the user's: no draft, no error check
        for key, value in after.items():
            if before.get(key) is not None and self.widget_value(self.fields[key]) == before[key]:
                self.set_widget_value(self.fields[key], value)
        self._loading = False
        self._office_defaults_shown = after

    def set_raw(self, values: dict) -> None:
        super().set_raw(values)
        if "recipients" in values:
            self.recipients.set_rows(values["recipients"] or [])
        day = self.fields["decision_date"].date_value()
        self._office_defaults_shown = self.office_defaults(day) if day else {}

    def blank_values(self) -> dict:
        return {**super().blank_values(), "recipients": [{"recipient_kind": "individual"}]}

    def raw(self) -> dict:
        values = super().raw()
        values["recipients"] = [dict(row) for row in self.recipients.rows]
        return values

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
