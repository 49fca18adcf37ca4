"""The data package file: a zip with a manifest, its checksum and one JSON-lines file per kind.

Writing goes to a temporary file beside the target and is renamed into place, so a full disk
or a crash never leaves a half-written package under the real name. Reading checks, in order:
the file is a readable zip, it is one of our packages, its format is not newer than this
program, the manifest matches its checksum, each data file matches the manifest's SHA-256 and
record count. Any failure raises ``PackageError`` with a Vietnamese message and nothing else
happens. See docs/package-format.md.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from movement_desk.services.errors import ServiceError

FORMAT = "movement-desk-package"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
CHECKSUM_NAME = "manifest.sha256"
RECORDS_DIR = "records"
FILE_SUFFIX = ".mdpkg"


class PackageError(ServiceError):
    """The file cannot be imported; the message says why and that nothing was changed."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def records_file_name(kind: str) -> str:
    return f"{RECORDS_DIR}/{kind}.jsonl"


def encode_lines(lines: list[dict]) -> bytes:
    """One compact JSON object per line, UTF-8, keys sorted so the bytes are repeatable."""
    dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
    return "".join(dumps(line) + "\n" for line in lines).encode("utf-8")


@dataclass
class PackageContent:
    """A package read and verified: its manifest and the records of each kind, in file order."""

    manifest: dict
    records: dict[str, list[dict]]
    path: Path

    @property
    def package_id(self) -> str:
        return self.manifest["package_id"]


def write_package(path: str | Path, manifest: dict, records: dict[str, list[dict]]) -> int:
    """Write the package atomically; fills ``files`` and ``content_sha256``; returns its size."""
    path = Path(path)
    blobs = {records_file_name(kind): encode_lines(lines) for kind, lines in records.items()}
    manifest = dict(manifest)
    manifest["files"] = {}
    for kind, lines in records.items():
        blob = blobs[records_file_name(kind)]
        manifest["files"][records_file_name(kind)] = {
            "sha256": sha256_hex(blob),
            "records": len(lines),
            "bytes": len(blob),
        }
    manifest["content_sha256"] = sha256_hex(
        json.dumps(manifest["files"], sort_keys=True).encode("utf-8")
    )
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode(
        "utf-8"
    )
    from movement_desk.services import output_files

    # Temporary file, fsync, rename; never onto the open database (see output_files).
    with (
        output_files.open_output(path) as handle,
        zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        archive.writestr(MANIFEST_NAME, manifest_bytes)
        archive.writestr(CHECKSUM_NAME, sha256_hex(manifest_bytes) + "\n")
        for name, blob in blobs.items():
            archive.writestr(name, blob)
    return path.stat().st_size


def _refuse(path: Path, why: str) -> PackageError:
    return PackageError(f"Không nhập được tệp {path.name}: {why} Cơ sở dữ liệu không bị thay đổi.")


def read_manifest(path: str | Path) -> tuple[zipfile.ZipFile, dict]:
    """Open the zip and return it with its checked manifest (not yet the records)."""
    path = Path(path)
    if not path.is_file():
        raise PackageError(f"Không tìm thấy tệp gói dữ liệu {path}.")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _refuse(
            path,
            "tệp không phải gói dữ liệu movement_desk, hoặc đã bị cắt cụt hay hỏng khi sao chép "
            f"({exc}). Hãy xin đơn vị gửi lại tệp.",
        ) from exc
    try:
        names = set(archive.namelist())
        if MANIFEST_NAME not in names:
            raise _refuse(
                path, "tệp nén này không phải gói dữ liệu movement_desk (thiếu manifest)."
            )
        manifest_bytes = archive.read(MANIFEST_NAME)
        try:
            manifest = json.loads(manifest_bytes.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise _refuse(path, "phần mô tả (manifest) của gói bị hỏng.") from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise _refuse(path, "tệp này không phải gói dữ liệu movement_desk.")
        version = manifest.get("format_version")
        if not isinstance(version, int) or version < 1:
            raise _refuse(path, "gói không ghi rõ phiên bản định dạng.")
        if version > FORMAT_VERSION:
            raise _refuse(
                path,
                f"gói được tạo bởi phiên bản mới hơn của movement_desk (định dạng {version}, "
                f"phiên bản này chỉ đọc được đến {FORMAT_VERSION}). Hãy cập nhật chương trình.",
            )
        expected = (
            archive.read(CHECKSUM_NAME).decode("ascii", "replace").strip()
            if CHECKSUM_NAME in names
            else ""
        )
        if expected != sha256_hex(manifest_bytes):
            raise _refuse(path, "phần mô tả của gói đã bị sửa hoặc hỏng (sai mã kiểm tra).")
        for key in ("package_id", "created_at", "source", "scope", "files", "content_sha256"):
            if key not in manifest:
                raise _refuse(path, f"phần mô tả của gói thiếu mục “{key}”.")
    except PackageError:
        archive.close()
        raise
    except (zipfile.BadZipFile, OSError, KeyError, EOFError) as exc:
        archive.close()
        raise _refuse(path, f"tệp bị hỏng hoặc bị cắt cụt ({exc}).") from exc
    return archive, manifest


def read_package(path: str | Path, kinds: list[str]) -> PackageContent:
    """Read and verify the whole package; ``kinds`` are the record kinds this program knows."""
    path = Path(path)
    archive, manifest = read_manifest(path)
    with archive:
        files = manifest["files"]
        if sha256_hex(json.dumps(files, sort_keys=True).encode("utf-8")) != manifest.get(
            "content_sha256"
        ):
            raise _refuse(path, "danh sách nội dung của gói không khớp mã kiểm tra.")
        unknown = [name for name in files if name not in {records_file_name(k) for k in kinds}]
        if unknown:
            raise _refuse(
                path, f"gói chứa loại dữ liệu chương trình này không biết ({unknown[0]})."
            )
        records: dict[str, list[dict]] = {}
        for kind in kinds:
            name = records_file_name(kind)
            if name not in files:
                records[kind] = []
                continue
            try:
                blob = archive.read(name)
            except KeyError as exc:
                raise _refuse(path, f"gói thiếu phần dữ liệu {name}.") from exc
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise _refuse(path, f"phần dữ liệu {name} bị hỏng ({exc}).") from exc
            if sha256_hex(blob) != files[name].get("sha256"):
                raise _refuse(
                    path,
                    f"phần dữ liệu {name} đã bị sửa hoặc hỏng (không khớp mã kiểm tra SHA-256).",
                )
            try:
                lines = [json.loads(line) for line in blob.decode("utf-8").splitlines() if line]
            except (UnicodeDecodeError, ValueError) as exc:
                raise _refuse(path, f"phần dữ liệu {name} không đọc được ({exc}).") from exc
            if len(lines) != files[name].get("records"):
                raise _refuse(path, f"phần dữ liệu {name} không đủ số bản ghi ghi trong gói.")
            records[kind] = lines
    return PackageContent(manifest, records, path)
