"""Vietnamese text rules: NFC, accent-free search keys, alphabetical order, numbers and dates.

Pure functions with no database and no Qt, used by every layer.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache

# Combining marks that carry the five tones; every other mark belongs to the letter itself
# (breve, circumflex, horn) and decides its place in the alphabet. Tones sit on vowels only: on
# a consonant the same mark is part of a foreign letter (the tilde of "ñ").
_TONE_MARKS = {
    "\u0300": 1,  # huyền
    "\u0309": 2,  # hỏi
    "\u0303": 3,  # ngã
    "\u0301": 4,  # sắc
    "\u0323": 5,  # nặng
}
_VOWELS = frozenset("aeiouy")

# The 29 letters in order, with the extra Latin letters that appear in names and loanwords.
ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
# Primary weights, as key characters (code-point order is the order):
#   "\x01"                ends the letters of a key (a shorter word sorts first)
#   U+0002 … U+00FE      blanks, digits, punctuation and symbols below U+00FE: code point + 1
#   U+00FF + the symbol  every symbol from U+00FE upward (– “ ” … €), in code order
#   U+0100 … U+0120      the letters of ALPHABET, in its order
#   U+0121 + the letter  every other letter (ß ñ ÿ ø, Greek, Cyrillic …), in code order
# A two-character weight starts with a character no other weight uses, so keys still compare
# character by character; text of Vietnamese letters, digits and ASCII punctuation keeps the
# keys it had before symbols and foreign letters were told apart.
_SYMBOL_LIMIT = 0xFE
_HIGH_SYMBOL = "\u00ff"
_LETTER_WEIGHT = {letter: chr(0x100 + index) for index, letter in enumerate(ALPHABET)}
_FOREIGN_LETTER = chr(0x100 + len(ALPHABET))


def nfc(text: str | None) -> str:
    """Return ``text`` in Unicode NFC with surrounding blanks trimmed ("" for None)."""
    if text is None:
        return ""
    return unicodedata.normalize("NFC", str(text)).strip()


# Characters a table remembers: far more than any Vietnamese text uses, few enough that a text
# of every code point cannot make the tables grow without bound.
_TABLE_LIMIT = 20_000


class _CharTable(dict):
    """A ``str.translate`` table filled on first sight of each character, so a text is mapped
    character by character in C: ``compute(ch)`` gives the character's replacement."""

    def __init__(self, compute):
        super().__init__()
        self.compute = compute

    def __missing__(self, code: int) -> str:
        value = self.compute(chr(code))
        if len(self) < _TABLE_LIMIT:
            self[code] = value
        return value


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    decomposed = unicodedata.normalize("NFD", ch.lower())
    return "".join(part for part in decomposed if not unicodedata.combining(part))


_FOLDED = _CharTable(_fold_char)


def fold(text: str | None) -> str:
    """Lower-case, accent-free form used for search: "Chợ Đồn" -> "cho don"."""
    if not text:
        return ""
    text = str(text)
    if text.isascii():  # nothing to normalise or strip: only the case
        return " ".join(text.lower().split())
    # NFC first so that one character is one letter; each letter is folded once and remembered.
    return " ".join(unicodedata.normalize("NFC", text).translate(_FOLDED).split())


_NOT_WORD = re.compile(r"[^0-9a-z]+")
SEARCH_FIELD_MARK = "|"


def fold_words(text: str | None) -> str:
    """ "Phòng, chống ma túy!" -> "phong chong ma tuy": folded words, punctuation dropped."""
    return " ".join(_NOT_WORD.split(fold(text))).strip()


def search_key(*fields: str | None) -> str:
    """A record's stored search key: each field's folded words between field marks.

    ("Chợ Đồn", "", "Ghi chú") -> "| cho don |  | ghi chu |": a phrase never runs from one
    field into the next, and a blank before every word lets a phrase match from a word's start.
    """
    mark = SEARCH_FIELD_MARK
    return mark + mark.join(f" {fold_words(f)} " for f in fields) + mark


@lru_cache(maxsize=4096)
def _split_letter(ch: str) -> tuple[str, int]:
    """Split one precomposed character into its base letter (with shape marks) and tone."""
    decomposed = unicodedata.normalize("NFD", ch.lower())
    toned = decomposed[:1] in _VOWELS
    tone = 0
    shape = []
    for part in decomposed:
        if toned and part in _TONE_MARKS:
            tone = _TONE_MARKS[part]
        else:
            shape.append(part)
    return unicodedata.normalize("NFC", "".join(shape)), tone


@lru_cache(maxsize=4096)
def _char_weights(ch: str) -> tuple[str, str, str]:
    """One character's primary weight, tone weight and case mark, as key characters."""
    base, tone = _split_letter(ch)
    case = "1" if ch.isupper() else "0"
    weight = _LETTER_WEIGHT.get(base)
    if weight is None:
        first = base[:1] or " "
        if unicodedata.category(first).startswith("L"):
            weight = _FOREIGN_LETTER + first
        elif ord(first) < _SYMBOL_LIMIT:
            weight = chr(ord(first) + 1)
        else:
            weight = _HIGH_SYMBOL + first
    return weight, chr(0x21 + tone), case


_PRIMARY_WEIGHTS = _CharTable(lambda ch: _char_weights(ch)[0])
_TONE_WEIGHTS = _CharTable(lambda ch: _char_weights(ch)[1])
_CASE_MARKS = _CharTable(lambda ch: _char_weights(ch)[2])


def sort_key(text: str | None) -> str:
    """A string whose code-point order is Vietnamese dictionary order.

    Letters compare first (a < ă < â < b ... d < đ ...), then tones (none, huyền, hỏi, ngã,
    sắc, nặng), then case. Blanks, digits, punctuation and symbols (– “ ” … included) sort
    below every letter, among themselves in code order. Letters outside the Vietnamese
    alphabet (ß ñ ÿ ø, Greek, Cyrillic …) sort after z, among themselves in code order: they
    are not read as a Vietnamese letter with a mark ("ñ" is not "n" with a ngã tone). The key is
    plain text so SQLite can index and compare it; stored keys are recomputed by a migration
    when this order changes.
    """
    text = unicodedata.normalize("NFC", str(text or "")).strip()
    if not text:
        return ""
    return (
        text.translate(_PRIMARY_WEIGHTS)
        + "\x01"
        + text.translate(_TONE_WEIGHTS)
        + "\x01"
        + text.translate(_CASE_MARKS)
    )


def person_sort_key(full_name: str | None) -> str:
    """Sort key for a person's name the Vietnamese way: given name first, then the rest.

    "Nguyễn Văn An" sorts under "An", before "Trần Thị Bình".
    """
    parts = nfc(full_name).split()
    if len(parts) <= 1:
        return sort_key(full_name)
    return sort_key(" ".join([parts[-1], *parts[:-1]]))


def format_number(value: int | float | None, decimals: int = 0) -> str:
    """55875 -> "55.875"; 12.5 with decimals=1 -> "12,5". None prints as "0"."""
    if value is None:
        value = 0
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(value: float | None, decimals: int = 1) -> str:
    """0.125 -> "12,5%"; None -> "–" (no base to compare with)."""
    if value is None:
        return "–"
    return format_number(value * 100, decimals) + "%"


def format_date(value: date | datetime | None) -> str:
    """dd/mm/yyyy, "" for None."""
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


def official_date_line(value: date, place: str | None = None) -> str:
    """The date line of an official document: "Bắc Kạn, ngày 05 tháng 7 năm 2023".

    Days below 10 and the months 1 and 2 take a leading zero; other months do not.
    """
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    line = f"ngày {value.day:02d} tháng {month} năm {value.year}"
    return f"{nfc(place)}, {line}" if place else line


_DATE_PATTERNS = (
    re.compile(r"^(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
)


# A whole date and nothing after it, except a spreadsheet's midnight time.
_MIDNIGHT = re.compile(r"(?P<day>\d{4}-\d{1,2}-\d{1,2})[ T]00:00(?::00(?:\.0+)?)?")


class DateFormatError(ValueError):
    """Raised when a text is not a date in dd/mm/yyyy or yyyy-mm-dd."""


def parse_date(value: object) -> date:
    """Read a date from dd/mm/yyyy, yyyy-mm-dd, a date or a datetime.

    Raises DateFormatError with a Vietnamese message when the text is not a real date.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = nfc(str(value) if value is not None else "").strip()
    midnight = _MIDNIGHT.fullmatch(text)
    if midnight:
        text = midnight["day"]  # "2024-01-15 00:00:00" from a spreadsheet cell
    shown = text if len(text) <= 40 else text[:39] + "…"
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError as exc:
                raise DateFormatError(f"ngày {shown} không tồn tại") from exc
    raise DateFormatError(f"“{shown}” không phải ngày theo dạng dd/mm/yyyy")


_TYPED_DIGITS = re.compile(r"^(?P<d>\d{2})(?P<m>\d{2})(?P<y>\d{4})$")


def read_typed_date(text: str | None) -> date | None:
    """A date typed into a form: d/m/yyyy, dd.mm.yyyy, d-m-yyyy or ddmmyyyy; None otherwise.

    Only for typing: files keep to ``parse_date``, where eight digits could as well be a
    yyyymmdd cell.
    """
    text = nfc(text)
    match = _TYPED_DIGITS.match(text)
    if match:
        try:
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            return None
    if not _DATE_PATTERNS[0].match(text):
        return None
    try:
        return parse_date(text)
    except DateFormatError:
        return None


class NumberFormatError(ValueError):
    """Raised when a text is not a whole number."""


def parse_count(value: object) -> int:
    """Read a whole number written "1234", "1.234", "1 234" or as a number cell."""
    if isinstance(value, bool):
        raise NumberFormatError(f"“{value}” không phải số")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise NumberFormatError(f"“{format_number(value, 2)}” không phải số nguyên")
    typed = nfc(str(value) if value is not None else "")  # shown as the user wrote it
    text = typed.replace(" ", "").replace("\u00a0", "")
    if len(text) > 20:
        shown = typed[:12].rstrip() + "…"
        if re.fullmatch(r"-?[\d.]+", text):
            digits = sum(char.isdigit() for char in text)  # the dots grouping them are not
            raise NumberFormatError(f"số “{shown}” có {digits} chữ số, quá lớn")
        raise NumberFormatError(f"“{shown}” không phải số nguyên")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise NumberFormatError(f"“{typed}” không phải số nguyên")
