#!/usr/bin/env python3
"""The commendations import as the user waits for it, beside the bare work.

    python benchmarks/bench_import_commendations.py [--db STRESS] [--runs 5]
                                                    [--decisions 500] [--per-decision 20]

``import commendations FILE`` runs as its own process (``python -m movement_desk.cli …``:
start-up, sign-in at the program's password cost, the check of every row, the backup before
the write, the write, the backup on close) beside its bare baseline (``benchmarks/
bare_commands.py commendations``: csv → executemany of the same decisions and recipients into
the same tables, keys folded, the full-text and change-marker triggers firing), alternating
the two, ``--runs`` times each after one untimed warm-up, each run on a fresh copy of the same
database; the medians and their ratio are printed.

The file holds ``--decisions`` new decisions of ``--per-decision`` recipients each (10.000
recipients by default), taken from the stress database's own decisions and recipients (real
units, dates and choices) under new decision numbers. Run by hand; not a test.
"""

from __future__ import annotations

import argparse
import csv
import os
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_commands import (  # noqa: E402
    WORK,
    FreshCopy,
    _admin_account,
    bare,
    ours,
    paired,
    password_hash_seconds,
)
from benchmarks.common import stress_database  # noqa: E402

COLUMNS = [
    "decision_number", "decision_date", "form", "authority", "signer_title", "signer_name",
    "place", "recipient_kind", "recipient_name", "recipient_position", "recipient_unit",
    "achievement", "register_number", "unit_code",
]  # fmt: skip


def commendations_file(base: Path, decisions: int, per_decision: int) -> Path:
    """``decisions`` new decisions of ``per_decision`` recipients each, in the import's CSV
    columns: the stored decisions' recipients under new numbers."""
    from movement_desk.db.choices import CommendationForm, RecipientKind

    path = WORK / f"commendations-{decisions}x{per_decision}.csv"
    if path.exists():
        return path
    forms = {c.value: c.label for c in CommendationForm}
    kinds = {k.value: k.label for k in RecipientKind}
    connection = sqlite3.connect(base)
    chosen = connection.execute(
        """SELECT d.id FROM decision d WHERE d.deleted_at IS NULL AND d.form != 'danh_hieu'
           AND (SELECT count(*) FROM commendation c WHERE c.decision_id = d.id
                AND c.deleted_at IS NULL) >= ? ORDER BY d.id LIMIT ?""",
        (per_decision, decisions),
    ).fetchall()
    if len(chosen) < decisions:
        raise SystemExit(f"only {len(chosen)} decisions of {per_decision} recipients or more")
    WORK.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for index, (decision_id,) in enumerate(chosen):
            rows = connection.execute(
                """SELECT d.number, d.decided_on, d.form, d.authority, d.signer_prefix,
                          d.signer_title, d.signer_name, d.place, c.recipient_kind,
                          c.recipient_name, c.recipient_position, c.recipient_unit,
                          coalesce(nullif(c.achievement, ''), d.achievement), c.register_number,
                          u.code
                   FROM commendation c JOIN decision d ON d.id = c.decision_id
                   JOIN admin_unit u ON u.id = c.unit_id
                   WHERE c.decision_id = ? AND c.deleted_at IS NULL
                   ORDER BY c.position, c.id LIMIT ?""",
                (decision_id, per_decision),
            ).fetchall()
            for row in rows:
                number, day, form, authority, prefix, title, signer, place, kind, *rest = row
                writer.writerow(
                    [f"{number}-N{index + 1}", f"{day[8:10]}/{day[5:7]}/{day[:4]}",
                     forms[form], authority, f"{prefix} {title}".strip(), signer, place,
                     kinds[kind], *rest]
                )  # fmt: skip
    connection.close()
    return path


def _base(stress: Path) -> Path:
    """The stress data, migrated, with the administrator at the program's password cost."""
    from benchmarks.common import copy_database
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin.bootstrap import prepare_database

    base = WORK / "commendations-base.sqlite3"
    if base.exists():
        return base
    copy_database(stress, base)
    prepare_database(base)
    _admin_account()
    close_database()
    return base


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="the stress database (default: built/cached)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--decisions", type=int, default=500)
    parser.add_argument("--per-decision", type=int, default=20)
    args = parser.parse_args(argv)
    # This process's keys in the same place as the commands it starts (as bench_commands
    # does): the fresh copy's signing key is then the one the command finds, and the command
    # writes no key of its own (which would also change the data and force a backup).
    os.environ["XDG_DATA_HOME"] = str(WORK / "data")
    os.environ["XDG_CONFIG_HOME"] = str(WORK / "config")
    stress = args.db or stress_database()
    base = _base(stress)
    data = commendations_file(base, args.decisions, args.per_decision)
    run_db = WORK / "commendations-run.sqlite3"
    fresh = FreshCopy(base, run_db)
    rows = args.decisions * args.per_decision
    print(f"import commendations: {rows} recipients in {args.decisions} decisions", flush=True)
    result = paired(
        f"import commendations, {rows} rows",
        ours("import", "commendations", str(data), db=run_db),
        bare("commendations", {"db": str(run_db), "file": str(data)}),
        args.runs,
        before_each=fresh,
        observe=fresh.backups_written,
    )
    hash_s, _hash_cpu = password_hash_seconds(base, args.runs)
    print(f"  one password check (scrypt): {hash_s:.2f} s")
    print(
        "\n| command | ours | bare work | ratio | ratio without the password hash |\n"
        "|---|---|---|---|---|\n"
        f"| `import commendations` {rows} rows ({args.decisions} decisions) | "
        f"{result.ours_s:.2f} s | {result.bare_s:.2f} s | {result.ours_s / result.bare_s:.2f}× | "
        f"{(result.ours_s - hash_s) / result.bare_s:.2f}× |"
    )


if __name__ == "__main__":
    main()
