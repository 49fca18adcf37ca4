"""The decision form: its fields, the recipients grid, pasting rows copied from Excel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from movement_desk.db.models import Commendation, Decision
from movement_desk.gui.forms import DecisionForm
from movement_desk.services.records import commendations
from tests.gui.conftest import show_active

DECISION = {
    "decision_number": "125/QĐ-CAT-PV05",
    "decision_date": "15/01/2024",
    "form": "giay_khen",
    "authority": "GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN",
    "unit_code": "06",
    "signer_prefix": "KT.",
    "signer_title": "GIÁM ĐỐC",
    "signer_name": "Nguyễn Văn Bình",
    "place": "Bắc Kạn",
    "achievement": "Đã có thành tích xuất sắc trong phong trào năm 2023",
}
PASTED = (
    "Cá nhân\tNguyễn Văn An\tĐại úy\tCông an xã Bằng Thành\t\t37\r\n"
    "Tập thể\tCông an xã Cao Tân\t\tHuyện Pác Nặm\t\t38\r\n"
    "Hộ gia đình\tHộ ông Hoàng Văn Cường\t\tThôn Nà Hin\t\t39\r\n"
)


def _form(qtbot, context, **kwargs) -> DecisionForm:
    return show_active(qtbot, DecisionForm(context, **kwargs))


def test_rows_pasted_from_excel_become_recipients_of_the_saved_decision(qtbot, context, no_prompts):
    form = _form(qtbot, context)
    form.set_raw(DECISION)
    view = form.recipients_view
    view.setFocus()
    view.setCurrentIndex(form.recipients.index(0, 0))
    QApplication.clipboard().setText(PASTED)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert form.recipients.rowCount() == 3
    assert form.recipients.index(1, 1).data() == "Công an xã Cao Tân"
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    decision = Decision.get(Decision.number == "125/QĐ-CAT-PV05")
    stored = commendations.decision_recipients(decision)
    assert [c.recipient_name for c in stored] == [
        "Nguyễn Văn An",
        "Công an xã Cao Tân",
        "Hộ ông Hoàng Văn Cường",
    ]
    assert [c.recipient_kind.value for c in stored] == ["individual", "collective", "household"]
    assert stored[0].register_number == "37"
    assert decision.signer_prefix == "KT."
    assert not form.isVisible()


def test_a_bad_recipient_row_is_highlighted_and_nothing_is_stored(qtbot, context, no_prompts):
    form = _form(qtbot, context)
    form.set_raw(DECISION)
    form.recipients.paste_text("Cá nhân\tNguyễn Văn An\nngười lạ\tTrần Văn B\n", 0)
    form.save_button.click()
    assert Decision.select().count() == 0
    assert Commendation.select().count() == 0
    message = form.findChild(QLabel, "error_recipients").text()
    assert "Row 2" in message and "không có trong danh sách" in message
    assert 1 in form.recipients.errors
    assert form.recipients.index(1, 1).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_a_decision_without_recipients_is_refused_beside_the_table(qtbot, context, no_prompts):
    form = _form(qtbot, context)
    form.set_raw({**DECISION, "recipients": [{"recipient_kind": "individual"}]})
    form.save_button.click()
    assert "chưa có người" in form.findChild(QLabel, "error_recipients").text()
    assert Decision.select().count() == 0


def test_missing_number_is_shown_beside_the_number_field(qtbot, context, no_prompts):
    form = _form(qtbot, context)
    form.set_raw({**DECISION, "decision_number": ""})
    form.recipients.paste_text("Cá nhân\tNguyễn Văn An\n", 0)
    form.save_button.click()
    assert "bắt buộc" in form.findChild(QLabel, "error_decision_number").text()
    assert Decision.select().count() == 0


def test_editing_a_decision_and_undoing_the_edit(qtbot, context, actor, no_prompts):
    from movement_desk.gui.forms import decision_form_values

    decision = commendations.save_decision(
        DECISION,
        [{"recipient_name": "Nguyễn Văn An"}, {"recipient_name": "Lý Thị Hoa"}],
        actor,
    )
    form = _form(qtbot, context, uuid=decision.uuid, values=decision_form_values(decision.uuid))
    assert form.recipients.rowCount() == 2
    form.recipients.removeRows(1, 1)
    form.save_button.click()
    assert [c.recipient_name for c in commendations.decision_recipients(decision)] == [
        "Nguyễn Văn An"
    ]
    context.undo_stack.undo()
    names = [c.recipient_name for c in commendations.decision_recipients(decision)]
    assert names == ["Nguyễn Văn An", "Lý Thị Hoa"]


def test_decisions_view_shows_the_recipients_of_the_selected_decision(
    qtbot, context, actor, no_prompts
):
    from movement_desk.gui.views.records import DecisionsView

    decision = commendations.save_decision(
        DECISION, [{"recipient_name": "Nguyễn Văn An"}, {"recipient_name": "Lý Thị Hoa"}], actor
    )
    view = show_active(qtbot, DecisionsView(context))
    assert view.select_uuid(decision.uuid)
    assert view.recipients_model.rowCount() == 2
    assert view.recipients_model.item(1, 2).text() == "Lý Thị Hoa"
    assert view.delete_current()
    assert Decision.get_by_id(decision.id).deleted_at is not None
    context.undo_stack.undo()
    assert Decision.get_by_id(decision.id).deleted_at is None
    assert len(commendations.decision_recipients(decision)) == 2
