"""Content hashes and version vectors (see the package docstring)."""

from __future__ import annotations

import hashlib
import json

_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def content_hash(data: dict, deleted: bool) -> str:
    """SHA-256 of what a user sees of a record: its fields and whether it is deleted."""
    return hashlib.sha256(_ENCODE([data, deleted]).encode("utf-8")).hexdigest()


def compare_vectors(incoming: dict[str, int], local: dict[str, int]) -> str:
    """``equal``, ``older`` (incoming ≤ local), ``newer`` (incoming ≥ local) or ``concurrent``."""
    incoming_ahead = any(value > local.get(key, 0) for key, value in incoming.items())
    local_ahead = any(value > incoming.get(key, 0) for key, value in local.items())
    if incoming_ahead and local_ahead:
        return "concurrent"
    if incoming_ahead:
        return "newer"
    if local_ahead:
        return "older"
    return "equal"


def merge_vectors(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return {key: max(a.get(key, 0), b.get(key, 0)) for key in a.keys() | b.keys()}


def local_vector(
    revision: int, current_hash: str, state: tuple[str, dict] | None, me: str
) -> dict[str, int]:
    """The version vector of a local record (see the module docstring)."""
    if state is None:
        return {me: revision}
    stored_hash, vector = state
    if current_hash == stored_hash:
        return vector
    changed = dict(vector)
    changed[me] = max(revision, vector.get(me, 0) + 1)
    return changed
