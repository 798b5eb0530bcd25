"""Review mode: a read-only walk through a saved session's claims.

A reviewer who did not do the checking filters the claims (by verdict, link
type, article), steps through them with Previous / Next (keys P and N), reads
each claim in context with its verdict, rationale, evidence, notes and linked
claims, and reads a summary of the session. Nothing here edits: "Show in
panes" emits ``jump_requested(claim_id)`` for the main window.

Built over ``SessionDetail`` (plain data); all text shown is escaped, so
article text can never inject markup or make Qt load a resource.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui import palette
from ui.controller import SessionController
from ui.review.review_model import (
    ANY_CHECKED,
    ANY_LINK,
    ANY_WORKING,
    ID_ROLE,
    NO_LINKS,
    Column,
    ReviewClaimsModel,
    ReviewFilter,
    ReviewFilterProxy,
    ReviewSummary,
    judges,
    link_type_label,
    summarize,
    verdict_choices,
)
from workbench.export.html_report import (
    bar_html,
    checked_line_html,
    claim_page_html,
    count_table_html,
)
from workbench.export.report_model import Count
from workbench.queries.records import ClaimInfo, SessionDetail
from workbench.vocabulary import LINK_TYPE_LABELS

DIM = "#7a7a7a"
CSS = f"""
body {{ font-size: 10pt; }}
h2 {{ margin: 0 0 2px 0; }}
h4 {{ margin: 14px 0 4px 0; }}
.dim {{ color: {DIM}; }}
.quote {{ font-size: 12pt; }}
.chip {{ padding: 2px 6px; }}
td {{ padding: 2px 8px 2px 0; }}
"""


# Qt's rich text ignores a heading's top margin after a table: end tables
# with a thin empty paragraph instead.
_H4 = '<h4 style="margin-top:16px">'
_SPACER = '<p style="margin:0; font-size:4pt">&nbsp;</p>'
_END_TABLE = "</table>" + _SPACER


def _text(value: str) -> str:
    """Escaped text with line breaks kept."""
    return escape(value).replace("\n", "<br>")


def _outlet(detail: SessionDetail, article_id: str) -> str:
    return detail.article(article_id).label


def claim_html(detail: SessionDetail, claim: ClaimInfo) -> str:
    """The claim page: article, quote in context, verdict, rationale, evidence,
    notes and linked claims (each linked quote is a ``claim:<id>`` anchor).
    The same template pieces as the HTML report (workbench/export/templates)."""
    return claim_page_html(detail, claim.id, href="claim:")


def summary_html(detail: SessionDetail, summary: ReviewSummary) -> str:
    """The summary page: progress, claims per verdict, links per type, per
    article, and the claims not yet checked (anchors ``claim:<id>``)."""
    true_fill = palette.tone_fill("true").name()
    out = [f"<h2>{escape(detail.summary.title)}</h2>"]
    if detail.summary.description.strip():
        out.append(f'<div class="dim">{_text(detail.summary.description)}</div>')
    out.append(checked_line_html(summary.checked, summary.claims))
    out.append(bar_html(summary.progress, true_fill, 320) + _SPACER)

    out.append(f"{_H4}Claims per verdict</h4>")
    out.append(
        count_table_html(
            [
                Count(v, v, n, palette.tone_fill(detail.scale.tone_of(v)).name())
                for v, n in summary.per_verdict
            ]
        )
        + _SPACER
    )
    out.append(f"{_H4}Links per type ({summary.links})</h4>")
    out.append(
        count_table_html(
            [
                Count(t, link_type_label(t), n, palette.link_color(t).name())
                for t, n in summary.per_link_type
            ]
        )
        + _SPACER
    )

    out.append(f"{_H4}Articles</h4><table>")
    for article_id, claims, checked in summary.per_article:
        art = detail.article(article_id)
        name = escape(art.title) + (
            f' <span class="dim">({escape(art.outlet)})</span>' if art.outlet else ""
        )
        out.append(f"<tr><td>{name}</td><td align=right>{checked}/{claims} checked</td></tr>")
    out.append(_END_TABLE)

    if summary.per_person:
        out.append(f"{_H4}Verdicts by person</h4><table>")
        for person, n in summary.per_person:
            out.append(f"<tr><td width=170>{escape(person)}</td><td align=right>{n}</td></tr>")
        out.append(_END_TABLE)

    out.append(f"{_H4}Not yet checked ({len(summary.unchecked)})</h4>")
    if not summary.unchecked:
        out.append('<p class="dim">Every claim has a verdict.</p>')
    for c in summary.unchecked:
        out.append(
            f"<p>{escape(_outlet(detail, c.article_id))} "
            f'<span class="dim">({escape(c.verdict)})</span><br>'
            f'<a href="claim:{escape(c.id)}">“{escape(c.quote)}”</a></p>'
        )
    return "".join(out)


def _browser() -> QTextBrowser:
    view = QTextBrowser()
    view.setOpenLinks(False)  # anchors are ours: claim:<id>
    view.setOpenExternalLinks(False)
    view.document().setDefaultStyleSheet(CSS)
    view.document().setDocumentMargin(12)
    return view


class ReviewPanel(QWidget):
    """Filters, a claim list, the current claim's page and a summary tab.

    ``set_detail(detail)`` shows a session (None: nothing); ``go_next``,
    ``go_previous`` and ``show_claim(id)`` move; ``set_filter(ReviewFilter)``
    or the combos filter. Signals: ``jump_requested(claim_id)`` ("Show in
    panes", double-click or Enter in the list) and ``current_changed(claim_id
    or None)``.
    """

    jump_requested = Signal(str)
    current_changed = Signal(object)

    def __init__(self, detail: SessionDetail | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._detail: SessionDetail | None = None
        self._current: str | None = None
        self.model = ReviewClaimsModel(self)
        self.proxy = ReviewFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.verdict_combo = QComboBox()
        self.link_combo = QComboBox()
        self.article_combo = QComboBox()
        self.article_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.article_combo.setMinimumContentsLength(18)
        self.person_combo = QComboBox()
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.clicked.connect(self.clear_filters)
        self.count_label = QLabel()
        filters = QHBoxLayout()
        for text, combo in (
            ("&Verdict:", self.verdict_combo),
            ("&Link:", self.link_combo),
            ("&Article:", self.article_combo),
            ("&Judged by:", self.person_combo),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)
            filters.addSpacing(6)
            combo.currentIndexChanged.connect(self._filters_changed)
        filters.addWidget(self.clear_button)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        self.list = QTableView()
        self.list.setModel(self.proxy)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setShowGrid(False)
        self.list.setWordWrap(False)
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setDefaultSectionSize(28)
        header = self.list.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(Column.NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.VERDICT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.CLAIM, QHeaderView.ResizeMode.Stretch)
        self.list.selectionModel().currentRowChanged.connect(self._row_changed)
        self.list.activated.connect(lambda _i: self._jump())

        self.page = _browser()
        self.page.anchorClicked.connect(self._anchor)
        self.prev_button = QPushButton("◀ Previous")
        self.next_button = QPushButton("Next ▶")
        self.prev_button.setToolTip("Previous claim (P)")
        self.next_button.setToolTip("Next claim (N)")
        self.position_label = QLabel()
        self.position_label.setMinimumWidth(90)
        self.position_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.jump_button = QPushButton("Show in panes")
        self.jump_button.setToolTip("Show this claim in the article panes")
        self.prev_button.clicked.connect(self.go_previous)
        self.next_button.clicked.connect(self.go_next)
        self.jump_button.clicked.connect(self._jump)
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.position_label)
        nav.addWidget(self.next_button)
        nav.addStretch(1)
        nav.addWidget(self.jump_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.page, 1)
        right_layout.addLayout(nav)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([380, 620])

        self.summary_view = _browser()
        self.summary_view.anchorClicked.connect(self._anchor)
        self.tabs = QTabWidget()
        self.tabs.addTab(split, "&Claims")
        self.tabs.addTab(self.summary_view, "&Summary")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(filters)
        layout.addWidget(self.tabs, 1)

        for key, slot in (("N", self.go_next), ("P", self.go_previous)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.set_detail(detail)

    # ------------------------------------------------------------ data

    @property
    def detail(self) -> SessionDetail | None:
        return self._detail

    @property
    def current_claim_id(self) -> str | None:
        return self._current

    def visible_claim_ids(self) -> list[str]:
        """The claims the filters let through, in review order."""
        return [str(self.proxy.index(r, 0).data(ID_ROLE)) for r in range(self.proxy.rowCount())]

    def set_detail(self, detail: SessionDetail | None) -> None:
        """Show a session (refreshing keeps the filters and the current claim)."""
        keep = self._current
        flt = self.proxy.review_filter
        self._detail = detail
        self.model.set_detail(detail)
        self._fill_combos(flt)
        self.proxy.set_filter(self._combo_filter())
        self.summary_view.setHtml(summary_html(detail, summarize(detail)) if detail else "")
        self._current = None
        if keep is None or not self.show_claim(keep, clear_filters=False):
            self._select_row(0)
        self._update()

    def _fill_combos(self, keep: ReviewFilter) -> None:
        detail = self._detail
        for combo in (self.verdict_combo, self.link_combo, self.article_combo, self.person_combo):
            combo.blockSignals(True)
            combo.clear()
        self.person_combo.addItem("Anyone", None)
        self.verdict_combo.addItem("All verdicts", None)
        self.verdict_combo.addItem("Checked (any verdict)", ANY_CHECKED)
        self.verdict_combo.addItem("Not yet checked", ANY_WORKING)
        self.link_combo.addItem("Any or none", None)
        self.link_combo.addItem("Has links", ANY_LINK)
        self.link_combo.addItem("No links", NO_LINKS)
        self.article_combo.addItem("All articles", None)
        if detail is not None:
            self.verdict_combo.insertSeparator(self.verdict_combo.count())
            for verdict in verdict_choices(detail):
                self.verdict_combo.addItem(verdict, verdict)
            self.link_combo.insertSeparator(self.link_combo.count())
            for link_type, label in LINK_TYPE_LABELS.items():
                self.link_combo.addItem(label, link_type)
            for art in detail.articles:
                name = f"{art.outlet}: {art.title}" if art.outlet else art.title
                self.article_combo.addItem(name, art.id)
            for person in judges(detail):
                self.person_combo.addItem(person, person)
        for combo, value in (
            (self.verdict_combo, keep.verdict),
            (self.link_combo, keep.link_type),
            (self.article_combo, keep.article_id),
            (self.person_combo, keep.judged_by),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
            combo.blockSignals(False)

    def _combo_filter(self) -> ReviewFilter:
        return ReviewFilter(
            self.verdict_combo.currentData(),
            self.link_combo.currentData(),
            self.article_combo.currentData(),
            self.person_combo.currentData(),
        )

    # ------------------------------------------------------------ filters

    def set_filter(self, flt: ReviewFilter) -> None:
        """Set the filters (the combos follow)."""
        for combo, value in (
            (self.verdict_combo, flt.verdict),
            (self.link_combo, flt.link_type),
            (self.article_combo, flt.article_id),
            (self.person_combo, flt.judged_by),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
            combo.blockSignals(False)
        self._filters_changed()

    def clear_filters(self) -> None:
        self.set_filter(ReviewFilter())

    def _filters_changed(self) -> None:
        keep = self._current
        self.proxy.set_filter(self._combo_filter())
        if keep is None or not self.show_claim(keep, clear_filters=False):
            self._select_row(0)
        self._update()

    # ------------------------------------------------------------ navigation

    def go_next(self) -> None:
        self._select_row(self._row() + 1)

    def go_previous(self) -> None:
        row = self._row()
        if row > 0:
            self._select_row(row - 1)

    def show_claim(self, claim_id: str, *, clear_filters: bool = True) -> bool:
        """Make ``claim_id`` the current claim (clearing filters that hide it)."""
        row = self.model.row_of(claim_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            if not clear_filters:
                return False
            self.clear_filters()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self._select_row(index.row())
        self.tabs.setCurrentIndex(0)
        return True

    def _row(self) -> int:
        if self._current is None:
            return -1
        row = self.model.row_of(self._current)
        return self.proxy.mapFromSource(self.model.index(row, 0)).row() if row >= 0 else -1

    def _select_row(self, row: int) -> None:
        if not 0 <= row < self.proxy.rowCount():
            if self.proxy.rowCount() == 0:
                self.list.selectionModel().clear()
                self._set_current(None)
            return
        index = self.proxy.index(row, 0)
        self.list.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.list.scrollTo(index)
        self._set_current(str(index.data(ID_ROLE)))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._set_current(str(current.data(ID_ROLE)))

    def _set_current(self, claim_id: str | None) -> None:
        if claim_id == self._current:
            return
        self._current = claim_id
        self._update()
        self.current_changed.emit(claim_id)

    def _update(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count_label.setText(
            f"{shown} of {total} claims" if self.proxy.review_filter.active else f"{total} claims"
        )
        self.clear_button.setEnabled(self.proxy.review_filter.active)
        row = self._row()
        claim = self.model.claim(self._current) if self._current else None
        if claim is None or self._detail is None:
            self.position_label.setText("–")
            if self._detail is None:
                self.page.setHtml('<p class="dim">No session is open.</p>')
            elif total == 0:
                self.page.setHtml('<p class="dim">This session has no claims yet.</p>')
            else:
                self.page.setHtml('<p class="dim">No claim matches these filters.</p>')
        else:
            self.position_label.setText(f"{row + 1} of {shown}")
            self.page.setHtml(claim_html(self._detail, claim))
        self.prev_button.setEnabled(row > 0)
        self.next_button.setEnabled(0 <= row < shown - 1)
        self.jump_button.setEnabled(claim is not None)

    # ------------------------------------------------------------ actions

    def _jump(self) -> None:
        if self._current is not None:
            self.jump_requested.emit(self._current)

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() == "claim":
            self.show_claim(url.path())


class ReviewWindow(QDialog):
    """Review mode in its own non-modal window, following a controller.

    It re-reads ``controller.detail`` whenever a session is loaded or an
    edit lands, and forwards ``jump_requested(claim_id)``.
    """

    jump_requested = Signal(str)

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setModal(False)
        self.resize(1100, 720)
        self.panel = ReviewPanel(controller.detail, self)
        self.panel.jump_requested.connect(self.jump_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        controller.session_loaded.connect(self.refresh)
        controller.changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        detail = self.controller.detail
        self.panel.set_detail(detail)
        title = detail.summary.title if detail else "no session"
        self.setWindowTitle(f"Review — {title}")
