"""Search means what it says: the words typed, as a phrase in one field or in the unit's name.

The expected sets are computed here without the search module: from the stored text with a
regular expression over the Vietnamese letters, and from the unit tree walked in Python.
"""

from __future__ import annotations

import re
import sqlite3

import pytest

from movement_desk import vietnamese
from movement_desk.db.models import ActivitySession, AdministrativeUnit
from movement_desk.services.core import search, tabular
from movement_desk.services.core.actor import SYSTEM_ACTOR
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.records import listing
from movement_desk.services.records.sessions import SESSION_LABELS
from tests import server_backend

CHO_DON = re.compile(r"(?<!\w)chợ\W+đồn", re.IGNORECASE)


@pytest.fixture(scope="module")
def province_file(tmp_path_factory, template_db, backend):
    """The ``province`` demo (2.900 sessions), built once for this module (on the server: a
    database of the module's own, dropped at its end)."""
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin import demo
    from movement_desk.services.admin.bootstrap import prepare_database

    if backend == "postgresql":
        name = server_backend.new_database_name("md_province")
        path = server_backend.create_database(name, server_backend.name_of(template_db))
    else:
        path = tmp_path_factory.mktemp("province") / "province.sqlite3"
        source, target = sqlite3.connect(template_db), sqlite3.connect(path)
        with target:
            source.backup(target)
        source.close()
        target.close()
    prepare_database(path)
    demo.build_demo("province", seed=2024)
    close_database()
    yield path
    if backend == "postgresql":
        server_backend.drop_database(name)


@pytest.fixture
def province(province_file):
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin.bootstrap import prepare_database

    handle = prepare_database(province_file)
    yield handle
    close_database()


def _sessions_mentioning_cho_don() -> set[int]:
    """Sessions whose title, organiser, notes, unit or a unit above it says "Chợ Đồn"."""
    units = {u.id: u for u in AdministrativeUnit.select()}

    def unit_says_it(unit_id):
        while unit_id is not None:
            if CHO_DON.search(units[unit_id].name):
                return True
            unit_id = units[unit_id].parent_id
        return False

    return {
        s.id
        for s in ActivitySession.live()
        if any(CHO_DON.search(text) for text in (s.title, s.organizer_name, s.notes))
        or unit_says_it(s.unit_id)
    }


@pytest.mark.parametrize("typed", ["cho don", "Chợ Đồn", "CHỢ ĐỒN", "cho  don"])
def test_cho_don_finds_exactly_the_sessions_that_mention_it(province, typed):
    expected = _sessions_mentioning_cho_don()
    in_text = {s.id for s in ActivitySession.live() if CHO_DON.search(s.title + s.notes)}
    assert in_text and len(expected) > len(in_text)  # both ways of matching are exercised
    found = listing.RecordList("sessions", RecordFilter(text=typed), actor=SYSTEM_ACTOR)
    assert set(found.ids()) == expected
    assert found.count() == len(expected)
    # Chợ Rã and "chợ … đồn" elsewhere in a record are not "Chợ Đồn".
    assert (
        listing.RecordList("sessions", RecordFilter(text="cho ra"), actor=SYSTEM_ACTOR).count() > 0
    )
    assert not set(
        listing.RecordList("sessions", RecordFilter(text="cho ra"), actor=SYSTEM_ACTOR).ids()
    ) & (expected - {s.id for s in ActivitySession.live() if "Chợ Rã" in s.title + s.notes})


def test_cho_don_ranks_title_and_unit_matches_first_then_by_date(province, actor):
    from movement_desk.services.records import sessions

    elsewhere = {
        "date": "05/03/2026",
        "unit_code": "TN01858",
        "kind": "propaganda",
        "organizer_kind": "police",
        "title": "Tuyên truyền pháp luật",
    }
    elsewhere_unit = AdministrativeUnit.get(AdministrativeUnit.code == elsewhere["unit_code"])
    assert not CHO_DON.search(elsewhere_unit.name)
    sessions.create_session({**elsewhere, "notes": "Học tập mô hình ở Chợ Đồn"}, actor)
    sessions.create_session({**elsewhere, "title": "Học tập Chợ Đồn", "date": "01/08/2025"}, actor)
    found = listing.RecordList("sessions", RecordFilter(text="cho don"), actor=SYSTEM_ACTOR)
    rows = found.fetch(0, found.count())
    units = {u.id: u for u in AdministrativeUnit.select()}

    def in_title_or_unit(session):
        unit_id = session.unit_id
        while unit_id is not None:
            if CHO_DON.search(units[unit_id].name):
                return True
            unit_id = units[unit_id].parent_id
        return bool(CHO_DON.search(session.title))

    ranks = [0 if in_title_or_unit(s) else 1 for s in rows]
    assert ranks == sorted(ranks)
    assert 1 in ranks  # some sessions only mention it in the organiser or notes
    first = [s.held_on for s, rank in zip(rows, ranks, strict=True) if rank == 0]
    assert first == sorted(first, reverse=True)


def test_export_search_writes_exactly_the_list(province, tmp_path, monkeypatch, capsys):
    from movement_desk import cli
    from movement_desk.services.admin import accounts

    accounts.create_first_admin("boss", "mat-khau-thu-7", "06")
    monkeypatch.setenv("MOVEMENT_DESK_USER", "boss")
    monkeypatch.setenv("MOVEMENT_DESK_PASSWORD", "mat-khau-thu-7")
    target = tmp_path / "cho-don.csv"
    code = cli.main(
        ["export", "sessions", str(target), "--search", "cho don", "--db", str(province.database)]
    )
    assert code == 0, capsys.readouterr()
    listed = listing.RecordList("sessions", RecordFilter(text="cho don"), actor=SYSTEM_ACTOR)
    expected = [s.uuid for s in listed.fetch(0, listed.count())]
    rows = tabular.read_table(target, SESSION_LABELS).rows
    assert [raw["uuid"] for _, raw in rows] == expected
    assert {raw["uuid"] for _, raw in rows} == {
        s.uuid
        for s in ActivitySession.select().where(
            ActivitySession.id.in_(list(_sessions_mentioning_cho_don()))
        )
    }


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("cho don", True),
        ("cho do", True),  # the last word may be cut short
        ('"cho do"', False),  # a quoted phrase is whole words
        ('"cho don"', True),
        ("don cho", False),  # words in the order typed
        ("thon na", True),
        ("an ninh thon", False),  # "an ninh" is in the title, "thôn" in the notes
        ("toan dan", True),  # the comma between them does not count
        ('"ngay hoi" "na hin"', True),  # each quoted phrase in any field
        ('"ngay hoi" "na xyz"', False),
    ],
)
def test_words_match_as_a_phrase_inside_one_field(database, actor, typed, found):
    from movement_desk.services.records import sessions

    sessions.create_session(
        {
            "date": "05/03/2025",
            "unit_code": "01834",
            "kind": "launch",
            "organizer_kind": "police",
            "organizer_name": "Công an phường",
            "title": "Ngày hội toàn dân, bảo vệ an ninh ở Chợ Đồn",
            "notes": "Thôn Nà Hin",
        },
        actor,
    )
    count = listing.RecordList("sessions", RecordFilter(text=typed), actor=SYSTEM_ACTOR).count()
    assert count == (1 if found else 0)


def test_the_search_key_keeps_fields_apart():
    key = search.search_key("Chợ Đồn", "", "Phòng, chống ma túy")
    assert key == "| cho don |  | phong chong ma tuy |"
    assert search.parse('tuyen "ma tuy" x') == [
        search.Phrase("tuyen"),
        search.Phrase("ma tuy", exact=True),
        search.Phrase("x"),
    ]
    assert search.parse('"ma tu') == [search.Phrase("ma tu")]  # still typing: not yet exact
    assert vietnamese.fold_words("Đ.Đ-") == "d d"


def test_a_unit_code_finds_the_records_under_it(province):
    district = AdministrativeUnit.get(AdministrativeUnit.code == "061")
    found = listing.RecordList("sessions", RecordFilter(text="061"), actor=SYSTEM_ACTOR).count()
    under = listing.RecordList(
        "sessions", RecordFilter(unit_code=district.code), actor=SYSTEM_ACTOR
    ).count()
    assert found >= under > 0


@pytest.mark.parametrize("typed", ["cho don", "tuyen truyen", "do", '"ngay hoi" ba', "cong an"])
@pytest.mark.parametrize("broad", [1, 10**9])
def test_a_broad_search_reads_its_first_page_in_date_order_with_the_same_rows(
    province, monkeypatch, typed, broad
):
    monkeypatch.setattr(search, "BROAD_MATCHES", broad)
    everything = listing.RecordList("sessions", RecordFilter(text=typed), actor=SYSTEM_ACTOR).ids()
    first = listing.RecordList("sessions", RecordFilter(text=typed), actor=SYSTEM_ACTOR)
    assert [r.id for r in first.fetch(0, 100)] == everything[:100]
    assert [r.id for r in first.fetch(30, 40)] == everything[30:70]


def test_the_decisions_list_exports_the_recipients_of_the_decisions_it_shows(small_demo, tmp_path):
    from movement_desk.db.models import Commendation, Decision
    from movement_desk.services.records import transfer
    from movement_desk.services.records.commendations import COMMENDATION_LABELS

    decision = Decision.select().order_by(Decision.id).first()
    number = decision.number.split("/")[0]
    shown = listing.RecordList("decisions", RecordFilter(text=number), actor=SYSTEM_ACTOR).ids()
    assert decision.id in shown and len(shown) < Decision.select().count()
    target = tmp_path / "khen-thuong.csv"
    transfer.export_file(
        "commendations",
        target,
        record_filter=RecordFilter(text=number),
        of_decisions=True,
        actor=SYSTEM_ACTOR,
    )
    rows = tabular.read_table(target, COMMENDATION_LABELS).rows
    expected = Commendation.select().where(
        Commendation.decision.in_(shown) & Commendation.deleted_at.is_null()
    )
    assert sorted(raw["uuid"] for _, raw in rows) == sorted(c.uuid for c in expected)


@pytest.mark.parametrize("typed", ["cho don", "tuyen truyen", "do", "phong chong"])
def test_a_broad_search_is_counted_the_same_by_reading_the_table(province, monkeypatch, typed):
    monkeypatch.setattr(search, "BROAD_COUNT", 10**9)
    through_index = listing.session_totals(RecordFilter(text=typed), actor=SYSTEM_ACTOR)
    monkeypatch.setattr(search, "BROAD_COUNT", 1)
    assert search.is_broad(ActivitySession, typed, at_least=1)
    assert listing.session_totals(RecordFilter(text=typed), actor=SYSTEM_ACTOR) == through_index
    assert (
        listing.RecordList("sessions", RecordFilter(text=typed), actor=SYSTEM_ACTOR).count()
        == through_index[0]
    )


def test_whole_words_in_the_title_rank_before_a_cut_word_then_other_fields(database, actor):
    from movement_desk.services.records import sessions

    base = {
        "unit_code": "01834",
        "kind": "launch",
        "organizer_kind": "police",
        "organizer_name": "Công an phường",
    }
    made = {}
    for name, date, title, notes in (
        ("notes", "09/03/2025", "Họp dân", "Nói về Chợ Đồn"),
        ("cut", "08/03/2025", "Họp ở Chợ Đồng", ""),
        ("whole", "07/03/2025", "Họp ở Chợ Đồn", ""),
    ):
        made[name] = sessions.create_session(
            {**base, "date": date, "title": title, "notes": notes}, actor
        ).id
    found = listing.RecordList("sessions", RecordFilter(text="cho don"), actor=SYSTEM_ACTOR)
    assert found.ids() == [made["whole"], made["cut"], made["notes"]]
    assert [r.id for r in found.fetch(0, 3)] == found.ids()
