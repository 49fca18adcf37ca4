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


@lru_cache(maxsize=2048)
def unit_path(payload: str) -> tuple[int, str]:
    """(modules per side, PDF path operators in module units with the origin at the bottom left):
    one ``re`` per horizontal run of dark modules, closed by ``f``."""
    matrix = symbol(payload).matrix
    count = len(matrix)
    parts = []
    for row_index, row in enumerate(matrix):
        y = count - 1 - row_index
        parts.extend(
            f"{run.start()} {y} {run.end() - run.start()} 1 re" for run in _DARK_RUN.finditer(row)
        )
    parts.append("f")
    return count, "\n".join(parts)


def path_operators(payload: str, x: float, top: float, size: float) -> str:
    """PDF operators filling the dark modules of the symbol in the square of side ``size``
    whose top left corner is (``x``, ``top``), inside its own graphics state."""
    count, path = unit_path(payload)
    module = size / count
    return f"q {module:.5f} 0 0 {module:.5f} {x:.3f} {top - size:.3f} cm\n{path}\nQ"
