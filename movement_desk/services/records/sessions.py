"""Sessions (buổi phát động, tuyên truyền): the rules, saving, deleting and listing.

Raw input uses the keys of the import columns (``date``, ``unit_code``, ``kind`` …) whatever
its source: a form, a file row or the command line.
"""

from __future__ import annotations

from collections.abc import Mapping

from movement_desk import vietnamese
from movement_desk.db.choices import OrganizerKind, SessionKind
from movement_desk.db.connection import db
from movement_desk.db.models import ActivitySession, AdministrativeUnit
from movement_desk.services.core import permissions, search
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.filters import RecordFilter, apply_filter
from movement_desk.services.core.validation import LONG_TEXT, NOTES_TEXT, FieldReader
from movement_desk.services.records import catalog, export_cells
from movement_desk.services.records import store as records
from movement_desk.services.records.specs import (
    FieldSpec,
    FileKind,
    KindParts,
    ListKind,
    PackageKind,
    SortSpec,
    UndoOps,
    date_text,
)
from movement_desk.services.records.unit_rules import read_unit

SESSION_LABELS = {
    "uuid": "Mã định danh",
    "date": "Ngày tổ chức",
    "unit_code": "Mã đơn vị",
    "kind": "Hình thức",
    "organizer_kind": "Loại đơn vị tổ chức",
    "organizer_name": "Đơn vị tổ chức",
    "title": "Nội dung",
    "participants": "Số lượt người tham gia",
    "tips": "Số tin có giá trị",
    "notes": "Ghi chú",
}
SESSION_COLUMNS = list(SESSION_LABELS)


def clean_session(
    raw: Mapping[str, object], row: int | None = None, *, with_keys: bool = True
) -> dict:
    """Check a raw session and return the values to store; raises ValidationError.
    ``with_keys=False``: without the search and sort keys (a package's check only checks;
    its merge computes them as it writes)."""
    reader = FieldReader(raw, SESSION_LABELS, row)
    held_on = reader.date("date")
    unit = read_unit(reader, "unit_code", held_on)
    values = {
        "held_on": held_on,
        "unit": unit,
        "kind": reader.choice("kind", SessionKind),
        "organizer_kind": reader.choice("organizer_kind", OrganizerKind),
        "organizer_name": reader.text("organizer_name"),
        "title": reader.text("title", required=True, max_length=LONG_TEXT),
        "participants": reader.count("participants"),
        "tips": reader.count("tips"),
        "notes": reader.text("notes", max_length=NOTES_TEXT, single_line=False),
    }
    reader.raise_if_invalid()
    if with_keys:
        values.update(index_keys(values))
    return values


def index_keys(values: dict) -> dict:
    """The search and sort keys stored beside a session's fields."""
    return {
        "search_key": search.search_key(values["title"], values["organizer_name"], values["notes"]),
        "sort_key": vietnamese.sort_key(values["title"]),
    }


def natural_key(values: dict) -> tuple:
    """What identifies a session in a file without uuids: date, unit, kind and title."""
    unit = values["unit"]
    unit_id = unit.id if isinstance(unit, AdministrativeUnit) else unit
    return (
        values["held_on"],
        unit_id,
        SessionKind(values["kind"]).value,
        vietnamese.fold(values["title"]),
    )


def natural_index(
    values_list: list[dict], names: list[str] | None = None
) -> dict[tuple, list[dict]]:
    """The live sessions that could share a natural key with ``values_list`` (same unit and
    day), by that key, in the order they were stored (look-alike sessions share a key), as
    plain values (``records.plain_rows``): ``id``, ``uuid``, ``deleted_at`` and the fields
    ``names``, not objects (an import compares thousands of them)."""
    if not values_list:
        return {}
    days = {(v["unit"].id, v["held_on"].isoformat()) for v in values_list}
    db.execute_sql(
        "CREATE TEMP TABLE IF NOT EXISTS import_days "
        "(unit_id INTEGER, held_on TEXT, PRIMARY KEY (unit_id, held_on)) WITHOUT ROWID"
    )
    db.execute_sql("DELETE FROM temp.import_days")
    db.cursor().executemany("INSERT INTO temp.import_days VALUES (?, ?)", sorted(days))
    wanted = ["id", "uuid", "deleted_at", "held_on", "unit", "kind", "title", *(names or [])]
    rows = records.plain_rows(
        ActivitySession,
        list(dict.fromkeys(wanted)),
        "deleted_at IS NULL AND (unit_id, held_on) IN (SELECT unit_id, held_on FROM temp.import_days)",
    )
    db.execute_sql("DELETE FROM temp.import_days")
    index: dict[tuple, list[dict]] = {}
    for s in rows:
        index.setdefault(natural_key(s), []).append(s)
    return index


def create_session(
    raw: Mapping[str, object], actor: Actor, *, uuid: str | None = None
) -> ActivitySession:
    # The role first: a user who may not enter sessions hears that, not a list of field errors.
    permissions.require(actor, "session.write")
    values = clean_session(raw)
    with db.atomic():
        session = records.create(ActivitySession, values, actor, uuid=uuid)
        catalog.remember_organizer(
            values["organizer_kind"], values["organizer_name"], values["unit"]
        )
        return session


def update_session(
    uuid: str, raw: Mapping[str, object], actor: Actor, *, expected_revision: int | None = None
) -> ActivitySession:
    """``expected_revision``: the revision the edit was based on (refused if it moved on)."""
    permissions.require(actor, "session.write")
    values = clean_session(raw)
    with db.atomic():
        session = records.get_record(ActivitySession, uuid)
        records.update(session, values, actor, expected_revision=expected_revision)
        catalog.remember_organizer(
            values["organizer_kind"], values["organizer_name"], values["unit"]
        )
    return session


def delete_session(uuid: str, actor: Actor) -> ActivitySession:
    return records.soft_delete(ActivitySession, uuid, actor)


def restore_session(uuid: str, actor: Actor) -> ActivitySession:
    return records.restore(ActivitySession, uuid, actor)


def get_session(uuid: str) -> ActivitySession:
    return records.get_record(ActivitySession, uuid)


def session_query(record_filter: RecordFilter | None = None):
    """Sessions matching the filter, with their unit joined, newest first."""
    record_filter = record_filter or RecordFilter()
    query = ActivitySession.select(ActivitySession, AdministrativeUnit).join(AdministrativeUnit)
    query = apply_filter(
        query,
        ActivitySession,
        record_filter,
        date_field=ActivitySession.held_on,
        unit_field=ActivitySession.unit,
        kind_field=ActivitySession.kind,
    )
    return query.order_by(ActivitySession.held_on.desc(), ActivitySession.id.desc())


def session_to_raw(session: ActivitySession) -> dict[str, object]:
    """The record as raw input (the import columns), for export and for editing forms."""
    return {
        "uuid": session.uuid,
        "date": session.held_on,
        "unit_code": session.unit.code,
        "kind": session.kind.label,
        "organizer_kind": session.organizer_kind.label,
        "organizer_name": session.organizer_name,
        "title": session.title,
        "participants": session.participants,
        "tips": session.tips,
        "notes": session.notes,
    }


# What sessions offer the user: their list, their import/export file and undo (records/specs.py).
SESSION_FIELDS = {
    "date": "held_on",
    "unit_code": "unit",
    "kind": "kind",
    "organizer_kind": "organizer_kind",
    "organizer_name": "organizer_name",
    "title": "title",
    "participants": "participants",
    "tips": "tips",
    "notes": "notes",
}


def session_export_columns(csv: bool) -> tuple[list, object]:
    """A fast export's columns and cells (``FileKind.export_columns``)."""
    day, text = export_cells.day_and_text(csv)
    s, unit = ActivitySession, AdministrativeUnit
    labels = export_cells.choice_labels
    session_kinds, organizers = labels(SessionKind), labels(OrganizerKind)
    columns = [s.uuid, s.held_on, unit.code, s.kind, s.organizer_kind, s.organizer_name,
               s.title, s.participants, s.tips, s.notes]  # fmt: skip

    def session_row(row: tuple) -> list:
        uuid, held_on, code, session_kind, organizer, name, title, people, tips, notes = row
        return [text(uuid), day(held_on), text(code), session_kinds[session_kind],
                organizers[organizer], text(name), text(title), people, tips,
                text(notes)]  # fmt: skip

    return columns, session_row


_s, _u = ActivitySession, AdministrativeUnit
PARTS = {
    "sessions": KindParts(
        listing=ListKind(
            _s,
            session_query,
            {
                "date": SortSpec((_s.held_on,)),
                "unit": SortSpec((_u.sort_key,), walk=(_s.unit, (_u.sort_key,))),
                "kind": SortSpec((_s.kind,)),
                "organizer": SortSpec(python_value=_s.organizer_name),
                "title": SortSpec((_s.sort_key,)),
                "participants": SortSpec((_s.participants,)),
                "tips": SortSpec((_s.tips,)),
            },
            "date",
            True,
            (_s.held_on.desc(), _u.sort_key.asc(), _s.sort_key.asc(), _s.id.desc()),
            _s.unit,
        ),
        file=FileKind(
            ActivitySession,
            SESSION_COLUMNS,
            SESSION_LABELS,
            ["date", "unit_code", "kind", "organizer_kind", "title"],
            clean_session,
            natural_key,
            natural_index,
            session_to_raw,
            session_query,
            SESSION_FIELDS,
            "cùng ngày, đơn vị, hình thức và nội dung",
            noun="buổi",
            export_columns=session_export_columns,
            insert_order="held_on",
        ),
        undo=UndoOps(update_session, delete_session, restore_session),
        package=PackageKind(
            "activity_session",
            "buổi phát động, tuyên truyền",
            (
                FieldSpec("held_on", "Ngày tổ chức", "date"),
                FieldSpec("unit", "Đơn vị", "unit"),
                FieldSpec("organizer_kind", "Loại đơn vị tổ chức", "enum", OrganizerKind),
                FieldSpec("organizer_name", "Đơn vị tổ chức"),
                FieldSpec("kind", "Hình thức", "enum", SessionKind),
                FieldSpec("title", "Nội dung"),
                FieldSpec("participants", "Số lượt người tham gia", "int"),
                FieldSpec("tips", "Số tin có giá trị", "int"),
                FieldSpec("notes", "Ghi chú"),
            ),
            index_keys,
            lambda d: f"{date_text(d['held_on'])} – {d['title']}",
            own_date="held_on",
            check=lambda data, day_of: clean_session(
                {
                    "date": data.get("held_on"),
                    "unit_code": data.get("unit"),
                    **{
                        key: data.get(key)
                        for key in (
                            "kind",
                            "organizer_kind",
                            "organizer_name",
                            "title",
                            "participants",
                            "tips",
                            "notes",
                        )
                    },
                },
                with_keys=False,
            ),
        ),
    )
}
