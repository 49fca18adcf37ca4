"""A unit code that does not exist: named in the refusal, and an empty scope (services/core)."""

from __future__ import annotations

import pytest

from movement_desk.services.core import permissions, unit_tree
from movement_desk.services.core.errors import NotFoundError


def test_an_unknown_unit_code_is_named_and_covers_nothing(database):
    with pytest.raises(NotFoundError) as caught:
        unit_tree.get_unit("99999")
    assert str(caught.value) == "Không có đơn vị hành chính mã “99999”."
    assert permissions.unit_scope_ids("99999") == frozenset()
    assert unit_tree.get_unit("061").id in permissions.unit_scope_ids("06")
