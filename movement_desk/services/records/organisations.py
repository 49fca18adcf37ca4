"""The register of agencies, enterprises and schools per unit (rated under TT 124/2021/TT-BCA).

One validation path (``clean_organisation``) serves the form, the import file and the
command line. An organisation is matched by its unit and its name (ignoring case and
diacritics), so importing the same file twice creates nothing new.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from movement_desk import vietnamese
from movement_desk.db.choices import ManagingLevel, OrganisationKind
from movement_desk.db.connection import db
from movement_desk.db.models import AdministrativeUnit, Organisation
from movement_desk.services.core import permissions, tabular
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import FieldError, ValidationError
from movement_desk.services.core.validation import FieldReader
from movement_desk.services.records import store as records
from movement_desk.services.records import units
from movement_desk.services.records.specs import FieldSpec, KindParts, PackageKind, UndoOps

ORGANISATION_COLUMNS = ["name", "kind", "unit_code", "managing_level"]
ORGANISATION_LABELS = {
    "name": "Tên cơ quan, doanh nghiệp, cơ sở giáo dục",
    "kind": "Loại",
    "unit_code": "Mã đơn vị",
    "managing_level": "Cấp quản lý",
    "notes": "Ghi chú",
}


def _read_unit(reader: FieldReader, field_name: str = "unit_code") -> AdministrativeUnit | None:
    value = reader.raw.get(field_name)
    if isinstance(value, AdministrativeUnit):
        return value
    code = vietnamese.nfc(str(value or "")).strip()
    if not code:
        reader.fail(field_name, "chưa nhập mã đơn vị; hãy nhập mã xã hoặc khu dân cư.")
        return None
    unit = units.find_unit(code)
    if unit is None or unit.deleted_at is not None:
        reader.fail(field_name, f"không có đơn vị mã “{code}”; hãy chọn đơn vị trong danh mục.")
        return None
    return unit


def index_keys(values: Mapping[str, object]) -> dict:
    """The search and sort keys stored beside an organisation (``kind`` a member or its key)."""
    kind = OrganisationKind(values["kind"])
    return {
        "search_key": vietnamese.fold(f"{values['name']} {kind.label}"),
        "sort_key": vietnamese.sort_key(str(values["name"])),
    }


def clean_organisation(raw: Mapping[str, object], row: int | None = None) -> dict:
    """Check one organisation; return the values to store or raise ``ValidationError``."""
    reader = FieldReader(raw, ORGANISATION_LABELS, row=row)
    name = reader.text("name", required=True, max_length=300)
    kind = reader.choice("kind", OrganisationKind)
    unit = _read_unit(reader)
    level = reader.choice("managing_level", ManagingLevel, default=ManagingLevel.COMMUNE)
    notes = reader.text("notes", max_length=2000, single_line=False)
    if unit is not None and units.is_residential(unit):
        reader.fail(
            "unit_code",
            f"{unit.title} là khu dân cư; hãy ghi cơ quan, doanh nghiệp, cơ sở giáo dục "
            "theo đơn vị cấp xã (hoặc cấp trên) quản lý địa bàn.",
        )
    reader.raise_if_invalid()
    return {
        "name": name,
        "kind": kind,
        "unit": unit,
        "managing_level": level,
        "notes": notes,
        **index_keys({"name": name, "kind": kind}),
    }


def find_organisation(unit: AdministrativeUnit, name: str) -> Organisation | None:
    """The live organisation of ``unit`` called ``name`` (case and diacritics ignored)."""
    key = vietnamese.fold(name)
    for candidate in Organisation.live().where(Organisation.unit == unit.id):
        if vietnamese.fold(candidate.name) == key:
            return candidate
    return None


def save_organisation(raw: Mapping[str, object], actor: Actor, uuid: str | None = None):
    """Create (``uuid`` None) or update one organisation through the one validation path."""
    values = clean_organisation(raw)
    with db.atomic():
        if uuid is None:
            existing = find_organisation(values["unit"], values["name"])
            if existing is not None:
                raise ValidationError(
                    [
                        FieldError(
                            "name",
                            ORGANISATION_LABELS["name"],
                            f"{values['unit'].title} đã có “{existing.name}”; hãy sửa bản đã có.",
                        )
                    ]
                )
            return records.create(Organisation, values, actor)
        organisation = records.get_record(Organisation, uuid)
        records.update(organisation, values, actor)
        return organisation


def get_organisation(uuid: str) -> Organisation:
    return records.get_record(Organisation, uuid)


def delete_organisation(uuid: str, actor: Actor) -> Organisation:
    return records.soft_delete(Organisation, uuid, actor)


def restore_organisation(uuid: str, actor: Actor) -> Organisation:
    return records.restore(Organisation, uuid, actor)


def organisation_to_raw(organisation: Organisation) -> dict:
    return {
        "name": organisation.name,
        "kind": organisation.kind.label,
        "unit_code": organisation.unit.code,
        "managing_level": organisation.managing_level.label,
        "notes": organisation.notes,
    }


def list_organisations(actor: Actor, unit_code: str | None = None) -> list[Organisation]:
    """Live organisations the actor may see (under ``unit_code`` when given), by unit, name."""
    permissions.require(actor, "record.read", unit_code or None)
    query = Organisation.live().join(AdministrativeUnit)
    allowed = permissions.visible_unit_ids(actor)
    if unit_code:
        query = query.where(Organisation.unit.in_(units.subtree_ids(unit_code)))
    if allowed is not None:
        query = query.where(Organisation.unit.in_(list(allowed)))
    return list(query.order_by(AdministrativeUnit.code, Organisation.sort_key))


def import_organisations(
    path: str | Path, actor: Actor, *, dry_run: bool = False
) -> tabular.ImportCount:
    """Import ``name,kind,unit_code,managing_level``: all or nothing, every bad row named."""
    permissions.require(actor, "organisation.write")
    table = tabular.read_table(path, ORGANISATION_LABELS)
    errors: list[FieldError] = list(table.header_errors(required=["name", "kind", "unit_code"]))
    cleaned: list[tuple[int, dict]] = []
    seen: dict[tuple[int, str], int] = {}
    if not errors:
        for number, raw in table.rows:
            try:
                values = clean_organisation(raw, number)
            except ValidationError as exc:
                errors.extend(exc.errors)
                continue
            key = (values["unit"].id, vietnamese.fold(values["name"]))
            if key in seen:
                errors.append(
                    FieldError(
                        "name",
                        ORGANISATION_LABELS["name"],
                        f"trùng với dòng {seen[key]} (cùng đơn vị, cùng tên).",
                        number,
                    )
                )
                continue
            seen[key] = number
            refused = permissions.row_out_of_scope(
                actor, values["unit"], "unit_code", ORGANISATION_LABELS["unit_code"], number
            )
            if refused is not None:
                errors.append(refused)
                continue
            cleaned.append((number, values))
    if errors:
        raise ValidationError(errors)
    result = tabular.ImportCount("cơ quan, doanh nghiệp, cơ sở giáo dục", dry_run)
    with db.atomic() as transaction:
        for _number, values in cleaned:
            existing = find_organisation(values["unit"], values["name"])
            if existing is None:
                records.create(Organisation, values, actor)
                result.created += 1
            else:
                # A file without the column keeps the managing level already stored.
                if not table.has_column("managing_level"):
                    values = {k: v for k, v in values.items() if k != "managing_level"}
                if not table.has_column("notes"):
                    values = {k: v for k, v in values.items() if k != "notes"}
                if records.update(existing, values, actor):
                    result.updated += 1
                else:
                    result.unchanged += 1
        if dry_run:
            transaction.rollback()
    return result


def export_organisations(path: str | Path, actor: Actor, unit_code: str | None = None) -> int:
    """Write the organisations the actor may see, with the import's own columns."""
    permissions.require(actor, "record.export")
    tabular.check_suffix(path)
    rows = [
        [organisation_to_raw(o)[column] for column in ORGANISATION_COLUMNS]
        for o in list_organisations(actor, unit_code)
    ]
    return tabular.write_table(path, ORGANISATION_COLUMNS, rows)


# What organisations offer the user: undo of their edits (records/specs.py; their file is
# import_organisations/export_organisations, run by the command line's ratings group).
def _update_organisation(uuid: str, raw: dict, actor: Actor):
    return save_organisation(raw, actor, uuid)


PARTS = {
    "organisations": KindParts(
        undo=UndoOps(_update_organisation, delete_organisation, restore_organisation),
        # Checked where they are entered; in a package only their units, references and field
        # types are (the same holds for the ratings and pledges).
        package=PackageKind(
            "organisation",
            "cơ quan, doanh nghiệp, cơ sở giáo dục",
            (
                FieldSpec("name", "Tên"),
                FieldSpec("kind", "Loại", "enum", OrganisationKind),
                FieldSpec("unit", "Đơn vị", "unit"),
                FieldSpec("managing_level", "Cấp quản lý", "enum", ManagingLevel),
                FieldSpec("notes", "Ghi chú"),
            ),
            index_keys,
            lambda d: d["name"],
        ),
    )
}
