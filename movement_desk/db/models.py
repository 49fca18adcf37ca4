"""Table classes over the schema that ``migrations`` builds.

Every record that travels between databases derives from ``Record``: a UUID that stays the
same everywhere, created/updated stamps with who acted, a revision counter and a soft-delete
mark. Choices are stored as their English key (see ``choices``).
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterator
from datetime import UTC, datetime
from enum import Enum

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from movement_desk.db.choices import (
    CommendationForm,
    ManagingLevel,
    ModelCategory,
    ModelStatus,
    OrganisationKind,
    OrganizerKind,
    PledgeOutcome,
    RatingResult,
    RatingSubject,
    RecipientKind,
    SessionKind,
    UnitKind,
)
from movement_desk.db.connection import db


def utcnow() -> datetime:
    """Current UTC time without tzinfo, as stored in every timestamp column."""
    return datetime.now(UTC).replace(tzinfo=None)


def new_uuid() -> str:
    return str(uuid_module.uuid4())


def new_uuids(count: int) -> Iterator[str]:
    """``count`` fresh random uuids (as ``new_uuid``), given in ascending order: rows inserted
    in that order go through a uuid index once, page after page, instead of all over it."""
    # Sorted as 128-bit numbers, which is the order of their fixed-width hexadecimal text.
    return (
        str(uuid_module.UUID(int=n)) for n in sorted(uuid_module.uuid4().int for _ in range(count))
    )


class EnumField(CharField):
    """Stores a ``Choice`` member as its key and gives the member back."""

    def __init__(self, enum: type[Enum], *args, **kwargs):
        self.enum = enum
        super().__init__(*args, **kwargs)

    def db_value(self, value):
        if value is None:
            return None
        return self.enum(value).value

    def python_value(self, value):
        if value is None:
            return None
        return self.enum(value)


class BaseModel(Model):
    """Base of every table: all of them live in the one proxied database."""

    class Meta:
        database = db
        legacy_table_names = False


class Record(BaseModel):
    """A record with an identity that travels between databases and a soft-delete mark."""

    uuid = CharField(unique=True, default=new_uuid)
    created_at = DateTimeField(default=utcnow)
    created_by = CharField(default="")
    updated_at = DateTimeField(default=utcnow)
    updated_by = CharField(default="")
    deleted_at = DateTimeField(null=True)
    deleted_by = CharField(null=True)
    revision = IntegerField(default=1)
    origin = CharField(default="")

    @classmethod
    def live(cls, *fields):
        """Select the records that are not marked deleted."""
        return cls.select(*fields).where(cls.deleted_at.is_null())


class AdministrativeUnit(Record):
    """A province, district or commune with its official code and years of validity."""

    code = CharField(unique=True)
    name = CharField()
    kind = EnumField(UnitKind)
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    valid_from = DateField(null=True)
    valid_to = DateField(null=True)
    search_key = CharField(default="")
    sort_key = CharField(default="")
    # Households living in a residential area (khu dân cư); 0 for other units.
    households = IntegerField(default=0)

    class Meta:
        table_name = "admin_unit"

    @property
    def title(self) -> str:
        """ "Xã Bằng Thành", "Huyện Ba Bể": the kind then the name."""
        return f"{self.kind.label.capitalize()} {self.name}"

    def existed_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class UnitSuccession(Record):
    """Predecessor unit merged into (or renamed as) successor unit on a date."""

    predecessor = ForeignKeyField(AdministrativeUnit, backref="successions", on_delete="CASCADE")
    successor = ForeignKeyField(AdministrativeUnit, backref="predecessions", on_delete="CASCADE")
    effective_on = DateField()

    class Meta:
        table_name = "unit_succession"


class ModelType(Record):
    """An entry of the catalogue of community-model types."""

    name = CharField()
    category = EnumField(ModelCategory)
    criteria = TextField(default="")
    description = TextField(default="")
    search_key = CharField(default="")
    sort_key = CharField(default="")

    class Meta:
        table_name = "model_type"


class Organizer(Record):
    """A frequently used organiser or managing body, offered for quick entry."""

    kind = EnumField(OrganizerKind)
    name = CharField()
    unit = ForeignKeyField(AdministrativeUnit, null=True, on_delete="SET NULL")
    search_key = CharField(default="")
    sort_key = CharField(default="")

    class Meta:
        table_name = "organizer"


class ActivitySession(Record):
    """One launch, propaganda or pledge session (buổi) held in a unit."""

    held_on = DateField()
    unit = ForeignKeyField(AdministrativeUnit, backref="sessions", on_delete="RESTRICT")
    organizer_kind = EnumField(OrganizerKind)
    organizer_name = CharField(default="")
    kind = EnumField(SessionKind)
    title = CharField()
    participants = IntegerField(default=0)
    tips = IntegerField(default=0)
    notes = TextField(default="")
    search_key = TextField(default="")
    sort_key = CharField(default="")

    class Meta:
        table_name = "activity_session"


class CommunityModel(Record):
    """One grassroots community model (mô hình) of a catalogue type in a unit."""

    name = CharField()
    model_type = ForeignKeyField(ModelType, backref="models", on_delete="RESTRICT")
    unit = ForeignKeyField(AdministrativeUnit, backref="community_models", on_delete="RESTRICT")
    managing_kind = EnumField(OrganizerKind)
    managing_name = CharField(default="")
    established_on = DateField()
    members = IntegerField(default=0)
    status = EnumField(ModelStatus, default=ModelStatus.ACTIVE)
    status_date = DateField(null=True)
    notes = TextField(default="")
    search_key = TextField(default="")
    sort_key = CharField(default="")

    class Meta:
        table_name = "community_model"


class Decision(Record):
    """A signed commendation decision ("Số: 125/QĐ-CAT-PV05") awarding many recipients."""

    number = CharField()
    number_key = CharField()
    decided_on = DateField()
    authority = CharField()
    authority_key = CharField()
    unit = ForeignKeyField(AdministrativeUnit, backref="decisions", on_delete="RESTRICT")
    form = EnumField(CommendationForm)
    emulation_title = CharField(default="")
    signer_prefix = CharField(default="")
    signer_title = CharField(default="")
    signer_name = CharField(default="")
    place = CharField(default="")
    achievement = TextField(default="")
    search_key = TextField(default="")

    class Meta:
        table_name = "decision"


class Commendation(Record):
    """One award of a decision to one individual, collective or household."""

    decision = ForeignKeyField(Decision, backref="commendations", on_delete="CASCADE")
    unit = ForeignKeyField(AdministrativeUnit, backref="commendations", on_delete="RESTRICT")
    position = IntegerField(default=0)
    recipient_kind = EnumField(RecipientKind)
    recipient_name = CharField()
    recipient_position = CharField(default="")
    recipient_unit = CharField(default="")
    achievement = TextField(default="")
    register_number = CharField(default="")
    print_count = IntegerField(default=0)
    first_printed_at = DateTimeField(null=True)
    last_printed_at = DateTimeField(null=True)
    search_key = TextField(default="")
    sort_key = CharField(default="")
    revoked_at = DateTimeField(null=True)
    revoked_by = CharField(null=True)
    revoked_reason = TextField(default="")

    class Meta:
        table_name = "commendation"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class Setting(BaseModel):
    """A domain setting (issuer, period rule, certificate defaults) stored as JSON text."""

    key = CharField(primary_key=True)
    value = TextField()
    updated_at = DateTimeField(default=utcnow)
    updated_by = CharField(default="")

    class Meta:
        table_name = "setting"


class Certificate(BaseModel):
    """The serial number given to a commendation's certificate the first time it is printed."""

    serial = CharField(unique=True)
    commendation = ForeignKeyField(
        Commendation, backref="certificates", unique=True, on_delete="CASCADE"
    )
    year = IntegerField()
    sequence = IntegerField()
    issued_at = DateTimeField(default=utcnow)
    issued_by = CharField(default="")

    class Meta:
        table_name = "certificate"


class CertificatePrint(BaseModel):
    """One line of the print register: a certificate printed or saved, first time or reprint."""

    certificate = ForeignKeyField(Certificate, backref="prints", on_delete="CASCADE")
    printed_at = DateTimeField(default=utcnow)
    printed_by = CharField(default="")
    reprint = BooleanField(default=False)
    paper = CharField(default="a4")
    preprinted = BooleanField(default=False)
    output = CharField(default="")
    batch = CharField(default="")

    class Meta:
        table_name = "certificate_print"


class ReportNote(BaseModel):
    """A free-text section of a report ("Tồn tại, hạn chế"), kept for its unit, period and rule."""

    unit_code = CharField()
    period_code = CharField()
    rule = CharField()
    section = CharField()
    body = TextField(default="")
    updated_at = DateTimeField(default=utcnow)
    updated_by = CharField(default="")

    class Meta:
        table_name = "report_note"
        indexes = ((("unit_code", "period_code", "rule", "section"), True),)


class Organisation(Record):
    """An agency, enterprise or school in a unit, rated under TT 124/2021/TT-BCA."""

    name = CharField()
    kind = EnumField(OrganisationKind)
    unit = ForeignKeyField(AdministrativeUnit, backref="organisations", on_delete="RESTRICT")
    managing_level = EnumField(ManagingLevel, default=ManagingLevel.COMMUNE)
    notes = TextField(default="")
    search_key = TextField(default="")
    sort_key = CharField(default="")

    class Meta:
        table_name = "organisation"


class RatingCriterion(Record):
    """One criterion of the catalogue for a subject kind, in force from a year on."""

    subject_kind = EnumField(RatingSubject)
    from_year = IntegerField()
    number = IntegerField()
    text = TextField()

    class Meta:
        table_name = "rating_criterion"


class SafetyRating(Record):
    """A year's "An toàn về an ninh, trật tự" rating of one subject: registration, result,
    recognition."""

    year = IntegerField()
    subject_kind = EnumField(RatingSubject)
    unit = ForeignKeyField(AdministrativeUnit, backref="safety_ratings", on_delete="RESTRICT")
    organisation = ForeignKeyField(Organisation, null=True, backref="ratings", on_delete="RESTRICT")
    registered_on = DateField(null=True)
    registration_ref = CharField(default="")
    households_total = IntegerField(default=0)
    households_registered = IntegerField(default=0)
    result = EnumField(RatingResult, default=RatingResult.PENDING)
    missed_criteria = CharField(default="")
    recognised_by = CharField(default="")
    decision_number = CharField(default="")
    decision_date = DateField(null=True)
    # Who signed the recognition decision: printed on its recognition certificates.
    signer_name = CharField(default="")
    # In which capacity, as a decision's signer (choices.SignerPrefix and the title lines):
    # ("KT.", "CHỦ TỊCH\nPHÓ CHỦ TỊCH"); "" for both prints the recognising body's usual block.
    signer_prefix = CharField(default="")
    signer_title = CharField(default="")
    confirmed_by = CharField(default="")
    notes = TextField(default="")

    class Meta:
        table_name = "safety_rating"


class RecognitionCertificate(BaseModel):
    """The serial given to a rating's recognition certificate the first time it is printed."""

    serial = CharField(unique=True)
    rating = ForeignKeyField(SafetyRating, backref="certificates", unique=True, on_delete="CASCADE")
    year = IntegerField()
    sequence = IntegerField()
    print_count = IntegerField(default=0)
    issued_at = DateTimeField(default=utcnow)
    issued_by = CharField(default="")
    last_printed_at = DateTimeField(null=True)

    class Meta:
        table_name = "recognition_certificate"


class Pledge(Record):
    """An emulation pledge (giao ước thi đua) signed for a year, with its targets."""

    year = IntegerField()
    title = CharField()
    unit = ForeignKeyField(AdministrativeUnit, backref="pledges", on_delete="RESTRICT")
    signed_on = DateField()
    session = ForeignKeyField(ActivitySession, null=True, backref="pledges", on_delete="SET NULL")
    targets = TextField(default="")
    notes = TextField(default="")

    class Meta:
        table_name = "pledge"


class PledgeParty(Record):
    """One party of a pledge (a unit or an organisation) and its year-end outcome."""

    pledge = ForeignKeyField(Pledge, backref="parties", on_delete="CASCADE")
    unit = ForeignKeyField(AdministrativeUnit, backref="pledge_parties", on_delete="RESTRICT")
    organisation = ForeignKeyField(
        Organisation, null=True, backref="pledge_parties", on_delete="RESTRICT"
    )
    position = IntegerField(default=0)
    outcome = EnumField(PledgeOutcome, default=PledgeOutcome.PENDING)
    outcome_notes = TextField(default="")

    class Meta:
        table_name = "pledge_party"


ALL_TABLES: list[type[BaseModel]] = [
    AdministrativeUnit,
    UnitSuccession,
    ModelType,
    Organizer,
    ActivitySession,
    CommunityModel,
    Decision,
    Commendation,
    Setting,
    Certificate,
    CertificatePrint,
    ReportNote,
    Organisation,
    RatingCriterion,
    SafetyRating,
    RecognitionCertificate,
    Pledge,
    PledgeParty,
]
