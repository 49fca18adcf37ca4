"""The yearly (and 6-month) report's section on the "An toàn về ANTT" ratings and pledges.

A rating counts in the row of the report's child unit that holds its unit (a residential
area counts with its commune, an organisation with its unit); across the 2025 merger a unit
that no longer exists counts with its successor when the report rolls up, exactly as the
other sections do (``reports.build_scope``). "tổng" is the number of subjects rated
(registered) that year, "đạt" those whose result is đạt.
"""

from __future__ import annotations

from collections.abc import Iterable

from movement_desk import vietnamese
from movement_desk.db.choices import PledgeOutcome, RatingResult
from movement_desk.db.models import Pledge, PledgeParty, SafetyRating
from movement_desk.pdf.safety_section import PledgeLine, SafetyRow, SafetySection
from movement_desk.services.records import ratings


def _row_key(unit_id: int, scope, counted: set[int]) -> int | None:
    """The report row of ``unit_id``: its own, or its nearest ancestor's that counts."""
    current = unit_id
    while current is not None:
        if current in counted and current in scope.row_of:
            return scope.row_of[current]
        unit = scope.tree.by_id.get(current)
        current = unit.parent_id if unit is not None else None
    return None


def _tally(year: int, scope, counted: set[int], rows: dict[int, SafetyRow] | None) -> SafetyRow:
    total = SafetyRow("Năm trước")
    for unit_id, subject, result, registered, households in (
        SafetyRating.select(
            SafetyRating.unit,
            SafetyRating.subject_kind,
            SafetyRating.result,
            SafetyRating.households_registered,
            SafetyRating.households_total,
        )
        .where(SafetyRating.deleted_at.is_null() & (SafetyRating.year == year))
        .tuples()
    ):
        key = _row_key(unit_id, scope, counted)
        if key is None:
            continue
        targets = [total] + ([rows[key]] if rows is not None and key in rows else [])
        for target in targets:
            figures = target.counts[subject]
            figures.total += 1
            figures.passed += int(result == RatingResult.PASSED.value)
            target.households_registered += registered or 0
            target.households_total += households or 0
    return total


def _pledges(year: int, scope, counted: set[int]) -> list[PledgeLine]:
    lines = []
    for pledge in Pledge.live().where(Pledge.year == year).order_by(Pledge.signed_on, Pledge.id):
        if _row_key(pledge.unit_id, scope, counted) is None:
            continue
        outcomes = [
            party.outcome for party in PledgeParty.live().where(PledgeParty.pledge == pledge.id)
        ]
        lines.append(
            PledgeLine(
                title=pledge.title,
                signed_on=vietnamese.format_date(pledge.signed_on),
                parties=len(outcomes),
                met=sum(o is PledgeOutcome.MET for o in outcomes),
                not_met=sum(o is PledgeOutcome.NOT_MET for o in outcomes),
                pending=sum(o is PledgeOutcome.PENDING for o in outcomes),
            )
        )
    return lines


def safety_section(
    scope, year: int, row_names: Iterable[tuple[int, str]], *, mid_year: bool = False
) -> SafetySection:
    """The section for the report whose ``scope`` (see ``reports.build_scope``) and rows
    (``(row unit id, printed name)`` in print order) are given."""
    counted = set(scope.ids)
    rows = {key: SafetyRow(name) for key, name in row_names}
    section = SafetySection(year=year, periods_note=ratings.periods_note(year), mid_year=mid_year)
    total = _tally(year, scope, counted, rows)
    total.name = "Tổng cộng"
    section.rows = list(rows.values())
    section.total = total
    previous = _tally(year - 1, scope, counted, None)
    previous.name = f"Năm {year - 1}"
    section.previous_total = previous
    section.pledges = _pledges(year, scope, counted)
    return section
