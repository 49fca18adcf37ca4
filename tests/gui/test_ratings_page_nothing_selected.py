"""The "An toàn về ANTT" page's commands with nothing selected, and its small choices
(gui/views/ratings_view.py): nothing is changed or asked when no row is chosen, an area
clicked shows its households, blank lines between a pledge's parties are skipped, a rating's
own decision number is used for its certificates, and other data changes leave the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from movement_desk.db.models import Organisation, SafetyRating
from movement_desk.gui import prompts
from movement_desk.gui.context import AppContext
from movement_desk.gui.views.ratings_view import RatingDialog, RatingsView
from movement_desk.services.records import pledges, ratings, units
from tests.services.test_ratings import GOOD_RATINGS, areas, write  # noqa: F401

PARTIES = "01888\n\n   \n01888; Trường THPT Ba Bể\n"


@pytest.fixture
def page(qtbot, areas, actor, tmp_path, no_prompts):  # noqa: F811
    ratings.import_ratings(write(tmp_path, "r.csv", GOOD_RATINGS), actor)
    pledges.save_pledge(
        {
            "title": "Giao ước thi đua năm 2024",
            "year": 2024,
            "unit_code": "061",
            "signed_on": "20/02/2024",
            "targets": "",
            "parties": [
                {"unit_code": "01888", "organisation": ""},
                {"unit_code": "01888", "organisation": "Trường THPT Ba Bể"},
            ],
        },
        actor,
    )
    view = RatingsView(AppContext(Path(tmp_path / "x.sqlite3"), actor))
    qtbot.addWidget(view)
    view.ratings_year.setValue(2024)
    return view


def test_commands_with_nothing_selected_change_nothing(page, no_prompts):
    for table in (page.ratings_table, page.areas_table, page.organisations_table):
        table.clearSelection()
    page.pledges_table.clearSelection()
    households = page.areas_households.value()
    page.edit_rating()
    assert page.findChildren(RatingDialog) == []
    page.areas_table.clicked.emit(page.areas_model.index(0, 0))  # a click that chose no row
    page.save_households()
    assert page.areas_households.value() == households
    assert units.get_unit("0188801").households == 120
    page.edit_organisation()
    assert page.organisation_name.text() == "" and not page.organisation_save.isEnabled()
    page.save_organisation()
    page.delete_organisation()
    assert Organisation.live().count() == 3
    page.set_outcome("dat")
    assert page.pledges_model.rows[0][3] != "Đạt"
    assert SafetyRating.live().count() == 6
    assert no_prompts == []
    assert page.context.undo_stack.count() == 0


def test_an_area_clicked_shows_its_households(page):
    row = next(i for i, line in enumerate(page.areas_model.records) if line.code == "0188802")
    page.areas_table.selectRow(row)
    page.areas_table.clicked.emit(page.areas_model.index(row, 0))
    assert page.areas_households.value() == 85


def test_an_organisation_selected_is_deleted_and_the_deletion_undone(page, monkeypatch):
    monkeypatch.setattr(prompts, "confirm", lambda *args, **kwargs: True)
    page.organisations_table.selectRow(0)
    name = page.organisations_model.records[0].name
    page.delete_organisation()
    assert Organisation.live().count() == 2
    assert name not in [o.name for o in page.organisations_model.records]
    page.context.undo_stack.undo()
    assert Organisation.live().count() == 3


def test_blank_lines_between_a_pledges_parties_are_skipped(page):
    dialog = page.new_pledge()
    dialog.pledge_parties.setPlainText(PARTIES)
    assert dialog.raw()["parties"] == [
        {"unit_code": "01888", "organisation": ""},
        {"unit_code": "01888", "organisation": "Trường THPT Ba Bể"},
    ]


def test_a_ratings_own_decision_number_is_used_for_its_certificates(page, monkeypatch):
    asked, saved_as = [], []
    monkeypatch.setattr(prompts, "ask_text", lambda *args, **kwargs: asked.append(args) or None)
    monkeypatch.setattr(prompts, "save_file", lambda *args, **kwargs: saved_as.append(args) or "")
    row = next(i for i, r in enumerate(page.ratings_model.records) if r.decision_number)
    page.ratings_table.selectRow(row)
    page.print_recognition()  # the file dialog cancelled: nothing printed
    assert asked == [] and len(saved_as) == 1


def test_other_changes_leave_the_page_as_it_is(page):
    resets = []
    page.ratings_model.modelReset.connect(lambda: resets.append(1))
    page.context.notify("sessions")
    page.context.notify("decisions")
    assert resets == []
    page.context.notify("ratings")
    assert resets == [1]
