"""Run every benchmark: ``python benchmarks/run.py [NAME ...] [--rebuild]`` from the project root.

Each benchmark prints our time beside a baseline measured in the same run and their ratio.
The stress database (130.000 sessions) is built once under benchmarks/out/ and each benchmark
that wants it gets a private copy; ``--rebuild`` builds it again. NAME picks benchmarks by part
of their module name (``foundation``, ``reports``, ``certificates``, ``packages``, ``gui``,
``accounts``).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _run(module, stress: Path) -> None:
    from benchmarks.common import copy_database

    parameters = inspect.signature(module.main).parameters
    with tempfile.TemporaryDirectory() as folder:
        if "db_path" in parameters:
            module.main(db_path=copy_database(stress, Path(folder) / "stress.sqlite3"))
        elif "argv" in parameters:
            takes_db = '"--db"' in inspect.getsource(module)
            argv = (
                ["--db", str(copy_database(stress, Path(folder) / "stress.sqlite3"))]
                if takes_db
                else []
            )
            module.main(argv)
        else:
            module.main()


def main(argv: list[str]) -> int:
    import benchmarks
    from benchmarks.common import stress_database

    wanted = [a for a in argv if not a.startswith("--")]
    stress = stress_database(rebuild="--rebuild" in argv)
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if info.name.startswith("bench_")
    )
    for name in names:
        if wanted and not any(w in name for w in wanted):
            continue
        print(f"\n== {name}", flush=True)
        _run(importlib.import_module(f"benchmarks.{name}"), stress)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
