"""Unsaved forms kept on disk, so that a crash or a power cut loses no typing.

A form writes its raw values (what is in the fields, as text) to a small JSON file beside the
database a moment after each change, and removes it when it is saved or cancelled. At the next
start the main window finds the files left behind and offers each one back.

Drafts belong to the account that typed them: ``<database>.drafts/accounts/<name>/``. They are
offered back only to that account; another account is told nothing of them. Drafts of no
active account (typed before accounts existed, or by an account since disabled) are orphans
an administrator may discard.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from movement_desk.services.admin import database_choice


@dataclass
class Draft:
    kind: str
    uuid: str | None
    values: dict
    saved_at: str
    path: Path


def owner_key(username: str) -> str:
    """The folder name of an account's drafts (names are ASCII: letters, digits, . _ -)."""
    return "".join(c for c in username.strip().casefold() if c.isalnum() or c in "._-")


class DraftStore:
    """The drafts of one database and one account: ``<database>.drafts/accounts/<name>/<kind>.json``
    (``<database>.drafts/<kind>.json`` when nobody is signed in: a database with no account)."""

    def __init__(self, db_path: str | os.PathLike[str], owner: str = ""):
        # Beside a file; a server's in the user's data folder (issue 17: never the URL's
        # password in a folder name).
        self.root = database_choice.drafts_root(db_path)
        self.owner = owner_key(owner) if owner else ""
        self.folder = self.root / "accounts" / self.owner if self.owner else self.root

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
        """This account's drafts (never another account's)."""
        return self._read(self.folder)

    def orphans(self, active_owners: set[str]) -> list[Draft]:
        """Drafts of no active account: those of the time without accounts and those of
        accounts not in ``active_owners`` (user names)."""
        keys = {owner_key(name) for name in active_owners}
        found = self._read(self.root) if self.owner else []
        accounts = self.root / "accounts"
        if accounts.is_dir():
            for folder in sorted(accounts.iterdir()):
                if folder.is_dir() and folder.name not in keys:
                    found.extend(self._read(folder))
        return found

    def discard_orphans(self, active_owners: set[str]) -> int:
        """Remove the orphaned drafts (an administrator's choice); how many were removed."""
        orphans = self.orphans(active_owners)
        for draft in orphans:
            draft.path.unlink(missing_ok=True)
        return len(orphans)

    def _read(self, folder: Path) -> list[Draft]:
        if not folder.is_dir():
            return []
        found = []
        for path in sorted(folder.glob("*.json")):
            try:
                data = json.loads(path.read_text("utf-8"))
                found.append(
                    Draft(data["kind"], data.get("uuid"), data["values"], data["saved_at"], path)
                )
            except (OSError, ValueError, KeyError, TypeError):
                path.unlink(missing_ok=True)  # unreadable: nothing to offer
        return found
