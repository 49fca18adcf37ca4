"""The package dialogs' details: the file picked for an export gets the package suffix, a
cancelled pick changes nothing, a package received before says so, and the preview's counts
(raw numbers, right-aligned, the total in bold) (gui/package_dialogs.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from movement_desk.gui import package_dialogs, prompts
from movement_desk.services import packages
from tests.gui.test_package_dialogs import errors, pair, row_of  # noqa: F401
from tests.packages_helpers import COMMUNE_A, add_session


def button(dialog, text: str) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == text)


def test_the_export_file_gets_the_package_suffix(qtbot, pair, tmp_path, monkeypatch, errors):  # noqa: F811
    commune, _ = pair
    answers = iter(["", str(tmp_path / "goi-thang-3")])
    monkeypatch.setattr(prompts, "save_file", lambda *args, **kwargs: next(answers))
    with commune:
        dialog = package_dialogs.PackageExportDialog()
        qtbot.addWidget(dialog)
        suggested = dialog.package_path.text()
        button(dialog, "Browse…").click()  # cancelled
        assert dialog.package_path.text() == suggested
        button(dialog, "Browse…").click()
        assert dialog.package_path.text() == str(tmp_path / "goi-thang-3.mdpkg")
        dialog.package_path.setText("  ")
        dialog.export_button.click()
    assert errors == ["Choose the file to write the package to."]


def test_a_package_received_before_says_so_and_counts_are_numbers(
    qtbot,
    pair,  # noqa: F811
    tmp_path,
    monkeypatch,
):
    commune, province = pair
    add_session(commune, "Phát động", participants=120)
    path = tmp_path / "a.mdpkg"
    with commune:
        packages.export_package(COMMUNE_A, path, commune.actor)
    with province:
        packages.import_package(path, province.actor)
        answers = iter(["", str(path)])
        monkeypatch.setattr(prompts, "open_file", lambda *args, **kwargs: next(answers))
        dialog = package_dialogs.PackageImportDialog(actor=province.actor)
        qtbot.addWidget(dialog)
        button(dialog, "Choose file…").click()  # cancelled: nothing previewed
        assert dialog.report is None and not dialog.import_button.isEnabled()
        with qtbot.waitSignal(dialog.previewed, timeout=20_000):
            button(dialog, "Choose file…").click()
        assert dialog.package_status.text().startswith("This package was imported before.")
        model = dialog.preview_model
        row = row_of(model, "buổi phát động, tuyên truyền")
        unchanged = package_dialogs.COUNT_KEYS.index("unchanged") + 1
        index = model.index(row, unchanged)
        assert model.data(index, Qt.ItemDataRole.UserRole) == 1
        assert model.data(model.index(row, 0), Qt.ItemDataRole.UserRole) == (
            "buổi phát động, tuyên truyền"
        )
        assert model.data(index, Qt.ItemDataRole.TextAlignmentRole) == int(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        total = model.rowCount() - 1
        assert model.data(model.index(total, 0), Qt.ItemDataRole.FontRole).bold()
        assert model.data(model.index(row, 0), Qt.ItemDataRole.FontRole) is None
        conflicts = len(package_dialogs.COUNT_KEYS)
        assert model.data(model.index(row, conflicts), Qt.ItemDataRole.ForegroundRole) is None
        assert model.data(model.index(-1, 0)) is None
