"""Catalogues: model types (with category and, for "3 không" types, their criteria) and organisers."""

from __future__ import annotations

from collections.abc import Mapping

from peewee import IntegrityError

from movement_desk import vietnamese
from movement_desk.db.choices import ModelCategory, OrganizerKind
from movement_desk.db.connection import db
from movement_desk.db.models import CommunityModel, ModelType, Organizer
from movement_desk.services.core import lookups, permissions
from movement_desk.services.core.actor import SYSTEM_ACTOR, Actor
from movement_desk.services.core.errors import FieldError, ServiceError, ValidationError
from movement_desk.services.core.validation import LONG_TEXT, FieldReader
from movement_desk.services.records import store as records
from movement_desk.services.records import units
from movement_desk.services.records.specs import (
    FieldSpec,
    KindParts,
    PackageKind,
    UndoOps,
    name_keys,
)

THREE_NO_CRITERIA = (
    "1. Không có tội phạm; 2. Không có tệ nạn xã hội, ma túy; "
    "3. Không có cháy, nổ, tai nạn giao thông nghiêm trọng"
)

# The catalogue a new database starts with; every office can edit it.
DEFAULT_MODEL_TYPES: tuple[tuple[str, ModelCategory], ...] = (
    ("Tổ tự quản về an ninh, trật tự", ModelCategory.SELF_MANAGEMENT),
    ("Tổ liên gia tự quản về an ninh, trật tự", ModelCategory.SELF_MANAGEMENT),
    ("Dòng họ tự quản về an ninh, trật tự", ModelCategory.SELF_MANAGEMENT),
    ("Tổ dân phố tự quản về an ninh, trật tự", ModelCategory.SELF_MANAGEMENT),
    ("Thôn, bản tự quản về an ninh, trật tự", ModelCategory.SELF_MANAGEMENT),
    ("Tổ tự quản bến bãi, chợ", ModelCategory.SELF_MANAGEMENT),
    ("Tuyến đường tự quản về an ninh, trật tự", ModelCategory.SELF_MANAGEMENT),
    ("Tổ phụ nữ tự quản về an ninh, trật tự", ModelCategory.SELF_MANAGEMENT),
    ("Chi hội cựu chiến binh tham gia giữ gìn an ninh, trật tự", ModelCategory.SELF_MANAGEMENT),
    ("Đội thanh niên xung kích bảo vệ an ninh, trật tự", ModelCategory.SELF_MANAGEMENT),
    ("Tổ tuần tra nhân dân", ModelCategory.SELF_MANAGEMENT),
    ("Tổ hòa giải ở cơ sở", ModelCategory.SELF_MANAGEMENT),
    ("Tổ liên gia an toàn phòng cháy, chữa cháy", ModelCategory.SELF_MANAGEMENT),
    ("Điểm chữa cháy công cộng", ModelCategory.SELF_MANAGEMENT),
    ("Thôn, bản không có ma túy", ModelCategory.SELF_MANAGEMENT),
    ("Gia đình không có người vi phạm pháp luật", ModelCategory.SELF_MANAGEMENT),
    (
        "Tổ giúp đỡ người chấp hành xong án phạt tù tái hòa nhập cộng đồng",
        ModelCategory.SELF_MANAGEMENT,
    ),
    ("Câu lạc bộ phòng, chống tội phạm và tệ nạn xã hội", ModelCategory.SELF_MANAGEMENT),
    ("Câu lạc bộ “Phụ nữ với pháp luật”", ModelCategory.SELF_MANAGEMENT),
    ("Cổng trường an toàn giao thông", ModelCategory.SELF_MANAGEMENT),
    ("Điểm sáng về an ninh, trật tự", ModelCategory.SELF_MANAGEMENT),
    ("Nhóm Zalo “An ninh trật tự” thôn, tổ dân phố", ModelCategory.SELF_MANAGEMENT),
    ("Nhóm phòng, chống lừa đảo trên không gian mạng", ModelCategory.SELF_MANAGEMENT),
    ("Hòm thư tố giác tội phạm", ModelCategory.SELF_MANAGEMENT),
    ("Camera an ninh", ModelCategory.CAMERA),
    ("Camera giám sát an ninh, trật tự và giao thông", ModelCategory.CAMERA),
    ("Khu dân cư “3 không”", ModelCategory.THREE_NO),
    ("Thôn, tổ dân phố “3 không” về ma túy", ModelCategory.THREE_NO),
    ("Trường học “3 không”", ModelCategory.THREE_NO),
    ("Ban bảo vệ dân phố", ModelCategory.STREET_PROTECTION),
    ("Tổ bảo vệ an ninh, trật tự ở cơ sở", ModelCategory.SECURITY_TEAM),
    ("Cơ quan an toàn về an ninh, trật tự", ModelCategory.SCHOOL_ENTERPRISE),
    ("Doanh nghiệp an toàn về an ninh, trật tự", ModelCategory.SCHOOL_ENTERPRISE),
    ("Trường học an toàn về an ninh, trật tự", ModelCategory.SCHOOL_ENTERPRISE),
    ("Tổ bảo vệ cơ quan, doanh nghiệp", ModelCategory.SCHOOL_ENTERPRISE),
    ("Bệnh viện an toàn về an ninh, trật tự", ModelCategory.SCHOOL_ENTERPRISE),
    ("Câu lạc bộ “Cựu chiến binh với an ninh trật tự”", ModelCategory.OTHER),
    ("Tổ công nhân tự quản về an ninh, trật tự", ModelCategory.OTHER),
    ("Tổ tự quản người có uy tín trong đồng bào dân tộc thiểu số", ModelCategory.OTHER),
    ("Tổ an ninh xã hội tôn giáo", ModelCategory.OTHER),
)

MODEL_TYPE_LABELS = {
    "name": "Tên loại mô hình",
    "category": "Nhóm",
    "criteria": "Tiêu chí",
    "description": "Mô tả",
}
ORGANIZER_LABELS = {
    "kind": "Loại đơn vị tổ chức",
    "name": "Tên đơn vị tổ chức",
    "unit_code": "Đơn vị",
}


def live_model_types() -> list[ModelType]:
    return list(ModelType.live().order_by(ModelType.sort_key))


def find_model_type(name_or_uuid: object) -> ModelType | None:
    """A live model type by its UUID or its name (ignoring case and diacritics)."""
    if isinstance(name_or_uuid, ModelType):
        return name_or_uuid
    text = vietnamese.nfc(str(name_or_uuid or ""))
    if not text:
        return None
    cached = lookups.model_types()
    if cached is not None:
        by_uuid, by_key = cached
        return by_uuid.get(text) or by_key.get(vietnamese.fold(text))
    found = ModelType.live().where(ModelType.uuid == text).first()
    return found or ModelType.live().where(ModelType.search_key == vietnamese.fold(text)).first()


def _clean_model_type(raw: Mapping[str, object]) -> dict:
    reader = FieldReader(raw, MODEL_TYPE_LABELS)
    values = {
        "name": reader.text("name", required=True),
        "category": reader.choice("category", ModelCategory, default=ModelCategory.OTHER),
        "criteria": reader.text("criteria", max_length=LONG_TEXT, single_line=False),
        "description": reader.text("description", max_length=LONG_TEXT, single_line=False),
    }
    reader.raise_if_invalid()
    values["search_key"] = vietnamese.fold(values["name"])
    values["sort_key"] = vietnamese.sort_key(values["name"])
    return values


def _check_type_name_free(search_key: str, except_id: int | None = None) -> None:
    query = ModelType.live().where(ModelType.search_key == search_key)
    if except_id is not None:
        query = query.where(ModelType.id != except_id)
    if query.exists():
        raise ValidationError(
            [
                FieldError(
                    "name",
                    MODEL_TYPE_LABELS["name"],
                    "đã có loại mô hình tên này; hãy đặt tên khác.",
                )
            ]
        )


def create_model_type(raw: Mapping[str, object], actor: Actor) -> ModelType:
    values = _clean_model_type(raw)
    with db.atomic():
        _check_type_name_free(values["search_key"])
        return records.create(ModelType, values, actor)


def update_model_type(uuid: str, raw: Mapping[str, object], actor: Actor) -> ModelType:
    values = _clean_model_type(raw)
    with db.atomic():
        model_type = records.get_record(ModelType, uuid)
        _check_type_name_free(values["search_key"], model_type.id)
        records.update(model_type, values, actor)
    return model_type


def delete_model_type(uuid: str, actor: Actor) -> ModelType:
    model_type = records.get_record(ModelType, uuid)
    in_use = CommunityModel.live().where(CommunityModel.model_type == model_type.id).count()
    if in_use:
        raise ServiceError(
            f"Không xóa được loại “{model_type.name}”: còn {vietnamese.format_number(in_use)} "
            "mô hình thuộc loại này. Hãy chuyển các mô hình sang loại khác trước."
        )
    return records.soft_delete(ModelType, uuid, actor)


def restore_model_type(uuid: str, actor: Actor) -> ModelType:
    model_type = records.get_record(ModelType, uuid, include_deleted=True)
    _check_type_name_free(model_type.search_key, model_type.id)
    try:
        return records.restore(ModelType, uuid, actor)
    except IntegrityError as exc:  # pragma: no cover - guarded by the check above
        raise ServiceError("Đã có loại mô hình khác cùng tên.") from exc


def load_default_model_types(actor: Actor = SYSTEM_ACTOR) -> int:
    """Add the default catalogue's types that are missing; return how many were added."""
    added = 0
    with db.atomic():
        for name, category in DEFAULT_MODEL_TYPES:
            if find_model_type(name) is None:
                criteria = THREE_NO_CRITERIA if category is ModelCategory.THREE_NO else ""
                create_model_type({"name": name, "category": category, "criteria": criteria}, actor)
                added += 1
    return added


def _clean_organizer(raw: Mapping[str, object]) -> dict:
    reader = FieldReader(raw, ORGANIZER_LABELS)
    kind = reader.choice("kind", OrganizerKind)
    name = reader.text("name", required=True)
    unit_code = reader.text("unit_code", max_length=20)
    unit = units.find_unit(unit_code) if unit_code else None
    if unit_code and unit is None:
        reader.fail("unit_code", f"không có đơn vị mã “{unit_code}”.")
    reader.raise_if_invalid()
    return {
        "kind": kind,
        "name": name,
        "unit": unit,
        "search_key": vietnamese.fold(name),
        "sort_key": vietnamese.sort_key(name),
    }


def create_organizer(raw: Mapping[str, object], actor: Actor) -> Organizer:
    permissions.require(actor, "organizer.write")
    return records.create(Organizer, _clean_organizer(raw), actor)


def update_organizer(uuid: str, raw: Mapping[str, object], actor: Actor) -> Organizer:
    """Correct an organiser's kind, name or unit (``kind``, ``name``, ``unit_code``)."""
    permissions.require(actor, "organizer.write")
    values = _clean_organizer(raw)
    with db.atomic():
        organizer = records.get_record(Organizer, uuid)
        records.update(organizer, values, actor)
    return organizer


def delete_organizer(uuid: str, actor: Actor) -> Organizer:
    """Mark an organiser deleted: it is no longer offered; sessions keep the name they have."""
    permissions.require(actor, "organizer.write")
    return records.soft_delete(Organizer, uuid, actor)


def restore_organizer(uuid: str, actor: Actor) -> Organizer:
    permissions.require(actor, "organizer.write")
    return records.restore(Organizer, uuid, actor)


def organizer_raw(uuid: str) -> dict:
    """An organiser's values as a form shows them."""
    organizer = records.get_record(Organizer, uuid, include_deleted=True)
    return {
        "kind": organizer.kind.value,
        "name": organizer.name,
        "unit_code": organizer.unit.code if organizer.unit_id else "",
    }


def live_organizers(kind: OrganizerKind | None = None, *, actor: Actor) -> list[Organizer]:
    """The organisers ``actor`` may see: those of units in its scope and those of no unit."""
    query = Organizer.live()
    if kind is not None:
        query = query.where(Organizer.kind == kind)
    allowed = permissions.visible_unit_ids(actor)
    if allowed is not None:
        query = query.where(Organizer.unit.is_null() | Organizer.unit.in_(list(allowed)))
    return list(query.order_by(Organizer.sort_key))


def remember_organizer(kind: object, name: str, unit: object) -> Organizer | None:
    """Make an organiser named in a record an entry of the catalogue for the record's unit.

    Called by the services that save sessions and models, inside their transaction: the
    program's own bookkeeping, so it acts as the system account (an officer who may enter
    sessions may not edit the catalogue). A name already there for that unit, or deleted
    from it on purpose, is left as it is. Returns the entry added, if any.
    """
    name = vietnamese.nfc(name)
    unit_id = getattr(unit, "id", unit)
    if not name or unit_id is None:
        return None
    key = vietnamese.fold(name)
    if (
        Organizer.select()
        .where((Organizer.unit == unit_id) & (Organizer.search_key == key))
        .exists()
    ):
        return None
    values = {
        "kind": OrganizerKind(getattr(kind, "value", kind)),
        "name": name,
        "unit": unit_id,
        "search_key": key,
        "sort_key": vietnamese.sort_key(name),
    }
    return records.create(Organizer, values, SYSTEM_ACTOR)


def organizer_suggestions(unit_code: str = "", *, actor: Actor) -> list[str]:
    """The organisers' names to offer ``actor`` (those it may see): the unit's own first,
    then the others, each in Vietnamese order, every name once."""
    unit = units.find_unit(unit_code) if unit_code else None
    own: list[str] = []
    others: list[str] = []
    seen: set[str] = set()
    for organizer in live_organizers(actor=actor):
        target = own if unit is not None and organizer.unit_id == unit.id else others
        target.append(organizer.name)
    names: list[str] = []
    for name in own + others:
        if vietnamese.fold(name) not in seen:
            seen.add(vietnamese.fold(name))
            names.append(name)
    return names


def model_type_raw(uuid: str) -> dict:
    """A model type's values as a form or file gives them."""
    model_type = records.get_record(ModelType, uuid)
    return {
        "name": model_type.name,
        "category": model_type.category.value,
        "criteria": model_type.criteria,
        "description": model_type.description,
    }


def _check_model_type(data: dict, day_of) -> None:
    """A package's model type checked by the catalogue's rules."""
    _clean_model_type({k: data.get(k) for k in ("name", "category", "criteria", "description")})


def _check_organizer(data: dict, day_of) -> None:
    """A package's organiser checked by the catalogue's rules."""
    _clean_organizer(
        {"kind": data.get("kind"), "name": data.get("name"), "unit_code": data.get("unit") or ""}
    )


# What model types and organisers offer the user: undo of their edits, and how they travel in
# packages (records/specs.py).
PARTS = {
    "model_types": KindParts(
        undo=UndoOps(update_model_type, delete_model_type, restore_model_type),
        package=PackageKind(
            "model_type",
            "loại mô hình",
            (
                FieldSpec("name", "Tên loại mô hình"),
                FieldSpec("category", "Nhóm", "enum", ModelCategory),
                FieldSpec("criteria", "Tiêu chí"),
                FieldSpec("description", "Mô tả"),
            ),
            name_keys,
            lambda d: d["name"],
            # The catalogue travels only as far as the models refer to it.
            by_reference_only=True,
            check=_check_model_type,
        ),
    ),
    "organizers": KindParts(
        undo=UndoOps(update_organizer, delete_organizer, restore_organizer),
        package=PackageKind(
            "organizer",
            "đơn vị tổ chức",
            (
                FieldSpec("kind", "Loại đơn vị tổ chức", "enum", OrganizerKind),
                FieldSpec("name", "Tên đơn vị tổ chức"),
                FieldSpec("unit", "Đơn vị", "unit", nullable=True),
            ),
            name_keys,
            lambda d: d["name"],
            check=_check_organizer,
        ),
    ),
}
