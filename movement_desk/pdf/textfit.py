"""Fitting text into a box: greedy line wrapping on measured widths, shrinking until it fits.

Widths are measured once per word at 1 pt and scaled, so trying many sizes costs little. Used by
the certificate renderer, which draws with plain canvas calls (fast, and no markup is parsed,
so ``<``, ``&`` and quotes in a name print as typed).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth


@lru_cache(maxsize=16_384)
def unit_width(text: str, font: str) -> float:
    """Width of ``text`` at 1 pt in ``font``."""
    return stringWidth(text, font, 1)


@lru_cache(maxsize=4_096)
def _paragraph_widths(text: str, font: str) -> tuple[tuple[tuple[str, float], ...], ...]:
    return tuple(
        tuple((word, unit_width(word, font)) for word in line.split()) for line in text.split("\n")
    )


@dataclass(frozen=True)
class TextItem:
    """One piece of text to fit: its font, its preferred and smallest size, line spacing."""

    text: str
    font: str
    size: float
    min_size: float = 4.0
    leading: float = 1.2
    color: tuple[float, float, float] = (0, 0, 0)
    space_before: float = 0.0  # in points at the preferred size, scaled with the text

    def paragraphs(self) -> tuple[tuple[tuple[str, float], ...], ...]:
        """The text split in paragraphs (on newlines) of (word, width at 1 pt)."""
        return _paragraph_widths(self.text, self.font)


@dataclass(frozen=True)
class FittedItem:
    item: TextItem
    size: float
    lines: tuple[str, ...]

    @property
    def line_height(self) -> float:
        return self.size * self.item.leading

    @property
    def height(self) -> float:
        if not self.lines:
            return 0.0
        return self.item.space_before * self.size / self.item.size + self.line_height * len(
            self.lines
        )


def _split_long_word(word: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than the line (a name typed without spaces) is cut between characters."""
    pieces, current, current_width = [], "", 0.0
    for char in word:
        char_width = unit_width(char, font) * size
        if current and current_width + char_width > width:
            pieces.append(current)
            current, current_width = "", 0.0
        current += char
        current_width += char_width
    if current:
        pieces.append(current)
    return pieces


def wrap(item: TextItem, size: float, width: float) -> list[str]:
    """Greedy wrap of ``item`` at ``size`` into lines no wider than ``width``."""
    space = unit_width(" ", item.font) * size
    lines: list[str] = []
    for words in item.paragraphs():
        current: list[str] = []
        current_width = 0.0
        for word, word_unit in words:
            word_width = word_unit * size
            if word_width > width:
                if current:
                    lines.append(" ".join(current))
                pieces = _split_long_word(word, item.font, size, width)
                lines.extend(pieces[:-1])
                current = [pieces[-1]]
                current_width = unit_width(pieces[-1], item.font) * size
                continue
            extra = word_width + (space if current else 0.0)
            if current and current_width + extra > width:
                lines.append(" ".join(current))
                current, current_width = [word], word_width
            else:
                current.append(word)
                current_width += extra
        if current:
            lines.append(" ".join(current))
    return lines


def fit_item(item: TextItem, width: float, max_height: float) -> FittedItem:
    """The largest size (down to ``min_size``) at which ``item`` fits ``width`` x ``max_height``.

    Single-line text shrinks before it wraps; at the smallest size the lines that still do not
    fit are dropped, the last one ending in "…", so nothing ever leaves the box.
    """
    if not item.text.strip():
        return FittedItem(item, item.size, ())

    def fitted(size: float) -> FittedItem:
        return FittedItem(item, size, tuple(wrap(item, size, width)))

    best = fitted(item.size)
    if best.height <= max_height and len(best.lines) <= _paragraph_count(item):
        return best
    # Shrink while the text stays on as few lines as it has paragraphs (a title on one line).
    one_line = _largest(item, lambda s: len(wrap(item, s, width)) <= _paragraph_count(item))
    if one_line is not None and one_line >= item.size * 0.75:
        candidate = fitted(one_line)
        if candidate.height <= max_height:
            return candidate
    if best.height <= max_height:
        return best
    size = _largest(item, lambda s: fitted(s).height <= max_height)
    if size is not None:
        return fitted(size)
    return _truncate(fitted(item.min_size), width, max_height)


def _paragraph_count(item: TextItem) -> int:
    return sum(1 for words in item.paragraphs() if words)


def _largest(item: TextItem, fits, steps: int = 14) -> float | None:
    """Binary search of the largest size in [min_size, size] for which ``fits(size)``."""
    low, high = item.min_size, item.size
    if not fits(low):
        return None
    for _ in range(steps):
        middle = (low + high) / 2
        if fits(middle):
            low = middle
        else:
            high = middle
    return low


def _truncate(result: FittedItem, width: float, max_height: float) -> FittedItem:
    keep = max(
        0,
        int(
            (max_height - result.height + result.line_height * len(result.lines))
            // result.line_height
        ),
    )
    if keep >= len(result.lines):
        return result
    lines = list(result.lines[:keep])
    if lines:
        last = lines[-1]
        ellipsis_width = unit_width("…", result.item.font) * result.size
        while last and unit_width(last, result.item.font) * result.size + ellipsis_width > width:
            last = last[:-1]
        lines[-1] = last + "…"
    return FittedItem(result.item, result.size, tuple(lines))


def fit_block(items: list[TextItem], width: float, height: float) -> list[FittedItem]:
    """``_fit_block`` remembered: on a batch most fields (issuer, dates, signer) repeat."""
    return list(_fit_block(tuple(items), width, height))


@lru_cache(maxsize=2_048)
def _fit_block(items: tuple[TextItem, ...], width: float, height: float) -> tuple[FittedItem, ...]:
    """Fit several items stacked in one box; the longest shrink first, short ones keep their size.

    Searches the largest height cap such that every item, fitted under the cap, sums to at
    most ``height`` (water filling): a 5.000-character name gets small while the achievement
    next to it stays readable. Text is cut ("…") only when even the smallest sizes overflow.
    """
    natural = [fit_item(item, width, float("inf")) for item in items]
    if sum(f.height for f in natural) <= height:
        return tuple(natural)
    smallest = [
        FittedItem(item, item.min_size, tuple(wrap(item, item.min_size, width))) for item in items
    ]

    def under(cap: float) -> list[FittedItem]:
        return [
            nat if nat.height <= cap else fit_item(item, width, cap)
            for item, nat in zip(items, natural, strict=True)
        ]

    low = max(f.height for f in smallest)
    best = under(low)
    if sum(f.height for f in best) > height:
        # Even the smallest sizes overflow: share the height by need and cut what is left over.
        need = sum(f.height for f in smallest) or 1.0
        return tuple(
            fit_item(item, width, height * f.height / need)
            for item, f in zip(items, smallest, strict=True)
        )
    high = height
    for _ in range(16):
        cap = (low + high) / 2
        trial = under(cap)
        if sum(f.height for f in trial) <= height:
            low, best = cap, trial
        else:
            high = cap
    return tuple(best)
