"""Tools → Signing keys: the list read as the user sees it, and each question cancelled
(gui/keys_dialog.py)."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt

from movement_desk.gui import prompts
from movement_desk.gui.keys_dialog import KeysDialog
from movement_desk.services.core import settings, signing
from movement_desk.services.core.actor import LOCAL_ACTOR

pytestmark = pytest.mark.usefixtures("vietnamese_qt")  # the words the user reads


def _other_office_key(tmp_path, unit_code="01858"):
    other = signing.raw_public(Ed25519PrivateKey.generate().public_key())
    key_file = tmp_path / "xa.mdkey"
    key_file.write_text(
        '{"format": "movement-desk-public-key", "version": 1, "algorithm": "ed25519", '
        f'"public_key": "{signing.b64(other)}", "unit_code": "{unit_code}"}}',
        encoding="utf-8",
    )
    return key_file, signing.key_id_of(other)


def _rows(dialog) -> dict[str, list[str]]:
    model = dialog.keys_model
    return {
        model.rows[row].key_id: [model.index(row, column).data() for column in range(4)]
        for row in range(model.rowCount())
    }


def test_the_list_names_each_key_its_unit_whose_it_is_and_its_state(
    qtbot, database, tmp_path, monkeypatch
):
    key_file, other_id = _other_office_key(tmp_path)
    signing.trust_key(key_file, "01858", LOCAL_ACTOR)
    dialog = KeysDialog(LOCAL_ACTOR)
    qtbot.addWidget(dialog)
    rows = _rows(dialog)
    own_id = signing.own_key_id()
    assert rows[own_id] == [
        signing.fingerprint(own_id),
        settings.get("home_unit_code"),  # this installation signs for its home unit
        "máy này (đang dùng)",
        "còn hiệu lực",
    ]
    assert rows[other_id] == [
        signing.fingerprint(other_id),
        "01858",
        "được tin cậy",
        "còn hiệu lực",
    ]
    model = dialog.keys_model
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) is None


def test_cancelling_the_export_the_fingerprint_or_the_reason_changes_nothing(
    qtbot, database, tmp_path, monkeypatch
):
    said: list[str] = []
    for name in ("inform", "warn", "fail"):
        monkeypatch.setattr(prompts, name, lambda parent, title, text: said.append(text))
    dialog = KeysDialog(LOCAL_ACTOR)
    qtbot.addWidget(dialog)
    with qtbot.assertNotEmitted(dialog.exported):
        monkeypatch.setattr(prompts, "save_file", lambda *a, **k: "")
        dialog.keys_export.click()
    assert list(tmp_path.glob("*.mdkey")) == []

    key_file, other_id = _other_office_key(tmp_path)
    monkeypatch.setattr(prompts, "open_file", lambda *a, **k: str(key_file))
    answers = iter(["01858", None])  # the unit, then the fingerprint question cancelled
    monkeypatch.setattr(prompts, "ask_text", lambda *a, **k: next(answers))
    with qtbot.assertNotEmitted(dialog.trusted):
        dialog.keys_trust.click()
    assert signing.find_key(other_id) is None

    signing.trust_key(key_file, "01858", LOCAL_ACTOR)
    dialog.reload()
    row = next(i for i, k in enumerate(dialog.keys_model.rows) if k.key_id == other_id)
    dialog.keys_table.selectRow(row)
    monkeypatch.setattr(prompts, "ask_text", lambda *a, **k: None)  # no reason given
    with qtbot.assertNotEmitted(dialog.revoked):
        dialog.keys_revoke.click()
    assert not signing.find_key(other_id).revoked
    assert _rows(dialog)[other_id][3] == "còn hiệu lực"
    assert said == []
