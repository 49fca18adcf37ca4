"""Undo and redo of saved edits: each command calls the services, never the database.

A form saves through its service first (so that its errors show beside the fields) and then
pushes a command that is already done: the first ``redo`` is skipped. Undoing a creation
marks the record deleted; undoing a deletion restores it; undoing an edit writes the previous
raw values back through the same update service. The services of each kind are the ones its
own module names (``PARTS``, services/records/kind_parts.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import ServiceError
from movement_desk.services.records import kind_parts


@dataclass(frozen=True)
class RecordOps:
    """The services of one kind of record, as the undo commands use them."""

    kind: str
    update: Callable[[str, dict, Actor], object]
    delete: Callable[[str, Actor], object]
    restore: Callable[[str, Actor], object]


class _Ops(dict):
    """The operations of every kind whose module declares undo services (``PARTS``, found
    through records/kind_parts.py), by the kind's name; nothing is listed here by hand."""

    def __missing__(self, name: str) -> RecordOps:
        return _ops(name, kind_parts.parts(name).undo)


def _ops(name: str, ops) -> RecordOps:
    if ops is None:
        raise KeyError(name)
    return RecordOps(name, ops.update, ops.delete, ops.restore)


OPS = _Ops({name: _ops(name, ops) for name, ops in kind_parts.undo_ops().items()})


class _RecordCommand(QUndoCommand):
    def __init__(self, ops: RecordOps, uuid: str, actor: Actor, text: str, on_change, on_error):
        super().__init__(text)
        self.ops = ops
        self.uuid = uuid
        self.actor = actor
        self._on_change = on_change
        self._on_error = on_error
        self._done = True  # pushed after the service already ran

    def _call(self, action: Callable[[], object]) -> None:
        try:
            action()
        except ServiceError as exc:
            self.setObsolete(True)
            self._on_error(str(exc))
        self._on_change(self.ops.kind)

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._call(self.do)

    def undo(self) -> None:
        self._call(self.undo_action)

    def do(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def undo_action(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class CreateCommand(_RecordCommand):
    def do(self) -> None:
        self.ops.restore(self.uuid, self.actor)

    def undo_action(self) -> None:
        self.ops.delete(self.uuid, self.actor)


class DeleteCommand(_RecordCommand):
    def do(self) -> None:
        self.ops.delete(self.uuid, self.actor)

    def undo_action(self) -> None:
        self.ops.restore(self.uuid, self.actor)


class EditCommand(_RecordCommand):
    def __init__(self, ops, uuid, actor, text, on_change, on_error, before: dict, after: dict):
        super().__init__(ops, uuid, actor, text, on_change, on_error)
        self.before = before
        self.after = after

    def do(self) -> None:
        self.ops.update(self.uuid, self.after, self.actor)

    def undo_action(self) -> None:
        self.ops.update(self.uuid, self.before, self.actor)
