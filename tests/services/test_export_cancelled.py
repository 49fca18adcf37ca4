"""An export the user cancels, even at its very end, leaves no file and no audit entry."""

from __future__ import annotations

import pytest

from movement_desk.db.account_tables import AuditEntry
from movement_desk.services.records import transfer


class Cancelled(Exception):
    """What the window's progress dialog raises when Cancel is pressed."""


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")  # no noise after
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_cancel_as_the_export_finishes_leaves_no_file_and_no_audit_entry(
    small_demo, actor, tmp_path, suffix
):
    seen = []

    def cancel_at_the_end(done, total):
        seen.append((done, total))
        if done == total:
            raise Cancelled

    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"buoi{suffix}"
    with pytest.raises(Cancelled):
        transfer.export_file("sessions", target, actor=actor, progress=cancel_at_the_end)
    assert seen[-1][0] == seen[-1][1] > 0  # the last step was reached
    assert list(folder.iterdir()) == []
    assert not AuditEntry.select().where(AuditEntry.action == "export").exists()

    # Without the Cancel the same export writes every row and is recorded.
    count = transfer.export_file("sessions", target, actor=actor, progress=lambda *_: None)
    assert count == seen[-1][1]
    assert AuditEntry.select().where(AuditEntry.action == "export").count() == 1
