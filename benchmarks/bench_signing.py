"""Signing and verifying a province-size package, and verifying 500 certificate codes.

Run by hand: ``python benchmarks/bench_signing.py [--records N]``. Prints, medians of 5 runs:

- writing a package of N session records (default 50.000, about a province's year) signed with
  Ed25519, beside the same write with no signature;
- reading it back with the signature checked against the trusted key, beside the same read
  with the signature check skipped (the SHA-256 of every member is checked either way);
- checking every record through the forms' rules (the one validation path), which a signed
  package now passes before it is merged;
- verifying 500 signed certificate codes (MD2: Ed25519 and the digest of what the certificate
  says, register at hand), beside 500 codes of the first version (MD1: HMAC, register only).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from movement_desk.db.connection import close_database  # noqa: E402
from movement_desk.services import package_file, packages  # noqa: E402
from movement_desk.services.admin.bootstrap import prepare_database  # noqa: E402
from movement_desk.services.certificates import printing as certificates  # noqa: E402
from movement_desk.services.core import signing  # noqa: E402
from movement_desk.services.core.actor import LOCAL_ACTOR  # noqa: E402
from movement_desk.services.records import commendations  # noqa: E402

COMMUNE = "01858"


def median_of(function, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def line(name: str, ours: float, baseline: float) -> None:
    print(
        f"{name:<44} signed {ours * 1000:9.1f} ms   unsigned {baseline * 1000:9.1f} ms   "
        f"ratio {ours / baseline if baseline else float('inf'):5.2f}x"
    )


def session_lines(count: int) -> list[dict]:
    lines = []
    for n in range(count):
        lines.append(
            {
                "uuid": str(uuid.uuid4()),
                "created_at": "2024-03-05 08:01:02.123456",
                "created_by": "canbo",
                "updated_at": "2024-03-05 08:01:02.123456",
                "updated_by": "canbo",
                "deleted_at": None,
                "deleted_by": None,
                "revision": 1,
                "origin": "bench",
                "vector": {"bench": 1},
                "data": {
                    "held_on": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
                    "unit": COMMUNE,
                    "organizer_kind": "police",
                    "organizer_name": "Công an xã Bằng Thành",
                    "kind": "propaganda",
                    "title": f"Tuyên truyền phòng, chống tội phạm tại thôn số {n}",
                    "participants": 10 + n % 300,
                    "tips": n % 4,
                    "notes": "Lồng ghép tuyên truyền pháp luật về an ninh, trật tự",
                },
            }
        )
    return lines


def bench_package(work: Path, count: int) -> None:
    key = Ed25519PrivateKey.generate()
    public = signing.raw_public(key.public_key())
    key_id = signing.key_id_of(public)
    manifest = {
        "format": package_file.FORMAT,
        "format_version": package_file.FORMAT_VERSION,
        "package_id": str(uuid.uuid4()),
        "created_at": "2024-12-15T02:00:00Z",
        "app_version": "bench",
        "database_schema": 6,
        "source": {
            "installation_id": "bench",
            "unit_code": COMMUNE,
            "unit_name": "Xã Bằng Thành",
            "exported_by": "bench",
        },
        "signer": {"key_id": key_id, "unit_code": COMMUNE},
        "scope": {
            "mode": "all",
            "period": "",
            "rule": None,
            "from": None,
            "to": None,
            "since": None,
            "covers_from": None,
            "covers_to": "2024-12-15",
        },
        "counts": {"activity_session": {"records": count, "deleted": 0}},
        "keys": [],
    }
    records = {"activity_session": session_lines(count)}
    path = work / "province.mdpkg"

    def signer(data: bytes):
        return key_id, key.sign(data)

    def no_signature(data: bytes):
        return key_id, b"\0" * 64

    signed = median_of(lambda: package_file.write_package(path, manifest, records, signer=signer))
    unsigned = median_of(
        lambda: package_file.write_package(work / "u.mdpkg", manifest, records, signer=no_signature)
    )
    print(f"package: {count} records, {path.stat().st_size / 1e6:.1f} MB")
    line("write the package", signed, unsigned)

    def resolve(_key_id):
        return public, None

    checked = median_of(lambda: package_file.read_package(path, packages.KIND_ORDER, resolve))
    real_verify = signing.verify_signature
    signing.verify_signature = lambda *args: True
    try:
        skipped = median_of(
            lambda: package_file.read_package(work / "u.mdpkg", packages.KIND_ORDER, resolve)
        )
    finally:
        signing.verify_signature = real_verify
    line("read and verify the package", checked, skipped)

    prepare_database(work / "rules.sqlite3")
    try:
        content = package_file.read_package(path, packages.KIND_ORDER, resolve)
        rules = median_of(lambda: packages.check_records(content), repeat=3)
        print(f"{'every record read, checked and through the rules':<44} {rules * 1000:9.1f} ms")
    finally:
        close_database()


def bench_codes(work: Path, count: int = 500) -> None:
    prepare_database(work / "codes.sqlite3")
    try:
        decision = commendations.save_decision(
            {
                "decision_number": "125/QĐ-CAT-PV05",
                "decision_date": "15/01/2024",
                "form": "Giấy khen",
                "authority": "Giám đốc Công an tỉnh Bắc Kạn",
                "unit_code": "06",
                "signer_title": "GIÁM ĐỐC",
                "signer_name": "Đại tá Hoàng Văn Thắng",
            },
            [{"recipient_name": f"Nguyễn Văn Người Thứ {n}"} for n in range(count)],
            LOCAL_ACTOR,
        )
        chosen, _ = certificates.select_recipients(decision)
        data = certificates.prepare(decision, chosen, LOCAL_ACTOR)
        signed_codes = [d.verification_code for d in data]
        old_codes = [
            certificates.verification_code(d.serial, c.uuid)
            for d, c in zip(data, chosen, strict=True)
        ]
        certificates.settings.put(certificates.V2_SINCE_SETTING, "2100-01-01T00:00:00", "bench")
        assert all(certificates.verify(c).ok for c in signed_codes[:3] + old_codes[:3])
        signed = median_of(lambda: [certificates.verify(c) for c in signed_codes], repeat=3)
        unsigned = median_of(lambda: [certificates.verify(c) for c in old_codes], repeat=3)
        line(f"verify {count} certificate codes", signed, unsigned)
    finally:
        close_database()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-signing-"))
    previous = signing.os.environ.get(signing.KEY_DIR_ENV_VAR)
    signing.os.environ[signing.KEY_DIR_ENV_VAR] = str(work / "keys")
    try:
        bench_package(work, args.records)
        bench_codes(work)
    finally:
        close_database()
        if previous is None:
            signing.os.environ.pop(signing.KEY_DIR_ENV_VAR, None)
        else:
            signing.os.environ[signing.KEY_DIR_ENV_VAR] = previous
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
