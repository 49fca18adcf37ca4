"""Signing keys: this installation's Ed25519 key pair and the public keys it trusts, by unit.

- Each installation (``settings.installation_id``) has one key pair, made on first start. The
  private key lives in a file outside the database (``key_dir()``, one file per installation
  id), so it never travels in a package, an export or a backup of the database. On POSIX the
  file is ``0600`` in a ``0700`` folder of the user's data directory; on Windows its content
  is encrypted with the user's DPAPI key (``CryptProtectData``), so another account, or the
  file copied to another machine, cannot read it. See docs/package-format.md ("Keys").
- The public keys this installation ever signed with are kept in ``signing_key`` (``own``),
  so certificates printed here keep verifying after the database moves to another machine.
- The level above enrols an office once: ``export_public_key`` writes a small file,
  ``trust_key(file, unit)`` binds its key to a unit (audited); ``revoke_key`` stops trusting
  it. ``fingerprint`` is short enough to read over the phone.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from movement_desk import paths
from movement_desk.db.connection import db
from movement_desk.db.models import utcnow
from movement_desk.db.packages import SigningKey
from movement_desk.services.core import audit, output_files, permissions, settings, unit_tree
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import NotFoundError, ServiceError

# The cryptography library is imported where a key is used: it takes a tenth of a second to
# load, and opening a database or the window (which sees to the key afterwards) needs none.
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

KEY_DIR_ENV_VAR = "MOVEMENT_DESK_KEY_DIR"
KEY_FILE_FORMAT = "movement-desk-public-key"
KEY_ID_CHARS = 16  # 80 bits of SHA-256 of the public key, base32
ALGORITHM = "ed25519"
MAX_KEY_FILE = 16_384


class KeyFileError(ServiceError):
    """A key file that cannot be read or trusted; the message says why."""


def key_dir() -> Path:
    """Where private keys live: ``$MOVEMENT_DESK_KEY_DIR`` or ``<data dir>/keys``."""
    explicit = os.environ.get(KEY_DIR_ENV_VAR)
    return Path(explicit) if explicit else paths.data_dir() / "keys"


# -- identifiers ---------------------------------------------------------------------------------
def raw_public(key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id_of(public_raw: bytes) -> str:
    """16 characters of base32 (A–Z, 2–7) of the SHA-256 of the raw public key."""
    return base64.b32encode(hashlib.sha256(public_raw).digest()).decode("ascii")[:KEY_ID_CHARS]


def fingerprint(key_id: str) -> str:
    """The key id in groups of four, to read over the phone: ``ABCD-EFGH-IJKL-MNOP``."""
    return "-".join(key_id[i : i + 4] for i in range(0, len(key_id), 4))


def normalise_key_id(text: str) -> str:
    return "".join(ch for ch in str(text).upper() if ch.isalnum())


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object, size: int | None = None) -> bytes | None:
    if not isinstance(text, str) or len(text) > 200:
        return None
    try:
        data = base64.b64decode(text, validate=True)
    except ValueError:
        return None
    return data if size is None or len(data) == size else None


def public_key_from_raw(raw: bytes) -> Ed25519PublicKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    return Ed25519PublicKey.from_public_bytes(raw)


def verify_signature(public_raw: bytes, signature: bytes, message: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        public_key_from_raw(public_raw).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


# -- the private key at rest ---------------------------------------------------------------------
def _protect(data: bytes) -> bytes:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _dpapi(data, protect=True)
    return data


def _unprotect(data: bytes) -> bytes:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _dpapi(data, protect=False)
    return data


def _dpapi(data: bytes, *, protect: bool) -> bytes:  # pragma: no cover - Windows only
    """Encrypt or decrypt with the Windows user's DPAPI key (CryptProtectData)."""
    import ctypes
    from ctypes import wintypes

    class Blob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    crypt32 = ctypes.windll.crypt32
    kernel32 = ctypes.windll.kernel32
    buffer = ctypes.create_string_buffer(data, len(data))
    source = Blob(len(data), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char)))
    target = Blob()
    call = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    ok = call(
        ctypes.byref(source),
        "movement_desk" if protect else None,
        None,
        None,
        None,
        0x1,  # CRYPTPROTECT_UI_FORBIDDEN
        ctypes.byref(target),
    )
    if not ok:
        raise ServiceError("Không đọc hoặc ghi được khóa ký của máy này (DPAPI từ chối).")
    try:
        return ctypes.string_at(target.pbData, target.cbData)
    finally:
        kernel32.LocalFree(target.pbData)


def _key_path(installation: str) -> Path:
    safe = "".join(ch for ch in installation if ch.isalnum() or ch == "-")
    return key_dir() / f"{safe}.key"


def _write_private(path: Path, key: Ed25519PrivateKey) -> None:
    from cryptography.hazmat.primitives import serialization

    path.parent.mkdir(parents=True, exist_ok=True)
    if sys.platform != "win32":
        os.chmod(path.parent, 0o700)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(handle, "wb") as stream:
        stream.write(_protect(pem))
        stream.flush()
        os.fsync(stream.fileno())
    try:
        # Never replace a key another process made meanwhile: link fails if the file exists.
        os.link(temporary, path)
    except FileExistsError:
        pass
    except OSError:
        if not path.exists():
            os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _write_private_or_explain(path: Path, key: Ed25519PrivateKey) -> None:
    try:
        _write_private(path, key)
    except OSError as exc:
        raise ServiceError(
            f"Không ghi được khóa ký của máy này vào {path.parent} ({exc.strerror or exc}). "
            "Hãy kiểm tra quyền ghi thư mục đó (hoặc đặt MOVEMENT_DESK_KEY_DIR)."
        ) from exc


def _read_private(path: Path) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(_unprotect(path.read_bytes()), password=None)
    except (OSError, ValueError) as exc:
        raise ServiceError(
            f"Không đọc được khóa ký của máy này ({path}): {exc}. Hãy báo quản trị."
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ServiceError(f"Tệp {path} không phải khóa ký Ed25519.")
    return key


_CACHE: dict[str, Ed25519PrivateKey] = {}


def own_private_key() -> Ed25519PrivateKey:
    """This installation's private key, made (and its public key recorded) on first use."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    installation = settings.installation_id()
    path = _key_path(installation)
    cached = _CACHE.get(str(path))
    if cached is None:
        if not path.is_file():
            _write_private_or_explain(path, Ed25519PrivateKey.generate())
        cached = _read_private(path)  # the one on disk, even if another process made it first
        _CACHE[str(path)] = cached
    row = SigningKey.get_or_none(SigningKey.key_id == key_id_of(raw_public(cached.public_key())))
    if row is not None and row.revoked_at is not None:
        # Our own key was revoked (a copy of it may be loose): sign with a new one from now on.
        retired = path.with_name(f"{path.stem}.revoked-{row.key_id}.key")
        if path.is_file() and _read_private(path).public_key() == cached.public_key():
            os.replace(path, retired)  # (another process may have made the new one already)
        if not path.is_file():
            _write_private_or_explain(path, Ed25519PrivateKey.generate())
        retired.unlink(missing_ok=True)
        cached = _read_private(path)
        _CACHE[str(path)] = cached
    _record_own(cached, installation)
    return cached


def _record_own(key: Ed25519PrivateKey, installation: str) -> None:
    public = raw_public(key.public_key())
    key_id = key_id_of(public)
    if SigningKey.select().where(SigningKey.key_id == key_id).exists():
        return
    with db.atomic():
        SigningKey.create(
            key_id=key_id,
            public_key=b64(public),
            unit_code=settings.get("home_unit_code") or "",
            own=True,
            installation_id=installation,
            label="Khóa của máy này",
            added_at=utcnow(),
            added_by="system",
        )


def ensure_own_key() -> str:
    """Make the key pair if this installation has none yet; return its key id ("" when the
    key folder cannot be written: the database still opens, and signing says why it fails)."""
    try:
        return own_key_id()
    except ServiceError:
        return ""


def own_key_id() -> str:
    return key_id_of(raw_public(own_private_key().public_key()))


def sign(message: bytes) -> tuple[str, bytes]:
    """(key id, Ed25519 signature of ``message``) with this installation's key."""
    key = own_private_key()
    return key_id_of(raw_public(key.public_key())), key.sign(message)


# -- trusted keys --------------------------------------------------------------------------------
@dataclass(frozen=True)
class KnownKey:
    """A public key this database knows, with what it may sign for."""

    key_id: str
    public_raw: bytes
    unit_code: str
    own: bool
    revoked: bool
    vouched_by: str | None = None
    label: str = ""
    added_at: datetime | None = None
    added_by: str = ""
    revoked_at: datetime | None = None
    revoked_reason: str = ""

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key_id)

    def signer_unit(self) -> str:
        """The unit whose subtree the key may sign for (this installation's: its home unit)."""
        if self.own:
            return settings.get("home_unit_code") or self.unit_code
        return self.unit_code


def _known(row: SigningKey) -> KnownKey:
    return KnownKey(
        key_id=row.key_id,
        public_raw=base64.b64decode(row.public_key),
        unit_code=row.unit_code,
        own=bool(row.own),
        revoked=row.revoked_at is not None,
        vouched_by=row.vouched_by,
        label=row.label,
        added_at=row.added_at,
        added_by=row.added_by,
        revoked_at=row.revoked_at,
        revoked_reason=row.revoked_reason,
    )


def find_key(key_id: str) -> KnownKey | None:
    row = SigningKey.get_or_none(SigningKey.key_id == normalise_key_id(key_id))
    return _known(row) if row is not None else None


def list_keys() -> list[KnownKey]:
    """Own keys first, then trusted keys by unit code."""
    rows = SigningKey.select().order_by(SigningKey.own.desc(), SigningKey.unit_code, SigningKey.id)
    return [_known(row) for row in rows]


@dataclass(frozen=True)
class PublicKeyFile:
    key_id: str
    public_raw: bytes
    unit_code: str
    unit_name: str
    installation_id: str


def public_key_document() -> dict:
    key = own_private_key()
    public = raw_public(key.public_key())
    home = settings.get("home_unit_code") or ""
    unit = unit_tree.find_unit(home) if home else None
    key_id = key_id_of(public)
    return {
        "format": KEY_FILE_FORMAT,
        "version": 1,
        "algorithm": ALGORITHM,
        "public_key": b64(public),
        "key_id": key_id,
        "fingerprint": fingerprint(key_id),
        "unit_code": home,
        "unit_name": unit.title if unit else "",
        "installation_id": settings.installation_id(),
        "created_at": utcnow().isoformat(timespec="seconds") + "Z",
    }


def export_public_key(out_path: str | Path, actor: Actor) -> PublicKeyFile:
    """Write this installation's public key (never the private one) to ``out_path``."""
    document = public_key_document()
    out_path = Path(out_path)
    with output_files.open_output(out_path, text=True) as handle:  # temporary file, rename
        handle.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    with db.atomic():
        audit.log(
            actor,
            "key",
            table="signing_key",
            uuid=document["key_id"],
            label=document["fingerprint"],
            summary=f"Xuất khóa công khai {document['fingerprint']} ra {out_path.name}",
        )
    return read_public_key_file(out_path)


def read_public_key_file(path: str | Path) -> PublicKeyFile:
    """Read and check a public key file; raises KeyFileError naming what is wrong."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_KEY_FILE:
            raise KeyFileError(f"Tệp {path.name} quá lớn để là tệp khóa công khai.")
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KeyFileError(f"Không tìm thấy tệp khóa {path}.") from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise KeyFileError(f"Tệp {path.name} không phải tệp khóa công khai movement_desk.") from exc
    if not isinstance(document, dict) or document.get("format") != KEY_FILE_FORMAT:
        raise KeyFileError(f"Tệp {path.name} không phải tệp khóa công khai movement_desk.")
    if document.get("algorithm") != ALGORITHM:
        raise KeyFileError(f"Tệp {path.name}: thuật toán “{document.get('algorithm')}” không dùng.")
    public = unb64(document.get("public_key"), 32)
    if public is None:
        raise KeyFileError(f"Tệp {path.name}: trường “public_key” không phải khóa Ed25519.")
    key_id = key_id_of(public)
    stated = document.get("key_id")
    if stated is not None and normalise_key_id(stated) != key_id:
        raise KeyFileError(f"Tệp {path.name}: mã khóa ghi trong tệp không khớp với khóa.")
    text = {k: document.get(k) for k in ("unit_code", "unit_name", "installation_id")}
    for name, value in text.items():
        if value is not None and (not isinstance(value, str) or len(value) > 300):
            raise KeyFileError(f"Tệp {path.name}: trường “{name}” không hợp lệ.")
    return PublicKeyFile(
        key_id,
        public,
        text["unit_code"] or "",
        text["unit_name"] or "",
        text["installation_id"] or "",
    )


def trust_key(
    path: str | Path, unit_code: str, actor: Actor, *, expect_fingerprint: str | None = None
) -> KnownKey:
    """Trust the key in ``path`` for ``unit_code`` and everything under it (audited).

    ``expect_fingerprint`` (read over the phone) must match when given. A key already trusted
    for another unit, or revoked, is refused: revoke, then enrol the office's new key.
    """
    unit = unit_tree.get_unit(unit_code)
    permissions.require(actor, "key.trust", unit)
    document = read_public_key_file(path)
    if expect_fingerprint and normalise_key_id(expect_fingerprint) != document.key_id:
        raise KeyFileError(
            f"Dấu vân tay của khóa trong tệp là {fingerprint(document.key_id)}, khác với "
            f"{expect_fingerprint} đã đọc qua điện thoại: không tin cậy khóa này."
        )
    with db.atomic():
        existing = SigningKey.get_or_none(SigningKey.key_id == document.key_id)
        if existing is not None:
            if existing.revoked_at is not None:
                raise KeyFileError(
                    f"Khóa {fingerprint(document.key_id)} đã bị thu hồi ngày "
                    f"{existing.revoked_at:%d/%m/%Y}; không tin cậy lại khóa đã thu hồi."
                )
            if existing.own:
                raise KeyFileError("Đây là khóa của chính máy này; không cần tin cậy.")
            if existing.unit_code == unit.code and existing.vouched_by is None:
                return _known(existing)
            if existing.vouched_by is None:
                raise KeyFileError(
                    f"Khóa {fingerprint(document.key_id)} đã được tin cậy cho đơn vị "
                    f"{existing.unit_code}; hãy thu hồi trước nếu muốn gắn với đơn vị khác."
                )
            existing.delete_instance()
        row = SigningKey.create(
            key_id=document.key_id,
            public_key=b64(document.public_raw),
            unit_code=unit.code,
            own=False,
            installation_id=document.installation_id,
            label=document.unit_name or unit.title,
            added_at=utcnow(),
            added_by=actor.username,
        )
        audit.log(
            actor,
            "key",
            table="signing_key",
            uuid=document.key_id,
            label=f"{unit.title} ({unit.code})",
            unit_id=unit.id,
            summary=f"Tin cậy khóa {fingerprint(document.key_id)} cho {unit.title} ({unit.code})",
        )
    return _known(row)


def vouch_key(key_id: str, public_raw: bytes, unit_code: str, by: KnownKey) -> KnownKey | None:
    """A key relayed inside a package signed by ``by`` for a unit under ``by``'s unit.

    Kept (marked ``vouched_by``) so relayed manifests can be checked; never replaces an enrolled
    or revoked key. Returns the key this database will use for ``key_id``."""
    existing = SigningKey.get_or_none(SigningKey.key_id == key_id)
    if existing is not None:
        return _known(existing)
    enrolled = SigningKey.get_or_none(
        (SigningKey.unit_code == unit_code)
        & SigningKey.vouched_by.is_null()
        & SigningKey.revoked_at.is_null()
        & (SigningKey.own == 0)  # a stored 0/1 on both backends (NOT needs a boolean on the server)
    )
    if enrolled is not None:
        return None  # this office enrolled the unit's key itself: a relayed one cannot replace it
    row = SigningKey.create(
        key_id=key_id,
        public_key=b64(public_raw),
        unit_code=unit_code,
        own=False,
        label=f"Chuyển tiếp bởi khóa {fingerprint(by.key_id)}",
        vouched_by=by.key_id,
        added_at=utcnow(),
        added_by="system",
    )
    return _known(row)


def revoke_key(key_id: str, reason: str, actor: Actor) -> KnownKey:
    """Stop trusting a key (lost, stolen, office re-installed); audited. Own keys too."""
    row = SigningKey.get_or_none(SigningKey.key_id == normalise_key_id(key_id))
    if row is None:
        raise NotFoundError(f"Không có khóa {key_id} trong danh sách khóa của máy này.")
    permissions.require(actor, "key.trust", row.unit_code or None)
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise ServiceError("Hãy ghi lý do thu hồi khóa.")
    if len(reason) > 1000:
        raise ServiceError("Lý do thu hồi khóa dài quá 1.000 ký tự; hãy rút gọn.")
    if row.revoked_at is not None:
        raise ServiceError(f"Khóa {fingerprint(row.key_id)} đã bị thu hồi trước đó.")
    with db.atomic():
        row.revoked_at = utcnow()
        row.revoked_by = actor.username
        row.revoked_reason = reason
        row.save()
        audit.log(
            actor,
            "key",
            table="signing_key",
            uuid=row.key_id,
            label=fingerprint(row.key_id),
            summary=f"Thu hồi khóa {fingerprint(row.key_id)} ({row.unit_code}): {reason}",
        )
    return _known(row)
