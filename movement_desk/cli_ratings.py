"""Command-line entries of the "An toàn về ANTT" ratings (issue 19): the ``import`` and
``export`` kinds ``organisations`` and ``ratings``, and ``certificates --recognition``.

``cli.py`` only dispatches here, so the ratings' commands live beside each other.
"""

from __future__ import annotations

import argparse

from movement_desk import vietnamese

EXTRA_KINDS = ("organisations", "ratings")
EXTRA_LABELS = {
    "organisations": "cơ quan, doanh nghiệp, cơ sở giáo dục",
    "ratings": "kết quả xây dựng tiêu chuẩn “An toàn về ANTT”",
}


def run_import(args: argparse.Namespace, actor) -> str:
    """Import ``args.file`` of kind ``args.kind``; return the summary line."""
    from movement_desk.services import organisations, ratings

    if args.kind == "organisations":
        return organisations.import_organisations(args.file, actor, dry_run=args.dry_run).summary()
    return ratings.import_ratings(args.file, actor, dry_run=args.dry_run).summary()


def run_export(args: argparse.Namespace, actor) -> str:
    """Export kind ``args.kind`` to ``args.file``; return the summary line."""
    from movement_desk.services import organisations, ratings
    from movement_desk.services.periods import parse_period

    if args.kind == "organisations":
        count = organisations.export_organisations(args.file, actor, args.unit)
    else:
        # The rating's year is the year its evaluation period ends in.
        year = parse_period(args.period).bounds()[1].year if args.period else None
        count = ratings.export_ratings(args.file, actor, year=year, unit_code=args.unit)
    return f"Đã xuất {vietnamese.format_number(count)} {EXTRA_LABELS[args.kind]} ra {args.file}."


def run_recognition_certificates(args: argparse.Namespace, actor) -> str:
    """Print the recognition certificates of decision ``args.recognition`` to ``args.out``."""
    from movement_desk.services import recognition

    result = recognition.print_to_file(
        args.recognition,
        args.out,
        actor,
        authority=args.authority,
        paper=args.paper,
        preprinted=bool(args.preprinted),
    )
    return result.summary()


def run_recognition_annex(args: argparse.Namespace, actor) -> str:
    """Write the annex list of recognition decision ``args.recognition`` to ``args.out``."""
    from pathlib import Path

    from movement_desk.services import recognition

    data = recognition.annex_data(args.recognition, args.authority)
    pdf = recognition.annex_pdf(args.recognition, actor, args.authority)
    target = Path(args.out)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(pdf)
    partial.replace(target)
    return (
        f"Đã ghi danh sách {vietnamese.format_number(data.row_count)} đơn vị đạt tiêu chuẩn "
        f"kèm theo quyết định số {data.decision_number} vào {args.out}."
    )


def verify_recognition(code: str):
    """The check of a recognition certificate's code, or None when it is not one."""
    from movement_desk.services import recognition

    return recognition.verify(code)
