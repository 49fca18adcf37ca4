"""Import and export of sessions, models and commendations as CSV or Excel files.

An import is all or nothing: every row is checked first with the same rules as the forms, and
one bad row means nothing is written; the report lists every bad row with its number, column
and reason. Re-importing a file creates no duplicates: a row is matched by its ``uuid`` or,
without one, by its natural key:

- sessions: date, unit code, kind and title (ignoring case and diacritics);
- models: unit code, model type and name;
- commendations: decision number and issuing authority, then the recipient's name and unit.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import peewee

from movement_desk import vietnamese
from movement_desk.db import backup, large_writes, postgres
from movement_desk.db.connection import db
from movement_desk.db.models import (
    AdministrativeUnit,
    BaseModel,
    Commendation,
    Decision,
    Record,
    new_uuids,
)
from movement_desk.services.core import audit, lookups, output_files, permissions, tabular
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import (
    FieldError,
    PermissionDenied,
    ServiceError,
    ValidationError,
)
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.core.periods import parse_period
from movement_desk.services.core.validation import is_blank
from movement_desk.services.records import (
    commendations,
    community_models,
    kind_parts,
    kinds,
    listing,
    sessions,
)
from movement_desk.services.records import (
    store as records,
)
from movement_desk.services.records.specs import FileKind

Progress = Callable[[int, int], None]

KINDS = tuple(kind_parts.files())  # ("sessions", "models", "commendations")
EXPORT_BATCH = 500  # records read per query while exporting


class _Nouns(dict):
    """What a count of rows of each kind is called ("buổi"), from the kind's file."""

    def __missing__(self, kind: str) -> str:
        return _kind(kind).noun


KIND_LABELS = _Nouns({name: spec.noun for name, spec in kind_parts.files().items()})


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do), with every row of the file accounted for."""

    kind: str
    dry_run: bool = False
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    duplicates: int = 0
    skipped_deleted: int = 0
    decisions_created: int = 0
    absent_columns: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    write_seconds: float = 0.0  # how long the write transaction held the lock
    # the indexes a large import built again after its commit, one write
    # transaction each: how long each held the lock (see large_writes.indexes_set_aside)
    index_seconds: list[float] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + self.skipped_deleted

    def accounting(self) -> str:
        """ "N dòng đọc = a mới + b cập nhật + c không đổi + d bị từ chối" (and the rest)."""
        number = vietnamese.format_number
        terms = [
            f"{number(self.created)} mới",
            f"{number(self.updated)} cập nhật",
            f"{number(self.unchanged)} không đổi",
        ]
        if self.duplicates:
            terms.append(f"{number(self.duplicates)} trùng hệt dòng khác (giữ một)")
        if self.skipped_deleted:
            terms.append(f"{number(self.skipped_deleted)} bỏ qua vì đã bị xóa ở đây")
        terms.append(f"{number(self.refused)} bị từ chối")
        return f"{number(self.rows_read)} dòng đọc = " + " + ".join(terms)

    def summary(self) -> str:
        noun = KIND_LABELS[self.kind]
        verb = "Sẽ nhập" if self.dry_run else "Đã nhập"
        parts = [
            f"{verb} {vietnamese.format_number(self.total)} {noun}: "
            f"{vietnamese.format_number(self.created)} mới, "
            f"{vietnamese.format_number(self.updated)} cập nhật, "
            f"{vietnamese.format_number(self.unchanged)} không đổi"
        ]
        if self.skipped_deleted:
            parts.append(
                f"{vietnamese.format_number(self.skipped_deleted)} bỏ qua vì đã bị xóa ở đây"
            )
        if self.decisions_created:
            parts.append(f"{vietnamese.format_number(self.decisions_created)} quyết định mới")
        text = "; ".join(parts) + ". " + self.accounting() + "."
        if self.absent_columns:
            text += (
                " Tệp không có các cột: "
                + ", ".join(self.absent_columns)
                + " (giữ nguyên giá trị đã lưu của các cột này)."
            )
        if self.dry_run:
            text += " (Chạy thử: chưa ghi gì.)"
        return text


class ImportRefused(ValidationError):
    """Bad rows: nothing was written; ``accounting`` says how many rows were read and refused."""

    def __init__(self, errors: list[FieldError], accounting: str):
        super().__init__(errors)
        self.accounting = accounting


_Kind = FileKind  # a kind as a file, declared in the kind's own module (PARTS, records/specs.py)

SESSION_FIELDS = sessions.SESSION_FIELDS
MODEL_FIELDS = community_models.MODEL_FIELDS
RECIPIENT_FIELDS = commendations.RECIPIENT_FIELDS


def _kind(kind: str) -> _Kind:
    """The file of the kind called ``kind``, from its own module (records/kind_parts.py)."""
    spec = kind_parts.parts(kind).file
    if spec is None:
        raise ServiceError(
            f"Không có loại dữ liệu “{kind}”; hãy chọn một trong: {', '.join(KINDS)}."
        )
    return spec


# ---------------------------------------------------------------------------------------------
# Import


def import_file(
    kind: str,
    path: str | Path,
    actor: Actor,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a CSV/XLSX file of ``kind``; raises ValidationError listing every bad row.

    Every row is read and checked first, outside any transaction; only then are the changes
    written in one short transaction. Each row is checked against the actor's rights and the
    period locks like a form; a real import is preceded by an automatic backup and recorded
    in the audit trail.
    """
    spec = _kind(kind)
    permissions.require(actor, kinds.by_name(kind).write_action)
    # Sessions and models are checked row by row as the file is read (a register of
    # 200.000 rows is never held whole); a commendation's rows are grouped by decision.
    table, rows = tabular.open_table(path, spec.labels)
    errors = list(table.header_errors(spec.required))
    if errors:
        raise ValidationError(errors)
    if kind == "commendations":
        table.rows.extend(rows)
    report = ImportReport(kind, dry_run=dry_run, rows_read=len(table.rows))
    report.absent_columns = [
        spec.labels[column]
        for column in spec.columns
        if column != "uuid" and not table.has_column(column)
    ]
    if kind == "commendations":
        _import_commendations(table, report, actor, dry_run, progress, Path(path).name)
    else:
        _import_records(spec, table, rows, report, actor, progress, Path(path).name)
    return report


# ``progress(WAITING_FOR_WRITER, 0)``: another user is writing and the import waits its turn
# (the window says "đang chờ…" instead of failing after the usual busy timeout).
WAITING_FOR_WRITER = -1
WAIT_FOR_WRITER_MS = 600_000


@contextmanager
def _waiting_for_other_writers(progress: Progress | None):
    """Before the write transaction: when another user holds the write lock, say so through
    ``progress`` and wait for it (up to 10 minutes) instead of failing after 15 seconds."""
    if postgres.is_server(db):  # the server's writers do not lock each other out
        yield
        return
    connection = db.connection()
    before = connection.execute("PRAGMA busy_timeout").fetchone()[0]
    connection.execute("PRAGMA busy_timeout = 200")
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "locked" not in text and "busy" not in text:
            connection.execute(f"PRAGMA busy_timeout = {int(before)}")
            raise
        if progress:
            progress(WAITING_FOR_WRITER, 0)
    connection.execute(f"PRAGMA busy_timeout = {WAIT_FOR_WRITER_MS}")
    try:
        yield
    finally:
        connection.execute(f"PRAGMA busy_timeout = {int(before)}")


def _write_phase(report: ImportReport, actor: Actor, table_name: str, file_name: str):
    """The one short write transaction of an import; the audit entry goes in it too.
    ``report.write_seconds`` is how long it held the write lock, its commit included."""

    @contextmanager
    def phase():
        # IMMEDIATE: take the write lock (waiting for it if another user writes) before the
        # first change, so a long import never fails halfway on a lock it cannot upgrade.
        import time

        committed = False
        try:
            with large_writes.write_settings(db), db.atomic("IMMEDIATE") as transaction:
                started = time.perf_counter()
                yield
                if report.dry_run:
                    transaction.rollback()
                else:
                    audit.log(
                        actor,
                        "import",
                        table=table_name,
                        label=file_name,
                        summary=f"{file_name}: {report.summary()}",
                    )
            report.write_seconds = time.perf_counter() - started
            committed = not report.dry_run
        except (peewee.DatabaseError, sqlite3.Error) as exc:
            if output_files.disk_full(exc):
                raise ServiceError(output_files.DATABASE_FULL_MESSAGE) from exc
            raise
        if committed:
            with large_writes.write_settings(db):
                large_writes.after_commit(
                    db, lambda _name, seconds: report.index_seconds.append(seconds)
                )

    return phase()


def _before_writing(report: ImportReport) -> None:
    if not report.dry_run:
        backup.backup_before("import")


def _refuse(errors: list[FieldError], report: ImportReport) -> None:
    report.refused = len({error.row for error in errors})
    valid = report.rows_read - report.refused
    raise ImportRefused(
        errors,
        f"{vietnamese.format_number(report.rows_read)} dòng đọc = "
        f"{vietnamese.format_number(valid)} dòng hợp lệ + "
        f"{vietnamese.format_number(report.refused)} bị từ chối; không ghi dòng nào.",
    )


def _row_uuid(raw: Mapping[str, object]) -> str | None:
    value = vietnamese.nfc(str(raw.get("uuid") or "")).strip()
    return value or None


def _check_uuid(
    raw: Mapping[str, object],
    row: int,
    labels: Mapping[str, str],
    seen: dict[str, int],
    errors: list[FieldError],
) -> str | None:
    uuid = _row_uuid(raw)
    if uuid is None:
        return None
    if len(uuid) > 64:
        errors.append(FieldError("uuid", labels.get("uuid", "uuid"), "mã định danh quá dài.", row))
    elif uuid in seen:
        errors.append(
            FieldError(
                "uuid",
                labels.get("uuid", "uuid"),
                f"mã định danh trùng với dòng {seen[uuid]}.",
                row,
            )
        )
    else:
        seen[uuid] = row
    return uuid


def _plain(value: object) -> object:
    return value.id if isinstance(value, BaseModel) else value


def _signature(values: Mapping[str, object], fields: list[str]) -> tuple:
    """What must be equal for two rows (or a row and a record) to be the same in every column."""
    return tuple(_plain(values.get(name)) for name in fields)


def _same(a: Mapping[str, object], b: Mapping[str, object], fields: list[str]) -> bool:
    return all(_plain(a.get(name)) == _plain(b.get(name)) for name in fields)


def _record_signature(record: Record | Mapping[str, object], fields: list[str]) -> tuple:
    """A stored record's signature, from the record or from its plain values."""
    values = record.__data__ if isinstance(record, BaseModel) else record
    return tuple(_plain(values.get(name)) for name in fields)


def _compared_fields(spec: _Kind, table: tabular.Table) -> list[str]:
    return [name for column, name in spec.fields.items() if table.has_column(column)]


@dataclass(slots=True)
class _Row:
    number: int
    uuid: str | None
    key: tuple | None
    values: dict
    raw: Mapping[str, object]


_NO_RAW: Mapping[str, object] = {}


class _SharedText:
    """One copy of each distinct text of the checked rows: registers repeat their titles,
    organisers and units on thousands of rows, and a large import holds every row until
    it is written."""

    def __init__(self):
        self._texts: dict[str, str] = {}

    def values(self, values: dict) -> dict:
        texts = self._texts
        for name, value in values.items():
            if type(value) is str:
                values[name] = texts.setdefault(value, value)
        return values


def _pair_look_alikes(rows: list[_Row], candidates: list[Record], fields: list[str]):
    """Pair the rows of one natural key with the stored records of that key.

    A row equal in every compared column to a stored record is its record; the others are
    paired in file order with the remaining records in stored order (the n-th look-alike row
    of the file with the n-th such record); rows left over are new.
    """
    remaining = list(candidates)
    pairs: dict[int, Record | None] = {}
    for index, row in enumerate(rows):
        signature = _signature(row.values, fields)
        for record in remaining:
            if _record_signature(record, fields) == signature:
                pairs[index] = record
                remaining.remove(record)
                break
    for index in range(len(rows)):
        if index not in pairs:
            pairs[index] = remaining.pop(0) if remaining else None
    return [(row, pairs[index]) for index, row in enumerate(rows)]


def _out_of_scope(
    allowed: frozenset[int] | None,
    unit,
    labels: Mapping[str, str],
    row: int,
    column: str = "unit_code",
) -> FieldError | None:
    """A row whose unit lies outside the importing account's scope, named like any bad row."""
    if allowed is None or unit is None:
        return None
    unit_id = unit.id if isinstance(unit, AdministrativeUnit) else unit
    if unit_id in allowed:
        return None
    if not isinstance(unit, AdministrativeUnit):  # a stored record's plain value: its id
        unit = AdministrativeUnit.get_or_none(AdministrativeUnit.id == unit_id) or unit
    code = unit.code if isinstance(unit, AdministrativeUnit) else str(unit)
    return FieldError(
        column,
        labels.get(column, column),
        f"đơn vị “{code}” nằm ngoài phạm vi của tài khoản nhập tệp; "
        "không có quyền ghi dữ liệu của đơn vị này.",
        row,
    )


def _refused_row(exc: PermissionDenied, labels: Mapping[str, str], row: int) -> FieldError:
    return FieldError("unit_code", labels.get("unit_code", "unit_code"), str(exc), row)


def _import_records(
    spec: _Kind,
    table: tabular.Table,
    rows: Iterable[tuple[int, Mapping[str, object]]],
    report: ImportReport,
    actor: Actor,
    progress: Progress | None,
    file_name: str,
) -> None:
    errors: list[FieldError] = []
    cleaned: list[_Row] = []
    seen_uuids: dict[str, int] = {}
    # natural key -> the distinct rows with that key so far, to tell look-alikes from copies
    # (the groups are tiny; comparing in place keeps no signature per row)
    seen_keys: dict[tuple, _Row | list[_Row]] = {}
    fields = list(spec.fields.values())
    noun = KIND_LABELS[report.kind]
    allowed = permissions.visible_unit_ids(actor)
    # The raw cells are kept only to fill the columns a file does not carry.
    keep_raw = bool(report.absent_columns)
    shared = _SharedText()
    index = -1
    with lookups.cached_references():
        for index, (row, raw) in enumerate(rows):
            if progress and index % 500 == 0:
                progress(index, max(table.estimated_rows, index + 1) * 2)
            uuid = _check_uuid(raw, row, spec.labels, seen_uuids, errors)
            try:
                values = shared.values(spec.clean(raw, row))
            except ValidationError as exc:
                errors.extend(exc.errors)
                continue
            refused = _out_of_scope(allowed, values.get("unit"), spec.labels, row)
            if refused is not None:
                errors.append(refused)
                continue
            item = _Row(row, uuid, None, values, raw if keep_raw else _NO_RAW)
            if uuid is None:
                item.key = key = spec.natural_key(values)
                earlier = seen_keys.get(key)
                group = (
                    [] if earlier is None else earlier if isinstance(earlier, list) else [earlier]
                )
                twin = next((e for e in group if _same(e.values, values, fields)), None)
                if twin is not None:
                    report.duplicates += 1
                    report.notices.append(
                        f"Dòng {row} giống hệt dòng {twin.number} ở mọi cột: chỉ nhập một."
                    )
                    continue
                seen_keys[key] = item if earlier is None else [*group, item]
            cleaned.append(item)
    total = report.rows_read = index + 1
    if errors:
        _refuse(errors, report)
    for group in seen_keys.values():
        if isinstance(group, list):
            numbers = [item.number for item in group]
            report.notices.append(
                "Các dòng " + ", ".join(str(n) for n in numbers) + f" {spec.key_text} nhưng "
                f"khác ở cột khác: là {len(numbers)} {noun} riêng."
            )
    # Plan outside any transaction (match, compare, prepare the inserts); the write
    # transaction then only executes the plan. Should another user change this kind of
    # record or the period locks in between, the plan is made again under the lock (other
    # users' writes elsewhere, which are frequent, leave it valid).
    table_name = spec.model._meta.table_name
    version = _state_of(table_name)
    try:
        plan = _plan_records(spec, table, cleaned, actor, report, allowed)
        with _waiting_for_other_writers(progress):
            _before_writing(report)
            with _write_phase(report, actor, table_name, file_name):
                if _state_of(table_name) != version:
                    plan = _plan_records(spec, table, cleaned, actor, report, allowed)
                changed = [existing.id for existing, _values, _uuid in plan.updates]
                with (
                    _search_index_filled_once(table_name, changed),
                    large_writes.change_marker_bumped_once(db, table_name),
                    large_writes.indexes_set_aside(db, table_name, plan.created),
                ):
                    _apply_plan(spec, plan, actor, report)
    finally:
        # What a dry run or a failed write left staged (never hiding why it failed).
        with suppress(sqlite3.Error, peewee.DatabaseError):
            records.discard_staged()
    if progress:
        progress(total * 2, total * 2)


@contextmanager
def _search_index_filled_once(table_name: str, changed_ids: list[int]):
    """Inside the import's write transaction: the rows are written with the per-row
    full-text triggers out of the way (a trigram index entry per row was 85-90 % of the
    write), then the index is filled once, in one ``INSERT … SELECT``, for the new rows and
    those the import changed (``changed_ids``, whose old entries leave the index first,
    while the table still holds the text they were made of). The triggers come back in the
    same transaction, exactly as they were; should the import fail, the rollback restores
    them with everything else. The server's trigram index follows the column by itself."""
    if postgres.is_server(db):
        yield
        return
    fts = f"{table_name}_fts"
    names = (f"{table_name}_fts_insert", f"{table_name}_fts_update")
    triggers = db.execute_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        f"AND name IN ({', '.join('?' for _ in names)})",
        names,
    ).fetchall()
    if len(triggers) != len(names):  # no index on this table (or not the usual one)
        yield
        return
    last_id = db.execute_sql(f'SELECT coalesce(max(id), 0) FROM "{table_name}"').fetchone()[0]
    changed = "temp.import_changed"
    db.execute_sql("CREATE TEMP TABLE IF NOT EXISTS import_changed (id INTEGER PRIMARY KEY)")
    db.execute_sql(f"DELETE FROM {changed}")
    db.cursor().executemany(
        f"INSERT OR IGNORE INTO {changed} (id) VALUES (?)", ((i,) for i in changed_ids)
    )
    db.execute_sql(
        f'INSERT INTO "{fts}"("{fts}", rowid, search_key) SELECT \'delete\', id, search_key '
        f'FROM "{table_name}" WHERE id IN (SELECT id FROM {changed})'
    )
    for name, _sql in triggers:
        db.execute_sql(f'DROP TRIGGER "{name}"')
    yield
    # A larger buffer of pending terms while the rows go in: fewer, larger segments to write
    # and merge (a third less time for 200.000 rows); set back in the same transaction.
    hashsize = db.execute_sql(f"SELECT v FROM \"{fts}_config\" WHERE k = 'hashsize'").fetchone()
    _fts_setting(fts, "hashsize", FTS_IMPORT_HASHSIZE)
    db.execute_sql(
        f'INSERT INTO "{fts}"(rowid, search_key) SELECT id, search_key FROM "{table_name}" '
        f"WHERE id > ? OR id IN (SELECT id FROM {changed})",
        (last_id,),
    )
    _fts_setting(fts, "hashsize", hashsize[0] if hashsize else FTS_DEFAULT_HASHSIZE)
    if hashsize is None:  # as it was: SQLite's default, not a stored setting
        db.execute_sql(f"DELETE FROM \"{fts}_config\" WHERE k = 'hashsize'")
    for _name, sql in triggers:
        db.execute_sql(sql)
    db.execute_sql(f"DELETE FROM {changed}")


FTS_IMPORT_HASHSIZE = 8 * 1024 * 1024  # bytes of pending terms while an import fills the index
FTS_DEFAULT_HASHSIZE = 1024 * 1024  # SQLite's own


def _fts_setting(fts: str, name: str, value: int) -> None:
    db.execute_sql(f'INSERT INTO "{fts}"("{fts}", rank) VALUES (?, ?)', (name, int(value)))


def _state_of(table_name: str) -> tuple:
    """What a plan of an import into ``table_name`` depends on, cheaply: the table's rows
    (every write through the services stamps a new revision) and the period locks."""
    records = db.execute_sql(
        f'SELECT count(*), max(id), total(revision), max(updated_at) FROM "{table_name}"'
    ).fetchone()
    locks = db.execute_sql(
        "SELECT count(*), max(id), count(unlocked_at) FROM period_lock"
    ).fetchone()
    return (*records, *locks)


@dataclass
class _Plan:
    insert: Callable[[], int]
    updates: list[tuple[Record, dict, str | None]]
    created: int
    unchanged: int
    skipped_deleted: int
    rows: list[tuple[int, dict]] = field(default_factory=list)  # row numbers of the updates


def _plan_records(
    spec: _Kind,
    table: tabular.Table,
    cleaned: list[_Row],
    actor: Actor,
    report: ImportReport,
    allowed: frozenset[int] | None = None,
) -> _Plan:
    """Match every row with its stored record and decide what to write. The stored records
    are read as plain values (the fields a row carries); only those the import changes are
    read again as objects, to be updated."""
    compared = _compared_fields(spec, table)
    absent = bool(report.absent_columns)
    names = list(cleaned[0].values) if cleaned else []
    by_uuid = _records_by_uuid(spec.model, [r.uuid for r in cleaned if r.uuid], names)
    by_key = spec.natural_index([r.values for r in cleaned if not r.uuid], names)
    groups: dict[tuple, list[_Row]] = {}
    for item in cleaned:
        if not item.uuid:
            groups.setdefault(item.key, []).append(item)
    matched: dict[int, dict | None] = {}
    for key, rows in groups.items():
        for item, record in _pair_look_alikes(rows, by_key.get(key, []), compared):
            matched[item.number] = record
    new_rows: list[tuple[str | None, dict]] = []
    unchanged = skipped = 0
    errors: list[FieldError] = []
    to_update: list[tuple[_Row, int]] = []
    for item in cleaned:
        # A uuid identifies the record; only a row without one is matched by its natural key.
        existing = by_uuid.get(item.uuid) if item.uuid else matched.get(item.number)
        if existing is not None:
            refused = _out_of_scope(allowed, existing["unit"], spec.labels, item.number)
            if refused is not None:  # a stored record of a unit outside the account's scope
                errors.append(refused)
                continue
        if existing is None:
            new_rows.append((item.uuid, item.values))
        elif existing["deleted_at"] is not None:
            skipped += 1
        elif not absent and all(
            _plain(existing.get(name)) == _plain(value) for name, value in item.values.items()
        ):
            unchanged += 1
        else:
            to_update.append((item, existing["id"]))
    if errors:
        _refuse(errors, report)
    stored = _records_by_id(spec.model, [record_id for _, record_id in to_update])
    updates: list[tuple[Record, dict, str | None]] = []
    update_rows: list[tuple[int, dict]] = []
    for item, record_id in to_update:
        existing = stored[record_id]
        values = item.values
        if absent:
            values = _keep_absent_columns(spec, table, existing, item)
            if all(getattr(existing, name) == value for name, value in values.items()):
                unchanged += 1
                continue
        updates.append((existing, values, item.uuid))
        update_rows.append((item.number, values))
    insert = records.prepare_many(spec.model, new_rows, actor, order=spec.insert_order)
    return _Plan(insert, updates, len(new_rows), unchanged, skipped, update_rows)


def _apply_plan(spec: _Kind, plan: _Plan, actor: Actor, report: ImportReport) -> None:
    report.created, report.unchanged = plan.created, plan.unchanged
    report.skipped_deleted, report.updated = plan.skipped_deleted, 0
    errors: list[FieldError] = []
    numbers = {id(values): number for number, values in plan.rows} if plan.rows else {}
    for existing, values, uuid in plan.updates:
        try:
            _upsert(spec.model, existing, values, uuid, actor, report)
        except PermissionDenied as exc:
            errors.append(_refused_row(exc, spec.labels, numbers.get(id(values), 0)))
    if errors:
        _refuse(errors, report)  # raised inside the write transaction: nothing is kept
    plan.insert()


def _keep_absent_columns(spec: _Kind, table: tabular.Table, existing: Record, item: _Row) -> dict:
    """The row's values with the stored values of the columns the file does not carry."""
    merged = dict(spec.to_raw(existing))
    merged.update({column: item.raw.get(column) for column in table.columns})
    return spec.clean(merged, item.number)


def _records_by_uuid(model: type[Record], uuids: list[str], names: list[str]) -> dict[str, dict]:
    """The stored records with these uuids, as plain values (see ``_plan_records``)."""
    wanted = list(dict.fromkeys(["id", "uuid", "deleted_at", "unit", *names]))
    found: dict[str, dict] = {}
    for start in range(0, len(uuids), 500):
        chunk = uuids[start : start + 500]
        where = f"uuid IN ({', '.join('?' for _ in chunk)})"
        for record in records.plain_rows(model, wanted, where, chunk):
            found[record["uuid"]] = record
    return found


def _records_by_id(model: type[Record], ids: list[int]) -> dict[int, Record]:
    found: dict[int, Record] = {}
    for start in range(0, len(ids), 500):
        for record in model.select().where(model.id.in_(ids[start : start + 500])):
            found[record.id] = record
    return found


def _upsert(
    model: type[Record],
    existing: Record | None,
    values: dict,
    uuid: str | None,
    actor: Actor,
    report: ImportReport,
) -> Record | None:
    if existing is None:
        report.created += 1
        return records.create(model, values, actor, uuid=uuid)
    if existing.deleted_at is not None:
        report.skipped_deleted += 1
        return existing
    if records.update(existing, values, actor):
        report.updated += 1
    else:
        report.unchanged += 1
    return existing


def _import_commendations(
    table: tabular.Table,
    report: ImportReport,
    actor: Actor,
    dry_run: bool,
    progress: Progress | None,
    file_name: str,
) -> None:
    errors: list[FieldError] = []
    seen_uuids: dict[str, int] = {}
    groups: dict[tuple[str, str], dict] = {}
    total = len(table.rows)
    allowed = permissions.visible_unit_ids(actor)
    with lookups.cached_references():
        _group_commendation_rows(table, groups, errors, seen_uuids, progress, allowed)
    if errors:
        _refuse(errors, report)
    _drop_identical_recipients(groups, report)
    # As for sessions: planned outside any transaction (each decision found, each recipient
    # matched, the new ones prepared), the write transaction then only executes the plan,
    # planned again under the lock should another user have written decisions, recipients
    # or period locks in between.
    table_name = Commendation._meta.table_name
    version = _commendations_state()
    try:
        plan = _plan_commendations(groups, table, report, actor, progress, total)
        with _waiting_for_other_writers(progress):
            _before_writing(report)
            with _write_phase(report, actor, table_name, file_name):
                if _commendations_state() != version:
                    plan = _plan_commendations(groups, table, report, actor, None, total)
                if plan is None:  # rows that depend on each other's writes: one by one
                    _save_commendation_groups(groups, table, report, actor, progress, total)
                    return
                with (
                    _search_index_filled_once(table_name, plan.changed_ids),
                    large_writes.change_marker_bumped_once(db, table_name),
                    large_writes.change_marker_bumped_once(db, Decision._meta.table_name),
                    large_writes.indexes_set_aside(db, table_name, plan.created),
                ):
                    _apply_commendation_plan(plan, actor, report)
    finally:
        # What a dry run or a failed write left staged (never hiding why it failed).
        with suppress(sqlite3.Error, peewee.DatabaseError):
            records.discard_staged()
    if progress:
        progress(total * 2, total * 2)


def _commendations_state() -> tuple:
    """What a plan of a commendations import depends on (see ``_state_of``)."""
    return (*_state_of(Decision._meta.table_name), *_state_of(Commendation._meta.table_name))


@dataclass
class _CommendationPlan:
    """What a commendations import writes: the new decisions (``insert_decisions``; the
    ``placeholders`` stand for them until they have ids), then for each decision in file order
    its update and those of its stored recipients (``steps``), then the new recipients in one
    copy (``insert``)."""

    insert_decisions: Callable[[], int]
    placeholders: list[Decision]
    steps: list[tuple[int, Decision | None, dict, list[tuple[Commendation, dict, str | None]]]]
    insert: Callable[[], int]
    created: int
    decisions_created: int
    changed_ids: list[int]


_DECISION_MAP = records._STAGE_PREFIX + "decision_ids"  # placeholder -> uuid of a new decision


def _plan_commendations(groups, table, report, actor, progress, total) -> _CommendationPlan | None:
    """Find each group's decision and match its rows with the stored recipients as
    ``_save_commendation_group`` does, and decide what to write; the rights and period locks
    of every change are checked here (a refusal names the decision's first row). None when a
    row's uuid names a recipient that another row or another decision also touches: such rows
    depend on each other's writes and are written one by one."""
    compared = [RECIPIENT_FIELDS[c] for c in RECIPIENT_FIELDS if table.has_column(c)]
    absent = bool(report.absent_columns)
    uuids = [uuid for group in groups.values() for _, uuid, _ in group["rows"] if uuid]
    by_uuid: dict[str, Commendation] = {}
    for start in range(0, len(uuids), 500):
        chunk = uuids[start : start + 500]
        by_uuid.update(
            (c.uuid, c) for c in Commendation.select().where(Commendation.uuid.in_(chunk))
        )
    errors: list[FieldError] = []
    placeholders: list[Decision] = []
    new_decisions: list[tuple[str | None, dict]] = []
    new_rows: list[tuple[str | None, dict]] = []
    steps = []
    changed_ids: list[int] = []
    news: list[tuple[int, dict | None, list[dict]]] = []  # each decision's new records
    done = 0
    # The new decisions' uuids, ascending in file order (as ``prepare_many`` gives them).
    fresh_uuids = new_uuids(len(groups))
    found = _stored_decisions(groups)
    for key, group in groups.items():
        values, decision, stored_decision = _plan_decision(group, table, found.get(key))
        if stored_decision is None:
            decision.id = -(len(placeholders) + 1)  # its recipients' placeholder
            decision.uuid = next(fresh_uuids)
        updates: list[tuple[Commendation, dict, str | None]] = []
        fresh: list[dict] = []
        try:
            if stored_decision is not None and _changes(stored_decision, values):
                before = permissions.record_data(stored_decision)
                records.check_record_write(actor, Decision, before, {**before, **values})
            live = (
                []
                if stored_decision is None
                else list(
                    Commendation.select()
                    .where(Commendation.decision == stored_decision.id)
                    .order_by(Commendation.id)
                )
            )
            next_position = max((c.position for c in live), default=0)
            matched = _matched_recipients(group, live, compared)
            paired = {record.id for record in matched.values() if record is not None}
            for row, uuid, recipient in group["rows"]:
                if recipient["achievement"] == values["achievement"]:
                    recipient = {**recipient, "achievement": ""}
                if uuid:
                    existing = by_uuid.get(uuid)
                    if existing is not None and (
                        existing.decision_id != decision.id or existing.id in paired
                    ):
                        return None
                else:
                    existing = matched.get(row)
                recipient, position, next_position = _recipient_in_place(
                    recipient, existing, table, absent, next_position
                )
                record_values = {**recipient, "decision": decision, "position": position}
                if existing is None:
                    fresh.append(record_values)
                    # as a record saved alone stores (and its audit entry shows) it
                    new_rows.append((uuid, {**record_values, "print_count": 0}))
                else:
                    updates.append((existing, record_values, uuid))
                    if existing.deleted_at is None and _changes(existing, record_values):
                        changed_ids.append(existing.id)
                        before = permissions.record_data(existing)
                        records.check_record_write(
                            actor, Commendation, before, {**before, **record_values}
                        )
                done += 1
                if progress and done % 200 == 0:
                    progress(total + done, total * 2)
        except PermissionDenied as exc:
            # an existing decision or recipient of a unit outside the account's scope
            errors.append(_refused_row(exc, commendations.COMMENDATION_LABELS, group["row"]))
            continue
        if stored_decision is None:
            placeholders.append(decision)
            new_decisions.append((decision.uuid, values))
        steps.append((group["row"], stored_decision, values, updates))
        news.append((group["row"], values if stored_decision is None else None, fresh))

    def prepare() -> tuple[Callable[[], int], Callable[[], int]]:
        # The rights and period locks of the new records are checked here, each unit once.
        return (
            records.prepare_many(Decision, new_decisions, actor),
            records.prepare_many(
                Commendation,
                new_rows,
                actor,
                keep_staged=True,
                resolve={"decision": _placeholder_resolved()},
            ),
        )

    prepared = None
    if not errors:
        with suppress(PermissionDenied):
            prepared = prepare()
    if prepared is None:  # refused: each decision checked alone, to name its rows
        _check_each_decision(actor, news, errors)
        if errors:
            _refuse(sorted(errors, key=lambda error: error.row or 0), report)
        prepared = prepare()
    insert_decisions, insert = prepared
    db.execute_sql(
        f"CREATE TEMP TABLE IF NOT EXISTS {_DECISION_MAP} (placeholder INTEGER PRIMARY KEY, uuid TEXT)"
    )
    db.execute_sql(f"DELETE FROM {_DECISION_MAP}")
    db.cursor().executemany(
        f"INSERT INTO {_DECISION_MAP} (placeholder, uuid) VALUES (?, ?)",
        [(p.id, p.uuid) for p in placeholders],
    )
    return _CommendationPlan(
        insert_decisions,
        placeholders,
        steps,
        insert,
        len(new_rows),
        len(placeholders),
        changed_ids,
    )


def _check_each_decision(actor: Actor, news: list, errors: list[FieldError]) -> None:
    """The rights of the new decisions and recipients (``news``: each decision's first row,
    its values when new, its new recipients) checked decision by decision, so that a refusal
    names the first row of each decision concerned."""
    for row, decision_values, fresh in news:
        try:
            if decision_values is not None:
                records.check_record_write(actor, Decision, None, decision_values)
            if fresh:
                records.check_record_writes(actor, Commendation, fresh)
        except PermissionDenied as exc:
            errors.append(_refused_row(exc, commendations.COMMENDATION_LABELS, row))


def _placeholder_resolved() -> str:
    """The id of the new decision a staged recipient's placeholder (a negative id) stands
    for, once the decisions are in; a stored decision's id as it is."""
    return (
        f"coalesce((SELECT d.id FROM {records._temp_schema()}.{_DECISION_MAP} m "
        'JOIN "decision" d ON d.uuid = m.uuid WHERE m.placeholder = {}), {})'
    )


def _changes(record, values: dict) -> bool:
    """Would ``records.update`` write anything (its own test)."""
    return not all(getattr(record, name) == value for name, value in values.items())


def _stored_decisions(keys) -> dict[tuple[str, str], Decision]:
    """The live decisions of these (issuer, number) keys, read together (``find_decision``
    for each)."""
    found: dict[tuple[str, str], Decision] = {}
    numbers = sorted({number for _, number in keys})
    for start in range(0, len(numbers), 500):
        query = (
            Decision.live()
            .where(Decision.number_key.in_(numbers[start : start + 500]))
            .order_by(Decision.decided_on.desc(), Decision.id)
        )
        for decision in query:
            found.setdefault((decision.authority_key, decision.number_key), decision)
    return found


_FIND = object()  # _plan_decision: find the group's decision itself


def _plan_decision(group, table, stored=_FIND) -> tuple[dict, Decision, Decision | None]:
    """A group's decision values (as ``_save_commendation_group`` makes them), the decision
    its recipients refer to, and the stored decision (None: the decision is new; the one
    returned is then a placeholder with a negative id until it is inserted)."""
    values = dict(group["values"])
    if stored is _FIND:
        decision = commendations.find_decision(values["number"], values["authority"])
    else:
        decision = stored
    if decision is not None and any(not table.has_column(c) for c in _DECISION_COLUMNS):
        # A column the file does not carry keeps the decision's stored value.
        merged = dict(commendations.decision_to_raw(decision))
        merged.update({column: group["raw"].get(column) for column in table.columns})
        values = commendations.clean_decision(merged, group["row"])
    achievements = [recipient["achievement"] for _, _, recipient in group["rows"]]
    keep_stored = not table.has_column("achievement") or decision_achievement_used(
        decision, achievements
    )
    if decision is not None and keep_stored:
        values["achievement"] = decision.achievement
    else:
        values["achievement"] = Counter(achievements).most_common(1)[0][0] if achievements else ""
    values.update(commendations.decision_index_keys(values))
    if decision is None:
        return values, Decision(**values), None
    if not group["unit_given"]:
        values["unit"] = decision.unit
    return values, decision, decision


def _apply_commendation_plan(plan: _CommendationPlan, actor: Actor, report: ImportReport) -> None:
    report.created, report.decisions_created = plan.created, plan.decisions_created
    report.updated = report.unchanged = report.skipped_deleted = 0
    plan.insert_decisions()
    if plan.placeholders:
        ids: dict[str, int] = {}
        uuids = [p.uuid for p in plan.placeholders]
        for start in range(0, len(uuids), 500):
            chunk = uuids[start : start + 500]
            ids.update(
                Decision.select(Decision.uuid, Decision.id).where(Decision.uuid.in_(chunk)).tuples()
            )
        for placeholder in plan.placeholders:
            placeholder.id = ids[placeholder.uuid]
    errors: list[FieldError] = []
    for row, stored_decision, values, updates in plan.steps:
        try:
            if stored_decision is not None:
                records.update(stored_decision, values, actor)
            for existing, record_values, uuid in updates:
                _upsert(Commendation, existing, record_values, uuid, actor, report)
        except PermissionDenied as exc:
            errors.append(_refused_row(exc, commendations.COMMENDATION_LABELS, row))
    if errors:
        _refuse(errors, report)  # inside the write transaction: nothing is kept
    plan.insert()


def _group_commendation_rows(table, groups, errors, seen_uuids, progress, allowed=None) -> None:
    total = len(table.rows)
    for index, (row, raw) in enumerate(table.rows):
        uuid = _check_uuid(raw, row, commendations.COMMENDATION_LABELS, seen_uuids, errors)
        try:
            decision_values = commendations.clean_decision(raw, row)
        except ValidationError as exc:
            errors.extend(exc.errors)
            continue
        refused = _out_of_scope(
            allowed, decision_values.get("unit"), commendations.COMMENDATION_LABELS, row
        )
        if refused is not None:
            errors.append(refused)
            continue
        key = (decision_values["authority_key"], decision_values["number_key"])
        group = groups.setdefault(
            key,
            {
                "values": decision_values,
                "raw": raw,
                "row": row,
                "rows": [],
                "unit_given": not is_blank(raw.get("unit_code")),
            },
        )
        if group["row"] != row:
            for name in (
                "decided_on",
                "form",
                "emulation_title",
                "signer_prefix",
                "signer_title",
                "signer_name",
                "place",
            ):
                if group["values"][name] != decision_values[name]:
                    column = {"decided_on": "decision_date"}.get(name, name)
                    errors.append(
                        FieldError(
                            column,
                            commendations.COMMENDATION_LABELS.get(column, column),
                            f"khác với dòng {group['row']} của cùng quyết định số {decision_values['number']}; "
                            "các dòng của một quyết định phải giống nhau ở cột này.",
                            row,
                        )
                    )
        try:
            recipient = commendations.clean_recipient(
                raw, row, on=decision_values["decided_on"], default_unit=decision_values["unit"]
            )
            refused = _out_of_scope(
                allowed, recipient.get("unit"), commendations.COMMENDATION_LABELS, row
            )
            if refused is not None:
                errors.append(refused)
            else:
                group["rows"].append((row, uuid, recipient))
        except ValidationError as exc:
            errors.extend(exc.errors)
        if progress and index % 200 == 0:
            progress(index, total * 2)


_RECIPIENT_COMPARED = list(RECIPIENT_FIELDS.values())


def _recipient_key(recipient: Mapping[str, object]) -> tuple[str, str]:
    return (
        vietnamese.fold(str(recipient["recipient_name"] or "")),
        vietnamese.fold(str(recipient["recipient_unit"] or "")),
    )


def _drop_identical_recipients(groups: dict, report: ImportReport) -> None:
    """Within one decision, a row identical to an earlier one is a copy; look-alikes stay."""
    for group in groups.values():
        seen: dict[tuple, dict[tuple, int]] = {}
        kept = []
        for row, uuid, recipient in group["rows"]:
            if uuid:
                kept.append((row, uuid, recipient))
                continue
            signatures = seen.setdefault(_recipient_key(recipient), {})
            signature = _signature(recipient, _RECIPIENT_COMPARED)
            if signature in signatures:
                report.duplicates += 1
                report.notices.append(
                    f"Dòng {row} giống hệt dòng {signatures[signature]} ở mọi cột: chỉ nhập một."
                )
                continue
            signatures[signature] = row
            kept.append((row, uuid, recipient))
        group["rows"] = kept
        for signatures in seen.values():
            if len(signatures) > 1:
                numbers = sorted(signatures.values())
                report.notices.append(
                    "Các dòng " + ", ".join(str(n) for n in numbers) + " cùng quyết định, tên và "
                    f"đơn vị người được khen nhưng khác ở cột khác: là {len(numbers)} lượt khen "
                    "thưởng riêng."
                )


def decision_achievement_used(decision: Decision | None, achievements: list[str]) -> bool:
    return decision is not None and decision.achievement in achievements


_DECISION_COLUMNS = ("place", "achievement", "emulation_title", "signer_prefix", "unit_code")


def _matched_recipients(
    group: dict, live: list[Commendation], compared: list[str]
) -> dict[int, Commendation | None]:
    """The stored recipient each row of a decision's group without a uuid stands for (None:
    a new one), by row number: same key, look-alikes paired in order (``_pair_look_alikes``)."""
    by_key: dict[tuple, list[tuple]] = {}
    for item in group["rows"]:
        if not item[1]:
            by_key.setdefault(_recipient_key(item[2]), []).append(item)
    stored: dict[tuple, list[Commendation]] = {}
    for candidate in live:
        if candidate.deleted_at is None:
            stored.setdefault(_recipient_key(candidate.__data__), []).append(candidate)
    matched: dict[int, Commendation | None] = {}
    for key, items in by_key.items():
        rows = [_Row(row, None, key, recipient, {}) for row, _, recipient in items]
        for item, record in _pair_look_alikes(rows, stored.get(key, []), compared):
            matched[item.number] = record
    return matched


def _recipient_in_place(
    recipient: dict, existing: Commendation | None, table, absent: bool, last_position: int
) -> tuple[dict, int, int]:
    """A file's recipient as it will be stored: the columns the file does not carry keep the
    stored recipient's values; its position in the decision (a new one goes last). Returns
    the recipient, its position and the decision's last position."""
    if existing is not None and absent:
        kept = {
            name: getattr(existing, name)
            for column, name in RECIPIENT_FIELDS.items()
            if not table.has_column(column)
        }
        recipient = {**recipient, **kept}
        recipient.update(commendations.recipient_index_keys(recipient))
    if existing is None:
        return recipient, last_position + 1, last_position + 1
    return recipient, existing.position, last_position


def _save_commendation_groups(groups, table, report, actor, progress, total) -> None:
    """The rows written one by one, in file order (a file whose uuids tie its decisions
    together, see ``_plan_commendations``)."""
    errors: list[FieldError] = []
    for group in groups.values():
        try:
            _save_commendation_group(group, table, report, actor, progress, total)
        except PermissionDenied as exc:
            # an existing decision or recipient of a unit outside the account's scope
            errors.append(_refused_row(exc, commendations.COMMENDATION_LABELS, group["row"]))
    if errors:
        _refuse(errors, report)  # inside the write transaction: nothing is kept
    if progress:
        progress(total * 2, total * 2)


def _save_commendation_group(group, table, report, actor, progress, total) -> None:
    done = report.created + report.updated + report.unchanged + report.skipped_deleted
    compared = [RECIPIENT_FIELDS[c] for c in RECIPIENT_FIELDS if table.has_column(c)]
    absent = bool(report.absent_columns)
    values, _, decision = _plan_decision(group, table)
    if decision is None:
        decision = records.create(Decision, values, actor)
        report.decisions_created += 1
    else:
        records.update(decision, values, actor)
    live = list(
        Commendation.select().where(Commendation.decision == decision.id).order_by(Commendation.id)
    )
    next_position = max((c.position for c in live), default=0)
    matched = _matched_recipients(group, live, compared)
    for row, uuid, recipient in group["rows"]:
        if recipient["achievement"] == values["achievement"]:
            recipient = {**recipient, "achievement": ""}
        if uuid:
            existing = Commendation.select().where(Commendation.uuid == uuid).first()
        else:
            existing = matched.get(row)
        recipient, position, next_position = _recipient_in_place(
            recipient, existing, table, absent, next_position
        )
        _upsert(
            Commendation,
            existing,
            {**recipient, "decision": decision, "position": position},
            uuid,
            actor,
            report,
        )
        done += 1
        if progress and done % 200 == 0:
            progress(total + done, total * 2)


# ---------------------------------------------------------------------------------------------
# Export


def export_file(
    kind: str,
    path: str | Path,
    *,
    unit_code: str | None = None,
    period: str | None = None,
    rule: str | None = None,
    record_filter: RecordFilter | None = None,
    progress: Progress | None = None,
    actor: Actor,
    search: str | None = None,
    follow_successors: bool = False,
    of_decisions: bool = False,
    sort: str | None = None,
    descending: bool | None = None,
) -> int:
    """Write the live records of ``kind`` (under ``unit_code``, in ``period``) that ``actor``
    may see to CSV or XLSX, and record the export in the audit trail: who, which kind, the
    filter, the row count and the file name.

    The header uses the Vietnamese labels, which an import reads back. ``search`` narrows the rows as the list's search box does; the rows come in the order the
    list shows for the same filter and sort (``listing.RecordList``). ``of_decisions`` (with
    ``commendations``): the filter is the decisions list's, and the recipients of the decisions
    it shows are written.
    """
    spec = _kind(kind)
    tabular.check_suffix(path)
    record_filter = record_filter or RecordFilter()
    if unit_code:
        record_filter.unit_code = unit_code
    if follow_successors:
        record_filter.follow_successors = True
    permissions.require(actor, "record.export")
    permissions.scoped_filter(record_filter, actor)
    if period:
        record_filter.with_period(parse_period(period), rule)
    if search is not None:
        record_filter.text = search
    shown_filter = record_filter  # what the user chose, for the audit trail
    if of_decisions and kind == "commendations":
        decisions = listing.RecordList(
            "decisions", record_filter, sort, descending, actor=actor
        ).ids()
        record_filter = RecordFilter(
            decision_ids=decisions, allowed_unit_ids=record_filter.allowed_unit_ids
        )
        sort = descending = None
    listed = listing.RecordList(kind, record_filter, sort, descending, actor=actor)
    total = listed.count() if progress else 0
    headers = [spec.labels[column] for column in spec.columns]

    as_csv = tabular.check_suffix(path) == ".csv"
    columns, convert = export_columns(kind, csv=as_csv)

    def rows():
        # One ordered query streamed into the file (as the list shows it, see listing).
        for index, values in enumerate(listed.tuples(columns)):
            if progress and index % EXPORT_BATCH == 0:
                progress(index, total)
            yield convert(values)
        if progress:  # before the file is in place: a Cancel here still leaves nothing
            progress(total, total)

    count = tabular.write_table(path, headers, rows(), csv_cells=as_csv)
    with db.atomic():
        audit.log(
            actor,
            "export",
            table=spec.model._meta.table_name,
            label=Path(path).name,
            unit_id=_unit_id_of(shown_filter.unit_code),
            summary=f"Xuất {count} {KIND_LABELS[kind]} ra {Path(path).name}"
            + (f" ({describe_filter(shown_filter)})" if describe_filter(shown_filter) else ""),
            changes={
                "kind": [None, kind],
                "filter": [None, describe_filter(shown_filter)],
                "rows": [None, count],
                "file": [None, Path(path).name],
            },
        )
    return count


def export_columns(kind: str, *, csv: bool = False) -> tuple[list, Callable[[tuple], list]]:
    """What an export reads for ``kind``: the columns to select (over the kind's list query)
    and the function turning one row of plain values into the file's cells, in
    ``spec.columns`` order, as the kind's module declares them (``FileKind.export_columns``).
    The same cells as ``spec.to_raw`` of the record, without building a record object per row
    (73 % of an export's time). With ``csv``, the cells as the CSV file holds them
    (``tabular.csv_value`` of each: dates dd/mm/yyyy, formula-looking text neutralised), made
    in the same pass. A kind that declares none: its records' ``to_raw``, read by id."""
    spec = _kind(kind)
    if spec.export_columns is not None:
        return spec.export_columns(csv)
    by_id = spec.model.id

    def raw_row(row: tuple) -> list:
        raw = spec.to_raw(spec.query(RecordFilter()).where(by_id == row[0]).get())
        cells = [raw.get(column, "") for column in spec.columns]
        return [tabular.csv_value(cell) for cell in cells] if csv else cells

    return [by_id], raw_row


def _unit_id_of(code: str | None) -> int | None:
    if not code:
        return None
    unit = AdministrativeUnit.get_or_none(AdministrativeUnit.code == code)
    return unit.id if unit is not None else None


def describe_filter(record_filter: RecordFilter) -> str:
    """The filter of an export in words, for the audit trail ("" when it filters nothing)."""
    parts = []
    if record_filter.unit_code:
        parts.append(
            f"đơn vị {record_filter.unit_code}"
            + ("" if record_filter.include_children else " (không gồm cấp dưới)")
            + (" (gồm cả đơn vị kế thừa)" if record_filter.follow_successors else "")
        )
    if record_filter.start or record_filter.end:
        start = vietnamese.format_date(record_filter.start) if record_filter.start else "…"
        end = vietnamese.format_date(record_filter.end) if record_filter.end else "…"
        parts.append(f"từ {start} đến {end}")
    if record_filter.kinds:
        parts.append("loại " + ", ".join(str(getattr(k, "value", k)) for k in record_filter.kinds))
    if record_filter.statuses:
        parts.append(
            "trạng thái " + ", ".join(str(getattr(k, "value", k)) for k in record_filter.statuses)
        )
    if record_filter.text:
        parts.append(f"tìm “{record_filter.text}”")
    if record_filter.deleted:
        parts.append("bản ghi đã xóa")
    return "; ".join(parts)
