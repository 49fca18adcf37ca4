"""The unit tree: units by code, parents and children, validity over time and successions.

What every service needs to know about where a unit sits (scopes, filters, reports, locks);
adding, changing and importing units is ``records.units``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from peewee import AutoField, CharField, ForeignKeyField, IntegerField, TextField, fn

from movement_desk import vietnamese
from movement_desk.db.choices import UnitKind
from movement_desk.db.connection import db
from movement_desk.db.models import AdministrativeUnit, UnitSuccession
from movement_desk.services.core import lookups
from movement_desk.services.core.errors import NotFoundError

COMMUNE_KINDS = {UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWNSHIP, UnitKind.SPECIAL_ZONE}
# Khu dân cư (TT 124/2021/TT-BCA art. 2): thôn, làng, bản, ấp, buôn, khóm, tổ dân phố, khu phố…
RESIDENTIAL_KINDS = {
    UnitKind.HAMLET,
    UnitKind.VILLAGE,
    UnitKind.MOUNTAIN_VILLAGE,
    UnitKind.SOUTHERN_HAMLET,
    UnitKind.HIGHLAND_VILLAGE,
    UnitKind.NEIGHBOURHOOD,
    UnitKind.RESIDENTIAL_GROUP,
    UnitKind.QUARTER,
    UnitKind.RESIDENTIAL_AREA,
}


def is_residential(unit: AdministrativeUnit) -> bool:
    """True for a khu dân cư (the level below the commune)."""
    return unit.kind in RESIDENTIAL_KINDS


def get_unit(code: str) -> AdministrativeUnit:
    unit = AdministrativeUnit.get_or_none(AdministrativeUnit.code == vietnamese.nfc(code))
    if unit is None:
        raise NotFoundError(f"Không có đơn vị hành chính mã “{code}”.")
    return unit


def find_unit(code: str) -> AdministrativeUnit | None:
    cached = lookups.units_by_code()
    if cached is not None:
        return cached.get(vietnamese.nfc(code))
    return AdministrativeUnit.get_or_none(AdministrativeUnit.code == vietnamese.nfc(code))


@dataclass
class UnitTree:
    """A snapshot of the unit tree for walking parents and children without queries."""

    by_id: dict[int, AdministrativeUnit]
    children: dict[int | None, list[int]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> UnitTree:
        units = _live_units()
        tree = cls({unit.id: unit for unit in units})
        for unit in units:
            tree.children.setdefault(unit.parent_id, []).append(unit.id)
        return tree

    @classmethod
    def current(cls) -> UnitTree:
        """``load``, read again only when the tree changed (a unit or a succession link added,
        changed or deleted: their counts and latest updates) or another database is open. For
        callers that only read it: a report reads it for its rights check and its rows."""
        key = (id(db.obj), getattr(db.obj, "database", None), _tree_version())
        if _CURRENT_TREE.get("key") != key:
            _CURRENT_TREE.update(key=key, tree=cls.load())
        return _CURRENT_TREE["tree"]

    def by_code(self, code: str) -> AdministrativeUnit:
        for unit in self.by_id.values():
            if unit.code == code:
                return unit
        raise NotFoundError(f"Không có đơn vị hành chính mã “{code}”.")

    def roots(self) -> list[AdministrativeUnit]:
        return [self.by_id[i] for i in self.children.get(None, [])]

    def child_units(self, unit_id: int, on: date | None = None) -> list[AdministrativeUnit]:
        units = [self.by_id[i] for i in self.children.get(unit_id, [])]
        if on is not None:
            units = [u for u in units if u.existed_on(on)]
        return units

    def subtree_ids(self, unit_id: int) -> list[int]:
        """The unit and everything under it."""
        found, stack, seen = [], [unit_id], set()
        while stack:
            current = stack.pop()
            if current in seen:  # a parent loop (check reports it) must not hang a command
                continue
            seen.add(current)
            found.append(current)
            stack.extend(self.children.get(current, []))
        return found

    def ancestors(self, unit_id: int) -> list[AdministrativeUnit]:
        """Parents from the unit's own parent up to the root."""
        chain, seen = [], {unit_id}
        parent_id = self.by_id[unit_id].parent_id
        while parent_id is not None and parent_id in self.by_id and parent_id not in seen:
            seen.add(parent_id)
            chain.append(self.by_id[parent_id])
            parent_id = self.by_id[parent_id].parent_id
        return chain


# Columns whose values come from the database as they are kept (text and integers): the other
# columns (dates, timestamps, choices) go through their field's python_value.
_STORED_AS_IS = (CharField, TextField, IntegerField, AutoField, ForeignKeyField)


def _live_units() -> list[AdministrativeUnit]:
    """Every live unit in sort order, as the rows ``AdministrativeUnit.live()`` gives, built
    from the raw rows: peewee's row wrapper sets each field of each object through its
    descriptor, which for the 1.600 units of a province is most of what a report's rights
    check and scope cost (about 30 ms; this way about 10)."""
    fields = AdministrativeUnit._meta.sorted_fields
    names = [f.name for f in fields]
    converters = [
        (index, field.python_value)
        for index, field in enumerate(fields)
        if type(field) not in _STORED_AS_IS
    ]
    sql, params = AdministrativeUnit.live(*fields).order_by(AdministrativeUnit.sort_key).sql()
    make = AdministrativeUnit.__new__
    units = []
    for row in db.execute_sql(sql, params):
        values = list(row)
        for index, convert in converters:
            if values[index] is not None:
                values[index] = convert(values[index])
        unit = make(AdministrativeUnit)
        # What peewee's Model.__init__ leaves on a row read from the database.
        unit.__data__ = dict(zip(names, values, strict=True))
        unit._dirty = set()
        unit.__rel__ = {}
        units.append(unit)
    return units


def subtree_ids(code: str) -> list[int]:
    tree = UnitTree.load()
    return tree.subtree_ids(tree.by_code(code).id)


def successors_on(unit: AdministrativeUnit, on: date) -> list[AdministrativeUnit]:
    """The units that ``unit`` became, followed through successive mergers up to ``on``."""
    found: list[AdministrativeUnit] = []
    frontier = [unit]
    seen = {unit.id}
    while frontier:
        current = frontier.pop()
        links = list(
            UnitSuccession.live().where(
                (UnitSuccession.predecessor == current.id) & (UnitSuccession.effective_on <= on)
            )
        )
        if not links:
            if current.id != unit.id:
                found.append(current)
            continue
        for link in links:
            if link.successor_id not in seen:
                seen.add(link.successor_id)
                frontier.append(link.successor)
    return found


def in_force(unit: AdministrativeUnit, on: date) -> AdministrativeUnit | None:
    """``unit`` itself if it exists on ``on``, else the one unit it became (None for a split)."""
    if unit.existed_on(on):
        return unit
    successors = successors_on(unit, on)
    return successors[0] if len(successors) == 1 else None


def province_of(code: str, on: date) -> AdministrativeUnit | None:
    """The province that the unit ``code`` is part of on ``on``, following mergers:
    Bắc Kạn's units lead to Thái Nguyên from 01/07/2025."""
    unit = find_unit(code) if code else None
    unit = in_force(unit, on) if unit is not None else None
    seen = set()
    while unit is not None and unit.parent_id is not None and unit.id not in seen:
        seen.add(unit.id)
        unit = in_force(unit.parent, on)
    return unit


def successor_map(on: date) -> dict[int, int]:
    """For each unit that merged before ``on``: the id of the unit it is part of on ``on``.

    Only units with exactly one successor are mapped (a split cannot roll up unambiguously).
    """
    links: dict[int, list[tuple[int, date]]] = {}
    for link in UnitSuccession.live().where(UnitSuccession.effective_on <= on):
        links.setdefault(link.predecessor_id, []).append((link.successor_id, link.effective_on))
    result: dict[int, int] = {}
    for start in links:
        current, seen = start, {start}
        while current in links and len(links[current]) == 1:
            nxt = links[current][0][0]
            if nxt in seen:
                break
            seen.add(nxt)
            current = nxt
        if current != start:
            result[start] = current
    return result


def successor_scope(unit_ids: list[int]) -> dict[date, list[int]]:
    """The units that took over ``unit_ids`` after a merger, by the day they took over.

    Only the lowest units (communes, which have no children) are followed: a district that
    was "absorbed" into the new province passes on its communes' successors, not the whole
    province. Units already in ``unit_ids`` are left out.
    """
    links: dict[int, list[tuple[int, date]]] = {}
    for predecessor, successor, effective_on in (
        UnitSuccession.live()
        .select(UnitSuccession.predecessor, UnitSuccession.successor, UnitSuccession.effective_on)
        .tuples()
    ):
        links.setdefault(predecessor, []).append((successor, effective_on))
    if not links:
        return {}
    # A commune's residential areas do not make it a parent here: it is still the lowest
    # administrative unit, and its successor's residential areas follow it.
    residential = [kind.value for kind in RESIDENTIAL_KINDS]
    parents = {
        parent_id
        for (parent_id,) in AdministrativeUnit.live(AdministrativeUnit.parent)
        .where(
            AdministrativeUnit.parent.is_null(False) & AdministrativeUnit.kind.not_in(residential)
        )
        .tuples()
    }
    areas_of: dict[int, list[int]] = {}
    for area_id, parent_id in (
        AdministrativeUnit.live(AdministrativeUnit.id, AdministrativeUnit.parent)
        .where(AdministrativeUnit.kind.in_(residential))
        .tuples()
    ):
        areas_of.setdefault(parent_id, []).append(area_id)
    inside = set(unit_ids)
    since_by_unit: dict[int, date] = {}
    stack = [(unit_id, None) for unit_id in unit_ids if unit_id not in parents]
    while stack:
        current, since = stack.pop()
        for successor, effective_on in links.get(current, []):
            start = max(since, effective_on) if since else effective_on
            if successor in inside or since_by_unit.get(successor, date.max) <= start:
                continue
            since_by_unit[successor] = start
            stack.append((successor, start))
    scope: dict[date, list[int]] = {}
    for unit_id, start in since_by_unit.items():
        scope.setdefault(start, []).append(unit_id)
        scope[start].extend(a for a in areas_of.get(unit_id, []) if a not in inside)
    return {start: sorted(ids) for start, ids in sorted(scope.items())}


def direct_successors() -> dict[int, list[AdministrativeUnit]]:
    """For each unit that merged into others: the units it went into, in one query."""
    successor = AdministrativeUnit.alias()
    query = (
        UnitSuccession.live()
        .select(UnitSuccession, successor)
        .join(successor, on=(UnitSuccession.successor == successor.id))
        .order_by(successor.sort_key)
    )
    found: dict[int, list[AdministrativeUnit]] = {}
    for link in query:
        found.setdefault(link.predecessor_id, []).append(link.successor)
    return found


_CURRENT_TREE: dict = {}  # the last tree ``UnitTree.current`` read, and the state it was read in


def _tree_version() -> tuple:
    found = []
    for model in (AdministrativeUnit, UnitSuccession):
        found.append(
            model.select(fn.COUNT(model.id), fn.MAX(model.updated_at), fn.MAX(model.id))
            .tuples()
            .get()
        )
    return tuple(found)
