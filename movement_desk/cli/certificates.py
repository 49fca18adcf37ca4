"""Command-line subcommands of certificates: ``certificates``, ``decision-list``, ``verify``,
``revoke``, ``reinstate``.

Handlers import the services they run inside the function: a command loads only what it uses
(the certificate engine and ReportLab cost half a second of start-up)."""

from __future__ import annotations

import argparse

from movement_desk import vietnamese
from movement_desk.cli import ratings as cli_ratings
from movement_desk.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    CommandFailed,
    add_command,
    add_force_option,
    check_outputs,
    current_actor,
    open_for_command,
    say,
    write_file,
)


def cmd_certificates(args: argparse.Namespace) -> int:
    from movement_desk.services.certificates import (
        files as certificate_files,
    )
    from movement_desk.services.certificates import (
        printing as certificates,
    )

    open_for_command(args)
    check_outputs(args, args.out)
    actor = current_actor(args)
    if args.recognition:
        say(cli_ratings.run_recognition_certificates(args, actor))
        return EXIT_OK
    if not args.decision:
        raise CommandFailed("hãy ghi --decision SỐ (hoặc --recognition SỐ cho giấy công nhận).")
    decision = certificates.find_decision(args.decision, args.authority)
    options = certificates.print_options(args.paper, True if args.preprinted else None)
    chosen, revoked = certificates.select_recipients(decision, args.recipient or None)
    # Serials and register lines are committed together with a completely written PDF: a
    # failure anywhere (full disk, a refused target) rolls both back.
    summary = certificate_files.save(decision, chosen, actor, options, args.out)
    say(
        f"Đã ghi {vietnamese.format_number(summary.printed)} {certificates.form_name(decision).lower()} "
        f"của quyết định số {decision.number} vào {args.out}"
        + (
            f" ({vietnamese.format_number(summary.reprints)} lần in lại)."
            if summary.reprints
            else "."
        )
    )
    if revoked:
        say(
            f"Không in {vietnamese.format_number(len(revoked))} khen thưởng đã bị thu hồi: "
            + "; ".join(c.recipient_name for c in revoked)
        )
    return EXIT_OK


def cmd_decision_list(args: argparse.Namespace) -> int:
    from movement_desk.services.certificates import printing as certificates

    open_for_command(args)
    check_outputs(args, args.out)
    if args.recognition:
        say(cli_ratings.run_recognition_annex(args, current_actor(args)))
        return EXIT_OK
    if not args.decision:
        raise CommandFailed("hãy ghi --decision SỐ (hoặc --recognition SỐ).")
    decision = certificates.find_decision(args.decision, args.authority)
    data = certificates.decision_list_data(decision)
    write_file(args.out, certificates.decision_list_pdf(decision, actor=current_actor(args)))
    say(
        f"Đã ghi danh sách {vietnamese.format_number(data.row_count)} tập thể, cá nhân "
        f"kèm theo quyết định số {decision.number} vào {args.out}."
    )
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from movement_desk.services.certificates import printing as certificates
    from movement_desk.services.core import signing

    open_for_command(args)
    key = signing.read_public_key_file(args.key) if args.key else None
    # A recognition certificate ("Giấy công nhận") of this database's register, else any code.
    result = cli_ratings.verify_recognition(args.code, name=args.name, public_key=key)
    if result is None:
        result = certificates.verify(args.code, name=args.name, public_key=key)
    say(result.message())
    return EXIT_OK if result.ok else EXIT_FAILED


def cmd_revoke(args: argparse.Namespace) -> int:
    from movement_desk.services.certificates import printing as certificates

    open_for_command(args)
    commendation = certificates.revoke(args.commendation, args.reason, current_actor(args))
    say(f"Đã thu hồi khen thưởng của {commendation.recipient_name}: {commendation.revoked_reason}")
    return EXIT_OK


def cmd_reinstate(args: argparse.Namespace) -> int:
    from movement_desk.services.certificates import printing as certificates

    open_for_command(args)
    commendation = certificates.reinstate(args.commendation, current_actor(args))
    say(f"Đã bỏ thu hồi khen thưởng của {commendation.recipient_name}; giấy khen lại có hiệu lực.")
    return EXIT_OK


def _args_certificates(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--decision", metavar="SỐ", help="số quyết định khen thưởng")
    which.add_argument(
        "--recognition",
        metavar="SỐ",
        help="số quyết định công nhận đạt tiêu chuẩn “An toàn về ANTT”: in giấy công nhận",
    )
    parser.add_argument("--authority", help="cơ quan ban hành, khi hai cơ quan trùng số")
    parser.add_argument("--out", metavar="FILE.pdf", required=True, help="tệp PDF sẽ ghi")
    parser.add_argument(
        "--recipient",
        metavar="UUID",
        action="append",
        help="chỉ in cho người/tập thể này (lặp lại được; mặc định: tất cả)",
    )
    parser.add_argument(
        "--preprinted", action="store_true", help="in lên phôi in sẵn: chỉ in phần thay đổi"
    )
    parser.add_argument(
        "--paper",
        choices=("a4", "a3", "a4-portrait"),
        help="khổ giấy (mặc định theo cài đặt: A4 ngang)",
    )
    add_force_option(parser)


def _args_decision_list(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--decision", metavar="SỐ", help="số quyết định khen thưởng")
    which.add_argument(
        "--recognition",
        metavar="SỐ",
        help="số quyết định công nhận đạt tiêu chuẩn “An toàn về ANTT”",
    )
    parser.add_argument("--authority", help="cơ quan ban hành, khi hai cơ quan trùng số")
    parser.add_argument("--out", metavar="FILE.pdf", required=True, help="tệp PDF sẽ ghi")
    add_force_option(parser)


def _args_verify(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "code", help="nội dung mã QR của giấy khen (MD2:…|…), hoặc mã in bên cạnh (MD2:…, MD1:…)"
    )
    parser.add_argument("--name", help="tên in trên giấy khen, để đối chiếu với tên trong mã")
    parser.add_argument(
        "--key",
        metavar="FILE",
        help="tệp khóa công khai của cơ quan cấp (.mdkey), nếu chưa tin cậy",
    )


def _args_reinstate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("commendation", metavar="UUID", help="mã định danh của khen thưởng")


def _args_revoke(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("commendation", metavar="UUID", help="mã định danh của khen thưởng")
    parser.add_argument("--reason", required=True, help="lý do thu hồi")


def register(subparsers) -> None:
    add_command(
        subparsers,
        "certificates",
        "in giấy khen, bằng khen của một quyết định ra tệp PDF",
        _args_certificates,
        cmd_certificates,
    )
    add_command(
        subparsers,
        "decision-list",
        "in danh sách tập thể, cá nhân kèm theo quyết định ra tệp PDF",
        _args_decision_list,
        cmd_decision_list,
    )
    add_command(
        subparsers, "verify", "kiểm tra mã xác thực trên giấy khen", _args_verify, cmd_verify
    )
    add_command(
        subparsers, "revoke", "thu hồi một khen thưởng, ghi rõ lý do", _args_revoke, cmd_revoke
    )
    add_command(
        subparsers,
        "reinstate",
        "bỏ thu hồi một khen thưởng bị thu hồi nhầm",
        _args_reinstate,
        cmd_reinstate,
    )
