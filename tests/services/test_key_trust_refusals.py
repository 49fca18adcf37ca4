"""Trusting and revoking another office's key: what is refused, and why, in words
(services/core/signing.trust_key, revoke_key)."""

from __future__ import annotations

from pathlib import Path

import pytest

from movement_desk.db.connection import close_database
from movement_desk.services.core import signing
from movement_desk.services.core.actor import LOCAL_ACTOR
from movement_desk.services.core.errors import NotFoundError, ServiceError
from tests.packages_helpers import COMMUNE_A, COMMUNE_B, PROVINCE, Site


@pytest.fixture
def offices(tmp_path: Path, template_db: Path):
    """A commune's public key file, and the province's database (open inside ``with``)."""
    close_database()
    commune = Site(tmp_path / "a.sqlite3", COMMUNE_A, template_db, enrol=False)
    province = Site(tmp_path / "province.sqlite3", PROVINCE, template_db, enrol=False)
    key_file = tmp_path / "xa.mdkey"
    with commune:
        signing.export_public_key(key_file, LOCAL_ACTOR)
    yield key_file, province
    close_database()


def test_a_key_trusted_again_for_its_unit_is_the_same_key(offices):
    key_file, province = offices
    with province:
        first = signing.trust_key(key_file, COMMUNE_A, LOCAL_ACTOR)
        again = signing.trust_key(key_file, COMMUNE_A, LOCAL_ACTOR)
        assert again.key_id == first.key_id and again.unit_code == COMMUNE_A
        assert len([k for k in signing.list_keys() if k.key_id == first.key_id]) == 1


def test_a_key_trusted_for_one_unit_is_refused_for_another(offices):
    key_file, province = offices
    with province:
        key = signing.trust_key(key_file, COMMUNE_A, LOCAL_ACTOR)
        with pytest.raises(signing.KeyFileError) as caught:
            signing.trust_key(key_file, COMMUNE_B, LOCAL_ACTOR)
        assert str(caught.value) == (
            f"Khóa {signing.fingerprint(key.key_id)} đã được tin cậy cho đơn vị {COMMUNE_A}; "
            "hãy thu hồi trước nếu muốn gắn với đơn vị khác."
        )


def test_a_revoked_key_is_never_trusted_again(offices):
    key_file, province = offices
    with province:
        key = signing.trust_key(key_file, COMMUNE_A, LOCAL_ACTOR)
        signing.revoke_key(key.fingerprint, "Máy của xã bị mất", LOCAL_ACTOR)
        with pytest.raises(signing.KeyFileError, match="đã bị thu hồi ngày .*không tin cậy lại"):
            signing.trust_key(key_file, COMMUNE_A, LOCAL_ACTOR)
        with pytest.raises(ServiceError, match="đã bị thu hồi trước đó"):
            signing.revoke_key(key.key_id, "lần nữa", LOCAL_ACTOR)


def test_this_offices_own_key_needs_no_trust(offices, tmp_path):
    _key_file, province = offices
    own_file = tmp_path / "tinh.mdkey"
    with province:
        signing.export_public_key(own_file, LOCAL_ACTOR)
        with pytest.raises(signing.KeyFileError, match="khóa của chính máy này"):
            signing.trust_key(own_file, PROVINCE, LOCAL_ACTOR)


def test_revoking_needs_a_known_key_and_a_reason(offices):
    key_file, province = offices
    with province:
        key = signing.trust_key(key_file, COMMUNE_A, LOCAL_ACTOR)
        with pytest.raises(NotFoundError, match="Không có khóa AAAA-BBBB"):
            signing.revoke_key("AAAA-BBBB", "mất máy", LOCAL_ACTOR)
        with pytest.raises(ServiceError, match="Hãy ghi lý do thu hồi khóa"):
            signing.revoke_key(key.key_id, "  \n ", LOCAL_ACTOR)
        with pytest.raises(ServiceError, match="dài quá 1.000 ký tự"):
            signing.revoke_key(key.key_id, "x" * 1001, LOCAL_ACTOR)
        assert not signing.find_key(key.key_id).revoked
