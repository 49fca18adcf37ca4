"""The rule every record shares: its unit must exist and must have existed on the record's date."""

from __future__ import annotations

from datetime import date

from movement_desk import vietnamese
from movement_desk.db.models import AdministrativeUnit
from movement_desk.services.core.validation import FieldReader, excerpt, is_blank
from movement_desk.services.records import units


def read_unit(reader: FieldReader, field: str, on: date | None) -> AdministrativeUnit | None:
    """Read a unit code (or a unit) from ``field`` and check it existed on ``on``."""
    value = reader.raw.get(field)
    if isinstance(value, AdministrativeUnit):
        unit = value
    elif is_blank(value):
        reader.fail(field, "chưa chọn đơn vị; hãy nhập mã đơn vị hành chính (ví dụ 01834).")
        return None
    else:
        code = vietnamese.nfc(str(value))
        unit = units.find_unit(code)
        if unit is None or unit.deleted_at is not None:
            reader.fail(
                field,
                f"không có đơn vị hành chính mã “{excerpt(code)}”; hãy chọn đơn vị trong danh mục.",
            )
            return None
    if on is not None and not unit.existed_on(on):
        reader.fail(field, _validity_message(unit, on))
        return None
    return unit


def _validity_message(unit: AdministrativeUnit, on: date) -> str:
    span = []
    if unit.valid_from:
        span.append(f"từ {vietnamese.format_date(unit.valid_from)}")
    if unit.valid_to:
        span.append(f"đến {vietnamese.format_date(unit.valid_to)}")
    message = (
        f"{unit.title} (mã {unit.code}) chỉ tồn tại {' '.join(span)}, không có vào ngày "
        f"{vietnamese.format_date(on)}"
    )
    successors = units.successors_on(unit, on) if unit.valid_to and on > unit.valid_to else []
    if successors:
        names = ", ".join(f"{s.title} (mã {s.code})" for s in successors)
        return f"{message}; hãy chọn đơn vị kế thừa: {names}."
    return f"{message}; hãy chọn đơn vị đúng với ngày này."
