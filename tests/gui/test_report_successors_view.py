"""The window's report and ``movement-desk report`` agree on a unit formed by the 2025 merger:
the same choice of unit and period counts the same records, rolled up to the successor
(``reports.rollup_days``) by both, or by neither."""

from __future__ import annotations

import re

import pytest

from movement_desk.gui.reports_view import ReportsView
from movement_desk.services import reports
from movement_desk.services.admin.bootstrap import prepare_database
from movement_desk.services.core.periods import parse_period
from tests.conftest import admin_cli
from tests.services.test_report_successors import build_merge_data

# (unit, period): what both must print (sessions, participants, tips) and whether rolled up
CASES = {
    ("TN01834", "2025"): ((4, 1_500, 15), True),  # across the merger
    ("TN01834", "2025-Q3"): ((2, 1_200, 12), True),  # after it, compared with before
    ("TN01834", "2024"): ((1, 30, 3), True),  # before it: the predecessors' year
    ("01840", "2025"): ((1, 200, 2), False),  # an old commune: the tree of its time
    ("19", "2025"): ((5, 6_500, 65), True),
}


def _printed(stdout: str) -> tuple[int, int, int]:
    found = re.search(r"([\d.]+) buổi, ([\d.]+) lượt người tham gia, ([\d.]+) tin", stdout)
    assert found, stdout
    return tuple(int(group.replace(".", "")) for group in found.groups())


@pytest.fixture
def printed(database, actor, db_path, tmp_path):
    """What the command line prints for each case, with no rollup option given."""
    build_merge_data(actor)
    database.close()
    result = {}
    for unit, period in CASES:
        out = tmp_path / f"{unit}-{period}.pdf"
        run = admin_cli(
            "report", "--period", period, "--unit", unit, "--rule", "calendar",
            "--out", str(out), db=db_path,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        result[unit, period] = (_printed(run.stdout), "trước sắp xếp" in run.stdout)
    prepare_database(db_path)
    return result


def test_the_window_and_the_command_line_count_the_same(printed, qtbot, actor):
    view = ReportsView(actor=actor)
    qtbot.addWidget(view)
    view.reports_rule.setCurrentIndex(view.reports_rule.findData("calendar"))
    for (unit, period), (expected, rolled) in CASES.items():
        view.select_unit(unit)
        view.set_period(parse_period(period))
        assert view.reports_rollup.isChecked() is rolled, (unit, period)
        assert view.reports_rollup_reason.isHidden() is not rolled
        data = reports.build_report(
            unit, view.period(), view.rule(), rollup=view.reports_rollup.isChecked(), actor=actor
        )
        shown = (data.total.sessions, data.total.participants, data.total.tips)
        assert shown == expected == printed[unit, period][0], (unit, period)
        assert printed[unit, period][1] is rolled, (unit, period)


def test_the_command_line_is_told_not_to_roll_up(database, actor, db_path, tmp_path):
    build_merge_data(actor)
    database.close()
    out = tmp_path / "own.pdf"
    own = admin_cli(
        "report", "--period", "2025", "--unit", "TN01834", "--rule", "calendar",
        "--no-rollup", "--out", str(out), db=db_path,
    )  # fmt: skip
    assert own.returncode == 0, own.stderr
    assert _printed(own.stdout) == (2, 1_200, 12)  # its own half year: C and D
    assert "trước sắp xếp" not in own.stdout
