"""Units and catalogues: the unit tree, the model types, the organisers."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from movement_desk.db.choices import ModelCategory, OrganizerKind
from movement_desk.gui import prompts, texts, undo
from movement_desk.gui.context import AppContext
from movement_desk.gui.forms import RecordForm, _line, _text_edit
from movement_desk.gui.table_models import SimpleTableModel
from movement_desk.gui.views.records import configure_table, fit_columns
from movement_desk.gui.widgets import ChoiceCombo, TextCombo, UnitPicker
from movement_desk.services import catalog, records, units
from movement_desk.services.errors import ServiceError, ValidationError


class ModelTypeForm(RecordForm):
    """One entry of the model-type catalogue."""

    kind = "model_types"

    def build(self) -> None:
        self.add_field("name", self.tr("&Name"), _line(self, 60))
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
        return model_type_raw(self.uuid)


def model_type_raw(uuid: str) -> dict:
    from movement_desk.db.models import ModelType

    model_type = records.get_record(ModelType, uuid)
    return {
        "name": model_type.name,
        "category": model_type.category.value,
        "criteria": model_type.criteria,
        "description": model_type.description,
    }


class UnitsTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("units_tree")
        self.tree.setAlternatingRowColors(True)
        self.model = QStandardItemModel(self)
        self.tree.setModel(self.model)
        layout.addWidget(self.tree)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Units come from the bundled list or from “units import FILE.csv” on the "
                    "command line; records keep the unit they were entered under."
                ),
                self,
            )
        )
        self.load()

    def load(self) -> None:
        self.model.clear()
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Code"),
                self.tr("Kind"),
                self.tr("Valid from"),
                self.tr("Valid to"),
            ]
        )
        tree = units.UnitTree.load()

        def add(parent_item, unit_id):
            unit = tree.by_id[unit_id]
            row = [
                QStandardItem(unit.title),
                QStandardItem(unit.code),
                QStandardItem(texts.choice_text(unit.kind)),
                QStandardItem(texts.day(unit.valid_from)),
                QStandardItem(texts.day(unit.valid_to)),
            ]
            for item in row:
                item.setEditable(False)
            parent_item.appendRow(row)
            for child in tree.children.get(unit_id, []):
                add(row[0], child)

        for root in tree.roots():
            add(self.model.invisibleRootItem(), root.id)
        self.tree.expandToDepth(0)
        self.tree.setColumnWidth(0, 320)


class ModelTypesTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
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
        self.table.doubleClicked.connect(self.edit_type)
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
        if uuid is None:
            return None
        form = ModelTypeForm(self.context, self, uuid=uuid, values=model_type_raw(uuid))
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


class OrganizersTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.kind = ChoiceCombo(OrganizerKind, self)
        self.name = TextCombo([], self)
        self.name.setObjectName("organizer_name")
        self.unit = UnitPicker(self)
        add = QPushButton(self.tr("&Add organiser"), self)
        add.setObjectName("organizer_add")
        add.clicked.connect(self.add_organizer)
        row.addWidget(self.kind)
        row.addWidget(self.name, 2)
        row.addWidget(self.unit, 2)
        row.addWidget(add)
        layout.addLayout(row)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.model = SimpleTableModel([self.tr("Kind"), self.tr("Name"), self.tr("Unit")], self)
        self.table = QTableView(self)
        configure_table(self.table)
        self.table.setModel(self.model)
        layout.addWidget(self.table)
        layout.addWidget(
            QLabel(self.tr("Organisers listed here are offered when typing a session."), self)
        )
        self.load()

    def load(self) -> None:
        organizers = catalog.live_organizers()
        self.model.set_rows(
            [
                [texts.choice_text(o.kind), o.name, o.unit.title if o.unit else ""]
                for o in organizers
            ],
            [o.uuid for o in organizers],
        )
        fit_columns(self.table, 1)

    def add_organizer(self) -> None:
        raw = {"kind": self.kind.value(), "name": self.name.value(), "unit_code": self.unit.value()}
        try:
            catalog.create_organizer(raw, self.context.actor)
        except ValidationError as exc:
            self.error.setText("\n".join(str(e) for e in exc.errors))
            return
        self.error.clear()
        self.name.set_value("")
        self.load()
        self.context.notify("organizers")


class CataloguesView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.units_tab = UnitsTab(self)
        self.types_tab = ModelTypesTab(context, self)
        self.organizers_tab = OrganizersTab(context, self)
        self.tabs.addTab(self.units_tab, self.tr("Administrative units"))
        self.tabs.addTab(self.types_tab, self.tr("Model types"))
        self.tabs.addTab(self.organizers_tab, self.tr("Organisers"))
        layout.addWidget(self.tabs)
