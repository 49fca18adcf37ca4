"""Emulation pledges: signing, parties, outcomes, and a decision started from those met."""

from __future__ import annotations

import pytest

from movement_desk.db.choices import PledgeOutcome
from movement_desk.db.models import Commendation, PledgeParty
from movement_desk.services.core.errors import PermissionDenied, ValidationError
from movement_desk.services.records import pledges
from tests.services.test_ratings import areas  # noqa: F401 - the fixture

PLEDGE = {
    "year": "2024",
    "title": "Giao ước thi đua xây dựng xã, cơ quan, trường học điển hình về phong trào năm 2024",
    "unit_code": "061",
    "signed_on": "20/02/2024",
    "targets": "Xây dựng xã điển hình về phong trào",
    "parties": [
        {"unit_code": "01888"},
        {"unit_code": "01888", "organisation": "Trường THPT Ba Bể"},
        {"unit_code": "01891"},
    ],
}


def test_pledge_outcomes_start_the_years_decision(areas, actor):  # noqa: F811
    pledge = pledges.save_pledge(PLEDGE, actor)
    parties = pledges.parties_of(pledge)
    assert [pledges.party_name(p) for p in parties][:2] == ["Thị trấn Chợ Rã", "Trường THPT Ba Bể"]
    pledges.set_outcome(parties[0].uuid, "dat", "Hoàn thành", actor)
    pledges.set_outcome(parties[1].uuid, "Đạt", "", actor)
    pledges.set_outcome(parties[2].uuid, "khong_dat", "Chưa đạt chỉ tiêu 2", actor)
    assert [p.outcome for p in pledges.parties_of(pledge)] == [
        PledgeOutcome.MET,
        PledgeOutcome.MET,
        PledgeOutcome.NOT_MET,
    ]
    decision = pledges.start_decision(
        2024,
        {
            "decision_number": "5/QĐ-UBND",
            "decision_date": "10/12/2024",
            "form": "giay_khen",
            "authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN BA BỂ",
            "unit_code": "061",
            "signer_title": "CHỦ TỊCH",
            "signer_name": "Nguyễn Văn A",
        },
        actor,
    )
    names = [
        c.recipient_name for c in Commendation.select().where(Commendation.decision == decision)
    ]
    assert names == ["Thị trấn Chợ Rã", "Trường THPT Ba Bể"]
    again = {**PLEDGE, "parties": PLEDGE["parties"][:2]}
    pledges.save_pledge(again, actor, pledge.uuid)
    assert len(pledges.parties_of(pledge)) == 2
    assert PledgeParty.select().count() == 3  # the third is marked deleted, not gone


@pytest.mark.parametrize(
    "change, field",
    [
        ({"title": ""}, "title"),
        ({"signed_on": "31/02/2024"}, "signed_on"),
        ({"unit_code": "999"}, "unit_code"),
        ({"parties": [{"unit_code": "01888"}]}, "parties"),
        ({"parties": [{"unit_code": "01888"}, {"unit_code": "01888"}]}, "unit_code"),
        (
            {"parties": [{"unit_code": "01888"}, {"unit_code": "01888", "organisation": "X"}]},
            "organisation",
        ),
    ],
)
def test_a_bad_pledge_is_refused_field_by_field(areas, actor, change, field):  # noqa: F811
    with pytest.raises(ValidationError) as caught:
        pledges.save_pledge({**PLEDGE, **change}, actor)
    assert field in {e.field for e in caught.value.errors}


def test_an_officer_may_not_sign_pledges(areas, people):  # noqa: F811
    with pytest.raises(PermissionDenied):
        pledges.save_pledge(PLEDGE, people["officer"])
    assert pledges.save_pledge(PLEDGE, people["clerk"]).title.startswith("Giao ước")
