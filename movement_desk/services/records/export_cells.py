"""The cells of a fast export, made from a row of plain stored values (what a kind's
``FileKind.export_columns`` converts): a stored date as a date or as a CSV file writes it, a
choice's label, text as it is or neutralised for CSV. No kind is named here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from movement_desk.services.core import tabular


def stored_day(text: str | None) -> date | None:
    """A stored date (ISO text) as a date, as the field would give it."""
    return date.fromisoformat(text[:10]) if text else None


def csv_day(text: str | None) -> str | None:
    """A stored date (ISO text) as a CSV export writes it: dd/mm/yyyy."""
    return f"{text[8:10]}/{text[5:7]}/{text[:4]}" if text else None


def as_is(value):
    return value


def choice_labels(choices) -> dict[str, str]:
    """A choice's stored value -> its label."""
    return {choice.value: choice.label for choice in choices}


def day_and_text(csv: bool) -> tuple[Callable, Callable]:
    """The date and text cell functions of an export (``csv``: as the CSV file holds them,
    ``tabular.csv_value`` of each)."""
    return (csv_day, tabular.csv_text) if csv else (stored_day, as_is)
