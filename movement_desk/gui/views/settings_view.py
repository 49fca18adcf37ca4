"""Settings: the domain settings stored in the database, and the interface language."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from movement_desk.db.choices import SignerPrefix
from movement_desk.gui import prompts
from movement_desk.gui.context import AppContext
from movement_desk.gui.widgets import ChoiceCombo, ErrorLabel, UnitPicker
from movement_desk.services.core import permissions, settings
from movement_desk.services.core.errors import ServiceError, ValidationError

TEXT_KEYS = (
    "place",
    "authority",
    "signer_title",
    "signer_name",
    "issuer_parent",
    "issuer_name",
    "report_symbol",
)


class SettingsView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        domain = QGroupBox(self.tr("This database (travels with its backups)"), self)
        form = QFormLayout(domain)
        self.home_unit = UnitPicker(self)
        self.home_unit.setObjectName("settings_home_unit")
        self.home_error = ErrorLabel(self)
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.home_unit)
        column.addWidget(self.home_error)
        form.addRow(self.tr("Unit this office works for"), holder)
        self.rule = QComboBox(self)
        self.rule.setObjectName("settings_rule")
        self.rule.addItem(self.tr("Decree 09/2019: 15th of the month before to the 14th"), "decree")
        self.rule.addItem(self.tr("Calendar months"), "calendar")
        form.addRow(self.tr("Reporting periods"), self.rule)
        labels = {
            "place": self.tr("Place (for date lines)"),
            "authority": self.tr("Issuing authority"),
            "signer_title": self.tr("Signer's title"),
            "signer_name": self.tr("Signer's name"),
            "issuer_parent": self.tr("Issuer's parent body"),
            "issuer_name": self.tr("Issuer's name"),
            "report_symbol": self.tr("Report symbol"),
        }
        self.prefix = ChoiceCombo(SignerPrefix, self)
        self.texts: dict[str, QLineEdit] = {}
        for key in TEXT_KEYS:
            edit = QLineEdit(self)
            edit.setObjectName(f"settings_{key}")
            self.texts[key] = edit
            form.addRow(labels[key], edit)
            if key == "authority":
                form.addRow(self.tr("Signing capacity"), self.prefix)
        domain.setMaximumWidth(960)
        layout.addWidget(domain)
        self.domain = domain
        # Only an administrator (settings.write) changes them; the others see them read-only.
        self.can_write = permissions.can(context.actor, "settings.write")
        domain.setEnabled(self.can_write)
        if not self.can_write:
            domain.setToolTip(
                self.tr("Only an administrator may change the settings of the database.")
            )

        personal = QGroupBox(self.tr("This computer"), self)
        personal_form = QFormLayout(personal)
        self.language = QComboBox(self)
        self.language.setObjectName("settings_language")
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        personal_form.addRow(self.tr("Interface language (after restart)"), self.language)
        personal.setMaximumWidth(960)
        layout.addWidget(personal)

        buttons = QHBoxLayout()
        self.saved_label = QLabel(self)
        buttons.addWidget(self.saved_label)
        save = QPushButton(self.tr("&Save settings"), self)
        save.setObjectName("settings_save")
        save.clicked.connect(self.save)
        buttons.addWidget(save)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        values = settings.all_settings()
        self.home_unit.set_value(values.get("home_unit_code"))
        self.rule.setCurrentIndex(max(self.rule.findData(values.get("period_rule")), 0))
        for key, edit in self.texts.items():
            edit.setText(str(values.get(key) or ""))
        self.prefix.set_value(values.get("signer_prefix") or "")
        language = QSettings().value("language", "vi")
        self.language.setCurrentIndex(max(self.language.findData(language), 0))

    def save(self) -> bool:
        if self.can_write and not self._save_domain():
            return False
        old_language = QSettings().value("language", "vi")
        QSettings().setValue("language", self.language.currentData())
        self.saved_label.setText(self.tr("Saved."))
        if self.can_write:
            self.context.notify("settings")
        if old_language != self.language.currentData():
            prompts.inform(
                self,
                self.tr("Language"),
                self.tr("The new language is used from the next start."),
            )
        return True

    def _save_domain(self) -> bool:
        """The database's settings, through the one service call that checks and audits."""
        code = self.home_unit.value()
        values = {
            "home_unit_code": code,
            "period_rule": self.rule.currentData(),
            "signer_prefix": self.prefix.value(),
            **{key: edit.text().strip() for key, edit in self.texts.items()},
        }
        try:
            settings.save_settings(values, self.context.actor)
        except ValidationError as exc:
            if exc.for_field("home_unit_code"):
                self.home_error.show_message(
                    self.tr("There is no unit with code “{code}”; pick one from the list.").format(
                        code=code
                    )
                )
            else:
                prompts.warn(self, self.tr("Settings"), str(exc))
            return False
        except ServiceError as exc:
            prompts.warn(self, self.tr("Settings"), str(exc))
            return False
        self.home_error.show_message("")
        return True
