"""One rule for reading: every service that feeds a list, a count, Home, the status bar, a unit
picker or an export shows an officer of one district nothing of another (issue #10)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from movement_desk.db.account_tables import AuditEntry
from movement_desk.services import dashboard
from movement_desk.services.admin import accounts
from movement_desk.services.certificates import printing as certificates
from movement_desk.services.core import settings
from movement_desk.services.core.actor import SYSTEM_ACTOR
from movement_desk.services.core.errors import PermissionDenied
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.records import (
    commendations,
    community_models,
    listing,
    sessions,
    transfer,
    units,
)
from tests.account_fixtures import PASSWORD
from tests.services.test_permissions import DECISION, MODEL, RECIPIENTS, SESSION

BA_BE, PAC_NAM = "061", "060"


@pytest.fixture
def two_districts(people):
    """A session, a model and a decision in Ba Bể (061) and in Pác Nặm (060); officers
    ``canbo`` of 061 and ``pacnam`` of 060."""
    admin = people["admin"]
    for unit, commune in ((BA_BE, "01888"), (PAC_NAM, "01858")):
        sessions.create_session({**SESSION, "unit_code": commune, "title": f"Ở {commune}"}, admin)
        community_models.create_model({**MODEL, "unit_code": commune}, admin)
        commendations.save_decision(
            {**DECISION, "unit_code": unit, "decision_number": f"1/QĐ-{unit}"},
            [{**RECIPIENTS[0], "unit_code": commune}],
            admin,
        )
    accounts.create_user("canbo", PASSWORD, "officer", BA_BE, admin)
    accounts.create_user("pacnam", PASSWORD, "officer", PAC_NAM, admin)
    return {
        "canbo": accounts.authenticate("canbo", PASSWORD),
        "pacnam": accounts.authenticate("pacnam", PASSWORD),
        "admin": admin,
    }


def _district_of(unit) -> str:
    tree = units.UnitTree.load()
    chain = [unit, *tree.ancestors(unit.id)]
    return next(u.code for u in chain if u.code in (BA_BE, PAC_NAM))


@pytest.mark.parametrize("kind", ["sessions", "models", "decisions", "commendations"])
def test_lists_show_an_officer_only_his_district(two_districts, kind):
    for who, district in (("canbo", BA_BE), ("pacnam", PAC_NAM)):
        rows = listing.RecordList(kind, actor=two_districts[who])
        records = rows.fetch(0, 100)
        assert rows.count() == len(records) == 1
        assert {_district_of(r.unit) for r in records} == {district}
        assert rows.by_ids(listing.RecordList(kind, actor=SYSTEM_ACTOR).ids()) == records
    assert listing.RecordList(kind, actor=two_districts["admin"]).count() == 2


def test_a_filter_on_another_district_is_refused(two_districts):
    with pytest.raises(PermissionDenied):
        listing.RecordList(
            "sessions", RecordFilter(unit_code=PAC_NAM), actor=two_districts["canbo"]
        )


def test_totals_count_only_the_district(two_districts):
    count, participants, _ = listing.session_totals(RecordFilter(), actor=two_districts["canbo"])
    assert (count, participants) == (1, 120)
    assert listing.session_totals(RecordFilter(), actor=two_districts["admin"])[0] == 2


def test_home_and_status_bar_show_only_the_district(two_districts):
    settings.put("home_unit_code", "06")
    board = dashboard.build_dashboard(date(2024, 3, 10), actor=two_districts["canbo"])
    assert board.home_code == BA_BE
    assert "01888" in {row.unit_code for row in board.rows}
    assert all(units.find_unit(r.unit_code).parent.code == BA_BE for r in board.rows)
    assert board.totals.sessions == 1
    province = dashboard.build_dashboard(date(2024, 3, 10), actor=two_districts["admin"])
    assert province.home_code == "06" and province.totals.sessions == 2
    assert dashboard.record_counts(actor=two_districts["canbo"]) == {
        "sessions": 1,
        "models": 1,
        "decisions": 1,
    }
    assert dashboard.record_counts(actor=two_districts["admin"])["sessions"] == 2


def test_unit_pickers_offer_only_the_scope(two_districts):
    canbo = two_districts["canbo"]
    assert units.search_units("bang thanh", actor=canbo) == []  # 01858, Pác Nặm
    assert [u.code for u in units.search_units("cho ra", actor=canbo)][:1] == ["01888"]
    tree = units.visible_tree(canbo)
    roots = [u.code for u in tree.roots()]
    # Ba Bể, and the communes in its scope since 01/07/2025 (docs/roles.md), not the province
    assert BA_BE in roots and "06" not in roots and "19" not in roots
    shown = {u.code for u in tree.by_id.values()}
    assert "01888" in shown and "01858" not in shown and PAC_NAM not in shown


def test_exports_write_only_the_district_and_are_audited(two_districts, tmp_path):
    out = tmp_path / "sessions.csv"
    count = transfer.export_file("sessions", out, actor=two_districts["canbo"])
    assert count == 1 and "01858" not in out.read_text("utf-8")
    entry = AuditEntry.select().where(AuditEntry.action == "export").order_by(AuditEntry.id).get()
    assert entry.username == "canbo" and "sessions.csv" in entry.summary
    changes = json.loads(entry.changes)
    assert changes["rows"] == [None, 1] and changes["kind"] == [None, "sessions"]
    assert changes["file"] == [None, "sessions.csv"]


def test_the_certificates_page_lists_only_the_district(two_districts):
    numbers = [d.number for d in certificates.list_decisions(actor=two_districts["canbo"])]
    assert numbers == [f"1/QĐ-{BA_BE}"]
    assert len(certificates.list_decisions(actor=two_districts["admin"])) == 2


def test_settings_are_saved_by_an_administrator_only_and_audited(two_districts):
    with pytest.raises(PermissionDenied, match="thay đổi cài đặt"):
        settings.save_settings({"period_rule": "calendar"}, two_districts["canbo"])
    assert settings.get("period_rule") == "decree"
    changes = settings.save_settings(
        {"period_rule": "calendar", "place": "Bắc Kạn"}, two_districts["admin"]
    )
    # The place proposed follows the home unit's province today (Thái Nguyên since 2025).
    assert changes == {"period_rule": ["decree", "calendar"], "place": ["Thái Nguyên", "Bắc Kạn"]}
    entry = (
        AuditEntry.select().where(AuditEntry.action == "settings").order_by(-AuditEntry.id).get()
    )
    assert entry.username == "admin"
    assert json.loads(entry.changes) == changes


def test_the_signing_key_is_not_among_the_settings_anyone_reads(two_districts):
    certificates.signature("x", "y")  # makes the key
    assert settings.get(certificates.KEY_SETTING)
    assert certificates.KEY_SETTING not in settings.all_settings()


def test_organisers_offered_are_those_of_the_scope_and_the_shared_ones(two_districts):
    from movement_desk.services.records import catalog

    admin = two_districts["admin"]
    for name, unit in (("Đoàn xã Chợ Rã", "01888"), ("Đoàn xã Bằng Thành", "01858"), ("MTTQ", "")):
        catalog.create_organizer({"kind": "association", "name": name, "unit_code": unit}, admin)
    names = {o.name for o in catalog.live_organizers(actor=two_districts["canbo"])}
    assert names == {"Đoàn xã Chợ Rã", "MTTQ"}
    assert len(catalog.live_organizers(actor=admin)) == 3
