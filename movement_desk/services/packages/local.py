"""Local records read as package lines, and package lines turned into column values."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from movement_desk.db.connection import db
from movement_desk.services.packages.file_format import PackageError
from movement_desk.services.packages.spec import CHUNK, META_COLUMNS, KindSpec, kind_label
from movement_desk.services.packages.vectors import content_hash


def _select_sql(spec: KindSpec, *, state: bool = False) -> str:
    """The SELECT of a kind's records as ``_row_to_local`` reads them; with ``state``, first
    the content hash and vector of the version last exchanged (NULL when never exchanged)."""
    columns = [f"t.{c}" for c in META_COLUMNS]
    joins = []
    if state:
        columns[:0] = ["s.content_hash", "s.vector"]
        joins.append(f"LEFT JOIN sync_state s ON s.kind = '{spec.table}' AND s.uuid = t.uuid")
    for index, spec_field in enumerate(spec.fields):
        if spec_field.codec == "unit":
            joins.append(f"LEFT JOIN admin_unit j{index} ON j{index}.id = t.{spec_field.column}")
            columns.append(f"j{index}.code")
        elif spec_field.codec == "ref":
            joins.append(
                f"LEFT JOIN {spec_field.ref} j{index} ON j{index}.id = t.{spec_field.column}"
            )
            columns.append(f"j{index}.uuid")
        else:
            columns.append(f"t.{spec_field.column}")
    columns.append("t.id")
    return f"SELECT {', '.join(columns)} FROM {spec.table} t {' '.join(joins)}"


@dataclass
class LocalRow:
    id: int
    meta: dict
    data: dict

    @property
    def deleted(self) -> bool:
        return self.meta["deleted_at"] is not None

    @property
    def hash(self) -> str:
        return content_hash(self.data, self.deleted)


def _row_to_local(spec: KindSpec, row: tuple) -> LocalRow:
    meta_count = len(META_COLUMNS)
    meta = dict(zip(META_COLUMNS, row[:meta_count], strict=True))
    for key in ("created_at", "updated_at", "deleted_at"):
        if meta[key] is not None:
            meta[key] = str(meta[key])
    data = {
        spec_field.key: str(value) if spec_field.codec == "stamp" and value is not None else value
        for spec_field, value in zip(spec.fields, row[meta_count:-1], strict=True)
        if not (spec_field.optional and value in (None, ""))
    }
    return LocalRow(row[-1], meta, data)


def _query_local(spec: KindSpec, where: str = "", params: Iterable = ()) -> list[LocalRow]:
    sql = _select_sql(spec) + (f" WHERE {where}" if where else "") + " ORDER BY t.id"
    return [_row_to_local(spec, row) for row in db.execute_sql(sql, list(params)).fetchall()]


def _local_by_uuid(spec: KindSpec, uuids: list[str]) -> dict[str, LocalRow]:
    found: dict[str, LocalRow] = {}
    for start in range(0, len(uuids), CHUNK):
        chunk = uuids[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in _query_local(spec, f"t.uuid IN ({marks})", chunk):
            found[row.meta["uuid"]] = row
    return found


def _states(kind: str, uuids: list[str] | None = None) -> dict[str, tuple[str, dict]]:
    sql = "SELECT uuid, content_hash, vector FROM sync_state WHERE kind = ?"
    if uuids is None:
        rows = db.execute_sql(sql, [kind]).fetchall()
    else:
        rows = []
        for start in range(0, len(uuids), CHUNK):
            chunk = uuids[start : start + CHUNK]
            rows += db.execute_sql(
                sql + f" AND uuid IN ({','.join('?' * len(chunk))})", [kind, *chunk]
            ).fetchall()
    return {uuid: (digest, json.loads(vector)) for uuid, digest, vector in rows}


def _line(row: LocalRow, vector: dict[str, int]) -> dict:
    return {**row.meta, "vector": vector, "data": row.data}


def _unit_ids() -> dict[str, int]:
    return {code: unit_id for unit_id, code in db.execute_sql("SELECT id, code FROM admin_unit")}


def _ref_ids(table: str, uuids: set[str]) -> dict[str, int]:
    """Local ids for uuids of ``table``, following aliases."""
    wanted = sorted(u for u in uuids if u is not None)
    found: dict[str, int] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        for uuid, record_id in db.execute_sql(
            f"SELECT uuid, id FROM {table} WHERE uuid IN ({marks})", chunk
        ).fetchall():
            found[uuid] = record_id
        for incoming, record_id in db.execute_sql(
            f"SELECT a.incoming_uuid, t.id FROM sync_alias a JOIN {table} t "
            f"ON t.uuid = a.local_uuid WHERE a.kind = ? AND a.incoming_uuid IN ({marks})",
            [table, *chunk],
        ).fetchall():
            found.setdefault(incoming, record_id)
    return found


def _row_values(
    spec: KindSpec, line: dict, refs: dict[str, dict[str, int]], unit_ids: dict, file_name: str
) -> list:
    """Column values (content, then the derived search and sort keys) to store for ``line``."""
    data = line["data"]
    values = []
    for spec_field in spec.fields:
        value = data.get(spec_field.key, spec_field.empty)
        if spec_field.codec == "unit":
            value = None if value is None else unit_ids[value]
        elif spec_field.codec == "ref":
            record_id = refs[spec_field.key].get(value)
            if record_id is None and value is None and spec_field.nullable:
                pass  # an optional reference left empty
            elif record_id is None:
                raise PackageError(
                    f"Không nhập được tệp {file_name}: {spec.label} “{spec.title(data)}” tham "
                    f"chiếu tới {kind_label(spec_field.ref)} {value} không có trong gói lẫn trong "
                    "máy này. Cơ sở dữ liệu không bị thay đổi."
                )
            value = record_id
        values.append(value)
    derived = spec.index(data)
    values.extend(derived[name] for name in spec.derived)
    return values
