"""What every synchronised record shares: stamps, revisions, soft delete and restore.

Every write of a record goes through ``create``, ``update``, ``soft_delete`` or ``restore``:
each asks ``permissions.check_record_write`` first (role, unit scope, period locks) and appends
its entry to the audit trail in the same transaction.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

from peewee import CharField, IntegerField, TextField

from movement_desk.db.connection import db
from movement_desk.db.models import BaseModel, Record, new_uuid, utcnow
from movement_desk.services import audit, frozen, permissions, settings
from movement_desk.services.actor import Actor
from movement_desk.services.errors import NotFoundError

RecordT = TypeVar("RecordT", bound=Record)

KIND_NAMES = {
    "admin_unit": "đơn vị hành chính",
    "unit_succession": "quan hệ kế thừa đơn vị",
    "model_type": "loại mô hình",
    "organizer": "đơn vị tổ chức",
    "activity_session": "buổi phát động, tuyên truyền",
    "community_model": "mô hình",
    "decision": "quyết định khen thưởng",
    "commendation": "người/tập thể được khen thưởng",
}


def kind_name(model: type[Record]) -> str:
    return KIND_NAMES.get(model._meta.table_name, model._meta.table_name)


def stamp_new(record: Record, actor: Actor) -> None:
    """Fill the stamps of a record about to be inserted."""
    now = utcnow()
    record.created_at = record.created_at or now
    record.updated_at = now
    record.created_by = actor.username
    record.updated_by = actor.username
    record.revision = 1
    if not record.origin:
        record.origin = settings.installation_id()


def stamp_change(record: Record, actor: Actor) -> None:
    """Mark a record as changed now by ``actor``: a new revision."""
    record.updated_at = utcnow()
    record.updated_by = actor.username
    record.revision = (record.revision or 0) + 1


def get_record(model: type[RecordT], uuid: str, *, include_deleted: bool = False) -> RecordT:
    query = model.select().where(model.uuid == str(uuid))
    if not include_deleted:
        query = query.where(model.deleted_at.is_null())
    record = query.first()
    if record is None:
        raise NotFoundError(f"Không tìm thấy {kind_name(model)} có mã {uuid} (có thể đã bị xóa).")
    return record


def soft_delete(model: type[RecordT], uuid: str, actor: Actor, *, at=None) -> RecordT:
    """Mark a record deleted; it stays in the database so the deletion can be undone and travel.

    ``at`` gives records deleted together one timestamp, so they can be restored together.
    """
    with db.atomic():
        record = get_record(model, uuid)
        permissions.check_record_write(actor, model, permissions.record_data(record), None)
        record.deleted_at = at or utcnow()
        record.deleted_by = actor.username
        stamp_change(record, actor)
        record.save()
        audit.log_record(
            actor, "delete", record, {"deleted_at": None}, {"deleted_at": record.deleted_at}
        )
    return record


def restore(model: type[RecordT], uuid: str, actor: Actor) -> RecordT:
    """Undo a soft delete."""
    with db.atomic():
        record = get_record(model, uuid, include_deleted=True)
        if record.deleted_at is None:
            return record
        permissions.check_record_write(actor, model, permissions.record_data(record), None)
        deleted_at = record.deleted_at
        record.deleted_at = None
        record.deleted_by = None
        stamp_change(record, actor)
        record.save()
        audit.log_record(actor, "restore", record, {"deleted_at": deleted_at}, {"deleted_at": None})
    return record


def assign(record: Record, values: dict) -> bool:
    """Set ``values`` on ``record``; True when anything actually changed."""
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed


def create(model: type[RecordT], values: dict, actor: Actor, *, uuid: str | None = None) -> RecordT:
    """Insert a new record with ``values`` (already validated) stamped for ``actor``."""
    permissions.check_record_write(actor, model, None, values)
    record = model(**values)
    if uuid:
        record.uuid = str(uuid)
    stamp_new(record, actor)
    with db.atomic():
        record.save(force_insert=True)
        audit.log_record(actor, "create", record, None, permissions.record_data(record))
    return record


def create_many(model: type[Record], rows: list[tuple[str | None, dict]], actor: Actor) -> int:
    """Insert many validated records at once (``(uuid or None, values)`` pairs), stamped for
    ``actor``: the same rights, locks and audit entries as ``create``, checked in bulk."""
    permissions.check_record_writes(actor, model, [values for _, values in rows])
    now = utcnow()
    stamps = {
        "created_at": now,
        "updated_at": now,
        "created_by": actor.username,
        "updated_by": actor.username,
        "revision": 1,
        "origin": settings.installation_id(),
    }
    prepared = [{**values, **stamps, "uuid": uuid or new_uuid()} for uuid, values in rows]
    with db.atomic():
        insert_rows(model, prepared)
        audit.log_created_many(actor, model, prepared)
    return len(prepared)


def _sql_value(value):
    # Stored as peewee stores them: dates in ISO form, timestamps "YYYY-MM-DD HH:MM:SS.ffffff".
    if isinstance(value, datetime):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def insert_rows(model: type[BaseModel], rows: list[dict]) -> None:
    """Insert rows (field name -> value) with one prepared statement: the bulk path of imports.

    Values go through each field's ``db_value`` exactly as a ``save()`` would store them.
    """
    if not rows:
        return
    fields = model._meta.fields
    names = list(dict.fromkeys(name for row in rows for name in row))
    columns = ", ".join(f'"{fields[name].column_name}"' for name in names)
    marks = ", ".join("?" for _ in names)
    statement = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    # Plain text and number fields store their value as it is; the others convert.
    plain = (CharField, TextField, IntegerField)
    converters = [None if type(fields[name]) in plain else fields[name].db_value for name in names]
    values = [
        tuple(
            row.get(name) if convert is None else _sql_value(convert(row.get(name)))
            for name, convert in zip(names, converters, strict=True)
        )
        for row in rows
    ]
    db.cursor().executemany(statement, values)


def update(record: RecordT, values: dict, actor: Actor) -> bool:
    """Apply validated ``values``; a new revision only when something changed."""
    if all(getattr(record, name) == value for name, value in values.items()):
        return False
    before = permissions.record_data(record)
    permissions.check_record_write(actor, type(record), before, {**before, **values})
    frozen.check_update(type(record), record.id, before, values)
    assign(record, values)
    stamp_change(record, actor)
    with db.atomic():
        record.save()
        audit.log_record(actor, "update", record, before, permissions.record_data(record))
    return True
