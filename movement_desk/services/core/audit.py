"""The audit trail: who did what, when, with the old and new values. Append-only.

Every create, update, delete and restore of a record is written here by ``services.records.store``;
imports, packages, prints, logins, failed logins, period locks, account changes, settings,
backups and restores are written by their services. The table refuses UPDATE and DELETE by
trigger: nothing edits or removes an entry. ``changes`` is JSON ``{field: [old, new]}`` with
values as a person reads them (a unit by its code, a date as dd/mm/yyyy).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path

from peewee import ForeignKeyField, Model, fn

from movement_desk import vietnamese
from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.bulk import insert_rows
from movement_desk.db.models import Record, utcnow
from movement_desk.services.core import permissions, search, tabular
from movement_desk.services.core.actor import Actor

ACTION_LABELS: dict[str, str] = {
    "create": "thêm",
    "update": "sửa",
    "delete": "xóa",
    "restore": "khôi phục bản ghi",
    "import": "nhập tệp",
    "export": "xuất tệp",
    "package": "gói dữ liệu",
    "print": "in",
    "login": "đăng nhập",
    "login_failed": "đăng nhập sai",
    "logout": "đăng xuất",
    "period_lock": "khóa kỳ",
    "period_unlock": "mở khóa kỳ",
    "user": "tài khoản",
    "settings": "cài đặt",
    "backup": "sao lưu",
    "database_restore": "khôi phục cơ sở dữ liệu",
    "database_check": "kiểm tra cơ sở dữ liệu",
    "key": "khóa ký",
}

# Bookkeeping columns: they change on every write and say nothing a reader needs.
SKIPPED_FIELDS = {
    "id",
    "uuid",
    "search_key",
    "sort_key",
    "number_key",
    "authority_key",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "revision",
    "origin",
    "password_hash",
}
LABEL_FIELDS = ("title", "name", "number", "recipient_name", "code", "username")


def _plain(value: object) -> object:
    """A JSON value a person can read."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Enum):
        return getattr(value, "label", value.value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, date):
        return vietnamese.format_date(value)
    if isinstance(value, Model):
        for name in ("code", "number", "name", "recipient_name", "uuid"):
            if name in value._meta.fields:
                return getattr(value, name)
        return str(value.get_id())
    return vietnamese.nfc(str(value))


def readable_values(model: type[Model], data: Mapping[str, object]) -> dict[str, object]:
    """``data`` (stored values by field name) as a person reads them; bookkeeping left out."""
    result: dict[str, object] = {}
    for name, value in data.items():
        if name in SKIPPED_FIELDS or name not in model._meta.fields:
            continue
        model_field = model._meta.fields[name]
        if isinstance(model_field, ForeignKeyField) and value is not None:
            if not isinstance(value, Model):
                value = model_field.rel_model.get_or_none(model_field.rel_model.id == value)
        elif value is not None and not isinstance(value, Model | Enum | date | int | float):
            # A raw stored value ("launch", "2024-03-05") becomes its typed form first.
            with contextlib.suppress(TypeError, ValueError):
                value = model_field.python_value(model_field.db_value(value))
        result[name] = _plain(value)
    return result


def diff(before: Mapping[str, object], after: Mapping[str, object]) -> dict[str, list]:
    """``{field: [old, new]}`` for every field whose readable value changed."""
    names = list(dict.fromkeys([*before, *after]))
    return {
        name: [before.get(name), after.get(name)]
        for name in names
        if before.get(name) != after.get(name)
    }


def record_label(record: Model) -> str:
    for name in LABEL_FIELDS:
        if name in record._meta.fields and getattr(record, name, None):
            return vietnamese.nfc(str(getattr(record, name)))[:200]
    return str(getattr(record, "uuid", record.get_id()))


def log(
    actor: Actor | str,
    action: str,
    *,
    table: str = "",
    uuid: str = "",
    label: str = "",
    unit_id: int | None = None,
    summary: str = "",
    changes: Mapping[str, object] | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Append one entry; the caller's transaction carries it (a refused write leaves none)."""
    username = actor.username if isinstance(actor, Actor) else str(actor)
    return AuditEntry.create(
        at=at or utcnow(),
        username=username,
        action=action,
        table_name=table,
        record_uuid=uuid or "",
        record_label=label or "",
        unit_id=unit_id,
        summary=summary,
        changes=json.dumps(changes, ensure_ascii=False) if changes else "",
    )


def log_record(
    actor: Actor,
    action: str,
    record: Record,
    before: Mapping[str, object] | None,
    after: Mapping[str, object] | None,
) -> AuditEntry:
    """The entry of a create, update, delete or restore of ``record`` (raw stored values)."""
    model = type(record)
    old = readable_values(model, before or {})
    new = readable_values(model, after or {})
    changes = diff(old if before is not None else {}, new if after is not None else {})
    if before is None:  # a new record: its filled-in fields are what matters
        changes = {name: pair for name, pair in changes.items() if pair[1] not in (None, "")}
    unit_id = getattr(record, "unit_id", None) if "unit" in model._meta.fields else None
    return log(
        actor,
        action,
        table=model._meta.table_name,
        uuid=getattr(record, "uuid", ""),
        label=record_label(record),
        unit_id=unit_id,
        changes=changes,
    )


def log_created_many(actor: Actor, model: type[Record], rows: list[dict]) -> int:
    """The "create" entries of many records inserted at once (stored values by field name)."""
    entries = created_entries(actor, model, rows)
    insert_rows(AuditEntry, entries)
    return len(entries)


def created_entries(actor: Actor, model: type[Record], rows: list[dict]) -> list[dict]:
    """The rows of the "create" entries ``log_created_many`` writes."""
    now = utcnow()
    username = actor.username if isinstance(actor, Actor) else str(actor)
    table = model._meta.table_name
    entries = []
    for data in rows:
        new = readable_values(model, data)
        changes = {name: [None, value] for name, value in new.items() if value not in (None, "")}
        unit = data.get("unit")
        label = next(
            (vietnamese.nfc(str(data[name]))[:200] for name in LABEL_FIELDS if data.get(name)),
            str(data.get("uuid", "")),
        )
        entries.append(
            {
                "at": now,
                "username": username,
                "action": "create",
                "table_name": table,
                "record_uuid": data.get("uuid", ""),
                "record_label": label,
                "unit_id": getattr(unit, "id", unit),
                "summary": "",
                "changes": json.dumps(changes, ensure_ascii=False) if changes else "",
            }
        )
    return entries


# ---------------------------------------------------------------------------------------------
# Reading


@dataclass
class AuditFilter:
    """What to show: every field optional."""

    username: str = ""
    record: str = ""  # a uuid, or text found in the record's label
    start: date | None = None
    end: date | None = None
    actions: list[str] = field(default_factory=list)
    unit_ids: Iterable[int] | None = None  # None: every unit


def audit_query(audit_filter: AuditFilter | None = None):
    """Entries matching the filter, newest first."""
    audit_filter = audit_filter or AuditFilter()
    query = AuditEntry.select()
    if audit_filter.username:
        query = query.where(AuditEntry.username == audit_filter.username)
    if audit_filter.record:
        # A uuid, or the words of the record's label (or of the summary) as the lists search.
        text = vietnamese.nfc(audit_filter.record.strip())
        key = fn.vn_search_key(AuditEntry.record_label, AuditEntry.summary)
        found = None
        for phrase in search.parse(text):
            condition = fn.instr(key, phrase.pattern) > 0
            found = condition if found is None else found & condition
        matches = AuditEntry.record_uuid == text
        query = query.where(matches if found is None else matches | found)
    if audit_filter.start:
        query = query.where(
            AuditEntry.at >= datetime.combine(audit_filter.start, datetime.min.time())
        )
    if audit_filter.end:
        query = query.where(
            AuditEntry.at <= datetime.combine(audit_filter.end, datetime.max.time())
        )
    if audit_filter.actions:
        query = query.where(AuditEntry.action.in_(list(audit_filter.actions)))
    if audit_filter.unit_ids is not None:
        # Entries about a unit in scope; entries with no unit only when they name no record.
        query = query.where(
            AuditEntry.unit_id.in_(list(audit_filter.unit_ids))
            | (AuditEntry.unit_id.is_null() & (AuditEntry.record_uuid == ""))
        )
    return query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def entries_for(actor: Actor, audit_filter: AuditFilter | None = None):
    """The entries ``actor`` may view (supervisors and administrators, in their scope)."""
    current = permissions.require(actor, "audit.view")
    audit_filter = audit_filter or AuditFilter()
    audit_filter.unit_ids = permissions.visible_unit_ids(current)
    return audit_query(audit_filter)


def changes_of(entry: AuditEntry) -> dict[str, list]:
    return json.loads(entry.changes) if entry.changes else {}


def changes_text(entry: AuditEntry) -> str:
    """ "Số lượt người tham gia: 120 → 150; Ghi chú: '' → 'mưa'" in one line."""
    parts = []
    for name, (old, new) in changes_of(entry).items():
        parts.append(f"{name}: {_shown(old)} → {_shown(new)}")
    return "; ".join(parts)


def _shown(value: object) -> str:
    if value is None or value == "":
        return "∅"
    if isinstance(value, int) and not isinstance(value, bool):
        return vietnamese.format_number(value)
    return str(value)


EXPORT_HEADERS = [
    "Thời điểm (UTC)",
    "Người thực hiện",
    "Thao tác",
    "Bảng",
    "Mã bản ghi",
    "Bản ghi",
    "Nội dung",
    "Thay đổi (cũ → mới)",
]


def entry_row(entry: AuditEntry) -> list[object]:
    return [
        entry.at.strftime("%d/%m/%Y %H:%M:%S") if entry.at else "",
        entry.username,
        ACTION_LABELS.get(entry.action, entry.action),
        entry.table_name,
        entry.record_uuid,
        entry.record_label,
        entry.summary,
        changes_text(entry),
    ]


def export_audit(path: str | Path, actor: Actor, audit_filter: AuditFilter | None = None) -> int:
    """Write the entries ``actor`` may view to CSV or XLSX; returns how many."""
    tabular.check_suffix(path)
    query = entries_for(actor, audit_filter)
    count = tabular.write_table(path, EXPORT_HEADERS, (entry_row(e) for e in query.iterator()))
    log(
        actor,
        "export",
        table="audit_entry",
        summary=f"Xuất {count} dòng nhật ký ra {Path(path).name}",
    )
    return count
