"""peewee loads without the PostgreSQL driver (``movement_desk._WithoutPostgresDriver``) and gets
it when a server database is made (``postgres.give_peewee_its_driver``)."""

import subprocess
import sys

import pytest

CHECK = """
import sys
import movement_desk.cli
import peewee
assert "psycopg2" not in sys.modules and "ssl" not in sys.modules, "driver loaded at start"
assert peewee.psycopg2 is None
from movement_desk.db import postgres
database = postgres.build_server_database("postgresql://nobody@127.0.0.1:1/none")
import psycopg2
from psycopg2 import extensions
from psycopg2.extras import Json
assert peewee.psycopg2 is psycopg2 and peewee.pg_extensions is extensions
assert type(database._adapter) is peewee.Psycopg2Adapter and database._adapter.json_type is Json
assert peewee.Psycopg2Adapter.txn_idle == extensions.TRANSACTION_STATUS_IDLE
assert peewee.Psycopg2Adapter.txn_inerror == extensions.TRANSACTION_STATUS_INERROR
assert peewee.Psycopg2Adapter.txn_unknown == extensions.TRANSACTION_STATUS_UNKNOWN
try:
    database.connect()
except peewee.OperationalError:
    pass  # refused by the (absent) server: the driver was reached
else:
    raise AssertionError("connected to nothing")
"""


def test_the_driver_loads_only_for_a_server_database():
    pytest.importorskip("psycopg2")
    # A fresh interpreter: this one loaded peewee and the driver long ago.
    subprocess.run([sys.executable, "-c", CHECK], check=True)
