"""What travels in a package: the record kinds and their fields (each declared by the kind's
own module), the modes of an export."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from movement_desk.services.packages import file_format as package_file
from movement_desk.services.records import kind_parts, specs

META_COLUMNS = (
    "uuid",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "deleted_at",
    "deleted_by",
    "revision",
    "origin",
)
MODES = ("all", "period", "since_last")
MODE_LABELS = {"all": "toàn bộ", "period": "theo kỳ", "since_last": "từ lần gửi trước"}
CHUNK = 500


# ---------------------------------------------------------------------------------------------
# What travels: each kind's own module declares its fields (``PARTS``, records/specs.py), found
# through the registry (records/kinds.py) when asked, so a kind registered later travels too.

FieldSpec = specs.FieldSpec
KindSpec = specs.PackageKind


class _Specs(Sequence):
    """Every kind that travels, in the order of a package's parts (file_format.KINDS)."""

    def _specs(self) -> list[KindSpec]:
        found = kind_parts.packages()
        return [found[table] for table in package_file.KINDS]

    def __getitem__(self, index):
        return self._specs()[index]

    def __iter__(self):
        return iter(self._specs())

    def __len__(self) -> int:
        return len(kind_parts.packages())


class _ByTable(Mapping):
    """The kind that travels in ``table``'s records."""

    def __getitem__(self, table: str) -> KindSpec:
        return kind_parts.packages()[table]

    def __iter__(self):
        return iter(package_file.KINDS)

    def __len__(self) -> int:
        return len(kind_parts.packages())


KIND_SPECS: Sequence[KindSpec] = _Specs()
KIND_BY_TABLE: Mapping[str, KindSpec] = _ByTable()
KIND_ORDER: Sequence[str] = package_file.KINDS
# Print tracking (print_count, first/last_printed_at) stays with the installation that printed.


def kind_label(kind: str) -> str:
    return KIND_BY_TABLE[kind].label


def _unit_key(spec: KindSpec) -> str | None:
    return next((f.key for f in spec.fields if f.codec == "unit"), None)
