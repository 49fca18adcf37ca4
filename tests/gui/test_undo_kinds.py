"""The window's undo operations are keyed by registered record kinds (records/kinds.py)."""

from movement_desk.gui import undo
from movement_desk.services.records import kind_parts, kinds


def test_every_undo_operation_names_a_registered_kind():
    for name, ops in undo.OPS.items():
        assert kinds.by_name(name).name == name == ops.kind


def test_the_undo_operations_are_the_services_each_kinds_module_names():
    assert (
        set(undo.OPS)
        == set(kind_parts.undo_ops())
        >= {
            "sessions",
            "models",
            "decisions",
            "model_types",
            "organizers",
            "units",
            "ratings",
            "organisations",
            "pledges",
        }
    )
    for name, ops in kind_parts.undo_ops().items():
        assert (undo.OPS[name].update, undo.OPS[name].delete, undo.OPS[name].restore) == (
            ops.update,
            ops.delete,
            ops.restore,
        )
