"""The package import dialog when its check is cancelled, or fails in a way the program did
not foresee: said in the status line, nothing can be imported (gui/package_dialogs.py)."""

from __future__ import annotations

import threading

from movement_desk.gui import package_dialogs
from movement_desk.services import packages
from tests.gui.test_package_dialogs import errors, pair  # noqa: F401
from tests.packages_helpers import COMMUNE_A, add_session


def test_a_check_cancelled_while_it_runs_offers_no_import(qtbot, pair, tmp_path, monkeypatch):  # noqa: F811
    commune, province = pair
    add_session(commune, "Phát động", participants=120)
    with commune:
        packages.export_package(COMMUNE_A, tmp_path / "a.mdpkg", commune.actor)
    started, release = threading.Event(), threading.Event()
    real_preview = packages.preview_package

    def held(path, actor):  # the real check, once the test has pressed Cancel
        started.set()
        release.wait(10)
        return real_preview(path, actor)

    monkeypatch.setattr(packages, "preview_package", held)
    with province:
        dialog = package_dialogs.PackageImportDialog(actor=province.actor)
        qtbot.addWidget(dialog)
        dialog.load(str(tmp_path / "a.mdpkg"))
        assert started.wait(10)
        dialog.task.cancel()  # the progress dialog's Cancel
        release.set()
        qtbot.waitUntil(lambda: dialog.task.done, timeout=20_000)
        assert dialog.package_status.text() == "Cancelled."
        assert dialog.report is None and not dialog.import_button.isEnabled()
        assert dialog.preview_model.rowCount() == 0


def test_an_unforeseen_failure_of_the_check_is_named_with_its_kind(
    qtbot,
    pair,  # noqa: F811
    tmp_path,
    monkeypatch,
    errors,  # noqa: F811
):
    _, province = pair

    def broken(path, actor):
        raise KeyError("rows")  # a package whose content the program does not expect

    monkeypatch.setattr(packages, "preview_package", broken)
    with province:
        dialog = package_dialogs.PackageImportDialog(actor=province.actor)
        qtbot.addWidget(dialog)
        dialog.load(str(tmp_path / "la.mdpkg"))
        qtbot.waitUntil(lambda: dialog.task.done, timeout=20_000)
    assert errors == ["KeyError: 'rows'"]
    assert dialog.package_status.text() == "KeyError: 'rows'"
    assert not dialog.import_button.isEnabled()
