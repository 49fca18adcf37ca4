"""The "An toàn về ANTT" page's files and deletions: import (cancelled, refused naming the row,
done), export, delete with and without a selection, recognition without a decision number
(gui/views/ratings_view.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from movement_desk.db.models import SafetyRating
from movement_desk.gui import prompts
from movement_desk.gui.context import AppContext
from movement_desk.gui.views.ratings_view import RatingsView
from tests.services.test_ratings import GOOD_RATINGS, RATINGS_HEADER, areas, write  # noqa: F401


@pytest.fixture
def page(qtbot, areas, actor, tmp_path, monkeypatch):  # noqa: F811
    context = AppContext(Path(tmp_path / "x.sqlite3"), actor)
    view = RatingsView(context)
    qtbot.addWidget(view)
    view.ratings_year.setValue(2024)
    view.said = []
    for name in ("fail", "inform", "warn"):
        monkeypatch.setattr(
            prompts, name, lambda parent, title, text, name=name: view.said.append((name, text))
        )
    return view


def test_ratings_imported_from_a_file_refused_rows_named(page, tmp_path, monkeypatch):
    bad = write(tmp_path, "bad.csv", RATINGS_HEADER + "2024,commune,0188801,,,,,,,,\n")
    good = write(tmp_path, "good.csv", GOOD_RATINGS)
    answers = iter(["", str(bad), str(good)])
    monkeypatch.setattr(prompts, "open_file", lambda *args, **kwargs: next(answers))
    page.import_ratings()  # cancelled
    assert page.said == []
    page.import_ratings()
    [(kind, text)] = page.said
    assert kind == "fail" and "Dòng 2" in text and "không phải đơn vị cấp xã" in text
    assert SafetyRating.select().count() == 0
    page.import_ratings()
    assert page.said[-1][0] == "inform" and SafetyRating.live().count() == 6
    assert page.ratings_model.rowCount() == 6


def test_ratings_exported_to_a_workbook(page, tmp_path, monkeypatch):
    page.said.clear()
    page.ratings_year.setValue(2024)
    out = tmp_path / "xl.xlsx"
    answers = iter(["", str(out)])
    monkeypatch.setattr(prompts, "save_file", lambda *args, **kwargs: next(answers))
    page.export_ratings()  # cancelled
    assert not out.exists() and page.said == []
    page.export_ratings()
    assert page.said == [("inform", "0 rows written.")]
    assert load_workbook(out).active.max_row == 1  # the header only: no rating yet


def test_a_rating_is_deleted_only_when_selected_and_confirmed(page, tmp_path, monkeypatch):
    from movement_desk.services.records import ratings

    ratings.import_ratings(write(tmp_path, "r.csv", GOOD_RATINGS), page.actor)
    page.context.notify("ratings")
    answers = iter([False, True])
    monkeypatch.setattr(prompts, "confirm", lambda *args, **kwargs: next(answers))
    page.delete_rating()  # nothing selected: nothing asked
    page.ratings_table.selectRow(0)
    page.delete_rating()  # declined
    assert SafetyRating.live().count() == 6
    page.delete_rating()
    assert SafetyRating.live().count() == 5 and page.ratings_model.rowCount() == 5
    page.context.undo_stack.undo()
    assert SafetyRating.live().count() == 6


def test_recognition_without_a_decision_number_prints_nothing(page, tmp_path, monkeypatch):
    monkeypatch.setattr(prompts, "ask_text", lambda *args, **kwargs: None)
    monkeypatch.setattr(prompts, "save_file", lambda *args, **kwargs: pytest.fail("not asked"))
    page.ratings_table.clearSelection()
    page.print_recognition()
    assert page.said == []
