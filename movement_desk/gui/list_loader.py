"""List queries (count, a page, the id list, totals) on a worker thread, newest first.

A list model hands each query to its ``QueryWorker`` as a plain function. The worker runs
them one at a time on its own thread and database connection; a query submitted with
``supersede=True`` (a new search text, filter or sort) drops the queued ones and interrupts
the one running (``sqlite3.Connection.interrupt``), so a stale query never delays the
newest keystroke. Results come back to the GUI thread through a queued signal.

``wait(ticket, ms)`` lets the model take a result that is ready within a few milliseconds
at once (a small database then behaves exactly as if the query ran on the GUI thread); a
longer query leaves the window responsive and arrives later. Nothing here touches widgets.
The worker thread ends, closing its connection, after a short idle time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import peewee
from PySide6.QtCore import QCoreApplication, QObject, Signal

from movement_desk.db.connection import close_database, db

IDLE_SECONDS = 5.0


class QueryCancelled(Exception):
    """A newer query replaced this one before it finished."""


def _interrupt(connection) -> None:
    """Stop the statement running on a worker's connection (from the GUI thread): SQLite's
    ``interrupt``, a server's cancel request (psycopg's ``cancel``, safe from another thread;
    a psycopg connection has no ``interrupt``)."""
    stop = getattr(connection, "interrupt", None) or connection.cancel
    stop()


def _was_interrupted(exc: BaseException) -> bool:
    """Whether a query failed because ``_interrupt`` stopped it: SQLite says "interrupted",
    a server cancels it with SQLSTATE 57014 (query_canceled, in the server's own language)."""
    if "interrupt" in str(exc).lower():
        return True
    # peewee wraps the driver's error: the original is its context, cause or first argument.
    for original in (exc, exc.__context__, exc.__cause__, exc.args[0] if exc.args else None):
        code = getattr(original, "pgcode", None) or getattr(original, "sqlstate", None)
        if code == "57014":
            return True
    return False


@dataclass
class _Job:
    ticket: int
    work: Callable[[], object]
    done: threading.Event
    result: object = None
    error: BaseException | None = None
    taken: bool = False


class _Relay(QObject):
    finished = Signal(int)


class QueryWorker(QObject):
    """One worker thread for one list; emits ``finished(ticket)`` on the GUI thread."""

    finished = Signal(int)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._lock = threading.Condition()
        self._queue: list[_Job] = []
        self._jobs: dict[int, _Job] = {}
        self._ticket = 0
        self._oldest_wanted = 0
        self._running: _Job | None = None
        self._connection = None
        self._thread: threading.Thread | None = None
        self._relay = _Relay()
        self._relay.finished.connect(self.finished)

    # -- GUI thread ---------------------------------------------------------------------------
    def submit(self, work: Callable[[], object], *, supersede: bool = False) -> int:
        """Queue ``work``; with ``supersede`` every older query is dropped or interrupted."""
        with self._lock:
            self._ticket += 1
            job = _Job(self._ticket, work, threading.Event())
            self._jobs[job.ticket] = job
            if supersede:
                self._oldest_wanted = job.ticket
                for old in self._queue:
                    self._cancel(old)
                    self._jobs.pop(old.ticket, None)  # no one will take its result
                self._queue.clear()
                running = self._running
                if running is not None and self._connection is not None:
                    _interrupt(self._connection)
            self._queue.append(job)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="movement_desk-list", daemon=True
                )
                self._thread.start()
            self._lock.notify()
        return job.ticket

    def wait(self, ticket: int, milliseconds: float) -> bool:
        """Block at most ``milliseconds`` for ``ticket``; True when its result is ready."""
        job = self._jobs.get(ticket)
        return job is not None and job.done.wait(max(milliseconds, 0) / 1000)

    def take(self, ticket: int) -> tuple[bool, object, BaseException | None]:
        """(ready, result, error) of a finished query, once; later calls say not ready."""
        with self._lock:
            job = self._jobs.get(ticket)
            if job is None or not job.done.is_set() or job.taken:
                return False, None, None
            job.taken = True
            del self._jobs[ticket]
            return True, job.result, job.error

    def is_current(self, ticket: int) -> bool:
        return ticket >= self._oldest_wanted

    def stop(self, milliseconds: int = 5000) -> None:
        """Drop the queue, interrupt the running query and let the thread end."""
        with self._lock:
            self._oldest_wanted = self._ticket + 1
            for old in self._queue:
                self._cancel(old)
            self._queue.clear()
            if self._running is not None and self._connection is not None:
                _interrupt(self._connection)
            self._lock.notify()
            thread = self._thread
        if thread is not None:
            thread.join(milliseconds / 1000)

    # -- worker thread ------------------------------------------------------------------------
    @staticmethod
    def _cancel(job: _Job) -> None:
        job.error = QueryCancelled()
        job.done.set()

    def _next(self) -> _Job | None:
        with self._lock:
            if not self._queue:
                self._lock.wait(IDLE_SECONDS)
            if not self._queue:
                self._thread = None if self._thread is threading.current_thread() else self._thread
                return None
            job = self._queue.pop(0)
            self._running = job
            return job

    def _run(self) -> None:
        try:
            self._connection = db.connection()
            while True:
                job = self._next()
                if job is None:
                    return
                self._execute(job)
                with self._lock:
                    self._running = None
                job.done.set()
                self._relay.finished.emit(job.ticket)
        finally:
            self._connection = None
            close_database()

    def _execute(self, job: _Job) -> None:
        for attempt in range(2):
            if not self.is_current(job.ticket):
                job.error = QueryCancelled()
                return
            try:
                job.result = job.work()
                job.error = None
                return
            except (peewee.OperationalError, peewee.DatabaseError) as exc:
                if not _was_interrupted(exc):
                    job.error = exc
                    return
                # Interrupted for a newer query, or hit by one meant for the query before it.
                job.error = QueryCancelled()
                if attempt:
                    return
            except BaseException as exc:  # handed to the GUI thread, which decides
                job.error = exc
                return


class LatestResult(QObject):
    """One value read on a worker thread (the Home figures, the status bar's counts): each
    request supersedes the one before, and the newest result goes to ``apply`` on the GUI
    thread, at once when it is ready within the wait asked for, else when it arrives."""

    def __init__(self, parent: QObject | None, apply: Callable[[object], None]):
        super().__init__(parent)
        self._apply = apply
        self._ticket: int | None = None
        self._deferred: Callable[[], object] | None = None
        self.worker = QueryWorker(self)
        self.worker.finished.connect(self._deliver)
        application = QCoreApplication.instance()
        if application is not None:  # quitting interrupts what is still being read
            application.aboutToQuit.connect(self.stop)

    def stop(self) -> None:
        """Drop what was asked and interrupt the query running (without waiting for it)."""
        self._deferred = None
        self._ticket = None
        self.worker.stop(0)

    @property
    def pending(self) -> bool:
        return self._ticket is not None or self._deferred is not None

    def request(
        self, work: Callable[[], object], wait_ms: float = 0, *, after_painting=None
    ) -> None:
        """Read ``work()`` on the worker thread. With ``after_painting`` (a widget), not
        before that widget has first painted: a window opening is not slowed by a thread
        that shares the interpreter with it (``wait`` starts it sooner if asked)."""
        if after_painting is not None:
            from movement_desk.gui import startup_probe

            self._deferred = work
            startup_probe.quit_when_painted(after_painting, self._start_deferred)
            return
        self._deferred = None
        self._ticket = self.worker.submit(work, supersede=True)
        if wait_ms > 0:
            self.wait(wait_ms)

    def _start_deferred(self) -> None:
        if self._deferred is not None:
            self.request(self._deferred)

    def wait(self, milliseconds: float = 30_000) -> bool:
        """Block at most ``milliseconds`` for the newest request; True once it is applied."""
        self._start_deferred()
        ticket = self._ticket
        if ticket is not None and self.worker.wait(ticket, milliseconds):
            self._deliver(ticket)
        return self._ticket is None

    def _deliver(self, ticket: int) -> None:
        ready, result, error = self.worker.take(ticket)
        if not ready or ticket != self._ticket:
            return
        self._ticket = None
        if isinstance(error, QueryCancelled):
            return
        if error is not None:
            raise error
        self._apply(result)
