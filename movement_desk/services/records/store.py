"""What every synchronised record shares: stamps, revisions, soft delete and restore.

Every write of a record goes through ``create``, ``update``, ``soft_delete`` or ``restore``:
each asks ``check_record_write`` first (role, unit scope, period locks) and appends
its entry to the audit trail in the same transaction.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import TypeVar

from peewee import DateField, Model

from movement_desk.db import postgres
from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.bulk import insert_converter, insert_rows, insert_statement  # noqa: F401
from movement_desk.db.connection import db
from movement_desk.db.models import Record, new_uuids, utcnow
from movement_desk.services.core import audit, period_locks, permissions, settings
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import NotFoundError, StaleRecordError
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
    unit_ids = sorted({permissions.unit_id_of(state["unit"]) for state in unit_states})
    if kind.scoped_by_unit and unit_ids:
        # The account's scope read once (not once per unit); the refusal names the first
        # unit outside it, in id order.
        wanted = action or "record.read"
        permissions.require_current(current, wanted)
        if current.unit_code is not None:
            scope = permissions.unit_scope_ids(current.unit_code)
            outside = [unit_id for unit_id in unit_ids if unit_id not in scope]
            if outside:
                permissions.require_current(current, wanted, outside[0])
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


# Optimistic concurrency (issue 17): every record carries its revision; a write is based on the
# revision it loaded and is refused when the stored one has moved on since, never silently
# overwriting another user's change. The condition is part of the UPDATE itself (``WHERE
# revision = loaded``), so it holds between two processes and on a database server too.
_expected = threading.local()


@contextlib.contextmanager
def expect_revision(uuid: str | None, revision: int | None) -> Iterator[None]:
    """Saves of record ``uuid`` inside the block must be based on ``revision`` (the version an
    edit form or a caller loaded); None: no expectation."""
    mapping = dict(getattr(_expected, "revisions", {}))
    if uuid and revision is not None:
        mapping[str(uuid)] = int(revision)
    previous = getattr(_expected, "revisions", {})
    _expected.revisions = mapping
    try:
        yield
    finally:
        _expected.revisions = previous


def expected_revision(uuid: str) -> int | None:
    return getattr(_expected, "revisions", {}).get(str(uuid))


def _local_time(value: datetime | None) -> str:
    if value is None:
        return "?"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC).astimezone().strftime("%H:%M %d/%m/%Y")


def stale_message(model: type[Record], uuid: str) -> str:
    """ "Bản ghi đã được <user> sửa lúc <time>; hãy mở lại" from the stored row."""
    row = model.select().where(model.uuid == str(uuid)).first()
    if row is None:
        return f"Bản ghi ({kind_name(model)}) đã bị xóa hẳn; không lưu được thay đổi."
    who = row.deleted_by if row.deleted_at else row.updated_by
    verb = "xóa" if row.deleted_at else "sửa"
    return (
        f"Bản ghi đã được {who or 'người khác'} {verb} lúc {_local_time(row.updated_at)}; "
        f"hãy mở lại ({kind_name(model)}) để xem bản mới rồi nhập lại thay đổi của bạn. "
        "Thay đổi của bạn chưa được lưu."
    )


def check_expected(record: Record) -> None:
    """Refuse when a caller loaded ``record`` at another revision than the stored one."""
    expected = expected_revision(record.uuid)
    if expected is not None and expected != record.revision:
        raise StaleRecordError(stale_message(type(record), record.uuid))


def save_checked(record: Record, loaded_revision: int) -> None:
    """Write ``record`` only if the stored row still has ``loaded_revision``."""
    model = type(record)
    pk = model._meta.primary_key
    data = {
        model._meta.fields[name]: value
        for name, value in record.__data__.items()
        if name in model._meta.fields and name != pk.name
    }
    written = (
        model.update(data)
        .where((pk == record.get_id()) & (model.revision == loaded_revision))
        .execute()
    )
    if written != 1:
        raise StaleRecordError(stale_message(model, record.uuid))
    record._dirty.clear()


def current_revision(uuid: str) -> int | None:
    """The stored revision of the record ``uuid``, whatever its kind (edit forms)."""
    for kind in kinds.KINDS.values():
        model = kind.model
        row = model.select(model.revision).where(model.uuid == str(uuid)).first()
        if row is not None:
            return row.revision
    return None


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
        check_expected(record)
        loaded = record.revision
        record.deleted_at = at or utcnow()
        record.deleted_by = actor.username
        stamp_change(record, actor)
        save_checked(record, loaded)
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
        check_expected(record)
        loaded = record.revision
        deleted_at = record.deleted_at
        record.deleted_at = None
        record.deleted_by = None
        stamp_change(record, actor)
        save_checked(record, loaded)
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
    keep_staged: bool = False,
    resolve: dict[str, str] | None = None,
) -> Callable[[], int]:
    """``create_many`` in two steps: check and prepare now (rights, locks, stamps, the audit
    entries, the stored values), and return the function that only writes them, for the
    caller's short write transaction (an import of 200.000 rows holds the lock for the
    inserts alone).

    The prepared rows and audit entries are staged, a few thousand at a time, in temporary
    tables of this connection (SQLite keeps them in a temporary file, not in memory, and
    writing them takes no lock on the database); the write copies each staged table into
    its real table with one ``INSERT … SELECT``. The rows are staged in the order of the
    field ``order`` when given (rows of one value keep theirs): a table's indexes mostly
    follow its date, and rows inserted in date order touch each index page once instead of
    once per row; the new uuids ascend in the same order, for the same reason. The
    temporary tables stay until ``discard_staged`` (after the caller's transaction: dropping
    them inside it would hold the lock longer); ``keep_staged``: those of an earlier call stay
    too (a write of two kinds prepared together).

    ``resolve`` maps a field to the SQL expression its stored value is copied through, each
    ``{}`` in it standing for the staged value (a reference to a row the same write inserts
    first, staged as a placeholder: see ``transfer._plan_commendations``).
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
    if not keep_staged:
        discard_staged()
    if order is not None:
        # Staged (and so inserted) in the order of ``order``; a stable sort keeps the file's
        # order among rows of one value.
        rows = sorted(rows, key=lambda pair: _order_key(pair[1].get(order)))
    # The new records' uuids ascend in that order too: the uuid indexes of the table and of
    # the audit trail then take them at one place after another instead of all over.
    fresh = new_uuids(sum(1 for uuid, _values in rows if not uuid))
    staged: dict[tuple, tuple[str, str]] = {}  # (table, columns) -> (temp table, columns)
    for start in range(0, len(rows), STAGE_ROWS):
        prepared = [
            {**values, **stamps, "uuid": uuid or next(fresh)}
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
    # Each staged table is copied in the order it was staged: ``order``'s, see above.
    copies = [
        f'INSERT INTO "{table}" ({columns}) SELECT {_selected(model, table, names, columns, resolve)} '
        f'FROM {_temp_schema()}."{temp}" AS staged ORDER BY staged.rowid'
        for (table, names), (temp, columns) in staged.items()
    ]

    def write() -> int:
        for statement in copies:
            db.execute_sql(statement)
        return count

    return write


def _selected(model: type[Model], table: str, names: tuple, columns: str, resolve) -> str:
    """The staged columns as copied into ``table``: ``model``'s own through ``resolve``'s
    expressions, the others (the audit entries) as they are."""
    if not resolve or table != model._meta.table_name:
        return columns
    fields = model._meta.fields
    selected = []
    for name in names:
        column = f'staged."{fields[name].column_name}"'
        selected.append(resolve[name].replace("{}", column) if name in resolve else column)
    return ", ".join(selected)


def _order_key(value) -> tuple:
    return (value is None, value if value is not None else 0)


STAGE_ROWS = 5_000  # rows prepared at a time (their memory is given back after each step)
_STAGE_PREFIX = "import_stage_"
_STAGE_NUMBERS = itertools.count()  # each staged table its own name on the connection


def _stage(model: type[Model], names: list[str], rows: list[dict], staged: dict) -> None:
    """Add ``rows`` (field name -> value, all with the fields ``names``) to the temporary
    table that stages ``model``'s rows with those fields, made on first use."""
    fields = model._meta.fields
    key = (model._meta.table_name, tuple(names))
    if key not in staged:
        temp = f"{_STAGE_PREFIX}{next(_STAGE_NUMBERS)}"
        columns = ", ".join(f'"{fields[name].column_name}"' for name in names)
        if postgres.is_server(db):
            # Typed as the table's columns, and a "rowid" counting rows in the order staged,
            # as SQLite's own rowid does.
            table = model._meta.table_name
            db.execute_sql(
                f'CREATE TEMP TABLE "{temp}" AS SELECT {columns} FROM "{table}" WITH NO DATA'
            )
            db.execute_sql(f'ALTER TABLE "{temp}" ADD COLUMN rowid bigserial')
        else:
            db.execute_sql(f'CREATE TEMP TABLE "{temp}" ({columns})')
        staged[key] = (temp, columns)
    temp, columns = staged[key]
    _statement, convert = insert_converter(model, names)
    marks = ", ".join("?" for _ in names)
    db.cursor().executemany(
        f'INSERT INTO {_temp_schema()}."{temp}" ({columns}) VALUES ({marks})',
        (convert(row) for row in rows),
    )


def _temp_schema() -> str:
    """The schema of this connection's temporary tables: SQLite's ``temp``, PostgreSQL's
    ``pg_temp``."""
    return "pg_temp" if postgres.is_server(db) else "temp"


def discard_staged() -> None:
    """Drop the temporary tables ``prepare_many`` staged on this connection."""
    if postgres.is_server(db):
        catalogue = (
            "SELECT tablename FROM pg_catalog.pg_tables "
            "WHERE schemaname = pg_my_temp_schema()::regnamespace::text AND tablename LIKE ?"
        )
    else:
        catalogue = "SELECT name FROM temp.sqlite_master WHERE type = 'table' AND name LIKE ?"
    names = [row[0] for row in db.execute_sql(catalogue, (_STAGE_PREFIX + "%",))]
    for name in names:
        db.execute_sql(f'DROP TABLE {_temp_schema()}."{name}"')


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


def update(
    record: RecordT, values: dict, actor: Actor, *, expected_revision: int | None = None
) -> bool:
    """Apply validated ``values``; a new revision only when something changed.

    Refused (StaleRecordError) when the record was loaded at another revision than the stored
    one: ``expected_revision``, or the one ``expect_revision`` set for it, or else the one
    ``record`` was read at (checked by the UPDATE itself)."""
    if all(getattr(record, name) == value for name, value in values.items()):
        return False
    with expect_revision(record.uuid, expected_revision):
        check_expected(record)
    loaded = record.revision
    before = permissions.record_data(record)
    check_record_write(actor, type(record), before, {**before, **values})
    frozen.check_update(type(record), record.id, before, values)
    assign(record, values)
    stamp_change(record, actor)
    with db.atomic():
        save_checked(record, loaded)
        audit.log_record(actor, "update", record, before, permissions.record_data(record))
    return True
