"""The house rules of docs/architecture.md, checked on the source: no import cycle in
``movement_desk``, imports pointing one way between the layers, and no import inside a
function where the layers below the window and the command line are concerned.

The imports are read with ``ast`` (nothing is imported), every ``import`` statement counts,
at the top of a module or inside a function. ``test_core_layers_do_not_load_qt`` in
tests/cli/test_cli.py checks the same "no Qt" rule at run time.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "movement_desk"

# Feature packages of services/ (services/core imports none of them); the flat modules left in
# services/ are features too (packages, reports and their neighbours).
CORE = "movement_desk.services.core"

# Known exceptions, each to be removed by the work named (never add one without a reason).
# gui and cli still reach the database seam and the backups for the restore of an unopenable
# database, the change marker and the write waiter: issue #15 item 4 (one restore service).
SEAM_EXCEPTIONS = {
    "movement_desk.cli.admin": {"movement_desk.db.backup", "movement_desk.db.connection"},
    "movement_desk.cli.common": {"movement_desk.db.backup"},
    "movement_desk.gui.app": {"movement_desk.db.backup", "movement_desk.db.connection"},
    "movement_desk.gui.list_loader": {"movement_desk.db.connection"},
    "movement_desk.gui.maintenance_actions": {"movement_desk.db.backup"},
    "movement_desk.gui.tasks": {"movement_desk.db.connection"},
}
# Function-local imports below gui/ and cli/ in modules that other work is rewriting now
# (services/packages.py and package_file.py become services/packages/, reports.py
# services/reports/; a module of those packages counts too): to be moved to the top.
LOCAL_IMPORT_EXCEPTIONS = {
    "movement_desk.services.packages",
    "movement_desk.services.package_file",
    "movement_desk.services.reports",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str) -> list[tuple[str, bool, int]]:
    """(imported module, inside a function, line) for every import in module ``name``."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    local = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            local.update(
                id(inner)
                for inner in ast.walk(node)
                if isinstance(inner, ast.Import | ast.ImportFrom)
            )
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = name.split(".")
                if path.name != "__init__.py":
                    parts = parts[:-1]
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            # "from package import module" names the module; "from module import name" the module
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        found.extend((target, id(node) in local, node.lineno) for target in targets)
    return found


IMPORTS = {name: _imports(name) for name in MODULES}

# records/kind_parts.py imports each kind's own module by the name records/kinds.py gives it
# (``RecordKind(..., module="sessions")``): those imports count like written ones.
KIND_PARTS = "movement_desk.services.records.kind_parts"


def _kind_modules() -> list[str]:
    tree = ast.parse(MODULES["movement_desk.services.records.kinds"].read_text(encoding="utf-8"))
    return sorted(
        {
            f"movement_desk.services.records.{node.value.value}"
            for node in ast.walk(tree)
            if isinstance(node, ast.keyword)
            and node.arg == "module"
            and isinstance(node.value, ast.Constant)
        }
    )


IMPORTS[KIND_PARTS] = [*IMPORTS[KIND_PARTS], *((name, False, 0) for name in _kind_modules())]


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _graph() -> dict[str, set[str]]:
    return {
        name: {target for target, _, _ in found if target in MODULES and target != name}
        for name, found in IMPORTS.items()
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_in_movement_desk():
    assert _cycles(_graph()) == []


def test_the_kinds_own_modules_count_as_imports_of_kind_parts():
    assert "movement_desk.services.records.sessions" in _graph()[KIND_PARTS]
    assert all(name in MODULES for name in _kind_modules())


def _violations(rule) -> list[str]:
    return [
        f"{name}:{line} imports {target}"
        for name, found in IMPORTS.items()
        for target, local, line in found
        if rule(name, target, local)
    ]


@pytest.mark.parametrize(
    "layer", ["movement_desk.db", "movement_desk.services", "movement_desk.pdf"]
)
def test_layers_below_the_window_import_no_qt(layer):
    assert (
        _violations(lambda name, target, _: _inside(name, layer) and _inside(target, "PySide6"))
        == []
    )


def test_pdf_imports_no_database():
    assert (
        _violations(
            lambda name, target, _: (
                _inside(name, "movement_desk.pdf") and _inside(target, "movement_desk.db")
            )
        )
        == []
    )


def test_db_imports_nothing_above_it():
    above = (
        "movement_desk.services",
        "movement_desk.pdf",
        "movement_desk.gui",
        "movement_desk.cli",
    )
    assert (
        _violations(
            lambda name, target, _: (
                _inside(name, "movement_desk.db") and any(_inside(target, layer) for layer in above)
            )
        )
        == []
    )


def test_services_and_pdf_import_neither_window_nor_command_line():
    assert (
        _violations(
            lambda name, target, _: (
                (_inside(name, "movement_desk.services") or _inside(name, "movement_desk.pdf"))
                and (_inside(target, "movement_desk.gui") or _inside(target, "movement_desk.cli"))
            )
        )
        == []
    )


def test_window_and_command_line_use_services_not_the_database_seam():
    def rule(name, target, _):
        if not (_inside(name, "movement_desk.gui") or _inside(name, "movement_desk.cli")):
            return False
        seam = target in ("movement_desk.db.connection", "movement_desk.db.backup")
        return seam and target not in SEAM_EXCEPTIONS.get(name, ())

    assert _violations(rule) == []


def test_the_seam_exceptions_are_still_needed():
    """An exception that is no longer used is removed from the list (it only shrinks)."""
    for name, targets in SEAM_EXCEPTIONS.items():
        imported = {target for target, _, _ in IMPORTS[name]}
        assert targets <= imported, f"{name}: {targets - imported} no longer imported"


def test_services_core_imports_only_db_and_itself():
    allowed = (CORE, "movement_desk.db", "movement_desk.vietnamese", "movement_desk.paths")

    def rule(name, target, _):
        if not _inside(name, CORE) or not _inside(target, "movement_desk"):
            return False
        return not any(_inside(target, package) for package in allowed)

    assert _violations(rule) == []


# A function-local import below the window and the command line that keeps a module out of
# the commands' start-up says so in a comment on the line before it: "# start-up: <why>".
START_UP_MARK = "# start-up:"


def _explained(name: str, line: int) -> bool:
    lines = MODULES[name].read_text(encoding="utf-8").splitlines()
    return line >= 2 and lines[line - 2].strip().startswith(START_UP_MARK)


def test_no_import_inside_a_function_below_the_window_and_the_command_line():
    """A function-local import that dodges a cycle is a module on the wrong floor. The window
    and the command line load pages and commands on demand (said where they do); below them
    a module is loaded when first needed only to keep it out of the commands' start-up, and
    the line before the import says so (``START_UP_MARK``)."""
    found = _violations(
        lambda name, target, local: (
            local
            and _inside(target, "movement_desk")
            and not _inside(name, "movement_desk.gui")
            and not _inside(name, "movement_desk.cli")
            and not any(_inside(name, package) for package in LOCAL_IMPORT_EXCEPTIONS)
        )
    )
    unexplained = [
        v for v in found if not _explained(v.split(":")[0], int(v.split(":")[1].split(" ")[0]))
    ]
    assert unexplained == []
