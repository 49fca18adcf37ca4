"""Start-up of the desktop bundle beside ``python main.py``: what the user waits for.

    python benchmarks/bench_bundle.py [--bundle dist/movement-desk/movement-desk] [--runs 5]

Two measures, each the median of ``--runs`` cold-ish runs (one warm-up first):
- ``--version``: the interpreter and the command line up, nothing else;
- ``window-check --seconds 0``: sign in, open the database, build and show the main window
  (offscreen), close it: the wait between a double-click and a usable window.
Baseline beside them: ``python -c pass`` (the honest minimum of starting Python at all).
Also prints the bundle's size on disk. Build the bundle first: ``scripts/build-bundle``.

Measured 29/11/2026 on the shared 2-core Linux machine (PyInstaller 6.22, PySide6 6.11, two
runs of 5 and 7; the machine was busy, so the spread is wide):
    bundle: 193 MiB in 315 files (QtWebEngine, QML, 3D, multimedia and Qt's translations out;
            ICU data 31 MiB, Qt Gui/Widgets/Core 26 MiB, Python 35 MiB; 80 MiB as .tar.gz)
    after merging #11 (cryptography): 209 MiB in 328 files
    python -c pass                 0.04 – 0.12 s
    python main.py --version       0.19 – 0.83 s     bundle --version       0.66 – 1.01 s
    python main.py window-check    2.83 – 3.63 s     bundle window-check    1.86 – 2.37 s
The bundle starts its interpreter slower (it unpacks nothing, but loads its own libpython and
the archive index) and opens the window no slower than the source tree.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BUNDLE = ROOT / "dist" / "movement-desk" / "movement-desk"


def _median_time(command: list[str], env: dict[str, str], cwd: Path, runs: int) -> float:
    times = []
    for attempt in range(runs + 1):
        started = time.perf_counter()
        subprocess.run(command, env=env, cwd=cwd, check=True, capture_output=True)
        if attempt:  # the first run warms the disk cache
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.bundle.exists():
        print(f"bench_bundle: no bundle at {args.bundle}; run scripts/build-bundle first")
        return
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            MOVEMENT_DESK_PASSWORD="demo12345",
            XDG_DATA_HOME=str(work / "data"),
            XDG_CONFIG_HOME=str(work / "config"),
        )
        # A small demo database with its accounts (the stress database of benchmarks/run.py
        # has none), built by the bundle itself.
        db = work / "demo.sqlite3"
        subprocess.run(
            [str(args.bundle), "demo", "--scale", "small", f"--db={db}"],
            env=env,
            cwd=work,
            check=True,
            capture_output=True,
        )
        source = [sys.executable, str(ROOT / "main.py")]
        window = ["window-check", f"--db={db}", "--user", "quantri", "--seconds", "0"]
        rows = [
            (
                "python -c pass (minimum)",
                _median_time([sys.executable, "-c", "pass"], env, work, args.runs),
            ),
            (
                "python main.py --version",
                _median_time([*source, "--version"], env, work, args.runs),
            ),
            (
                "bundle --version",
                _median_time([str(args.bundle), "--version"], env, work, args.runs),
            ),
            ("python main.py window-check", _median_time([*source, *window], env, work, args.runs)),
            (
                "bundle window-check",
                _median_time([str(args.bundle), *window], env, work, args.runs),
            ),
        ]
    size, count = _size(args.bundle.parent)
    print(f"bundle {args.bundle.parent}: {size / 2**20:.0f} MiB in {count} files")
    for label, seconds in rows:
        print(f"  {label:<32} {seconds:6.2f} s (median of {args.runs})")
    print(f"  bundle / source, window: {rows[4][1] / rows[3][1]:.2f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
