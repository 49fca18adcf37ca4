"""The certificates view passes its account to the services: an officer is told plainly that
they may not print, before anything is prepared or asked."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtPdf")

from movement_desk.db.models import Certificate  # noqa: E402
from movement_desk.gui.certificates_view import CertificatesView  # noqa: E402
from movement_desk.services.records import commendations  # noqa: E402
from tests.services.test_permissions import DECISION, RECIPIENTS  # noqa: E402


@pytest.fixture
def decision(people):
    return commendations.save_decision(DECISION, RECIPIENTS, people["clerk"])


def _view(qtbot, actor) -> CertificatesView:
    widget = CertificatesView(actor)
    qtbot.addWidget(widget)
    widget.errors = []
    widget._show_error = widget.errors.append
    widget._ask_save_path = lambda *args: pytest.fail("an officer must not be asked for a file")
    return widget


def test_an_officer_may_not_preview_save_or_list(qtbot, people, decision):
    from movement_desk.services.admin import accounts
    from tests.account_fixtures import PASSWORD

    # a commune's officer does not even see the district's decision
    assert _view(qtbot, people["officer"]).certificates_model.rowCount() == 0
    accounts.create_user("district", PASSWORD, "officer", "061", people["admin"])
    view = _view(qtbot, accounts.authenticate("district", PASSWORD))
    assert view.certificates_model.rowCount() == 1
    view.certificates_preview.click()
    view.certificates_save.click()
    assert len(view.errors) == 2
    assert all("không có quyền in giấy khen" in error for error in view.errors)
    assert Certificate.select().count() == 0


def test_a_clerk_previews(qtbot, people, decision):
    view = _view(qtbot, people["clerk"])
    with qtbot.waitSignal(view.previewed, timeout=20_000) as signal:
        view.certificates_preview.click()
    assert signal.args == [1] and view.errors == []
