"""Reading loose input (a form, a CSV row, a command line) into typed values, collecting errors.

``FieldReader`` reads one record's raw mapping field by field; each reader method returns the
typed value or None and records a FieldError naming the field and what to do. Every way into
the application goes through these readers, so one rule gives one message everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import TypeVar

from movement_desk import vietnamese
from movement_desk.services.core.errors import FieldError, ValidationError

ChoiceT = TypeVar("ChoiceT", bound=Enum)

# Bounds on free text: enough for any real title or name, small enough to print and index.
SHORT_TEXT = 300
LONG_TEXT = 1_000
NOTES_TEXT = 5_000
MAX_COUNT = 10_000_000
# Records (sessions, models, decisions) are dated from 1945 to today.
EARLIEST_RECORD_DATE = date(1945, 1, 1)
EXCERPT = 60


def excerpt(value: object) -> str:
    """A short single-line piece of what the user gave, for a message."""
    text = " ".join(vietnamese.nfc(str(value)).split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def today() -> date:
    """Today's date; one place so tests and the date checks agree."""
    return date.today()


def match_choice(enum: type[ChoiceT], value: object) -> ChoiceT | None:
    """Find the member whose key, Vietnamese label or English name matches ``value``.

    Case, diacritics and surrounding blanks are ignored: "phat dong", "Phát động" and
    "launch" all give SessionKind.LAUNCH.
    """
    if isinstance(value, enum):
        return value
    return _choice_names(enum).get(vietnamese.fold(str(value)).replace("_", " "))


@lru_cache(maxsize=64)
def _choice_names(enum: type[Enum]) -> dict[str, Enum]:
    """Every accepted spelling of an enum's members, folded: key, Vietnamese and English label."""
    names: dict[str, Enum] = {}
    for member in enum:
        candidates = (member.value, getattr(member, "label", ""), getattr(member, "english", ""))
        for candidate in candidates:
            if candidate:
                names.setdefault(vietnamese.fold(candidate).replace("_", " "), member)
    return names


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class FieldReader:
    """Reads typed fields out of one raw record and gathers every error before raising."""

    def __init__(
        self, raw: Mapping[str, object], labels: Mapping[str, str], row: int | None = None
    ):
        self.raw = raw
        self.labels = labels
        self.row = row
        self.errors: list[FieldError] = []

    def label(self, field: str) -> str:
        return self.labels.get(field, field)

    def fail(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, self.label(field), message, self.row))

    def has_error(self, field: str) -> bool:
        return any(error.field == field for error in self.errors)

    def raise_if_invalid(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)

    def text(
        self,
        field: str,
        *,
        required: bool = False,
        max_length: int = SHORT_TEXT,
        single_line: bool = True,
    ) -> str:
        value = self.raw.get(field)
        text = vietnamese.nfc("" if value is None else str(value))
        if single_line:
            text = " ".join(text.split())
        if required and not text:
            self.fail(field, "chưa nhập; trường này bắt buộc.")
        elif len(text) > max_length:
            self.fail(
                field,
                f"dài {vietnamese.format_number(len(text))} ký tự, tối đa "
                f"{vietnamese.format_number(max_length)}; hãy rút gọn.",
            )
        return text

    def date(
        self,
        field: str,
        *,
        required: bool = True,
        not_future: bool = True,
        earliest: date | None = None,
    ) -> date | None:
        value = self.raw.get(field)
        if is_blank(value):
            if required:
                self.fail(field, "chưa nhập ngày; hãy nhập theo dạng dd/mm/yyyy.")
            return None
        try:
            day = vietnamese.parse_date(value)
        except vietnamese.DateFormatError as exc:
            self.fail(field, f"{exc}; hãy nhập ngày có thật theo dạng dd/mm/yyyy.")
            return None
        if not_future and day > today():
            self.fail(
                field,
                f"ngày {vietnamese.format_date(day)} ở tương lai; hãy nhập ngày đã diễn ra "
                f"(hôm nay là {vietnamese.format_date(today())}).",
            )
            return None
        if earliest is None and not_future:
            earliest = EARLIEST_RECORD_DATE
        if earliest is not None and day < earliest:
            self.fail(
                field,
                f"ngày {vietnamese.format_date(day)} quá sớm (từ "
                f"{vietnamese.format_date(earliest)} đến hôm nay); hãy kiểm tra lại năm.",
            )
            return None
        return day

    def count(self, field: str, *, required: bool = False) -> int:
        value = self.raw.get(field)
        if is_blank(value):
            if required:
                self.fail(field, "chưa nhập; hãy nhập một số (0 nếu không có).")
            return 0
        try:
            number = vietnamese.parse_count(value)
        except vietnamese.NumberFormatError as exc:
            self.fail(field, f"{exc}; hãy nhập số nguyên không âm, ví dụ 1.234.")
            return 0
        if number < 0:
            self.fail(
                field, f"{vietnamese.format_number(number)} là số âm; hãy nhập số từ 0 trở lên."
            )
            return 0
        if number > MAX_COUNT:
            self.fail(
                field,
                f"{vietnamese.format_number(number)} quá lớn (tối đa "
                f"{vietnamese.format_number(MAX_COUNT)}); hãy kiểm tra lại.",
            )
            return 0
        return number

    def choice(self, field: str, enum: type[ChoiceT], *, required: bool = True, default=None):
        value = self.raw.get(field)
        if is_blank(value):
            if required and default is None:
                self.fail(field, f"chưa chọn; hãy chọn một trong: {self._choices(enum)}.")
            return default
        member = match_choice(enum, value)
        if member is None:
            self.fail(
                field,
                f"“{excerpt(value)}” không có trong danh sách; hãy chọn một trong: "
                f"{self._choices(enum)}.",
            )
        return member

    @staticmethod
    def _choices(enum) -> str:
        return "; ".join(getattr(member, "label", member.value) for member in enum)
