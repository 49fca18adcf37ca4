"""Offline consolidation: export a unit's records as a package; import, merge and register one.

How two databases agree on which version of a record is newer
--------------------------------------------------------------
Each record carries a *version vector* ``{installation id: counter}`` in the package. A
database never stores the vector on the record itself; it keeps, in ``sync_state``, the
content hash and vector of the version it last exchanged. The vector of a local record is:

- never exchanged: ``{this installation: revision}``;
- unchanged since the exchange (same content hash): the stored vector;
- changed here since: the stored vector with this installation's entry set to the record's
  revision (accepting a version sets the revision to at least every counter in its vector, and
  every local change adds one, so the entry always grows).

An incoming version whose vector is dominated by the local one is old news and changes nothing;
one that dominates the local one replaces it; two concurrent versions with different content
are a *conflict*: the local version stays and both are kept in ``sync_conflict`` until the user
picks one. Nothing is ever settled silently. See docs/package-format.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid as uuid_module
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import Path

from movement_desk import __version__, vietnamese
from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.choices import (
    CommendationForm,
    ManagingLevel,
    ModelCategory,
    ModelStatus,
    OrganisationKind,
    OrganizerKind,
    PledgeOutcome,
    RatingResult,
    RatingSubject,
    RecipientKind,
    SessionKind,
)
from movement_desk.db.connection import db
from movement_desk.db.migrations import latest_version
from movement_desk.db.models import utcnow
from movement_desk.db.packages import (
    PackageExported,
    PackageReceived,
    SyncAlias,
    SyncConflict,
)
from movement_desk.services import package_file
from movement_desk.services.core import audit, lookups, period_locks, permissions, settings, signing
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import (
    FieldError,
    NotFoundError,
    PermissionDenied,
    ServiceError,
    ValidationError,
)
from movement_desk.services.core.periods import parse_period
from movement_desk.services.core.validation import MAX_COUNT
from movement_desk.services.package_file import PackageError
from movement_desk.services.records import (
    commendations,
    community_models,
    frozen,
    organisations,
    ratings,
    sessions,
    units,
)

# Set in tests only: the import stops the process (os._exit) after this many records were
# written, to prove that a kill half-way leaves the database as it was.
CRASH_ENV_VAR = "MOVEMENT_DESK_TEST_CRASH_AFTER_RECORDS"

META_COLUMNS = (
    "uuid",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "deleted_at",
    "deleted_by",
    "revision",
    "origin",
)
MODES = ("all", "period", "since_last")
MODE_LABELS = {"all": "toàn bộ", "period": "theo kỳ", "since_last": "từ lần gửi trước"}
CHUNK = 500


# ---------------------------------------------------------------------------------------------
# What travels: the record kinds and their fields


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record in a package. ``unit`` travels as the unit code, ``ref`` as a uuid."""

    key: str
    label: str
    codec: str = "text"  # text | int | date | stamp | enum | unit | ref
    enum: type[Enum] | None = None
    ref: str | None = None
    nullable: bool = False
    # Written only when it holds something, and may be missing: a field added after packages
    # were in use (the revocation of a commendation) leaves older packages and hashes valid.
    optional: bool = False

    @property
    def empty(self):
        """The stored value of an optional field that is not in the package."""
        return None if self.nullable else ""

    @property
    def column(self) -> str:
        return f"{self.key}_id" if self.codec in ("unit", "ref") else self.key


@dataclass(frozen=True)
class KindSpec:
    """A table that travels in packages."""

    table: str
    label: str
    fields: tuple[FieldSpec, ...]
    index: Callable[[dict], dict]
    title: Callable[[dict], str]
    own_date: str | None = None  # the record's own date, for --period
    derived: tuple[str, ...] = ("search_key", "sort_key")


def _name_keys(values: dict) -> dict:
    return {
        "search_key": vietnamese.fold(values["name"]),
        "sort_key": vietnamese.sort_key(values["name"]),
    }


def _date_text(value: str | None) -> str:
    return vietnamese.format_date(date.fromisoformat(value)) if value else ""


INT, DATE = "int", "date"

KIND_SPECS: tuple[KindSpec, ...] = (
    KindSpec(
        "model_type",
        "loại mô hình",
        (
            FieldSpec("name", "Tên loại mô hình"),
            FieldSpec("category", "Nhóm", "enum", ModelCategory),
            FieldSpec("criteria", "Tiêu chí"),
            FieldSpec("description", "Mô tả"),
        ),
        _name_keys,
        lambda d: d["name"],
    ),
    KindSpec(
        "organizer",
        "đơn vị tổ chức",
        (
            FieldSpec("kind", "Loại đơn vị tổ chức", "enum", OrganizerKind),
            FieldSpec("name", "Tên đơn vị tổ chức"),
            FieldSpec("unit", "Đơn vị", "unit", nullable=True),
        ),
        _name_keys,
        lambda d: d["name"],
    ),
    KindSpec(
        "decision",
        "quyết định khen thưởng",
        (
            FieldSpec("number", "Số quyết định"),
            FieldSpec("decided_on", "Ngày quyết định", DATE),
            FieldSpec("authority", "Cơ quan, người ban hành"),
            FieldSpec("unit", "Đơn vị", "unit"),
            FieldSpec("form", "Hình thức khen thưởng", "enum", CommendationForm),
            FieldSpec("emulation_title", "Danh hiệu thi đua"),
            FieldSpec("signer_prefix", "Thẩm quyền ký"),
            FieldSpec("signer_title", "Chức vụ người ký"),
            FieldSpec("signer_name", "Người ký"),
            FieldSpec("place", "Nơi ký"),
            FieldSpec("achievement", "Thành tích"),
        ),
        commendations.decision_index_keys,
        lambda d: f"Quyết định số {d['number']} ngày {_date_text(d['decided_on'])}",
        own_date="decided_on",
        derived=("number_key", "authority_key", "search_key"),
    ),
    KindSpec(
        "activity_session",
        "buổi phát động, tuyên truyền",
        (
            FieldSpec("held_on", "Ngày tổ chức", DATE),
            FieldSpec("unit", "Đơn vị", "unit"),
            FieldSpec("organizer_kind", "Loại đơn vị tổ chức", "enum", OrganizerKind),
            FieldSpec("organizer_name", "Đơn vị tổ chức"),
            FieldSpec("kind", "Hình thức", "enum", SessionKind),
            FieldSpec("title", "Nội dung"),
            FieldSpec("participants", "Số lượt người tham gia", INT),
            FieldSpec("tips", "Số tin có giá trị", INT),
            FieldSpec("notes", "Ghi chú"),
        ),
        sessions.index_keys,
        lambda d: f"{_date_text(d['held_on'])} – {d['title']}",
        own_date="held_on",
    ),
    KindSpec(
        "community_model",
        "mô hình",
        (
            FieldSpec("name", "Tên mô hình"),
            FieldSpec("model_type", "Loại mô hình", "ref", ref="model_type"),
            FieldSpec("unit", "Đơn vị", "unit"),
            FieldSpec("managing_kind", "Loại cơ quan quản lý", "enum", OrganizerKind),
            FieldSpec("managing_name", "Cơ quan quản lý"),
            FieldSpec("established_on", "Ngày thành lập", DATE),
            FieldSpec("members", "Số thành viên", INT),
            FieldSpec("status", "Tình trạng", "enum", ModelStatus),
            FieldSpec("status_date", "Ngày chuyển tình trạng", DATE, nullable=True),
            FieldSpec("notes", "Ghi chú"),
        ),
        community_models.index_keys,
        lambda d: d["name"],
        own_date="established_on",
    ),
    KindSpec(
        "commendation",
        "người/tập thể được khen thưởng",
        (
            FieldSpec("decision", "Quyết định", "ref", ref="decision"),
            FieldSpec("unit", "Đơn vị", "unit"),
            FieldSpec("position", "Thứ tự", INT),
            FieldSpec("recipient_kind", "Đối tượng", "enum", RecipientKind),
            FieldSpec("recipient_name", "Tên người, tập thể được khen"),
            FieldSpec("recipient_position", "Chức vụ, cấp bậc"),
            FieldSpec("recipient_unit", "Đơn vị, địa chỉ"),
            FieldSpec("achievement", "Thành tích"),
            FieldSpec("register_number", "Số sổ vàng"),
            # A revocation travels: the province's copy verifies as revoked too.
            FieldSpec("revoked_at", "Ngày thu hồi", "stamp", nullable=True, optional=True),
            FieldSpec("revoked_by", "Người thu hồi", nullable=True, optional=True),
            FieldSpec("revoked_reason", "Lý do thu hồi", optional=True),
        ),
        commendations.recipient_index_keys,
        lambda d: d["recipient_name"],
    ),
    # The "An toàn về ANTT" ratings (issue 19). Residential areas are units: the receiving
    # database loads them with its unit list ("units import"), as it does communes.
    KindSpec(
        "organisation",
        "cơ quan, doanh nghiệp, cơ sở giáo dục",
        (
            FieldSpec("name", "Tên"),
            FieldSpec("kind", "Loại", "enum", OrganisationKind),
            FieldSpec("unit", "Đơn vị", "unit"),
            FieldSpec("managing_level", "Cấp quản lý", "enum", ManagingLevel),
            FieldSpec("notes", "Ghi chú"),
        ),
        organisations.index_keys,
        lambda d: d["name"],
    ),
    KindSpec(
        "safety_rating",
        "kết quả xây dựng tiêu chuẩn “An toàn về ANTT”",
        (
            FieldSpec("year", "Năm", INT),
            FieldSpec("subject_kind", "Đối tượng", "enum", RatingSubject),
            FieldSpec("unit", "Đơn vị", "unit"),
            FieldSpec("organisation", "Cơ quan", "ref", ref="organisation", nullable=True),
            FieldSpec("registered_on", "Ngày đăng ký", DATE, nullable=True),
            FieldSpec("registration_ref", "Số nghị quyết, kế hoạch đăng ký"),
            FieldSpec("households_total", "Số hộ", INT),
            FieldSpec("households_registered", "Số hộ đăng ký", INT),
            FieldSpec("result", "Kết quả", "enum", RatingResult),
            FieldSpec("missed_criteria", "Tiêu chí không đạt"),
            FieldSpec("recognised_by", "Cơ quan công nhận"),
            FieldSpec("decision_number", "Số quyết định công nhận"),
            FieldSpec("decision_date", "Ngày quyết định công nhận", DATE, nullable=True),
            FieldSpec("signer_name", "Người ký quyết định công nhận", optional=True),
            FieldSpec("confirmed_by", "Người xác nhận"),
            FieldSpec("notes", "Ghi chú"),
        ),
        lambda d: {},
        lambda d: f"Năm {d['year']}: {RatingSubject(d['subject_kind']).label}",
        derived=(),
    ),
    KindSpec(
        "pledge",
        "giao ước thi đua",
        (
            FieldSpec("year", "Năm", INT),
            FieldSpec("title", "Nội dung giao ước"),
            FieldSpec("unit", "Đơn vị", "unit"),
            FieldSpec("signed_on", "Ngày ký", DATE),
            FieldSpec("session", "Buổi ký kết", "ref", ref="activity_session", nullable=True),
            FieldSpec("targets", "Chỉ tiêu"),
            FieldSpec("notes", "Ghi chú"),
        ),
        lambda d: {},
        lambda d: d["title"],
        own_date="signed_on",
        derived=(),
    ),
    KindSpec(
        "pledge_party",
        "bên tham gia giao ước thi đua",
        (
            FieldSpec("pledge", "Giao ước", "ref", ref="pledge"),
            FieldSpec("unit", "Đơn vị", "unit"),
            FieldSpec("organisation", "Cơ quan", "ref", ref="organisation", nullable=True),
            FieldSpec("position", "Thứ tự", INT),
            FieldSpec("outcome", "Kết quả", "enum", PledgeOutcome),
            FieldSpec("outcome_notes", "Nhận xét"),
        ),
        lambda d: {},
        lambda d: d["unit"] or "",
        derived=(),
    ),
)
KIND_BY_TABLE = {spec.table: spec for spec in KIND_SPECS}
KIND_ORDER = [spec.table for spec in KIND_SPECS]
# Print tracking (print_count, first/last_printed_at) stays with the installation that printed.


def kind_label(kind: str) -> str:
    return KIND_BY_TABLE[kind].label


# ---------------------------------------------------------------------------------------------
# Content hashes and version vectors


_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def content_hash(data: dict, deleted: bool) -> str:
    """SHA-256 of what a user sees of a record: its fields and whether it is deleted."""
    return hashlib.sha256(_ENCODE([data, deleted]).encode("utf-8")).hexdigest()


def compare_vectors(incoming: dict[str, int], local: dict[str, int]) -> str:
    """``equal``, ``older`` (incoming ≤ local), ``newer`` (incoming ≥ local) or ``concurrent``."""
    incoming_ahead = any(value > local.get(key, 0) for key, value in incoming.items())
    local_ahead = any(value > incoming.get(key, 0) for key, value in local.items())
    if incoming_ahead and local_ahead:
        return "concurrent"
    if incoming_ahead:
        return "newer"
    if local_ahead:
        return "older"
    return "equal"


def merge_vectors(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return {key: max(a.get(key, 0), b.get(key, 0)) for key in a.keys() | b.keys()}


def local_vector(
    revision: int, current_hash: str, state: tuple[str, dict] | None, me: str
) -> dict[str, int]:
    """The version vector of a local record (see the module docstring)."""
    if state is None:
        return {me: revision}
    stored_hash, vector = state
    if current_hash == stored_hash:
        return vector
    changed = dict(vector)
    changed[me] = max(revision, vector.get(me, 0) + 1)
    return changed


# ---------------------------------------------------------------------------------------------
# Reading local records as package lines


def _select_sql(spec: KindSpec) -> str:
    columns = [f"t.{c}" for c in META_COLUMNS]
    joins = []
    for index, spec_field in enumerate(spec.fields):
        if spec_field.codec == "unit":
            joins.append(f"LEFT JOIN admin_unit j{index} ON j{index}.id = t.{spec_field.column}")
            columns.append(f"j{index}.code")
        elif spec_field.codec == "ref":
            joins.append(
                f"LEFT JOIN {spec_field.ref} j{index} ON j{index}.id = t.{spec_field.column}"
            )
            columns.append(f"j{index}.uuid")
        else:
            columns.append(f"t.{spec_field.column}")
    columns.append("t.id")
    return f"SELECT {', '.join(columns)} FROM {spec.table} t {' '.join(joins)}"


@dataclass
class LocalRow:
    id: int
    meta: dict
    data: dict

    @property
    def deleted(self) -> bool:
        return self.meta["deleted_at"] is not None

    @property
    def hash(self) -> str:
        return content_hash(self.data, self.deleted)


def _row_to_local(spec: KindSpec, row: tuple) -> LocalRow:
    meta_count = len(META_COLUMNS)
    meta = dict(zip(META_COLUMNS, row[:meta_count], strict=True))
    for key in ("created_at", "updated_at", "deleted_at"):
        if meta[key] is not None:
            meta[key] = str(meta[key])
    data = {
        spec_field.key: str(value) if spec_field.codec == "stamp" and value is not None else value
        for spec_field, value in zip(spec.fields, row[meta_count:-1], strict=True)
        if not (spec_field.optional and value in (None, ""))
    }
    return LocalRow(row[-1], meta, data)


def _query_local(spec: KindSpec, where: str = "", params: Iterable = ()) -> list[LocalRow]:
    sql = _select_sql(spec) + (f" WHERE {where}" if where else "") + " ORDER BY t.id"
    return [_row_to_local(spec, row) for row in db.execute_sql(sql, list(params)).fetchall()]


def _local_by_uuid(spec: KindSpec, uuids: list[str]) -> dict[str, LocalRow]:
    found: dict[str, LocalRow] = {}
    for start in range(0, len(uuids), CHUNK):
        chunk = uuids[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in _query_local(spec, f"t.uuid IN ({marks})", chunk):
            found[row.meta["uuid"]] = row
    return found


def _states(kind: str, uuids: list[str] | None = None) -> dict[str, tuple[str, dict]]:
    sql = "SELECT uuid, content_hash, vector FROM sync_state WHERE kind = ?"
    if uuids is None:
        rows = db.execute_sql(sql, [kind]).fetchall()
    else:
        rows = []
        for start in range(0, len(uuids), CHUNK):
            chunk = uuids[start : start + CHUNK]
            rows += db.execute_sql(
                sql + f" AND uuid IN ({','.join('?' * len(chunk))})", [kind, *chunk]
            ).fetchall()
    return {uuid: (digest, json.loads(vector)) for uuid, digest, vector in rows}


def _line(row: LocalRow, vector: dict[str, int]) -> dict:
    return {**row.meta, "vector": vector, "data": row.data}


# ---------------------------------------------------------------------------------------------
# Export


@dataclass
class ExportResult:
    """What a package holds, for the message after an export."""

    path: Path
    package_id: str
    unit_code: str
    unit_name: str
    mode: str
    period_code: str
    counts: dict[str, dict[str, int]]
    size: int

    @property
    def record_count(self) -> int:
        return sum(c["records"] for c in self.counts.values())

    def summary(self) -> str:
        parts = [
            f"{vietnamese.format_number(c['records'])} {kind_label(kind)}"
            + (f" ({vietnamese.format_number(c['deleted'])} đã xóa)" if c["deleted"] else "")
            for kind, c in self.counts.items()
            if c["records"]
        ]
        scope = self.period_code and f" kỳ {self.period_code}" or f" ({MODE_LABELS[self.mode]})"
        body = "; ".join(parts) if parts else "không có bản ghi nào thay đổi"
        return f"Đã xuất gói dữ liệu của {self.unit_name}{scope} ra {self.path}: {body}."


def _mode_filter(spec: KindSpec, mode: str, bounds, since) -> tuple[str, list]:
    if mode == "period":
        start, end = (day.isoformat() for day in bounds)
        parts = ["date(t.updated_at) BETWEEN ? AND ?", "date(t.created_at) BETWEEN ? AND ?"]
        params = [start, end, start, end]
        if spec.own_date:
            parts.append(f"t.{spec.own_date} BETWEEN ? AND ?")
            params += [start, end]
        return "(" + " OR ".join(parts) + ")", params
    if mode == "since_last" and since is not None:
        stamp = str(since)
        return (
            "(t.updated_at >= ? OR t.uuid IN "
            "(SELECT uuid FROM sync_state WHERE kind = ? AND received_at >= ?))",
            [stamp, spec.table, stamp],
        )
    return "", []


def _and(*parts: str) -> str:
    return " AND ".join(f"({p})" for p in parts if p)


def _collect(unit_ids: list[int], mode: str, bounds, since) -> dict[str, list[LocalRow]]:
    ids = ",".join(str(int(i)) for i in unit_ids)
    in_scope = f"t.unit_id IN ({ids})"
    scopes = {
        # The catalogue travels only as far as the models refer to it (added below).
        "model_type": "0",
        "organizer": in_scope,
        "decision": in_scope,
        "activity_session": in_scope,
        "community_model": in_scope,
        # A recipient of this unit on a decision of a level above is that level's record: it
        # travels from there, never in this unit's package (whose signer may not touch it).
        "commendation": f"t.decision_id IN (SELECT id FROM decision WHERE unit_id IN ({ids}))",
        "organisation": in_scope,
        "safety_rating": in_scope,
        "pledge": in_scope,
        "pledge_party": f"t.pledge_id IN (SELECT id FROM pledge WHERE unit_id IN ({ids}))",
    }
    selected: dict[str, list[LocalRow]] = {}
    for spec in KIND_SPECS:
        where, params = _mode_filter(spec, mode, bounds, since)
        selected[spec.table] = _query_local(spec, _and(scopes[spec.table], where), params)
    # What the selected records refer to travels with them, whatever its own date.
    for kind, ref_kind, key in (
        ("commendation", "decision", "decision"),
        ("community_model", "model_type", "model_type"),
        ("pledge_party", "pledge", "pledge"),
        ("safety_rating", "organisation", "organisation"),
        ("pledge_party", "organisation", "organisation"),
        ("pledge", "activity_session", "session"),
    ):
        have = {row.meta["uuid"] for row in selected[ref_kind]}
        wanted = sorted({row.data[key] for row in selected[kind]} - have - {None})
        extra = _local_by_uuid(KIND_BY_TABLE[ref_kind], wanted)
        selected[ref_kind].extend(extra[uuid] for uuid in wanted if uuid in extra)
    return selected


def _relayed_register(unit_codes: set[str]) -> tuple[list[package_file.RelayedManifest], list]:
    """The signed manifests of the packages received here for ``unit_codes`` (relayed up
    unchanged, so the level above checks each office's own signature), and the public keys
    they were signed with (vouched for by this installation's signature)."""
    rows = PackageReceived.select().where(
        PackageReceived.unit_code.in_(sorted(unit_codes)) & (PackageReceived.manifest_blob != "")
    )
    seen: set[str] = set()
    relayed: list[package_file.RelayedManifest] = []
    key_ids: set[str] = set()
    for row in rows.order_by(PackageReceived.id):
        if row.package_id in seen:
            continue
        seen.add(row.package_id)
        try:
            key_id = package_file.parse_signature(row.signature_blob.encode("utf-8"))[0]
        except package_file.SchemaError:
            continue
        key = signing.find_key(key_id)
        if key is None or key.own:
            continue  # our own packages coming back are not relayed
        key_ids.add(key_id)
        relayed.append(
            package_file.RelayedManifest(
                row.package_id,
                row.unit_code,
                row.manifest_blob.encode("utf-8"),
                row.signature_blob.encode("utf-8"),
            )
        )
    keys = [signing.find_key(key_id) for key_id in sorted(key_ids)]
    return relayed, [key for key in keys if key is not None and not key.revoked]


def export_package(
    unit_code: str,
    out_path: str | Path,
    actor: Actor,
    *,
    period: str | None = None,
    since_last: bool = False,
    rule: str | None = None,
) -> ExportResult:
    """Write the records of ``unit_code`` and everything under it (deletions included).

    With ``period``: those created, changed or dated in the period; with ``since_last``: those
    changed or received since the last export of this unit; with neither: all of them.
    """
    if period and since_last:
        raise ValidationError(
            [FieldError("period", "Kỳ", "chọn một trong hai: theo kỳ hoặc từ lần gửi trước.")]
        )
    out_path = Path(out_path)
    if out_path.exists() and out_path.is_dir():
        raise ServiceError(f"{out_path} là một thư mục; hãy chọn tên tệp gói dữ liệu.")
    unit = units.get_unit(unit_code)
    permissions.require(actor, "package.export", unit)
    rule = rule or settings.get("period_rule")
    today = date.today()
    bounds = None
    since = None
    period_code = ""
    covers_from: date | None = None
    covers_to = today
    if period:
        mode = "period"
        parsed = parse_period(period)
        bounds = parsed.bounds(rule)
        period_code = parsed.code
        covers_from, covers_to = bounds[0], min(bounds[1], today)
    elif since_last:
        mode = "since_last"
    else:
        mode = "all"
    me = settings.installation_id()
    package_id = str(uuid_module.uuid4())
    with db.atomic():
        started_at = utcnow()
        if mode == "since_last":
            previous = (
                PackageExported.select()
                .where(PackageExported.unit_code == unit.code)
                .order_by(PackageExported.started_at.desc())
                .first()
            )
            since = previous.started_at if previous else None
        tree = units.UnitTree.load()
        unit_ids = tree.subtree_ids(unit.id)
        selected = _collect(unit_ids, mode, bounds, since)
        records: dict[str, list[dict]] = {}
        counts: dict[str, dict[str, int]] = {}
        for spec in KIND_SPECS:
            rows = selected[spec.table]
            states = _states(spec.table)
            records[spec.table] = [
                _line(
                    row,
                    local_vector(row.meta["revision"], row.hash, states.get(row.meta["uuid"]), me),
                )
                for row in rows
            ]
            counts[spec.table] = {
                "records": len(rows),
                "deleted": sum(1 for row in rows if row.deleted),
            }
        subtree_codes = {tree.by_id[i].code for i in unit_ids}
        relayed, relayed_keys = _relayed_register(subtree_codes)
        key_id = signing.own_key_id()
        manifest = {
            "format": package_file.FORMAT,
            "format_version": package_file.FORMAT_VERSION,
            "package_id": package_id,
            "created_at": started_at.isoformat(timespec="seconds") + "Z",
            "app_version": __version__,
            "database_schema": latest_version(),
            "source": {
                "installation_id": me,
                "unit_code": unit.code,
                "unit_name": unit.title,
                "exported_by": actor.username,
            },
            "scope": {
                "mode": mode,
                "period": period_code,
                "rule": rule if period else None,
                "from": bounds[0].isoformat() if bounds else None,
                "to": bounds[1].isoformat() if bounds else None,
                "since": str(since) if since else None,
                "covers_from": covers_from.isoformat() if covers_from else None,
                "covers_to": covers_to.isoformat(),
            },
            "signer": {"key_id": key_id, "unit_code": settings.get("home_unit_code") or ""},
            "counts": counts,
            "keys": [
                {
                    "key_id": key.key_id,
                    "public_key": signing.b64(key.public_raw),
                    "unit_code": key.signer_unit(),
                }
                for key in relayed_keys
                if key.signer_unit() in subtree_codes
            ],
        }
        size = package_file.write_package(out_path, manifest, records, relayed=relayed)
        PackageExported.create(
            package_id=package_id,
            unit_code=unit.code,
            mode=mode,
            period_code=period_code,
            since=since,
            started_at=started_at,
            exported_by=actor.username,
            file_name=str(out_path),
            record_count=sum(c["records"] for c in counts.values()),
            counts=json.dumps(counts),
        )
        result = ExportResult(
            out_path, package_id, unit.code, unit.title, mode, period_code, counts, size
        )
        audit.log(
            actor,
            "package",
            table="package_exported",
            uuid=package_id,
            label=f"{unit.title} ({unit.code})",
            unit_id=unit.id,
            summary=f"Gói {package_id}. " + result.summary(),
        )
    return result


def last_export(unit_code: str) -> PackageExported | None:
    """The latest package exported here for ``unit_code`` (the ``--since-last`` watermark)."""
    return (
        PackageExported.select()
        .where(PackageExported.unit_code == unit_code)
        .order_by(PackageExported.started_at.desc())
        .first()
    )


# ---------------------------------------------------------------------------------------------
# Checking a package's records


EARLIEST_YEAR, LATEST_YEAR = 1945, 2200  # dates outside are typing errors or forgeries
MAX_META_TEXT = 200
MAX_VECTOR = 1_000
MAX_COUNTER = 1_000_000_000


def _check_stamp(value, nullable: bool = False) -> bool:
    if value is None:
        return nullable
    if not isinstance(value, str) or len(value) > 40:
        return False
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return False
    return EARLIEST_YEAR <= moment.year <= LATEST_YEAR


def _check_line(spec: KindSpec, line: object, enums: dict) -> str | None:
    """Return what is wrong with one record of a package, or None. Texts are NFC-normalised."""
    if not isinstance(line, dict):
        return "không phải một bản ghi"
    uuid = line.get("uuid")
    if not isinstance(uuid, str) or not 1 <= len(uuid) <= 64:
        return "thiếu mã định danh (uuid)"
    if not (_check_stamp(line.get("created_at")) and _check_stamp(line.get("updated_at"))):
        return "thời điểm tạo hoặc sửa không hợp lệ"
    if not _check_stamp(line.get("deleted_at"), nullable=True):
        return "thời điểm xóa không hợp lệ"
    for key in ("created_by", "updated_by", "origin"):
        if not isinstance(line.get(key), str) or len(line[key]) > MAX_META_TEXT:
            return f"thiếu hoặc sai trường {key}"
    deleted_by = line.get("deleted_by")
    if deleted_by is not None and (not isinstance(deleted_by, str) or len(deleted_by) > 200):
        return "người xóa không hợp lệ"
    revision = line.get("revision")
    if type(revision) is not int or not 1 <= revision <= MAX_COUNTER:
        return "số phiên bản (revision) không hợp lệ"
    vector = line.get("vector")
    if (
        not isinstance(vector, dict)
        or not 1 <= len(vector) <= MAX_VECTOR
        or not all(
            isinstance(k, str) and len(k) <= 64 and type(v) is int and 1 <= v <= MAX_COUNTER
            for k, v in vector.items()
        )
    ):
        return "véc-tơ phiên bản không hợp lệ"
    extra = set(line) - {*META_COLUMNS, "vector", "data"}
    if extra:
        return f"có trường lạ “{sorted(extra)[0][:40]}”"
    data = line.get("data")
    if not isinstance(data, dict) or not (
        {f.key for f in spec.fields if not f.optional} <= set(data) <= {f.key for f in spec.fields}
    ):
        return "các trường dữ liệu không đúng với loại bản ghi"
    for spec_field in spec.fields:
        if spec_field.key not in data:
            continue  # an optional field left out
        value = data[spec_field.key]
        if value is None:
            if spec_field.nullable:
                continue
            return f"trường “{spec_field.label}” bị trống"
        codec = spec_field.codec
        if isinstance(value, str) and len(value) > 100_000:
            return f"trường “{spec_field.label}” dài quá mức"
        if codec == "int":
            if type(value) is not int or value < 0:
                return f"trường “{spec_field.label}” phải là số nguyên không âm"
            if value > MAX_COUNT:
                return (
                    f"trường “{spec_field.label}” = {vietnamese.format_number(value)} quá lớn "
                    f"(tối đa {vietnamese.format_number(MAX_COUNT)})"
                )
        elif not isinstance(value, str):
            return f"trường “{spec_field.label}” không phải chữ"
        elif codec == "date":
            try:
                day = date.fromisoformat(value)
            except ValueError:
                return f"trường “{spec_field.label}” không phải ngày hợp lệ"
            if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
                return f"trường “{spec_field.label}” có ngày {value} ngoài khoảng hợp lý"
        elif codec == "stamp":
            if not _check_stamp(value):
                return f"trường “{spec_field.label}” không phải thời điểm hợp lệ"
        elif codec == "enum":
            if value not in enums[spec_field.key]:
                return f"trường “{spec_field.label}” có giá trị lạ “{value}”"
        elif codec == "text" and not value.isascii():
            data[spec_field.key] = vietnamese.nfc(value)
    return None


def _check_records(content: package_file.PackageContent) -> None:
    problems: list[str] = []
    for spec in KIND_SPECS:
        enums = {f.key: set(f.enum.keys()) for f in spec.fields if f.codec == "enum"}
        seen: set[str] = set()
        for number, line in enumerate(content.records[spec.table], start=1):
            problem = _check_line(spec, line, enums)
            if problem is None and line["uuid"] in seen:
                problem = "trùng mã định danh với một bản ghi khác trong gói"
            if problem:
                problems.append(f"{spec.label} thứ {number}: {problem}")
            else:
                seen.add(line["uuid"])
    if problems:
        shown = "; ".join(problems[:10])
        more = f" (và {len(problems) - 10} lỗi nữa)" if len(problems) > 10 else ""
        raise PackageError(
            f"Không nhập được tệp {content.path.name}: gói có bản ghi hỏng: {shown}{more}. "
            "Cơ sở dữ liệu không bị thay đổi."
        )


# ---------------------------------------------------------------------------------------------
# Import


@dataclass
class KindCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    conflicts: int = 0

    @property
    def total(self) -> int:
        return self.new + self.updated + self.unchanged + self.deleted + self.conflicts

    def as_dict(self) -> dict[str, int]:
        return {
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "conflicts": self.conflicts,
        }


@dataclass
class ConflictBrief:
    kind: str
    uuid: str
    title: str


@dataclass
class ImportReport:
    """What a package brings (preview) or brought (import), per record kind."""

    path: Path
    package_id: str
    source_unit_code: str
    source_unit_name: str
    mode: str
    period_code: str
    created_at: str
    counts: dict[str, KindCounts]
    conflicts: list[ConflictBrief] = field(default_factory=list)
    already_received: bool = False
    dry_run: bool = False
    signed_by: str = ""  # "khóa ABCD-…, đơn vị 01858": who signed it, as checked

    def total(self, what: str) -> int:
        return sum(getattr(c, what) for c in self.counts.values())

    def summary(self) -> str:
        verb = "Gói sẽ đem lại" if self.dry_run else "Đã nhập gói"
        scope = f"kỳ {self.period_code}" if self.period_code else MODE_LABELS[self.mode]
        head = (
            f"{verb} của {self.source_unit_name} ({self.source_unit_code}, {scope}, "
            f"tạo lúc {created_text(self.created_at)}): "
            f"{vietnamese.format_number(self.total('new'))} mới, "
            f"{vietnamese.format_number(self.total('updated'))} cập nhật, "
            f"{vietnamese.format_number(self.total('unchanged'))} không đổi, "
            f"{vietnamese.format_number(self.total('deleted'))} xóa, "
            f"{vietnamese.format_number(self.total('conflicts'))} xung đột."
        )
        if self.already_received:
            head += " Gói này đã được nhập trước đây."
        if self.signed_by:
            head += f" Chữ ký số hợp lệ ({self.signed_by})."
        return head


def _supersedes(incoming_vector: dict[str, int], pending: SyncConflict | None) -> bool:
    """A pending conflict is settled by a version that has seen both sides of it."""
    if pending is None:
        return False
    return compare_vectors(incoming_vector, json.loads(pending.incoming_vector)) in (
        "newer",
        "equal",
    )


def _unit_ids() -> dict[str, int]:
    return {code: unit_id for unit_id, code in db.execute_sql("SELECT id, code FROM admin_unit")}


def _ref_ids(table: str, uuids: set[str]) -> dict[str, int]:
    """Local ids for uuids of ``table``, following aliases."""
    wanted = sorted(u for u in uuids if u is not None)
    found: dict[str, int] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        for uuid, record_id in db.execute_sql(
            f"SELECT uuid, id FROM {table} WHERE uuid IN ({marks})", chunk
        ).fetchall():
            found[uuid] = record_id
        for incoming, record_id in db.execute_sql(
            f"SELECT a.incoming_uuid, t.id FROM sync_alias a JOIN {table} t "
            f"ON t.uuid = a.local_uuid WHERE a.kind = ? AND a.incoming_uuid IN ({marks})",
            [table, *chunk],
        ).fetchall():
            found.setdefault(incoming, record_id)
    return found


def _row_values(
    spec: KindSpec, line: dict, refs: dict[str, dict[str, int]], unit_ids: dict, file_name: str
) -> list:
    """Column values (content, then the derived search and sort keys) to store for ``line``."""
    data = line["data"]
    values = []
    for spec_field in spec.fields:
        value = data.get(spec_field.key, spec_field.empty)
        if spec_field.codec == "unit":
            value = None if value is None else unit_ids[value]
        elif spec_field.codec == "ref":
            record_id = refs[spec_field.key].get(value)
            if record_id is None and value is None and spec_field.nullable:
                pass  # an optional reference left empty
            elif record_id is None:
                raise PackageError(
                    f"Không nhập được tệp {file_name}: {spec.label} “{spec.title(data)}” tham "
                    f"chiếu tới {kind_label(spec_field.ref)} {value} không có trong gói lẫn trong "
                    "máy này. Cơ sở dữ liệu không bị thay đổi."
                )
            value = record_id
        values.append(value)
    derived = spec.index(data)
    values.extend(derived[name] for name in spec.derived)
    return values


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


def signing_scope(tree: units.UnitTree, unit_code: str) -> frozenset[int]:
    """The units a key bound to ``unit_code`` signs for: the unit, everything under it, and
    the units they succeeded (a merged commune's office holds its predecessors' records) —
    never a sibling merged into the same successor."""
    try:
        root = tree.by_code(unit_code)
    except NotFoundError:
        return frozenset()
    found = set(tree.subtree_ids(root.id))
    edges: dict[int, list[int]] = {}
    for predecessor, successor in db.execute_sql(
        "SELECT predecessor_id, successor_id FROM unit_succession WHERE deleted_at IS NULL"
    ):
        edges.setdefault(successor, []).append(predecessor)
    stack = list(found)
    while stack:
        for predecessor in edges.get(stack.pop(), []):
            if predecessor not in found:
                found.add(predecessor)
                found.update(tree.subtree_ids(predecessor) if predecessor in tree.by_id else [])
                stack.append(predecessor)
    return frozenset(found)


class _Merger:
    """Plans and applies one package inside the caller's transaction.

    Before each kind is written, every record it would create or change is checked against
    the actor's unit scope and the period locks (before and after the change); after it is
    written, each created, changed, deleted or restored record gets its audit entry, in one
    prepared statement.
    """

    def __init__(self, content: package_file.PackageContent, actor: Actor, progress=None):
        self.content = content
        self.actor = actor
        self.progress = progress
        self.me = settings.installation_id()
        self.now = utcnow()
        self.unit_ids = _unit_ids()
        self.visible = permissions.visible_unit_ids(actor)
        self.signer: signing.KnownKey = content.signer
        self.signer_unit = self.signer.signer_unit()
        self.tree = units.UnitTree.load()
        self.signer_scope = signing_scope(self.tree, self.signer_unit)
        self.relayed_rows: list[dict] = []
        self.audited = 0
        self.ref_titles: dict[str, str] = {}
        self.conflicts: list[ConflictBrief] = []
        self.written = 0
        self.done = 0
        self.total = sum(len(lines) for lines in content.records.values())
        crash = os.environ.get(CRASH_ENV_VAR)
        self.crash_after = int(crash) if crash else None

    # -- references ----------------------------------------------------------------------
    def check_units(self) -> None:
        missing: set[str] = set()
        for spec in KIND_SPECS:
            keys = [f.key for f in spec.fields if f.codec == "unit"]
            for line in self.content.records[spec.table]:
                for key in keys:
                    code = line["data"][key]
                    if code is not None and code not in self.unit_ids:
                        missing.add(code)
        if missing:
            codes = ", ".join(sorted(missing)[:10])
            raise PackageError(
                f"Không nhập được tệp {self.content.path.name}: gói dùng đơn vị mã {codes} "
                "chưa có trong danh mục đơn vị hành chính của máy này. Hãy nạp danh sách đơn vị "
                "(lệnh “units import”) rồi nhập lại. Cơ sở dữ liệu không bị thay đổi."
            )
        outside = set()
        for spec in KIND_SPECS:
            keys = [f.key for f in spec.fields if f.codec == "unit"]
            for line in self.content.records[spec.table]:
                outside.update(line["data"][key] for key in keys)
        self.check_signed_scope()
        self.check_scope(outside - {None}, "gói có dữ liệu của")

    # -- what the signing office may send ---------------------------------------------------
    def _signer_text(self) -> str:
        unit = self.tree.by_id.get(self.unit_ids.get(self.signer_unit))
        name = f"{unit.title} ({unit.code})" if unit else self.signer_unit
        return f"{name}, khóa {self.signer.fingerprint}"

    def in_signer_scope(self, code: str | None) -> bool:
        return code is not None and self.unit_ids.get(code) in self.signer_scope

    def refuse_records(self, why: str, named: list[str]) -> None:
        shown = "; ".join(named[:5]) + (
            f" (và {len(named) - 5} bản ghi khác)" if len(named) > 5 else ""
        )
        raise PackageError(
            f"Không nhập được tệp {self.content.path.name}: gói được ký bởi {self._signer_text()}, "
            f"{why}: {shown}. Cơ sở dữ liệu không bị thay đổi."
        )

    def check_signed_scope(self) -> None:
        """Every record, deletion and the package's own unit within the signer's subtree."""
        source = self.content.manifest["source"]["unit_code"]
        if not self.in_signer_scope(source):
            self.refuse_records(
                "nhưng lại mang danh đơn vị khác ngoài phạm vi của khóa", [f"đơn vị {source}"]
            )
        named = []
        for spec in KIND_SPECS:
            keys = [f.key for f in spec.fields if f.codec == "unit"]
            for line in self.content.records[spec.table]:
                for key in keys:
                    code = line["data"][key]
                    if code is None:
                        continue
                    if not self.in_signer_scope(code):
                        title = vietnamese.nfc(str(spec.title(line["data"])))[:80]
                        named.append(f"{spec.label} “{title}” (đơn vị {code})")
        if named:
            self.refuse_records("mà có bản ghi của đơn vị ngoài phạm vi của đơn vị ký", named)

    def catalogue_allowed(self) -> bool:
        """The model-type catalogue (and organisers bound to no unit) is the province's: only a
        package signed for a unit at the top of the tree may change it."""
        unit = self.tree.by_id.get(self.unit_ids.get(self.signer_unit))
        return unit is not None and unit.parent_id is None

    def check_scope(self, codes: set[str], what: str) -> None:
        """Refuse the package when a unit it writes to lies outside the actor's scope."""
        if self.visible is None:
            return
        outside = sorted(code for code in codes if self.unit_ids.get(code) not in self.visible)
        if not outside:
            return
        tree = units.UnitTree.load()
        named = ", ".join(
            f"{tree.by_code(code).title} ({code})" if code in self.unit_ids else code
            for code in outside[:5]
        ) + (f" và {len(outside) - 5} đơn vị khác" if len(outside) > 5 else "")
        raise PermissionDenied(
            f"Không nhập được tệp {self.content.path.name}: tài khoản “{self.actor.username}” "
            f"chỉ làm việc với đơn vị của mình và các đơn vị trực thuộc, mà {what} {named}. "
            "Cơ sở dữ liệu không bị thay đổi."
        )

    # -- rights and locks of the records a kind would change ----------------------------------
    def _days(self, spec: KindSpec, states: list[dict]) -> list:
        """The day each state counts in for period locks (None: no lock applies)."""
        if spec.own_date:
            return [data.get(spec.own_date) for data in states]
        if spec.table != "commendation":
            return [None] * len(states)
        ids = _ref_ids("decision", {data["decision"] for data in states})
        days: dict[int, str] = {}
        wanted = sorted(set(ids.values()))
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            days.update(
                db.execute_sql(
                    f"SELECT id, decided_on FROM decision WHERE id IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
            )
        return [days.get(ids.get(data["decision"])) for data in states]

    def check_writes(self, spec: KindSpec, inserts: list, updates: list, local: dict) -> None:
        """Refuse the whole package when a record it creates or changes lies in a locked
        period or (its stored version) outside the actor's scope."""
        self.check_catalogue(spec, inserts, updates)
        self.check_frozen(spec, updates, local)
        unit_key = next((f.key for f in spec.fields if f.codec == "unit"), None)
        if unit_key is None or not (inserts or updates):
            return
        befores = [local[line["uuid"]].data for _, line, _ in updates]
        foreign = [
            f"{spec.label} “{vietnamese.nfc(str(spec.title(data)))[:80]}” (đơn vị {data[unit_key]})"
            for data in befores
            if data.get(unit_key) and not self.in_signer_scope(data[unit_key])
        ]
        if foreign:
            self.refuse_records("mà lại sửa hoặc xóa bản ghi của đơn vị khác ở máy này", foreign)
        self.check_scope(
            {data[unit_key] for data in befores if data.get(unit_key)},
            f"bản ghi {spec.label} ở máy này thuộc",
        )
        states = [line["data"] for line in inserts]
        states += [line["data"] for _, line, _ in updates] + befores
        days = self._days(spec, states)
        if all(day is None for day in days):
            return
        pairs = [
            (self.unit_ids.get(data.get(unit_key)), day)
            for data, day in zip(states, days, strict=True)
        ]
        found = period_locks.locks_over(pairs)
        if not found:
            return
        listed = "; ".join(
            f"{spec.label} “{spec.title(states[position])}” — {period_locks.describe(lock)}"
            for position, lock in found[:5]
        )
        more = f" (và {len(found) - 5} bản ghi khác)" if len(found) > 5 else ""
        raise period_locks.PeriodLockedError(
            f"Không nhập được tệp {self.content.path.name}: gói thêm hoặc sửa dữ liệu trong kỳ "
            f"đã khóa: {listed}{more}. Hãy đề nghị người khóa kỳ mở khóa rồi nhập lại (và khóa "
            "lại sau đó). Cơ sở dữ liệu không bị thay đổi."
        )

    def check_local_scope(self, spec: KindSpec, local: dict[str, LocalRow]) -> None:
        """A package may not update, delete or contest (conflict) a record this database holds
        for a unit outside the signer's subtree."""
        unit_key = _unit_key(spec)
        if unit_key is None:
            return
        foreign = [
            f"{spec.label} “{vietnamese.nfc(str(spec.title(row.data)))[:80]}” "
            f"(đơn vị {row.data[unit_key]})"
            for row in local.values()
            if row.data.get(unit_key) and not self.in_signer_scope(row.data[unit_key])
        ]
        if foreign:
            self.refuse_records("mà lại sửa hoặc xóa bản ghi của đơn vị khác ở máy này", foreign)

    def check_catalogue(self, spec: KindSpec, inserts: list, updates: list) -> None:
        if spec.table == "model_type":
            changed = inserts + [line for _, line, _ in updates]
        elif spec.table == "organizer":
            changed = [
                line
                for line in inserts + [line for _, line, _ in updates]
                if line["data"].get("unit") is None
            ]
        else:
            return
        if changed and not self.catalogue_allowed():
            self.refuse_records(
                "mà lại thêm, sửa hoặc xóa danh mục dùng chung của tỉnh (chỉ tỉnh được sửa; "
                "hãy đề nghị tỉnh bổ sung danh mục rồi gửi lại gói)",
                [
                    f"{spec.label} “{vietnamese.nfc(str(spec.title(line['data'])))[:80]}”"
                    for line in changed
                ],
            )

    def check_frozen(self, spec: KindSpec, updates: list, local: dict) -> None:
        """What a printed certificate says cannot be changed by a package."""
        if spec.table == "commendation":
            fields = {"recipient_name": "tên người được khen", "decision": "quyết định"}
            printed = frozen.printed_commendation_ids(record_id for record_id, _, _ in updates)
        elif spec.table == "decision":
            fields = {
                "number": "số quyết định",
                "decided_on": "ngày quyết định",
                "form": "hình thức",
                "emulation_title": "danh hiệu",
                "authority": "cơ quan ban hành",
            }
            printed = frozen.decisions_with_prints(record_id for record_id, _, _ in updates)
        else:
            return
        if not printed:
            return
        named = []
        for record_id, line, _ in updates:
            if record_id not in printed:
                continue
            before = local[line["uuid"]].data
            changed = [
                label for key, label in fields.items() if before.get(key) != line["data"].get(key)
            ]
            if changed:
                named.append(
                    f"{spec.label} “{vietnamese.nfc(str(spec.title(before)))[:80]}” "
                    f"({', '.join(changed)})"
                )
        if named:
            raise PackageError(
                f"Không nhập được tệp {self.content.path.name}: gói sửa nội dung của giấy khen "
                f"đã in: {'; '.join(named[:5])}. {frozen.ADVICE[0].upper()}{frozen.ADVICE[1:]} "
                "Cơ sở dữ liệu không bị thay đổi."
            )

    # -- the audit trail of the records written ------------------------------------------------
    def audit_writes(self, spec: KindSpec, inserts: list, updates: list, local: dict) -> None:
        if not (inserts or updates):
            return
        unit_key = next((f.key for f in spec.fields if f.codec == "unit"), None)
        source = self.content.manifest["source"]
        summary = (
            f"Từ gói dữ liệu của {source.get('unit_name') or source.get('unit_code')} "
            f"({self.content.package_id})"
        )
        entries = []

        def entry(action: str, line: dict, changes: dict) -> None:
            data = line["data"]
            entries.append(
                {
                    "at": self.now,
                    "username": self.actor.username,
                    "action": action,
                    "table_name": spec.table,
                    "record_uuid": line["uuid"],
                    "record_label": vietnamese.nfc(spec.title(data))[:200],
                    "unit_id": self.unit_ids.get(data.get(unit_key)) if unit_key else None,
                    "summary": summary,
                    "changes": json.dumps(changes, ensure_ascii=False) if changes else "",
                }
            )

        for line in inserts:
            new = _readable(spec, line["data"], self.ref_titles)
            changes = {
                name: [None, value] for name, value in new.items() if value not in (None, "")
            }
            if line["deleted_at"] is not None:
                changes["deleted_at"] = [None, _stamp_text({"updated_at": line["deleted_at"]})]
            entry("create", line, changes)
        for _, line, _ in updates:
            row = local[line["uuid"]]
            changes = audit.diff(
                _readable(spec, row.data, self.ref_titles),
                _readable(spec, line["data"], self.ref_titles),
            )
            deleted = line["deleted_at"] is not None
            action = "update"
            if deleted != row.deleted:
                action = "delete" if deleted else "restore"
                changes["deleted_at"] = [
                    _stamp_text({"updated_at": row.meta["deleted_at"]}) if row.deleted else None,
                    _stamp_text({"updated_at": line["deleted_at"]}) if deleted else None,
                ]
            entry(action, line, changes)
        from movement_desk.services.records.store import insert_rows

        for start in range(0, len(entries), CHUNK * 4):
            insert_rows(AuditEntry, entries[start : start + CHUNK * 4])
        self.audited += len(entries)

    def row_values(self, spec: KindSpec, line: dict, refs: dict[str, dict[str, int]]) -> list:
        return _row_values(spec, line, refs, self.unit_ids, self.content.path.name)

    # -- aliases: the same record under another uuid ------------------------------------------
    def find_alias(self, spec: KindSpec, line: dict) -> LocalRow | None:
        uuid = line["uuid"]
        known = SyncAlias.get_or_none(
            (SyncAlias.kind == spec.table) & (SyncAlias.incoming_uuid == uuid)
        )
        if known is not None:
            return _local_by_uuid(spec, [known.local_uuid]).get(known.local_uuid)
        if line["deleted_at"] is not None:
            return None
        data = line["data"]
        if spec.table == "model_type":
            rows = _query_local(
                spec, "t.deleted_at IS NULL AND t.search_key = ?", [vietnamese.fold(data["name"])]
            )
        elif spec.table == "decision":
            keys = commendations.decision_index_keys(data)
            rows = _query_local(
                spec,
                "t.deleted_at IS NULL AND t.authority_key = ? AND t.number_key = ?",
                [keys["authority_key"], keys["number_key"]],
            )
        else:
            return None
        if not rows:
            return None
        SyncAlias.insert(
            kind=spec.table, incoming_uuid=uuid, local_uuid=rows[0].meta["uuid"]
        ).on_conflict_ignore().execute()
        return rows[0]

    # -- one kind ------------------------------------------------------------------------
    def merge_kind(self, spec: KindSpec) -> KindCounts:
        counts = KindCounts()
        lines = self.content.records[spec.table]
        uuids = [line["uuid"] for line in lines]
        local = _local_by_uuid(spec, uuids)
        self.check_local_scope(spec, local)
        states = _states(spec.table, uuids)
        pending = {
            c.uuid: c
            for c in SyncConflict.select().where(
                (SyncConflict.kind == spec.table) & SyncConflict.resolved_at.is_null()
            )
        }
        inserts: list[dict] = []
        updates: list[tuple[int, dict, int]] = []
        state_rows: list[tuple[str, str, dict, bool]] = []
        superseded: list[int] = []
        for line in lines:
            uuid = line["uuid"]
            deleted = line["deleted_at"] is not None
            incoming_hash = content_hash(line["data"], deleted)
            incoming_vector = line["vector"]
            row = local.get(uuid)
            if row is None and spec.table in ("model_type", "decision"):
                alias = self.find_alias(spec, line)
                if alias is not None:
                    self.merge_alias(spec, line, incoming_hash, alias, pending, counts)
                    continue
            if row is None:
                inserts.append(line)
                state_rows.append((uuid, incoming_hash, incoming_vector, True))
                if deleted:
                    counts.deleted += 1
                else:
                    counts.new += 1
                continue
            local_hash = row.hash
            vector = local_vector(row.meta["revision"], local_hash, states.get(uuid), self.me)
            order = compare_vectors(incoming_vector, vector)
            if incoming_hash == local_hash:
                counts.unchanged += 1
                if order in ("newer", "concurrent") or uuid not in states:
                    state_rows.append(
                        (uuid, local_hash, merge_vectors(vector, incoming_vector), False)
                    )
                if _supersedes(incoming_vector, pending.get(uuid)):
                    superseded.append(pending[uuid].id)
                continue
            if order == "older":
                counts.unchanged += 1
                continue
            if order == "newer":
                revision = max(
                    row.meta["revision"], line["revision"], max(incoming_vector.values())
                )
                updates.append((row.id, line, revision))
                state_rows.append((uuid, incoming_hash, incoming_vector, True))
                if deleted and not row.deleted:
                    counts.deleted += 1
                else:
                    counts.updated += 1
                if _supersedes(incoming_vector, pending.get(uuid)):
                    superseded.append(pending[uuid].id)
                continue
            # Concurrent (or equal vectors with different content): the user decides.
            counts.conflicts += 1
            self.record_conflict(spec, uuid, line, incoming_hash, row, pending.get(uuid))
        self.check_writes(spec, inserts, updates, local)
        self.apply(spec, inserts, updates, state_rows, superseded)
        self.audit_writes(spec, inserts, updates, local)
        return counts

    def merge_alias(
        self,
        spec: KindSpec,
        line: dict,
        incoming_hash: str,
        alias: LocalRow,
        pending: dict,
        counts: KindCounts,
    ) -> None:
        """A record matched by its key: the local catalogue type or decision stands for it."""
        uuid = line["uuid"]
        seen = _states(spec.table, [uuid]).get(uuid)
        already = seen is not None and compare_vectors(line["vector"], seen[1]) in (
            "older",
            "equal",
        )
        if spec.table == "model_type" or already or incoming_hash == alias.hash:
            counts.unchanged += 1
            if not already:
                self.upsert_states(spec.table, [(uuid, incoming_hash, line["vector"], False)])
            return
        counts.conflicts += 1
        self.record_conflict(
            spec, alias.meta["uuid"], line, incoming_hash, alias, pending.get(alias.meta["uuid"])
        )

    def record_conflict(
        self,
        spec: KindSpec,
        local_uuid: str,
        line: dict,
        incoming_hash: str,
        row: LocalRow,
        existing: SyncConflict | None,
    ) -> None:
        self.conflicts.append(ConflictBrief(spec.table, local_uuid, spec.title(row.data)))
        if existing is not None:
            if existing.incoming_hash == incoming_hash:
                return
            stored_vector = json.loads(existing.incoming_vector)
            if compare_vectors(line["vector"], stored_vector) == "older":
                return
            existing.incoming_uuid = line["uuid"]
            existing.package_id = self.content.package_id
            existing.incoming_version = json.dumps(line, ensure_ascii=False)
            existing.incoming_vector = json.dumps(line["vector"])
            existing.incoming_hash = incoming_hash
            existing.detected_at = self.now
            existing.save()
            return
        SyncConflict.create(
            kind=spec.table,
            uuid=local_uuid,
            incoming_uuid=line["uuid"],
            package_id=self.content.package_id,
            source_unit_code=self.content.manifest["source"].get("unit_code", ""),
            detected_at=self.now,
            local_version=json.dumps({**row.meta, "data": row.data}, ensure_ascii=False),
            incoming_version=json.dumps(line, ensure_ascii=False),
            incoming_vector=json.dumps(line["vector"]),
            incoming_hash=incoming_hash,
        )

    # -- writing -------------------------------------------------------------------------
    def apply(self, spec, inserts, updates, state_rows, superseded) -> None:
        ref_fields = [f for f in spec.fields if f.codec == "ref"]
        wanted = {f.key: set() for f in ref_fields}
        for line in inserts + [u[1] for u in updates]:
            for ref_field in ref_fields:
                wanted[ref_field.key].add(line["data"][ref_field.key])
        refs = {f.key: _ref_ids(f.ref, wanted[f.key]) if wanted[f.key] else {} for f in ref_fields}
        content_columns = [f.column for f in spec.fields] + list(spec.derived)
        cursor = db.connection().cursor()
        if inserts:
            columns = list(META_COLUMNS) + content_columns
            sql = (
                f"INSERT INTO {spec.table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})"
            )
            for start in range(0, len(inserts), CHUNK):
                batch = inserts[start : start + CHUNK]
                cursor.executemany(
                    sql,
                    [
                        [
                            line["uuid"],
                            line["created_at"],
                            line["created_by"],
                            line["updated_at"],
                            line["updated_by"],
                            line["deleted_at"],
                            line["deleted_by"],
                            max(line["revision"], max(line["vector"].values())),
                            line["origin"],
                            *self.row_values(spec, line, refs),
                        ]
                        for line in batch
                    ],
                )
                self.advance(len(batch))
        if updates:
            assignments = ", ".join(f"{c} = ?" for c in list(META_COLUMNS[1:]) + content_columns)
            cursor.executemany(
                f"UPDATE {spec.table} SET {assignments} WHERE id = ?",
                [
                    [
                        line["created_at"],
                        line["created_by"],
                        line["updated_at"],
                        line["updated_by"],
                        line["deleted_at"],
                        line["deleted_by"],
                        revision,
                        line["origin"],
                        *self.row_values(spec, line, refs),
                        record_id,
                    ]
                    for record_id, line, revision in updates
                ],
            )
            self.advance(len(updates))
        self.upsert_states(spec.table, state_rows)
        if superseded:
            SyncConflict.update(
                resolved_at=self.now, resolved_by=self.actor.username, resolution="superseded"
            ).where(SyncConflict.id.in_(superseded)).execute()

    def upsert_states(self, kind: str, rows: list[tuple[str, str, dict, bool]]) -> None:
        if not rows:
            return
        stamp = str(self.now)
        db.connection().cursor().executemany(
            "INSERT INTO sync_state (kind, uuid, content_hash, vector, received_at, package_id) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, uuid) DO UPDATE SET "
            "content_hash = excluded.content_hash, vector = excluded.vector, "
            "package_id = excluded.package_id, received_at = CASE WHEN ? "
            "THEN excluded.received_at ELSE sync_state.received_at END",
            [
                (
                    kind,
                    uuid,
                    digest,
                    _ENCODE(vector),
                    stamp,
                    self.content.package_id,
                    1 if changed else 0,
                )
                for uuid, digest, vector, changed in rows
            ],
        )

    def advance(self, count: int) -> None:
        self.written += count
        self.done += count
        if self.crash_after is not None and self.written >= self.crash_after:
            os._exit(17)
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)

    # -- the register --------------------------------------------------------------------
    # -- replays and relayed packages ---------------------------------------------------------
    def check_replay(self) -> None:
        """The same package id with other content is a replay of a forged or altered package."""
        digests = {
            row.content_digest
            for row in PackageReceived.select(PackageReceived.content_digest).where(
                PackageReceived.package_id == self.content.package_id
            )
            if row.content_digest
        }
        if digests and self.content.digest not in digests:
            raise PackageError(
                f"Không nhập được tệp {self.content.path.name}: mã gói {self.content.package_id} "
                "đã được nhập trước đây với nội dung khác. Một gói không bao giờ đổi nội dung mà "
                "giữ mã cũ: tệp này là bản sửa đổi hoặc giả mạo. Cơ sở dữ liệu không bị thay đổi."
            )

    def relayed_key(self, key_id: str):
        """Keys for relayed manifests: enrolled here, or vouched for by this package's signer
        for a unit within its own subtree."""
        key = signing.find_key(key_id)
        offered = {k["key_id"]: k for k in self.content.manifest["keys"]}
        if key is None and key_id in offered:
            entry = offered[key_id]
            public = signing.unb64(entry["public_key"], 32)
            if (
                public is not None
                and signing.key_id_of(public) == key_id
                and self.in_signer_scope(entry["unit_code"])
            ):
                key = signing.vouch_key(key_id, public, entry["unit_code"], self.signer)
        if key is None:
            raise PackageError(f"khóa {signing.fingerprint(key_id)} không được tin cậy")
        if key.revoked:
            raise PackageError(f"khóa {key.fingerprint} đã bị thu hồi")
        return key.public_raw, key

    def check_relayed(self) -> None:
        """Each relayed package's manifest verifies with its own office's key; the register
        entries come from those signed manifests, never from the relaying office's word."""
        problems = []
        for item in self.content.relayed:
            try:
                manifest, key = package_file.verify_relayed(item, self.relayed_key)
            except (PackageError, package_file.SchemaError, ValueError) as exc:
                problems.append(f"gói {item.package_id} của đơn vị {item.unit_code}: {exc}")
                continue
            unit = manifest["source"]["unit_code"]
            if key.key_id == self.signer.key_id or key.own:
                # The relaying office's own package, or one of ours coming back: it vouches for
                # no other office's data, so it is not registered as received.
                continue
            scope_ids = signing_scope(self.tree, key.signer_unit())
            if (
                unit != item.unit_code
                or self.unit_ids.get(unit) not in scope_ids
                or not self.in_signer_scope(unit)
            ):
                problems.append(
                    f"gói {item.package_id}: đơn vị {unit} ngoài phạm vi của khóa đã ký nó"
                )
                continue
            self.relayed_rows.append(
                {
                    "item": item,
                    "manifest": manifest,
                    "digest": package_file.sha256_hex(item.manifest_bytes),
                }
            )
        if problems:
            shown = "; ".join(problems[:5])
            raise PackageError(
                f"Không nhập được tệp {self.content.path.name}: phần chuyển tiếp gói của đơn vị "
                f"cấp dưới không xác thực được ({shown}). Cơ sở dữ liệu không bị thay đổi."
            )

    # -- the register --------------------------------------------------------------------
    def register(self, counts: dict[str, KindCounts]) -> bool:
        manifest = self.content.manifest
        source, scope = manifest["source"], manifest["scope"]
        existing = PackageReceived.get_or_none(
            (PackageReceived.package_id == self.content.package_id)
            & PackageReceived.via_package_id.is_null()
        )
        if existing is not None:
            existing.times_received += 1
            existing.save()
            already = True
        else:
            PackageReceived.insert(
                package_id=self.content.package_id,
                unit_code=source["unit_code"],
                unit_name=source.get("unit_name", ""),
                mode=scope["mode"],
                period_code=scope.get("period") or "",
                covers_from=scope.get("covers_from"),
                covers_to=scope["covers_to"],
                created_at=_parse_created(manifest["created_at"]),
                source_installation=source.get("installation_id", ""),
                received_at=self.now,
                received_by=self.actor.username,
                file_name=self.content.path.name,
                record_count=sum(len(v) for v in self.content.records.values()),
                counts=json.dumps({k: c.as_dict() for k, c in counts.items()}),
                manifest_blob=self.content.manifest_bytes.decode("utf-8"),
                signature_blob=self.content.signature_bytes.decode("ascii"),
                content_digest=self.content.digest,
            ).on_conflict_replace().execute()
            already = False
        for relayed in self.relayed_rows:
            item, inner = relayed["item"], relayed["manifest"]
            if (
                PackageReceived.select()
                .where(
                    (PackageReceived.package_id == item.package_id)
                    & (
                        (PackageReceived.via_package_id == self.content.package_id)
                        | (PackageReceived.content_digest == relayed["digest"])
                    )
                )
                .exists()
            ):
                continue
            inner_source, inner_scope = inner["source"], inner["scope"]
            PackageReceived.insert(
                package_id=item.package_id,
                via_package_id=self.content.package_id,
                unit_code=inner_source["unit_code"],
                unit_name=inner_source["unit_name"],
                mode=inner_scope["mode"],
                period_code=inner_scope.get("period") or "",
                covers_from=inner_scope.get("covers_from"),
                covers_to=inner_scope["covers_to"],
                created_at=_parse_created(inner["created_at"]),
                source_installation=inner_source["installation_id"],
                received_at=self.now,
                received_by=self.actor.username,
                file_name=self.content.path.name,
                manifest_blob=item.manifest_bytes.decode("utf-8"),
                signature_blob=item.signature_bytes.decode("ascii", "replace"),
                content_digest=relayed["digest"],
            ).execute()
        return already

    def precheck(self) -> None:
        """The refusals that need no merge: replay, units, the signer's scope, relayed parts."""
        self.check_replay()
        self.check_units()
        self.check_relayed()

    def run(self) -> tuple[dict[str, KindCounts], bool]:
        self.precheck()
        counts = {spec.table: self.merge_kind(spec) for spec in KIND_SPECS}
        already = self.register(counts)
        if self.progress is not None:
            self.progress(self.total, self.total)
        return counts, already


def _parse_created(text: str) -> datetime:
    return datetime.fromisoformat(text.rstrip("Z"))


def created_text(text: str) -> str:
    """The package's UTC creation time as local "dd/mm/yyyy HH:MM"."""
    try:
        moment = _parse_created(text).replace(tzinfo=UTC).astimezone()
    except ValueError:
        return text
    return f"{vietnamese.format_date(moment.date())} {moment:%H:%M}"


def _key_resolver(path: Path) -> package_file.KeyResolver:
    """Find the key a package says it is signed with among the keys enrolled here."""

    def resolve(key_id: str):
        key = signing.find_key(key_id)
        if key is None or key.vouched_by is not None:
            raise PackageError(
                f"Không nhập được tệp {path.name}: gói được ký bằng khóa "
                f"{signing.fingerprint(key_id)} mà máy này chưa tin cậy (đơn vị gửi chưa được "
                "đăng ký, hoặc gói giả mạo). Hãy nhận tệp khóa công khai của đơn vị gửi, đối "
                "chiếu dấu vân tay qua điện thoại rồi chạy “keys trust TỆP --unit MÃ”. "
                "Cơ sở dữ liệu không bị thay đổi."
            )
        if key.revoked:
            raise PackageError(
                f"Không nhập được tệp {path.name}: gói được ký bằng khóa "
                f"{key.fingerprint} (đơn vị {key.unit_code}) đã bị thu hồi ngày "
                f"{vietnamese.format_date(key.revoked_at.date())}"
                f"{': ' + key.revoked_reason if key.revoked_reason else ''}. Hãy đề nghị đơn vị "
                "gửi khóa mới để đăng ký lại. Cơ sở dữ liệu không bị thay đổi."
            )
        if not key.signer_unit():
            raise PackageError(
                f"Không nhập được tệp {path.name}: khóa {key.fingerprint} chưa gắn với đơn vị "
                "nào. Cơ sở dữ liệu không bị thay đổi."
            )
        return key.public_raw, key

    return resolve


def read_checked(path: str | Path) -> package_file.PackageContent:
    """Read a package, check its signature, its manifest and every record as a form would;
    raises PackageError, changes nothing."""
    path = Path(path)
    content = package_file.read_package(path, KIND_ORDER, _key_resolver(path))
    _check_records(content)
    _validate_records(content)
    return content


# -- the one validation path: package records are checked by the forms' own rules -------------
def _form_raw(spec: KindSpec, data: dict) -> dict:
    """A package record's fields as the form of its kind would hand them to its checker."""
    get = data.get
    if spec.table == "activity_session":
        return {
            "date": get("held_on"),
            "unit_code": get("unit"),
            "kind": get("kind"),
            "organizer_kind": get("organizer_kind"),
            "organizer_name": get("organizer_name"),
            "title": get("title"),
            "participants": get("participants"),
            "tips": get("tips"),
            "notes": get("notes"),
        }
    if spec.table == "community_model":
        return {
            "name": get("name"),
            "model_type": get("model_type"),
            "unit_code": get("unit"),
            "managing_kind": get("managing_kind"),
            "managing_name": get("managing_name"),
            "established_on": get("established_on"),
            "members": get("members"),
            "status": get("status"),
            "status_date": get("status_date"),
            "notes": get("notes"),
        }
    if spec.table == "decision":
        return {
            "decision_number": get("number"),
            "decision_date": get("decided_on"),
            "authority": get("authority"),
            "unit_code": get("unit"),
            "form": get("form"),
            "emulation_title": get("emulation_title"),
            "signer_title": get("signer_title"),
            "signer_name": get("signer_name"),
            "place": get("place"),
            "achievement": get("achievement"),
        }
    if spec.table == "commendation":
        return {
            "recipient_kind": get("recipient_kind"),
            "recipient_name": get("recipient_name"),
            "recipient_position": get("recipient_position"),
            "recipient_unit": get("recipient_unit"),
            "achievement": get("achievement"),
            "register_number": get("register_number"),
            "unit_code": get("unit"),
        }
    if spec.table == "model_type":
        return {k: get(k) for k in ("name", "category", "criteria", "description")}
    return {"kind": get("kind"), "name": get("name"), "unit_code": get("unit") or ""}


# Fields whose reference is checked by the merge (it may be a record of the same package).
_REFERENCE_FIELDS = {"model_type"}
MAX_PROBLEMS = 10


def _validate_records(content: package_file.PackageContent) -> None:
    """Every record through its form's checker (counts, dates, units valid on the date,
    lengths, choices); the whole package is refused naming the records and fields."""
    from movement_desk.services.records import catalog

    checkers = {
        "model_type": lambda raw: catalog._clean_model_type(raw),
        "organizer": lambda raw: catalog._clean_organizer(raw),
        "decision": commendations.clean_decision,
        "activity_session": sessions.clean_session,
        "community_model": community_models.clean_model,
        # The ratings' kinds (issue 19) are checked where they are entered; here only their
        # units, references and field types are (the rating's rules need its organisation by
        # name and the criteria catalogue of the receiving database).
        "organisation": lambda raw: None,
        "safety_rating": lambda raw: None,
        "pledge": lambda raw: None,
        "pledge_party": lambda raw: None,
    }
    decision_days = {
        line["uuid"]: line["data"].get("decided_on") for line in content.records["decision"]
    }
    problems: list[str] = []
    count = 0
    with lookups.cached_references():  # units and model types read once, not per record
        for spec in KIND_SPECS:
            count = _validate_kind(spec, content, checkers, decision_days, problems, count)
    if problems:
        more = f" (và {count - len(problems)} bản ghi khác)" if count > len(problems) else ""
        raise PackageError(
            f"Không nhập được tệp {content.path.name}: gói có bản ghi không hợp lệ theo quy tắc "
            f"nhập liệu: {' | '.join(problems)}{more}. Cơ sở dữ liệu không bị thay đổi."
        )


def _validate_kind(
    spec: KindSpec, content, checkers: dict, decision_days: dict, problems: list, count: int
) -> int:
    """Check one kind's records; add up to ``MAX_PROBLEMS`` messages; return the count."""
    for number, line in enumerate(content.records[spec.table], start=1):
        data = line["data"]
        raw = _form_raw(spec, data)
        try:
            if spec.table == "commendation":
                day = decision_days.get(data.get("decision"))
                commendations.clean_recipient(
                    raw, on=date.fromisoformat(day) if isinstance(day, str) else None
                )
            else:
                checkers[spec.table](raw)
        except ValidationError as exc:
            errors = [e for e in exc.errors if e.field not in _REFERENCE_FIELDS]
            if not errors:
                continue
            count += 1
            if len(problems) < MAX_PROBLEMS:
                title = vietnamese.nfc(str(spec.title(data)))[:80]
                said = "; ".join(f"{e.label}: {e.message}" for e in errors[:3])
                problems.append(f"{spec.label} thứ {number} (“{title}”) — {said}")
    return count


def import_package(
    path: str | Path,
    actor: Actor,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Merge a package into the database, all or nothing; ``dry_run`` only says what it would do.

    The preview and the import run the same code: the preview rolls its transaction back. Both
    need ``package.import``, and every unit the package writes to must lie in the actor's
    scope; a record created or changed in a locked period refuses the whole package. A real
    import is backed up automatically (the data as before it, read from the file as last
    committed once the package was accepted) and recorded in the audit trail: one entry for
    the package, one per record created, changed, deleted or restored. A refused package
    leaves nothing: no record, no backup, no entry.
    """
    permissions.require(actor, "package.import")
    content = read_checked(path)
    manifest = content.manifest
    backup_name = ""
    with db.atomic() as transaction:
        merger = _Merger(content, actor, progress)
        try:
            counts, already = merger.run()
        except Exception as exc:
            from peewee import IntegrityError

            if isinstance(exc, IntegrityError):
                raise ServiceError(
                    f"Không nhập được tệp {content.path.name}: dữ liệu trong gói trùng với dữ "
                    f"liệu có sẵn ({exc}). Cơ sở dữ liệu không bị thay đổi."
                ) from exc
            raise
        # Issue 19: the ratings' rules again, on the data as merged (one call, keep it here).
        ratings.check_merged(content.records, content.path.name)
        scope = manifest["scope"]
        report = ImportReport(
            path=content.path,
            package_id=content.package_id,
            source_unit_code=manifest["source"]["unit_code"],
            source_unit_name=manifest["source"].get("unit_name", ""),
            mode=scope["mode"],
            period_code=scope.get("period") or "",
            created_at=manifest["created_at"],
            counts=counts,
            conflicts=merger.conflicts,
            already_received=already,
            dry_run=dry_run,
            signed_by=f"khóa {merger.signer.fingerprint}, đơn vị {merger.signer_unit}",
        )
        if dry_run:
            transaction.rollback()
        else:
            from movement_desk.db import backup

            # The backup is taken once the whole package was accepted, from the file as last
            # committed (a separate read-only connection): it holds the data as it was before
            # this import, and a refused package leaves no trace at all, not even a backup.
            taken = backup.backup_before("package-import", committed_only=True)
            backup_name = taken.path.name if taken is not None else ""
            audit.log(
                actor,
                "package",
                table="package_received",
                uuid=content.package_id,
                label=f"{report.source_unit_name} ({report.source_unit_code})",
                unit_id=merger.unit_ids.get(report.source_unit_code),
                summary=f"Gói {content.package_id} ({content.path.name}). {report.summary()}"
                + (f" Sao lưu trước khi nhập: {backup_name}." if backup_name else ""),
            )
    return report


def preview_package(path: str | Path, actor: Actor) -> ImportReport:
    """What importing ``path`` would change, per record kind; nothing is written."""
    return import_package(path, actor, dry_run=True)


# ---------------------------------------------------------------------------------------------
# Conflicts


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


def get_conflict(conflict_id: int) -> ConflictView:
    conflict = SyncConflict.get_or_none(SyncConflict.id == conflict_id)
    if conflict is None:
        raise NotFoundError(f"Không có xung đột số {conflict_id}.")
    return _view(conflict)


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


def _unit_key(spec: KindSpec) -> str | None:
    return next((f.key for f in spec.fields if f.codec == "unit"), None)


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


# ---------------------------------------------------------------------------------------------
# The register of received packages and completeness


@dataclass(frozen=True)
class UnitReceipt:
    code: str
    name: str
    received: bool
    last_received_at: datetime | None = None


@dataclass
class Completeness:
    """Which communes under a unit have sent their data for a period."""

    unit_code: str
    unit_name: str
    start: date
    end: date
    units: list[UnitReceipt]

    @property
    def expected_count(self) -> int:
        return len(self.units)

    @property
    def received_count(self) -> int:
        return sum(1 for u in self.units if u.received)

    @property
    def missing(self) -> list[UnitReceipt]:
        return [u for u in self.units if not u.received]

    @property
    def text(self) -> str:
        """ "Đã nhận dữ liệu của 104/108 xã, phường, thị trấn"."""
        return (
            f"Đã nhận dữ liệu của {vietnamese.format_number(self.received_count)}/"
            f"{vietnamese.format_number(self.expected_count)} xã, phường, thị trấn"
        )


def _covered(intervals: list[tuple[date | None, date]], start: date, end: date) -> bool:
    """True when the union of [from, to] intervals (from None = the beginning) covers the range."""
    reach: date | None = None
    for first, last in sorted(intervals, key=lambda i: i[0] or date.min):
        if reach is None:
            if first is not None and first > start:
                return False
            reach = last
        elif first is not None and first > date.fromordinal(reach.toordinal() + 1):
            break
        else:
            reach = max(reach, last)
        if reach >= end:
            return True
    return reach is not None and reach >= end


def received_units(unit_code: str, start: date, end: date) -> Completeness:
    """Completeness of ``unit_code`` for ``start``–``end``: every commune under it that existed
    in the period, and whether packages received here (directly or relayed through a district)
    cover the whole period for it."""
    tree = units.UnitTree.load()
    unit = tree.by_code(unit_code)
    expected = [
        tree.by_id[unit_id]
        for unit_id in tree.subtree_ids(unit.id)
        if tree.by_id[unit_id].kind in units.COMMUNE_KINDS
        and (tree.by_id[unit_id].valid_from is None or tree.by_id[unit_id].valid_from <= end)
        and (tree.by_id[unit_id].valid_to is None or tree.by_id[unit_id].valid_to >= start)
    ]
    codes = [u.code for u in expected]
    intervals: dict[str, list[tuple[date | None, date]]] = {}
    last_seen: dict[str, datetime] = {}
    for row in PackageReceived.select().where(PackageReceived.unit_code.in_(codes)):
        if not row.covers_to:
            continue
        first = date.fromisoformat(row.covers_from) if row.covers_from else None
        intervals.setdefault(row.unit_code, []).append((first, date.fromisoformat(row.covers_to)))
        if row.unit_code not in last_seen or row.received_at > last_seen[row.unit_code]:
            last_seen[row.unit_code] = row.received_at
    receipts = [
        UnitReceipt(
            u.code,
            u.title,
            _covered(intervals.get(u.code, []), start, end),
            last_seen.get(u.code),
        )
        for u in sorted(expected, key=lambda u: u.sort_key)
    ]
    return Completeness(unit.code, unit.title, start, end, receipts)


def received_packages(unit_code: str | None = None, limit: int = 500) -> list[PackageReceived]:
    """The register, newest first; with ``unit_code``, only that unit and the units under it."""
    query = PackageReceived.select().order_by(
        PackageReceived.received_at.desc(), PackageReceived.id.desc()
    )
    if unit_code:
        tree = units.UnitTree.load()
        root = tree.by_code(unit_code)
        codes = [tree.by_id[i].code for i in tree.subtree_ids(root.id)]
        query = query.where(PackageReceived.unit_code.in_(codes))
    return list(query.limit(limit))
