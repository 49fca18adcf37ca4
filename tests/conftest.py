"""Shared fixtures: one temporary database per test, offscreen Qt, the command line as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Set before anything imports Qt: tests never open a real window.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Private signing keys of the test databases go to a throw-away folder, never the user's.
if "MOVEMENT_DESK_KEY_DIR" not in os.environ:
    import tempfile

    os.environ["MOVEMENT_DESK_KEY_DIR"] = tempfile.mkdtemp(prefix="movement-desk-test-keys-")

REPO_ROOT = Path(__file__).resolve().parent.parent

# Fixtures of the accounts feature: fast_hashing, people (one account per role).
pytest_plugins = ["tests.account_fixtures"]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.sqlite3"


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    """A database with the bundled reference data, built once and copied for each test."""
    from movement_desk.db.connection import close_database
    from movement_desk.services.bootstrap import prepare_database

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    prepare_database(path)
    close_database()
    return path


@pytest.fixture
def database(db_path: Path, template_db: Path):
    """A fresh database with the bundled units and model-type catalogue, closed afterwards."""
    import sqlite3

    from movement_desk.db.connection import close_database
    from movement_desk.services.bootstrap import prepare_database

    source, target = sqlite3.connect(template_db), sqlite3.connect(db_path)
    with target:
        source.backup(target)
    source.close()
    target.close()
    handle = prepare_database(db_path)
    yield handle
    close_database()


@pytest.fixture
def actor():
    from movement_desk.services.actor import LOCAL_ACTOR

    return LOCAL_ACTOR


@pytest.fixture
def small_demo(database):
    """The ``small`` demo data set (one district, 2025-2026) in the test database."""
    from movement_desk.services import demo

    demo.build_demo("small", seed=7)
    return database


def run_cli(
    *args: str,
    db: Path | None = None,
    env: dict | None = None,
    input_text: str | None = None,
    timeout: int = 180,
) -> subprocess.CompletedProcess:
    """Run ``python -m movement_desk.cli ARGS`` in a subprocess, as a user would."""
    command = [sys.executable, "-m", "movement_desk.cli", *args]
    if db is not None:
        command += ["--db", str(db)]
    full_env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "PYTHONIOENCODING": "utf-8",
        **(env or {}),
    }
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        input=input_text,
        timeout=timeout,
        cwd=REPO_ROOT,
    )


# The account the command-line tests act as: the demo administrator's name and password, so the
# same sign-in works on a demo database and on one where ``admin_cli`` created it.
CLI_USER = "quantri"
CLI_PASSWORD = "demo12345"
_databases_with_admin: set[str] = set()


def admin_cli(
    *args: str, db: Path, env: dict | None = None, **kwargs
) -> subprocess.CompletedProcess:
    """``run_cli`` signed in as an administrator, creating that account first if needed."""
    if str(db) not in _databases_with_admin:
        run_cli(
            "user", "add", CLI_USER, "--role", "administrator", "--unit", "06",
            db=db, env={"MOVEMENT_DESK_NEW_PASSWORD": CLI_PASSWORD},
        )  # fmt: skip
        _databases_with_admin.add(str(db))
    signed = {"MOVEMENT_DESK_USER": CLI_USER, "MOVEMENT_DESK_PASSWORD": CLI_PASSWORD}
    return run_cli(*args, db=db, env={**signed, **(env or {})}, **kwargs)
