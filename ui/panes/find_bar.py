"""Find in every pane at once (Ctrl+F): all matches highlighted, the current
one selected and scrolled into view, pane included."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from ui import palette
from ui.panes.pane_row import PaneRow

_PALETTE_EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)

MAX_MATCHES = 10_000


def _style() -> str:
    t = palette.theme()
    accent, miss, err = t.accent.name(), t.conflict_fill.name(), t.error.name()
    return f"""
QFrame#findBar {{ background: {t.chrome.name()}; border-top: 1px solid {t.chrome_line.name()}; }}
QLineEdit {{ padding: 3px 6px; border: 1px solid {t.chrome_line.name()}; border-radius: 4px; }}
QLineEdit:focus {{ border: 2px solid {accent}; }}
QLineEdit[nomatch="true"] {{ background: {miss}; border-color: {err}; }}
QLabel#findCount {{ color: {t.meta.name()}; min-width: 80px; }}
QToolButton {{ border: none; padding: 3px 7px; border-radius: 4px; }}
QToolButton:hover {{ background: {t.hover.name()}; }}
QToolButton:focus {{ border: 2px solid {accent}; }}
QToolButton:checked {{ background: {t.hover.name()}; color: {accent}; }}
"""


class FindBar(QFrame):
    """A search field over all panes: "3 of 12", next/previous, match case, Esc closes."""

    closed = Signal()

    def __init__(self, row: PaneRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = row
        self._matches: list[tuple[str, int, int]] = []  # article id, start, end (offsets)
        self._current = -1
        self.setObjectName("findBar")
        self._dark = palette.palette_is_dark()
        self.setStyleSheet(_style())

        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find in all articles")
        self.edit.setClearButtonEnabled(True)
        self.edit.setProperty("nomatch", "false")
        self.count_label = QLabel("")
        self.count_label.setObjectName("findCount")
        self.prev_button = self._button(
            "▲", "Previous match (Shift+Enter, Shift+F3)", self.find_previous
        )
        self.next_button = self._button("▼", "Next match (Enter, F3)", self.find_next)
        self.case_button = self._button("Aa", "Match case", self.search)
        self.case_button.setCheckable(True)
        close = self._button("✕", "Close (Esc)", self.close_bar)

        box = QHBoxLayout(self)
        box.setContentsMargins(8, 5, 8, 5)
        box.setSpacing(4)
        box.addWidget(QLabel("Find:"))
        box.addWidget(self.edit, 1)
        box.addWidget(self.count_label)
        box.addWidget(self.prev_button)
        box.addWidget(self.next_button)
        box.addWidget(self.case_button)
        box.addStretch(0)
        box.addWidget(close)

        self.edit.textChanged.connect(lambda _text: self.search())
        self.edit.installEventFilter(self)
        row.panes_changed.connect(self._panes_changed)

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        return button

    # ------------------------------------------------------------ API

    def _restyle(self) -> None:
        """Light or dark palette switched: the bar's colours follow."""
        if palette.palette_is_dark() != self._dark:
            self._dark = palette.palette_is_dark()
            self.setStyleSheet(_style())

    def event(self, event: QEvent) -> bool:
        if event.type() in _PALETTE_EVENTS or event.type() == QEvent.Type.Show:
            self._restyle()
        return super().event(event)

    def activate(self, text: str | None = None) -> None:
        """Show the bar and focus the field (prefilled with ``text``, or the
        current pane's selection if it is short and on one line)."""
        if text is None:
            pane = self._row.current_pane()
            span = pane.view.selected_span() if pane else None
            if pane is not None and span is not None:
                chosen = pane.view.textCursor().selectedText()
                if 0 < len(chosen) <= 100 and "\u2029" not in chosen:
                    text = chosen
        self.show()
        if text is not None and text != self.edit.text():
            self.edit.setText(text)
        elif self._matches == [] and self.edit.text():
            self.search()
        self.edit.setFocus()
        self.edit.selectAll()

    def set_case_sensitive(self, on: bool) -> None:
        self.case_button.setChecked(on)
        self.search()

    def matches(self) -> list[tuple[str, int, int]]:
        """Every match as (article id, start, end), panes left to right."""
        return list(self._matches)

    def current_index(self) -> int:
        return self._current

    def count_text(self) -> str:
        return self.count_label.text()

    def search(self) -> None:
        """Find the field's text in every pane on screen and highlight it."""
        query = self.edit.text()
        self._matches = []
        per_pane: dict[str, list[tuple[int, int]]] = {}
        if query:
            flags = 0 if self.case_button.isChecked() else re.IGNORECASE
            pattern = re.compile(re.escape(query), flags)
            controller = self._row.controller
            for pane in self._row.panes():
                spans: list[tuple[int, int]] = []
                for m in pattern.finditer(controller.text(pane.article_id)):
                    if len(self._matches) >= MAX_MATCHES:
                        break
                    spans.append((m.start(), m.end()))
                    self._matches.append((pane.article_id, m.start(), m.end()))
                per_pane[pane.article_id] = spans
        self._current = self._first_index() if self._matches else -1
        self._paint(per_pane)
        self._go()

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def close_bar(self) -> None:
        self.hide()

    # ------------------------------------------------------------ internals

    def _first_index(self) -> int:
        """The first match in the current pane or a pane to its right."""
        pane = self._row.current_pane()
        order = [p.article_id for p in self._row.panes()]
        if pane is None or pane.article_id not in order:
            return 0
        k = order.index(pane.article_id)
        for n, (aid, _s, _e) in enumerate(self._matches):
            if order.index(aid) >= k:
                return n
        return 0

    def _step(self, step: int) -> None:
        if not self._matches:
            if self.edit.text():
                self.search()
            return
        self._current = (self._current + step) % len(self._matches)
        self._paint(None)
        self._go()

    def _paint(self, per_pane: dict[str, list[tuple[int, int]]] | None) -> None:
        current_aid = self._matches[self._current][0] if self._current >= 0 else None
        for pane in self._row.all_panes():
            aid = pane.article_id
            if per_pane is None:
                spans = [(s, e) for a, s, e in self._matches if a == aid]
            else:
                spans = per_pane.get(aid, [])
            index = -1
            if aid == current_aid:
                first = next(n for n, m in enumerate(self._matches) if m[0] == aid)
                index = self._current - first
            pane.view.set_find_matches(spans, index)
        total = len(self._matches)
        nomatch = bool(self.edit.text()) and total == 0
        if self.edit.property("nomatch") != str(nomatch).lower():
            self.edit.setProperty("nomatch", str(nomatch).lower())
            self.edit.style().unpolish(self.edit)
            self.edit.style().polish(self.edit)
        if not self.edit.text():
            self.count_label.setText("")
        elif total == 0:
            self.count_label.setText("No matches")
        else:
            more = "+" if total >= MAX_MATCHES else ""
            self.count_label.setText(f"{self._current + 1} of {total}{more}")
        self.prev_button.setEnabled(total > 1)
        self.next_button.setEnabled(total > 1)

    def _go(self) -> None:
        if self._current < 0:
            return
        aid, start, end = self._matches[self._current]
        pane = self._row.pane_for(aid)
        if pane is not None:
            self._row.reveal(pane)
            pane.view.select_span(start, end)

    def _panes_changed(self) -> None:
        if self.isVisible() and self.edit.text():
            self.search()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
                self._step(-1 if shift else 1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:
        """Closing the bar (Esc here or in the window) clears the highlights;
        hiding its window or page does not."""
        super().hideEvent(event)
        if event.spontaneous() or not self.isHidden():
            return
        for pane in self._row.all_panes():
            pane.view.set_find_matches([], -1)
        self._matches, self._current = [], -1
        self.closed.emit()
