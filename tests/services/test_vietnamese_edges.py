"""Reading and writing numbers and dates the Vietnamese way, at their edges (vietnamese.py)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from movement_desk import vietnamese


def test_nothing_prints_as_nothing_or_zero():
    assert vietnamese.nfc(None) == ""
    assert vietnamese.format_number(None) == "0"
    assert vietnamese.format_percent(None) == "–"
    assert vietnamese.format_percent(0.125) == "12,5%"


def test_a_datetime_cell_is_read_as_its_day():
    assert vietnamese.parse_date(datetime(2024, 3, 5, 14, 30)) == date(2024, 3, 5)


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (True, "“True” không phải số"),
        (12.5, "“12,50” không phải số nguyên"),
        ("1" * 21, "có 21 chữ số, quá lớn"),
        ("mười hai nghìn tỷ tỷ tỷ", "không phải số nguyên"),
    ],
)
def test_what_is_not_a_whole_number_is_said_in_words(value, said):
    with pytest.raises(vietnamese.NumberFormatError, match=said):
        vietnamese.parse_count(value)


def test_whole_numbers_in_every_form_a_cell_holds():
    assert vietnamese.parse_count(12.0) == 12
    assert vietnamese.parse_count("1.234") == 1234
    assert vietnamese.parse_count("1 234") == 1234


def test_a_text_of_thousands_of_different_characters_keys_as_its_characters_do():
    """Each character's folded form and weights are remembered on first sight, up to a bound:
    a text of more distinct characters than that (a hostile file) keys the same as its
    characters one by one, and the memory stays bounded."""
    letters = [chr(code) for code in range(0x4E00, 0x4E00 + vietnamese._TABLE_LIMIT + 500)]
    text = "Đồn " + "".join(letters) + " Chợ"
    primary = vietnamese.sort_key(text).split("\x01")[0]
    assert primary == "".join(vietnamese._char_weights(ch)[0] for ch in text)
    assert vietnamese.fold(text) == "don " + "".join(letters) + " cho"
    assert len(vietnamese._FOLDED) <= vietnamese._TABLE_LIMIT
    assert len(vietnamese._PRIMARY_WEIGHTS) <= vietnamese._TABLE_LIMIT
