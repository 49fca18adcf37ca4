"""Accounts: the first administrator, hashing, slowing down after failures, password changes,
disabling; the password never reaches the database file."""

from __future__ import annotations

from datetime import timedelta

import pytest

from movement_desk.db.account_tables import AuditEntry, UserAccount
from movement_desk.db.connection import close_database
from movement_desk.db.models import utcnow
from movement_desk.services.admin import accounts, passwords
from movement_desk.services.core.errors import PermissionDenied, ServiceError, ValidationError
from tests import server_backend
from tests.account_fixtures import PASSWORD


def test_the_first_account_must_be_an_administrator(database, fast_hashing):
    assert not accounts.has_accounts()
    with pytest.raises(PermissionDenied, match="quản trị"):
        accounts.create_user("canbo", PASSWORD, "officer", "061", None)
    accounts.create_first_admin("quantri", PASSWORD, "06", display_name="Nguyễn Văn Quản")
    assert accounts.has_accounts()
    with pytest.raises(PermissionDenied):
        accounts.create_first_admin("second", PASSWORD, "06")
    with pytest.raises(PermissionDenied):
        accounts.create_user("canbo", PASSWORD, "officer", "061", None)
    entry = AuditEntry.get(AuditEntry.action == "user")
    assert entry.username == "quantri" and "đầu tiên" in entry.summary


@pytest.mark.parametrize(
    ("username", "password", "role", "unit", "field", "message"),
    [
        ("a", PASSWORD, "officer", "061", "username", "3–40"),
        ("có dấu", PASSWORD, "officer", "061", "username", "không dấu"),
        ("admin", PASSWORD, "officer", "061", "username", "đã có"),
        ("ADMIN", PASSWORD, "officer", "061", "username", "đã có"),
        ("newone", "short", "officer", "061", "password", "ít nhất 8"),
        ("newone", "newone", "officer", "061", "password", "ít nhất 8"),
        ("longname", "longname", "officer", "061", "password", "trùng tên"),
        ("newone", PASSWORD, "chief", "061", "role", "không phải vai trò"),
        ("newone", PASSWORD, "officer", "99999", "unit_code", "99999"),
    ],
)
def test_bad_accounts_name_the_field(people, username, password, role, unit, field, message):
    with pytest.raises(ValidationError) as caught:
        accounts.create_user(username, password, role, unit, people["admin"])
    assert any(message in e.message for e in caught.value.for_field(field))


def test_passwords_are_salted_slow_hashes(monkeypatch):
    monkeypatch.delenv(passwords.TEST_COST_ENV_VAR)  # the program's own cost, not the suite's
    first, second = passwords.hash_password(PASSWORD), passwords.hash_password(PASSWORD)
    assert first != second  # salted
    assert first.startswith("scrypt$131072$8$1$")  # OWASP's scrypt minimum by default
    assert PASSWORD not in first
    assert passwords.verify_password(PASSWORD, first)
    assert not passwords.verify_password(PASSWORD + "x", first)
    assert not passwords.verify_password(PASSWORD, "garbage")


def test_sign_in_gives_the_account_as_actor_and_is_audited(people):
    actor = accounts.authenticate("Officer", PASSWORD)  # names ignore case
    assert (actor.username, actor.role, actor.unit_code) == ("officer", "officer", "01888")
    with pytest.raises(accounts.AuthenticationError, match="Sai tên đăng nhập hoặc mật khẩu"):
        accounts.authenticate("officer", "wrong-password")
    with pytest.raises(accounts.AuthenticationError, match="Sai tên đăng nhập hoặc mật khẩu"):
        accounts.authenticate("nobody", PASSWORD)
    kinds = [(e.username, e.action) for e in AuditEntry.select().order_by(AuditEntry.id)][-3:]
    assert kinds == [("officer", "login"), ("officer", "login_failed"), ("nobody", "login_failed")]


def test_repeated_failures_slow_further_attempts(people):
    start = utcnow()
    for attempt in range(1, accounts.FREE_ATTEMPTS):
        with pytest.raises(accounts.AuthenticationError) as caught:
            accounts.authenticate("clerk", "wrong", now=start)
        assert not isinstance(caught.value, accounts.TooManyAttempts), attempt
    with pytest.raises(accounts.TooManyAttempts) as caught:
        accounts.authenticate("clerk", "wrong", now=start)
    assert caught.value.wait_seconds == 30
    # While waiting, even the right password is refused without being checked.
    with pytest.raises(accounts.TooManyAttempts, match="thử lại sau"):
        accounts.authenticate("clerk", PASSWORD, now=start + timedelta(seconds=10))
    # Each further failure doubles the wait, up to 15 minutes.
    later = start + timedelta(seconds=31)
    with pytest.raises(accounts.TooManyAttempts) as caught:
        accounts.authenticate("clerk", "wrong", now=later)
    assert caught.value.wait_seconds == 60
    for _ in range(10):
        later += timedelta(hours=1)
        with pytest.raises(accounts.TooManyAttempts) as caught:
            accounts.authenticate("clerk", "wrong", now=later)
    assert caught.value.wait_seconds == 15 * 60
    # After the wait, the right password works and the count starts again.
    later += timedelta(minutes=16)
    assert accounts.authenticate("clerk", PASSWORD, now=later).username == "clerk"
    assert UserAccount.get(UserAccount.username == "clerk").failed_attempts == 0


def test_an_administrator_reset_lifts_the_wait(people):
    for _ in range(accounts.FREE_ATTEMPTS):
        with pytest.raises(accounts.AuthenticationError):
            accounts.authenticate("lead", "wrong")
    accounts.reset_password("lead", "mat-khau-moi-1", people["admin"])
    assert accounts.authenticate("lead", "mat-khau-moi-1").username == "lead"


def test_users_change_their_own_password(people):
    officer = people["officer"]
    with pytest.raises(accounts.AuthenticationError, match="hiện tại không đúng"):
        accounts.change_own_password(officer, "not-it", "mat-khau-moi-2")
    with pytest.raises(ValidationError, match="ít nhất"):
        accounts.change_own_password(officer, PASSWORD, "short")
    accounts.change_own_password(officer, PASSWORD, "mat-khau-moi-2")
    with pytest.raises(accounts.AuthenticationError):
        accounts.authenticate("officer", PASSWORD)
    assert accounts.authenticate("officer", "mat-khau-moi-2").username == "officer"
    with pytest.raises(PermissionDenied):
        accounts.reset_password("clerk", "mat-khau-moi-3", officer)


def test_the_last_administrator_cannot_be_disabled_or_demoted(people):
    admin = people["admin"]
    with pytest.raises(ServiceError, match="cuối cùng"):
        accounts.disable_user("admin", admin)
    with pytest.raises(ServiceError, match="cuối cùng"):
        accounts.update_user("admin", admin, role="officer")
    accounts.disable_user("other", admin)
    assert [u.disabled for u in accounts.list_users(admin) if u.username == "other"] == [True]
    accounts.enable_user("other", admin)
    assert accounts.authenticate("other", PASSWORD).username == "other"


def test_role_and_unit_changes_are_audited_with_old_and_new(people):
    accounts.update_user("officer", people["admin"], role="clerk", unit_code="061")
    entry = AuditEntry.select().where(AuditEntry.summary == "Sửa tài khoản").get()
    assert '"role": ["officer", "clerk"]' in entry.changes
    assert '"unit": ["01888", "061"]' in entry.changes


def test_the_password_never_reaches_the_database_file(people, db_path):
    accounts.change_own_password(people["clerk"], PASSWORD, "Bi-mat-rieng-9")
    with pytest.raises(accounts.AuthenticationError):
        accounts.authenticate("clerk", "Sai-mat-khau-8")
    if server_backend.on_server():  # every row of every table, as the server stores them
        content = server_backend.dump(db_path).encode()
    else:
        close_database()
        files = [db_path, db_path.with_name(db_path.name + "-wal")]
        content = b"".join(path.read_bytes() for path in files if path.exists())
    for secret in (PASSWORD, "Bi-mat-rieng-9", "Sai-mat-khau-8"):
        assert secret.encode() not in content
        assert secret.encode("utf-16-le") not in content
    assert b"scrypt$" in content  # the hashes are there


def test_demo_accounts_one_per_role(database, fast_hashing):
    created = accounts.create_demo_accounts()
    assert created == ["quantri", "lanhdao", "vanthu", "canbo"]
    roles = {name: accounts.authenticate(name, accounts.DEMO_PASSWORD).role for name in created}
    assert roles == {
        "quantri": "administrator",
        "lanhdao": "supervisor",
        "vanthu": "clerk",
        "canbo": "officer",
    }
