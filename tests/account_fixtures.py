"""Fixtures shared by the account, audit and backup tests (import them into a test module)."""

from __future__ import annotations

import pytest

from movement_desk.services.core.actor import Actor

PASSWORD = "mat-khau-thu-7"


@pytest.fixture
def fast_hashing(monkeypatch):
    """A cheap scrypt cost: the tests check behaviour, not the cost (the CLI tests use the real one)."""
    from movement_desk.services.admin import passwords

    monkeypatch.setattr(passwords, "COST", passwords.Cost(n=2**10, r=8, p=1))


@pytest.fixture
def people(database, fast_hashing) -> dict[str, Actor]:
    """One signed-in account per role: administrator at the province, supervisor and clerk of
    district 061 (Ba Bể), officer of commune 01888 (Chợ Rã, district 061)."""
    from movement_desk.services.admin import accounts

    accounts.create_first_admin("admin", PASSWORD, "06")
    admin = accounts.authenticate("admin", PASSWORD)
    for name, role, unit in (
        ("lead", "supervisor", "061"),
        ("clerk", "clerk", "061"),
        ("officer", "officer", "01888"),
        ("other", "officer", "01834"),
    ):
        accounts.create_user(name, PASSWORD, role, unit, admin)
    return {
        name: accounts.authenticate(name, PASSWORD)
        for name in ("admin", "lead", "clerk", "officer", "other")
    }
