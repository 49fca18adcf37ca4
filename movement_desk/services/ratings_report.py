"""The yearly (and 6-month) report's section on the "An toàn về ANTT" ratings and pledges.

A rating counts in the row of the report's child unit that holds its unit (a residential
area counts with its commune, an organisation with its unit); across the 2025 merger a unit
that no longer exists counts with its successor when the report rolls up, exactly as the
other sections do (``reports.build_scope``).

"tổng" is every subject that should be rated that year, registered or not: each residential
area and commune that exists on the last day of its evaluation period, each organisation of
the register whose unit exists on that day, and any subject rated that year besides (a unit
since ended, an organisation since removed). An organisation of a commune that ended in the
2025 merger counts only where it is rated: the register should move it to the successor.
"đạt" counts those whose result is đạt; a category none of whose subjects has a result yet
prints "chưa đánh giá" rather than "0/N".
"""

from __future__ import annotations

from collections.abc import Iterable

from movement_desk import vietnamese
from movement_desk.db.choices import PledgeOutcome, RatingResult, RatingSubject
from movement_desk.db.connection import db
from movement_desk.db.models import Organisation, Pledge, PledgeParty, SafetyRating
from movement_desk.pdf.safety_section import PledgeLine, SafetyRow, SafetySection
from movement_desk.services.core import rating_periods as ratings
from movement_desk.services.core import unit_tree as units


def _row_keys(scope, counted: set[int]) -> dict[int, int]:
    """The report row of every unit that has one: its own, or its nearest ancestor's that
    counts (units outside the report have none). Worked out once for the tree, for both
    years' tallies and the pledges, instead of walking up from every subject."""
    found: dict[int, int | None] = {}
    by_id = scope.tree.by_id
    for unit_id in by_id:
        chain = []
        current = unit_id
        key = None
        while current is not None:
            if current in found:
                key = found[current]
                break
            chain.append(current)
            if current in counted and current in scope.row_of:
                key = scope.row_of[current]
                break
            unit = by_id.get(current)
            current = unit.parent_id if unit is not None else None
            if current in chain:  # a parent loop (the tree check reports it)
                break
        for walked in chain:
            found[walked] = key
    return {unit_id: key for unit_id, key in found.items() if key is not None}


def _existing_subjects(
    year: int, scope, row_keys: dict[int, int], organisations: list[tuple[int, str, int]]
) -> dict[tuple[str, int, int | None], int]:
    """Every subject of the report's units that should be rated in ``year``, with its
    households: the residential areas and communes existing on the last day of their
    evaluation period, and the live organisations of the register (which carry no dates)
    whose unit exists on that day."""
    area_end = ratings.evaluation_period(RatingSubject.RESIDENTIAL_AREA, year)[1]
    commune_end = ratings.evaluation_period(RatingSubject.COMMUNE, year)[1]
    found: dict[tuple[str, int, int | None], int] = {}
    by_id = scope.tree.by_id
    for unit_id in row_keys:
        unit = by_id[unit_id]
        if units.is_residential(unit) and unit.existed_on(area_end):
            found[(RatingSubject.RESIDENTIAL_AREA.value, unit.id, None)] = unit.households or 0
        elif unit.kind in units.COMMUNE_KINDS and unit.existed_on(commune_end):
            found[(RatingSubject.COMMUNE.value, unit.id, None)] = 0
    subject_of = {
        kind.value: subject.value for subject, kind in ratings.ORGANISATION_SUBJECTS.items()
    }
    for organisation_id, kind, unit_id in organisations:
        unit = by_id.get(unit_id) if unit_id in row_keys else None
        if unit is not None and unit.existed_on(commune_end):
            found[(subject_of[kind], unit_id, organisation_id)] = 0
    return found


def _tally(
    year: int,
    scope,
    row_keys: dict[int, int],
    organisations: list[tuple[int, str, int]],
    rows: dict[int, SafetyRow] | None,
) -> SafetyRow:
    subjects = _existing_subjects(year, scope, row_keys, organisations)
    results: dict[tuple[str, int, int | None], tuple[str, int]] = {}
    query = SafetyRating.select(
        SafetyRating.unit,
        SafetyRating.organisation,
        SafetyRating.subject_kind,
        SafetyRating.result,
        SafetyRating.households_registered,
        SafetyRating.households_total,
    ).where(SafetyRating.deleted_at.is_null() & (SafetyRating.year == year))
    # The rows as stored: subject and result stay their keys (a ``Choice`` is its key, so they
    # meet the subjects' keys above), not a member made per row (a province's year: ~1.200).
    for unit_id, organisation_id, subject, result, registered, households in db.execute_sql(
        *query.sql()
    ):
        key = (subject, unit_id, organisation_id)
        results[key] = (result, registered or 0)
        # The households the rating was made on, else the area's own number today.
        subjects[key] = households or subjects.get(key, 0)
    total = SafetyRow("Năm trước")
    for key, households in subjects.items():
        subject, unit_id, _organisation_id = key
        row_key = row_keys.get(unit_id)
        if row_key is None:
            continue
        result, registered = results.get(key, (None, 0))
        targets = [total] + ([rows[row_key]] if rows is not None and row_key in rows else [])
        for target in targets:
            figures = target.counts[subject]
            figures.total += 1
            figures.rated += int(result is not None)
            figures.evaluated += int(result not in (None, RatingResult.PENDING.value))
            figures.passed += int(result == RatingResult.PASSED.value)
            if subject == RatingSubject.RESIDENTIAL_AREA.value:
                target.households_registered += registered
                target.households_total += households
    return total


def _pledges(year: int, row_keys: dict[int, int]) -> list[PledgeLine]:
    lines = []
    for pledge in Pledge.live().where(Pledge.year == year).order_by(Pledge.signed_on, Pledge.id):
        if pledge.unit_id not in row_keys:
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
    row_keys = _row_keys(scope, set(scope.ids))
    # The register's organisations, read once for both years.
    organisations = list(
        Organisation.live(Organisation.id, Organisation.kind, Organisation.unit).tuples()
    )
    rows = {key: SafetyRow(name) for key, name in row_names}
    section = SafetySection(year=year, periods_note=ratings.periods_note(year), mid_year=mid_year)
    total = _tally(year, scope, row_keys, organisations, rows)
    total.name = "Tổng cộng"
    section.rows = list(rows.values())
    section.total = total
    previous = _tally(year - 1, scope, row_keys, organisations, None)
    previous.name = f"Năm {year - 1}"
    section.previous_total = previous
    section.pledges = _pledges(year, row_keys)
    return section
