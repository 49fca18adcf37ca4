"""The main window's commands where they do not apply: record commands on a page that is not
a list, orphaned drafts when there are none or the user may not manage accounts, and the
export dialog taking the filters of the lists already open (gui/main_window.py)."""

from __future__ import annotations

from movement_desk.gui.main_window import MainWindow
from movement_desk.services.core.actor import Actor


def test_record_commands_on_the_home_page_do_nothing(qtbot, context, no_prompts):
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    window.show_page("home")
    assert window.current_list() is None
    assert window.edit_current() is None
    assert window.duplicate_current() is None
    assert window.delete_current() is None
    window.focus_search()
    assert no_prompts == []


def test_orphaned_drafts_none_or_not_the_users_business(qtbot, context, no_prompts):
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    assert window.discard_orphan_drafts() == 0
    assert no_prompts == [("inform", "There are no orphaned drafts.")]
    context.actor = Actor(username="canbo", role="officer", unit_code="01888")
    assert window.discard_orphan_drafts() == 0
    assert len(no_prompts) == 1  # an officer is not even told


def test_the_export_dialog_takes_the_filters_of_the_open_lists(qtbot, context, no_prompts):
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    sessions = window.show_page("sessions")
    window.show_page("home")
    dialog = window.export_file()
    qtbot.addWidget(dialog)
    assert dialog.filters == {"sessions": sessions.model.record_filter}
    # From a list page, "new" adds a record of that list.
    window.show_page("sessions")
    form = window.new_current()
    qtbot.addWidget(form)
    assert form.kind == "sessions"
