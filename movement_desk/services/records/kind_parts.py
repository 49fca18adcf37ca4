"""Where ``listing``, ``transfer``, the command line, the window's undo and
``services/packages`` find a kind's list, file, undo services and package fields: in the kind's
own module, which ``records/kinds.py`` names (``RecordKind.module``) and which declares them as
``PARTS`` (see ``records/specs.py``).

The modules are imported by the name the registry gives, once, when this module is loaded,
so that no table here lists the kinds again (``tests/test_architecture.py`` counts these
imports in its cycle check). A kind registered later (a test's) is found when asked for.
"""

from __future__ import annotations

from importlib import import_module

from movement_desk.services.records import kinds
from movement_desk.services.records.specs import (
    FileKind,
    KindParts,
    ListKind,
    PackageKind,
    UndoOps,
)

_NONE = KindParts()


def module_of(kind: kinds.RecordKind):
    """The module that declares ``kind``'s parts (``kind.module`` in this package)."""
    return import_module(f"{__package__}.{kind.module}")


def _parts_of(kind: kinds.RecordKind) -> KindParts:
    """The parts its module declares under the kind's name, or its table's for a kind with
    no list name (``pledge_party``)."""
    if not kind.module:
        return _NONE
    return getattr(module_of(kind), "PARTS", {}).get(kind.name or kind.table, _NONE)


# Every registered kind's module, loaded now (a missing module fails at start, not in a list).
_LOADED = [module_of(kind) for kind in kinds.KINDS.values() if kind.module]


def parts(name: str) -> KindParts:
    """The parts of the kind whose list is called ``name`` (none for an unknown name)."""
    for kind in kinds.KINDS.values():
        if name and kind.name == name:
            return _parts_of(kind)
    return _NONE


def _every(part: str, *, by_table: bool = False) -> dict:
    found = {}
    for kind in kinds.KINDS.values():
        value = getattr(_parts_of(kind), part)
        if value is not None:
            found[kind.table if by_table else kind.name] = value
    return found


def lists() -> dict[str, ListKind]:
    """Every kind that has a list, by its name, in the registry's order."""
    return _every("listing")


def files() -> dict[str, FileKind]:
    """Every kind that has an import/export file, by its name, in the registry's order."""
    return _every("file")


def undo_ops() -> dict[str, UndoOps]:
    """Every kind whose edits the window can undo, by its name, in the registry's order."""
    return _every("undo")


def packages() -> dict[str, PackageKind]:
    """Every kind that travels in packages, by its table, in the registry's order (the order
    of a package's parts: a kind after the kinds it refers to)."""
    return _every("package", by_table=True)
