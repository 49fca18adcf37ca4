"""Password hashing with scrypt (hashlib): salted, slow, memory-hard; never stored in clear.

A stored hash reads ``scrypt$N$r$p$salt$hash`` (salt and hash in base64), so the cost can be
raised later and old hashes still verify. ``COST`` follows OWASP's scrypt minimum (N=2^17,
r=8, p=1): about 0.3 s and 128 MiB per attempt.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

from movement_desk.services.core.errors import ServiceError


@dataclass(frozen=True)
class Cost:
    n: int = 2**17
    r: int = 8
    p: int = 1


COST = Cost()
# The test suite sets a cheap cost for itself and the command-line subprocesses it starts (a
# real hash is 0,3 s a sign-in); the program refuses it anywhere pytest is not running.
TEST_COST_ENV_VAR = "MOVEMENT_DESK_TEST_HASH_COST"
SALT_BYTES = 16
KEY_BYTES = 32
MIN_LENGTH = 8
MAX_LENGTH = 256


def _derive(password: str, salt: bytes, cost: Cost) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=cost.n,
        r=cost.r,
        p=cost.p,
        maxmem=256 * cost.n * cost.r + 16 * 1024 * 1024,
        dklen=KEY_BYTES,
    )


class TestCostOutsideTests(ServiceError):
    """The test-only hash cost was asked for outside the test suite."""


def cost_in_force() -> Cost:
    """``COST``, or the cheap cost of ``$MOVEMENT_DESK_TEST_HASH_COST`` under pytest."""
    requested = os.environ.get(TEST_COST_ENV_VAR)
    if not requested:
        return COST
    if not (os.environ.get("PYTEST_VERSION") or os.environ.get("PYTEST_CURRENT_TEST")):
        raise TestCostOutsideTests(
            f"Biến môi trường {TEST_COST_ENV_VAR} chỉ dùng khi chạy bộ kiểm thử; mật khẩu không "
            "được băm với chi phí thấp. Hãy bỏ biến này rồi chạy lại."
        )
    n = int(requested)
    if n < 2 or n & (n - 1) or n > COST.n:
        raise TestCostOutsideTests(f"{TEST_COST_ENV_VAR}={requested}: cần lũy thừa của 2.")
    return Cost(n=n, r=COST.r, p=COST.p)


def hash_password(password: str, cost: Cost | None = None) -> str:
    cost = cost or cost_in_force()
    salt = os.urandom(SALT_BYTES)
    key = _derive(password, salt, cost)
    return "$".join(
        [
            "scrypt",
            str(cost.n),
            str(cost.r),
            str(cost.p),
            base64.b64encode(salt).decode("ascii"),
            base64.b64encode(key).decode("ascii"),
        ]
    )


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored``; compares in constant time."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(key)
        actual = _derive(password, base64.b64decode(salt), Cost(int(n), int(r), int(p)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(stored: str) -> bool:
    try:
        _scheme, n, r, p, _salt, _key = stored.split("$")
        return Cost(int(n), int(r), int(p)) != cost_in_force()
    except ValueError:
        return True


def password_problem(password: str, username: str = "") -> str | None:
    """Why ``password`` is not acceptable, or None; the message follows the field's name
    ("Mật khẩu: cần ít nhất 8 ký tự."), so it does not repeat it."""
    if len(password) < MIN_LENGTH:
        return f"cần ít nhất {MIN_LENGTH} ký tự."
    if len(password) > MAX_LENGTH:
        return f"dài quá {MAX_LENGTH} ký tự."
    if username and password.casefold() == username.casefold():
        return "không được trùng tên đăng nhập."
    if password.strip() != password:
        return "không được bắt đầu hay kết thúc bằng dấu cách."
    return None
