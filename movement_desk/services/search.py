"""Search that ignores case and diacritics, over the trigram index of a table's search key."""

from __future__ import annotations

from peewee import SQL

from movement_desk import vietnamese
from movement_desk.db.models import Record

# Tables with a trigram index named <table>_fts over their search_key column.
INDEXED_TABLES = {"activity_session", "community_model", "commendation"}


def search_terms(text: str) -> list[str]:
    return vietnamese.fold(text).split()


def apply_search(query, model: type[Record], text: str):
    """Narrow ``query`` to records whose search key contains every word of ``text``.

    Words of three letters or more use the trigram index; shorter ones ("do", "an") fall
    back to a LIKE over the column.
    """
    terms = search_terms(text)
    if not terms:
        return query
    table = model._meta.table_name
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    if table in INDEXED_TABLES and long_terms:
        match = " AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms)
        query = query.where(
            model.id.in_(
                SQL(f"(SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)", (match,))
            )
        )
    else:
        short_terms = terms
    for term in short_terms:
        query = query.where(model.search_key.contains(term))
    return query
