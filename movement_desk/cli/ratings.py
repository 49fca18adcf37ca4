"""Command-line entries of the "An toàn về ANTT" ratings (issue 19): the ``import`` and
``export`` kinds ``organisations`` and ``ratings``, and ``certificates --recognition``.

``records``, ``certificates`` dispatch here, so the ratings' commands live beside each other;
``criteria`` is this module's own. Handlers import the services they run inside the function:
a command loads only what it uses.
"""

from __future__ import annotations

import argparse

from movement_desk import vietnamese
from movement_desk.cli import common

EXTRA_KINDS = ("organisations", "ratings")
EXTRA_LABELS = {
    "organisations": "cơ quan, doanh nghiệp, cơ sở giáo dục",
    "ratings": "kết quả xây dựng tiêu chuẩn “An toàn về ANTT”",
}


def run_import(args: argparse.Namespace, actor) -> str:
    """Import ``args.file`` of kind ``args.kind``; return the summary line."""
    from movement_desk.services.records import organisations, ratings

    if args.kind == "organisations":
        return organisations.import_organisations(args.file, actor, dry_run=args.dry_run).summary()
    return ratings.import_ratings(args.file, actor, dry_run=args.dry_run).summary()


def run_export(args: argparse.Namespace, actor) -> str:
    """Export kind ``args.kind`` to ``args.file``; return the summary line."""
    from movement_desk.services.core.periods import parse_period
    from movement_desk.services.records import organisations, ratings

    if args.kind == "organisations":
        count = organisations.export_organisations(args.file, actor, args.unit)
    else:
        # The rating's year is the year its evaluation period ends in.
        year = parse_period(args.period).bounds()[1].year if args.period else None
        count = ratings.export_ratings(args.file, actor, year=year, unit_code=args.unit)
    return f"Đã xuất {vietnamese.format_number(count)} {EXTRA_LABELS[args.kind]} ra {args.file}."


def run_recognition_certificates(args: argparse.Namespace, actor) -> str:
    """Print the recognition certificates of decision ``args.recognition`` to ``args.out``."""
    from movement_desk.services.certificates import recognition

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
    from movement_desk.services.certificates import recognition
    from movement_desk.services.core import output_files

    data = recognition.annex_data(args.recognition, args.authority)
    pdf = recognition.annex_pdf(args.recognition, actor, args.authority)
    output_files.write_bytes(args.out, pdf)
    return (
        f"Đã ghi danh sách {vietnamese.format_number(data.row_count)} đơn vị đạt tiêu chuẩn "
        f"kèm theo quyết định số {data.decision_number} vào {args.out}."
    )


def verify_recognition(code: str, *, name: str | None = None, public_key=None):
    """The check of a recognition certificate's code, or None when it is not one of this
    database's register."""
    from movement_desk.services.certificates import recognition

    return recognition.verify(code, name=name, public_key=public_key)


def cmd_criteria(args: argparse.Namespace) -> int:
    """``criteria show SUBJECT YEAR`` / ``criteria set SUBJECT FROM_YEAR FILE``."""
    from pathlib import Path

    from movement_desk.db.choices import RatingSubject
    from movement_desk.services.core.validation import match_choice
    from movement_desk.services.records import ratings

    common.open_for_command(args)
    subject = match_choice(RatingSubject, args.subject)
    if subject is None:
        raise common.CommandFailed(
            f"không có đối tượng “{args.subject}”; hãy chọn: "
            + ", ".join(s.value for s in RatingSubject)
            + "."
        )
    if args.criteria_command == "set":
        lines = Path(args.file).read_text(encoding="utf-8-sig").splitlines()
        criteria = ratings.save_criteria(
            subject, args.year, [line for line in lines if line.strip()], common.current_actor(args)
        )
        common.say(
            f"Đã lưu {len(criteria)} tiêu chí của {subject.label.lower()} áp dụng từ năm {args.year}."
        )
        return common.EXIT_OK
    common.say(f"Tiêu chí {subject.label.lower()} năm {args.year} ({ratings.CIRCULAR}):")
    for criterion in ratings.criteria_for(subject, args.year):
        common.say(f"{criterion.number}. {criterion.text}")
    common.say(ratings.periods_note(args.year))
    return common.EXIT_OK


def args_criteria(parser: argparse.ArgumentParser, add_common) -> None:
    sub = parser.add_subparsers(dest="criteria_command", metavar="LỆNH", required=True)
    show = sub.add_parser("show", help="xem các tiêu chí của một đối tượng trong một năm")
    show.add_argument("subject", help="residential_area, commune, agency, enterprise, school")
    show.add_argument("year", type=int)
    add_common(show)
    show.set_defaults(handler=cmd_criteria)
    put = sub.add_parser(
        "set", help="lưu bộ tiêu chí (mỗi dòng một tiêu chí) áp dụng từ một năm (quản trị)"
    )
    put.add_argument("subject")
    put.add_argument("year", type=int, help="áp dụng từ năm")
    put.add_argument("file", help="tệp văn bản UTF-8, mỗi dòng một tiêu chí")
    add_common(put)
    put.set_defaults(handler=cmd_criteria)


def register(subparsers) -> None:
    common.add_command(
        subparsers,
        "criteria",
        "tiêu chí “An toàn về an ninh, trật tự” theo Thông tư 124/2021/TT-BCA: xem, sửa",
        lambda parser: args_criteria(parser, common.add_common_options),
    )
