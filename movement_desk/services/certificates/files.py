"""Certificates saved to a file or sent to a printer: serials and the print register go in only
with a complete PDF, or once the printer took the pages.

The PDF is rendered from the serials the recipients would get now (nothing written, no lock
held while rendering, which takes a while for a large decision); then one short transaction
gives the serials, writes the file safely (``output_files``) and records the prints. Should
another clerk have taken serials in between, the PDF is rendered again inside. A file that
cannot be written (full disk, a refused target) rolls the serials and the register back.

A printer is the same up to the paper: the window renders from ``plan``, renders again if the
serials moved while it drew, sends the pages and only then calls ``commit_printed``. Paper
cannot be drawn again, so should the serials have moved while the pages were going out,
nothing is recorded and the clerk is told to discard the sheets (``StaleRecordError``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from movement_desk import vietnamese
from movement_desk.db.connection import db
from movement_desk.db.models import Commendation, Decision
from movement_desk.pdf.certificate import CertificateData
from movement_desk.services.certificates import printing as certificates
from movement_desk.services.core import output_files
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import StaleRecordError


def plan(decision: Decision, chosen: Sequence[Commendation], actor: Actor) -> list[CertificateData]:
    """The certificates as they will be printed, serials included; nothing is written."""
    return certificates.prepare(decision, chosen, actor, assign_serials=False)


def commit_to_file(
    decision: Decision,
    chosen: Sequence[Commendation],
    actor: Actor,
    options: certificates.PrintOptions,
    path: str | Path,
    planned: list[CertificateData],
    pdf: bytes,
    *,
    force: bool = True,
    render: Callable[[list[CertificateData]], bytes] | None = None,
) -> certificates.PrintSummary:
    """Give the serials, write ``pdf`` to ``path`` and record the prints, all or nothing."""
    with db.atomic():
        data = certificates.prepare(decision, chosen, actor)
        if data != planned:  # someone printed meanwhile: the serials moved
            pdf = (render or (lambda d: certificates.render(d, options)))(data)
        summary = certificates.record_prints(
            [d.serial for d in data], actor, options, certificates.OUTPUT_PDF
        )
        output_files.write_bytes(path, pdf, force=force)
    return summary


def save(
    decision: Decision,
    chosen: Sequence[Commendation],
    actor: Actor,
    options: certificates.PrintOptions,
    path: str | Path,
    *,
    force: bool = True,
) -> certificates.PrintSummary:
    """Render and save in one call (the command line)."""
    planned = plan(decision, chosen, actor)
    pdf = certificates.render(planned, options)
    return commit_to_file(decision, chosen, actor, options, path, planned, pdf, force=force)


def commit_printed(
    decision: Decision,
    chosen: Sequence[Commendation],
    actor: Actor,
    options: certificates.PrintOptions,
    planned: Sequence[CertificateData],
) -> certificates.PrintSummary:
    """Give the serials the printed pages carry and record them as printed, all or nothing.

    ``chosen`` and ``planned`` are the certificates that went out, in the order printed.
    Raises ``StaleRecordError`` (nothing written) when the register no longer gives what the
    sheets say: another clerk took those serials, or the commendations changed, meanwhile."""
    with db.atomic():
        data = certificates.prepare(decision, chosen, actor)
        if data != list(planned):
            raise StaleRecordError(
                f"Trong lúc in, người khác đã lấy số hiệu giấy khen hoặc sửa khen thưởng nên "
                f"{vietnamese.format_number(len(planned))} tờ vừa in không còn khớp với sổ "
                f"theo dõi. Không ghi gì vào sổ; hãy hủy các tờ này và in lại."
            )
        return certificates.record_prints(
            [d.serial for d in data], actor, options, certificates.OUTPUT_PRINTER
        )
