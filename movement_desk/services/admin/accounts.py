"""User accounts: the first administrator, signing in with slow-down after failures, password
changes, and the administrator's account management.

Passwords go through ``passwords`` (scrypt) and never reach the audit trail, the log or a
message. After ``FREE_ATTEMPTS`` wrong passwords in a row an account waits before the next
attempt is even checked: 30 s, then twice as long after each further failure, up to 15 min.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from movement_desk import vietnamese
from movement_desk.db.account_tables import UserAccount
from movement_desk.db.connection import db
from movement_desk.db.models import AdministrativeUnit, utcnow
from movement_desk.services.admin import passwords
from movement_desk.services.core import audit, permissions
from movement_desk.services.core import unit_tree as units
from movement_desk.services.core.actor import SYSTEM_ACTOR, Actor
from movement_desk.services.core.errors import (
    FieldError,
    NotFoundError,
    PermissionDenied,
    ServiceError,
    ValidationError,
)

FREE_ATTEMPTS = 3
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=15)
USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$")

USER_LABELS = {
    "username": "Tên đăng nhập",
    "password": "Mật khẩu",
    "role": "Vai trò",
    "unit_code": "Đơn vị",
    "display_name": "Họ tên",
}

# Documented in docs/roles.md: the accounts of a demo database, one per role.
DEMO_PASSWORD = "demo12345"
DEMO_ACCOUNTS = (
    ("quantri", permissions.ADMINISTRATOR, "06", "Quản trị viên (mẫu)"),
    ("lanhdao", permissions.SUPERVISOR, "06", "Lãnh đạo Phòng PV05 (mẫu)"),
    ("vanthu", permissions.CLERK, "06", "Cán bộ thi đua (mẫu)"),
    ("canbo", permissions.OFFICER, "061", "Cán bộ Công an huyện Ba Bể (mẫu)"),
)


class AuthenticationError(ServiceError):
    """Wrong name or password, a disabled account, or too many attempts."""


class TooManyAttempts(AuthenticationError):
    """The account must wait before the next attempt; ``wait_seconds`` says how long."""

    def __init__(self, message: str, wait_seconds: int):
        super().__init__(message)
        self.wait_seconds = wait_seconds


@dataclass(frozen=True)
class UserInfo:
    """An account as lists show it (no hash)."""

    username: str
    display_name: str
    role: str
    role_label: str
    unit_code: str
    unit_title: str
    disabled: bool
    last_login_at: datetime | None
    locked_until: datetime | None


def username_key(username: str) -> str:
    return vietnamese.nfc(username).strip().casefold()


def has_accounts() -> bool:
    """True once the database has any account: from then on, everyone signs in."""
    return UserAccount.select().exists()


def actor_for(account: UserAccount) -> Actor:
    return Actor(
        username=account.username,
        role=account.role,
        unit_code=account.unit.code,
        display_name=account.display_name,
        user_id=account.id,
    )


def usernames() -> list[str]:
    """Every account's name, in order (to filter the audit trail by person)."""
    return [
        row.username
        for row in UserAccount.select(UserAccount.username).order_by(UserAccount.username_key)
    ]


def active_usernames() -> set[str]:
    """The names of the accounts that may sign in (whose drafts are not orphans)."""
    return {
        row.username
        for row in UserAccount.select(UserAccount.username).where(UserAccount.disabled_at.is_null())
    }


def find_account(username: str) -> UserAccount | None:
    return UserAccount.get_or_none(UserAccount.username_key == username_key(username))


def get_account(username: str) -> UserAccount:
    account = find_account(username)
    if account is None:
        raise NotFoundError(f"Không có tài khoản “{username}”.")
    return account


def _clean_new_user(username: str, password: str, role: str, unit_code: str, display_name: str):
    errors: list[FieldError] = []
    name = vietnamese.nfc(username or "").strip()
    if not USERNAME_PATTERN.match(name):
        errors.append(
            FieldError(
                "username",
                USER_LABELS["username"],
                "dùng 3–40 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.",
            )
        )
    elif find_account(name) is not None:
        errors.append(FieldError("username", USER_LABELS["username"], f"đã có tài khoản “{name}”."))
    if role not in permissions.ROLES:
        errors.append(
            FieldError(
                "role",
                USER_LABELS["role"],
                f"“{role}” không phải vai trò; chọn một trong: {', '.join(permissions.ROLES)}.",
            )
        )
    unit = units.find_unit(unit_code or "")
    if unit is None:
        errors.append(
            FieldError("unit_code", USER_LABELS["unit_code"], f"không có đơn vị mã “{unit_code}”.")
        )
    problem = passwords.password_problem(password or "", name)
    if problem:
        errors.append(FieldError("password", USER_LABELS["password"], problem))
    if errors:
        raise ValidationError(errors)
    return name, unit, vietnamese.nfc(display_name or "").strip()


def create_user(
    username: str,
    password: str,
    role: str,
    unit_code: str,
    actor: Actor | None,
    *,
    display_name: str = "",
) -> UserAccount:
    """Create an account. On a database with no account, only an administrator can be
    created, by anyone (the first start); afterwards only an administrator creates accounts,
    for units in their scope."""
    with db.atomic():
        first = not has_accounts()
        if first:
            if role != permissions.ADMINISTRATOR:
                raise PermissionDenied(
                    "Cơ sở dữ liệu chưa có tài khoản nào: tài khoản đầu tiên phải là quản trị "
                    "viên (vai trò administrator)."
                )
        else:
            if actor is None:
                raise PermissionDenied("Hãy đăng nhập bằng tài khoản quản trị để tạo tài khoản.")
            permissions.require(actor, "user.manage", units.find_unit(unit_code or "") or None)
        name, unit, display = _clean_new_user(username, password, role, unit_code, display_name)
        now = utcnow()
        by = name if first else actor.username
        account = UserAccount.create(
            username=name,
            username_key=username_key(name),
            display_name=display,
            role=role,
            unit=unit,
            password_hash=passwords.hash_password(password),
            password_changed_at=now,
            created_at=now,
            created_by=by,
            updated_at=now,
            updated_by=by,
        )
        audit.log(
            by,
            "user",
            table="user_account",
            uuid=name,
            label=name,
            unit_id=unit.id,
            summary=("Tạo quản trị viên đầu tiên" if first else "Tạo tài khoản"),
            changes={
                "username": [None, name],
                "role": [None, role],
                "unit": [None, unit.code],
                **({"display_name": [None, display]} if display else {}),
            },
        )
    return account


def create_first_admin(
    username: str, password: str, unit_code: str, *, display_name: str = ""
) -> UserAccount:
    if has_accounts():
        raise PermissionDenied("Cơ sở dữ liệu đã có tài khoản quản trị; hãy đăng nhập.")
    return create_user(
        username, password, permissions.ADMINISTRATOR, unit_code, None, display_name=display_name
    )


# ---------------------------------------------------------------------------------------------
# Signing in


def _delay_after(failures: int) -> timedelta:
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    delay = FIRST_DELAY * (2 ** (failures - FREE_ATTEMPTS))
    return min(delay, MAX_DELAY)


_DUMMY_HASH: str | None = None


def _burn_time(password: str) -> None:
    """Spend what a real check costs, so an unknown name answers as slowly as a known one."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = passwords.hash_password("not-a-password")
    passwords.verify_password(password, _DUMMY_HASH)


def _wait_message(seconds: int) -> str:
    return (
        f"Đã nhập sai mật khẩu nhiều lần; hãy thử lại sau {seconds} giây "
        "(hoặc nhờ quản trị viên đặt lại mật khẩu)."
    )


def _take_attempt(account_id: int, now: datetime) -> tuple[UserAccount, int | None]:
    """Count one attempt against the account before its password is checked.

    One IMMEDIATE transaction reads the failed-attempt count and the wait and writes the
    attempt as a failure (a right password clears it afterwards), so parallel attempts are
    counted one after another and none of them checks a password the wait forbids. Returns
    the account as it stood and, while it must wait, the seconds left (nothing counted)."""
    with db.atomic("IMMEDIATE"):
        account = UserAccount.get_by_id(account_id)
        if account.locked_until is not None and account.locked_until > now:
            seconds = int((account.locked_until - now).total_seconds()) + 1
            audit.log(
                account.username,
                "login_failed",
                table="user_account",
                uuid=account.username,
                unit_id=account.unit_id,
                summary=f"Từ chối: đang chờ {seconds} giây sau nhiều lần sai",
            )
            return account, seconds
        failures = account.failed_attempts + 1
        delay = _delay_after(failures)
        UserAccount.update(
            failed_attempts=failures,
            last_failed_at=now,
            locked_until=now + delay if delay else None,
        ).where(UserAccount.id == account.id).execute()
    return account, None


def authenticate(username: str, password: str, *, now: datetime | None = None) -> Actor:
    """Check a name and password; the actor on success. Every attempt is in the audit trail.

    The attempt is counted before the password hash is computed (``_take_attempt``), so N
    parallel attempts count N. Raises TooManyAttempts while the account waits after repeated
    failures (the password is not even checked then), AuthenticationError otherwise. A
    disabled account hears the same refusal as a wrong password, so a refusal never
    confirms a password.
    """
    now = now or utcnow()
    name = vietnamese.nfc(username or "").strip()
    wrong = AuthenticationError("Sai tên đăng nhập hoặc mật khẩu.")
    account = find_account(name) if name else None
    if account is None:
        _burn_time(password or "")
        with db.atomic():
            audit.log(name or "?", "login_failed", summary="Tên đăng nhập không tồn tại")
        raise wrong
    account, waiting = _take_attempt(account.id, now)
    if waiting is not None:
        raise TooManyAttempts(_wait_message(waiting), waiting)
    failures = account.failed_attempts + 1
    delay = _delay_after(failures)
    right = passwords.verify_password(password or "", account.password_hash)
    if not right or account.is_disabled:
        with db.atomic():
            audit.log(
                account.username,
                "login_failed",
                table="user_account",
                uuid=account.username,
                unit_id=account.unit_id,
                summary=(
                    "Tài khoản đã bị vô hiệu hóa"
                    if account.is_disabled
                    else f"Sai mật khẩu (lần {failures} liên tiếp)"
                ),
            )
        if delay:
            raise TooManyAttempts(
                "Sai tên đăng nhập hoặc mật khẩu. " + _wait_message(int(delay.total_seconds())),
                int(delay.total_seconds()),
            )
        raise wrong
    with db.atomic():
        values = {"failed_attempts": 0, "locked_until": None, "last_login_at": now}
        if passwords.needs_rehash(account.password_hash):
            values["password_hash"] = passwords.hash_password(password)
        UserAccount.update(**values).where(UserAccount.id == account.id).execute()
        audit.log(
            account.username,
            "login",
            table="user_account",
            uuid=account.username,
            unit_id=account.unit_id,
        )
    return actor_for(get_account(account.username))


# ---------------------------------------------------------------------------------------------
# Passwords and management


def _set_password(account: UserAccount, new_password: str, by: str) -> None:
    problem = passwords.password_problem(new_password or "", account.username)
    if problem:
        raise ValidationError([FieldError("password", USER_LABELS["password"], problem)])
    now = utcnow()
    UserAccount.update(
        password_hash=passwords.hash_password(new_password),
        password_changed_at=now,
        failed_attempts=0,
        locked_until=None,
        updated_at=now,
        updated_by=by,
    ).where(UserAccount.id == account.id).execute()


def change_own_password(actor: Actor, old_password: str, new_password: str) -> None:
    """A user changes their own password; the old one must be right."""
    current = permissions.effective(actor)
    account = get_account(current.username)
    if not passwords.verify_password(old_password or "", account.password_hash):
        with db.atomic():
            audit.log(
                current,
                "login_failed",
                table="user_account",
                uuid=account.username,
                unit_id=account.unit_id,
                summary="Sai mật khẩu cũ khi đổi mật khẩu",
            )
        raise AuthenticationError("Mật khẩu hiện tại không đúng.")
    with db.atomic():
        _set_password(account, new_password, current.username)
        _log_account(
            current,
            "user",
            account,
            summary="Tự đổi mật khẩu",
        )


def require_may_create(unit_code: str, actor: Actor) -> None:
    """Refuse before anything is asked (the new password) when ``actor`` may not create an
    account in ``unit_code``; ``create_user`` checks again inside its transaction."""
    permissions.require(actor, "user.manage", units.find_unit(unit_code or "") or None)


def require_may_reset(username: str, actor: Actor) -> None:
    """Refuse before the new password is asked when ``actor`` may not manage ``username``."""
    _managed_account(username, actor)


def _managed_account(username: str, actor: Actor) -> tuple[UserAccount, Actor]:
    account = get_account(username)
    current = permissions.require(actor, "user.manage", account.unit_id)
    return account, current


def reset_password(username: str, new_password: str, actor: Actor) -> None:
    """An administrator sets a new password (and lifts the wait after failures)."""
    with db.atomic():
        account, current = _managed_account(username, actor)
        _set_password(account, new_password, current.username)
        _log_account(
            current,
            "user",
            account,
            summary="Đặt lại mật khẩu",
        )


def _active_admins_except(account_id: int) -> int:
    return (
        UserAccount.select()
        .where(
            (UserAccount.role == permissions.ADMINISTRATOR)
            & UserAccount.disabled_at.is_null()
            & (UserAccount.id != account_id)
        )
        .count()
    )


def _log_account(actor, action: str, account: UserAccount, **details) -> None:
    """An audit entry about ``account`` (its name stands for the record)."""
    audit.log(
        actor,
        action,
        table="user_account",
        uuid=account.username,
        label=account.username,
        unit_id=account.unit_id,
        **details,
    )


def disable_user(username: str, actor: Actor) -> UserAccount:
    """Stop an account from signing in or acting; its history stays."""
    with db.atomic():
        account, current = _managed_account(username, actor)
        if account.is_disabled:
            return account
        if account.role == permissions.ADMINISTRATOR and not _active_admins_except(account.id):
            raise ServiceError(
                "Không thể vô hiệu hóa quản trị viên cuối cùng; hãy tạo quản trị viên khác trước."
            )
        now = utcnow()
        account.disabled_at = now
        account.updated_at = now
        account.updated_by = current.username
        account.save()
        _log_account(
            current,
            "user",
            account,
            summary="Vô hiệu hóa tài khoản",
            changes={"disabled": [False, True]},
        )
    return account


def enable_user(username: str, actor: Actor) -> UserAccount:
    with db.atomic():
        account, current = _managed_account(username, actor)
        if not account.is_disabled:
            return account
        account.disabled_at = None
        account.failed_attempts = 0
        account.locked_until = None
        account.updated_at = utcnow()
        account.updated_by = current.username
        account.save()
        _log_account(
            current,
            "user",
            account,
            summary="Kích hoạt lại tài khoản",
            changes={"disabled": [True, False]},
        )
    return account


def update_user(
    username: str,
    actor: Actor,
    *,
    role: str | None = None,
    unit_code: str | None = None,
    display_name: str | None = None,
) -> UserAccount:
    """Change an account's role, unit or name (never its password: see reset_password)."""
    with db.atomic():
        account, current = _managed_account(username, actor)
        changes: dict[str, list] = {}
        if role is not None and role != account.role:
            if role not in permissions.ROLES:
                raise ValidationError(
                    [FieldError("role", USER_LABELS["role"], f"“{role}” không phải vai trò.")]
                )
            if account.role == permissions.ADMINISTRATOR and not _active_admins_except(account.id):
                raise ServiceError("Không thể đổi vai trò của quản trị viên cuối cùng.")
            changes["role"] = [account.role, role]
            account.role = role
        if unit_code is not None and unit_code != account.unit.code:
            unit = units.find_unit(unit_code)
            if unit is None:
                raise ValidationError(
                    [
                        FieldError(
                            "unit_code",
                            USER_LABELS["unit_code"],
                            f"không có đơn vị mã “{unit_code}”.",
                        )
                    ]
                )
            permissions.require(current, "user.manage", unit)
            changes["unit"] = [account.unit.code, unit.code]
            account.unit = unit
        if (
            display_name is not None
            and vietnamese.nfc(display_name).strip() != account.display_name
        ):
            new_name = vietnamese.nfc(display_name).strip()
            changes["display_name"] = [account.display_name, new_name]
            account.display_name = new_name
        if changes:
            account.updated_at = utcnow()
            account.updated_by = current.username
            account.save()
            _log_account(
                current,
                "user",
                account,
                summary="Sửa tài khoản",
                changes=changes,
            )
    return account


def list_users(actor: Actor) -> list[UserInfo]:
    """The accounts of units in the administrator's scope, by name."""
    current = permissions.require(actor, "user.manage")
    allowed = permissions.visible_unit_ids(current)
    query = UserAccount.select(UserAccount, AdministrativeUnit).join(AdministrativeUnit)
    if allowed is not None:
        query = query.where(UserAccount.unit.in_(list(allowed)))
    return [
        UserInfo(
            username=a.username,
            display_name=a.display_name,
            role=a.role,
            role_label=permissions.role_label(a.role),
            unit_code=a.unit.code,
            unit_title=a.unit.title,
            disabled=a.is_disabled,
            last_login_at=a.last_login_at,
            locked_until=a.locked_until,
        )
        for a in query.order_by(UserAccount.username_key)
    ]


def create_demo_accounts(password: str = DEMO_PASSWORD) -> list[str]:
    """One account per role for a demo database (docs/roles.md lists them); skips existing."""
    created = []
    with db.atomic():
        for username, role, unit_code, display in DEMO_ACCOUNTS:
            if find_account(username) is not None or units.find_unit(unit_code) is None:
                continue
            if not has_accounts():
                create_first_admin(username, password, unit_code, display_name=display)
            else:
                create_user(username, password, role, unit_code, SYSTEM_ACTOR, display_name=display)
            created.append(username)
    return created
