"""The Home view's figures: per child unit of the home unit, what was entered this period.

The home unit is the setting ``home_unit_code``; when it no longer exists on the day asked
(Bắc Kạn after 01/07/2025) the unit that succeeded it is used. Records kept under a unit
that was merged into a child are counted for that child.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from peewee import fn

from movement_desk.db.choices import RatingSubject
from movement_desk.db.models import ActivitySession, AdministrativeUnit, CommunityModel
from movement_desk.services import ratings_report, reports
from movement_desk.services.core import permissions, settings
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.periods import Period, period_containing
from movement_desk.services.records import listing, ratings, units


@dataclass
class UnitFigures:
    """What one child unit entered in the period."""

    unit_code: str
    unit_title: str
    sessions: int = 0
    participants: int = 0
    tips: int = 0
    models: int = 0
    last_entry: date | None = None  # the latest session date in the period

    @property
    def is_empty(self) -> bool:
        """Nothing entered in the period: no session and no new model."""
        return self.sessions == 0 and self.models == 0


@dataclass
class Dashboard:
    home_code: str
    home_title: str
    period: Period
    start: date
    end: date
    rule: str
    rows: list[UnitFigures] = field(default_factory=list)

    @property
    def missing(self) -> list[UnitFigures]:
        return [row for row in self.rows if row.is_empty]

    @property
    def totals(self) -> UnitFigures:
        total = UnitFigures("", "")
        for row in self.rows:
            total.sessions += row.sessions
            total.participants += row.participants
            total.tips += row.tips
            total.models += row.models
            if row.last_entry and (total.last_entry is None or row.last_entry > total.last_entry):
                total.last_entry = row.last_entry
        return total


def _current_unit(unit: AdministrativeUnit | None, on: date) -> AdministrativeUnit | None:
    if unit is None or unit.existed_on(on):
        return unit
    successors = units.successors_on(unit, on)
    return successors[0] if len(successors) == 1 else unit


def home_unit(on: date, *, actor: Actor) -> AdministrativeUnit | None:
    """The unit this database works for on ``on`` (its successor after a merger), as
    ``actor`` sees it: an account whose scope does not hold it has its own unit instead."""
    unit = _current_unit(units.find_unit(settings.get("home_unit_code") or ""), on)
    current = permissions.effective(actor)
    if current.unit_code is None or (unit is not None and permissions.in_scope(current, unit)):
        return unit
    own = units.find_unit(current.unit_code)
    successor = _current_unit(own, on)
    # a district abolished by a merger stays the officer's home: its successor province is
    # not in the scope, the communes that took over its communes are (see build_dashboard)
    return successor if successor is not None and permissions.in_scope(current, successor) else own


def build_dashboard(
    today: date, kind: str = "month", rule: str | None = None, *, actor: Actor
) -> Dashboard | None:
    """Figures for the reporting period of ``kind`` containing ``today``, of the units
    ``actor`` may see; None without a unit."""
    rule = rule or settings.get("period_rule")
    period = period_containing(today, kind, rule)
    start, end = period.bounds(rule)
    home = home_unit(today, actor=actor)
    if home is None:
        return None
    allowed = permissions.visible_unit_ids(actor)
    tree = units.UnitTree.load()
    # A commune's residential areas are not rows: what they hold counts for the commune.
    children = [
        child for child in tree.child_units(home.id, on=today) if not units.is_residential(child)
    ] or [home]
    if allowed is not None:
        children = [child for child in children if child.id in allowed]
        if not any(child.existed_on(today) for child in children):
            # the home unit's own children no longer exist (a merger): the units of the
            # scope that exist today and stand at its top
            shown = units.visible_tree(actor)
            current_top = [u for u in shown.roots() if u.existed_on(today) and u.id != home.id]
            children = current_top or children
    merged_into = units.successor_map(today)
    owner: dict[int, int] = {}
    for child in children:
        for unit_id in tree.subtree_ids(child.id):
            owner[unit_id] = child.id
    for old_id, new_id in merged_into.items():
        if new_id in owner and old_id not in owner:
            for unit_id in tree.subtree_ids(old_id):
                owner.setdefault(unit_id, owner[new_id])
    if allowed is not None:
        owner = {unit_id: child for unit_id, child in owner.items() if unit_id in allowed}
    rows = {
        child.id: UnitFigures(child.code, child.title)
        for child in sorted(children, key=lambda u: u.sort_key)
    }
    session_rows = (
        ActivitySession.select(
            ActivitySession.unit,
            fn.COUNT(ActivitySession.id),
            fn.SUM(ActivitySession.participants),
            fn.SUM(ActivitySession.tips),
            fn.MAX(ActivitySession.held_on),
        )
        .where(
            ActivitySession.deleted_at.is_null()
            & (ActivitySession.held_on >= start)
            & (ActivitySession.held_on <= end)
            & ActivitySession.unit.in_(list(owner))
        )
        .group_by(ActivitySession.unit)
        .tuples()
    )
    for unit_id, count, participants, tips, last in session_rows:
        row = rows[owner[unit_id]]
        row.sessions += count
        row.participants += participants or 0
        row.tips += tips or 0
        last = date.fromisoformat(str(last)) if last else None
        if last and (row.last_entry is None or last > row.last_entry):
            row.last_entry = last
    model_rows = (
        CommunityModel.select(CommunityModel.unit, fn.COUNT(CommunityModel.id))
        .where(
            CommunityModel.deleted_at.is_null()
            & (CommunityModel.established_on >= start)
            & (CommunityModel.established_on <= end)
            & CommunityModel.unit.in_(list(owner))
        )
        .group_by(CommunityModel.unit)
        .tuples()
    )
    for unit_id, count in model_rows:
        rows[owner[unit_id]].models += count
    return Dashboard(home.code, home.title, period, start, end, rule, list(rows.values()))


def record_counts(*, actor: Actor) -> dict[str, int]:
    """How many live sessions, models and decisions ``actor`` may see (the status bar)."""
    return {
        name: listing.RecordList(kind, actor=actor).count()
        for name, kind in (
            ("sessions", "sessions"),
            ("models", "models"),
            ("decisions", "decisions"),
        )
    }


def ratings_summary(year: int, *, actor: Actor) -> tuple[str, str]:
    """(unit title, "đạt / tổng" per category) of the ``year`` ratings of the home unit as
    ``actor`` sees it, counted as the yearly report counts them (every subject that should be
    rated, units merged in 2025 with their successor); ("", "") without a home unit."""
    _start, end = ratings.evaluation_period(RatingSubject.COMMUNE, year)
    home = home_unit(end, actor=actor)
    if home is None:
        return "", ""
    # A unit that still exists takes in its merged predecessors; one since merged cannot.
    rollup = home.valid_to is None
    scope = reports.build_scope(home.code, date(year - 1, 11, 1), end, rollup=rollup)
    return home.title, ratings_report.safety_section(scope, year, []).summary()
