"""Reporting periods: months, quarters, half-years, years and date ranges, under two rules.

The decree rule (Decree 09/2019/NĐ-CP, art. 12) closes reports on the 14th: month M runs from
the 15th of month M-1 to the 14th of month M, the year from 15/12 of the year before to 14/12.
The calendar rule uses whole calendar months. ``Period.bounds(rule)`` gives the dates covered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from movement_desk import vietnamese
from movement_desk.services.core.errors import FieldError, ValidationError
from movement_desk.services.core.settings import PERIOD_RULE_CALENDAR, PERIOD_RULE_DECREE

RULES = (PERIOD_RULE_DECREE, PERIOD_RULE_CALENDAR)
RULE_LABELS = {
    PERIOD_RULE_DECREE: "Kỳ báo cáo theo Nghị định 09/2019/NĐ-CP (từ ngày 15 tháng trước đến ngày 14)",
    PERIOD_RULE_CALENDAR: "Kỳ báo cáo theo tháng dương lịch",
}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _month_start(year: int, month: int, rule: str) -> date:
    """First day of reporting month (year, month) under ``rule``."""
    if rule == PERIOD_RULE_CALENDAR:
        return date(year, month, 1)
    if month == 1:
        return date(year - 1, 12, 15)
    return date(year, month - 1, 15)


def _month_end(year: int, month: int, rule: str) -> date:
    if rule == PERIOD_RULE_CALENDAR:
        following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        return following - timedelta(days=1)
    return date(year, month, 14)


def check_rule(rule: str) -> str:
    if rule not in RULES:
        raise ValidationError(
            [
                FieldError(
                    "rule", "Cách tính kỳ", f"“{rule}” không hợp lệ; chọn decree hoặc calendar."
                )
            ]
        )
    return rule


@dataclass(frozen=True)
class Period:
    """A reporting period: kind is month, quarter, half, year or range."""

    kind: str
    year: int = 0
    number: int = 0  # month 1-12, quarter 1-4, half 1-2
    start: date | None = None  # for a range
    end: date | None = None

    # -- the months it spans -------------------------------------------------------------
    def _months(self) -> tuple[int, int]:
        if self.kind == "month":
            return self.number, self.number
        if self.kind == "quarter":
            return 3 * self.number - 2, 3 * self.number
        if self.kind == "half":
            return 6 * self.number - 5, 6 * self.number
        return 1, 12

    def bounds(self, rule: str = PERIOD_RULE_DECREE) -> tuple[date, date]:
        """The first and last day covered, both included."""
        if self.kind == "range":
            assert self.start is not None and self.end is not None
            return self.start, self.end
        check_rule(rule)
        first, last = self._months()
        return _month_start(self.year, first, rule), _month_end(self.year, last, rule)

    def year_to_date(self, rule: str = PERIOD_RULE_DECREE) -> tuple[date, date]:
        """From the start of the reporting year to the end of this period."""
        _, end = self.bounds(rule)
        if self.kind == "range":
            year_start, _ = period_containing(end, "year", rule).bounds(rule)
            return year_start, end
        return _month_start(self.year, 1, rule), end

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        if self.kind == "month":
            return (
                Period("month", self.year - 1, 12)
                if self.number == 1
                else Period("month", self.year, self.number - 1)
            )
        if self.kind == "quarter":
            return (
                Period("quarter", self.year - 1, 4)
                if self.number == 1
                else Period("quarter", self.year, self.number - 1)
            )
        if self.kind == "half":
            return (
                Period("half", self.year - 1, 2)
                if self.number == 1
                else Period("half", self.year, 1)
            )
        if self.kind == "year":
            return Period("year", self.year - 1)
        assert self.start and self.end
        length = self.end - self.start
        end = self.start - timedelta(days=1)
        return Period("range", start=end - length, end=end)

    def same_period_last_year(self) -> Period:
        if self.kind == "range":
            assert self.start and self.end
            return Period("range", start=_shift_year(self.start, -1), end=_shift_year(self.end, -1))
        return Period(self.kind, self.year - 1, self.number)

    @property
    def code(self) -> str:
        """The text form accepted by ``parse_period``: 2024-01, 2024-Q1, 2024-H1, 2024."""
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        if self.kind == "half":
            return f"{self.year}-H{self.number}"
        if self.kind == "year":
            return str(self.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def label(self) -> str:
        """How the period is named in a title: "tháng 01 năm 2024", "quý I năm 2024"."""
        if self.kind == "month":
            return f"tháng {self.number:02d} năm {self.year}"
        if self.kind == "quarter":
            return f"quý {ROMAN[self.number]} năm {self.year}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}"
        if self.kind == "year":
            return f"năm {self.year}"
        return f"từ ngày {vietnamese.format_date(self.start)} đến ngày {vietnamese.format_date(self.end)}"

    def months_of_year(self, rule: str = PERIOD_RULE_DECREE) -> list[Period]:
        """The reporting months of this period's year, from the first to the one it ends in.

        Used for a month-by-month chart: "tháng 01" to "tháng 06" for the first half-year.
        """
        _, end = self.bounds(rule)
        last = period_containing(end, "month", rule)
        return [Period("month", last.year, number) for number in range(1, last.number + 1)]

    def covers_text(self, rule: str) -> str:
        start, end = self.bounds(rule)
        return f"từ {vietnamese.format_date(start)} đến {vietnamese.format_date(end)}"


def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/02 in a year without it
        return day.replace(year=day.year + years, day=28)


_PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})-?[Qq]([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-?[Hh]([12])$"), "half"),
    (re.compile(r"^(\d{4})$"), "year"),
]


def parse_period(text: str, field: str = "period", label: str = "Kỳ báo cáo") -> Period:
    """Read 2024-01, 2024-Q1, 2024-H1, 2024, or a range "01/01/2024-31/03/2024"."""
    value = vietnamese.nfc(text).replace(" ", "")
    for pattern, kind in _PATTERNS:
        match = pattern.match(value)
        if match:
            year = int(match.group(1))
            number = int(match.group(2)) if kind != "year" else 0
            if kind == "month" and not 1 <= number <= 12:
                break
            if not 1900 <= year <= 2999:
                break
            return Period(kind, year, number)
    for separator in ("..", "–", "-"):
        if separator in value and not _PATTERNS[0][0].match(value):
            parts = _split_range(value, separator)
            if parts:
                try:
                    start = vietnamese.parse_date(parts[0])
                    end = vietnamese.parse_date(parts[1])
                except vietnamese.DateFormatError as exc:
                    raise ValidationError([FieldError(field, label, f"{exc}.")]) from exc
                if end < start:
                    raise ValidationError(
                        [FieldError(field, label, "ngày kết thúc trước ngày bắt đầu.")]
                    )
                return Period("range", start=start, end=end)
    raise ValidationError(
        [
            FieldError(
                field,
                label,
                f"“{text}” không phải kỳ báo cáo; hãy viết 2024-01 (tháng), 2024-Q1 (quý), "
                "2024-H1 (6 tháng), 2024 (năm) hoặc 01/01/2024-31/03/2024.",
            )
        ]
    )


def _split_range(value: str, separator: str) -> tuple[str, str] | None:
    if separator == "-":
        match = re.match(r"^(\d{1,2}/\d{1,2}/\d{4})-(\d{1,2}/\d{1,2}/\d{4})$", value)
        return (match.group(1), match.group(2)) if match else None
    parts = value.split(separator)
    return (parts[0], parts[1]) if len(parts) == 2 else None


def period_containing(day: date, kind: str, rule: str = PERIOD_RULE_DECREE) -> Period:
    """The month, quarter, half or year (of ``kind``) that covers ``day`` under ``rule``."""
    year = day.year
    month = day.month
    if rule == PERIOD_RULE_DECREE and day.day >= 15:
        month += 1
        if month == 13:
            month, year = 1, year + 1
    if kind == "month":
        return Period("month", year, month)
    if kind == "quarter":
        return Period("quarter", year, (month - 1) // 3 + 1)
    if kind == "half":
        return Period("half", year, 1 if month <= 6 else 2)
    return Period("year", year)


def last_ended_period(today: date, rule: str) -> Period:
    """The most recent month that has ended on ``today`` under ``rule``."""
    return period_containing(today, "month", rule).previous()
