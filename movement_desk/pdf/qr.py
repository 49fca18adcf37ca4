"""QR symbols for certificates, drawn as vector paths, built on ReportLab's own QR encoder.

ReportLab's encoder rebuilds the Reed-Solomon generator polynomial for every symbol and tries
all eight masks; for one small code per page that cost more than the rest of the page. Here
the generator is built once per size, the remainder is computed with the log tables, and one
fixed mask is used (any of the eight is valid). ``tests/pdf`` checks the modules are exactly
those ReportLab produces for the same mask.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.graphics.barcode import qrencoder

MASK = 0
LEVEL_M = qrencoder.QRErrorCorrectLevel.M
_EXP = qrencoder.EXP_TABLE
_LOG = qrencoder.LOG_TABLE


@lru_cache(maxsize=64)
def _generator(ec_count: int) -> tuple[int, ...]:
    return tuple(qrencoder.QRUtil.getErrorCorrectPolynomial(ec_count).num)


def _remainder(data: list[int], generator: tuple[int, ...]) -> list[int]:
    remainder = list(data) + [0] * (len(generator) - 1)
    logs = [_LOG[g] if g else None for g in generator]
    for i in range(len(data)):
        coefficient = remainder[i]
        if coefficient:
            lead = _LOG[coefficient]
            for j in range(1, len(generator)):
                if logs[j] is not None:
                    remainder[i + j] ^= _EXP[(lead + logs[j]) % 255]
    return remainder[len(data) :]


def _codewords(version: int, level: int, data_list: list) -> list[int]:
    """Data and error-correction codewords, interleaved as the standard orders them."""
    blocks = qrencoder.QRRSBlock.getRSBlocks(version, level)
    buffer = qrencoder.QRBitBuffer()
    for data in data_list:
        data.write(buffer, version)
    total_bits = sum(block.dataCount for block in blocks) * 8
    if buffer.getLengthInBits() > total_bits:
        raise ValueError("QR data too long for its version")
    if buffer.getLengthInBits() + 4 <= total_bits:
        buffer.put(0, 4)
    while buffer.getLengthInBits() % 8:
        buffer.putBit(False)
    pads = (qrencoder.QRCode.PAD0, qrencoder.QRCode.PAD1)
    index = 0
    while buffer.getLengthInBits() < total_bits:
        buffer.put(pads[index % 2], 8)
        index += 1
    data_blocks, ec_blocks, offset = [], [], 0
    for block in blocks:
        chunk = buffer.buffer[offset : offset + block.dataCount]
        offset += block.dataCount
        data_blocks.append(chunk)
        ec_blocks.append(_remainder(chunk, _generator(block.totalCount - block.dataCount)))
    words: list[int] = []
    for group in (data_blocks, ec_blocks):
        for i in range(max(len(b) for b in group)):
            words.extend(b[i] for b in group if i < len(b))
    return words


def modules(payload: str, level: int = LEVEL_M) -> list[list[bool]]:
    """The dark (True) and light modules of the symbol for ``payload``, row by row."""
    code = qrencoder.QRCode(None, level)
    code.addData(payload)
    code.version = code.calculate_version()
    code.dataCache = _codewords(code.version, level, code.dataList)
    code.makeImpl(False, MASK)
    return code.modules


def path_operators(payload: str, x: float, top: float, size: float) -> str:
    """PDF path operators filling the dark modules: one rectangle per horizontal run.

    Written directly (three decimals: a thousandth of a point) because building a path
    object rectangle by rectangle costs more than all the text of the page.
    """
    rows = modules(payload)
    module = size / len(rows)
    parts = []
    for row_index, row in enumerate(rows):
        y = top - (row_index + 1) * module
        column, count = 0, len(row)
        while column < count:
            if row[column]:
                start = column
                while column < count and row[column]:
                    column += 1
                parts.append(
                    f"{x + start * module:.3f} {y:.3f} {(column - start) * module:.3f} "
                    f"{module:.3f} re"
                )
            else:
                column += 1
    parts.append("f")
    return "\n".join(parts)
