"""The window opens on Home without importing the other pages and what only they use (the
lists, their forms, the package and transfer services): those load when first shown."""

from __future__ import annotations

import subprocess
import sys

DEFERRED = (
    "movement_desk.gui.views.records",
    "movement_desk.gui.forms",
    "movement_desk.gui.about_dialog",
    "movement_desk.services.packages",
    "movement_desk.services.records.transfer",
    "cryptography",  # loaded where a signing key is used (the window's key: once it is open)
)


def test_the_window_and_home_import_no_other_page():
    code = (
        "import sys, movement_desk.gui.main_window, movement_desk.gui.views.home;"
        f"loaded = [m for m in {DEFERRED!r} if m in sys.modules];"
        "print(loaded); sys.exit(1 if loaded else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_reading_the_command_line_imports_no_service_it_does_not_run():
    from movement_desk.cli import records as cli_records
    from movement_desk.services.records import transfer

    assert tuple(cli_records.RECORD_KINDS) == (*transfer.KINDS, "organisations", "ratings")
    code = (
        "import sys; from movement_desk import cli; cli.build_parser().parse_args([]);"
        "loaded = [m for m in ('movement_desk.services.records.transfer', 'cryptography',"
        " 'movement_desk.services.records.kind_parts')"
        " if m in sys.modules]; print(loaded); sys.exit(1 if loaded else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
