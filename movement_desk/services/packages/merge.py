"""Import: a verified package merged into the database, all or nothing."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from peewee import IntegrityError

from movement_desk import vietnamese
from movement_desk.db import backup, large_writes
from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.bulk import insert_rows
from movement_desk.db.connection import db
from movement_desk.db.models import utcnow
from movement_desk.db.packages import PackageReceived, SyncAlias, SyncConflict
from movement_desk.services.core import audit, period_locks, permissions, settings, signing
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import NotFoundError, PermissionDenied, ServiceError
from movement_desk.services.packages import file_format as package_file
from movement_desk.services.packages import search_index
from movement_desk.services.packages.file_format import PackageError
from movement_desk.services.packages.local import (
    LocalRow,
    _local_by_uuid,
    _query_local,
    _ref_ids,
    _row_values,
    _states,
    _unit_ids,
)
from movement_desk.services.packages.readable import _readable, _stamp_text
from movement_desk.services.packages.spec import (
    CHUNK,
    KIND_SPECS,
    META_COLUMNS,
    MODE_LABELS,
    KindSpec,
    _unit_key,
)
from movement_desk.services.packages.validate import normalise_line, read_checked
from movement_desk.services.packages.vectors import (
    _ENCODE,
    compare_vectors,
    content_hash,
    local_vector,
    merge_vectors,
)
from movement_desk.services.records import commendations, frozen, ratings, units

# Set in tests only: the import stops the process (os._exit) after this many records were
# written, to prove that a kill half-way leaves the database as it was.
CRASH_ENV_VAR = "MOVEMENT_DESK_TEST_CRASH_AFTER_RECORDS"
# Records merged together: read from the file, looked up, checked, written and audited as one
# batch, so the memory an import needs does not grow with the package.
BATCH = 2_000
# Kinds whose new records are first looked up by their key (the same catalogue type or
# decision made here under another uuid).
ALIASED_KINDS = ("model_type", "decision")


@dataclass
class KindCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    conflicts: int = 0

    @property
    def total(self) -> int:
        return self.new + self.updated + self.unchanged + self.deleted + self.conflicts

    def as_dict(self) -> dict[str, int]:
        return {
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "conflicts": self.conflicts,
        }


@dataclass
class ConflictBrief:
    kind: str
    uuid: str
    title: str


@dataclass
class ImportReport:
    """What a package brings (preview) or brought (import), per record kind."""

    path: Path
    package_id: str
    source_unit_code: str
    source_unit_name: str
    mode: str
    period_code: str
    created_at: str
    counts: dict[str, KindCounts]
    conflicts: list[ConflictBrief] = field(default_factory=list)
    already_received: bool = False
    dry_run: bool = False
    signed_by: str = ""  # "khóa ABCD-…, đơn vị 01858": who signed it, as checked

    def total(self, what: str) -> int:
        return sum(getattr(c, what) for c in self.counts.values())

    def summary(self) -> str:
        verb = "Gói sẽ đem lại" if self.dry_run else "Đã nhập gói"
        scope = f"kỳ {self.period_code}" if self.period_code else MODE_LABELS[self.mode]
        head = (
            f"{verb} của {self.source_unit_name} ({self.source_unit_code}, {scope}, "
            f"tạo lúc {created_text(self.created_at)}): "
            f"{vietnamese.format_number(self.total('new'))} mới, "
            f"{vietnamese.format_number(self.total('updated'))} cập nhật, "
            f"{vietnamese.format_number(self.total('unchanged'))} không đổi, "
            f"{vietnamese.format_number(self.total('deleted'))} xóa, "
            f"{vietnamese.format_number(self.total('conflicts'))} xung đột."
        )
        if self.already_received:
            head += " Gói này đã được nhập trước đây."
        if self.signed_by:
            head += f" Chữ ký số hợp lệ ({self.signed_by})."
        return head


def _supersedes(incoming_vector: dict[str, int], pending: SyncConflict | None) -> bool:
    """A pending conflict is settled by a version that has seen both sides of it."""
    if pending is None:
        return False
    return compare_vectors(incoming_vector, json.loads(pending.incoming_vector)) in (
        "newer",
        "equal",
    )


def signing_scope(tree: units.UnitTree, unit_code: str) -> frozenset[int]:
    """The units a key bound to ``unit_code`` signs for: the unit, everything under it, and
    the units they succeeded (a merged commune's office holds its predecessors' records) —
    never a sibling merged into the same successor."""
    try:
        root = tree.by_code(unit_code)
    except NotFoundError:
        return frozenset()
    found = set(tree.subtree_ids(root.id))
    edges: dict[int, list[int]] = {}
    for predecessor, successor in db.execute_sql(
        "SELECT predecessor_id, successor_id FROM unit_succession WHERE deleted_at IS NULL"
    ):
        edges.setdefault(successor, []).append(predecessor)
    stack = list(found)
    while stack:
        for predecessor in edges.get(stack.pop(), []):
            if predecessor not in found:
                found.add(predecessor)
                found.update(tree.subtree_ids(predecessor) if predecessor in tree.by_id else [])
                stack.append(predecessor)
    return frozenset(found)


class _Merger:
    """Plans and applies one package inside the caller's transaction.

    Before each kind is written, every record it would create or change is checked against
    the actor's unit scope and the period locks (before and after the change); after it is
    written, each created, changed, deleted or restored record gets its audit entry, in one
    prepared statement.
    """

    def __init__(self, content: package_file.PackageContent, actor: Actor, progress=None):
        self.content = content
        self.actor = actor
        self.progress = progress
        self.me = settings.installation_id()
        self.now = utcnow()
        self.unit_ids = _unit_ids()
        self.visible = permissions.visible_unit_ids(actor)
        self.signer: signing.KnownKey = content.signer
        self.signer_unit = self.signer.signer_unit()
        self.tree = units.UnitTree.load()
        self.signer_scope = signing_scope(self.tree, self.signer_unit)
        self.relayed_rows: list[dict] = []
        self.audited = 0
        self.ref_titles: dict[str, str] = {}
        self.conflicts: list[ConflictBrief] = []
        self.written = 0
        self.done = 0
        self.total = content.record_count
        crash = os.environ.get(CRASH_ENV_VAR)
        self.crash_after = int(crash) if crash else None

    # -- references ----------------------------------------------------------------------
    def check_units(self) -> None:
        """Every unit the records name is known here (``content.unit_codes``, gathered when
        the records were checked), within the signer's scope and the actor's."""
        missing = {code for code in self.content.unit_codes if code not in self.unit_ids}
        if missing:
            codes = ", ".join(sorted(missing)[:10])
            raise PackageError(
                f"Không nhập được tệp {self.content.path.name}: gói dùng đơn vị mã {codes} "
                "chưa có trong danh mục đơn vị hành chính của máy này. Hãy nạp danh sách đơn vị "
                "(lệnh “units import”) rồi nhập lại. Cơ sở dữ liệu không bị thay đổi."
            )
        self.check_signed_scope()
        self.check_scope(set(self.content.unit_codes), "gói có dữ liệu của")

    # -- what the signing office may send ---------------------------------------------------
    def _signer_text(self) -> str:
        unit = self.tree.by_id.get(self.unit_ids.get(self.signer_unit))
        name = f"{unit.title} ({unit.code})" if unit else self.signer_unit
        return f"{name}, khóa {self.signer.fingerprint}"

    def in_signer_scope(self, code: str | None) -> bool:
        return code is not None and self.unit_ids.get(code) in self.signer_scope

    def refuse_records(self, why: str, named: list[str], total: int | None = None) -> None:
        total = len(named) if total is None else total
        shown = "; ".join(named[:5]) + (f" (và {total - 5} bản ghi khác)" if total > 5 else "")
        raise PackageError(
            f"Không nhập được tệp {self.content.path.name}: gói được ký bởi {self._signer_text()}, "
            f"{why}: {shown}. Cơ sở dữ liệu không bị thay đổi."
        )

    def check_signed_scope(self) -> None:
        """Every record, deletion and the package's own unit within the signer's subtree."""
        source = self.content.manifest["source"]["unit_code"]
        if not self.in_signer_scope(source):
            self.refuse_records(
                "nhưng lại mang danh đơn vị khác ngoài phạm vi của khóa", [f"đơn vị {source}"]
            )
        if all(self.in_signer_scope(code) for code in self.content.unit_codes):
            return
        # Refused: the records are read once more to name them (at most a few are kept).
        named = []
        count = 0
        for spec in KIND_SPECS:
            keys = [f.key for f in spec.fields if f.codec == "unit"]
            for line in self.content.lines(spec.table):
                for key in keys:
                    code = line["data"][key]
                    if code is None or self.in_signer_scope(code):
                        continue
                    count += 1
                    if len(named) < 5:
                        title = vietnamese.nfc(str(spec.title(line["data"])))[:80]
                        named.append(f"{spec.label} “{title}” (đơn vị {code})")
        if count:
            self.refuse_records(
                "mà có bản ghi của đơn vị ngoài phạm vi của đơn vị ký", named, total=count
            )

    def catalogue_allowed(self) -> bool:
        """The model-type catalogue (and organisers bound to no unit) is the province's: only a
        package signed for a unit at the top of the tree may change it."""
        unit = self.tree.by_id.get(self.unit_ids.get(self.signer_unit))
        return unit is not None and unit.parent_id is None

    def check_scope(self, codes: set[str], what: str) -> None:
        """Refuse the package when a unit it writes to lies outside the actor's scope."""
        if self.visible is None:
            return
        outside = sorted(code for code in codes if self.unit_ids.get(code) not in self.visible)
        if not outside:
            return
        tree = units.UnitTree.load()
        named = ", ".join(
            f"{tree.by_code(code).title} ({code})" if code in self.unit_ids else code
            for code in outside[:5]
        ) + (f" và {len(outside) - 5} đơn vị khác" if len(outside) > 5 else "")
        raise PermissionDenied(
            f"Không nhập được tệp {self.content.path.name}: tài khoản “{self.actor.username}” "
            f"chỉ làm việc với đơn vị của mình và các đơn vị trực thuộc, mà {what} {named}. "
            "Cơ sở dữ liệu không bị thay đổi."
        )

    # -- rights and locks of the records a kind would change ----------------------------------
    def _days(self, spec: KindSpec, states: list[dict]) -> list:
        """The day each state counts in for period locks (None: no lock applies)."""
        if spec.own_date:
            return [data.get(spec.own_date) for data in states]
        if spec.table != "commendation":
            return [None] * len(states)
        ids = _ref_ids("decision", {data["decision"] for data in states})
        days: dict[int, str] = {}
        wanted = sorted(set(ids.values()))
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            days.update(
                db.execute_sql(
                    f"SELECT id, decided_on FROM decision WHERE id IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
            )
        return [days.get(ids.get(data["decision"])) for data in states]

    def check_writes(self, spec: KindSpec, inserts: list, updates: list, local: dict) -> None:
        """Refuse the whole package when a record it creates or changes lies in a locked
        period or (its stored version) outside the actor's scope."""
        self.check_catalogue(spec, inserts, updates)
        self.check_frozen(spec, updates, local)
        unit_key = next((f.key for f in spec.fields if f.codec == "unit"), None)
        if unit_key is None or not (inserts or updates):
            return
        befores = [local[line["uuid"]].data for _, line, _ in updates]
        foreign = [
            f"{spec.label} “{vietnamese.nfc(str(spec.title(data)))[:80]}” (đơn vị {data[unit_key]})"
            for data in befores
            if data.get(unit_key) and not self.in_signer_scope(data[unit_key])
        ]
        if foreign:
            self.refuse_records("mà lại sửa hoặc xóa bản ghi của đơn vị khác ở máy này", foreign)
        self.check_scope(
            {data[unit_key] for data in befores if data.get(unit_key)},
            f"bản ghi {spec.label} ở máy này thuộc",
        )
        states = [line["data"] for line in inserts]
        states += [line["data"] for _, line, _ in updates] + befores
        days = self._days(spec, states)
        if all(day is None for day in days):
            return
        pairs = [
            (self.unit_ids.get(data.get(unit_key)), day)
            for data, day in zip(states, days, strict=True)
        ]
        found = period_locks.locks_over(pairs)
        if not found:
            return
        listed = "; ".join(
            f"{spec.label} “{spec.title(states[position])}” — {period_locks.describe(lock)}"
            for position, lock in found[:5]
        )
        more = f" (và {len(found) - 5} bản ghi khác)" if len(found) > 5 else ""
        raise period_locks.PeriodLockedError(
            f"Không nhập được tệp {self.content.path.name}: gói thêm hoặc sửa dữ liệu trong kỳ "
            f"đã khóa: {listed}{more}. Hãy đề nghị người khóa kỳ mở khóa rồi nhập lại (và khóa "
            "lại sau đó). Cơ sở dữ liệu không bị thay đổi."
        )

    def check_local_scope(self, spec: KindSpec, local: dict[str, LocalRow]) -> None:
        """A package may not update, delete or contest (conflict) a record this database holds
        for a unit outside the signer's subtree."""
        unit_key = _unit_key(spec)
        if unit_key is None:
            return
        foreign = [
            f"{spec.label} “{vietnamese.nfc(str(spec.title(row.data)))[:80]}” "
            f"(đơn vị {row.data[unit_key]})"
            for row in local.values()
            if row.data.get(unit_key) and not self.in_signer_scope(row.data[unit_key])
        ]
        if foreign:
            self.refuse_records("mà lại sửa hoặc xóa bản ghi của đơn vị khác ở máy này", foreign)

    def check_catalogue(self, spec: KindSpec, inserts: list, updates: list) -> None:
        if spec.table == "model_type":
            changed = inserts + [line for _, line, _ in updates]
        elif spec.table == "organizer":
            changed = [
                line
                for line in inserts + [line for _, line, _ in updates]
                if line["data"].get("unit") is None
            ]
        else:
            return
        if changed and not self.catalogue_allowed():
            self.refuse_records(
                "mà lại thêm, sửa hoặc xóa danh mục dùng chung của tỉnh (chỉ tỉnh được sửa; "
                "hãy đề nghị tỉnh bổ sung danh mục rồi gửi lại gói)",
                [
                    f"{spec.label} “{vietnamese.nfc(str(spec.title(line['data'])))[:80]}”"
                    for line in changed
                ],
            )

    def check_frozen(self, spec: KindSpec, updates: list, local: dict) -> None:
        """What a printed certificate says cannot be changed by a package."""
        if spec.table == "commendation":
            fields = {"recipient_name": "tên người được khen", "decision": "quyết định"}
            printed = frozen.printed_commendation_ids(record_id for record_id, _, _ in updates)
        elif spec.table == "decision":
            fields = {
                "number": "số quyết định",
                "decided_on": "ngày quyết định",
                "form": "hình thức",
                "emulation_title": "danh hiệu",
                "authority": "cơ quan ban hành",
            }
            printed = frozen.decisions_with_prints(record_id for record_id, _, _ in updates)
        else:
            return
        if not printed:
            return
        named = []
        for record_id, line, _ in updates:
            if record_id not in printed:
                continue
            before = local[line["uuid"]].data
            changed = [
                label for key, label in fields.items() if before.get(key) != line["data"].get(key)
            ]
            if changed:
                named.append(
                    f"{spec.label} “{vietnamese.nfc(str(spec.title(before)))[:80]}” "
                    f"({', '.join(changed)})"
                )
        if named:
            raise PackageError(
                f"Không nhập được tệp {self.content.path.name}: gói sửa nội dung của giấy khen "
                f"đã in: {'; '.join(named[:5])}. {frozen.ADVICE[0].upper()}{frozen.ADVICE[1:]} "
                "Cơ sở dữ liệu không bị thay đổi."
            )

    # -- the audit trail of the records written ------------------------------------------------
    def audit_writes(self, spec: KindSpec, inserts: list, updates: list, local: dict) -> None:
        if not (inserts or updates):
            return
        unit_key = next((f.key for f in spec.fields if f.codec == "unit"), None)
        source = self.content.manifest["source"]
        summary = (
            f"Từ gói dữ liệu của {source.get('unit_name') or source.get('unit_code')} "
            f"({self.content.package_id})"
        )
        entries = []

        def entry(action: str, line: dict, changes: dict) -> None:
            data = line["data"]
            entries.append(
                {
                    "at": self.now,
                    "username": self.actor.username,
                    "action": action,
                    "table_name": spec.table,
                    "record_uuid": line["uuid"],
                    "record_label": vietnamese.nfc(spec.title(data))[:200],
                    "unit_id": self.unit_ids.get(data.get(unit_key)) if unit_key else None,
                    "summary": summary,
                    "changes": json.dumps(changes, ensure_ascii=False) if changes else "",
                }
            )

        for line in inserts:
            new = _readable(spec, line["data"], self.ref_titles)
            changes = {
                name: [None, value] for name, value in new.items() if value not in (None, "")
            }
            if line["deleted_at"] is not None:
                changes["deleted_at"] = [None, _stamp_text({"updated_at": line["deleted_at"]})]
            entry("create", line, changes)
        for _, line, _ in updates:
            row = local[line["uuid"]]
            changes = audit.diff(
                _readable(spec, row.data, self.ref_titles),
                _readable(spec, line["data"], self.ref_titles),
            )
            deleted = line["deleted_at"] is not None
            action = "update"
            if deleted != row.deleted:
                action = "delete" if deleted else "restore"
                changes["deleted_at"] = [
                    _stamp_text({"updated_at": row.meta["deleted_at"]}) if row.deleted else None,
                    _stamp_text({"updated_at": line["deleted_at"]}) if deleted else None,
                ]
            entry(action, line, changes)
        for start in range(0, len(entries), CHUNK * 4):
            insert_rows(AuditEntry, entries[start : start + CHUNK * 4])
        self.audited += len(entries)

    def row_values(self, spec: KindSpec, line: dict, refs: dict[str, dict[str, int]]) -> list:
        return _row_values(spec, line, refs, self.unit_ids, self.content.path.name)

    # -- aliases: the same record under another uuid ------------------------------------------
    def find_alias(self, spec: KindSpec, line: dict) -> LocalRow | None:
        uuid = line["uuid"]
        known = SyncAlias.get_or_none(
            (SyncAlias.kind == spec.table) & (SyncAlias.incoming_uuid == uuid)
        )
        if known is not None:
            return _local_by_uuid(spec, [known.local_uuid]).get(known.local_uuid)
        if line["deleted_at"] is not None:
            return None
        data = line["data"]
        if spec.table == "model_type":
            rows = _query_local(
                spec, "t.deleted_at IS NULL AND t.search_key = ?", [vietnamese.fold(data["name"])]
            )
        elif spec.table == "decision":
            keys = commendations.decision_index_keys(data)
            rows = _query_local(
                spec,
                "t.deleted_at IS NULL AND t.authority_key = ? AND t.number_key = ?",
                [keys["authority_key"], keys["number_key"]],
            )
        else:
            return None
        if not rows:
            return None
        SyncAlias.insert(
            kind=spec.table, incoming_uuid=uuid, local_uuid=rows[0].meta["uuid"]
        ).on_conflict_ignore().execute()
        return rows[0]

    # -- one kind ------------------------------------------------------------------------
    def merge_kind(self, spec: KindSpec) -> KindCounts:
        """Merge the records of one kind, read from the file a batch at a time."""
        counts = KindCounts()
        pending = {
            c.uuid: c
            for c in SyncConflict.select().where(
                (SyncConflict.kind == spec.table) & SyncConflict.resolved_at.is_null()
            )
        }
        rows = self.content.count(spec.table)
        with (
            search_index.filled_after(spec.table, rows),
            large_writes.change_marker_bumped_once(db, spec.table),
            self.indexes_set_aside(spec.table, rows),
        ):
            batch: list[dict] = []
            for line in self.content.lines(spec.table):
                batch.append(normalise_line(spec, line))
                if len(batch) >= BATCH:
                    self.merge_batch(spec, batch, pending, counts)
                    batch = []
            if batch:
                self.merge_batch(spec, batch, pending, counts)
        return counts

    @staticmethod
    def indexes_set_aside(table: str, rows: int):
        """A kind's secondary indexes built after the commit when the package brings far more
        records than the table holds (``large_writes``); not those of the kinds matched by
        their key (``find_alias`` looks each new record up by its indexed key)."""
        if table in ALIASED_KINDS:
            return contextlib.nullcontext()
        return large_writes.indexes_set_aside(db, table, rows)

    def merge_batch(self, spec: KindSpec, lines: list[dict], pending: dict, counts) -> None:
        uuids = [line["uuid"] for line in lines]
        local = _local_by_uuid(spec, uuids)
        self.check_local_scope(spec, local)
        states = _states(spec.table, uuids)
        inserts: list[dict] = []
        updates: list[tuple[int, dict, int]] = []
        state_rows: list[tuple[str, str, dict, bool]] = []
        superseded: list[int] = []
        for line in lines:
            uuid = line["uuid"]
            deleted = line["deleted_at"] is not None
            incoming_hash = content_hash(line["data"], deleted)
            incoming_vector = line["vector"]
            row = local.get(uuid)
            if row is None and spec.table in ALIASED_KINDS:
                alias = self.find_alias(spec, line)
                if alias is not None:
                    self.merge_alias(spec, line, incoming_hash, alias, pending, counts)
                    continue
            if row is None:
                inserts.append(line)
                state_rows.append((uuid, incoming_hash, incoming_vector, True))
                if deleted:
                    counts.deleted += 1
                else:
                    counts.new += 1
                continue
            local_hash = row.hash
            vector = local_vector(row.meta["revision"], local_hash, states.get(uuid), self.me)
            order = compare_vectors(incoming_vector, vector)
            if incoming_hash == local_hash:
                counts.unchanged += 1
                if order in ("newer", "concurrent") or uuid not in states:
                    state_rows.append(
                        (uuid, local_hash, merge_vectors(vector, incoming_vector), False)
                    )
                if _supersedes(incoming_vector, pending.get(uuid)):
                    superseded.append(pending[uuid].id)
                continue
            if order == "older":
                counts.unchanged += 1
                continue
            if order == "newer":
                revision = max(
                    row.meta["revision"], line["revision"], max(incoming_vector.values())
                )
                updates.append((row.id, line, revision))
                state_rows.append((uuid, incoming_hash, incoming_vector, True))
                if deleted and not row.deleted:
                    counts.deleted += 1
                else:
                    counts.updated += 1
                if _supersedes(incoming_vector, pending.get(uuid)):
                    superseded.append(pending[uuid].id)
                continue
            # Concurrent (or equal vectors with different content): the user decides.
            counts.conflicts += 1
            self.record_conflict(spec, uuid, line, incoming_hash, row, pending.get(uuid))
        self.check_writes(spec, inserts, updates, local)
        self.apply(spec, inserts, updates, state_rows, superseded)
        self.audit_writes(spec, inserts, updates, local)

    def merge_alias(
        self,
        spec: KindSpec,
        line: dict,
        incoming_hash: str,
        alias: LocalRow,
        pending: dict,
        counts: KindCounts,
    ) -> None:
        """A record matched by its key: the local catalogue type or decision stands for it."""
        uuid = line["uuid"]
        seen = _states(spec.table, [uuid]).get(uuid)
        already = seen is not None and compare_vectors(line["vector"], seen[1]) in (
            "older",
            "equal",
        )
        if spec.table == "model_type" or already or incoming_hash == alias.hash:
            counts.unchanged += 1
            if not already:
                self.upsert_states(spec.table, [(uuid, incoming_hash, line["vector"], False)])
            return
        counts.conflicts += 1
        self.record_conflict(
            spec, alias.meta["uuid"], line, incoming_hash, alias, pending.get(alias.meta["uuid"])
        )

    def record_conflict(
        self,
        spec: KindSpec,
        local_uuid: str,
        line: dict,
        incoming_hash: str,
        row: LocalRow,
        existing: SyncConflict | None,
    ) -> None:
        self.conflicts.append(ConflictBrief(spec.table, local_uuid, spec.title(row.data)))
        if existing is not None:
            if existing.incoming_hash == incoming_hash:
                return
            stored_vector = json.loads(existing.incoming_vector)
            if compare_vectors(line["vector"], stored_vector) == "older":
                return
            existing.incoming_uuid = line["uuid"]
            existing.package_id = self.content.package_id
            existing.incoming_version = json.dumps(line, ensure_ascii=False)
            existing.incoming_vector = json.dumps(line["vector"])
            existing.incoming_hash = incoming_hash
            existing.detected_at = self.now
            existing.save()
            return
        SyncConflict.create(
            kind=spec.table,
            uuid=local_uuid,
            incoming_uuid=line["uuid"],
            package_id=self.content.package_id,
            source_unit_code=self.content.manifest["source"].get("unit_code", ""),
            detected_at=self.now,
            local_version=json.dumps({**row.meta, "data": row.data}, ensure_ascii=False),
            incoming_version=json.dumps(line, ensure_ascii=False),
            incoming_vector=json.dumps(line["vector"]),
            incoming_hash=incoming_hash,
        )

    # -- writing -------------------------------------------------------------------------
    def apply(self, spec, inserts, updates, state_rows, superseded) -> None:
        ref_fields = [f for f in spec.fields if f.codec == "ref"]
        wanted = {f.key: set() for f in ref_fields}
        for line in inserts + [u[1] for u in updates]:
            for ref_field in ref_fields:
                wanted[ref_field.key].add(line["data"][ref_field.key])
        refs = {f.key: _ref_ids(f.ref, wanted[f.key]) if wanted[f.key] else {} for f in ref_fields}
        content_columns = [f.column for f in spec.fields] + list(spec.derived)
        cursor = db.cursor()
        if inserts:
            columns = list(META_COLUMNS) + content_columns
            sql = (
                f"INSERT INTO {spec.table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})"
            )
            for start in range(0, len(inserts), CHUNK):
                batch = inserts[start : start + CHUNK]
                cursor.executemany(
                    sql,
                    [
                        [
                            line["uuid"],
                            *_meta_values(
                                line, max(line["revision"], max(line["vector"].values()))
                            ),
                            *self.row_values(spec, line, refs),
                        ]
                        for line in batch
                    ],
                )
                self.advance(len(batch))
        if updates:
            assignments = ", ".join(f"{c} = ?" for c in list(META_COLUMNS[1:]) + content_columns)
            cursor.executemany(
                f"UPDATE {spec.table} SET {assignments} WHERE id = ?",
                [
                    [
                        *_meta_values(line, revision),
                        *self.row_values(spec, line, refs),
                        record_id,
                    ]
                    for record_id, line, revision in updates
                ],
            )
            self.advance(len(updates))
        self.upsert_states(spec.table, state_rows)
        if superseded:
            SyncConflict.update(
                resolved_at=self.now, resolved_by=self.actor.username, resolution="superseded"
            ).where(SyncConflict.id.in_(superseded)).execute()

    def upsert_states(self, kind: str, rows: list[tuple[str, str, dict, bool]]) -> None:
        if not rows:
            return
        stamp = str(self.now)
        db.cursor().executemany(
            "INSERT INTO sync_state (kind, uuid, content_hash, vector, received_at, package_id) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, uuid) DO UPDATE SET "
            "content_hash = excluded.content_hash, vector = excluded.vector, "
            "package_id = excluded.package_id, received_at = CASE WHEN ? = 1 "
            "THEN excluded.received_at ELSE sync_state.received_at END",
            [
                (
                    kind,
                    uuid,
                    digest,
                    _ENCODE(vector),
                    stamp,
                    self.content.package_id,
                    1 if changed else 0,
                )
                for uuid, digest, vector, changed in rows
            ],
        )

    def advance(self, count: int) -> None:
        self.written += count
        self.done += count
        if self.crash_after is not None and self.written >= self.crash_after:
            os._exit(17)
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)

    # -- the register --------------------------------------------------------------------
    # -- replays and relayed packages ---------------------------------------------------------
    def check_replay(self) -> None:
        """The same package id with other content is a replay of a forged or altered package."""
        digests = {
            row.content_digest
            for row in PackageReceived.select(PackageReceived.content_digest).where(
                PackageReceived.package_id == self.content.package_id
            )
            if row.content_digest
        }
        if digests and self.content.digest not in digests:
            raise PackageError(
                f"Không nhập được tệp {self.content.path.name}: mã gói {self.content.package_id} "
                "đã được nhập trước đây với nội dung khác. Một gói không bao giờ đổi nội dung mà "
                "giữ mã cũ: tệp này là bản sửa đổi hoặc giả mạo. Cơ sở dữ liệu không bị thay đổi."
            )

    def relayed_key(self, key_id: str):
        """Keys for relayed manifests: enrolled here, or vouched for by this package's signer
        for a unit within its own subtree."""
        key = signing.find_key(key_id)
        offered = {k["key_id"]: k for k in self.content.manifest["keys"]}
        if key is None and key_id in offered:
            entry = offered[key_id]
            public = signing.unb64(entry["public_key"], 32)
            if (
                public is not None
                and signing.key_id_of(public) == key_id
                and self.in_signer_scope(entry["unit_code"])
            ):
                key = signing.vouch_key(key_id, public, entry["unit_code"], self.signer)
        if key is None:
            raise PackageError(f"khóa {signing.fingerprint(key_id)} không được tin cậy")
        if key.revoked:
            raise PackageError(f"khóa {key.fingerprint} đã bị thu hồi")
        return key.public_raw, key

    def check_relayed(self) -> None:
        """Each relayed package's manifest verifies with its own office's key; the register
        entries come from those signed manifests, never from the relaying office's word."""
        problems = []
        for item in self.content.relayed:
            try:
                manifest, key = package_file.verify_relayed(item, self.relayed_key)
            except (PackageError, package_file.SchemaError, ValueError) as exc:
                problems.append(f"gói {item.package_id} của đơn vị {item.unit_code}: {exc}")
                continue
            unit = manifest["source"]["unit_code"]
            if key.key_id == self.signer.key_id or key.own:
                # The relaying office's own package, or one of ours coming back: it vouches for
                # no other office's data, so it is not registered as received.
                continue
            scope_ids = signing_scope(self.tree, key.signer_unit())
            if (
                unit != item.unit_code
                or self.unit_ids.get(unit) not in scope_ids
                or not self.in_signer_scope(unit)
            ):
                problems.append(
                    f"gói {item.package_id}: đơn vị {unit} ngoài phạm vi của khóa đã ký nó"
                )
                continue
            self.relayed_rows.append(
                {
                    "item": item,
                    "manifest": manifest,
                    "digest": package_file.sha256_hex(item.manifest_bytes),
                }
            )
        if problems:
            shown = "; ".join(problems[:5])
            raise PackageError(
                f"Không nhập được tệp {self.content.path.name}: phần chuyển tiếp gói của đơn vị "
                f"cấp dưới không xác thực được ({shown}). Cơ sở dữ liệu không bị thay đổi."
            )

    # -- the register --------------------------------------------------------------------
    def register(self, counts: dict[str, KindCounts]) -> bool:
        manifest = self.content.manifest
        source, scope = manifest["source"], manifest["scope"]
        existing = PackageReceived.get_or_none(
            (PackageReceived.package_id == self.content.package_id)
            & PackageReceived.via_package_id.is_null()
        )
        if existing is not None:
            existing.times_received += 1
            existing.save()
            already = True
        else:
            # Replaces a row of the same package and unit relayed earlier (SQLite's INSERT OR
            # REPLACE, written so that the server runs it too).
            PackageReceived.delete().where(
                (PackageReceived.package_id == self.content.package_id)
                & (PackageReceived.unit_code == source["unit_code"])
            ).execute()
            PackageReceived.insert(
                package_id=self.content.package_id,
                unit_code=source["unit_code"],
                unit_name=source.get("unit_name", ""),
                mode=scope["mode"],
                period_code=scope.get("period") or "",
                covers_from=scope.get("covers_from"),
                covers_to=scope["covers_to"],
                created_at=_parse_created(manifest["created_at"]),
                source_installation=source.get("installation_id", ""),
                received_at=self.now,
                received_by=self.actor.username,
                file_name=self.content.path.name,
                record_count=self.content.record_count,
                counts=json.dumps({k: c.as_dict() for k, c in counts.items()}),
                manifest_blob=self.content.manifest_bytes.decode("utf-8"),
                signature_blob=self.content.signature_bytes.decode("ascii"),
                content_digest=self.content.digest,
            ).execute()
            already = False
        for relayed in self.relayed_rows:
            item, inner = relayed["item"], relayed["manifest"]
            if (
                PackageReceived.select()
                .where(
                    (PackageReceived.package_id == item.package_id)
                    & (
                        (PackageReceived.via_package_id == self.content.package_id)
                        | (PackageReceived.content_digest == relayed["digest"])
                    )
                )
                .exists()
            ):
                continue
            inner_source, inner_scope = inner["source"], inner["scope"]
            PackageReceived.insert(
                package_id=item.package_id,
                via_package_id=self.content.package_id,
                unit_code=inner_source["unit_code"],
                unit_name=inner_source["unit_name"],
                mode=inner_scope["mode"],
                period_code=inner_scope.get("period") or "",
                covers_from=inner_scope.get("covers_from"),
                covers_to=inner_scope["covers_to"],
                created_at=_parse_created(inner["created_at"]),
                source_installation=inner_source["installation_id"],
                received_at=self.now,
                received_by=self.actor.username,
                file_name=self.content.path.name,
                manifest_blob=item.manifest_bytes.decode("utf-8"),
                signature_blob=item.signature_bytes.decode("ascii", "replace"),
                content_digest=relayed["digest"],
            ).execute()
        return already

    def precheck(self) -> None:
        """The refusals that need no merge: replay, units, the signer's scope, relayed parts."""
        self.check_replay()
        self.check_units()
        self.check_relayed()

    def run(self) -> tuple[dict[str, KindCounts], bool]:
        self.precheck()
        with (
            large_writes.indexes_set_aside(db, "sync_state", self.total),
            large_writes.indexes_set_aside(db, "audit_entry", self.total),
        ):
            counts = {spec.table: self.merge_kind(spec) for spec in KIND_SPECS}
        already = self.register(counts)
        if self.progress is not None:
            self.progress(self.total, self.total)
        return counts, already


def _parse_created(text: str) -> datetime:
    return datetime.fromisoformat(text.rstrip("Z"))


def created_text(text: str) -> str:
    """The package's UTC creation time as local "dd/mm/yyyy HH:MM"."""
    try:
        moment = _parse_created(text).replace(tzinfo=UTC).astimezone()
    except ValueError:
        return text
    return f"{vietnamese.format_date(moment.date())} {moment:%H:%M}"


def import_package(
    path: str | Path,
    actor: Actor,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Merge a package into the database, all or nothing; ``dry_run`` only says what it would do.

    The preview and the import run the same code: the preview rolls its transaction back. Both
    need ``package.import``, and every unit the package writes to must lie in the actor's
    scope; a record created or changed in a locked period refuses the whole package. A real
    import is backed up automatically (the data as before it, read from the file as last
    committed once the package was accepted) and recorded in the audit trail: one entry for
    the package, one per record created, changed, deleted or restored. A refused package
    leaves nothing: no record, no backup, no entry. A package far larger than the tables it
    fills (a province's first from a district) has their indexes built after its commit
    (``db/large_writes``).
    """
    permissions.require(actor, "package.import")
    content = read_checked(path)
    with large_writes.write_settings(db):
        report = _merged(content, actor, dry_run, progress)
        if not dry_run:
            large_writes.after_commit(db)
    return report


def _merged(
    content: package_file.PackageContent,
    actor: Actor,
    dry_run: bool,
    progress: Callable[[int, int], None] | None,
) -> ImportReport:
    """The merge of a checked package in one transaction (rolled back for a dry run)."""
    manifest = content.manifest
    backup_name = ""
    with db.atomic() as transaction:
        # Read before the first write: the newest backup may already hold the data as it is
        # before this import (the previous command's or the day's copy), and is then named
        # instead of copying the whole database again.
        holding = None if dry_run else _backup_holding_current_data()
        merger = _Merger(content, actor, progress)
        try:
            counts, already = merger.run()
        except IntegrityError as exc:
            raise ServiceError(
                f"Không nhập được tệp {content.path.name}: dữ liệu trong gói trùng với dữ "
                f"liệu có sẵn ({exc}). Cơ sở dữ liệu không bị thay đổi."
            ) from exc
        # Issue 19: the ratings' rules again, on the data as merged (one call, keep it here).
        # The ratings and organisations are read from the file again, not held in memory.
        ratings.check_merged(
            {kind: content.lines(kind) for kind in ("safety_rating", "organisation")},
            content.path.name,
        )
        scope = manifest["scope"]
        report = ImportReport(
            path=content.path,
            package_id=content.package_id,
            source_unit_code=manifest["source"]["unit_code"],
            source_unit_name=manifest["source"].get("unit_name", ""),
            mode=scope["mode"],
            period_code=scope.get("period") or "",
            created_at=manifest["created_at"],
            counts=counts,
            conflicts=merger.conflicts,
            already_received=already,
            dry_run=dry_run,
            signed_by=f"khóa {merger.signer.fingerprint}, đơn vị {merger.signer_unit}",
        )
        if dry_run:
            transaction.rollback()
        else:
            # The backup is taken once the whole package was accepted, from the file as last
            # committed (a separate read-only connection): it holds the data as it was before
            # this import, and a refused package leaves no trace at all, not even a backup.
            # The transaction makes the import all or nothing; the backup is for going back
            # after an accepted import, and is not copied when one already holds that data.
            taken = holding or backup.backup_before("package-import", committed_only=True)
            backup_name = taken.path.name if taken is not None else ""
            audit.log(
                actor,
                "package",
                table="package_received",
                uuid=content.package_id,
                label=f"{report.source_unit_name} ({report.source_unit_code})",
                unit_id=merger.unit_ids.get(report.source_unit_code),
                summary=f"Gói {content.package_id} ({content.path.name}). {report.summary()}"
                + (f" Sao lưu trước khi nhập: {backup_name}." if backup_name else ""),
            )
    return report


def _backup_holding_current_data() -> backup.BackupInfo | None:
    existing = backup.list_backups()
    if existing and backup.holds_current_data(existing[0]):
        return existing[0]
    return None


def preview_package(path: str | Path, actor: Actor) -> ImportReport:
    """What importing ``path`` would change, per record kind; nothing is written."""
    return import_package(path, actor, dry_run=True)


def _meta_values(line: dict, revision: int) -> list:
    """A package line's bookkeeping columns after its uuid, in ``META_COLUMNS`` order."""
    return [
        line["created_at"],
        line["created_by"],
        line["updated_at"],
        line["updated_by"],
        line["deleted_at"],
        line["deleted_by"],
        revision,
        line["origin"],
    ]
