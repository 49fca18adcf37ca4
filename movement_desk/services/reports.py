"""Supervisor reports: the figures of a unit and everything under it for a reporting period.

``build_report`` runs a handful of aggregate queries (GROUP BY unit over the unit's subtree),
then folds each record's unit into the child unit it lies under. Records keep the unit they
were entered under, so a period before the 2025 reorganisation rolls up through the tree that
was valid then; with ``rollup=True`` the records of old units are counted in the units that
succeeded them (``units.successor_map``), and the report names those old units. Whether a
report needs the roll-up to be whole (``rollup_days``: the unit, or a unit under it, took over
older units after the start of the period or of the year before it that the report compares
with) is decided here once, for the window's box and the command line's default alike.
Only live records count (``deleted_at IS NULL``).

The free-text sections ("Tồn tại, hạn chế", "Phương hướng, nhiệm vụ") are stored per unit,
period and rule, so a reprint shows what the supervisor wrote.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from movement_desk import vietnamese
from movement_desk.db.choices import (
    CommendationForm,
    ModelCategory,
    OrganizerKind,
    RecipientKind,
    SessionKind,
    UnitKind,
)
from movement_desk.db.connection import db
from movement_desk.db.models import AdministrativeUnit, ReportNote, UnitSuccession, utcnow
from movement_desk.pdf.report_data import (
    NOTE_SECTIONS,
    CommendationRow,
    CountRow,
    Indicator,
    MissingGroup,
    PackageStatus,
    ReportData,
    ReportHeader,
    Span,
    UnitRow,
)
from movement_desk.services import ratings_report
from movement_desk.services.core import audit, permissions, settings
from movement_desk.services.core import unit_tree as units
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import FieldError, ServiceError, ValidationError
from movement_desk.services.core.periods import RULE_LABELS, Period, check_rule, parse_period

NOTE_MAX_LENGTH = 20_000
# Successions recorded up to this day count for a roll-up: "the units that succeeded them".
ROLLUP_AS_OF = date(9999, 12, 31)
ROLLUP_NOTE = (
    "Số liệu của các đơn vị hành chính trước sắp xếp được cộng vào đơn vị kế thừa hiện nay."
)
# Up to this many predecessors are named on the report; more are counted.
ROLLUP_NAMED_MAX = 12
INDICATOR_LABELS = {
    "sessions": "Số buổi phát động, tuyên truyền",
    "participants": "Số lượt người tham gia",
    "tips": "Số tin có giá trị",
    "models_new": "Số mô hình thành lập mới",
    "models_active": "Số mô hình đang hoạt động (cuối kỳ)",
    "model_members": "Số thành viên các mô hình (cuối kỳ)",
    "commendations": "Số lượt tập thể, cá nhân được khen thưởng",
}
FORCE_CATEGORIES = (ModelCategory.STREET_PROTECTION, ModelCategory.SECURITY_TEAM)
DISTRICT_KINDS = {UnitKind.DISTRICT, UnitKind.CITY, UnitKind.TOWN, UnitKind.URBAN_DISTRICT}


# ---------------------------------------------------------------------------------------------
# Which units count, and which row each one falls in


def _overlaps(unit: AdministrativeUnit, start: date, end: date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= end) and (
        unit.valid_to is None or unit.valid_to >= start
    )


@dataclass
class Scope:
    """The units a report counts and where each unit's records are folded."""

    unit: AdministrativeUnit
    ids: list[int]  # every unit whose records count
    row_of: dict[int, int]  # unit id -> the id of its row (a child of ``unit``, or ``unit``)
    leaf_of: dict[int, int]  # unit id -> the commune-level unit credited with its data
    rows: list[AdministrativeUnit]  # the rows expected, in order
    leaves: dict[int, AdministrativeUnit]  # commune-level units expected to send data
    tree: units.UnitTree
    successors: dict[int, int] = field(default_factory=dict)  # followed by a roll-up


def build_scope(unit_code: str, start: date, end: date, *, rollup: bool = False) -> Scope:
    """Work out the units of a report on ``unit_code`` over ``start``..``end``."""
    tree = units.UnitTree.current()  # the one the rights check has just read
    unit = tree.by_code(vietnamese.nfc(unit_code))
    successors = units.successor_map(ROLLUP_AS_OF) if rollup else {}
    if unit.id in successors:
        after = tree.by_id.get(successors[unit.id])
        raise ServiceError(
            f"{unit.title} đã được sắp xếp vào {after.title if after else 'đơn vị khác'}; "
            "để cộng dồn về đơn vị kế thừa, hãy chọn đơn vị kế thừa"
            + (f" (mã {after.code})." if after else ".")
        )
    inside = set(tree.subtree_ids(unit.id))

    def effective(unit_id: int) -> int:
        if unit_id not in successors and units.is_residential(tree.by_id[unit_id]):
            # A residential area follows its commune into the commune that succeeded it.
            parent_id = tree.by_id[unit_id].parent_id
            if parent_id in successors:
                return successors[parent_id]
        return successors.get(unit_id, unit_id)

    counted = [i for i in tree.by_id if effective(i) in inside]

    def expected(candidate: AdministrativeUnit) -> bool:
        if rollup:
            return candidate.id not in successors and (
                candidate.valid_to is None or candidate.valid_to >= start
            )
        return _overlaps(candidate, start, end)

    position: dict[int, int] = {unit.id: unit.id}
    for child_id in tree.children.get(unit.id, []):
        # A commune's residential areas are not rows: their records count for the commune.
        row_id = unit.id if units.is_residential(tree.by_id[child_id]) else child_id
        for below in tree.subtree_ids(child_id):
            position[below] = row_id
    row_of = {i: position[effective(i)] for i in counted}
    children = [
        tree.by_id[i]
        for i in tree.children.get(unit.id, [])
        if not units.is_residential(tree.by_id[i])
    ]
    rows = sorted((c for c in children if expected(c)), key=lambda u: u.code)
    if not rows:
        rows = [unit]
    leaves = {
        i: tree.by_id[i]
        for i in inside
        if tree.by_id[i].kind in units.COMMUNE_KINDS and expected(tree.by_id[i])
    }
    leaf_of = {}
    for i in counted:
        credited = effective(i)
        if units.is_residential(tree.by_id[credited]):
            credited = effective(tree.by_id[credited].parent_id)
        if credited in leaves:
            leaf_of[i] = credited
    return Scope(unit, counted, row_of, leaf_of, rows, leaves, tree, successors)


def rollup_days(unit_code: str, period: Period | str, rule: str | None = None) -> list[date]:
    """The days on which ``unit_code``, or a unit under it, took over older units, after the
    start of ``period`` or of the same period a year before (which the report compares
    with): a report over such a period counts those older units' records only with the
    roll-up. Empty for a unit that has itself been merged into another (its reports go
    through the tree that was valid then) and when nothing merged into it since then.

    The window ticks its succession box, and the command line rolls up unless told
    ``--no-rollup``, when this is not empty.
    """
    if isinstance(period, str):
        period = parse_period(period)
    rule = resolve_rule(rule)
    start, _ = period.bounds(rule)
    start = min(start, period.same_period_last_year().bounds(rule)[0])  # as build_report
    tree = units.UnitTree.current()
    unit = tree.by_code(vietnamese.nfc(unit_code))
    links = list(
        UnitSuccession.live(
            UnitSuccession.predecessor, UnitSuccession.successor, UnitSuccession.effective_on
        ).tuples()
    )
    if any(predecessor == unit.id for predecessor, _, _ in links):
        return []  # merged into another (or split): its reports keep the tree of its time
    inside = set(tree.subtree_ids(unit.id))
    return sorted({day for _, successor, day in links if successor in inside and day > start})


def _rollup_note(scope: Scope) -> str:
    """The line of a rolled-up report that names the older units whose records it counts
    (the highest of them: a province rather than its communes), with the day each group
    ended; the general sentence alone when none of them is counted."""
    tree, successors = scope.tree, scope.successors
    merged = {i for i in scope.ids if i in successors and not units.is_residential(tree.by_id[i])}
    highest = sorted(
        (tree.by_id[i] for i in merged if tree.by_id[i].parent_id not in merged),
        key=lambda u: (u.valid_to or ROLLUP_AS_OF, u.code),
    )
    if not highest:
        return ROLLUP_NOTE
    groups: dict[date | None, list[AdministrativeUnit]] = {}
    for old in highest:
        groups.setdefault(old.valid_to, []).append(old)
    parts = []
    for until, olds in groups.items():
        if len(olds) > ROLLUP_NAMED_MAX:
            communes = all(u.kind in units.COMMUNE_KINDS for u in olds)
            names = f"{vietnamese.format_number(len(olds))} đơn vị" + (
                " cấp xã" if communes else ""
            )
        else:
            titles = [f"{u.title} ({u.code})" for u in olds]
            names = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " và " + titles[-1]
        parts.append(names + (f" đến ngày {vietnamese.format_date(until)}" if until else ""))
    return f"{ROLLUP_NOTE[:-1]}: {'; '.join(parts)}."


# ---------------------------------------------------------------------------------------------
# Aggregate queries


def _in(ids: Iterable[int]) -> tuple[str, list[int]]:
    ids = list(ids)
    return ",".join("?" * len(ids)) or "NULL", ids


# Above this many units the date range is the better way in: "+unit_id" keeps SQLite from
# probing the unit index once per unit (for commendations, once per unit and decision) and
# lets it read the covering date index instead.
MANY_UNITS = 20


def _unit_column(column: str, ids: list[int]) -> str:
    return f"+{column}" if len(ids) > MANY_UNITS else column


def _live_sessions(ids: list[int]) -> str:
    """The live sessions' condition. Over many units the date range is the way in, and the
    covering report index (held_on, unit_id, kind, participants, tips, deleted_at) answers
    without reading the table; written ``deleted_at IS NULL`` the condition would let SQLite
    take the lists' partial date index instead and read every session of the period from the
    table (45 ms against 7 for a province's year at 130.000 sessions)."""
    return "NOT (deleted_at IS NOT NULL)" if len(ids) > MANY_UNITS else "deleted_at IS NULL"


def _session_rows(ids: list[int], start: date, end: date, group: str = "unit_id"):
    marks, params = _in(ids)
    return db.execute_sql(
        f"""SELECT {group}, COUNT(*), COALESCE(SUM(participants), 0), COALESCE(SUM(tips), 0)
            FROM activity_session
            WHERE {_live_sessions(ids)} AND held_on >= ? AND held_on <= ?
              AND {_unit_column("unit_id", ids)} IN ({marks})
            GROUP BY {group}""",
        [start.isoformat(), end.isoformat(), *params],
    ).fetchall()


def _session_totals(ids: list[int], start: date, end: date) -> tuple[int, int, int]:
    marks, params = _in(ids)
    row = db.execute_sql(
        f"""SELECT COUNT(*), COALESCE(SUM(participants), 0), COALESCE(SUM(tips), 0)
            FROM activity_session
            WHERE {_live_sessions(ids)} AND held_on >= ? AND held_on <= ?
              AND {_unit_column("unit_id", ids)} IN ({marks})""",
        [start.isoformat(), end.isoformat(), *params],
    ).fetchone()
    return row[0], row[1], row[2]


def _model_rows(
    ids: list[int],
    start: date,
    end: date,
    group: str = "NULL",
    forces: tuple[list[int], list[int]] = ([], []),
):
    """Grouped by ``group`` (a column, or NULL for the totals): models active at ``end``
    (count, members), new, dissolved and suspended in ``start``..``end``; then the active
    street-protection boards and security teams (count, members) among them, given the ids of
    their model types in ``forces``.

    A model is active at the end when it was established by then and had not been dissolved
    or suspended by then (its status date); the status is the current one, so a model
    dissolved after the end still counts as active at the end.
    """
    marks, params = _in(ids)
    board_marks, board_ids = _in(forces[0])
    team_marks, team_ids = _in(forces[1])
    e, s = end.isoformat(), start.isoformat()
    active = "(status = 'active' OR (status_date IS NOT NULL AND status_date > ?))"
    return db.execute_sql(
        f"""SELECT {group},
                SUM(CASE WHEN {active} THEN 1 ELSE 0 END),
                SUM(CASE WHEN {active} THEN members ELSE 0 END),
                SUM(CASE WHEN established_on >= ? THEN 1 ELSE 0 END),
                SUM(CASE WHEN status = 'dissolved' AND status_date >= ? AND status_date <= ?
                    THEN 1 ELSE 0 END),
                SUM(CASE WHEN status = 'suspended' AND status_date >= ? AND status_date <= ?
                    THEN 1 ELSE 0 END),
                SUM(CASE WHEN {active} AND model_type_id IN ({board_marks}) THEN 1 ELSE 0 END),
                SUM(CASE WHEN {active} AND model_type_id IN ({board_marks})
                    THEN members ELSE 0 END),
                SUM(CASE WHEN {active} AND model_type_id IN ({team_marks}) THEN 1 ELSE 0 END),
                SUM(CASE WHEN {active} AND model_type_id IN ({team_marks})
                    THEN members ELSE 0 END)
            FROM community_model
            WHERE deleted_at IS NULL AND established_on <= ? AND unit_id IN ({marks})
            GROUP BY {group}
            HAVING COUNT(*) > 0""",
        [
            e,
            e,
            s,
            s,
            e,
            s,
            e,
            e,
            *board_ids,
            e,
            *board_ids,
            e,
            *team_ids,
            e,
            *team_ids,
            e,
            *params,
        ],
    ).fetchall()


def _commendation_rows(ids: list[int], start: date, end: date):
    marks, params = _in(ids)
    return db.execute_sql(
        f"""SELECT c.unit_id, d.form, c.recipient_kind, COUNT(*)
            FROM decision d CROSS JOIN commendation c ON c.decision_id = d.id
            WHERE c.deleted_at IS NULL AND d.deleted_at IS NULL
              AND d.decided_on >= ? AND d.decided_on <= ?
              AND {_unit_column("c.unit_id", ids)} IN ({marks})
            GROUP BY c.unit_id, d.form, c.recipient_kind""",
        [start.isoformat(), end.isoformat(), *params],
    ).fetchall()


def _decisions_by_form(ids: list[int], start: date, end: date) -> dict[str, int]:
    marks, params = _in(ids)
    rows = db.execute_sql(
        f"""SELECT d.form, COUNT(DISTINCT d.id)
            FROM decision d CROSS JOIN commendation c ON c.decision_id = d.id
            WHERE c.deleted_at IS NULL AND d.deleted_at IS NULL
              AND d.decided_on >= ? AND d.decided_on <= ?
              AND {_unit_column("c.unit_id", ids)} IN ({marks})
            GROUP BY d.form""",
        [start.isoformat(), end.isoformat(), *params],
    ).fetchall()
    return dict(rows)


def _commendation_total(ids: list[int], start: date, end: date) -> int:
    marks, params = _in(ids)
    return db.execute_sql(
        f"""SELECT COUNT(*) FROM decision d CROSS JOIN commendation c ON c.decision_id = d.id
            WHERE c.deleted_at IS NULL AND d.deleted_at IS NULL
              AND d.decided_on >= ? AND d.decided_on <= ?
              AND {_unit_column("c.unit_id", ids)} IN ({marks})""",
        [start.isoformat(), end.isoformat(), *params],
    ).fetchone()[0]


def _model_totals(ids: list[int], start: date, end: date) -> tuple[int, int, int]:
    """Active at the end, their members, and new in the period."""
    for row in _model_rows(ids, start, end):
        return row[1] or 0, row[2] or 0, row[3] or 0
    return 0, 0, 0


def _new_models(ids: list[int], start: date, end: date) -> int:
    marks, params = _in(ids)
    return db.execute_sql(
        f"""SELECT COUNT(*) FROM community_model
            WHERE deleted_at IS NULL AND established_on >= ? AND established_on <= ?
              AND unit_id IN ({marks})""",
        [start.isoformat(), end.isoformat(), *params],
    ).fetchone()[0]


# ---------------------------------------------------------------------------------------------
# The report


def _span(period: Period, rule: str) -> Span:
    start, end = period.bounds(rule)
    return Span(period.label, start, end)


def _header(report_date: date, number: str) -> ReportHeader:
    values = settings.all_settings(report_date)
    return ReportHeader(
        issuer_parent=values.get("issuer_parent", ""),
        issuer_name=values.get("issuer_name", ""),
        number=vietnamese.nfc(number),
        symbol=values.get("report_symbol", ""),
        place=values.get("place", ""),
        report_date=report_date,
        preparer_title=values.get("report_preparer_title", "") or "NGƯỜI LẬP BIỂU",
        preparer_name=values.get("report_preparer_name", ""),
        head_prefix=values.get("report_head_prefix", ""),
        head_title=values.get("report_head_title", "") or "THỦ TRƯỞNG ĐƠN VỊ",
        head_name=values.get("report_head_name", ""),
        recipients=values.get("report_recipients", ""),
    )


def _child_level(rows: list[AdministrativeUnit], unit: AdministrativeUnit) -> str:
    kinds = {row.kind for row in rows}
    if rows == [unit]:
        return "Đơn vị"
    if kinds <= units.COMMUNE_KINDS:
        return "Xã, phường, thị trấn"
    if kinds <= DISTRICT_KINDS:
        return "Huyện, thành phố"
    return "Đơn vị"


def resolve_rule(rule: str | None) -> str:
    return check_rule(rule or settings.get("period_rule"))


REPORT_NUMBER_MAX = 60


def check_report_number(number: str) -> None:
    """A report number fits its line of the header ("Số: 12/BC-CAT-PV05")."""
    if len(number or "") > REPORT_NUMBER_MAX:
        raise ValidationError(
            [
                FieldError(
                    "number",
                    "Số báo cáo",
                    f"số báo cáo dài {vietnamese.format_number(len(number))} ký tự, tối đa "
                    f"{REPORT_NUMBER_MAX}; hãy nhập số như “12/BC-CAT-PV05”.",
                )
            ]
        )


def build_report(
    unit_code: str,
    period: Period | str,
    rule: str | None = None,
    *,
    rollup: bool | None = False,
    report_date: date | None = None,
    number: str = "",
    actor: Actor,
) -> ReportData:
    """The figures of ``unit_code`` and everything under it for ``period`` under ``rule``.

    ``rollup``: count the records of older units in the units that succeeded them; None
    decides as the window does (``rollup_days``).

    The report needs ``report.print`` for the unit (``actor`` is required: the program's own
    bookkeeping passes ``SYSTEM_ACTOR``), and only records of units in the actor's scope count
    (a roll-up never pulls in a predecessor the account may not see). Building is not
    printing: ``save_pdf``, ``write_workbook`` and ``record_print`` record the print.

    Each section of the report is one function below, filling the rows by child unit
    (``RowBook``) as it goes.
    """
    check_report_number(number)
    permissions.require(actor, "report.print", vietnamese.nfc(unit_code))
    allowed = permissions.visible_unit_ids(actor)
    if isinstance(period, str):
        period = parse_period(period)
    rule = resolve_rule(rule)
    if rollup is None:
        rollup = bool(rollup_days(unit_code, period, rule))
    current = _span(period, rule)
    start, end = current.start, current.end
    previous = _span(period.previous(), rule)
    last_year = _span(period.same_period_last_year(), rule)
    ytd_start, ytd_end = period.year_to_date(rule)
    ytd = Span("lũy kế từ đầu năm", ytd_start, ytd_end)
    scope = _allowed_scope(build_scope(unit_code, start, end, rollup=rollup), allowed)
    unit = scope.unit
    book = RowBook(scope)
    for expected in scope.rows:
        book.row_for(expected.id)

    sessions_by_kind = _sessions_section(book, start, end)
    models = _models_section(book, start, end)
    commendations = _commendations_section(book, start, end)
    ordered_rows, missing = _completeness_section(book)
    package_status = _package_status(scope, book.rows, start, end)
    safety = _safety_section(book, period)
    residential = _residential_section(scope, start, end)
    total = UnitRow("", "Tổng cộng")
    for row in ordered_rows:
        total.add(row)
    indicators = _indicators(scope.ids, total, models.total, previous, last_year, ytd)

    return ReportData(
        unit_code=unit.code,
        unit_title=unit.title,
        period_code=period.code,
        period_label=period.label,
        rule=rule,
        rule_label=RULE_LABELS[rule],
        period=current,
        previous=previous,
        last_year=last_year,
        year_to_date=ytd,
        header=_header(report_date or date.today(), number),
        rollup=rollup,
        rollup_note=_rollup_note(scope) if rollup else "",
        child_level=_child_level(scope.rows, unit),
        indicators=indicators,
        sessions_by_kind=sessions_by_kind,
        unit_rows=ordered_rows,
        total=total,
        models_by_type=models.by_type,
        models_by_body=models.by_body,
        models_total=models.total,
        forces=models.forces,
        commendations=commendations,
        missing=missing,
        communes_expected=total.communes,
        communes_reporting=total.communes_reporting,
        packages=package_status,
        # Month by month through the reporting year, for the chart.
        months=_months(scope.ids, period, rule),
        notes=load_notes(unit.code, period, rule),
        safety=safety,
        sessions_by_residential_area=residential,
    )


def _allowed_scope(scope: Scope, allowed: frozenset[int] | None) -> Scope:
    """Only the units the account may see count (``allowed`` None: every unit)."""
    if allowed is not None:
        scope.ids = [i for i in scope.ids if i in allowed]
        scope.leaves = {i: leaf for i, leaf in scope.leaves.items() if i in allowed}
        scope.leaf_of = {i: leaf for i, leaf in scope.leaf_of.items() if leaf in scope.leaves}
    return scope


@dataclass
class RowBook:
    """The report's rows by child unit as its sections fill them, and the commune-level units
    that had anything dated in the period (the completeness section)."""

    scope: Scope
    rows: dict[int, UnitRow] = field(default_factory=dict)
    reporting: set[int] = field(default_factory=set)

    def row_for(self, unit_id: int) -> UnitRow:
        """The row that counts ``unit_id``'s records."""
        scope = self.scope
        key = scope.row_of[unit_id]
        if key not in self.rows:
            target = scope.tree.by_id[key]
            name = target.title
            if key == scope.unit.id and scope.rows != [scope.unit]:
                name = f"Cấp {scope.unit.kind.label} (trực tiếp)"
            self.rows[key] = UnitRow(target.code, name)
        return self.rows[key]

    def credit(self, unit_id: int) -> None:
        """``unit_id`` had something dated in the period: its commune-level unit reported."""
        leaf = self.scope.leaf_of.get(unit_id)
        if leaf is not None:
            self.reporting.add(leaf)

    def ordered_keys(self) -> list[int]:
        return _row_order(self.rows, self.scope)


def _sessions_section(book: RowBook, start: date, end: date) -> list[CountRow]:
    """Sessions per row, and by kind (count and participants), from one query by unit and
    kind."""
    ids = book.scope.ids
    by_kind: dict[str, tuple[int, int]] = {}
    for unit_id, kind, count, people, tips in _session_rows(ids, start, end, group="unit_id, kind"):
        row = book.row_for(unit_id)
        row.sessions += count
        row.participants += people
        row.tips += tips
        if count:
            book.credit(unit_id)
        kind_count, kind_people = by_kind.get(kind, (0, 0))
        by_kind[kind] = (kind_count + count, kind_people + people)
    sessions_by_kind = []
    for kind in SessionKind:
        count, people = by_kind.get(kind.value, (0, 0))
        if count:
            sessions_by_kind.append(CountRow(kind.label, count=count, extra=people))
    return sessions_by_kind


NO_RESIDENTIAL_AREA = "Không ghi khu dân cư"


def _residential_section(scope: Scope, start: date, end: date) -> list[CountRow]:
    """A commune's report only: sessions and participants per residential area that held
    any, then the sessions that name no residential area (held at the commune itself)."""
    if scope.unit.kind not in units.COMMUNE_KINDS:
        return []
    tree = scope.tree
    areas: list[CountRow] = []
    elsewhere = CountRow(NO_RESIDENTIAL_AREA)
    for unit_id, count, people, _tips in _session_rows(scope.ids, start, end):
        if not count:
            continue
        unit = tree.by_id[unit_id]
        if units.is_residential(unit):
            title = unit.title
            parent = tree.by_id.get(unit.parent_id)
            if parent is not None and parent.id != scope.unit.id:
                # a predecessor's area, rolled up: "Tổ dân phố 1 (Phường Đức Xuân cũ)"
                title = f"{title} ({parent.title} cũ)"
            areas.append(CountRow(title, count=count, extra=people, group=unit.code))
        else:
            elsewhere.count += count
            elsewhere.extra += people
    if not areas:
        return []
    areas.sort(key=lambda row: row.group)
    return areas + ([elsewhere] if elsewhere.count else [])


@dataclass
class ModelsSection:
    """Community models by type, by managing body, in total, and the forces among them."""

    by_type: list[CountRow]
    by_body: list[CountRow]
    total: CountRow
    forces: list[CountRow]


def _models_section(book: RowBook, start: date, end: date) -> ModelsSection:
    """Community models by type, by managing body and per row (with the street-protection
    boards and security teams and their members)."""
    ids = book.scope.ids
    types = {
        type_id: (name, ModelCategory(category))
        for type_id, name, category in db.execute_sql(
            "SELECT id, name, category FROM model_type"
        ).fetchall()
    }
    force_types = (
        [i for i, (_, c) in types.items() if c is ModelCategory.STREET_PROTECTION],
        [i for i, (_, c) in types.items() if c is ModelCategory.SECURITY_TEAM],
    )
    forces = {
        category: CountRow(category.label, group=category.value) for category in FORCE_CATEGORIES
    }
    models_total = CountRow("Tổng cộng")
    by_type: dict[int, CountRow] = {}
    for type_id, active, members, new, dissolved, suspended, *_ in _model_rows(
        ids, start, end, "model_type_id"
    ):
        name, category = types[type_id]
        figures = CountRow(
            name,
            count=active,
            members=members,
            new=new,
            dissolved=dissolved,
            suspended=suspended,
            group=category.label,
        )
        by_type[type_id] = figures
        models_total.add(figures)
        if category in forces:
            forces[category].add(figures)
    by_body = {
        body: CountRow(
            OrganizerKind(body).label,
            count=active,
            members=members,
            new=new,
            dissolved=dissolved,
            suspended=suspended,
        )
        for body, active, members, new, dissolved, suspended, *_ in _model_rows(
            ids, start, end, "managing_kind"
        )
    }
    for (
        unit_id,
        active,
        members,
        new,
        dissolved,
        suspended,
        boards,
        board_members,
        teams,
        team_members,
    ) in _model_rows(ids, start, end, "unit_id", force_types):
        row = book.row_for(unit_id)
        row.models_active += active
        row.model_members += members
        row.models_new += new
        row.models_dissolved += dissolved
        row.boards += boards
        row.board_members += board_members
        row.teams += teams
        row.team_members += team_members
        if new or dissolved or suspended:
            book.credit(unit_id)
    category_order = {category: index for index, category in enumerate(ModelCategory)}
    models_by_type = [
        by_type[type_id]
        for type_id in sorted(
            by_type,
            key=lambda i: (category_order[types[i][1]], vietnamese.sort_key(types[i][0])),
        )
        if _any_count(by_type[type_id])
    ]
    body_order = {kind.value: index for index, kind in enumerate(OrganizerKind)}
    models_by_body = [by_body[key] for key in sorted(by_body, key=lambda k: body_order.get(k, 99))]
    return ModelsSection(models_by_type, models_by_body, models_total, list(forces.values()))


def _commendations_section(book: RowBook, start: date, end: date) -> list[CommendationRow]:
    """Commendations by form and recipient kind (with the decisions), and per row."""
    ids = book.scope.ids
    forms: dict[str, CommendationRow] = {}
    decisions = _decisions_by_form(ids, start, end)
    for unit_id, form, kind, count in _commendation_rows(ids, start, end):
        row = forms.setdefault(form, CommendationRow(CommendationForm(form).label))
        if kind == RecipientKind.INDIVIDUAL.value:
            row.individuals += count
        elif kind == RecipientKind.COLLECTIVE.value:
            row.collectives += count
        else:
            row.households += count
        book.row_for(unit_id).commendations += count
        book.credit(unit_id)
    commendations = []
    for form in CommendationForm:
        if form.value in forms:
            forms[form.value].decisions = decisions.get(form.value, 0)
            commendations.append(forms[form.value])
    return commendations


def _completeness_section(book: RowBook) -> tuple[list[UnitRow], list[MissingGroup]]:
    """(the rows in order, the commune-level units with nothing dated in the period per row);
    each row learns how many of its communes reported."""
    scope, rows = book.scope, book.rows
    missing: list[MissingGroup] = []
    ordered_keys = book.ordered_keys()
    for key in ordered_keys:
        expected_leaves = sorted(
            (leaf for leaf_id, leaf in scope.leaves.items() if scope.row_of.get(leaf_id) == key),
            key=lambda u: u.code,
        )
        silent = [leaf.title for leaf in expected_leaves if leaf.id not in book.reporting]
        rows[key].communes = len(expected_leaves)
        rows[key].communes_reporting = len(expected_leaves) - len(silent)
        if silent:
            missing.append(MissingGroup(rows[key].name, len(expected_leaves), silent))
    return [rows[key] for key in ordered_keys], missing


def _safety_section(book: RowBook, period: Period):
    """The yearly (and 6-month) "An toàn về ANTT" ratings; None for shorter periods."""
    if period.kind not in ("year", "half"):
        return None
    return ratings_report.safety_section(
        book.scope,
        period.year,
        [(key, book.rows[key].name) for key in book.ordered_keys()],
        mid_year=period.kind == "half",
    )


def _span_totals(ids: list[int], span: Span, with_models: bool = True) -> dict[str, int | None]:
    """The indicators over ``span`` (models as they stood at its end, or only those
    established in it when ``with_models`` is False: the year to date)."""
    sessions, people, tips = _session_totals(ids, span.start, span.end)
    figures: dict[str, int | None] = {
        "sessions": sessions,
        "participants": people,
        "tips": tips,
        "commendations": _commendation_total(ids, span.start, span.end),
    }
    if with_models:
        active, members, new = _model_totals(ids, span.start, span.end)
        figures.update(models_new=new, models_active=active, model_members=members)
    else:
        figures.update(
            models_new=_new_models(ids, span.start, span.end),
            models_active=None,
            model_members=None,
        )
    return figures


def _indicators(
    ids: list[int],
    total: UnitRow,
    models_total: CountRow,
    previous: Span,
    last_year: Span,
    ytd: Span,
) -> list[Indicator]:
    """Each indicator now, in the period before, the same period a year before and the year to
    date."""
    now = {
        "sessions": total.sessions,
        "participants": total.participants,
        "tips": total.tips,
        "commendations": total.commendations,
        "models_new": models_total.new,
        "models_active": models_total.count,
        "model_members": models_total.members,
    }
    before = _span_totals(ids, previous)
    # A year's period before is the same year as a year before: counted once.
    same = (last_year.start, last_year.end) == (previous.start, previous.end)
    year_before = before if same else _span_totals(ids, last_year)
    to_date = _span_totals(ids, ytd, False)
    return [
        Indicator(key, label, now[key], before[key], year_before[key], to_date[key])
        for key, label in INDICATOR_LABELS.items()
    ]


def _package_status(
    scope: Scope, rows: dict[int, UnitRow], start: date, end: date
) -> PackageStatus | None:
    """Whose data package has arrived for the period, per child row; None on a database that
    has never received a package (a commune's own: nothing to say there)."""
    from movement_desk.db.packages import PackageReceived

    if not PackageReceived.select().exists():
        return None
    from movement_desk.services import packages  # a large module, needed only here

    completeness = packages.received_units(scope.unit.code, start, end)
    ids = {unit.code: unit_id for unit_id, unit in scope.tree.by_id.items()}
    counted = set(scope.ids)
    missing: dict[int, list[str]] = {}
    for receipt in completeness.units:
        unit_id = ids.get(receipt.code)
        key = scope.row_of.get(unit_id) if unit_id in counted else None
        if key is None or key not in rows:
            continue
        rows[key].packages_expected += 1
        if receipt.received:
            rows[key].packages_received += 1
        else:
            missing.setdefault(key, []).append(receipt.name)
    ordered = _row_order(rows, scope)
    return PackageStatus(
        expected=sum(rows[key].packages_expected for key in ordered),
        received=sum(rows[key].packages_received for key in ordered),
        missing=[
            MissingGroup(rows[key].name, rows[key].packages_expected, missing[key])
            for key in ordered
            if key in missing
        ],
    )


def _any_count(row: CountRow) -> bool:
    return bool(row.count or row.new or row.dissolved or row.suspended)


def _row_order(rows: Mapping[int, UnitRow], scope: Scope) -> list[int]:
    """Child rows by code, the unit's own (direct) row last."""
    own = scope.unit.id
    keys = sorted((k for k in rows if k != own), key=lambda k: scope.tree.by_id[k].code)
    if own in rows and (scope.rows == [scope.unit] or _any(rows[own])):
        keys.append(own)
    return keys


def _any(row: UnitRow) -> bool:
    return any(getattr(row, name) for name in UnitRow.NUMBERS)


def _months(ids: list[int], period: Period, rule: str) -> list[tuple[str, int, int]]:
    months = period.months_of_year(rule)
    if not months:
        return []
    first, _ = months[0].bounds(rule)
    _, last = period.bounds(rule)
    spans = [(m, *m.bounds(rule)) for m in months]
    figures = {m.number: [0, 0] for m in months}
    marks, params = _in(ids)
    daily = db.execute_sql(
        f"""SELECT held_on, COUNT(*), COALESCE(SUM(participants), 0) FROM activity_session
            WHERE {_live_sessions(ids)} AND held_on >= ? AND held_on <= ?
              AND {_unit_column("unit_id", ids)} IN ({marks})
            GROUP BY held_on""",
        [first.isoformat(), last.isoformat(), *params],
    ).fetchall()
    for day_text, count, people in daily:
        day = date.fromisoformat(str(day_text)[:10])
        for month, month_start, month_end in spans:
            if month_start <= day <= month_end:
                figures[month.number][0] += count
                figures[month.number][1] += people
                break
    return [(f"{m.number:02d}", figures[m.number][0], figures[m.number][1]) for m in months]


# ---------------------------------------------------------------------------------------------
# Free-text sections


def _note_key(unit_code: str, period: Period | str, rule: str | None) -> tuple[str, str, str]:
    if isinstance(period, str):
        period = parse_period(period)
    return vietnamese.nfc(unit_code), period.code, resolve_rule(rule)


def load_notes(unit_code: str, period: Period | str, rule: str | None = None) -> dict[str, str]:
    """The free-text sections saved for this unit, period and rule ("" where none)."""
    unit_code, period_code, rule = _note_key(unit_code, period, rule)
    notes = dict.fromkeys(NOTE_SECTIONS, "")
    query = ReportNote.select().where(
        (ReportNote.unit_code == unit_code)
        & (ReportNote.period_code == period_code)
        & (ReportNote.rule == rule)
    )
    for note in query:
        if note.section in notes:
            notes[note.section] = note.body
    return notes


def save_notes(
    unit_code: str,
    period: Period | str,
    rule: str | None,
    notes: Mapping[str, str],
    actor: Actor,
) -> dict[str, str]:
    """Keep the free-text sections of a report; an empty text removes the section.

    They are part of the report: writing them needs ``report.print`` for the unit, and each
    section that changes is in the audit trail with its old and new text.
    """
    unit_code, period_code, rule = _note_key(unit_code, period, rule)
    unit = units.get_unit(unit_code)
    permissions.require(actor, "report.print", unit)
    errors = []
    cleaned: dict[str, str] = {}
    for section, body in notes.items():
        if section not in NOTE_SECTIONS:
            raise ServiceError(f"Không có mục “{section}” trong báo cáo.")
        text = vietnamese.nfc(body or "").replace("\r\n", "\n")
        if len(text) > NOTE_MAX_LENGTH:
            errors.append(
                FieldError(
                    section,
                    NOTE_SECTIONS[section],
                    f"dài {vietnamese.format_number(len(text))} ký tự, tối đa "
                    f"{vietnamese.format_number(NOTE_MAX_LENGTH)}; hãy rút gọn.",
                )
            )
        cleaned[section] = text
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        stored = load_notes(unit_code, period_code, rule)
        for section, text in cleaned.items():
            if text != stored[section]:
                audit.log(
                    actor,
                    "update" if stored[section] else "create",
                    table="report_note",
                    uuid=f"{unit_code}/{period_code}/{rule}/{section}",
                    label=f"{NOTE_SECTIONS[section]} – {unit.title} {period_code}",
                    unit_id=unit.id,
                    changes={section: [stored[section] or None, text or None]},
                )
            where = (
                (ReportNote.unit_code == unit_code)
                & (ReportNote.period_code == period_code)
                & (ReportNote.rule == rule)
                & (ReportNote.section == section)
            )
            if not text:
                ReportNote.delete().where(where).execute()
                continue
            (
                ReportNote.insert(
                    unit_code=unit_code,
                    period_code=period_code,
                    rule=rule,
                    section=section,
                    body=text,
                    updated_at=utcnow(),
                    updated_by=actor.username,
                )
                .on_conflict(
                    conflict_target=[
                        ReportNote.unit_code,
                        ReportNote.period_code,
                        ReportNote.rule,
                        ReportNote.section,
                    ],
                    update={
                        ReportNote.body: text,
                        ReportNote.updated_at: utcnow(),
                        ReportNote.updated_by: actor.username,
                    },
                )
                .execute()
            )
    return load_notes(unit_code, period_code, rule)


# ---------------------------------------------------------------------------------------------
# Output


def load_renderer() -> None:
    """Load the PDF renderer (ReportLab with it) and register its fonts ahead of
    ``render_pdf``, which otherwise does it on the first report: the command line does it on a
    thread while the password is checked."""
    from movement_desk.pdf.fonts import register_fonts
    from movement_desk.pdf.report import ReportRenderer  # noqa: F401 - loaded, for later

    register_fonts()


def render_pdf(data: ReportData) -> bytes:
    """The report as PDF bytes (a preview: nothing is recorded)."""
    from reportlab.platypus.doctemplate import LayoutError

    from movement_desk.pdf.report import ReportRenderer

    try:
        return ReportRenderer().render(data)
    except LayoutError as exc:
        raise ServiceError(
            "Một nội dung của báo cáo quá dài để dàn trên trang giấy (tên đơn vị, số báo cáo "
            "hoặc phần viết); hãy rút gọn rồi in lại."
        ) from exc


OUTPUT_LABELS = {"pdf": "tệp PDF", "xlsx": "tệp Excel", "printer": "máy in"}


def record_print(data: ReportData, actor: Actor, output: str, target: str | Path = "") -> None:
    """Note in the audit trail that the report was printed or saved (``output``: pdf, xlsx or
    printer); refused unless ``actor`` may print reports of its unit. A preview is no print."""
    unit = units.get_unit(data.unit_code)
    permissions.require(actor, "report.print", unit)
    where = OUTPUT_LABELS.get(output, output)
    if target:
        where += f" {Path(target).name}"
    with db.atomic():
        audit.log(
            actor,
            "print",
            table="report",
            uuid=f"{data.unit_code}/{data.period_code}/{data.rule}",
            label=f"Báo cáo {data.period_label} – {unit.title}",
            unit_id=unit.id,
            summary=f"In báo cáo {data.title_line} của {unit.title} "
            f"({vietnamese.format_date(data.period.start)} - "
            f"{vietnamese.format_date(data.period.end)}, {data.rule_label}) ra {where}",
        )


def save_pdf(data: ReportData, target: str | Path, actor: Actor) -> bytes:
    """Render, write ``target`` and record the print; returns the PDF bytes."""
    permissions.require(actor, "report.print", data.unit_code)
    from movement_desk.services.core import output_files

    pdf = render_pdf(data)
    output_files.write_bytes(target, pdf)
    record_print(data, actor, "pdf", target)
    return pdf


def write_workbook(data: ReportData, target: str | Path, actor: Actor | None = None) -> None:
    """The tables as an Excel workbook; with ``actor``, checked and recorded as a print."""
    from movement_desk.services.report_workbook import write_report_workbook

    if actor is not None:
        permissions.require(actor, "report.print", data.unit_code)
    from movement_desk.services.core import output_files

    with output_files.open_output(target) as handle:
        write_report_workbook(data, handle)
    if actor is not None:
        record_print(data, actor, "xlsx", target)


def workbook_bytes(data: ReportData) -> bytes:
    import io

    from movement_desk.services.report_workbook import write_report_workbook

    buffer = io.BytesIO()
    write_report_workbook(data, buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class UnitChoice:
    """A unit offered in the report's unit picker."""

    code: str
    title: str
    parent_code: str | None
    valid_from: date | None
    valid_to: date | None
    search_key: str


def unit_choices(actor: Actor) -> list[UnitChoice]:
    """The live units in ``actor``'s scope, parents before children, for a tree picker (a
    unit whose parent is outside it comes at the top level)."""
    tree = units.UnitTree.load()
    result: list[UnitChoice] = []
    allowed = permissions.visible_unit_ids(actor)

    def walk(parent_id: int | None) -> None:
        for child_id in sorted(tree.children.get(parent_id, []), key=lambda i: tree.by_id[i].code):
            unit = tree.by_id[child_id]
            parent = tree.by_id.get(unit.parent_id) if unit.parent_id else None
            if allowed is not None and child_id not in allowed:
                walk(child_id)
                continue
            if allowed is not None and parent is not None and parent.id not in allowed:
                parent = None
            result.append(
                UnitChoice(
                    unit.code,
                    unit.title,
                    parent.code if parent else None,
                    unit.valid_from,
                    unit.valid_to,
                    vietnamese.fold(f"{unit.title} {unit.code}"),
                )
            )
            walk(child_id)

    walk(None)
    return result
