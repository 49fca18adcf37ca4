"""Who acts: every service call that changes data is told by whom."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """The user on whose behalf a service acts, with the unit they work for."""

    username: str
    role: str = "administrator"
    unit_code: str | None = None
    display_name: str = ""


# The single local user of a database without accounts.
LOCAL_ACTOR = Actor(username="local", display_name="Người dùng cục bộ")
SYSTEM_ACTOR = Actor(username="system", display_name="Hệ thống")
