"""The command-line attacks of issue #10, run in-process: a district administrator's unit
files, backups and restores by right, parallel sign-ins, disabled accounts, and rights errors
in imports named by row and column."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from movement_desk import cli
from movement_desk.db.connection import close_database
from movement_desk.services.admin.bootstrap import prepare_database
from tests import server_backend

PASSWORD = "Mat-khau-2024!"


@pytest.fixture
def province(tmp_path: Path, template_db: Path, fast_hashing) -> Path:
    """The province's database: administrator ``boss`` (06), district administrator ``dist``
    (061 Ba Bể), officer ``canbo`` (061); a session in 061 and one in 060 (Pác Nặm)."""
    from movement_desk.services.admin import accounts
    from movement_desk.services.core.actor import LOCAL_ACTOR
    from movement_desk.services.records import sessions

    path = server_backend.database_copy(tmp_path / "province.sqlite3", template_db)
    prepare_database(path)
    accounts.create_first_admin("boss", PASSWORD, "06")
    boss = accounts.authenticate("boss", PASSWORD)
    accounts.create_user("dist", PASSWORD, "administrator", "061", boss)
    accounts.create_user("canbo", PASSWORD, "officer", "061", boss)
    base = {
        "date": "05/03/2024",
        "kind": "launch",
        "organizer_kind": "police",
        "participants": "50",
    }
    sessions.create_session({**base, "unit_code": "01888", "title": "Ở Chợ Rã"}, LOCAL_ACTOR)
    sessions.create_session({**base, "unit_code": "01858", "title": "Ở Bằng Thành"}, LOCAL_ACTOR)
    close_database()
    return path


def run(capsys, monkeypatch, db: Path, user: str | None, *args: str) -> tuple[int, str]:
    monkeypatch.setenv("MOVEMENT_DESK_PASSWORD", PASSWORD)
    argv = [*args, "--db", str(db)]
    if user:
        argv += ["--user", user]
    code = cli.main(argv)
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out + out.err


def units_of(db: Path) -> dict[str, tuple]:
    with server_backend.connect(db) as connection:
        rows = connection.execute(
            "SELECT u.code, u.name, p.code FROM admin_unit u LEFT JOIN admin_unit p "
            "ON p.id = u.parent_id"
        ).fetchall()
    return {code: (name, parent) for code, name, parent in rows}


def audit_of(db: Path, action: str) -> list[tuple]:
    with server_backend.connect(db) as connection:
        return connection.execute(
            "SELECT username, summary, changes FROM audit_entry WHERE action = ? ORDER BY id",
            (action,),
        ).fetchall()


def test_a_district_administrator_cannot_put_the_province_under_his_district(
    province, tmp_path, capsys, monkeypatch
):
    before = units_of(province)
    takeover = tmp_path / "takeover.csv"
    takeover.write_text("code,name,kind,parent_code\n061,Ba Bể,huyện,\n06,Bắc Kạn,tỉnh,061\n")
    code, text = run(capsys, monkeypatch, province, "dist", "units", "import", str(takeover))
    assert code == 1
    assert "Dòng 2, cột “Mã đơn vị cấp trên”" in text  # 061 would leave 06 for the root
    assert "Dòng 3, cột “Mã đơn vị”" in text  # 06 lies outside Ba Bể
    assert units_of(province) == before
    # so he cannot then reset the province administrator's password either
    monkeypatch.setenv("MOVEMENT_DESK_NEW_PASSWORD", "Mat-khau-moi-1")
    code, text = run(capsys, monkeypatch, province, "dist", "user", "passwd", "boss")
    assert code == 1 and "không có quyền" in text


def test_a_district_administrator_cannot_take_a_commune_of_another_district(
    province, tmp_path, capsys, monkeypatch
):
    before = units_of(province)
    move = tmp_path / "move.csv"
    move.write_text("code,name,kind,parent_code\n01858,Bằng Thành,xã,061\n")
    code, text = run(capsys, monkeypatch, province, "dist", "units", "import", str(move))
    assert code == 1
    assert "Dòng 2, cột “Mã đơn vị”" in text and "Bằng Thành" in text
    assert units_of(province) == before
    # nor add a unit under another district, nor a new province
    for row in ("09999,Xã mới,xã,060", "99,Tỉnh mới,tỉnh,"):
        extra = tmp_path / "extra.csv"
        extra.write_text(f"code,name,kind,parent_code\n{row}\n")
        code, text = run(capsys, monkeypatch, province, "dist", "units", "import", str(extra))
        assert code == 1 and "Dòng 2, cột “Mã đơn vị cấp trên”" in text
    assert units_of(province) == before


def test_inside_his_district_the_change_is_made_and_audited_old_to_new(
    province, tmp_path, capsys, monkeypatch
):
    rename = tmp_path / "rename.csv"
    rename.write_text(
        "code,name,kind,parent_code\n06,Bắc Kạn,tỉnh,\n01888,Chợ Rã mới,thị trấn,061\n"
        "09998,Xã Mới,xã,061\n"
    )
    code, text = run(capsys, monkeypatch, province, "dist", "units", "import", str(rename))
    assert code == 0, text
    units = units_of(province)
    assert units["01888"] == ("Chợ Rã mới", "061") and units["09998"] == ("Xã Mới", "061")
    import json

    username, summary, changes = audit_of(province, "import")[-1]
    assert username == "dist" and "1 mới, 1 cập nhật" in summary
    changes = json.loads(changes)
    assert changes["01888"] == [{"name": "Chợ Rã"}, {"name": "Chợ Rã mới"}]
    assert changes["09998"][0] is None and changes["09998"][1]["parent"] == "061"


def test_the_province_administrator_may_change_the_province_level(
    province, tmp_path, capsys, monkeypatch
):
    rename = tmp_path / "rename.csv"
    rename.write_text("code,name,kind,parent_code\n06,Tỉnh Bắc Kạn,tỉnh,\n")
    code, text = run(capsys, monkeypatch, province, "boss", "units", "import", str(rename))
    assert code == 0, text
    assert units_of(province)["06"] == ("Tỉnh Bắc Kạn", None)


def test_backup_to_a_file_only_for_an_administrator_of_every_record(
    province, tmp_path, capsys, monkeypatch
):
    for user in ("canbo", "dist"):
        out = tmp_path / f"{user}.sqlite3"
        code, text = run(capsys, monkeypatch, province, user, "backup", "--to", str(out))
        assert code == 1 and "không có quyền sao lưu ra tệp" in text, text
        assert not out.exists()
        # the automatic backup beside the database stays open to everyone; the server has
        # none (its backup is always a pg_dump file of one's choosing)
        code, text = run(capsys, monkeypatch, province, user, "backup")
        if server_backend.on_server():
            assert code == 1 and "không có quyền sao lưu ra tệp" in text, text
        else:
            assert code == 0, text
    out = tmp_path / "boss.sqlite3"
    code, text = run(capsys, monkeypatch, province, "boss", "backup", "--to", str(out))
    assert code == 0 and out.exists(), text


def test_on_a_district_database_its_administrator_may_back_up_and_restore(
    province, tmp_path, capsys, monkeypatch
):
    # a district office's database: only Ba Bể's records and accounts
    with server_backend.connect(province) as connection:
        ba_be = connection.execute("SELECT id FROM admin_unit WHERE code='061'").fetchone()[0]
        pac_nam = connection.execute(
            "SELECT id FROM admin_unit WHERE code IN ('060', '01858')"
        ).fetchall()
        connection.execute(
            "DELETE FROM activity_session WHERE unit_id IN (?, ?)", [i for (i,) in pac_nam]
        )
        connection.execute("UPDATE user_account SET unit_id = ?", (ba_be,))
    out = tmp_path / "district.sqlite3"
    code, text = run(capsys, monkeypatch, province, "dist", "backup", "--to", str(out))
    assert code == 0, text
    code, text = run(capsys, monkeypatch, province, "dist", "restore", str(out))
    assert code == 0, text


def test_restore_only_for_an_administrator_of_every_record(province, tmp_path, capsys, monkeypatch):
    good = tmp_path / "good.sqlite3"
    assert run(capsys, monkeypatch, province, "boss", "backup", "--to", str(good))[0] == 0
    for user in ("canbo", "dist"):
        code, text = run(capsys, monkeypatch, province, user, "restore", str(good))
        assert code == 1 and "không có quyền" in text, text
    code, text = run(capsys, monkeypatch, province, "boss", "restore", str(good))
    assert code == 0, text


def test_restore_refuses_a_file_with_no_administrator(province, tmp_path, capsys, monkeypatch):
    empty = tmp_path / "no-admin.sqlite3"
    shutil.copy(province, empty)
    with sqlite3.connect(empty) as connection:
        connection.execute("DROP TRIGGER IF EXISTS no_delete_user_account")
        connection.execute(
            "UPDATE user_account SET disabled_at = '2024-01-01' WHERE role = 'administrator'"
        )
    before = units_of(province)
    code, text = run(capsys, monkeypatch, province, "boss", "restore", str(empty))
    assert code == 1 and "không có tài khoản quản trị" in text, text
    assert units_of(province) == before
    with server_backend.connect(province) as connection:
        assert (
            connection.execute(
                "SELECT COUNT(*) FROM user_account WHERE disabled_at IS NULL AND role='administrator'"
            ).fetchone()[0]
            == 2
        )


def test_parallel_wrong_sign_ins_are_all_counted(province, monkeypatch):
    from movement_desk.db.account_tables import UserAccount
    from movement_desk.services.admin import accounts, passwords

    prepare_database(province)
    checks = []
    real = passwords.verify_password

    def counting(password, stored):
        checks.append(password)
        return real(password, stored)

    monkeypatch.setattr(passwords, "verify_password", counting)
    outcomes = []
    start = threading.Barrier(8)

    def attempt():
        start.wait()
        try:
            accounts.authenticate("canbo", "sai-mat-khau")
        except accounts.AuthenticationError as exc:
            outcomes.append(type(exc).__name__)

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    account = UserAccount.get(UserAccount.username == "canbo")
    assert len(outcomes) == 8
    # each password checked was counted first; none checked while the account waited
    assert account.failed_attempts == len(checks) == accounts.FREE_ATTEMPTS
    assert account.locked_until is not None
    with server_backend.connect(province) as connection:
        failed = connection.execute(
            "SELECT COUNT(*) FROM audit_entry WHERE action='login_failed' AND username='canbo'"
        ).fetchone()[0]
    assert failed == 8
    close_database()


def test_a_disabled_account_hears_what_a_wrong_password_hears(province):
    from movement_desk.services.admin import accounts

    prepare_database(province)
    boss = accounts.authenticate("boss", PASSWORD)
    accounts.disable_user("canbo", boss)
    messages = []
    for password in (PASSWORD, "sai-mat-khau"):
        with pytest.raises(accounts.AuthenticationError) as refused:
            accounts.authenticate("canbo", password)
        messages.append(str(refused.value))
    with pytest.raises(accounts.AuthenticationError) as unknown:
        accounts.authenticate("khong-co", PASSWORD)
    assert messages[0] == messages[1] == str(unknown.value)
    assert "vô hiệu" not in messages[0]
    close_database()


def test_an_import_row_outside_the_scope_is_named_by_row_and_column(
    province, tmp_path, capsys, monkeypatch
):
    data = tmp_path / "sessions.csv"
    data.write_text(
        "date,unit_code,kind,organizer_kind,title,participants\n"
        "06/03/2024,01888,launch,police,Ở Chợ Rã lần hai,10\n"
        "07/03/2024,01858,launch,police,Ở Bằng Thành lần hai,10\n"
    )
    code, text = run(capsys, monkeypatch, province, "canbo", "import", "sessions", str(data))
    assert code == 1
    assert "Dòng 3, cột “Mã đơn vị”" in text and "ngoài phạm vi" in text
    with server_backend.connect(province) as connection:
        assert connection.execute("SELECT COUNT(*) FROM activity_session").fetchone()[0] == 2
