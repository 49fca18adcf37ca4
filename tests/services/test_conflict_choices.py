"""Settling a package conflict: a choice that is neither version, a conflict that does not exist,
and the settled one still listed with what was chosen (services/packages/conflicts.py)."""

from __future__ import annotations

import pytest

from movement_desk.services import packages
from movement_desk.services.core.errors import NotFoundError, ValidationError
from tests.services.test_packages import _edited_on_both_sides, import_, sites  # noqa: F401


def test_a_conflict_is_settled_with_one_of_its_two_versions_only(sites, tmp_path):  # noqa: F811
    _edited_on_both_sides(sites, tmp_path)
    import_(sites["province"], tmp_path / "2.mdpkg")
    province = sites["province"]
    with province:
        [view] = packages.list_conflicts()
        with pytest.raises(ValidationError) as caught:
            packages.resolve_conflict(view.id, "both", province.actor)
        [error] = caught.value.errors
        assert (error.field, error.label) == ("keep", "Bản giữ lại")
        assert error.message == "chọn “local” (máy này) hoặc “incoming” (gói)."
        with pytest.raises(NotFoundError, match=f"Không có xung đột số {view.id + 1}."):
            packages.resolve_conflict(view.id + 1, "local", province.actor)
        assert packages.pending_conflict_count() == 1

        packages.resolve_conflict(view.id, "local", province.actor)
        assert packages.list_conflicts() == [] and packages.pending_conflict_count() == 0
        [settled] = packages.list_conflicts(include_resolved=True)
        assert settled.id == view.id and settled.resolution == "local"
