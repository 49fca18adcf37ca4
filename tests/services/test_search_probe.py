"""Whether a search is broad enough to be read in date order, and a search that is only blanks
(services/core/search.py)."""

from __future__ import annotations

from movement_desk.db.models import ActivitySession, AdministrativeUnit
from movement_desk.services.core import search
from movement_desk.services.records import sessions

SESSION = {
    "date": "05/03/2024",
    "unit_code": "01834",
    "kind": "launch",
    "organizer_kind": "police",
    "title": "Phát động phòng chống ma túy",
}


def test_blanks_are_no_search_and_rank_nothing(database):
    assert not search.is_broad(ActivitySession, "   ")
    assert search.max_rank("  ") == 0


def test_a_table_without_a_search_index_is_never_broad(database):
    assert not search.is_broad(AdministrativeUnit, "bac kan")


def test_a_phrase_found_fewer_times_than_asked_is_not_broad(database, actor):
    for number in range(3):
        sessions.create_session({**SESSION, "title": f"{SESSION['title']} {number}"}, actor)
    assert search.is_broad(ActivitySession, "ma tuy", at_least=3)
    assert not search.is_broad(ActivitySession, "ma tuy", at_least=4)
