"""Run every benchmark: ``python benchmarks/run.py [NAME ...]`` from the project root.

Each benchmark prints our time beside a baseline measured in the same run and their ratio.
The stress database is built once under benchmarks/out/ (``--rebuild`` builds it again).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    import benchmarks
    from benchmarks.common import stress_database

    wanted = [a for a in argv if not a.startswith("--")]
    stress_database(rebuild="--rebuild" in argv)
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if info.name.startswith("bench_")
    )
    for name in names:
        if wanted and not any(w in name for w in wanted):
            continue
        print(f"\n== {name}")
        module = importlib.import_module(f"benchmarks.{name}")
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
