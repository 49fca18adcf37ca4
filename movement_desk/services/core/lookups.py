"""A short-lived cache of reference rows (units, model types) for bulk work such as imports.

Inside ``with cached_references():`` the unit and model-type lookups read from dictionaries
loaded once, instead of one query per row. Outside it they query as usual, so a change made
elsewhere is always seen by ordinary calls.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from movement_desk.db.models import AdministrativeUnit, ModelType

_state = threading.local()


@contextmanager
def cached_references() -> Iterator[None]:
    outer = getattr(_state, "cache", None)
    if outer is None:
        _state.cache = {}
    try:
        yield
    finally:
        if outer is None:
            _state.cache = None


def _cache() -> dict | None:
    return getattr(_state, "cache", None)


def units_by_code() -> dict[str, AdministrativeUnit] | None:
    cache = _cache()
    if cache is None:
        return None
    if "units" not in cache:
        cache["units"] = {unit.code: unit for unit in AdministrativeUnit.select()}
    return cache["units"]


def model_types() -> tuple[dict[str, ModelType], dict[str, ModelType]] | None:
    """Live model types by uuid and by accent-free name, or None outside a cache."""
    cache = _cache()
    if cache is None:
        return None
    if "model_types" not in cache:
        live = list(ModelType.live())
        cache["model_types"] = ({t.uuid: t for t in live}, {t.search_key: t for t in live})
    return cache["model_types"]
