"""Who may do what, and where: roles, actions and the unit scope of each account.

One entry point for every service: ``require(actor, action, unit=None)`` raises
``PermissionDenied`` with a Vietnamese message when the actor's role does not grant ``action``
or ``unit`` lies outside the actor's unit. Which right writing each kind of record needs is
declared with the kind (``records.kinds``) and checked by ``records.store`` before every
create, update, delete and restore, with the period locks.

Scope: an account sees and changes its unit and everything under it. Because units merge
(Bắc Kạn's 108 communes became 37 on 01/07/2025), the scope also follows successions: a
commune that took over a commune in scope is in scope, a unit whose predecessors are all in
scope is in scope, and a unit wholly absorbed by units in scope is in scope. The matrix is
documented in ``docs/roles.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from peewee import fn

from movement_desk.db.account_tables import UserAccount
from movement_desk.db.choices import UnitKind
from movement_desk.db.models import (
    ActivitySession,
    AdministrativeUnit,
    Commendation,
    CommunityModel,
    Decision,
    Organizer,
    Record,
    UnitSuccession,
)
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import FieldError, PermissionDenied
from movement_desk.services.core.unit_tree import UnitTree

OFFICER = "officer"
CLERK = "clerk"
SUPERVISOR = "supervisor"
ADMINISTRATOR = "administrator"

ROLES: dict[str, tuple[str, str]] = {
    OFFICER: ("cán bộ", "officer"),
    CLERK: ("văn thư, thi đua", "clerk"),
    SUPERVISOR: ("lãnh đạo", "supervisor"),
    ADMINISTRATOR: ("quản trị", "administrator"),
}

# action -> what it is, in the words of a refusal ("không có quyền …").
ACTIONS: dict[str, str] = {
    "record.read": "xem dữ liệu",
    "record.export": "xuất dữ liệu ra tệp",
    "session.write": "nhập, sửa, xóa buổi phát động, tuyên truyền",
    "model.write": "nhập, sửa, xóa mô hình",
    "organizer.write": "thêm, sửa, xóa đơn vị tổ chức",
    "decision.write": "nhập, sửa, xóa quyết định khen thưởng",
    "certificate.print": "in giấy khen, bằng khen",
    "report.print": "in báo cáo",
    "period.lock": "khóa, mở khóa kỳ báo cáo",
    "audit.view": "xem, xuất nhật ký thao tác",
    "package.export": "tạo gói dữ liệu gửi lên",
    "package.import": "nhập gói dữ liệu của đơn vị khác",
    "user.manage": "quản lý tài khoản",
    "unit.write": "sửa danh mục đơn vị hành chính",
    "catalog.write": "sửa danh mục loại mô hình",
    "settings.write": "thay đổi cài đặt",
    "backup.create": "sao lưu dữ liệu",
    "backup.restore": "khôi phục dữ liệu từ bản sao lưu",
    "database.check": "kiểm tra và sửa cơ sở dữ liệu",
    "organisation.write": "thêm, sửa, xóa khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục",
    "rating.write": "đăng ký, đánh giá, đề nghị công nhận đạt tiêu chuẩn “An toàn về ANTT”",
    "rating.confirm": "công nhận đạt tiêu chuẩn “An toàn về ANTT”",
    "pledge.write": "nhập, sửa, xóa giao ước thi đua",
    "key.trust": "tin cậy, thu hồi khóa ký của đơn vị",
}

_EVERYONE = {"record.read", "record.export", "package.export", "backup.create"}
GRANTS: dict[str, frozenset[str]] = {
    OFFICER: frozenset(
        _EVERYONE
        | {"session.write", "model.write", "organizer.write", "organisation.write", "rating.write"}
    ),
    CLERK: frozenset(
        _EVERYONE | {"decision.write", "certificate.print", "organizer.write", "pledge.write"}
    ),
    SUPERVISOR: frozenset(
        _EVERYONE
        | {"report.print", "period.lock", "audit.view", "package.import", "rating.confirm"}
        | {"rating.write", "pledge.write"}
    ),
    ADMINISTRATOR: frozenset(ACTIONS),
}


def role_label(role: str) -> str:
    return ROLES.get(role, (role, role))[0]


# ---------------------------------------------------------------------------------------------
# The account behind an actor


def effective(actor: Actor) -> Actor:
    """The actor with the role and unit its account has now; refuses a disabled account."""
    if actor.user_id is None:
        return actor
    account = (
        UserAccount.select(UserAccount, AdministrativeUnit)
        .join(AdministrativeUnit)
        .where(UserAccount.id == actor.user_id)
        .first()
    )
    if account is None or account.is_disabled:
        raise PermissionDenied(
            f"Tài khoản “{actor.username}” đã bị vô hiệu hóa hoặc không còn tồn tại; "
            "hãy liên hệ quản trị viên."
        )
    return Actor(
        username=account.username,
        role=account.role,
        unit_code=account.unit.code,
        display_name=account.display_name,
        user_id=account.id,
    )


# ---------------------------------------------------------------------------------------------
# Unit scope


def _tree_version() -> tuple:
    units = AdministrativeUnit.select(
        fn.COUNT(AdministrativeUnit.id), fn.MAX(AdministrativeUnit.updated_at)
    ).tuples()
    links = UnitSuccession.select(
        fn.COUNT(UnitSuccession.id), fn.MAX(UnitSuccession.updated_at)
    ).tuples()
    return (units[0], links[0])


COMMUNE_LEVEL = {UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWNSHIP, UnitKind.SPECIAL_ZONE}


@lru_cache(maxsize=64)
def _scope_ids(unit_id: int, version: tuple) -> frozenset[int]:
    tree = UnitTree.current()
    if unit_id not in tree.by_id:
        return frozenset({unit_id})
    scope = set(tree.subtree_ids(unit_id))
    successors: dict[int, set[int]] = {}
    predecessors: dict[int, set[int]] = {}
    for link in UnitSuccession.live():
        successors.setdefault(link.predecessor_id, set()).add(link.successor_id)
        predecessors.setdefault(link.successor_id, set()).add(link.predecessor_id)
    changed = True
    while changed:
        changed = False
        for successor_id, before in predecessors.items():
            if successor_id in scope or successor_id not in tree.by_id:
                continue
            commune = tree.by_id[successor_id].kind in COMMUNE_LEVEL
            if before <= scope or (commune and before & scope):
                scope.update(tree.subtree_ids(successor_id) if before <= scope else [successor_id])
                changed = True
        for predecessor_id, after in successors.items():
            if predecessor_id not in scope and after <= scope:
                scope.update(tree.subtree_ids(predecessor_id))
                changed = True
    return frozenset(scope)


def unit_scope_ids(unit_code: str) -> frozenset[int]:
    """The ids of ``unit_code``, everything under it and the units that succeeded them."""
    unit = AdministrativeUnit.get_or_none(AdministrativeUnit.code == unit_code)
    if unit is None:
        return frozenset()
    return _scope_ids(unit.id, _tree_version())


def visible_unit_ids(actor: Actor) -> frozenset[int] | None:
    """The units ``actor`` may see and change; None means every unit (built-in actors)."""
    actor = effective(actor)
    if actor.unit_code is None:
        return None
    return unit_scope_ids(actor.unit_code)


def _unit_id(unit) -> int | None:
    if unit is None:
        return None
    if isinstance(unit, AdministrativeUnit):
        return unit.id
    if isinstance(unit, int):
        return unit
    found = AdministrativeUnit.get_or_none(AdministrativeUnit.code == str(unit))
    return found.id if found is not None else -1


def _unit_text(unit) -> str:
    unit_id = _unit_id(unit)
    found = AdministrativeUnit.get_or_none(AdministrativeUnit.id == unit_id)
    return f"{found.title} ({found.code})" if found is not None else str(unit)


def in_scope(actor: Actor, unit) -> bool:
    """True when ``unit`` (a unit, its id or its code) is within ``actor``'s scope."""
    allowed = visible_unit_ids(actor)
    return allowed is None or _unit_id(unit) in allowed


def row_out_of_scope(
    actor: Actor, unit: AdministrativeUnit, field: str, label: str, row: int
) -> FieldError | None:
    """The error of a file's row ``row`` whose ``unit`` is outside ``actor``'s scope (None when
    it is inside), named by the column ``field`` (``label``) that gave the unit."""
    if in_scope(actor, unit):
        return None
    message = (
        f"{unit.title} ngoài phạm vi đơn vị của tài khoản “{actor.username}”; "
        "không nhập được dòng này."
    )
    return FieldError(field, label, message, row)


def can(actor: Actor, action: str, unit=None) -> bool:
    try:
        require(actor, action, unit)
    except PermissionDenied:
        return False
    return True


def require(actor: Actor, action: str, unit=None) -> Actor:
    """Refuse unless ``actor`` may do ``action`` (in ``unit``, when given); return the actor
    as its account stands now."""
    return _require(effective(actor), action, unit)


def require_current(current: Actor, action: str, unit=None) -> Actor:
    """``require`` for an actor already read by ``effective`` (many checks in a row)."""
    return _require(current, action, unit)


def unit_id_of(unit) -> int | None:
    """The id of ``unit`` given as a unit, an id or a code (-1 for an unknown code)."""
    return _unit_id(unit)


def _require(current: Actor, action: str, unit=None) -> Actor:
    """``require`` for an actor already read by ``effective``."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if action not in GRANTS.get(current.role, frozenset()):
        raise PermissionDenied(
            f"Tài khoản “{current.username}” ({role_label(current.role)}) không có quyền "
            f"{ACTIONS[action]}."
        )
    if (
        unit is not None
        and current.unit_code is not None
        and _unit_id(unit) not in unit_scope_ids(current.unit_code)
    ):
        raise PermissionDenied(
            f"Tài khoản “{current.username}” chỉ làm việc với "
            f"{_unit_text(current.unit_code)} và các đơn vị trực thuộc; "
            f"không có quyền với {_unit_text(unit)}."
        )
    return current


def require_units(actor: Actor, action: str, units: Iterable) -> Actor:
    """``require`` for many units at once (a batch of certificates): the account and its scope
    are read once; the refusal names the first unit, in id order, that lies outside it."""
    current = require(actor, action)
    if current.unit_code is None:
        return current
    scope = unit_scope_ids(current.unit_code)
    ids = {_unit_id(unit) for unit in units if unit is not None}
    outside = sorted(unit_id for unit_id in ids if unit_id not in scope)
    if outside:
        _require(current, action, outside[0])
    return current


def _scope_covers(current: Actor, unit_ids) -> bool:
    if current.unit_code is None:
        return True
    scope = unit_scope_ids(current.unit_code)
    return all(unit_id in scope for unit_id in unit_ids)


def _record_unit_ids() -> set[int]:
    """Every unit that a record, an organiser or an account of the database belongs to."""
    found: set[int] = set()
    for model in (ActivitySession, CommunityModel, Decision, Commendation, Organizer, UserAccount):
        found.update(
            unit_id for (unit_id,) in model.select(model.unit).distinct().tuples() if unit_id
        )
    return found


def covers_whole_tree(actor: Actor) -> bool:
    """True when every unit of the database is in ``actor``'s scope (the province's
    administrator on a province database, the built-in actors)."""
    current = effective(actor)
    all_ids = [unit_id for (unit_id,) in AdministrativeUnit.select(AdministrativeUnit.id).tuples()]
    return _scope_covers(current, all_ids)


def covers_every_record(actor: Actor) -> bool:
    """True when every record, organiser and account of the database lies in ``actor``'s
    scope: on a district office's database, that district's scope is enough."""
    return _scope_covers(effective(actor), _record_unit_ids())


def require_every_record(actor: Actor, action: str, what: str) -> Actor:
    """Refuse ``action`` (a backup to a file, a restore) unless the actor is an administrator
    whose scope covers every record of the database: such a copy holds every record, every
    account's password hash and the certificate signing key."""
    current = require(actor, action)
    if current.role != ADMINISTRATOR or not covers_every_record(current):
        raise PermissionDenied(
            f"Tài khoản “{current.username}” ({role_label(current.role)}) không có quyền {what}: "
            "việc này chỉ dành cho quản trị viên có phạm vi gồm toàn bộ dữ liệu của cơ sở dữ liệu."
        )
    return current


def scoped_filter(record_filter, actor: Actor):
    """Narrow a ``RecordFilter`` to what ``actor`` may see; refuses a unit out of scope."""
    current = require(actor, "record.read", record_filter.unit_code or None)
    if current.unit_code is not None and not covers_whole_tree(current):
        record_filter.allowed_unit_ids = visible_unit_ids(current)
    return record_filter


# ---------------------------------------------------------------------------------------------
# Every write of a record


def record_data(record: Record) -> dict:
    """The stored values of ``record`` by field name (foreign keys as ids)."""
    return dict(record.__data__)
