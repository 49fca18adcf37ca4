"""A very large import into a table that holds few rows yet builds the table's secondary
indexes afresh (issue #12, the 200.000-row register), the lists' sort indexes after its
commit: the same records, audit entries, search hits and list orders as an import that adds
to each index row by row; a failure leaves the indexes as they were, a kill after the commit
has them built at the next opening; the new records' uuids ascend."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from movement_desk.db import deferred_indexes, large_writes, postgres
from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.connection import close_database, db
from movement_desk.db.models import ActivitySession, new_uuids
from movement_desk.services.admin.bootstrap import prepare_database
from movement_desk.services.core import audit
from movement_desk.services.core.actor import SYSTEM_ACTOR
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.records import listing, sessions, transfer
from tests.services.test_import_files import HEADER, communes, write_csv

ROWS = 240
KINDS = ["tuyên truyền", "phát động", "ký kết giao ước thi đua", "đối thoại với nhân dân"]
TITLES = ["Tuyên truyền pháp luật", "Phát động phong trào", "Họp dân", "Ngày hội toàn dân"]
ORGANISERS = ["Công an xã", "Mặt trận Tổ quốc", "Đoàn Thanh niên", ""]


def register(count: int = ROWS, seed: int = 12, year: int = 2023) -> list[str]:
    """A register with every sorted column varied (and ties in each, as real ones have)."""
    rng = random.Random(seed)
    codes = communes()[:30]
    lines = [HEADER]
    for n in range(count):
        day = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}"
        title = f"{rng.choice(TITLES)} {'thôn ' + str(n % 7) if n % 3 else ''}".strip()
        lines.append(
            f"{day},{rng.choice(codes)},{rng.choice(KINDS)},police,{rng.choice(ORGANISERS)},"
            f"{title},{rng.randint(0, 40)},{rng.randint(0, 3)},Ghi chú {n}"
        )
    return lines


@pytest.fixture(autouse=True)
def _no_pause_between_indexes(monkeypatch):
    """The moment the write lock is left free between two rebuilt indexes (for other
    writers; none here) would only slow these tests."""
    monkeypatch.setattr(deferred_indexes, "PAUSE_SECONDS", 0)


def _import(path, actor, monkeypatch, *, rebuild: bool) -> tuple[transfer.ImportReport, list]:
    """Import ``path`` with the rebuild threshold lowered (``rebuild``) or out of reach; the
    statements SQLite ran (none on the server)."""
    monkeypatch.setattr(large_writes, "REBUILD_MIN_ROWS", 10 if rebuild else 10**9)
    seen: list[str] = []
    on_file = not postgres.is_server(db)
    if on_file:
        db.connection().set_trace_callback(seen.append)
    try:
        report = transfer.import_file("sessions", path, actor)
    finally:
        if on_file:
            db.connection().set_trace_callback(None)
    return report, seen


def _dropped(statements: list[str]) -> set[str]:
    return {s.split('"')[1] for s in statements if s.startswith("DROP INDEX")}


def _indexes() -> list[tuple]:
    return db.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
        "AND tbl_name = 'activity_session' ORDER BY name"
    ).fetchall()


def _found(text: str) -> list[int]:
    return [s.id for s in sessions.session_query(RecordFilter(text=text))]


def _state() -> dict:
    """What a user can see of the imported sessions: the records, their audit entries, the
    search hits and every sorted list (ids: both imports insert in the same order)."""
    columns = (
        "id, held_on, unit_id, kind, organizer_kind, organizer_name, title, participants, "
        "tips, notes, search_key, sort_key, deleted_at"
    )
    rows = db.execute_sql(f"SELECT {columns} FROM activity_session ORDER BY id").fetchall()
    created = list(
        AuditEntry.select(AuditEntry.record_label, AuditEntry.unit_id, AuditEntry.changes)
        .where(AuditEntry.action == "create", AuditEntry.table_name == "activity_session")
        .order_by(AuditEntry.id)
        .tuples()
    )
    per_record = db.execute_sql(
        "SELECT count(*) FROM activity_session s JOIN audit_entry a "
        "ON a.record_uuid = s.uuid AND a.action = 'create'"
    ).fetchone()[0]
    imports = [e.summary for e in AuditEntry.select().where(AuditEntry.action == "import")]
    hits = {text: _found(text) for text in ("hop dan", "thon 3", "ghi chu 17", '"ngay hoi"')}
    orders = {}
    for sort in listing.list_kind("sessions").sorts:
        for descending in (False, True):
            whole = listing.RecordList("sessions", None, sort, descending, actor=SYSTEM_ACTOR)
            first = listing.RecordList("sessions", None, sort, descending, actor=SYSTEM_ACTOR)
            orders[sort, descending] = (whole.ids(), [r.id for r in first.fetch(0, 50)])
    return {
        "rows": rows,
        "created": created,
        "per_record": per_record,
        "imports": [summary.split(": ", 1)[1] for summary in imports],
        "hits": hits,
        "orders": orders,
    }


def _whole() -> None:
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    # the full-text index's settings as they were (an import enlarges a buffer meanwhile)
    assert db.execute_sql("SELECT k FROM activity_session_fts_config").fetchall() == [("version",)]
    db.execute_sql(
        "INSERT INTO activity_session_fts(activity_session_fts, rank) VALUES ('integrity-check', 1)"
    )


def test_a_rebuilt_import_stores_and_shows_exactly_what_a_row_by_row_one_does(
    database, template_db, backend, actor, tmp_path, monkeypatch
):
    if backend == "postgresql":
        pytest.skip("the server's indexes follow the rows: nothing is rebuilt there")
    file = write_csv(tmp_path / "so-lon.csv", register())
    indexes = _indexes()
    report, statements = _import(file, actor, monkeypatch, rebuild=True)
    assert report.created == ROWS
    dropped = _dropped(statements)
    # Every secondary index went and came back (the list sort indexes among them); the
    # unique uuid index stayed to check the rows as they went in.
    assert {f"activity_session_list_{key}" for key in ("date", "title", "tips")} <= dropped
    assert dropped == {name for name, sql in indexes if sql and "UNIQUE" not in sql}
    assert _indexes() == indexes
    _whole()
    rebuilt = _state()

    close_database()
    other = tmp_path / "row-by-row.sqlite3"
    source, target = sqlite3.connect(template_db), sqlite3.connect(other)
    with target:
        source.backup(target)
    source.close()
    target.close()
    prepare_database(other)
    plain, statements = _import(file, actor, monkeypatch, rebuild=False)
    assert not _dropped(statements)
    assert (plain.created, plain.summary()) == (report.created, report.summary())
    _whole()
    assert _state() == rebuilt
    assert len(rebuilt["created"]) == rebuilt["per_record"] == ROWS
    assert all(rebuilt["hits"].values())
    # The lists' first pages are still read through their indexes after the rebuild.
    query = listing.RecordList("sessions", None, "title", False, actor=SYSTEM_ACTOR)
    seen: list[str] = []
    db.connection().set_trace_callback(seen.append)
    query.fetch(0, 20)
    db.connection().set_trace_callback(None)
    select = next(s for s in seen if s.startswith("SELECT") and "ORDER BY" in s)
    plan = " ".join(row[3] for row in db.execute_sql("EXPLAIN QUERY PLAN " + select))
    assert "activity_session_list_title" in plan


def test_a_failed_rebuilt_import_leaves_the_indexes_and_the_records_as_they_were(
    database, backend, actor, tmp_path, monkeypatch
):
    transfer.import_file("sessions", write_csv(tmp_path / "a.csv", register(5, seed=1)), actor)
    indexes = _indexes() if backend == "sqlite" else []
    entries = AuditEntry.select().where(AuditEntry.action.in_(["create", "import"]))
    before = ActivitySession.select().count(), entries.count()
    original = transfer._apply_plan

    def failing(*args, **kwargs):  # the rows are in, the indexes not yet back
        original(*args, **kwargs)
        if backend == "sqlite":
            assert "activity_session_list_title" not in dict(_indexes())
        raise RuntimeError("mất điện giữa chừng")

    monkeypatch.setattr(transfer, "_apply_plan", failing)
    with pytest.raises(RuntimeError):
        _import(write_csv(tmp_path / "b.csv", register(60)), actor, monkeypatch, rebuild=True)
    assert (ActivitySession.select().count(), entries.count()) == before
    if backend == "sqlite":
        assert _indexes() == indexes
        assert not deferred_indexes.noted(db)  # the note went with the rollback
        _whole()
    # and the next import works as before, indexes and all
    monkeypatch.setattr(transfer, "_apply_plan", original)
    report, _statements = _import(
        write_csv(tmp_path / "c.csv", register(60)), actor, monkeypatch, rebuild=True
    )
    assert report.created == 60
    assert len(_found("ghi chu 59")) == 1
    if backend == "sqlite":
        assert _indexes() == indexes
        _whole()


def test_the_indexes_are_rebuilt_only_for_an_import_much_larger_than_the_table(
    database, backend, actor, tmp_path, monkeypatch
):
    if backend == "postgresql":
        pytest.skip("the server's indexes follow the rows: nothing is rebuilt there")
    first, statements = _import(
        write_csv(tmp_path / "a.csv", register(40, seed=1, year=2022)),
        actor,
        monkeypatch,
        rebuild=True,
    )
    assert first.created == 40 and _dropped(statements)  # an empty table
    # 100 new rows: fewer than three times the 40 stored, so the indexes take them one by one
    second, statements = _import(
        write_csv(tmp_path / "b.csv", register(100, seed=2, year=2021)),
        actor,
        monkeypatch,
        rebuild=True,
    )
    assert second.created == 100 and not _dropped(statements)
    # and an import below the threshold never rebuilds
    monkeypatch.setattr(large_writes, "REBUILD_MIN_ROWS", 10**9)
    third = transfer.import_file(
        "sessions", write_csv(tmp_path / "c.csv", register(500, seed=3, year=2020)), actor
    )
    assert third.created == 500
    _whole()


def test_imported_records_get_ascending_random_uuids_and_one_audit_entry_each(
    database, actor, tmp_path
):
    report = transfer.import_file("sessions", write_csv(tmp_path / "a.csv", register(80)), actor)
    assert report.created == 80
    stored = list(ActivitySession.select().order_by(ActivitySession.id))
    uuids = [s.uuid for s in stored]
    assert uuids == sorted(uuids) and len(set(uuids)) == 80
    assert {uuid.UUID(u).version for u in uuids} == {4}
    assert [s.held_on for s in stored] == sorted(s.held_on for s in stored)
    entry = audit.entries_for(actor, audit.AuditFilter(record=uuids[17]))
    assert [e.action for e in entry] == ["create"]
    assert audit.changes_of(entry[0])["title"] == [None, stored[17].title]
    fresh = list(new_uuids(1000))
    assert fresh == sorted(fresh) and len(set(fresh)) == 1000


def test_the_write_phase_is_measured_and_the_log_checkpointed_after_the_lock(
    database, backend, actor, tmp_path
):
    report = transfer.import_file("sessions", write_csv(tmp_path / "a.csv", register(30)), actor)
    assert report.write_seconds > 0
    if backend == "sqlite":
        assert db.execute_sql("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
        busy, log, copied = db.execute_sql("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        assert busy == 0 and log == copied


KILLED_IMPORT = """
import os, signal, sys
from movement_desk.services.admin.bootstrap import prepare_database
from movement_desk.services.core.actor import LOCAL_ACTOR
from movement_desk.db import large_writes
from movement_desk.services.records import transfer

large_writes.REBUILD_MIN_ROWS = 10
original = transfer._apply_plan


def killed(*args, **kwargs):  # the rows are in, the indexes dropped and not yet back
    original(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)


transfer._apply_plan = killed
prepare_database(sys.argv[1])
transfer.import_file("sessions", sys.argv[2], LOCAL_ACTOR)
"""


def test_an_import_killed_with_its_indexes_dropped_leaves_them_as_they_were(
    database, db_path, backend, actor, tmp_path
):
    if backend == "postgresql":
        pytest.skip("the server's indexes follow the rows: nothing is rebuilt there")
    transfer.import_file("sessions", write_csv(tmp_path / "a.csv", register(5, seed=1)), actor)
    indexes, count = _indexes(), ActivitySession.select().count()
    close_database()
    file = write_csv(tmp_path / "b.csv", register(60))
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_IMPORT, str(db_path), str(file)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    prepare_database(db_path)
    assert _indexes() == indexes
    assert ActivitySession.select().count() == count
    _whole()


def _secondary_indexes() -> set[str]:
    return {name for name, sql in _indexes() if sql and "UNIQUE" not in sql}


def test_the_indexes_are_built_after_the_commit_one_short_transaction_each(
    database, db_path, backend, actor, tmp_path, monkeypatch
):
    """The secondary indexes (the lists' sort indexes among them) are built again after the
    data's commit, each in its own write transaction: another user writes between two of
    them without waiting."""
    if backend == "postgresql":
        pytest.skip("the server's indexes follow the rows: nothing is rebuilt there")
    # These indexes of 120 rows take a few ms each: without a budget they would share one
    # transaction (next test); with none, each has its own.
    monkeypatch.setattr(deferred_indexes, "GROUP_SECONDS", 0)
    indexes, lists = _indexes(), _secondary_indexes()
    assert {f"activity_session_list_{key}" for key in ("date", "title", "unit")} <= lists
    original = deferred_indexes.rebuild
    between: list[tuple[str, int]] = []

    def rebuild(database, *, each=None):
        def other_user_writes(name, seconds):
            other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")  # the lock is free: no waiting at all
            other.execute(
                "INSERT INTO setting (key, value, updated_at) VALUES (?, '1', '2026-01-01')",
                (f"other-{name}",),
            )
            other.execute("COMMIT")
            stored = other.execute("SELECT count(*) FROM activity_session").fetchone()[0]
            other.close()
            between.append((name, stored))
            each(name, seconds)

        return original(database, each=other_user_writes)

    monkeypatch.setattr(deferred_indexes, "rebuild", rebuild)
    report, statements = _import(
        write_csv(tmp_path / "a.csv", register(120)), actor, monkeypatch, rebuild=True
    )
    assert report.created == 120
    # every secondary index, one after the other, with the import's rows already committed
    assert {name for name, _stored in between} == lists
    assert {stored for _name, stored in between} == {120}
    assert len(report.index_seconds) == len(lists)
    assert report.write_seconds > 0
    # in the trace: the import's commit, then BEGIN, one CREATE INDEX, COMMIT per index
    late = [n for n, s in enumerate(statements) if s.startswith("CREATE INDEX")]
    assert {statements[n].split()[2] for n in late} == lists
    inserted = max(
        n for n, s in enumerate(statements) if s.startswith('INSERT INTO "activity_session"')
    )
    commits = [n for n, s in enumerate(statements) if s == "COMMIT"]
    assert [c for c in commits if inserted < c < min(late)]  # the data's own commit
    for n in late:
        assert any(c < n for c in commits)
        assert sum(1 for c in commits if c > n) >= 1
        begun = max(b for b, s in enumerate(statements[:n]) if s.startswith("BEGIN"))
        assert not [c for c in commits if begun < c < n]  # no commit inside its transaction
    assert len([c for c in commits if c > min(late)]) == len(lists)
    assert _indexes() == indexes
    assert not deferred_indexes.noted(db)
    _whole()


def test_small_indexes_share_a_transaction_within_its_budget(
    database, backend, actor, tmp_path, monkeypatch
):
    """Indexes built in less than the budget share one write transaction (one pause for the
    other users, not one per index); all of them are back, and nothing stays noted."""
    if backend == "postgresql":
        pytest.skip("the server's indexes follow the rows: nothing is rebuilt there")
    monkeypatch.setattr(deferred_indexes, "GROUP_SECONDS", 10**6)
    indexes, lists = _indexes(), _secondary_indexes()
    report, statements = _import(
        write_csv(tmp_path / "a.csv", register(120)), actor, monkeypatch, rebuild=True
    )
    assert report.created == 120 and len(report.index_seconds) == len(lists)
    late = [n for n, s in enumerate(statements) if s.startswith("CREATE INDEX")]
    assert {statements[n].split()[2] for n in late} == lists
    # one transaction for them all: no commit between the first index and the last
    assert not [n for n in range(min(late), max(late)) if statements[n] == "COMMIT"]
    assert _indexes() == indexes
    assert not deferred_indexes.noted(db)
    _whole()


def test_a_dry_run_leaves_no_index_to_rebuild(database, backend, actor, tmp_path, monkeypatch):
    if backend == "postgresql":
        pytest.skip("the server's indexes follow the rows: nothing is rebuilt there")
    indexes = _indexes()
    monkeypatch.setattr(large_writes, "REBUILD_MIN_ROWS", 10)
    report = transfer.import_file(
        "sessions", write_csv(tmp_path / "a.csv", register(60)), actor, dry_run=True
    )
    assert report.created == 60 and not report.index_seconds
    assert _indexes() == indexes and not deferred_indexes.noted(db)
    assert ActivitySession.select().count() == 0


KILLED_AFTER_COMMIT = """
import os, signal, sys
from movement_desk.db import deferred_indexes, large_writes
from movement_desk.services.admin.bootstrap import prepare_database
from movement_desk.services.core.actor import LOCAL_ACTOR
from movement_desk.services.records import transfer

large_writes.REBUILD_MIN_ROWS = 10
deferred_indexes.GROUP_SECONDS = 0  # one index per transaction
original = deferred_indexes.rebuild


def killed(database, *, each=None):  # committed; one index built again, then killed
    def then_kill(name, seconds):
        os.kill(os.getpid(), signal.SIGKILL)

    original(database, each=then_kill)


deferred_indexes.rebuild = killed
prepare_database(sys.argv[1])
transfer.import_file("sessions", sys.argv[2], LOCAL_ACTOR)
"""


def test_an_import_killed_before_its_indexes_are_back_has_them_at_the_next_opening(
    database, db_path, backend, actor, tmp_path
):
    if backend == "postgresql":
        pytest.skip("the server's indexes follow the rows: nothing is rebuilt there")
    transfer.import_file("sessions", write_csv(tmp_path / "a.csv", register(5, seed=1)), actor)
    indexes, lists, count = _indexes(), _secondary_indexes(), ActivitySession.select().count()
    close_database()
    file = write_csv(tmp_path / "b.csv", register(60))
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_COMMIT, str(db_path), str(file)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    # The import is committed; one index is back, the others still noted.
    raw = sqlite3.connect(db_path)
    assert raw.execute("SELECT count(*) FROM activity_session").fetchone()[0] == count + 60
    present = {
        name
        for name, sql in raw.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'activity_session'"
        )
        if sql and "UNIQUE" not in sql
    }
    note = raw.execute(
        "SELECT value FROM setting WHERE key = ?", (deferred_indexes.NOTE_KEY,)
    ).fetchone()
    raw.close()
    assert len(present) == 1 and present < lists
    assert {name for name, _sql in json.loads(note[0])} == lists - present
    # The next opening builds them, from the SQL they had; the note goes.
    prepare_database(db_path)
    assert _indexes() == indexes
    assert not deferred_indexes.noted(db)
    assert ActivitySession.select().count() == count + 60
    _whole()
    assert len(_found("ghi chu 59")) == 1


def test_opening_a_database_another_user_is_writing_keeps_the_note_for_later(
    database, db_path, backend, monkeypatch
):
    """The indexes left to build are built at an opening only when the write lock can be
    had; otherwise the database opens as usual and the note waits for the next opening."""
    if backend == "postgresql":
        pytest.skip("the server's indexes follow the rows: nothing is rebuilt there")
    from movement_desk.db.connection import open_database

    indexes = _indexes()
    title = dict(indexes)["activity_session_list_title"]
    with db.atomic():
        deferred_indexes.set_aside(db, [("activity_session_list_title", title)])
    close_database()
    monkeypatch.setenv("MOVEMENT_DESK_BUSY_TIMEOUT_MS", "100")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another user writing
    try:
        open_database(db_path)
        assert deferred_indexes.noted(db) == [("activity_session_list_title", title)]
        assert "activity_session_list_title" not in dict(_indexes())
        close_database()
    finally:
        other.execute("ROLLBACK")
        other.close()
    open_database(db_path)
    assert _indexes() == indexes and not deferred_indexes.noted(db)
    _whole()
