"""Emulation pledges (giao ước thi đua): the signing, the parties, the targets, the year-end
outcome per party, and a commendation decision started from the parties that met them.

One validation path (``clean_pledge``) for the form and the command line; a pledge and its
parties are written together, each write through ``records`` (rights, scope, audit, undo).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from movement_desk import vietnamese
from movement_desk.db.choices import PledgeOutcome, RecipientKind
from movement_desk.db.connection import db
from movement_desk.db.models import ActivitySession, AdministrativeUnit, Pledge, PledgeParty
from movement_desk.services.core import permissions
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import FieldError, ValidationError
from movement_desk.services.core.validation import FieldReader, is_blank
from movement_desk.services.records import commendations, organisations, units
from movement_desk.services.records import store as records
from movement_desk.services.records.specs import FieldSpec, KindParts, PackageKind, UndoOps
from movement_desk.services.records.unit_rules import read_unit

PLEDGE_LABELS = {
    "year": "Năm",
    "title": "Nội dung giao ước",
    "unit_code": "Đơn vị tổ chức ký kết",
    "signed_on": "Ngày ký",
    "session": "Buổi ký kết",
    "targets": "Chỉ tiêu",
    "notes": "Ghi chú",
    "parties": "Các bên tham gia",
}
PARTY_LABELS = {
    "unit_code": "Mã đơn vị tham gia",
    "organisation": "Cơ quan, doanh nghiệp, cơ sở giáo dục",
    "outcome": "Kết quả",
    "outcome_notes": "Nhận xét",
}


def _clean_party(raw: Mapping[str, object], index: int, on: date | None) -> dict:
    reader = FieldReader(raw, PARTY_LABELS, row=index)
    unit = read_unit(reader, "unit_code", on)
    name = reader.text("organisation", max_length=300)
    outcome = reader.choice("outcome", PledgeOutcome, default=PledgeOutcome.PENDING)
    notes = reader.text("outcome_notes", max_length=2000, single_line=False)
    organisation = None
    if unit is not None and name:
        organisation = organisations.find_organisation(unit, name)
        if organisation is None:
            reader.fail("organisation", f"{unit.title} chưa có “{name}” trong danh sách.")
    reader.raise_if_invalid()
    return {"unit": unit, "organisation": organisation, "outcome": outcome, "outcome_notes": notes}


def clean_pledge(raw: Mapping[str, object]) -> tuple[dict, list[dict]]:
    """Check a pledge and its parties (``raw["parties"]``: mappings with ``unit_code``,
    ``organisation``, ``outcome``, ``outcome_notes``); raise one ``ValidationError``."""
    reader = FieldReader(raw, PLEDGE_LABELS)
    title = reader.text("title", required=True, max_length=500)
    signed_on = reader.date("signed_on")
    unit = read_unit(reader, "unit_code", signed_on)
    year = reader.count("year") or (signed_on.year if signed_on else 0)
    if signed_on and year and abs(year - signed_on.year) > 1:
        reader.fail(
            "year", f"giao ước năm {year} nhưng ký ngày {vietnamese.format_date(signed_on)}."
        )
    session = None
    if not is_blank(raw.get("session")):
        session = ActivitySession.live().where(ActivitySession.uuid == str(raw["session"])).first()
        if session is None:
            reader.fail("session", "không tìm thấy buổi ký kết này (có thể đã bị xóa).")
    targets = reader.text("targets", max_length=5000, single_line=False)
    notes = reader.text("notes", max_length=2000, single_line=False)
    errors = list(reader.errors)
    parties: list[dict] = []
    seen: set[tuple] = set()
    for index, party in enumerate(raw.get("parties") or [], start=1):
        try:
            values = _clean_party(party, index, signed_on)
        except ValidationError as exc:
            errors.extend(exc.errors)
            continue
        key = (values["unit"].id, values["organisation"].id if values["organisation"] else None)
        if key in seen:
            errors.append(
                FieldError(
                    "unit_code", PARTY_LABELS["unit_code"], "bên này đã có trong danh sách.", index
                )
            )
        seen.add(key)
        parties.append(values)
    if len(raw.get("parties") or []) < 2:
        errors.append(
            FieldError(
                "parties", PLEDGE_LABELS["parties"], "giao ước cần ít nhất hai bên tham gia."
            )
        )
    if errors:
        raise ValidationError(errors)
    pledge = {
        "year": year,
        "title": title,
        "unit": unit,
        "signed_on": signed_on,
        "session": session,
        "targets": targets,
        "notes": notes,
    }
    return pledge, parties


def save_pledge(raw: Mapping[str, object], actor: Actor, uuid: str | None = None) -> Pledge:
    """Create or replace a pledge with its parties, all or nothing."""
    permissions.require(actor, "pledge.write")
    values, parties = clean_pledge(raw)
    with db.atomic():
        if uuid is None:
            pledge = records.create(Pledge, values, actor)
            existing: list[PledgeParty] = []
        else:
            pledge = records.get_record(Pledge, uuid)
            records.update(pledge, values, actor)
            existing = list(PledgeParty.live().where(PledgeParty.pledge == pledge.id))
        by_key = {(p.unit_id, p.organisation_id): p for p in existing}
        kept = set()
        for position, party in enumerate(parties, start=1):
            key = (party["unit"].id, party["organisation"].id if party["organisation"] else None)
            stored = by_key.get(key)
            party_values = {**party, "pledge": pledge, "position": position}
            if stored is None:
                records.create(PledgeParty, party_values, actor)
            else:
                records.update(stored, party_values, actor)
                kept.add(stored.id)
        for stored in existing:
            if stored.id not in kept:
                records.soft_delete(PledgeParty, stored.uuid, actor)
    return pledge


def set_outcome(party_uuid: str, outcome: str, notes: str, actor: Actor) -> PledgeParty:
    """Record a party's year-end outcome (đạt / không đạt) with notes."""
    party = records.get_record(PledgeParty, party_uuid)
    reader = FieldReader({"outcome": outcome, "outcome_notes": notes}, PARTY_LABELS)
    value = reader.choice("outcome", PledgeOutcome)
    text = reader.text("outcome_notes", max_length=2000, single_line=False)
    reader.raise_if_invalid()
    with db.atomic():
        records.update(party, {"outcome": value, "outcome_notes": text}, actor)
    return party


def delete_pledge(uuid: str, actor: Actor) -> Pledge:
    return records.soft_delete(Pledge, uuid, actor)


def restore_pledge(uuid: str, actor: Actor) -> Pledge:
    return records.restore(Pledge, uuid, actor)


def party_name(party: PledgeParty) -> str:
    return party.organisation.name if party.organisation_id else party.unit.title


def list_pledges(
    actor: Actor, year: int | None = None, unit_code: str | None = None
) -> list[Pledge]:
    """Live pledges the actor may see, by year and signing unit."""
    permissions.require(actor, "record.read", unit_code or None)
    query = Pledge.live().join(AdministrativeUnit)
    if year is not None:
        query = query.where(Pledge.year == year)
    if unit_code:
        query = query.where(Pledge.unit.in_(units.subtree_ids(unit_code)))
    allowed = permissions.visible_unit_ids(actor)
    if allowed is not None:
        query = query.where(Pledge.unit.in_(list(allowed)))
    return list(query.order_by(Pledge.signed_on.desc(), Pledge.id))


def parties_of(pledge: Pledge) -> list[PledgeParty]:
    return list(
        PledgeParty.live().where(PledgeParty.pledge == pledge.id).order_by(PledgeParty.position)
    )


@dataclass(frozen=True)
class MetParty:
    pledge_title: str
    name: str
    unit_code: str


def parties_met(actor: Actor, year: int, unit_code: str | None = None) -> list[MetParty]:
    """The parties of the year's pledges whose outcome is đạt."""
    met = []
    for pledge in list_pledges(actor, year, unit_code):
        for party in parties_of(pledge):
            if party.outcome is PledgeOutcome.MET:
                met.append(MetParty(pledge.title, party_name(party), party.unit.code))
    return met


def decision_values(actor: Actor, year: int, unit_code: str | None = None) -> dict:
    """The raw values of a commendation decision started from the year's pledges: the
    collectives that met them as recipients, the achievement filled in (the decision form's
    shape: decision fields plus ``recipients``)."""
    met: Sequence[MetParty] = parties_met(actor, year, unit_code)
    if not met:
        raise ValidationError(
            [
                FieldError(
                    "parties",
                    PLEDGE_LABELS["parties"],
                    f"năm {year} chưa có bên nào đạt giao ước thi đua; hãy ghi kết quả trước.",
                )
            ]
        )
    return {
        "achievement": (
            "Đã hoàn thành xuất sắc giao ước thi đua trong phong trào “Toàn dân bảo vệ an ninh "
            f"Tổ quốc” năm {year}"
        ),
        "recipients": [
            {
                "recipient_kind": RecipientKind.COLLECTIVE.value,
                "recipient_name": party.name,
                "unit_code": party.unit_code,
            }
            for party in met
        ],
    }


def start_decision(
    year: int, raw_decision: Mapping[str, object], actor: Actor, unit_code: str | None = None
):
    """Save a commendation decision whose recipients are the collectives that met the year's
    pledges (the command line's way; the window opens the decision form with
    ``decision_values`` for the clerk to complete)."""
    values = decision_values(actor, year, unit_code)
    recipients = values.pop("recipients")
    return commendations.save_decision({**values, **raw_decision}, recipients, actor)


# What pledges offer the user: undo of a deletion (records/specs.py; a pledge is not edited
# through undo, so its update does nothing).
def _no_update(uuid: str, raw: dict, actor: Actor) -> None:
    return None


# Checked where they are entered; in a package, their units, references and field types.
PARTS = {
    "pledges": KindParts(
        undo=UndoOps(_no_update, delete_pledge, restore_pledge),
        package=PackageKind(
            "pledge",
            "giao ước thi đua",
            (
                FieldSpec("year", "Năm", "int"),
                FieldSpec("title", "Nội dung giao ước"),
                FieldSpec("unit", "Đơn vị", "unit"),
                FieldSpec("signed_on", "Ngày ký", "date"),
                FieldSpec("session", "Buổi ký kết", "ref", ref="activity_session", nullable=True),
                FieldSpec("targets", "Chỉ tiêu"),
                FieldSpec("notes", "Ghi chú"),
            ),
            lambda d: {},
            lambda d: d["title"],
            own_date="signed_on",
            derived=(),
        ),
    ),
    # The parties have no list of their own: keyed by their table (records/kind_parts.py).
    "pledge_party": KindParts(
        package=PackageKind(
            "pledge_party",
            "bên tham gia giao ước thi đua",
            (
                FieldSpec("pledge", "Giao ước", "ref", ref="pledge"),
                FieldSpec("unit", "Đơn vị", "unit"),
                FieldSpec("organisation", "Cơ quan", "ref", ref="organisation", nullable=True),
                FieldSpec("position", "Thứ tự", "int"),
                FieldSpec("outcome", "Kết quả", "enum", PledgeOutcome),
                FieldSpec("outcome_notes", "Nhận xét"),
            ),
            lambda d: {},
            lambda d: d["unit"] or "",
            derived=(),
            # A party travels with its pledge.
            scope_through="pledge",
        ),
    ),
}
