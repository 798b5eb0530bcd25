"""Search the whole library (Ctrl+Shift+F): results grouped by session.

Words, "exact phrases" and prefix* words, as in ``workbench search``. A
result opens its session (if another one is open) at the passage: the claim
is selected, an article passage is selected in its pane.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.errors import WorkbenchError
from workbench.queries.sessions import list_sessions
from workbench.storage import search_index
from workbench.storage.search_index import Hit
from workbench.storage.store import Library

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_LABELS = {"article": "Article", "claim": "Claim", "rationale": "Rationale", "note": "Note"}
DEBOUNCE_MS = 250
LIMIT = 200


class LibrarySearchDialog(QDialog):
    """Type to search; Enter or a double click opens the result."""

    open_requested = Signal(object)  # the Hit to open

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lib = lib
        self.setWindowTitle("Search the library")
        self.resize(720, 520)
        self.query = QLineEdit()
        self.query.setPlaceholderText('Words, "an exact phrase", or a prefix*')
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName("Search the library")
        self.results = QTreeWidget()
        self.results.setHeaderLabels(["Where", "Passage"])
        self.results.setColumnWidth(0, 190)
        self.results.setAccessibleName("Search results, grouped by session")
        self.status = QLabel()
        box = QVBoxLayout(self)
        box.addWidget(self.query)
        box.addWidget(self.results, 1)
        box.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.query.returnPressed.connect(self._enter)
        self.results.itemActivated.connect(self._activated)

    def run_search(self) -> list[Hit]:
        """Search for the typed query now and show the results."""
        self._timer.stop()
        self.results.clear()
        text = self.query.text().strip()
        if not text:
            self.status.setText("")
            return []
        try:
            hits = search_index.search(self._lib, text, limit=LIMIT)
        except WorkbenchError as err:
            self.status.setText(str(err))
            return []
        titles = {s.id: s.title for s in list_sessions(self._lib)}
        groups: dict[str, QTreeWidgetItem] = {}
        for hit in hits:
            group = groups.get(hit.session_id)
            if group is None:
                group = QTreeWidgetItem([titles.get(hit.session_id, "(deleted session)"), ""])
                group.setFirstColumnSpanned(True)
                groups[hit.session_id] = group
                self.results.addTopLevelItem(group)
            item = QTreeWidgetItem([KIND_LABELS.get(hit.kind, hit.kind), hit.text])
            item.setData(0, HIT_ROLE, hit)
            item.setToolTip(1, hit.text)
            group.addChild(item)
        for group in groups.values():
            group.setText(0, f"{group.text(0)} ({group.childCount()})")
            group.setExpanded(True)
        shown = "" if len(hits) < LIMIT else f" (the best {LIMIT})"
        self.status.setText(
            f"{len(hits)} results in {len(groups)} sessions{shown}" if hits else "Nothing found"
        )
        first = groups and next(iter(groups.values())).child(0)
        if first:
            self.results.setCurrentItem(first)
        return hits

    def _enter(self) -> None:
        if self._timer.isActive() or not self.results.topLevelItemCount():
            self.run_search()
            return
        item = self.results.currentItem()
        if item is not None:
            self._activated(item)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hit = item.data(0, HIT_ROLE)
        if isinstance(hit, Hit):
            self.open_requested.emit(hit)
