"""Help > About: the version, where the library, backups, settings and data
are, and the Python, Qt and SQLite versions, with a button to copy them all
(for a bug report)."""

from __future__ import annotations

from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.appdata import app_icon
from workbench import about

TITLE = "Fact-Check Workbench"


def qt_text() -> str:
    return f"Qt {qVersion()} (PySide6 {PySide6.__version__})"


class AboutDialog(QDialog):
    def __init__(
        self,
        library_url: str,
        *,
        backups: Path | None = None,
        settings_file: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {TITLE}")
        self.rows = about.details(
            library_url, qt=qt_text(), backups=backups, settings_file=settings_file
        )

        head = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        head.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        blurb = QLabel(
            f"<b>{TITLE}</b> {self.rows[0][1]}<br>Compare reports of one story, "
            "mark and link claims, record verdicts."
        )
        blurb.setWordWrap(True)
        head.addWidget(blurb, 1, Qt.AlignmentFlag.AlignVCenter)

        form = QFormLayout()
        self.value_labels: dict[str, QLabel] = {}
        for label, value in self.rows:
            field = QLabel(value)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            self.value_labels[label] = field
            form.addRow(f"{label}:", field)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy details")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)

        box = QVBoxLayout(self)
        box.addLayout(head)
        box.addSpacing(8)
        box.addLayout(form)
        box.addStretch(1)
        box.addWidget(buttons)
        self.setMinimumWidth(620)

    def details_text(self) -> str:
        return "\n".join(f"{label}: {value}" for label, value in self.rows)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
