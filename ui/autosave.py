"""An editor that saves itself after a short pause in typing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

AUTOSAVE_DELAY_MS = 600


class AutosaveEdit(QPlainTextEdit):
    """Plain-text editor that calls ``save(text)`` 600 ms after the last
    keystroke, on focus out, and on ``flush()`` (before a switch or a close).

    ``save`` returns False when the text could not be stored (disk full, busy
    database): the text stays on screen and counts as unsaved, so the next
    pause or flush tries again."""

    def __init__(self, save: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._loading = False
        self._saving = False
        self._saved_text = ""
        self.textChanged.connect(self._edited)

    def load(self, text: str) -> None:
        """Show ``text`` without saving it (pending edits are flushed first)."""
        self.flush()
        self._loading = True
        try:
            if self.toPlainText() != text:
                self.setPlainText(text)
            self._saved_text = text
        finally:
            self._loading = False

    @property
    def dirty(self) -> bool:
        return self.toPlainText() != self._saved_text

    def _edited(self) -> None:
        if not self._loading:
            self._timer.start()

    def flush(self) -> None:
        self._timer.stop()
        # Saving refreshes the views, which may call load()/flush() again.
        if self._saving or not self.dirty:
            return
        text, previous = self.toPlainText(), self._saved_text
        self._saving = True
        self._saved_text = text
        try:
            if not self._save(text):
                self._saved_text = previous  # still unsaved: the next pause retries
        finally:
            self._saving = False

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.flush()
        super().focusOutEvent(event)
