"""Reporting periods under the decree rule (15th to 14th) and calendar months."""

from __future__ import annotations

from datetime import date

import pytest

from movement_desk.services.core.errors import ValidationError
from movement_desk.services.core.periods import parse_period, period_containing

D, C = "decree", "calendar"


@pytest.mark.parametrize(
    ("text", "rule", "start", "end"),
    [
        ("2024-01", D, date(2023, 12, 15), date(2024, 1, 14)),
        ("2024-03", D, date(2024, 2, 15), date(2024, 3, 14)),
        ("2024-01", C, date(2024, 1, 1), date(2024, 1, 31)),
        ("2024-02", C, date(2024, 2, 1), date(2024, 2, 29)),
        ("2024-Q1", D, date(2023, 12, 15), date(2024, 3, 14)),
        ("2024-Q3", C, date(2024, 7, 1), date(2024, 9, 30)),
        ("2024-H1", D, date(2023, 12, 15), date(2024, 6, 14)),
        ("2024-H2", D, date(2024, 6, 15), date(2024, 12, 14)),
        ("2024", D, date(2023, 12, 15), date(2024, 12, 14)),
        ("2024", C, date(2024, 1, 1), date(2024, 12, 31)),
        ("01/01/2024-31/03/2024", D, date(2024, 1, 1), date(2024, 3, 31)),
    ],
)
def test_bounds(text, rule, start, end):
    assert parse_period(text).bounds(rule) == (start, end)


def test_comparisons():
    march = parse_period("2024-03")
    assert march.previous().code == "2024-02"
    assert parse_period("2024-01").previous().code == "2023-12"
    assert march.same_period_last_year().code == "2023-03"
    assert march.year_to_date(D) == (date(2023, 12, 15), date(2024, 3, 14))
    assert march.year_to_date(C) == (date(2024, 1, 1), date(2024, 3, 31))
    assert parse_period("2024-Q1").previous().code == "2023-Q4"


def test_labels():
    assert parse_period("2024-01").label == "tháng 01 năm 2024"
    assert parse_period("2024-Q2").label == "quý II năm 2024"
    assert parse_period("2024-H1").label == "6 tháng đầu năm 2024"
    assert parse_period("2024").label == "năm 2024"


@pytest.mark.parametrize(
    ("day", "rule", "code"),
    [
        (date(2024, 1, 14), D, "2024-01"),
        (date(2024, 1, 15), D, "2024-02"),
        (date(2024, 12, 20), D, "2025-01"),
        (date(2024, 1, 15), C, "2024-01"),
    ],
)
def test_period_containing_a_day(day, rule, code):
    assert period_containing(day, "month", rule).code == code


@pytest.mark.parametrize("text", ["2024-13", "Q1", "tháng 1", "31/03/2024-01/01/2024", "2024-Q5"])
def test_bad_periods_are_explained(text):
    with pytest.raises(ValidationError):
        parse_period(text)
