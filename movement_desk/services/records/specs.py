"""What a record kind offers the user, as its own module declares it: its list in the window
(``ListKind``), its import/export file (``FileKind``) and the services that undo an edit
(``UndoOps``), gathered in one ``KindParts`` per kind.

A kind's module (``records/sessions.py`` …) declares ``PARTS = {"sessions": KindParts(...)}``
and ``records/kinds.py`` names that module (``module="sessions"``); ``records/kind_parts.py``
finds the parts there for ``listing``, ``transfer`` and the window's undo. This module holds
only the shapes, so that every kind's module can import it (it imports no kind).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from movement_desk.db.models import Record
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.filters import RecordFilter


@dataclass(frozen=True)
class SortSpec:
    """How one column sorts: SQL order expressions, or a text value sorted in Python."""

    sql: tuple = ()
    python_value: object = None  # a peewee field whose text is sorted with vietnamese.sort_key
    # (foreign key of the listed table, the joined table's order fields): the first pages are
    # read by walking the joined table in that order, records of equal keys together.
    walk: tuple | None = None


@dataclass(frozen=True)
class ListKind:
    model: type[Record]
    query: Callable[[RecordFilter], object]
    sorts: dict[str, SortSpec]
    default_sort: str
    default_descending: bool
    # Fixed secondary order, with its own directions (not flipped by the primary sort).
    tiebreak: tuple = field(default=())
    unit_field: object = None


@dataclass
class FileKind:
    """A kind as an import/export file (``transfer``)."""

    model: type[Record]
    columns: list[str]
    labels: Mapping[str, str]
    required: list[str]
    clean: Callable[[Mapping[str, object], int | None], dict]
    natural_key: Callable[[dict], tuple] | None
    natural_index: Callable[[list[dict]], dict] | None
    to_raw: Callable[[Record], dict]
    query: Callable[[RecordFilter], object]
    # column -> the stored field it fills (what "identical" and "unchanged" compare)
    fields: Mapping[str, str] = field(default_factory=dict)
    key_text: str = ""
    noun: str = ""  # what a count of rows is called in messages: "Đã xuất 12 buổi"
    # A fast export (transfer.export_columns): ``export_columns(csv)`` gives the columns to
    # select over ``query`` and the function making one row of plain values into the file's
    # cells, the same as ``to_raw`` (None: each record's ``to_raw``, slower).
    export_columns: Callable[[bool], tuple[list, Callable[[tuple], list]]] | None = None
    # The field new rows of an import are inserted in order of (None: the file's order).
    insert_order: str | None = None


@dataclass(frozen=True)
class UndoOps:
    """The services that redo and undo an edit of one record: ``update(uuid, raw, actor)``
    writes raw values back, ``delete``/``restore(uuid, actor)``."""

    update: Callable[[str, dict, Actor], object]
    delete: Callable[[str, Actor], object]
    restore: Callable[[str, Actor], object]


@dataclass(frozen=True)
class KindParts:
    """What one kind offers the user (None: it has no such list, file or undo)."""

    listing: ListKind | None = None
    file: FileKind | None = None
    undo: UndoOps | None = None
