"""The Vietnamese translation: complete, built, and used by the window (and --lang en)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QCoreApplication, QTranslator

from movement_desk.gui.main_window import MainWindow
from movement_desk.paths import I18N_DIR


def test_every_source_string_has_a_finished_vietnamese_translation():
    tree = ET.parse(I18N_DIR / "movement_desk_vi.ts")
    messages = list(tree.getroot().iter("message"))
    assert len(messages) > 200
    unfinished = [
        m.find("source").text
        for m in messages
        if m.find("translation").get("type") in ("unfinished", "obsolete")
        or not (m.find("translation").text or "").strip()
    ]
    assert unfinished == []
    for message in messages:  # placeholders survive translation
        source, translation = message.find("source").text, message.find("translation").text
        for part in source.split("{")[1:]:
            assert "{" + part.split("}")[0] + "}" in translation, source


def test_the_window_speaks_vietnamese_with_the_built_translation(qtbot, context):
    translator = QTranslator()
    assert translator.load("movement_desk_vi", str(I18N_DIR))
    QCoreApplication.installTranslator(translator)
    try:
        window = MainWindow(context, offer_drafts=False)
        qtbot.addWidget(window)
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus[0] == "&Tệp"
        assert "Cô&ng cụ" in menus
        assert window.menu_action("action_backup").text() == "Sao &lưu ngay"
        # Strings of modules without a class context, and table headers listed as data.
        assert QCoreApplication.translate("maintenance", "Back up now") == "Sao lưu ngay"
        assert QCoreApplication.translate("PreviewTableModel", "Conflicts") == "Xung đột"
        assert QCoreApplication.translate("RecipientTableModel", "Prints") == "Số lần in"
        assert window.nav.item(0).text() == "Trang chủ"
        view = window.show_page("sessions")
        headers = [view.model.headerData(c, _horizontal()) for c in range(3)]
        assert headers == ["Ngày", "Đơn vị", "Hình thức"]
    finally:
        QCoreApplication.removeTranslator(translator)


def test_english_when_no_translation_is_installed(qtbot, context):
    window = MainWindow(context, offer_drafts=False)
    qtbot.addWidget(window)
    assert window.menuBar().actions()[0].text() == "&File"
    assert window.nav.item(0).text() == "Home"


def test_lang_en_installs_no_translator(qapp):
    from movement_desk.gui import texts
    from movement_desk.gui.app import install_translations

    assert install_translations(qapp, "en") == "en"
    assert texts.language() == "en"
    from movement_desk.db.choices import SessionKind

    assert texts.choice_text(SessionKind.LAUNCH) == "Launch"
    texts.set_language("vi")
    assert texts.choice_text(SessionKind.LAUNCH) == "Phát động"


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal
