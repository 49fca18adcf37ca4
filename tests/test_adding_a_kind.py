"""Adding a record kind touches records/kinds.py and the kind's own module only
(docs/architecture.md, "Adding a kind of record"): a throw-away kind, its table made for the
test, one ``RecordKind`` and a module declaring ``PARTS``, is listed, exported, imported and
undone by ``listing``, ``transfer``, the command line and the window's undo, and travels in a
package from a commune to the province, without a line of them naming it."""

from __future__ import annotations

import sys
import types
import zipfile
from collections.abc import Mapping

import pytest
from peewee import CharField, DateField, ForeignKeyField

from movement_desk.db import migrations
from movement_desk.db.account_tables import AuditEntry
from movement_desk.db.connection import db
from movement_desk.db.models import AdministrativeUnit, Record
from movement_desk.gui import undo
from movement_desk.services import packages
from movement_desk.services.core.filters import RecordFilter, apply_filter
from movement_desk.services.core.validation import FieldReader
from movement_desk.services.records import kind_parts, kinds, listing, transfer
from movement_desk.services.records import store as records
from movement_desk.services.records.specs import (
    FieldSpec,
    FileKind,
    KindParts,
    ListKind,
    PackageKind,
    SortSpec,
    UndoOps,
)
from movement_desk.services.records.unit_rules import read_unit
from tests.conftest import admin_cli
from tests.packages_helpers import COMMUNE_A, PROVINCE, Site

MODULE = "movement_desk.services.records.street_boards"


def _street_board_module():
    """What ``records/street_boards.py`` would hold: a table, its rules, services and PARTS."""

    class StreetBoard(Record):
        name = CharField()
        unit = ForeignKeyField(AdministrativeUnit, backref="+")
        established_on = DateField(null=True)

        class Meta:
            table_name = "street_board"

    labels = {
        "uuid": "Mã định danh",
        "name": "Tên ban",
        "unit_code": "Mã đơn vị",
        "established_on": "Ngày thành lập",
    }

    def clean(raw: Mapping[str, object], row: int | None = None) -> dict:
        reader = FieldReader(raw, labels, row)
        established_on = reader.date("established_on")
        values = {
            "name": reader.text("name", required=True),
            "unit": read_unit(reader, "unit_code", established_on),
            "established_on": established_on,
        }
        reader.raise_if_invalid()
        return values

    def create(raw, actor, *, uuid=None):
        return records.create(StreetBoard, clean(raw), actor, uuid=uuid)

    def update(uuid, raw, actor):
        board = records.get_record(StreetBoard, uuid)
        records.update(board, clean(raw), actor)
        return board

    def delete(uuid, actor):
        return records.soft_delete(StreetBoard, uuid, actor)

    def restore(uuid, actor):
        return records.restore(StreetBoard, uuid, actor)

    def query(record_filter: RecordFilter | None = None):
        query = StreetBoard.select(StreetBoard, AdministrativeUnit).join(AdministrativeUnit)
        return apply_filter(
            query,
            StreetBoard,
            record_filter or RecordFilter(),
            date_field=StreetBoard.established_on,
            unit_field=StreetBoard.unit,
        )

    def to_raw(board) -> dict:
        return {
            "uuid": board.uuid,
            "name": board.name,
            "unit_code": board.unit.code,
            "established_on": board.established_on,
        }

    def natural_key(values: dict) -> tuple:
        return (values["name"],)

    def natural_index(values_list, *names) -> dict:
        return {}

    module = types.ModuleType(MODULE)
    module.StreetBoard = StreetBoard
    module.create_street_board = create
    b = StreetBoard
    module.PARTS = {
        "street_boards": KindParts(
            listing=ListKind(
                b,
                query,
                {"name": SortSpec((b.name,)), "established_on": SortSpec((b.established_on,))},
                "name",
                False,
                (b.id.asc(),),
                b.unit,
            ),
            file=FileKind(
                b,
                list(labels),
                labels,
                ["name", "unit_code"],
                clean,
                natural_key,
                natural_index,
                to_raw,
                query,
                {"name": "name", "unit_code": "unit", "established_on": "established_on"},
                "cùng tên ban",
                noun="ban bảo vệ dân phố",
            ),
            undo=UndoOps(update, delete, restore),
            package=PackageKind(
                "street_board",
                "ban bảo vệ dân phố",
                (
                    FieldSpec("name", "Tên ban"),
                    FieldSpec("unit", "Đơn vị", "unit"),
                    FieldSpec("established_on", "Ngày thành lập", "date", nullable=True),
                ),
                lambda values: {},
                lambda values: values["name"],
                own_date="established_on",
                derived=(),
                check=lambda data, day_of: clean(
                    {
                        "name": data.get("name"),
                        "unit_code": data.get("unit"),
                        "established_on": data.get("established_on"),
                    }
                ),
            ),
        )
    }
    return module


def _make_table(module) -> None:
    """Its migration step, in the open database: the table, and the change marker's triggers
    (lists keep their counts until the data changes, backups notice a change)."""
    module.StreetBoard.create_table()
    for statement in migrations.change_marker_triggers("street_board"):
        db.execute_sql(statement)


@pytest.fixture
def street_board_kind(monkeypatch):
    """The kind registered: its module and one ``RecordKind`` (no table made yet)."""
    module = _street_board_module()
    kind = kinds.RecordKind(
        "street_board",
        module.StreetBoard,
        "ban bảo vệ dân phố",
        "model.write",
        lambda data: data.get("established_on"),
        name="street_boards",
        module="street_boards",
    )
    monkeypatch.setitem(sys.modules, MODULE, module)
    monkeypatch.setitem(kinds.KINDS, kind.table, kind)
    monkeypatch.setitem(kinds._BY_NAME, kind.name, kind)
    yield module
    # The foreign key made the table a referrer of units: forget it for the tests that follow.
    board = module.StreetBoard
    board._meta.remove_ref(board.unit)
    AdministrativeUnit._meta.model_backrefs.pop(board, None)


@pytest.fixture
def street_boards(database, street_board_kind):
    _make_table(street_board_kind)
    return street_board_kind


def _unit_code() -> str:
    return AdministrativeUnit.select().order_by(AdministrativeUnit.id).first().code


def test_a_new_kind_is_listed_exported_imported_and_undone(street_boards, actor, tmp_path):
    code = _unit_code()
    for name in ("Ban Bình Minh", "Ban An Phú"):
        street_boards.create_street_board(
            {"name": name, "unit_code": code, "established_on": "2024-03-05"}, actor
        )
    assert kind_parts.parts("street_boards").listing is listing.list_kind("street_boards")

    # Listed, in its own sort.
    listed = listing.RecordList("street_boards", actor=actor)
    assert listed.count() == 2
    assert [board.name for board in listed.fetch(0, 10)] == ["Ban An Phú", "Ban Bình Minh"]

    # Exported under its labels, its noun in the audit trail.
    path = tmp_path / "ban.csv"
    assert transfer.export_file("street_boards", path, actor=actor) == 2
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].split(",") == ["Mã định danh", "Tên ban", "Mã đơn vị", "Ngày thành lập"]
    assert [line.split(",")[1] for line in lines[1:]] == ["Ban An Phú", "Ban Bình Minh"]
    assert lines[1].split(",")[2:] == [code, "05/03/2024"]  # no fast export: its to_raw
    entry = AuditEntry.select().where(AuditEntry.action == "export").get()
    assert entry.table_name == "street_board"
    assert "Xuất 2 ban bảo vệ dân phố" in entry.summary

    # Imported back: the uuids match, nothing changes.
    report = transfer.import_file("street_boards", path, actor)
    assert (report.created, report.unchanged) == (0, 2)
    assert report.summary().startswith("Đã nhập 2 ban bảo vệ dân phố")

    # Undone: a deletion is restored and done again through the kind's own services.
    board = street_boards.StreetBoard.get(street_boards.StreetBoard.name == "Ban An Phú")
    ops = undo.OPS["street_boards"]
    ops.delete(board.uuid, actor)
    changed = []
    command = undo.DeleteCommand(ops, board.uuid, actor, "Xóa", changed.append, pytest.fail)
    command.redo()  # pushed after the service ran: the first redo does nothing
    command.undo()
    assert street_boards.StreetBoard.get_by_id(board.id).deleted_at is None
    command.redo()
    assert street_boards.StreetBoard.get_by_id(board.id).deleted_at is not None
    assert changed == ["street_boards", "street_boards"]
    assert listing.RecordList("street_boards", actor=actor).count() == 1


def test_a_kind_without_a_module_offers_no_list_file_or_undo():
    assert kind_parts.parts("no_such_kind") == kind_parts.KindParts()
    with pytest.raises(KeyError):
        listing.list_kind("units")
    with pytest.raises(KeyError):
        undo.OPS["commendations"]


def test_the_command_line_exports_and_imports_a_new_kind(street_boards, actor, db_path, tmp_path):
    code = _unit_code()
    street_boards.create_street_board(
        {"name": "Ban Hòa Bình", "unit_code": code, "established_on": "2024-03-05"}, actor
    )
    path = tmp_path / "ban.xlsx"

    done = admin_cli("export", "street_boards", str(path), db=db_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Đã xuất 1 ban bảo vệ dân phố ra {path}."
    done = admin_cli("import", "street_boards", str(path), "--dry-run", db=db_path)
    assert done.returncode == 0, done.stderr
    assert "1 ban bảo vệ dân phố" in done.stdout
    done = admin_cli("export", "--help", db=db_path)
    assert "street_boards" in done.stdout


def test_a_new_kind_travels_in_a_package_to_the_province(street_board_kind, template_db, tmp_path):
    commune = Site(tmp_path / "commune.sqlite3", COMMUNE_A, template_db)
    province = Site(tmp_path / "province.sqlite3", PROVINCE, template_db)
    for site in (commune, province):
        with site:
            _make_table(street_board_kind)
    board = street_board_kind.StreetBoard
    with commune:
        for name in ("Ban Bình Minh", "Ban An Phú"):
            street_board_kind.create_street_board(
                {"name": name, "unit_code": COMMUNE_A, "established_on": "2024-03-05"},
                commune.actor,
            )
        gone = board.get(board.name == "Ban An Phú")
        street_board_kind.PARTS["street_boards"].undo.delete(gone.uuid, commune.actor)
        sent = packages.export_package(COMMUNE_A, tmp_path / "xa.mdpkg", commune.actor)
    assert sent.counts["street_board"] == {"records": 2, "deleted": 1}
    assert "2 ban bảo vệ dân phố (1 đã xóa)" in sent.summary()
    with zipfile.ZipFile(tmp_path / "xa.mdpkg") as archive:
        names = archive.namelist()
    # After the kinds of the format's first version: their parts keep their place.
    assert names.index("records/street_board.jsonl") > names.index("records/pledge_party.jsonl")

    with province:
        report = packages.import_package(tmp_path / "xa.mdpkg", province.actor)
        assert report.counts["street_board"].as_dict() == {
            "new": 1,
            "updated": 0,
            "unchanged": 0,
            "deleted": 1,
            "conflicts": 0,
        }
        rows = {row.name: row for row in board.select()}
        assert sorted(rows) == ["Ban An Phú", "Ban Bình Minh"]
        assert rows["Ban An Phú"].deleted_at is not None
        assert rows["Ban Bình Minh"].deleted_at is None
        assert rows["Ban Bình Minh"].unit.code == COMMUNE_A
        assert rows["Ban Bình Minh"].established_on.isoformat() == "2024-03-05"
        # Sent again: nothing new.
        again = packages.import_package(tmp_path / "xa.mdpkg", province.actor)
    assert again.counts["street_board"].new == again.counts["street_board"].deleted == 0
