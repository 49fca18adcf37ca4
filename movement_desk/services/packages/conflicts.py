"""Conflicts: two concurrent versions of a record, kept until a person picks one."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from movement_desk import vietnamese
from movement_desk.db.connection import db
from movement_desk.db.models import utcnow
from movement_desk.db.packages import SyncConflict
from movement_desk.services.core import audit, period_locks, permissions, settings
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import (
    FieldError,
    NotFoundError,
    ServiceError,
    ValidationError,
)
from movement_desk.services.packages.local import (
    LocalRow,
    _local_by_uuid,
    _ref_ids,
    _row_values,
    _states,
    _unit_ids,
)
from movement_desk.services.packages.readable import _display, _readable, _stamp_text
from movement_desk.services.packages.spec import KIND_BY_TABLE, KindSpec, _unit_key
from movement_desk.services.packages.vectors import (
    _ENCODE,
    content_hash,
    local_vector,
    merge_vectors,
)


@dataclass(frozen=True)
class FieldDiff:
    key: str
    label: str
    local: str
    incoming: str

    @property
    def differs(self) -> bool:
        return self.local != self.incoming


@dataclass
class ConflictView:
    """A pending (or resolved) conflict with both versions, field by field, for display."""

    id: int
    kind: str
    kind_label: str
    uuid: str
    title: str
    source_unit_code: str
    detected_at: datetime
    package_id: str
    fields: list[FieldDiff]
    local_updated: str
    incoming_updated: str
    resolution: str | None = None

    @property
    def differing(self) -> list[FieldDiff]:
        return [f for f in self.fields if f.differs]


def _view(conflict: SyncConflict) -> ConflictView:
    spec = KIND_BY_TABLE[conflict.kind]
    current = _local_by_uuid(spec, [conflict.uuid]).get(conflict.uuid)
    if current is not None:
        local_meta, local_data = current.meta, current.data
    else:
        stored = json.loads(conflict.local_version)
        local_data = stored.pop("data")
        local_meta = stored
    incoming = json.loads(conflict.incoming_version)
    status = {True: "Đã xóa", False: "Đang sử dụng"}
    fields = [
        FieldDiff(
            "_deleted",
            "Tình trạng bản ghi",
            status[local_meta.get("deleted_at") is not None],
            status[incoming.get("deleted_at") is not None],
        )
    ]
    fields += [
        FieldDiff(
            f.key,
            f.label,
            _display(f, local_data.get(f.key)),
            _display(f, incoming["data"].get(f.key)),
        )
        for f in spec.fields
    ]
    return ConflictView(
        id=conflict.id,
        kind=conflict.kind,
        kind_label=spec.label,
        uuid=conflict.uuid,
        title=spec.title(local_data),
        source_unit_code=conflict.source_unit_code,
        detected_at=conflict.detected_at,
        package_id=conflict.package_id,
        fields=fields,
        local_updated=_stamp_text(local_meta),
        incoming_updated=_stamp_text(incoming),
        resolution=conflict.resolution,
    )


def list_conflicts(*, include_resolved: bool = False) -> list[ConflictView]:
    """Conflicts waiting for a choice (oldest first), or all of them."""
    query = SyncConflict.select().order_by(SyncConflict.detected_at, SyncConflict.id)
    if not include_resolved:
        query = query.where(SyncConflict.resolved_at.is_null())
    return [_view(conflict) for conflict in query]


def pending_conflict_count() -> int:
    return SyncConflict.select().where(SyncConflict.resolved_at.is_null()).count()


KEEP_CHOICES = ("local", "incoming")


def resolve_conflict(conflict_id: int, keep: str, actor: Actor) -> None:
    """Settle a conflict with the local (``local``) or the package's (``incoming``) version.

    The chosen version becomes a new revision that is newer than both, so it wins everywhere it
    travels next; the other one stays in the conflict row for the record.

    Settling is a write: it needs ``package.import`` and the record's unit (both versions')
    in the actor's scope; taking the incoming version is refused when either version lies in
    a locked period. The choice is in the audit trail with the old and new values.
    """
    if keep not in KEEP_CHOICES:
        raise ValidationError(
            [FieldError("keep", "Bản giữ lại", "chọn “local” (máy này) hoặc “incoming” (gói).")]
        )
    permissions.require(actor, "package.import")
    with db.atomic():
        conflict = SyncConflict.get_or_none(SyncConflict.id == conflict_id)
        if conflict is None:
            raise NotFoundError(f"Không có xung đột số {conflict_id}.")
        if conflict.resolved_at is not None:
            raise ServiceError(f"Xung đột số {conflict_id} đã được xử lý trước đó.")
        spec = KIND_BY_TABLE[conflict.kind]
        row = _local_by_uuid(spec, [conflict.uuid]).get(conflict.uuid)
        if row is None:
            raise NotFoundError(f"Không còn {spec.label} mã {conflict.uuid} trong máy này.")
        incoming = json.loads(conflict.incoming_version)
        _check_resolution(spec, row, incoming, keep, actor)
        incoming_vector = incoming["vector"]
        same_record = conflict.incoming_uuid == conflict.uuid
        me = settings.installation_id()
        vector = local_vector(
            row.meta["revision"],
            row.hash,
            _states(spec.table, [row.meta["uuid"]]).get(row.meta["uuid"]),
            me,
        )
        if same_record:
            vector = merge_vectors(vector, incoming_vector)
        revision = max([*vector.values(), row.meta["revision"], incoming["revision"]]) + 1
        vector[me] = revision
        now = str(utcnow())
        if keep == "incoming":
            refs = {
                f.key: _ref_ids(f.ref, {incoming["data"][f.key]})
                for f in spec.fields
                if f.codec == "ref"
            }
            content_columns = [f.column for f in spec.fields] + list(spec.derived)
            assignments = ", ".join(f"{c} = ?" for c in content_columns)
            db.execute_sql(
                f"UPDATE {spec.table} SET {assignments}, deleted_at = ?, deleted_by = ?, "
                "revision = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                [
                    *_row_values(spec, incoming, refs, _unit_ids(), conflict.package_id),
                    incoming["deleted_at"],
                    incoming["deleted_by"],
                    revision,
                    now,
                    actor.username,
                    row.id,
                ],
            )
            final_hash = content_hash(incoming["data"], incoming["deleted_at"] is not None)
        else:
            db.execute_sql(
                f"UPDATE {spec.table} SET revision = ?, updated_at = ?, updated_by = ? "
                "WHERE id = ?",
                [revision, now, actor.username, row.id],
            )
            final_hash = row.hash
        states = [(conflict.uuid, final_hash, vector)]
        if not same_record:
            states.append((conflict.incoming_uuid, conflict.incoming_hash, incoming_vector))
        for uuid, digest, state_vector in states:
            db.execute_sql(
                "INSERT INTO sync_state (kind, uuid, content_hash, vector, received_at, "
                "package_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, uuid) DO UPDATE SET "
                "content_hash = excluded.content_hash, vector = excluded.vector, "
                "received_at = excluded.received_at",
                [spec.table, uuid, digest, _ENCODE(state_vector), now, conflict.package_id],
            )
        conflict.resolved_at = now
        conflict.resolved_by = actor.username
        conflict.resolution = keep
        conflict.save()
        _log_resolution(spec, conflict, row, incoming, keep, actor)


def _check_resolution(spec: KindSpec, row: LocalRow, incoming: dict, keep: str, actor) -> None:
    unit_key = _unit_key(spec)
    if unit_key is None:
        return
    states = [row.data] + ([incoming["data"]] if keep == "incoming" else [])
    for data in states:
        if data.get(unit_key):
            permissions.require(actor, "package.import", data[unit_key])
    if keep != "incoming":
        return  # the local content stays: nothing a report counts changes
    if spec.own_date:
        days = [data.get(spec.own_date) for data in states]
    elif spec.table == "commendation":
        ids = _ref_ids("decision", {data["decision"] for data in states})
        days = [
            db.execute_sql(
                "SELECT decided_on FROM decision WHERE id = ?", [ids.get(data["decision"])]
            ).fetchone()
            for data in states
        ]
        days = [day[0] if day else None for day in days]
    else:
        return
    unit_ids = _unit_ids()
    for data, day in zip(states, days, strict=True):
        period_locks.check_unlocked(unit_ids.get(data.get(unit_key)), day)


def _log_resolution(
    spec: KindSpec, conflict: SyncConflict, row: LocalRow, incoming: dict, keep: str, actor
) -> None:
    refs: dict[str, str] = {}
    before = _readable(spec, row.data, refs)
    changes: dict = {}
    action = "update"
    if keep == "incoming":
        changes = audit.diff(before, _readable(spec, incoming["data"], refs))
        deleted = incoming["deleted_at"] is not None
        if deleted != row.deleted:
            action = "delete" if deleted else "restore"
            changes["deleted_at"] = [row.meta["deleted_at"], incoming["deleted_at"]]
    unit_key = _unit_key(spec)
    data = incoming["data"] if keep == "incoming" else row.data
    audit.log(
        actor,
        action,
        table=spec.table,
        uuid=conflict.uuid,
        label=vietnamese.nfc(spec.title(data))[:200],
        unit_id=_unit_ids().get(data.get(unit_key)) if unit_key else None,
        summary=f"Xử lý xung đột số {conflict.id} (gói {conflict.package_id}): giữ "
        + ("bản trong gói" if keep == "incoming" else "bản ở máy này"),
        changes=changes,
    )
