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

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from movement_desk import vietnamese
from movement_desk.db.connection import db
from movement_desk.db.models import (
    ActivitySession,
    AdministrativeUnit,
    Commendation,
    CommunityModel,
    Decision,
    Record,
)
from movement_desk.services import (
    commendations,
    community_models,
    lookups,
    permissions,
    records,
    sessions,
    tabular,
)
from movement_desk.services.actor import Actor
from movement_desk.services.errors import (
    FieldError,
    PermissionDenied,
    ServiceError,
    ValidationError,
)
from movement_desk.services.filters import RecordFilter
from movement_desk.services.periods import parse_period
from movement_desk.services.validation import is_blank

Progress = Callable[[int, int], None]

KINDS = ("sessions", "models", "commendations")
KIND_LABELS = {"sessions": "buổi", "models": "mô hình", "commendations": "lượt khen thưởng"}
IMPORT_ACTIONS = {
    "sessions": "session.write",
    "models": "model.write",
    "commendations": "decision.write",
}


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    kind: str
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_deleted: int = 0
    decisions_created: int = 0
    unknown_columns: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + self.skipped_deleted

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
        text = "; ".join(parts) + "."
        if self.unknown_columns:
            text += " Bỏ qua các cột không dùng: " + ", ".join(self.unknown_columns) + "."
        if self.dry_run:
            text += " (Chạy thử: chưa ghi gì.)"
        return text


@dataclass
class _Kind:
    model: type[Record]
    columns: list[str]
    labels: Mapping[str, str]
    required: list[str]
    clean: Callable[[Mapping[str, object], int | None], dict]
    natural_key: Callable[[dict], tuple] | None
    natural_index: Callable[[list[dict]], dict] | None
    to_raw: Callable[[Record], dict]
    query: Callable[[RecordFilter], object]


def _kind(kind: str) -> _Kind:
    if kind == "sessions":
        return _Kind(
            ActivitySession,
            sessions.SESSION_COLUMNS,
            sessions.SESSION_LABELS,
            ["date", "unit_code", "kind", "organizer_kind", "title"],
            sessions.clean_session,
            sessions.natural_key,
            sessions.natural_index,
            sessions.session_to_raw,
            sessions.session_query,
        )
    if kind == "models":
        return _Kind(
            CommunityModel,
            community_models.MODEL_COLUMNS,
            community_models.MODEL_LABELS,
            ["name", "model_type", "unit_code", "managing_kind", "established_on"],
            community_models.clean_model,
            community_models.natural_key,
            community_models.natural_index,
            community_models.model_to_raw,
            community_models.model_query,
        )
    if kind == "commendations":
        return _Kind(
            Commendation,
            commendations.COMMENDATION_COLUMNS,
            commendations.COMMENDATION_LABELS,
            [
                "decision_number",
                "decision_date",
                "form",
                "authority",
                "signer_title",
                "signer_name",
                "recipient_name",
            ],
            commendations.clean_recipient,
            None,
            None,
            commendations.commendation_to_raw,
            commendations.commendation_query,
        )
    raise ServiceError(f"Không có loại dữ liệu “{kind}”; hãy chọn một trong: {', '.join(KINDS)}.")


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

    Each row is checked against the actor's rights and the period locks like a form; a real
    import is preceded by an automatic backup and recorded in the audit trail.
    """
    from movement_desk.services import audit, permissions

    spec = _kind(kind)
    permissions.require(actor, IMPORT_ACTIONS[kind])
    table = tabular.read_table(path, spec.labels)
    errors = list(table.header_errors(spec.required))
    if errors:
        raise ValidationError(errors)
    report = ImportReport(kind, dry_run=dry_run, unknown_columns=table.unknown_headers)
    if not dry_run:
        from movement_desk.db import backup

        backup.backup_before("import")
    with db.atomic():
        if kind == "commendations":
            _import_commendations(table, report, actor, dry_run, progress)
        else:
            _import_records(spec, table, report, actor, dry_run, progress)
        if not dry_run:
            audit.log(
                actor,
                "import",
                table=spec.model._meta.table_name,
                label=Path(path).name,
                summary=f"{Path(path).name}: {report.summary()}",
            )
    return report


def _row_uuid(raw: Mapping[str, object]) -> str | None:
    value = vietnamese.nfc(str(raw.get("uuid") or ""))
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
    report: ImportReport,
    actor: Actor,
    dry_run: bool,
    progress: Progress | None,
) -> None:
    errors: list[FieldError] = []
    cleaned: list[tuple[int, str | None, tuple | None, dict]] = []
    seen_uuids: dict[str, int] = {}
    seen_keys: dict[tuple, int] = {}
    total = len(table.rows)
    allowed = permissions.visible_unit_ids(actor)
    with lookups.cached_references():
        for index, (row, raw) in enumerate(table.rows):
            uuid = _check_uuid(raw, row, spec.labels, seen_uuids, errors)
            try:
                values = spec.clean(raw, row)
            except ValidationError as exc:
                errors.extend(exc.errors)
                continue
            refused = _out_of_scope(allowed, values.get("unit"), spec.labels, row)
            if refused is not None:
                errors.append(refused)
                continue
            key = None
            if uuid is None:
                key = spec.natural_key(values)
                if key in seen_keys:
                    errors.append(_duplicate_row_error(spec, row, seen_keys[key]))
                    continue
                seen_keys[key] = row
            cleaned.append((row, uuid, key, values))
            if progress and index % 500 == 0:
                progress(index, total * 2)
    if errors:
        raise ValidationError(errors)
    with db.atomic() as transaction:
        by_uuid = _records_by_uuid(spec.model, [uuid for _, uuid, _, _ in cleaned if uuid])
        by_key = spec.natural_index([values for _, uuid, _, values in cleaned if not uuid])
        new_rows: list[tuple[str | None, dict]] = []
        for index, (row, uuid, key, values) in enumerate(cleaned):
            # A uuid identifies the record; only a row without one is matched by its natural key.
            existing = by_uuid.get(uuid) if uuid else by_key.get(key)
            if existing is None:
                new_rows.append((uuid, values))
                report.created += 1
            else:
                refused = _out_of_scope(allowed, existing.unit_id, spec.labels, row)
                if refused is not None:
                    errors.append(refused)
                    continue
                try:
                    _upsert(spec.model, existing, values, uuid, actor, report)
                except PermissionDenied as exc:
                    errors.append(_refused_row(exc, spec.labels, row))
            if progress and index % 500 == 0:
                progress(total + index, total * 2)
        if errors:
            raise ValidationError(errors)
        records.create_many(spec.model, new_rows, actor)
        if dry_run:
            transaction.rollback()
    if progress:
        progress(total * 2, total * 2)


def _duplicate_row_error(spec: _Kind, row: int, first_row: int) -> FieldError:
    return FieldError(
        "uuid",
        spec.labels.get("uuid", "uuid"),
        f"trùng với dòng {first_row} (cùng ngày, đơn vị, loại và tên); hãy bỏ một dòng "
        "hoặc ghi mã định danh cho từng dòng.",
        row,
    )


def _records_by_uuid(model: type[Record], uuids: list[str]) -> dict[str, Record]:
    found: dict[str, Record] = {}
    for start in range(0, len(uuids), 500):
        for record in model.select().where(model.uuid.in_(uuids[start : start + 500])):
            found[record.uuid] = record
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
) -> None:
    errors: list[FieldError] = []
    seen_uuids: dict[str, int] = {}
    groups: dict[tuple[str, str], dict] = {}
    total = len(table.rows)
    allowed = permissions.visible_unit_ids(actor)
    with lookups.cached_references():
        _group_commendation_rows(table, groups, errors, seen_uuids, progress, allowed)
    if errors:
        raise ValidationError(errors)
    _save_commendation_groups(groups, report, actor, dry_run, progress, total)


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


def _save_commendation_groups(groups, report, actor, dry_run, progress, total) -> None:
    with db.atomic() as transaction:
        errors: list[FieldError] = []
        for group in groups.values():
            try:
                _save_commendation_group(group, report, actor, progress, total)
            except PermissionDenied as exc:
                # an existing decision or recipient of a unit outside the account's scope
                errors.append(_refused_row(exc, commendations.COMMENDATION_LABELS, group["row"]))
        if errors:
            raise ValidationError(errors)
        if dry_run:
            transaction.rollback()
    if progress:
        progress(total * 2, total * 2)


def _save_commendation_group(group, report, actor, progress, total) -> None:
    done = report.created + report.updated + report.unchanged + report.skipped_deleted
    values = dict(group["values"])
    decision = commendations.find_decision(values["number"], values["authority"])
    achievements = [recipient["achievement"] for _, _, recipient in group["rows"]]
    if decision is not None and decision.achievement in achievements:
        values["achievement"] = decision.achievement
    else:
        values["achievement"] = Counter(achievements).most_common(1)[0][0] if achievements else ""
    values.update(commendations.decision_index_keys(values))
    if decision is None:
        decision = records.create(Decision, values, actor)
        report.decisions_created += 1
    else:
        if not group["unit_given"]:
            values["unit"] = decision.unit
        records.update(decision, values, actor)
    live = list(Commendation.select().where(Commendation.decision == decision.id))
    next_position = max((c.position for c in live), default=0)
    for _row, uuid, recipient in group["rows"]:
        if recipient["achievement"] == values["achievement"]:
            recipient = {**recipient, "achievement": ""}
        if uuid:
            existing = Commendation.select().where(Commendation.uuid == uuid).first()
        else:
            existing = _match_recipient(live, recipient)
        if existing is None:
            next_position += 1
            position = next_position
        else:
            position = existing.position
        record = _upsert(
            Commendation,
            existing,
            {**recipient, "decision": decision, "position": position},
            uuid,
            actor,
            report,
        )
        if existing is None and record is not None:
            live.append(record)
        done += 1
        if progress and done % 200 == 0:
            progress(total + done, total * 2)


def _match_recipient(candidates: list[Commendation], recipient: dict) -> Commendation | None:
    name = vietnamese.fold(recipient["recipient_name"])
    unit = vietnamese.fold(recipient["recipient_unit"])
    for candidate in candidates:
        if (
            vietnamese.fold(candidate.recipient_name) == name
            and vietnamese.fold(candidate.recipient_unit) == unit
        ):
            return candidate
    return None


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
) -> int:
    """Write the live records of ``kind`` (under ``unit_code``, in ``period``) that ``actor``
    may see to CSV or XLSX, and record the export in the audit trail: who, which kind, the
    filter, the row count and the file name.

    The header uses the Vietnamese labels, which an import reads back.
    """
    from movement_desk.services import audit

    spec = _kind(kind)
    tabular.check_suffix(path)
    record_filter = record_filter or RecordFilter()
    if unit_code:
        record_filter.unit_code = unit_code
    permissions.require(actor, "record.export")
    permissions.scoped_filter(record_filter, actor)
    if period:
        record_filter.with_period(parse_period(period), rule)
    query = spec.query(record_filter)
    total = query.count()
    headers = [spec.labels[column] for column in spec.columns]

    def rows():
        for index, record in enumerate(query.iterator()):
            raw = spec.to_raw(record)
            if progress and index % 500 == 0:
                progress(index, total)
            yield [raw.get(column, "") for column in spec.columns]

    count = tabular.write_table(path, headers, rows())
    if progress:
        progress(total, total)
    with db.atomic():
        audit.log(
            actor,
            "export",
            table=spec.model._meta.table_name,
            label=Path(path).name,
            unit_id=_unit_id_of(record_filter.unit_code),
            summary=f"Xuất {count} {KIND_LABELS[kind]} ra {Path(path).name}"
            + (f" ({describe_filter(record_filter)})" if describe_filter(record_filter) else ""),
            changes={
                "kind": [None, kind],
                "filter": [None, describe_filter(record_filter)],
                "rows": [None, count],
                "file": [None, Path(path).name],
            },
        )
    return count


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
