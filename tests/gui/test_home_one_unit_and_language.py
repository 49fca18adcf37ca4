"""Home when its unit has no communes under it (gui/views/home.py): the unit itself is the row,
"every unit has entered something", a click on a figure opens nothing, and only changes to
what Home counts refresh it; and the Settings page telling that a new language waits for the
next start (gui/views/settings_view.py)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings

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
