"""One registry of record kinds (services/records/kinds.py): every per-kind table elsewhere
names a registered kind, by its table or its list name, and agrees with it; the lists, files
and undo operations are the ones each kind's own module declares (records/kind_parts.py)."""

from __future__ import annotations

import pytest

from movement_desk.db import models
from movement_desk.services import packages
from movement_desk.services.core.errors import ServiceError
from movement_desk.services.core.permissions import ACTIONS
from movement_desk.services.records import kind_parts, kinds, listing, store, transfer

RECORD_CLASSES = [
    value
    for value in vars(models).values()
    if isinstance(value, type) and issubclass(value, models.Record) and value is not models.Record
]


def test_every_record_table_is_a_registered_kind_keyed_by_its_table():
    assert {cls._meta.table_name for cls in RECORD_CLASSES} == set(kinds.KINDS)
    for table, kind in kinds.KINDS.items():
        assert kind.table == table == kind.model._meta.table_name
        assert kinds.of_model(kind.model) is kind


def test_names_are_unique_and_lead_back_to_their_kind():
    named = [kind for kind in kinds.KINDS.values() if kind.name]
    assert len({kind.name for kind in named}) == len(named)
    for kind in named:
        assert kinds.by_name(kind.name) is kind
    with pytest.raises(ServiceError, match="Không có loại dữ liệu “sessionz”"):
        kinds.by_name("sessionz")


def test_write_rights_are_actions_of_the_permission_matrix():
    for kind in kinds.KINDS.values():
        assert kind.write_action in ACTIONS


def test_lists_and_files_name_registered_kinds_of_the_same_model():
    for name in listing._kinds():
        assert listing.list_kind(name).model is kinds.by_name(name).model
    for name in transfer.KINDS:
        assert transfer._kind(name).model is kinds.by_name(name).model
    assert transfer.KINDS == ("sessions", "models", "commendations")
    assert list(listing._kinds()) == ["sessions", "models", "decisions", "commendations"]


def test_each_kinds_module_declares_the_parts_of_its_own_kinds_only():
    for kind in kinds.KINDS.values():
        if kind.module:
            declared = kind_parts.module_of(kind).PARTS
            # Under its list name, or its table for a kind without one (pledge_party).
            assert (kind.name or kind.table) in declared
            assert set(declared) <= {
                other.name or other.table
                for other in kinds.KINDS.values()
                if other.module == kind.module
            }
    for name, spec in listing._kinds().items():
        assert spec is kind_parts.module_of(kinds.by_name(name)).PARTS[name].listing
    for name in transfer.KINDS:
        assert transfer._kind(name) is kind_parts.module_of(kinds.by_name(name)).PARTS[name].file
        assert transfer.KIND_LABELS[name] == transfer._kind(name).noun
    with pytest.raises(ServiceError, match="Không có loại dữ liệu “units”"):
        transfer._kind("units")


def test_packages_travel_registered_kinds_under_the_same_label():
    for spec in packages.KIND_SPECS:
        assert spec.label == kinds.KINDS[spec.table].label
        kind = kinds.KINDS[spec.table]
        assert spec is kind_parts.module_of(kind).PARTS[kind.name or kind.table].package
        assert packages.KIND_BY_TABLE[spec.table] is spec
    # The parts of a package file keep the order of the format's first version (its bytes).
    assert list(packages.KIND_ORDER) == [
        "model_type",
        "organizer",
        "decision",
        "activity_session",
        "community_model",
        "commendation",
        "organisation",
        "safety_rating",
        "pledge",
        "pledge_party",
    ]
    assert [spec.table for spec in packages.KIND_SPECS] == list(packages.KIND_ORDER)


def test_messages_name_the_kind_from_the_registry():
    assert store.kind_name(models.ActivitySession) == "buổi phát động, tuyên truyền"
