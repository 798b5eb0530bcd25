"""What a session import did: added, updated, kept, and every conflict."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from workbench.ops.session_import import MergeReport


class ImportReportDialog(QDialog):
    def __init__(self, report: MergeReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Session imported" if report.new_session else "Session merged")
        self.text = QPlainTextEdit(report.summary())
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(640, 360)
