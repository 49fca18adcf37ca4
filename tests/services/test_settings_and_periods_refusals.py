"""Settings and reporting periods refused or read at their edges (services/core/settings.py,
services/core/periods.py)."""

from __future__ import annotations

from datetime import date

import pytest

from movement_desk.db.account_tables import AuditEntry
from movement_desk.services.core import periods, settings
from movement_desk.services.core.errors import ValidationError


def test_unknown_keys_and_an_unknown_rule_are_refused_together(database, actor):
    with pytest.raises(ValidationError) as caught:
        settings.save_settings({"colour": "đỏ", "period_rule": "weekly"}, actor)
    assert [(e.field, e.message) for e in caught.value.errors] == [
        ("colour", "không phải cài đặt sửa được ở đây."),
        (
            "period_rule",
            "chọn theo Nghị định 09/2019 (decree) hoặc theo tháng dương lịch (calendar).",
        ),
    ]
    assert settings.get("period_rule") == "decree"


def test_saving_the_same_values_changes_nothing_and_audits_nothing(database, actor):
    before = AuditEntry.select().count()
    assert settings.save_settings({"period_rule": settings.get("period_rule")}, actor) == {}
    assert AuditEntry.select().count() == before


def test_a_home_unit_with_no_province_falls_back_to_the_default_texts(database, actor):
    settings.put("home_unit_code", "")
    assert settings.province_defaults(date(2024, 1, 1)) == {
        key: settings.DEFAULTS[key] for key in settings.PROVINCE_KEYS
    }


def test_periods_at_their_edges():
    with pytest.raises(ValidationError, match="decree|calendar"):
        periods.check_rule("weekly")
    with pytest.raises(ValidationError):
        periods.parse_period("1850-01")
    day = date(2024, 8, 20)  # the decree's month 9
    assert periods.period_containing(day, "quarter", "decree") == periods.Period("quarter", 2024, 3)
    assert periods.period_containing(day, "half", "calendar") == periods.Period("half", 2024, 2)
    assert periods.period_containing(day, "year", "decree") == periods.Period("year", 2024)
