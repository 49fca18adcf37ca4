"""The package dialogs: export, import with a preview and progress, conflicts side by side."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from movement_desk.db.connection import close_database
from movement_desk.gui import package_dialogs, prompts
from movement_desk.services import packages
from tests.packages_helpers import COMMUNE_A, PROVINCE, Site, add_session, edit_session


@pytest.fixture
def pair(tmp_path: Path, template_db: Path):
    close_database()
    commune = Site(tmp_path / "a.sqlite3", COMMUNE_A, template_db)
    province = Site(tmp_path / "province.sqlite3", PROVINCE, template_db)
    yield commune, province
    close_database()


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: shown.append(text))
    return shown


def cell(model, row: int, column: int):
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


def row_of(model, kind_name: str) -> int:
    """The preview's row of one kind of record (the organisers the sessions named travel
    with them, as catalogue entries)."""
    return next(r for r in range(model.rowCount()) if cell(model, r, 0) == kind_name)


def test_export_dialog_writes_the_package_of_the_chosen_unit_and_period(
    qtbot, pair, tmp_path, errors
):
    commune, _ = pair
    add_session(commune, "Tháng 3", day="05/03/2024")
    out = tmp_path / "march.mdpkg"
    with commune:
        dialog = package_dialogs.PackageExportDialog()
        qtbot.addWidget(dialog)
        assert dialog.unit_code() == COMMUNE_A  # the home unit is preselected
        assert dialog.package_path.text().endswith(f"goi-du-lieu-{COMMUNE_A}.mdpkg")
        dialog.package_unit.setCurrentIndex(dialog.package_unit.findData(PROVINCE))
        assert dialog.package_path.text().endswith(f"goi-du-lieu-{PROVINCE}.mdpkg")
        dialog.package_unit.setCurrentIndex(dialog.package_unit.findData(COMMUNE_A))
        assert "Never exported" in dialog.package_last.text()
        dialog.package_period.setChecked(True)
        assert dialog.package_period_text.isEnabled()
        qtbot.keyClicks(dialog.package_period_text, "2024-03")
        dialog.package_path.setText(str(out))
        with qtbot.waitSignal(dialog.exported) as signal:
            qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert errors == []
        assert signal.args[0].period_code == "2024-03"
        assert "1 buổi phát động" in dialog.package_result.text()
        assert "Last export" in dialog.package_last.text()
        assert packages.last_export(COMMUNE_A).file_name == str(out)
    assert out.exists()


def test_export_dialog_asks_for_a_period_when_that_mode_is_chosen(qtbot, pair, tmp_path, errors):
    commune, _ = pair
    with commune:
        dialog = package_dialogs.PackageExportDialog()
        qtbot.addWidget(dialog)
        dialog.package_period.setChecked(True)
        dialog.package_path.setText(str(tmp_path / "x.mdpkg"))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.package_period_text, "thang ba")
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert errors[0] == "Type the period, for example 2024-01."
    assert "không phải kỳ báo cáo" in errors[1]
    assert not (tmp_path / "x.mdpkg").exists()


def test_import_dialog_previews_then_imports_with_progress(qtbot, qtmodeltester, pair, tmp_path):
    commune, province = pair
    add_session(commune, "Phát động", participants=120)
    add_session(commune, "Tuyên truyền", participants=30)
    with commune:
        packages.export_package(COMMUNE_A, tmp_path / "a.mdpkg", commune.actor)
    with province:
        dialog = package_dialogs.PackageImportDialog(actor=province.actor)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.previewed, timeout=20_000):
            dialog.load(str(tmp_path / "a.mdpkg"))
        model = dialog.preview_model
        qtmodeltester.check(model)
        sessions_row = row_of(model, "buổi phát động, tuyên truyền")
        assert cell(model, sessions_row, 1) == "2"  # new
        assert cell(model, model.rowCount() - 1, 0) == "Total"
        assert dialog.import_button.isEnabled()
        assert "Phường" in dialog.package_source.text() or "Xã" in dialog.package_source.text()
        assert province.scalar("SELECT count(*) FROM activity_session") == 0  # preview only

        with qtbot.waitSignal(dialog.imported, timeout=20_000) as signal:
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
            assert dialog.task.dialog.labelText() == "Importing the package…"
            assert not dialog.task.cancellable  # all or nothing: no Cancel halfway
        dialog.wait_for_task()
        assert signal.args[0].total("new") == 3  # two sessions, the organiser they named
        assert "Đã nhập gói" in dialog.package_status.text()
        assert not dialog.conflicts_button.isVisible()
    assert province.scalar("SELECT sum(participants) FROM activity_session") == 150


def test_import_dialog_shows_why_a_file_is_refused(qtbot, pair, tmp_path, errors):
    _, province = pair
    (tmp_path / "junk.mdpkg").write_bytes(b"PK\x03\x04 broken")
    with province:
        dialog = package_dialogs.PackageImportDialog(actor=province.actor)
        qtbot.addWidget(dialog)
        dialog.load(str(tmp_path / "junk.mdpkg"))
        qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
        dialog.wait_for_task()
        assert "không bị thay đổi" in dialog.package_status.text()
        assert not dialog.import_button.isEnabled()


def _conflict(pair, tmp_path) -> str:
    commune, province = pair
    session = add_session(commune, "Phát động", participants=100)
    with commune:
        packages.export_package(COMMUNE_A, tmp_path / "1.mdpkg", commune.actor)
    with province:
        packages.import_package(tmp_path / "1.mdpkg", province.actor)
    edit_session(province, session, participants=111)
    edit_session(commune, session, participants=222, title="Phát động (sửa ở xã)")
    with commune:
        packages.export_package(COMMUNE_A, tmp_path / "2.mdpkg", commune.actor)
    with province:
        packages.import_package(tmp_path / "2.mdpkg", province.actor)
    return session


def test_conflict_dialog_shows_both_versions_and_keeps_the_chosen_one(
    qtbot, qtmodeltester, pair, tmp_path
):
    _, province = pair
    _conflict(pair, tmp_path)
    with province:
        dialog = package_dialogs.ConflictDialog(actor=province.actor)
        qtbot.addWidget(dialog)
        qtmodeltester.check(dialog.conflict_list_model)
        qtmodeltester.check(dialog.conflict_fields_model)
        assert dialog.conflict_list_model.rowCount() == 1
        fields = dialog.conflict_fields_model
        rows = {
            cell(fields, r, 0): (cell(fields, r, 1), cell(fields, r, 2))
            for r in range(fields.rowCount())
        }
        assert rows["Số lượt người tham gia"] == ("111", "222")
        assert rows["Nội dung"] == ("Phát động", "Phát động (sửa ở xã)")
        assert rows["Tình trạng bản ghi"] == ("Đang sử dụng", "Đang sử dụng")
        assert fields.data(fields.index(0, 1), Qt.ItemDataRole.BackgroundRole) is None
        with qtbot.waitSignal(dialog.resolved) as signal:
            qtbot.mouseClick(dialog.keep_incoming_button, Qt.MouseButton.LeftButton)
        assert signal.args[1] == "incoming"
        assert dialog.conflict_list_model.rowCount() == 0
        assert dialog.conflict_empty.isVisibleTo(dialog)
        assert not dialog.keep_local_button.isEnabled()
    assert province.rows("SELECT title, participants FROM activity_session") == [
        ("Phát động (sửa ở xã)", 222)
    ]


def test_import_dialog_offers_the_conflict_dialog_after_an_import_with_conflicts(
    qtbot, pair, tmp_path, monkeypatch
):
    commune, province = pair
    session = add_session(commune, "Phát động", participants=100)
    with commune:
        packages.export_package(COMMUNE_A, tmp_path / "1.mdpkg", commune.actor)
    with province:
        packages.import_package(tmp_path / "1.mdpkg", province.actor)
    edit_session(province, session, participants=111)
    edit_session(commune, session, participants=222)
    with commune:
        packages.export_package(COMMUNE_A, tmp_path / "2.mdpkg", commune.actor)
    opened = []
    monkeypatch.setattr(package_dialogs.ConflictDialog, "exec", lambda self: opened.append(self))
    with province:
        dialog = package_dialogs.PackageImportDialog(
            path=str(tmp_path / "2.mdpkg"), actor=province.actor
        )
        qtbot.addWidget(dialog)
        qtbot.waitUntil(dialog.import_button.isEnabled, timeout=20_000)
        model = dialog.preview_model
        assert cell(model, row_of(model, "buổi phát động, tuyên truyền"), 5) == "1"
        assert "keep this computer's version" in dialog.package_status.text()
        with qtbot.waitSignal(dialog.imported, timeout=20_000):
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        dialog.wait_for_task()
        assert dialog.conflicts_button.isVisibleTo(dialog)
        qtbot.mouseClick(dialog.conflicts_button, Qt.MouseButton.LeftButton)
        assert len(opened) == 1 and opened[0].conflict_list_model.rowCount() == 1
