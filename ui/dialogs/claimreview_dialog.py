"""Asks for the organisation and review address ClaimReview needs, and keeps them
as settings (through the operations) for the next export."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.ops import settings as st
from workbench.storage.store import Library


class PublisherDialog(QDialog):
    def __init__(self, lib: Library, session_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("ClaimReview: who publishes the reviews")
        saved = st.settings(lib, session_id)
        self.org_name = QLineEdit(saved.get(st.ORG_NAME, ""))
        self.org_url = QLineEdit(saved.get(st.ORG_URL, ""))
        self.review_url = QLineEdit(saved.get(st.REVIEW_URL_PREFIX, ""))
        self.review_url.setPlaceholderText("https://example.org/fact-checks/")
        self.keep = QCheckBox("Keep these for the library's next exports")
        self.keep.setChecked(True)
        form = QFormLayout()
        form.addRow("Organisation &name:", self.org_name)
        form.addRow("Organisation &URL:", self.org_url)
        form.addRow("&Review URL prefix:", self.review_url)
        note = QLabel("Each review's address is the prefix followed by the claim's id.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.keep)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        return {
            "org_name": self.org_name.text().strip(),
            "org_url": self.org_url.text().strip(),
            "review_url": self.review_url.text().strip(),
        }


def ask_publisher(parent: QWidget, lib: Library, session_id: str) -> dict[str, Any] | None:
    """The exporter's keyword arguments, or None when the user cancelled."""
    dialog = PublisherDialog(lib, session_id, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    values = dialog.values()
    if dialog.keep.isChecked():
        for key, value in (
            (st.ORG_NAME, values["org_name"]),
            (st.ORG_URL, values["org_url"]),
            (st.REVIEW_URL_PREFIX, values["review_url"]),
        ):
            st.set_setting(lib, key, value)
    return values
