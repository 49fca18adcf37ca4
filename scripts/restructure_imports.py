#!/usr/bin/env python3
"""Rewrite the import paths of issue #15's house plan in any set of Python files.

The modules of ``movement_desk/services/`` moved into ``services/core/`` and the feature packages
(``records/``, ``certificates/``, ``admin/``), and the command line's ``cli_*.py`` into the
``movement_desk/cli/`` package. Code written against the old paths (a branch that was started
before the move) is brought over with::

    python scripts/restructure_imports.py                 # every .py under movement_desk/ tests/
                                                          # benchmarks/ scripts/ and main.py
    python scripts/restructure_imports.py FILE_OR_DIR ... # only those
    python scripts/restructure_imports.py --check ...     # list what would change, exit 1 if any

then ``ruff check --select I --fix`` on the files it names (it sorts the rewritten import lines).
``--hand`` also lists the lines that need a change by hand (a name that is gone: KIND_NAMES,
TABLE_RULES, a command added to ``cli.COMMANDS``…). ``--reports-package``, once
``services/reports/`` is a package, moves the other report modules into it first.
It rewrites ``from movement_desk.services import audit, units`` (one line per new package, with
``as`` where a module changed its name, so the code below the imports stays as it was),
``from movement_desk.services.audit import log``, ``import movement_desk.cli_package`` and dotted
paths in strings (``monkeypatch.setattr("movement_desk.services.audit.log", ...)``). Running it
twice changes nothing the second time.

A module that was split keeps the old names importable from the module that kept the file
(``records.units`` re-exports the unit tree of ``core.unit_tree``; ``core.period_locks`` keeps
the queries, lock and unlock are in ``admin.locks``): code calling ``period_locks.lock_period``
must be changed by hand to ``admin.locks.lock_period`` (the script prints a warning).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# old dotted module -> new dotted module
MOVES: dict[str, str] = {}
_S = "movement_desk.services"
for _name in [
    "actor",
    "errors",
    "validation",
    "settings",
    "audit",
    "permissions",
    "periods",
    "filters",
    "search",
    "tabular",
    "output_files",
    "lookups",
    "signing",
    "period_locks",
]:
    MOVES[f"{_S}.{_name}"] = f"{_S}.core.{_name}"
for _name in [
    "sessions",
    "community_models",
    "commendations",
    "catalog",
    "units",
    "listing",
    "transfer",
    "organisations",
    "pledges",
    "ratings",
    "frozen",
    "unit_rules",
    "unit_tree_check",
]:
    MOVES[f"{_S}.{_name}"] = f"{_S}.records.{_name}"
MOVES[f"{_S}.records"] = f"{_S}.records.store"
MOVES[f"{_S}.certificates"] = f"{_S}.certificates.printing"
MOVES[f"{_S}.certificate_files"] = f"{_S}.certificates.files"
MOVES[f"{_S}.recognition"] = f"{_S}.certificates.recognition"
for _name in ["accounts", "passwords", "maintenance", "bootstrap", "about", "demo", "demo_ratings"]:
    MOVES[f"{_S}.{_name}"] = f"{_S}.admin.{_name}"
MOVES["movement_desk.cli_accounts"] = "movement_desk.cli.accounts"
MOVES["movement_desk.cli_keys"] = "movement_desk.cli.keys"
MOVES["movement_desk.cli_package"] = "movement_desk.cli.package"
MOVES["movement_desk.cli_ratings"] = "movement_desk.cli.ratings"
MOVES["movement_desk.cli_session"] = "movement_desk.cli.common"

# Once services/reports.py has become the package services/reports/ (``--reports-package``),
# the other report modules move into it.
REPORT_MOVES = {
    f"{_S}.report_workbook": f"{_S}.reports.workbook",
    f"{_S}.ratings_report": f"{_S}.reports.ratings_section",
    f"{_S}.dashboard": f"{_S}.reports.dashboard",
}

# Modules that became packages: "<package>.<one of these>" is already the new layout.
NEW_SUBMODULES = {
    f"{_S}.records": {
        "store",
        "kinds",
        "sessions",
        "community_models",
        "commendations",
        "catalog",
        "units",
        "listing",
        "transfer",
        "organisations",
        "pledges",
        "ratings",
        "frozen",
        "unit_rules",
        "unit_tree_check",
    },
    f"{_S}.certificates": {"printing", "files", "recognition"},
    "movement_desk.cli": {
        "accounts",
        "admin",
        "certificates",
        "common",
        "keys",
        "package",
        "ratings",
        "records",
        "reports",
        "window",
    },
}

# Names that left their module: (new module path, name) -> new module ("from" imports are
# rewritten; the module keeps no copy).
NAME_MOVES = {
    **{
        ("movement_desk.db.connection", name): "movement_desk.db.errors"
        for name in (
            "DatabaseOpenError",
            "SchemaTooNewError",
            "ForeignDatabaseError",
            "DatabaseLockedError",
        )
    },
    ("movement_desk.db.connection", "APPLICATION_ID"): "movement_desk.db.migrations",
    ("movement_desk.db.backup", "BackupError"): "movement_desk.db.errors",
    **{
        (f"{_S}.records.store", name): "movement_desk.db.bulk"
        for name in ("insert_rows", "insert_statement", "insert_converter")
    },
    **{
        (f"{_S}.records.units", name): f"{_S}.core.unit_tree"
        for name in (
            "COMMUNE_KINDS",
            "RESIDENTIAL_KINDS",
            "UnitTree",
            "direct_successors",
            "find_unit",
            "get_unit",
            "in_force",
            "is_residential",
            "mergers_between",
            "province_of",
            "subtree_ids",
            "successor_map",
            "successor_scope",
            "successors_on",
        )
    },
    ("movement_desk.gui.app", "application_icon"): "movement_desk.gui.icons",
    ("movement_desk.gui.app", "ICON_SIZES"): "movement_desk.gui.icons",
    ("movement_desk.gui.reports_view", "last_ended_period"): f"{_S}.core.periods",
    **{
        ("movement_desk.cli", name): "movement_desk.cli.common"
        for name in (
            "EXIT_OK",
            "EXIT_FAILED",
            "MAX_ERRORS_PRINTED",
            "say",
            "open_for_command",
            "current_actor",
            "add_force_option",
            "check_outputs",
            "CommandFailed",
        )
    },
}

# What is gone or renamed: a pattern in the code -> what to write instead (by hand).
HAND_CHANGES = [
    (r"\bKIND_NAMES\b", "records.kinds: kinds.KINDS[table].label or store.kind_name(model)"),
    (r"\bTABLE_RULES\b|\bregister_table\b", "declare the kind in records/kinds.py"),
    (
        r"\bpermissions\.check_record_writes?\b",
        "records.store.check_record_write(s) (the kind's right and lock date come from kinds.py)",
    ),
    (r"\bIMPORT_ACTIONS\b", "kinds.by_name(kind).write_action"),
    (r"\bWRITE_ACTIONS\b", "kinds.by_name(kind).write_action"),
    (
        r"\bcli\.(COMMANDS|register|cmd_\w+|_args_\w+|_add_common_options|_add_db_option|_write_file)\b",
        "a command lives in a cli/ group module with register(subparsers); shared helpers are "
        "cli.common (add_common_options, add_db_option, add_command, write_file)",
    ),
    (r"\bcommands\(_add_common_options\)", "cli group modules: register(subparsers)"),
]

_FROM = re.compile(
    r"^(?P<indent>[ \t]*)from[ \t]+(?P<module>movement_desk(?:\.\w+)*)[ \t]+import[ \t]+"
    r"(?P<names>\([^)]*\)|[^\n]*)",
    re.MULTILINE,
)


def _new_module(module: str) -> str | None:
    """The new path of an old module path (or of a path inside it), None if it did not move."""
    for old in sorted(MOVES, key=len, reverse=True):
        if module == old:
            return MOVES[old]
        if module.startswith(old + "."):
            rest = module[len(old) + 1 :]
            if rest.split(".")[0] in NEW_SUBMODULES.get(old, ()):
                return None  # already the package's new submodule
            return MOVES[old] + "." + rest
    return None


def _split_names(text: str) -> tuple[list[tuple[str, str | None]], str]:
    """``a, b as c`` (or a parenthesised list with comments) -> [(a, None), (b, c)], comment."""
    comment = ""
    if text.startswith("("):
        body = text[1:-1]
        lines = []
        for line in body.splitlines():
            code, _, note = line.partition("#")
            if note.strip() and not comment:
                comment = "#" + note
            lines.append(code)
        body = " ".join(lines)
    else:
        body, sep, note = text.partition("#")
        if sep:
            comment = "#" + note
    names = []
    for part in body.replace("\\\n", " ").split(","):
        part = part.strip()
        if not part:
            continue
        name, _, alias = part.partition(" as ")
        names.append((name.strip(), alias.strip() or None))
    return names, comment.strip()


def _format(indent: str, module: str, names: list[str], comment: str) -> str:
    line = f"{indent}from {module} import {', '.join(names)}"
    if comment:
        line += "  " + comment
    if len(line) <= 100:
        return line
    inner = "".join(f"{indent}    {name},\n" for name in names)
    head = f"{indent}from {module} import ("
    if comment:
        head += "  " + comment
    return f"{head}\n{inner}{indent})"


def _rewrite_from(match: re.Match, warnings: list[str]) -> str:
    indent, module, raw = match["indent"], match["module"], match["names"]
    names, comment = _split_names(raw)
    if not names:
        return match.group(0)
    # "from movement_desk.services import audit": the names may be modules that moved.
    groups: dict[str, list[str]] = {}
    changed = False
    for name, alias in names:
        target = _new_module(f"{module}.{name}")
        if target is not None and module in (_S, "movement_desk"):
            package, _, new_name = target.rpartition(".")
            shown = alias or name
            groups.setdefault(package, []).append(
                new_name if new_name == shown else f"{new_name} as {shown}"
            )
            changed = True
            continue
        groups.setdefault(module, []).append(name if alias is None else f"{name} as {alias}")
    if not changed:
        if any(name in NEW_SUBMODULES.get(module, ()) for name, _alias in names):
            return match.group(0)  # already "from <new package> import <its submodule>"
        target = _new_module(module)
        if target is not None:
            groups = {target: groups[module]}
    moved: dict[str, list[str]] = {}
    for mod, items in groups.items():
        for item in items:
            name = item.split(" as ")[0]
            moved.setdefault(NAME_MOVES.get((mod, name), mod), []).append(item)
    if moved == groups and not changed and _new_module(module) is None:
        return match.group(0)
    return "\n".join(_format(indent, mod, items, comment) for mod, items in moved.items())


_DOTTED = re.compile(r"\bmovement_desk(?:\.\w+)+")


def _rewrite_dotted(match: re.Match) -> str:
    text = match.group(0)
    parts = text.split(".")
    # The longest prefix that is an old module decides.
    for end in range(len(parts), 1, -1):
        prefix = ".".join(parts[:end])
        if prefix in MOVES:
            rest = parts[end:]
            if rest and rest[0] in NEW_SUBMODULES.get(prefix, ()):
                return text
            return ".".join([MOVES[prefix], *rest])
    return text


def hand_changes(source: str) -> list[str]:
    """Lines that use something gone or renamed, with what to write instead."""
    found = []
    for number, line in enumerate(source.split("\n"), 1):
        for pattern, advice in HAND_CHANGES:
            if re.search(pattern, line):
                found.append(f"line {number}: {line.strip()[:60]} -> {advice}")
    return found


def rewrite(source: str, warnings: list[str] | None = None) -> str:
    warnings = [] if warnings is None else warnings
    out = _FROM.sub(lambda m: _rewrite_from(m, warnings), source)
    # Dotted paths everywhere else (import x.y, strings); "from" lines are already done above.
    lines = out.split("\n")
    for index, line in enumerate(lines):
        if line.lstrip().startswith("from movement_desk"):
            continue
        lines[index] = _DOTTED.sub(_rewrite_dotted, line)
    return "\n".join(lines)


def _files(paths: list[str]) -> list[Path]:
    if not paths:
        paths = ["movement_desk", "tests", "benchmarks", "scripts", "main.py"]
        paths = [str(ROOT / p) for p in paths if (ROOT / p).exists()]
    found: list[Path] = []
    for item in map(Path, paths):
        if item.is_dir():
            found.extend(sorted(p for p in item.rglob("*.py") if ".venv" not in p.parts))
        elif item.exists():
            found.append(item)
    this = Path(__file__).resolve()
    return [path for path in found if path.resolve() != this]  # its own tables stay old


def _move_report_modules(*, check: bool) -> None:
    package = ROOT / "movement_desk" / "services" / "reports"
    if not (package / "__init__.py").exists():
        sys.exit("services/reports/ is not a package (yet): nothing to move into it.")
    MOVES.update(REPORT_MOVES)
    NEW_SUBMODULES.setdefault(f"{_S}.reports", set()).update(
        new.rsplit(".", 1)[1] for new in REPORT_MOVES.values()
    )
    for old, new in REPORT_MOVES.items():
        source = ROOT / (old.replace(".", "/") + ".py")
        target = ROOT / (new.replace(".", "/") + ".py")
        if source.exists() and not target.exists():
            print(f"git mv {source.relative_to(ROOT)} {target.relative_to(ROOT)}")
            if not check:
                subprocess.run(["git", "mv", str(source), str(target)], cwd=ROOT, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", help="files or folders (default: the whole project)")
    parser.add_argument("--check", action="store_true", help="change nothing, list what would")
    parser.add_argument(
        "--hand",
        action="store_true",
        help="also list the lines that need a change by hand (names gone or renamed)",
    )
    parser.add_argument(
        "--reports-package",
        action="store_true",
        help="services/reports/ is a package now: git mv report_workbook.py, ratings_report.py "
        "and dashboard.py into it (once), then rewrite their imports too",
    )
    args = parser.parse_args(argv)
    if args.reports_package:
        _move_report_modules(check=args.check)
    changed = []
    for path in _files(args.paths):
        try:
            source = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        warnings: list[str] = []
        new = rewrite(source, warnings)
        if args.hand:
            warnings.extend(hand_changes(new))
        for warning in warnings:
            print(f"{path}: {warning}", file=sys.stderr)
        if new != source:
            changed.append(path)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    for path in changed:
        print(path)
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
