"""The log file of unexpected errors, shared by the window and the command line: the user gets
a sentence, the details (the traceback) go to ``movement_desk.log`` in the data folder."""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

from movement_desk.paths import data_dir


def log_exception(exc: BaseException) -> Path:
    """Append ``exc`` with its traceback to the log; return the log's path (even when the
    folder cannot be written: the message still names where the log would be)."""
    log = data_dir() / "movement_desk.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
            handle.write("".join(traceback.format_exception(exc)))
    except OSError:
        pass
    return log
