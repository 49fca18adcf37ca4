"""The smaller things an officer met while entering a stack of forms (issue #13)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QLabel

from movement_desk.db import migrations
from movement_desk.db.account_tables import PeriodLock
from movement_desk.db.connection import db
from movement_desk.db.models import ActivitySession, Organizer
from movement_desk.pdf.report import commendations_sentence, missing_lines
from movement_desk.pdf.report_data import CommendationRow, MissingGroup
from movement_desk.services import dashboard
from movement_desk.services.admin import accounts
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.records import community_models, sessions
from tests.account_fixtures import PASSWORD


def test_the_import_dialogs_file_label_shows_no_literal_ampersand(qtbot, context):
    from movement_desk.gui.transfer_dialogs import ImportDialog

    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    label = next(lb for lb in dialog.findChildren(QLabel) if lb.text().startswith("&File"))
    assert label.buddy() is dialog.path  # shown as "File", Alt+F goes to the path


def test_a_password_message_does_not_repeat_the_fields_name(database, fast_hashing):
    with pytest.raises(ValidationError) as caught:
        accounts.create_first_admin("quantri", "ngan", "06")
    assert str(caught.value) == "Mật khẩu: cần ít nhất 8 ký tự."


def test_the_lock_dialog_picks_the_last_ended_period_and_warns_about_one_not_ended(
    qtbot,
    people,
    monkeypatch,
):
    from movement_desk.gui import prompts
    from movement_desk.gui.period_locks_dialog import PeriodLockDialog
    from movement_desk.services.core.periods import last_ended_period, period_containing

    dialog = PeriodLockDialog(people["lead"], unit_code="061", rule="decree")
    qtbot.addWidget(dialog)
    assert dialog.lock_period.period() == last_ended_period(date.today(), "decree")
    assert "not ended" not in dialog.lock_covers.text()
    current = period_containing(date.today(), "month", "decree")
    dialog.lock_period.kind.setCurrentIndex(0)
    dialog.lock_period.year.setValue(current.year)
    dialog.lock_period.number.setCurrentIndex(current.number - 1)
    assert "has not ended yet" in dialog.lock_covers.text()
    asked = []
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: asked.append(a[2]) or False)
    dialog.lock_button.click()
    assert len(asked) == 1 and "has not ended" in asked[0]
    assert PeriodLock.select().count() == 0


def test_home_does_not_call_a_commune_with_a_new_model_empty(database, actor):
    today = date.today()
    community_models.create_model(
        {
            "name": "Tổ tự quản thôn Nà Hin",
            "model_type": "Tổ tự quản về an ninh, trật tự",
            "unit_code": "TN01867",
            "managing_kind": "police",
            "established_on": today - timedelta(days=1),
            "members": "12",
        },
        actor,
    )
    board = dashboard.build_dashboard(today, actor=actor)
    row = next(r for r in board.rows if r.unit_code == "TN01867")
    assert row.models == 1 and row.sessions == 0
    assert not row.is_empty
    assert row not in board.missing


def test_report_lines_read_as_a_clerk_writes_them():
    assert commendations_sentence(CommendationRow("Tổng cộng")) == (
        "Trong kỳ không có quyết định khen thưởng."
    )
    total = CommendationRow("Tổng cộng", decisions=2, individuals=3, collectives=1)
    assert commendations_sentence(total) == (
        "Trong kỳ có 2 quyết định khen thưởng 3 cá nhân và 1 tập thể."
    )
    groups = [
        MissingGroup("Xã Nghiên Loan", 1, ["Xã Nghiên Loan"]),
        MissingGroup("Xã Cao Tân", 1, ["Xã Cao Tân"]),
        MissingGroup("Huyện Ba Bể", 15, ["Xã Khang Ninh", "Xã Nam Mẫu"]),
    ]
    assert missing_lines(groups) == [
        "- Xã Nghiên Loan, Xã Cao Tân.",
        "- <b>Huyện Ba Bể</b> (2/15): Xã Khang Ninh, Xã Nam Mẫu.",
    ]


def test_sign_in_says_it_is_checking_at_once(qtbot, people, monkeypatch):
    from movement_desk.gui.accounts_dialogs import LoginDialog

    dialog = LoginDialog(username="officer")
    qtbot.addWidget(dialog)
    seen = []
    real = accounts.authenticate

    def authenticate(username, password):
        seen.append((dialog.login_status.text(), dialog.login_buttons.isEnabled()))
        return real(username, password)

    monkeypatch.setattr(accounts, "authenticate", authenticate)
    dialog.login_password.setText(PASSWORD)
    dialog.login_buttons.accepted.emit()
    assert seen == [("Checking the password…", False)]
    assert dialog.actor is not None and dialog.login_status.text() == ""


def test_organisers_named_by_records_that_came_in_bulk_are_added_on_open(database, actor):
    sessions.create_session(
        {
            "date": "05/03/2024",
            "unit_code": "01834",
            "kind": "launch",
            "organizer_kind": "police",
            "organizer_name": "Công an phường Nguyễn Thị Minh Khai",
            "title": "Một",
        },
        actor,
    )
    # As an import or the demo writes them: straight into the table, no catalogue entry.
    template = ActivitySession.get()
    for name in ("Hội Phụ nữ phường", "hội phụ nữ PHƯỜNG", ""):
        ActivitySession.insert(
            {
                **{f.name: getattr(template, f.name) for f in ActivitySession._meta.sorted_fields},
                "id": None,
                "uuid": f"u-{len(name)}-{name[:1]}",
                "organizer_name": name,
                "organizer_kind": "association",
            }
        ).execute()
    Organizer.delete().where(Organizer.name == "Công an phường Nguyễn Thị Minh Khai").execute()
    # On open only what was written since the last look is read: here, everything.
    assert migrations.add_named_organizers(db.obj, since_last=True) == 2
    assert migrations.add_named_organizers(db.obj, since_last=True) == 0  # nothing new
    assert migrations.add_named_organizers(db.obj) == 0  # safe to run again in full
    names = sorted(o.name for o in Organizer.select())
    assert names == ["Công an phường Nguyễn Thị Minh Khai", "Hội Phụ nữ phường"]
    assert {o.kind.value for o in Organizer.select()} == {"police", "association"}


def test_records_in_a_locked_period_are_marked_in_the_lists(qtbot, people, qtmodeltester):
    from PySide6.QtCore import Qt

    from movement_desk.gui.table_models import LOCK_ROLE, SessionTableModel
    from movement_desk.services.core import period_locks

    base = {"unit_code": "01888", "kind": "launch", "organizer_kind": "police"}
    sessions.create_session(
        {**base, "date": "01/03/2024", "title": "Trong kỳ khóa"}, people["officer"]
    )
    sessions.create_session(
        {**base, "date": "20/03/2024", "title": "Sau kỳ khóa"}, people["officer"]
    )
    period_locks.lock_period("061", "2024-03", people["lead"], rule="decree")
    model = SessionTableModel(actor=people["lead"])
    model.reload()
    assert model.wait_until_loaded()
    qtmodeltester.check(model)
    rows = {model.index(r, 4).data(): r for r in range(model.rowCount())}
    locked, free = rows["Trong kỳ khóa"], rows["Sau kỳ khóa"]
    assert model.index(locked, 0).data(LOCK_ROLE) is not None
    assert model.index(locked, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert "Locked" in model.index(locked, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(free, 0).data(LOCK_ROLE) is None
    assert model.index(free, 0).data(Qt.ItemDataRole.ForegroundRole) is None
