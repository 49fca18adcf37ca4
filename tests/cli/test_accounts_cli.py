"""The command line as a user runs it (subprocesses): the first administrator, signing in,
each role's allowed and refused commands, period locks, the audit trail, backups and restore,
a damaged or locked file at start, and two programs writing to one file at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests import server_backend
from tests.conftest import REPO_ROOT, run_cli

ADMIN_PASSWORD = "Quan-tri-2024!"
PASSWORDS = {
    "boss": ADMIN_PASSWORD,
    "lead": "Lanh-dao-061",
    "clerk": "Van-thu-061",
    "officer": "Can-bo-01888",
}
SESSIONS_CSV = (
    "date,unit_code,kind,organizer_kind,title,participants\n"
    "05/03/2024,01888,launch,police,Phát động ở Chợ Rã,120\n"
    "20/03/2024,01888,propaganda,police,Tuyên truyền phòng chống ma túy,80\n"
)


def as_user(name: str, *args: str, db: Path, env: dict | None = None, **kw):
    return run_cli(
        *args,
        "--user",
        name,
        db=db,
        env={"MOVEMENT_DESK_PASSWORD": PASSWORDS.get(name, ""), **(env or {})},
        **kw,
    )


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr + result.stdout


@pytest.fixture
def office(tmp_path: Path, template_db: Path, monkeypatch) -> Path:
    """A database with an administrator (province) and, in district 061, a supervisor and a
    clerk, and an officer of commune 01888; built in-process, used by subprocesses."""
    from movement_desk.db.connection import close_database
    from movement_desk.services.admin import accounts, passwords
    from movement_desk.services.admin.bootstrap import prepare_database

    monkeypatch.setattr(passwords, "COST", passwords.Cost(n=2**10, r=8, p=1))
    path = server_backend.database_copy(tmp_path / "office.sqlite3", template_db)
    prepare_database(path)
    accounts.create_first_admin("boss", ADMIN_PASSWORD, "06")
    admin = accounts.authenticate("boss", ADMIN_PASSWORD)
    for name, role, unit in (
        ("lead", "supervisor", "061"),
        ("clerk", "clerk", "061"),
        ("officer", "officer", "01888"),
    ):
        accounts.create_user(name, PASSWORDS[name], role, unit, admin)
    close_database()
    (tmp_path / "buoi.csv").write_text(SESSIONS_CSV, encoding="utf-8")
    return path


def test_a_database_without_accounts_accepts_only_the_first_administrator(tmp_path):
    db = tmp_path / "new.sqlite3"
    data = tmp_path / "buoi.csv"
    data.write_text(SESSIONS_CSV, encoding="utf-8")
    refused = run_cli("import", "sessions", str(data), db=db)
    assert refused.returncode == 1
    assert "chưa có tài khoản nào" in refused.stderr and "user add" in refused.stderr
    officer_first = run_cli(
        "user",
        "add",
        "canbo",
        "--role",
        "officer",
        "--unit",
        "01888",
        db=db,
        env={"MOVEMENT_DESK_NEW_PASSWORD": "Mat-khau-dai-1"},
    )
    assert officer_first.returncode == 1 and "quản trị viên" in officer_first.stderr
    created = run_cli(
        "user",
        "add",
        "quantri",
        "--role",
        "administrator",
        "--unit",
        "06",
        db=db,
        env={"MOVEMENT_DESK_NEW_PASSWORD": "Mat-khau-dai-1"},
    )
    assert created.returncode == 0, created.stderr
    assert "quản trị viên đầu tiên" in created.stdout
    no_user = run_cli("import", "sessions", str(data), db=db)
    assert no_user.returncode == 1 and "--user" in no_user.stderr
    done = run_cli(
        "import",
        "sessions",
        str(data),
        "--user",
        "quantri",
        db=db,
        env={"MOVEMENT_DESK_PASSWORD": "Mat-khau-dai-1"},
    )
    assert done.returncode == 0, done.stderr
    assert "2 mới" in done.stdout


def test_the_password_can_come_from_the_prompt(office):
    result = run_cli("user", "list", "--user", "boss", db=office, input_text=ADMIN_PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    assert "4 tài khoản" in result.stdout
    assert ADMIN_PASSWORD not in result.stdout + result.stderr


def test_wrong_password_and_slow_down(office):
    for _ in range(2):
        wrong = run_cli(
            "user", "list", "--user", "boss", db=office, env={"MOVEMENT_DESK_PASSWORD": "nope-nope"}
        )
        assert wrong.returncode == 1 and "Sai tên đăng nhập hoặc mật khẩu" in wrong.stderr
    third = run_cli(
        "user", "list", "--user", "boss", db=office, env={"MOVEMENT_DESK_PASSWORD": "nope-nope"}
    )
    assert "thử lại sau 30 giây" in third.stderr
    right_but_waiting = as_user("boss", "user", "list", db=office)
    assert right_but_waiting.returncode == 1 and "thử lại sau" in right_but_waiting.stderr
    assert_no_traceback(right_but_waiting)


def test_each_role_through_the_command_line(office, tmp_path):
    data = tmp_path / "buoi.csv"
    refused = as_user("clerk", "import", "sessions", str(data), db=office)
    assert refused.returncode == 1 and "không có quyền nhập, sửa, xóa buổi" in refused.stderr
    imported = as_user("officer", "import", "sessions", str(data), db=office)
    assert imported.returncode == 0, imported.stderr
    not_admin = as_user(
        "officer",
        "user",
        "add",
        "newbie",
        "--role",
        "officer",
        "--unit",
        "01888",
        db=office,
        env={"MOVEMENT_DESK_NEW_PASSWORD": "Mat-khau-moi-9"},
    )
    assert not_admin.returncode == 1 and "quản lý tài khoản" in not_admin.stderr
    added = as_user(
        "boss",
        "user",
        "add",
        "newbie",
        "--role",
        "officer",
        "--unit",
        "01888",
        db=office,
        env={"MOVEMENT_DESK_NEW_PASSWORD": "Mat-khau-moi-9"},
    )
    assert added.returncode == 0, added.stderr
    export = tmp_path / "out.csv"
    out_of_scope = as_user("officer", "export", "sessions", str(export), "--unit", "058", db=office)
    assert out_of_scope.returncode == 1 and "không có quyền với" in out_of_scope.stderr
    exported = as_user("lead", "export", "sessions", str(export), db=office)
    assert exported.returncode == 0 and "2 buổi" in exported.stdout
    no_audit = as_user("officer", "audit", db=office)
    assert no_audit.returncode == 1 and "nhật ký" in no_audit.stderr
    trail = as_user("lead", "audit", "--by", "officer", db=office)
    assert trail.returncode == 0
    assert "Phát động ở Chợ Rã" in trail.stdout and "nhập tệp" in trail.stdout
    disabled = as_user("boss", "user", "disable", "officer", db=office)
    assert disabled.returncode == 0
    locked_out = as_user("officer", "export", "sessions", str(export), db=office)
    # a disabled account hears what a wrong password hears: the refusal confirms nothing
    assert locked_out.returncode == 1 and "Sai tên đăng nhập hoặc mật khẩu" in locked_out.stderr


def test_period_lock_and_unlock_through_the_command_line(office, tmp_path):
    data = tmp_path / "buoi.csv"
    refused = as_user(
        "officer", "period", "lock", "--unit", "061", "--period", "2024-03", db=office
    )
    assert refused.returncode == 1
    locked = as_user("lead", "period", "lock", "--unit", "061", "--period", "2024-03", db=office)
    assert locked.returncode == 0 and "15/02/2024–14/03/2024" in locked.stdout
    blocked = as_user("officer", "import", "sessions", str(data), db=office)
    assert blocked.returncode == 1 and "đã được lead khóa" in blocked.stderr
    assert "05/03/2024" in blocked.stderr
    listed = as_user("lead", "period", "list", db=office)
    assert "1 kỳ đang khóa" in listed.stdout
    unlocked = as_user(
        "lead",
        "period",
        "unlock",
        "--unit",
        "061",
        "--period",
        "2024-03",
        "--reason",
        "Xã bổ sung số liệu",
        db=office,
    )
    assert unlocked.returncode == 0, unlocked.stderr
    assert as_user("officer", "import", "sessions", str(data), db=office).returncode == 0
    trail = as_user("boss", "audit", "--action", "period_unlock", db=office)
    assert "Xã bổ sung số liệu" in trail.stdout


def test_change_own_password_and_reset_another(office):
    changed = as_user(
        "clerk",
        "user",
        "passwd",
        "clerk",
        db=office,
        env={"MOVEMENT_DESK_NEW_PASSWORD": "Van-thu-moi-2"},
    )
    assert changed.returncode == 0 and "Đã đổi mật khẩu" in changed.stdout
    assert as_user("clerk", "user", "list", db=office).returncode == 1  # old one gone
    reset = as_user(
        "boss",
        "user",
        "passwd",
        "clerk",
        db=office,
        env={"MOVEMENT_DESK_NEW_PASSWORD": "Van-thu-moi-3"},
    )
    assert reset.returncode == 0 and "đặt lại" in reset.stdout
    not_allowed = as_user(
        "lead",
        "user",
        "passwd",
        "clerk",
        db=office,
        env={"MOVEMENT_DESK_NEW_PASSWORD": "Van-thu-moi-4"},
    )
    assert not_allowed.returncode == 1


def test_passwords_never_appear_in_the_files_output_or_log(office, tmp_path):
    data_home = tmp_path / "xdg"
    env = {"XDG_DATA_HOME": str(data_home)}
    outputs = []
    # the server's backup is a pg_dump file of one's choosing (it has no backup folder)
    backup = ("--to", str(tmp_path / "sao-luu.pgdump")) if server_backend.on_server() else ()
    for args in (
        ("user", "list"),
        ("import", "sessions", str(tmp_path / "buoi.csv")),
        ("backup", *backup),
    ):
        result = as_user("boss", *args, db=office, env=env)
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout + result.stderr)
    outputs.append(
        run_cli(
            "user",
            "list",
            "--user",
            "boss",
            db=office,
            env={**env, "MOVEMENT_DESK_PASSWORD": "Sai-hoan-toan-1"},
        ).stderr
    )
    audit_csv = tmp_path / "audit.csv"
    assert as_user("boss", "audit", "--export", str(audit_csv), db=office, env=env).returncode == 0
    files = [p for p in tmp_path.rglob("*") if p.is_file()] + list(data_home.rglob("*"))
    blob = b"".join(p.read_bytes() for p in files if p.is_file())
    for secret in (*PASSWORDS.values(), "Sai-hoan-toan-1"):
        assert secret.encode() not in blob
        assert all(secret not in text for text in outputs)
    assert audit_csv.exists() and b"login_failed" not in audit_csv.read_bytes()
    assert "đăng nhập sai".encode() in audit_csv.read_bytes()


def test_backup_and_restore_through_the_command_line(office, tmp_path):
    data = tmp_path / "buoi.csv"
    copy = tmp_path / "ban-sao.sqlite3"
    saved = as_user("boss", "backup", "--to", str(copy), db=office)
    assert saved.returncode == 0 and str(copy) in saved.stdout
    assert as_user("officer", "import", "sessions", str(data), db=office).returncode == 0
    listing = as_user("boss", "backup", "--list", db=office)
    # The state before the import is kept (the daily backup already held it, so the import
    # took none of its own); the state after it is copied on closing only by a command run
    # when the newest backup is more than a day old (issue #18: one copy a day).
    kept = [Path(line.split()[-1]) for line in listing.stdout.splitlines()[:-1]]
    counts = set()
    for path in kept:
        connection = sqlite3.connect(path)
        counts.add(connection.execute("SELECT count(*) FROM activity_session").fetchone()[0])
        connection.close()
    assert counts == {0}
    refused = as_user("officer", "restore", str(copy), db=office)
    assert refused.returncode == 1 and "khôi phục" in refused.stderr
    restored = as_user("boss", "restore", str(copy), db=office)
    assert restored.returncode == 0, restored.stderr
    assert "đã được sao lưu tại" in restored.stdout
    connection = sqlite3.connect(office)
    assert connection.execute("SELECT count(*) FROM activity_session").fetchone()[0] == 0
    connection.close()
    check = as_user("boss", "check", db=office)
    assert check.returncode == 0 and "Cơ sở dữ liệu tốt" in check.stdout


def _damage(path: Path, where: str) -> None:
    data = bytearray(path.read_bytes())
    if where == "header":
        data[0:100] = b"\x00garbage" * 12 + b"\x00" * 4
    else:  # every page after the first few: the schema reads, the data does not
        for start in range(4096 * 3, len(data), 4096):
            data[start : start + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("where", ["header", "pages"])
def test_a_damaged_file_at_start_names_the_newest_good_backup(office, tmp_path, where):
    data = tmp_path / "buoi.csv"
    assert as_user("officer", "import", "sessions", str(data), db=office).returncode == 0
    saved = as_user("boss", "backup", db=office)
    assert saved.returncode == 0
    newest = saved.stdout.strip().removeprefix("Đã sao lưu vào ").rstrip(".")
    for suffix in ("-wal", "-shm"):
        Path(str(office) + suffix).unlink(missing_ok=True)
    _damage(office, where)

    result = as_user("lead", "export", "sessions", str(tmp_path / "x.csv"), db=office)
    assert result.returncode == 1
    assert_no_traceback(result)
    assert "hỏng" in result.stderr
    assert f"Bản sao lưu tốt gần nhất: {newest}" in result.stderr
    assert "movement-desk restore" in result.stderr

    restored = run_cli("restore", newest, db=office)
    assert restored.returncode == 0, restored.stderr
    assert "giữ lại" in restored.stdout
    assert list(office.parent.glob("office.sqlite3.hong-*"))
    exported = as_user("lead", "export", "sessions", str(tmp_path / "x.csv"), db=office)
    assert exported.returncode == 0 and "2 buổi" in exported.stdout


def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("Đây là một tệp văn bản, không phải cơ sở dữ liệu.\n" * 50, encoding="utf-8")
    result = run_cli("user", "list", db=path)
    assert result.returncode == 1
    assert_no_traceback(result)
    assert "không phải cơ sở dữ liệu" in result.stderr
    assert "Không tìm thấy bản sao lưu tốt nào" in result.stderr


HOLD_LOCK = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA locking_mode = EXCLUSIVE")
connection.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(30)
"""


def test_a_file_locked_by_another_program_is_told_plainly(office):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(office)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        result = as_user(
            "boss", "user", "list", db=office, env={"MOVEMENT_DESK_BUSY_TIMEOUT_MS": "500"}
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert_no_traceback(result)
    assert "khóa" in result.stderr and "chương trình khác" in result.stderr


WRITER = """
import sys
from movement_desk.services.admin.bootstrap import prepare_database
from movement_desk.services.admin import accounts
from movement_desk.services.records import sessions
from movement_desk.db.connection import close_database

prepare_database(sys.argv[1])
actor = accounts.authenticate("officer", sys.argv[3])
for number in range(int(sys.argv[4])):
    sessions.create_session(
        {"date": "05/06/2024", "unit_code": "01888", "kind": "propaganda",
         "organizer_kind": "police", "title": f"{sys.argv[2]} buổi {number}",
         "participants": str(number)},
        actor,
    )
close_database()
print("done", flush=True)
"""


def test_two_programs_writing_at_once_lose_nothing(office):
    count = 120
    env = {**__import__("os").environ, "PYTHONPATH": str(REPO_ROOT)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(office), name, PASSWORDS["officer"], str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO_ROOT,
        )
        for name in ("A", "B")
    ]
    results = [w.communicate(timeout=300) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], [r[1] for r in results]
    connection = server_backend.connect(office)
    try:
        if not connection.server:  # the server keeps its pages whole itself
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        titles = [r[0] for r in connection.execute("SELECT title FROM activity_session")]
        audited = connection.execute(
            "SELECT count(*) FROM audit_entry WHERE action = 'create' "
            "AND table_name = 'activity_session'"
        ).fetchone()[0]
    finally:
        connection.close()
    assert len(titles) == 2 * count
    assert {f"{w} buổi {n}" for w in "AB" for n in range(count)} == set(titles)
    assert audited == 2 * count
    check = as_user("boss", "check", db=office)
    good = "Máy chủ ổn" if server_backend.on_server() else "Cơ sở dữ liệu tốt"
    assert check.returncode == 0 and good in check.stdout


def test_demo_database_has_one_account_per_role(tmp_path):
    db = tmp_path / "demo.sqlite3"
    made = run_cli("demo", "--scale", "small", db=db)
    assert made.returncode == 0, made.stderr
    assert "quantri, lanhdao, vanthu, canbo" in made.stdout and "demo12345" in made.stdout
    demo_env = {"MOVEMENT_DESK_PASSWORD": "demo12345"}
    counts = {}
    for user in ("lanhdao", "canbo"):
        out = tmp_path / f"{user}.csv"
        result = run_cli("export", "sessions", str(out), "--user", user, db=db, env=demo_env)
        assert result.returncode == 0, result.stderr
        counts[user] = int(result.stdout.split()[2].replace(".", ""))
    # The small demo is district 061 (Ba Bể), before and after the 2025 merger.
    assert counts["lanhdao"] == counts["canbo"] == 240
    again = run_cli("demo", "--scale", "small", db=db)
    assert again.returncode == 1 and "--user" in again.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("user", "add", "moi", "--role", "administrator", "--unit", "06"),
        ("user", "passwd", "clerk"),
    ],
)
def test_an_account_without_the_right_is_refused_before_any_new_password_is_asked(office, command):
    """An officer who tries to create or reset an account is told so at once: the prompt for
    the new password never appears, and nothing is written."""
    refused = as_user("officer", *command, db=office, input_text="")
    assert refused.returncode == 1
    assert "không có quyền quản lý tài khoản" in refused.stderr
    assert "Mật khẩu" not in refused.stdout + refused.stderr
    listed = as_user("boss", "user", "list", db=office)
    assert "moi " not in listed.stdout
