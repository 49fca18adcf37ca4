"""Search that means what it says: the words typed, as a phrase, inside one field.

A record's ``search_key`` holds each searchable field folded (no case, no diacritics, no
punctuation) between field marks, first field first: a session titled "Họp ở Chợ Đồn!" with
organiser "Công an" and no notes is stored as ``"| hop o cho don | cong an |  |"``. The
words typed are folded the same way
and must appear together, starting at a word, inside one field: "cho don" finds "Chợ Đồn"
and "Chợ Đồn," but not "chợ … đơn" nor "Chợ Rã … Đồn". The last word may be cut short
("cho do" still finds "Chợ Đồn"); a phrase in double quotes must match whole words
(``"ba be"`` does not find "Ba Bể2"). Several quoted phrases must all match, each in any field.

A phrase also matches a record through its unit: a unit whose name (with or without its
kind, "xã Bằng Thành" or "Bằng Thành") or code (as a prefix) matches brings every record of
that unit and of the units under it. Code-like fields (a decision's number) are fields like
the others, so their start matches as a prefix.

Results rank the records whose first field (title or name) or unit holds the phrase as
whole words first, then those where it starts there, then the others (``rank_expression``);
the lists then order by date.

The trigram index of a table (``<table>_fts``) answers the phrase query for phrases of three
characters or more (the leading blank counts), so "do" is indexed as " do".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from peewee import SQL, Case, Value, fn

from movement_desk import vietnamese
from movement_desk.db import postgres
from movement_desk.db.models import AdministrativeUnit, Record

# Tables with a trigram index named <table>_fts over their search_key column.
INDEXED_TABLES = {"activity_session", "community_model", "commendation"}
FIELD_MARK = vietnamese.SEARCH_FIELD_MARK
fold_words = vietnamese.fold_words
search_key = vietnamese.search_key


@dataclass(frozen=True)
class Phrase:
    """One phrase to find: its folded words, and whether the last word must be whole."""

    words: str
    exact: bool = False

    @property
    def pattern(self) -> str:
        """The text that must occur in a field of the search key."""
        return " " + self.words + (" " if self.exact else "")

    def matches(self, key: str) -> bool:
        return self.pattern in key


def parse(text: str | None) -> list[Phrase]:
    """Phrases of a search text: each "quoted" part exact, the rest (between quotes) a phrase."""
    text = unicodedata.normalize("NFC", text or "")
    phrases: list[Phrase] = []
    parts = text.split('"')
    for index, part in enumerate(parts):
        words = fold_words(part)
        if not words:
            continue
        # Odd parts sit between quotes; an unclosed quote (still typing) is not yet exact.
        quoted = index % 2 == 1 and index < len(parts) - 1
        phrases.append(Phrase(words, exact=quoted))
    return phrases


# -- units ------------------------------------------------------------------------------------
_UNIT_KEYS: dict[tuple, list[tuple[int, int | None, str, str]]] = {}


def _unit_keys() -> list[tuple[int, int | None, str, str]]:
    """Every live unit: id, parent id, search key of its name and title, code.

    Kept while the unit table is unchanged (its size and latest stamps say so): a search
    runs this for every keystroke, and folding every unit's name each time costs more than
    the query it feeds.
    """
    fingerprint = (
        id(AdministrativeUnit._meta.database.obj),
        *AdministrativeUnit._meta.database.execute_sql(
            "SELECT count(*), max(id), max(updated_at), max(deleted_at), "
            "total(revision) FROM admin_unit"
        ).fetchone(),
    )
    cached = _UNIT_KEYS.get(fingerprint)
    if cached is not None:
        return cached
    rows = AdministrativeUnit.select(
        AdministrativeUnit.id,
        AdministrativeUnit.parent,
        AdministrativeUnit.name,
        AdministrativeUnit.kind,
        AdministrativeUnit.code,
    ).where(AdministrativeUnit.deleted_at.is_null())
    keys = [
        (u.id, u.parent_id, search_key(u.name, f"{u.kind.label} {u.name}"), u.code.lower())
        for u in rows
    ]
    _UNIT_KEYS.clear()
    _UNIT_KEYS[fingerprint] = keys
    return keys


def matching_unit_ids(phrase: Phrase) -> list[int]:
    """Units whose name or code matches ``phrase``, with every unit under them."""
    keys = _unit_keys()
    code_like = phrase.words.replace(" ", "")
    hits = {
        unit_id
        for unit_id, _parent, key, code in keys
        if phrase.matches(key) or (code_like.isalnum() and code.startswith(code_like))
    }
    if not hits:
        return []
    children: dict[int | None, list[int]] = {}
    for unit_id, parent_id, _key, _code in keys:
        children.setdefault(parent_id, []).append(unit_id)
    found: set[int] = set()
    stack = list(hits)
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, []))
    return sorted(found)


# -- queries ----------------------------------------------------------------------------------
def _fts_query(phrase: Phrase) -> str:
    return '"' + phrase.pattern.replace('"', '""') + '"'


# A phrase the trigram index finds in at least this many records is "broad": the first page
# of a ranked list is then read faster by walking the date index (see ``listing``).
BROAD_MATCHES = 3_000
# ...and counted faster by reading the whole table once from this many on.
BROAD_COUNT = 20_000


def is_broad(
    model: type[Record], text: str, unit_field=None, *, at_least: int | None = None
) -> bool:
    """Whether ``text`` matches so many records that scanning in date order finds a page
    sooner than the index's full list of matches (a cheap, capped probe of the index)."""
    table = model._meta.table_name
    phrases = parse(text)
    if not phrases or table not in INDEXED_TABLES:
        return False
    at_least = BROAD_MATCHES if at_least is None else at_least
    for phrase in phrases:
        if len(phrase.pattern) < 3:
            return True
        if unit_field is not None and matching_unit_ids(phrase):
            continue  # a unit's records are many; the other phrases decide
        if postgres.is_server(model._meta.database):
            found = postgres.count_key_matches(
                model._meta.database, table, phrase.pattern, int(at_least)
            )
            if found < at_least:
                return False
            continue
        found = model._meta.database.execute_sql(
            f"SELECT count(*) FROM (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ? "
            f"LIMIT {int(at_least)})",
            (_fts_query(phrase),),
        ).fetchone()[0]
        if found < at_least:
            return False
    return True


def phrase_condition(model: type[Record], phrase: Phrase, unit_field=None, *, scan=False):
    """The condition "this record's fields, or its unit, hold ``phrase``".

    ``scan``: test each row's key instead of asking the trigram index (for a walk in date
    order that stops at the first page).
    """
    table = model._meta.table_name
    if postgres.is_server(model._meta.database):
        # The server's trigram index (pg_trgm) serves LIKE on the same stored key.
        condition = postgres.key_contains(model.search_key, phrase.pattern)
    elif table in INDEXED_TABLES and len(phrase.pattern) >= 3 and not scan:
        condition = model.id.in_(
            SQL(f"(SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)", (_fts_query(phrase),))
        )
    else:
        condition = fn.instr(model.search_key, phrase.pattern) > 0
    if unit_field is not None:
        unit_ids = matching_unit_ids(phrase)
        if unit_ids:
            condition = condition | unit_field.in_(unit_ids)
    return condition


def apply_search(query, model: type[Record], text: str, unit_field=None, *, scan=False):
    """Narrow ``query`` to records holding every phrase of ``text`` (see the module)."""
    for phrase in parse(text):
        query = query.where(phrase_condition(model, phrase, unit_field, scan=scan))
    return query


def max_rank(text: str) -> int:
    """The highest value ``rank_expression`` can take for ``text``."""
    return 2 * len(parse(text))


def _in_first_field(model, pattern: str, unit_ids: list[int], unit_field, first_field_end):
    where = fn.instr(model.search_key, pattern)
    condition = (where >= 1) & (where <= first_field_end)
    if unit_field is not None and unit_ids:
        condition = condition | unit_field.in_(unit_ids)
    return condition


def rank_expression(model: type[Record], text: str, unit_field=None):
    """How well a record matches, best 0: per phrase, 0 when the first field (title, name)
    or the unit holds it as whole words, 1 when it holds it with the last word cut short
    ("cho do" in "Chợ Đồn"), 2 when only another field does; summed over the phrases.

    Evaluated in SQL on the rows found (no Python per row): a phrase is in the first field
    when its first occurrence ends before the second field mark.
    """
    phrases = parse(text)
    if not phrases:
        return Value(0)
    first_field_end = fn.instr(fn.substr(model.search_key, 2), FIELD_MARK)
    total = None
    for phrase in phrases:
        whole = Phrase(phrase.words, exact=True)
        cases = [
            (
                _in_first_field(
                    model, whole.pattern, matching_unit_ids(whole) if unit_field else [],
                    unit_field, first_field_end,
                ),
                0,
            )
        ]  # fmt: skip
        if not phrase.exact:
            cases.append(
                (
                    _in_first_field(
                        model, phrase.pattern, matching_unit_ids(phrase) if unit_field else [],
                        unit_field, first_field_end,
                    ),
                    1,
                )
            )  # fmt: skip
        term = Case(None, cases, 2)
        total = term if total is None else total + term
    return total
