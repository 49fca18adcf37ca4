"""The window's undo operations are keyed by registered record kinds (records/kinds.py)."""

from movement_desk.gui import undo
from movement_desk.gui.views import ratings_view  # noqa: F401 - adds the ratings' operations
from movement_desk.services.records import kinds


def test_every_undo_operation_names_a_registered_kind():
    for name, ops in undo.OPS.items():
        assert kinds.by_name(name).name == name == ops.kind
