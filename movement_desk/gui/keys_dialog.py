"""Tools → Keys…: this installation's public key, and the offices' keys it trusts.

The same as ``movement-desk keys``: export the public key (to send to the level above, with the
fingerprint read over the phone), trust a lower office's key for its unit, revoke one. The
services decide who may (``key.trust``) and record each step in the audit trail.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from movement_desk import vietnamese
from movement_desk.gui import prompts
from movement_desk.gui.table_models import ListTableModel
from movement_desk.services.core import permissions, signing
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import ServiceError

KEY_FILTER = "movement_desk key (*.mdkey)"


class KeyTableModel(ListTableModel):
    """Own and trusted keys: fingerprint, unit, whose, state."""

    def __init__(self, parent=None):
        super().__init__(
            [self.tr("Fingerprint"), self.tr("Unit"), self.tr("Key of"), self.tr("State")],
            parent,
        )
        self.rows: list[signing.KnownKey] = []
        self.current = ""

    def reload(self) -> None:
        self.current = signing.own_key_id()
        self.set_rows(signing.list_keys())

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        key = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return key.fingerprint
        if column == 1:
            return key.signer_unit()
        if column == 2:
            if key.own:
                return (
                    self.tr("this installation (in use)")
                    if key.key_id == self.current
                    else self.tr("this installation")
                )
            return self.tr("relayed by a district") if key.vouched_by else self.tr("trusted")
        if key.revoked:
            return (
                self.tr("revoked on %1: %2")
                .replace("%1", vietnamese.format_date(key.revoked_at.date()))
                .replace("%2", key.revoked_reason)
            )
        return self.tr("valid")


class KeysDialog(QDialog):
    """Export this installation's public key; trust or revoke the keys of other offices."""

    exported = Signal(str)
    trusted = Signal(str)
    revoked = Signal(str)

    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.setWindowTitle(self.tr("Signing keys"))
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        self.keys_own = QLabel()
        self.keys_own.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keys_own.setWordWrap(True)
        layout.addWidget(self.keys_own)
        self.keys_model = KeyTableModel(self)
        self.keys_table = QTableView()
        self.keys_table.setModel(self.keys_model)
        self.keys_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.keys_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.keys_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.keys_table, 1)
        row = QHBoxLayout()
        self.keys_export = QPushButton(self.tr("&Export my public key…"))
        self.keys_export.clicked.connect(self._on_keys_export_clicked)
        self.keys_trust = QPushButton(self.tr("&Trust a key…"))
        self.keys_trust.clicked.connect(self._on_keys_trust_clicked)
        self.keys_revoke = QPushButton(self.tr("&Revoke…"))
        self.keys_revoke.clicked.connect(self._on_keys_revoke_clicked)
        for button in (self.keys_export, self.keys_trust, self.keys_revoke):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        may_trust = permissions.can(actor, "key.trust")
        self.keys_trust.setVisible(may_trust)
        self.keys_revoke.setVisible(may_trust)
        self.reload()

    def reload(self) -> None:
        self.keys_model.reload()
        self.keys_own.setText(
            self.tr(
                "Fingerprint of this installation's key: %1. Read it over the phone to the "
                "office that enrols your key."
            ).replace("%1", signing.fingerprint(self.keys_model.current))
        )

    def _on_keys_export_clicked(self) -> None:
        path = prompts.save_file(
            self, self.tr("Export my public key"), "khoa-cong-khai.mdkey", KEY_FILTER, "keys"
        )
        if not path:
            return
        try:
            document = signing.export_public_key(path, self.actor)
        except (ServiceError, OSError) as exc:
            prompts.fail(self, self.tr("Export my public key"), str(exc))
            return
        prompts.inform(
            self,
            self.tr("Export my public key"),
            self.tr("Written to %1. Fingerprint: %2")
            .replace("%1", path)
            .replace("%2", signing.fingerprint(document.key_id)),
        )
        self.exported.emit(path)

    def _on_keys_trust_clicked(self) -> None:
        title = self.tr("Trust a key")
        path = prompts.open_file(self, title, KEY_FILTER, "keys")
        if not path:
            return
        try:
            document = signing.read_public_key_file(path)
        except ServiceError as exc:
            prompts.fail(self, title, str(exc))
            return
        unit = prompts.ask_text(
            self,
            title,
            self.tr("Code of the unit this key signs for (the file says %1):").replace(
                "%1", document.unit_code or "—"
            ),
        )
        if not unit:
            return
        heard = prompts.ask_text(
            self,
            title,
            self.tr(
                "Fingerprint read over the phone by the office (the file's is %1). Type it to "
                "compare, or leave it empty:"
            ).replace("%1", signing.fingerprint(document.key_id)),
        )
        if heard is None:
            return
        try:
            key = signing.trust_key(
                path, unit.strip(), self.actor, expect_fingerprint=heard.strip() or None
            )
        except ServiceError as exc:
            prompts.fail(self, title, str(exc))
            return
        self.reload()
        self.trusted.emit(key.key_id)

    def _on_keys_revoke_clicked(self) -> None:
        title = self.tr("Revoke a key")
        rows = self.keys_table.selectionModel().selectedRows()
        if not rows:
            prompts.warn(self, title, self.tr("Select a key in the list first."))
            return
        key = self.keys_model.rows[rows[0].row()]
        reason = prompts.ask_text(
            self,
            title,
            self.tr("Why is key %1 revoked? Packages and certificate codes signed with it will "
                    "no longer be accepted.").replace("%1", key.fingerprint),
        )  # fmt: skip
        if not reason:
            return
        try:
            signing.revoke_key(key.key_id, reason, self.actor)
        except ServiceError as exc:
            prompts.fail(self, title, str(exc))
            return
        self.reload()
        self.revoked.emit(key.key_id)
