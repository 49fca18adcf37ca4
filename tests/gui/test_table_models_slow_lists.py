"""The paged record lists when their queries are slow or go wrong (gui/table_models.py): rows
not read yet are empty until their page arrives, the rows shown stay while a new list is read,
a record deleted while the list was counted leaves it shorter, a database that cannot be read
is said (not shown as an empty list), and the cells and titles a view asks for."""

from __future__ import annotations

import threading

import peewee
import pytest
from PySide6.QtCore import QModelIndex, Qt

from movement_desk.gui import table_models
from movement_desk.gui.table_models import (
    LOCKED_BRUSH,
    RECORD_ROLE,
    CommunityModelTableModel,
    DecisionTableModel,
    HomeTableModel,
    RecipientsTableModel,
    SessionTableModel,
    SimpleTableModel,
)
from movement_desk.services.core.actor import SYSTEM_ACTOR
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.records import sessions

DISPLAY, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole


def _hold_worker(model) -> threading.Event:
    """Keep the model's worker busy (a slow query before the next ones) until set."""
    started, gate = threading.Event(), threading.Event()

    def slow():
        started.set()
        gate.wait(20)

    model.worker.submit(slow)
    assert started.wait(20)  # running: a newer query no longer drops it
    return gate


def _column(model, key: str) -> int:
    return next(i for i, c in enumerate(model.columns) if c.key == key)


def test_rows_not_read_yet_are_empty_until_their_page_arrives(qtbot, small_demo, monkeypatch):
    monkeypatch.setattr(table_models, "PAGE_SIZE", 25)
    model = SessionTableModel(actor=SYSTEM_ACTOR)
    model.reload()
    assert model.rowCount() == 240
    title = _column(model, "title")
    monkeypatch.setattr(table_models, "SYNC_WAIT_MS", 0)  # the window never waits long
    gate = _hold_worker(model)
    far = model.index(110, title)
    assert far.data() is None
    assert far.data(TOOLTIP) is None  # asked again: one query for the page all the same
    assert far.data(Qt.ItemDataRole.ForegroundRole) is None
    with qtbot.waitSignal(model.dataChanged, timeout=20_000) as changed:
        gate.set()
    first, last = changed.args[:2]
    assert (first.row(), last.row()) == (100, 124)  # the whole page, every column
    assert (first.column(), last.column()) == (0, len(model.columns) - 1)
    assert far.data()
    assert model.record(110).title == far.data()


def test_a_slow_search_keeps_the_rows_shown_until_its_answer(qtbot, small_demo, monkeypatch):
    model = SessionTableModel(actor=SYSTEM_ACTOR)
    model.reload()
    title = _column(model, "title")
    shown = model.index(0, title).data()
    monkeypatch.setattr(table_models, "SYNC_WAIT_MS", 0)
    gate = _hold_worker(model)
    with qtbot.waitSignal(model.loadingChanged) as loading:
        model.set_filter(RecordFilter(text="phong chong"))
    assert loading.args == [True]
    assert model.loading
    assert (model.rowCount(), model.index(0, title).data()) == (240, shown)
    assert not model.wait_until_loaded(50)
    gate.set()
    assert model.wait_until_loaded()
    assert not model.loading and 0 < model.rowCount() < 240


class _SlowCountModel(SessionTableModel):
    """The sessions list whose counting waits for ``gate`` (a large list being counted)."""

    gate = threading.Event()

    def count_work(self, record_list):
        self.gate.wait(20)
        return super().count_work(record_list)


def test_a_record_deleted_while_the_list_is_counted_leaves_it_shorter(
    qtbot, database, actor, monkeypatch
):
    base = {"unit_code": "01834", "kind": "launch", "organizer_kind": "police"}
    made = [
        sessions.create_session({**base, "date": f"0{day}/03/2025", "title": f"Buổi {day}"}, actor)
        for day in (1, 2, 3)
    ]
    monkeypatch.setattr(table_models, "SYNC_WAIT_MS", 0)
    monkeypatch.setattr(_SlowCountModel, "gate", threading.Event())
    model = _SlowCountModel(actor=SYSTEM_ACTOR)
    with qtbot.waitSignal(model.reloaded, timeout=20_000):
        model.reload()
    # The first page shows before the count: all three rows, the count still coming.
    assert model.counting and model.rowCount() == 3
    sessions.delete_session(made[1].uuid, actor)
    removed = []
    model.rowsRemoved.connect(lambda parent, first, last: removed.append((first, last)))
    with qtbot.waitSignal(model.countChanged, timeout=20_000) as counted:
        _SlowCountModel.gate.set()
    assert counted.args == [2] and removed == [(2, 2)]
    assert not model.counting and model.rowCount() == 2


def test_a_list_that_cannot_be_read_raises_rather_than_showing_nothing(database):
    from movement_desk.db.connection import db
    from movement_desk.db.models import ActivitySession

    table = ActivitySession._meta.table_name
    db.execute_sql(f'ALTER TABLE "{table}" RENAME TO "{table}_damaged"')
    model = SessionTableModel(actor=SYSTEM_ACTOR)
    with pytest.raises(peewee.DatabaseError):
        model.reload()
    assert not model.loading
    with pytest.raises(peewee.DatabaseError):  # the count fails the same way
        model.wait_until_loaded()
    assert model.rowCount() == 0


def test_pages_scrolled_past_are_forgotten_and_read_again(small_demo, monkeypatch):
    monkeypatch.setattr(table_models, "PAGE_SIZE", 20)
    monkeypatch.setattr(table_models, "CACHED_PAGES", 3)
    model = SessionTableModel(actor=SYSTEM_ACTOR)
    model.reload()
    title = _column(model, "title")
    top = [model.index(row, title).data() for row in range(20)]
    everything = [model.index(row, title).data() for row in range(model.rowCount())]
    assert len(model._pages) == 3  # the last three pages read, not all twelve
    assert [model.index(row, title).data() for row in range(20)] == top == everything[:20]
    assert model.record(-1) is None and model.record(model.rowCount()) is None


def test_sorting_before_the_list_is_read_waits_for_it(small_demo):
    model = CommunityModelTableModel(actor=SYSTEM_ACTOR)
    members = _column(model, "members")
    model.sort(members, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 0 and not model.loading  # nothing read for a hidden list
    model.reload()
    assert model.sort_state == (members, Qt.SortOrder.DescendingOrder)
    counts = [model.record(row).members for row in range(model.rowCount())]
    assert counts == sorted(counts, reverse=True) and len(counts) == 60


def test_decisions_count_their_recipients_and_ignore_a_click_on_that_column(
    small_demo, monkeypatch
):
    monkeypatch.setattr(table_models, "PAGE_SIZE", 2)
    model = DecisionTableModel(actor=SYSTEM_ACTOR)
    model.reload()
    recipients = _column(model, "recipients")
    number = _column(model, "number")
    shown = [model.index(row, number).data() for row in range(model.rowCount())]
    counts = [model.index(row, recipients).data() for row in range(model.rowCount())]
    assert model.rowCount() == 3
    expected = [str(len(list(model.record(row).commendations))) for row in range(3)]
    assert counts == expected
    assert [model.index(row, recipients).data() for row in range(3)] == counts  # remembered
    model.sort(recipients, Qt.SortOrder.DescendingOrder)  # not sortable: the order stays
    assert [model.index(row, number).data() for row in range(3)] == shown
    assert model.sort_state[0] != recipients


def test_locked_rows_are_grey_with_a_padlock_and_long_texts_have_tooltips(people, monkeypatch):
    from movement_desk.services.core import period_locks

    base = {"unit_code": "01888", "kind": "launch", "organizer_kind": "police"}
    long_title = "Hội nghị triển khai phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2024"
    for day in ("01", "02"):
        sessions.create_session(
            {**base, "date": f"{day}/03/2024", "title": f"Trong kỳ khóa {day}"}, people["officer"]
        )
    sessions.create_session({**base, "date": "20/03/2024", "title": long_title}, people["officer"])
    period_locks.lock_period("061", "2024-03", people["lead"], rule="decree")
    model = SessionTableModel(actor=people["lead"])
    model.reload()
    title = _column(model, "title")
    rows = {model.index(r, title).data(): r for r in range(model.rowCount())}
    icons = []
    for day in ("01", "02"):
        row = rows[f"Trong kỳ khóa {day}"]
        assert model.index(row, 2).data(Qt.ItemDataRole.ForegroundRole) == LOCKED_BRUSH
        assert model.index(row, 2).data(Qt.ItemDataRole.DecorationRole) is None  # first only
        icons.append(model.index(row, 0).data(Qt.ItemDataRole.DecorationRole))
    assert not icons[0].isNull() and icons[0].cacheKey() == icons[1].cacheKey()
    free = rows[long_title]
    assert model.index(free, title).data(TOOLTIP) == long_title  # too long for its column
    assert model.index(free, 0).data(TOOLTIP) is None  # a date is never cut
    assert model.index(free, 0).data(RECORD_ROLE).title == long_title


def test_titles_row_numbers_and_cells_that_are_not_there(small_demo):
    horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    model = SessionTableModel(actor=SYSTEM_ACTOR)
    model.reload()
    participants = _column(model, "participants")
    assert model.headerData(participants, horizontal, Qt.ItemDataRole.TextAlignmentRole) == int(
        table_models.RIGHT
    )
    assert model.headerData(0, horizontal, Qt.ItemDataRole.TextAlignmentRole) == int(
        table_models.LEFT
    )
    assert model.headerData(99, horizontal) is None
    assert model.headerData(4, vertical) == 5  # rows are numbered from 1
    assert model.headerData(4, vertical, TOOLTIP) is None
    home, recipients = HomeTableModel(), RecipientsTableModel()
    simple = SimpleTableModel(["Tên"])
    for each in (model, home, recipients, simple):
        assert each.data(QModelIndex()) is None
    assert home.unit_code(0) is None  # no figures yet: no unit behind a click
    recipients.set_errors({0: "Dòng 1: thiếu tên"})  # nothing to colour in an empty list
    assert recipients.rowCount() == 0
