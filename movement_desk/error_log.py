"""The program's log, shared by the window and the command line: ``movement_desk.log`` beside
the database, rotated (``MAX_BYTES`` × ``BACKUP_COUNT`` old files). The user gets a sentence;
the details (the traceback) go to the log through the ``movement_desk`` logger."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
from pathlib import Path
from types import TracebackType

from movement_desk.paths import data_dir, is_server_url

LOG_NAME = "movement_desk.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

logger = logging.getLogger("movement_desk")


class _LogFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file that never interrupts the program: a log that cannot be written (a
    read-only folder, a file another process holds while rotating) is skipped in silence."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        pass


_handler: _LogFileHandler | None = None


def log_path(db_path: str | Path | None = None) -> Path:
    """Where the log of ``db_path`` is: beside it (the data folder when no database is named)."""
    if is_server_url(db_path):  # a server database (issue 17): the user's data folder
        db_path = None
    folder = Path(db_path).expanduser().resolve().parent if db_path else data_dir()
    return folder / LOG_NAME


def setup_logging(db_path: str | Path | None = None) -> Path:
    """Send the ``movement_desk`` logger to the log beside ``db_path``; returns its path.

    Called by the window and the command line when they know their database; again with
    another database (the tests, in one process) it moves the log there."""
    global _handler
    path = log_path(db_path)
    if _handler is not None and Path(_handler.baseFilename) == path:
        return path
    # A folder that cannot be made: the handler skips what it cannot write, and messages
    # still name the path.
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
    handler = _LogFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    _handler = handler
    return path


def current_log() -> Path:
    """The log being written (set up beside the default database when nothing was yet)."""
    if _handler is None:
        return setup_logging()
    return Path(_handler.baseFilename)


def log_exception(
    exc: BaseException, traceback: TracebackType | None = None, *, context: str = ""
) -> Path:
    """Write ``exc`` with its traceback to the log; return the log's path (even when the
    folder cannot be written: the message still names where the log would be)."""
    path = current_log()
    message = f"Unexpected error{f' ({context})' if context else ''}: {type(exc).__name__}"
    logger.error(message, exc_info=(type(exc), exc, traceback or exc.__traceback__))
    if _handler is not None:
        _handler.flush()
    return path
