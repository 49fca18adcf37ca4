"""An unsaved form survives a crash: its draft is written, offered back, and cleared."""

from __future__ import annotations

import json
import re
from datetime import date

from movement_desk.gui.drafts import DraftStore
from movement_desk.gui.forms import SessionForm
from movement_desk.gui.main_window import MainWindow
from tests.gui.conftest import show_active, type_text


def test_typing_writes_a_draft_and_saving_removes_it(qtbot, context, no_prompts):
    form = show_active(qtbot, SessionForm(context))
    type_text(qtbot, form.fields["title"], "Buổi chưa lưu")
    draft_file = context.drafts.path("sessions")
    qtbot.waitUntil(draft_file.exists, timeout=3000)
    saved = json.loads(draft_file.read_text("utf-8"))
    assert saved["values"]["title"] == "Buổi chưa lưu"
    assert saved["uuid"] is None
    form.set_raw({"unit_code": "01834", "date": "05/03/2025"})
    form.save_button.click()
    assert not form.isVisible()
    assert not draft_file.exists()


def test_cancelling_removes_the_draft(qtbot, context, no_prompts):
    form = show_active(qtbot, SessionForm(context))
    type_text(qtbot, form.fields["title"], "Bỏ")
    form.write_draft()
    assert context.drafts.path("sessions").exists()
    form.reject()
    assert not context.drafts.path("sessions").exists()


def test_the_draft_left_by_a_crash_is_offered_back_on_the_next_start(
    qtbot, context, db_path, monkeypatch
):
    from movement_desk.gui import prompts

    DraftStore(db_path).save(
        "sessions",
        None,
        {"date": "05/03/2025", "unit_code": "01834", "title": "Gõ dở trước khi mất điện"},
    )
    questions = []
    monkeypatch.setattr(
        prompts,
        "confirm",
        lambda parent, title, text, default_yes=False: questions.append(text) or True,
    )
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    forms = window.offer_drafts()
    assert len(questions) == 1
    assert "not saved" in questions[0]
    # When, as people write it, and whose: not "(2026-11-29T09:15:15)".
    today = date.today().strftime("%d/%m/%Y")
    assert re.search(rf"at \d\d:\d\d on {today}", questions[0]), questions[0]
    assert questions[0].startswith(f"{context.actor.display_name}'s session form")
    assert len(forms) == 1
    form = forms[0]
    assert form.fields["title"].text() == "Gõ dở trước khi mất điện"
    assert form.fields["date"].value() == "05/03/2025"
    assert form.is_dirty()


def test_declining_the_draft_deletes_it(qtbot, context, db_path, monkeypatch):
    from movement_desk.gui import prompts

    DraftStore(db_path).save("sessions", None, {"title": "Không cần"})
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: False)
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    assert window.offer_drafts() == []
    assert DraftStore(db_path).pending() == []


def test_a_decision_draft_keeps_its_recipients(qtbot, context, monkeypatch):
    from movement_desk.gui import prompts
    from movement_desk.gui.forms import DecisionForm

    form = show_active(qtbot, DecisionForm(context))
    form.recipients.paste_text("Cá nhân\tNguyễn Văn An\tĐại úy\n", 0)
    form.write_draft()
    form.hide()  # the program dies here: no save, no cancel
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    (restored,) = window.offer_drafts()
    assert restored.recipients.rows[0]["recipient_name"] == "Nguyễn Văn An"


def test_catalogue_drafts_reopen_their_own_forms(qtbot, context, db_path, monkeypatch):
    from movement_desk.gui import prompts
    from movement_desk.gui.views.catalogues import OrganizerForm, UnitForm
    from movement_desk.services.records import units

    chợ_rã = units.get_unit("01888")
    store = DraftStore(db_path)
    store.save("units", chợ_rã.uuid, {**units.unit_raw(chợ_rã.uuid), "name": "Chợ Rã sửa dở"})
    store.save("organizers", None, {"kind": "police", "name": "Công an xã gõ dở"})
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    forms = {type(form): form for form in window.offer_drafts()}
    assert forms[UnitForm].uuid == chợ_rã.uuid
    assert forms[UnitForm].fields["name"].text() == "Chợ Rã sửa dở"
    assert forms[OrganizerForm].fields["name"].text() == "Công an xã gõ dở"
    assert window.current_key() == "catalogues"
