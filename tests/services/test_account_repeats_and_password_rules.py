"""Accounts, the second time round (services/admin/accounts.py, passwords.py): disabling a
disabled account or enabling an active one changes and records nothing, an unknown name is
said so, the demo accounts are made once, a sign-in upgrades a hash made at an older cost, and
the password rules name what is wrong."""

from __future__ import annotations

import pytest

from movement_desk.db.account_tables import AuditEntry, UserAccount
from movement_desk.services.admin import accounts, passwords
from movement_desk.services.admin.passwords import TEST_COST_ENV_VAR
from movement_desk.services.core.errors import NotFoundError, ValidationError
from tests.account_fixtures import PASSWORD


def _entries(summary: str) -> int:
    return AuditEntry.select().where(AuditEntry.summary == summary).count()


def test_disabling_a_disabled_account_again_changes_and_records_nothing(people):
    admin = people["admin"]
    accounts.disable_user("other", admin)
    first = UserAccount.get(UserAccount.username == "other")
    accounts.disable_user("other", admin)  # the same command given twice
    again = UserAccount.get(UserAccount.username == "other")
    assert again.disabled_at == first.disabled_at and again.updated_at == first.updated_at
    assert _entries("Vô hiệu hóa tài khoản") == 1


def test_enabling_an_active_account_changes_and_records_nothing(people):
    before = UserAccount.get(UserAccount.username == "other")
    accounts.enable_user("other", people["admin"])
    after = UserAccount.get(UserAccount.username == "other")
    assert (after.disabled_at, after.updated_at) == (None, before.updated_at)
    assert _entries("Kích hoạt lại tài khoản") == 0


def test_resetting_the_password_of_an_unknown_account_names_it(people):
    with pytest.raises(NotFoundError, match="^Không có tài khoản “khongco”.$"):
        accounts.require_may_reset("khongco", people["admin"])


def test_the_demo_accounts_are_made_once(database, fast_hashing):
    assert len(accounts.create_demo_accounts()) == 4
    count = UserAccount.select().count()
    assert accounts.create_demo_accounts() == []
    assert UserAccount.select().count() == count


def test_signing_in_upgrades_a_hash_made_at_an_older_cost(people, monkeypatch):
    old = UserAccount.get(UserAccount.username == "clerk").password_hash
    assert old.startswith("scrypt$1024$")
    # The cost in force went up since the account was made (as a new version may raise it).
    monkeypatch.setattr(passwords, "COST", passwords.Cost(n=2048, r=8, p=1))
    monkeypatch.delenv(TEST_COST_ENV_VAR)
    accounts.authenticate("clerk", PASSWORD)
    new = UserAccount.get(UserAccount.username == "clerk").password_hash
    assert new.startswith("scrypt$2048$") and new != old
    assert accounts.authenticate("clerk", PASSWORD).username == "clerk"


@pytest.mark.parametrize(
    ("password", "message"),
    [
        (" mat-khau-dai", "không được bắt đầu hay kết thúc bằng dấu cách."),
        ("mat-khau-dai ", "không được bắt đầu hay kết thúc bằng dấu cách."),
        ("x" * 257, "dài quá 256 ký tự."),
    ],
)
def test_a_new_password_is_refused_naming_the_rule(people, password, message):
    with pytest.raises(ValidationError) as caught:
        accounts.reset_password("clerk", password, people["admin"])
    [error] = caught.value.errors
    assert (error.field, error.message) == ("password", message)
    assert accounts.authenticate("clerk", PASSWORD).username == "clerk"
