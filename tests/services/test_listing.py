"""Paged lists: the OFFSET pages and the id-list pages agree; counts follow the filter."""

from __future__ import annotations

import subprocess
import sys

import pytest

from movement_desk import vietnamese
from movement_desk.services.core.actor import SYSTEM_ACTOR
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.records import listing


@pytest.mark.parametrize(
    ("kind", "sort", "descending"),
    [
        ("sessions", "date", True),
        ("sessions", "title", False),
        ("sessions", "organizer", False),
        ("sessions", "unit", True),
        ("models", "name", False),
        ("models", "managing", True),
        ("decisions", "authority", False),
        ("commendations", "name", False),
    ],
)
def test_pages_read_directly_and_by_id_list_give_the_same_rows(
    small_demo, monkeypatch, kind, sort, descending
):
    direct = listing.RecordList(kind, RecordFilter(), sort, descending, actor=SYSTEM_ACTOR)
    monkeypatch.setattr(listing, "DIRECT_ROWS", 10**9)
    first = [r.id for r in direct.fetch(0, 25)] + [r.id for r in direct.fetch(25, 25)]
    by_ids = listing.RecordList(kind, RecordFilter(), sort, descending, actor=SYSTEM_ACTOR)
    assert by_ids.ids()[:50] == first[:50]
    assert [r.id for r in by_ids.fetch(25, 25)] == first[25:50]
    assert by_ids.count() == direct.count() == len(by_ids.ids())


def test_python_sorted_column_is_in_vietnamese_order(small_demo):
    rows = listing.RecordList("sessions", RecordFilter(), "organizer", False, actor=SYSTEM_ACTOR)
    names = [r.organizer_name for r in rows.fetch(0, rows.count())]
    assert names == sorted(names, key=vietnamese.sort_key)


def test_count_follows_the_search(small_demo):
    everything = listing.RecordList("sessions", actor=SYSTEM_ACTOR).count()
    found = listing.RecordList(
        "sessions", RecordFilter(text="tuyen truyen"), actor=SYSTEM_ACTOR
    ).count()
    assert 0 < found < everything


def test_session_totals(small_demo):
    from movement_desk.db.models import ActivitySession

    count, participants, tips = listing.session_totals(RecordFilter(), actor=SYSTEM_ACTOR)
    assert count == ActivitySession.live().count()
    assert participants == sum(s.participants for s in ActivitySession.live())
    assert tips == sum(s.tips for s in ActivitySession.live())


def test_listing_and_dashboard_do_not_import_qt():
    code = (
        "import sys, movement_desk.services.records.listing, movement_desk.services.dashboard;"
        "sys.exit('PySide6' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


@pytest.mark.parametrize("descending", [False, True])
def test_rows_equal_in_the_sorted_column_keep_date_unit_title_order(small_demo, descending):
    rows = listing.RecordList("sessions", RecordFilter(), "kind", descending, actor=SYSTEM_ACTOR)
    shown = rows.fetch(0, rows.count())
    keys = [
        (r.kind.value, -r.held_on.toordinal(), r.unit.sort_key, r.sort_key, -r.id) for r in shown
    ]
    by_kind: dict[str, list] = {}
    for key in keys:
        by_kind.setdefault(key[0], []).append(key[1:])
    for secondary in by_kind.values():
        assert secondary == sorted(secondary)  # date descending, then unit, then title
    # The same order through the id list (rows further down) as through the first pages.
    again = listing.RecordList("sessions", RecordFilter(), "kind", descending, actor=SYSTEM_ACTOR)
    assert again.ids() == [r.id for r in shown]
    organisers = listing.RecordList(
        "sessions", RecordFilter(), "organizer", descending, actor=SYSTEM_ACTOR
    )
    named = organisers.fetch(0, organisers.count())
    for first, second in zip(named, named[1:], strict=False):
        if vietnamese.sort_key(first.organizer_name) == vietnamese.sort_key(second.organizer_name):
            assert first.held_on >= second.held_on
