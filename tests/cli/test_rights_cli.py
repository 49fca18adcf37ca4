"""Certificates, reports and packages on the command line, signed in as each role: what is
allowed, what is refused with a plain message (exit 1, no file written), and what the audit
trail keeps. Uses the ``office`` database of the accounts tests (administrator ``boss`` of the
province; supervisor ``lead`` and clerk ``clerk`` of Ba Bể 061; officer ``officer`` of 01888)."""

from __future__ import annotations

from pathlib import Path

import pytest

from movement_desk.db.connection import close_database
from movement_desk.services.admin.bootstrap import prepare_database
from movement_desk.services.certificates import printing as certificates
from movement_desk.services.core.actor import LOCAL_ACTOR
from movement_desk.services.records import commendations, sessions
from tests import server_backend
from tests.cli.test_accounts_cli import as_user, assert_no_traceback, office  # noqa: F401
from tests.services.test_permissions import DECISION, RECIPIENTS, SESSION


@pytest.fixture
def filled(office: Path) -> Path:  # noqa: F811
    """The office with a decision of Ba Bể (recipient in 01888), a session in 01888 and one
    in Thành phố Bắc Kạn (058, outside Ba Bể)."""
    prepare_database(office)
    commendations.save_decision(DECISION, RECIPIENTS, LOCAL_ACTOR)
    sessions.create_session(SESSION, LOCAL_ACTOR)
    sessions.create_session({**SESSION, "unit_code": "01834", "title": "Ở Bắc Kạn"}, LOCAL_ACTOR)
    close_database()
    return office


def _audit(db: Path, action: str) -> list[tuple]:
    with server_backend.connect(db) as connection:
        return connection.execute(
            "SELECT username, table_name, summary FROM audit_entry WHERE action = ? ORDER BY id",
            (action,),
        ).fetchall()


def _refused(result, words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert words in result.stderr
    assert_no_traceback(result)


def test_certificates_by_role(filled, tmp_path):
    number = DECISION["decision_number"]
    out = tmp_path / "gk.pdf"
    for who in ("officer", "lead"):
        _refused(
            as_user(who, "certificates", "--decision", number, "--out", str(out), db=filled),
            "không có quyền in giấy khen",
        )
        _refused(
            as_user(who, "decision-list", "--decision", number, "--out", str(out), db=filled),
            "không có quyền in giấy khen",
        )
    assert not out.exists()
    printed = as_user("clerk", "certificates", "--decision", number, "--out", str(out), db=filled)
    assert printed.returncode == 0, printed.stderr
    listed = as_user(
        "clerk", "decision-list", "--decision", number, "--out", str(tmp_path / "ds.pdf"), db=filled
    )
    assert listed.returncode == 0, listed.stderr
    prints = _audit(filled, "print")
    assert [(who, table) for who, table, _ in prints] == [
        ("clerk", "commendation"),
        ("clerk", "decision"),
    ]
    assert "số hiệu GK2024-000001 cho Nông Thị Hoa (A4, tệp PDF)" in prints[0][2]

    prepare_database(filled)
    [recipient] = commendations.decision_recipients(commendations.find_decision(number))
    code = certificates.prepare(recipient.decision, [recipient], LOCAL_ACTOR, assign_serials=False)[
        0
    ].verification_code
    close_database()
    checked = as_user("officer", "verify", code, db=filled)  # open to every account
    assert checked.returncode == 0 and "HỢP LỆ" in checked.stdout
    _refused(
        as_user("officer", "revoke", recipient.uuid, "--reason", "Nhầm", db=filled),
        "không có quyền nhập, sửa, xóa quyết định khen thưởng",
    )
    revoked = as_user("clerk", "revoke", recipient.uuid, "--reason", "Khen nhầm người", db=filled)
    assert revoked.returncode == 0, revoked.stderr
    after = as_user("lead", "verify", code, db=filled)
    assert after.returncode == 1 and "ĐÃ BỊ THU HỒI" in after.stdout


def test_reports_by_role(filled, tmp_path):
    out, xlsx = tmp_path / "bc.pdf", tmp_path / "bc.xlsx"
    args = ("report", "--period", "2024-03", "--rule", "calendar", "--out", str(out))
    for who in ("officer", "clerk"):
        _refused(as_user(who, *args, "--unit", "061", db=filled), "không có quyền in báo cáo")
    _refused(as_user("lead", *args, "--unit", "058", db=filled), "chỉ làm việc với")
    assert not out.exists()
    done = as_user("lead", *args, "--unit", "061", "--xlsx", str(xlsx), db=filled)
    assert done.returncode == 0, done.stderr
    assert "1 buổi, 120 lượt người tham gia" in done.stdout  # not the session in 058
    assert out.exists() and xlsx.exists()
    assert [(who, table) for who, table, _ in _audit(filled, "print")] == [
        ("lead", "report"),
        ("lead", "report"),
    ]


def test_packages_by_role(filled, tmp_path):
    package = tmp_path / "xa.mdpkg"
    _refused(
        as_user("officer", "package", "export", "--unit", "061", "--out", str(package), db=filled),
        "không có quyền với Huyện Ba Bể",
    )
    exported = as_user(
        "officer", "package", "export", "--unit", "01888", "--out", str(package), db=filled
    )
    assert exported.returncode == 0, exported.stderr
    for who in ("officer", "clerk"):
        for extra in ((), ("--dry-run",)):
            _refused(
                as_user(who, "package", "import", str(package), *extra, db=filled),
                "không có quyền nhập gói dữ liệu",
            )
    _refused(
        as_user("clerk", "package", "resolve", "1", "--keep", "local", db=filled),
        "không có quyền nhập gói dữ liệu",
    )
    imported = as_user("lead", "package", "import", str(package), db=filled)
    assert imported.returncode == 0, imported.stderr
    # Its own data, back: the commune's session (Ba Bể's decision naming a commune recipient is
    # the district's record and travels in the district's package, not the commune's).
    assert "0 mới, 0 cập nhật, 1 không đổi" in imported.stdout

    whole = tmp_path / "tinh.mdpkg"
    assert as_user("boss", "package", "export", "--unit", "06", "--out", str(whole), db=filled)
    refused = as_user("lead", "package", "import", str(whole), db=filled)
    _refused(refused, "Phường Nguyễn Thị Minh Khai (01834)")
    assert "không bị thay đổi" in refused.stderr
    entries = _audit(filled, "package")
    assert [who for who, _, _ in entries] == ["officer", "lead", "boss"]
    assert entries[1][1] == "package_received" and "xa.mdpkg" in entries[1][2]
    # The backup before the import: here the backup taken when the export closed already held
    # that state, so none was needed (tests/services/test_package_rights.py sees a new one).
