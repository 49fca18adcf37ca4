"""Export: a unit's records written as a signed package."""

from __future__ import annotations

import json
import uuid as uuid_module
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from movement_desk import __version__, vietnamese
from movement_desk.db.connection import db
from movement_desk.db.migrations import latest_version
from movement_desk.db.models import utcnow
from movement_desk.db.packages import PackageExported, PackageReceived
from movement_desk.services.core import audit, permissions, settings, signing
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import FieldError, ServiceError, ValidationError
from movement_desk.services.core.periods import parse_period
from movement_desk.services.packages import file_format as package_file
from movement_desk.services.packages.local import (
    _line,
    _row_to_local,
    _select_sql,
)
from movement_desk.services.packages.spec import (
    KIND_SPECS,
    MODE_LABELS,
    KindSpec,
    kind_label,
)
from movement_desk.services.packages.vectors import local_vector
from movement_desk.services.records import units


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


# What the selected records refer to travels with them, whatever its own date: (kind, the kind
# it refers to, the field). In this order, so a reference reached through another (a pledge's
# session, for a pledge party's pledge) is followed too.
_REFERENCES = (
    ("commendation", "decision", "decision"),
    ("community_model", "model_type", "model_type"),
    ("pledge_party", "pledge", "pledge"),
    ("safety_rating", "organisation", "organisation"),
    ("pledge_party", "organisation", "organisation"),
    ("pledge", "activity_session", "session"),
)


def _selection(unit_ids: list[int], mode: str, bounds, since) -> dict[str, tuple[str, list]]:
    """The WHERE clause (over ``t``) and its parameters that select each kind's records."""
    ids = ",".join(str(int(i)) for i in unit_ids)
    in_scope = f"t.unit_id IN ({ids})"
    scopes = {
        # The catalogue travels only as far as the models refer to it (added below).
        "model_type": "1 = 0",
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
    selected: dict[str, tuple[str, list]] = {}
    for spec in KIND_SPECS:
        where, params = _mode_filter(spec, mode, bounds, since)
        selected[spec.table] = (_and(scopes[spec.table], where) or "1 = 1", params)
    for kind, ref_kind, key in _REFERENCES:
        where, params = selected[ref_kind]
        inner, inner_params = selected[kind]
        selected[ref_kind] = (
            f"({where}) OR t.id IN (SELECT t.{key}_id FROM {kind} t WHERE {inner})",
            [*params, *inner_params],
        )
    return selected


def _lines(spec: KindSpec, where: str, params: list, me: str, counts: dict) -> Iterator[dict]:
    """The package lines of one kind, read one at a time with the vector each travels with;
    ``counts`` is filled as they are read."""
    counts[spec.table] = tally = {"records": 0, "deleted": 0}
    sql = _select_sql(spec, state=True) + f" WHERE {where} ORDER BY t.id"
    cursor = db.cursor()
    try:
        cursor.execute(sql, params)
        for state_hash, state_vector, *values in cursor:
            row = _row_to_local(spec, values)
            state = None if state_hash is None else (state_hash, json.loads(state_vector))
            tally["records"] += 1
            tally["deleted"] += row.deleted
            yield _line(row, local_vector(row.meta["revision"], row.hash, state, me))
    finally:
        cursor.close()


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
        selected = _selection(unit_ids, mode, bounds, since)
        # Filled while the package is written (the manifest is signed after the records).
        counts: dict[str, dict[str, int]] = {}
        records = {
            spec.table: _lines(spec, *selected[spec.table], me, counts) for spec in KIND_SPECS
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
