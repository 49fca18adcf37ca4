"""The data package file: a zip with a signed manifest and one JSON-lines file per kind.

Writing goes to a temporary file beside the target and is renamed into place, so a full disk
or a crash never leaves a half-written package under the real name. The manifest names the
SHA-256 of every other member; ``signature.json`` holds the Ed25519 signature of the exact bytes
of ``manifest.json`` by the exporting installation, so the signature covers the whole content.

Reading checks, in order, before anything else is read: the file is a readable zip of known
members within their size bounds; it is signed; the signing key is one this database trusts
(``resolve_key``, given by the caller); the signature matches the manifest's bytes. Only then
is the manifest parsed and checked against ``MANIFEST_SCHEMA`` (every field typed and
bounded), and each data file against the manifest's SHA-256, size and record count. Relayed
manifests (a district passing on its communes' packages) are returned with their own
signatures for the caller to check. Any failure raises ``PackageError`` with a Vietnamese
message naming the field, and nothing else happens. See docs/package-format.md.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from movement_desk.services.core import output_files, signing
from movement_desk.services.core.errors import ServiceError
from movement_desk.services.records import kind_parts

FORMAT = "movement-desk-package"
FORMAT_VERSION = 2  # 2: signed (signature.json), relayed manifests, typed manifest schema
MANIFEST_NAME = "manifest.json"
CHECKSUM_NAME = "manifest.sha256"
SIGNATURE_NAME = "signature.json"
RECORDS_DIR = "records"
RELAYED_DIR = "relayed"
FILE_SUFFIX = ".mdpkg"

MAX_MANIFEST_BYTES = 8 * 1024 * 1024
MAX_SIGNATURE_BYTES = 4096
MAX_RECORDS_BYTES = 2 * 1024 * 1024 * 1024
MAX_RECORDS = 10_000_000
MAX_RELAYED = 20_000


class PackageError(ServiceError):
    """The file cannot be imported; the message says why and that nothing was changed."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def records_file_name(kind: str) -> str:
    return f"{RECORDS_DIR}/{kind}.jsonl"


def relayed_names(package_id: str) -> tuple[str, str]:
    return (
        f"{RELAYED_DIR}/{package_id}.manifest.json",
        f"{RELAYED_DIR}/{package_id}.signature.json",
    )


_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def encode_line(line: dict) -> str:
    """One compact JSON object on a line, keys sorted so the bytes are repeatable."""
    return _ENCODE(line) + "\n"


# -- the manifest's schema -------------------------------------------------------------------------
class SchemaError(ValueError):
    def __init__(self, path: str, message: str):
        super().__init__(f"mục “{path}” {message}")
        self.path = path


@dataclass(frozen=True)
class Str:
    min_len: int = 0
    max_len: int = 300
    pattern: str | None = None
    choices: tuple[str, ...] | None = None
    nullable: bool = False

    def check(self, value, path: str) -> None:
        if value is None and self.nullable:
            return
        if not isinstance(value, str):
            raise SchemaError(path, "phải là chữ")
        if not self.min_len <= len(value) <= self.max_len:
            raise SchemaError(
                path, f"dài {len(value)} ký tự, phải từ {self.min_len} đến {self.max_len}"
            )
        if self.choices is not None and value not in self.choices:
            raise SchemaError(
                path, f"có giá trị lạ “{value[:40]}” (chỉ nhận {', '.join(self.choices)})"
            )
        if self.pattern is not None and not re.fullmatch(self.pattern, value):
            raise SchemaError(path, "không đúng dạng")


@dataclass(frozen=True)
class Int:
    low: int = 0
    high: int = MAX_RECORDS

    def check(self, value, path: str) -> None:
        if type(value) is not int:
            raise SchemaError(path, "phải là số nguyên")
        if not self.low <= value <= self.high:
            raise SchemaError(path, f"= {value}, phải từ {self.low} đến {self.high}")


@dataclass(frozen=True)
class Day:
    nullable: bool = False

    def check(self, value, path: str) -> None:
        if value is None and self.nullable:
            return
        if not isinstance(value, str) or len(value) != 10:
            raise SchemaError(path, "phải là ngày dạng YYYY-MM-DD")
        try:
            day = date.fromisoformat(value)
        except ValueError as exc:
            raise SchemaError(path, "không phải ngày có thật") from exc
        if not date(1945, 1, 1) <= day <= date(2200, 12, 31):
            raise SchemaError(path, f"ngày {value} ngoài khoảng hợp lý")


@dataclass(frozen=True)
class Stamp:
    nullable: bool = False

    def check(self, value, path: str) -> None:
        if value is None and self.nullable:
            return
        if not isinstance(value, str) or not 10 <= len(value) <= 40:
            raise SchemaError(path, "phải là thời điểm dạng ISO 8601")
        try:
            moment = datetime.fromisoformat(value.rstrip("Z"))
        except ValueError as exc:
            raise SchemaError(path, "không phải thời điểm hợp lệ") from exc
        if not 1945 <= moment.year <= 2200:
            raise SchemaError(path, f"thời điểm {value} ngoài khoảng hợp lý")


@dataclass(frozen=True)
class Obj:
    fields: dict
    optional: frozenset[str] = frozenset()

    def check(self, value, path: str) -> None:
        if not isinstance(value, dict):
            raise SchemaError(path, "phải là một đối tượng JSON")
        for name, rule in self.fields.items():
            where = f"{path}.{name}" if path else name
            if name not in value:
                if name in self.optional:
                    continue
                raise SchemaError(where, "bị thiếu")
            rule.check(value[name], where)
        extra = sorted(set(value) - set(self.fields))
        if extra:
            where = f"{path}.{extra[0]}" if path else str(extra[0])
            raise SchemaError(where, "không có trong định dạng gói")


@dataclass(frozen=True)
class Map:
    key: Str
    value: object
    max_items: int = 100

    def check(self, value, path: str) -> None:
        if not isinstance(value, dict):
            raise SchemaError(path, "phải là một đối tượng JSON")
        if len(value) > self.max_items:
            raise SchemaError(path, f"có {len(value)} mục, tối đa {self.max_items}")
        for name, item in value.items():
            self.key.check(name, f"{path}.{name}")
            self.value.check(item, f"{path}.{name}")


@dataclass(frozen=True)
class List:
    item: object
    max_items: int = MAX_RELAYED

    def check(self, value, path: str) -> None:
        if not isinstance(value, list):
            raise SchemaError(path, "phải là một danh sách")
        if len(value) > self.max_items:
            raise SchemaError(path, f"có {len(value)} mục, tối đa {self.max_items}")
        for index, item in enumerate(value):
            self.item.check(item, f"{path}[{index}]")


UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
HEX64 = r"[0-9a-f]{64}"
KEY_ID = r"[A-Z2-7]{16}"
UNIT_CODE = Str(1, 20, r"[0-9A-Za-z._-]+")
# The parts of a package, in their order in the file: the kinds of the format's first version
# in that order (so that a package of them is the same bytes as ever), then each kind registered
# since (records/kinds.py, its module declaring a ``PackageKind``) in the registry's order.
FIRST_KINDS = (
    "model_type",
    "organizer",
    "decision",
    "activity_session",
    "community_model",
    "commendation",
    # The "An toàn về ANTT" ratings (issue 19).
    "organisation",
    "safety_rating",
    "pledge",
    "pledge_party",
)


class _Kinds(Sequence):
    """The tables whose records travel in packages, in the order above, read from the
    registry when asked (a kind registered later is found too)."""

    def _tables(self) -> list[str]:
        registered = kind_parts.packages()
        first = [table for table in FIRST_KINDS if table in registered]
        return [*first, *(table for table in registered if table not in FIRST_KINDS)]

    def __getitem__(self, index):
        return self._tables()[index]

    def __iter__(self):
        return iter(self._tables())

    def __len__(self) -> int:
        return len(self._tables())

    def __contains__(self, table) -> bool:
        return table in kind_parts.packages()

    def __repr__(self) -> str:
        return repr(tuple(self._tables()))


KINDS = _Kinds()
SCOPE_MODES = ("all", "period", "since_last")

MANIFEST_SCHEMA = Obj(
    {
        "format": Str(1, 40, choices=(FORMAT,)),
        "format_version": Int(1, 1000),
        "package_id": Str(36, 36, UUID),
        "created_at": Stamp(),
        "app_version": Str(0, 40),
        "database_schema": Int(0, 10_000),
        "source": Obj(
            {
                "installation_id": Str(1, 64),
                "unit_code": UNIT_CODE,
                "unit_name": Str(0, 300),
                "exported_by": Str(0, 200),
            }
        ),
        "signer": Obj({"key_id": Str(16, 16, KEY_ID), "unit_code": Str(0, 20)}),
        "scope": Obj(
            {
                "mode": Str(1, 20, choices=SCOPE_MODES),
                "period": Str(0, 20),
                "rule": Str(0, 20, choices=("decree", "calendar"), nullable=True),
                "from": Day(nullable=True),
                "to": Day(nullable=True),
                "since": Stamp(nullable=True),
                "covers_from": Day(nullable=True),
                "covers_to": Day(),
            }
        ),
        "counts": Map(
            Str(1, 40, choices=KINDS),
            Obj({"records": Int(0, MAX_RECORDS), "deleted": Int(0, MAX_RECORDS)}),
        ),
        "relayed": List(
            Obj(
                {
                    "package_id": Str(36, 36, UUID),
                    "unit_code": UNIT_CODE,
                    "manifest_sha256": Str(64, 64, HEX64),
                }
            )
        ),
        "keys": List(
            Obj(
                {
                    "key_id": Str(16, 16, KEY_ID),
                    "public_key": Str(44, 44),
                    "unit_code": UNIT_CODE,
                }
            ),
            max_items=MAX_RELAYED,
        ),
        "files": Map(
            Str(1, 80, r"records/[a-z_]+\.jsonl"),
            Obj(
                {
                    "sha256": Str(64, 64, HEX64),
                    "records": Int(0, MAX_RECORDS),
                    "bytes": Int(0, MAX_RECORDS_BYTES),
                }
            ),
        ),
        "content_sha256": Str(64, 64, HEX64),
    }
)
SIGNATURE_SCHEMA = Obj(
    {
        "algorithm": Str(1, 20, choices=("ed25519",)),
        "key_id": Str(16, 16, KEY_ID),
        "signature": Str(88, 88),
    }
)


def check_manifest(manifest: object) -> None:
    """Raise SchemaError naming the first field that is missing, mistyped or out of bounds."""
    MANIFEST_SCHEMA.check(manifest, "")


# -- writing ---------------------------------------------------------------------------------------
Signer = Callable[[bytes], tuple[str, bytes]]


def _signature_document(key_id: str, signature: bytes) -> bytes:
    return json.dumps(
        {
            "algorithm": "ed25519",
            "key_id": key_id,
            "signature": base64.b64encode(signature).decode("ascii"),
        },
        sort_keys=True,
    ).encode("ascii")


@dataclass(frozen=True)
class RelayedManifest:
    """A package received earlier, passed on: its manifest and signature exactly as signed."""

    package_id: str
    unit_code: str
    manifest_bytes: bytes
    signature_bytes: bytes


@dataclass
class PackageContent:
    """A package whose signature, manifest and structure were verified.

    The records are not held in memory: ``lines(kind)`` reads them from the file one at a
    time, checking the member's SHA-256, size and record count against the signed manifest
    as it goes; a mismatch raises ``PackageError`` once the member is read (so a caller that
    writes while reading does so inside a transaction it rolls back).
    """

    manifest: dict
    path: Path
    key_id: str = ""
    manifest_bytes: bytes = b""
    signature_bytes: bytes = b""
    relayed: list[RelayedManifest] = field(default_factory=list)
    signer: object = None  # what ``resolve_key`` returned for the signing key
    # The unit codes the records use, gathered while they are checked (``validate``).
    unit_codes: set[str] = field(default_factory=set)

    @property
    def package_id(self) -> str:
        return self.manifest["package_id"]

    @property
    def digest(self) -> str:
        return sha256_hex(self.manifest_bytes)

    def count(self, kind: str) -> int:
        """The number of records of ``kind``, as the signed manifest says."""
        entry = self.manifest["files"].get(records_file_name(kind))
        return entry["records"] if entry else 0

    @property
    def record_count(self) -> int:
        return sum(entry["records"] for entry in self.manifest["files"].values())

    def lines(self, kind: str) -> Iterator[dict]:
        """The records of ``kind`` in file order, each checked as it is read (see above)."""
        name = records_file_name(kind)
        expected = self.manifest["files"].get(name)
        if expected is None:
            return
        try:
            with zipfile.ZipFile(self.path) as archive:
                info = archive.getinfo(name)
                if info.file_size != expected["bytes"]:
                    raise _refuse(
                        self.path,
                        f"phần dữ liệu {name} đã bị sửa hoặc hỏng (kích thước khác với phần mô tả).",
                    )
                with archive.open(info) as member:
                    yield from _stream_lines(self.path, name, member, expected)
        except PackageError:
            raise
        except _BROKEN as exc:
            raise _refuse(self.path, f"tệp bị hỏng hoặc bị cắt cụt ({exc}).") from exc


# The largest single record line read (a record's texts are bounded far below this).
MAX_LINE_BYTES = 16 * 1024 * 1024
READ_CHUNK = 64 * 1024
_BROKEN = (zipfile.BadZipFile, OSError, KeyError, EOFError, RuntimeError, zlib.error)


def _stream_lines(path: Path, name: str, member, expected: dict) -> Iterator[dict]:
    """Parse the JSON lines of one member while hashing its bytes; the SHA-256, size and
    count are compared once the member is read. A line that does not parse is reported only
    when the bytes match the manifest (otherwise the file was altered, which is said first)."""
    digest = hashlib.sha256()
    size = 0
    count = 0
    broken: str | None = None
    rest = b""
    while True:
        # Read in large chunks and split the lines here: far cheaper than line by line.
        chunk = member.read(READ_CHUNK)
        digest.update(chunk)
        size += len(chunk)
        if size > expected["bytes"]:
            break
        if not chunk:
            raws = [rest] if rest else []
            rest = b""
        else:
            raws = (rest + chunk).split(b"\n")
            rest = raws.pop()
            if len(rest) > MAX_LINE_BYTES:
                broken = broken or "một dòng dài quá mức"
                rest = b""
        for raw in raws:
            if broken is not None or not raw:
                continue
            try:
                line = json.loads(raw)
            except ValueError as exc:  # UnicodeDecodeError is a ValueError
                broken = str(exc)
                continue
            count += 1
            if count > expected["records"]:
                broken = "nhiều bản ghi hơn phần mô tả"
                continue
            yield line
        if not chunk:
            break
    if size != expected["bytes"] or digest.hexdigest() != expected["sha256"]:
        raise _refuse(
            path, f"phần dữ liệu {name} đã bị sửa hoặc hỏng (không khớp mã kiểm tra SHA-256)."
        )
    if broken is not None:
        raise _refuse(path, f"phần dữ liệu {name} không đọc được ({broken}).")
    if count != expected["records"]:
        raise _refuse(path, f"phần dữ liệu {name} không đủ số bản ghi ghi trong gói.")


class _Member:
    """A zip member being written: its bytes hashed and counted on the way in."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()
        self.size = 0
        self.records = 0

    def write(self, blob: bytes) -> None:
        self.handle.write(blob)
        self.digest.update(blob)
        self.size += len(blob)


def write_package(
    path: str | Path,
    manifest: dict,
    records: Mapping[str, Iterable[dict]],
    *,
    signer: Signer | None = None,
    relayed: list[RelayedManifest] = (),
) -> int:
    """Write the package atomically, signed by ``signer`` (default: this installation's key);
    fills ``files``, ``content_sha256`` and ``relayed``; returns its size.

    The records of each kind are written one at a time as their iterable yields them (the
    package is never held whole in memory); the manifest is serialised and signed after them,
    so what the iterables fill in while they run (the export's counts) is in it."""
    if signer is None:
        signer = signing.sign
    path = Path(path)
    files: dict[str, dict] = {}
    # Temporary file, fsync, rename; never onto the open database (see output_files).
    with (
        output_files.open_output(path) as handle,
        zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        for kind, lines in records.items():
            name = records_file_name(kind)
            with archive.open(name, "w") as stream:
                member = _Member(stream)
                pending: list[str] = []
                for line in lines:
                    pending.append(encode_line(line))
                    member.records += 1
                    if len(pending) >= 256:
                        member.write("".join(pending).encode("utf-8"))
                        pending.clear()
                if pending:
                    member.write("".join(pending).encode("utf-8"))
            files[name] = {
                "sha256": member.digest.hexdigest(),
                "records": member.records,
                "bytes": member.size,
            }
        manifest = dict(manifest)
        manifest["files"] = files
        manifest["content_sha256"] = sha256_hex(json.dumps(files, sort_keys=True).encode("utf-8"))
        manifest["relayed"] = [
            {
                "package_id": item.package_id,
                "unit_code": item.unit_code,
                "manifest_sha256": sha256_hex(item.manifest_bytes),
            }
            for item in relayed
        ]
        manifest.setdefault("keys", [])
        manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode(
            "utf-8"
        )
        key_id, signature = signer(manifest_bytes)
        archive.writestr(MANIFEST_NAME, manifest_bytes)
        archive.writestr(CHECKSUM_NAME, sha256_hex(manifest_bytes) + "\n")
        archive.writestr(SIGNATURE_NAME, _signature_document(key_id, signature))
        for item in relayed:
            manifest_name, signature_name = relayed_names(item.package_id)
            archive.writestr(manifest_name, item.manifest_bytes)
            archive.writestr(signature_name, item.signature_bytes)
    return path.stat().st_size


# -- reading ---------------------------------------------------------------------------------------
def _refuse(path: Path, why: str) -> PackageError:
    return PackageError(f"Không nhập được tệp {path.name}: {why} Cơ sở dữ liệu không bị thay đổi.")


def parse_signature(data: bytes) -> tuple[str, bytes]:
    """(key id, signature) from a ``signature.json``; raises SchemaError."""
    try:
        document = json.loads(data.decode("ascii"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise SchemaError("signature.json", "không đọc được") from exc
    SIGNATURE_SCHEMA.check(document, "signature")
    try:
        signature = base64.b64decode(document["signature"], validate=True)
    except ValueError as exc:
        raise SchemaError("signature.signature", "không phải base64") from exc
    if len(signature) != 64:
        raise SchemaError("signature.signature", "không phải chữ ký Ed25519")
    return document["key_id"], signature


# ``resolve_key(key_id)`` returns (raw public key, anything the caller wants back as
# ``content.signer``) or raises PackageError (unknown or revoked key).
KeyResolver = Callable[[str], tuple[bytes, object]]


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise SchemaError(info.filename, f"quá lớn ({info.file_size} byte, tối đa {limit})")
    data = archive.read(info)
    if len(data) > limit:
        raise SchemaError(info.filename, "quá lớn")
    return data


def _known_member(name: str, kinds: list[str]) -> bool:
    if name in (MANIFEST_NAME, CHECKSUM_NAME, SIGNATURE_NAME):
        return True
    if name in {records_file_name(k) for k in kinds}:
        return True
    return bool(re.fullmatch(rf"{RELAYED_DIR}/{UUID}\.(manifest|signature)\.json", name))


def read_package(path: str | Path, kinds: list[str], resolve_key: KeyResolver) -> PackageContent:
    """Verify the package's signature, manifest, structure and relayed parts; ``kinds`` are
    the record kinds this program knows. The records are read later, one at a time and
    checked against the manifest as they are (``PackageContent.lines``)."""
    path = Path(path)
    if not path.is_file():
        raise PackageError(f"Không tìm thấy tệp gói dữ liệu {path}.")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(
            path,
            "tệp không phải gói dữ liệu movement_desk, hoặc đã bị cắt cụt hay hỏng khi sao chép "
            f"({exc}). Hãy xin đơn vị gửi lại tệp.",
        ) from exc
    try:
        with archive:
            return _read_open(archive, path, kinds, resolve_key, signing)
    except PackageError:
        raise
    except SchemaError as exc:
        raise _refuse(path, f"gói không đúng định dạng: {exc}.") from exc
    except _BROKEN as exc:
        raise _refuse(path, f"tệp bị hỏng hoặc bị cắt cụt ({exc}).") from exc


def _read_open(archive, path: Path, kinds, resolve_key, signing) -> PackageContent:
    infos = {info.filename: info for info in archive.infolist()}
    if MANIFEST_NAME not in infos:
        raise _refuse(path, "tệp nén này không phải gói dữ liệu movement_desk (thiếu manifest).")
    strange = sorted(name for name in infos if not _known_member(name, kinds))
    if strange:
        raise _refuse(path, f"gói chứa phần lạ “{strange[0][:80]}” không thuộc định dạng gói.")
    if SIGNATURE_NAME not in infos:
        raise _refuse(
            path,
            "gói không có chữ ký số của đơn vị gửi (gói chưa ký hoặc do phiên bản cũ tạo ra). "
            "Hãy đề nghị đơn vị gửi lại gói tạo bằng phiên bản hiện tại.",
        )
    key_id, signature = parse_signature(
        _read_member(archive, infos[SIGNATURE_NAME], MAX_SIGNATURE_BYTES)
    )
    public_raw, signer = resolve_key(key_id)
    manifest_bytes = _read_member(archive, infos[MANIFEST_NAME], MAX_MANIFEST_BYTES)
    if not signing.verify_signature(public_raw, signature, manifest_bytes):
        raise _refuse(
            path,
            f"chữ ký số không khớp với nội dung: gói đã bị sửa hoặc hỏng sau khi đơn vị "
            f"(khóa {signing.fingerprint(key_id)}) ký.",
        )
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _refuse(path, "phần mô tả (manifest) của gói bị hỏng.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(path, "tệp này không phải gói dữ liệu movement_desk.")
    version = manifest.get("format_version")
    if type(version) is int and version > FORMAT_VERSION:
        raise _refuse(
            path,
            f"gói được tạo bởi phiên bản mới hơn của movement_desk (định dạng {version}, "
            f"phiên bản này chỉ đọc được đến {FORMAT_VERSION}). Hãy cập nhật chương trình.",
        )
    check_manifest(manifest)
    if manifest["signer"]["key_id"] != key_id:
        raise _refuse(path, "mục “signer.key_id” khác với khóa đã ký gói.")
    files = manifest["files"]
    if sha256_hex(json.dumps(files, sort_keys=True).encode("utf-8")) != manifest["content_sha256"]:
        raise _refuse(path, "danh sách nội dung của gói không khớp mã kiểm tra.")
    unknown = [name for name in files if name not in {records_file_name(k) for k in kinds}]
    if unknown:
        raise _refuse(path, f"gói chứa loại dữ liệu chương trình này không biết ({unknown[0]}).")
    for kind in kinds:
        name = records_file_name(kind)
        if name not in files:
            if name in infos:
                raise _refuse(path, f"phần dữ liệu {name} không có trong phần mô tả của gói.")
            continue
        if name not in infos:
            raise _refuse(path, f"gói thiếu phần dữ liệu {name}.")
        if infos[name].file_size != files[name]["bytes"]:
            raise _refuse(
                path, f"phần dữ liệu {name} đã bị sửa hoặc hỏng (kích thước khác với phần mô tả)."
            )
        # The records themselves are read, hashed and counted by ``PackageContent.lines``.
    relayed = []
    listed = set()
    for entry in manifest["relayed"]:
        manifest_name, signature_name = relayed_names(entry["package_id"])
        listed.update((manifest_name, signature_name))
        if manifest_name not in infos or signature_name not in infos:
            raise _refuse(
                path, f"gói thiếu phần chuyển tiếp của gói {entry['package_id']} (relayed)."
            )
        inner = _read_member(archive, infos[manifest_name], MAX_MANIFEST_BYTES)
        if sha256_hex(inner) != entry["manifest_sha256"]:
            raise _refuse(path, f"phần chuyển tiếp của gói {entry['package_id']} đã bị sửa.")
        relayed.append(
            RelayedManifest(
                entry["package_id"],
                entry["unit_code"],
                inner,
                _read_member(archive, infos[signature_name], MAX_SIGNATURE_BYTES),
            )
        )
    extra = sorted(n for n in infos if n.startswith(f"{RELAYED_DIR}/") and n not in listed)
    if extra:
        raise _refuse(path, f"gói chứa phần chuyển tiếp không được liệt kê ({extra[0]}).")
    signature_bytes = archive.read(infos[SIGNATURE_NAME])
    return PackageContent(
        manifest,
        path,
        key_id=key_id,
        manifest_bytes=manifest_bytes,
        signature_bytes=signature_bytes,
        relayed=relayed,
        signer=signer,
    )


def verify_relayed(item: RelayedManifest, resolve_key: KeyResolver) -> tuple[dict, object]:
    """(manifest, signer) of a relayed package: its signature is checked with the key the caller
    trusts for it before its manifest is parsed and checked against the schema. Raises
    PackageError (from ``resolve_key``), SchemaError or ValueError (signature mismatch)."""
    key_id, signature = parse_signature(item.signature_bytes)
    public_raw, signer = resolve_key(key_id)
    if not signing.verify_signature(public_raw, signature, item.manifest_bytes):
        raise ValueError(f"chữ ký của gói chuyển tiếp {item.package_id} không khớp")
    try:
        manifest = json.loads(item.manifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise SchemaError(f"relayed.{item.package_id}", "không đọc được") from exc
    check_manifest(manifest)
    if manifest["signer"]["key_id"] != key_id or manifest["package_id"] != item.package_id:
        raise ValueError(f"gói chuyển tiếp {item.package_id} không khớp với chữ ký của nó")
    return manifest, signer
