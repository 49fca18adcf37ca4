"""Tables of offline consolidation: what each record last exchanged, conflicts, package registers.

These are local bookkeeping of one database; they never travel in a package themselves (the
register of received packages travels only as the ``relayed`` list of a manifest).
"""

from __future__ import annotations

from peewee import BooleanField, CharField, CompositeKey, DateTimeField, IntegerField, TextField

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
    # The package's signed manifest and signature as received (relayed up unchanged) and the
    # SHA-256 of the manifest: the same package id with another digest is a replay.
    manifest_blob = TextField(default="")
    signature_blob = TextField(default="")
    content_digest = TextField(default="")

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


class SigningKey(BaseModel):
    """A public key: one of this installation's own (``own``) or one trusted for a unit."""

    key_id = CharField(unique=True)
    public_key = TextField()  # base64 of the 32 raw bytes of the Ed25519 public key
    unit_code = CharField(default="")
    own = BooleanField(default=False)
    installation_id = CharField(default="")
    label = CharField(default="")
    vouched_by = CharField(null=True)  # key id of the office that relayed it (not enrolled)
    added_at = DateTimeField(default=utcnow)
    added_by = CharField(default="")
    revoked_at = DateTimeField(null=True)
    revoked_by = CharField(null=True)
    revoked_reason = TextField(default="")

    class Meta:
        table_name = "signing_key"


PACKAGE_TABLES = [SyncState, SyncConflict, PackageReceived, PackageExported, SyncAlias, SigningKey]
