"""The catalogue tabs' actions with nothing selected, a deletion declined, and a type or
organiser opened for editing (gui/views/catalogues.py)."""

from __future__ import annotations

from movement_desk.db.models import ModelType, Organizer
from movement_desk.gui import prompts
from movement_desk.gui.views.catalogues import CataloguesView
from movement_desk.services.records import catalog


def test_nothing_selected_nothing_done(qtbot, context, no_prompts):
    view = CataloguesView(context)
    qtbot.addWidget(view)
    for tab in (view.types_tab, view.organizers_tab):
        tab.table.setCurrentIndex(tab.model.index(-1, -1))
    assert view.types_tab.edit_type() is None
    view.types_tab.delete_type()
    assert view.organizers_tab.edit_organizer() is None
    view.organizers_tab.delete_organizer()
    assert no_prompts == [] and context.undo_stack.count() == 0


def test_a_declined_deletion_keeps_the_type_and_editing_opens_its_values(
    qtbot, context, no_prompts, monkeypatch
):
    view = CataloguesView(context)
    qtbot.addWidget(view)
    tab = view.types_tab
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    name = tab.model.rows[0][0]
    asked = []
    monkeypatch.setattr(
        prompts, "confirm", lambda parent, title, text, **kwargs: asked.append(text) or False
    )
    tab.delete_type()
    assert asked == [f"Delete the model type “{name}”?"]
    assert ModelType.live().where(ModelType.name == name).exists()
    form = tab.edit_type()
    assert form.raw()["name"] == name and form.uuid == tab.current_uuid()
    form.close()


def test_an_organiser_is_opened_for_editing_and_its_deletion_can_be_declined(
    qtbot, context, actor, no_prompts, monkeypatch
):
    catalog.create_organizer({"kind": "police", "name": "Công an xã Thử", "unit_code": ""}, actor)
    view = CataloguesView(context)
    qtbot.addWidget(view)
    tab = view.organizers_tab
    row = next(i for i, r in enumerate(tab.model.rows) if r[1] == "Công an xã Thử")
    tab.table.setCurrentIndex(tab.model.index(row, 0))
    form = tab.edit_organizer()
    assert form.raw()["name"] == "Công an xã Thử"
    form.close()
    monkeypatch.setattr(prompts, "confirm", lambda *args, **kwargs: False)
    tab.delete_organizer()
    assert Organizer.live().where(Organizer.name == "Công an xã Thử").exists()
    assert context.undo_stack.count() == 0
