"""The Qt binding itself: a guard for a PySide6 bug that crashed the interpreter at exit."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO_ROOT

# Connecting and disconnecting a slot a few thousand times, as pytest-qt's waitSignal and
# qtmodeltester do: PySide6 6.12.0 dropped a reference to True on each disconnect, so the
# process aborted at exit with "bool_dealloc". pyproject.toml pins PySide6 below 6.12 for it.
SCRIPT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QObject, Signal

class Sender(QObject):
    fired = Signal()

def slot():
    pass

sender = Sender()
before = sys.getrefcount(True), sys.getrefcount(False)
for _ in range(3000):
    sender.fired.connect(slot)
    sender.fired.disconnect(slot)
after = sys.getrefcount(True), sys.getrefcount(False)
print(after[0] - before[0], after[1] - before[1])
"""


def test_connecting_and_disconnecting_slots_keeps_the_interpreter_whole():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    true_drift, false_drift = map(int, result.stdout.split())
    assert abs(true_drift) < 100 and abs(false_drift) < 100
