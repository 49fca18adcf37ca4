"""Help → About: the program's name, version, database, schema version and licences."""

from __future__ import annotations

import html
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from movement_desk import APP_FULL_NAME
from movement_desk.gui.icons import application_icon
from movement_desk.services.admin import about, database_choice


class AboutDialog(QDialog):
    """What the program is, which version, on which database, and under which licences."""

    def __init__(self, db_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About"))
        self.setWindowIcon(application_icon())
        self.facts = about.about_facts(Path(db_path) if db_path else None)
        # A server's URL as the window shows it (never its password), a file's path as it is.
        self.database_label = database_choice.label(db_path) if db_path else ""

        icon = QLabel(self)
        icon.setPixmap(application_icon().pixmap(96, 96))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.about_summary = QLabel(self)
        self.about_summary.setObjectName("about_summary")
        self.about_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.about_summary.setWordWrap(True)
        self.about_summary.setText(self._summary_html())

        self.about_licences = QTextBrowser(self)
        self.about_licences.setObjectName("about_licences")
        self.about_licences.setOpenExternalLinks(False)
        self.about_licences.setPlainText(self._licences_text())

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.about_summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("Licences of the components shipped with it:"), self))
        layout.addWidget(self.about_licences, 1)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def _summary_html(self) -> str:
        facts = self.facts
        schema = (
            self.tr("{version} (this program knows up to {latest})").format(
                version=facts.schema_version, latest=facts.latest_schema_version
            )
            if facts.schema_version is not None
            else self.tr("no database open")
        )
        rows = [
            (self.tr("Version"), facts.version),
            (self.tr("Database"), self.database_label),
            (self.tr("Schema version"), schema),
            (
                self.tr("Built with"),
                f"Python {facts.python_version}, Qt {qVersion()}, "
                f"PySide6 {PySide6.__version__}, ReportLab {facts.reportlab_version}",
            ),
        ]
        table = "".join(
            f"<tr><td><b>{html.escape(label)}:</b></td><td>{html.escape(value)}</td></tr>"
            for label, value in rows
        )
        return f"<h3>{html.escape(APP_FULL_NAME)}</h3><table cellspacing='4'>{table}</table>"

    def _licences_text(self) -> str:
        parts = []
        for licence in self.facts.licences:
            header = f"{licence.component}: {licence.licence}"
            try:
                body = licence.text_file.read_text(encoding="utf-8")
            except OSError:
                body = self.tr("(licence file missing: {path})").format(path=licence.text_file)
            parts.append(f"{header}\n{'=' * len(header)}\n{body.strip()}\n")
        return "\n\n".join(parts)
