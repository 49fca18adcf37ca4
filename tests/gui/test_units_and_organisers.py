"""Units and catalogues page: the unit tree (validity, successors), importing a unit list,
adding and correcting a unit, organisers edited and deleted with undo, read-only roles."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QPushButton

from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.models import AdministrativeUnit, Organizer
from movement_desk.gui import prompts
from movement_desk.gui.context import AppContext
from movement_desk.gui.views.catalogues import (
    CODE_ROLE,
    CataloguesView,
    OrganizerForm,
    UnitForm,
    UnitImportDialog,
)
from movement_desk.services.core.actor import SYSTEM_ACTOR
from movement_desk.services.records import catalog, units

CAO_BANG = (
    "code,name,kind,parent_code,valid_from,valid_to\n"
    "04,Cao Bằng,tỉnh,,,\n"
    "040,Cao Bằng,thành phố,04,,\n"
    "01270,Sông Hiến,phường,040,01/01/2020,\n"
)


def _view(qtbot, context) -> CataloguesView:
    view = CataloguesView(context)
    qtbot.addWidget(view)
    return view


def _row_texts(tab, code: str) -> list[str]:
    item = tab._items[code]
    parent = item.parent() or tab.model.invisibleRootItem()
    return [parent.child(item.row(), column).text() for column in range(tab.model.columnCount())]


def _wait(qtbot, dialog: UnitImportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=15000)


def test_the_tree_shows_validity_and_what_a_merged_unit_became(qtbot, context):
    view = _view(qtbot, context)
    tab = view.units_tab
    assert _row_texts(tab, "01837") == [
        "Phường Sông Cầu",
        "01837",
        "Phường",
        "until 30/06/2025",
        "Phường Bắc Kạn",
    ]
    assert _row_texts(tab, "061")[3:] == ["until 30/06/2025", "Tỉnh Thái Nguyên"]
    new_ward = next(
        u for u in units.search_units("bac kan", actor=SYSTEM_ACTOR) if u.code.startswith("TN")
    )
    assert _row_texts(tab, new_ward.code)[3:] == ["from 01/07/2025", ""]


def test_a_unit_list_is_checked_then_imported_in_the_background(
    qtbot, context, no_prompts, monkeypatch, tmp_path
):
    path = tmp_path / "cao-bang.csv"
    path.write_text(CAO_BANG, "utf-8")
    monkeypatch.setattr(prompts, "open_file", lambda *args, **kwargs: str(path))
    changed: list[str] = []
    context.events.changed.connect(changed.append)
    view = _view(qtbot, context)
    tab = view.units_tab
    dialog = tab.import_units()  # a child of the page: closed with it
    assert not dialog.run_button.isEnabled()
    dialog.findChild(QPushButton, "units_import_browse").click()  # choosing the file checks it
    _wait(qtbot, dialog)
    result = dialog.findChild(QLabel, "units_import_result").text()
    assert "holds 3 units: 3 new, 0 changed, 0 unchanged" in result
    assert units.find_unit("04") is None  # the check wrote nothing
    assert dialog.run_button.isEnabled()

    dialog.run_button.click()
    _wait(qtbot, dialog)
    assert "Imported 3 units: 3 new" in dialog.result_label.text()
    assert units.get_unit("01270").parent.code == "040"
    assert "units" in changed
    assert _row_texts(tab, "01270")[:2] == ["Phường Sông Hiến", "01270"]
    assert _row_texts(tab, "01270")[3] == "from 01/01/2020"
    imports = AuditEntry.select().where(AuditEntry.action == "import")
    assert [e.record_label for e in imports][-1:] == ["cao-bang.csv"]
    assert "3 mới" in list(imports)[-1].summary
    assert not dialog.run_button.isEnabled()  # check again before another import

    dialog.check()
    _wait(qtbot, dialog)
    assert "0 new, 0 changed, 3 unchanged" in dialog.result_label.text()


def test_a_refused_unit_list_lists_its_rows_and_writes_nothing(
    qtbot, context, no_prompts, tmp_path
):
    path = tmp_path / "bad.csv"
    path.write_text(
        "code,name,kind,parent_code,valid_from,valid_to\n"
        "04,Cao Bằng,tỉnh,,,\n"
        "041,,huyện,04,,\n"
        "042,Bảo Lạc,huyện,04,01/01/2021,01/01/2020\n",
        "utf-8",
    )
    before = AdministrativeUnit.select().count()
    dialog = UnitImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    dialog.check_button.click()
    _wait(qtbot, dialog)
    assert "Refused: nothing was written" in dialog.result_label.text()
    errors = dialog.errors_dialog
    qtbot.addWidget(errors)
    rows = [
        [errors.model.index(r, c).data() for c in range(3)] for r in range(errors.model.rowCount())
    ]
    assert [row[:2] for row in rows] == [["3", "Tên đơn vị"], ["4", "Hiệu lực đến"]]
    assert not dialog.run_button.isEnabled()
    assert AdministrativeUnit.select().count() == before


def test_a_unit_is_corrected_in_its_form_and_the_correction_undone(qtbot, context, no_prompts):
    view = _view(qtbot, context)
    tab = view.units_tab
    assert tab.select_code("01888")
    form = tab.edit_unit()
    assert not form.fields["code"].isEnabled()
    form.set_raw({"name": "Chợ Rã mới", "valid_to": "01/07/2025"})
    form.save_button.click()
    error = form.findChild(QLabel, "error_valid_to").text()
    assert "hết hiệu lực sau ngày 30/06/2025" in error
    assert units.get_unit("01888").name == "Chợ Rã"

    form.set_raw({"valid_to": "30/06/2025"})
    form.save_button.click()
    assert not form.isVisible()
    assert units.get_unit("01888").name == "Chợ Rã mới"
    assert _row_texts(tab, "01888")[0] == "Thị trấn Chợ Rã mới"
    assert tab.current_code() == "01888"

    context.undo_stack.undo()
    assert units.get_unit("01888").name == "Chợ Rã"
    assert _row_texts(tab, "01888")[0] == "Thị trấn Chợ Rã"


def test_a_unit_is_added_under_the_selected_district(qtbot, context, no_prompts):
    view = _view(qtbot, context)
    tab = view.units_tab
    tab.select_code("061")
    form = tab.add_unit()
    raw = form.raw()
    assert (raw["parent_code"], raw["kind"], raw["valid_to"]) == ("061", "xa", "30/06/2025")
    form.set_raw({"code": "01888", "name": "Bản Thử"})
    form.save_button.click()
    assert "đã dùng cho Thị trấn Chợ Rã" in form.findChild(QLabel, "error_code").text()
    form.set_raw({"code": "09999"})
    form.save_button.click()
    added = units.get_unit("09999")
    assert (added.title, added.parent.code, added.valid_to) == (
        "Xã Bản Thử",
        "061",
        date(2025, 6, 30),
    )
    assert tab.current_code() == "09999"
    assert tab._items["09999"].parent().data(CODE_ROLE) == "061"

    context.undo_stack.undo()  # adding by mistake is undone: the unit is only marked deleted
    assert "09999" not in tab._items
    context.undo_stack.redo()
    assert "09999" in tab._items


def test_an_organiser_is_edited_deleted_and_the_deletion_undone(qtbot, context, no_prompts):
    view = _view(qtbot, context)
    tab = view.organizers_tab
    tab.name.set_value("Hội Phụ nữ xã Chợ Rã")
    tab.kind.set_value("association")
    tab.unit.set_value("01888")
    tab.findChild(QPushButton, "organizer_add").click()
    assert [row[1] for row in tab.model.rows] == ["Hội Phụ nữ xã Chợ Rã"]
    uuid = tab.current_uuid()

    form = tab.edit_organizer()
    form.set_raw({"name": ""})
    form.save_button.click()
    assert "chưa nhập" in form.findChild(QLabel, "error_name").text()
    form.set_raw({"name": "Hội Liên hiệp Phụ nữ xã Chợ Rã"})
    form.save_button.click()
    assert tab.model.rows[0][1] == "Hội Liên hiệp Phụ nữ xã Chợ Rã"
    assert tab.model.rows[0][2] == "Thị trấn Chợ Rã"

    tab.table.setCurrentIndex(tab.model.index(0, 0))
    tab.findChild(QPushButton, "organizers_delete").click()
    assert any(kind == "confirm" and "Hội Liên hiệp" in text for kind, text in no_prompts)
    assert tab.model.rowCount() == 0
    assert Organizer.get(Organizer.uuid == uuid).deleted_at is not None

    context.undo_stack.undo()  # the deletion
    assert [row[1] for row in tab.model.rows] == ["Hội Liên hiệp Phụ nữ xã Chợ Rã"]
    context.undo_stack.undo()  # the edit
    assert [row[1] for row in tab.model.rows] == ["Hội Phụ nữ xã Chợ Rã"]
    context.undo_stack.undo()  # the addition
    assert tab.model.rowCount() == 0
    assert catalog.live_organizers(actor=SYSTEM_ACTOR) == []


def test_an_officer_sees_units_and_model_types_read_only(qtbot, people, db_path, no_prompts):
    context = AppContext(db_path, actor=people["officer"])
    view = _view(qtbot, context)
    tab = view.units_tab
    for name in ("units_import", "units_add", "units_edit"):
        assert tab.findChild(QPushButton, name).isHidden()
    assert "Only an administrator" in tab.findChild(QLabel, "units_note").text()
    tab.select_code("01888")
    tab._on_tree_activated(tab.tree.currentIndex())
    assert tab.findChildren(UnitForm) == []
    for name in ("types_new", "types_edit", "types_delete"):
        assert view.types_tab.findChild(QPushButton, name).isHidden()
    # An officer keeps the organisers of their commune.
    assert not view.organizers_tab.findChild(QPushButton, "organizers_edit").isHidden()


def test_a_supervisor_sees_the_organisers_read_only(qtbot, people, db_path, no_prompts):
    catalog.create_organizer(
        {"kind": "police", "name": "Công an huyện Ba Bể", "unit_code": "061"}, people["admin"]
    )
    context = AppContext(db_path, actor=people["lead"])
    view = _view(qtbot, context)
    tab = view.organizers_tab
    assert tab.model.rowCount() == 1
    assert tab.add_row.isHidden()
    assert tab.findChild(QPushButton, "organizers_delete").isHidden()
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    tab._on_table_activated(tab.table.currentIndex())
    assert tab.findChildren(OrganizerForm) == []  # nothing opened


def test_a_residential_area_is_added_under_a_commune_with_its_households(
    qtbot, context, no_prompts
):
    view = _view(qtbot, context)
    tab = view.units_tab
    tab.select_code("01888")
    form = tab.add_unit()
    assert form.raw()["kind"] == "to_dan_pho"  # Chợ Rã is a township
    form.set_raw({"code": "0188801", "name": "Tổ 1", "households": "12a"})
    form.save_button.click()
    assert "số" in form.findChild(QLabel, "error_households").text()
    form.set_raw({"households": "134"})
    form.save_button.click()
    added = units.get_unit("0188801")
    assert (added.title, added.parent.code, added.households) == ("Tổ dân phố Tổ 1", "01888", 134)
