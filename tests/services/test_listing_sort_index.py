"""Sorted lists read their first page through an index, at any size; counts are kept per
filter until the data changes (the change marker)."""

from __future__ import annotations

import pytest

from movement_desk.db import postgres
from movement_desk.db.connection import db
from movement_desk.services.core.actor import LOCAL_ACTOR, SYSTEM_ACTOR
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.records import listing, sessions
from tests import server_backend

TABLES = {"sessions": "activity_session", "models": "community_model", "decisions": "decision"}
# Every sortable column of the window's lists (sessions, models, decisions) and the export's
# recipient names.
SORTS = [
    (kind, sort)
    for kind in ("sessions", "models", "decisions")
    for sort in listing.list_kind(kind).sorts
] + [("commendations", "name"), ("commendations", "decision")]


def _page_queries(kind: str, sort: str, descending: bool) -> list[tuple[str, tuple]]:
    """The SELECT statements that read the list's first page, as the database received them."""
    with server_backend.traced_statements() as seen:
        listing.RecordList(kind, None, sort, descending, actor=SYSTEM_ACTOR).fetch(0, 100)
    return [(q, p) for q, p in seen if q.lstrip().startswith("SELECT") and "ORDER BY" in q]


def _plan(query: str, params: tuple) -> str:
    """SQLite's EXPLAIN QUERY PLAN, one line per step. On the server: EXPLAIN's nodes, with
    sequential scans and whole sorts priced out of the way (``SET LOCAL``), so that a small
    demo shows the plan a large table gets: the order read from an index when one serves it,
    a "Sort" when none does. An "Incremental Sort" orders only the ties of the index's leading
    columns (SQLite's "USE TEMP B-TREE FOR RIGHT PART OF ORDER BY")."""
    if not postgres.is_server(db):
        return " | ".join(row[3] for row in db.execute_sql("EXPLAIN QUERY PLAN " + query))
    with db.atomic() as transaction:
        db.execute_sql("SET LOCAL enable_seqscan = off")
        db.execute_sql("SET LOCAL enable_sort = off")
        [[plan]] = db.execute_sql("EXPLAIN (FORMAT JSON) " + query, params).fetchall()
        transaction.rollback()
    nodes, steps = [plan[0]["Plan"]], []
    while nodes:
        node = nodes.pop()
        steps.append(f"{node['Node Type']} {node.get('Index Name', '')}".strip())
        nodes.extend(node.get("Plans", []))
    return " | ".join(steps)


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize(("kind", "sort"), SORTS)
def test_first_page_of_a_sorted_list_is_read_in_index_order(small_demo, kind, sort, descending):
    queries = _page_queries(kind, sort, descending)
    assert queries
    server = postgres.is_server(db)
    for query, params in queries:
        plan = _plan(query, params)
        walked = "IN (" in query and "LIMIT" in query
        # A walked group of units sharing one name is sorted among itself; nothing else is.
        if walked and "," in query.split("IN (")[-1].split(")")[0]:
            continue
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan, (query, plan)
        if server:
            # the order is read from an index of the list's table: one of the sort indexes, or
            # another serving the same order (the planner's pick among equals, e.g. the unit
            # and date index for the unit sort)
            assert "Sort" not in plan.split(" | "), (query, plan)
            if "LIMIT" in query and kind != "commendations":
                assert f"Index Scan {TABLES[kind]}_" in plan, (query, plan)
        elif "LIMIT" in query and kind != "commendations":
            assert "_list_" in plan or "commendation_decision" in plan, (query, plan)


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize(
    ("kind", "sort"),
    [
        ("sessions", "unit"),
        ("sessions", "organizer"),
        ("models", "unit"),
        ("models", "model_type"),
        ("models", "managing"),
        ("decisions", "unit"),
        ("decisions", "authority"),
        ("commendations", "decision"),
    ],
)
def test_walked_first_pages_match_the_whole_sorted_list(
    small_demo, monkeypatch, kind, sort, descending
):
    walked = listing.RecordList(kind, RecordFilter(), sort, descending, actor=SYSTEM_ACTOR)
    first = [r.id for r in walked.fetch(0, 30)] + [r.id for r in walked.fetch(30, 30)]
    whole = listing.RecordList(kind, RecordFilter(), sort, descending, actor=SYSTEM_ACTOR)
    monkeypatch.setattr(listing, "DIRECT_ROWS", 0)
    assert whole.ids()[:60] == first


def test_count_is_kept_per_filter_until_the_data_changes(small_demo, monkeypatch):
    listing.COUNTS.clear()
    counted = []
    original = listing.RecordList._counted

    def counting(self):
        counted.append(self.kind)
        return original(self)

    monkeypatch.setattr(listing.RecordList, "_counted", counting)
    before = listing.RecordList("sessions", actor=SYSTEM_ACTOR).count()
    # Another sort, another page of the same filter: no counting again.
    for sort in ("title", "unit", "date"):
        again = listing.RecordList("sessions", RecordFilter(), sort, True, actor=SYSTEM_ACTOR)
        assert again.count() == before
    assert counted == ["sessions"]
    # Another filter is counted on its own.
    searched = listing.RecordList("sessions", RecordFilter(text="tuyen"), actor=SYSTEM_ACTOR)
    assert searched.count() < before
    assert counted == ["sessions", "sessions"]
    totals = listing.session_totals(RecordFilter(), actor=SYSTEM_ACTOR)
    assert listing.session_totals(RecordFilter(), actor=SYSTEM_ACTOR) == totals

    # A write (here a delete) moves the change marker: the count is read again.
    victim = listing.RecordList("sessions", actor=SYSTEM_ACTOR).fetch(0, 1)[0]
    sessions.delete_session(victim.uuid, LOCAL_ACTOR)
    assert listing.RecordList("sessions", actor=SYSTEM_ACTOR).count() == before - 1
    assert listing.session_totals(RecordFilter(), actor=SYSTEM_ACTOR)[0] == totals[0] - 1
    assert counted[-1] == "sessions" and len(counted) == 3
