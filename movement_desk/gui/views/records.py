"""List pages: sessions, community models, decisions (with their recipients).

A ``RecordListView`` is a filter bar, a count line and a table over a paged model; it opens
the kind's form to add, edit or duplicate, deletes with a question and an undo step, and
exports what the filter shows.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from movement_desk.db.choices import ModelStatus, SessionKind
from movement_desk.gui import prompts, tasks, texts, undo
from movement_desk.gui.context import AppContext
from movement_desk.gui.filters_bar import FilterBar
from movement_desk.gui.forms import FORMS
from movement_desk.gui.table_models import (
    CommunityModelTableModel,
    DecisionTableModel,
    RecordTableModel,
    SessionTableModel,
)

# What the other tables of the window share with the lists (also imported from here).
from movement_desk.gui.table_setup import (  # noqa: F401
    MAX_COLUMN_WIDTH,
    MIN_STRETCH_WIDTH,
    configure_table,
    fit_columns,
)
from movement_desk.services.core import permissions
from movement_desk.services.core.errors import ServiceError
from movement_desk.services.core.filters import successors_followed
from movement_desk.services.records import commendations, kinds, transfer


class RecordListView(QWidget):
    """A searchable, sortable list of one kind of record with its actions.

    New, Edit, Duplicate and Delete are disabled, with a tooltip saying why, for a role that
    may not write this kind (the services refuse anyway)."""

    countChanged = Signal(int)  # noqa: N815

    kind = ""
    export_kind = ""
    stretch_column: int | None = None

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.model = self.make_model()
        layout = QVBoxLayout(self)
        self.filters = self.make_filter_bar()
        layout.addWidget(self.filters)
        self.successors_note = QLabel(self)
        self.successors_note.setObjectName("list_successors_note")
        self.successors_note.setWordWrap(True)
        self.successors_note.hide()
        layout.addWidget(self.successors_note)
        actions = QHBoxLayout()
        self.new_button = self._button(self.tr("&New"), "list_new", self.new_record)
        self.edit_button = self._button(self.tr("&Edit"), "list_edit", self.edit_current)
        self.duplicate_button = self._button(
            self.tr("D&uplicate"), "list_duplicate", self.duplicate_current
        )
        self.delete_button = self._button(self.tr("&Delete"), "list_delete", self.delete_current)
        self.export_button = self._button(self.tr("E&xport list…"), "list_export", self.export_list)
        for button in (
            self.new_button,
            self.edit_button,
            self.duplicate_button,
            self.delete_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("list_count")
        actions.addWidget(self.count_label)
        actions.addWidget(self.export_button)
        layout.addLayout(actions)
        self.table = QTableView(self)
        self.table.setObjectName(f"{self.kind}_table")
        configure_table(self.table)
        self.table.setModel(self.model)
        self.model.countChanged.connect(self._on_model_count_changed)
        self.model.loadingChanged.connect(self._on_model_loading_changed)
        self.model.modelAboutToBeReset.connect(self._on_model_about_to_be_reset)
        self.model.reloaded.connect(self._on_model_reloaded)
        self.model.rowLocated.connect(self._on_model_row_located)
        self._keep_uuid: str | None = None
        self._wanted_uuid: str | None = None
        self._selecting = False  # the row is being set by the list itself, not by the user
        column, order = self.model.sort_state
        self.table.horizontalHeader().setSortIndicator(column, order)
        self.table.setSortingEnabled(True)
        # A double click (or Enter) activates the row; a double click also emits doubleClicked,
        # and taking both opened two edit forms, one over the other.
        self.table.activated.connect(self._on_table_activated)
        self.build_body(layout)
        self.filters.changed.connect(self.apply_filter)
        context.events.changed.connect(self._on_data_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self._fitted = False
        self.may_write = permissions.can(context.actor, kinds.by_name(self.kind).write_action)
        if not self.may_write:
            why = self.tr("Your role may not add, change or delete these records.")
            for button in (
                self.new_button,
                self.edit_button,
                self.duplicate_button,
                self.delete_button,
            ):
                button.setToolTip(why)
        self._update_buttons()

    def build_body(self, layout: QVBoxLayout) -> None:
        layout.addWidget(self.table, 1)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def make_model(self) -> RecordTableModel:  # pragma: no cover - overridden
        raise NotImplementedError

    def make_filter_bar(self) -> FilterBar:
        return FilterBar(parent=self)

    # -- loading ------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802
        if not self.model._loaded and not self.model.loading:
            self.apply_filter()
        super().showEvent(event)

    def apply_filter(self) -> None:
        """Show the list for the filter bar; the rows come when the worker has read them."""
        record_filter = self.filters.record_filter()
        self.model.set_filter(record_filter)
        self._show_successors(record_filter)

    def _show_successors(self, record_filter) -> None:
        notes = successors_followed(record_filter)
        lines = [
            self.tr("From {date} this list also shows the units that took over: {units}.").format(
                date=texts.day(note.since), units=", ".join(note.unit_titles)
            )
            for note in notes
        ]
        self.successors_note.setText("\n".join(lines))
        self.successors_note.setVisible(bool(lines))

    def _on_model_loading_changed(self, loading: bool) -> None:
        if loading:
            self.count_label.setText(self.tr("Searching…"))

    def _on_model_about_to_be_reset(self) -> None:
        # Keep the selected record selected (and visible) in a new order or after a save; a
        # new filter or search starts from its first row (finding the old record in a large
        # new list would cost a full read for every keystroke).
        if self._keep_uuid is None and self.model.reload_reason != "filter":
            self._keep_uuid = self.current_uuid()

    def _on_model_reloaded(self) -> None:
        column, order = self.model.sort_state
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)
        if not self._fitted and self.model.rowCount():
            fit_columns(self.table, self.stretch_column)
            self._fitted = True
        uuid, self._keep_uuid = self._keep_uuid, None
        if uuid and self.select_uuid(uuid):
            return
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self._selecting = True
            self.table.setCurrentIndex(self.model.index(0, 0))
            self._selecting = False
        self._update_buttons()

    def _on_model_row_located(self, uuid: str, row: int) -> None:
        """A record's row arrived late (large list): select it if it is still the one wanted."""
        if uuid != self._wanted_uuid or self.model.loading:
            return
        self._wanted_uuid = None
        if row >= 0:
            self._select_row(row)

    def count_text(self, count: int) -> str:
        return self.tr("{count} records").format(count=texts.number(count))

    def _on_model_count_changed(self, count: int) -> None:
        self.count_label.setText(self.count_text(count))
        self.countChanged.emit(count)
        self._update_buttons()

    def _on_data_changed(self, kind: str) -> None:
        if kind == self.kind and self.model._loaded:
            self.model.reload()

    def _on_current_row_changed(self, *args) -> None:
        if not self._selecting:
            self._wanted_uuid = None  # the user chose a row: a late answer no longer applies
        self._update_buttons()

    def _update_buttons(self) -> None:
        may_write = getattr(self, "may_write", True)
        has = self.current_uuid() is not None
        for button in (self.edit_button, self.duplicate_button, self.delete_button):
            button.setEnabled(has and may_write)
        self.new_button.setEnabled(may_write)

    # -- the current record -------------------------------------------------------------------
    def current_record(self):
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def current_uuid(self) -> str | None:
        record = self.current_record()
        return record.uuid if record is not None else None

    def select_uuid(self, uuid: str) -> bool:
        """Select a record and scroll to it; False if it is not in the list.

        On a large list the answer may come later: the record is then selected when its row
        is known (``rowLocated``), unless the user chose another row meanwhile.
        """
        if self.model.loading:
            self._keep_uuid = uuid  # selected when the new list arrives
            return True
        self._wanted_uuid = uuid
        row = self.model.row_of_uuid(uuid)
        if row is None:
            return False
        self._wanted_uuid = None
        self._select_row(row)
        return True

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self._selecting = True
        self.table.setCurrentIndex(index)
        self._selecting = False
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _on_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_current()

    # -- actions ------------------------------------------------------------------------------
    def open_form(self, uuid: str | None = None, values: dict | None = None):
        form_class, _ = FORMS[self.kind]
        form = form_class(self.context, self, uuid=uuid, values=values)
        form.saved.connect(self._on_form_saved)
        form.setModal(True)
        form.show()
        return form

    def _on_form_saved(self, uuid: str) -> None:
        self.select_uuid(uuid)

    def new_record(self):
        if not self.may_write:
            return None
        return self.open_form()

    def edit_current(self):
        uuid = self.current_uuid()
        if uuid is None or not self.may_write:
            return None
        _, to_raw = FORMS[self.kind]
        return self.open_form(uuid, to_raw(uuid))

    def duplicate_current(self):
        uuid = self.current_uuid()
        if uuid is None or not self.may_write:
            return None
        _, to_raw = FORMS[self.kind]
        values = to_raw(uuid)
        values.pop("uuid", None)
        for row in values.get("recipients", []):
            row.pop("uuid", None)
        return self.open_form(None, values)

    def describe(self, record) -> str:
        return str(record)

    def delete_current(self) -> bool:
        record = self.current_record()
        if record is None or not self.may_write:
            return False
        if not prompts.confirm(
            self,
            self.tr("Delete"),
            self.tr("Delete {what}?\n\nYou can undo this from the Edit menu (Ctrl+Z).").format(
                what=self.describe(record)
            ),
        ):
            return False
        ops = undo.OPS[self.kind]
        try:
            ops.delete(record.uuid, self.context.actor)
        except ServiceError as exc:
            prompts.warn(self, self.tr("Cannot delete"), str(exc))
            return False
        command = undo.DeleteCommand(
            ops,
            record.uuid,
            self.context.actor,
            self.tr("Delete {what}").format(what=self.describe(record)),
            self.context.notify,
            lambda message: prompts.warn(self, self.tr("Cannot undo"), message),
        )
        self.context.undo_stack.push(command)
        self.context.notify(self.kind)
        return True

    def export_list(self) -> None:
        path = prompts.save_file(
            self,
            self.tr("Export the list"),
            f"{self.export_kind}.xlsx",
            prompts.TABLE_FILTER,
        )
        if not path:
            return
        record_filter = self.model.record_filter
        kind = self.export_kind
        actor = self.context.actor
        # The decisions list exports the recipients of the decisions it shows.
        of_decisions = self.kind == "decisions"
        shown = self.model._list  # and in the order it shows them
        sort = None if shown.ranked else shown.sort

        def work(progress):
            return transfer.export_file(
                kind,
                path,
                record_filter=record_filter,
                of_decisions=of_decisions,
                sort=sort,
                descending=shown.descending,
                progress=progress,
                actor=actor,
            )

        def done(count):
            prompts.inform(
                self,
                self.tr("Export"),
                self.tr("Exported {count} rows to {path}.").format(
                    count=texts.number(count), path=path
                ),
            )

        def failed(exc):
            if not isinstance(exc, tasks.TaskCancelled):
                prompts.fail(self, self.tr("Export failed"), str(exc))

        self._task = tasks.run_task(self, self.tr("Exporting…"), work, done, failed)


class SessionsView(RecordListView):
    kind = "sessions"
    export_kind = "sessions"
    stretch_column = 4

    def make_model(self) -> RecordTableModel:
        return SessionTableModel(self, actor=self.context.actor)

    def make_filter_bar(self) -> FilterBar:
        kinds = [(texts.choice_text(k), k.value) for k in SessionKind]
        return FilterBar(kinds, self)

    def build_body(self, layout: QVBoxLayout) -> None:
        layout.addWidget(self.table, 1)
        self.totals = QLabel(self)
        self.totals.setObjectName("sessions_totals")
        layout.addWidget(self.totals)

    def _on_model_count_changed(self, count: int) -> None:
        super()._on_model_count_changed(count)
        _, participants, tips = self.model.extra or (count, 0, 0)
        self.totals.setText(
            self.tr(
                "Totals for the list: {sessions} sessions, {participants} participants, "
                "{tips} valuable tips"
            ).format(
                sessions=texts.number(count),
                participants=texts.number(participants),
                tips=texts.number(tips),
            )
        )

    def count_text(self, count: int) -> str:
        return self.tr("{count} sessions").format(count=texts.number(count))

    def describe(self, record) -> str:
        return self.tr("the session “{title}” of {date}").format(
            title=record.title, date=texts.day(record.held_on)
        )


class CommunityModelsView(RecordListView):
    kind = "models"
    export_kind = "models"
    stretch_column = 0

    def make_model(self) -> RecordTableModel:
        return CommunityModelTableModel(self, actor=self.context.actor)

    def make_filter_bar(self) -> FilterBar:
        statuses = [(texts.choice_text(s), s.value) for s in ModelStatus]
        bar = FilterBar(statuses, self, kind_target="statuses")
        bar.kind.setItemText(0, self.tr("Any status"))
        return bar

    def count_text(self, count: int) -> str:
        return self.tr("{count} models").format(count=texts.number(count))

    def describe(self, record) -> str:
        return self.tr("the model “{name}”").format(name=record.name)


class DecisionsView(RecordListView):
    """Decisions above, the recipients of the selected decision below."""

    kind = "decisions"
    export_kind = "commendations"
    stretch_column = 2

    def make_model(self) -> RecordTableModel:
        return DecisionTableModel(self, actor=self.context.actor)

    def build_body(self, layout: QVBoxLayout) -> None:
        from PySide6.QtGui import QStandardItem, QStandardItemModel

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        lower = QWidget(splitter)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.recipients_label = QLabel(self)
        lower_layout.addWidget(self.recipients_label)
        self.recipients_table = QTableView(lower)
        self.recipients_table.setObjectName("decision_recipients_table")
        configure_table(self.recipients_table)
        self.recipients_model = QStandardItemModel(self)
        self.recipients_table.setModel(self.recipients_model)
        lower_layout.addWidget(self.recipients_table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self._item = QStandardItem

    def _on_current_row_changed(self, *args) -> None:
        super()._on_current_row_changed()
        self.show_recipients(self.current_record())

    def show_recipients(self, decision) -> None:
        model = self.recipients_model
        model.clear()
        model.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Recipient kind"),
                self.tr("Name"),
                self.tr("Position or rank"),
                self.tr("Unit or address"),
                self.tr("Register no."),
                self.tr("Printed"),
            ]
        )
        if decision is None:
            self.recipients_label.setText(self.tr("Select a decision to see its recipients."))
            return
        recipients = commendations.decision_recipients(decision)
        for number, c in enumerate(recipients, start=1):
            model.appendRow(
                [
                    self._item(str(number)),
                    self._item(texts.choice_text(c.recipient_kind)),
                    self._item(c.recipient_name),
                    self._item(c.recipient_position),
                    self._item(c.recipient_unit),
                    self._item(c.register_number),
                    self._item(texts.number(c.print_count)),
                ]
            )
        self.recipients_label.setText(
            self.tr("Recipients of decision {number} ({count})").format(
                number=decision.number, count=texts.number(len(recipients))
            )
        )
        fit_columns(self.recipients_table, 4)

    def count_text(self, count: int) -> str:
        return self.tr("{count} decisions").format(count=texts.number(count))

    def describe(self, record) -> str:
        return self.tr("decision {number} with all its recipients").format(number=record.number)
