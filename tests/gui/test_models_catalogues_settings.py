"""Community model form, the model-type catalogue with undo, and the settings page."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from movement_desk.db.models import CommunityModel, ModelType
from movement_desk.gui.forms import CommunityModelForm
from movement_desk.gui.views.catalogues import CataloguesView, ModelTypeForm
from movement_desk.gui.views.settings_view import SettingsView
from movement_desk.services.core import settings
from tests.gui.conftest import show_active

MODEL = {
    "name": "Tổ tự quản thôn Nà Hin",
    "model_type": "Tổ tự quản về an ninh, trật tự",
    "unit_code": "01834",
    "managing_kind": "police",
    "managing_name": "Công an phường Đức Xuân",
    "established_on": "01/03/2024",
    "members": "12",
    "status": "active",
}


def test_a_model_is_stored_and_a_dissolved_one_needs_its_date(qtbot, context, no_prompts):
    form = show_active(qtbot, CommunityModelForm(context))
    form.set_raw({**MODEL, "status": "dissolved"})
    form.save_button.click()
    assert "cần ngày chuyển tình trạng" in form.findChild(QLabel, "error_status_date").text()
    assert CommunityModel.select().count() == 0
    form.set_raw({"status_date": "01/05/2025"})
    form.save_button.click()
    stored = CommunityModel.get()
    assert stored.members == 12
    assert stored.status.value == "dissolved"
    assert stored.model_type.name == "Tổ tự quản về an ninh, trật tự"


def test_unknown_model_type_is_explained_beside_the_type(qtbot, context, no_prompts):
    form = show_active(qtbot, CommunityModelForm(context))
    form.set_raw({**MODEL, "model_type": "Loại không có"})
    form.save_button.click()
    assert "không có loại mô hình" in form.findChild(QLabel, "error_model_type").text()


def test_model_type_added_then_deleted_and_the_delete_undone(qtbot, context, no_prompts):
    view = CataloguesView(context)
    qtbot.addWidget(view)
    tab = view.types_tab
    before = tab.model.rowCount()
    form = tab.new_type()
    form.set_raw({"name": "Tổ an toàn giao thông", "category": "other"})
    form.save_button.click()
    assert tab.model.rowCount() == before + 1
    row = tab.model.rows.index(next(r for r in tab.model.rows if r[0] == "Tổ an toàn giao thông"))
    tab.table.setCurrentIndex(tab.model.index(row, 0))
    tab.delete_type()
    assert tab.model.rowCount() == before
    context.undo_stack.undo()
    assert tab.model.rowCount() == before + 1
    assert ModelType.live().where(ModelType.name == "Tổ an toàn giao thông").exists()


def test_a_type_in_use_cannot_be_deleted(qtbot, context, actor, no_prompts):
    from movement_desk.services.records import community_models

    community_models.create_model(MODEL, actor)
    view = CataloguesView(context)
    qtbot.addWidget(view)
    tab = view.types_tab
    row = next(i for i, r in enumerate(tab.model.rows) if r[0] == MODEL["model_type"])
    tab.table.setCurrentIndex(tab.model.index(row, 0))
    tab.delete_type()
    assert any(kind == "warn" and "Không xóa được" in text for kind, text in no_prompts)
    assert context.undo_stack.count() == 0


def test_duplicate_type_name_is_refused_beside_the_name(qtbot, context, no_prompts):
    form = show_active(qtbot, ModelTypeForm(context))
    form.set_raw({"name": "Camera an ninh"})
    form.save_button.click()
    assert "đã có loại mô hình tên này" in form.findChild(QLabel, "error_name").text()


def test_settings_are_saved_in_the_database(qtbot, context, no_prompts):
    view = SettingsView(context)
    qtbot.addWidget(view)
    view.home_unit.set_value("19")
    view.rule.setCurrentIndex(view.rule.findData("calendar"))
    view.texts["place"].setText("Thái Nguyên")
    assert view.save()
    assert settings.get("home_unit_code") == "19"
    assert settings.get("period_rule") == "calendar"
    assert settings.get("place") == "Thái Nguyên"


def test_settings_refuse_an_unknown_home_unit(qtbot, context, no_prompts):
    view = SettingsView(context)
    qtbot.addWidget(view)
    view.home_unit.set_value("12345")
    assert not view.save()
    assert "12345" in view.home_error.text()
    assert settings.get("home_unit_code") == "06"
