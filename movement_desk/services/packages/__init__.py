"""Offline consolidation: export a unit's records as a package; import, merge and register one.

How two databases agree on which version of a record is newer
--------------------------------------------------------------
Each record carries a *version vector* ``{installation id: counter}`` in the package. A
database never stores the vector on the record itself; it keeps, in ``sync_state``, the
content hash and vector of the version it last exchanged. The vector of a local record is:

- never exchanged: ``{this installation: revision}``;
- unchanged since the exchange (same content hash): the stored vector;
- changed here since: the stored vector with this installation's entry set to the record's
  revision (accepting a version sets the revision to at least every counter in its vector, and
  every local change adds one, so the entry always grows).

An incoming version whose vector is dominated by the local one is old news and changes nothing;
one that dominates the local one replaces it; two concurrent versions with different content
are a *conflict*: the local version stays and both are kept in ``sync_conflict`` until the user
picks one. Nothing is ever settled silently. See docs/package-format.md.

The package is split by concern: ``spec`` (what travels), ``vectors`` (hashes and version
vectors), ``local`` (local rows as package lines and back), ``file_format`` (the signed zip),
``validate`` (checking a package before anything is written), ``export``, ``merge`` (import),
``conflicts``, ``received`` (the register and completeness) and ``readable`` (fields as the
audit trail and the conflict view show them). Callers keep using
``from movement_desk.services import packages`` and the names re-exported here.
"""

from __future__ import annotations

from movement_desk.services.packages.conflicts import (
    KEEP_CHOICES,
    ConflictView,
    FieldDiff,
    list_conflicts,
    pending_conflict_count,
    resolve_conflict,
)
from movement_desk.services.packages.export import ExportResult, export_package, last_export
from movement_desk.services.packages.file_format import PackageError
from movement_desk.services.packages.merge import (
    CRASH_ENV_VAR,
    ConflictBrief,
    ImportReport,
    KindCounts,
    created_text,
    import_package,
    preview_package,
    signing_scope,
)
from movement_desk.services.packages.received import (
    Completeness,
    UnitReceipt,
    received_packages,
    received_units,
)
from movement_desk.services.packages.spec import (
    KIND_BY_TABLE,
    KIND_ORDER,
    KIND_SPECS,
    MODE_LABELS,
    FieldSpec,
    KindSpec,
    kind_label,
)
from movement_desk.services.packages.validate import check_records, read_checked
from movement_desk.services.packages.vectors import (
    compare_vectors,
    content_hash,
    local_vector,
    merge_vectors,
)

__all__ = [
    "CRASH_ENV_VAR",
    "KEEP_CHOICES",
    "KIND_BY_TABLE",
    "KIND_ORDER",
    "KIND_SPECS",
    "MODE_LABELS",
    "Completeness",
    "ConflictBrief",
    "ConflictView",
    "ExportResult",
    "FieldDiff",
    "FieldSpec",
    "ImportReport",
    "KindCounts",
    "KindSpec",
    "PackageError",
    "UnitReceipt",
    "check_records",
    "compare_vectors",
    "content_hash",
    "created_text",
    "export_package",
    "import_package",
    "kind_label",
    "last_export",
    "list_conflicts",
    "local_vector",
    "merge_vectors",
    "pending_conflict_count",
    "preview_package",
    "read_checked",
    "received_packages",
    "received_units",
    "resolve_conflict",
    "signing_scope",
]
