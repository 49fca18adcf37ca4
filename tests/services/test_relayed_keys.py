"""Keys relayed inside a district's package and keys trusted by hand (services/core/signing
.vouch_key, trust_key): a relayed key later trusted by hand becomes this office's own
enrolment, a relayed key never replaces one this office enrolled, and a known key is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.connection import close_database
from movement_desk.db.packages import SigningKey
from movement_desk.services.core import signing
from movement_desk.services.core.actor import LOCAL_ACTOR
from tests.packages_helpers import COMMUNE_A, DISTRICT, PROVINCE, Site


@pytest.fixture
def offices(tmp_path: Path, template_db: Path):
    """The public key files of a commune and of its district, and the province's database."""
    close_database()
    files = {}
    for name, unit in (("xa", COMMUNE_A), ("huyen", DISTRICT)):
        site = Site(tmp_path / f"{name}.sqlite3", unit, template_db, enrol=False)
        files[name] = tmp_path / f"{name}.mdkey"
        with site:
            signing.export_public_key(files[name], LOCAL_ACTOR)
    province = Site(tmp_path / "province.sqlite3", PROVINCE, template_db, enrol=False)
    yield files, province
    close_database()


def test_a_relayed_key_trusted_by_hand_becomes_an_enrolled_key(offices):
    files, province = offices
    with province:
        district = signing.trust_key(files["huyen"], DISTRICT, LOCAL_ACTOR)
        commune = signing.read_public_key_file(files["xa"])
        relayed = signing.vouch_key(commune.key_id, commune.public_raw, COMMUNE_A, district)
        assert relayed.vouched_by == district.key_id
        trusted = signing.trust_key(files["xa"], COMMUNE_A, LOCAL_ACTOR)
        assert (trusted.key_id, trusted.unit_code, trusted.vouched_by) == (
            commune.key_id,
            COMMUNE_A,
            None,
        )
        [row] = SigningKey.select().where(SigningKey.key_id == commune.key_id)
        assert (row.vouched_by, row.added_by) == (None, LOCAL_ACTOR.username)
        assert (
            AuditEntry.select()
            .where(AuditEntry.summary.startswith(f"Tin cậy khóa {trusted.fingerprint}"))
            .count()
            == 1
        )
        # Relayed again later (the next package of the district): the enrolment stands.
        again = signing.vouch_key(commune.key_id, commune.public_raw, COMMUNE_A, district)
        assert (again.key_id, again.vouched_by) == (commune.key_id, None)


def test_a_relayed_key_never_replaces_the_key_this_office_enrolled(offices):
    files, province = offices
    with province:
        district = signing.trust_key(files["huyen"], DISTRICT, LOCAL_ACTOR)
        signing.trust_key(files["xa"], COMMUNE_A, LOCAL_ACTOR)
        stranger = signing.raw_public(Ed25519PrivateKey.generate().public_key())
        stranger_id = signing.key_id_of(stranger)
        assert signing.vouch_key(stranger_id, stranger, COMMUNE_A, district) is None
        assert SigningKey.get_or_none(SigningKey.key_id == stranger_id) is None
        assert signing.find_key(stranger_id) is None
