"""Locking a period twice, unlocking one that is not locked, and a lock asked about a record
with no unit or no day (services/core/period_locks.py)."""

from __future__ import annotations

from datetime import date

import pytest

from movement_desk.services.core import period_locks, unit_tree
from movement_desk.services.core.errors import NotFoundError, ServiceError


def test_a_period_is_locked_once_and_unlocked_only_when_locked(database, actor):
    period_locks.lock_period("061", "2024-03", actor, rule="calendar")
    with pytest.raises(ServiceError, match="đã được khóa bởi local"):
        period_locks.lock_period("061", "2024-03", actor, rule="calendar")
    with pytest.raises(NotFoundError, match="chưa bị khóa"):
        period_locks.unlock_period("061", "2024-04", actor, reason="nhập bổ sung", rule="calendar")
    unit_id = unit_tree.get_unit("01888").id
    assert period_locks.covering_lock(unit_id, "2024-03-10") is not None
    assert period_locks.covering_lock(unit_id, None) is None
    assert period_locks.covering_lock(None, date(2024, 3, 10)) is None
    assert period_locks.locks_over([(None, date(2024, 3, 10)), (unit_id, None)]) == []
    [(position, lock)] = period_locks.locks_over([(unit_id, "2024-03-31"), (unit_id, "2024-04-01")])
    assert position == 0 and lock.period_code == "2024-03"
