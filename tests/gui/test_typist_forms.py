"""Forms a typist never has to look at: every key goes where the focus is, as on a real window.

The helpers send keys to the widget that has the focus (or to the open list of suggestions),
never to a widget the test picks, so each test proves the keyboard alone gets there.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
)

from movement_desk.db.models import ActivitySession, CommunityModel, Decision, Organizer
from movement_desk.gui.forms import CommunityModelForm, DecisionForm, SessionForm
from movement_desk.gui.views import catalogues
from movement_desk.gui.widgets import CODE_ROLE
from movement_desk.services.records import catalog, commendations, sessions
from tests.gui.conftest import show_active

CTRL = Qt.KeyboardModifier.ControlModifier


def focused():
    return QApplication.activePopupWidget() or QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    """A key as the user presses it: to the open popup, else to the focused widget."""
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifier)
    QApplication.processEvents()


def type_keys(qtbot, text: str) -> None:
    """Type into the focused widget; QtTest cannot synthesise Vietnamese letters, so those
    are inserted where the cursor is, as an input method would."""
    widget = QApplication.focusWidget()
    if isinstance(widget, QAbstractItemView) and text.isascii():
        qtbot.keyClicks(widget, text[0])  # opens the cell's editor, which takes the rest
        widget, text = QApplication.focusWidget(), text[1:]
    elif isinstance(widget, QAbstractItemView):
        qtbot.keyClick(widget, Qt.Key.Key_F2)  # what the first typed letter does
        widget = QApplication.focusWidget()
        widget.selectAll()
    if isinstance(widget, QComboBox) and widget.isEditable():
        widget = widget.lineEdit()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    elif isinstance(widget, QLineEdit):
        widget.insert(text)
        widget.textEdited.emit(widget.text())
    elif isinstance(widget, QPlainTextEdit):
        widget.insertPlainText(text)
    else:  # pragma: no cover - a test typing into something else is wrong
        raise AssertionError(f"cannot type into {widget!r}")
    QApplication.processEvents()


def field_with_focus(form) -> str | None:
    widget = QApplication.focusWidget()
    for key, field in form.fields.items():
        if widget is field or field.isAncestorOf(widget):
            return key
    return None


def _form(qtbot, cls, context, **kwargs):
    return show_active(qtbot, cls(context, **kwargs))


@pytest.mark.parametrize(
    ("cls", "first"),
    [(SessionForm, "date"), (CommunityModelForm, "name"), (DecisionForm, "decision_number")],
)
def test_a_new_form_opens_with_the_first_field_focused(qtbot, context, no_prompts, cls, first):
    form = _form(qtbot, cls, context)
    assert field_with_focus(form) == first


def test_tab_goes_down_the_form_then_to_the_buttons(qtbot, context, no_prompts):
    form = _form(qtbot, SessionForm, context)
    seen = [field_with_focus(form)]
    for _ in range(len(form.fields) + 2):
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(field_with_focus(form) or QApplication.focusWidget().objectName())
    assert seen == [*form.fields, "form_save", "form_save_new", "form_cancel"]


def test_tab_on_the_decision_form_goes_down_each_column_then_the_grid(qtbot, context, no_prompts):
    form = _form(qtbot, DecisionForm, context)
    seen = [field_with_focus(form)]
    expected = [key for key in form.fields if key != "emulation_title"]  # disabled for Giấy khen
    for _ in range(len(expected)):
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(field_with_focus(form) or QApplication.focusWidget().objectName())
    assert seen == [*expected, "recipients_table"]


@pytest.mark.parametrize("field", ["kind", "organizer_kind"])
def test_enter_in_a_drop_down_moves_on_and_saves_nothing(qtbot, context, no_prompts, field):
    form = _form(qtbot, SessionForm, context)
    form.fields[field].setFocus()
    press(qtbot, Qt.Key.Key_Return)
    keys = list(form.fields)
    assert field_with_focus(form) == keys[keys.index(field) + 1]
    assert form.isVisible()
    assert not form.findChild(QLabel, "error_title").isVisible()
    assert ActivitySession.select().count() == 0


def test_enter_in_the_model_forms_drop_downs_moves_on(qtbot, context, no_prompts):
    form = _form(qtbot, CommunityModelForm, context)
    for field, following in [
        ("model_type", "unit_code"),
        ("managing_kind", "managing_name"),
        ("managing_name", "established_on"),
        ("status", "status_date"),
    ]:
        form.fields[field].setFocus()
        press(qtbot, Qt.Key.Key_Return)
        assert field_with_focus(form) == following
    assert form.isVisible()
    assert CommunityModel.select().count() == 0


def test_a_date_typed_over_todays_date_replaces_it(qtbot, context, no_prompts):
    form = _form(qtbot, SessionForm, context)
    line = form.fields["date"].line
    assert line.text() == date.today().strftime("%d/%m/%Y")
    type_keys(qtbot, "20/11/2026")
    assert form.fields["date"].value() == "20/11/2026"
    assert "20/11/2026" in form.fields["date"].reading.text()


@pytest.mark.parametrize(
    ("typed", "read", "weekday"),
    [
        ("5/3/2024", "05/03/2024", "Tuesday"),
        ("05.03.2024", "05/03/2024", "Tuesday"),
        ("20112026", "20/11/2026", "Friday"),
    ],
)
def test_a_date_is_read_in_the_ways_officers_type_it(
    qtbot, context, no_prompts, typed, read, weekday
):
    form = _form(qtbot, SessionForm, context)
    type_keys(qtbot, typed)
    assert form.fields["date"].reading.text() == f"{weekday} {read}"
    press(qtbot, Qt.Key.Key_Return)  # leaving the field writes it the usual way
    assert form.fields["date"].line.text() == read
    assert field_with_focus(form) == "unit_code"


def test_clicking_into_a_date_selects_it_so_typing_replaces_it(qtbot, context, no_prompts):
    form = _form(qtbot, CommunityModelForm, context)
    line = form.fields["established_on"].line
    line.setText("01/01/2020")
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    qtbot.wait(20)
    assert line.selectedText() == "01/01/2020"
    type_keys(qtbot, "02022021")
    assert form.fields["established_on"].value() == "02/02/2021"


def test_an_error_clears_as_soon_as_the_field_is_corrected(qtbot, context, no_prompts):
    form = _form(qtbot, SessionForm, context)
    press(qtbot, Qt.Key.Key_S, CTRL)
    title_error = form.findChild(QLabel, "error_title")
    unit_error = form.findChild(QLabel, "error_unit_code")
    assert title_error.isVisible() and unit_error.isVisible()
    form.fields["title"].setFocus()
    type_keys(qtbot, "Họp dân")
    assert not title_error.isVisible()
    assert unit_error.isVisible()  # still wrong, still said


def test_an_empty_count_is_asked_about_not_saved_as_zero(qtbot, context, monkeypatch):
    from movement_desk.gui import prompts

    asked = []
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: asked.append(a[2]) or False)
    monkeypatch.setattr(prompts, "ask_unsaved", lambda *a: prompts.DISCARD)
    form = _form(qtbot, SessionForm, context)
    form.set_raw({"date": "05/03/2024", "unit_code": "01834", "title": "Tuyên truyền"})
    form.fields["tips"].set_value("2")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert len(asked) == 1 and "Participants" in asked[0]
    assert ActivitySession.select().count() == 0
    assert field_with_focus(form) == "participants"
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)  # "yes, it was 0"
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert ActivitySession.get().participants == 0


def test_save_and_new_asks_again_for_the_counts_it_emptied(qtbot, context, monkeypatch):
    from movement_desk.gui import prompts

    asked = []
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: asked.append(a[2]) or False)
    monkeypatch.setattr(prompts, "ask_unsaved", lambda *a: prompts.DISCARD)
    form = _form(qtbot, SessionForm, context)
    form.set_raw(
        {
            "date": "05/03/2024",
            "unit_code": "01834",
            "title": "Một",
            "participants": "4",
            "tips": "0",
        }
    )
    press(qtbot, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert ActivitySession.select().count() == 1 and asked == []
    assert field_with_focus(form) == "date"  # the next paper form starts at the top
    form.fields["title"].setText("Hai")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert len(asked) == 1
    assert ActivitySession.select().count() == 1


def _mnemonics(form) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton

    texts = [label.text() for label in form.findChildren(QLabel) if label.buddy() is not None]
    texts += [
        button.text() for button in form.findChildren(QAbstractButton) if button.isVisibleTo(form)
    ]
    keys = []
    for text in texts:
        at = text.replace("&&", "").find("&")
        if at >= 0:
            keys.append(text.replace("&&", "")[at + 1].lower())
    return keys


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize(
    "cls",
    [
        SessionForm,
        CommunityModelForm,
        DecisionForm,
        catalogues.ModelTypeForm,
        catalogues.OrganizerForm,
        catalogues.UnitForm,
    ],
)
def test_no_two_access_keys_of_a_form_collide(qtbot, context, no_prompts, lang, cls):
    from PySide6.QtCore import QCoreApplication, QTranslator

    from movement_desk.paths import I18N_DIR

    translator = QTranslator()
    if lang == "vi":
        assert translator.load("movement_desk_vi", str(I18N_DIR))
        QCoreApplication.installTranslator(translator)
    try:
        form = _form(qtbot, cls, context)
        keys = _mnemonics(form)
    finally:
        QCoreApplication.removeTranslator(translator)
    assert len(keys) >= len(form.fields)
    assert all(key.isascii() and key.isalpha() for key in keys), keys
    assert sorted(keys) == sorted(set(keys)), keys


def test_organiser_suggestions_match_without_accents_by_any_word(qtbot, context, actor, no_prompts):
    catalog.create_organizer({"kind": "police", "name": "Công an xã Thượng Minh"}, actor)
    catalog.create_organizer({"kind": "police", "name": "Công an thành phố Bắc Kạn"}, actor)
    form = _form(qtbot, SessionForm, context)
    form.fields["organizer_name"].setFocus()
    type_keys(qtbot, "thuong minh")
    combo = form.fields["organizer_name"]
    shown = [combo.matches.index(r, 0).data() for r in range(combo.matches.rowCount())]
    assert shown == ["Công an xã Thượng Minh"]
    assert combo.completer().popup().isVisible()
    assert combo.currentText() == "thuong minh"  # nothing filled in by itself
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: field_with_focus(form) == "title")
    assert combo.value() == "Công an xã Thượng Minh"


def test_model_type_is_never_filled_in_by_itself(qtbot, context, no_prompts):
    form = _form(qtbot, CommunityModelForm, context)
    form.fields["model_type"].setFocus()
    type_keys(qtbot, "camera")
    combo = form.fields["model_type"]
    assert combo.currentText() == "camera"
    shown = [combo.matches.index(r, 0).data() for r in range(combo.matches.rowCount())]
    assert shown[:2] == ["Camera an ninh", "Camera giám sát an ninh, trật tự và giao thông"]
    press(qtbot, Qt.Key.Key_Escape)
    assert combo.currentText() == "camera"


def test_organisers_named_in_sessions_join_the_catalogue_and_come_first_for_their_unit(
    qtbot, context, actor, no_prompts
):
    base = {"date": "05/03/2024", "kind": "launch", "organizer_kind": "police", "title": "T"}
    sessions.create_session({**base, "unit_code": "01834", "organizer_name": "Zô Công an"}, actor)
    sessions.create_session({**base, "unit_code": "01882", "organizer_name": "An ninh"}, actor)
    sessions.create_session({**base, "unit_code": "01882", "organizer_name": "an ninh"}, actor)
    names = {(o.unit.code, o.name) for o in Organizer.select()}
    assert names == {("01834", "Zô Công an"), ("01882", "An ninh")}
    assert catalog.organizer_suggestions("01834", actor=actor) == ["Zô Công an", "An ninh"]
    form = _form(qtbot, SessionForm, context)
    form.fields["unit_code"].set_value("01834")
    assert form.fields["organizer_name"].suggestions()[0] == "Zô Công an"


def test_enter_picks_a_unit_from_the_list_and_moves_on(qtbot, context, no_prompts):
    form = _form(qtbot, SessionForm, context)
    type_keys(qtbot, "20112024")  # before the 2025 merger: the ward still existed
    press(qtbot, Qt.Key.Key_Return)
    assert field_with_focus(form) == "unit_code"
    type_keys(qtbot, "nguyen thi minh khai")
    press(qtbot, Qt.Key.Key_Return)  # the only match
    qtbot.waitUntil(lambda: field_with_focus(form) == "kind")
    assert form.fields["unit_code"].value() == "01834"


def test_enter_picks_the_unit_that_existed_on_the_date_typed(qtbot, context, no_prompts):
    """ "cho ra" names the township abolished on 01/07/2025 and the commune that took its name:
    the session's date decides, and Enter takes the one unit of that day."""
    form = _form(qtbot, SessionForm, context)
    type_keys(qtbot, "20112026")
    press(qtbot, Qt.Key.Key_Return)
    type_keys(qtbot, "cho ra")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: field_with_focus(form) == "kind")
    assert form.fields["unit_code"].value() == "TN01888"
    assert "01888" not in [  # the abolished township is not even offered for that day
        form.fields["unit_code"]._matches.item(row).data(CODE_ROLE)
        for row in range(form.fields["unit_code"]._matches.rowCount())
    ]

    other = _form(qtbot, SessionForm, context)
    type_keys(qtbot, "20112024")
    press(qtbot, Qt.Key.Key_Return)
    type_keys(qtbot, "cho ra")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: field_with_focus(other) == "kind")
    assert other.fields["unit_code"].value() == "01888"


def test_three_paper_forms_entered_with_the_keyboard_alone(qtbot, context, no_prompts):
    """Two sessions (the second by Save and new, on another date) and a decision with two
    recipients typed into the grid: no mouse, no widget picked by the test."""
    form = _form(qtbot, SessionForm, context)
    # Form 1: Ngày 20/11/2024 (typed over today), Phường Nguyễn Thị Minh Khai, Phát động.
    type_keys(qtbot, "20112024")
    press(qtbot, Qt.Key.Key_Return)
    type_keys(qtbot, "minh khai")
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: field_with_focus(form) == "kind")
    type_keys(qtbot, "p")  # "Phát động"
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)  # organiser kind: Công an, as shown
    type_keys(qtbot, "Công an phường Nguyễn Thị Minh Khai")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: field_with_focus(form) == "title")
    type_keys(qtbot, "Phát động phong trào toàn dân bảo vệ ANTQ")
    press(qtbot, Qt.Key.Key_Return)
    type_keys(qtbot, "1234")
    press(qtbot, Qt.Key.Key_Return)
    type_keys(qtbot, "3")
    press(qtbot, Qt.Key.Key_Return)
    assert field_with_focus(form) == "notes"
    press(qtbot, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    # Form 2: same unit and organiser, another date, no tips on paper: 0 typed.
    assert field_with_focus(form) == "date"
    type_keys(qtbot, "21.11.2024")
    press(qtbot, Qt.Key.Key_Return, times=5)  # unit, kind, organiser kind, organiser kept
    assert field_with_focus(form) == "title"
    type_keys(qtbot, "Tuyên truyền phòng, chống ma túy")
    press(qtbot, Qt.Key.Key_Return)
    type_keys(qtbot, "85")
    press(qtbot, Qt.Key.Key_Return)
    type_keys(qtbot, "0")
    press(qtbot, Qt.Key.Key_Return)
    type_keys(qtbot, "Tại nhà văn hóa")
    press(qtbot, Qt.Key.Key_Return)  # Enter in the last field saves
    assert not form.isVisible()
    stored = {s.title: s for s in ActivitySession.select()}
    first = stored["Phát động phong trào toàn dân bảo vệ ANTQ"]
    second = stored["Tuyên truyền phòng, chống ma túy"]
    assert (first.held_on, first.participants, first.tips) == (date(2024, 11, 20), 1234, 3)
    assert first.kind.value == "launch" and first.unit.code == "01834"
    assert first.organizer_name == "Công an phường Nguyễn Thị Minh Khai"
    assert (second.held_on, second.participants, second.tips) == (date(2024, 11, 21), 85, 0)
    assert second.unit.code == "01834" and second.notes == "Tại nhà văn hóa"
    assert second.organizer_name == first.organizer_name

    # Form 3: a decision, its recipients typed into the grid.
    form = _form(qtbot, DecisionForm, context)
    type_keys(qtbot, "125/QĐ-CAT-PV05")
    press(qtbot, Qt.Key.Key_Return)
    type_keys(qtbot, "15012024")
    press(qtbot, Qt.Key.Key_Return, times=6)  # issuer, unit, signer's title: the defaults
    assert field_with_focus(form) == "signer_name"
    type_keys(qtbot, "Nguyễn Văn Bình")
    press(qtbot, Qt.Key.Key_Return, times=2)
    assert field_with_focus(form) == "achievement"
    type_keys(qtbot, "Đã có thành tích xuất sắc trong phong trào năm 2023")
    press(qtbot, Qt.Key.Key_Return)
    grid = form.recipients_view
    assert QApplication.focusWidget() is grid
    press(qtbot, Qt.Key.Key_Tab)  # kind: Cá nhân, as shown
    type_keys(qtbot, "Nguyễn Văn An")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "Đại úy")
    press(qtbot, Qt.Key.Key_Tab, times=3)
    type_keys(qtbot, "37")
    press(qtbot, Qt.Key.Key_Tab)  # past the last column: a new row
    assert form.recipients.rowCount() == 2
    type_keys(qtbot, "t")  # the kind's first letter: Tập thể
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "Công an xã Cao Tân")
    press(qtbot, Qt.Key.Key_Return)  # Enter in the grid commits, never saves
    assert form.isVisible()
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert not form.isVisible()
    decision = Decision.get()
    assert decision.number == "125/QĐ-CAT-PV05"
    assert decision.decided_on == date(2024, 1, 15)
    rows = commendations.decision_recipients(decision)
    assert [(c.recipient_kind.value, c.recipient_name, c.register_number) for c in rows] == [
        ("individual", "Nguyễn Văn An", "37"),
        ("collective", "Công an xã Cao Tân", ""),
    ]
    assert rows[0].recipient_position == "Đại úy"


# -- the recipients grid, like a spreadsheet --------------------------------------------------

ROWS = (
    "Cá nhân\tLý Thị Hoa\tThượng úy\tCông an xã Nghiên Loan\t\t40\nTập thể\tThôn Nà Hin\t\t\t\t41\n"
)


def _grid(qtbot, context, typed_name: str = "Nguyễn Văn An"):
    form = _form(qtbot, DecisionForm, context)
    form.recipients.set_rows(
        [{"recipient_kind": "individual", "recipient_name": typed_name}, {"recipient_name": "B"}]
    )
    grid = form.recipients_view
    grid.setFocus()
    grid.setCurrentIndex(form.recipients.index(0, 1))
    return form, grid


def _names(form) -> list[str]:
    return [row.get("recipient_name", "") for row in form.recipients.rows]


def test_paste_inserts_below_the_current_row_and_ctrl_z_takes_it_back(qtbot, context, no_prompts):
    form, grid = _grid(qtbot, context)
    QApplication.clipboard().setText(ROWS)
    press(qtbot, Qt.Key.Key_V, CTRL)
    assert _names(form) == ["Nguyễn Văn An", "Lý Thị Hoa", "Thôn Nà Hin", "B"]
    assert form.recipients.rows[2]["register_number"] == "41"
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert _names(form) == ["Nguyễn Văn An", "B"]
    press(qtbot, Qt.Key.Key_Y, CTRL)
    assert _names(form) == ["Nguyễn Văn An", "Lý Thị Hoa", "Thôn Nà Hin", "B"]


def test_paste_over_selected_rows_replaces_them_and_can_be_undone(qtbot, context, no_prompts):
    form, grid = _grid(qtbot, context)
    grid.selectRow(0)
    QApplication.clipboard().setText(ROWS)
    press(qtbot, Qt.Key.Key_V, CTRL)
    assert _names(form) == ["Lý Thị Hoa", "Thôn Nà Hin", "B"]
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert _names(form) == ["Nguyễn Văn An", "B"]


def test_paste_into_the_empty_first_row_of_a_new_decision_fills_it(qtbot, context, no_prompts):
    form = _form(qtbot, DecisionForm, context)
    form.recipients_view.setFocus()
    QApplication.clipboard().setText(ROWS)
    press(qtbot, Qt.Key.Key_V, CTRL)
    assert _names(form) == ["Lý Thị Hoa", "Thôn Nà Hin"]


def test_typing_in_the_grid_is_undone_by_ctrl_z(qtbot, context, no_prompts):
    form, grid = _grid(qtbot, context)
    grid.setCurrentIndex(form.recipients.index(1, 1))
    type_keys(qtbot, "Cao")
    press(qtbot, Qt.Key.Key_Return)  # the last row: a new empty one for the next recipient
    assert _names(form) == ["Nguyễn Văn An", "Cao", ""]
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert _names(form) == ["Nguyễn Văn An", "B"]


def test_tab_past_the_last_column_adds_a_row(qtbot, context, no_prompts):
    form, grid = _grid(qtbot, context)
    grid.setCurrentIndex(form.recipients.index(1, 5))
    press(qtbot, Qt.Key.Key_Tab)
    assert form.recipients.rowCount() == 3
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (2, 0)
    assert form.isVisible()


def test_columns_are_as_wide_as_what_they_hold(qtbot, context, no_prompts):
    form, grid = _grid(qtbot, context)
    position = "Phó Trưởng Công an xã phụ trách an ninh, trật tự"
    form.recipients.paste_text(f"Cá nhân\tTrần Văn Bình\t{position}\n", 0)
    qtbot.wait(10)
    needed = grid.fontMetrics().horizontalAdvance(position)
    assert grid.columnWidth(2) >= needed


def test_a_decisions_office_fields_follow_the_date_typed_until_changed(qtbot, context, no_prompts):
    form = _form(qtbot, DecisionForm, context)
    assert form.fields["unit_code"].value() == "19"  # today: Thái Nguyên
    assert form.fields["authority"].text() == "GIÁM ĐỐC CÔNG AN TỈNH THÁI NGUYÊN"
    form.fields["place"].setText("Chợ Mới")  # the typist's own
    form.fields["decision_date"].setFocus()
    qtbot.wait(10)  # selected on focus: typing replaces today's date
    type_keys(qtbot, "15012024")
    assert form.fields["unit_code"].value() == "06"  # Bắc Kạn then
    assert form.fields["authority"].text() == "GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN"
    assert form.fields["place"].text() == "Chợ Mới"


def test_the_grids_message_stays_until_the_grid_is_corrected(qtbot, context, no_prompts):
    form = _form(qtbot, DecisionForm, context)
    form.set_raw({"decision_number": "1/QĐ", "signer_name": "Nguyễn Văn Bình"})
    press(qtbot, Qt.Key.Key_S, CTRL)
    message = form.findChild(QLabel, "error_recipients")
    assert message.isVisible()
    form.fields["place"].setFocus()
    type_keys(qtbot, "x")  # another field changes: the grid is still empty
    assert message.isVisible()
    form.recipients_view.setFocus()
    form.recipients_view.setCurrentIndex(form.recipients.index(0, 1))
    type_keys(qtbot, "An")
    press(qtbot, Qt.Key.Key_Return)
    assert not message.isVisible()


def test_tab_tab_enter_starts_the_next_row_where_the_typing_began(qtbot, context, no_prompts):
    form = _form(qtbot, DecisionForm, context)
    grid = form.recipients_view
    grid.setFocus()
    grid.setCurrentIndex(form.recipients.index(0, 1))
    type_keys(qtbot, "An")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "Dai uy")
    press(qtbot, Qt.Key.Key_Return)  # a new row, back in the name column
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (1, 1)
    type_keys(qtbot, "Binh")
    press(qtbot, Qt.Key.Key_Return)
    assert _names(form) == ["An", "Binh", ""]
    press(qtbot, Qt.Key.Key_Z, CTRL)  # the typing is undone, not the empty row alone
    assert _names(form) == ["An", ""]
