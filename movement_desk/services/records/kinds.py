"""The one registry of record kinds: what each synchronised table is, keyed by its table name.

A kind says once what the rest of the program asks about it: its table and class, its name in
messages, the right that writing it needs, the day a record counts in for period locks, whether
its ``unit`` field puts it in a unit's scope, and the word that names its list in the window,
the import/export files and the command line ("sessions"), and its own module, which declares
what it offers the user (``PARTS``: its list, file, undo and package fields; records/specs.py).
``store`` (rights, locks, messages) reads it; ``listing``, ``transfer``, the command line's
import/export, the window's undo and ``services/packages`` find a kind's parts through
``kind_parts``; tests/services/test_kinds.py checks that every per-kind
table elsewhere names a registered kind.

Adding a kind: its table in ``db/models.py`` (and a migration), one ``RecordKind`` here, and
its own module beside this one with the rules and ``PARTS`` (see docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from movement_desk.db.choices import UnitKind
from movement_desk.db.models import (
    ActivitySession,
    AdministrativeUnit,
    Commendation,
    CommunityModel,
    Decision,
    ModelType,
    Organisation,
    Organizer,
    Pledge,
    PledgeParty,
    RatingCriterion,
    Record,
    SafetyRating,
    UnitSuccession,
)
from movement_desk.services.core.errors import ServiceError
from movement_desk.services.core.unit_tree import RESIDENTIAL_KINDS


@dataclass(frozen=True)
class RecordKind:
    """One kind of synchronised record."""

    table: str  # the key: the table's name ("activity_session")
    model: type[Record]
    label: str  # in messages: "không tìm thấy <label>"
    write_action: str | None  # the right that writing it needs (services.core.permissions)
    # The day a record counts in for period locks, from its stored values (None: never locked).
    date_of: Callable[[dict], date | None] | None = None
    # Its ``unit`` field is the unit it belongs to, checked against the actor's scope (units
    # and successions are checked by records.units instead).
    scoped_by_unit: bool = True
    # The word naming its list in the window, the import/export files and the command line.
    name: str = ""
    # When the right depends on the row: the right for a stored state (None: ``write_action``).
    row_action: Callable[[dict], str | None] | None = None
    # Its own module in services/records ("sessions"): its rules, and ``PARTS``, what it offers
    # the user (a list, an import/export file, undo; records/specs.py), found by kind_parts.
    module: str = ""

    def action_for(self, states) -> str | None:
        """The right writing these states (before and after a change) needs: the row's own
        when every state gives the same one, else the kind's."""
        if self.row_action is not None:
            chosen = {self.row_action(state) for state in states if state is not None}
            if len(chosen) == 1 and None not in chosen:
                return chosen.pop()
        return self.write_action


def _decision_day(data: dict) -> date | None:
    decision = data.get("decision")
    if decision is None:
        return None
    if not isinstance(decision, Decision):
        decision = Decision.get_or_none(Decision.id == decision)
    return decision.decided_on if decision is not None else None


def _field(name: str) -> Callable[[dict], date | None]:
    return lambda data: data.get(name)


# Residential areas (khu dân cư) are kept by those who keep the commune's register (issue 19:
# an officer adds the thôn of his commune); every other unit by those who keep the unit list.
RESIDENTIAL_ACTION = "organisation.write"


def unit_write_action(kind: UnitKind | str | None) -> str:
    """The right writing a unit of ``kind`` needs (no or an unknown kind: ``unit.write``)."""
    try:
        kind = UnitKind(kind) if kind is not None else None
    except ValueError:
        kind = None
    return RESIDENTIAL_ACTION if kind in RESIDENTIAL_KINDS else "unit.write"


def _unit_row_action(state: dict) -> str | None:
    if state.get("kind") is not None and unit_write_action(state["kind"]) == RESIDENTIAL_ACTION:
        return RESIDENTIAL_ACTION
    return None


ADMIN_UNIT = RecordKind(
    "admin_unit",
    AdministrativeUnit,
    "đơn vị hành chính",
    "unit.write",
    scoped_by_unit=False,
    name="units",
    module="units",
    row_action=_unit_row_action,
)
UNIT_SUCCESSION = RecordKind(
    "unit_succession",
    UnitSuccession,
    "quan hệ kế thừa đơn vị",
    "unit.write",
    scoped_by_unit=False,
)
MODEL_TYPE = RecordKind(
    "model_type", ModelType, "loại mô hình", "catalog.write", name="model_types", module="catalog"
)
ORGANIZER = RecordKind(
    "organizer", Organizer, "đơn vị tổ chức", "organizer.write", name="organizers", module="catalog"
)
ACTIVITY_SESSION = RecordKind(
    "activity_session",
    ActivitySession,
    "buổi phát động, tuyên truyền",
    "session.write",
    _field("held_on"),
    name="sessions",
    module="sessions",
)
COMMUNITY_MODEL = RecordKind(
    "community_model",
    CommunityModel,
    "mô hình",
    "model.write",
    _field("established_on"),
    name="models",
    module="community_models",
)
DECISION = RecordKind(
    "decision",
    Decision,
    "quyết định khen thưởng",
    "decision.write",
    _field("decided_on"),
    name="decisions",
    module="commendations",
)
COMMENDATION = RecordKind(
    "commendation",
    Commendation,
    "người/tập thể được khen thưởng",
    "decision.write",
    _decision_day,
    name="commendations",
    module="commendations",
)
ORGANISATION = RecordKind(
    "organisation",
    Organisation,
    "cơ quan, doanh nghiệp, cơ sở giáo dục",
    "organisation.write",
    name="organisations",
    module="organisations",
)
SAFETY_RATING = RecordKind(
    "safety_rating",
    SafetyRating,
    "kết quả xây dựng tiêu chuẩn “An toàn về ANTT”",
    "rating.write",
    name="ratings",
    module="ratings",
)
RATING_CRITERION = RecordKind(
    "rating_criterion", RatingCriterion, "tiêu chí “An toàn về ANTT”", "catalog.write"
)
PLEDGE = RecordKind(
    "pledge",
    Pledge,
    "giao ước thi đua",
    "pledge.write",
    _field("signed_on"),
    name="pledges",
    module="pledges",
)
PLEDGE_PARTY = RecordKind(
    "pledge_party", PledgeParty, "bên tham gia giao ước thi đua", "pledge.write", module="pledges"
)

KINDS: dict[str, RecordKind] = {
    kind.table: kind
    for kind in (
        ADMIN_UNIT,
        UNIT_SUCCESSION,
        MODEL_TYPE,
        ORGANIZER,
        ACTIVITY_SESSION,
        COMMUNITY_MODEL,
        DECISION,
        COMMENDATION,
        ORGANISATION,
        SAFETY_RATING,
        RATING_CRITERION,
        PLEDGE,
        PLEDGE_PARTY,
    )
}
_BY_NAME = {kind.name: kind for kind in KINDS.values() if kind.name}


def of_model(model: type[Record]) -> RecordKind:
    """The kind stored in ``model``'s table (a table not registered: no right, no lock)."""
    table = model._meta.table_name
    found = KINDS.get(table)
    if found is None:
        return RecordKind(table, model, table, None)
    return found


def by_name(name: str) -> RecordKind:
    """The kind whose list is called ``name`` ("sessions"); refuses an unknown word."""
    found = _BY_NAME.get(name)
    if found is None:
        raise ServiceError(
            f"Không có loại dữ liệu “{name}”; hãy chọn một trong: {', '.join(_BY_NAME)}."
        )
    return found
