"""A small form for one piece of evidence: URL or citation, title, excerpt."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from workbench.queries.records import EvidenceInfo


class EvidenceDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, evidence: EvidenceInfo | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit evidence" if evidence else "Add evidence")
        self.url = QLineEdit(evidence.url if evidence else "")
        self.url.setPlaceholderText("https://…")
        self.title_edit = QLineEdit(evidence.title if evidence else "")
        self.citation = QLineEdit(evidence.citation if evidence else "")
        self.citation.setPlaceholderText("or a citation: document, interview, archive…")
        self.excerpt = QPlainTextEdit(evidence.excerpt if evidence else "")
        self.excerpt.setPlaceholderText("The passage that supports the verdict")
        self.excerpt.setMaximumHeight(110)
        form = QFormLayout(self)
        form.addRow("URL", self.url)
        form.addRow("Title", self.title_edit)
        form.addRow("Citation", self.citation)
        form.addRow("Excerpt", self.excerpt)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.url.textChanged.connect(self._update_ok)
        self.citation.textChanged.connect(self._update_ok)
        self.resize(480, 280)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = bool(self.url.text().strip() or self.citation.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def values(self) -> dict[str, str]:
        return {
            "url": self.url.text().strip(),
            "title": self.title_edit.text().strip(),
            "citation": self.citation.text().strip(),
            "excerpt": self.excerpt.toPlainText().strip(),
        }
