"""Password hashes: the real cost outside tests, and the test-only cheap cost refused there."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from movement_desk.services.admin import passwords
from tests.conftest import REPO_ROOT


def test_the_program_hashes_at_owasp_scrypt_cost_when_no_test_cost_is_set(monkeypatch):
    monkeypatch.delenv(passwords.TEST_COST_ENV_VAR, raising=False)
    assert passwords.Cost(n=2**17, r=8, p=1) == passwords.COST
    stored = passwords.hash_password("mat-khau-that")
    assert stored.split("$")[1:4] == ["131072", "8", "1"]
    assert passwords.verify_password("mat-khau-that", stored)
    assert not passwords.needs_rehash(stored)


def test_the_suite_hashes_cheaply_and_old_real_hashes_still_verify(monkeypatch):
    monkeypatch.setenv(passwords.TEST_COST_ENV_VAR, "1024")
    cheap = passwords.hash_password("mat-khau-thu")
    assert cheap.split("$")[1] == "1024"
    assert passwords.verify_password("mat-khau-thu", cheap)
    assert not passwords.verify_password("mat-khau-sai", cheap)


@pytest.mark.parametrize("value", ["1000", "0", "abc"])
def test_a_test_cost_that_is_not_a_power_of_two_is_refused(monkeypatch, value):
    monkeypatch.setenv(passwords.TEST_COST_ENV_VAR, value)
    with pytest.raises((passwords.TestCostOutsideTests, ValueError)):
        passwords.hash_password("mat-khau-thu")


def test_the_program_refuses_the_test_cost_outside_pytest(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PYTEST_") and not key.startswith("MOVEMENT_DESK_")
    }
    env.update(
        {
            passwords.TEST_COST_ENV_VAR: "1024",
            "MOVEMENT_DESK_NEW_PASSWORD": "mat-khau-thu-7",
            "PYTHONPATH": str(REPO_ROOT),
            "PYTHONIOENCODING": "utf-8",
        }
    )
    result = subprocess.run(
        [sys.executable, "-m", "movement_desk.cli", "user", "add", "boss"]
        + ["--role", "administrator", "--unit", "06", "--db", str(tmp_path / "d.sqlite3")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=REPO_ROOT,
        timeout=120,
    )
    assert result.returncode == 1
    assert "chỉ dùng khi chạy bộ kiểm thử" in result.stderr
    assert "Traceback" not in result.stderr
