"""The Qt item models: qtmodeltester invariants, paging, SQL sorting and searching."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from movement_desk import vietnamese
from movement_desk.gui import table_models
from movement_desk.gui.table_models import (
    CommunityModelTableModel,
    DecisionTableModel,
    HomeTableModel,
    RecipientsTableModel,
    SessionTableModel,
)
from movement_desk.services.core.actor import SYSTEM_ACTOR
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.dashboard import build_dashboard


def test_session_model_passes_qtmodeltester(qtmodeltester, small_demo):
    model = SessionTableModel(actor=SYSTEM_ACTOR)
    model.reload()
    assert model.rowCount() == 240
    qtmodeltester.check(model, force_py=True)


def test_community_and_decision_models_pass_qtmodeltester(qtmodeltester, small_demo):
    for model in (
        CommunityModelTableModel(actor=SYSTEM_ACTOR),
        DecisionTableModel(actor=SYSTEM_ACTOR),
    ):
        model.reload()
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)


def test_home_and_recipients_models_pass_qtmodeltester(qtmodeltester, small_demo):
    home = HomeTableModel()
    home.set_dashboard(build_dashboard(date(2025, 3, 20), actor=SYSTEM_ACTOR))
    qtmodeltester.check(home, force_py=True)
    recipients = RecipientsTableModel()
    recipients.paste_text("Cá nhân\tNguyễn Văn An\tĐại úy\n\tHoàng Thị Bình\n", 0)
    qtmodeltester.check(recipients, force_py=True)


def test_list_models_answer_titles_and_row_numbers(qtmodeltester):
    simple = table_models.SimpleTableModel(["Kind", "Name"])
    simple.set_rows([["a", "b"], ["c", "d"]], keys=[1, 2])
    qtmodeltester.check(simple, force_py=True)
    horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    assert [simple.headerData(c, horizontal) for c in range(3)] == ["Kind", "Name", None]
    assert simple.headerData(0, vertical) is None
    assert (simple.rowCount(), simple.columnCount(), simple.index(1, 1).data()) == (2, 2, "d")
    recipients = RecipientsTableModel()
    recipients.set_rows([{"recipient_name": "An"}, {"recipient_name": "Bình"}])
    assert recipients.headerData(1, vertical) == 2
    assert recipients.columnCount() == len(table_models.RECIPIENT_FIELDS)


def test_rows_far_down_are_read_a_page_at_a_time(small_demo, monkeypatch):
    monkeypatch.setattr(table_models, "PAGE_SIZE", 25)
    model = SessionTableModel(actor=SYSTEM_ACTOR)
    model.reload()
    every = [model.index(row, 4).data() for row in range(model.rowCount())]
    assert len(every) == 240 and all(every)
    assert len(model._pages) == 240 // 25 + 1


def test_sorting_by_title_follows_vietnamese_order(small_demo):
    model = SessionTableModel(actor=SYSTEM_ACTOR)
    model.reload()
    title_column = next(i for i, c in enumerate(model.columns) if c.key == "title")
    model.sort(title_column, Qt.SortOrder.AscendingOrder)
    titles = [model.index(row, title_column).data() for row in range(model.rowCount())]
    assert titles == sorted(titles, key=vietnamese.sort_key)


def test_sorting_by_organiser_is_vietnamese_order_descending_too(small_demo):
    model = SessionTableModel(actor=SYSTEM_ACTOR)
    model.reload()
    column = next(i for i, c in enumerate(model.columns) if c.key == "organizer")
    model.sort(column, Qt.SortOrder.DescendingOrder)
    names = [model.index(row, column).data() for row in range(model.rowCount())]
    assert names == sorted(names, key=vietnamese.sort_key, reverse=True)


def test_search_ignores_case_and_diacritics(small_demo):
    model = SessionTableModel(actor=SYSTEM_ACTOR)
    model.set_filter(RecordFilter(text="PHONG CHONG"))
    assert 0 < model.rowCount() < 240
    for row in range(model.rowCount()):
        record = model.record(row)
        haystack = vietnamese.fold(f"{record.title} {record.organizer_name} {record.notes}")
        assert "phong" in haystack and "chong" in haystack


def test_counts_and_dates_read_the_vietnamese_way(small_demo, actor):
    from movement_desk.services.records import sessions

    sessions.create_session(
        {
            "date": "05/03/2025",
            "unit_code": "01834",
            "kind": "launch",
            "organizer_kind": "police",
            "title": "Lễ phát động lớn",
            "participants": "12345",
        },
        actor,
    )
    model = SessionTableModel(actor=SYSTEM_ACTOR)
    model.set_filter(RecordFilter(text="le phat dong lon"))
    assert model.rowCount() == 1
    texts = [model.index(0, c).data() for c in range(model.columnCount())]
    assert "05/03/2025" in texts
    assert "12.345" in texts
    assert "Phát động" in texts


def test_pasting_tab_separated_rows_adds_recipients():
    model = RecipientsTableModel()
    model.insertRows(0, 1)
    written = model.paste_text(
        "Cá nhân\tNguyễn Văn An\tĐại úy\tCông an xã Bằng Thành\t\t12\r\n"
        "Tập thể\tCông an xã Cao Tân\t\t\t\t13\r\n",
        0,
    )
    assert written == 2
    assert model.rowCount() == 2
    assert model.rows[0]["recipient_name"] == "Nguyễn Văn An"
    assert model.rows[0]["recipient_position"] == "Đại úy"
    assert model.rows[1]["recipient_kind"] == "Tập thể"
    assert model.rows[1]["register_number"] == "13"
    assert model.index(1, 0).data() == "Tập thể"
