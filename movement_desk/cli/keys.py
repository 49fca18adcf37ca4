"""``movement-desk keys …``: this installation's public key, and the offices' keys it trusts.

Handlers import the signing service inside the function: a command loads only what it uses.
"""

from __future__ import annotations

import argparse

from movement_desk.cli.common import (
    EXIT_OK,
    add_command,
    add_common_options,
    check_outputs,
    current_actor,
    open_for_command,
    say,
)


def cmd_keys_export(args: argparse.Namespace) -> int:
    from movement_desk.services.core import signing

    open_for_command(args)
    check_outputs(args, args.out)
    exported = signing.export_public_key(args.out, current_actor(args))
    say(f"Đã ghi khóa công khai của máy này ra {args.out} (không có khóa bí mật).")
    say(f"Dấu vân tay: {signing.fingerprint(exported.key_id)}")
    if exported.unit_code:
        say(f"Đơn vị của máy: {exported.unit_name} ({exported.unit_code})")
    say(
        "Gửi tệp này lên cấp trên và đọc dấu vân tay qua điện thoại để cấp trên đối chiếu "
        "khi chạy “keys trust”."
    )
    return EXIT_OK


def cmd_keys_trust(args: argparse.Namespace) -> int:
    from movement_desk.services.core import signing
    from movement_desk.services.records import units

    open_for_command(args)
    document = signing.read_public_key_file(args.file)
    key = signing.trust_key(
        args.file, args.unit, current_actor(args), expect_fingerprint=args.fingerprint
    )
    unit = units.get_unit(key.unit_code)
    say(
        f"Đã tin cậy khóa {key.fingerprint} cho {unit.title} ({unit.code}) và các đơn vị trực thuộc."
    )
    if document.unit_code and document.unit_code != unit.code:
        say(f"Lưu ý: tệp khóa ghi đơn vị {document.unit_code}, khác với đơn vị đã chọn.")
    if not args.fingerprint:
        say("Hãy đối chiếu dấu vân tay trên với đơn vị gửi qua điện thoại.")
    return EXIT_OK


def cmd_keys_list(args: argparse.Namespace) -> int:
    from movement_desk import vietnamese
    from movement_desk.services.core import signing

    open_for_command(args)
    current = signing.own_key_id()
    for key in signing.list_keys():
        if key.own:
            what = "máy này" + (" (đang dùng)" if key.key_id == current else "")
        elif key.vouched_by:
            what = f"chuyển tiếp bởi {signing.fingerprint(key.vouched_by)}"
        else:
            what = "tin cậy"
        state = (
            f"ĐÃ THU HỒI {vietnamese.format_date(key.revoked_at.date())}: {key.revoked_reason}"
            if key.revoked
            else "còn hiệu lực"
        )
        unit = key.signer_unit() or "—"
        say(f"{key.fingerprint}  {unit:<8} {what}; {state}")
    return EXIT_OK


def cmd_keys_revoke(args: argparse.Namespace) -> int:
    from movement_desk.services.core import signing

    open_for_command(args)
    key = signing.revoke_key(args.key, args.reason, current_actor(args))
    say(
        f"Đã thu hồi khóa {key.fingerprint}: từ nay gói dữ liệu và mã giấy khen ký bằng khóa "
        "này không được chấp nhận."
    )
    return EXIT_OK


def args_keys(parser: argparse.ArgumentParser, common) -> None:
    sub = parser.add_subparsers(dest="keys_command", metavar="LỆNH", required=True)

    export = sub.add_parser("export", help="ghi khóa công khai của máy này ra tệp (gửi cấp trên)")
    export.add_argument("--out", metavar="FILE", required=True, help="tệp sẽ ghi (.mdkey)")
    export.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    export.set_defaults(handler=cmd_keys_export)

    trust = sub.add_parser("trust", help="tin cậy khóa công khai của một đơn vị cấp dưới")
    trust.add_argument("file", help="tệp khóa công khai (.mdkey)")
    trust.add_argument("--unit", metavar="CODE", required=True, help="mã đơn vị của khóa")
    trust.add_argument(
        "--fingerprint", metavar="XXXX-XXXX-XXXX-XXXX", help="dấu vân tay đã đọc qua điện thoại"
    )
    trust.set_defaults(handler=cmd_keys_trust)

    listing = sub.add_parser("list", help="các khóa của máy này và các khóa được tin cậy")
    listing.set_defaults(handler=cmd_keys_list)

    revoke = sub.add_parser("revoke", help="thu hồi một khóa (mất máy, lộ khóa, cài lại)")
    revoke.add_argument("key", metavar="FINGERPRINT", help="dấu vân tay hoặc mã khóa")
    revoke.add_argument("--reason", required=True, help="lý do thu hồi")
    revoke.set_defaults(handler=cmd_keys_revoke)

    for child in (export, trust, listing, revoke):
        common(child)


def register(subparsers) -> None:
    add_command(
        subparsers,
        "keys",
        "khóa ký: xuất khóa công khai, tin cậy, liệt kê, thu hồi",
        lambda parser: args_keys(parser, add_common_options),
    )
