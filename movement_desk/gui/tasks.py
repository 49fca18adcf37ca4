"""Long work (an import, an export, a report, a batch of certificates, a backup) off the GUI
thread, with a progress dialog. The application's one task helper.

``run_task`` starts ``work(progress)`` on a worker thread; ``progress(done, total)`` updates
the dialog and raises ``TaskCancelled`` once the user pressed Cancel, so the work stops at its
next step (a service's transaction then rolls back). The result or the exception comes back
to ``on_done`` / ``on_error`` on the GUI thread: widgets are touched only there. Work that
must not stop halfway (a restore) passes ``cancellable=False``: the dialog has no Cancel.
The worker thread's own database connection is closed when the work ends.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from movement_desk import error_log
from movement_desk.db.connection import close_database, set_thread_write_waiter
from movement_desk.services.core.errors import ServiceError

# ``progress(WAITING, 0)``: the work waits for another user's write; ``WAITED``: it goes on.
WAITING, WAITED = -1, -2


def give_memory_back() -> None:
    """Return the memory a large task freed to the system (an export of 130.000 rows leaves
    ~35 MB in the C allocator's per-thread pool otherwise, and the window looks bigger)."""
    gc.collect()
    if sys.platform.startswith("linux"):
        # Not glibc (musl): nothing to trim.
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


class TaskCancelled(Exception):
    """The user pressed Cancel."""


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from the worker arrive queued."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class BackgroundTask(QObject):
    """One piece of work on a worker thread; keep a reference until ``finished``."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        label: str,
        work: Callable[[Callable[[int, int], None]], object],
        on_done: Callable[[object], None],
        on_error: Callable[[BaseException], None],
        *,
        cancellable: bool = True,
    ):
        super().__init__(parent)
        self._work = work
        self._on_done = on_done
        self._on_error = on_error
        self._cancel = threading.Event()
        self.cancellable = cancellable
        self._label = label
        self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setObjectName("task_progress")
        if not cancellable:
            self.dialog.setCancelButton(None)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._cancel.set)
        self._relay = _Relay()
        self._relay.progressed.connect(self._on_progressed)
        self._relay.succeeded.connect(self._on_succeeded)
        self._relay.failed.connect(self._on_failed)
        self._thread = threading.Thread(target=self._run, name="movement_desk-task", daemon=True)
        self.done = False

    def start(self) -> BackgroundTask:
        self._thread.start()
        return self

    def cancel(self) -> None:
        if self.cancellable:
            self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise TaskCancelled()
        self._relay.progressed.emit(int(done), int(total))

    def _wait_for_writer(self, state: bool | None) -> None:
        """While a write of the work waits for another user's write (see
        ``connection.set_thread_write_waiter``): the dialog says so; Cancel gives up."""
        if state is False:
            self._relay.progressed.emit(WAITED, 0)
            return
        if self._cancel.is_set():
            raise TaskCancelled()
        if state is True:
            self._relay.progressed.emit(WAITING, 0)

    def _run(self) -> None:
        set_thread_write_waiter(self._wait_for_writer)
        try:
            result = self._work(self._progress)
            if self._cancel.is_set():
                raise TaskCancelled()
        except BaseException as exc:  # handed to the GUI thread, which decides what to say
            if not isinstance(exc, (TaskCancelled, ServiceError)):
                # what the message shows in a line, the log keeps with its traceback
                error_log.logger.warning("background task failed", exc_info=exc)
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)
        finally:
            set_thread_write_waiter(None)
            close_database()  # this thread's own connection
            give_memory_back()

    def _on_progressed(self, done: int, total: int) -> None:
        waiting = self.tr("Waiting for another user to finish writing…")
        if done == WAITED or (done >= 0 and self.dialog.labelText() == waiting):
            self.dialog.setLabelText(self._label)  # the wait is over
        if done == WAITED:
            return
        if done < 0:  # the work waits for another user's write to finish
            self.dialog.setLabelText(waiting)
            self.dialog.setMaximum(0)
            return
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))

    def _close_dialog(self) -> None:
        self.dialog.reset()
        self.dialog.close()
        self.dialog.deleteLater()

    def _finished(self) -> None:
        # After the callback, so a caller waiting for ``done`` sees what the callback did.
        self.done = True
        self.finished.emit()

    def _on_succeeded(self, result: object) -> None:
        self._close_dialog()
        try:
            self._on_done(result)
        finally:
            self._finished()

    def _on_failed(self, exc: BaseException) -> None:
        self._close_dialog()
        try:
            self._on_error(exc)
        finally:
            self._finished()

    def wait(self, milliseconds: int = 30_000) -> bool:
        """Block until the worker thread ends (closing a window, tests); True if it did."""
        self._thread.join(milliseconds / 1000)
        return not self._thread.is_alive()


_running: set[BackgroundTask] = set()


def run_task(
    parent: QWidget | None,
    label: str,
    work: Callable[[Callable[[int, int], None]], object],
    on_done: Callable[[object], None],
    on_error: Callable[[BaseException], None],
    *,
    cancellable: bool = True,
    start: bool = True,
) -> BackgroundTask:
    """Start ``work`` on a worker thread with a progress dialog (cancellable unless told).

    With ``start=False`` the caller keeps the task before it runs and calls ``start()``.
    """
    task = BackgroundTask(parent, label, work, on_done, on_error, cancellable=cancellable)
    _running.add(task)
    task.finished.connect(lambda: _running.discard(task))
    return task.start() if start else task
