#!/usr/bin/env python3
"""Whole commands as the user waits for them, beside the bare work, and how the lists grow.

    python benchmarks/bench_commands.py [--db STRESS] [--runs 5] [--package] [--million]
                                        [--only certificates,report,...] [--no-growth]

Each command runs as its own process (``python -m movement_desk.cli …``: start-up, sign-in at
the program's password cost, the work, the backup on close) beside its bare baseline
(``benchmarks/bare_commands.py``: the same rows, pages and statements with nothing but the
libraries), alternating the two, ``--runs`` times each after one untimed warm-up; the medians
and their ratio are printed. The password hash is a deliberate cost: one scrypt verification
at the program's cost is measured in the same run and subtracted for the second ratio.
Commands that write start every run from a fresh copy of the same database, whose newest
backup already holds it (as after the previous command of a working day).

The growth part times the report, the first page of the sessions list, a search and the sort
by title at 10.000 and 130.000 sessions (1.000.000 with ``--million``; built once under
benchmarks/out/, the million in about ten minutes) and prints how each grows.

Prints Markdown tables the README takes as they are.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.common import (  # noqa: E402
    OUT_DIR,
    copy_database,
    median_time,
    stress_database,
)

WORK = OUT_DIR / "commands"
BARE = ROOT / "benchmarks" / "bare_commands.py"
FONTS = ROOT / "resources" / "fonts"
USER, PASSWORD = "quantri", "demo12345"
DECISION_NUMBER = "500/QĐ-BENCH"
RECIPIENTS = 500
IMPORT_ROWS = 10_000
GROWTH_SIZES = {"10k": 10_000, "130k": 130_000, "1M": 1_000_000}
COMMANDS = ("certificates", "report", "export", "import", "package", "window")


@dataclass
class Result:
    name: str
    ours: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)
    note: str = ""
    ours_mib: list[float] = field(default_factory=list)
    bare_mib: list[float] = field(default_factory=list)
    # Processor seconds (user + system): less disturbed than wall time by other work on a
    # shared machine, so their ratio is printed beside.
    ours_cpu: list[float] = field(default_factory=list)
    bare_cpu: list[float] = field(default_factory=list)

    @property
    def ours_s(self) -> float:
        return statistics.median(self.ours)

    @property
    def bare_s(self) -> float:
        return statistics.median(self.bare)


# ---------------------------------------------------------------------------------------------
# Processes


def _environment(**extra: str) -> dict:
    # An installed program runs from compiled bytecode (pip compiles it): a shell that forbids
    # writing it would have every timed process compile the whole program again.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MOVEMENT_DESK_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(
        PYTHONPATH=str(ROOT),
        PYTHONIOENCODING="utf-8",
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(WORK / "config"),
        XDG_DATA_HOME=str(WORK / "data"),
        MOVEMENT_DESK_USER=USER,
        MOVEMENT_DESK_PASSWORD=PASSWORD,
    )
    env.update(extra)
    return env


_last_peak_mib = 0.0  # peak resident memory of the last process timed
_last_cpu_s = 0.0  # processor seconds of the last process timed
# A small process starts the measured one and reports its wall time and peak memory: a child of
# this (large) benchmark process would count this process's memory from before its exec.
_LAUNCHER = """
import json, os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    json.dump([os.waitstatus_to_exitcode(status), elapsed, usage.ru_maxrss,
               usage.ru_utime + usage.ru_stime], out)
"""


def _timed_process(argv: list[str], env: dict | None = None) -> float:
    """Wall time of one process, start to exit; its peak memory goes to ``_last_peak_mib``."""
    global _last_peak_mib, _last_cpu_s
    report = WORK / "last-process.json"
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output:
        subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(report), *argv],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env or _environment(),
            cwd=ROOT,
        )
        code, elapsed, peak_kib, cpu_s = json.loads(report.read_text())
        if code != 0:
            output.seek(0)
            raise RuntimeError(f"{' '.join(argv[:6])}… failed:\n{output.read()}")
    _last_peak_mib = peak_kib / 1024  # ru_maxrss is in KiB on Linux
    _last_cpu_s = cpu_s
    return elapsed


def ours(*args: str, db: Path, **env: str) -> Callable[[], float]:
    argv = [sys.executable, "-m", "movement_desk.cli", *args, "--db", str(db)]
    return lambda: _timed_process(argv, _environment(**env))


def bare(name: str, job: dict) -> Callable[[], float]:
    path = WORK / f"job-{name}.json"
    path.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
    return lambda: _timed_process([sys.executable, str(BARE), name, str(path)])


def paired(
    name: str,
    our_run: Callable[[], float],
    bare_run: Callable[[], float],
    runs: int,
    before_each: Callable[[], None] | None = None,
    note: str = "",
    observe: Callable[[], str] | None = None,
    warm: bool = True,
) -> Result:
    """Alternate ours and the baseline (swapping who goes first), after one untimed warm-up
    unless ``warm`` is False (a long command on a fresh copy each time gains nothing)."""
    result = Result(name, note=note)
    for index in range(0 if warm else 1, runs + 1):
        pair = [("ours", our_run), ("bare", bare_run)]
        if index % 2:
            pair.reverse()
        for side, run in pair:
            if before_each:
                before_each()
            elapsed = run()
            if index:  # the first round warms the caches and is not counted
                getattr(result, side).append(elapsed)
                getattr(result, f"{side}_mib").append(_last_peak_mib)
                getattr(result, f"{side}_cpu").append(_last_cpu_s)
            if side == "ours" and observe is not None:
                result.note = observe()
    ours_cpu, bare_cpu = statistics.median(result.ours_cpu), statistics.median(result.bare_cpu)
    print(
        f"  {name:<44} ours {result.ours_s:7.2f} s   bare {result.bare_s:7.2f} s   "
        f"ratio {result.ours_s / result.bare_s:5.2f}×  (processor {ours_cpu:.2f} / "
        f"{bare_cpu:.2f} s: {ours_cpu / bare_cpu:.2f}×)   peak "
        f"{statistics.median(result.ours_mib):.0f} / {statistics.median(result.bare_mib):.0f} MiB"
        f"  {result.note}",
        flush=True,
    )
    return result


# ---------------------------------------------------------------------------------------------
# The databases, made once


def _backup_holding(db_path: Path) -> Path:
    """A backup of ``db_path`` as it is now, in its backup folder (what the day's previous
    command would have left)."""
    from movement_desk.db import backup
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin.bootstrap import prepare_database

    shutil.rmtree(backup.backup_dir(db_path), ignore_errors=True)
    prepare_database(db_path)
    made = backup.auto_backup("close", only_if_changed=False)
    close_database()
    return made.path


class FreshCopy:
    """``target`` made anew before each run from ``source``: opened once at ``target``'s path
    (a copied file claims its new place in the settings, a real change done here once), and
    a backup folder whose newest backup holds exactly that state (a hard link, not a copy),
    as the previous command of a working day would have left it."""

    def __init__(self, source: Path, target: Path):
        from movement_desk.db import backup
        from movement_desk.db.connection import close_database
        from movement_desk.services.admin.bootstrap import prepare_database
        from movement_desk.services.core import signing

        self.target = target
        self.template = target.with_name(f"{target.stem}-template.sqlite3")
        self.held = target.with_name(f"{target.stem}-held.sqlite3")
        self.folder = backup.backup_dir(target)
        copy_database(source, target)
        shutil.rmtree(self.folder, ignore_errors=True)
        prepare_database(target)
        # A copy is a new installation: its signing key is made here once, not in a timed run.
        signing.ensure_own_key()
        made = backup.auto_backup("close", only_if_changed=False)
        close_database()
        shutil.move(made.path, self.held)
        copy_database(target, self.template)

    def __call__(self) -> None:
        for suffix in ("-wal", "-shm"):
            Path(str(self.target) + suffix).unlink(missing_ok=True)
        copy_database(self.template, self.target)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        os.link(self.held, self.folder / f"{self.target.stem}-{stamp}-close.sqlite3")

    def backups_written(self) -> str:
        from movement_desk.db import backup

        made = sorted(b.reason for b in backup.list_backups(self.target))
        made.remove("close")  # the one held before the run
        return f"backups written: {', '.join(made) or 'none'}"


def _admin_account() -> object:
    from movement_desk.services.admin import accounts

    if not accounts.has_accounts():
        accounts.create_first_admin(USER, PASSWORD, "06")
    return accounts.actor_for(accounts.get_account(USER))


def build_base(stress: Path, rebuild: bool) -> Path:
    """The stress data, migrated, with an administrator (real password cost), a decision with
    500 recipients made through the services, and the certificates' signing key."""
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin.bootstrap import prepare_database
    from movement_desk.services.certificates import printing as certificates
    from movement_desk.services.core import signing
    from movement_desk.services.records import commendations, units

    base = WORK / "base.sqlite3"
    if base.exists() and not rebuild:
        return base
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    copy_database(stress, base)
    prepare_database(base)
    admin = _admin_account()
    day = date(2026, 11, 20)
    communes = [
        u.code
        for u in units.search_units("", on=day, limit=1000, actor=admin)
        if u.kind in units.COMMUNE_KINDS
    ] or ["19"]
    recipients = [
        {
            "recipient_name": f"Nguyễn Văn Thử {i:03d}",
            "recipient_position": "Trưởng thôn",
            "recipient_unit": "Thôn Nà Làng",
            "achievement": "Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh "
            "Tổ quốc năm 2026",
            "unit_code": communes[i % len(communes)],
        }
        for i in range(RECIPIENTS)
    ]
    commendations.save_decision(
        {
            "decision_number": DECISION_NUMBER,
            "decision_date": day.strftime("%d/%m/%Y"),
            "form": "Giấy khen",
            "authority": "Giám đốc Công an tỉnh Thái Nguyên",
            "unit_code": "19",
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "Hoàng Văn An",
        },
        recipients,
        admin,
    )
    # Made on the first print of a database, once: not what we time.
    certificates._signing_key()
    certificates._mark_v2_start()
    signing.ensure_own_key()
    close_database()
    shutil.rmtree(WORK / "base-backups", ignore_errors=True)
    print(f"  prepared {base.name} in {time.perf_counter() - started:.1f} s", flush=True)
    return base


def import_file(base: Path) -> Path:
    """10.000 new sessions in the import's CSV columns (real units, dates and choices)."""
    path = WORK / "import-10k.csv"
    if path.exists():
        return path
    import csv

    connection = sqlite3.connect(base)
    rows = connection.execute(
        """SELECT s.held_on, u.code, s.kind, s.organizer_kind, s.organizer_name, s.title,
                  s.participants, s.tips, s.notes
           FROM activity_session s JOIN admin_unit u ON u.id = s.unit_id
           WHERE s.deleted_at IS NULL ORDER BY s.id LIMIT ?""",
        (IMPORT_ROWS,),
    ).fetchall()
    connection.close()
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["date", "unit_code", "kind", "organizer_kind", "organizer_name", "title",
             "participants", "tips", "notes"]
        )  # fmt: skip
        for i, (day, *rest) in enumerate(rows):
            rest[4] = f"{rest[4]} (đợt nhập {i + 1})"
            writer.writerow([f"{day[8:10]}/{day[5:7]}/{day[:4]}", *rest])
    return path


def report_statements(base: Path, period: str, unit: str) -> list[str]:
    """The SELECTs the report runs, with their parameters, read from SQLite's trace."""
    from movement_desk.db.connection import close_database, db
    from movement_desk.services import reports
    from movement_desk.services.admin.bootstrap import prepare_database

    prepare_database(base)
    actor = _admin_account()
    seen: list[str] = []
    connection = db.connection()
    connection.set_trace_callback(seen.append)
    try:
        reports.render_pdf(reports.build_report(unit, period, None, actor=actor))
    finally:
        connection.set_trace_callback(None)
        close_database()
    return [s for s in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))]


def password_hash_seconds(base: Path, runs: int) -> tuple[float, float]:
    """One verification of the administrator's password at the cost the program uses: (wall,
    processor) seconds, medians."""
    from movement_desk.services.admin import passwords

    connection = sqlite3.connect(base)
    stored = connection.execute(
        "SELECT password_hash FROM user_account WHERE username = ?", (USER,)
    ).fetchone()[0]
    connection.close()
    times, processor = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        assert passwords.verify_password(PASSWORD, stored)
        times.append(time.perf_counter() - started)
        processor.append(time.process_time() - started_cpu)
    return statistics.median(times), statistics.median(processor)


# ---------------------------------------------------------------------------------------------
# The commands


def bench_certificates(base: Path, runs: int) -> Result:
    run_db = WORK / "run.sqlite3"
    fresh = FreshCopy(base, run_db)
    connection = sqlite3.connect(base)
    decision_id = connection.execute(
        "SELECT id FROM decision WHERE number = ?", (DECISION_NUMBER,)
    ).fetchone()[0]
    connection.close()
    result = paired(
        f"certificates, {RECIPIENTS} recipients",
        ours(
            "certificates",
            "--decision",
            DECISION_NUMBER,
            "--out",
            str(WORK / "gk.pdf"),
            "--force",
            db=run_db,
        ),  # fmt: skip
        bare(
            "certificates",
            {
                "db": str(run_db),
                "decision_id": decision_id,
                "out": str(WORK / "gk-bare.pdf"),
                "fonts": str(FONTS),
            },
        ),  # fmt: skip
        runs,
        before_each=fresh,
        observe=fresh.backups_written,
    )
    result.note += f", {_pages(WORK / 'gk.pdf', WORK / 'gk-bare.pdf')}"
    return result


def _pages(*paths: Path) -> str:
    """Page counts of the PDFs written, ours / bare (pypdf comes with the test tools)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return ""
    return " / ".join(str(len(PdfReader(p).pages)) for p in paths) + " pages"


def bench_report(base: Path, runs: int) -> Result:
    statements = report_statements(base, "2025", "06")
    result = paired(
        "report --period 2025 --unit 06",
        ours(
            "report",
            "--period",
            "2025",
            "--unit",
            "06",
            "--out",
            str(WORK / "bc.pdf"),
            "--force",
            db=base,
        ),  # fmt: skip
        bare(
            "report",
            {
                "db": str(base),
                "statements": statements,
                "rows_per_table": 12,
                "out": str(WORK / "bc-bare.pdf"),
                "fonts": str(FONTS),
            },
        ),  # fmt: skip
        runs,
    )
    result.note = f"{len(statements)} statements, {_pages(WORK / 'bc.pdf', WORK / 'bc-bare.pdf')}"
    return result


def bench_export(base: Path, runs: int) -> Result:
    from movement_desk.db.choices import OrganizerKind, SessionKind
    from movement_desk.services.records.sessions import SESSION_LABELS

    connection = sqlite3.connect(base)
    count = connection.execute(
        "SELECT count(*) FROM activity_session WHERE deleted_at IS NULL"
    ).fetchone()[0]
    connection.close()
    return paired(
        f"export sessions ({_count(count)} rows, CSV)",
        ours("export", "sessions", str(WORK / "buoi.csv"), "--force", db=base),
        bare(
            "export",
            {
                "db": str(base),
                "out": str(WORK / "buoi-bare.csv"),
                "headers": list(SESSION_LABELS.values()),
                "session_kinds": {k.value: k.label for k in SessionKind},
                "organizer_kinds": {k.value: k.label for k in OrganizerKind},
            },
        ),  # fmt: skip
        runs,
    )


def bench_import(base: Path, runs: int) -> Result:
    run_db = WORK / "run.sqlite3"
    fresh = FreshCopy(base, run_db)
    data = import_file(base)
    with data.open(encoding="utf-8-sig") as handle:
        rows = sum(1 for _ in handle) - 1
    return paired(
        f"import sessions, {_count(rows)} rows",
        ours("import", "sessions", str(data), db=run_db),
        bare("import", {"db": str(run_db), "file": str(data)}),
        runs,
        before_each=fresh,
        observe=fresh.backups_written,
    )


def bench_package(base: Path, runs: int) -> list[Result]:
    """A province's package (everything under 06) imported into a database that has none of it."""
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin.bootstrap import prepare_database

    package = WORK / "tinh-06.mdpkg"
    receiver = WORK / "receiver.sqlite3"
    if not package.exists():
        _timed_process(
            [sys.executable, "-m", "movement_desk.cli", "package", "export", "--unit", "06",
             "--out", str(package), "--db", str(base)]
        )  # fmt: skip
    if not receiver.exists():
        prepare_database(receiver)
        _admin_account()
        close_database()
        _copy_units(base, receiver)
        # The receiver trusts the sender's signing key, as a province does its communes'.
        key = WORK / "tinh-06.mdkey"
        _timed_process(
            [sys.executable, "-m", "movement_desk.cli", "keys", "export", "--out", str(key),
             "--force", "--db", str(base)]
        )  # fmt: skip
        _timed_process(
            [sys.executable, "-m", "movement_desk.cli", "keys", "trust", str(key), "--unit", "06",
             "--db", str(receiver)]
        )  # fmt: skip
    run_db = WORK / "run-receiver.sqlite3"
    fresh = FreshCopy(receiver, run_db)
    kinds = ["model_type", "organizer", "decision", "activity_session", "community_model",
             "commendation", "organisation", "safety_rating", "pledge", "pledge_party"]  # fmt: skip
    job = {"db": str(run_db), "file": str(package), "kinds": kinds}
    # The bare work inserts the rows into the indexed tables; ours builds the indexes
    # of a table that receives far more rows than it holds after its commit (db/large_writes).
    # The second row holds ours against a bare script that does the same by hand.
    return [
        paired(
            "package import, province 06",
            ours("package", "import", str(package), db=run_db),
            bare("package", job),
            runs,
            before_each=fresh,
            observe=fresh.backups_written,
            warm=False,
        ),
        paired(
            "package import, province 06, bare also builds the indexes after the rows",
            ours("package", "import", str(package), db=run_db),
            bare("package", {**job, "indexes_after": True}),
            runs,
            before_each=fresh,
            observe=fresh.backups_written,
            warm=False,
        ),
    ]


def _copy_units(source: Path, target: Path) -> None:
    """The units ``source`` has and ``target`` lacks (the residential areas the ratings name),
    as a province loads them with ``units import`` before it receives the communes' data."""
    connection = sqlite3.connect(target)
    connection.execute("ATTACH DATABASE ? AS source", (str(source),))
    columns = [
        row[1]
        for row in connection.execute("PRAGMA table_info(admin_unit)")
        if row[1] not in ("id", "parent_id")
    ]
    with connection:
        missing = connection.execute(
            f"SELECT {', '.join('s.' + c for c in columns)}, p.code FROM source.admin_unit s "
            "LEFT JOIN source.admin_unit p ON p.id = s.parent_id "
            "WHERE s.code NOT IN (SELECT code FROM main.admin_unit) ORDER BY s.id"
        ).fetchall()
        for *values, parent_code in missing:
            connection.execute(
                f"INSERT INTO main.admin_unit ({', '.join(columns)}, parent_id) VALUES "
                f"({', '.join('?' * len(columns))}, "
                "(SELECT id FROM main.admin_unit WHERE code = ?))",
                [*values, parent_code],
            )
    connection.close()


def bench_window(base: Path, runs: int) -> Result:
    return paired(
        "window shown after sign-in",
        lambda: _timed_process(
            [sys.executable, "-m", "movement_desk.cli", "--db", str(base)],
            _environment(MOVEMENT_DESK_EXIT_WHEN_SHOWN="1"),
        ),
        bare("window", {"db": str(base)}),
        runs,
    )


# ---------------------------------------------------------------------------------------------
# Growth


def growth_database(label: str, sessions: int, stress: Path) -> Path:
    """The demo data at ``sessions`` sessions (130k: the stress database, already prepared)."""
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin import demo
    from movement_desk.services.admin.bootstrap import prepare_database

    if sessions == 130_000:
        return stress
    path = OUT_DIR / f"growth-{label}.sqlite3"
    if path.exists():
        return path
    scale = demo.Scale(
        date(2019, 1, 1), sessions, max(800, sessions // 13), max(80, sessions // 130), 50
    )
    demo.SCALES[f"bench-{label}"] = scale
    partial = path.with_suffix(".building")
    partial.unlink(missing_ok=True)
    started = time.perf_counter()
    prepare_database(partial)
    demo.build_demo(f"bench-{label}", seed=2024)
    close_database()
    shutil.move(partial, path)
    print(f"  built {path.name} in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def growth_row(path: Path, runs: int) -> dict[str, float]:
    """In-process, as the window does it: each operation from a fresh list object."""
    from movement_desk.db.connection import close_database
    from movement_desk.services import reports
    from movement_desk.services.admin.bootstrap import prepare_database
    from movement_desk.services.core.actor import SYSTEM_ACTOR
    from movement_desk.services.core.filters import RecordFilter
    from movement_desk.services.records.listing import RecordList

    work = WORK / f"growth-{path.stem}.sqlite3"
    copy_database(path, work)
    prepare_database(work)

    def page(**options) -> Callable[[], object]:
        def run():
            records = RecordList("sessions", **options, actor=SYSTEM_ACTOR)
            records.count()
            return records.fetch(0, 100)

        return run

    try:
        figures = {
            "report": median_time(
                lambda: reports.render_pdf(
                    reports.build_report("06", "2025", None, actor=SYSTEM_ACTOR)
                ),
                runs,
            ),
            "list first page": median_time(page(), runs),
            "search “cho don”": median_time(page(record_filter=RecordFilter(text="cho don")), runs),
            "sort by title": median_time(page(sort="title"), runs),
        }
        raw = sqlite3.connect(work)
        figures["sort by title, raw SQL"] = median_time(
            lambda: raw.execute(
                "SELECT id, title FROM activity_session WHERE deleted_at IS NULL "
                "ORDER BY sort_key, id LIMIT 100"
            ).fetchall(),
            runs,
        )
        raw.close()
    finally:
        close_database()
        work.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(str(work) + suffix).unlink(missing_ok=True)
    return figures


def growth(stress: Path, runs: int, million: bool) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    for label, sessions in GROWTH_SIZES.items():
        if label == "1M" and not million:
            continue
        table[label] = growth_row(growth_database(label, sessions, stress), runs)
        print(f"  {label}: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in table[label].items()),
              flush=True)  # fmt: skip
    return table


# ---------------------------------------------------------------------------------------------
# Where the rest of the time goes: the parts of #18 still to do, each beside its bare form


def diagnose(base: Path, runs: int) -> list[tuple[str, float, float]]:
    """In-process, on a copy of the 130k database: (part, ours, bare) medians in seconds."""
    import zxingcpp

    from movement_desk.db.connection import close_database, db
    from movement_desk.db.models import ActivitySession
    from movement_desk.pdf import qr
    from movement_desk.services.admin.bootstrap import prepare_database
    from movement_desk.services.certificates import printing as certificates
    from movement_desk.services.core.filters import RecordFilter
    from movement_desk.services.records import listing, sessions, transfer

    work = WORK / "diagnose.sqlite3"
    FreshCopy(base, work)()
    prepare_database(work)
    actor = _admin_account()
    rows: list[tuple[str, float, float]] = []

    def rolled_back(action: Callable[[], object]) -> Callable[[], object]:
        def run():
            with db.atomic() as transaction:
                action()
                transaction.rollback()

        return run

    try:
        decision = certificates.find_decision(DECISION_NUMBER, None)
        chosen, _ = certificates.select_recipients(decision, None)
        options = certificates.print_options()

        def register():
            data = certificates.prepare(decision, chosen, actor)
            certificates.record_prints([d.serial for d in data], actor, options)

        ids = [c.id for c in chosen]

        def register_bare():
            connection = db.connection()
            connection.executemany(
                "INSERT INTO certificate (serial, commendation_id, year, sequence, issued_at) "
                "VALUES (?, ?, 2026, ?, '2026-11-29')",
                [(f"X-{i}", c, 900_000 + i) for i, c in enumerate(ids)],
            )
            connection.execute(
                "INSERT INTO certificate_print (certificate_id, printed_at) "
                "SELECT id, '2026-11-29' FROM certificate WHERE sequence >= 900000"
            )
            connection.execute(
                "UPDATE commendation SET print_count = print_count + 1 "
                f"WHERE id IN ({', '.join('?' * len(ids))})",
                ids,
            )
            connection.executemany(
                "INSERT INTO audit_entry (at, action, record_uuid) VALUES ('x', 'print', ?)",
                [(str(i),) for i in ids],
            )

        rows.append(
            (
                f"certificate register, serials, audit: {len(ids)} prints",
                median_time(rolled_back(register), runs),
                median_time(rolled_back(register_bare), runs),
            )
        )
        # What the QR symbols of the batch carry: the signed MD2 codes themselves.
        planned = certificates.prepare(decision, chosen, actor, assign_serials=False)
        codes = [d.verification_code for d in planned]

        def qr_ours():
            qr.unit_path.cache_clear()  # a new batch: nothing drawn before
            return [qr.path_operators(c, 0, 100, 60) for c in codes]

        def qr_bare():
            for code in codes:
                zxingcpp.create_barcode(code, zxingcpp.BarcodeFormat.QRCode, ec_level="M")

        rows.append(
            (
                f"QR codes: {len(codes)} signed codes (ours: zxing-cpp's matrix and the path; "
                "bare: zxing-cpp's symbol only)",
                median_time(qr_ours, runs),
                median_time(qr_bare, runs),
            )
        )

        sample = db.execute_sql(
            "SELECT uuid, created_at, updated_at, held_on, unit_id, organizer_kind, kind, title, "
            "search_key, sort_key FROM activity_session ORDER BY id LIMIT ?",
            (IMPORT_ROWS,),
        ).fetchall()
        fresh = [(f"d-{i}", *row[1:]) for i, row in enumerate(sample)]
        insert = (
            "INSERT INTO activity_session (uuid, created_at, updated_at, held_on, unit_id, "
            "organizer_kind, kind, title, search_key, sort_key) VALUES (?,?,?,?,?,?,?,?,?,?)"
        )

        def per_row_index():
            db.connection().executemany(insert, fresh)

        def index_filled_once():
            connection = db.connection()
            last = connection.execute("SELECT max(id) FROM activity_session").fetchone()[0]
            connection.execute("DROP TRIGGER activity_session_fts_insert")
            connection.executemany(insert, fresh)
            connection.execute(
                "INSERT INTO activity_session_fts (rowid, search_key) "
                "SELECT id, search_key FROM activity_session WHERE id > ?",
                (last,),
            )

        def rows_alone():
            connection = db.connection()
            connection.execute("DROP TRIGGER activity_session_fts_insert")
            connection.executemany(insert, fresh)

        rows.append(
            (
                f"import: {len(fresh)} rows inserted, full-text index filled once after, as the "
                "import does (ours; the per-row trigger "
                f"{median_time(rolled_back(per_row_index), runs) * 1000:.0f} ms) or the rows "
                "alone (bare)",
                median_time(rolled_back(index_filled_once), runs),
                median_time(rolled_back(rows_alone), runs),
            )
        )

        def query():
            return sessions.session_query(RecordFilter())

        columns, convert = transfer.export_columns("sessions")

        def exported():
            listed = listing.RecordList("sessions", actor=actor)
            return [convert(values) for values in listed.tuples(columns)]

        rows.append(
            (
                "export: every live session read as the export reads it (ours: the list's "
                "order, plain values, cells) or as raw tuples (bare)",
                median_time(exported, 1),
                median_time(lambda: list(query().tuples().iterator()), 1),
            )
        )

        page = (
            "SELECT id FROM activity_session WHERE deleted_at IS NULL "
            "ORDER BY sort_key, id LIMIT 100"
        )

        def indexed():
            db.execute_sql(
                "CREATE INDEX diagnose_sort ON activity_session(sort_key, id) "
                "WHERE deleted_at IS NULL"
            )
            started = time.perf_counter()
            db.execute_sql(page).fetchall()
            indexed.seconds = time.perf_counter() - started

        def indexed_page():
            rolled_back(indexed)()
            return indexed.seconds

        rows.append(
            (
                "sort by title, first page: no index on the key (ours) or a partial index (bare)",
                median_time(lambda: db.execute_sql(page).fetchall(), runs),
                statistics.median(indexed_page() for _ in range(runs)),
            )
        )
        del ActivitySession  # imported to register the tables before the raw statements
    finally:
        close_database()
    window_import = [sys.executable, "-c", "import movement_desk.gui.main_window"]
    qt_import = [sys.executable, "-c", "import PySide6.QtWidgets"]
    rows.append(
        (
            "window start: importing the main window's modules (ours) or PySide6's widgets",
            statistics.median(_timed_process(window_import) for _ in range(runs)),
            statistics.median(_timed_process(qt_import) for _ in range(runs)),
        )
    )
    for name, ours_s, bare_s in rows:
        print(f"  {name}: ours {ours_s * 1000:.0f} ms, bare {bare_s * 1000:.0f} ms", flush=True)
    return rows


# ---------------------------------------------------------------------------------------------
# Output


def _count(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _ms(value: float) -> str:
    text = f"{value * 1000:.1f} ms" if value < 0.01 else f"{value * 1000:.0f} ms"
    return text.replace(".", ",")


def _seconds(value: float) -> str:
    return f"{value:.2f} s".replace(".", ",")


def _ratio(value: float) -> str:
    return f"{value:.1f}×".replace(".", ",")


def _cpu(result: Result, hash_cpu: float) -> str:
    """Processor seconds, ours / bare, and their ratio with and without the hash."""
    ours_cpu, bare_cpu = statistics.median(result.ours_cpu), statistics.median(result.bare_cpu)
    return (
        f"{_seconds(ours_cpu)} / {_seconds(bare_cpu)}: {_ratio(ours_cpu / bare_cpu)} "
        f"({_ratio((ours_cpu - hash_cpu) / bare_cpu)})"
    )


def markdown(
    results: list[Result],
    hash_s: float,
    grown: dict,
    runs: int,
    parts: list | None = None,
    *,
    hash_cpu: float | None = None,
) -> str:
    lines = [
        f"Measured {datetime.now():%d/%m/%Y} with `python benchmarks/bench_commands.py`, "
        f"medians of {runs} alternating runs, whole processes; machine shared with other work, "
        "2 cores. One password check (scrypt at the program's cost) measured "
        f"{_seconds(hash_s)}; the last column leaves it out.",
        "",
        "| command | ours | bare work | ratio | ratio without the password hash "
        "| peak memory, ours / bare | processor time, ours / bare: ratio (without the hash) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        without = (r.ours_s - hash_s) / r.bare_s
        name = f"{r.name} ({r.note})" if r.note else r.name
        lines.append(
            f"| {name} | {_seconds(r.ours_s)} | {_seconds(r.bare_s)} | {_ratio(r.ours_s / r.bare_s)}"
            f" | {_ratio(without)} | {statistics.median(r.ours_mib):.0f} / "
            f"{statistics.median(r.bare_mib):.0f} MiB | {_cpu(r, hash_s if hash_cpu is None else hash_cpu)} |"
        )
    if grown:
        labels = list(grown)
        operations = list(next(iter(grown.values())))
        lines += ["", "| sessions | " + " | ".join(labels) + " | growth |",
                  "|---" * (len(labels) + 2) + "|"]  # fmt: skip
        for operation in operations:
            cells = [_ms(grown[label][operation]) for label in labels]
            steps = [
                f"×{grown[b][operation] / grown[a][operation]:.1f}".replace(".", ",")
                for a, b in zip(labels, labels[1:], strict=False)
            ]
            lines.append(f"| {operation} | " + " | ".join(cells) + f" | {' then '.join(steps)} |")
        sizes = [GROWTH_SIZES[label] for label in labels]
        rows = " then ".join(
            f"×{b / a:.1f}".replace(".", ",") for a, b in zip(sizes, sizes[1:], strict=False)
        )
        lines.append("| (rows) | " + " | ".join(labels) + f" | {rows} |")
    if parts:
        lines += [
            "",
            "| part (in-process, 130k sessions) | ours | bare | ratio |",
            "|---|---|---|---|",
        ]
        for name, ours_s, bare_s in parts:
            lines.append(f"| {name} | {_ms(ours_s)} | {_ms(bare_s)} | {_ratio(ours_s / bare_s)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    global WORK
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="the stress database (default: benchmarks/out/stress.sqlite3)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--only", default="", help="commands, comma-separated: " + ",".join(COMMANDS)
    )
    parser.add_argument(
        "--package", action="store_true", help="also the province package import (long)"
    )
    parser.add_argument("--million", action="store_true", help="growth at 1.000.000 sessions too")
    parser.add_argument("--no-growth", action="store_true")
    parser.add_argument("--no-parts", action="store_true", help="skip the in-process parts")
    parser.add_argument("--rebuild", action="store_true", help="prepare the benchmark copy again")
    parser.add_argument(
        "--work", help="folder for the copies and outputs (default: benchmarks/out/commands)"
    )
    options = parser.parse_args(argv)
    WORK = Path(options.work) if options.work else WORK
    # Keys and logs of this process and of the commands it starts in one place (``_environment``).
    os.environ["XDG_DATA_HOME"] = str(WORK / "data")
    os.environ["XDG_CONFIG_HOME"] = str(WORK / "config")

    stress = Path(options.db) if options.db else stress_database()
    wanted = [w for w in options.only.split(",") if w] or [
        c for c in COMMANDS if c != "package" or options.package
    ]
    print(f"Whole commands on {stress.name}, {options.runs} runs each:", flush=True)
    base = build_base(stress, options.rebuild)
    _backup_holding(base)
    compileall.compile_dir(ROOT / "movement_desk", quiet=1)  # as pip leaves an installed program
    hash_s, hash_cpu = password_hash_seconds(base, options.runs)
    print(f"  one password check (scrypt): {hash_s:.2f} s, processor {hash_cpu:.2f} s", flush=True)
    benches = {
        "certificates": lambda: bench_certificates(base, options.runs),
        "report": lambda: bench_report(base, options.runs),
        "export": lambda: bench_export(base, options.runs),
        "import": lambda: bench_import(base, options.runs),
        "package": lambda: bench_package(base, options.runs),
        "window": lambda: bench_window(base, options.runs),
    }
    results = []
    for name in COMMANDS:
        if name in wanted:
            measured = benches[name]()
            results += measured if isinstance(measured, list) else [measured]
    grown = {}
    if not options.no_growth:
        print("Growth (in-process, medians):", flush=True)
        grown = growth(base, options.runs, options.million)
    parts = []
    if not options.no_parts:
        print("Parts still to make faster (in-process, medians):", flush=True)
        parts = diagnose(base, options.runs)
    print("\n" + markdown(results, hash_s, grown, options.runs, parts, hash_cpu=hash_cpu))
    return 0


if __name__ == "__main__":
    sys.exit(main())
