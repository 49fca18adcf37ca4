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

Each SQL-sorted column has an index on live rows (``migrations.LIST_SORT_INDEXES``): the first
pages are read in index order, whatever the size of the table. A column that sorts by a
joined table (the unit, the model type, the decision) walks that table's rows in order and
reads each one's records through its own index (``SortSpec.walk``), as long as the list is not
searched (a search reads its matches and sorts them).

Counts and the sessions' totals are kept per filter until the data changes (the change
marker that triggers bump with every data write, see ``CountCache``): sorting or paging a
list does not count it again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import fields, replace

from peewee import fn

from movement_desk import vietnamese
from movement_desk.db.connection import db
from movement_desk.db.models import ActivitySession, Commendation, Decision, Record
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
                self._count = COUNTS.get(("count", self.kind, self.record_filter), self._counted)
        return self._count

    def _counted(self) -> int:
        base = self._base(counting_filter(self.record_filter, self.spec.model))
        return base.order_by().select(fn.COUNT(self.spec.model.id)).scalar() or 0

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
            if spec.walk is not None and not self.record_filter.text:
                return self._walked(spec, offset, limit)
            if self.ranked and search.is_broad(
                self.spec.model, self.record_filter.text, self.spec.unit_field
            ):
                return self._broad_ranked(offset, limit)
            return list(self._ordered(self._base()).limit(limit).offset(offset))
        if (
            self._ids is None
            and spec.python_value is not None
            and offset + limit <= DIRECT_ROWS
            and _walks_names(self.record_filter)
        ):
            return self._walked_names(spec, offset, limit)
        wanted = self.ids()[offset : offset + limit]
        return self.by_ids(wanted)

    def _walked(self, spec: SortSpec, offset: int, limit: int) -> list[Record]:
        """The first rows of a list sorted by a joined table: that table's rows in order,
        the records of each group of equal keys read in the secondary order through the
        (foreign key, date) index, until enough are found. Same rows, same order as
        ``_ordered``, without sorting the whole list."""
        foreign_key, walked = spec.walk
        # What the sort orders by within one walked row (a recipient's place in its decision).
        within = [
            e.desc() if self.descending else e.asc()
            for e in spec.sql
            if not any(e is w for w in walked)
        ]
        live_only = foreign_key.rel_model is Decision and not self.record_filter.deleted
        wanted = offset + limit
        rows: list[Record] = []
        for ids in walk_groups(foreign_key, walked, self.descending, live_only=live_only):
            query = self._base().where(foreign_key.in_(ids))
            query = query.order_by(*within, *self.spec.tiebreak)
            rows.extend(query.limit(wanted - len(rows)))
            if len(rows) >= wanted:
                break
        return rows[offset:wanted]

    def _walked_names(self, spec: SortSpec, offset: int, limit: int) -> list[Record]:
        """The first rows of a list sorted by a name in Vietnamese order: the distinct names
        in that order (kept until the data changes), the records of each read in the
        secondary order through the (name, date) index. Same rows and order as ``ids``."""
        column = spec.python_value
        deleted = self.record_filter.deleted
        groups = COUNTS.get(
            ("names", f"{self.kind}.{column.name}", RecordFilter(deleted=deleted)),
            lambda: name_groups(self.spec.model, column, deleted),
        )
        wanted = offset + limit
        rows: list[Record] = []
        for names in reversed(groups) if self.descending else groups:
            query = self._base().where(column.in_(names)).order_by(*self.spec.tiebreak)
            rows.extend(query.limit(wanted - len(rows)))
            if len(rows) >= wanted:
                break
        return rows[offset:wanted]

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

    def _scope_only(self):
        """The kind's query under this list's scope and deleted state only: rows asked for by
        id are not filtered again by the list's search or other conditions."""
        return self.spec.query(
            RecordFilter(
                deleted=self.record_filter.deleted,
                allowed_unit_ids=self.record_filter.allowed_unit_ids,
            )
        )

    def by_ids(self, ids: list[int]) -> list[Record]:
        if not ids:
            return []
        model = self.spec.model
        base = self._scope_only()
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
        base = self._scope_only()
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


def walk_groups(
    foreign_key, order: tuple, descending: bool, *, live_only: bool = False
) -> list[list[int]]:
    """The ids of the table ``foreign_key`` points to, in ``order``, equal keys together."""
    target = foreign_key.rel_model
    query = target.select(target.id, *order).order_by(*order, target.id).tuples()
    if live_only:
        query = query.where(target.deleted_at.is_null())
    groups: list[list[int]] = []
    last = object()
    for row_id, *key in db.execute_sql(*query.sql()):
        if key != last:
            groups.append([])
            last = key
        groups[-1].append(row_id)
    if descending:
        groups.reverse()
    return groups


def name_groups(model, column, deleted: bool) -> list[list[str]]:
    """The distinct values of ``column`` in Vietnamese order, equal sort keys together."""
    live = model.deleted_at.is_null(False) if deleted else model.deleted_at.is_null()
    query = model.select(column).distinct().where(live).tuples()
    by_key: dict[str, list[str]] = {}
    for (value,) in db.execute_sql(*query.sql()):
        by_key.setdefault(vietnamese.sort_key(value or ""), []).append(value)
    return [by_key[key] for key in sorted(by_key)]


def _walks_names(record_filter: RecordFilter) -> bool:
    """Whether the names are walked: a list narrowed only by dates, if at all (a narrower
    one is read whole and sorted, being small)."""
    return not (
        record_filter.text
        or record_filter.unit_code
        or record_filter.allowed_unit_ids is not None
        or record_filter.kinds
        or record_filter.statuses
        or record_filter.decision_ids is not None
    )


class CountCache:
    """Counts (and totals) of lists by filter, valid while the data's change marker stays.

    The change marker is bumped by triggers in the same transaction as every data write, by
    this program or another on the same file, so one read of it tells whether a kept count
    still holds. Shared by the threads that read lists (one lock, a few dozen entries)."""

    SIZE = 64

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple, tuple[object, object]] = OrderedDict()

    def get(self, key: tuple, compute: Callable[[], object]):
        key = (key[0], key[1], filter_key(key[2]))
        marker = _change_marker()
        if marker is not None:
            with self._lock:
                kept = self._entries.get(key)
                if kept is not None and kept[0] == marker:
                    self._entries.move_to_end(key)
                    return kept[1]
        value = compute()
        if marker is not None and _change_marker() == marker:
            with self._lock:
                self._entries[key] = (marker, value)
                self._entries.move_to_end(key)
                while len(self._entries) > self.SIZE:
                    self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


COUNTS = CountCache()


def _change_marker():
    """The data's change marker, or None (no database, or one from before the marker)."""
    try:
        row = db.execute_sql("SELECT mark FROM data_change WHERE id = 1").fetchone()
    except Exception:  # noqa: BLE001 - an old schema or a closed database: no caching
        return None
    return (db.obj.database, row[0]) if row else None


def filter_key(record_filter: RecordFilter) -> tuple:
    """A hashable key of everything a filter says."""

    def plain(value):
        if isinstance(value, frozenset | set):
            return tuple(sorted(value))
        if isinstance(value, list):
            return tuple(plain(v) for v in value)
        return value

    return tuple(plain(getattr(record_filter, f.name)) for f in fields(record_filter))


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
    record_filter = scoped(record_filter, actor)

    def totals() -> tuple[int, int, int]:
        counted = counting_filter(record_filter, ActivitySession)
        query = sessions.session_query(counted).order_by()
        row = query.select(
            fn.COUNT(ActivitySession.id),
            fn.COALESCE(fn.SUM(ActivitySession.participants), 0),
            fn.COALESCE(fn.SUM(ActivitySession.tips), 0),
        ).tuples()
        count, participants, tips = next(iter(row))
        return int(count), int(participants), int(tips)

    return COUNTS.get(("totals", "sessions", record_filter), totals)
