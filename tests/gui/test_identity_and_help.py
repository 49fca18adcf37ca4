"""The program's identity (name, icon, version, About), Qt's own dialogs in Vietnamese, and F1."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton

from movement_desk import APP_DISPLAY_NAME, __version__
from movement_desk.cli import main as cli_main
from movement_desk.gui.main_window import MainWindow
from movement_desk.paths import GUIDE_PDF, app_icon_png


@pytest.fixture
def configured_app(qapp):
    """The application named as the real one is; the tests' own names come back afterwards."""
    from PySide6.QtGui import QIcon

    from movement_desk.gui.app import configure_application

    saved = (
        QCoreApplication.organizationName(),
        QCoreApplication.applicationName(),
        QApplication.applicationDisplayName(),
    )
    configure_application(qapp)
    yield qapp
    QCoreApplication.setOrganizationName(saved[0])
    QCoreApplication.setApplicationName(saved[1])
    QApplication.setApplicationDisplayName(saved[2])
    QApplication.setWindowIcon(QIcon())


def test_version_option_and_about_dialog_show_the_same_version(capsys, qtbot, context):
    with pytest.raises(SystemExit) as exit_info:
        cli_main(["--version"])
    assert exit_info.value.code == 0
    printed = capsys.readouterr().out.strip()
    assert printed == f"movement-desk {__version__} (Phong trào Toàn dân bảo vệ an ninh Tổ quốc)"

    from movement_desk.db import migrations
    from movement_desk.gui.about_dialog import AboutDialog

    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    window.menu_action("action_about").trigger()  # Help → About
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog) and dialog.isVisible()
    summary = dialog.about_summary.text()
    assert __version__ in summary
    assert str(context.db_path) in summary
    assert f"{migrations.latest_version()} (" in summary  # the open database's schema version
    licences = dialog.about_licences.toPlainText()
    for component in ("Liberation Serif", "SIL Open Font License", "Qt 6", "LGPL", "ReportLab"):
        assert component in licences
    assert "licence file missing" not in licences


def test_the_window_has_the_program_icon_and_display_name(configured_app, qtbot, context):
    assert QApplication.applicationDisplayName() == APP_DISPLAY_NAME
    assert QCoreApplication.organizationName() == "TDBVANTQ"
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    icon = window.windowIcon()
    assert not icon.isNull()
    assert {16, 32, 48, 256} <= {size.width() for size in icon.availableSizes()}
    assert window.windowTitle() == context.db_path.name
    assert "movement_desk" not in window.windowTitle()
    assert app_icon_png(256).exists()
    from PySide6.QtGui import QImageReader

    from movement_desk.paths import APP_ICON_ICO

    reader = QImageReader(str(APP_ICON_ICO))  # the Windows icon holds every size
    sizes = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        sizes.append(reader.read().width())
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_the_file_dialog_speaks_vietnamese(vietnamese_qt, qtbot, tmp_path):
    dialog = QFileDialog(None, "Chọn tệp", str(tmp_path), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "&Tìm trong:"
    assert labels["fileNameLabel"] == "&Tên tệp:"
    assert labels["fileTypeLabel"] == "&Loại tệp:"
    buttons = {button.text() for button in dialog.findChildren(QPushButton)}
    assert {"&Mở", "Hủy"} <= buttons
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    assert "&Lưu" in {button.text() for button in dialog.findChildren(QPushButton)}


def test_print_colour_and_message_dialogs_speak_vietnamese(vietnamese_qt, qtbot):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QColorDialog, QMessageBox

    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    texts = {w.text() for w in dialog.findChildren(QLabel)} | {
        w.text() for w in dialog.findChildren(QPushButton)
    }
    assert "&In" in texts
    assert "Số bản:" in texts
    colour = QColorDialog()
    colour.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog, True)
    qtbot.addWidget(colour)
    assert "&Màu cơ bản" in {w.text() for w in colour.findChildren(QLabel)}
    box = QMessageBox(QMessageBox.Icon.Question, "?", "?")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert {b.text() for b in box.buttons()} == {"&Có", "&Không"}


def test_f1_opens_the_user_guide_shipped_with_the_program(qtbot, context, monkeypatch, no_prompts):
    from movement_desk.gui import help_actions

    opened = []
    monkeypatch.setattr(help_actions, "open_path", lambda path: opened.append(path) or True)
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    action = window.menu_action("action_guide")
    assert action.shortcut().toString() == "F1"
    action.trigger()
    assert opened == [GUIDE_PDF]
    assert GUIDE_PDF.read_bytes()[:5] == b"%PDF-"


def test_a_missing_guide_is_reported_with_its_path(
    qtbot, context, monkeypatch, no_prompts, tmp_path
):
    from movement_desk.gui import help_actions

    missing = tmp_path / "huong-dan-su-dung.pdf"
    monkeypatch.setattr(help_actions, "GUIDE_PDF", missing)
    monkeypatch.setattr(help_actions, "open_path", lambda path: pytest.fail("opened"))
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    assert window.open_guide() is False
    assert no_prompts == [
        ("warn", f"The user guide was not found at {missing}. Reinstall the program.")
    ]


def test_settings_of_version_0_1_are_carried_over_once(qapp):
    from PySide6.QtCore import QSettings

    from movement_desk.gui.app import _carry_over_settings

    old = QSettings("old_org_for_test", "old_app_for_test")
    old.setValue("language", "en")
    old.setValue("folders/export", "/tmp/xa")
    old.sync()
    saved = (QCoreApplication.organizationName(), QCoreApplication.applicationName())
    QCoreApplication.setOrganizationName("new_org_for_test")
    try:
        QSettings().clear()
        _carry_over_settings("old_org_for_test", "old_app_for_test")
        assert QSettings().value("language") == "en"
        assert QSettings().value("folders/export") == "/tmp/xa"
        QSettings().setValue("language", "vi")
        _carry_over_settings("old_org_for_test", "old_app_for_test")  # only once
        assert QSettings().value("language") == "vi"
    finally:
        QSettings().clear()
        old.clear()
        QCoreApplication.setOrganizationName(saved[0])
        QCoreApplication.setApplicationName(saved[1])
