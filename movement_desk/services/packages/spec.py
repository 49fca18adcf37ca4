"""What travels in a package: the record kinds and their fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from movement_desk import vietnamese
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
from movement_desk.services.records import commendations, community_models, organisations, sessions

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


def _unit_key(spec: KindSpec) -> str | None:
    return next((f.key for f in spec.fields if f.codec == "unit"), None)
