"""The catalogue tabs when nothing is chosen, and their double clicks (gui/views/catalogues.py):
a unit list with no file or a file that is not there, a unit valid between two days, a new unit
with no unit selected, editing with none selected, a model type corrected, an organiser and a
unit opened by a double click."""

from __future__ import annotations

from PySide6.QtCore import Qt

from movement_desk.gui.views.catalogues import (
    CataloguesView,
    OrganizerForm,
    UnitForm,
    UnitImportDialog,
)
from movement_desk.services.records import catalog, units


def _view(qtbot, context) -> CataloguesView:
    view = CataloguesView(context)
    qtbot.addWidget(view)
    view.show()
    return view


def _double_click(qtbot, view, index) -> None:
    view.scrollTo(index)
    point = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_a_unit_list_needs_a_file_that_is_there(qtbot, context, no_prompts, tmp_path):
    dialog = UnitImportDialog(context)
    qtbot.addWidget(dialog)
    dialog._on_browse_clicked()  # the file dialog cancelled: nothing checked
    assert dialog.path.text() == "" and dialog.task is None
    dialog.check_button.click()
    assert dialog.result_label.text() == "Choose a file first."
    assert dialog.task is None
    missing = tmp_path / "không có.csv"
    dialog.path.setText(str(missing))
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=15_000)
    assert dialog.result_label.text() == f"Không tìm thấy tệp “{missing}”."
    assert dialog.check_button.isEnabled() and not dialog.run_button.isEnabled()
    assert dialog.errors_dialog is None


def test_a_unit_valid_between_two_days_shows_both(qtbot, context, no_prompts, tmp_path):
    path = tmp_path / "units.csv"
    path.write_text(
        "code,name,kind,parent_code,valid_from,valid_to\n"
        "09998,Bản Tạm,xã,061,01/01/2024,30/06/2025\n",
        "utf-8",
    )
    units.import_units_csv(path, context.actor)
    view = _view(qtbot, context)
    tab = view.units_tab
    item = tab._items["09998"]
    assert item.parent().child(item.row(), 3).text() == "01/01/2024 – 30/06/2025"


def test_new_and_edit_with_no_unit_selected(qtbot, context, no_prompts):
    view = _view(qtbot, context)
    tab = view.units_tab
    tab.tree.setCurrentIndex(tab.model.index(-1, -1))
    assert tab.edit_unit() is None
    assert no_prompts == [("inform", "Select a unit in the tree first.")]
    form = tab.add_unit()  # a new province: nothing above it
    raw = form.raw()
    assert raw["kind"] == "tinh" and not raw["parent_code"]


def test_a_double_click_opens_the_unit_and_the_organiser(qtbot, context, no_prompts):
    view = _view(qtbot, context)
    tab = view.units_tab
    assert tab.select_code("061")
    _double_click(qtbot, tab.tree, tab.tree.currentIndex())
    [form] = tab.findChildren(UnitForm)
    assert form.isVisible() and form.raw()["code"] == "061"
    organizers = view.organizers_tab
    catalog.create_organizer(
        {"kind": "association", "name": "Hội Nông dân xã Chợ Rã", "unit_code": "01888"},
        context.actor,
    )
    context.notify("organizers")
    view.tabs.setCurrentWidget(organizers)
    _double_click(qtbot, organizers.table, organizers.model.index(0, 1))
    [form] = organizers.findChildren(OrganizerForm)
    assert form.isVisible() and form.raw()["name"] == "Hội Nông dân xã Chợ Rã"


def test_a_model_type_is_corrected_in_its_form(qtbot, context, no_prompts):
    view = _view(qtbot, context)
    tab = view.types_tab
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    uuid = tab.current_uuid()
    form = tab.edit_type()
    form.set_raw({"criteria": "Không có tội phạm\nKhông có tệ nạn xã hội\nKhông có cháy nổ"})
    form.save_button.click()
    assert not form.isVisible()
    assert catalog.model_type_raw(uuid)["criteria"].endswith("Không có cháy nổ")
    row = tab.model.keys.index(uuid)
    assert tab.model.rows[row][2] == "Không có tội phạm Không có tệ nạn xã hội Không có cháy nổ"
    assert len(tab.model.keys) == len(catalog.live_model_types())  # changed, not added
