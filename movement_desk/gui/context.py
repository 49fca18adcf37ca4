"""What every view and form of one window shares: the database, the user, undo, drafts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from movement_desk.gui.drafts import DraftStore
from movement_desk.services.core.actor import LOCAL_ACTOR, Actor


class DataEvents(QObject):
    """Tells the views that records of a kind changed ("sessions", "models", "decisions"…)."""

    changed = Signal(str)


@dataclass
class AppContext:
    db_path: Path
    actor: Actor = LOCAL_ACTOR
    undo_stack: QUndoStack = field(default_factory=QUndoStack)
    events: DataEvents = field(default_factory=DataEvents)
    drafts: DraftStore | None = None

    def __post_init__(self) -> None:
        if self.drafts is None:
            self.drafts = self.drafts_of(self.actor)

    def drafts_of(self, actor: Actor) -> DraftStore:
        """The drafts of ``actor``'s account (drafts belong to the account that typed them)."""
        return DraftStore(self.db_path, actor.username if actor.is_account else "")

    def notify(self, kind: str) -> None:
        self.events.changed.emit(kind)
