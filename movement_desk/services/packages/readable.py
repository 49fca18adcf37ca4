"""Package fields as people read them: the audit trail and the conflict view."""

from __future__ import annotations

from datetime import date, datetime

from movement_desk import vietnamese
from movement_desk.db.connection import db
from movement_desk.services.packages.spec import FieldSpec, KindSpec
from movement_desk.services.records import units
from movement_desk.services.records.specs import date_text as _date_text

_LABELS_OF_ENUMS: dict[type, dict[str, str]] = {}


def _readable(spec: KindSpec, data: dict, refs: dict[str, str]) -> dict:
    """A record's package fields as the audit trail shows them: choices by their label, dates
    dd/mm/yyyy, units by code, references by what they point to (``refs`` caches those)."""
    result: dict[str, object] = {}
    for spec_field in spec.fields:
        value = data.get(spec_field.key, spec_field.empty)
        if value is None or value == "":
            result[spec_field.key] = value
            continue
        codec = spec_field.codec
        if codec == "date":
            value = vietnamese.format_date(date.fromisoformat(value))
        elif codec == "stamp":
            value = _stamp_text({"updated_at": value})
        elif codec == "enum":
            labels = _LABELS_OF_ENUMS.get(spec_field.enum)
            if labels is None:
                labels = {m.value: getattr(m, "label", m.value) for m in spec_field.enum}
                _LABELS_OF_ENUMS[spec_field.enum] = labels
            value = labels.get(value, value)
        elif codec == "ref":
            if value not in refs:
                refs[value] = _display(spec_field, value)
            value = refs[value]
        result[spec_field.key] = value
    return result


def _display(spec_field: FieldSpec, value) -> str:
    if value is None or value == "":
        return ""
    if spec_field.codec == "date":
        return _date_text(value)
    if spec_field.codec == "stamp":
        return _stamp_text({"updated_at": value})
    if spec_field.codec == "int":
        return vietnamese.format_number(value)
    if spec_field.codec == "enum":
        try:
            return spec_field.enum(value).label
        except ValueError:
            return str(value)
    if spec_field.codec == "unit":
        unit = units.find_unit(value)
        return f"{unit.title} ({value})" if unit else value
    if spec_field.codec == "ref":
        rows = db.execute_sql(
            f"SELECT t.* FROM {spec_field.ref} t WHERE t.uuid = ? OR t.uuid = "
            "(SELECT local_uuid FROM sync_alias WHERE kind = ? AND incoming_uuid = ?)",
            [value, spec_field.ref, value],
        )
        columns = [c[0] for c in rows.description]
        row = rows.fetchone()
        if row is None:
            return value
        named = dict(zip(columns, row, strict=True))
        if spec_field.ref == "decision":
            return f"Số {named['number']} ngày {_date_text(str(named['decided_on']))}"
        return named.get("name", value)
    return str(value)


def _stamp_text(meta: dict) -> str:
    when = meta.get("deleted_at") or meta.get("updated_at") or ""
    who = (meta.get("deleted_by") if meta.get("deleted_at") else meta.get("updated_by")) or ""
    try:
        moment = datetime.fromisoformat(str(when))
        when = f"{vietnamese.format_date(moment.date())} {moment:%H:%M} (UTC)"
    except ValueError:
        pass
    return f"{when}, {who}".strip(", ")
