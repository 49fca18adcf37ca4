"""Recognition certificates: "Giấy công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”".

They print with the commendation certificates' engine (``certificates.print_options``,
``certificates.render``: the same layout, paper sizes, pre-printed mode and offsets) and carry a
serial ("CN2024-000001") from their own register and the same signed verification code
(``certificates.verification_code``), checked by ``verify``. The decision annex lists the
subjects a recognition decision covers.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from peewee import fn

from movement_desk import vietnamese
from movement_desk.db import concurrency
from movement_desk.db.choices import RatingResult, RatingSubject, SignerPrefix
from movement_desk.db.connection import db
from movement_desk.db.models import RecognitionCertificate, SafetyRating, utcnow
from movement_desk.pdf.certificate import CertificateData
from movement_desk.pdf.decision_list import (
    DecisionListData,
    DecisionListGroup,
    DecisionListRenderer,
    DecisionListRow,
)
from movement_desk.services.certificates import printing as certificates
from movement_desk.services.core import audit, output_files, permissions, settings
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import NotFoundError, ServiceError
from movement_desk.services.records import ratings, units

FORM_NAME = "GIẤY CÔNG NHẬN"
SERIAL_PREFIX = "CN"
GROUPS = {
    RatingSubject.RESIDENTIAL_AREA: "KHU DÂN CƯ",
    RatingSubject.COMMUNE: "XÃ, PHƯỜNG, ĐẶC KHU",
    RatingSubject.AGENCY: "CƠ QUAN",
    RatingSubject.ENTERPRISE: "DOANH NGHIỆP",
    RatingSubject.SCHOOL: "CƠ SỞ GIÁO DỤC",
}


def achievement(rating: SafetyRating) -> str:
    return f"Đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm {rating.year}"


def authority_title(recognised_by: str) -> str:
    """ "UBND xã Chợ Rã" → "ỦY BAN NHÂN DÂN XÃ CHỢ RÃ"."""
    return ratings.recognising_title(recognised_by)


def find_ratings(decision_number: str, authority: str | None = None) -> list[SafetyRating]:
    """The passed ratings recognised by decision ``decision_number`` (of ``authority``)."""
    key = vietnamese.fold(decision_number).replace(" ", "")
    found = [
        r
        for r in SafetyRating.live().where(SafetyRating.result == RatingResult.PASSED.value)
        if vietnamese.fold(r.decision_number).replace(" ", "") == key
        and (not authority or vietnamese.fold(r.recognised_by) == vietnamese.fold(authority))
    ]
    if not found:
        raise NotFoundError(
            f"Không có khu dân cư, xã, cơ quan, doanh nghiệp, cơ sở giáo dục nào được công nhận "
            f"theo quyết định số “{decision_number}”."
        )
    bodies = {vietnamese.fold(r.recognised_by) for r in found}
    if len(bodies) > 1:
        names = "; ".join(sorted({r.recognised_by for r in found}))
        raise NotFoundError(
            f"Số quyết định “{decision_number}” có ở nhiều cơ quan ({names}); hãy ghi --authority."
        )
    order = list(RatingSubject)
    return sorted(found, key=lambda r: (order.index(r.subject_kind), r.unit.code, r.id))


def _where(rating: SafetyRating) -> str:
    """Where the subject is: an organisation's unit, a residential area's or commune's parent."""
    unit = rating.unit
    if rating.organisation_id:
        return unit.title
    return unit.parent.title if unit.parent_id else ""


def statement(rating: SafetyRating, serial: str) -> list[str]:
    """What a recognition certificate says, as its code signs it (docs/certificate-code.md)."""
    return certificates.statement_fields(
        serial,
        ratings.subject_name(rating),
        FORM_NAME,
        rating.decision_number,
        rating.decision_date,
        authority_title(rating.recognised_by),
    )


def _same_body(body: str, authority: str) -> bool:
    return bool(authority) and vietnamese.fold(authority_title(body)) == vietnamese.fold(
        authority_title(authority)
    )


def place(rating: SafetyRating) -> str:
    """The place of the date line: the unit the recognising body is the committee of (Nghị
    định 30/2020/NĐ-CP: where the issuing body sits), "Chợ Rã" for "UBND xã Chợ Rã", found
    among the subject's unit and the units above it; else the province the subject belonged
    to on the decision's date, else the settings' place."""
    body = vietnamese.fold(rating.recognised_by)
    unit, seen = rating.unit, set()
    while unit is not None and unit.id not in seen:
        seen.add(unit.id)
        if body.endswith(" " + vietnamese.fold(unit.name)):
            return unit.name
        unit = unit.parent if unit.parent_id else None
    if rating.decision_date is not None:
        province = units.province_of(rating.unit.code, rating.decision_date)
        if province is not None:
            return province.name
    return settings.get("place") or ""


def signer_name(rating: SafetyRating) -> str:
    """Who signed the recognition decision: the name entered with it (on this rating or on
    another subject of the same decision), else the settings' signer when the settings' issuer
    is the recognising body, as a commendation certificate takes it; "" when nobody knows."""
    if rating.signer_name:
        return rating.signer_name
    number = vietnamese.fold(rating.decision_number).replace(" ", "")
    for other in SafetyRating.live().where(
        (SafetyRating.signer_name != "") & (SafetyRating.decision_date == rating.decision_date)
    ):
        if vietnamese.fold(other.decision_number).replace(" ", "") == number and _same_body(
            other.recognised_by, rating.recognised_by
        ):
            return other.signer_name
    if _same_body(rating.recognised_by, settings.get("authority") or ""):
        return settings.get("signer_name") or ""
    return ""


def _same_decision(rating: SafetyRating):
    """The other live subjects recognised by ``rating``'s decision (number, date and body)."""
    number = vietnamese.fold(rating.decision_number).replace(" ", "")
    for other in SafetyRating.live().where(
        (SafetyRating.decision_date == rating.decision_date) & (SafetyRating.id != rating.id)
    ):
        if vietnamese.fold(other.decision_number).replace(" ", "") == number and _same_body(
            other.recognised_by, rating.recognised_by
        ):
            yield other


def signer_capacity(rating: SafetyRating) -> tuple[str, str]:
    """In which capacity the recognition decision was signed, as a decision's signer
    ("KT.", "CHỦ TỊCH\nPHÓ CHỦ TỊCH"): as entered with it (on this rating or, like the signer's
    name, on another subject of the same decision), else the body's usual one."""
    if rating.signer_title:
        return rating.signer_prefix, rating.signer_title
    for other in _same_decision(rating):
        if other.signer_title:
            return other.signer_prefix, other.signer_title
    return ratings.usual_signer(rating.recognised_by)


COMMITTEE_LINE = "ỦY BAN NHÂN DÂN"


def signature_block(rating: SafetyRating) -> tuple[str, str]:
    """The certificate's (signer_prefix, signer_title): a People's Committee's certificate
    keeps its line "TM. ỦY BAN NHÂN DÂN" (Nghị định 30/2020/NĐ-CP, appendix I) and the
    signer's title under it, with its own prefix: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" for the
    chairman, "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" for a vice chairman. Another
    body, or a title that already names the committee, prints as a decision's signer does."""
    prefix, title = signer_capacity(rating)
    names_committee = vietnamese.fold(title).startswith(vietnamese.fold(COMMITTEE_LINE))
    if not ratings.is_committee(rating.recognised_by) or names_committee:
        return prefix, title
    if prefix and prefix != SignerPrefix.FOR_COLLECTIVE.value:
        title = f"{prefix} {title}"
    return SignerPrefix.FOR_COLLECTIVE.value, f"{COMMITTEE_LINE}\n{title}"


def certificate_data(rating: SafetyRating, serial: str, key=None) -> CertificateData:
    """What one recognition certificate prints; its code is signed (MD2) with ``key``, this
    installation's private key by default, like a commendation certificate's."""
    body = rating.recognised_by
    signer_prefix, signer_title = signature_block(rating)
    qr_payload = printed = ""
    if serial:
        qr_payload, printed = certificates.signed_code(statement(rating, serial), key)
    return CertificateData(
        authority=authority_title(body),
        form_name=FORM_NAME,
        verb="CÔNG NHẬN",
        recipient_name=ratings.subject_name(rating),
        recipient_unit=_where(rating),
        achievement=achievement(rating),
        decision_number=rating.decision_number,
        decided_on=rating.decision_date,
        place=place(rating),
        signer_prefix=signer_prefix,
        signer_title=signer_title,
        signer_name=signer_name(rating),
        serial=serial,
        verification_code=qr_payload,
        code_text=printed,
    )


def _require(actor: Actor, chosen: Sequence[SafetyRating]) -> None:
    for unit_id in sorted({r.unit_id for r in chosen}):
        permissions.require(actor, "certificate.print", unit_id)


def prepare(
    chosen: Sequence[SafetyRating], actor: Actor, *, assign_serials: bool = True
) -> list[CertificateData]:
    """The certificates of ``chosen``; serials given to those without one (not in a preview)."""
    _require(actor, chosen)

    def allocate() -> dict[int, str]:
        # As certificates.prepare: allocators of a year's numbers take turns, and a clash
        # with a client printing at the same moment runs this again (db.concurrency).
        if assign_serials:
            for year in sorted({r.decision_date.year for r in chosen}):
                concurrency.serialize("recognition_certificate", year)
        existing = {
            c.rating_id: c.serial
            for c in RecognitionCertificate.select().where(
                RecognitionCertificate.rating.in_([r.id for r in chosen])
            )
        }
        for rating in chosen:
            if rating.id in existing:
                continue
            year = rating.decision_date.year
            last = (
                RecognitionCertificate.select(fn.MAX(RecognitionCertificate.sequence))
                .where(RecognitionCertificate.year == year)
                .scalar()
            )
            sequence = (last or 0) + 1
            serial = f"{SERIAL_PREFIX}{year}-{sequence:06d}"
            existing[rating.id] = serial
            if assign_serials:
                RecognitionCertificate.create(
                    serial=serial,
                    rating=rating.id,
                    year=year,
                    sequence=sequence,
                    issued_at=utcnow(),
                    issued_by=actor.username,
                )
        return existing

    existing = concurrency.retrying(allocate)
    return [certificate_data(r, existing[r.id]) for r in chosen]


@dataclass
class RecognitionPrint:
    decision_number: str
    out: str
    printed: int = 0
    reprints: int = 0
    serials: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"Đã ghi {vietnamese.format_number(self.printed)} giấy công nhận đạt tiêu chuẩn "
            f"“An toàn về an ninh, trật tự” của quyết định số {self.decision_number} vào {self.out}"
        )
        if self.reprints:
            return text + f" ({vietnamese.format_number(self.reprints)} lần in lại)."
        return text + "."


def record_prints(serials: Sequence[str], actor: Actor, detail: str) -> tuple[int, int]:
    """Count the prints in the register and the audit trail; (printed, reprints)."""
    reprints = 0
    now = utcnow()
    with db.atomic():
        for serial in serials:
            row = RecognitionCertificate.get(RecognitionCertificate.serial == serial)
            permissions.require(actor, "certificate.print", row.rating.unit_id)
            reprints += int(row.print_count > 0)
            row.print_count += 1
            row.last_printed_at = now
            row.save()
            audit.log(
                actor,
                "print",
                table="safety_rating",
                uuid=row.rating.uuid,
                label=ratings.subject_name(row.rating),
                unit_id=row.rating.unit_id,
                summary=f"In giấy công nhận số hiệu {serial} ({detail})",
            )
    return len(serials), reprints


def render(
    data: Sequence[CertificateData], paper: str | None = None, preprinted: bool | None = None
) -> bytes:
    return certificates.render(data, certificates.print_options(paper, preprinted))


def print_to_file(
    decision_number: str,
    out: str | Path,
    actor: Actor,
    *,
    authority: str | None = None,
    paper: str | None = None,
    preprinted: bool = False,
) -> RecognitionPrint:
    """Render the decision's recognition certificates into ``out`` and register the prints
    only once the file is written."""
    chosen = find_ratings(decision_number, authority)
    if not signer_name(chosen[0]):
        raise ServiceError(
            f"Quyết định công nhận số {chosen[0].decision_number} của {chosen[0].recognised_by} "
            "chưa có tên người ký: hãy nhập “Người ký quyết định công nhận” ở một kết quả của "
            "quyết định này (trang An toàn về ANTT, hoặc cột signer_name của tệp kết quả) rồi in "
            "lại. Chưa in giấy công nhận nào."
        )
    options = certificates.print_options(paper, True if preprinted else None)
    data = prepare(chosen, actor)
    pdf = certificates.render(data, options)
    output_files.write_bytes(out, pdf)  # the old file stays whole until the new one is
    detail = f"{options.paper.upper()}{', phôi in sẵn' if options.preprinted else ''}, tệp PDF"
    printed, reprints = record_prints([d.serial for d in data], actor, detail)
    return RecognitionPrint(chosen[0].decision_number, str(out), printed, reprints)


# -- verification -----------------------------------------------------------------------------
@dataclass(frozen=True)
class RecognitionCheck:
    ok: bool
    text: str

    def message(self) -> str:
        return self.text


def verify(code: str, *, name: str | None = None, public_key=None) -> RecognitionCheck | None:
    """Check a recognition certificate's code against this database's register of them; None
    when the serial is not in it (``certificates.verify`` then checks a signed code offline)."""
    signed = certificates.parse_code_v2(code)
    if signed is not None:
        row = RecognitionCertificate.get_or_none(RecognitionCertificate.serial == signed.serial)
        if row is None:
            return None
        if signed.signature is None and not signed.statement:
            # The short code printed beside the symbol: only this register can vouch for it.
            if certificates.statement_digest(statement(row.rating, row.serial)) != signed.digest:
                return RecognitionCheck(
                    False,
                    f"KHÔNG HỢP LỆ: mã {row.serial} không khớp với sổ cấp giấy công nhận của "
                    "máy này. Giấy công nhận có thể bị giả mạo hoặc mã bị sửa.",
                )
            return _register_check(row)
        checked = certificates.verify(code, name=name, public_key=public_key)
        if not checked.genuine:  # altered, another name, unknown or revoked key
            return RecognitionCheck(False, checked.message())
        return _register_check(row)
    parsed = certificates.parse_code(code)  # MD1, printed before signed codes
    if parsed is None:
        return None
    serial, given = parsed
    row = RecognitionCertificate.get_or_none(RecognitionCertificate.serial == serial)
    if row is None:
        return None
    if not hmac.compare_digest(certificates.signature(serial, row.rating.uuid), given):
        return RecognitionCheck(
            False,
            f"KHÔNG HỢP LỆ: chữ ký của mã {serial} không khớp. Giấy công nhận có thể bị giả "
            "mạo hoặc mã bị sửa.",
        )
    return _register_check(row)


def _register_check(row: RecognitionCertificate) -> RecognitionCheck:
    """What the register says of a genuine code: the rating still recognised, or not."""
    serial, rating = row.serial, row.rating
    lines = [
        f"Giấy công nhận số hiệu {serial}",
        f"Công nhận: {ratings.subject_name(rating)} {achievement(rating).lower()}",
        f"Quyết định số {rating.decision_number} ngày "
        f"{vietnamese.format_date(rating.decision_date)} của {rating.recognised_by}",
    ]
    valid = rating.deleted_at is None and rating.result is RatingResult.PASSED
    lines.insert(
        0,
        "HỢP LỆ: giấy công nhận do cơ quan cấp."
        if valid
        else "KHÔNG CÒN HIỆU LỰC: kết quả công nhận đã bị xóa hoặc sửa.",
    )
    return RecognitionCheck(valid, "\n".join(lines))


# -- the decision's annex ---------------------------------------------------------------------
def annex_data(decision_number: str, authority: str | None = None) -> DecisionListData:
    chosen = find_ratings(decision_number, authority)
    groups = []
    for subject, heading in GROUPS.items():
        rows = [
            DecisionListRow(
                name=ratings.subject_name(r),
                position="",
                unit=_where(r),
                achievement=achievement(r),
            )
            for r in chosen
            if r.subject_kind is subject
        ]
        if rows:
            groups.append(DecisionListGroup(heading, rows))
    first = chosen[0]
    return DecisionListData(
        authority=first.recognised_by,
        decision_number=first.decision_number,
        decided_on=first.decision_date,
        groups=groups,
        title="DANH SÁCH ĐẠT TIÊU CHUẨN “AN TOÀN VỀ AN NINH, TRẬT TỰ”",
        form_label=FORM_NAME,
    )


class RecognitionAnnexRenderer(DecisionListRenderer):
    """The annex of a recognition decision: the commendation annex with its own headings."""

    column_titles = ("TT", "Khu dân cư, xã, cơ quan, đơn vị", "Địa bàn", "Nội dung công nhận")


def annex_pdf(
    decision_number: str, actor: Actor, authority: str | None = None, *, invariant: bool = False
) -> bytes:
    """The annex list of a recognition decision (needs ``certificate.print``)."""
    _require(actor, find_ratings(decision_number, authority))
    return RecognitionAnnexRenderer(invariant=invariant).render(
        annex_data(decision_number, authority)
    )
