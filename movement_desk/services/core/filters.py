"""The filter every list, export and package shares: unit subtree, dates, kind, text search."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from peewee import Field

from movement_desk.db.models import Record
from movement_desk.services.core import search, settings, unit_tree
from movement_desk.services.core.periods import Period


@dataclass
class RecordFilter:
    """What to show: all fields optional; ``unit_code`` includes everything under the unit."""

    unit_code: str | None = None
    include_children: bool = True
    start: date | None = None
    end: date | None = None
    kinds: list = field(default_factory=list)
    statuses: list = field(default_factory=list)
    text: str = ""
    deleted: bool = False  # True: only the records marked deleted (the recycle bin)
    # The units the user may see (``permissions.scoped_filter``); None: every unit.
    allowed_unit_ids: frozenset[int] | None = None
    # With ``unit_code``: also the records of the units that took over after a merger, from
    # the day they did (the lists do this; see ``successors_followed``).
    follow_successors: bool = False
    # Search by testing each row rather than through the trigram index (``listing`` uses it
    # to read the first page of a broad search in date order).
    scan_search: bool = False
    # Commendations only: those of these decisions (the decisions a list shows).
    decision_ids: list[int] | None = None

    def with_period(self, period: Period, rule: str | None = None) -> RecordFilter:
        start, end = period.bounds(rule or settings.get("period_rule"))
        self.start, self.end = start, end
        return self


def unit_ids(unit_code: str, include_children: bool = True) -> list[int]:
    if include_children:
        return unit_tree.subtree_ids(unit_code)
    return [unit_tree.get_unit(unit_code).id]


@dataclass(frozen=True)
class SuccessorNote:
    """Units whose records a unit filter also shows, from the day they took over."""

    since: date
    unit_titles: list[str]


def successors_followed(record_filter: RecordFilter) -> list[SuccessorNote]:
    """What ``follow_successors`` adds to a unit filter, for the line under the list."""
    if not (record_filter.unit_code and record_filter.follow_successors):
        return []
    ids = unit_ids(record_filter.unit_code, record_filter.include_children)
    tree = unit_tree.UnitTree.load()
    notes = []
    for since, successor_ids in unit_tree.successor_scope(ids).items():
        if record_filter.end and record_filter.end < since:
            continue
        titles = [tree.by_id[i].title for i in successor_ids if i in tree.by_id]
        notes.append(SuccessorNote(since, titles))
    return notes


def apply_filter(
    query,
    model: type[Record],
    record_filter: RecordFilter,
    *,
    date_field: Field | None,
    unit_field: Field | None,
    kind_field: Field | None = None,
    status_field: Field | None = None,
):
    """Narrow ``query`` over ``model`` by ``record_filter``."""
    if record_filter.deleted:
        query = query.where(model.deleted_at.is_null(False))
    else:
        query = query.where(model.deleted_at.is_null())
    if record_filter.unit_code and unit_field is not None:
        ids = unit_ids(record_filter.unit_code, record_filter.include_children)
        condition = unit_field.in_(ids)
        if record_filter.follow_successors and date_field is not None:
            for since, successor_ids in unit_tree.successor_scope(ids).items():
                condition = condition | (unit_field.in_(successor_ids) & (date_field >= since))
        query = query.where(condition)
    if record_filter.allowed_unit_ids is not None and unit_field is not None:
        query = query.where(unit_field.in_(list(record_filter.allowed_unit_ids)))
    if date_field is not None:
        if record_filter.start:
            query = query.where(date_field >= record_filter.start)
        if record_filter.end:
            query = query.where(date_field <= record_filter.end)
    if record_filter.kinds and kind_field is not None:
        query = query.where(kind_field.in_(list(record_filter.kinds)))
    if record_filter.statuses and status_field is not None:
        query = query.where(status_field.in_(list(record_filter.statuses)))
    if record_filter.text:
        query = search.apply_search(
            query, model, record_filter.text, unit_field, scan=record_filter.scan_search
        )
    return query
