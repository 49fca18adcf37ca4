"""The rating's form: in which capacity the recognition decision was signed."""

from __future__ import annotations

from pathlib import Path

from movement_desk.db.models import SafetyRating
from movement_desk.gui.context import AppContext
from movement_desk.gui.views.ratings_view import RatingDialog, RatingsView
from movement_desk.services.certificates import recognition
from movement_desk.services.records import ratings
from tests.services.test_ratings import GOOD_RATINGS, areas, write  # noqa: F401


def test_the_form_shows_the_usual_capacity_and_takes_the_vice_chairman(
    qtbot,
    areas,  # noqa: F811
    actor,
    tmp_path,
):
    ratings.import_ratings(write(tmp_path, "r.csv", GOOD_RATINGS), actor)
    page = RatingsView(AppContext(Path(tmp_path / "x.sqlite3"), actor))
    qtbot.addWidget(page)
    rating = SafetyRating.get(SafetyRating.decision_number == "12/QĐ-UBND")
    dialog = RatingDialog(actor, ratings.rating_to_raw(rating), rating.uuid, parent=page)
    qtbot.addWidget(dialog)
    # What prints today, shown as the decision form offers it.
    assert dialog.rating_signer_prefix.currentText() == "TM."
    assert dialog.rating_signer_title.toPlainText() == "CHỦ TỊCH"
    dialog.rating_signer_prefix.setCurrentIndex(dialog.rating_signer_prefix.findData("KT."))
    dialog.rating_signer_title.setPlainText("CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    dialog.edits["signer_name"].setText("Hoàng Văn Thụ")
    dialog.save()
    assert dialog.errors_label.text() == ""
    rating = SafetyRating.get_by_id(rating.id)
    assert (rating.signer_prefix, rating.signer_title) == ("KT.", "CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    assert recognition.certificate_data(rating, "").signer_title_lines == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]
    again = RatingDialog(actor, ratings.rating_to_raw(rating), rating.uuid, parent=page)
    qtbot.addWidget(again)
    assert again.rating_signer_prefix.currentData() == "KT."
    assert again.rating_signer_title.toPlainText() == "CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    # A prefix without a title is refused under the form, naming the field.
    again.rating_signer_title.setPlainText("")
    again.save()
    assert "Chức vụ người ký" in again.errors_label.text()


def test_a_new_recognition_starts_with_the_bodys_usual_capacity(qtbot, areas, actor):  # noqa: F811
    dialog = RatingDialog(actor, {"year": 2024})
    qtbot.addWidget(dialog)
    assert (
        dialog.rating_signer_prefix.currentData(),
        dialog.rating_signer_title.toPlainText(),
    ) == (
        "",
        "",
    )
    dialog.edits["recognised_by"].setText("UBND xã Chợ Rã")
    assert dialog.rating_signer_prefix.currentData() == "TM."
    assert dialog.rating_signer_title.toPlainText() == "CHỦ TỊCH"
    dialog.edits["recognised_by"].setText("Công an huyện Ba Bể")
    assert dialog.rating_signer_title.toPlainText() == "CÔNG AN HUYỆN BA BỂ"
    # Chosen by the user: no longer replaced when the body is typed again.
    dialog.rating_signer_prefix.setCurrentIndex(dialog.rating_signer_prefix.findData("Q."))
    dialog.rating_signer_title.setPlainText("TRƯỞNG CÔNG AN HUYỆN")
    dialog.edits["recognised_by"].setText("Công an huyện Pác Nặm")
    assert dialog.rating_signer_title.toPlainText() == "TRƯỞNG CÔNG AN HUYỆN"
