"""What the accounts feature costs per write, and the cost of a sign-in.

Run by hand: ``python benchmarks/bench_accounts.py``. Saves N sessions one transaction
each through the services (permission checks, period-lock check, audit entry) as a signed-in
officer, and the same rows as plain peewee inserts with the foundation's stamps and no checks
(the baseline, measured in the same run); prints both, the ratio, and a scrypt sign-in.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from movement_desk.db.connection import close_database, db  # noqa: E402
from movement_desk.db.models import ActivitySession  # noqa: E402
from movement_desk.services.admin import accounts  # noqa: E402
from movement_desk.services.admin.bootstrap import prepare_database  # noqa: E402
from movement_desk.services.records import sessions
from movement_desk.services.records import store as records  # noqa: E402

N = 500


def raw(number: int, title: str) -> dict:
    return {
        "date": "05/03/2024",
        "unit_code": "01888",
        "kind": "launch",
        "organizer_kind": "police",
        "title": f"{title} {number}",
        "participants": str(number),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        prepare_database(Path(folder) / "bench.sqlite3")
        accounts.create_first_admin("admin", "mat-khau-thu-7", "06")
        admin = accounts.authenticate("admin", "mat-khau-thu-7")
        accounts.create_user("officer", "mat-khau-thu-7", "officer", "01888", admin)
        started = time.perf_counter()
        officer = accounts.authenticate("officer", "mat-khau-thu-7")
        sign_in = time.perf_counter() - started

        started = time.perf_counter()
        for number in range(N):
            values = sessions.clean_session(raw(number, "Cơ sở"))
            with db.atomic():
                record = ActivitySession(**values)
                records.stamp_new(record, officer)
                record.save(force_insert=True)
        baseline = time.perf_counter() - started

        started = time.perf_counter()
        for number in range(N):
            sessions.create_session(raw(number, "Dịch vụ"), officer)
        ours = time.perf_counter() - started
        close_database()
    print(f"sign-in (scrypt N=2^17): {sign_in * 1000:.0f} ms")
    print(
        f"baseline: {N} plain inserts: {baseline * 1000:.0f} ms ({baseline / N * 1000:.2f} ms each)"
    )
    print(
        f"ours: {N} checked+audited creates: {ours * 1000:.0f} ms ({ours / N * 1000:.2f} ms each)"
    )
    print(f"ratio: {ours / baseline:.2f}")


if __name__ == "__main__":
    main()
