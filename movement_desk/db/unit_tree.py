"""The stored unit tree's shape, for the database check: loops of parents and orphans.

Plain SQL on the open connection (no services): ``backup.check_database`` calls it with
the sqlite3 connection of a file, or with the server database (peewee's ``execute_sql``).
"""

from __future__ import annotations

import sqlite3

from peewee import Database


def stored_tree_problems(connection: sqlite3.Connection | Database) -> list[str]:
    """Loops of parents and orphans (parent missing or deleted, lower unit without parent)."""
    execute = getattr(connection, "execute_sql", None) or connection.execute
    units = {
        row[0]: row[1:]
        for row in execute(
            "SELECT id, code, parent_id, kind, deleted_at FROM admin_unit"
        ).fetchall()
    }
    problems = []
    in_loop: set[int] = set()
    for start in units:
        seen = [start]
        current = units[start][1]
        while current is not None and current in units:
            if current in seen:
                loop = seen[seen.index(current) :]
                if not in_loop.intersection(loop):
                    in_loop.update(loop)
                    codes = " → ".join(units[i][0] for i in [*loop, current])
                    problems.append(
                        f"Vòng lặp cấp trên giữa các đơn vị {codes}: báo cáo bỏ sót các đơn vị "
                        "này; hãy sửa mã cấp trên (nhập lại danh sách đơn vị đúng)."
                    )
                break
            seen.append(current)
            current = units[current][1]
    for code, parent_id, kind, deleted_at in units.values():
        if deleted_at is not None:
            continue
        if parent_id is not None and parent_id not in units:
            problems.append(f"Đơn vị {code} trỏ tới đơn vị cấp trên không còn tồn tại.")
        elif parent_id is not None and units[parent_id][3] is not None:
            problems.append(
                f"Đơn vị {code} còn dùng nhưng đơn vị cấp trên {units[parent_id][0]} đã bị xóa."
            )
        elif parent_id is None and kind != "tinh":
            problems.append(f"Đơn vị {code} không có đơn vị cấp trên (mồ côi).")
    return problems
