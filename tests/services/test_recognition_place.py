"""The place on a recognition certificate's date line (services/certificates/recognition.place):
a recognising body that sits at none of the subject's units prints the province the subject
belonged to on the decision's date."""

from __future__ import annotations

from movement_desk.db.models import SafetyRating
from movement_desk.services.certificates import recognition
from movement_desk.services.core import settings
from movement_desk.services.records import ratings, units
from tests.services.test_ratings import RATINGS_HEADER, areas, write  # noqa: F401

BY_THE_COMMITTEE = RATINGS_HEADER + (
    "2024,commune,01888,,10/03/2024,,Đạt,,Ban Chỉ đạo 138,46/QĐ-BCĐ,01/12/2024,Hoàng Văn Thụ\n"
)


def test_a_body_at_none_of_the_subjects_units_prints_the_subjects_province(
    areas,  # noqa: F811
    actor,
    tmp_path,
):
    settings.put("place", "Nơi Trong Cài Đặt", "test")
    ratings.import_ratings(write(tmp_path, "r.csv", BY_THE_COMMITTEE), actor)
    done = recognition.print_to_file("46/QĐ-BCĐ", tmp_path / "cn.pdf", actor)
    assert done.printed == 1
    [rating] = SafetyRating.select().where(SafetyRating.decision_number == "46/QĐ-BCĐ")
    assert rating.unit_id == units.get_unit("01888").id
    # Chợ Rã, Ba Bể, Bắc Kạn: the committee is none of them; on 01/12/2024 Chợ Rã was in
    # the province of Bắc Kạn, whose name the date line carries (not the settings' place).
    assert recognition.place(rating) == "Bắc Kạn"
    [data] = recognition.prepare([rating], actor)
    assert data.place == "Bắc Kạn"
