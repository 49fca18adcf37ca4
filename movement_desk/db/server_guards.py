"""What lets a server database be rewritten or misread (issue 17): its schema version behind the
program's, a missing guard of the audit trail, a role allowed to UPDATE or DELETE it. Read by
``server_admin`` (setting up) and by ``backup``'s check of a server database."""

from __future__ import annotations

from movement_desk.db import migrations

AUDIT_TABLE = "audit_entry"


def audit_problems(database) -> list[str]:
    """What lets the audit trail be rewritten: a missing guard trigger, or a role other than
    the owner (and superusers) allowed to UPDATE or DELETE it."""
    problems = []
    triggers = {
        row[0]
        for row in database.execute_sql(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = to_regclass(%s) AND NOT tgisinternal",
            (AUDIT_TABLE,),
        ).fetchall()
    }
    for name in ("audit_entry_no_update", "audit_entry_no_delete"):
        if name not in triggers:
            problems.append(f"thiếu trigger {name}: nhật ký có thể bị sửa hoặc xóa")
    rows = database.execute_sql(
        """SELECT r.rolname,
               has_table_privilege(r.oid, %s, 'UPDATE'),
               has_table_privilege(r.oid, %s, 'DELETE')
        FROM pg_roles r
        WHERE NOT r.rolsuper AND r.rolcanlogin
          AND r.oid <> (SELECT relowner FROM pg_class WHERE oid = to_regclass(%s))
          AND has_table_privilege(r.oid, %s, 'INSERT')""",
        (AUDIT_TABLE, AUDIT_TABLE, AUDIT_TABLE, AUDIT_TABLE),
    ).fetchall()
    for role, can_update, can_delete in rows:
        if can_update or can_delete:
            problems.append(
                f"vai trò “{role}” được sửa/xóa nhật ký (cần: REVOKE UPDATE, DELETE ON "
                f"{AUDIT_TABLE} FROM {role})"
            )
    return problems


def schema_and_audit_problems(database) -> list[str]:
    problems = []
    version = migrations.schema_version(database)
    if version < migrations.latest_version():
        problems.append(
            f"lược đồ {version}/{migrations.latest_version()}: cần nâng cấp (mở bằng tài "
            "khoản chủ sở hữu cơ sở dữ liệu)"
        )
    problems += audit_problems(database)
    # Foreign keys: PostgreSQL enforces them.
    return problems
