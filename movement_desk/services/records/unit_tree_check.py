"""Units are a tree: what a unit list would do to it, checked before anything is written.

A list that makes a loop of parents (061 under 062, 062 under 061), a unit its own ancestor,
or a unit valid outside its parent's dates is refused, naming the rows. Reports roll up
through the tree, so a loop would silently drop the units in it (and hang the walk up).
The same walk finds loops and orphans in a stored database for ``check``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from peewee import JOIN

from movement_desk import vietnamese
from movement_desk.db.models import AdministrativeUnit
from movement_desk.services.core.errors import FieldError


@dataclass
class _Node:
    parent: str | None
    valid_from: date | None
    valid_to: date | None
    row: int | None = None  # the file row that sets it, None when only stored
    dated: bool = True  # False: a file without validity columns says nothing of its dates


def _stored_nodes() -> dict[str, _Node]:
    parent = AdministrativeUnit.alias()
    query = (
        AdministrativeUnit.select(
            AdministrativeUnit.code,
            AdministrativeUnit.valid_from,
            AdministrativeUnit.valid_to,
            parent.code.alias("parent_code"),
        )
        .join(parent, join_type=JOIN.LEFT_OUTER, on=(AdministrativeUnit.parent == parent.id))
        .dicts()
    )
    return {
        row["code"]: _Node(row["parent_code"], row["valid_from"], row["valid_to"]) for row in query
    }


def tree_errors(rows: Iterable, labels: Mapping[str, str]) -> list[FieldError]:
    """The errors of unit-list ``rows`` (``UnitRow``s) against the stored tree."""
    rows = list(rows)
    nodes = _stored_nodes()
    for row in rows:
        stored = nodes.get(row.code)
        keep_dates = stored is not None and not row.validity_given
        nodes[row.code] = _Node(
            row.parent_code or None,
            stored.valid_from if keep_dates else row.valid_from,
            stored.valid_to if keep_dates else row.valid_to,
            row.row,
            row.validity_given,
        )
    errors = _loop_errors(rows, nodes, labels)
    if not errors:
        errors = _validity_errors(nodes, labels)
    return errors


def _loop_errors(rows: list, nodes: dict[str, _Node], labels) -> list[FieldError]:
    errors = []
    for row in rows:
        chain = [row.code]
        code = nodes[row.code].parent
        while code is not None and code in nodes:
            if code == row.code:
                chain.append(code)
                involved = sorted({nodes[c].row for c in chain if nodes[c].row})
                where = ", ".join(f"dòng {n}" for n in involved)
                errors.append(
                    FieldError(
                        "parent_code",
                        labels.get("parent_code", "parent_code"),
                        f"đơn vị {row.code} sẽ là cấp trên của chính nó "
                        f"({' → '.join(chain)}; {where}); hãy sửa mã cấp trên cho đúng.",
                        row.row,
                    )
                )
                break
            if code in chain:  # a loop above this unit: its own rows report it
                break
            chain.append(code)
            code = nodes[code].parent
    return errors


def _day(value: date | None) -> str:
    return vietnamese.format_date(value) if value else "không giới hạn"


def _validity_errors(nodes: dict[str, _Node], labels) -> list[FieldError]:
    errors = []
    for code, node in nodes.items():
        parent = nodes.get(node.parent) if node.parent else None
        if parent is None or (node.row is None and parent.row is None):
            continue
        if node.row is not None and not node.dated:
            # A list without validity columns gives no dates to check (as before: a new
            # unit then has none); the dates are checked when a list or a form gives them.
            continue
        early = parent.valid_from and (
            node.valid_from is None or node.valid_from < parent.valid_from
        )
        late = parent.valid_to and (node.valid_to is None or node.valid_to > parent.valid_to)
        if not (early or late):
            continue
        row = node.row if node.row is not None else parent.row
        field = "valid_from" if early else "valid_to"
        errors.append(
            FieldError(
                field,
                labels.get(field, field),
                f"đơn vị {code} có hiệu lực {_day(node.valid_from)} – {_day(node.valid_to)}, "
                f"ra ngoài thời gian của đơn vị cấp trên {node.parent} "
                f"({_day(parent.valid_from)} – {_day(parent.valid_to)}); hãy sửa ngày cho "
                "đơn vị cấp dưới nằm trong thời gian của đơn vị cấp trên.",
                row,
            )
        )
    return errors
