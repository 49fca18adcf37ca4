"""Who acts: every service call that changes data is told by whom."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """The user on whose behalf a service acts, with the unit they work for.

    ``user_id`` is set for a signed-in account (see ``services.admin.accounts``); the permission
    checks then read the account's current role, unit and state from the database, so a
    disabled account stops at its next action. Without ``user_id`` (the built-in actors
    below) the actor's own role applies, and ``unit_code=None`` means every unit.
    """

    username: str
    role: str = "administrator"
    unit_code: str | None = None
    display_name: str = ""
    user_id: int | None = None

    @property
    def is_account(self) -> bool:
        return self.user_id is not None


# The single local user of a database without accounts (tests, internal bootstrap).
LOCAL_ACTOR = Actor(username="local", display_name="Người dùng cục bộ")
SYSTEM_ACTOR = Actor(username="system", display_name="Hệ thống")
