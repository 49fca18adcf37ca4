"""Unsaved forms kept on disk, so that a crash or a power cut loses no typing.

A form writes its raw values (what is in the fields, as text) to a small JSON file beside the
database a moment after each change, and removes it when it is saved or cancelled. At the next
start the main window finds the files left behind and offers each one back.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass
class Draft:
    kind: str
    uuid: str | None
    values: dict
    saved_at: str
    path: Path


class DraftStore:
    """The drafts of one database: ``<database>.drafts/<kind>.json``."""

    def __init__(self, db_path: str | os.PathLike[str]):
        db_path = Path(db_path)
        self.folder = db_path.with_name(db_path.name + ".drafts")

    def path(self, kind: str) -> Path:
        return self.folder / f"{kind}.json"

    def save(self, kind: str, uuid: str | None, values: dict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        payload = {
            "kind": kind,
            "uuid": uuid,
            "values": values,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
        }
        target = self.path(kind)
        temporary = target.with_suffix(".part")
        temporary.write_text(json.dumps(payload, ensure_ascii=False, default=str), "utf-8")
        os.replace(temporary, target)  # a crash mid-write leaves the previous draft whole

    def discard(self, kind: str) -> None:
        self.path(kind).unlink(missing_ok=True)

    def pending(self) -> list[Draft]:
        if not self.folder.is_dir():
            return []
        found = []
        for path in sorted(self.folder.glob("*.json")):
            try:
                data = json.loads(path.read_text("utf-8"))
                found.append(
                    Draft(data["kind"], data.get("uuid"), data["values"], data["saved_at"], path)
                )
            except (OSError, ValueError, KeyError, TypeError):
                path.unlink(missing_ok=True)  # unreadable: nothing to offer
        return found
