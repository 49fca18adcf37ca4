"""Paged, sorted, filtered lists of records for screens that show thousands of rows.

A ``RecordList`` answers "how many rows match" and "give me rows ``offset``..``offset+limit``"
for one kind of record, one ``RecordFilter`` and one sort column. The first pages are read with
``LIMIT``/``OFFSET`` (fast: the user sees them at once); the first request further down reads
the ordered list of matching ids once, and every later page is read by id, so scrolling
to the middle of 130.000 sessions costs one id list, not one deep ``OFFSET`` per page.
Columns sorted in Vietnamese order without a stored sort key (organiser names) are sorted
in Python over that id list, with each distinct value's key computed once.

Every order ends with the kind's fixed secondary order (sessions: date descending, unit,
title), so rows equal in the sorted column never shuffle between two reads. With a search
text and no column chosen, the list is ranked (``search.rank_expression``: the phrase in the
title or unit first), then in that secondary order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from peewee import fn

from movement_desk import vietnamese
from movement_desk.db.connection import db
from movement_desk.db.models import ActivitySession, Commendation, Record
from movement_desk.services.core import permissions, search
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.records import kind_parts, sessions
from movement_desk.services.records.specs import ListKind, SortSpec

# Rows read with OFFSET before the id list is fetched.
DIRECT_ROWS = 1_000
# The sort of a searched list when no column was chosen: best match first.
RELEVANCE = "relevance"


def _kinds() -> dict[str, ListKind]:
    """Every kind's list, as the kind's own module declares it (records/kind_parts.py)."""
    return kind_parts.lists()


def scoped(record_filter: RecordFilter | None, actor: Actor) -> RecordFilter:
    """The one rule for reading: ``record_filter`` narrowed to the units ``actor`` may see
    (every list, count and total goes through here; a unit outside the scope is refused)."""
    return permissions.scoped_filter(record_filter or RecordFilter(), actor)


def list_kind(kind: str) -> ListKind:
    """The list of the kind called ``kind``, from its own module (KeyError: it has none)."""
    spec = kind_parts.parts(kind).listing
    if spec is None:
        raise KeyError(kind)
    return spec


class RecordList:
    """One filtered, sorted list of records, read a page at a time, of what ``actor`` may
    see."""

    def __init__(
        self,
        kind: str,
        record_filter: RecordFilter | None = None,
        sort: str | None = None,
        descending: bool | None = None,
        *,
        actor: Actor,
    ):
        self.kind = kind
        self.spec = list_kind(kind)
        self.record_filter = scoped(record_filter, actor)
        if sort in self.spec.sorts:
            self.sort = sort
        elif search.parse(self.record_filter.text):
            self.sort = RELEVANCE
        else:
            self.sort = self.spec.default_sort
        if self.sort == RELEVANCE:
            self.descending = False
        else:
            self.descending = self.spec.default_descending if descending is None else descending
        self._count: int | None = None
        self._ids: list[int] | None = None

    # -- queries ------------------------------------------------------------------------------
    def _base(self, record_filter: RecordFilter | None = None):
        """The kind's query under the list's filter (or a variant of it)."""
        return self.spec.query(record_filter or self.record_filter)

    @property
    def ranked(self) -> bool:
        return self.sort == RELEVANCE

    def _sort_spec(self) -> SortSpec:
        if self.ranked:
            return SortSpec()
        return self.spec.sorts[self.sort]

    def _ordered(self, query):
        if self.ranked:
            model = self.spec.model
            rank = search.rank_expression(model, self.record_filter.text, self.spec.unit_field)
            order = [rank.asc()]
        else:
            spec = self.spec.sorts[self.sort]
            order = [e.desc() if self.descending else e.asc() for e in spec.sql]
        return query.order_by(*order, *self.spec.tiebreak)

    def count(self) -> int:
        if self._count is None:
            if self._ids is not None:
                self._count = len(self._ids)
            else:
                base = self._base(counting_filter(self.record_filter, self.spec.model))
                base = base.order_by()
                self._count = base.select(fn.COUNT(self.spec.model.id)).scalar() or 0
        return self._count

    def ids(self) -> list[int]:
        """Every matching id in display order (read once, then kept)."""
        if self._ids is None:
            spec = self._sort_spec()
            model = self.spec.model
            if spec.python_value is not None:
                # The secondary order first: Python's sort is stable, also in reverse.
                query = self._base().select(model.id, spec.python_value)
                query = query.order_by(*self.spec.tiebreak)
                rows = db.execute_sql(*query.sql()).fetchall()
                keys: dict[str, str] = {}

                def key(row):
                    value = row[1] or ""
                    if value not in keys:
                        keys[value] = vietnamese.sort_key(value)
                    return keys[value]

                rows.sort(key=key, reverse=self.descending)
                self._ids = [row[0] for row in rows]
            else:
                query = self._ordered(self._base().select(model.id))
                self._ids = [row[0] for row in db.execute_sql(*query.sql())]
            self._count = len(self._ids)
        return self._ids

    def fetch(self, offset: int, limit: int) -> list[Record]:
        """Rows ``offset`` to ``offset + limit`` (fewer at the end)."""
        spec = self._sort_spec()
        if self._ids is None and spec.python_value is None and offset + limit <= DIRECT_ROWS:
            if self.ranked and search.is_broad(
                self.spec.model, self.record_filter.text, self.spec.unit_field
            ):
                return self._broad_ranked(offset, limit)
            return list(self._ordered(self._base()).limit(limit).offset(offset))
        wanted = self.ids()[offset : offset + limit]
        return self.by_ids(wanted)

    def _broad_ranked(self, offset: int, limit: int) -> list[Record]:
        """The first rows of a broad, ranked search: rank by rank, each read in the secondary
        (date) order by walking the date index until enough rows are found, instead of
        sorting tens of thousands of matches. Same rows, same order as ``_ordered``."""
        model = self.spec.model
        text = self.record_filter.text
        scan_filter = replace(self.record_filter, scan_search=True)
        rank = search.rank_expression(model, text, self.spec.unit_field)
        wanted = offset + limit
        rows: list[Record] = []
        for value in range(search.max_rank(text) + 1):
            query = self._base(self._rank_filter(value, scan_filter)).where(rank == value)
            rows.extend(query.order_by(*self.spec.tiebreak).limit(wanted - len(rows)))
            if len(rows) >= wanted:
                break
        return rows[offset:wanted]

    def _rank_filter(self, value: int, scan_filter: RecordFilter) -> RecordFilter:
        """The filter that finds the rows of rank ``value`` soonest. The best rank of one
        phrase needs it as whole words: when those are few ("do" in "đồn" is common, the
        word "do" rare), the index finds them faster than a walk through every record."""
        phrases = search.parse(self.record_filter.text)
        if value or len(phrases) != 1 or phrases[0].exact:
            return scan_filter
        whole = f'"{phrases[0].words}"'
        if search.is_broad(self.spec.model, whole, self.spec.unit_field):
            return replace(scan_filter, text=whole)
        return replace(self.record_filter, text=whole)

    def by_ids(self, ids: list[int]) -> list[Record]:
        if not ids:
            return []
        model = self.spec.model
        base = self.spec.query(
            RecordFilter(
                deleted=self.record_filter.deleted,
                allowed_unit_ids=self.record_filter.allowed_unit_ids,
            )
        )
        found = {row.id: row for row in base.where(model.id.in_(ids)).order_by()}
        return [found[i] for i in ids if i in found]

    def tuples(self, columns: list) -> Iterator[tuple]:
        """Every row of the list in display order as plain values of ``columns`` (see
        ``tuples_by_ids``), read by one ordered query as they are consumed (an export)."""
        if self._sort_spec().python_value is not None:  # sorted in Python, over the ids
            ids = self.ids()
            for start in range(0, len(ids), 500):
                yield from self.tuples_by_ids(ids[start : start + 500], columns)
            return
        query = self._ordered(self._base().select(*columns))
        yield from db.execute_sql(*query.sql())

    def tuples_by_ids(self, ids: list[int], columns: list) -> list[tuple]:
        """``by_ids`` as plain values: ``columns`` (fields of the kind's query and its joined
        tables) of each record, as stored, in the order of ``ids``, under the same scope (an
        export needs the values, not a record object per row)."""
        if not ids:
            return []
        model = self.spec.model
        base = self.spec.query(
            RecordFilter(
                deleted=self.record_filter.deleted,
                allowed_unit_ids=self.record_filter.allowed_unit_ids,
            )
        )
        query = base.select(model.id, *columns).where(model.id.in_(ids)).order_by()
        found = {row[0]: row[1:] for row in db.execute_sql(*query.sql())}
        return [found[i] for i in ids if i in found]

    def row_of(self, record_id: int) -> int | None:
        """The position of a record in the list, or None when the filter hides it."""
        try:
            return self.ids().index(record_id)
        except ValueError:
            return None

    def row_of_uuid(self, uuid: str) -> int | None:
        """The position of the record with this uuid in the list, or None (hidden or absent)."""
        model = self.spec.model
        found = model.select(model.id).where(model.uuid == uuid).first()
        return self.row_of(found.id) if found else None


def recipient_counts(decision_ids: list[int]) -> dict[int, int]:
    """How many live recipients each decision has."""
    if not decision_ids:
        return {}
    query = (
        Commendation.select(Commendation.decision, fn.COUNT(Commendation.id))
        .where(Commendation.decision.in_(decision_ids) & Commendation.deleted_at.is_null())
        .group_by(Commendation.decision)
        .tuples()
    )
    return dict(query)


def counting_filter(record_filter: RecordFilter, model) -> RecordFilter:
    """The filter to count with: a search the trigram index finds in very many records is
    counted faster by reading the table once than by visiting each match (same count)."""
    if record_filter.text and search.is_broad(
        model, record_filter.text, at_least=search.BROAD_COUNT
    ):
        return replace(record_filter, scan_search=True)
    return record_filter


def session_totals(record_filter: RecordFilter, *, actor: Actor) -> tuple[int, int, int]:
    """Sessions, participants and tips matching the filter that ``actor`` may see (for the
    line under a list)."""
    record_filter = counting_filter(scoped(record_filter, actor), ActivitySession)
    query = sessions.session_query(record_filter).order_by()
    row = query.select(
        fn.COUNT(ActivitySession.id),
        fn.COALESCE(fn.SUM(ActivitySession.participants), 0),
        fn.COALESCE(fn.SUM(ActivitySession.tips), 0),
    ).tuples()
    count, participants, tips = next(iter(row))
    return int(count), int(participants), int(tips)
