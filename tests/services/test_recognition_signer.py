"""The capacity a recognition decision was signed in ("TM." / "KT." and the signer's title):
entered with the rating's recognition (form, ratings file, package), printed on the
"Giấy công nhận" under the committee's line; blank keeps the block printed before."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from movement_desk.db.models import SafetyRating
from movement_desk.services.certificates import recognition
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.records import ratings, units
from tests.services.test_ratings import GOOD_RATINGS, RATINGS_HEADER, areas, write  # noqa: F401

# Pác Ngòi, recognised by the same decision as Nà Làng (GOOD_RATINGS), with its signer.
PAC_NGOI = (
    "2024,residential_area,0188802,,15/02/2024,85,dat,,UBND xã Chợ Rã,12/QĐ-UBND,20/11/2024,"
    "Hoàng Văn Thụ"
)


def _blocks(pdf: bytes | Path) -> list[list[tuple[str, float]]]:
    """Each page's signature block, as printed: the lines (text, font size) from the date
    line down to the signer's name, read back from the PDF."""
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    pages = []
    for page in reader.pages:
        lines: list[tuple[str, float, float, float]] = []

        def seen(text, cm, tm, font, size, lines=lines):
            if text.strip():
                lines.append((text.strip(), round(size * tm[0], 1), tm[4], tm[5]))

        page.extract_text(visitor_text=seen)
        date_line = next(line for line in lines if ", ngày " in line[0] and "Số:" not in line[0])
        right = [line for line in lines if line[2] > page.mediabox.width / 2 - 50]
        block = sorted(
            (line for line in right if line[3] <= date_line[3] and not line[0].startswith("MD")),
            key=lambda line: -line[3],
        )
        pages.append([(text, size) for text, size, _x, _y in block])
    return pages


def _import(tmp_path, text: str, actor, name: str = "r.csv"):
    return ratings.import_ratings(write(tmp_path, name, text), actor)


def test_the_recognition_certificate_prints_chairman_or_vice_chairman_as_entered(
    areas,  # noqa: F811
    actor,
    tmp_path,
):
    _import(tmp_path, GOOD_RATINGS, actor)
    _import(tmp_path, RATINGS_HEADER + PAC_NGOI + "\n", actor, "r2.csv")
    # Nobody said in which capacity: the block printed until now, chairman for the committee.
    recognition.print_to_file("12/QĐ-UBND", tmp_path / "tm.pdf", actor)
    usual = [
        ("Chợ Rã, ngày 20 tháng 11 năm 2024", 14.0),
        ("TM. ỦY BAN NHÂN DÂN", 14.0),
        ("CHỦ TỊCH", 14.0),
        ("Hoàng Văn Thụ", 14.0),
    ]
    assert _blocks(tmp_path / "tm.pdf") == [usual, usual]
    # The vice chairman signed: entered once, on one subject of the decision, as a decision's
    # signer is ("KT." and the title, a line each; " / " in a file cell), it prints on every
    # certificate of that decision under the committee's line, at the same size.
    _import(tmp_path, RATINGS_HEADER + PAC_NGOI + ",KT.,CHỦ TỊCH / PHÓ CHỦ TỊCH\n", actor, "r3.csv")
    pac_ngoi = SafetyRating.get(SafetyRating.unit == units.get_unit("0188802").id)
    assert (pac_ngoi.signer_prefix, pac_ngoi.signer_title) == ("KT.", "CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    recognition.print_to_file("12/QĐ-UBND", tmp_path / "kt.pdf", actor)
    vice = [
        ("Chợ Rã, ngày 20 tháng 11 năm 2024", 14.0),
        ("TM. ỦY BAN NHÂN DÂN", 14.0),
        ("KT. CHỦ TỊCH", 14.0),
        ("PHÓ CHỦ TỊCH", 14.0),
        ("Hoàng Văn Thụ", 14.0),
    ]
    assert _blocks(tmp_path / "kt.pdf") == [vice, vice]
    # The agency's decision (13/QĐ-UBND) is another decision: still the chairman.
    agency = SafetyRating.get(SafetyRating.subject_kind == "agency")
    data = recognition.certificate_data(agency, "")
    assert data.signer_title_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    # Another body than a committee prints its capacity as a decision does.
    commune_line = (
        "2024,commune,01888,,10/03/2024,,Đạt,,Công an huyện Ba Bể,45/QĐ-CAH,01/12/2024,"
        "Lê Văn Nam,Q.,TRƯỞNG CÔNG AN HUYỆN\n"
    )
    _import(tmp_path, RATINGS_HEADER + commune_line, actor, "r4.csv")
    commune = SafetyRating.get(SafetyRating.subject_kind == "commune")
    data = recognition.certificate_data(commune, "")
    assert data.signer_title_lines == ["Q. TRƯỞNG CÔNG AN HUYỆN"]


def test_the_capacity_entered_as_the_usual_one_is_kept_blank_and_follows_the_body(
    areas,  # noqa: F811
    actor,
    tmp_path,
):
    """TM. + CHỦ TỊCH for a committee is what prints anyway: stored blank, so the export and
    a package stay as before and a corrected body prints its own usual block."""
    _import(tmp_path, RATINGS_HEADER + PAC_NGOI + ",TM.,chủ tịch\n", actor)
    rating = SafetyRating.get()
    assert (rating.signer_prefix, rating.signer_title) == ("", "")
    out = tmp_path / "out.csv"
    ratings.export_ratings(out, actor, year=2024)
    assert out.read_text(encoding="utf-8-sig").splitlines()[1].endswith("Hoàng Văn Thụ,,")
    # The prefix written at the head of the title, as a commendations file has it.
    _import(
        tmp_path, RATINGS_HEADER + PAC_NGOI + ',,"KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"\n', actor, "b.csv"
    )
    rating = SafetyRating.get()
    assert (rating.signer_prefix, rating.signer_title) == ("KT.", "CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    # Export and import again: unchanged.
    ratings.export_ratings(out, actor, year=2024)
    assert ratings.import_ratings(out, actor, dry_run=True).unchanged == 1


def test_a_file_without_the_columns_keeps_the_entered_capacity(areas, actor, tmp_path):  # noqa: F811
    _import(tmp_path, RATINGS_HEADER + PAC_NGOI + ",KT.,CHỦ TỊCH / PHÓ CHỦ TỊCH\n", actor)
    older = ",".join(ratings.RATING_COLUMNS[:-2]) + "\n" + PAC_NGOI + "\n"
    report = _import(tmp_path, older, actor, "older.csv")
    assert report.unchanged == 1
    rating = SafetyRating.get()
    assert (rating.signer_prefix, rating.signer_title) == ("KT.", "CHỦ TỊCH\nPHÓ CHỦ TỊCH")


@pytest.mark.parametrize(
    "cells, field, fragment",
    [
        (",XT.,PHÓ CHỦ TỊCH", "signer_prefix", "“XT.” không có trong danh sách"),
        (",KT.,", "signer_title", "hãy ghi chức vụ người ký"),
        (",TM.,KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "signer_prefix", "khác với “KT.”"),
    ],
)
def test_a_bad_capacity_is_refused_naming_the_row_and_field(
    areas,  # noqa: F811
    actor,
    tmp_path,
    cells,
    field,
    fragment,
):
    text = GOOD_RATINGS + PAC_NGOI + cells + "\n"
    with pytest.raises(ValidationError) as caught:
        _import(tmp_path, text, actor)
    assert [(e.row, e.field) for e in caught.value.errors] == [(8, field)]
    said = str(caught.value)
    assert "Dòng 8" in said and ratings.RATING_LABELS[field] in said and fragment in said
    assert SafetyRating.select().count() == 0


def test_a_capacity_without_a_recognition_is_refused(areas, actor, tmp_path):  # noqa: F811
    line = "2024,school,01888,Trường THPT Ba Bể,20/01/2024,,khong_dat,3,,,,,KT.,PHÓ CHỦ TỊCH\n"
    with pytest.raises(ValidationError) as caught:
        _import(tmp_path, RATINGS_HEADER + line, actor)
    assert [(e.row, e.field) for e in caught.value.errors] == [(2, "signer_title")]
    assert "khi có quyết định công nhận" in str(caught.value)


def test_an_old_database_prints_the_same_certificates_after_the_migration(
    areas,  # noqa: F811
    actor,
    tmp_path,
    db_path,
    backend,
):
    """A database from before the step (no capacity columns) upgrades with blank capacities:
    its certificates print exactly the same text, signature block included."""
    if backend != "sqlite":
        pytest.skip("the old schema is built with SQLite's DROP COLUMN")
    from pypdf import PdfReader

    from movement_desk.db import migrations
    from movement_desk.db.connection import close_database, db
    from movement_desk.services.admin.bootstrap import prepare_database

    step = next(
        n
        for n, m in enumerate(migrations.MIGRATIONS)
        if m.apply is migrations._step_recognition_signer_capacity
    )
    _import(tmp_path, GOOD_RATINGS, actor)
    _import(tmp_path, RATINGS_HEADER + PAC_NGOI + "\n", actor, "r2.csv")
    recognition.print_to_file("12/QĐ-UBND", tmp_path / "before.pdf", actor)
    before = [page.extract_text() for page in PdfReader(tmp_path / "before.pdf").pages]
    for column in ("signer_prefix", "signer_title"):
        db.execute_sql(f"ALTER TABLE safety_rating DROP COLUMN {column}")
    db.execute_sql(f"PRAGMA user_version = {step}")
    close_database()
    old = __import__("sqlite3").connect(db_path)
    columns = {row[1] for row in old.execute("PRAGMA table_info(safety_rating)")}
    old.close()
    assert "signer_prefix" not in columns and "signer_name" in columns

    prepare_database(db_path)  # opens and upgrades, as the program does
    assert migrations.schema_version(db) == migrations.latest_version()
    rating = SafetyRating.get(SafetyRating.unit == units.get_unit("0188802").id)
    assert (rating.signer_prefix, rating.signer_title) == ("", "")
    recognition.print_to_file("12/QĐ-UBND", tmp_path / "after.pdf", actor)
    after = [page.extract_text() for page in PdfReader(tmp_path / "after.pdf").pages]
    assert after == before
    assert [text for text, _size in _blocks(tmp_path / "after.pdf")[0]][1:3] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ]


def test_the_capacity_travels_in_a_package_and_an_older_package_still_imports(
    tmp_path, template_db
):
    from movement_desk.db.connection import close_database
    from movement_desk.services import packages
    from movement_desk.services.core.actor import LOCAL_ACTOR
    from tests.packages_helpers import COMMUNE_A, PROVINCE, Site

    close_database()
    commune = Site(tmp_path / "a.sqlite3", COMMUNE_A, template_db)
    province = Site(tmp_path / "p.sqlite3", PROVINCE, template_db)
    areas_csv = write(
        tmp_path,
        "areas.csv",
        "code,name,kind,parent_code,households\n"
        f"{COMMUNE_A}01,Nà Làng,thôn,{COMMUNE_A},50\n{COMMUNE_A}02,Pác Ngòi,bản,{COMMUNE_A},40\n",
    )
    with commune:
        units.import_units_csv(areas_csv, LOCAL_ACTOR)
        body = "UBND " + units.get_unit(COMMUNE_A).title
        base = {"year": 2024, "registered_on": "10/02/2024", "subject_kind": "residential_area",
                "result": "dat", "recognised_by": body, "decision_date": "20/11/2024",
                "signer_name": "Hoàng Văn Thụ"}  # fmt: skip
        ratings.save_rating(
            {**base, "unit_code": f"{COMMUNE_A}01", "households_registered": "50",
             "decision_number": "12/QĐ-UBND", "signer_prefix": "KT.",
             "signer_title": "CHỦ TỊCH\nPHÓ CHỦ TỊCH"}, commune.actor,
        )  # fmt: skip
        # Recognised by another decision, signed as every rating was before: a package of it
        # is what an older version wrote.
        ratings.save_rating(
            {**base, "unit_code": f"{COMMUNE_A}02", "households_registered": "40",
             "decision_number": "14/QĐ-UBND"}, commune.actor,
        )  # fmt: skip
        packages.export_package(COMMUNE_A, tmp_path / "a.mdpkg", commune.actor)
    with zipfile.ZipFile(tmp_path / "a.mdpkg") as archive:
        lines = [
            json.loads(line)["data"]
            for line in archive.read("records/safety_rating.jsonl").decode().splitlines()
        ]
    by_number = {data["decision_number"]: data for data in lines}
    assert by_number["12/QĐ-UBND"]["signer_prefix"] == "KT."
    assert by_number["12/QĐ-UBND"]["signer_title"] == "CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    assert "signer_prefix" not in by_number["14/QĐ-UBND"]
    assert "signer_title" not in by_number["14/QĐ-UBND"]
    try:
        with province:
            units.import_units_csv(areas_csv, LOCAL_ACTOR)
            report = packages.import_package(tmp_path / "a.mdpkg", province.actor)
            assert report.counts["safety_rating"].as_dict()["new"] == 2
            kt = SafetyRating.get(SafetyRating.decision_number == "12/QĐ-UBND")
            tm = SafetyRating.get(SafetyRating.decision_number == "14/QĐ-UBND")
            assert recognition.certificate_data(kt, "").signer_title_lines == [
                "TM. ỦY BAN NHÂN DÂN",
                "KT. CHỦ TỊCH",
                "PHÓ CHỦ TỊCH",
            ]
            assert recognition.certificate_data(tm, "").signer_title_lines == [
                "TM. ỦY BAN NHÂN DÂN",
                "CHỦ TỊCH",
            ]
    finally:
        close_database()
