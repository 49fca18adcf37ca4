"""Administrative units: adding, changing and deleting units, and loading unit lists.

The tree itself (parents, children, successions) is ``core.unit_tree``; its names are also
reachable here.

The application ships Bắc Kạn's 2023 units and the merge of 01/07/2025 in ``resources/data``;
``import_units_csv`` loads another province's list in the same columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from movement_desk import vietnamese
from movement_desk.db import backup
from movement_desk.db.choices import UnitKind
from movement_desk.db.connection import db
from movement_desk.db.models import AdministrativeUnit, UnitSuccession
from movement_desk.paths import DATA_DIR
from movement_desk.services.core import audit, permissions, tabular
from movement_desk.services.core.actor import SYSTEM_ACTOR, Actor
from movement_desk.services.core.errors import (
    FieldError,
    PermissionDenied,
    ServiceError,
    ValidationError,
)
from movement_desk.services.core.unit_tree import (  # noqa: F401 - also read as units.<name>
    COMMUNE_KINDS,
    RESIDENTIAL_KINDS,
    UnitTree,
    direct_successors,
    find_unit,
    get_unit,
    in_force,
    is_residential,
    province_of,
    subtree_ids,
    successor_map,
    successor_scope,
    successors_on,
)
from movement_desk.services.core.validation import FieldReader
from movement_desk.services.records import kinds, unit_tree_check
from movement_desk.services.records import store as records
from movement_desk.services.records.specs import KindParts, UndoOps

BUNDLED_UNITS = DATA_DIR / "units-bac-kan-2023.csv"
BUNDLED_MERGE = DATA_DIR / "units-bac-kan-2025-merge.csv"
MERGE_2025_DATE = date(2025, 7, 1)
SUCCESSOR_PROVINCE = ("19", "Thái Nguyên")
# The shared data names the 37 new communes without codes; until the official list is
# imported they carry a provisional code built from their first predecessor's code.
PROVISIONAL_CODE_PREFIX = "TN"

UNIT_LABELS = {
    "code": "Mã đơn vị",
    "name": "Tên đơn vị",
    "kind": "Loại đơn vị",
    "parent_code": "Mã đơn vị cấp trên",
    "valid_from": "Hiệu lực từ",
    "valid_to": "Hiệu lực đến",
    "households": "Số hộ",
}


# Who keeps which units (records.kinds): a residential area is the officer's, with the
# commune's register; every other unit the administrators'.
RESIDENTIAL_ACTION = kinds.RESIDENTIAL_ACTION
write_action = kinds.unit_write_action


def _parent_kind_error(kind: UnitKind, parent_kind: UnitKind | None, parent_title: str) -> str:
    """Why ``kind`` cannot sit under a parent of ``parent_kind`` ("" when it can)."""
    if kind in RESIDENTIAL_KINDS:
        if parent_kind not in COMMUNE_KINDS:
            return (
                f"khu dân cư ({kind.label}) phải trực thuộc một xã, phường, thị trấn hoặc đặc khu; "
                f"{parent_title} không phải đơn vị cấp xã."
            )
        return ""
    if parent_kind in RESIDENTIAL_KINDS:
        return f"{parent_title} là khu dân cư, không có đơn vị trực thuộc."
    if parent_kind in COMMUNE_KINDS:
        return (
            f"{parent_title} là đơn vị cấp xã, chỉ có khu dân cư (thôn, bản, tổ dân phố…) "
            "trực thuộc; hãy chọn huyện hoặc tỉnh."
        )
    return ""


def _scope_problem(current: Actor, unit_id: int | None, *, root_level: bool) -> str | None:
    """Why ``current`` may not write under or at ``unit_id`` (None, or ``root_level``: the
    province level, a unit with no parent)."""
    if unit_id is None or root_level:
        if current.unit_code is None or permissions.covers_whole_tree(current):
            return None
        return (
            "đơn vị cấp cao nhất (không có cấp trên) chỉ quản trị viên của toàn bộ cơ sở dữ "
            f"liệu được thêm hoặc sửa; tài khoản “{current.username}” chỉ làm việc với "
            f"{_unit_name(current.unit_code)} và các đơn vị trực thuộc."
        )
    if permissions.in_scope(current, unit_id):
        return None
    return (
        f"{_unit_name(unit_id)} nằm ngoài phạm vi của tài khoản “{current.username}” "
        f"({_unit_name(current.unit_code)} và các đơn vị trực thuộc); không được sửa."
    )


def _unit_name(unit) -> str:
    if isinstance(unit, int):
        found = AdministrativeUnit.get_or_none(AdministrativeUnit.id == unit)
    else:
        found = AdministrativeUnit.get_or_none(AdministrativeUnit.code == str(unit))
    return f"{found.title} ({found.code})" if found is not None else str(unit)


def check_unit_write(
    actor: Actor,
    unit: AdministrativeUnit | None,
    new_parent_id: int | None,
    *,
    row: int | None = None,
    whole_tree: bool | None = None,
    action: str = "unit.write",
) -> list[FieldError]:
    """What refuses ``actor`` adding (``unit`` None) or changing ``unit`` under
    ``new_parent_id``: ``unit.write`` over the unit, its old parent and its new parent, and
    the province level (no parent) only for an administrator of the whole database (who may
    change anything in the tree; ``whole_tree`` says so when the caller already knows).
    ``action``: ``write_action`` of the unit's kind (a residential area needs less)."""
    current = permissions.require(actor, action)
    if whole_tree is None:
        whole_tree = current.unit_code is None or permissions.covers_whole_tree(current)
    if whole_tree:
        return []
    errors: list[FieldError] = []
    if unit is not None and unit.id is not None:
        problem = _scope_problem(current, unit.id, root_level=unit.parent_id is None)
        if problem:
            errors.append(FieldError("code", UNIT_LABELS["code"], problem, row))
        elif unit.parent_id is not None and unit.parent_id != new_parent_id:
            problem = _scope_problem(current, unit.parent_id, root_level=False)
            if problem:
                errors.append(
                    FieldError(
                        "parent_code", UNIT_LABELS["parent_code"], "cấp trên cũ: " + problem, row
                    )
                )
    if not errors:
        problem = _scope_problem(current, new_parent_id, root_level=False)
        if problem:
            errors.append(FieldError("parent_code", UNIT_LABELS["parent_code"], problem, row))
    return errors


def _require_unit_write(
    actor: Actor,
    unit: AdministrativeUnit | None,
    parent_id: int | None,
    action: str = "unit.write",
):
    errors = check_unit_write(actor, unit, parent_id, action=action)
    if errors:
        raise PermissionDenied(errors[0].message[:1].upper() + errors[0].message[1:])


def unit_snapshot(unit: AdministrativeUnit) -> dict[str, object]:
    """What the audit trail keeps of a unit: name, kind, parent and dates as a person reads
    them."""
    parent = (
        AdministrativeUnit.get_or_none(AdministrativeUnit.id == unit.parent_id)
        if unit.parent_id
        else None
    )
    return {
        "name": unit.name,
        "kind": unit.kind.label if unit.kind else None,
        "parent": parent.code if parent is not None else None,
        "valid_from": vietnamese.format_date(unit.valid_from) if unit.valid_from else None,
        "valid_to": vietnamese.format_date(unit.valid_to) if unit.valid_to else None,
    }


def search_units(
    text: str, *, on: date | None = None, limit: int = 50, actor: Actor
) -> list[AdministrativeUnit]:
    """Units in ``actor``'s scope whose name or code contains ``text``, ignoring case and
    diacritics (the unit pickers)."""
    key = vietnamese.fold(text)
    query = AdministrativeUnit.live()
    if key:
        query = query.where(
            AdministrativeUnit.search_key.contains(key) | AdministrativeUnit.code.startswith(key)
        )
    allowed = permissions.visible_unit_ids(actor)
    if allowed is not None:
        query = query.where(AdministrativeUnit.id.in_(list(allowed)))
    # Ties (one name in two lists) in the order they were entered, on either backend.
    units = list(
        query.order_by(AdministrativeUnit.sort_key, AdministrativeUnit.id).limit(limit * 4)
    )
    if on is not None:
        units = [unit for unit in units if unit.existed_on(on)]
    return units[:limit]


def visible_tree(actor: Actor) -> UnitTree:
    """The unit tree as ``actor`` may see it: the units of its scope; a unit whose parent is
    outside the scope stands at the top (the unit filter tree)."""
    tree = UnitTree.load()
    allowed = permissions.visible_unit_ids(actor)
    if allowed is None:
        return tree
    shown = UnitTree({i: u for i, u in tree.by_id.items() if i in allowed})
    for unit_id, unit in tree.by_id.items():  # in sort order, as UnitTree.load
        if unit_id not in allowed:
            continue
        parent_id = unit.parent_id
        shown.children.setdefault(parent_id if parent_id in allowed else None, []).append(unit_id)
    return shown


# ---------------------------------------------------------------------------------------------
# One unit at a time: the administrator adds a unit under a parent or corrects one.


def _unit_search_key(name: str, kind: UnitKind, code: str) -> str:
    return vietnamese.fold(f"{name} {kind.label} {code}")


def _check_validity(
    reader: FieldReader,
    valid_from: date | None,
    valid_to: date | None,
    parent: AdministrativeUnit | None,
) -> None:
    """Refuse an end before the start, or a validity outside the parent unit's."""
    if valid_from and valid_to and valid_to < valid_from:
        reader.fail(
            "valid_to",
            f"ngày {vietnamese.format_date(valid_to)} trước ngày có hiệu lực "
            f"{vietnamese.format_date(valid_from)}; hãy kiểm tra lại.",
        )
        return
    if parent is None:
        return
    if parent.valid_from and (valid_from is None or valid_from < parent.valid_from):
        reader.fail(
            "valid_from",
            f"đơn vị cấp trên {parent.title} chỉ có từ ngày "
            f"{vietnamese.format_date(parent.valid_from)}; hãy nhập ngày từ đó trở đi.",
        )
    if parent.valid_to and (valid_to is None or valid_to > parent.valid_to):
        reader.fail(
            "valid_to",
            f"đơn vị cấp trên {parent.title} hết hiệu lực sau ngày "
            f"{vietnamese.format_date(parent.valid_to)}; hãy nhập ngày hết hiệu lực "
            "không muộn hơn.",
        )


def _read_dates(reader: FieldReader) -> tuple[date | None, date | None]:
    return (
        reader.date("valid_from", required=False, not_future=False),
        reader.date("valid_to", required=False, not_future=False),
    )


def create_unit(raw: Mapping[str, object], actor: Actor) -> AdministrativeUnit:
    """Add one unit (``code``, ``name``, ``kind``, ``parent_code``, ``valid_from``,
    ``valid_to``), usually under a parent: a commune the province's list forgot, a new one.
    The parent must be in the actor's scope; a unit with no parent needs an administrator of
    the whole database. A residential area needs ``organisation.write`` only (an officer adds
    the thôn of his commune), any other unit ``unit.write``."""
    reader = FieldReader(raw, UNIT_LABELS)
    code = reader.text("code", required=True, max_length=20)
    name = reader.text("name", required=True, max_length=200)
    kind = reader.choice("kind", UnitKind)
    action = write_action(kind)
    permissions.require(actor, action)
    parent_code = reader.text("parent_code", max_length=20)
    valid_from, valid_to = _read_dates(reader)
    parent = None
    if code:
        taken = AdministrativeUnit.get_or_none(AdministrativeUnit.code == code)
        if taken is not None:
            state = " (đã bị xóa)" if taken.deleted_at else ""
            reader.fail(
                "code", f"mã “{code}” đã dùng cho {taken.title}{state}; mỗi đơn vị một mã riêng."
            )
    if parent_code:
        parent = AdministrativeUnit.live().where(AdministrativeUnit.code == parent_code).first()
        if parent is None:
            reader.fail("parent_code", f"không có đơn vị mã “{parent_code}”.")
        elif kind is not None and _parent_kind_error(kind, parent.kind, parent.title):
            reader.fail("parent_code", _parent_kind_error(kind, parent.kind, parent.title))
    if kind in RESIDENTIAL_KINDS and not parent_code:
        reader.fail("parent_code", "khu dân cư phải trực thuộc một đơn vị cấp xã; hãy chọn xã.")
    households = reader.count("households")
    if households and kind is not None and kind not in RESIDENTIAL_KINDS:
        reader.fail("households", "chỉ ghi số hộ cho khu dân cư (thôn, bản, tổ dân phố…).")
    if kind is UnitKind.PROVINCE and parent_code:
        reader.fail("parent_code", "tỉnh không có đơn vị cấp trên; hãy để trống.")
    no_dates = not any(reader.raw.get(key) for key in ("valid_from", "valid_to"))
    if kind in RESIDENTIAL_KINDS and parent is not None and no_dates:
        # as in a unit list: a thôn given without dates lives as long as its commune
        valid_from, valid_to = parent.valid_from, parent.valid_to
    if not reader.has_error("valid_from") and not reader.has_error("valid_to"):
        _check_validity(reader, valid_from, valid_to, parent)
    if parent is not None or not parent_code:  # the rights first: a refusal, not a date
        _require_unit_write(actor, None, parent.id if parent is not None else None, action)
    reader.raise_if_invalid()
    values = {
        "code": code,
        "name": name,
        "kind": kind,
        "parent": parent,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "search_key": _unit_search_key(name, kind, code),
        "sort_key": vietnamese.sort_key(name),
        "households": households,
    }
    with db.atomic():
        return records.create(AdministrativeUnit, values, actor)


def update_unit(uuid: str, raw: Mapping[str, object], actor: Actor) -> AdministrativeUnit:
    """Correct a unit's ``name``, ``valid_from`` and ``valid_to`` (its code and parent stay:
    imports and packages find the unit by its code)."""
    unit = records.get_record(AdministrativeUnit, uuid)
    action = write_action(unit.kind)
    permissions.require(actor, action)
    _require_unit_write(actor, unit, unit.parent_id, action)
    reader = FieldReader(raw, UNIT_LABELS)
    name = reader.text("name", required=True, max_length=200)
    valid_from, valid_to = _read_dates(reader)
    households = reader.count("households") if "households" in raw else unit.households
    if households and unit.kind not in RESIDENTIAL_KINDS:
        reader.fail("households", "chỉ ghi số hộ cho khu dân cư (thôn, bản, tổ dân phố…).")
    if not reader.has_error("valid_from") and not reader.has_error("valid_to"):
        parent = AdministrativeUnit.get_or_none(AdministrativeUnit.id == unit.parent_id)
        _check_validity(reader, valid_from, valid_to, parent)
    if not reader.errors:
        _check_children_fit(reader, unit, valid_from, valid_to)
    reader.raise_if_invalid()
    values = {
        "name": name,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "search_key": _unit_search_key(name, unit.kind, unit.code),
        "sort_key": vietnamese.sort_key(name),
        "households": households,
    }
    with db.atomic():
        records.update(unit, values, actor)
    return unit


def _check_children_fit(
    reader: FieldReader, unit: AdministrativeUnit, valid_from: date | None, valid_to: date | None
) -> None:
    children = AdministrativeUnit.live().where(AdministrativeUnit.parent == unit.id)
    for child in children.order_by(AdministrativeUnit.sort_key):
        if valid_to and (child.valid_to is None or child.valid_to > valid_to):
            until = vietnamese.format_date(child.valid_to) if child.valid_to else "nay"
            reader.fail(
                "valid_to",
                f"{child.title} trực thuộc đơn vị này còn hiệu lực đến {until}; "
                "hãy sửa đơn vị cấp dưới trước.",
            )
            return
        if valid_from and (child.valid_from is None or child.valid_from < valid_from):
            reader.fail(
                "valid_from",
                f"{child.title} trực thuộc đơn vị này đã có trước ngày "
                f"{vietnamese.format_date(valid_from)}; hãy sửa đơn vị cấp dưới trước.",
            )
            return


def delete_unit(uuid: str, actor: Actor) -> AdministrativeUnit:
    """Mark a unit deleted: only one nothing refers to (the undo of adding it by mistake)."""
    unit = records.get_record(AdministrativeUnit, uuid)
    action = write_action(unit.kind)
    permissions.require(actor, action)
    _require_unit_write(actor, unit, unit.parent_id, action)
    for field_ref, model in AdministrativeUnit._meta.backrefs.items():
        if model.select().where(field_ref == unit.id).exists():
            raise ServiceError(
                f"Không xóa được {unit.title} ({unit.code}): đơn vị đã có đơn vị trực thuộc, "
                "dữ liệu, tài khoản hoặc quan hệ kế thừa. Hãy nhập ngày hết hiệu lực thay vì xóa."
            )
    return records.soft_delete(AdministrativeUnit, uuid, actor)


def restore_unit(uuid: str, actor: Actor) -> AdministrativeUnit:
    unit = records.get_record(AdministrativeUnit, uuid, include_deleted=True)
    action = write_action(unit.kind)
    permissions.require(actor, action)
    # A deleted unit is in no scope (scopes are trees of live units): restoring it is adding
    # it again under its parent, which must be in the actor's scope.
    _require_unit_write(actor, None, unit.parent_id, action)
    return records.restore(AdministrativeUnit, uuid, actor)


def unit_raw(uuid: str) -> dict:
    """A unit's editable values as a form shows them."""
    unit = records.get_record(AdministrativeUnit, uuid, include_deleted=True)
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind.value,
        "parent_code": unit.parent.code if unit.parent_id else "",
        "valid_from": vietnamese.format_date(unit.valid_from) if unit.valid_from else "",
        "valid_to": vietnamese.format_date(unit.valid_to) if unit.valid_to else "",
        "households": str(unit.households or 0),
    }


# ---------------------------------------------------------------------------------------------
# Loading unit lists


@dataclass
class UnitRow:
    code: str
    name: str
    kind: UnitKind
    parent_code: str
    valid_from: date | None
    valid_to: date | None
    row: int
    # False when the file has no validity columns: existing dates are then kept.
    validity_given: bool = True
    households: int | None = None  # None when the file has no households column


@dataclass
class UnitImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Per unit code: [old, new] snapshots (``unit_snapshot``; old is None for a new unit),
    # only the fields that changed.
    changes: dict[str, list] = field(default_factory=dict)


def read_units_file(path: str | Path) -> list[UnitRow]:
    """Read and check a unit list (``code,name,kind,parent_code[,valid_from,valid_to,
    households]``); residential areas (thôn, bản, tổ dân phố, khu phố…) sit under communes."""
    table = tabular.read_table(path, {key: label for key, label in UNIT_LABELS.items()})
    errors: list[FieldError] = list(table.header_errors(required=["code", "name", "kind"]))
    rows: list[UnitRow] = []
    seen_codes: dict[str, int] = {}
    has_validity = table.has_column("valid_from") or table.has_column("valid_to")
    has_households = table.has_column("households")
    for number, raw in table.rows:
        reader = FieldReader(raw, UNIT_LABELS, row=number)
        code = reader.text("code", required=True, max_length=20)
        name = reader.text("name", required=True, max_length=200)
        kind = reader.choice("kind", UnitKind)
        parent_code = reader.text("parent_code", max_length=20)
        valid_from = reader.date("valid_from", required=False, not_future=False)
        valid_to = reader.date("valid_to", required=False, not_future=False)
        households = reader.count("households") if has_households else None
        if households and kind is not None and kind not in RESIDENTIAL_KINDS:
            reader.fail("households", "chỉ ghi số hộ cho khu dân cư (thôn, bản, tổ dân phố…).")
        if kind in RESIDENTIAL_KINDS and not parent_code:
            reader.fail(
                "parent_code", "khu dân cư phải trực thuộc một đơn vị cấp xã; hãy nhập mã xã."
            )
        if valid_from and valid_to and valid_to < valid_from:
            reader.fail("valid_to", "ngày hết hiệu lực trước ngày có hiệu lực; hãy kiểm tra lại.")
        if code and code in seen_codes:
            reader.fail(
                "code", f"mã “{code}” đã có ở dòng {seen_codes[code]}; mỗi mã chỉ một dòng."
            )
        if code and parent_code == code:
            reader.fail("parent_code", "đơn vị không thể là cấp trên của chính nó.")
        errors.extend(reader.errors)
        if not reader.errors:
            seen_codes[code] = number
            rows.append(
                UnitRow(
                    code,
                    name,
                    kind,
                    parent_code,
                    valid_from,
                    valid_to,
                    number,
                    has_validity,
                    households,
                )
            )
    known_kinds = {
        u.code: (u.kind, u.title)
        for u in AdministrativeUnit.select(
            AdministrativeUnit.code, AdministrativeUnit.kind, AdministrativeUnit.name
        )
    }
    known_kinds.update(
        {row.code: (row.kind, f"{row.kind.label.capitalize()} {row.name}") for row in rows}
    )
    known = set(seen_codes) | set(known_kinds)
    # Which kind may sit under which (residential areas only under communes): reported beside
    # the tree's own errors (a loop, dates), not instead of them.
    kind_errors: list[FieldError] = []
    for row in rows:
        if row.parent_code and row.parent_code in known_kinds:
            parent_kind, parent_title = known_kinds[row.parent_code]
            message = _parent_kind_error(row.kind, parent_kind, parent_title)
            if message:
                kind_errors.append(
                    FieldError("parent_code", UNIT_LABELS["parent_code"], message, row.row)
                )
        if row.parent_code and row.parent_code not in known:
            errors.append(
                FieldError(
                    "parent_code",
                    UNIT_LABELS["parent_code"],
                    f"không có đơn vị mã “{row.parent_code}” trong tệp hay trong cơ sở dữ liệu.",
                    row.row,
                )
            )
    if not errors:
        rows = _areas_within_communes(rows)
        errors = unit_tree_check.tree_errors(rows, UNIT_LABELS)
    errors += kind_errors
    if errors:
        raise ValidationError(errors)
    return rows


def _apply_unit_fields(unit: AdministrativeUnit, row: UnitRow, parent_id: int | None) -> bool:
    new_values = {
        "name": row.name,
        "kind": row.kind,
        "parent_id": parent_id,
        "search_key": vietnamese.fold(f"{row.name} {row.kind.label} {row.code}"),
        "sort_key": vietnamese.sort_key(row.name),
    }
    if row.validity_given or unit.id is None:
        new_values.update(valid_from=row.valid_from, valid_to=row.valid_to)
    if row.households is not None:
        new_values["households"] = row.households
    changed = False
    for name, value in new_values.items():
        if getattr(unit, name) != value:
            setattr(unit, name, value)
            changed = True
    return changed


def _areas_within_communes(rows: list[UnitRow]) -> list[UnitRow]:
    """Residential areas listed without dates take their commune's (from the file, else the
    database): a thôn lives as long as the commune it is listed under."""
    if not any(row.kind in RESIDENTIAL_KINDS for row in rows):
        return rows
    dates = {
        code: (valid_from, valid_to)
        for code, valid_from, valid_to in AdministrativeUnit.select(
            AdministrativeUnit.code, AdministrativeUnit.valid_from, AdministrativeUnit.valid_to
        ).tuples()
    }
    dates.update({row.code: (row.valid_from, row.valid_to) for row in rows if row.validity_given})
    fitted = []
    for row in rows:
        if (
            row.kind in RESIDENTIAL_KINDS
            and row.valid_from is None
            and row.valid_to is None
            and row.parent_code in dates
        ):
            valid_from, valid_to = dates[row.parent_code]
            row = replace(row, valid_from=valid_from, valid_to=valid_to, validity_given=True)
        fitted.append(row)
    return fitted


def _within_commune(row: UnitRow, parent_id: int | None) -> UnitRow:
    """A residential area listed without dates lives as long as its commune does."""
    if row.kind not in RESIDENTIAL_KINDS or parent_id is None:
        return row
    if row.valid_from is not None or row.valid_to is not None:
        return row
    parent = AdministrativeUnit.get_by_id(parent_id)
    return replace(row, valid_from=parent.valid_from, valid_to=parent.valid_to, validity_given=True)


def save_unit_rows(
    rows: Iterable[UnitRow], actor: Actor, *, dry_run: bool = False
) -> UnitImportResult:
    """Create or update units by code, parents before children, in one transaction.

    Each row that creates or changes a unit is checked against ``actor``'s scope
    (``check_unit_write``); rows outside it are refused by row and column, and nothing is
    written."""
    rows = list(rows)
    result = UnitImportResult()
    errors: list[FieldError] = []
    current = permissions.require(actor, "unit.write")
    # an administrator of the whole database may load a new province and all under it
    whole = current.unit_code is None or permissions.covers_whole_tree(current)
    with db.atomic() as transaction:
        ids = {
            u.code: u.id
            for u in AdministrativeUnit.select(AdministrativeUnit.id, AdministrativeUnit.code)
        }
        pending = list(rows)
        while pending:
            progress = False
            for row in list(pending):
                if row.parent_code and row.parent_code not in ids:
                    continue
                parent_id = ids.get(row.parent_code) if row.parent_code else None
                unit = AdministrativeUnit.get_or_none(AdministrativeUnit.code == row.code)
                if parent_id is not None and parent_id < 0:
                    # under a new unit already refused: that row's error says why
                    ids[row.code] = -row.row
                    pending.remove(row)
                    progress = True
                    continue
                if unit is None:
                    row_errors = check_unit_write(
                        current, None, parent_id, row=row.row, whole_tree=whole
                    )
                    unit = AdministrativeUnit(code=row.code)
                    _apply_unit_fields(unit, _within_commune(row, parent_id), parent_id)
                    if not row_errors:
                        records.stamp_new(unit, actor)
                        unit.save(force_insert=True)
                        result.changes[row.code] = [None, unit_snapshot(unit)]
                    result.created += 1
                else:
                    before = unit_snapshot(unit)
                    old_parent_id = unit.parent_id
                    probe = AdministrativeUnit(id=unit.id, parent=old_parent_id)
                    row_errors = []
                    if _apply_unit_fields(unit, _within_commune(row, parent_id), parent_id):
                        row_errors = check_unit_write(
                            current, probe, parent_id, row=row.row, whole_tree=whole
                        )
                        if not row_errors:
                            records.stamp_change(unit, actor)
                            unit.save()
                            after = unit_snapshot(unit)
                            changed = [k for k in after if after[k] != before[k]]
                            result.changes[row.code] = [
                                {k: before[k] for k in changed},
                                {k: after[k] for k in changed},
                            ]
                        result.updated += 1
                    else:
                        result.unchanged += 1
                errors.extend(row_errors)
                ids[row.code] = unit.id if unit.id is not None else -row.row
                pending.remove(row)
                progress = True
            if not progress:
                codes = ", ".join(f"dòng {r.row} ({r.code})" for r in pending)
                raise ValidationError(
                    [
                        FieldError(
                            "parent_code",
                            UNIT_LABELS["parent_code"],
                            f"vòng lặp cấp trên ở {codes}.",
                        )
                    ]
                )
        if errors:
            raise ValidationError(errors)
        if dry_run:
            transaction.rollback()
    return result


def import_units_csv(path: str | Path, actor: Actor, *, dry_run: bool = False) -> UnitImportResult:
    """Load a unit list; every row is checked first and nothing is written if one is wrong."""
    permissions.require(actor, "unit.write")
    rows = read_units_file(path)
    if not dry_run and actor.username != SYSTEM_ACTOR.username:
        backup.backup_before("import")
    with db.atomic():
        result = save_unit_rows(rows, actor, dry_run=dry_run)
        if not dry_run:
            audit.log(
                actor,
                "import",
                table="admin_unit",
                label=Path(path).name,
                summary=f"{Path(path).name}: {result.created} mới, {result.updated} cập nhật, "
                f"{result.unchanged} không đổi",
                # old -> new name, kind, parent and dates of each unit created or changed
                changes=result.changes or None,
            )
    return result


def load_merge_csv(
    path: str | Path,
    *,
    successor_province: tuple[str, str],
    effective_on: date,
    actor: Actor,
) -> int:
    """Apply a merge list (``new_name,new_kind,old_codes``): create the new units under the
    successor province, end the old ones the day before, and record who succeeded whom."""
    table = tabular.read_table(
        path, {"new_name": "Tên mới", "new_kind": "Loại", "old_codes": "Mã cũ"}
    )
    day_before = date.fromordinal(effective_on.toordinal() - 1)
    created = 0
    with db.atomic():
        province_code, province_name = successor_province
        province = find_unit(province_code)
        if province is None:
            save_unit_rows(
                [UnitRow(province_code, province_name, UnitKind.PROVINCE, "", None, None, 0)], actor
            )
            province = get_unit(province_code)
        errors: list[FieldError] = []
        ended: set[int] = set()
        for number, raw in table.rows:
            reader = FieldReader(
                raw, {"new_name": "Tên mới", "new_kind": "Loại", "old_codes": "Mã cũ"}, number
            )
            name = reader.text("new_name", required=True)
            kind = reader.choice("new_kind", UnitKind)
            old_codes = reader.text("old_codes", required=True).split()
            old_units = []
            for code in old_codes:
                old = find_unit(code)
                if old is None:
                    reader.fail("old_codes", f"không có đơn vị mã “{code}”.")
                else:
                    old_units.append(old)
            if reader.errors:
                errors.extend(reader.errors)
                continue
            code = f"{PROVISIONAL_CODE_PREFIX}{old_codes[0]}"
            save_unit_rows(
                [UnitRow(code, name, kind, province.code, effective_on, None, number)], actor
            )
            new_unit = get_unit(code)
            created += 1
            for old in old_units:
                _link(old, new_unit, effective_on, actor)
                ended.add(old.id)
        if errors:
            raise ValidationError(errors)
        # Districts are abolished and the old province joins the successor province.
        tree = UnitTree.load()
        for old_id in list(ended):
            for ancestor in tree.ancestors(old_id):
                if ancestor.id != province.id and ancestor.id not in ended:
                    ended.add(ancestor.id)
                    _link(ancestor, province, effective_on, actor)
        for unit in AdministrativeUnit.select().where(AdministrativeUnit.id.in_(list(ended))):
            if unit.valid_to != day_before:
                unit.valid_to = day_before
                records.stamp_change(unit, actor)
                unit.save()
    return created


def _link(
    old: AdministrativeUnit, new: AdministrativeUnit, effective_on: date, actor: Actor
) -> None:
    existing = UnitSuccession.get_or_none(
        (UnitSuccession.predecessor == old.id) & (UnitSuccession.successor == new.id)
    )
    if existing is None:
        link = UnitSuccession(predecessor=old.id, successor=new.id, effective_on=effective_on)
        records.stamp_new(link, actor)
        link.save(force_insert=True)


def load_bundled_units(actor: Actor = SYSTEM_ACTOR) -> None:
    """Load Bắc Kạn's 2023 units and the 2025 merge into Thái Nguyên (idempotent)."""
    with db.atomic():
        import_units_csv(BUNDLED_UNITS, actor)
        load_merge_csv(
            BUNDLED_MERGE,
            successor_province=SUCCESSOR_PROVINCE,
            effective_on=MERGE_2025_DATE,
            actor=actor,
        )


# What units offer the user: undo of their edits (records/specs.py).
PARTS = {"units": KindParts(undo=UndoOps(update_unit, delete_unit, restore_unit))}
