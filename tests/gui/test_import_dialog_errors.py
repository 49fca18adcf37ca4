"""File → Import… when the file fails in a way that is not a refusal of its rows (an OSError, a
parser's ValueError): the dialog says in Vietnamese what failed and the error's own words,
never a bare message without context nor a traceback (gui/transfer_dialogs.py)."""

from __future__ import annotations

import errno

import pytest

from movement_desk.gui.transfer_dialogs import ImportDialog
from movement_desk.services.records import transfer

pytestmark = pytest.mark.usefixtures("vietnamese_qt")  # the words the user reads


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (
            PermissionError(errno.EACCES, "Permission denied", "/mnt/usb/buoi.xlsx"),
            "Không nhập được tệp /mnt/usb/buoi.xlsx: Permission denied. Không ghi gì.",
        ),
        (
            ValueError("could not read the sheet 'Buổi'"),
            "Không nhập được tệp /mnt/usb/buoi.xlsx: could not read the sheet 'Buổi'. Không ghi gì.",
        ),
        (KeyError(), "Không nhập được tệp /mnt/usb/buoi.xlsx: KeyError. Không ghi gì."),
    ],
    ids=["os-error", "parser-error", "error-without-text"],
)
def test_a_file_that_fails_says_what_failed_and_why(qtbot, context, monkeypatch, error, shown):
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(transfer, "import_file", fail)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.path.setText(" /mnt/usb/buoi.xlsx ")
    dialog.run()
    qtbot.waitUntil(lambda: dialog.run_button.isEnabled(), timeout=10_000)
    assert dialog.result_label.text() == shown
    assert "Traceback" not in dialog.result_label.text()
