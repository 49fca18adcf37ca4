"""Domain settings kept in the database, so they travel with the data and its backups.

Values are JSON. ``DEFAULTS`` lists every known key with the value used until one is set.
"""

from __future__ import annotations

import json
import uuid as uuid_module
from datetime import date
from typing import Any

from movement_desk.db.connection import db
from movement_desk.db.models import Setting, utcnow
from movement_desk.services.core import audit, permissions, unit_tree
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import FieldError, ValidationError

PERIOD_RULE_DECREE = "decree"
PERIOD_RULE_CALENDAR = "calendar"

DEFAULTS: dict[str, Any] = {
    # How reporting periods are cut: Decree 09/2019 (15th to 14th) or calendar months.
    "period_rule": PERIOD_RULE_DECREE,
    # The unit this database works for (home view, default filters, report issuer).
    "home_unit_code": "06",
    "place": "Bắc Kạn",
    "authority": "GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN",
    "signer_prefix": "",
    "signer_title": "GIÁM ĐỐC",
    "signer_name": "",
    "issuer_parent": "CÔNG AN TỈNH BẮC KẠN",
    "issuer_name": "PHÒNG PV05",
    "report_symbol": "BC-PV05",
    # Certificates: paper ("a4", "a3", "a4-portrait"), printing on pre-printed blanks, and per
    # paper the shift of the printed area in millimetres [right, down] to match the blanks.
    "certificate_paper": "a4",
    "certificate_preprinted": False,
    "certificate_offsets_mm": {},
    # Signature blocks and recipients of a supervisor's report.
    "report_preparer_title": "NGƯỜI LẬP BIỂU",
    "report_preparer_name": "",
    "report_head_prefix": "",
    "report_head_title": "THỦ TRƯỞNG ĐƠN VỊ",
    "report_head_name": "",
    "report_recipients": "- Lãnh đạo Công an tỉnh (để báo cáo);\n- Lưu: VT, PV05.",
}


# Settings whose value is a secret (the certificates' signing key): the audit trail says that
# they changed, never what they hold.
SECRET_KEYS = frozenset({"certificate_signing_key"})
HIDDEN = "(bí mật, không ghi)"


# Defaults that name the office: until they are set, they follow the province the home unit
# is part of today (a database started on Bắc Kạn's unit list signs as Thái Nguyên after the
# 2025 merger, as Home shows).
PROVINCE_KEYS = ("place", "authority", "issuer_parent")


def province_defaults(on: date | None = None) -> dict[str, str]:
    """``place``, ``authority`` and ``issuer_parent`` for the home unit's province on ``on``
    (today unless a document's date is given)."""
    province = unit_tree.province_of(get("home_unit_code") or "", on or date.today())
    if province is None:
        return {key: DEFAULTS[key] for key in PROVINCE_KEYS}
    kind = province.kind.label.upper()  # "TỈNH", "THÀNH PHỐ"
    name = province.name.upper()
    return {
        "place": province.name,
        "authority": f"GIÁM ĐỐC CÔNG AN {kind} {name}",
        "issuer_parent": f"CÔNG AN {kind} {name}",
    }


def get(key: str, default: Any = None) -> Any:
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        if default is None and key in PROVINCE_KEYS:
            return province_defaults()[key]
        return DEFAULTS.get(key, default) if default is None else default
    return json.loads(row.value)


def put(key: str, value: Any, username: Any = "") -> None:
    """Store a setting. ``username`` is the acting ``Actor`` (checked: settings.write) or, for
    the program's own bookkeeping, a plain name. Either way the change is in the audit trail."""
    actor = username if isinstance(username, Actor) else None
    if actor is not None:
        permissions.require(actor, "settings.write")
        username = actor.username
    payload = json.dumps(value, ensure_ascii=False)
    with db.atomic():
        previous = Setting.get_or_none(Setting.key == key)
        old = json.loads(previous.value) if previous is not None else None
        if old != value:
            shown = [old, value]
            if key in SECRET_KEYS:  # the audit trail is readable and exportable: never the key
                shown = [None if old is None else HIDDEN, HIDDEN]
            audit.log(
                actor or username,
                "settings",
                table="setting",
                uuid=key,
                label=key,
                changes={key: shown},
            )
        (
            Setting.insert(key=key, value=payload, updated_at=utcnow(), updated_by=username)
            .on_conflict(
                conflict_target=[Setting.key],
                update={
                    Setting.value: payload,
                    Setting.updated_at: utcnow(),
                    Setting.updated_by: username,
                },
            )
            .execute()
        )


def all_settings(on: date | None = None) -> dict[str, Any]:
    """Every setting but the secrets (the certificate signing key), which only the services
    that need them read, by key; the office's defaults as they are on ``on`` (a report's
    date), today unless given."""
    values = dict(DEFAULTS)
    values.update(province_defaults(on))
    for row in Setting.select():
        if row.key not in SECRET_KEYS:
            values[row.key] = json.loads(row.value)
    return values


# What the Settings page edits, with the labels its refusals use.
DOMAIN_LABELS: dict[str, str] = {
    "home_unit_code": "Đơn vị của cơ sở dữ liệu",
    "period_rule": "Cách tính kỳ báo cáo",
    "place": "Địa danh",
    "authority": "Cơ quan ban hành",
    "signer_prefix": "Hình thức ký",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Họ tên người ký",
    "issuer_parent": "Cơ quan cấp trên",
    "issuer_name": "Cơ quan lập báo cáo",
    "report_symbol": "Ký hiệu báo cáo",
}


def save_settings(values: dict[str, Any], actor) -> dict[str, list]:
    """Save the domain settings of the Settings page in one transaction: needs
    ``settings.write``; each value is checked (the home unit must exist, the period rule be
    one of the two) and the changes go to the audit trail in one entry, old → new. Returns
    the changes ``{key: [old, new]}``."""
    current = permissions.require(actor, "settings.write")
    errors = []
    for key in values:
        if key not in DOMAIN_LABELS:
            errors.append(FieldError(key, key, "không phải cài đặt sửa được ở đây."))
    code = values.get("home_unit_code")
    if "home_unit_code" in values and unit_tree.find_unit(str(code or "")) is None:
        errors.append(
            FieldError(
                "home_unit_code",
                DOMAIN_LABELS["home_unit_code"],
                f"không có đơn vị mã “{code}”; hãy chọn trong danh sách.",
            )
        )
    rule = values.get("period_rule")
    if "period_rule" in values and rule not in (PERIOD_RULE_DECREE, PERIOD_RULE_CALENDAR):
        errors.append(
            FieldError(
                "period_rule",
                DOMAIN_LABELS["period_rule"],
                "chọn theo Nghị định 09/2019 (decree) hoặc theo tháng dương lịch (calendar).",
            )
        )
    if errors:
        raise ValidationError(errors)
    changes: dict[str, list] = {}
    with db.atomic():
        for key, value in values.items():
            old = get(key)
            if old != value:
                changes[key] = [old, value]
                _store(key, value, current.username)
        if changes:
            audit.log(
                current,
                "settings",
                table="setting",
                label=", ".join(changes),
                summary="Sửa cài đặt: " + ", ".join(DOMAIN_LABELS[key] for key in changes),
                changes=changes,
            )
    return changes


def _store(key: str, value: Any, username: str) -> None:
    payload = json.dumps(value, ensure_ascii=False)
    (
        Setting.insert(key=key, value=payload, updated_at=utcnow(), updated_by=username)
        .on_conflict(
            conflict_target=[Setting.key],
            update={
                Setting.value: payload,
                Setting.updated_at: utcnow(),
                Setting.updated_by: username,
            },
        )
        .execute()
    )


def claim_installation(location: str) -> str:
    """Make the database opened at ``location`` (machine and path) its own installation.

    A database file copied to another machine or folder becomes a new installation with a new
    id, so that edits made in the copy and in the original are never taken for one another's
    when packages are merged. Opening the same file again keeps its id.
    """
    current = get("installation_id")
    if current and get("installation_location") == location:
        return current
    if current and get("installation_location") is not None:
        current = ""  # opened somewhere else than before: a copy
    if not current:
        current = str(uuid_module.uuid4())
        put("installation_id", current, "system")
    put("installation_location", location, "system")
    return current


def installation_id() -> str:
    """A random id for this database, stamped as the origin of the records created here."""
    value = get("installation_id")
    if not value:
        value = str(uuid_module.uuid4())
        put("installation_id", value, "system")
    return value
