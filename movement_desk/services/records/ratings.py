"""Yearly "An toàn về an ninh, trật tự" ratings (Thông tư 124/2021/TT-BCA, amended by
Thông tư 48/2025/TT-BCA): registration, evaluation against the criteria, recognition.

Everything about a rating goes through ``clean_rating``: the form, the import file and the
command line give the same message for the same mistake. The evaluation periods of the
circular are computed in one place, ``evaluation_period``. The criteria catalogue is kept
per subject kind and per year in ``rating_criterion``; until an administrator stores a
version, the circular's own list (``CIRCULAR_CRITERIA``) applies.

Who does what: an officer (``rating.write``) registers the subjects of his commune and
proposes the result; the recognising level (``rating.confirm``: the commune for its
residential areas and the organisations it manages, the level above for a commune) enters
the recognition decision.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from peewee import JOIN

from movement_desk import vietnamese
from movement_desk.db.choices import ManagingLevel, RatingResult, RatingSubject, SignerPrefix
from movement_desk.db.connection import db
from movement_desk.db.models import (
    AdministrativeUnit,
    Organisation,
    RatingCriterion,
    SafetyRating,
)
from movement_desk.services.core import lookups, permissions, tabular
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import (
    FieldError,
    PermissionDenied,
    ServiceError,
    ValidationError,
)
from movement_desk.services.core.rating_periods import (  # noqa: F401 - also ratings.<name>
    CIRCULAR,
    ORGANISATION_SUBJECTS,
    evaluation_period,
    period_text,
    periods_note,
)
from movement_desk.services.core.validation import LONG_TEXT, FieldReader, is_blank, today
from movement_desk.services.records import organisations, units
from movement_desk.services.records import store as records
from movement_desk.services.records.commendations import split_signer_title
from movement_desk.services.records.specs import FieldSpec, KindParts, PackageKind, UndoOps

FIRST_YEAR = 2022  # the circular is in force from 10/02/2022

RATING_COLUMNS = [
    "year",
    "subject_kind",
    "unit_code",
    "organisation",
    "registered_on",
    "households_registered",
    "result",
    "missed_criteria",
    "recognised_by",
    "decision_number",
    "decision_date",
    # Optional, after the columns: the recognition decision's signer.
    "signer_name",
    # Optional too: in which capacity (the decision's choices; blank: the usual block).
    "signer_prefix",
    "signer_title",
]
RATING_LABELS = {
    "year": "Năm",
    "subject_kind": "Đối tượng",
    "unit_code": "Mã đơn vị",
    "organisation": "Cơ quan, doanh nghiệp, cơ sở giáo dục",
    "registered_on": "Ngày đăng ký",
    "registration_ref": "Số nghị quyết, kế hoạch đăng ký",
    "households_registered": "Số hộ đăng ký",
    "result": "Kết quả",
    "missed_criteria": "Tiêu chí không đạt",
    "recognised_by": "Cơ quan công nhận",
    "decision_number": "Số quyết định công nhận",
    "decision_date": "Ngày quyết định công nhận",
    "signer_name": "Người ký quyết định công nhận",
    "signer_prefix": "Thẩm quyền ký",
    "signer_title": "Chức vụ người ký",
    "notes": "Ghi chú",
}
# How reports name each category in "đạt / tổng" lines.
CATEGORY_NOUNS = {
    RatingSubject.RESIDENTIAL_AREA: "khu dân cư",
    RatingSubject.COMMUNE: "xã, phường, đặc khu",
    RatingSubject.AGENCY: "cơ quan",
    RatingSubject.ENTERPRISE: "doanh nghiệp",
    RatingSubject.SCHOOL: "cơ sở giáo dục",
}

# ---------------------------------------------------------------------------------------------
# The criteria catalogue

# The circular's criteria (articles 4-7), as far as the published text could be read; the
# legal text itself is public (a normative document is not protected by copyright). Which
# words are the circular's own and which are not yet is in docs/ratings.md ("Criteria"):
# - khu dân cư (art. 4): 1 and 2 verbatim (thuvienphapluat.vn, lawnet.vn); 3 with the
#   events the circular lists (lawnet.vn, baovinhlong.com.vn), its last line not verbatim;
#   4 and 5 condensed;
# - xã, phường (art. 5): 1-3 verbatim (snv.hanam.gov.vn); 4 as provincial plans quote it;
# - cơ quan, doanh nghiệp (art. 6): 1 verbatim (thuvienphapluat.vn, accgroup.vn); 2 verbatim
#   as far as the source shows it; 3-5 condensed;
# - cơ sở giáo dục (art. 7): condensed; the circular has six criteria here (Công an tỉnh Bà
#   Rịa - Vũng Tàu's summary), the list below five.
# An administrator stores the official wording as a version (Units and catalogues → criteria,
# or "criteria set"); a stored version replaces the whole list of its subject from its year.
CIRCULAR_CRITERIA: dict[RatingSubject, list[str]] = {
    RatingSubject.RESIDENTIAL_AREA: [
        "Quý I hằng năm, chi bộ có nghị quyết, khu dân cư có đăng ký phấn đấu đạt tiêu chuẩn "
        "“An toàn về an ninh, trật tự”; 100% hộ gia đình đang cư trú trên địa bàn đăng ký "
        "tham gia xây dựng khu dân cư “An toàn về an ninh, trật tự”.",
        "Triển khai, thực hiện đầy đủ các chủ trương, đường lối của Đảng, chính sách, pháp "
        "luật của Nhà nước, các quy định của địa phương về công tác bảo đảm an ninh, trật tự.",
        "Không để xảy ra một trong các trường hợp: hoạt động chống Đảng, chống chính quyền, "
        "phá hoại khối đại đoàn kết toàn dân tộc; hoạt động phá hoại các mục tiêu, công trình "
        "trọng điểm về kinh tế, văn hóa, xã hội, an ninh, quốc phòng; tuyên truyền, phát triển "
        "tín ngưỡng, tôn giáo trái pháp luật; hoạt động lợi dụng tín ngưỡng, tôn giáo, dân tộc, "
        "tranh chấp, khiếu kiện gây phức tạp về an ninh, trật tự; hoạt động ly khai, đòi tự "
        "trị; mâu thuẫn, tranh chấp phức tạp, kéo dài trong nội bộ Nhân dân; kích động, xúi "
        "giục, cưỡng bức, dụ dỗ, mua chuộc, lôi kéo người khác tham gia khiếu kiện đông "
        "người, vượt cấp trái pháp luật.",
        "Tội phạm, tệ nạn xã hội và vi phạm pháp luật khác được kiềm chế, kéo giảm; không để "
        "xảy ra tai nạn, sự cố nghiêm trọng về trật tự, an toàn xã hội.",
        "Công tác bảo đảm an ninh, trật tự và phong trào toàn dân bảo vệ an ninh Tổ quốc ở "
        "khu dân cư được tổ chức thực hiện hiệu quả; lực lượng tham gia bảo vệ an ninh, trật "
        "tự ở cơ sở hoạt động hiệu quả.",
    ],
    RatingSubject.COMMUNE: [
        "Quý I hằng năm, Đảng ủy có nghị quyết; Ủy ban nhân dân xã, phường, thị trấn có kế "
        "hoạch về bảo đảm an ninh, trật tự và đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an "
        "ninh, trật tự”; xây dựng, củng cố hoặc duy trì ít nhất 01 mô hình phong trào toàn dân "
        "bảo vệ an ninh Tổ quốc ở cơ sở hoạt động hiệu quả.",
        "Đạt các tiêu chí quy định tại khoản 2, khoản 3, khoản 4 Điều 4 của Thông tư.",
        "Công an xã, phường, thị trấn chủ động nắm chắc tình hình, kịp thời tham mưu, đề xuất "
        "cấp ủy đảng, chính quyền các chủ trương, biện pháp và tổ chức thực hiện có hiệu quả "
        "công tác bảo đảm an ninh, trật tự và xây dựng phong trào toàn dân bảo vệ an ninh Tổ "
        "quốc trên địa bàn; không có cá nhân vi phạm bị xử lý kỷ luật.",
        "100% khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục thuộc thẩm quyền hoặc được ủy "
        "quyền quản lý trên địa bàn đăng ký xây dựng, trong đó có từ 70% trở lên được công "
        "nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”.",
    ],
    RatingSubject.AGENCY: [
        "Quý I hằng năm, tổ chức Đảng có nghị quyết chuyên đề riêng hoặc lồng ghép công tác "
        "bảo đảm an ninh, trật tự trong nghị quyết lãnh đạo, chỉ đạo hằng năm (đối với nơi có "
        "tổ chức Đảng); cơ quan, doanh nghiệp có kế hoạch về bảo đảm an ninh, trật tự và đăng "
        "ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”; có nội quy, quy định bảo vệ "
        "cơ quan, doanh nghiệp, bảo vệ bí mật Nhà nước, bảo vệ chính trị nội bộ, an toàn lao "
        "động, phòng, chống cháy nổ, bảo vệ môi trường phù hợp với tình hình thực tiễn và quy "
        "định của pháp luật; 100% cán bộ, công chức, viên chức, người lao động được phổ biến "
        "quán triệt các nội quy, quy định nêu trên và tiêu chí xây dựng cơ quan, doanh nghiệp "
        "đạt tiêu chuẩn “An toàn về an ninh, trật tự”; có ít nhất 01 mô hình phong trào toàn "
        "dân bảo vệ an ninh Tổ quốc hoạt động hiệu quả.",
        "Triển khai, thực hiện đầy đủ các chủ trương, đường lối của Đảng, chính sách, pháp "
        "luật của Nhà nước, quy chế, chương trình, kế hoạch phối hợp về bảo đảm an ninh, trật tự.",
        "Không để xảy ra các vụ việc phức tạp về an ninh, trật tự, lộ, mất bí mật nhà nước, "
        "cháy, nổ, tai nạn lao động nghiêm trọng trong cơ quan, doanh nghiệp.",
        "Cán bộ, công chức, viên chức, người lao động không vi phạm pháp luật bị xử lý hình sự.",
        "Lực lượng bảo vệ hoạt động hiệu quả; công tác bảo đảm an ninh, trật tự được tổ chức "
        "thực hiện hiệu quả.",
    ],
    RatingSubject.SCHOOL: [
        "Quý I hằng năm, tổ chức Đảng có nghị quyết, cơ sở giáo dục có kế hoạch về bảo đảm an "
        "ninh, trật tự và đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”; 100% "
        "cán bộ, giáo viên, người học được phổ biến nội quy, quy định; có mô hình phong trào "
        "toàn dân bảo vệ an ninh Tổ quốc hoạt động hiệu quả.",
        "Triển khai, thực hiện đầy đủ các chủ trương, đường lối của Đảng, chính sách, pháp "
        "luật của Nhà nước về bảo đảm an ninh, trật tự trong cơ sở giáo dục; phối hợp giữa cơ "
        "sở giáo dục với gia đình (ban đại diện cha mẹ học sinh) và địa phương trong quản lý "
        "người học.",
        "Không để xảy ra các vụ việc phức tạp về an ninh, trật tự, kích động, lôi kéo hoặc "
        "tuyên truyền tín ngưỡng, tôn giáo trái pháp luật, bạo lực học đường nghiêm trọng, "
        "cháy, nổ trong cơ sở giáo dục.",
        "Cán bộ, giáo viên, người học không vi phạm pháp luật bị xử lý hình sự; không mắc tệ "
        "nạn xã hội.",
        "Công tác bảo đảm an ninh, trật tự được tổ chức thực hiện hiệu quả; cán bộ, giáo viên, "
        "nhân viên hoàn thành tốt nhiệm vụ được giao trong năm.",
    ],
}
CIRCULAR_CRITERIA[RatingSubject.ENTERPRISE] = CIRCULAR_CRITERIA[RatingSubject.AGENCY]


@dataclass(frozen=True)
class Criterion:
    number: int
    text: str


def criteria_for(subject: RatingSubject, year: int) -> list[Criterion]:
    """The criteria in force for ``subject`` in ``year``: the latest stored version from a
    year not after ``year``, else the circular's list."""
    stored = (
        RatingCriterion.live()
        .where(
            (RatingCriterion.subject_kind == subject.value) & (RatingCriterion.from_year <= year)
        )
        .order_by(RatingCriterion.from_year.desc(), RatingCriterion.number)
    )
    rows = list(stored)
    if rows:
        latest = rows[0].from_year
        return [Criterion(r.number, r.text) for r in rows if r.from_year == latest]
    return [Criterion(i, text) for i, text in enumerate(CIRCULAR_CRITERIA[subject], start=1)]


def save_criteria(
    subject: RatingSubject | str, from_year: int, texts: Iterable[str], actor: Actor
) -> list[Criterion]:
    """Store the criteria of ``subject`` in force from ``from_year`` (replacing that year's
    version); an administrator's task (``catalog.write``)."""
    permissions.require(actor, "catalog.write")
    subject = RatingSubject(subject)
    cleaned = [" ".join(vietnamese.nfc(t).split()) for t in texts]
    errors = [
        FieldError("text", f"Tiêu chí {i}", "chưa nhập nội dung tiêu chí.")
        for i, t in enumerate(cleaned, start=1)
        if not t
    ]
    if not cleaned:
        errors.append(FieldError("text", "Tiêu chí", "cần ít nhất một tiêu chí."))
    if from_year < FIRST_YEAR:
        errors.append(
            FieldError("from_year", "Áp dụng từ năm", f"Thông tư áp dụng từ năm {FIRST_YEAR}.")
        )
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        old = RatingCriterion.live().where(
            (RatingCriterion.subject_kind == subject.value)
            & (RatingCriterion.from_year == from_year)
        )
        for row in list(old):
            records.soft_delete(RatingCriterion, row.uuid, actor)
        for number, text in enumerate(cleaned, start=1):
            records.create(
                RatingCriterion,
                {"subject_kind": subject, "from_year": from_year, "number": number, "text": text},
                actor,
            )
    return criteria_for(subject, from_year)


# ---------------------------------------------------------------------------------------------
# The one validation path


def _read_year(reader: FieldReader) -> int | None:
    value = reader.raw.get("year")
    if is_blank(value):
        reader.fail("year", "chưa nhập năm; hãy nhập năm đánh giá, ví dụ 2024.")
        return None
    try:
        year = int(str(value).strip().split(".")[0]) if not isinstance(value, int) else value
    except ValueError:
        reader.fail("year", f"“{value}” không phải là năm; hãy nhập 4 chữ số, ví dụ 2024.")
        return None
    if year < FIRST_YEAR or year > today().year + 1:
        reader.fail(
            "year",
            f"năm {year} không hợp lệ: Thông tư 124/2021/TT-BCA áp dụng từ năm {FIRST_YEAR}, "
            f"đến nay là năm {today().year}.",
        )
        return None
    return year


def parse_missed(text: str) -> list[int]:
    """ "2; 4" or "2,4" or "tiêu chí 2, 4" → [2, 4]; raises ValueError on other words."""
    cleaned = vietnamese.fold(text).replace("tieu chi", " ")
    parts = [p for p in re.split(r"[,;\s]+", cleaned) if p]
    numbers = []
    for part in parts:
        if not part.isdigit():
            raise ValueError(part)
        numbers.append(int(part))
    return sorted(set(numbers))


def _read_subject_unit(
    reader: FieldReader, subject: RatingSubject | None
) -> tuple[AdministrativeUnit | None, Organisation | None]:
    raw_unit = reader.raw.get("unit_code")
    if isinstance(raw_unit, AdministrativeUnit):
        unit = raw_unit
    else:
        code = vietnamese.nfc(str(raw_unit or "")).strip()
        if not code:
            reader.fail("unit_code", "chưa nhập mã đơn vị (mã khu dân cư, xã hoặc đơn vị quản lý).")
            return None, None
        unit = units.find_unit(code)
        if unit is None or unit.deleted_at is not None:
            reader.fail(
                "unit_code", f"không có đơn vị mã “{code}”; hãy chọn đơn vị trong danh mục."
            )
            return None, None
    if subject is None:
        return unit, None
    organisation_name = reader.text("organisation", max_length=300)
    if subject is RatingSubject.RESIDENTIAL_AREA:
        if not units.is_residential(unit):
            reader.fail(
                "unit_code",
                f"{unit.title} (mã {unit.code}) không phải khu dân cư; hãy nhập mã thôn, bản, "
                "tổ dân phố…",
            )
        if organisation_name:
            reader.fail("organisation", "khu dân cư không ghi tên cơ quan; hãy để trống.")
        return unit, None
    if subject is RatingSubject.COMMUNE:
        if unit.kind not in units.COMMUNE_KINDS:
            reader.fail(
                "unit_code",
                f"{unit.title} (mã {unit.code}) không phải đơn vị cấp xã; hãy nhập mã xã, "
                "phường, thị trấn hoặc đặc khu.",
            )
        if organisation_name:
            reader.fail("organisation", "xã, phường không ghi tên cơ quan; hãy để trống.")
        return unit, None
    if not organisation_name:
        reader.fail(
            "organisation",
            f"chưa nhập tên {subject.label.lower()}; hãy nhập đúng tên trong danh sách cơ quan, "
            "doanh nghiệp, cơ sở giáo dục của đơn vị.",
        )
        return unit, None
    organisation = organisations.find_organisation(unit, organisation_name)
    if organisation is None:
        reader.fail(
            "organisation",
            f"{unit.title} chưa có “{organisation_name}” trong danh sách cơ quan, doanh nghiệp, "
            "cơ sở giáo dục; hãy thêm trước (lệnh import organisations).",
        )
        return unit, None
    if organisation.kind is not ORGANISATION_SUBJECTS[subject]:
        reader.fail(
            "subject_kind",
            f"“{organisation.name}” là {organisation.kind.label.lower()}, không phải "
            f"{subject.label.lower()}.",
        )
    return unit, organisation


def clean_rating(raw: Mapping[str, object], row: int | None = None) -> dict:
    """Check one rating (registration, result, recognition); return the values to store."""
    reader = FieldReader(raw, RATING_LABELS, row=row)
    year = _read_year(reader)
    subject = reader.choice("subject_kind", RatingSubject)
    unit, organisation = _read_subject_unit(reader, subject)
    registered_on = reader.date("registered_on", required=False)
    registration_ref = reader.text("registration_ref", max_length=200)
    households_registered = reader.count("households_registered")
    result = reader.choice("result", RatingResult, default=RatingResult.PENDING)
    missed_text = reader.text("missed_criteria", max_length=200)
    recognised_by = reader.text("recognised_by", max_length=300)
    decision_number = reader.text("decision_number", max_length=100)
    decision_date = reader.date("decision_date", required=False)
    signer_name = reader.text("signer_name", max_length=200)
    signer_prefix, signer_title = _read_signer(
        reader, recognised_by, bool(recognised_by or decision_number or decision_date)
    )
    notes = reader.text("notes", max_length=2000, single_line=False)

    if (
        year is not None
        and registered_on is not None
        and not (date(year, 1, 1) <= registered_on <= date(year, 3, 31))
    ):
        reader.fail(
            "registered_on",
            f"đăng ký năm {year} phải trong quý I (01/01/{year} – 31/03/{year}); "
            f"ngày {vietnamese.format_date(registered_on)} nằm ngoài quý I.",
        )
    households_total = 0
    if subject is RatingSubject.RESIDENTIAL_AREA and unit is not None:
        households_total = unit.households or 0
        if households_total and households_registered > households_total:
            reader.fail(
                "households_registered",
                f"{vietnamese.format_number(households_registered)} hộ đăng ký nhiều hơn "
                f"{vietnamese.format_number(households_total)} hộ của {unit.title}.",
            )
    elif households_registered and subject is not None:
        reader.fail("households_registered", "chỉ ghi số hộ đăng ký cho khu dân cư.")

    missed: list[int] = []
    if missed_text:
        try:
            missed = parse_missed(missed_text)
        except ValueError as exc:
            reader.fail(
                "missed_criteria",
                f"“{exc}” không phải số tiêu chí; hãy ghi số các tiêu chí không đạt, ví dụ 2; 4.",
            )
    if subject is not None and year is not None and missed:
        known = {c.number for c in criteria_for(subject, year)}
        unknown = [n for n in missed if n not in known]
        if unknown:
            reader.fail(
                "missed_criteria",
                f"không có tiêu chí số {', '.join(map(str, unknown))} cho "
                f"{subject.label.lower()} năm {year} (có {len(known)} tiêu chí).",
            )
    if result is RatingResult.FAILED and not missed_text:
        reader.fail("missed_criteria", "kết quả “Không đạt”: hãy ghi các tiêu chí không đạt.")
    if result is not RatingResult.FAILED and missed_text:
        reader.fail("missed_criteria", "chỉ ghi tiêu chí không đạt khi kết quả là “Không đạt”.")
    if result is RatingResult.PASSED:
        if registered_on is None and not reader.has_error("registered_on"):
            reader.fail(
                "registered_on",
                "kết quả “Đạt” cần đăng ký phấn đấu trong quý I; hãy nhập ngày đăng ký.",
            )
        if (
            subject is RatingSubject.RESIDENTIAL_AREA
            and households_total
            and households_registered < households_total
            and not reader.has_error("households_registered")
        ):
            reader.fail(
                "households_registered",
                f"kết quả “Đạt” cần 100% hộ gia đình đăng ký (tiêu chí 1): mới có "
                f"{vietnamese.format_number(households_registered)}/"
                f"{vietnamese.format_number(households_total)} hộ.",
            )
    recognition = [recognised_by, decision_number, decision_date]
    if any(recognition):
        if result is not RatingResult.PASSED:
            reader.fail(
                "decision_number",
                "chỉ công nhận khi kết quả là “Đạt”; hãy sửa kết quả hoặc bỏ trống quyết định.",
            )
        for name, value in zip(
            ("recognised_by", "decision_number", "decision_date"), recognition, strict=True
        ):
            if not value and not reader.has_error(name):
                reader.fail(name, "quyết định công nhận cần đủ cơ quan công nhận, số và ngày.")
        if decision_date is not None and subject is not None and year is not None:
            start, _end = evaluation_period(subject, year)
            if decision_date < start or decision_date.year > year + 1:
                reader.fail(
                    "decision_date",
                    f"ngày {vietnamese.format_date(decision_date)} không thuộc kỳ đánh giá năm "
                    f"{year} ({period_text(subject, year)}) hay đầu năm sau.",
                )
            if registered_on is not None and decision_date < registered_on:
                reader.fail("decision_date", "ngày công nhận trước ngày đăng ký.")
    elif signer_name:
        reader.fail("signer_name", "chỉ ghi người ký khi có quyết định công nhận; hãy để trống.")
    reader.raise_if_invalid()
    return {
        "year": year,
        "subject_kind": subject,
        "unit": unit,
        "organisation": organisation,
        "registered_on": registered_on,
        "registration_ref": registration_ref,
        "households_total": households_total,
        "households_registered": households_registered,
        "result": result,
        "missed_criteria": "; ".join(map(str, missed)),
        "recognised_by": recognised_by,
        "decision_number": decision_number,
        "decision_date": decision_date,
        "signer_name": signer_name,
        "signer_prefix": signer_prefix,
        "signer_title": signer_title,
        "notes": notes,
    }


def is_committee(recognised_by: str) -> bool:
    """ "UBND xã Chợ Rã", "Ủy ban nhân dân huyện Ba Bể": a People's Committee recognises."""
    return vietnamese.fold(recognised_by).strip().startswith(("ubnd", "uy ban nhan dan"))


def recognising_title(recognised_by: str) -> str:
    """ "UBND xã Chợ Rã" → "ỦY BAN NHÂN DÂN XÃ CHỢ RÃ"."""
    text = vietnamese.nfc(recognised_by).strip()
    if vietnamese.fold(text).startswith("ubnd "):
        text = "Ủy ban nhân dân " + text[5:]
    return text.upper()


def usual_signer(recognised_by: str) -> tuple[str, str]:
    """The capacity a recognition certificate of ``recognised_by`` prints when none is entered:
    a People's Committee's chairman on its behalf ("TM." + "CHỦ TỊCH", printed under the line
    "TM. ỦY BAN NHÂN DÂN"), else the body's own title."""
    if is_committee(recognised_by):
        return SignerPrefix.FOR_COLLECTIVE.value, "CHỦ TỊCH"
    return SignerPrefix.NONE.value, recognising_title(recognised_by)


def _title_lines(title: str) -> str:
    """One line of the title a line: a cell's line breaks, or " / " where a file has none."""
    lines = vietnamese.nfc(title).replace(" / ", "\n").splitlines()
    return "\n".join(line.strip() for line in lines if line.strip())


def _read_signer(reader: FieldReader, recognised_by: str, recognised: bool) -> tuple[str, str]:
    """The capacity the recognition decision was signed in, read as a decision's: "KT." and
    "CHỦ TỊCH\nPHÓ CHỦ TỊCH", or "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" in the title alone. ("", "")
    when it is the recognising body's usual one (``usual_signer``), so that one follows the
    body if it is corrected and a rating entered before prints as it did."""
    title = reader.text("signer_title", max_length=LONG_TEXT, single_line=False)
    prefix, title = split_signer_title(_title_lines(title))
    chosen = reader.choice("signer_prefix", SignerPrefix, required=False)
    if chosen is not None and chosen.value:
        if prefix and chosen.value != prefix:
            reader.fail(
                "signer_prefix",
                f"“{chosen.value}” khác với “{prefix}” ở đầu chức vụ người ký; hãy sửa một trong "
                "hai.",
            )
        prefix = chosen.value
    if not recognised:
        if prefix or title:
            reader.fail(
                "signer_title" if title else "signer_prefix",
                "chỉ ghi thẩm quyền, chức vụ người ký khi có quyết định công nhận; hãy để trống.",
            )
        return "", ""
    usual_prefix, usual_title = usual_signer(recognised_by)
    if not title:
        if prefix and prefix != usual_prefix:
            reader.fail(
                "signer_title",
                f"đã chọn thẩm quyền ký “{prefix}”: hãy ghi chức vụ người ký, mỗi dòng một chức "
                "vụ, ví dụ CHỦ TỊCH / PHÓ CHỦ TỊCH.",
            )
        return "", ""
    if prefix == usual_prefix and vietnamese.fold(title) == vietnamese.fold(usual_title):
        return "", ""
    return prefix, title


def recognising_level_ok(actor: Actor, values: Mapping[str, object]) -> None:
    """Refuse a recognition by someone who is not at the recognising level.

    The commune recognises its residential areas and the organisations it manages; the level
    above recognises communes. An account of the commune itself cannot recognise it.
    """
    current = permissions.require(actor, "rating.confirm", values["unit"])
    unit: AdministrativeUnit = values["unit"]
    if values["subject_kind"] is RatingSubject.COMMUNE and current.unit_code == unit.code:
        raise PermissionDenied(
            f"{unit.title} không tự công nhận mình: xã, phường do cấp trên công nhận."
        )
    organisation = values.get("organisation")
    if (
        organisation is not None
        and organisation.managing_level is not ManagingLevel.COMMUNE
        and current.unit_code == unit.code
    ):
        raise PermissionDenied(
            f"“{organisation.name}” do {organisation.managing_level.label.lower()} quản lý nên "
            f"do cấp đó công nhận, không phải {unit.title}."
        )


def _find_rating(values: Mapping[str, object]) -> SafetyRating | None:
    query = SafetyRating.live().where(
        (SafetyRating.year == values["year"])
        & (SafetyRating.subject_kind == values["subject_kind"].value)
        & (SafetyRating.unit == values["unit"].id)
    )
    organisation = values.get("organisation")
    if organisation is None:
        query = query.where(SafetyRating.organisation.is_null())
    else:
        query = query.where(SafetyRating.organisation == organisation.id)
    return query.first()


def _store(values: dict, actor: Actor, existing: SafetyRating | None) -> tuple[SafetyRating, bool]:
    """Write one cleaned rating; the recognition part needs the recognising level."""
    before_recognition = (
        (
            existing.decision_number,
            existing.decision_date,
            existing.recognised_by,
            existing.signer_name,
            existing.signer_prefix,
            existing.signer_title,
        )
        if existing
        else ("", None, "", "", "", "")
    )
    after_recognition = (
        values["decision_number"],
        values["decision_date"],
        values["recognised_by"],
        values.get("signer_name", before_recognition[3]),
        values.get("signer_prefix", before_recognition[4]),
        values.get("signer_title", before_recognition[5]),
    )
    if after_recognition != before_recognition:
        recognising_level_ok(actor, values)
        values = {**values, "confirmed_by": actor.username if values["decision_number"] else ""}
    if existing is None:
        return records.create(SafetyRating, values, actor), True
    return existing, records.update(existing, values, actor)


def save_rating(raw: Mapping[str, object], actor: Actor, uuid: str | None = None) -> SafetyRating:
    """Create or update one rating through the one validation path (the form's way in)."""
    values = clean_rating(raw)
    with db.atomic():
        existing = records.get_record(SafetyRating, uuid) if uuid else _find_rating(values)
        if uuid is None and existing is not None:
            raise ValidationError(
                [
                    FieldError(
                        "unit_code",
                        RATING_LABELS["unit_code"],
                        f"{subject_name(existing)} đã có kết quả năm {existing.year}; hãy sửa bản đã có.",
                    )
                ]
            )
        if uuid is not None:
            clash = _find_rating(values)
            if clash is not None and clash.id != existing.id:
                raise ValidationError(
                    [
                        FieldError(
                            "unit_code",
                            RATING_LABELS["unit_code"],
                            f"{subject_name(clash)} đã có kết quả năm {clash.year}.",
                        )
                    ]
                )
        rating, _changed = _store(values, actor, existing)
    return rating


def delete_rating(uuid: str, actor: Actor) -> SafetyRating:
    return records.soft_delete(SafetyRating, uuid, actor)


def restore_rating(uuid: str, actor: Actor) -> SafetyRating:
    return records.restore(SafetyRating, uuid, actor)


def subject_name(rating: SafetyRating) -> str:
    """ "Thôn Nà Làng" or "Trường THPT Ba Bể": what the rating is about."""
    if rating.organisation_id:
        return rating.organisation.name
    return rating.unit.title


def rating_to_raw(rating: SafetyRating) -> dict:
    """A rating as the import file and the form read it."""
    return {
        "year": rating.year,
        "subject_kind": rating.subject_kind.value,
        "unit_code": rating.unit.code,
        "organisation": rating.organisation.name if rating.organisation_id else "",
        "registered_on": rating.registered_on or "",
        "registration_ref": rating.registration_ref,
        "households_registered": rating.households_registered
        if rating.subject_kind is RatingSubject.RESIDENTIAL_AREA
        else "",
        "result": "" if rating.result is RatingResult.PENDING else rating.result.value,
        "missed_criteria": rating.missed_criteria,
        "recognised_by": rating.recognised_by,
        "decision_number": rating.decision_number,
        "decision_date": rating.decision_date or "",
        "signer_name": rating.signer_name,
        "signer_prefix": rating.signer_prefix,
        "signer_title": rating.signer_title,
        "notes": rating.notes,
    }


def list_ratings(
    actor: Actor,
    *,
    year: int | None = None,
    unit_code: str | None = None,
    subject: RatingSubject | None = None,
) -> list[SafetyRating]:
    """Live ratings the actor may see, by year, unit code and subject."""
    permissions.require(actor, "record.read", unit_code or None)
    query = SafetyRating.live().join(AdministrativeUnit)
    if year is not None:
        query = query.where(SafetyRating.year == year)
    if subject is not None:
        query = query.where(SafetyRating.subject_kind == subject.value)
    if unit_code:
        query = query.where(SafetyRating.unit.in_(units.subtree_ids(unit_code)))
    allowed = permissions.visible_unit_ids(actor)
    if allowed is not None:
        query = query.where(SafetyRating.unit.in_(list(allowed)))
    order = {subject.value: index for index, subject in enumerate(RatingSubject)}
    found = list(query.order_by(SafetyRating.year, AdministrativeUnit.code, SafetyRating.id))
    # The circular's order: residential areas, communes, agencies, enterprises, schools.
    return sorted(found, key=lambda r: (r.year, order[r.subject_kind.value]))


@dataclass(frozen=True)
class AreaLine:
    """A residential area as the ratings page lists it, with its rating of the year."""

    uuid: str
    code: str
    title: str
    commune: str
    households: int
    result: str  # the rating's result label, or "" when not registered that year


def residential_areas(actor: Actor, year: int) -> list[AreaLine]:
    """The live residential areas ``actor`` may see, by code, with their ``year`` rating."""
    permissions.require(actor, "record.read")
    allowed = permissions.visible_unit_ids(actor)
    tree = units.UnitTree.load()
    areas = [
        u
        for u in tree.by_id.values()
        if units.is_residential(u) and u.deleted_at is None and (allowed is None or u.id in allowed)
    ]
    results = {
        unit_id: RatingResult(result).label
        for unit_id, result in SafetyRating.select(SafetyRating.unit, SafetyRating.result)
        .where(
            SafetyRating.deleted_at.is_null()
            & (SafetyRating.year == year)
            & (SafetyRating.subject_kind == RatingSubject.RESIDENTIAL_AREA.value)
        )
        .tuples()
    }
    return [
        AreaLine(
            u.uuid,
            u.code,
            u.title,
            tree.by_id[u.parent_id].title if u.parent_id in tree.by_id else "",
            u.households or 0,
            results.get(u.id, ""),
        )
        for u in sorted(areas, key=lambda u: u.code)
    ]


# ---------------------------------------------------------------------------------------------
# After a data package is merged


def _local_ids(table: str, uuids: set[str]) -> set[int]:
    """Local ids of ``table`` rows for incoming uuids, following the packages' aliases."""
    if not uuids:
        return set()
    found: set[int] = set()
    wanted = sorted(uuids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.execute_sql(
            f"SELECT id FROM {table} WHERE uuid IN ({marks}) UNION SELECT t.id FROM sync_alias a "
            f"JOIN {table} t ON t.uuid = a.local_uuid WHERE a.kind = ? AND a.incoming_uuid IN "
            f"({marks})",
            [*chunk, table, *chunk],
        )
        found.update(row[0] for row in rows.fetchall())
    return found


def check_merged(records: Mapping[str, Iterable[Mapping]], file_name: str) -> None:
    """Run the ratings' own rules again on what a data package just merged (inside its
    transaction): every rating it brought, and every rating of an organisation it brought
    (or deleted).

    The package's records were checked field by field before the merge, but a rating's rules
    need the receiving database's own data: the households of its residential areas, the
    organisation's kind and unit, the criteria catalogue of that year, the recognition's
    dates. A rating that breaks them refuses the whole package, each one named with the field
    and the rule, as the import file and the form name it.
    """

    def uuids(kind: str) -> set[str]:
        return {line["uuid"] for line in records.get(kind, ())}

    # Ratings the package deletes are not checked (``live()`` below); an organisation it
    # deletes is, through the ratings here that still name it.
    rating_ids = _local_ids("safety_rating", uuids("safety_rating"))
    organisation_ids = _local_ids("organisation", uuids("organisation"))
    # Each rating read with its unit and organisation, and the units by code read once: not
    # three queries per rating (a province's package brings thousands).
    query = (
        SafetyRating.select(SafetyRating, AdministrativeUnit, Organisation)
        .join(AdministrativeUnit, on=SafetyRating.unit == AdministrativeUnit.id)
        .switch(SafetyRating)
        .join(Organisation, JOIN.LEFT_OUTER, on=SafetyRating.organisation == Organisation.id)
        .where(
            SafetyRating.deleted_at.is_null()
            & (
                SafetyRating.id.in_(sorted(rating_ids))
                | SafetyRating.organisation.in_(sorted(organisation_ids))
            )
        )
    )
    problems: list[str] = []
    count = 0
    with lookups.cached_references():
        for rating in query.order_by(SafetyRating.year, SafetyRating.id):
            try:
                clean_rating(rating_to_raw(rating))
            except ValidationError as exc:
                count += 1
                if len(problems) < 10:
                    said = "; ".join(f"{e.label}: {e.message}" for e in exc.errors[:3])
                    problems.append(f"{subject_name(rating)} năm {rating.year} — {said}")
    if problems:
        more = f" (và {count - len(problems)} kết quả khác)" if count > len(problems) else ""
        raise ServiceError(
            f"Không nhập được tệp {file_name}: sau khi gộp, có kết quả xây dựng tiêu chuẩn "
            f"“An toàn về ANTT” trái quy tắc với dữ liệu của máy này: {' | '.join(problems)}"
            f"{more}. Hãy sửa ở đơn vị gửi (hoặc sửa danh mục đơn vị, tiêu chí của máy này) rồi "
            "nhập lại. Cơ sở dữ liệu không bị thay đổi."
        )


# ---------------------------------------------------------------------------------------------
# Import and export


def import_ratings(path: str | Path, actor: Actor, *, dry_run: bool = False) -> tabular.ImportCount:
    """Import ratings (``RATING_COLUMNS``): every row is checked first; one bad row and
    nothing is written. A row matches a stored rating by year, subject, unit, organisation."""
    permissions.require(actor, "rating.write")
    table = tabular.read_table(path, RATING_LABELS)
    errors: list[FieldError] = list(
        table.header_errors(required=["year", "subject_kind", "unit_code"])
    )
    cleaned: list[tuple[int, dict]] = []
    seen: dict[tuple, int] = {}
    if not errors:
        for number, raw in table.rows:
            try:
                values = clean_rating(raw, number)
            except ValidationError as exc:
                errors.extend(exc.errors)
                continue
            key = (
                values["year"],
                values["subject_kind"],
                values["unit"].id,
                values["organisation"].id if values["organisation"] else None,
            )
            if key in seen:
                errors.append(
                    FieldError(
                        "unit_code",
                        RATING_LABELS["unit_code"],
                        f"trùng với dòng {seen[key]}: cùng năm, cùng đối tượng.",
                        number,
                    )
                )
                continue
            seen[key] = number
            refused = permissions.row_out_of_scope(
                actor, values["unit"], "unit_code", RATING_LABELS["unit_code"], number
            )
            if refused is not None:
                errors.append(refused)
                continue
            cleaned.append((number, values))
    if errors:
        raise ValidationError(errors)
    result = tabular.ImportCount("kết quả xây dựng tiêu chuẩn “An toàn về ANTT”", dry_run)
    optional = ("registration_ref", "notes", "signer_name", "signer_prefix", "signer_title")
    with db.atomic() as transaction:
        for number, values in cleaned:
            existing = _find_rating(values)
            if existing is not None:
                values = {
                    k: v for k, v in values.items() if k not in optional or table.has_column(k)
                }
            try:
                _rating, changed = _store(values, actor, existing)
            except PermissionDenied as exc:
                raise ValidationError(
                    [
                        FieldError(
                            "decision_number", RATING_LABELS["decision_number"], str(exc), number
                        )
                    ]
                ) from exc
            if existing is None:
                result.created += 1
            elif changed:
                result.updated += 1
            else:
                result.unchanged += 1
        if dry_run:
            transaction.rollback()
    return result


def export_ratings(
    path: str | Path, actor: Actor, *, year: int | None = None, unit_code: str | None = None
) -> int:
    """Write the ratings the actor may see in the import's own columns."""
    permissions.require(actor, "record.export")
    tabular.check_suffix(path)
    rows = []
    for rating in list_ratings(actor, year=year, unit_code=unit_code):
        raw = rating_to_raw(rating)
        rows.append([raw[column] for column in RATING_COLUMNS])
    return tabular.write_table(path, RATING_COLUMNS, rows)


# What ratings offer the user: undo of their edits (records/specs.py; their file is
# import_ratings/export_ratings, run by the command line's ratings group).
def _update_rating(uuid: str, raw: dict, actor: Actor):
    return save_rating(raw, actor, uuid)


# Checked where it is entered (the rating's rules need its organisation by name and the
# criteria catalogue of the receiving database): in a package, its units, references and types.
_PACKAGE = PackageKind(
    "safety_rating",
    "kết quả xây dựng tiêu chuẩn “An toàn về ANTT”",
    (
        FieldSpec("year", "Năm", "int"),
        FieldSpec("subject_kind", "Đối tượng", "enum", RatingSubject),
        FieldSpec("unit", "Đơn vị", "unit"),
        FieldSpec("organisation", "Cơ quan", "ref", ref="organisation", nullable=True),
        FieldSpec("registered_on", "Ngày đăng ký", "date", nullable=True),
        FieldSpec("registration_ref", "Số nghị quyết, kế hoạch đăng ký"),
        FieldSpec("households_total", "Số hộ", "int"),
        FieldSpec("households_registered", "Số hộ đăng ký", "int"),
        FieldSpec("result", "Kết quả", "enum", RatingResult),
        FieldSpec("missed_criteria", "Tiêu chí không đạt"),
        FieldSpec("recognised_by", "Cơ quan công nhận"),
        FieldSpec("decision_number", "Số quyết định công nhận"),
        FieldSpec("decision_date", "Ngày quyết định công nhận", "date", nullable=True),
        FieldSpec("signer_name", "Người ký quyết định công nhận", optional=True),
        # Blank (the usual block, as every package before it) is not written.
        FieldSpec("signer_prefix", "Thẩm quyền ký", "enum", SignerPrefix, optional=True),
        FieldSpec("signer_title", "Chức vụ người ký", optional=True),
        FieldSpec("confirmed_by", "Người xác nhận"),
        FieldSpec("notes", "Ghi chú"),
    ),
    lambda d: {},
    lambda d: f"Năm {d['year']}: {RatingSubject(d['subject_kind']).label}",
    derived=(),
)
PARTS = {
    "ratings": KindParts(
        undo=UndoOps(_update_rating, delete_rating, restore_rating), package=_PACKAGE
    )
}
