"""A package that brings far more records than the receiving tables hold (a province's first
package from a district) writes its rows first and builds the tables' secondary indexes after
its commit (``db/large_writes``): the database ends exactly as with the indexes in place, and
a preview or a refused package leaves every index where it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from movement_desk.db import deferred_indexes, large_writes
from movement_desk.db.connection import close_database, db
from movement_desk.services import packages
from movement_desk.services.core.errors import ServiceError
from movement_desk.services.records import ratings
from tests import server_backend
from tests.packages_helpers import COMMUNE_A, PROVINCE, Site, add_decision, add_session
from tests.services.test_package_streaming import grow

SESSIONS = 80


@pytest.fixture
def sites(tmp_path: Path, template_db: Path):
    if server_backend.on_server():
        pytest.skip("the server's indexes follow the rows: nothing is set aside there")
    close_database()
    built = {
        "a": Site(tmp_path / "a.sqlite3", COMMUNE_A, template_db),
        "set_aside": Site(tmp_path / "p1.sqlite3", PROVINCE, template_db),
        "in_place": Site(tmp_path / "p2.sqlite3", PROVINCE, template_db),
    }
    add_session(built["a"], "Tuyên truyền phòng, chống tội phạm")
    add_decision(built["a"], "12/QĐ-UBND", ["Nguyễn Văn An", "Trần Thị Bình"])
    grow(built["a"], SESSIONS)
    yield built
    close_database()


@pytest.fixture(autouse=True)
def _no_pause_between_indexes(monkeypatch):
    monkeypatch.setattr(deferred_indexes, "PAUSE_SECONDS", 0)


@pytest.fixture
def package(sites, tmp_path) -> Path:
    path = tmp_path / "xa.mdpkg"
    with sites["a"]:
        packages.export_package(COMMUNE_A, path, sites["a"].actor)
    return path


def schema(site: Site) -> set[tuple]:
    return set(site.rows("SELECT type, name, tbl_name, sql FROM sqlite_master"))


def import_traced(site: Site, path: Path, **options) -> tuple[packages.ImportReport, list[str]]:
    """Import ``path`` into ``site``; the statements SQLite ran."""
    seen: list[str] = []
    with site:
        db.connection().set_trace_callback(seen.append)
        try:
            return packages.import_package(path, site.actor, **options), seen
        finally:
            db.connection().set_trace_callback(None)


def dropped(statements: list[str]) -> set[str]:
    return {s.split('"')[1] for s in statements if s.startswith("DROP INDEX")}


SESSION_ROWS = (
    "SELECT uuid, held_on, title, participants, tips, search_key, sort_key, revision "
    "FROM activity_session ORDER BY sort_key, uuid"
)


def test_a_large_package_builds_the_indexes_after_its_commit(sites, package, monkeypatch):
    schema_before = schema(sites["set_aside"])
    writes_before = sites["set_aside"].scalar("SELECT writes FROM data_change")
    monkeypatch.setattr(large_writes, "REBUILD_MIN_ROWS", 10**9)
    in_place, statements = import_traced(sites["in_place"], package)
    assert not dropped(statements)

    monkeypatch.setattr(large_writes, "REBUILD_MIN_ROWS", 10)
    report, statements = import_traced(sites["set_aside"], package)
    assert report.counts["activity_session"].new == SESSIONS
    assert report.counts == in_place.counts
    # The sessions' list indexes and the sync states' went; the decisions' stayed (a new
    # decision is first looked up by its number and issuer).
    gone = dropped(statements)
    assert {"activity_session_list_title", "sync_state_received_at"} <= gone
    assert not any(name.startswith("decision_") for name in gone)
    site = sites["set_aside"]
    # every index is back, from the same SQL; nothing is left to build at the next opening
    assert schema(site) == schema_before
    with site:
        assert deferred_indexes.noted(db) == []
    # the same rows as the import into the indexes, found by the same list and search
    assert site.rows(SESSION_ROWS) == sites["in_place"].rows(SESSION_ROWS)
    phrase = (
        "SELECT count(*) FROM activity_session_fts WHERE activity_session_fts MATCH "
        "'\"chong toi pham\"'"
    )
    assert site.scalar(phrase) == SESSIONS == sites["in_place"].scalar(phrase)
    audit = "SELECT count(*) FROM audit_entry WHERE table_name = 'activity_session'"
    assert site.scalar(audit) == SESSIONS == sites["in_place"].scalar(audit)
    plan = site.rows(
        "EXPLAIN QUERY PLAN SELECT id FROM activity_session WHERE deleted_at IS NULL "
        "ORDER BY sort_key, id LIMIT 100"
    )
    assert "activity_session_list_title" in " ".join(str(row[-1]) for row in plan)
    # the change marker moved, so the next backup knows the data changed
    assert site.scalar("SELECT writes FROM data_change") > writes_before


def test_a_preview_of_a_large_package_leaves_every_index(sites, package, monkeypatch):
    site = sites["set_aside"]
    before = schema(site)
    monkeypatch.setattr(large_writes, "REBUILD_MIN_ROWS", 10)
    report, statements = import_traced(site, package, dry_run=True)
    assert report.counts["activity_session"].new == SESSIONS and dropped(statements)
    assert schema(site) == before
    assert site.scalar("SELECT count(*) FROM activity_session") == 0
    assert site.scalar("SELECT count(*) FROM setting WHERE key = ?", deferred_indexes.NOTE_KEY) == 0


def test_a_package_refused_after_its_rows_went_in_leaves_every_index(sites, package, monkeypatch):
    site = sites["set_aside"]
    before = schema(site)
    monkeypatch.setattr(large_writes, "REBUILD_MIN_ROWS", 10)

    def refused(_records, file_name):  # the ratings' rules run on the merged data, last
        raise ServiceError(f"Không nhập được tệp {file_name}: kết quả trái quy tắc.")

    monkeypatch.setattr(ratings, "check_merged", refused)
    with pytest.raises(ServiceError, match="trái quy tắc"):
        import_traced(site, package)
    assert schema(site) == before
    assert site.scalar("SELECT count(*) FROM activity_session") == 0
    assert site.scalar("SELECT count(*) FROM setting WHERE key = ?", deferred_indexes.NOTE_KEY) == 0
    with site:  # the page cache and checkpoints are as they were for the next command
        assert db.execute_sql("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
        assert db.execute_sql("PRAGMA cache_size").fetchone()[0] != large_writes.WRITE_CACHE_KIB
