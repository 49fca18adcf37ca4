"""Decisions and their commendations: the rules, saving a decision with its recipients, listing.

A decision is saved together with its list of recipients in one transaction; a decision with
no recipient is refused, and its number must be unique for its issuing authority.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date

from peewee import fn

from movement_desk import vietnamese
from movement_desk.db import bulk, concurrency
from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.choices import EMULATION_TITLES, CommendationForm, RecipientKind, SignerPrefix
from movement_desk.db.connection import db
from movement_desk.db.models import AdministrativeUnit, Commendation, Decision, utcnow
from movement_desk.services.core import permissions, search, settings
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import FieldError, ServiceError, ValidationError
from movement_desk.services.core.filters import RecordFilter, apply_filter
from movement_desk.services.core.validation import LONG_TEXT, FieldReader, is_blank
from movement_desk.services.records import export_cells, units
from movement_desk.services.records import store as records
from movement_desk.services.records.specs import (
    FieldSpec,
    FileKind,
    KindParts,
    ListKind,
    PackageKind,
    SortSpec,
    UndoOps,
    date_text,
)
from movement_desk.services.records.unit_rules import read_unit

DECISION_LABELS = {
    "decision_number": "Số quyết định",
    "decision_date": "Ngày quyết định",
    "form": "Hình thức khen thưởng",
    "emulation_title": "Danh hiệu thi đua",
    "authority": "Cơ quan, người ban hành",
    "unit_code": "Mã đơn vị",
    "signer_prefix": "Thẩm quyền ký",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Người ký",
    "place": "Nơi ký",
    "achievement": "Thành tích",
}
RECIPIENT_LABELS = {
    "uuid": "Mã định danh",
    "recipient_kind": "Đối tượng",
    "recipient_name": "Tên người, tập thể được khen",
    "recipient_position": "Chức vụ, cấp bậc",
    "recipient_unit": "Đơn vị, địa chỉ",
    "achievement": "Thành tích",
    "register_number": "Số sổ vàng",
    "unit_code": "Mã đơn vị",
}
# The columns of a commendations file: one row per recipient, decision fields repeated.
COMMENDATION_COLUMNS = [
    "uuid",
    "decision_number",
    "decision_date",
    "form",
    "authority",
    "signer_title",
    "signer_name",
    "place",
    "recipient_kind",
    "recipient_name",
    "recipient_position",
    "recipient_unit",
    "achievement",
    "register_number",
    "unit_code",
]
COMMENDATION_LABELS = {**RECIPIENT_LABELS, **DECISION_LABELS}
COMMENDATION_LABELS["achievement"] = "Thành tích"
NUMBER_MAX = 60


def number_key(number: str) -> str:
    return vietnamese.fold(number).replace(" ", "")


def split_signer_title(title: str) -> tuple[str, str]:
    """ "KT. GIÁM ĐỐC" -> ("KT.", "GIÁM ĐỐC"); a title without prefix keeps ""."""
    text = vietnamese.nfc(title)
    for prefix in SignerPrefix:
        if prefix.value and text.upper().startswith(prefix.value):
            return prefix.value, text[len(prefix.value) :].strip()
    return "", text


def _default_unit(on: date | None) -> AdministrativeUnit | None:
    """The home unit, or the unit that succeeded it on ``on``."""
    unit = units.find_unit(settings.get("home_unit_code") or "")
    if unit is None or on is None or unit.existed_on(on):
        return unit
    successors = units.successors_on(unit, on)
    return successors[0] if len(successors) == 1 else unit


def _emulation_title(value: object) -> str | None:
    wanted = vietnamese.fold(str(value or ""))
    return (
        next((t for t in EMULATION_TITLES if vietnamese.fold(t) == wanted), None)
        if wanted
        else None
    )


def clean_decision(raw: Mapping[str, object], row: int | None = None) -> dict:
    """Check a decision's own fields; raises ValidationError."""
    reader = FieldReader(raw, DECISION_LABELS, row)
    number = reader.text("decision_number", required=True, max_length=NUMBER_MAX)
    decided_on = reader.date("decision_date")
    authority = reader.text("authority", required=True)
    emulation_title = reader.text("emulation_title")
    title_in_form = _emulation_title(raw.get("form"))
    if title_in_form:
        # A file may name the title itself in the form column ("Chiến sĩ thi đua cơ sở").
        form, emulation_title = CommendationForm.EMULATION_TITLE, emulation_title or title_in_form
    else:
        form = reader.choice("form", CommendationForm)
    if form is CommendationForm.EMULATION_TITLE and not emulation_title:
        reader.fail("emulation_title", "hình thức danh hiệu thi đua cần tên danh hiệu.")
    prefix_value = raw.get("signer_prefix")
    signer_title_raw = reader.text(
        "signer_title", required=True, max_length=LONG_TEXT, single_line=False
    )
    prefix, signer_title = split_signer_title(signer_title_raw)
    if not is_blank(prefix_value):
        chosen = reader.choice("signer_prefix", SignerPrefix, required=False)
        prefix = chosen.value if chosen is not None else prefix
    if is_blank(raw.get("unit_code")):
        unit = _default_unit(decided_on)
        if unit is None:
            reader.fail("unit_code", "chưa chọn đơn vị ban hành; hãy nhập mã đơn vị.")
    else:
        unit = read_unit(reader, "unit_code", decided_on)
    values = {
        "number": number,
        "decided_on": decided_on,
        "authority": authority.upper(),
        "unit": unit,
        "form": form,
        "emulation_title": emulation_title if form is CommendationForm.EMULATION_TITLE else "",
        "signer_prefix": prefix,
        "signer_title": signer_title,
        "signer_name": reader.text("signer_name", required=True),
        "place": reader.text("place") or settings.get("place"),
        "achievement": reader.text("achievement", max_length=LONG_TEXT, single_line=False),
    }
    reader.raise_if_invalid()
    values.update(decision_index_keys(values))
    return values


def decision_index_keys(values: dict) -> dict:
    """Keys stored beside a decision: its number and issuer for uniqueness, and search."""
    return {
        "number_key": number_key(values["number"]),
        "authority_key": vietnamese.fold(values["authority"]),
        "search_key": search.search_key(
            values["number"], values["authority"], values["achievement"]
        ),
    }


def clean_recipient(
    raw: Mapping[str, object],
    row: int | None = None,
    *,
    on: date | None = None,
    default_unit: AdministrativeUnit | None = None,
    with_keys: bool = True,
) -> dict:
    """Check one recipient; the unit defaults to the decision's unit. ``with_keys=False``:
    without the search and sort keys (a package's check; its merge computes them)."""
    reader = FieldReader(raw, RECIPIENT_LABELS, row)
    kind = reader.choice("recipient_kind", RecipientKind, default=RecipientKind.INDIVIDUAL)
    name = reader.text("recipient_name", required=True)
    if is_blank(raw.get("unit_code")) and default_unit is not None:
        unit = default_unit
    else:
        unit = read_unit(reader, "unit_code", on)
    values = {
        "recipient_kind": kind,
        "recipient_name": name,
        "recipient_position": reader.text("recipient_position"),
        "recipient_unit": reader.text("recipient_unit"),
        "achievement": reader.text("achievement", max_length=LONG_TEXT, single_line=False),
        "register_number": reader.text("register_number", max_length=30),
        "unit": unit,
    }
    reader.raise_if_invalid()
    if with_keys:
        values.update(recipient_index_keys(values))
    return values


def recipient_index_keys(values: dict) -> dict:
    """Keys stored beside a commendation: search, and Vietnamese order (given name first)."""
    name = values["recipient_name"]
    parts = [
        name,
        values["recipient_position"],
        values["recipient_unit"],
        values["register_number"],
    ]
    individual = RecipientKind(values["recipient_kind"]) is RecipientKind.INDIVIDUAL
    return {
        "search_key": search.search_key(*parts),
        "sort_key": vietnamese.person_sort_key(name) if individual else vietnamese.sort_key(name),
    }


def find_decision(number: str, authority: str | None = None) -> Decision | None:
    """A live decision by its number (and issuer when given)."""
    query = Decision.live().where(Decision.number_key == number_key(number))
    if authority:
        query = query.where(Decision.authority_key == vietnamese.fold(authority))
    return query.order_by(Decision.decided_on.desc()).first()


def _check_number_free(values: dict, except_id: int | None) -> None:
    query = Decision.live().where(
        (Decision.number_key == values["number_key"])
        & (Decision.authority_key == values["authority_key"])
    )
    if except_id is not None:
        query = query.where(Decision.id != except_id)
    existing = query.first()
    if existing is not None:
        raise ValidationError(
            [
                FieldError(
                    "decision_number",
                    DECISION_LABELS["decision_number"],
                    f"{values['authority']} đã có quyết định số {existing.number} ngày "
                    f"{vietnamese.format_date(existing.decided_on)}; hãy kiểm tra lại số quyết định.",
                )
            ]
        )


def save_decision(
    raw_decision: Mapping[str, object],
    raw_recipients: Sequence[Mapping[str, object]],
    actor: Actor,
    *,
    uuid: str | None = None,
    new_uuid: str | None = None,
) -> Decision:
    """Create (no ``uuid``) or replace a decision and its list of recipients, all or nothing.

    Recipients that carry the uuid of an existing commendation of this decision are updated,
    the others created; the decision's commendations missing from the list are marked deleted.
    """
    try:
        return _save_decision(raw_decision, raw_recipients, actor, uuid=uuid, new_uuid=new_uuid)
    except Exception as exc:
        # Another client saved a decision with this number at the same moment (issue 17; the
        # unique index of live numbers per issuer is the guard): the message of the check.
        if concurrency.is_conflict(exc):
            current = records.get_record(Decision, uuid) if uuid is not None else None
            _check_number_free(clean_decision(raw_decision), current.id if current else None)
        raise


def _save_decision(
    raw_decision: Mapping[str, object],
    raw_recipients: Sequence[Mapping[str, object]],
    actor: Actor,
    *,
    uuid: str | None = None,
    new_uuid: str | None = None,
) -> Decision:
    permissions.require(actor, "decision.write")
    errors: list[FieldError] = []
    try:
        decision_values = clean_decision(raw_decision)
    except ValidationError as exc:
        errors.extend(exc.errors)
        decision_values = None
    recipient_values: list[tuple[str | None, dict]] = []
    for index, raw in enumerate(raw_recipients, start=1):
        try:
            values = clean_recipient(
                raw,
                index,
                on=decision_values["decided_on"] if decision_values else None,
                default_unit=decision_values["unit"] if decision_values else None,
            )
            recipient_values.append((vietnamese.nfc(str(raw.get("uuid") or "")) or None, values))
        except ValidationError as exc:
            errors.extend(exc.errors)
    if not raw_recipients:
        errors.append(
            FieldError(
                "recipients",
                "Danh sách khen thưởng",
                "quyết định chưa có người hay tập thể nào được khen; hãy thêm ít nhất một.",
            )
        )
    if errors:
        raise ValidationError(errors)
    assert decision_values is not None
    with db.atomic():
        if uuid is None:
            _check_number_free(decision_values, None)
            decision = records.create(Decision, decision_values, actor, uuid=new_uuid)
            existing: dict[str, Commendation] = {}
        else:
            decision = records.get_record(Decision, uuid)
            _check_number_free(decision_values, decision.id)
            records.update(decision, decision_values, actor)
            existing = {
                c.uuid: c for c in Commendation.live().where(Commendation.decision == decision.id)
            }
        kept: set[str] = set()
        for position, (recipient_uuid, values) in enumerate(recipient_values, start=1):
            values = {**values, "decision": decision, "position": position}
            if recipient_uuid and recipient_uuid in existing:
                records.update(existing[recipient_uuid], values, actor)
                kept.add(recipient_uuid)
            elif (
                recipient_uuid
                and decision.id is not None
                and _removed_from(decision, recipient_uuid)
            ):
                # A recipient taken off this decision earlier comes back as the same record
                # (an undo of that edit), keeping its id, serial and print history.
                records.restore(Commendation, recipient_uuid, actor)
                records.update(records.get_record(Commendation, recipient_uuid), values, actor)
            else:
                if (
                    recipient_uuid
                    and Commendation.select().where(Commendation.uuid == recipient_uuid).exists()
                ):
                    recipient_uuid = None  # the uuid belongs elsewhere: this is a new recipient
                records.create(Commendation, values, actor, uuid=recipient_uuid)
        for gone_uuid in set(existing) - kept:
            records.soft_delete(Commendation, gone_uuid, actor)
    return decision


def _removed_from(decision: Decision, commendation_uuid: str) -> bool:
    """True when ``commendation_uuid`` is a recipient of ``decision`` marked deleted."""
    return (
        Commendation.select()
        .where(
            (Commendation.uuid == commendation_uuid)
            & (Commendation.decision == decision.id)
            & Commendation.deleted_at.is_null(False)
        )
        .exists()
    )


def delete_decision(uuid: str, actor: Actor) -> Decision:
    """Mark a decision and its commendations deleted."""
    now = utcnow()
    with db.atomic():
        decision = records.get_record(Decision, uuid)
        for commendation in Commendation.live().where(Commendation.decision == decision.id):
            records.soft_delete(Commendation, commendation.uuid, actor, at=now)
        return records.soft_delete(Decision, uuid, actor, at=now)


def restore_decision(uuid: str, actor: Actor) -> Decision:
    """Undo ``delete_decision``: the decision comes back with the commendations deleted with it."""
    with db.atomic():
        decision = records.get_record(Decision, uuid, include_deleted=True)
        if decision.deleted_at is None:
            return decision
        _check_number_free(
            {
                "number_key": decision.number_key,
                "authority_key": decision.authority_key,
                "authority": decision.authority,
            },
            decision.id,
        )
        deleted_at = decision.deleted_at
        for commendation in Commendation.select().where(
            (Commendation.decision == decision.id) & (Commendation.deleted_at == deleted_at)
        ):
            records.restore(Commendation, commendation.uuid, actor)
        return records.restore(Decision, uuid, actor)


def delete_commendation(uuid: str, actor: Actor) -> Commendation:
    commendation = records.get_record(Commendation, uuid)
    remaining = (
        Commendation.live()
        .where(
            (Commendation.decision == commendation.decision_id)
            & (Commendation.id != commendation.id)
        )
        .count()
    )
    if remaining == 0:
        raise ServiceError(
            "Đây là người/tập thể cuối cùng của quyết định; hãy xóa cả quyết định thay vì xóa dòng này."
        )
    return records.soft_delete(Commendation, uuid, actor)


def get_decision(uuid: str) -> Decision:
    return records.get_record(Decision, uuid)


def decision_recipients(decision: Decision) -> list[Commendation]:
    return list(
        Commendation.live()
        .where(Commendation.decision == decision.id)
        .order_by(Commendation.position)
    )


def record_print(
    commendation: Commendation, actor: Actor, *, serial: str = "", detail: str = ""
) -> None:
    """Count one printing of a commendation's certificate (a later one is a reprint).

    The audit entry names who printed, the recipient and, when given, the certificate's serial
    and how it was printed (``detail``: paper, file or printer)."""
    record_prints([(commendation, serial)], actor, detail=detail)


CHUNK = 500  # ids in one IN (...): far below SQLite's limit on any build


def record_prints(
    printed: Sequence[tuple[Commendation, str]], actor: Actor, *, detail: str = ""
) -> None:
    """``record_print`` for a batch of (commendation, serial): the rights checked once per
    unit, one audit entry each and the counts written in a few statements, in one transaction.
    A commendation listed twice counts twice, the second time as a reprint."""
    permissions.require_units(actor, "certificate.print", {c.unit_id for c, _ in printed})
    if not printed:
        return
    now = utcnow()
    ids = sorted({c.id for c, _ in printed})
    with db.atomic():
        counts: dict[int, int] = {}
        for start in range(0, len(ids), CHUNK):
            counts.update(
                Commendation.select(Commendation.id, Commendation.print_count)
                .where(Commendation.id.in_(ids[start : start + CHUNK]))
                .tuples()
            )
        added: dict[int, int] = {}
        entries = []
        for commendation, serial in printed:
            count = counts[commendation.id] + added.get(commendation.id, 0)
            added[commendation.id] = added.get(commendation.id, 0) + 1
            what = "In lại giấy khen" if count else "In giấy khen"
            if serial:
                what += f" số hiệu {serial}"
            what += f" cho {commendation.recipient_name}"
            if detail:
                what += f" ({detail})"
            entries.append(
                {
                    "at": now,
                    "username": actor.username,
                    "action": "print",
                    "table_name": "commendation",
                    "record_uuid": commendation.uuid,
                    "record_label": commendation.recipient_name or "",
                    "unit_id": commendation.unit_id,
                    "summary": what,
                    "changes": json.dumps({"print_count": [count, count + 1]}),
                }
            )
        bulk.insert_rows(AuditEntry, entries)
        by_increment: dict[int, list[int]] = {}
        for commendation_id, increment in added.items():
            by_increment.setdefault(increment, []).append(commendation_id)
        for increment, group in by_increment.items():
            for start in range(0, len(group), CHUNK):
                Commendation.update(
                    print_count=Commendation.print_count + increment,
                    first_printed_at=fn.COALESCE(Commendation.first_printed_at, now),
                    last_printed_at=now,
                ).where(Commendation.id.in_(group[start : start + CHUNK])).execute()


def decision_query(record_filter: RecordFilter | None = None):
    record_filter = record_filter or RecordFilter()
    query = Decision.select(Decision, AdministrativeUnit).join(AdministrativeUnit)
    query = apply_filter(
        query,
        Decision,
        record_filter,
        date_field=Decision.decided_on,
        unit_field=Decision.unit,
        kind_field=Decision.form,
    )
    return query.order_by(Decision.decided_on.desc(), Decision.id.desc())


def commendation_query(record_filter: RecordFilter | None = None):
    """Commendations with their decision and unit; dates and kinds filter the decision."""
    record_filter = record_filter or RecordFilter()
    query = (
        Commendation.select(Commendation, Decision, AdministrativeUnit)
        .join(Decision)
        .switch(Commendation)
        .join(AdministrativeUnit)
    )
    query = apply_filter(
        query,
        Commendation,
        record_filter,
        date_field=Decision.decided_on,
        unit_field=Commendation.unit,
        kind_field=Commendation.recipient_kind,
    )
    if not record_filter.deleted:
        query = query.where(Decision.deleted_at.is_null())
    if record_filter.decision_ids is not None:
        query = query.where(Commendation.decision.in_(record_filter.decision_ids))
    return query.order_by(Decision.decided_on.desc(), Decision.id.desc(), Commendation.position)


def signer_title_line(decision: Decision) -> str:
    return f"{decision.signer_prefix} {decision.signer_title}".strip()


def commendation_to_raw(commendation: Commendation) -> dict[str, object]:
    """One row of a commendations file: the decision's fields repeated on each recipient."""
    decision = commendation.decision
    return {
        "uuid": commendation.uuid,
        "decision_number": decision.number,
        "decision_date": decision.decided_on,
        "form": decision.emulation_title
        if decision.form is CommendationForm.EMULATION_TITLE
        else decision.form.label,
        "authority": decision.authority,
        "signer_title": signer_title_line(decision),
        "signer_name": decision.signer_name,
        "place": decision.place,
        "recipient_kind": commendation.recipient_kind.label,
        "recipient_name": commendation.recipient_name,
        "recipient_position": commendation.recipient_position,
        "recipient_unit": commendation.recipient_unit,
        "achievement": commendation.achievement or decision.achievement,
        "register_number": commendation.register_number,
        "unit_code": commendation.unit.code,
    }


def decision_to_raw(decision: Decision) -> dict[str, object]:
    return {
        "decision_number": decision.number,
        "decision_date": decision.decided_on,
        "form": decision.form.value,
        "emulation_title": decision.emulation_title,
        "authority": decision.authority,
        "unit_code": decision.unit.code,
        "signer_prefix": decision.signer_prefix,
        "signer_title": decision.signer_title,
        "signer_name": decision.signer_name,
        "place": decision.place,
        "achievement": decision.achievement,
    }


def recipient_to_raw(commendation: Commendation) -> dict[str, object]:
    return {
        "uuid": commendation.uuid,
        "recipient_kind": commendation.recipient_kind.value,
        "recipient_name": commendation.recipient_name,
        "recipient_position": commendation.recipient_position,
        "recipient_unit": commendation.recipient_unit,
        "achievement": commendation.achievement,
        "register_number": commendation.register_number,
        "unit_code": commendation.unit.code,
    }


# What decisions and their recipients offer the user: their lists, the recipients' import/export
# file and the undo of a decision (records/specs.py).
RECIPIENT_FIELDS = {
    "recipient_kind": "recipient_kind",
    "recipient_name": "recipient_name",
    "recipient_position": "recipient_position",
    "recipient_unit": "recipient_unit",
    "achievement": "achievement",
    "register_number": "register_number",
    "unit_code": "unit",
}


def _save_decision_raw(uuid: str, raw: dict, actor: Actor):
    """Undo's update: ``raw`` holds the decision and its recipients (the form's values)."""
    return save_decision(raw["decision"], raw["recipients"], actor, uuid=uuid)


def commendation_export_columns(csv: bool) -> tuple[list, object]:
    """A fast export's columns and cells (``FileKind.export_columns``)."""
    day, text = export_cells.day_and_text(csv)
    c, d, unit = Commendation, Decision, AdministrativeUnit
    labels = export_cells.choice_labels
    forms, recipients = labels(CommendationForm), labels(RecipientKind)
    emulation = CommendationForm.EMULATION_TITLE.value
    columns = [c.uuid, d.number, d.decided_on, d.form, d.emulation_title, d.authority,
               d.signer_prefix, d.signer_title, d.signer_name, d.place, c.recipient_kind,
               c.recipient_name, c.recipient_position, c.recipient_unit, c.achievement,
               d.achievement, c.register_number, unit.code]  # fmt: skip

    def commendation_row(row: tuple) -> list:
        uuid, number, decided_on, form, title, authority, prefix, signer_title, signer, place, \
            recipient_kind, name, position, recipient_unit, achievement, decided, register, \
            code = row  # fmt: skip
        return [text(uuid), text(number), day(decided_on),
                text(title) if form == emulation else forms[form], text(authority),
                text(f"{prefix} {signer_title}".strip()), text(signer), text(place),
                recipients[recipient_kind], text(name), text(position), text(recipient_unit),
                text(achievement or decided), text(register), text(code)]  # fmt: skip

    return columns, commendation_row


def _check_package_decision(data: dict, day_of) -> None:
    """A package's decision checked by the form's rules."""
    get = data.get
    clean_decision(
        {
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
    )


def _check_package_recipient(data: dict, day_of) -> None:
    """A package's recipient checked by the form's rules, on its decision's day."""
    raw = {key: data.get(key) for key in RECIPIENT_PACKAGE_FIELDS}
    day = day_of(data.get("decision"))
    clean_recipient(
        {**raw, "unit_code": data.get("unit")},
        on=date.fromisoformat(day) if isinstance(day, str) else None,
        with_keys=False,
    )


RECIPIENT_PACKAGE_FIELDS = (
    "recipient_kind",
    "recipient_name",
    "recipient_position",
    "recipient_unit",
    "achievement",
    "register_number",
)
_d, _c, _u = Decision, Commendation, AdministrativeUnit
PARTS = {
    "decisions": KindParts(
        listing=ListKind(
            _d,
            decision_query,
            {
                "number": SortSpec((_d.number_key,)),
                "date": SortSpec((_d.decided_on,)),
                "authority": SortSpec(python_value=_d.authority),
                "form": SortSpec((_d.form,)),
                "unit": SortSpec((_u.sort_key,), walk=(_d.unit, (_u.sort_key,))),
            },
            "date",
            True,
            (_d.decided_on.desc(), _u.sort_key.asc(), _d.number_key.asc(), _d.id.desc()),
            _d.unit,
        ),
        undo=UndoOps(_save_decision_raw, delete_decision, restore_decision),
        package=PackageKind(
            "decision",
            "quyết định khen thưởng",
            (
                FieldSpec("number", "Số quyết định"),
                FieldSpec("decided_on", "Ngày quyết định", "date"),
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
            decision_index_keys,
            lambda d: f"Quyết định số {d['number']} ngày {date_text(d['decided_on'])}",
            own_date="decided_on",
            derived=("number_key", "authority_key", "search_key"),
            check=_check_package_decision,
        ),
    ),
    "commendations": KindParts(
        listing=ListKind(
            _c,
            commendation_query,
            {
                "name": SortSpec((_c.sort_key,)),
                "kind": SortSpec((_c.recipient_kind,)),
                "position": SortSpec(python_value=_c.recipient_position),
                "recipient_unit": SortSpec(python_value=_c.recipient_unit),
                "decision": SortSpec(
                    (_d.decided_on, _d.id, _c.position), walk=(_c.decision, (_d.decided_on, _d.id))
                ),
                "printed": SortSpec((_c.print_count,)),
            },
            "decision",
            True,
            (_d.decided_on.desc(), _d.id.desc(), _c.position.asc(), _c.id.asc()),
            _c.unit,
        ),
        file=FileKind(
            Commendation,
            COMMENDATION_COLUMNS,
            COMMENDATION_LABELS,
            [
                "decision_number",
                "decision_date",
                "form",
                "authority",
                "signer_title",
                "signer_name",
                "recipient_name",
            ],
            clean_recipient,
            None,
            None,
            commendation_to_raw,
            commendation_query,
            RECIPIENT_FIELDS,
            "cùng quyết định, tên và đơn vị người được khen",
            noun="lượt khen thưởng",
            export_columns=commendation_export_columns,
        ),
        package=PackageKind(
            "commendation",
            "người/tập thể được khen thưởng",
            (
                FieldSpec("decision", "Quyết định", "ref", ref="decision"),
                FieldSpec("unit", "Đơn vị", "unit"),
                FieldSpec("position", "Thứ tự", "int"),
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
            recipient_index_keys,
            lambda d: d["recipient_name"],
            # A recipient travels with its decision: a recipient of this unit on a decision of
            # a level above is that level's record.
            scope_through="decision",
            check=_check_package_recipient,
        ),
    ),
}
