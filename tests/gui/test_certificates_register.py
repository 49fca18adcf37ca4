"""The certificates view's register of one decision: what each column shows after prints and a
revocation, revoking from the view, the decision's list, and the issuer's key file for verifying."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtPdf")

from pypdf import PdfReader  # noqa: E402
from PySide6.QtCore import QItemSelectionModel, Qt  # noqa: E402

from movement_desk.gui import prompts  # noqa: E402
from movement_desk.services.certificates import printing as certificates  # noqa: E402
from movement_desk.services.core import signing  # noqa: E402
from movement_desk.services.records import commendations  # noqa: E402
from tests.gui.test_certificates_view import view  # noqa: E402, F401


def _select(view, row: int) -> None:  # noqa: F811
    model = view.certificates_model
    view.certificates_table.selectionModel().select(
        model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def test_the_columns_after_a_reprint_and_a_revocation(qtmodeltester, view, actor):  # noqa: F811
    decision = view._decision
    chosen, _ = certificates.select_recipients(decision)
    options = certificates.print_options()
    certificates.issue(decision, [chosen[0].uuid], actor, options)
    certificates.issue(decision, [chosen[0].uuid], actor, options)  # a reprint
    certificates.revoke(chosen[1].uuid, "Khen nhầm tập thể", actor)
    view.reload_decisions()
    model = view.certificates_model
    qtmodeltester.check(model)

    def shown(row: int) -> list:
        return [model.data(model.index(row, column)) for column in range(6)]

    first, second, third = shown(0), shown(1), shown(2)
    assert first[0] == "Nguyễn Thị Hồng Nhung" and first[3] == "GK2024-000001"
    assert first[1] == "Cá nhân"
    assert first[2] == "Thượng úy, Cán bộ Công an xã Bằng Thành, Công an huyện Pác Nặm"
    assert first[4] == "2" and "1" in first[5]  # printed twice: one reprint
    assert "Khen nhầm tập thể" in second[5] and second[4] == "0"
    assert third[2] == "Thôn Khuổi Ún, xã Bộc Bố" and third[5] == ""
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == first[0]
    # The revoked recipient has no tick box and cannot be ticked, even by "tick all".
    revoked = model.index(1, 0)
    assert model.data(revoked, Qt.CheckStateRole) is None
    assert not model.flags(revoked) & Qt.ItemIsUserCheckable
    assert not model.setData(revoked, Qt.Checked.value, Qt.CheckStateRole)
    assert not model.setData(model.index(0, 1), "x", Qt.EditRole)
    model.set_all_checked(False)
    assert model.checked_uuids() == []
    model.set_all_checked(True)
    assert model.checked_uuids() == [chosen[0].uuid, chosen[2].uuid]


def test_revoking_from_the_view_asks_the_reason(view, actor, monkeypatch):  # noqa: F811
    reasons = iter([None, "Hồ sơ khen thưởng sai"])
    asked = []

    def ask_text(parent, title, label, **kwargs):
        asked.append(label)
        return next(reasons)

    monkeypatch.setattr(prompts, "ask_text", ask_text)
    view.certificates_revoke.click()  # nobody selected
    assert len(view.errors) == 1 and asked == []

    _select(view, 2)
    view.certificates_revoke.click()  # the reason is asked, then cancelled
    assert "Hộ gia đình ông Hoàng Văn Páo" in asked[0]
    assert not any(line.revoked for line in view.certificates_model.rows)

    view.certificates_revoke.click()
    line = view.certificates_model.line(2)
    assert line.revoked and line.revoked_reason == "Hồ sơ khen thưởng sai"
    assert "Hộ gia đình ông Hoàng Văn Páo" in view.certificates_status.text()
    assert (
        view.certificates_model.data(view.certificates_model.index(2, 0), Qt.CheckStateRole) is None
    )
    # Revoking it again is refused by the service, in words.
    view.certificates_revoke.click()
    assert len(view.errors) == 2


def test_the_decisions_list_is_saved_where_asked(qtbot, view, tmp_path, monkeypatch):  # noqa: F811
    answers = iter(["", str(tmp_path / "danh-sach.pdf")])
    suggested = []

    def save_file(parent, title, name, file_filter, key="export"):
        suggested.append(name)
        return next(answers)

    monkeypatch.setattr(prompts, "save_file", save_file)
    view.certificates_list.click()  # cancelled
    assert not (tmp_path / "danh-sach.pdf").exists()
    with qtbot.waitSignal(view.saved) as signal:
        view.certificates_list.click()
    assert suggested[0] == "danh-sach-125-QĐ-CAT-PV05.pdf"
    assert signal.args == [str(tmp_path / "danh-sach.pdf")]
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "danh-sach.pdf").pages)
    assert "Nguyễn Thị Hồng Nhung" in text


def test_the_issuers_key_file_for_verifying(view, actor, tmp_path, monkeypatch):  # noqa: F811
    key_file = tmp_path / "issuer.mdkey"
    signing.export_public_key(key_file, actor)
    junk = tmp_path / "junk.mdkey"
    junk.write_text("not a key", encoding="utf-8")
    answers = iter(["", str(junk), str(key_file)])
    failures = []
    monkeypatch.setattr(prompts, "open_file", lambda *args, **kwargs: next(answers))
    monkeypatch.setattr(prompts, "fail", lambda parent, title, text: failures.append(text))

    before = view.certificates_verify_key.text()
    view.certificates_verify_key_button.click()  # cancelled
    assert view.verify_public_key is None and view.certificates_verify_key.text() == before
    view.certificates_verify_key_button.click()
    assert len(failures) == 1 and "junk.mdkey" in failures[0] and view.verify_public_key is None
    view.certificates_verify_key_button.click()
    fingerprint = signing.fingerprint(signing.own_key_id())
    assert view.certificates_verify_key.text() == f"issuer.mdkey ({fingerprint})"
    assert view.verify_public_key.key_id == signing.own_key_id()


def test_a_deleted_decision_leaves_the_list(view, actor):  # noqa: F811
    commendations.delete_decision(view._decision.uuid, actor)
    view.reload_decisions()
    assert view.certificates_decision.count() == 0
    assert view.certificates_model.rowCount() == 0
    assert not view.certificates_revoke.isEnabled()
