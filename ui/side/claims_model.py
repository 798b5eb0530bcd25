"""The session's claims as a table: a model over claim ids, and its filters."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush

from ui.controller import SessionController
from ui.palette import tone_fill
from ui.safe_text import tooltip
from workbench.preview import shorten
from workbench.vocabulary import LINK_TYPE_LABELS

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Article", "Quote", "Verdict", "Links", "Updated")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
LINK_TYPES_ROLE = Qt.ItemDataRole.UserRole + 3
ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 4
QUOTE_ROLE = Qt.ItemDataRole.UserRole + 5


class ClaimsModel(QAbstractTableModel):
    """Rows are claim ids in pane order then text order; cells come from the
    controller's loaded session (plain data, no queries while painting)."""

    def __init__(self, controller: SessionController) -> None:
        super().__init__(controller)
        self._c = controller
        self._ids: list[str] = []
        self._rows: dict[str, tuple[Any, ...]] = {}
        controller.session_loaded.connect(self.reload)
        controller.changed.connect(self._on_change)
        self.reload()

    # -------------------------------------------------------------- data

    def _build(self) -> tuple[list[str], dict[str, tuple[Any, ...]]]:
        d = self._c.detail
        if d is None:
            return [], {}
        position = {a.id: a.position for a in d.articles}
        outlet = {a.id: a.label for a in d.articles}
        link_count: dict[str, list[str]] = {}
        for lk in d.links:
            link_count.setdefault(lk.claim_a_id, []).append(lk.type)
            link_count.setdefault(lk.claim_b_id, []).append(lk.type)
        claims = sorted(d.claims, key=lambda c: (position.get(c.article_id, 0), c.start))
        rows = {}
        for c in claims:
            types = link_count.get(c.id, [])
            rows[c.id] = (
                outlet.get(c.article_id, ""),
                " ".join(c.quote.split()),
                c.verdict,
                types,
                c.updated,
                c.article_id,
                position.get(c.article_id, 0),
                c.start,
                d.scale.tone_of(c.verdict),
            )
        return [c.id for c in claims], rows

    def reload(self) -> None:
        self.beginResetModel()
        self._ids, self._rows = self._build()
        self.endResetModel()

    def _on_change(self, change: object) -> None:
        ids, rows = self._build()
        if ids == self._ids:
            self._rows = rows
            if ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._ids, self._rows = ids, rows
        self.endResetModel()

    def claim_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, claim_id: str) -> int:
        try:
            return self._ids.index(claim_id)
        except ValueError:
            return -1

    # -------------------------------------------------------------- Qt API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        cid = self._ids[index.row()]
        outlet, quote, verdict, types, updated, article_id, pos, start, tone = self._rows[cid]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return outlet
            if col == 1:
                return shorten(quote, 140)
            if col == 2:
                return verdict
            if col == 3:
                return str(len(types)) if types else ""
            if col == 4:
                local = updated.astimezone()
                if local.date() == datetime.now().astimezone().date():
                    return local.strftime("%H:%M")
                return local.strftime("%d %b")
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 3 and types:
                return "\n".join(LINK_TYPE_LABELS[t] for t in types)
            if col == 1:
                return tooltip(quote)
        if role == QUOTE_ROLE:
            return quote
        if role == Qt.ItemDataRole.BackgroundRole and col == 2:
            return QBrush(tone_fill(tone, unchecked=verdict == "Unchecked"))
        if role == ID_ROLE:
            return cid
        if role == ARTICLE_ROLE:
            return article_id
        if role == LINK_TYPES_ROLE:
            return types
        if role == SORT_ROLE:
            if col == 0:
                return pos * 1_000_000_000 + start  # pane order, then text order
            if col == 1:
                return quote.lower()
            if col == 2:
                return verdict
            if col == 3:
                return len(types)
            if col == 4:
                return updated.timestamp()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ClaimsFilter(QSortFilterProxyModel):
    """Filter by text, verdict, article and link type ("" means any)."""

    NO_LINKS = "__none__"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._verdict = ""
        self._article = ""
        self._link_type = ""
        self.setSortRole(SORT_ROLE)

    def set_filters(
        self,
        *,
        text: str | None = None,
        verdict: str | None = None,
        article: str | None = None,
        link_type: str | None = None,
    ) -> None:
        if text is not None:
            self._text = text.strip().lower()
        if verdict is not None:
            self._verdict = verdict
        if article is not None:
            self._article = article
        if link_type is not None:
            self._link_type = link_type
        self.beginFilterChange()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        idx = model.index(source_row, 1, source_parent)
        if self._text:
            hay = (
                f"{model.data(idx, QUOTE_ROLE)} "
                f"{model.data(model.index(source_row, 0, source_parent))}".lower()
            )
            if self._text not in hay:
                return False
        if self._verdict and model.data(model.index(source_row, 2, source_parent)) != self._verdict:
            return False
        if self._article and model.data(idx, ARTICLE_ROLE) != self._article:
            return False
        if self._link_type:
            types = model.data(idx, LINK_TYPES_ROLE) or []
            if self._link_type == self.NO_LINKS:
                return not types
            return self._link_type in types
        return True
