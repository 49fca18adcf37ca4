"""A decision saved from a version another officer changed meanwhile (issue 17, item 3): the
service and the decision window refuse it with "Bản ghi đã được <user> sửa lúc <time>; hãy mở
lại", never overwriting; both backends (``--backend=postgresql``)."""

from __future__ import annotations

import pytest

from movement_desk.db.models import Decision
from movement_desk.gui.forms import DecisionForm, decision_form_values
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import StaleRecordError
from movement_desk.services.records import commendations
from movement_desk.services.records import store as records
from tests.gui.conftest import show_active

DECISION = {
    "decision_number": "125/QĐ-CAT-PV05",
    "decision_date": "15/01/2024",
    "form": "giay_khen",
    "authority": "GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN",
    "unit_code": "06",
    "signer_title": "GIÁM ĐỐC",
    "signer_name": "Nguyễn Văn Bình",
    "place": "Bắc Kạn",
    "achievement": "Đã có thành tích xuất sắc",
}
RECIPIENTS = [{"recipient_kind": "individual", "recipient_name": "Nguyễn Văn An"}]
LAN = Actor(username="lan", display_name="Nguyễn Thị Lan")
HUNG = Actor(username="hung", display_name="Trần Văn Hùng")


def test_a_decision_saved_from_an_older_version_is_refused(database, actor):
    decision = commendations.save_decision(DECISION, RECIPIENTS, actor)
    loaded = decision.revision  # both officers open the decision
    with records.expect_revision(decision.uuid, loaded):
        commendations.save_decision(
            {**DECISION, "place": "Chợ Đồn"}, RECIPIENTS, LAN, uuid=decision.uuid
        )
    with records.expect_revision(decision.uuid, loaded), pytest.raises(StaleRecordError) as caught:
        commendations.save_decision(
            {**DECISION, "signer_name": "Hoàng Văn Thụ"}, RECIPIENTS, HUNG, uuid=decision.uuid
        )
    message = str(caught.value)
    assert message.startswith("Bản ghi đã được lan sửa lúc ") and "hãy mở lại" in message
    stored = Decision.get_by_id(decision.id)
    assert (stored.place, stored.signer_name) == ("Chợ Đồn", "Nguyễn Văn Bình")


def test_the_decision_window_refuses_a_save_after_another_officers(
    qtbot, context, actor, no_prompts
):
    decision = commendations.save_decision(DECISION, RECIPIENTS, actor)
    values = decision_form_values(decision.uuid)  # as the list's "edit" opens it
    form = show_active(qtbot, DecisionForm(context, uuid=decision.uuid, values=values))
    # Meanwhile another officer saves the same decision from another computer.
    commendations.save_decision(
        {**DECISION, "place": "Chợ Đồn"}, RECIPIENTS, LAN, uuid=decision.uuid
    )
    form.fields["signer_name"].clear()
    form.fields["signer_name"].setText("Hoàng Văn Thụ")
    form.save_button.click()
    assert form.isVisible()
    assert form.summary.text().startswith("Bản ghi đã được lan sửa lúc ")
    assert "hãy mở lại" in form.summary.text()
    stored = Decision.get_by_id(decision.id)
    assert (stored.place, stored.signer_name) == ("Chợ Đồn", "Nguyễn Văn Bình")
