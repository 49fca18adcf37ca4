"""Vietnamese text rules: NFC, accent-free keys, alphabetical order, numbers and dates."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from movement_desk import vietnamese


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Chợ Đồn", "cho don"),
        ("BẢO VỆ  An ninh", "bao ve an ninh"),
        ("Đức Xuân", "duc xuan"),
        (unicodedata.normalize("NFD", "Nguyễn Thị Minh Khai"), "nguyen thi minh khai"),
        ("", ""),
    ],
)
def test_fold_removes_case_diacritics_and_d_stroke(text, folded):
    assert vietnamese.fold(text) == folded


def test_nfc_composes_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "Phùng Chí Kiên")
    assert decomposed != "Phùng Chí Kiên"
    assert vietnamese.nfc(decomposed) == "Phùng Chí Kiên"


def test_sort_follows_the_vietnamese_alphabet_not_code_points():
    words = ["Đức", "Dương", "Ân", "Ăn", "An", "Bình", "Ơn", "Ông", "Ốc", "Uyên", "Ưng", "Ý"]
    ordered = sorted(words, key=vietnamese.sort_key)
    assert ordered == [
        "An",
        "Ăn",
        "Ân",
        "Bình",
        "Dương",
        "Đức",
        "Ốc",
        "Ông",
        "Ơn",
        "Uyên",
        "Ưng",
        "Ý",
    ]
    # Code-point order would put every accented capital after Z.
    assert sorted(words) != ordered


def test_tones_order_after_letters():
    # Same letters: no tone, huyền, hỏi, ngã, sắc, nặng.
    assert sorted(["mạ", "má", "mã", "mả", "mà", "ma"], key=vietnamese.sort_key) == [
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
    ]
    # Letters decide before tones: "mà" < "mai" even though "à" sorts after "a".
    assert vietnamese.sort_key("mà") < vietnamese.sort_key("mai")


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        # punctuation and symbols, from U+00FF upward too, sort below every letter
        ("–", "a"),
        ("“", "a"),
        ("”", "a"),
        ("…", "a"),
        ("€", "a"),
        ("😀", "a"),
        ("“Z”", "An"),
        ("– Đội", "An"),
        ("Tổ 9", "Tổ A"),
        ("An – Bình", "An Bình"),  # space, then the dash, both below the letter "B"
        # among themselves, in code order
        (" ", "–"),
        ("–", "“"),
        ("“", "”"),
        ("”", "…"),
        # foreign letters after every Vietnamese letter, in code order among themselves
        ("z", "ß"),
        ("z", "ñ"),
        ("z", "ÿ"),
        ("y", "ÿ"),
        ("ỹ", "ÿ"),
        ("nz", "ñ"),
        ("Nguyễn", "Ñu"),
        ("ß", "ñ"),
        ("ñ", "ÿ"),
        ("ÿ", "Ω"),
        # a Vietnamese vowel's tilde is still the ngã tone
        ("ã", "b"),
    ],
)
def test_punctuation_sorts_below_letters_and_foreign_letters_after_them(lower, higher):
    assert vietnamese.sort_key(lower) < vietnamese.sort_key(higher)
    assert vietnamese.sort_key(higher) > vietnamese.sort_key(lower)


def test_symbols_and_foreign_letters_no_longer_weigh_as_a():
    for text in ("–", "“", "”", "ÿ", "ñ", "ß", "…"):
        assert (
            vietnamese.sort_key(text).split("\x01")[0] != vietnamese.sort_key("a").split("\x01")[0]
        ), text
    assert sorted(["ÿ", "a", "–", "ñ", "z", "“", "ß", "b"], key=vietnamese.sort_key) == [
        "–",
        "“",
        "a",
        "b",
        "z",
        "ß",
        "ñ",
        "ÿ",
    ]


def test_sort_keys_are_text_sqlite_can_store_and_compare(tmp_path):
    import sqlite3

    words = ["😀", "– Đội", "Ña", "ÿ", "An", "An Bình", "ß", "Ω", "tổ 1", "“Z”"]
    connection = sqlite3.connect(tmp_path / "k.sqlite3")
    connection.execute("CREATE TABLE t (word TEXT, key TEXT)")
    connection.executemany(
        "INSERT INTO t VALUES (?, ?)", [(w, vietnamese.sort_key(w)) for w in words]
    )
    stored = [row[0] for row in connection.execute("SELECT word FROM t ORDER BY key")]
    connection.close()
    assert stored == sorted(words, key=vietnamese.sort_key)


def test_person_names_sort_by_given_name_first():
    names = ["Trần Thị Bình", "Nguyễn Văn An", "Lê Văn Ánh", "Hoàng Đức"]
    assert sorted(names, key=vietnamese.person_sort_key) == [
        "Nguyễn Văn An",
        "Lê Văn Ánh",
        "Trần Thị Bình",
        "Hoàng Đức",
    ]


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (55875, 0, "55.875"),
        (939, 0, "939"),
        (1234567, 0, "1.234.567"),
        (12.5, 1, "12,5"),
        (0, 0, "0"),
    ],
)
def test_numbers_use_dot_for_thousands_and_comma_for_decimals(value, decimals, text):
    assert vietnamese.format_number(value, decimals) == text


def test_percent():
    assert vietnamese.format_percent(0.125) == "12,5%"
    assert vietnamese.format_percent(None) == "–"


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (date(2023, 7, 5), "ngày 05 tháng 7 năm 2023"),
        (date(2024, 1, 15), "ngày 15 tháng 01 năm 2024"),
        (date(2024, 2, 9), "ngày 09 tháng 02 năm 2024"),
        (date(2024, 3, 1), "ngày 01 tháng 3 năm 2024"),
        (date(2024, 12, 31), "ngày 31 tháng 12 năm 2024"),
    ],
)
def test_official_date_line_pads_days_and_only_months_one_and_two(day, line):
    assert vietnamese.official_date_line(day) == line
    assert vietnamese.official_date_line(day, "Bắc Kạn") == f"Bắc Kạn, {line}"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("05/03/2024", date(2024, 3, 5)),
        ("5/3/2024", date(2024, 3, 5)),
        ("2024-03-05", date(2024, 3, 5)),
        ("2024-03-05 00:00:00", date(2024, 3, 5)),
    ],
)
def test_dates_read_in_both_forms(text, day):
    assert vietnamese.parse_date(text) == day
    assert vietnamese.format_date(day) == "05/03/2024"


@pytest.mark.parametrize("text", ["31/02/2024", "2024-13-01", "hôm qua", "", "05/03/24"])
def test_bad_dates_are_refused(text):
    with pytest.raises(vietnamese.DateFormatError):
        vietnamese.parse_date(text)


@pytest.mark.parametrize(
    ("text", "number"), [("1.234", 1234), ("1234", 1234), ("1 234", 1234), (7.0, 7), ("0", 0)]
)
def test_counts_accept_thousands_separators(text, number):
    assert vietnamese.parse_count(text) == number


@pytest.mark.parametrize("text", ["1,5", "12.5", "abc", 2.5, "1.23"])
def test_bad_counts_are_refused(text):
    with pytest.raises(vietnamese.NumberFormatError):
        vietnamese.parse_count(text)
