"""Tables that stay with one database and never travel in a package: user accounts, the
append-only audit trail and period locks.

The audit table refuses UPDATE and DELETE by trigger (see the migration step), so nothing in
the program can edit or remove an entry.
"""

from __future__ import annotations

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from movement_desk.db.models import AdministrativeUnit, BaseModel, new_uuid, utcnow


class UserAccount(BaseModel):
    """Someone who may sign in: a role, a unit and a salted slow hash of the password."""

    username = CharField()
    username_key = CharField(unique=True)
    display_name = CharField(default="")
    role = CharField()
    unit = ForeignKeyField(AdministrativeUnit, on_delete="RESTRICT")
    password_hash = CharField()
    failed_attempts = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    last_login_at = DateTimeField(null=True)
    last_failed_at = DateTimeField(null=True)
    password_changed_at = DateTimeField(null=True)
    disabled_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)
    created_by = CharField(default="")
    updated_at = DateTimeField(default=utcnow)
    updated_by = CharField(default="")

    class Meta:
        table_name = "user_account"

    @property
    def is_disabled(self) -> bool:
        return self.disabled_at is not None


class AuditEntry(BaseModel):
    """One thing someone did: who, when, what, and the old and new values (JSON)."""

    at = DateTimeField(default=utcnow)
    username = CharField(default="")
    action = CharField()
    table_name = CharField(default="")
    record_uuid = CharField(default="")
    record_label = CharField(default="")
    unit_id = IntegerField(null=True)
    summary = TextField(default="")
    changes = TextField(default="")

    class Meta:
        table_name = "audit_entry"


class PeriodLock(BaseModel):
    """A supervisor's lock: records of a unit (and below) dated in the period cannot change."""

    uuid = CharField(unique=True, default=new_uuid)
    unit = ForeignKeyField(AdministrativeUnit, on_delete="RESTRICT")
    starts_on = DateField()
    ends_on = DateField()
    period_code = CharField(default="")
    note = TextField(default="")
    locked_at = DateTimeField(default=utcnow)
    locked_by = CharField(default="")
    unlocked_at = DateTimeField(null=True)
    unlocked_by = CharField(null=True)
    unlock_reason = TextField(default="")

    class Meta:
        table_name = "period_lock"
