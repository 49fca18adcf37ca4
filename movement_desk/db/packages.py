"""Tables of offline consolidation: what each record last exchanged, conflicts, package registers.

These are local bookkeeping of one database; they never travel in a package themselves (the
register of received packages travels only as the ``relayed`` list of a manifest).
"""

from __future__ import annotations

from peewee import CharField, CompositeKey, DateTimeField, IntegerField, TextField

from movement_desk.db.models import BaseModel, utcnow


class SyncState(BaseModel):
    """Content hash and version vector of the version of a record last exchanged with a peer."""

    kind = CharField()
    uuid = CharField()
    content_hash = CharField()
    vector = TextField()  # JSON {installation id: counter}
    received_at = DateTimeField(default=utcnow)
    package_id = CharField(null=True)

    class Meta:
        table_name = "sync_state"
        primary_key = CompositeKey("kind", "uuid")
        without_rowid = True


class SyncConflict(BaseModel):
    """A record changed on both sides since they last met, waiting for the user to pick one."""

    kind = CharField()
    uuid = CharField()  # the local record
    incoming_uuid = CharField()  # the same record in the package (differs for a matched decision)
    package_id = CharField()
    source_unit_code = CharField(default="")
    detected_at = DateTimeField(default=utcnow)
    local_version = TextField()  # JSON: the local content when the conflict was found
    incoming_version = TextField()  # JSON: the package's line (content and stamps)
    incoming_vector = TextField()
    incoming_hash = CharField()
    resolved_at = DateTimeField(null=True)
    resolved_by = CharField(null=True)
    resolution = CharField(null=True)  # local | incoming | superseded

    class Meta:
        table_name = "sync_conflict"


class PackageReceived(BaseModel):
    """One package imported here (or, with ``via_package_id``, relayed inside another one)."""

    package_id = CharField()
    via_package_id = CharField(null=True)
    unit_code = CharField()
    unit_name = CharField(default="")
    mode = CharField()  # all | period | since_last
    period_code = CharField(default="")
    covers_from = CharField(null=True)  # ISO date, None = from the beginning
    covers_to = CharField()  # ISO date
    created_at = DateTimeField()
    source_installation = CharField(default="")
    received_at = DateTimeField(default=utcnow)
    received_by = CharField(default="")
    file_name = CharField(default="")
    record_count = IntegerField(default=0)
    counts = TextField(default="{}")
    times_received = IntegerField(default=1)

    class Meta:
        table_name = "package_received"


class PackageExported(BaseModel):
    """One package written here: the watermark of ``--since-last``."""

    package_id = CharField(unique=True)
    unit_code = CharField()
    mode = CharField()
    period_code = CharField(default="")
    since = DateTimeField(null=True)
    started_at = DateTimeField()
    exported_by = CharField(default="")
    file_name = CharField(default="")
    record_count = IntegerField(default=0)
    counts = TextField(default="{}")

    class Meta:
        table_name = "package_exported"


class SyncAlias(BaseModel):
    """An incoming uuid that stands for a local record of another uuid (matched by its key)."""

    kind = CharField()
    incoming_uuid = CharField()
    local_uuid = CharField()

    class Meta:
        table_name = "sync_alias"
        primary_key = CompositeKey("kind", "incoming_uuid")
        without_rowid = True


PACKAGE_TABLES = [SyncState, SyncConflict, PackageReceived, PackageExported, SyncAlias]
