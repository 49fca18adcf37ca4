"""The package dialogs point at what needs a decision: the conflicts column of the preview in
red, the fields that differ highlighted in bold; and the smaller answers (a file picked with
its own extension, a dialog closed before anything ran) (gui/package_dialogs.py)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QDialog, QPushButton

from movement_desk.gui import package_dialogs, prompts
from movement_desk.services import packages
from tests.gui.test_package_dialogs import _conflict, cell, errors, pair, row_of  # noqa: F401
from tests.packages_helpers import COMMUNE_A, add_session, edit_session

SESSIONS = "buổi phát động, tuyên truyền"


def test_the_fields_that_differ_are_highlighted_and_the_others_not(qtbot, pair, tmp_path):  # noqa: F811
    _, province = pair
    _conflict(pair, tmp_path)
    with province:
        dialog = package_dialogs.ConflictDialog(actor=province.actor)
        qtbot.addWidget(dialog)
        fields = dialog.conflict_fields_model
        rows = {cell(fields, r, 0): r for r in range(fields.rowCount())}
        differs = rows["Số lượt người tham gia"]
        same = rows["Tình trạng bản ghi"]
        background = Qt.ItemDataRole.BackgroundRole
        assert isinstance(fields.data(fields.index(differs, 2), background), QBrush)
        assert fields.data(fields.index(differs, 0), background) is None  # the label column
        assert fields.data(fields.index(same, 2), background) is None
        font = fields.data(fields.index(differs, 0), Qt.ItemDataRole.FontRole)
        assert isinstance(font, QFont) and font.bold()
        assert fields.data(fields.index(same, 0), Qt.ItemDataRole.FontRole) is None
        assert fields.data(QModelIndex()) is None


def test_the_conflicts_of_a_preview_are_shown_in_red(qtbot, pair, tmp_path):  # noqa: F811
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
    with province:
        dialog = package_dialogs.PackageImportDialog(actor=province.actor)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.previewed, timeout=20_000):
            dialog.load(str(tmp_path / "2.mdpkg"))
        model = dialog.preview_model
        conflicts = len(package_dialogs.COUNT_KEYS)
        row = row_of(model, SESSIONS)
        assert cell(model, row, conflicts) == "1"
        red = model.data(model.index(row, conflicts), Qt.ItemDataRole.ForegroundRole)
        assert isinstance(red, QBrush) and red.color().name() == "#b00020"
        # A count of none stays in the ordinary colour.
        new = model.data(model.index(row, 1), Qt.ItemDataRole.ForegroundRole)
        assert new is None


def test_a_file_picked_with_its_own_extension_keeps_it(qtbot, pair, tmp_path, monkeypatch):  # noqa: F811
    commune, _ = pair
    picked = str(tmp_path / "goi-thang-3.zip")
    monkeypatch.setattr(prompts, "save_file", lambda *args, **kwargs: picked)
    with commune:
        dialog = package_dialogs.PackageExportDialog()
        qtbot.addWidget(dialog)
        browse = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Browse…")
        browse.click()
        assert dialog.package_path.text() == picked  # not "….zip.mdpkg"


def test_closing_the_import_dialog_before_choosing_a_file(qtbot, pair, errors):  # noqa: F811
    _, province = pair
    with province:
        dialog = package_dialogs.PackageImportDialog(actor=province.actor)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.task is None and not dialog.import_button.isEnabled()
        dialog.reject()
        assert dialog.result() == QDialog.DialogCode.Rejected
        assert not dialog.isVisible() and errors == []
