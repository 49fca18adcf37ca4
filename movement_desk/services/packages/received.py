"""The register of received packages and which communes have sent their data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from movement_desk import vietnamese
from movement_desk.db.packages import PackageReceived
from movement_desk.services.records import units


@dataclass(frozen=True)
class UnitReceipt:
    code: str
    name: str
    received: bool
    last_received_at: datetime | None = None


@dataclass
class Completeness:
    """Which communes under a unit have sent their data for a period."""

    unit_code: str
    unit_name: str
    start: date
    end: date
    units: list[UnitReceipt]

    @property
    def expected_count(self) -> int:
        return len(self.units)

    @property
    def received_count(self) -> int:
        return sum(1 for u in self.units if u.received)

    @property
    def missing(self) -> list[UnitReceipt]:
        return [u for u in self.units if not u.received]

    @property
    def text(self) -> str:
        """ "Đã nhận dữ liệu của 104/108 xã, phường, thị trấn"."""
        return (
            f"Đã nhận dữ liệu của {vietnamese.format_number(self.received_count)}/"
            f"{vietnamese.format_number(self.expected_count)} xã, phường, thị trấn"
        )


def _covered(intervals: list[tuple[date | None, date]], start: date, end: date) -> bool:
    """True when the union of [from, to] intervals (from None = the beginning) covers the range."""
    reach: date | None = None
    for first, last in sorted(intervals, key=lambda i: i[0] or date.min):
        if reach is None:
            if first is not None and first > start:
                return False
            reach = last
        elif first is not None and first > date.fromordinal(reach.toordinal() + 1):
            break
        else:
            reach = max(reach, last)
        if reach >= end:
            return True
    return reach is not None and reach >= end


def received_units(unit_code: str, start: date, end: date) -> Completeness:
    """Completeness of ``unit_code`` for ``start``–``end``: every commune under it that existed
    in the period, and whether packages received here (directly or relayed through a district)
    cover the whole period for it."""
    tree = units.UnitTree.load()
    unit = tree.by_code(unit_code)
    expected = [
        tree.by_id[unit_id]
        for unit_id in tree.subtree_ids(unit.id)
        if tree.by_id[unit_id].kind in units.COMMUNE_KINDS
        and (tree.by_id[unit_id].valid_from is None or tree.by_id[unit_id].valid_from <= end)
        and (tree.by_id[unit_id].valid_to is None or tree.by_id[unit_id].valid_to >= start)
    ]
    codes = [u.code for u in expected]
    intervals: dict[str, list[tuple[date | None, date]]] = {}
    last_seen: dict[str, datetime] = {}
    for row in PackageReceived.select().where(PackageReceived.unit_code.in_(codes)):
        if not row.covers_to:
            continue
        first = date.fromisoformat(row.covers_from) if row.covers_from else None
        intervals.setdefault(row.unit_code, []).append((first, date.fromisoformat(row.covers_to)))
        if row.unit_code not in last_seen or row.received_at > last_seen[row.unit_code]:
            last_seen[row.unit_code] = row.received_at
    receipts = [
        UnitReceipt(
            u.code,
            u.title,
            _covered(intervals.get(u.code, []), start, end),
            last_seen.get(u.code),
        )
        for u in sorted(expected, key=lambda u: u.sort_key)
    ]
    return Completeness(unit.code, unit.title, start, end, receipts)


def received_packages(unit_code: str | None = None, limit: int = 500) -> list[PackageReceived]:
    """The register, newest first; with ``unit_code``, only that unit and the units under it."""
    query = PackageReceived.select().order_by(
        PackageReceived.received_at.desc(), PackageReceived.id.desc()
    )
    if unit_code:
        tree = units.UnitTree.load()
        root = tree.by_code(unit_code)
        codes = [tree.by_id[i].code for i in tree.subtree_ids(root.id)]
        query = query.where(PackageReceived.unit_code.in_(codes))
    return list(query.limit(limit))
