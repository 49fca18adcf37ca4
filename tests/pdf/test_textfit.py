"""Fitting a certificate's texts into their boxes (pdf/textfit.py): nothing ever leaves the box,
a word longer than the line is cut, what cannot fit even at the smallest size ends in "…"."""

from __future__ import annotations

import pytest

from movement_desk.pdf.textfit import TextItem, fit_item, unit_width, wrap

FONT = "Helvetica"  # ReportLab's built-in font: the test needs no font file


def width_of(line: str, size: float) -> float:
    return unit_width(line, FONT) * size


def test_blank_text_takes_no_room():
    fitted = fit_item(TextItem("  \n ", FONT, 12), 100, 50)
    assert fitted.lines == () and fitted.height == 0.0


def test_a_word_wider_than_the_line_is_cut_between_characters():
    item = TextItem("Tổ an ninh NguyễnVănAnhNguyễnVănAnhNguyễnVănAnh cuối", FONT, 12)
    lines = wrap(item, 12, 80)
    assert lines[0] == "Tổ an ninh"
    assert all(width_of(line, 12) <= 80 for line in lines)
    assert "".join(lines[1:-1]) + lines[-1].split()[0] == "NguyễnVănAnh" * 3
    assert lines[-1].endswith("cuối")


def test_paragraphs_start_new_lines():
    assert wrap(TextItem("Dòng một\nDòng hai", FONT, 10), 10, 500) == ["Dòng một", "Dòng hai"]


def test_a_title_shrinks_to_stay_on_one_line():
    item = TextItem("GIẤY KHEN CỦA GIÁM ĐỐC", FONT, 20)
    natural = width_of(item.text, 20)
    fitted = fit_item(item, natural * 0.9, 100)
    assert len(fitted.lines) == 1 and fitted.size < 20
    assert width_of(fitted.lines[0], fitted.size) <= natural * 0.9


def test_text_too_long_for_the_box_is_cut_with_an_ellipsis():
    item = TextItem("thành tích xuất sắc " * 60, FONT, 12, min_size=6)
    fitted = fit_item(item, 120, 30)
    assert fitted.size == pytest.approx(6)
    assert fitted.height <= 30 and fitted.lines[-1].endswith("…")
    assert all(width_of(line, fitted.size) <= 120 for line in fitted.lines)


def test_a_box_lower_than_one_line_holds_nothing():
    fitted = fit_item(TextItem("Nguyễn Văn An", FONT, 12, min_size=6), 200, 3)
    assert fitted.lines == ()


def test_a_cut_last_line_makes_room_for_its_ellipsis():
    item = TextItem("Đ" * 400, FONT, 12, min_size=6)
    fitted = fit_item(item, 100, 20)
    assert fitted.lines[-1].endswith("…") and len(fitted.lines) == 2
    assert all(width_of(line, fitted.size) <= 100 for line in fitted.lines)
