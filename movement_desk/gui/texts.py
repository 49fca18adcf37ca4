"""How values read on screen: choice labels in the interface language, numbers, dates."""

from __future__ import annotations

from datetime import date
from enum import Enum

from movement_desk import vietnamese

_language = "vi"


def set_language(lang: str) -> None:
    global _language
    _language = lang


def language() -> str:
    return _language


def choice_text(member: Enum | None) -> str:
    """A choice's Vietnamese label, or its English name when the interface is in English."""
    if member is None:
        return ""
    if _language == "en":
        english = getattr(member, "english", "")
        return english[:1].upper() + english[1:] if english else str(member.value)
    label = getattr(member, "label", str(member.value))
    return label[:1].upper() + label[1:]


def number(value: int | None) -> str:
    return vietnamese.format_number(value or 0)


def day(value: date | None) -> str:
    return vietnamese.format_date(value)


def role_text(role: str) -> str:
    """An account's role in the interface language ("quản trị" / "administrator")."""
    from movement_desk.services.core.permissions import ROLES

    vietnamese_label, english = ROLES.get(role, (role, role))
    return english if _language == "en" else vietnamese_label
