"""QR symbols for certificates: encoded by ``segno`` (its public API), drawn as one vector path.

segno picks the smallest version for error correction level M (raised for free when the data
still fits, ``boost_error``) and byte mode for the signed codes, ISO-8859-1 when the text allows
it, else UTF-8, as decoders expect. One fixed mask is used: any of the eight is valid, and
scoring all eight costs about seven times the encoding itself, which for 500 certificates is
seconds. ``tests/pdf/test_qr.py`` renders a certificate page and decodes the symbol again.

The path is computed once per code (a preview and its print draw the same codes) in module
units, one rectangle per horizontal run of dark modules, and placed on the page by a
transformation: the page's coordinates are not part of what is cached.
"""

from __future__ import annotations

import re
from functools import lru_cache

import segno

MASK = 0
ERROR = "m"
_DARK_RUN = re.compile(rb"\x01+")


def symbol(payload: str) -> segno.QRCode:
    """The QR symbol (never a Micro QR) for ``payload``."""
    return segno.make(payload, error=ERROR, micro=False, mask=MASK)


def modules(payload: str) -> list[list[bool]]:
    """The dark (True) and light modules of the symbol for ``payload``, row by row (no quiet
    zone)."""
    return [[bool(module) for module in row] for row in symbol(payload).matrix]


# "x 1 w re" for a run of w dark modules starting at column x, made once: with the axes swapped
# (``path_operators``), a rectangle reads "<row> <column> 1 <length> re", so a row's rectangles
# are its number followed by these, and the ~1.100 runs of a signed code need no formatting.
_RUNS = [[f"{start} 1 {length} re" for length in range(178)] for start in range(178)]


@lru_cache(maxsize=2048)
def unit_path(payload: str) -> tuple[int, str]:
    """(modules per side, PDF path operators filling the dark modules, closed by ``f``), in
    module units with the axes swapped: the first coordinate counts rows up from the bottom,
    the second columns from the left; one rectangle per horizontal run of dark modules."""
    matrix = symbol(payload).matrix
    count = len(matrix)
    rows = []
    for row_index, row in enumerate(matrix):
        spans = [run.span() for run in _DARK_RUN.finditer(row)]
        if spans:
            y = count - 1 - row_index
            rows.append(f"{y} " + f"\n{y} ".join([_RUNS[a][b - a] for a, b in spans]))
    rows.append("f")
    return count, "\n".join(rows)


def path_operators(payload: str, x: float, top: float, size: float) -> str:
    """PDF operators filling the dark modules of the symbol in the square of side ``size``
    whose top left corner is (``x``, ``top``), inside its own graphics state."""
    count, path = unit_path(payload)
    module = size / count
    # [0 m m 0 x y]: a unit path's first coordinate goes up the page, the second across.
    return f"q 0 {module:.5f} {module:.5f} 0 {x:.3f} {top - size:.3f} cm\n{path}\nQ"
