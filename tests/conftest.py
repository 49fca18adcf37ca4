"""Shared fixtures: one temporary database per test, offscreen Qt, the command line run
in-process (a few smoke tests run it as a subprocess)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

# Set before anything imports Qt: tests never open a real window.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Private signing keys of the test databases go to a throw-away folder, never the user's.
if "MOVEMENT_DESK_KEY_DIR" not in os.environ:
    import tempfile

    os.environ["MOVEMENT_DESK_KEY_DIR"] = tempfile.mkdtemp(prefix="movement-desk-test-keys-")
# A cheap password hash for the suite and the subprocesses it starts (the program refuses it
# outside pytest; tests/services/test_passwords.py checks the real cost).
os.environ.setdefault("MOVEMENT_DESK_TEST_HASH_COST", "1024")

REPO_ROOT = Path(__file__).resolve().parent.parent

# Fixtures of the accounts feature: fast_hashing, people (one account per role).
pytest_plugins = ["tests.account_fixtures"]


def pytest_addoption(parser):
    from tests import server_backend

    server_backend.add_option(parser)


def pytest_configure(config):
    from tests import server_backend

    server_backend.configure(config)


def pytest_collection_modifyitems(config, items):
    from tests import server_backend

    server_backend.deselect(config, items)  # file-only tests on --backend=postgresql


@pytest.fixture(scope="session")
def backend(request) -> str:
    """ "sqlite" (the default) or "postgresql" (``--backend=postgresql``, issue 17)."""
    from tests import server_backend

    return server_backend.backend(request.config)


@pytest.fixture(autouse=True)
def _second_databases(backend: str):
    """On the server: drop the databases a test made besides its own (packages' sender and
    receiver…; ``server_backend.database_copy``)."""
    yield
    if backend == "postgresql":
        from tests import server_backend

        server_backend.drop_made_databases()


@pytest.fixture
def db_path(request, tmp_path: Path, backend: str):
    """The test's database: a file, or on ``--backend=postgresql`` the URL of an empty
    database of its own on the test server (dropped afterwards; when the test uses
    ``database`` or ``small_demo``, that fixture makes it from its template instead of an
    empty one)."""
    if backend == "postgresql":
        from tests import server_backend

        name = server_backend.new_database_name()
        if {"database", "small_demo"} & set(request.fixturenames):
            yield server_backend.url_for(name)
        else:
            yield server_backend.create_database(name)
        server_backend.drop_database(name)
        return
    yield tmp_path / "test.sqlite3"


@pytest.fixture(scope="session")
def template_db(tmp_path_factory, backend: str):
    """A database with the bundled reference data, built once and copied for each test."""
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin.bootstrap import prepare_database

    if backend == "postgresql":
        from tests import server_backend

        name = server_backend.new_database_name("md_template")
        url = server_backend.create_database(name)
        prepare_database(url)
        close_database()
        yield url
        server_backend.drop_database(name)
        return
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    prepare_database(path)
    close_database()
    yield path


@pytest.fixture
def database(db_path: Path, template_db: Path, backend: str):
    """A fresh database with the bundled units and model-type catalogue, closed afterwards."""
    import sqlite3

    from movement_desk.db.connection import close_database
    from movement_desk.services.admin.bootstrap import prepare_database

    if backend == "postgresql":
        from tests import server_backend

        name = server_backend.name_of(db_path)
        server_backend.create_database(name, template=server_backend.name_of(template_db))
        handle = prepare_database(db_path)
        yield handle
        close_database()
        return
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
    from movement_desk.services.core.actor import LOCAL_ACTOR

    return LOCAL_ACTOR


@pytest.fixture(scope="session")
def small_demo_template(tmp_path_factory, template_db, backend: str):
    """The ``small`` demo built once (on the reference data), copied for each test."""
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin import demo
    from movement_desk.services.admin.bootstrap import prepare_database
    from tests import server_backend

    if backend == "postgresql":
        name = server_backend.new_database_name("md_small_demo")
        target = server_backend.create_database(name, template=server_backend.name_of(template_db))
    else:
        target = tmp_path_factory.mktemp("small-demo") / "small-demo.sqlite3"
        _copy_sqlite(template_db, target)
    prepare_database(target)
    demo.build_demo("small", seed=7)
    close_database()
    yield target
    if backend == "postgresql":
        server_backend.drop_database(name)


@pytest.fixture
def small_demo(request, db_path, small_demo_template, backend: str):
    """The ``small`` demo data set (one district, 2025-2026) in the test database."""
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin.bootstrap import prepare_database

    if "database" in request.fixturenames:
        request.getfixturevalue("database")  # set up first, its content replaced here
        close_database()
    if backend == "postgresql":
        from tests import server_backend

        server_backend.create_database(
            server_backend.name_of(db_path), template=server_backend.name_of(small_demo_template)
        )
    else:
        _copy_sqlite(small_demo_template, db_path)
    yield prepare_database(db_path)
    close_database()


def _copy_sqlite(source: Path, target: Path) -> None:
    """SQLite's backup API: a whole, consistent copy (never a copy of a WAL-mode file)."""
    import sqlite3

    reader, writer = sqlite3.connect(source), sqlite3.connect(target)
    with writer:
        reader.backup(writer)
    reader.close()
    writer.close()


def run_cli(
    *args: str,
    db: Path | None = None,
    env: dict | None = None,
    input_text: str | None = None,
    timeout: int = 180,
    subprocess_run: bool = False,
) -> subprocess.CompletedProcess:
    """Run the command line with ``ARGS`` as a user would, and return its exit code and output.

    In-process through ``cli.main(argv)`` (fast); ``subprocess_run=True`` starts
    ``python -m movement_desk.cli`` instead, for the smoke tests of the real process.
    """
    argv = [*args]
    if db is not None:
        argv += ["--db", str(db)]
    # A test that kills the program half-way needs a process of its own.
    dies = "MOVEMENT_DESK_TEST_CRASH_AFTER_RECORDS" in (env or {})
    if not (subprocess_run or dies):
        return _run_cli_in_process(argv, env or {}, input_text)
    full_env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "PYTHONIOENCODING": "utf-8",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "movement_desk.cli", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        input=input_text,
        timeout=timeout,
        cwd=REPO_ROOT,
    )


@contextmanager
def _environment(changes: dict):
    saved = os.environ.copy()
    os.environ.update(changes)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _run_cli_in_process(
    argv: list[str], env: dict, input_text: str | None
) -> subprocess.CompletedProcess:
    """``cli.main(argv)`` with its own environment, stdin and captured output; the database the
    test had open stays the current one afterwards."""
    from movement_desk import cli
    from movement_desk.db.connection import db as proxy

    previous = proxy.obj
    stdout, stderr = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = io.StringIO(input_text or "")
    try:
        with _environment(env), redirect_stdout(stdout), redirect_stderr(stderr):
            try:
                code = cli.main(argv)
            except SystemExit as exc:  # argparse: --help, usage errors
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.stdin = saved_stdin
        proxy.initialize(previous)
    return subprocess.CompletedProcess(argv, code, stdout.getvalue(), stderr.getvalue())


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
