"""Tools → Signing keys: export this installation's key, trust another office's, revoke it."""

from __future__ import annotations

from movement_desk.gui import prompts
from movement_desk.gui.keys_dialog import KeysDialog
from movement_desk.services.core import signing
from movement_desk.services.core.actor import LOCAL_ACTOR, Actor


def test_export_trust_and_revoke_from_the_dialog(qtbot, database, tmp_path, monkeypatch):
    dialog = KeysDialog(LOCAL_ACTOR)
    qtbot.addWidget(dialog)
    own = signing.fingerprint(signing.own_key_id())
    assert own in dialog.keys_own.text()
    assert dialog.keys_model.rowCount() >= 1

    # A key file of another office, made with a second key pair.
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    other = signing.raw_public(Ed25519PrivateKey.generate().public_key())
    other_id = signing.key_id_of(other)
    key_file = tmp_path / "xa.mdkey"
    key_file.write_text(
        '{"format": "movement-desk-public-key", "version": 1, "algorithm": "ed25519", '
        f'"public_key": "{signing.b64(other)}", "unit_code": "01858"}}',
        encoding="utf-8",
    )
    answers = iter(["01858", signing.fingerprint(other_id)])
    monkeypatch.setattr(prompts, "open_file", lambda *a, **k: str(key_file))
    monkeypatch.setattr(prompts, "ask_text", lambda *a, **k: next(answers))
    with qtbot.waitSignal(dialog.trusted) as signal:
        dialog.keys_trust.click()
    assert signal.args == [other_id]
    assert signing.find_key(other_id).unit_code == "01858"

    row = next(i for i, k in enumerate(dialog.keys_model.rows) if k.key_id == other_id)
    dialog.keys_table.selectRow(row)
    monkeypatch.setattr(prompts, "ask_text", lambda *a, **k: "Máy của xã bị mất")
    with qtbot.waitSignal(dialog.revoked):
        dialog.keys_revoke.click()
    assert signing.find_key(other_id).revoked
    model = dialog.keys_model
    assert "Máy của xã bị mất" in model.data(model.index(row, 3))

    out = tmp_path / "mine.mdkey"
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: str(out))
    monkeypatch.setattr(prompts, "inform", lambda *a, **k: None)
    with qtbot.waitSignal(dialog.exported):
        dialog.keys_export.click()
    assert signing.read_public_key_file(out).key_id == signing.own_key_id()


def test_an_officer_only_exports(qtbot, database):
    officer = Actor(username="cb", role="officer", unit_code="01858")
    dialog = KeysDialog(officer)
    qtbot.addWidget(dialog)
    assert not dialog.keys_trust.isVisibleTo(dialog)
    assert dialog.keys_export.isVisibleTo(dialog)


def test_a_wrong_key_file_a_fingerprint_that_differs_and_no_selection_are_told(
    qtbot, database, tmp_path, monkeypatch
):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    dialog = KeysDialog(LOCAL_ACTOR)
    qtbot.addWidget(dialog)
    said = []
    monkeypatch.setattr(prompts, "fail", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: said.append(text))

    bad = tmp_path / "hong.mdkey"
    bad.write_text("không phải khóa", encoding="utf-8")
    monkeypatch.setattr(prompts, "open_file", lambda *a, **k: str(bad))
    dialog.keys_trust.click()
    assert "không phải tệp khóa công khai" in said[-1]

    other = signing.raw_public(Ed25519PrivateKey.generate().public_key())
    key_file = tmp_path / "xa.mdkey"
    key_file.write_text(
        '{"format": "movement-desk-public-key", "version": 1, "algorithm": "ed25519", '
        f'"public_key": "{signing.b64(other)}", "unit_code": "01858"}}',
        encoding="utf-8",
    )
    monkeypatch.setattr(prompts, "open_file", lambda *a, **k: str(key_file))
    answers = iter(["01858", "AAAA-BBBB-CCCC-DDDD"])
    monkeypatch.setattr(prompts, "ask_text", lambda *a, **k: next(answers))
    dialog.keys_trust.click()
    assert "khác với" in said[-1] and signing.find_key(signing.key_id_of(other)) is None

    answers = iter([""])  # no unit typed: nothing happens
    count = len(said)
    dialog.keys_trust.click()
    assert len(said) == count

    monkeypatch.setattr(prompts, "open_file", lambda *a, **k: "")  # the file dialog cancelled
    dialog.keys_trust.click()
    assert len(said) == count

    dialog.keys_table.clearSelection()
    dialog.keys_revoke.click()
    assert said[-1] == "Select a key in the list first."
