"""Run the tests on PostgreSQL too (issue 17): ``pytest --backend=postgresql`` with
``$MOVEMENT_DESK_TEST_PG`` naming a maintenance database of a throw-away server, e.g.
``postgresql://postgres@127.0.0.1:54329/postgres`` (see .ci/run).

Each test gets a database of its own, copied from a template database prepared once
(``CREATE DATABASE … TEMPLATE``), and dropped afterwards. A server that cannot be reached
FAILS the test: it never skips.
"""

from __future__ import annotations

import itertools
import os
from urllib.parse import urlsplit, urlunsplit

import pytest

PG_ENV_VAR = "MOVEMENT_DESK_TEST_PG"
BACKEND_ENV_VAR = "MOVEMENT_DESK_TEST_BACKEND"
_counter = itertools.count(1)


def add_option(parser) -> None:
    parser.addoption(
        "--backend",
        choices=("sqlite", "postgresql"),
        default=os.environ.get(BACKEND_ENV_VAR, "sqlite"),
        help="database backend of the tests (postgresql: needs $MOVEMENT_DESK_TEST_PG)",
    )


def backend(config) -> str:
    return config.getoption("--backend")


def admin_url() -> str:
    url = os.environ.get(PG_ENV_VAR, "")
    if not url:
        pytest.fail(f"--backend=postgresql needs ${PG_ENV_VAR} (a server's maintenance URL)")
    return url


def url_for(name: str) -> str:
    parts = urlsplit(admin_url())
    return urlunsplit(parts._replace(path="/" + name))


def _admin_connection():
    import psycopg2

    try:
        connection = psycopg2.connect(admin_url())
    except psycopg2.OperationalError as exc:  # fail, never skip
        pytest.fail(f"PostgreSQL server not reachable at {admin_url()}: {exc}")
    connection.autocommit = True
    return connection


def run_admin(*statements: str) -> None:
    connection = _admin_connection()
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        connection.close()


def new_database_name(prefix: str = "md_test") -> str:
    return f"{prefix}_{os.getpid()}_{next(_counter)}"


def create_database(name: str, template: str | None = None) -> str:
    run_admin(
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""),
    )
    return url_for(name)


def drop_database(name: str) -> None:
    from movement_desk.db.connection import close_database

    close_database()
    run_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def name_of(url: str) -> str:
    return urlsplit(url).path.lstrip("/")
