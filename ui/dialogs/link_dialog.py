"""Choose how two claims relate: the link type, and an optional note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.palette import link_color
from ui.safe_text import escape
from workbench.preview import shorten
from workbench.vocabulary import LINK_TYPE_LABELS, LINK_TYPES

KEYS = {"same": "S", "corroborates": "O", "contradicts": "X", "differs": "D", "related": "R"}


def swatch(color: QColor, size: int = 12) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(color)
    return QIcon(pm)


class LinkTypeDialog(QDialog):
    """Radio buttons for the five link types (with keys), and a note."""

    def __init__(
        self, left: str, right: str, parent: QWidget | None = None, suggested: str = "same"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link claims")
        box = QVBoxLayout(self)
        ends = QLabel(f"“{escape(shorten(left, 140))}”<br>and<br>“{escape(shorten(right, 140))}”")
        ends.setTextFormat(Qt.TextFormat.RichText)
        ends.setWordWrap(True)
        box.addWidget(ends)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for kind in LINK_TYPES:
            b = QRadioButton(f"{LINK_TYPE_LABELS[kind]}  ({KEYS[kind]})")
            b.setIcon(swatch(link_color(kind)))
            b.setToolTip(f"Key {KEYS[kind]}")
            self.group.addButton(b)
            self.buttons[kind] = b
            box.addWidget(b)
        self.buttons.get(suggested, self.buttons["same"]).setChecked(True)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Note (optional)")
        box.addWidget(self.note)
        bb = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        bb.accepted.connect(self.accept)
        bb.rejected.connect(self.reject)
        box.addWidget(bb)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """S, O, X, D, R choose the type at once (a button shortcut would only
        check its button after an animated click, too late for a quick Enter)."""
        kind = next((k for k, key in KEYS.items() if event.text().upper() == key), None)
        if kind is not None and not self.note.hasFocus():
            self.set_link_type(kind)
            event.accept()
            return
        super().keyPressEvent(event)

    def link_type(self) -> str:
        for kind, b in self.buttons.items():
            if b.isChecked():
                return kind
        return "related"

    def set_link_type(self, kind: str) -> None:
        self.buttons[kind].setChecked(True)
