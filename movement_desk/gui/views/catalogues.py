"""Units and catalogues: the unit tree, the model types, the organisers.

An administrator imports a province's unit list (checked first, then loaded in the
background), adds a unit under a parent and corrects a unit's name and validity; the others
see the tree read-only. Model types and organisers are edited in forms and deleted with undo.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from movement_desk.db.choices import ModelCategory, OrganizerKind, UnitKind
from movement_desk.gui import prompts, tasks, texts, undo
from movement_desk.gui.context import AppContext
from movement_desk.gui.forms import RecordForm, _line, _text_edit
from movement_desk.gui.table_models import SimpleTableModel
from movement_desk.gui.transfer_dialogs import ImportErrorsDialog
from movement_desk.gui.views.records import configure_table, fit_columns
from movement_desk.gui.widgets import ChoiceCombo, DateEdit, ErrorLabel, TextCombo, UnitPicker
from movement_desk.services.core import permissions
from movement_desk.services.core.errors import ServiceError, ValidationError
from movement_desk.services.records import catalog, units


class ModelTypeForm(RecordForm):
    """One entry of the model-type catalogue."""

    kind = "model_types"

    def build(self) -> None:
        self.add_field("name", self.tr("Na&me"), _line(self, 60))
        self.add_field("category", self.tr("&Category"), ChoiceCombo(ModelCategory, self))
        self.add_field("criteria", self.tr("C&riteria (for “3 không” types)"), _text_edit(self))
        self.add_field("description", self.tr("&Description"), _text_edit(self))
        self.resize(620, 420)

    def title(self) -> str:
        return self.tr("Edit model type") if self.uuid else self.tr("New model type")

    def initial_values(self) -> dict:
        return {"category": ModelCategory.SELF_MANAGEMENT.value}

    def store(self, raw: dict):
        if self.uuid:
            return catalog.update_model_type(self.uuid, raw, self.context.actor)
        return catalog.create_model_type(raw, self.context.actor)

    def stored_raw(self) -> dict:
        return catalog.model_type_raw(self.uuid)


UUID_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2

# The kind a unit added under a parent usually has.
CHILD_KIND = {
    UnitKind.PROVINCE: UnitKind.DISTRICT,
    UnitKind.COMMUNE: UnitKind.HAMLET,
    UnitKind.SPECIAL_ZONE: UnitKind.HAMLET,
    UnitKind.WARD: UnitKind.RESIDENTIAL_GROUP,
    UnitKind.TOWNSHIP: UnitKind.RESIDENTIAL_GROUP,
}


class UnitForm(RecordForm):
    """A unit added under a parent, or a unit's name and validity corrected.

    The code, kind and parent of a stored unit are shown but not edited: imports and packages
    find a unit by its code, and a province's new list is the way to restructure it."""

    kind = "units"
    keep_on_save_and_new = ("parent_code", "kind", "valid_from", "valid_to")

    def build(self) -> None:
        self.add_field("parent_code", self.tr("&Parent unit"), UnitPicker(self))
        self.add_field("kind", self.tr("&Kind"), ChoiceCombo(UnitKind, self))
        code = self.add_field("code", self.tr("&Code"), _line(self, 12))
        code.setPlaceholderText(self.tr("the statistics office's code, e.g. 01834"))
        self.add_field("name", self.tr("Na&me"), _line(self, 40))
        self.add_field("valid_from", self.tr("Valid &from"), DateEdit(self))
        self.add_field("valid_to", self.tr("Valid &to"), DateEdit(self))
        # Residential areas (thôn, bản, tổ dân phố…) count their households.
        self.add_field("households", self.tr("&Households"), _line(self, 8))
        hint = QLabel(
            self.tr(
                "Leave the dates empty when the unit has no known start or end. A unit "
                "lies within its parent's validity."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setObjectName("unit_form_hint")
        self.body_layout.addWidget(hint)
        if self.uuid is not None:
            for key in ("parent_code", "kind", "code"):
                self.fields[key].setEnabled(False)
        self.resize(560, 400)

    def title(self) -> str:
        return self.tr("Edit unit") if self.uuid else self.tr("New unit")

    def store(self, raw: dict):
        if self.uuid:
            return units.update_unit(self.uuid, raw, self.context.actor)
        return units.create_unit(raw, self.context.actor)

    def stored_raw(self) -> dict:
        return units.unit_raw(self.uuid)

    def blank_values(self) -> dict:
        return {"code": "", "name": ""}

    def undo_text(self, raw: dict, created: bool) -> str:
        text = self.tr("Add unit “{name}”") if created else self.tr("Edit unit “{name}”")
        return text.format(name=raw.get("name", ""))


class UnitImportDialog(QDialog):
    """A province's unit list loaded from a file: checked first (what it would create, change
    or leave), then imported in the background; a refused file lists its bad rows."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Import a unit list"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Columns: code, name, kind, parent_code and, if known, valid_from and valid_to "
                "(dd/mm/yyyy); the same file as “units import” on the command line. Units are "
                "matched by code: a unit already there is updated, never duplicated."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setObjectName("units_import_path")
        self.path.textChanged.connect(self._on_path_text_changed)
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.setObjectName("units_import_browse")
        browse.clicked.connect(self._on_browse_clicked)
        file_label = QLabel(self.tr("&File (.csv or .xlsx)"), self)
        file_label.setBuddy(self.path)  # else the "&" shows as it is
        row.addWidget(file_label)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        row.itemAt(0).widget().setBuddy(self.path)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("units_import_result")
        self.result_label.setWordWrap(True)
        self.result_label.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        layout.addWidget(self.result_label)
        buttons = QDialogButtonBox(self)
        self.check_button = buttons.addButton(
            self.tr("&Check"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.check_button.setObjectName("units_import_check")
        self.run_button = buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.run_button.setObjectName("units_import_run")
        self.run_button.setEnabled(False)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.check_button.clicked.connect(self.check)
        self.run_button.clicked.connect(self.run)
        layout.addWidget(buttons)
        self.task: tasks.BackgroundTask | None = None
        self.errors_dialog: ImportErrorsDialog | None = None
        self._checked_path = ""
        self.resize(640, 240)

    def _on_browse_clicked(self) -> None:
        path = prompts.open_file(self, self.tr("Import a unit list"), prompts.TABLE_FILTER)
        if path:
            self.path.setText(path)
            self.check()

    def _on_path_text_changed(self, text: str) -> None:
        self.run_button.setEnabled(bool(text.strip()) and text.strip() == self._checked_path)

    def check(self) -> None:
        """The dry run: nothing is written, the counts say what the import would do."""
        self._start(dry_run=True)

    def run(self) -> None:
        self._start(dry_run=False)

    def _start(self, *, dry_run: bool) -> None:
        path = self.path.text().strip()
        if not path:
            self.result_label.setText(self.tr("Choose a file first."))
            return
        actor = self.context.actor

        def work(progress):
            return units.import_units_csv(path, actor, dry_run=dry_run)

        self.check_button.setEnabled(False)
        self.run_button.setEnabled(False)
        label = self.tr("Checking the file…") if dry_run else self.tr("Importing units…")
        self.task = tasks.run_task(
            self,
            label,
            work,
            lambda result: self._on_done(path, dry_run, result),
            self._on_error,
            # A real import backs up first and commits in one go: it is not stopped halfway.
            cancellable=dry_run,
        )

    def _counts(self, result: units.UnitImportResult) -> dict:
        total = result.created + result.updated + result.unchanged
        return {
            "total": texts.number(total),
            "created": texts.number(result.created),
            "updated": texts.number(result.updated),
            "unchanged": texts.number(result.unchanged),
        }

    def _on_done(self, path: str, dry_run: bool, result: units.UnitImportResult) -> None:
        self.check_button.setEnabled(True)
        if dry_run:
            self._checked_path = path
            self.run_button.setEnabled(path == self.path.text().strip())
            text = self.tr(
                "The file holds {total} units: {created} new, {updated} changed, {unchanged} "
                "unchanged. Nothing is written yet: press Import to load them."
            )
        else:
            self._checked_path = ""
            text = self.tr(
                "Imported {total} units: {created} new, {updated} changed, {unchanged} unchanged."
            )
            self.context.notify("units")
        self.result_label.setText(text.format(**self._counts(result)))

    def _on_error(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self._checked_path = ""
        if isinstance(exc, tasks.TaskCancelled):
            self.result_label.setText(self.tr("Cancelled: nothing was written."))
        elif isinstance(exc, ValidationError):
            self.result_label.setText(
                self.tr("Refused: nothing was written. Correct the rows listed and check again.")
            )
            self.errors_dialog = ImportErrorsDialog(exc.errors, self)
            self.errors_dialog.show()
        else:
            self.result_label.setText(str(exc))


class UnitsTab(QWidget):
    """The unit tree with each unit's validity and successors; administrators change it."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.can_write = permissions.can(context.actor, "unit.write")
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for text, name, slot in (
            (self.tr("&Import unit list…"), "units_import", self.import_units),
            (self.tr("&Add unit under the selected one…"), "units_add", self.add_unit),
            (self.tr("&Edit unit…"), "units_edit", self.edit_unit),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            button.setVisible(self.can_write)
            buttons.addWidget(button)
            self.buttons[name] = button
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.tree = QTreeView(self)
        self.tree.setObjectName("units_tree")
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.model = QStandardItemModel(self)
        self.tree.setModel(self.model)
        self.tree.activated.connect(self._on_tree_activated)
        layout.addWidget(self.tree)
        if self.can_write:
            note = self.tr(
                "Records keep the unit they were entered under. End a unit with its valid-to "
                "date rather than removing it; a province's new list is imported from a file "
                "(or “units import FILE.csv” on the command line)."
            )
        else:
            note = self.tr(
                "Only an administrator can change the units. Records keep the unit they were "
                "entered under."
            )
        self.note = QLabel(note, self)
        self.note.setObjectName("units_note")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        context.events.changed.connect(self._on_data_changed)
        self.load()

    def _on_data_changed(self, kind: str) -> None:
        if kind == "units":
            self.load()

    def validity_text(self, unit) -> str:
        start, end = unit.valid_from, unit.valid_to
        if start and end:
            return self.tr("{start} – {end}").format(start=texts.day(start), end=texts.day(end))
        if end:
            return self.tr("until {date}").format(date=texts.day(end))
        if start:
            return self.tr("from {date}").format(date=texts.day(start))
        return ""

    def load(self) -> None:
        current = self.current_code()
        self.model.clear()
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Code"),
                self.tr("Kind"),
                self.tr("Validity"),
                self.tr("Became part of"),
            ]
        )
        tree = units.UnitTree.load()
        successors = units.direct_successors()
        today = date.today()
        ended_colour = self.palette().color(QPalette.ColorRole.PlaceholderText)
        self._items: dict[str, QStandardItem] = {}

        def add(parent_item, unit_id):
            unit = tree.by_id[unit_id]
            went_into = ", ".join(s.title for s in successors.get(unit_id, []))
            row = [
                QStandardItem(unit.title),
                QStandardItem(unit.code),
                QStandardItem(texts.choice_text(unit.kind)),
                QStandardItem(self.validity_text(unit)),
                QStandardItem(went_into),
            ]
            ended = unit.valid_to is not None and unit.valid_to < today
            for item in row:
                item.setEditable(False)
                item.setData(unit.uuid, UUID_ROLE)
                item.setData(unit.code, CODE_ROLE)
                if ended:
                    item.setForeground(ended_colour)
            if went_into:
                row[4].setToolTip(went_into)
            parent_item.appendRow(row)
            self._items[unit.code] = row[0]
            for child in tree.children.get(unit_id, []):
                add(row[0], child)

        for root in tree.roots():
            add(self.model.invisibleRootItem(), root.id)
        self.tree.expandToDepth(0)
        self.fit_columns()
        if current:
            self.select_code(current)

    def fit_columns(self) -> None:
        """Columns fit their content, including rows of branches still collapsed."""
        metrics = self.tree.fontMetrics()
        widest = {
            0: metrics.horizontalAdvance("M" * 22),
            2: max(metrics.horizontalAdvance(texts.choice_text(kind)) for kind in UnitKind),
            3: metrics.horizontalAdvance(
                self.tr("{start} – {end}").format(start="00/00/0000", end="00/00/0000")
            ),
        }
        for column in range(self.model.columnCount() - 1):
            self.tree.resizeColumnToContents(column)
            width = max(self.tree.columnWidth(column), widest.get(column, 0))
            self.tree.setColumnWidth(column, width + 16)
        self.tree.header().setStretchLastSection(True)

    def select_code(self, code: str) -> bool:
        item = self._items.get(code)
        if item is None:
            return False
        index = item.index()
        self.tree.expand(index.parent())
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def current_code(self) -> str:
        index = self.tree.currentIndex()
        return index.data(CODE_ROLE) if index.isValid() else ""

    def current_uuid(self) -> str | None:
        index = self.tree.currentIndex()
        return index.data(UUID_ROLE) if index.isValid() else None

    def _on_tree_activated(self, index) -> None:
        if self.can_write:
            self.edit_unit()

    def import_units(self) -> UnitImportDialog:
        dialog = UnitImportDialog(self.context, self)
        dialog.show()
        return dialog

    def add_unit(self) -> UnitForm:
        values = {"kind": UnitKind.PROVINCE.value}
        code = self.current_code()
        parent = units.find_unit(code) if code else None
        if parent is not None:
            values = {
                "parent_code": parent.code,
                "kind": self._usual_child_kind(parent).value,
                "valid_from": texts.day(parent.valid_from) if parent.valid_from else "",
                "valid_to": texts.day(parent.valid_to) if parent.valid_to else "",
            }
        form = UnitForm(self.context, self, values=values)
        form.saved.connect(self._on_form_saved)
        form.show()
        return form

    @staticmethod
    def _usual_child_kind(parent) -> UnitKind:
        """The kind most of the parent's units have (communes under a province since 2025)."""
        kinds = Counter(u.kind for u in units.UnitTree.load().child_units(parent.id))
        if kinds:
            return kinds.most_common(1)[0][0]
        return CHILD_KIND.get(parent.kind, UnitKind.COMMUNE)

    def edit_unit(self) -> UnitForm | None:
        uuid = self.current_uuid()
        if uuid is None:
            prompts.inform(self, self.tr("Edit unit"), self.tr("Select a unit in the tree first."))
            return None
        form = UnitForm(self.context, self, uuid=uuid, values=units.unit_raw(uuid))
        form.saved.connect(self._on_form_saved)
        form.show()
        return form

    def _on_form_saved(self, uuid: str) -> None:
        self.select_code(units.unit_raw(uuid)["code"])


class ModelTypesTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.can_write = permissions.can(context.actor, "catalog.write")
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        for text, name, slot in (
            (self.tr("&New type"), "types_new", self.new_type),
            (self.tr("&Edit"), "types_edit", self.edit_type),
            (self.tr("&Delete"), "types_delete", self.delete_type),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            button.setVisible(self.can_write)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.model = SimpleTableModel(
            [self.tr("Name"), self.tr("Category"), self.tr("Criteria")], self
        )
        self.table = QTableView(self)
        self.table.setObjectName("model_types_table")
        configure_table(self.table)
        self.table.setModel(self.model)
        self.table.activated.connect(self.edit_type)
        layout.addWidget(self.table)
        context.events.changed.connect(self._on_data_changed)
        self.load()

    def _on_data_changed(self, kind: str) -> None:
        if kind == "model_types":
            self.load()

    def load(self) -> None:
        types = catalog.live_model_types()
        self.model.set_rows(
            [[t.name, texts.choice_text(t.category), t.criteria.replace("\n", " ")] for t in types],
            [t.uuid for t in types],
        )
        fit_columns(self.table, 2)

    def current_uuid(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.keys[index.row()] if index.isValid() else None

    def new_type(self):
        form = ModelTypeForm(self.context, self)
        form.show()
        return form

    def edit_type(self, *args):
        uuid = self.current_uuid()
        if uuid is None or not self.can_write:
            return None
        form = ModelTypeForm(self.context, self, uuid=uuid, values=catalog.model_type_raw(uuid))
        form.show()
        return form

    def delete_type(self) -> None:
        uuid = self.current_uuid()
        if uuid is None:
            return
        name = self.model.rows[self.table.currentIndex().row()][0]
        if not prompts.confirm(
            self, self.tr("Delete"), self.tr("Delete the model type “{name}”?").format(name=name)
        ):
            return
        ops = undo.OPS["model_types"]
        try:
            ops.delete(uuid, self.context.actor)
        except ServiceError as exc:
            prompts.warn(self, self.tr("Cannot delete"), str(exc))
            return
        self.context.undo_stack.push(
            undo.DeleteCommand(
                ops,
                uuid,
                self.context.actor,
                self.tr("Delete model type “{name}”").format(name=name),
                self.context.notify,
                lambda message: prompts.warn(self, self.tr("Cannot undo"), message),
            )
        )
        self.context.notify("model_types")


class OrganizerForm(RecordForm):
    """An organiser offered when typing a session: its kind, name and unit."""

    kind = "organizers"

    def build(self) -> None:
        self.add_field("kind", self.tr("&Kind"), ChoiceCombo(OrganizerKind, self))
        self.add_field("name", self.tr("Na&me"), _line(self, 50))
        self.add_field("unit_code", self.tr("&Unit"), UnitPicker(self))
        self.resize(560, 200)

    def title(self) -> str:
        return self.tr("Edit organiser") if self.uuid else self.tr("New organiser")

    def initial_values(self) -> dict:
        return {"kind": OrganizerKind.POLICE.value}

    def store(self, raw: dict):
        if self.uuid:
            return catalog.update_organizer(self.uuid, raw, self.context.actor)
        return catalog.create_organizer(raw, self.context.actor)

    def stored_raw(self) -> dict:
        return catalog.organizer_raw(self.uuid)

    def undo_text(self, raw: dict, created: bool) -> str:
        text = self.tr("Add organiser “{name}”") if created else self.tr("Edit organiser “{name}”")
        return text.format(name=raw.get("name", ""))


class OrganizersTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.can_write = permissions.can(context.actor, "organizer.write")
        layout = QVBoxLayout(self)
        self.add_row = QWidget(self)
        row = QHBoxLayout(self.add_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.kind = ChoiceCombo(OrganizerKind, self)
        self.kind.setObjectName("organizer_kind")
        self.name = TextCombo([], self)
        self.name.setObjectName("organizer_name")
        self.name.lineEdit().setPlaceholderText(self.tr("name of the organiser"))
        self.unit = UnitPicker(self)
        self.unit.setObjectName("organizer_unit")
        add = QPushButton(self.tr("&Add organiser"), self)
        add.setObjectName("organizer_add")
        add.clicked.connect(self.add_organizer)
        row.addWidget(self.kind)
        row.addWidget(self.name, 2)
        row.addWidget(self.unit, 2)
        row.addWidget(add)
        layout.addWidget(self.add_row)
        self.error = ErrorLabel(self)
        self.error.setObjectName("organizer_error")
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for text, name, slot in (
            (self.tr("&Edit"), "organizers_edit", self.edit_organizer),
            (self.tr("&Delete"), "organizers_delete", self.delete_organizer),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[name] = button
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.model = SimpleTableModel([self.tr("Kind"), self.tr("Name"), self.tr("Unit")], self)
        self.table = QTableView(self)
        self.table.setObjectName("organizers_table")
        configure_table(self.table)
        self.table.setModel(self.model)
        self.table.activated.connect(self._on_table_activated)
        layout.addWidget(self.table)
        if self.can_write:
            note = self.tr("Organisers listed here are offered when typing a session.")
        else:
            note = self.tr(
                "Organisers listed here are offered when typing a session. Your role cannot "
                "change them."
            )
        layout.addWidget(QLabel(note, self))
        self.add_row.setVisible(self.can_write)
        for button in self.buttons.values():
            button.setVisible(self.can_write)
        context.events.changed.connect(self._on_data_changed)
        self.load()

    def _on_data_changed(self, kind: str) -> None:
        if kind in ("organizers", "units"):
            self.load()

    def load(self) -> None:
        organizers = catalog.live_organizers(actor=self.context.actor)
        self.model.set_rows(
            [
                [texts.choice_text(o.kind), o.name, o.unit.title if o.unit else ""]
                for o in organizers
            ],
            [o.uuid for o in organizers],
        )
        fit_columns(self.table, 1)

    def current_uuid(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.keys[index.row()] if index.isValid() else None

    def select_uuid(self, uuid: str) -> None:
        if uuid in self.model.keys:
            self.table.setCurrentIndex(self.model.index(self.model.keys.index(uuid), 0))

    def add_organizer(self) -> None:
        raw = {"kind": self.kind.value(), "name": self.name.value(), "unit_code": self.unit.value()}
        try:
            organizer = catalog.create_organizer(raw, self.context.actor)
        except ValidationError as exc:
            self.error.show_message("\n".join(str(e) for e in exc.errors))
            return
        except ServiceError as exc:
            self.error.show_message(str(exc))
            return
        self.error.show_message("")
        self.name.set_value("")
        self.context.undo_stack.push(
            undo.CreateCommand(
                undo.OPS["organizers"],
                organizer.uuid,
                self.context.actor,
                self.tr("Add organiser “{name}”").format(name=organizer.name),
                self.context.notify,
                self._undo_failed,
            )
        )
        self.context.notify("organizers")
        self.select_uuid(organizer.uuid)

    def _on_table_activated(self, index) -> None:
        if self.can_write:
            self.edit_organizer()

    def edit_organizer(self) -> OrganizerForm | None:
        uuid = self.current_uuid()
        if uuid is None:
            return None
        form = OrganizerForm(self.context, self, uuid=uuid, values=catalog.organizer_raw(uuid))
        form.saved.connect(self.select_uuid)
        form.show()
        return form

    def delete_organizer(self) -> None:
        uuid = self.current_uuid()
        if uuid is None:
            return
        name = self.model.rows[self.table.currentIndex().row()][1]
        question = self.tr(
            "Delete the organiser “{name}”? Sessions already entered keep the name they have; "
            "it is only no longer offered."
        ).format(name=name)
        if not prompts.confirm(self, self.tr("Delete"), question):
            return
        ops = undo.OPS["organizers"]
        try:
            ops.delete(uuid, self.context.actor)
        except ServiceError as exc:
            prompts.warn(self, self.tr("Cannot delete"), str(exc))
            return
        self.context.undo_stack.push(
            undo.DeleteCommand(
                ops,
                uuid,
                self.context.actor,
                self.tr("Delete organiser “{name}”").format(name=name),
                self.context.notify,
                self._undo_failed,
            )
        )
        self.context.notify("organizers")

    def _undo_failed(self, message: str) -> None:
        prompts.warn(self, self.tr("Cannot undo"), message)


class CataloguesView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.units_tab = UnitsTab(context, self)
        self.types_tab = ModelTypesTab(context, self)
        self.organizers_tab = OrganizersTab(context, self)
        self.tabs.addTab(self.units_tab, self.tr("Administrative units"))
        self.tabs.addTab(self.types_tab, self.tr("Model types"))
        self.tabs.addTab(self.organizers_tab, self.tr("Organisers"))
        layout.addWidget(self.tabs)

    FORMS = {"units": UnitForm, "model_types": ModelTypeForm, "organizers": OrganizerForm}

    def open_form(self, kind: str, uuid: str | None, values: dict) -> RecordForm:
        """The form of a catalogue entry (a draft offered back after a crash)."""
        tab = {"units": self.units_tab, "model_types": self.types_tab}.get(
            kind, self.organizers_tab
        )
        self.tabs.setCurrentWidget(tab)
        return self.FORMS[kind](tab.context, tab, uuid=uuid, values=values)
