"""The session's claims as a table: a model over claim ids, and its filters."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush

from ui.controller import SessionController
from ui.id_table_model import IdTableModel
from ui.palette import tone_fill
from ui.safe_text import tooltip
from workbench import ops
from workbench.preview import shorten
from workbench.queries.records import ClaimInfo, SessionDetail
from workbench.vocabulary import LINK_TYPE_LABELS, Tone

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Article", "Quote", "Verdict", "Links", "Updated")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
LINK_TYPES_ROLE = Qt.ItemDataRole.UserRole + 3
ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 4
QUOTE_ROLE = Qt.ItemDataRole.UserRole + 5
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)


@dataclass(frozen=True)
class ClaimRow:
    """What one row of the claims table shows (plain data)."""

    outlet: str
    quote: str
    verdict: str
    types: tuple[str, ...]  # link types, one per link
    updated: datetime
    article_id: str
    position: int
    start: int
    tone: Tone

    @property
    def order(self) -> tuple[int, int]:
        return (self.position, self.start)


class ClaimsModel(IdTableModel[ClaimRow]):
    """Rows are claim ids in pane order then text order; cells come from the
    controller's loaded session (plain data, no queries while painting).

    After an edit only the rows of the claims the change names are touched:
    a verdict or a rationale changes one row, a new claim inserts one."""

    COLUMNS = COLUMNS

    def __init__(self, controller: SessionController) -> None:
        super().__init__(controller)
        self._c = controller
        controller.session_loaded.connect(self.reload)
        controller.changed.connect(self._on_change)
        self.reload()

    # -------------------------------------------------------------- data

    def _row(self, c: ClaimInfo, d: SessionDetail, types: Sequence[str]) -> ClaimRow:
        art = next((a for a in d.articles if a.id == c.article_id), None)
        return ClaimRow(
            art.label if art else "",
            " ".join(c.quote.split()),
            c.verdict,
            tuple(types),
            c.updated,
            c.article_id,
            art.position if art else 0,
            c.start,
            d.scale.tone_of(c.verdict),
        )

    def _all_rows(self) -> list[tuple[str, ClaimRow]]:
        d = self._c.detail
        if d is None:
            return []
        position = {a.id: a.position for a in d.articles}
        outlet = {a.id: a.label for a in d.articles}
        link_types: dict[str, list[str]] = {}
        for lk in d.links:
            link_types.setdefault(lk.claim_a_id, []).append(lk.type)
            link_types.setdefault(lk.claim_b_id, []).append(lk.type)
        claims = sorted(d.claims, key=lambda c: (position.get(c.article_id, 0), c.start))
        return [
            (
                c.id,
                ClaimRow(
                    outlet.get(c.article_id, ""),
                    " ".join(c.quote.split()),
                    c.verdict,
                    tuple(link_types.get(c.id, ())),
                    c.updated,
                    c.article_id,
                    position.get(c.article_id, 0),
                    c.start,
                    d.scale.tone_of(c.verdict),
                ),
            )
            for c in claims
        ]

    def reload(self) -> None:
        self.reset_rows(self._all_rows())

    def _on_change(self, change: ops.Change) -> None:
        d = self._c.detail
        if d is None:
            self.reload()
            return
        if {"article", "scale"} & change.kinds:
            # Outlets, pane order or every verdict's colour may differ: every
            # row is looked at, but only rows that differ are signalled.
            self.sync_rows(self._all_rows())
            return
        for cid in change.ids:
            claim = self._c.claim(cid)
            if claim is None:
                self.remove_row(cid)  # a no-op for ids that are not claims
                continue
            types = [lk.type for lk in d.links_of(cid)]
            row = self._row(claim, d, types)
            if not self.update_row(cid, row):
                self.insert_row(cid, row, self._place(row))

    def _place(self, row: ClaimRow) -> int:
        """The row a new claim goes to: pane order, then text order."""
        return bisect.bisect_left(self._ids, row.order, key=lambda k: self._values[k].order)

    def claim_id(self, row: int) -> str:
        return self.id_at(row)

    # -------------------------------------------------------------- Qt API

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called thousands of times while the table paints and sorts: roles
        # are compared as plain ints, the common ones first.
        row = index.row()
        if not 0 <= row < len(self._ids) or not index.isValid():
            return None
        cid = self._ids[row]
        r = self._values[cid]
        col = index.column()
        if role == _DISPLAY:
            if col == 0:
                return r.outlet
            if col == 1:
                return shorten(r.quote, 140)
            if col == 2:
                return r.verdict
            if col == 3:
                return str(len(r.types)) if r.types else ""
            if col == 4:
                local = r.updated.astimezone()
                if local.date() == datetime.now().astimezone().date():
                    return local.strftime("%H:%M")
                return local.strftime("%d %b")
            return None
        if role == SORT_ROLE:
            if col == 0:
                return r.position * 1_000_000_000 + r.start  # pane order, then text order
            if col == 1:
                return r.quote.lower()
            if col == 2:
                return r.verdict
            if col == 3:
                return len(r.types)
            if col == 4:
                return r.updated.timestamp()
            return None
        if role == _BACKGROUND:
            if col == 2:
                return QBrush(tone_fill(r.tone, unchecked=r.verdict == "Unchecked"))
            return None
        if role == _TOOLTIP:
            if col == 3 and r.types:
                return "\n".join(LINK_TYPE_LABELS[t] for t in r.types)
            if col == 1:
                return tooltip(r.quote)
            return None
        if role == QUOTE_ROLE:
            return r.quote
        if role == ID_ROLE:
            return cid
        if role == ARTICLE_ROLE:
            return r.article_id
        if role == LINK_TYPES_ROLE:
            return r.types
        return None


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
