"""What a record kind offers the user, as its own module declares it: its list in the window
(``ListKind``), its import/export file (``FileKind``), the services that undo an edit
(``UndoOps``) and how its records travel in packages (``PackageKind``), gathered in one
``KindParts`` per kind.

A kind's module (``records/sessions.py`` …) declares ``PARTS = {"sessions": KindParts(...)}``
and ``records/kinds.py`` names that module (``module="sessions"``); ``records/kind_parts.py``
finds the parts there for ``listing``, ``transfer``, the window's undo and ``services/packages``.
A kind without a list name (``pledge_party``) keys its parts by its table name. This module holds
only the shapes, so that every kind's module can import it (it imports no kind).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from movement_desk import vietnamese
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
class FieldSpec:
    """One field of a record in a package. ``unit`` travels as the unit code, ``ref`` as a uuid."""

    key: str
    label: str
    codec: str = "text"  # text | int | date | stamp | enum | unit | ref
    enum: type[Enum] | None = None
    ref: str | None = None  # the table a ``ref`` field names a record of
    nullable: bool = False
    # Written only when it holds something, and may be missing: a field added after packages
    # were in use (the revocation of a commendation) leaves older packages and hashes valid.
    optional: bool = False

    @property
    def empty(self):
        """The stored value of an optional field that is not in the package."""
        return None if self.nullable else ""

    @property
    def column(self) -> str:
        return f"{self.key}_id" if self.codec in ("unit", "ref") else self.key


@dataclass(frozen=True)
class PackageKind:
    """A table that travels in packages (``services/packages``). Kinds travel in the order of
    the registry (records/kinds.py), each after the kinds its ``ref`` fields name."""

    table: str
    label: str
    fields: tuple[FieldSpec, ...]
    index: Callable[[dict], dict]  # the derived columns (search and sort keys) from the fields
    title: Callable[[dict], str]  # how a record is named in messages and conflicts
    own_date: str | None = None  # the record's own date, for --period
    derived: tuple[str, ...] = ("search_key", "sort_key")
    # Which records of a unit's subtree travel: those whose own ``unit`` lies in it (None), or
    # those of the record this ``ref`` field names ("decision": a commendation travels with its
    # decision).
    scope_through: str | None = None
    # Travels only as far as the records of the package refer to it (the model-type catalogue).
    by_reference_only: bool = False
    # The rules of the kind's form run on a package record's fields before anything is written
    # (raises ValidationError); ``day_of(uuid)`` is the own date of a record of the package.
    check: Callable[[dict, Callable[[object], str | None]], object] | None = None


def name_keys(values: dict) -> dict:
    """The search and sort keys of a record named by its ``name`` field."""
    return {
        "search_key": vietnamese.fold(values["name"]),
        "sort_key": vietnamese.sort_key(values["name"]),
    }


def date_text(value: str | None) -> str:
    """A package's ISO date as the user reads it ("" for none)."""
    return vietnamese.format_date(date.fromisoformat(value)) if value else ""


@dataclass(frozen=True)
class KindParts:
    """What one kind offers the user (None: it has no such list, file, undo or package)."""

    listing: ListKind | None = None
    file: FileKind | None = None
    undo: UndoOps | None = None
    package: PackageKind | None = None
