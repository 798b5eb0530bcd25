"""Review mode's data: claim order, filters, the session summary, and the list model.

The functions at the top are pure (plain ``SessionDetail`` in, plain data
out) so filters and counts are tested without widgets. The item model (an
``IdTableModel``) holds claim ids in review order with a cache of ``ClaimInfo``; the proxy applies a
``ReviewFilter``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ui import palette
from ui.id_table_model import IdTableModel
from ui.safe_text import tooltip
from workbench.queries.records import ClaimInfo, LinkInfo, SessionDetail, links_by_claim
from workbench.vocabulary import LINK_TYPE_LABELS, LINK_TYPES, WORKING_STATES

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1

# Pseudo-values of the filters besides a verdict label / link type.
ANY_CHECKED = "__checked__"  # any verdict from the scale
ANY_WORKING = "__working__"  # any working state (not yet checked)
NO_LINKS = "__no_links__"
ANY_LINK = "__any_link__"


@dataclass(frozen=True)
class ReviewFilter:
    """Which claims review mode walks through; None means "any"."""

    verdict: str | None = None  # a label, ANY_CHECKED or ANY_WORKING
    link_type: str | None = None  # a link type, NO_LINKS or ANY_LINK
    article_id: str | None = None
    judged_by: str | None = None  # who set the verdict (from the audit trail)

    @property
    def active(self) -> bool:
        return any(
            v is not None for v in (self.verdict, self.link_type, self.article_id, self.judged_by)
        )

    def accepts(self, claim: ClaimInfo, links: list[LinkInfo]) -> bool:
        """Whether ``claim`` (with its ``links``) passes every set criterion."""
        if self.article_id is not None and claim.article_id != self.article_id:
            return False
        if self.judged_by is not None and claim.judged_by != self.judged_by:
            return False
        if self.verdict == ANY_CHECKED:
            if claim.verdict in WORKING_STATES:
                return False
        elif self.verdict == ANY_WORKING:
            if claim.verdict not in WORKING_STATES:
                return False
        elif self.verdict is not None and claim.verdict != self.verdict:
            return False
        if self.link_type == NO_LINKS:
            return not links
        if self.link_type == ANY_LINK:
            return bool(links)
        if self.link_type is not None:
            return any(lk.type == self.link_type for lk in links)
        return True


def review_order(detail: SessionDetail) -> list[ClaimInfo]:
    """Claims in the order of the panes (article position), then of the text."""
    rank = {a.id: i for i, a in enumerate(detail.articles)}
    return sorted(detail.claims, key=lambda c: (rank.get(c.article_id, len(rank)), c.start, c.end))


def filter_claims(detail: SessionDetail, flt: ReviewFilter) -> list[ClaimInfo]:
    """The claims ``flt`` accepts, in review order."""
    by_claim = links_by_claim(detail.links)
    return [c for c in review_order(detail) if flt.accepts(c, by_claim.get(c.id, []))]


def judges(detail: SessionDetail) -> list[str]:
    """Everyone who set a verdict in the session, by name."""
    return sorted({c.judged_by for c in detail.claims if c.judged_by})


def verdict_choices(detail: SessionDetail) -> list[str]:
    """Working states, the scale's labels, then any other verdict claims carry
    (left over from a previous scale)."""
    known = list(WORKING_STATES) + list(detail.scale.labels)
    extra = sorted({c.verdict for c in detail.claims} - set(known))
    return known + extra


@dataclass(frozen=True)
class ReviewSummary:
    """What a reviewer wants to know first about a saved session."""

    claims: int
    checked: int
    per_verdict: list[tuple[str, int]]  # every verdict choice, in scale order
    per_link_type: list[tuple[str, int]]  # every link type, in LINK_TYPES order
    links: int
    unchecked: list[ClaimInfo]  # claims still in a working state
    per_article: list[tuple[str, int, int]] = field(default_factory=list)  # id, claims, checked
    per_person: list[tuple[str, int]] = field(default_factory=list)  # who judged, how many

    @property
    def progress(self) -> float:
        return self.checked / self.claims if self.claims else 0.0


def summarize(detail: SessionDetail) -> ReviewSummary:
    """Counts per verdict and link type, checked progress, the unchecked claims."""
    ordered = review_order(detail)
    verdicts = Counter(c.verdict for c in ordered)
    types = Counter(lk.type for lk in detail.links)
    unchecked = [c for c in ordered if c.verdict in WORKING_STATES]
    per_article = []
    for art in detail.articles:
        mine = [c for c in ordered if c.article_id == art.id]
        per_article.append(
            (art.id, len(mine), sum(1 for c in mine if c.verdict not in WORKING_STATES))
        )
    return ReviewSummary(
        claims=len(ordered),
        checked=len(ordered) - len(unchecked),
        per_verdict=[(v, verdicts.get(v, 0)) for v in verdict_choices(detail)],
        per_link_type=[(t, types.get(t, 0)) for t in LINK_TYPES],
        links=len(detail.links),
        unchecked=unchecked,
        per_article=per_article,
        per_person=Counter(
            c.judged_by for c in ordered if c.judged_by and c.verdict not in WORKING_STATES
        ).most_common(),
    )


def link_type_label(link_type: str) -> str:
    return LINK_TYPE_LABELS.get(link_type, link_type)


class Column(IntEnum):
    """Columns of the review list."""

    NUMBER = 0
    VERDICT = 1
    CLAIM = 2


@dataclass(frozen=True)
class ReviewRow:
    """What one row of the review list shows."""

    claim: ClaimInfo
    outlet: str
    tone: str


class ReviewClaimsModel(IdTableModel[ReviewRow]):
    """Read-only list of a session's claims in review order (ids plus a cache).

    A new detail of the same session changes only the rows that differ (a
    verdict repaints one row, a new claim inserts one), so the list keeps its
    selection and scroll position while edits land."""

    HEADERS = ("#", "Verdict", "Claim")
    COLUMNS = HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._links: dict[str, list[LinkInfo]] = {}
        self._detail: SessionDetail | None = None

    def set_detail(self, detail: SessionDetail | None) -> None:
        """Show the claims of ``detail`` (None: no session)."""
        same = (
            detail is not None
            and self._detail is not None
            and detail.summary.id == self._detail.summary.id
        )
        self._detail = detail
        self._links = dict(links_by_claim(detail.links)) if detail else {}
        if detail is None:
            self.reset_rows([])
            return
        outlets = {a.id: a.label for a in detail.articles}
        rows = [
            (c.id, ReviewRow(c, outlets.get(c.article_id, ""), detail.scale.tone_of(c.verdict)))
            for c in review_order(detail)
        ]
        if same and [k for k, _ in rows] == self._ids:
            for ident, row in rows:
                self.update_row(ident, row)
        elif same:
            self.sync_rows(rows)
        else:
            self.reset_rows(rows)

    def claim_id(self, row: int) -> str:
        return self.id_at(row)

    def claim(self, claim_id: str) -> ClaimInfo | None:
        row = self.value(claim_id)
        return row.claim if row else None

    def accepts(self, row: int, flt: ReviewFilter) -> bool:
        cid = self._ids[row]
        return flt.accepts(self._values[cid].claim, self._links.get(cid, []))

    # ------------------------------------------------------------ Qt model

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        r = self.value_at(index.row())
        c = r.claim
        col = Column(index.column())
        if role == ID_ROLE:
            return c.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == Column.NUMBER:
                return str(index.row() + 1)
            if col == Column.VERDICT:
                return c.verdict
            return f"{r.outlet}: {' '.join(c.quote.split())}"
        if role == Qt.ItemDataRole.ToolTipRole and col == Column.CLAIM:
            return tooltip(c.quote)
        if role == Qt.ItemDataRole.BackgroundRole and col == Column.VERDICT and self._detail:
            return palette.tone_fill(r.tone, unchecked=c.verdict == WORKING_STATES[0])
        if role == Qt.ItemDataRole.ForegroundRole and col == Column.VERDICT:
            return palette.theme().tone_text  # readable on the tone fills
        if role == Qt.ItemDataRole.TextAlignmentRole and col == Column.NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ReviewFilterProxy(QSortFilterProxyModel):
    """Shows the rows of a ``ReviewClaimsModel`` that a ``ReviewFilter`` accepts."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = ReviewFilter()

    @property
    def review_filter(self) -> ReviewFilter:
        return self._filter

    def set_filter(self, flt: ReviewFilter) -> None:
        self.beginFilterChange()
        self._filter = flt
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, ReviewClaimsModel) or source_parent.isValid():
            return True
        return model.accepts(source_row, self._filter)
