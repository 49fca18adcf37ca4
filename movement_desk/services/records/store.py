"""What every synchronised record shares: stamps, revisions, soft delete and restore.

Every write of a record goes through ``create``, ``update``, ``soft_delete`` or ``restore``:
each asks ``check_record_write`` first (role, unit scope, period locks) and appends
its entry to the audit trail in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from peewee import DateField, Model

from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.bulk import insert_converter, insert_rows, insert_statement  # noqa: F401
from movement_desk.db.connection import db
from movement_desk.db.models import Record, new_uuid, utcnow
from movement_desk.services.core import audit, period_locks, permissions, settings
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import NotFoundError
from movement_desk.services.records import frozen, kinds

RecordT = TypeVar("RecordT", bound=Record)


def kind_name(model: type[Record]) -> str:
    return kinds.of_model(model).label


def check_record_write(
    actor: Actor, model: type[Record], before: dict | None, after: dict | None
) -> None:
    """Refuse a write of ``model`` by ``actor``: ``before`` is the stored state (None for a
    new record), ``after`` the state to store (None when only the delete mark changes). The
    kind's right, the unit of the record before and after, and the period locks."""
    kind = kinds.of_model(model)
    action = kind.action_for((before, after))
    current = permissions.effective(actor)
    if action is not None:
        permissions.require_current(current, action)
    for state in (before, after):
        if state is None:
            continue
        unit = state.get("unit")
        if unit is not None and kind.scoped_by_unit:
            permissions.require_current(current, action or "record.read", unit)
        if kind.date_of is not None and unit is not None:
            period_locks.check_unlocked(permissions.unit_id_of(unit), kind.date_of(state))


def check_record_writes(actor: Actor, model: type[Record], states: list[dict]) -> None:
    """``check_record_write`` for many new records at once (an import): the account, the
    role and each distinct unit are checked once, the period locks read once."""
    kind = kinds.of_model(model)
    action = kind.action_for(states)
    current = permissions.effective(actor)
    if action is not None:
        permissions.require_current(current, action)
    unit_states = [state for state in states if state.get("unit") is not None]
    if kind.scoped_by_unit:
        for unit_id in {permissions.unit_id_of(state["unit"]) for state in unit_states}:
            permissions.require_current(current, action or "record.read", unit_id)
    if kind.date_of is not None:
        period_locks.check_unlocked_many(
            [(permissions.unit_id_of(state["unit"]), kind.date_of(state)) for state in unit_states]
        )


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
        check_record_write(actor, model, permissions.record_data(record), None)
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
        check_record_write(actor, model, permissions.record_data(record), None)
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
    check_record_write(actor, model, None, values)
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
    write = prepare_many(model, rows, actor)
    try:
        with db.atomic():
            return write()
    finally:
        discard_staged()


def prepare_many(
    model: type[Record],
    rows: list[tuple[str | None, dict]],
    actor: Actor,
    *,
    order: str | None = None,
) -> Callable[[], int]:
    """``create_many`` in two steps: check and prepare now (rights, locks, stamps, the audit
    entries, the stored values), and return the function that only writes them, for the
    caller's short write transaction (an import of 200.000 rows holds the lock for the
    inserts alone).

    The prepared rows and audit entries are staged, a few thousand at a time, in temporary
    tables of this connection (SQLite keeps them in a temporary file, not in memory, and
    writing them takes no lock on the database); the write copies each staged table into
    its real table with one ``INSERT … SELECT``, in the order of the field ``order`` when
    given (rows of one value keep theirs): a table's indexes mostly follow its date, and
    rows inserted in date order touch each index page once instead of once per row. The
    temporary tables stay until ``discard_staged`` (after the caller's transaction: dropping
    them inside it would hold the lock longer).
    """
    check_record_writes(actor, model, [values for _, values in rows])
    now = utcnow()
    stamps = {
        "created_at": now,
        "updated_at": now,
        "created_by": actor.username,
        "updated_by": actor.username,
        "revision": 1,
        "origin": settings.installation_id(),
    }
    discard_staged()
    staged: dict[tuple, tuple[str, str]] = {}  # (table, columns) -> (temp table, columns)
    for start in range(0, len(rows), STAGE_ROWS):
        prepared = [
            {**values, **stamps, "uuid": uuid or new_uuid()}
            for uuid, values in rows[start : start + STAGE_ROWS]
        ]
        groups: dict[tuple, list[dict]] = {}
        for row in prepared:
            groups.setdefault(tuple(row), []).append(row)
        for group in groups.values():
            _stage(model, list(group[0]), group, staged)
        entries = audit.created_entries(actor, model, prepared)
        if entries:
            _stage(AuditEntry, list(entries[0]), entries, staged)
    count = len(rows)
    copies = []
    for (table, names), (temp, columns) in staged.items():
        first = ""
        if table == model._meta.table_name and order in names:
            first = f'"{model._meta.fields[order].column_name}", '
        copies.append(
            f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM temp."{temp}" '
            f"ORDER BY {first}rowid"
        )

    def write() -> int:
        for statement in copies:
            db.execute_sql(statement)
        return count

    return write


STAGE_ROWS = 5_000  # rows prepared at a time (their memory is given back after each step)
_STAGE_PREFIX = "import_stage_"


def _stage(model: type[Model], names: list[str], rows: list[dict], staged: dict) -> None:
    """Add ``rows`` (field name -> value, all with the fields ``names``) to the temporary
    table that stages ``model``'s rows with those fields, made on first use."""
    fields = model._meta.fields
    key = (model._meta.table_name, tuple(names))
    if key not in staged:
        temp = f"{_STAGE_PREFIX}{len(staged)}"
        columns = ", ".join(f'"{fields[name].column_name}"' for name in names)
        db.execute_sql(f'CREATE TEMP TABLE "{temp}" ({columns})')
        staged[key] = (temp, columns)
    temp, _columns = staged[key]
    _statement, convert = insert_converter(model, names)
    marks = ", ".join("?" for _ in names)
    db.cursor().executemany(
        f'INSERT INTO temp."{temp}" VALUES ({marks})', (convert(row) for row in rows)
    )


def discard_staged() -> None:
    """Drop the temporary tables ``prepare_many`` staged on this connection."""
    names = [
        row[0]
        for row in db.execute_sql(
            "SELECT name FROM temp.sqlite_master WHERE type = 'table' AND name LIKE ?",
            (_STAGE_PREFIX + "%",),
        )
    ]
    for name in names:
        db.execute_sql(f'DROP TABLE temp."{name}"')


def plain_rows(model: type[Model], names: list[str], where: str, params=()) -> list[dict]:
    """The fields ``names`` of ``model``'s rows matching the SQL condition ``where`` (over
    the table's own columns), in id order, as an import compares them: dates as dates, the
    rest as stored (a foreign key as its id, a choice as its key, which equals the choice).
    Far cheaper than building a peewee object, or even a converted dict, per row."""
    fields = model._meta.fields
    columns = ", ".join(f'"{fields[name].column_name}"' for name in names)
    table = model._meta.table_name
    cursor = db.execute_sql(
        f'SELECT {columns} FROM "{table}" WHERE {where} ORDER BY "{table}"."id"', params
    )
    days = [name for name in names if type(fields[name]) is DateField]
    found = []
    for row in cursor:
        values = dict(zip(names, row, strict=True))
        for name in days:
            if values[name]:
                values[name] = date.fromisoformat(values[name][:10])
        found.append(values)
    return found


def update(record: RecordT, values: dict, actor: Actor) -> bool:
    """Apply validated ``values``; a new revision only when something changed."""
    if all(getattr(record, name) == value for name, value in values.items()):
        return False
    before = permissions.record_data(record)
    check_record_write(actor, type(record), before, {**before, **values})
    frozen.check_update(type(record), record.id, before, values)
    assign(record, values)
    stamp_change(record, actor)
    with db.atomic():
        record.save()
        audit.log_record(actor, "update", record, before, permissions.record_data(record))
    return True
