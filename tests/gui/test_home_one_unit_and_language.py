"""Home when its unit has no communes under it (gui/views/home.py): the unit itself is the row,
"every unit has entered something", a click on a figure opens nothing, and only changes to
what Home counts refresh it; the packages line naming each commune still missing when they are
few, or none at all; and the Settings page telling that a new language waits for the
next start (gui/views/settings_view.py)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QSettings

from movement_desk.db.packages import PackageReceived
from movement_desk.gui.views.home import HomeView
from movement_desk.gui.views.settings_view import SettingsView
from movement_desk.services.core import settings
from movement_desk.services.records import sessions


def test_a_commune_as_home_unit_is_its_own_row(qtbot, context, actor):
    settings.put("home_unit_code", "TN01834")
    sessions.create_session(
        {
            "date": "20/10/2025",
            "unit_code": "TN01834",
            "kind": "launch",
            "organizer_kind": "police",
            "title": "Phát động ở phường Đức Xuân",
            "participants": 45,
            "tips": 3,
        },
        actor,
    )
    home = HomeView(context, today=date(2025, 11, 3))
    qtbot.addWidget(home)
    assert home.wait_until_loaded()
    model = home.model
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "Phường Đức Xuân"
    assert (model.index(0, 1).data(), model.index(0, 2).data()) == ("1", "45")
    assert "Every unit has entered something." in home.summary.text()
    assert "So far: 1 sessions, 45 participants, 3 valuable tips." in home.summary.text()
    opened = []
    home.unitOpened.connect(lambda code, period: opened.append((code, period)))
    home.table.clicked.emit(model.index(0, 2))  # a figure, not the name
    assert opened == []
    home.table.clicked.emit(model.index(0, 0))
    assert [code for code, _ in opened] == ["TN01834"]
    assert opened[0][1] == home.period()


def test_home_refreshes_for_what_it_counts_only(qtbot, context, actor):
    home = HomeView(context)
    qtbot.addWidget(home)
    assert home.wait_until_loaded()
    resets = []
    home.model.modelReset.connect(lambda: resets.append(1))
    for kind in ("ratings", "organizers", "model_types"):
        context.notify(kind)
    assert not home._figures.pending and resets == []
    context.notify("sessions")
    assert home.wait_until_loaded()
    assert resets == [1]


def test_a_new_language_is_said_to_wait_for_the_next_start(qtbot, context, no_prompts):
    view = SettingsView(context)
    qtbot.addWidget(view)
    try:
        view.language.setCurrentIndex(view.language.findData("en"))
        assert view.save()
        assert no_prompts == [("inform", "The new language is used from the next start.")]
        assert QSettings().value("language") == "en"
        assert view.save()  # the same language again: nothing more to say
        assert len(no_prompts) == 1
    finally:
        QSettings().remove("language")


def _received(code: str, start: date, end: date) -> None:
    PackageReceived.create(
        package_id=f"pkg-{code}",
        unit_code=code,
        unit_name=code,
        mode="period",
        covers_from=start.isoformat(),
        covers_to=end.isoformat(),
        created_at=datetime(2024, 3, 20),
    )


def test_the_packages_line_names_every_commune_missing_when_few_are(qtbot, context):
    settings.put("home_unit_code", "061")  # Ba Bể, before the 2025 merger
    home = HomeView(context, today=date(2024, 3, 20))
    qtbot.addWidget(home)
    assert home.wait_until_loaded()
    rows = home.model.rows
    start, end = home.board.start, home.board.end
    for row in rows[: len(rows) - 3]:  # all but three communes sent their package
        _received(row.unit_code, start, end)
    home.refresh()
    assert home.wait_until_loaded()
    text = home.packages_line.text()
    missing = [row.unit_title.split(" ", 1)[1] for row in rows[-3:]]
    assert f"{len(rows) - 3} of {len(rows)} communes" in text
    assert "more" not in text
    assert all(name in text for name in missing), (missing, text)


def test_a_commune_whose_package_arrived_is_complete(qtbot, context):
    settings.put("home_unit_code", "TN01834")
    home = HomeView(context, today=date(2025, 11, 3))
    qtbot.addWidget(home)
    assert home.wait_until_loaded()
    _received("TN01834", home.board.start, home.board.end)
    home.refresh()
    assert home.wait_until_loaded()
    text = home.packages_line.text()
    assert text == "Data packages covering this period: 1 of 1 communes."
