"""Community models (mô hình): the rules, saving, deleting and listing."""

from __future__ import annotations

from collections.abc import Mapping

from movement_desk import vietnamese
from movement_desk.db.choices import ModelStatus, OrganizerKind
from movement_desk.db.connection import db
from movement_desk.db.models import AdministrativeUnit, CommunityModel, ModelType
from movement_desk.services.core import permissions, search
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.filters import RecordFilter, apply_filter
from movement_desk.services.core.validation import NOTES_TEXT, FieldReader, excerpt, is_blank
from movement_desk.services.records import catalog, export_cells
from movement_desk.services.records import store as records
from movement_desk.services.records.specs import (
    FieldSpec,
    FileKind,
    KindParts,
    ListKind,
    PackageKind,
    SortSpec,
    UndoOps,
)
from movement_desk.services.records.unit_rules import read_unit

MODEL_LABELS = {
    "uuid": "Mã định danh",
    "name": "Tên mô hình",
    "model_type": "Loại mô hình",
    "unit_code": "Mã đơn vị",
    "managing_kind": "Loại cơ quan quản lý",
    "managing_name": "Cơ quan quản lý",
    "established_on": "Ngày thành lập",
    "members": "Số thành viên",
    "status": "Tình trạng",
    "status_date": "Ngày chuyển tình trạng",
    "notes": "Ghi chú",
}
MODEL_COLUMNS = list(MODEL_LABELS)


def clean_model(raw: Mapping[str, object], row: int | None = None) -> dict:
    """Check a raw community model and return the values to store; raises ValidationError."""
    reader = FieldReader(raw, MODEL_LABELS, row)
    name = reader.text("name", required=True)
    type_value = raw.get("model_type")
    model_type = None
    if is_blank(type_value):
        reader.fail("model_type", "chưa chọn loại mô hình; hãy chọn trong danh mục loại mô hình.")
    else:
        model_type = catalog.find_model_type(type_value)
        if model_type is None:
            reader.fail(
                "model_type",
                f"không có loại mô hình “{excerpt(type_value)}” trong danh mục; "
                "hãy chọn loại có sẵn hoặc thêm loại mới vào danh mục trước.",
            )
    established_on = reader.date("established_on")
    unit = read_unit(reader, "unit_code", established_on)
    status = reader.choice("status", ModelStatus, default=ModelStatus.ACTIVE)
    status_date = reader.date("status_date", required=False)
    needs_date = status is not None and status is not ModelStatus.ACTIVE
    if needs_date and status_date is None and not reader.has_error("status_date"):
        reader.fail(
            "status_date", f"mô hình “{status.label}” cần ngày chuyển tình trạng (dd/mm/yyyy)."
        )
    if established_on and status_date and status_date < established_on:
        reader.fail(
            "status_date",
            f"ngày {vietnamese.format_date(status_date)} trước ngày thành lập "
            f"{vietnamese.format_date(established_on)}; hãy kiểm tra lại.",
        )
    values = {
        "name": name,
        "model_type": model_type,
        "unit": unit,
        "managing_kind": reader.choice("managing_kind", OrganizerKind),
        "managing_name": reader.text("managing_name"),
        "established_on": established_on,
        "members": reader.count("members"),
        "status": status,
        "status_date": status_date,
        "notes": reader.text("notes", max_length=NOTES_TEXT, single_line=False),
    }
    reader.raise_if_invalid()
    values.update(index_keys(values))
    return values


def index_keys(values: dict) -> dict:
    """The search and sort keys stored beside a model's fields."""
    return {
        "search_key": search.search_key(values["name"], values["managing_name"], values["notes"]),
        "sort_key": vietnamese.sort_key(values["name"]),
    }


def natural_key(values: dict) -> tuple:
    """What identifies a model in a file without uuids: unit, type and name."""

    def ident(value):
        return value.id if hasattr(value, "id") else value

    return (ident(values["unit"]), ident(values["model_type"]), vietnamese.fold(values["name"]))


def natural_index(
    values_list: list[dict], names: list[str] | None = None
) -> dict[tuple, list[dict]]:
    """The live models that could share a natural key with ``values_list``, by that key,
    in the order they were stored (look-alike models share a key), as plain values: ``id``,
    ``uuid``, ``deleted_at`` and the fields ``names`` (a foreign key as its id)."""
    if not values_list:
        return {}
    unit_ids = sorted({v["unit"].id for v in values_list})
    wanted = ["id", "uuid", "deleted_at", "unit", "model_type", "name", *(names or [])]
    rows = records.plain_rows(
        CommunityModel,
        list(dict.fromkeys(wanted)),
        f"deleted_at IS NULL AND unit_id IN ({', '.join('?' for _ in unit_ids)})",
        unit_ids,
    )
    index: dict[tuple, list[dict]] = {}
    for m in rows:
        index.setdefault(natural_key(m), []).append(m)
    return index


def create_model(
    raw: Mapping[str, object], actor: Actor, *, uuid: str | None = None
) -> CommunityModel:
    # The role first: a user who may not enter models hears that, not a list of field errors.
    permissions.require(actor, "model.write")
    values = clean_model(raw)
    with db.atomic():
        model = records.create(CommunityModel, values, actor, uuid=uuid)
        catalog.remember_organizer(values["managing_kind"], values["managing_name"], values["unit"])
        return model


def update_model(
    uuid: str, raw: Mapping[str, object], actor: Actor, *, expected_revision: int | None = None
) -> CommunityModel:
    """``expected_revision``: the revision the edit was based on (refused if it moved on)."""
    permissions.require(actor, "model.write")
    values = clean_model(raw)
    with db.atomic():
        model = records.get_record(CommunityModel, uuid)
        records.update(model, values, actor, expected_revision=expected_revision)
        catalog.remember_organizer(values["managing_kind"], values["managing_name"], values["unit"])
    return model


def delete_model(uuid: str, actor: Actor) -> CommunityModel:
    return records.soft_delete(CommunityModel, uuid, actor)


def restore_model(uuid: str, actor: Actor) -> CommunityModel:
    return records.restore(CommunityModel, uuid, actor)


def get_model(uuid: str) -> CommunityModel:
    return records.get_record(CommunityModel, uuid)


def model_query(record_filter: RecordFilter | None = None):
    """Models matching the filter (dates filter the establishment date), by name."""
    record_filter = record_filter or RecordFilter()
    query = (
        CommunityModel.select(CommunityModel, ModelType, AdministrativeUnit)
        .join(ModelType)
        .switch(CommunityModel)
        .join(AdministrativeUnit)
    )
    query = apply_filter(
        query,
        CommunityModel,
        record_filter,
        date_field=CommunityModel.established_on,
        unit_field=CommunityModel.unit,
        kind_field=CommunityModel.model_type,
        status_field=CommunityModel.status,
    )
    return query.order_by(CommunityModel.sort_key, CommunityModel.id)


def model_to_raw(model: CommunityModel) -> dict[str, object]:
    return {
        "uuid": model.uuid,
        "name": model.name,
        "model_type": model.model_type.name,
        "unit_code": model.unit.code,
        "managing_kind": model.managing_kind.label,
        "managing_name": model.managing_name,
        "established_on": model.established_on,
        "members": model.members,
        "status": model.status.label,
        "status_date": model.status_date,
        "notes": model.notes,
    }


# What models offer the user: their list, their import/export file and undo (records/specs.py).
MODEL_FIELDS = {
    "name": "name",
    "model_type": "model_type",
    "unit_code": "unit",
    "managing_kind": "managing_kind",
    "managing_name": "managing_name",
    "established_on": "established_on",
    "members": "members",
    "status": "status",
    "status_date": "status_date",
    "notes": "notes",
}


def model_export_columns(csv: bool) -> tuple[list, object]:
    """A fast export's columns and cells (``FileKind.export_columns``)."""
    day, text = export_cells.day_and_text(csv)
    m, unit = CommunityModel, AdministrativeUnit
    labels = export_cells.choice_labels
    organizers, statuses = labels(OrganizerKind), labels(ModelStatus)
    columns = [m.uuid, m.name, ModelType.name, unit.code, m.managing_kind, m.managing_name,
               m.established_on, m.members, m.status, m.status_date, m.notes]  # fmt: skip

    def model_row(row: tuple) -> list:
        uuid, name, type_name, code, managing, managing_name, established, members, \
            status, status_day, notes = row  # fmt: skip
        return [text(uuid), text(name), text(type_name), text(code), organizers[managing],
                text(managing_name), day(established), members, statuses[status],
                day(status_day), text(notes)]  # fmt: skip

    return columns, model_row


# The fields of a package's model its form reads under the same name (and its unit's code).
MODEL_PACKAGE_FIELDS = (
    "name",
    "model_type",
    "managing_kind",
    "managing_name",
    "established_on",
    "members",
    "status",
    "status_date",
    "notes",
)
_m, _t, _u = CommunityModel, ModelType, AdministrativeUnit
PARTS = {
    "models": KindParts(
        listing=ListKind(
            _m,
            model_query,
            {
                "name": SortSpec((_m.sort_key,)),
                "model_type": SortSpec((_t.sort_key,), walk=(_m.model_type, (_t.sort_key,))),
                "unit": SortSpec((_u.sort_key,), walk=(_m.unit, (_u.sort_key,))),
                "managing": SortSpec(python_value=_m.managing_name),
                "established_on": SortSpec((_m.established_on,)),
                "members": SortSpec((_m.members,)),
                "status": SortSpec((_m.status,)),
            },
            "name",
            False,
            (_m.established_on.desc(), _u.sort_key.asc(), _m.sort_key.asc(), _m.id.desc()),
            _m.unit,
        ),
        file=FileKind(
            CommunityModel,
            MODEL_COLUMNS,
            MODEL_LABELS,
            ["name", "model_type", "unit_code", "managing_kind", "established_on"],
            clean_model,
            natural_key,
            natural_index,
            model_to_raw,
            model_query,
            MODEL_FIELDS,
            "cùng đơn vị, loại và tên mô hình",
            noun="mô hình",
            export_columns=model_export_columns,
        ),
        undo=UndoOps(update_model, delete_model, restore_model),
        package=PackageKind(
            "community_model",
            "mô hình",
            (
                FieldSpec("name", "Tên mô hình"),
                FieldSpec("model_type", "Loại mô hình", "ref", ref="model_type"),
                FieldSpec("unit", "Đơn vị", "unit"),
                FieldSpec("managing_kind", "Loại cơ quan quản lý", "enum", OrganizerKind),
                FieldSpec("managing_name", "Cơ quan quản lý"),
                FieldSpec("established_on", "Ngày thành lập", "date"),
                FieldSpec("members", "Số thành viên", "int"),
                FieldSpec("status", "Tình trạng", "enum", ModelStatus),
                FieldSpec("status_date", "Ngày chuyển tình trạng", "date", nullable=True),
                FieldSpec("notes", "Ghi chú"),
            ),
            index_keys,
            lambda d: d["name"],
            own_date="established_on",
            check=lambda data, day_of: clean_model(
                {
                    **{key: data.get(key) for key in MODEL_PACKAGE_FIELDS},
                    "unit_code": data.get("unit"),
                }
            ),
        ),
    )
}
