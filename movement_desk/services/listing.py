"""Paged, sorted, filtered lists of records for screens that show thousands of rows.

A ``RecordList`` answers "how many rows match" and "give me rows ``offset``..``offset+limit``"
for one kind of record, one ``RecordFilter`` and one sort column. The first pages are read with
``LIMIT``/``OFFSET`` (fast: the user sees them at once); the first request further down reads
the ordered list of matching ids once, and every later page is read by id, so scrolling
to the middle of 130.000 sessions costs one id list, not one deep ``OFFSET`` per page.
Columns sorted in Vietnamese order without a stored sort key (organiser names) are sorted
in Python over that id list, with each distinct value's key computed once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from peewee import fn

from movement_desk import vietnamese
from movement_desk.db.connection import db
from movement_desk.db.models import (
    ActivitySession,
    AdministrativeUnit,
    Commendation,
    CommunityModel,
    Decision,
    ModelType,
    Record,
)
from movement_desk.services import commendations, community_models, permissions, sessions
from movement_desk.services.actor import Actor
from movement_desk.services.filters import RecordFilter

# Rows read with OFFSET before the id list is fetched.
DIRECT_ROWS = 1_000


@dataclass(frozen=True)
class SortSpec:
    """How one column sorts: SQL order expressions, or a text value sorted in Python."""

    sql: tuple = ()
    python_value: object = None  # a peewee field whose text is sorted with vietnamese.sort_key


@dataclass(frozen=True)
class ListKind:
    model: type[Record]
    query: Callable[[RecordFilter], object]
    sorts: dict[str, SortSpec]
    default_sort: str
    default_descending: bool
    tiebreak: tuple = field(default=())


def _kinds() -> dict[str, ListKind]:
    s, u, m, t, d, c = (
        ActivitySession,
        AdministrativeUnit,
        CommunityModel,
        ModelType,
        Decision,
        Commendation,
    )
    return {
        "sessions": ListKind(
            s,
            sessions.session_query,
            {
                "date": SortSpec((s.held_on,)),
                "unit": SortSpec((u.sort_key,)),
                "kind": SortSpec((s.kind,)),
                "organizer": SortSpec(python_value=s.organizer_name),
                "title": SortSpec((s.sort_key,)),
                "participants": SortSpec((s.participants,)),
                "tips": SortSpec((s.tips,)),
            },
            "date",
            True,
            (s.id,),
        ),
        "models": ListKind(
            m,
            community_models.model_query,
            {
                "name": SortSpec((m.sort_key,)),
                "model_type": SortSpec((t.sort_key,)),
                "unit": SortSpec((u.sort_key,)),
                "managing": SortSpec(python_value=m.managing_name),
                "established_on": SortSpec((m.established_on,)),
                "members": SortSpec((m.members,)),
                "status": SortSpec((m.status,)),
            },
            "name",
            False,
            (m.id,),
        ),
        "decisions": ListKind(
            d,
            commendations.decision_query,
            {
                "number": SortSpec((d.number_key,)),
                "date": SortSpec((d.decided_on,)),
                "authority": SortSpec(python_value=d.authority),
                "form": SortSpec((d.form,)),
                "unit": SortSpec((u.sort_key,)),
            },
            "date",
            True,
            (d.id,),
        ),
        "commendations": ListKind(
            c,
            commendations.commendation_query,
            {
                "name": SortSpec((c.sort_key,)),
                "kind": SortSpec((c.recipient_kind,)),
                "position": SortSpec(python_value=c.recipient_position),
                "recipient_unit": SortSpec(python_value=c.recipient_unit),
                "decision": SortSpec((d.decided_on, d.id, c.position)),
                "printed": SortSpec((c.print_count,)),
            },
            "decision",
            True,
            (c.id,),
        ),
    }


KINDS: dict[str, ListKind] = {}


def scoped(record_filter: RecordFilter | None, actor: Actor) -> RecordFilter:
    """The one rule for reading: ``record_filter`` narrowed to the units ``actor`` may see
    (every list, count and total goes through here; a unit outside the scope is refused)."""
    return permissions.scoped_filter(record_filter or RecordFilter(), actor)


def list_kind(kind: str) -> ListKind:
    if not KINDS:
        KINDS.update(_kinds())
    return KINDS[kind]


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
        self.sort = sort if sort in self.spec.sorts else self.spec.default_sort
        self.descending = self.spec.default_descending if descending is None else descending
        self._count: int | None = None
        self._ids: list[int] | None = None

    # -- queries ------------------------------------------------------------------------------
    def _base(self):
        return self.spec.query(self.record_filter)

    def _ordered(self, query):
        spec = self.spec.sorts[self.sort]
        expressions = [*spec.sql, *self.spec.tiebreak]
        order = [e.desc() if self.descending else e.asc() for e in expressions]
        return query.order_by(*order)

    def count(self) -> int:
        if self._count is None:
            if self._ids is not None:
                self._count = len(self._ids)
            else:
                base = self._base().order_by()
                self._count = base.select(fn.COUNT(self.spec.model.id)).scalar() or 0
        return self._count

    def ids(self) -> list[int]:
        """Every matching id in display order (read once, then kept)."""
        if self._ids is None:
            spec = self.spec.sorts[self.sort]
            model = self.spec.model
            if spec.python_value is not None:
                query = self._base().select(model.id, spec.python_value).order_by(model.id)
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
        spec = self.spec.sorts[self.sort]
        if self._ids is None and spec.python_value is None and offset + limit <= DIRECT_ROWS:
            return list(self._ordered(self._base()).limit(limit).offset(offset))
        wanted = self.ids()[offset : offset + limit]
        return self.by_ids(wanted)

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

    def row_of(self, record_id: int) -> int | None:
        """The position of a record in the list, or None when the filter hides it."""
        try:
            return self.ids().index(record_id)
        except ValueError:
            return None


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


def session_totals(record_filter: RecordFilter, *, actor: Actor) -> tuple[int, int, int]:
    """Sessions, participants and tips matching the filter that ``actor`` may see (for the
    line under a list)."""
    query = sessions.session_query(scoped(record_filter, actor)).order_by()
    row = query.select(
        fn.COUNT(ActivitySession.id),
        fn.COALESCE(fn.SUM(ActivitySession.participants), 0),
        fn.COALESCE(fn.SUM(ActivitySession.tips), 0),
    ).tuples()
    count, participants, tips = next(iter(row))
    return int(count), int(participants), int(tips)
