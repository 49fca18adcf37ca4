"""A package import on the server runs while others keep entering data (issue 17, item 3).

A commune's package (a file of its own) is imported at the province, whose database is the
test's: the SQLite file, or with ``--backend=postgresql`` the server. While the import is in
the middle of its transaction, a clerk on another connection enters sessions.

- Server: the clerk's saves go through at once, while the import is still running (the import
  waits, inside its transaction, until the clerk has saved); both commit, nothing is lost.
- SQLite file: one writer at a time; the clerk's saves wait for the import and then go
  through. Nobody gets an error either way.
"""

from __future__ import annotations

import threading
import traceback
from pathlib import Path

from movement_desk.db.connection import close_database
from movement_desk.db.models import ActivitySession
from movement_desk.services import packages
from movement_desk.services.admin.bootstrap import prepare_database
from movement_desk.services.core import signing
from movement_desk.services.core.actor import LOCAL_ACTOR, Actor
from movement_desk.services.records import sessions
from tests.packages_helpers import COMMUNE_A, PROVINCE, Site

PACKAGE_SESSIONS = 120
ENTERED = 3


def _raw(title: str, unit: str) -> dict:
    return {
        "date": "05/03/2024",
        "unit_code": unit,
        "kind": "launch",
        "organizer_kind": "police",
        "organizer_name": "Công an xã",
        "title": title,
        "participants": "50",
        "tips": "1",
    }


def test_a_package_import_runs_while_a_clerk_keeps_entering_sessions(
    database, db_path, backend, tmp_path: Path
):
    close_database()
    commune = Site(tmp_path / "commune.sqlite3", COMMUNE_A)
    with commune:
        for number in range(PACKAGE_SESSIONS):
            sessions.create_session(_raw(f"Gói {number}", COMMUNE_A), commune.actor)
        package = tmp_path / "commune.mdpkg"
        packages.export_package(COMMUNE_A, package, commune.actor)
    key_file = tmp_path / "commune.mdkey"
    with commune:
        signing.export_public_key(key_file, LOCAL_ACTOR)
    prepare_database(db_path)  # the province (the test's database) trusts the commune's key
    signing.trust_key(key_file, COMMUNE_A, LOCAL_ACTOR)
    province = Actor(username="province", unit_code=PROVINCE)

    on_server = backend == "postgresql"
    import_running, entered = threading.Event(), threading.Event()
    order: list[str] = []
    errors: list[BaseException] = []

    def progress(done: int, total: int) -> None:
        if import_running.is_set() or done <= 0 or done >= total:
            return
        import_running.set()
        if on_server:  # the import's transaction stays open until the clerk has saved
            assert entered.wait(timeout=60), "the clerk's save waited for the import"
            order.append("clerk saved while the import ran")

    def importer() -> None:
        try:
            report = packages.import_package(package, province, progress=progress)
            assert report.counts["activity_session"].new == PACKAGE_SESSIONS
            order.append("import committed")
        except BaseException as exc:
            errors.append(exc)
            import_running.set()
        finally:
            close_database()

    def clerk() -> None:
        try:
            assert import_running.wait(timeout=60)
            clerk = Actor(username="clerk", unit_code=PROVINCE)
            for number in range(ENTERED):
                sessions.create_session(_raw(f"Nhập tay {number}", "01834"), clerk)
            entered.set()
        except BaseException as exc:
            errors.append(exc)
            entered.set()
        finally:
            close_database()

    threads = [threading.Thread(target=importer), threading.Thread(target=clerk)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not errors, "".join(traceback.format_exception(errors[0]))
    if on_server:
        assert order == ["clerk saved while the import ran", "import committed"]
    else:
        assert order == ["import committed"]
    assert ActivitySession.live().where(ActivitySession.title.startswith("Gói ")).count() == (
        PACKAGE_SESSIONS
    )
    assert (
        ActivitySession.live().where(ActivitySession.title.startswith("Nhập tay ")).count()
        == ENTERED
    )
