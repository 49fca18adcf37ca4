"""``movement-desk import``: the notices about copied rows, printed up to the limit and then
counted, never flooding the terminal."""

from __future__ import annotations

from movement_desk.cli.common import MAX_ERRORS_PRINTED
from tests.conftest import admin_cli

HEADER = "date,unit_code,kind,organizer_kind,organizer_name,title,participants,tips,notes"
ROW = "05/03/2024,01834,launch,police,Công an phường Nguyễn Thị Minh Khai,Phát động năm 2024,120,2,"


def test_rows_copied_many_times_are_imported_once_and_the_notices_are_capped(
    database, db_path, tmp_path
):
    from movement_desk.db.models import ActivitySession

    copies = MAX_ERRORS_PRINTED + 2  # the first row, then one more copy than is printed
    file = tmp_path / "buoi.csv"
    file.write_text("\n".join([HEADER, *[ROW] * copies]) + "\n", encoding="utf-8")
    result = admin_cli("import", "sessions", str(file), db=db_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    notices = [line for line in lines if line.startswith("  - ")]
    assert len(notices) == MAX_ERRORS_PRINTED
    # Data rows start at line 2 of the file: each copy names itself and the first.
    assert notices[0] == "  - Dòng 3 giống hệt dòng 2 ở mọi cột: chỉ nhập một."
    assert (
        notices[-1]
        == f"  - Dòng {MAX_ERRORS_PRINTED + 2} giống hệt dòng 2 ở mọi cột: chỉ nhập một."
    )
    assert lines[-1] == "  … và 1 lưu ý nữa."
    assert ActivitySession.select().where(ActivitySession.deleted_at.is_null()).count() == 1
