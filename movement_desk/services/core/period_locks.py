"""Period locks: a supervisor closes a unit's period so that its records cannot change.

A lock on unit U for the days ``starts_on``..``ends_on`` refuses every create, update, delete
and restore of a session, model, decision or commendation of U (or a unit in U's scope) dated
in those days, by anyone, until someone allowed to lock U unlocks it with a reason. Locking and
unlocking are recorded in the audit trail and stay in the table.
"""

from __future__ import annotations

from datetime import date

from movement_desk import vietnamese
from movement_desk.db import concurrency
from movement_desk.db.account_tables import PeriodLock
from movement_desk.db.connection import db
from movement_desk.db.models import AdministrativeUnit, utcnow
from movement_desk.services.core import audit, permissions, settings, unit_tree
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import (
    FieldError,
    NotFoundError,
    ServiceError,
    ValidationError,
)
from movement_desk.services.core.periods import parse_period


class PeriodLockedError(ServiceError):
    """The record lies in a locked period."""


def _bounds(period: str, rule: str | None) -> tuple[date, date, str]:
    parsed = parse_period(period)
    start, end = parsed.bounds(rule or settings.get("period_rule"))
    return start, end, parsed.code


def _lock_in_force(unit: AdministrativeUnit, start: date, end: date) -> PeriodLock | None:
    """The lock not yet lifted on exactly these days of ``unit``, if any."""
    return (
        PeriodLock.select()
        .where(
            (PeriodLock.unit == unit.id)
            & (PeriodLock.starts_on == start)
            & (PeriodLock.ends_on == end)
            & PeriodLock.unlocked_at.is_null()
        )
        .first()
    )


def lock_period(
    unit_code: str, period: str, actor: Actor, *, note: str = "", rule: str | None = None
) -> PeriodLock:
    """Lock ``period`` (2024-01, 2024-Q1 …) for ``unit_code`` and everything under it."""
    unit = unit_tree.get_unit(unit_code)
    permissions.require(actor, "period.lock", unit)
    start, end, code = _bounds(period, rule)
    try:
        with db.atomic():
            # Two supervisors locking at the same moment take turns (a lock on the server,
            # SQLite's write lock); the unique index of the locks in force is the last guard.
            concurrency.serialize("period_lock", unit.id)
            lock = _create_lock(unit, start, end, code, note, actor)
    except Exception as exc:
        existing = _lock_in_force(unit, start, end) if concurrency.is_conflict(exc) else None
        if existing is None:
            raise
        raise _already_locked(unit, start, end, existing) from None
    return lock


def _already_locked(
    unit: AdministrativeUnit, start: date, end: date, existing: PeriodLock
) -> ServiceError:
    return ServiceError(
        f"Kỳ {_days(start, end)} của {unit.title} đã được khóa bởi {existing.locked_by}."
    )


def _create_lock(
    unit: AdministrativeUnit, start: date, end: date, code: str, note: str, actor: Actor
) -> PeriodLock:
    existing = _lock_in_force(unit, start, end)
    if existing is not None:
        raise _already_locked(unit, start, end, existing)
    lock = PeriodLock.create(
        unit=unit,
        starts_on=start,
        ends_on=end,
        period_code=code,
        note=vietnamese.nfc(note),
        locked_at=utcnow(),
        locked_by=actor.username,
    )
    audit.log(
        actor,
        "period_lock",
        table="period_lock",
        uuid=lock.uuid,
        label=f"{unit.title} {code}",
        unit_id=unit.id,
        summary=f"Khóa kỳ {_days(start, end)} của {unit.title}. {note}".strip(),
    )
    return lock


def unlock_period(
    unit_code: str, period: str, actor: Actor, *, reason: str, rule: str | None = None
) -> PeriodLock:
    """Lift the lock of ``period`` for ``unit_code``; the reason is required and recorded."""
    unit = unit_tree.get_unit(unit_code)
    permissions.require(actor, "period.lock", unit)
    reason = vietnamese.nfc(reason or "").strip()
    if not reason:
        raise ValidationError(
            [FieldError("reason", "Lý do mở khóa", "bắt buộc; hãy ghi vì sao cần mở khóa kỳ.")]
        )
    start, end, _code = _bounds(period, rule)
    with db.atomic():
        lock = _lock_in_force(unit, start, end)
        if lock is None:
            raise NotFoundError(f"Kỳ {_days(start, end)} của {unit.title} chưa bị khóa.")
        lock.unlocked_at = utcnow()
        lock.unlocked_by = actor.username
        lock.unlock_reason = reason
        lock.save()
        audit.log(
            actor,
            "period_unlock",
            table="period_lock",
            uuid=lock.uuid,
            label=f"{unit.title} {lock.period_code}",
            unit_id=unit.id,
            summary=f"Mở khóa kỳ {_days(start, end)} của {unit.title}. Lý do: {reason}",
        )
    return lock


def active_locks(actor: Actor) -> list[PeriodLock]:
    """Locks in force of the units ``actor`` sees, newest first."""
    query = (
        PeriodLock.select(PeriodLock, AdministrativeUnit)
        .join(AdministrativeUnit)
        .where(PeriodLock.unlocked_at.is_null())
        .order_by(PeriodLock.starts_on.desc())
    )
    locks = list(query)
    allowed = permissions.visible_unit_ids(actor)
    if allowed is not None:
        locks = [lock for lock in locks if lock.unit_id in allowed]
    return locks


def covering_lock(unit_id: int | None, day: date | None) -> PeriodLock | None:
    """The lock in force over ``day`` for a record of ``unit_id``, if any."""
    if unit_id is None or day is None:
        return None
    if not isinstance(day, date):
        day = date.fromisoformat(str(day)[:10])
    candidates = (
        PeriodLock.select(PeriodLock, AdministrativeUnit)
        .join(AdministrativeUnit)
        .where(
            PeriodLock.unlocked_at.is_null()
            & (PeriodLock.starts_on <= day)
            & (PeriodLock.ends_on >= day)
        )
    )
    for lock in candidates:
        if unit_id in permissions.unit_scope_ids(lock.unit.code):
            return lock
    return None


def locks_over(pairs: list[tuple[int | None, date | None]]) -> list[tuple[int, PeriodLock]]:
    """(position in ``pairs``, lock) for every (unit, day) pair lying in a locked period; the
    locks in force are read once (an import checks thousands of records)."""
    active = list(
        PeriodLock.select(PeriodLock, AdministrativeUnit)
        .join(AdministrativeUnit)
        .where(PeriodLock.unlocked_at.is_null())
    )
    if not active:
        return []
    scopes = [(lock, permissions.unit_scope_ids(lock.unit.code)) for lock in active]
    found = []
    for position, (unit_id, day) in enumerate(pairs):
        if unit_id is None or day is None:
            continue
        if not isinstance(day, date):
            day = date.fromisoformat(str(day)[:10])
        for lock, scope in scopes:
            if lock.starts_on <= day <= lock.ends_on and unit_id in scope:
                found.append((position, lock))
                break
    return found


class LockedDays:
    """The locks in force, read once, to tell many records whether they lie in a locked
    period (a list's rows): ``lock_for(unit_id, day)``."""

    def __init__(self, *, read: bool = True) -> None:
        active = (
            list(
                PeriodLock.select(PeriodLock, AdministrativeUnit)
                .join(AdministrativeUnit)
                .where(PeriodLock.unlocked_at.is_null())
            )
            if read
            else []
        )
        self.scopes = [(lock, permissions.unit_scope_ids(lock.unit.code)) for lock in active]

    def lock_for(self, unit_id: int | None, day: date | None) -> PeriodLock | None:
        if not self.scopes or unit_id is None or day is None:
            return None
        for lock, scope in self.scopes:
            if lock.starts_on <= day <= lock.ends_on and unit_id in scope:
                return lock
        return None


def check_unlocked_many(pairs: list[tuple[int | None, date | None]]) -> None:
    """``check_unlocked`` for many (unit, day) pairs, reading the locks in force once."""
    for position, _lock in locks_over(pairs)[:1]:
        check_unlocked(*pairs[position])  # raises with the lock's full message


def describe(lock: PeriodLock) -> str:
    """ "kỳ 15/02/2024–14/03/2024 của Huyện Ba Bể (khóa bởi lead ngày 20/03/2024)"."""
    return (
        f"kỳ {_days(lock.starts_on, lock.ends_on)} của {lock.unit.title} (khóa bởi "
        f"{lock.locked_by} ngày {vietnamese.format_date(lock.locked_at.date())})"
    )


def check_unlocked(unit_id: int | None, day: date | None) -> None:
    lock = covering_lock(unit_id, day)
    if lock is not None:
        raise PeriodLockedError(
            f"Kỳ {_days(lock.starts_on, lock.ends_on)} của {lock.unit.title} đã được "
            f"{lock.locked_by} khóa ngày {vietnamese.format_date(lock.locked_at.date())}: "
            "không thể thêm, sửa hay xóa dữ liệu ngày "
            f"{vietnamese.format_date(day if isinstance(day, date) else date.fromisoformat(str(day)[:10]))}. "
            "Hãy đề nghị lãnh đạo mở khóa kỳ trước."
        )


def _days(start: date, end: date) -> str:
    return f"{vietnamese.format_date(start)}–{vietnamese.format_date(end)}"
