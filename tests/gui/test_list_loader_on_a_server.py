"""A newer list query on a server database (issue 17) stops the running one the server's way
(gui/list_loader.py): psycopg connections have ``cancel()`` and no ``interrupt()`` (typing a
second letter while a list was read raised AttributeError), and the query the server cancels
(SQLSTATE 57014, worded in the server's own language) counts as replaced, not as an error.
tests/gui/test_list_loader.py runs the real thing with ``--backend=postgresql``."""

from __future__ import annotations

import peewee

from movement_desk.gui import list_loader


class ServerConnection:
    """What psycopg's connection offers to stop a statement from another thread."""

    def __init__(self):
        self.cancelled = 0

    def cancel(self) -> None:
        self.cancelled += 1


class QueryCanceled(Exception):
    pgcode = "57014"  # query_canceled


def test_the_running_statement_of_a_server_is_cancelled():
    connection = ServerConnection()
    list_loader._interrupt(connection)
    assert connection.cancelled == 1


def test_a_query_the_server_cancelled_counts_as_replaced():
    try:
        try:
            raise QueryCanceled("đang hủy câu lệnh theo yêu cầu của người dùng")
        except QueryCanceled as exc:
            raise peewee.OperationalError(*exc.args)  # noqa: B904 - as peewee 4 wraps it
    except peewee.OperationalError as wrapped:
        assert list_loader._was_interrupted(wrapped)
    assert list_loader._was_interrupted(peewee.OperationalError("interrupted"))  # SQLite
    assert not list_loader._was_interrupted(peewee.OperationalError("no such table: unit"))
