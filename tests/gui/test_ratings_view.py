"""The "An toàn về ANTT" page: a year's ratings entered, listed, undone; organisations; pledges."""

from __future__ import annotations

from pathlib import Path

from movement_desk.db.models import Organisation, SafetyRating
from movement_desk.gui.context import AppContext
from movement_desk.gui.views.ratings_view import RatingDialog, RatingsView
from movement_desk.services.records import pledges
from tests.services.test_pledges import PLEDGE
from tests.services.test_ratings import areas  # noqa: F401 - the fixture


def test_a_rating_is_entered_in_the_window_listed_and_undone(qtbot, areas, actor, tmp_path):  # noqa: F811
    context = AppContext(Path(tmp_path / "x.sqlite3"), actor)
    view = RatingsView(context)
    qtbot.addWidget(view)
    view.ratings_year.setValue(2024)
    dialog = RatingDialog(actor, {"year": 2024}, parent=view)
    qtbot.addWidget(dialog)
    assert "01/11/2023 đến 31/10/2024" in dialog.period_label.text()
    assert "100% hộ gia đình" in dialog.criteria_label.text()
    dialog.edits["unit_code"].setText("0188801")
    dialog.edits["registered_on"].setText("40/02/2024")
    dialog.save()
    assert "Ngày đăng ký" in dialog.errors_label.text()
    assert SafetyRating.select().count() == 0
    dialog.edits["registered_on"].setText("15/02/2024")
    dialog.edits["households_registered"].setText("120")
    dialog.rating_result.setCurrentIndex(dialog.rating_result.findData("dat"))
    dialog.saved.connect(lambda rating: view._pushed_create("ratings", rating))
    dialog.save()
    assert SafetyRating.live().count() == 1
    assert view.ratings_model.rowCount() == 1
    assert view.ratings_model.rows[0][1] == "Thôn Nà Làng"
    assert view.ratings_model.rows[0][5] == "Đạt"
    assert "2024: 1/4 khu dân cư đạt" in view.ratings_summary.text(), view.ratings_summary.text()
    assert "31/10/2024" in view.ratings_periods.text()
    context.undo_stack.undo()
    assert SafetyRating.live().count() == 0
    assert view.ratings_model.rowCount() == 0
    context.undo_stack.redo()
    assert view.ratings_model.rowCount() == 1


def test_organisations_and_pledge_outcomes_in_the_window(qtbot, areas, actor, tmp_path):  # noqa: F811
    pledges.save_pledge(PLEDGE, actor)
    context = AppContext(Path(tmp_path / "x.sqlite3"), actor)
    view = RatingsView(context)
    qtbot.addWidget(view)
    assert view.organisations_model.rowCount() == 3
    view.organisation_name.setText("Trạm y tế xã Chợ Rã")
    view.organisation_unit.setText("01888")
    view.add_organisation()
    assert Organisation.live().count() == 4
    view.organisation_unit.setText("0188801")
    view.organisation_name.setText("Trạm")
    view.add_organisation()
    assert "khu dân cư" in view.organisation_errors.text()
    context.undo_stack.undo()
    assert Organisation.live().count() == 3
    row = next(i for i, o in enumerate(view.organisations_model.records) if "THPT" in o.name)
    view.organisations_table.selectRow(row)
    view.edit_organisation()
    assert view.organisation_unit.text() == "01888"
    view.organisation_name.setText("Trường THPT Chợ Rã")
    view.save_organisation()
    assert Organisation.live().where(Organisation.name == "Trường THPT Chợ Rã").count() == 1
    context.undo_stack.undo()
    assert Organisation.live().where(Organisation.name == "Trường THPT Ba Bể").count() == 1
    view.ratings_year.setValue(2024)
    assert view.pledges_model.rowCount() == 3
    view.pledges_table.selectRow(0)
    view.set_outcome("dat")
    assert view.pledges_model.rows[0][3] == "Đạt"


def test_the_decision_form_starts_from_the_pledges_met(qtbot, areas, actor, tmp_path, monkeypatch):  # noqa: F811
    from movement_desk.gui import prompts

    pledge = pledges.save_pledge(PLEDGE, actor)
    context = AppContext(Path(tmp_path / "x.sqlite3"), actor)
    view = RatingsView(context)
    qtbot.addWidget(view)
    view.ratings_year.setValue(2024)
    failures = []
    monkeypatch.setattr(prompts, "fail", lambda parent, title, text: failures.append(text))
    assert view.start_decision() is None
    assert "chưa có bên nào đạt" in failures[0]
    first = pledges.parties_of(pledge)[0]
    pledges.set_outcome(first.uuid, "dat", "", actor)
    form = view.start_decision()
    qtbot.addWidget(form)
    assert [row["recipient_name"] for row in form.recipients.rows] == ["Thị trấn Chợ Rã"]
    form.close()


def test_a_pledge_is_signed_in_the_window(qtbot, areas, actor, tmp_path):  # noqa: F811
    context = AppContext(Path(tmp_path / "x.sqlite3"), actor)
    view = RatingsView(context)
    qtbot.addWidget(view)
    view.ratings_year.setValue(2024)
    dialog = view.new_pledge()
    dialog.pledge_title.setText("Giao ước thi đua năm 2024")
    dialog.pledge_unit.setText("061")
    dialog.pledge_signed_on.setText("20/02/2024")
    dialog.pledge_parties.setPlainText("01888\n01888; Trường THPT Ba Bể\n")
    dialog.save()
    assert dialog.pledge is not None, dialog.errors_label.text()
    assert view.pledges_model.rowCount() == 2
    context.undo_stack.undo()
    assert view.pledges_model.rowCount() == 0


def test_the_certificates_page_verifies_a_recognition_code(
    qtbot,
    areas,  # noqa: F811
    actor,
    tmp_path,
    monkeypatch,
):
    import re

    from pypdf import PdfReader

    from movement_desk.gui import prompts
    from movement_desk.gui.certificates_view import CertificatesView
    from movement_desk.services.records import ratings
    from tests.services.test_ratings import GOOD_RATINGS, write

    ratings.import_ratings(write(tmp_path, "r.csv", GOOD_RATINGS), actor)
    context = AppContext(Path(tmp_path / "x.sqlite3"), actor)
    page = RatingsView(context)
    qtbot.addWidget(page)
    page.ratings_year.setValue(2024)
    said: list[str] = []
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: str(tmp_path / "cn.pdf"))
    monkeypatch.setattr(prompts, "ask_text", lambda *a, **k: "12/QĐ-UBND")
    monkeypatch.setattr(prompts, "fail", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(prompts, "inform", lambda parent, title, text: said.append(text))
    page.ratings_table.clearSelection()
    page.print_recognition()
    assert "chưa có tên người ký" in said[-1]
    assert not (tmp_path / "cn.pdf").exists()
    # The signer is entered with the decision in the rating's form, then the page prints.
    rating = SafetyRating.get(SafetyRating.decision_number == "12/QĐ-UBND")
    dialog = RatingDialog(actor, ratings.rating_to_raw(rating), rating.uuid, parent=page)
    qtbot.addWidget(dialog)
    dialog.edits["signer_name"].setText("Hoàng Văn Thụ")
    dialog.save()
    assert dialog.errors_label.text() == ""
    page.print_recognition()
    assert "Đã ghi 1 giấy công nhận" in said[-1]
    text = PdfReader(tmp_path / "cn.pdf").pages[0].extract_text()
    assert "Hoàng Văn Thụ" in text
    text = text.replace("\n", "")
    code = re.search(r"MD2:CN2024-000001:[A-Z0-9]+:[A-Z0-9]+", text).group(0)
    view = CertificatesView(actor=actor)
    qtbot.addWidget(view)
    view.certificates_verify_code.setText(code)
    view._on_certificates_verify_clicked()
    assert "HỢP LỆ" in view.certificates_verify_result.toPlainText()
    assert "Nà Làng" in view.certificates_verify_result.toPlainText()


def test_an_administrator_versions_the_criteria_in_the_window(qtbot, areas, actor, tmp_path):  # noqa: F811
    from movement_desk.db.choices import RatingSubject
    from movement_desk.services.records import ratings

    context = AppContext(Path(tmp_path / "x.sqlite3"), actor)
    view = RatingsView(context)
    qtbot.addWidget(view)
    view.criteria_subject.setCurrentIndex(view.criteria_subject.findData("commune"))
    view.criteria_year.setValue(2025)
    assert view.criteria_text.toPlainText().startswith("Quý I hằng năm, Đảng ủy có nghị quyết")
    view.criteria_text.setPlainText("Một\n\nHai\n")
    view.save_criteria()
    assert [c.text for c in ratings.criteria_for(RatingSubject.COMMUNE, 2026)] == ["Một", "Hai"]
    assert len(ratings.criteria_for(RatingSubject.COMMUNE, 2024)) == 4


def test_an_edited_rating_is_put_back_by_undo(qtbot, areas, actor, tmp_path):  # noqa: F811
    from movement_desk.services.records import ratings

    raw = {"year": 2024, "subject_kind": "commune", "unit_code": "01888",
           "registered_on": "01/03/2024"}  # fmt: skip
    rating = ratings.save_rating(raw, actor)
    context = AppContext(Path(tmp_path / "x.sqlite3"), actor)
    view = RatingsView(context)
    qtbot.addWidget(view)
    view.ratings_year.setValue(2024)
    view.ratings_table.selectRow(0)
    view.edit_rating()
    dialog = view.findChild(RatingDialog)
    dialog.rating_result.setCurrentIndex(dialog.rating_result.findData("khong_dat"))
    dialog.edits["missed_criteria"].setText("3")
    dialog.save()
    assert SafetyRating.get_by_id(rating.id).missed_criteria == "3"
    context.undo_stack.undo()
    stored = SafetyRating.get_by_id(rating.id)
    assert (stored.result.value, stored.missed_criteria) == ("pending", "")


def test_residential_areas_are_listed_with_their_households_and_rating(
    qtbot,
    areas,  # noqa: F811
    actor,
    tmp_path,
    no_prompts,  # noqa: F811
):
    from movement_desk.services.records import ratings, units

    ratings.save_rating(
        {"year": 2024, "subject_kind": "residential_area", "unit_code": "0188801",
         "registered_on": "15/02/2024", "households_registered": "120", "result": "dat"},
        actor,
    )  # fmt: skip
    context = AppContext(Path(tmp_path / "x.sqlite3"), actor)
    view = RatingsView(context)
    qtbot.addWidget(view)
    view.ratings_year.setValue(2024)
    rows = view.areas_model.rows
    assert rows[0] == ["0188801", "Thôn Nà Làng", "Thị trấn Chợ Rã", "120", "Đạt"]
    assert rows[1][4] == "Not registered"  # the English source: no translator in this test
    view.areas_table.selectRow(1)
    view.areas_households.setValue(90)
    view.save_households()
    assert units.get_unit("0188802").households == 90
    context.undo_stack.undo()
    assert units.get_unit("0188802").households == 85


def test_an_officer_adds_a_residential_area_of_his_commune_in_the_window(
    qtbot,
    areas,  # noqa: F811
    people,
    tmp_path,
):
    from movement_desk.services.records import units

    officer = people["officer"]
    context = AppContext(Path(tmp_path / "x.sqlite3"), officer)
    view = RatingsView(context)
    qtbot.addWidget(view)
    assert not view.area_code.isHidden() and not view.areas_households.isHidden()
    before = view.areas_model.rowCount()
    view.area_code.setText("0188805")
    view.area_name.setText("Nà Cà")
    view.area_kind.setCurrentIndex(view.area_kind.findData("ban"))
    view.area_commune.setText("01834")  # another commune: refused, said under the form
    view.areas_households.setValue(64)
    view.add_area()
    assert "ngoài phạm vi" in view.area_errors.text()
    assert units.find_unit("0188805") is None
    view.area_commune.setText("01888")
    view.add_area()
    assert view.area_errors.text() == ""
    area = units.find_unit("0188805")
    assert (area.title, area.households) == ("Bản Nà Cà", 64)
    assert view.areas_model.rowCount() == before + 1
    context.undo_stack.undo()
    assert units.find_unit("0188805").deleted_at is not None
    assert view.areas_model.rowCount() == before


def test_a_clerk_sees_the_residential_areas_without_the_forms(
    qtbot,
    areas,  # noqa: F811
    people,
    tmp_path,
):
    view = RatingsView(AppContext(Path(tmp_path / "x.sqlite3"), people["clerk"]))
    qtbot.addWidget(view)
    assert view.area_code.isHidden()
    assert view.areas_households.isHidden()


def test_enter_or_a_double_click_on_a_rating_opens_one_edit_form(qtbot, areas, actor, tmp_path):  # noqa: F811
    """A typist opens the selected rating with Enter, as in the other lists; a double click
    opens it too, once (not a form over another)."""
    from PySide6.QtCore import Qt

    from movement_desk.services.records import ratings

    raw = {"year": 2024, "subject_kind": "commune", "unit_code": "01888",
           "registered_on": "01/03/2024"}  # fmt: skip
    ratings.save_rating(raw, actor)
    context = AppContext(Path(tmp_path / "x.sqlite3"), actor)
    view = RatingsView(context)
    qtbot.addWidget(view)
    view.show()
    view.ratings_year.setValue(2024)
    table = view.ratings_table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    forms = view.findChildren(RatingDialog)
    assert len(forms) == 1 and forms[0].edits["unit_code"].text() == "01888"
    forms[0].close()
    forms[0].deleteLater()
    qtbot.waitUntil(lambda: not view.findChildren(RatingDialog))
    point = table.visualRect(table.model().index(0, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert len(view.findChildren(RatingDialog)) == 1
