"""Checking a package's records before anything is written: fields, then the forms' rules."""

from __future__ import annotations

import functools
import sqlite3
from datetime import date, datetime
from pathlib import Path

from movement_desk import vietnamese
from movement_desk.services.core import lookups, signing
from movement_desk.services.core.errors import ValidationError
from movement_desk.services.core.validation import MAX_COUNT
from movement_desk.services.packages import file_format as package_file
from movement_desk.services.packages.file_format import PackageError
from movement_desk.services.packages.spec import KIND_ORDER, KIND_SPECS, META_COLUMNS, KindSpec

EARLIEST_YEAR, LATEST_YEAR = 1945, 2200  # dates outside are typing errors or forgeries
MAX_META_TEXT = 200
MAX_VECTOR = 1_000
MAX_COUNTER = 1_000_000_000


def _check_stamp(value, nullable: bool = False) -> bool:
    if value is None:
        return nullable
    if not isinstance(value, str) or len(value) > 40:
        return False
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return False
    return EARLIEST_YEAR <= moment.year <= LATEST_YEAR


_LINE_KEYS = frozenset({*META_COLUMNS, "vector", "data"})


@functools.cache
def _data_keys(spec: KindSpec) -> tuple[frozenset, frozenset]:
    """The fields a record of the kind must have, and those it may have."""
    return (
        frozenset(f.key for f in spec.fields if not f.optional),
        frozenset(f.key for f in spec.fields),
    )


def _check_line(spec: KindSpec, line: object, enums: dict) -> str | None:
    """Return what is wrong with one record of a package, or None. Texts are NFC-normalised."""
    if not isinstance(line, dict):
        return "không phải một bản ghi"
    uuid = line.get("uuid")
    if not isinstance(uuid, str) or not 1 <= len(uuid) <= 64:
        return "thiếu mã định danh (uuid)"
    if not (_check_stamp(line.get("created_at")) and _check_stamp(line.get("updated_at"))):
        return "thời điểm tạo hoặc sửa không hợp lệ"
    if not _check_stamp(line.get("deleted_at"), nullable=True):
        return "thời điểm xóa không hợp lệ"
    for key in ("created_by", "updated_by", "origin"):
        if not isinstance(line.get(key), str) or len(line[key]) > MAX_META_TEXT:
            return f"thiếu hoặc sai trường {key}"
    deleted_by = line.get("deleted_by")
    if deleted_by is not None and (not isinstance(deleted_by, str) or len(deleted_by) > 200):
        return "người xóa không hợp lệ"
    revision = line.get("revision")
    if type(revision) is not int or not 1 <= revision <= MAX_COUNTER:
        return "số phiên bản (revision) không hợp lệ"
    vector = line.get("vector")
    if (
        not isinstance(vector, dict)
        or not 1 <= len(vector) <= MAX_VECTOR
        or not all(
            isinstance(k, str) and len(k) <= 64 and type(v) is int and 1 <= v <= MAX_COUNTER
            for k, v in vector.items()
        )
    ):
        return "véc-tơ phiên bản không hợp lệ"
    if not _LINE_KEYS.issuperset(line):
        extra = set(line) - _LINE_KEYS
        return f"có trường lạ “{sorted(extra)[0][:40]}”"
    data = line.get("data")
    required, known = _data_keys(spec)
    if not isinstance(data, dict) or not (required <= data.keys() and known.issuperset(data)):
        return "các trường dữ liệu không đúng với loại bản ghi"
    for spec_field in spec.fields:
        if spec_field.key not in data:
            continue  # an optional field left out
        value = data[spec_field.key]
        if value is None:
            if spec_field.nullable:
                continue
            return f"trường “{spec_field.label}” bị trống"
        codec = spec_field.codec
        if isinstance(value, str) and len(value) > 100_000:
            return f"trường “{spec_field.label}” dài quá mức"
        if codec == "int":
            if type(value) is not int or value < 0:
                return f"trường “{spec_field.label}” phải là số nguyên không âm"
            if value > MAX_COUNT:
                return (
                    f"trường “{spec_field.label}” = {vietnamese.format_number(value)} quá lớn "
                    f"(tối đa {vietnamese.format_number(MAX_COUNT)})"
                )
        elif not isinstance(value, str):
            return f"trường “{spec_field.label}” không phải chữ"
        elif codec == "date":
            try:
                day = date.fromisoformat(value)
            except ValueError:
                return f"trường “{spec_field.label}” không phải ngày hợp lệ"
            if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
                return f"trường “{spec_field.label}” có ngày {value} ngoài khoảng hợp lý"
        elif codec == "stamp":
            if not _check_stamp(value):
                return f"trường “{spec_field.label}” không phải thời điểm hợp lệ"
        elif codec == "enum":
            if value not in enums[spec_field.key]:
                return f"trường “{spec_field.label}” có giá trị lạ “{value}”"
        elif codec == "text" and not value.isascii():
            data[spec_field.key] = vietnamese.nfc(value)
    return None


DUPLICATE = "trùng mã định danh với một bản ghi khác trong gói"
SEEN_BATCH = 2_000


class _Seen:
    """What the check of one package remembers across its records, kept in a private temporary
    SQLite file rather than in memory (its page cache is bounded): the uuids of each kind,
    for duplicates, and the day of each decision, for its recipients' rules."""

    def __init__(self):
        self.connection = sqlite3.connect("")  # "": a temporary file, deleted on close
        self.connection.execute("PRAGMA cache_size = -2000")
        self.connection.execute(
            "CREATE TABLE seen (kind TEXT, uuid TEXT, day TEXT, PRIMARY KEY (kind, uuid)) "
            "WITHOUT ROWID"
        )

        self.pending: dict[str, tuple[int, str | None]] = {}  # uuid -> (number, day)

    def add(self, kind: str, number: int, uuid: str, day: str | None) -> list[int]:
        """Remember the uuid of record ``number``; returns the numbers of the records found to
        repeat an earlier uuid (this one at once, others when a batch is written)."""
        if uuid in self.pending:
            return [number]
        self.pending[uuid] = (number, day)
        return self.flush(kind) if len(self.pending) >= SEEN_BATCH else []

    def flush(self, kind: str) -> list[int]:
        """Write the pending uuids (one statement per batch, not per record)."""
        rows, self.pending = self.pending, {}
        uuids = list(rows)
        repeated: set[str] = set()
        for start in range(0, len(uuids), 500):
            chunk = uuids[start : start + 500]
            repeated.update(
                uuid
                for (uuid,) in self.connection.execute(
                    f"SELECT uuid FROM seen WHERE kind = ? AND uuid IN ({','.join('?' * len(chunk))})",
                    [kind, *chunk],
                )
            )
        self.connection.executemany(
            "INSERT OR IGNORE INTO seen VALUES (?, ?, ?)",
            [(kind, uuid, day) for uuid, (_, day) in rows.items()],
        )
        return sorted(rows[uuid][0] for uuid in repeated)

    def day(self, decision_uuid) -> str | None:
        if not isinstance(decision_uuid, str):
            return None
        row = self.connection.execute(
            "SELECT day FROM seen WHERE kind = 'decision' AND uuid = ?", (decision_uuid,)
        ).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        self.connection.close()


def check_records(content: package_file.PackageContent) -> None:
    """One pass over the package's records (read one at a time): each line's fields and types,
    duplicate uuids, then every record through its form's rules. The whole package is refused
    naming the records and fields: the broken lines first, else the rules' problems. Fills
    ``content.unit_codes``."""
    broken: list[str] = []
    broken_count = 0
    problems: list[str] = []
    count = 0
    seen = _Seen()

    def repeated(spec: KindSpec, numbers: list[int]) -> None:
        nonlocal broken_count
        for number in numbers:
            broken_count += 1
            if len(broken) < MAX_PROBLEMS:
                broken.append(f"{spec.label} thứ {number}: {DUPLICATE}")

    try:
        with lookups.cached_references():  # units and model types read once, not per record
            for spec in KIND_SPECS:
                enums = {f.key: set(f.enum.keys()) for f in spec.fields if f.codec == "enum"}
                unit_keys = [f.key for f in spec.fields if f.codec == "unit"]
                is_decision = spec.table == "decision"
                for number, line in enumerate(content.lines(spec.table), start=1):
                    problem = _check_line(spec, line, enums)
                    if problem is None:
                        day = line["data"].get("decided_on") if is_decision else None
                        again = seen.add(spec.table, number, line["uuid"], day)
                        if number in again:
                            problem = DUPLICATE
                        repeated(spec, [n for n in again if n != number])
                    if problem:
                        broken_count += 1
                        if len(broken) < MAX_PROBLEMS:
                            broken.append(f"{spec.label} thứ {number}: {problem}")
                        continue
                    content.unit_codes.update(line["data"][key] for key in unit_keys)
                    if broken_count:
                        continue  # the broken lines are what the refusal will name
                    said = _rule_problems(spec, line["data"], seen)
                    if said:
                        count += 1
                        if len(problems) < MAX_PROBLEMS:
                            title = vietnamese.nfc(str(spec.title(line["data"])))[:80]
                            problems.append(f"{spec.label} thứ {number} (“{title}”) — {said}")
                repeated(spec, seen.flush(spec.table))
    finally:
        seen.close()
    content.unit_codes.discard(None)
    if broken_count:
        shown = "; ".join(broken)
        more = f" (và {broken_count - len(broken)} lỗi nữa)" if broken_count > len(broken) else ""
        raise PackageError(
            f"Không nhập được tệp {content.path.name}: gói có bản ghi hỏng: {shown}{more}. "
            "Cơ sở dữ liệu không bị thay đổi."
        )
    if problems:
        more = f" (và {count - len(problems)} bản ghi khác)" if count > len(problems) else ""
        raise PackageError(
            f"Không nhập được tệp {content.path.name}: gói có bản ghi không hợp lệ theo quy tắc "
            f"nhập liệu: {' | '.join(problems)}{more}. Cơ sở dữ liệu không bị thay đổi."
        )


def normalise_line(spec: KindSpec, line: dict) -> dict:
    """The texts of a line read again for the merge, NFC as ``_check_line`` left them."""
    data = line["data"]
    for spec_field in spec.fields:
        if spec_field.codec == "text":
            value = data.get(spec_field.key)
            if isinstance(value, str) and not value.isascii():
                data[spec_field.key] = vietnamese.nfc(value)
    return line


def _key_resolver(path: Path) -> package_file.KeyResolver:
    """Find the key a package says it is signed with among the keys enrolled here."""

    def resolve(key_id: str):
        key = signing.find_key(key_id)
        if key is None or key.vouched_by is not None:
            raise PackageError(
                f"Không nhập được tệp {path.name}: gói được ký bằng khóa "
                f"{signing.fingerprint(key_id)} mà máy này chưa tin cậy (đơn vị gửi chưa được "
                "đăng ký, hoặc gói giả mạo). Hãy nhận tệp khóa công khai của đơn vị gửi, đối "
                "chiếu dấu vân tay qua điện thoại rồi chạy “keys trust TỆP --unit MÃ”. "
                "Cơ sở dữ liệu không bị thay đổi."
            )
        if key.revoked:
            raise PackageError(
                f"Không nhập được tệp {path.name}: gói được ký bằng khóa "
                f"{key.fingerprint} (đơn vị {key.unit_code}) đã bị thu hồi ngày "
                f"{vietnamese.format_date(key.revoked_at.date())}"
                f"{': ' + key.revoked_reason if key.revoked_reason else ''}. Hãy đề nghị đơn vị "
                "gửi khóa mới để đăng ký lại. Cơ sở dữ liệu không bị thay đổi."
            )
        if not key.signer_unit():
            raise PackageError(
                f"Không nhập được tệp {path.name}: khóa {key.fingerprint} chưa gắn với đơn vị "
                "nào. Cơ sở dữ liệu không bị thay đổi."
            )
        return key.public_raw, key

    return resolve


def read_checked(path: str | Path) -> package_file.PackageContent:
    """Read a package, check its signature, its manifest and every record as a form would;
    raises PackageError, changes nothing."""
    path = Path(path)
    content = package_file.read_package(path, KIND_ORDER, _key_resolver(path))
    check_records(content)
    return content


# -- the one validation path: package records are checked by the forms' own rules -------------
# (each kind's ``PackageKind.check``, declared in its own module: records/specs.py)

# Fields whose reference is checked by the merge (it may be a record of the same package).
_REFERENCE_FIELDS = {"model_type"}
MAX_PROBLEMS = 10


def _rule_problems(spec: KindSpec, data: dict, seen: _Seen) -> str:
    """What the form of the record's kind says is wrong with it ("" when nothing)."""
    if spec.check is None:
        return ""
    try:
        spec.check(data, seen.day)
    except ValidationError as exc:
        errors = [e for e in exc.errors if e.field not in _REFERENCE_FIELDS]
        return "; ".join(f"{e.label}: {e.message}" for e in errors[:3])
    return ""
