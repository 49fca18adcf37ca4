"""The code of a recognition certificate ("Giấy công nhận") checked against this database's
register: the short code, an altered one, a first-version code, a serial it does not hold
(services/certificates/recognition.verify)."""

from __future__ import annotations

import pytest

from movement_desk.db.models import RecognitionCertificate
from movement_desk.services.certificates import printing as certificates
from movement_desk.services.certificates import recognition
from movement_desk.services.core.errors import NotFoundError
from movement_desk.services.records import ratings
from tests.services.test_ratings import GOOD_RATINGS, RATINGS_HEADER, areas, write  # noqa: F401

SIGNED = (
    RATINGS_HEADER + "2024,residential_area,0188802,,15/02/2024,85,dat,,UBND xã Chợ Rã,"
    "12/QĐ-UBND,20/11/2024,Hoàng Văn Thụ\n"
)


@pytest.fixture
def printed(areas, actor, tmp_path):  # noqa: F811
    """Decision 12/QĐ-UBND's two recognition certificates printed: (rating, serial, code)."""
    ratings.import_ratings(write(tmp_path, "r.csv", GOOD_RATINGS), actor)
    ratings.import_ratings(write(tmp_path, "r2.csv", SIGNED), actor)
    assert recognition.print_to_file("12/QĐ-UBND", tmp_path / "cn.pdf", actor).printed == 2
    row = RecognitionCertificate.select().order_by(RecognitionCertificate.serial).first()
    data = recognition.certificate_data(row.rating, row.serial)
    return row.rating, row.serial, data.verification_code


def test_the_printed_code_and_its_short_form_are_recognised(printed):
    rating, serial, code = printed
    assert recognition.verify(code).ok
    head = code.split("|")[0]
    short = head.rsplit(":", 1)[0]
    checked = recognition.verify(short)
    assert checked.ok and serial in checked.message()


def test_a_short_code_with_another_digest_is_not_genuine(printed):
    _rating, serial, code = printed
    prefix, _serial, key_id, digest = code.split("|")[0].split(":")[:4]
    forged = f"{prefix}:{serial}:{key_id}:{'A' * len(digest)}"
    checked = recognition.verify(forged)
    assert not checked.ok
    assert checked.message() == (
        f"KHÔNG HỢP LỆ: mã {serial} không khớp với sổ cấp giấy công nhận của máy này. "
        "Giấy công nhận có thể bị giả mạo hoặc mã bị sửa."
    )


def test_a_code_with_another_name_is_not_genuine(printed):
    rating, _serial, code = printed
    name = ratings.subject_name(rating)
    checked = recognition.verify(code.replace(name, "Thôn Giả Mạo"))
    assert not checked.ok and "KHÔNG HỢP LỆ" in checked.message()
    assert not recognition.verify(code, name="Thôn Giả Mạo").ok


def test_first_version_codes_of_the_register(printed):
    rating, serial, _code = printed
    old = certificates.verification_code(serial, rating.uuid)
    assert recognition.verify(old).ok
    prefix, _serial, given = old.split(":")
    altered = recognition.verify(f"{prefix}:{serial}:{'A' * len(given)}")
    assert not altered.ok
    assert altered.message().startswith(f"KHÔNG HỢP LỆ: chữ ký của mã {serial} không khớp.")


def test_serials_not_in_the_register_are_left_to_the_commendation_check(printed):
    rating, serial, code = printed
    other = "CN2024-999999"
    assert recognition.verify(code.replace(serial, other)) is None
    assert recognition.verify(certificates.verification_code(other, rating.uuid)) is None
    assert recognition.verify("xin chào") is None


def test_one_decision_number_of_two_bodies_needs_the_authority(printed, actor, tmp_path):
    other_body = (
        RATINGS_HEADER + "2024,residential_area,0188804,,15/02/2024,40,dat,,UBND huyện Ba Bể,"
        "12/QĐ-UBND,20/11/2024,Ma Văn Khánh\n"
    )
    ratings.import_ratings(write(tmp_path, "r3.csv", other_body), actor)
    with pytest.raises(NotFoundError) as caught:
        recognition.find_ratings("12/qđ-ubnd")
    assert str(caught.value) == (
        "Số quyết định “12/qđ-ubnd” có ở nhiều cơ quan (UBND huyện Ba Bể; UBND xã Chợ Rã); "
        "hãy ghi --authority."
    )
    found = recognition.find_ratings("12/QĐ-UBND", authority="ubnd huyen ba be")
    assert [r.unit.code for r in found] == ["0188804"]
