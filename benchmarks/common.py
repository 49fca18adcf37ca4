"""Shared benchmark helpers: the cached stress database, best-of timing, ratio lines."""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent / "out"
STRESS_DB = OUT_DIR / "stress.sqlite3"


def stress_database(rebuild: bool = False) -> Path:
    """The ``stress`` demo database (130.000 sessions), built once and kept under benchmarks/out."""
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin import demo
    from movement_desk.services.admin.bootstrap import prepare_database

    if STRESS_DB.exists() and not rebuild:
        return STRESS_DB
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    partial = STRESS_DB.with_suffix(".building")
    for leftover in OUT_DIR.glob("stress.building*"):
        leftover.unlink()
    started = time.perf_counter()
    prepare_database(partial)
    counts = demo.build_demo("stress", seed=2024)
    close_database()
    shutil.move(partial, STRESS_DB)
    print(f"built stress database in {time.perf_counter() - started:.1f} s: {counts}")
    return STRESS_DB


def copy_database(source: Path, target: Path) -> Path:
    """A private copy through SQLite's backup API (never a raw copy of a WAL file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


def median_time(action: Callable[[], object], runs: int) -> float:
    """The median of ``runs`` timings of ``action``, after one run to warm it."""
    action()  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def best_of(function: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs, in seconds (the least disturbed by other work)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def report(name: str, ours: float, baseline: float, aim: float | None = None) -> float:
    ratio = ours / baseline if baseline else float("inf")
    verdict = ""
    if aim is not None:
        verdict = "  ok" if ratio <= aim else f"  ABOVE AIM ({aim:g}x)"
    print(
        f"{name:<46} ours {ours * 1000:9.1f} ms   baseline {baseline * 1000:9.1f} ms   ratio {ratio:5.2f}x{verdict}"
    )
    return ratio
