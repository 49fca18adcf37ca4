"""Certificates of a decision: what to print, serial numbers, the print register, verification.

- ``prepare`` turns a decision and chosen recipients into ``CertificateData`` (assigning serial
  numbers the first time, in a short transaction), ``render`` draws them (no database: it may
  run in a worker thread, with a progress callback that can cancel), ``record_prints`` writes
  the print register once the pages were really printed or saved. ``issue`` does all three.
- A serial belongs to one commendation for good; printing it again is recorded as a reprint.
- The QR code carries ``MD2:<serial>:<key id>:<digest>:<signature>|<name>|<form>|<decision
  number>|<decision date>|<issuer>``: the digest is SHA-256 of what the certificate says, the
  signature Ed25519 by this installation's private key (``services.core.signing``). Anyone holding
  the issuer's public key can check it offline, and read the name and decision from the code
  itself; ``verify`` also consults the register when it is at hand (revoked, deleted). The
  format is in docs/certificate-code.md. Codes of the first version (``MD1:<serial>:<HMAC>``,
  a key kept in the database) still verify against the register for certificates issued
  before the change.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid as uuid_module
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from peewee import fn

from movement_desk import vietnamese
from movement_desk.db import bulk, concurrency
from movement_desk.db.choices import CommendationForm, RecipientKind, SignerPrefix
from movement_desk.db.connection import db
from movement_desk.db.models import (
    Certificate,
    CertificatePrint,
    Commendation,
    Decision,
    utcnow,
)
from movement_desk.pdf.certificate import (
    PAPERS,
    CertificateData,
    CertificateRenderer,
    ProgressCallback,
    RenderCancelled,
)
from movement_desk.pdf.decision_list import (
    DecisionListData,
    DecisionListGroup,
    DecisionListRenderer,
    DecisionListRow,
)
from movement_desk.services.core import audit, permissions, settings, signing
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import (
    FieldError,
    NotFoundError,
    ServiceError,
    ValidationError,
)
from movement_desk.services.core.validation import LONG_TEXT, FieldReader
from movement_desk.services.records import commendations
from movement_desk.services.records import store as records

__all__ = ["RenderCancelled"]

FORM_NAMES = {
    CommendationForm.CERTIFICATE_OF_MERIT: "GIẤY KHEN",
    CommendationForm.CERTIFICATE_OF_COMMENDATION: "BẰNG KHEN",
    CommendationForm.COMMEMORATIVE_MEDAL: "KỶ NIỆM CHƯƠNG",
}
SERIAL_PREFIXES = {
    CommendationForm.CERTIFICATE_OF_MERIT: "GK",
    CommendationForm.CERTIFICATE_OF_COMMENDATION: "BK",
    CommendationForm.COMMEMORATIVE_MEDAL: "KN",
    CommendationForm.EMULATION_TITLE: "DH",
}
CODE_PREFIX = "MD1"  # the first version: HMAC with a key in the database (verify only)
CODE_PREFIX_V2 = "MD2"
DIGEST_CHARS = 26  # 130 bits of SHA-256, base32
V2_SINCE_SETTING = "certificate_code_v2_since"  # MD1 codes name serials issued before this
SIGNATURE_CHARS = 16  # 80 bits of the HMAC, base32: short enough for a small QR symbol
KEY_SETTING = "certificate_signing_key"
MAX_OFFSET_MM = 30.0
OUTPUT_PDF = "pdf"
OUTPUT_PRINTER = "printer"

SETTING_LABELS = {
    "authority": "Cơ quan, người ban hành mặc định",
    "signer_prefix": "Thẩm quyền ký",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Người ký",
    "place": "Nơi ký",
    "certificate_paper": "Khổ giấy",
    "offset_right": "Dịch sang phải (mm)",
    "offset_down": "Dịch xuống (mm)",
}


# -- options and settings -----------------------------------------------------------------------
@dataclass(frozen=True)
class PrintOptions:
    """How certificates are laid out: paper, pre-printed blanks and their offset in mm."""

    paper: str = "a4"
    preprinted: bool = False
    offset_mm: tuple[float, float] = (0.0, 0.0)

    def renderer(self, *, invariant: bool = False) -> CertificateRenderer:
        return CertificateRenderer(
            self.paper, preprinted=self.preprinted, offset_mm=self.offset_mm, invariant=invariant
        )


def offsets(paper: str) -> tuple[float, float]:
    """The saved shift [right, down] in mm of the printed area for pre-printed ``paper``."""
    saved = dict(settings.get("certificate_offsets_mm") or {})
    right, down = saved.get(paper, (0.0, 0.0))
    return float(right), float(down)


def print_options(paper: str | None = None, preprinted: bool | None = None) -> PrintOptions:
    """Options from the settings, overridden by what the user chose this time."""
    paper = paper or settings.get("certificate_paper") or "a4"
    if paper not in PAPERS:
        raise ValidationError(
            [
                FieldError(
                    "certificate_paper",
                    SETTING_LABELS["certificate_paper"],
                    f"không có khổ “{paper}”; hãy chọn một trong: {', '.join(PAPERS)}.",
                )
            ]
        )
    if preprinted is None:
        preprinted = bool(settings.get("certificate_preprinted"))
    return PrintOptions(paper, preprinted, offsets(paper))


def certificate_settings() -> dict:
    """The values the settings panel edits."""
    values = {
        key: settings.get(key)
        for key in ("authority", "signer_prefix", "signer_title", "signer_name", "place")
    }
    values["certificate_paper"] = settings.get("certificate_paper") or "a4"
    values["certificate_preprinted"] = bool(settings.get("certificate_preprinted"))
    values["certificate_offsets_mm"] = {paper: offsets(paper) for paper in PAPERS}
    return values


def _offset(reader: FieldReader, field_name: str, value: object) -> float:
    try:
        number = float(str(value if value not in (None, "") else 0).replace(",", "."))
    except ValueError:
        reader.fail(field_name, f"“{value}” không phải số; hãy nhập số mm, ví dụ 2,5 hoặc -1.")
        return 0.0
    if abs(number) > MAX_OFFSET_MM:
        reader.fail(
            field_name,
            f"{vietnamese.format_number(number, 1)} mm quá xa; hãy nhập trong khoảng "
            f"-{MAX_OFFSET_MM:.0f} đến {MAX_OFFSET_MM:.0f} mm.",
        )
    return number


def save_certificate_settings(raw: Mapping[str, object], actor: Actor) -> dict:
    """Check and store signer, place, default issuer, paper and the offsets of one paper.

    ``raw`` may hold any of the keys of ``certificate_settings`` plus ``offset_right`` and
    ``offset_down`` (mm, for ``certificate_paper``). They shape printed certificates, so they
    need ``certificate.print`` (a clerk matches the offsets to the office's blanks); each
    change is in the audit trail.
    """
    permissions.require(actor, "certificate.print")
    reader = FieldReader(raw, SETTING_LABELS)
    values: dict[str, object] = {}
    for key in ("authority", "signer_name", "place"):
        if key in raw:
            values[key] = reader.text(key)
    if "authority" in values:
        values["authority"] = str(values["authority"]).upper()
    if "signer_title" in raw:
        values["signer_title"] = reader.text(
            "signer_title", max_length=LONG_TEXT, single_line=False
        )
    if "signer_prefix" in raw:
        prefix = reader.choice("signer_prefix", SignerPrefix, required=False)
        values["signer_prefix"] = prefix.value if prefix is not None else ""
    paper = str(raw.get("certificate_paper") or settings.get("certificate_paper") or "a4")
    if paper not in PAPERS:
        reader.fail("certificate_paper", f"hãy chọn một trong: {', '.join(PAPERS)}.")
    elif "certificate_paper" in raw:
        values["certificate_paper"] = paper
    if "certificate_preprinted" in raw:
        values["certificate_preprinted"] = bool(raw["certificate_preprinted"])
    if "offset_right" in raw or "offset_down" in raw:
        right = _offset(reader, "offset_right", raw.get("offset_right"))
        down = _offset(reader, "offset_down", raw.get("offset_down"))
        saved = dict(settings.get("certificate_offsets_mm") or {})
        saved[paper] = [right, down]
        values["certificate_offsets_mm"] = saved
    reader.raise_if_invalid()
    with db.atomic():
        for key, value in values.items():
            settings.put(key, value, actor.username)
    return certificate_settings()


# -- choosing what to print ---------------------------------------------------------------------
def find_decision(number: str, authority: str | None = None) -> Decision:
    """The live decision with this number (and issuer); NotFoundError says what to check."""
    decision = commendations.find_decision(number, authority)
    if decision is None:
        raise NotFoundError(
            f"Không có quyết định số “{vietnamese.nfc(number)}”"
            + (f" của {authority}" if authority else "")
            + "; hãy kiểm tra lại số quyết định."
        )
    return decision


def select_recipients(
    decision: Decision, uuids: Sequence[str] | None = None
) -> tuple[list[Commendation], list[Commendation]]:
    """(to print, revoked and left out). ``uuids`` None means every live recipient.

    Asking explicitly for a uuid that is not a recipient of the decision, or that was
    revoked, is refused.
    """
    everyone = commendations.decision_recipients(decision)
    if uuids is None:
        return [c for c in everyone if not c.is_revoked], [c for c in everyone if c.is_revoked]
    by_uuid = {c.uuid: c for c in everyone}
    errors: list[FieldError] = []
    chosen: list[Commendation] = []
    for wanted in uuids:
        commendation = by_uuid.get(str(wanted).strip())
        if commendation is None:
            errors.append(
                FieldError(
                    "recipient",
                    "Người được khen",
                    f"“{wanted}” không thuộc quyết định số {decision.number}; "
                    "hãy kiểm tra lại mã định danh.",
                )
            )
        elif commendation.is_revoked:
            errors.append(
                FieldError(
                    "recipient",
                    "Người được khen",
                    f"khen thưởng của {commendation.recipient_name} đã bị thu hồi "
                    f"({commendation.revoked_reason}); không in được giấy khen.",
                )
            )
        elif commendation not in chosen:
            chosen.append(commendation)
    if errors:
        raise ValidationError(errors)
    if not chosen:
        raise ServiceError("Chưa chọn người hay tập thể nào để in.")
    return chosen, []


@dataclass(frozen=True)
class DecisionChoice:
    """A decision as a picker lists it."""

    uuid: str
    number: str
    decided_on: object
    authority: str
    form: str
    recipients: int

    @property
    def label(self) -> str:
        return (
            f"{self.number} – {vietnamese.format_date(self.decided_on)} – {self.authority} "
            f"({self.form}, {vietnamese.format_number(self.recipients)})"
        )


def list_decisions(search: str = "", limit: int = 300, *, actor: Actor) -> list[DecisionChoice]:
    """Live decisions of the units ``actor`` may see, newest first; ``search`` matches
    number, issuer or achievement ignoring case and diacritics."""
    count = Commendation.select(fn.COUNT(Commendation.id)).where(
        (Commendation.decision == Decision.id) & Commendation.deleted_at.is_null()
    )
    query = Decision.live(Decision, count.alias("recipients"))
    allowed = permissions.visible_unit_ids(actor)
    if allowed is not None:
        query = query.where(Decision.unit.in_(list(allowed)))
    for word in vietnamese.fold(search).split():
        query = query.where(Decision.search_key.contains(word))
    query = query.order_by(Decision.decided_on.desc(), Decision.id.desc()).limit(limit)
    return [
        DecisionChoice(
            d.uuid,
            d.number,
            d.decided_on,
            d.authority,
            d.emulation_title if d.form is CommendationForm.EMULATION_TITLE else d.form.label,
            d.recipients or 0,
        )
        for d in query
    ]


def form_name(decision: Decision) -> str:
    if decision.form is CommendationForm.EMULATION_TITLE:
        return decision.emulation_title.upper()
    return FORM_NAMES[decision.form]


def _signing_key() -> bytes:
    value = settings.get(KEY_SETTING)
    if not value:
        with db.atomic():
            value = settings.get(KEY_SETTING)
            if not value:
                value = secrets.token_hex(32)
                settings.put(KEY_SETTING, value, "system")
    return bytes.fromhex(value)


def signature(serial: str, commendation_uuid: str, key: bytes | None = None) -> str:
    digest = hmac.new(
        key or _signing_key(), f"{serial}|{commendation_uuid}".encode(), hashlib.sha256
    ).digest()
    return base64.b32encode(digest).decode("ascii")[:SIGNATURE_CHARS]


def verification_code(serial: str, commendation_uuid: str, key: bytes | None = None) -> str:
    """ "MD1:GK2024-000001:ABCDEFGHIJKLMNOP": only characters of the QR alphanumeric mode."""
    return f"{CODE_PREFIX}:{serial}:{signature(serial, commendation_uuid, key)}"


def _field(text: object) -> str:
    """One field of the statement: NFC, one line, no ``|`` (the separator of the code)."""
    return " ".join(vietnamese.nfc(str(text or "")).replace("|", "/").split())


def statement_fields(
    serial: str,
    recipient_name: str,
    form: str,
    decision_number: str,
    decided_on: date | None,
    authority: str,
) -> list[str]:
    """What a certificate says, as the code signs it (docs/certificate-code.md)."""
    return [
        _field(serial),
        _field(recipient_name),
        _field(form),
        _field(decision_number),
        decided_on.isoformat() if decided_on else "",
        _field(authority),
    ]


def statement_digest(fields: Sequence[str]) -> str:
    """Base32 of SHA-256 of the fields joined by newlines (UTF-8), first 26 characters."""
    digest = hashlib.sha256("\n".join(fields).encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii")[:DIGEST_CHARS]


def signed_message(serial: str, key_id: str, digest: str) -> bytes:
    return f"{CODE_PREFIX_V2}:{serial}:{key_id}:{digest}".encode("ascii")


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _unb32(text: str) -> bytes | None:
    try:
        return base64.b32decode(text + "=" * (-len(text) % 8))
    except ValueError:
        return None


def signed_code(fields: Sequence[str], key=None) -> tuple[str, str]:
    """(what the QR carries, the short code printed beside it) for a statement, signed with
    ``key`` (default: this installation's private key)."""
    key = key or signing.own_private_key()
    serial = fields[0]
    digest = statement_digest(fields)
    key_id = signing.key_id_of(signing.raw_public(key.public_key()))
    signature = key.sign(signed_message(serial, key_id, digest))
    head = f"{CODE_PREFIX_V2}:{serial}:{key_id}:{digest}"
    return f"{head}:{_b32(signature)}|" + "|".join(fields[1:]), head


def _mark_v2_start() -> None:
    if not settings.get(V2_SINCE_SETTING):
        settings.put(V2_SINCE_SETTING, utcnow().isoformat(timespec="seconds"), "system")


def _next_sequences(year: int, count: int) -> list[int]:
    last = Certificate.select(fn.MAX(Certificate.sequence)).where(Certificate.year == year).scalar()
    start = (last or 0) + 1
    return list(range(start, start + count))


def _serial(decision: Decision, year: int, sequence: int) -> str:
    return f"{SERIAL_PREFIXES[decision.form]}{year}-{sequence:06d}"


@dataclass(frozen=True)
class DecisionTexts:
    """What every certificate of a decision prints alike, blanks filled from the settings:
    read once for a batch instead of once per page."""

    authority: str
    form_name: str
    verb: str
    place: str
    signer_prefix: str
    signer_title: str
    signer_name: str

    @classmethod
    def of(cls, decision: Decision) -> DecisionTexts:
        signer_title = decision.signer_title or settings.get("signer_title") or ""
        signer_prefix = (
            decision.signer_prefix if decision.signer_title else settings.get("signer_prefix") or ""
        )
        return cls(
            authority=decision.authority or settings.get("authority") or "",
            form_name=form_name(decision),
            verb="CÔNG NHẬN" if decision.form is CommendationForm.EMULATION_TITLE else "TẶNG",
            place=decision.place or settings.get("place") or "",
            signer_prefix=signer_prefix,
            signer_title=signer_title,
            signer_name=decision.signer_name or settings.get("signer_name") or "",
        )


def certificate_data(
    decision: Decision,
    commendation: Commendation,
    serial: str,
    key=None,
    texts: DecisionTexts | None = None,
) -> CertificateData:
    """What one certificate prints, every text as stored; blank signer or place from settings
    (``texts``: those of the decision, when the caller read them once for a batch).

    The code is signed with ``key``, this installation's private key by default."""
    texts = texts or DecisionTexts.of(decision)
    qr_payload = printed = ""
    if serial:
        qr_payload, printed = signed_code(
            statement_fields(
                serial,
                commendation.recipient_name,
                texts.form_name,
                decision.number,
                decision.decided_on,
                texts.authority,
            ),
            key,
        )
    return CertificateData(
        authority=texts.authority,
        form_name=texts.form_name,
        verb=texts.verb,
        recipient_name=commendation.recipient_name,
        recipient_position=commendation.recipient_position,
        recipient_unit=commendation.recipient_unit,
        achievement=commendation.achievement or decision.achievement,
        decision_number=decision.number,
        decided_on=decision.decided_on,
        place=texts.place,
        register_number=commendation.register_number,
        signer_prefix=texts.signer_prefix,
        signer_title=texts.signer_title,
        signer_name=texts.signer_name,
        serial=serial,
        verification_code=qr_payload,
        code_text=printed,
    )


def require_print(actor: Actor, decision: Decision, chosen: Sequence[Commendation] = ()) -> None:
    """Refuse unless ``actor`` may print certificates of the decision's unit and of every chosen
    recipient's unit (``certificate.print``: clerks and administrators, in their scope): the
    account and its scope read once, each unit checked once."""
    permissions.require_units(
        actor, "certificate.print", {decision.unit_id, *(c.unit_id for c in chosen)}
    )


def prepare(
    decision: Decision,
    chosen: Sequence[Commendation],
    actor: Actor,
    *,
    assign_serials: bool = True,
) -> list[CertificateData]:
    """The certificates of ``chosen``; serials are given to those that have none.

    With ``assign_serials=False`` (a preview) nothing is written: recipients without a serial
    show the one they would get now. Either way ``actor`` must be allowed to print them.
    """
    require_print(actor, decision, chosen)
    key = signing.own_private_key()
    year = decision.decided_on.year

    def allocate() -> dict[int, str]:
        # Allocators of the year's numbers take turns (a lock on the server; SQLite's write
        # lock), and the UNIQUE (year, sequence) and serial catch anyone else: a clash with a
        # client printing at the same moment runs this again, giving the next free numbers.
        if assign_serials:
            concurrency.serialize("certificate", year)
        existing: dict[int, str] = {}
        ids = [c.id for c in chosen]
        for start in range(0, len(ids), commendations.CHUNK):
            existing.update(
                Certificate.select(Certificate.commendation, Certificate.serial)
                .where(Certificate.commendation.in_(ids[start : start + commendations.CHUNK]))
                .tuples()
            )
        missing = [c for c in chosen if c.id not in existing]
        if missing and assign_serials:
            _mark_v2_start()
        now = utcnow()
        rows = []
        for commendation, sequence in zip(
            missing, _next_sequences(year, len(missing)), strict=True
        ):
            serial = _serial(decision, year, sequence)
            existing[commendation.id] = serial
            rows.append(
                {
                    "serial": serial,
                    "commendation": commendation.id,
                    "year": year,
                    "sequence": sequence,
                    "issued_at": now,
                    "issued_by": actor.username,
                }
            )
        if assign_serials:
            # One prepared statement for the batch.
            bulk.insert_rows(Certificate, rows)
        return existing

    existing = concurrency.retrying(allocate)
    texts = DecisionTexts.of(decision)
    return [certificate_data(decision, c, existing[c.id], key, texts) for c in chosen]


def render(
    certificates: Sequence[CertificateData],
    options: PrintOptions,
    progress: ProgressCallback | None = None,
    *,
    invariant: bool = False,
) -> bytes:
    """The PDF, one page per certificate; raises RenderCancelled when ``progress`` says stop."""
    return options.renderer(invariant=invariant).render(certificates, progress)


@dataclass
class PrintSummary:
    """What one printing added to the register."""

    printed: int = 0
    reprints: int = 0
    serials: list[str] = field(default_factory=list)
    batch: str = ""


def record_prints(
    serials: Sequence[str],
    actor: Actor,
    options: PrintOptions,
    output: str = OUTPUT_PDF,
) -> PrintSummary:
    """Write the print register for certificates that were printed or saved, all at once.

    Each print is one audit entry naming who printed, the serial and the recipient; nothing is
    recorded unless ``actor`` may print every one of them."""
    summary = PrintSummary(batch=str(uuid_module.uuid4()))
    now = utcnow()
    detail = f"{options.paper.upper()}{', phôi in sẵn' if options.preprinted else ''}, " + (
        "máy in" if output == OUTPUT_PRINTER else "tệp PDF"
    )
    wanted = list(dict.fromkeys(serials))
    with db.atomic():
        rows: dict[str, Certificate] = {}
        for start in range(0, len(wanted), commendations.CHUNK):
            rows.update(
                (c.serial, c)
                for c in Certificate.select(Certificate, Commendation)
                .join(Commendation)
                .where(Certificate.serial.in_(wanted[start : start + commendations.CHUNK]))
            )
        unknown = [s for s in wanted if s not in rows]
        if unknown:
            raise NotFoundError(f"Không có giấy khen số hiệu {', '.join(unknown)} trong sổ.")
        permissions.require_units(
            actor, "certificate.print", {c.commendation.unit_id for c in rows.values()}
        )
        certificate_ids = [c.id for c in rows.values()]
        printed_before: set[int] = set()
        for start in range(0, len(certificate_ids), commendations.CHUNK):
            printed_before.update(
                certificate_id
                for (certificate_id,) in CertificatePrint.select(CertificatePrint.certificate)
                .where(
                    CertificatePrint.certificate.in_(
                        certificate_ids[start : start + commendations.CHUNK]
                    )
                )
                .distinct()
                .tuples()
            )
        lines = []
        for serial in serials:
            certificate = rows[serial]
            reprint = certificate.id in printed_before
            printed_before.add(certificate.id)
            lines.append(
                {
                    "certificate": certificate.id,
                    "printed_at": now,
                    "printed_by": actor.username,
                    "reprint": reprint,
                    "paper": options.paper,
                    "preprinted": options.preprinted,
                    "output": output,
                    "batch": summary.batch,
                }
            )
            summary.printed += 1
            summary.reprints += int(reprint)
            summary.serials.append(serial)
        bulk.insert_rows(CertificatePrint, lines)
        commendations.record_prints(
            [(rows[serial].commendation, serial) for serial in serials], actor, detail=detail
        )
    return summary


@dataclass
class IssueResult:
    pdf: bytes
    summary: PrintSummary
    skipped_revoked: list[str] = field(default_factory=list)


def issue(
    decision: Decision,
    recipient_uuids: Sequence[str] | None,
    actor: Actor,
    options: PrintOptions,
    *,
    output: str = OUTPUT_PDF,
    progress: ProgressCallback | None = None,
    invariant: bool = False,
) -> IssueResult:
    """Prepare, render and record in one call (tests and scripts; the window and the command
    line go through ``certificates.files``). The pages are drawn first from the serials the
    recipients would get; the serials and the register are written only after, together, so
    a cancelled or failed render gives no serial and records no print (drawn again should
    another clerk have taken serials meanwhile)."""
    chosen, revoked = select_recipients(decision, recipient_uuids)
    planned = prepare(decision, chosen, actor, assign_serials=False)
    pdf = render(planned, options, progress, invariant=invariant)
    with db.atomic():
        data = prepare(decision, chosen, actor)
        if data != planned:
            pdf = render(data, options, invariant=invariant)
        summary = record_prints([d.serial for d in data], actor, options, output)
    return IssueResult(pdf, summary, [c.recipient_name for c in revoked])


def preview(
    decision: Decision,
    recipient_uuids: Sequence[str] | None,
    options: PrintOptions,
    actor: Actor,
    progress: ProgressCallback | None = None,
) -> bytes:
    """The PDF as it would print, writing nothing."""
    chosen, _ = select_recipients(decision, recipient_uuids)
    return render(prepare(decision, chosen, actor, assign_serials=False), options, progress)


# -- register and revocation ------------------------------------------------------------------
@dataclass(frozen=True)
class RegisterLine:
    """One commendation of a decision in the register."""

    commendation_uuid: str
    recipient_name: str
    recipient_kind: str
    recipient_position: str
    recipient_unit: str
    serial: str
    prints: int
    reprints: int
    first_printed_at: datetime | None
    last_printed_at: datetime | None
    revoked: bool
    revoked_reason: str


def register_lines(decision: Decision) -> list[RegisterLine]:
    """Every live recipient of the decision with its serial and how often it was printed."""
    chosen = commendations.decision_recipients(decision)
    certificates = {
        c.commendation_id: c
        for c in Certificate.select().where(Certificate.commendation.in_([c.id for c in chosen]))
    }
    counts: dict[int, list] = {}
    if certificates:
        query = (
            CertificatePrint.select(
                CertificatePrint.certificate,
                fn.COUNT(CertificatePrint.id),
                fn.SUM(CertificatePrint.reprint),
                fn.MIN(CertificatePrint.printed_at),
                fn.MAX(CertificatePrint.printed_at),
            )
            .where(CertificatePrint.certificate.in_([c.id for c in certificates.values()]))
            .group_by(CertificatePrint.certificate)
            .tuples()
        )
        counts = {row[0]: list(row[1:]) for row in query}
    lines = []
    for commendation in chosen:
        certificate = certificates.get(commendation.id)
        count, reprints, first, last = (
            counts.get(certificate.id, [0, 0, None, None]) if certificate else [0, 0, None, None]
        )
        lines.append(
            RegisterLine(
                commendation.uuid,
                commendation.recipient_name,
                RecipientKind(commendation.recipient_kind).label,
                commendation.recipient_position,
                commendation.recipient_unit,
                certificate.serial if certificate else "",
                int(count or 0),
                int(reprints or 0),
                _as_datetime(first),
                _as_datetime(last),
                commendation.is_revoked,
                commendation.revoked_reason,
            )
        )
    return lines


def _as_datetime(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def revoke(commendation_uuid: str, reason: str, actor: Actor) -> Commendation:
    """Revoke a commendation with a reason; its certificate then verifies as revoked."""
    reader = FieldReader({"revoked_reason": reason}, {"revoked_reason": "Lý do thu hồi"})
    text = reader.text("revoked_reason", required=True, max_length=LONG_TEXT, single_line=False)
    reader.raise_if_invalid()
    with db.atomic():
        commendation = records.get_record(Commendation, commendation_uuid)
        if commendation.is_revoked:
            raise ServiceError(
                f"Khen thưởng của {commendation.recipient_name} đã bị thu hồi ngày "
                f"{vietnamese.format_date(commendation.revoked_at)}."
            )
        records.update(
            commendation,
            {"revoked_at": utcnow(), "revoked_by": actor.username, "revoked_reason": text},
            actor,
        )
    return commendation


def reinstate(commendation_uuid: str, actor: Actor) -> Commendation:
    """Undo a revocation made by mistake."""
    with db.atomic():
        commendation = records.get_record(Commendation, commendation_uuid)
        records.update(
            commendation, {"revoked_at": None, "revoked_by": None, "revoked_reason": ""}, actor
        )
    return commendation


# -- verification ------------------------------------------------------------------------------
VALID = "valid"
REVOKED = "revoked"
DELETED = "deleted"
INVALID = "invalid"  # altered or forged: the signature or the statement does not match
UNKNOWN = "unknown"  # MD1: the serial is not in this register
UNKNOWN_ISSUER = "unknown_issuer"  # MD2: signed with a key this installation does not know
KEY_REVOKED = "key_revoked"  # MD2: the issuer's key was revoked (it may have leaked)
MALFORMED = "malformed"


@dataclass(frozen=True)
class Verification:
    """The answer to "is this certificate genuine?"."""

    status: str
    code: str
    serial: str = ""
    recipient_name: str = ""
    recipient_kind: str = ""
    recipient_position: str = ""
    recipient_unit: str = ""
    form_name: str = ""
    decision_number: str = ""
    decided_on: object = None
    authority: str = ""
    revoked_at: datetime | None = None
    revoked_reason: str = ""
    prints: int = 0
    key_fingerprint: str = ""
    key_unit: str = ""
    reason: str = ""  # why it is not genuine, in words
    from_code: bool = False  # name and decision read from the signed code itself
    in_register: bool = False

    @property
    def genuine(self) -> bool:
        """Issued by a known issuer and unaltered (it may still have been revoked)."""
        return self.status in (VALID, REVOKED, DELETED)

    @property
    def ok(self) -> bool:
        return self.status == VALID

    def message(self) -> str:
        """A few Vietnamese lines for the user."""
        if self.status == MALFORMED:
            return (
                f"“{self.code[:80]}” không phải mã xác thực giấy khen (dạng MD2:GK2024-000001:… "
                "hoặc MD1:…); hãy quét lại mã QR hoặc gõ lại mã in dưới mã QR."
            )
        if self.status == UNKNOWN:
            return f"Số hiệu {self.serial} không có trong sổ cấp giấy khen của cơ sở dữ liệu này."
        if self.status == UNKNOWN_ISSUER:
            return (
                f"KHÔNG XÁC ĐỊNH ĐƯỢC CƠ QUAN CẤP: mã {self.serial} được ký bằng khóa "
                f"{self.key_fingerprint}, máy này không có khóa công khai đó. Hãy nhận tệp khóa "
                "công khai của cơ quan cấp (“keys trust” hoặc “verify --key TỆP”) rồi kiểm tra lại."
            )
        if self.status == KEY_REVOKED:
            return (
                f"KHÔNG TIN CẬY ĐƯỢC: khóa {self.key_fingerprint} đã ký mã {self.serial} đã bị thu "
                "hồi (có thể đã bị lộ); hãy đối chiếu với sổ khen thưởng của cơ quan cấp."
            )
        if self.status == INVALID:
            return (
                f"KHÔNG HỢP LỆ: {self.reason or 'chữ ký của mã ' + self.serial + ' không khớp'}. "
                "Giấy khen có thể bị giả mạo hoặc bị sửa; hãy đối chiếu với sổ khen thưởng."
            )
        if self.from_code and not self.recipient_name:
            return (
                f"HỢP LỆ: số hiệu {self.serial} do khóa {self.key_fingerprint} ký. Mã này không "
                "kèm nội dung giấy khen; hãy quét mã QR để đọc tên người được khen và quyết định."
            )
        lines = [f"{self.form_name} số hiệu {self.serial}", f"Tặng: {self.recipient_name}"]
        detail = ", ".join(p for p in (self.recipient_position, self.recipient_unit) if p)
        if detail:
            lines.append(f"       {detail}")
        lines.append(
            f"Quyết định số {self.decision_number} ngày "
            f"{vietnamese.format_date(self.decided_on)} của {self.authority}"
        )
        if self.key_fingerprint:
            lines.append(
                f"Chữ ký số: khóa {self.key_fingerprint}"
                + (f" (đơn vị {self.key_unit})" if self.key_unit else "")
            )
        if self.status == REVOKED:
            lines.insert(
                0,
                f"ĐÃ BỊ THU HỒI ngày {vietnamese.format_date(self.revoked_at)}: "
                f"{self.revoked_reason}",
            )
        elif self.status == DELETED:
            lines.insert(0, "ĐÃ BỊ XÓA khỏi danh sách khen thưởng của quyết định.")
        elif self.in_register:
            lines.insert(0, "HỢP LỆ: giấy khen do cơ quan cấp, chưa bị thu hồi.")
        else:
            lines.insert(
                0,
                "HỢP LỆ: mã do cơ quan cấp ký, nội dung đúng như trên (máy này không có sổ khen "
                "thưởng của cơ quan cấp nên không biết giấy khen có bị thu hồi sau đó không).",
            )
        return "\n".join(lines)


def parse_code(code: str) -> tuple[str, str] | None:
    """(serial, signature) from a scanned or typed MD1 code, ignoring case and blanks."""
    text = "".join(vietnamese.nfc(code).split()).upper()
    parts = text.split(":")
    if len(parts) != 3 or parts[0] != CODE_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


@dataclass(frozen=True)
class ParsedCode:
    """An MD2 code: its signed head, the signature if present, and the statement if carried."""

    serial: str
    key_id: str
    digest: str
    signature: bytes | None
    statement: list[str] | None  # name, form, number, date, issuer


def parse_code_v2(code: str) -> ParsedCode | None:
    text = vietnamese.nfc(code).strip()
    if len(text) > 4000:
        return None
    head, *rest = text.split("|")
    parts = "".join(head.split()).upper().split(":")
    if parts[0] != CODE_PREFIX_V2 or len(parts) not in (4, 5):
        return None
    serial, key_id, digest = parts[1:4]
    if not serial or len(key_id) != signing.KEY_ID_CHARS or len(digest) != DIGEST_CHARS:
        return None
    signature = None
    if len(parts) == 5:
        signature = _unb32(parts[4])
        if signature is None or len(signature) != 64:
            return None
    statement = None
    if rest:
        if len(rest) != 5:
            return None
        statement = [_field(value) for value in rest]
    return ParsedCode(serial, key_id, digest, signature, statement)


def _register_entry(serial: str):
    return (
        Certificate.select(Certificate, Commendation, Decision)
        .join(Commendation)
        .join(Decision)
        .where(Certificate.serial == serial)
        .first()
    )


def _form_label(decision: Decision) -> str:
    if decision.form is CommendationForm.EMULATION_TITLE:
        return decision.emulation_title
    return form_name(decision).capitalize()


def _register_statement(certificate: Certificate) -> list[str]:
    commendation = certificate.commendation
    decision = commendation.decision
    return statement_fields(
        certificate.serial,
        commendation.recipient_name,
        form_name(decision),
        decision.number,
        decision.decided_on,
        decision.authority or settings.get("authority") or "",
    )


def verify(
    code: str, *, name: str | None = None, public_key: signing.PublicKeyFile | None = None
) -> Verification:
    """Check a certificate's code: its signature with the issuer's public key alone (from the
    keys this installation knows, or ``public_key`` read from the issuer's key file), what it
    says, and — when this database holds the register — revocation and deletion. ``name``: the
    name printed on the paper, compared with the one the code was issued to."""
    parsed = parse_code_v2(code)
    if parsed is None:
        if parse_code(code) is not None:
            return _verify_v1(code)
        return Verification(MALFORMED, code.strip())
    return _verify_v2(code.strip(), parsed, name, public_key)


def _verify_v2(
    code: str, parsed: ParsedCode, name: str | None, public_key: signing.PublicKeyFile | None
) -> Verification:
    serial, fingerprint = parsed.serial, signing.fingerprint(parsed.key_id)
    own = False
    if public_key is not None and public_key.key_id == parsed.key_id:
        raw, unit, revoked = public_key.public_raw, public_key.unit_code, False
    else:
        known = signing.find_key(parsed.key_id)
        if known is None:
            return Verification(UNKNOWN_ISSUER, code, serial, key_fingerprint=fingerprint)
        raw, unit, revoked = known.public_raw, known.signer_unit(), known.revoked
        own = known.own
    if parsed.signature is not None and not signing.verify_signature(
        raw, parsed.signature, signed_message(serial, parsed.key_id, parsed.digest)
    ):
        return Verification(
            INVALID,
            code,
            serial,
            key_fingerprint=fingerprint,
            reason=f"chữ ký số của mã {serial} không khớp với khóa {fingerprint}",
        )
    if revoked:
        return Verification(KEY_REVOKED, code, serial, key_fingerprint=fingerprint)
    statement = [serial, *parsed.statement] if parsed.statement else None
    if statement is not None and statement_digest(statement) != parsed.digest:
        return Verification(
            INVALID,
            code,
            serial,
            key_fingerprint=fingerprint,
            reason="nội dung kèm trong mã (tên, quyết định) đã bị sửa so với nội dung được ký",
        )
    certificate = _register_entry(serial)
    if certificate is not None and statement_digest(_register_statement(certificate)) != (
        parsed.digest
    ):
        if own:
            return Verification(
                INVALID,
                code,
                serial,
                key_fingerprint=fingerprint,
                reason=f"mã {serial} không khớp với nội dung trong sổ cấp giấy khen của máy này",
            )
        certificate = None  # the same serial of another office's register
    if statement is None and certificate is None and parsed.signature is None:
        # The short code printed beside the symbol, and no register here to compare it with.
        return Verification(UNKNOWN, code, serial, key_fingerprint=fingerprint, key_unit=unit)
    if statement is None and certificate is not None:
        statement = _register_statement(certificate)
    if (
        name is not None
        and statement is not None
        and vietnamese.fold(_field(name)) != vietnamese.fold(statement[1])
    ):
        return Verification(
            INVALID,
            code,
            serial,
            recipient_name=statement[1],
            key_fingerprint=fingerprint,
            reason=(
                f"mã này cấp cho “{statement[1]}”, không phải “{_field(name)}”: mã đã bị chép "
                "sang giấy khen của người khác"
            ),
        )
    if certificate is not None:
        return _register_result(certificate, code, fingerprint, unit)
    if statement is None:
        return Verification(
            VALID, code, serial, key_fingerprint=fingerprint, key_unit=unit, from_code=True
        )
    return Verification(
        VALID,
        code,
        serial,
        recipient_name=statement[1],
        form_name=statement[2].capitalize() if statement[2].isupper() else statement[2],
        decision_number=statement[3],
        decided_on=_iso_date(statement[4]),
        authority=statement[5],
        key_fingerprint=fingerprint,
        key_unit=unit,
        from_code=True,
    )


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _register_result(
    certificate: Certificate, code: str, fingerprint: str = "", unit: str = ""
) -> Verification:
    commendation = certificate.commendation
    decision = commendation.decision
    if commendation.is_revoked:
        status = REVOKED
    elif commendation.deleted_at is not None or decision.deleted_at is not None:
        status = DELETED
    else:
        status = VALID
    return Verification(
        status,
        code,
        certificate.serial,
        recipient_name=commendation.recipient_name,
        recipient_kind=RecipientKind(commendation.recipient_kind).label,
        recipient_position=commendation.recipient_position,
        recipient_unit=commendation.recipient_unit,
        form_name=_form_label(decision),
        decision_number=decision.number,
        decided_on=decision.decided_on,
        authority=decision.authority,
        revoked_at=commendation.revoked_at,
        revoked_reason=commendation.revoked_reason,
        prints=CertificatePrint.select().where(CertificatePrint.certificate == certificate).count(),
        key_fingerprint=fingerprint,
        key_unit=unit,
        in_register=True,
    )


def _verify_v1(code: str) -> Verification:
    """The first version's code: an HMAC with this database's key, for certificates issued
    before signed codes (a later serial never carries an MD1 code)."""
    serial, given = parse_code(code)
    certificate = _register_entry(serial)
    if certificate is None:
        return Verification(UNKNOWN, code, serial)
    since = settings.get(V2_SINCE_SETTING)
    if since and str(certificate.issued_at) >= since.replace("T", " "):
        return Verification(
            INVALID,
            code,
            serial,
            reason=f"số hiệu {serial} được cấp với mã ký số MD2, không phải MD1",
        )
    expected = signature(serial, certificate.commendation.uuid)
    if not hmac.compare_digest(expected, given):
        return Verification(INVALID, code, serial)
    return _register_result(certificate, code)


# -- the decision's annex list ---------------------------------------------------------------
GROUP_HEADINGS = {
    RecipientKind.COLLECTIVE: "TẬP THỂ",
    RecipientKind.INDIVIDUAL: "CÁ NHÂN",
    RecipientKind.HOUSEHOLD: "HỘ GIA ĐÌNH",
}


def decision_list_data(decision: Decision) -> DecisionListData:
    """Recipients grouped: collectives, individuals, households, each in the decision's order."""
    groups = []
    recipients = commendations.decision_recipients(decision)
    for kind, heading in GROUP_HEADINGS.items():
        rows = [
            DecisionListRow(
                name=c.recipient_name,
                position=c.recipient_position,
                unit=c.recipient_unit,
                achievement=c.achievement or decision.achievement,
            )
            for c in recipients
            if RecipientKind(c.recipient_kind) is kind
        ]
        if rows:
            groups.append(DecisionListGroup(heading, rows))
    return DecisionListData(
        authority=decision.authority,
        decision_number=decision.number,
        decided_on=decision.decided_on,
        groups=groups,
        form_label=form_name(decision),
    )


def decision_list_pdf(
    decision: Decision, *, invariant: bool = False, actor: Actor | None = None
) -> bytes:
    """The annex list as a PDF. With ``actor`` (the window, the command line): refused unless
    the actor may print the decision's certificates, and recorded as a print."""
    if actor is not None:
        require_print(actor, decision)
    pdf = DecisionListRenderer(invariant=invariant).render(decision_list_data(decision))
    if actor is not None:
        with db.atomic():
            audit.log(
                actor,
                "print",
                table="decision",
                uuid=decision.uuid,
                label=decision.number,
                unit_id=decision.unit_id,
                summary=f"In danh sách kèm theo quyết định số {decision.number}",
            )
    return pdf
